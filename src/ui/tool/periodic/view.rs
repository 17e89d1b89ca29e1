//! How the periodic table looks: the long form with every cell coloured by family, the detail
//! panel in the gap over the d-block, the search field in the title row, and the legend.

use iced::widget::{Column, Row, Space, button, column, container, row, text, text_input};
use iced::{Alignment, Element as Widget, Length};

use super::{COLUMNS, Category, Element, Elements, Message, Periodic, elements};
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::ui::theme::{bold, metrics, tools};
use crate::ui::tool::calculator::point;

/// Widget ids.
pub mod id {
    /// An element's cell, by atomic number: `element-1` ... `element-118`.
    pub fn element(number: u8) -> String {
        format!("element-{number}")
    }
    /// The search field.
    pub const SEARCH: &str = "periodic-search";
    /// The detail panel.
    pub const DETAIL: &str = "periodic-detail";
}

/// A number as the interface language writes it (a decimal comma in Kazakh and Russian).
fn local(lang: Lang, number: &str) -> String {
    number.replace('.', &point(lang).to_string())
}

/// The search field, for the title row.
pub fn search<'a>(periodic: &Periodic, lang: Lang) -> Widget<'a, Message> {
    text_input(&tr(lang, "periodic-search"), periodic.query())
        .id(id::SEARCH)
        .on_input(Message::Query)
        .size(metrics::SMALL)
        .padding(metrics::PAD_SMALL)
        .width(Length::Fixed(metrics::PERIODIC_SEARCH))
        .into()
}

/// The table: the long form with the detail panel, and the legend.
pub fn view<'a>(periodic: &Periodic, lang: Lang) -> Widget<'a, Message> {
    match elements() {
        Ok(table) => column![grid(table, periodic, lang), legend(lang)]
            .spacing(metrics::GAP_SMALL)
            .into(),
        Err(e) => text(e.to_string()).size(metrics::TEXT).into(),
    }
}

fn cell<'a>(e: &Element, selected: bool) -> Widget<'a, Message> {
    let tight = text::LineHeight::Relative(metrics::PERIODIC_LINE);
    let face = column![
        text(e.number.to_string())
            .size(metrics::PERIODIC_SMALL)
            .line_height(tight),
        text(e.symbol.clone())
            .size(metrics::PERIODIC_SYMBOL)
            .font(bold())
            .line_height(tight),
        text(e.cell_mass())
            .size(metrics::PERIODIC_SMALL)
            .line_height(tight),
    ]
    .align_x(Alignment::Center);
    let b = button(container(face).center(Length::Fill))
        .padding(0)
        .width(Length::Fill)
        .height(Length::Fixed(metrics::PERIODIC_CELL))
        .style(tools::element(e.category, selected))
        .on_press(Message::Pick(e.number));
    container(b)
        .id(id::element(e.number))
        .width(Length::Fill)
        .into()
}

fn empty<'a>() -> Widget<'a, Message> {
    Space::new()
        .width(Length::Fill)
        .height(Length::Fixed(metrics::PERIODIC_CELL))
        .into()
}

/// Row `r`, columns `from..to`, as cells (or gaps).
fn cells<'a>(table: &Elements, shown: Option<u8>, r: u8, from: u8, to: u8) -> Row<'a, Message> {
    Row::with_children((from..to).map(|c| {
        table
            .at(r, c)
            .map_or_else(empty, |e| cell(e, shown == Some(e.number)))
    }))
    .spacing(metrics::PERIODIC_GAP)
}

fn grid<'a>(table: &Elements, periodic: &Periodic, lang: Lang) -> Widget<'a, Message> {
    let shown = periodic.shown();
    let side = |from, to| {
        Column::with_children((0..3).map(|r| cells(table, shown, r, from, to).into()))
            .spacing(metrics::PERIODIC_GAP)
    };
    // Periods 1–3: groups 1–2, the detail panel over groups 3–12, groups 13–18.
    let top = row![
        side(0, 2).width(Length::FillPortion(2)),
        container(detail(table, shown, lang))
            .id(id::DETAIL)
            .padding(metrics::PAD_SMALL)
            .width(Length::FillPortion(10))
            .height(Length::Fill),
        side(12, COLUMNS).width(Length::FillPortion(6)),
    ]
    .spacing(metrics::PERIODIC_GAP)
    .height(Length::Shrink);
    let mut grid = column![top].spacing(metrics::PERIODIC_GAP);
    for r in 3..7 {
        grid = grid.push(cells(table, shown, r, 0, COLUMNS));
    }
    grid = grid.push(Space::new().height(Length::Fixed(metrics::GAP_SMALL)));
    for r in 7..9 {
        grid = grid.push(cells(table, shown, r, 0, COLUMNS));
    }
    grid.into()
}

fn detail<'a>(table: &Elements, shown: Option<u8>, lang: Lang) -> Widget<'a, Message> {
    let Some(e) = shown.and_then(|n| table.get(n)) else {
        return text(tr(lang, "periodic-hint")).size(metrics::SMALL).into();
    };
    let mass = local(lang, &e.atomic_mass_display);
    let school = local(lang, &e.atomic_mass_rounded.to_string());
    let electronegativity = e
        .electronegativity_pauling
        .as_ref()
        .map_or_else(|| "—".to_owned(), |x| local(lang, &x.to_string()));
    let group = match e.group {
        Some(g) => format!("{g} ({} {})", e.group_short, e.subgroup_short),
        None => format!("{} {}", e.group_short, e.subgroup_short),
    };
    let fact = |id: &str, value: &str| {
        text(tr_args(lang, id, &[("value", Arg::Str(value))])).size(metrics::PERIODIC_FACT)
    };
    let period = e.period.to_string();
    let name = column![
        row![
            text(e.symbol.clone())
                .size(metrics::PERIODIC_BIG)
                .font(bold()),
            text(e.number.to_string()).size(metrics::SMALL),
        ]
        .spacing(metrics::GAP_SMALL)
        .align_y(Alignment::Start),
        text(e.name(lang).to_owned())
            .size(metrics::SMALL)
            .font(bold()),
        text(tr(lang, e.category.name_id())).size(metrics::PERIODIC_FACT),
    ];
    let facts = column![
        fact("periodic-mass", &mass),
        fact("periodic-mass-school", &school),
        fact("periodic-electronegativity", &electronegativity),
        fact("periodic-group", &group),
        fact("periodic-period", &period),
    ];
    row![name, facts].spacing(metrics::GAP).into()
}

fn legend<'a>(lang: Lang) -> Widget<'a, Message> {
    let items = Category::ALL.into_iter().map(|c| {
        row![
            container(Space::new())
                .width(Length::Fixed(metrics::PERIODIC_SWATCH))
                .height(Length::Fixed(metrics::PERIODIC_SWATCH))
                .style(tools::swatch(c)),
            text(tr(lang, c.name_id())).size(metrics::PERIODIC_FACT),
        ]
        .spacing(metrics::GAP_TINY)
        .align_y(Alignment::Center)
        .into()
    });
    Row::with_children(items)
        .spacing(metrics::GAP_SMALL)
        .wrap()
        .vertical_spacing(metrics::GAP_TINY)
        .into()
}
