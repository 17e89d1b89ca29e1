//! The frame around every screen: the language bar, the journal error line, and the screen on
//! show, drawn from the context every screen reads.

use iced::widget::{button, column, container, row, text};
use iced::{Element, Length};

use super::{App, Message, id};
use crate::i18n::{Arg, Lang, tr_args};
use crate::station::Session;
use crate::ui::screen::Context;
use crate::ui::theme::{self, Button, metrics};

impl App {
    /// The screen on show, with the language bar and the journal error line.
    pub fn view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let ctx = Context {
            lang,
            config: &self.config,
            session: self.session.as_ref(),
            state: self.session.as_ref().map(Session::now),
            sittings: &self.sittings,
            sync: self.sync.as_ref(),
            door: &self.door,
            unix_secs: self.unix_secs(),
            now: self.now,
        };
        let body = self.screen.view(&ctx).map(Message::Screen);
        let mut page = column![self.language_bar()];
        if let Some(error) = &self.journal_error {
            page = page.push(
                container(
                    text(tr_args(
                        lang,
                        "journal-failed",
                        &[("error", Arg::Str(&crate::ui::errors::journal(lang, error)))],
                    ))
                    .size(metrics::TEXT)
                    .style(text::danger),
                )
                .id(id::JOURNAL_ERROR)
                .padding(metrics::GAP_SMALL),
            );
        }
        page.push(body).into()
    }

    fn language_bar(&self) -> Element<'_, Message> {
        let buttons = Lang::ALL.iter().map(|lang| {
            let style = theme::button(Button::Choice {
                selected: *lang == self.lang,
            });
            let b = button(text(lang.native_name()).size(metrics::SMALL))
                .padding(metrics::PAD_SMALL)
                .style(style)
                .on_press(Message::LanguagePicked(*lang));
            container(b).id(id::language(*lang)).into()
        });
        container(row(buttons).spacing(metrics::GAP_SMALL))
            .align_right(Length::Fill)
            .padding(metrics::GAP_TINY)
            .into()
    }
}
