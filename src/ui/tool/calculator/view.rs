//! How the calculator looks: the expression line, the result line (or the error in words), the
//! key pad as on a school calculator, and the tape of the last results. Every key is a button
//! with an id (`calc-7`, `calc-add`, ...) so flows can press it.

use iced::widget::{Column, Row, button, column, container, text};
use iced::{Alignment, Element, Length};

use super::{CalcError, Calculator, Key, Op, display};
use crate::i18n::{Lang, tr};
use crate::ui::theme::{self, Button, Panel, bold, metrics};

/// Widget ids.
pub mod id {
    use super::{Key, Op};

    /// The frame of a key's button.
    pub fn key(key: Key) -> String {
        let name = match key {
            Key::Digit(d) => return format!("calc-{d}"),
            Key::Point => "point",
            Key::Op(Op::Add) => "add",
            Key::Op(Op::Sub) => "sub",
            Key::Op(Op::Mul) => "mul",
            Key::Op(Op::Div) => "div",
            Key::Op(Op::Pow) => "pow",
            Key::Open => "open",
            Key::Close => "close",
            Key::Sign => "sign",
            Key::Sqrt => "sqrt",
            Key::Percent => "percent",
            Key::Clear => "clear",
            Key::Back => "back",
            Key::Equals => "equals",
        };
        format!("calc-{name}")
    }
    /// The expression line.
    pub const EXPRESSION: &str = "calc-expression";
    /// The result line.
    pub const RESULT: &str = "calc-result";
}

/// The decimal separator of an interface language: a comma in Kazakh and Russian.
pub fn point(lang: Lang) -> char {
    match lang {
        Lang::En => '.',
        Lang::Kk | Lang::Ru => ',',
    }
}

/// A key's label.
fn label(key: Key, point: char) -> String {
    match key {
        Key::Digit(d) => d.to_string(),
        Key::Point => point.to_string(),
        Key::Op(Op::Add) => "+".to_owned(),
        Key::Op(Op::Sub) => "−".to_owned(),
        Key::Op(Op::Mul) => "×".to_owned(),
        Key::Op(Op::Div) => "÷".to_owned(),
        Key::Op(Op::Pow) => "xʸ".to_owned(),
        Key::Open => "(".to_owned(),
        Key::Close => ")".to_owned(),
        Key::Sign => "±".to_owned(),
        Key::Sqrt => "√".to_owned(),
        Key::Percent => "%".to_owned(),
        Key::Clear => "C".to_owned(),
        Key::Back => "⌫".to_owned(),
        Key::Equals => "=".to_owned(),
    }
}

/// The Fluent id of an error's words.
fn error_id(error: CalcError) -> &'static str {
    match error {
        CalcError::DivisionByZero => "calc-error-division-by-zero",
        CalcError::Overflow => "calc-error-overflow",
        CalcError::Malformed => "calc-error-malformed",
        CalcError::NegativeRoot => "calc-error-negative-root",
    }
}

/// The rows of the key pad; the optional keys only when the format enables them.
fn rows(calc: &Calculator) -> Vec<Vec<Key>> {
    let d = Key::Digit;
    let mut rows = vec![
        vec![Key::Clear, Key::Back, Key::Open, Key::Close],
        vec![d(7), d(8), d(9), Key::Op(Op::Div)],
        vec![d(4), d(5), d(6), Key::Op(Op::Mul)],
        vec![d(1), d(2), d(3), Key::Op(Op::Sub)],
        vec![Key::Sign, d(0), Key::Point, Key::Op(Op::Add)],
    ];
    let mut last: Vec<Key> = [Key::Sqrt, Key::Op(Op::Pow), Key::Percent]
        .into_iter()
        .filter(|k| calc.has(*k))
        .collect();
    last.push(Key::Equals);
    rows.push(last);
    rows
}

/// The calculator.
pub fn view<'a>(calc: &Calculator, lang: Lang) -> Element<'a, Key> {
    let point = point(lang);
    let expression = calc.expression(point);
    let (result, look) = match calc.result() {
        Some(Ok(v)) => (format!("= {}", display(v, point)), theme::Text::Plain),
        Some(Err(e)) => (tr(lang, error_id(e)), theme::Text::Bad),
        None => (String::new(), theme::Text::Plain),
    };
    let screen = container(
        column![
            container(text(expression).size(metrics::TEXT))
                .id(id::EXPRESSION)
                .align_right(Length::Fill),
            container(
                text(result)
                    .size(metrics::CALC_RESULT)
                    .wrapping(text::Wrapping::WordOrGlyph)
                    .font(bold())
                    .style(theme::text(look))
            )
            .id(id::RESULT)
            .align_right(Length::Fill),
        ]
        .spacing(metrics::GAP_TINY),
    )
    .padding(metrics::PAD_SMALL)
    .style(theme::panel(Panel::Selected))
    .width(Length::Fill);
    let pad = rows(calc).into_iter().map(|keys| {
        let cells = keys.into_iter().map(|key| {
            let look = match key {
                Key::Equals => Button::Primary,
                Key::Clear => Button::Danger,
                _ => Button::Quiet,
            };
            let b = button(
                container(text(label(key, point)).size(metrics::TEXT).font(bold()))
                    .center_x(Length::Fill),
            )
            .width(Length::Fill)
            .padding(metrics::CALC_KEY_PAD)
            .style(theme::button(look))
            .on_press(key);
            container(b).id(id::key(key)).width(Length::Fill).into()
        });
        Row::with_children(cells)
            .spacing(metrics::GAP_TINY)
            .width(Length::Fill)
            .into()
    });
    let pad = Column::with_children(pad).spacing(metrics::GAP_TINY);
    let tape = calc.tape().map(|(line, value)| {
        text(format!(
            "{} = {}",
            line.replace('.', &point.to_string()),
            display(*value, point)
        ))
        .size(metrics::SMALL)
        .into()
    });
    column![
        screen,
        pad,
        text(tr(lang, "calc-tape"))
            .size(metrics::SMALL)
            .font(bold()),
        Column::with_children(tape).spacing(metrics::GAP_TINY),
    ]
    .spacing(metrics::GAP_SMALL)
    .align_x(Alignment::Start)
    .into()
}
