//! The briefing: the rules of the test in the candidate's language (what is prohibited, breaks,
//! appeals, the tools, the keys), and Start.

use iced::widget::{Space, button, column, container, scrollable, text};
use iced::{Element, Length};

use crate::i18n::{Arg, Lang, tr, tr_args};
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

/// The rules, one message id each, in the order they are read.
const RULES: [&str; 7] = [
    "briefing-rule-prohibited",
    "briefing-rule-saving",
    "briefing-rule-breaks",
    "briefing-rule-navigation",
    "briefing-rule-technical",
    "briefing-rule-appeal",
    "briefing-rule-keys",
];

/// The briefing screen: `minutes` of testing time, `tasks` tasks.
pub fn view<'a>(lang: Lang, minutes: u64, tasks: usize) -> Element<'a, Message> {
    let summary = tr_args(
        lang,
        "briefing-summary",
        &[
            ("tasks", Arg::Num(i64::try_from(tasks).unwrap_or(0))),
            ("minutes", Arg::Num(i64::try_from(minutes).unwrap_or(0))),
        ],
    );
    let mut rules = column![].spacing(metrics::GAP_SMALL);
    for id in RULES {
        rules = rules.push(text(tr(lang, id)).size(metrics::TEXT));
    }
    let start = parts::action(
        tr(lang, "briefing-start"),
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
