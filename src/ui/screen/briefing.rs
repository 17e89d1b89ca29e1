//! The briefing: the rules of the test in the candidate's language (what is prohibited, breaks,
//! appeals, the tools, the keys), and Start.

use iced::widget::{Column, Space, button, column, container, scrollable, text};
use iced::{Element, Length};

use crate::exam::Paper;
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::ui::keys::Press;
use crate::ui::parts;
use crate::ui::theme::{bold, metrics};

/// Widget ids.
pub mod id {
    /// The Start button's frame.
    pub const START: &str = "start";
}

/// What the candidate did.
#[derive(Debug, Clone)]
pub enum Message {
    /// Start was pressed.
    StartPressed,
}

/// The briefing screen: `minutes` of testing time, and the paper's tasks, breaks and appeal
/// deadline.
pub fn view<'a>(lang: Lang, minutes: u64, paper: &Paper) -> Element<'a, Message> {
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
        button::success,
        Some(Message::StartPressed),
        id::START,
    );
    let page = column![
        parts::title(tr(lang, "briefing-title")),
        text(summary).size(metrics::TEXT).font(bold()),
        Space::new().height(metrics::GAP_SMALL),
        rules,
        Space::new().height(metrics::GAP),
        start,
    ]
    .spacing(metrics::GAP_SMALL)
    .max_width(metrics::READING_WIDTH);
    container(scrollable(
        container(page)
            .center_x(Length::Fill)
            .padding(metrics::EDGE),
    ))
    .height(Length::Fill)
    .into()
}
