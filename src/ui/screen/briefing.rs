//! The briefing: the rules of the test in the candidate's language (what is prohibited, breaks,
//! appeals, the tools, the keys), and Start.

use iced::widget::{Column, Space, column, container, scrollable, text};
use iced::{Element, Length};

use super::{Action, Context};
use crate::exam::Event;
use crate::exam::clock::MINUTE_MS;
use crate::i18n::{Arg, tr, tr_args};
use crate::ui::keys::Press;
use crate::ui::parts;
use crate::ui::theme::{Button, bold, metrics};

/// Widget ids.
pub mod id {
    /// The Start button's frame.
    pub const START: &str = "start";
}

/// The briefing (no state of its own).
#[derive(Debug, Default)]
pub struct Briefing;

/// What the candidate did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// Start was pressed.
    StartPressed,
}

impl Briefing {
    /// Handles a message.
    pub fn update(&mut self, message: Message, _ctx: &Context<'_>) -> Action {
        match message {
            Message::StartPressed => Action::record(Event::Started),
        }
    }

    /// The message a key of the key set stands for here.
    pub fn key(&self, press: Press) -> Option<Message> {
        (press == Press::Enter).then_some(Message::StartPressed)
    }

    /// The rules: the candidate's testing time, and the paper's tasks, breaks and appeal
    /// deadline.
    pub fn view<'a>(&self, ctx: &Context<'a>) -> Element<'a, Message> {
        let Some((paper, state)) = ctx.exam() else {
            return Space::new().width(Length::Fill).into();
        };
        rules(ctx.lang, state.clock.allowed_ms / MINUTE_MS, paper)
    }
}

fn rules<'a>(
    lang: crate::i18n::Lang,
    minutes: u64,
    paper: &crate::exam::Paper,
) -> Element<'a, Message> {
    let tasks = paper.tasks.len();
    let format = &paper.format;
    let breaks = if format.breaks.is_empty() {
        tr(lang, "briefing-rule-no-breaks")
    } else {
        let times: Vec<String> = format
            .breaks
            .iter()
            .map(|b| b.at_minute.to_string())
            .collect();
        tr_args(
            lang,
            "briefing-rule-breaks",
            &[("times", Arg::Str(&times.join(", ")))],
        )
    };
    let appeal = tr_args(
        lang,
        "briefing-rule-appeal",
        &[(
            "minutes",
            Arg::Num(i64::from(format.post.appeal_deadline_minutes)),
        )],
    );
    let rules = [
        tr(lang, "briefing-rule-prohibited"),
        tr(lang, "briefing-rule-saving"),
        breaks,
        tr(lang, "briefing-rule-navigation"),
        tr(lang, "briefing-rule-technical"),
        appeal,
        tr(lang, "briefing-rule-keys"),
    ];
    let summary = tr_args(
        lang,
        "briefing-summary",
        &[
            ("tasks", Arg::Num(i64::try_from(tasks).unwrap_or(0))),
            ("minutes", Arg::Num(i64::try_from(minutes).unwrap_or(0))),
        ],
    );
    let rules = Column::with_children(
        rules
            .into_iter()
            .map(|r| text(r).size(metrics::TEXT).into()),
    )
    .spacing(metrics::GAP_SMALL);
    let start = parts::action(
        parts::keyed(tr(lang, "briefing-start"), Press::Enter),
        Button::Success,
        Some(Message::StartPressed),
        id::START,
    );
    // The rules scroll on a small screen; the title and Start always stay in view.
    let page = column![
        parts::title(tr(lang, "briefing-title")),
        text(summary).size(metrics::TEXT).font(bold()),
        scrollable(rules).height(Length::Fill),
        start,
    ]
    .spacing(metrics::GAP_SMALL)
    .max_width(metrics::READING_WIDTH);
    container(page)
        .center_x(Length::Fill)
        .height(Length::Fill)
        .padding(metrics::EDGE)
        .into()
}
