//! The saved badge under a task: "Saved" only once the journal has committed the task's answer,
//! "Saving…" until then, and the failure while commits fail. The everyday words take one width
//! whichever is shown (`reserve`).

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
    let words = text(tr(lang, label))
        .size(metrics::TEXT)
        .font(bold())
        .wrapping(text::Wrapping::None)
        .style(theme::text(look));
    if state == Saved::Failing {
        // Rare and long: it takes the room it needs.
        return container(words).id(id).into();
    }
    // The everyday three share one width, so that a pick does not give the task bar's
    // buttons new room (and a new layout and drawing of their text) twice.
    let everyday = ["testing-no-answer", "testing-saving", "testing-saved"]
        .map(|id| tr(lang, id))
        .to_vec();
    container(super::reserve(words, everyday, metrics::TEXT, bold()))
        .id(id)
        .into()
}
