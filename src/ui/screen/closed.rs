//! The thank-you screen: the session is closed, and whether everything is saved yet. The app
//! locks the station for the next candidate a little later.

use iced::Element;
use iced::widget::{column, container, text};

use super::{Action, Context};
use crate::i18n::tr;
use crate::station::Session;
use crate::ui::keys::Press;
use crate::ui::parts;
use crate::ui::theme::metrics;

/// Widget ids.
pub mod id {
    /// The thank-you title.
    pub const THANKS: &str = "thanks";
}

/// The thank-you screen (no state of its own).
#[derive(Debug, Default)]
pub struct Closed;

/// Nothing can be pressed here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {}

impl Closed {
    /// Handles a message (there are none).
    pub fn update(&mut self, message: Message, _ctx: &Context<'_>) -> Action {
        match message {}
    }

    /// No key does anything here.
    pub fn key(&self, _press: Press) -> Option<Message> {
        None
    }

    /// The thank-you screen.
    pub fn view<'a>(&self, ctx: &Context<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let saved = ctx.session.is_none_or(Session::all_saved);
        let status = if saved {
            "closed-saved"
        } else {
            "closed-saving"
        };
        parts::centered(column![
            container(parts::title(tr(lang, "closed-title"))).id(id::THANKS),
            text(tr(lang, "closed-body")).size(metrics::TEXT),
            text(tr(lang, status)).size(metrics::TEXT),
        ])
    }
}
