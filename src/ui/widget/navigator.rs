//! The navigator: a grid of task cells, each in the look of its state, and the legend that
//! names the looks.

use iced::widget::{Row, Space, button, column, container, row, text};
use iced::{Alignment, Element, Length};

use crate::i18n::{Lang, tr};
use crate::ui::theme::{self, Button, Cell, metrics};

/// A navigator cell: the task's number within its block, in a look that says its state.
pub fn nav_cell<'a, M: Clone + 'a>(
    number: usize,
    look: Cell,
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
    .style(theme::button(Button::Cell(look)))
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

/// The legend of the cell looks (answered, open, marked, on screen).
pub fn legend<'a, M: Clone + 'a>(lang: Lang) -> Element<'a, M> {
    column![
        legend_line(lang, "testing-legend-answered", Cell::Answered),
        legend_line(lang, "testing-legend-open", Cell::Open),
        legend_line(lang, "testing-legend-marked", Cell::Marked),
        legend_line(
            lang,
            "testing-legend-current",
            Cell::Current { answered: false }
        ),
    ]
    .spacing(metrics::GAP_TINY)
    .into()
}

fn legend_line<'a, M: Clone + 'a>(lang: Lang, id: &str, look: Cell) -> Element<'a, M> {
    row![
        button(
            Space::new()
                .width(metrics::GAP_SMALL)
                .height(metrics::GAP_SMALL)
        )
        .style(theme::button(Button::Cell(look))),
        text(tr(lang, id)).size(metrics::SMALL),
    ]
    .spacing(metrics::GAP_SMALL)
    .align_y(Alignment::Center)
    .into()
}
