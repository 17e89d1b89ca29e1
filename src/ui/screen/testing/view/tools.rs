//! The testing screen's tools and aids as drawn: the toolbar above the task, the timer (or the
//! note that it is hidden), the calculator beside the task, the tables over the page with their
//! title and close button, and the line reader's veil.

use iced::widget::{
    Row, Space, button, column, container, mouse_area, row, scrollable, stack, text,
};
use iced::{Alignment, Element, Length};

use super::super::{Aid, Message, Shown, Testing, id};
use crate::exam::event::{TIMER_ALWAYS_MS, ZOOM_MAX, ZOOM_MIN};
use crate::i18n::{Lang, tr};
use crate::ui::keys::Press;
use crate::ui::parts;
use crate::ui::theme::{self, Button, Panel, bold, metrics};
use crate::ui::tool::calculator::{self, Calculator};
use crate::ui::tool::{Tool, periodic, solubility};
use crate::ui::widget;

impl Testing {
    /// The line reader over the task: everything dark but a band of a few lines, which
    /// follows the pointer and Shift+↑ ↓.
    pub(super) fn line_reader<'a>(&self, main: Element<'a, Message>) -> Element<'a, Message> {
        let shade = |height: Length| {
            container(Space::new())
                .width(Length::Fill)
                .height(height)
                .style(theme::panel(Panel::Dim))
        };
        let band = container(Space::new())
            .id(id::READER_BAND)
            .width(Length::Fill)
            .height(Length::Fixed(super::super::aids::reader_band()))
            .style(theme::panel(Panel::Band));
        let veil = mouse_area(
            container(column![
                shade(Length::Fixed(self.reader)),
                band,
                shade(Length::Fill)
            ])
            .clip(true),
        )
        .on_move(|p| Message::ReaderAt(p.y));
        stack![main, veil].into()
    }

    /// A table over the page: the periodic table or the solubility table.
    pub(super) fn table_panel<'a>(&self, ctx: &Shown<'a>, tool: Tool) -> Element<'a, Message> {
        let lang = ctx.lang;
        let (search, table): (Element<'a, Message>, Element<'a, Message>) = match tool {
            Tool::Periodic => (
                periodic::search(&self.periodic, lang).map(Message::Periodic),
                periodic::view(&self.periodic, lang).map(Message::Periodic),
            ),
            Tool::Solubility | Tool::Calculator => (
                Space::new().into(),
                solubility::view(&self.salts, lang).map(Message::Solubility),
            ),
        };
        let head = row![search, tool_title(lang, tool)]
            .spacing(metrics::GAP)
            .align_y(Alignment::Center);
        let body = column![head, table].spacing(metrics::GAP_SMALL);
        container(scrollable(body).spacing(metrics::GAP_TINY))
            .id(id::TOOL_PANEL)
            .padding(metrics::GAP_SMALL)
            .width(Length::Fill)
            .height(Length::Fill)
            .style(theme::panel(Panel::Plain))
            .into()
    }

    /// The calculator beside the task: its title, a close button, the calculator.
    pub(super) fn calculator_panel<'a>(&self, ctx: &Shown<'a>) -> Element<'a, Message> {
        let fresh;
        let calc = if let Some(calc) = self.calculator() {
            calc
        } else {
            fresh = Calculator::new(ctx.session.paper.format.calculator);
            &fresh
        };
        let body = column![
            tool_title(ctx.lang, Tool::Calculator),
            calculator::view(calc, ctx.lang).map(Message::Calc),
        ]
        .spacing(metrics::GAP_SMALL);
        side_panel(body.into()).id(id::TOOL_PANEL).into()
    }
}

/// The column beside the task, for the navigator and the calculator alike: one frame, width and
/// look, so that swapping one for the other redraws only the column (the renderer compares a
/// frame's shapes with the last frame's in order, and one shape more or less before the task
/// would make it redraw the whole page).
pub(super) fn side_panel(body: Element<'_, Message>) -> container::Container<'_, Message> {
    container(scrollable(body).spacing(metrics::GAP_TINY))
        .padding(metrics::GAP_SMALL)
        .width(Length::Fixed(metrics::SIDE_WIDTH))
        .height(Length::Fill)
        .style(theme::panel(Panel::Plain))
}

/// The timer, or a note that it is hidden (never in the last minutes).
pub(super) fn timer<'a>(ctx: &Shown<'a>) -> Element<'a, Message> {
    let remaining = ctx.now.clock.remaining_ms();
    if ctx.now.view.timer_shows(remaining) {
        let running = ctx.now.clock_runs(&ctx.session.paper);
        container(widget::timer(
            ctx.lang, remaining, ctx.at, ctx.scale, running,
        ))
        .id(id::TIMER)
        .into()
    } else {
        text(tr(ctx.lang, "aid-timer-hidden"))
            .size(metrics::SMALL)
            .into()
    }
}

/// The tools and the reading aids, above the task: the three tools, text size, contrast, the
/// line reader. It wraps on narrow screens.
pub(super) fn toolbar<'a>(ctx: &Shown<'a>) -> Element<'a, Message> {
    let lang = ctx.lang;
    let view = ctx.now.view;
    let pressable = |label: String, look: Button, id: String, message: Option<Message>| {
        container(
            button(text(label).size(metrics::SMALL))
                .padding(metrics::PAD_SMALL)
                .style(theme::button(look))
                .on_press_maybe(message),
        )
        .id(id)
        .into()
    };
    let mut items: Vec<Element<'a, Message>> = Tool::ALL
        .iter()
        .map(|t| {
            pressable(
                parts::keyed(tr(lang, &format!("tool-{}", t.code())), Press::Tool(*t)),
                Button::Choice {
                    selected: ctx.now.tool == Some(*t),
                },
                id::tool(*t),
                Some(Message::Tool(*t)),
            )
        })
        .collect();
    let zoom = row![
        pressable(
            "A−".to_owned(),
            Button::Quiet,
            id::ZOOM_OUT.to_owned(),
            (view.zoom > ZOOM_MIN).then_some(Message::Display(Aid::ZoomOut))
        ),
        text(format!("{} %", view.zoom))
            .size(metrics::SMALL)
            .wrapping(text::Wrapping::None),
        pressable(
            "A+".to_owned(),
            Button::Quiet,
            id::ZOOM_IN.to_owned(),
            (view.zoom < ZOOM_MAX).then_some(Message::Display(Aid::ZoomIn))
        ),
    ]
    .spacing(metrics::GAP_TINY)
    .align_y(Alignment::Center);
    items.push(zoom.into());
    items.push(pressable(
        tr(lang, "aid-contrast"),
        Button::Choice {
            selected: view.high_contrast,
        },
        id::CONTRAST.to_owned(),
        Some(Message::Display(Aid::Contrast)),
    ));
    // In the last minutes the timer shows whatever the candidate chose: no toggle then.
    let always = ctx.now.clock.remaining_ms() <= TIMER_ALWAYS_MS;
    let timer_label = if view.timer_hidden {
        "aid-timer-show"
    } else {
        "aid-timer-hide"
    };
    items.push(pressable(
        parts::keyed(tr(lang, timer_label), Press::Timer),
        Button::Quiet,
        id::TIMER_TOGGLE.to_owned(),
        (!always).then_some(Message::Display(Aid::Timer)),
    ));
    items.push(pressable(
        parts::keyed(tr(lang, "aid-reader"), Press::Reader),
        Button::Choice {
            selected: view.line_reader,
        },
        id::READER.to_owned(),
        Some(Message::Display(Aid::Reader)),
    ));
    Row::with_children(items)
        .spacing(metrics::GAP_SMALL)
        .wrap()
        .vertical_spacing(metrics::GAP_TINY)
        .into()
}

/// A tool's title and its close button (Esc).
fn tool_title<'a>(lang: Lang, tool: Tool) -> Element<'a, Message> {
    let close =
        button(text(format!("✕  {}", crate::ui::keys::cap(Press::Escape))).size(metrics::SMALL))
            .padding(metrics::PAD_SMALL)
            .style(theme::button(Button::Quiet))
            .on_press(Message::ToolClose);
    row![
        text(tr(lang, &format!("tool-{}", tool.code())))
            .size(metrics::TEXT)
            .font(bold())
            .width(Length::Fill),
        container(close).id(id::TOOL_CLOSE),
    ]
    .spacing(metrics::GAP_SMALL)
    .align_y(Alignment::Center)
    .into()
}
