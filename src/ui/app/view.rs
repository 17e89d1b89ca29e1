//! The frame around every screen: the language bar, the journal error line, and the screen on
//! show drawn from the session.

use iced::widget::{button, column, container, row, text};
use iced::{Element, Length};

use super::{App, Message, id};
use crate::i18n::{Arg, Lang, tr_args};
use crate::station::Session;
use crate::ui::screen::{Screen, briefing, check_in, interlude, locked, post, testing};
use crate::ui::theme::{metrics, style};

impl App {
    /// The screen with the language bar.
    pub fn view(&self) -> Element<'_, Message> {
        let lang = self.lang;
        let body = match (&self.screen, &self.session) {
            (Screen::Locked(lock), _) => {
                let ctx = locked::Context {
                    lang,
                    station: &self.config.station,
                    seat: &self.config.seat,
                    demo_pin: self.config.demo_pin.as_deref(),
                    online: false,
                    recovered: self
                        .recovered
                        .zip(self.session.as_ref())
                        .map(|(damaged, s)| self.recovered_lines(s, damaged)),
                    stuck: self.stuck.as_ref().map(|s| self.stuck_lines(s)),
                };
                lock.view(&ctx, self.now).map(Message::Locked)
            }
            (Screen::CheckIn(check), _) => {
                let offers: Vec<check_in::Offer<'_>> = self
                    .config
                    .packages
                    .iter()
                    .map(|p| check_in::Offer {
                        header: &p.header,
                        paper: &p.paper,
                    })
                    .collect();
                check.view(lang, &offers).map(Message::CheckIn)
            }
            (Screen::Briefing, Some(s)) => {
                let clock = &s.recorded().clock;
                briefing::view(
                    lang,
                    clock.allowed_ms / crate::exam::clock::MINUTE_MS,
                    &s.paper,
                )
                .map(Message::Briefing)
            }
            (Screen::Testing(screen), Some(s)) => {
                let now = s.now();
                let ctx = testing::Context {
                    lang,
                    session: s,
                    now: &now,
                };
                screen.view(&ctx).map(Message::Testing)
            }
            (Screen::Interlude, Some(s)) => interlude::view(lang, &s.paper, &s.now()),
            (Screen::Finished, Some(s)) => post::finished(lang, &s.now()).map(Message::Post),
            (Screen::Review, Some(s)) => post::review(lang, &s.paper, &s.now()).map(Message::Post),
            (Screen::Decision, Some(s)) => {
                post::decision(lang, &s.paper, &s.now()).map(Message::Post)
            }
            (Screen::Appeal(screen), Some(s)) => {
                screen.view(lang, &s.paper, &s.now()).map(Message::Appeal)
            }
            (Screen::AppealCard, Some(s)) => {
                post::appeal_card(lang, &s.paper, &s.now()).map(Message::Post)
            }
            (Screen::Closed, s) => {
                post::closed(lang, s.as_ref().is_none_or(Session::all_saved)).map(Message::Post)
            }
            _ => text("").into(),
        };
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
            let style = if *lang == self.lang {
                button::primary
            } else {
                style::quiet
            };
            let b = button(text(lang.native_name()).size(metrics::SMALL))
                .padding(metrics::GAP_SMALL)
                .style(style)
                .on_press(Message::LanguagePicked(*lang));
            container(b).id(id::language(*lang)).into()
        });
        container(row(buttons).spacing(metrics::GAP_SMALL))
            .align_right(Length::Fill)
            .padding(metrics::GAP_SMALL)
            .into()
    }
}
