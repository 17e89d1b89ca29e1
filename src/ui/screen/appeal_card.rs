//! The appeal card: every appealed task with the candidate's answer, the ground and the
//! justification, and the receipt number; it closes by itself after its minutes.

use iced::widget::{Space, column, container, row, scrollable, text};
use iced::{Alignment, Element, Length};

use super::{Action, Context};
use crate::exam::Event;
use crate::exam::event::CloseReason;
use crate::i18n::{Arg, tr, tr_args};
use crate::ui::keys::Press;
use crate::ui::parts;
use crate::ui::theme::{self, Button, Panel, bold, metrics};
use crate::ui::widget;

/// Widget ids.
pub mod id {
    /// The receipt number.
    pub const RECEIPT: &str = "receipt";
    /// "Done" under the card.
    pub const CARD_DONE: &str = "card-done";
    /// The auto-close countdown.
    pub const COUNTDOWN: &str = crate::ui::widget::COUNTDOWN;
}

/// The appeal card (no state of its own).
#[derive(Debug, Default)]
pub struct AppealCard;

/// What the candidate pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// Leave the card.
    CardDone,
}

impl AppealCard {
    /// Handles a message.
    pub fn update(&mut self, message: Message, _ctx: &Context<'_>) -> Action {
        match message {
            Message::CardDone => Action::record(Event::Closed {
                reason: CloseReason::AppealFiled,
            }),
        }
    }

    /// The message a key of the key set stands for here.
    pub fn key(&self, press: Press) -> Option<Message> {
        (press == Press::Enter).then_some(Message::CardDone)
    }

    /// The card with its receipt and countdown.
    pub fn view<'a>(&self, ctx: &Context<'a>) -> Element<'a, Message> {
        let Some((paper, now)) = ctx.exam() else {
            return Space::new().width(Length::Fill).into();
        };
        let lang = ctx.lang;
        let close = now.until_boundary(paper).unwrap_or(0);
        let receipt = now.receipt.clone().unwrap_or_default();
        let mut list = column![].spacing(metrics::GAP_SMALL);
        if now.appeals.is_empty() {
            list = list.push(text(tr(lang, "appeal-card-none")).size(metrics::TEXT));
        }
        for (task, note) in &now.appeals {
            let ix = usize::from(*task);
            let answer = parts::answer_text(now.answers.get(ix).and_then(Option::as_ref));
            list = list.push(
                container(
                    column![
                        text(parts::task_heading(lang, paper, ix))
                            .size(metrics::TEXT)
                            .font(bold()),
                        text(tr_args(
                            lang,
                            "appeal-card-answer",
                            &[("answer", Arg::Str(&answer))]
                        ))
                        .size(metrics::SMALL),
                        text(parts::ground_name(lang, note.ground)).size(metrics::SMALL),
                        text(note.text.clone()).size(metrics::SMALL),
                    ]
                    .spacing(metrics::GAP_TINY),
                )
                .padding(metrics::GAP_SMALL)
                .style(theme::panel(Panel::Plain))
                .width(Length::Fill),
            );
        }
        let page = column![
            parts::title(tr(lang, "appeal-card-title")),
            container(
                text(tr_args(
                    lang,
                    "appeal-card-receipt",
                    &[("receipt", Arg::Str(&receipt))]
                ))
                .size(metrics::TITLE)
                .font(bold())
            )
            .id(id::RECEIPT),
            scrollable(list).height(Length::Fill),
            row![
                widget::countdown(lang, "appeal-card-countdown", close),
                Space::new().width(Length::Fill),
                parts::action(
                    parts::keyed(tr(lang, "appeal-card-done"), Press::Enter),
                    Button::Primary,
                    Some(Message::CardDone),
                    id::CARD_DONE,
                ),
            ]
            .align_y(Alignment::Center),
        ]
        .spacing(metrics::GAP_SMALL);
        container(page).padding(metrics::EDGE).into()
    }
}
