//! Small view pieces the screens share: titles, the clock, subject and pass-mark names, and task
//! text with its markup and images rendered from the package's media.

use iced::widget::{Column, Row, button, column, container, image, rich_text, span, svg, text};
use iced::{Alignment, Element, Font, Length, font};

use crate::exam::Paper;
use crate::exam::clock::display_seconds;
use crate::exam::rich::{self, Block, Script};
use crate::exam::task::Localized;
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::ui::FONT_NAME;
use crate::ui::theme::{bold, metrics};

/// A screen title.
pub fn title<'a, M: 'a>(s: String) -> Element<'a, M> {
    text(s).size(metrics::TITLE).font(bold()).into()
}

/// A page of centred blocks in the middle of the screen (notices, breaks, decisions).
pub fn centered<'a, M: 'a>(page: Column<'a, M>) -> Element<'a, M> {
    container(
        page.spacing(metrics::GAP)
            .align_x(Alignment::Center)
            .max_width(metrics::READING_WIDTH),
    )
    .center(Length::Fill)
    .padding(metrics::EDGE)
    .into()
}

/// A navigator cell: the task's number within its block, in a look that says its state.
pub fn nav_cell<'a, M: Clone + 'a>(
    number: usize,
    look: fn(&iced::Theme, button::Status) -> button::Style,
    on_press: M,
    id: String,
) -> Element<'a, M> {
    let cell = button(
        text(number.to_string())
            .size(metrics::SMALL)
            .align_x(Alignment::Center)
            .width(Length::Fill),
    )
    .width(Length::Fixed(metrics::NAV_CELL))
    .padding(metrics::PAD_SMALL)
    .style(look)
    .on_press(on_press);
    container(cell).id(id).into()
}

/// Navigator cells in rows of `NAV_COLUMNS`.
pub fn nav_grid<'a, M: 'a>(cells: Vec<Element<'a, M>>) -> Element<'a, M> {
    let mut grid = column![].spacing(metrics::GAP_TINY);
    let mut cells = cells.into_iter().peekable();
    while cells.peek().is_some() {
        let line: Vec<_> = cells.by_ref().take(metrics::NAV_COLUMNS).collect();
        grid = grid.push(Row::with_children(line).spacing(metrics::GAP_TINY));
    }
    grid.into()
}

/// A large labelled button (Start, Finish, Continue, ...) in a frame with `id`; pressable only
/// with a message.
pub fn action<'a, M: Clone + 'a>(
    label: String,
    look: fn(&iced::Theme, button::Status) -> button::Style,
    on_press: Option<M>,
    id: &'static str,
) -> Element<'a, M> {
    container(
        button(text(label).size(metrics::TEXT).font(bold()))
            .padding(metrics::PAD)
            .style(look)
            .on_press_maybe(on_press),
    )
    .id(id)
    .into()
}

/// A button label with the key that does the same: `Finish test  [F10]`.
pub fn keyed(mut label: String, press: crate::ui::keys::Press) -> String {
    label.push_str("  [");
    label.push_str(crate::ui::keys::cap(press));
    label.push(']');
    label
}

/// Whether a justification or technical-appeal text is short enough for the exam core.
pub fn text_fits(text: &str) -> bool {
    text.chars().count() <= crate::exam::state::MAX_TEXT
}

/// The length of a text being written against its limit; a warning once it is over.
pub fn text_length<'a, M: 'a>(lang: Lang, text: &str) -> Element<'a, M> {
    let args = [
        (
            "count",
            Arg::Num(i64::try_from(text.chars().count()).unwrap_or(i64::MAX)),
        ),
        (
            "max",
            Arg::Num(i64::try_from(crate::exam::state::MAX_TEXT).unwrap_or(0)),
        ),
    ];
    if text_fits(text) {
        iced::widget::text(tr_args(lang, "text-length", &args))
            .size(metrics::SMALL)
            .into()
    } else {
        iced::widget::text(tr_args(lang, "text-too-long", &args))
            .size(metrics::SMALL)
            .style(iced::widget::text::danger)
            .into()
    }
}

/// `H:MM:SS` for a time left in milliseconds (rounded up, so 0:00:00 only at the very end).
pub fn clock(ms: u64) -> String {
    let s = display_seconds(ms);
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// A message id with a fallback when a package names something the catalogue does not know.
fn tr_known(lang: Lang, id: &str, fallback: &str) -> String {
    let t = tr(lang, id);
    if t == id { fallback.to_owned() } else { t }
}

/// A subject's name in the interface language.
pub fn subject(lang: Lang, code: &str) -> String {
    tr_known(lang, &format!("subject-{code}"), code)
}

/// A pass mark's name.
pub fn pass_mark(lang: Lang, id: &str) -> String {
    tr_known(lang, &format!("pass-{id}"), id)
}

/// The name of a block's subject.
pub fn block_subject(lang: Lang, paper: &Paper, block: &str) -> String {
    subject(lang, paper.subject_of(block).unwrap_or(block))
}

/// "Task N" for a task number within its block.
pub fn task_label(lang: Lang, number: usize) -> String {
    tr_args(
        lang,
        "task-number",
        &[("n", Arg::Num(i64::try_from(number).unwrap_or(0)))],
    )
}

/// The text of `localized` in `lang`, or in any language it has.
pub fn pick(localized: &Localized, lang: Lang) -> &str {
    localized
        .get(&lang)
        .or_else(|| localized.values().next())
        .map_or("", String::as_str)
}

/// Task text with its markup: paragraphs, bold, italic, raised and lowered text, and images.
pub fn rich<'a, M: 'a>(paper: &'a Paper, source: &str, size: f32) -> Element<'a, M> {
    let blocks = rich::parse(source).into_iter().map(|block| match block {
        Block::Para(spans) => {
            let spans: Vec<iced::widget::text::Span<'a, (), Font>> = spans
                .into_iter()
                .map(|s| {
                    let body = match s.script {
                        Script::Normal => s.text,
                        Script::Super => raise(&s.text, SUPER),
                        Script::Sub => raise(&s.text, SUB),
                    };
                    let font = Font {
                        weight: if s.bold {
                            font::Weight::Bold
                        } else {
                            font::Weight::Normal
                        },
                        style: if s.italic {
                            font::Style::Italic
                        } else {
                            font::Style::Normal
                        },
                        ..Font::with_name(FONT_NAME)
                    };
                    span(body).font(font)
                })
                .collect();
            rich_text(spans).size(size).width(Length::Fill).into()
        }
        Block::Image { name, alt } => media(paper, &name, alt),
    });
    Column::with_children(blocks)
        .spacing(metrics::GAP_SMALL)
        .width(Length::Fill)
        .into()
}

fn media<'a, M: 'a>(paper: &'a Paper, name: &str, alt: String) -> Element<'a, M> {
    let Some(bytes) = paper.media.get(name) else {
        return text(alt).size(metrics::SMALL).into();
    };
    let picture: Element<'a, M> = if std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
    {
        svg(svg::Handle::from_memory(bytes.clone()))
            .width(Length::Fixed(metrics::FIGURE_WIDTH))
            .into()
    } else {
        image(image::Handle::from_bytes(bytes.clone()))
            .width(Length::Fixed(metrics::FIGURE_WIDTH))
            .into()
    };
    column![container(picture), text(alt).size(metrics::SMALL)]
        .spacing(metrics::GAP_SMALL)
        .into()
}

const SUPER: [(char, char); 14] = [
    ('0', '⁰'),
    ('1', '¹'),
    ('2', '²'),
    ('3', '³'),
    ('4', '⁴'),
    ('5', '⁵'),
    ('6', '⁶'),
    ('7', '⁷'),
    ('8', '⁸'),
    ('9', '⁹'),
    ('+', '⁺'),
    ('-', '⁻'),
    ('−', '⁻'),
    ('n', 'ⁿ'),
];

const SUB: [(char, char); 14] = [
    ('0', '₀'),
    ('1', '₁'),
    ('2', '₂'),
    ('3', '₃'),
    ('4', '₄'),
    ('5', '₅'),
    ('6', '₆'),
    ('7', '₇'),
    ('8', '₈'),
    ('9', '₉'),
    ('+', '₊'),
    ('-', '₋'),
    ('−', '₋'),
    ('x', 'ₓ'),
];

/// Raised or lowered text as Unicode super/subscript characters; text with characters that have
/// none keeps a visible `^(...)` or `_(...)` so nothing is lost.
fn raise(s: &str, table: [(char, char); 14]) -> String {
    let mapped: Option<String> = s
        .chars()
        .map(|c| table.iter().find(|(k, _)| *k == c).map(|(_, v)| *v))
        .collect();
    mapped.unwrap_or_else(|| {
        let mark = if table == SUPER { '^' } else { '_' };
        format!("{mark}({s})")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_and_raised_text() {
        assert_eq!(clock(0), "0:00:00");
        assert_eq!(clock(1), "0:00:01", "rounded up");
        assert_eq!(clock(4 * 3600 * 1000), "4:00:00");
        assert_eq!(clock(61_000 + 3_600_000), "1:01:01");
        assert_eq!(raise("2", SUPER), "²");
        assert_eq!(raise("-1", SUPER), "⁻¹");
        assert_eq!(raise("2", SUB), "₂");
        assert_eq!(raise("ab", SUPER), "^(ab)");
    }
}
