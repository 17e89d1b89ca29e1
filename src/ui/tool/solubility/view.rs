//! How the solubility table looks: cation labels across, anion labels down, each cell lettered
//! and coloured as candidates know it, a crosshair over the row and column of the cell under the
//! pointer or the keyboard's focus, the focused salt's formula and meaning, and the legend.

use iced::widget::{Column, Row, column, container, mouse_area, row, text};
use iced::{Alignment, Element, Length};

use super::{Focus, Message, Solubility, Table, formula, table};
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::ui::theme::{bold, metrics, tools};

/// Widget ids.
pub mod id {
    /// A cell, by anion row and cation column: `salt-0-0` ...
    pub fn cell(anion: usize, cation: usize) -> String {
        format!("salt-{anion}-{cation}")
    }
    /// The line naming the focused salt.
    pub const FOCUSED: &str = "salt-focused";
}

/// The letter a cell shows: Р/М/Н in Kazakh and Russian, S/M/I in English, a dash for none.
pub fn letter(lang: Lang, value: Solubility) -> String {
    tr(lang, &format!("solubility-letter-{}", value.code()))
}

/// The table with its focused-salt line and legend.
pub fn view<'a>(focus: &Focus, lang: Lang) -> Element<'a, Message> {
    match table() {
        Ok(t) => column![grid(t, focus, lang), focused(t, focus, lang), legend(lang)]
            .spacing(metrics::GAP_SMALL)
            .into(),
        Err(e) => text(e.to_string()).size(metrics::TEXT).into(),
    }
}

fn label<'a>(s: String, width: Length) -> Element<'a, Message> {
    container(text(s).size(metrics::SALT_TEXT).font(bold()))
        .center_x(width)
        .center_y(Length::Fixed(metrics::SALT_CELL))
        .into()
}

fn grid<'a>(t: &Table, focus: &Focus, lang: Lang) -> Element<'a, Message> {
    let (fa, fc) = focus.at();
    let head = t
        .cations
        .iter()
        .map(|ion| label(ion.label(false), Length::Fill));
    let mut rows = vec![
        Row::with_children(
            std::iter::once(label(String::new(), Length::Fixed(metrics::SALT_LABEL))).chain(head),
        )
        .spacing(metrics::PERIODIC_GAP)
        .into(),
    ];
    for (a, anion) in t.anions.iter().enumerate() {
        let cells = (0..t.cations.len()).map(|c| {
            let value = t.cell(a, c).unwrap_or(Solubility::None);
            let cross = if (a, c) == (fa, fc) {
                tools::Cross::Focus
            } else if a == fa || c == fc {
                tools::Cross::Line
            } else {
                tools::Cross::Off
            };
            let face = container(
                text(letter(lang, value))
                    .size(metrics::SALT_TEXT)
                    .font(bold()),
            )
            .center_x(Length::Fill)
            .center_y(Length::Fixed(metrics::SALT_CELL))
            .style(tools::salt(value, cross));
            let cell = mouse_area(face)
                .on_enter(Message::Hover(a, c))
                .on_press(Message::Pick(a, c));
            container(cell)
                .id(id::cell(a, c))
                .width(Length::Fill)
                .into()
        });
        rows.push(
            Row::with_children(
                std::iter::once(label(anion.label(true), Length::Fixed(metrics::SALT_LABEL)))
                    .chain(cells),
            )
            .spacing(metrics::PERIODIC_GAP)
            .into(),
        );
    }
    Column::with_children(rows)
        .spacing(metrics::PERIODIC_GAP)
        .into()
}

fn focused<'a>(t: &Table, focus: &Focus, lang: Lang) -> Element<'a, Message> {
    let (a, c) = focus.at();
    let (Some(anion), Some(cation), Some(value)) =
        (t.anions.get(a), t.cations.get(c), t.cell(a, c))
    else {
        return column![].into();
    };
    let mut line = tr_args(
        lang,
        "solubility-focused",
        &[
            ("cation", Arg::Str(&cation.label(false))),
            ("anion", Arg::Str(&anion.label(true))),
            ("formula", Arg::Str(&formula(cation, anion))),
            (
                "meaning",
                Arg::Str(&tr(lang, &format!("solubility-{}", value.code()))),
            ),
        ],
    );
    if t.disputed(a, c) {
        line.push_str(" · ");
        line.push_str(&tr(lang, "solubility-disputed"));
    }
    container(text(line).size(metrics::SMALL))
        .id(id::FOCUSED)
        .into()
}

fn legend<'a>(lang: Lang) -> Element<'a, Message> {
    let items = Solubility::ALL.into_iter().map(|v| {
        row![
            container(text(letter(lang, v)).size(metrics::SALT_TEXT).font(bold()))
                .center_x(Length::Fixed(metrics::SALT_SWATCH))
                .style(tools::salt(v, tools::Cross::Off)),
            text(tr(lang, &format!("solubility-{}", v.code()))).size(metrics::PERIODIC_FACT),
        ]
        .spacing(metrics::GAP_TINY)
        .align_y(Alignment::Center)
        .into()
    });
    Row::with_children(items)
        .spacing(metrics::GAP)
        .wrap()
        .vertical_spacing(metrics::GAP_TINY)
        .into()
}
