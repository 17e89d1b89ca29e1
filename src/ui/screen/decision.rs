//! The decision after the card: "Go to appeal" (while the appeal deadline has not passed) or
//! "Finish without appeal", with the countdown to the automatic close.

use iced::widget::{Space, column, row, text};
use iced::{Element, Length};

use super::{Action, Context};
use crate::exam::Event;
use crate::exam::event::CloseReason;
use crate::i18n::{Arg, tr, tr_args};
use crate::ui::keys::Press;
use crate::ui::parts;
use crate::ui::theme::{Button, metrics};
use crate::ui::widget;

/// Widget ids.
pub mod id {
    /// "Go to appeal".
    pub const GO_APPEAL: &str = "go-appeal";
    /// "Finish without appeal".
    pub const NO_APPEAL: &str = "no-appeal";
    /// The auto-close countdown.
    pub const COUNTDOWN: &str = crate::ui::widget::COUNTDOWN;
}

/// The decision (no state of its own).
#[derive(Debug, Default)]
pub struct Decision;

/// What the candidate pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// Go to appeal.
    GoAppeal,
    /// Finish without appeal.
    NoAppeal,
}

impl Decision {
    /// Handles a message.
    pub fn update(&mut self, message: Message, _ctx: &Context<'_>) -> Action {
        Action::record(match message {
            Message::GoAppeal => Event::AppealOpened,
            Message::NoAppeal => Event::Closed {
                reason: CloseReason::NoAppeal,
            },
        })
    }

    /// The message a key of the key set stands for here.
    pub fn key(&self, press: Press) -> Option<Message> {
        match press {
            Press::Option(0) => Some(Message::GoAppeal),
            Press::Option(1) => Some(Message::NoAppeal),
            _ => None,
        }
    }

    /// The decision, with the auto-close countdown.
    pub fn view<'a>(&self, ctx: &Context<'a>) -> Element<'a, Message> {
        let Some((paper, now)) = ctx.exam() else {
            return Space::new().width(Length::Fill).into();
        };
        let lang = ctx.lang;
        let close = now.until_boundary(paper).unwrap_or(0);
        let appeal_left = now.appeal_left_ms(paper);
        let mut page = column![
            parts::title(tr(lang, "decision-title")),
            text(tr(lang, "decision-body")).size(metrics::TEXT),
        ];
        let mut buttons = row![].spacing(metrics::GAP);
        if appeal_left > 0 {
            page = page.push(
                text(tr_args(
                    lang,
                    "decision-appeal-left",
                    &[("time", Arg::Str(&widget::clock(appeal_left)))],
                ))
                .size(metrics::TEXT),
            );
            buttons = buttons.push(parts::action(
                parts::keyed(tr(lang, "decision-appeal"), Press::Option(0)),
                Button::Quiet,
                Some(Message::GoAppeal),
                id::GO_APPEAL,
            ));
        }
        buttons = buttons.push(parts::action(
            parts::keyed(tr(lang, "decision-finish"), Press::Option(1)),
            Button::Primary,
            Some(Message::NoAppeal),
            id::NO_APPEAL,
        ));
        parts::centered(page.push(buttons).push(widget::countdown(
            lang,
            "decision-countdown",
            close,
        )))
    }
}
