//! The screens between tasks: an exercise break (tasks hidden, the break countdown, exercise
//! suggestions, and the main clock visibly still running), a proctor's pause (clock stopped) and
//! a permitted step-out (clock running). Breaks end by time; a pause or a step-out ends by the
//! proctor, who opens the admin screen with the "Proctor" button (or the chord).

use iced::widget::{Space, column, container, text};
use iced::{Alignment, Element, Length};

use super::{Action, Context};
use crate::exam::Phase;
use crate::i18n::tr;
use crate::ui::keys::Press;
use crate::ui::parts;
use crate::ui::theme::{bold, metrics};
use crate::ui::widget;

/// Widget ids.
pub mod id {
    /// The proctor's button (pause, step-out).
    pub const PROCTOR: &str = "interlude-proctor";
    /// The break countdown.
    pub const BREAK_LEFT: &str = "break-left";
    /// The main clock, still running.
    pub const MAIN_CLOCK: &str = "main-clock";
}

/// Exercise suggestions, one message id each.
const EXERCISES: [&str; 4] = [
    "break-exercise-eyes",
    "break-exercise-neck",
    "break-exercise-shoulders",
    "break-exercise-breath",
];

/// The screen between tasks (no state of its own).
#[derive(Debug, Default)]
pub struct Interlude;

/// What can be pressed here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// The proctor's button: the admin screen, behind the PIN.
    Proctor,
}

impl Interlude {
    /// Handles a message.
    pub fn update(&mut self, message: Message, _ctx: &Context<'_>) -> Action {
        match message {
            Message::Proctor => Action::Hold,
        }
    }

    /// No key does anything here.
    pub fn key(&self, _press: Press) -> Option<Message> {
        None
    }

    /// The break, pause or step-out screen for the state's phase.
    pub fn view<'a>(&self, ctx: &Context<'a>) -> Element<'a, Message> {
        let Some((paper, now)) = ctx.exam() else {
            return Space::new().width(Length::Fill).into();
        };
        page(ctx.lang, paper, now)
    }
}

/// The proctor's way to the admin screen (it asks for the PIN).
fn proctor<'a>(lang: crate::i18n::Lang) -> iced::Element<'a, Message> {
    parts::action(
        tr(lang, "interlude-proctor"),
        crate::ui::theme::Button::Quiet,
        Some(Message::Proctor),
        id::PROCTOR,
    )
}

fn page<'a>(
    lang: crate::i18n::Lang,
    paper: &crate::exam::Paper,
    now: &crate::exam::State,
) -> Element<'a, Message> {
    let remaining = now.clock.remaining_ms();
    // The clock runs on in a break and while the candidate is out; a pause stops it.
    let label = if matches!(now.phase, Phase::Paused { .. }) {
        "paused-main-clock"
    } else {
        "break-main-clock"
    };
    let main_clock = column![
        text(tr(lang, label)).size(metrics::TEXT),
        container(
            text(widget::clock(remaining))
                .size(metrics::CLOCK)
                .font(bold())
        )
        .id(id::MAIN_CLOCK),
    ]
    .align_x(Alignment::Center);
    let page = match now.phase {
        Phase::Break { .. } => {
            let left = now.until_boundary(paper).unwrap_or(0);
            let mut exercises = column![].spacing(metrics::GAP_SMALL);
            for id in EXERCISES {
                exercises = exercises.push(text(tr(lang, id)).size(metrics::TEXT));
            }
            column![
                parts::title(tr(lang, "break-title")),
                text(tr(lang, "break-hidden")).size(metrics::TEXT),
                container(
                    text(widget::clock(left))
                        .size(metrics::BIG_CLOCK)
                        .font(bold())
                        .style(text::primary)
                )
                .id(id::BREAK_LEFT),
                exercises,
                Space::new().height(metrics::GAP),
                main_clock,
            ]
        }
        Phase::Paused { .. } => column![
            parts::title(tr(lang, "paused-title")),
            text(tr(lang, "paused-body")).size(metrics::TEXT),
            main_clock,
            proctor(lang),
        ],
        _ => column![
            parts::title(tr(lang, "stepped-out-title")),
            text(tr(lang, "stepped-out-body")).size(metrics::TEXT),
            main_clock,
            proctor(lang),
        ],
    };
    parts::centered(page)
}
