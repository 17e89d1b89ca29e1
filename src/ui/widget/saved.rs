//! The saved badge under a task: "Saved" only once the journal has committed the task's answer,
//! "Saving…" until then, and the failure while commits fail.

use iced::Element;
use iced::widget::{container, text};

use crate::i18n::{Lang, tr};
use crate::ui::theme::{self, Text, bold, metrics};

/// Where a task's answer stands with the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// No answer to save.
    Nothing,
    /// Given, not yet committed.
    Saving,
    /// Committed.
    Saved,
    /// Commits are failing.
    Failing,
}

/// The badge, in a frame with `id`.
pub fn saved<'a, M: 'a>(lang: Lang, state: Saved, id: &'static str) -> Element<'a, M> {
    let (label, look) = match state {
        Saved::Failing => ("testing-save-failed", Text::Bad),
        Saved::Nothing => ("testing-no-answer", Text::Plain),
        Saved::Saved => ("testing-saved", Text::Good),
        Saved::Saving => ("testing-saving", Text::Warning),
    };
    container(
        text(tr(lang, label))
            .size(metrics::TEXT)
            .font(bold())
            .wrapping(text::Wrapping::None)
            .style(theme::text(look)),
    )
    .id(id)
    .into()
}
