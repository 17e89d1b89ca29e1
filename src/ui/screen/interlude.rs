//! The screens between tasks: an exercise break (tasks hidden, the break countdown, exercise
//! suggestions, and the main clock visibly still running), a proctor's pause (clock stopped) and
//! a permitted step-out (clock running). Nothing here can be pressed: breaks end by time, pauses
//! and step-outs by the proctor.

use iced::widget::{Space, column, container, text};
use iced::{Alignment, Element};

use crate::exam::clock::minutes;
use crate::exam::{Paper, Phase, State};
use crate::i18n::{Lang, tr};
use crate::ui::parts;
use crate::ui::theme::{bold, metrics};

/// Widget ids.
pub mod id {
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

/// The break, pause or step-out screen for the state's phase.
pub fn view<'a, M: 'a>(lang: Lang, paper: &Paper, now: &State) -> Element<'a, M> {
    let remaining = now.clock.remaining_ms();
    let main_clock = column![
        text(tr(lang, "break-main-clock")).size(metrics::TEXT),
        container(
            text(parts::clock(remaining))
                .size(metrics::CLOCK)
                .font(bold())
        )
        .id(id::MAIN_CLOCK),
    ]
    .align_x(Alignment::Center);
    let page = match now.phase {
        Phase::Break { index } => {
            let length = paper
                .format
                .breaks
                .get(usize::from(index))
                .map_or(0, |b| minutes(b.minutes));
            let left = length.saturating_sub(now.clock.break_ms);
            let mut exercises = column![].spacing(metrics::GAP_SMALL);
            for id in EXERCISES {
                exercises = exercises.push(text(tr(lang, id)).size(metrics::TEXT));
            }
            column![
                parts::title(tr(lang, "break-title")),
                text(tr(lang, "break-hidden")).size(metrics::TEXT),
                container(
                    text(parts::clock(left))
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
        ],
        _ => column![
            parts::title(tr(lang, "stepped-out-title")),
            text(tr(lang, "stepped-out-body")).size(metrics::TEXT),
            main_clock,
        ],
    };
    parts::centered(page)
}
