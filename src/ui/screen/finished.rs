//! The end-of-test notice: time up or finished, how many tasks were answered, nothing lost, and
//! "See my results". It goes on to the analysis card by itself (the exam core's boundary).

use iced::widget::{Space, column, text};
use iced::{Element, Length};

use super::{Action, Context};
use crate::exam::Event;
use crate::exam::event::FinishReason;
use crate::i18n::{Arg, tr, tr_args};
use crate::ui::keys::Press;
use crate::ui::parts;
use crate::ui::theme::{Button, metrics};

/// Widget ids.
pub mod id {
    /// "See my results".
    pub const TO_CARD: &str = "to-card";
}

/// The notice (no state of its own).
#[derive(Debug, Default)]
pub struct Finished;

/// What the candidate pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// Open the analysis card.
    ToCard,
}

impl Finished {
    /// Handles a message.
    pub fn update(&mut self, message: Message, _ctx: &Context<'_>) -> Action {
        match message {
            Message::ToCard => Action::record(Event::ReviewOpened),
        }
    }

    /// The message a key of the key set stands for here.
    pub fn key(&self, press: Press) -> Option<Message> {
        (press == Press::Enter).then_some(Message::ToCard)
    }

    /// The notice.
    pub fn view<'a>(&self, ctx: &Context<'a>) -> Element<'a, Message> {
        let Some((_, now)) = ctx.exam() else {
            return Space::new().width(Length::Fill).into();
        };
        let lang = ctx.lang;
        let body = match now.finish {
            Some(FinishReason::TimeUp) => "finished-time-up",
            Some(FinishReason::Violation) => "finished-violation",
            _ => "finished-body",
        };
        let violation = now.finish == Some(FinishReason::Violation);
        let answered = i64::try_from(now.answered_count()).unwrap_or(0);
        parts::centered(column![
            parts::title(tr(lang, "finished-title")),
            text(tr(lang, body)).size(metrics::TEXT),
            text(tr_args(
                lang,
                "finished-answered",
                &[("count", Arg::Num(answered))]
            ))
            .size(metrics::TEXT),
            parts::action(
                parts::keyed(tr(lang, "finished-to-card"), Press::Enter),
                Button::Primary,
                (!violation).then_some(Message::ToCard),
                id::TO_CARD,
            ),
        ])
    }
}
