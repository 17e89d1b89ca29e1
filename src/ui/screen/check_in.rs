//! Check-in: the candidate types their IIN (digits only, checked as they type, with a message for
//! each kind of invalid IIN) and their ticket code, and the station finds them in the roster. A
//! candidate whose session on this station closed is refused; only the proctor's PIN allows a
//! second sitting (recorded by the app before it takes effect).

use iced::widget::{Space, button, checkbox, column, container, row, text, text_input};
use iced::{Element, Length};

use super::{Action, Context};
use crate::crypto::pin::PinHash;
use crate::exam::iin::{self, IinError};
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::journal::recovery::Sittings;
use crate::roster::{self, Entry};
use crate::station::Package;
use crate::ui::errors::{self, Problem};
use crate::ui::keys::Press;
use crate::ui::parts;
use crate::ui::theme::{self, Button, Panel, Text, bold, metrics};

/// Widget ids, for tests and focus.
pub mod id {
    /// The IIN input.
    pub const IIN: &str = "iin-input";
    /// The ticket input.
    pub const TICKET: &str = "ticket-input";
    /// The find button's frame.
    pub const FIND: &str = "find";
    /// The IIN status line.
    pub const IIN_STATUS: &str = "iin-status";
    /// The found candidate.
    pub const FOUND: &str = "found";
    /// The frame of the "my subjects are right" checkbox.
    pub const PAIR_OK: &str = "pair-ok";
    /// The frame of the "this is me" button.
    pub const CONFIRM: &str = "confirm";
    /// The "already sat" notice.
    pub const ALREADY_SAT: &str = "already-sat";
    /// The proctor PIN for a second sitting.
    pub const RETAKE_PIN: &str = "retake-pin";
    /// The frame of the "allow a second sitting" button.
    pub const ALLOW_RETAKE: &str = "allow-retake";
}

/// Check-in state.
#[derive(Debug, Default)]
pub struct CheckIn {
    iin: String,
    ticket: String,
    found: Option<Entry>,
    not_found: bool,
    pair_ok: bool,
    /// The candidate found has sat on this station already.
    sat: bool,
    retake_pin: String,
    retake_wrong: u32,
}

/// What the candidate did.
#[derive(Debug, Clone)]
pub enum Message {
    /// The IIN field changed.
    IinChanged(String),
    /// The ticket field changed.
    TicketChanged(String),
    /// "Find me" was pressed.
    FindPressed,
    /// The candidate ticked (or unticked) "my subjects are right".
    PairChecked(bool),
    /// "This is me" was pressed.
    ConfirmPressed,
    /// The proctor PIN for a second sitting changed.
    RetakePinChanged(String),
    /// "Allow a second sitting" was pressed.
    RetakePressed,
}

/// Where the typed IIN stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IinStatus {
    /// Nothing typed.
    Empty,
    /// Digits still missing.
    Short(usize),
    /// Twelve digits, but not a valid IIN.
    Invalid(IinError),
    /// A valid IIN.
    Valid,
}

impl CheckIn {
    /// Handles a message, looking the candidate up in the station's roster.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action {
        let had = self.found.is_some();
        let action = self.handle(message, ctx);
        match (&action, had, &self.found) {
            // Once found, the interface switches to the candidate's language (they can switch
            // it back with the language bar).
            (Action::None, false, Some(found)) => Action::Found(found.language),
            _ => action,
        }
    }

    /// The message a key of the key set stands for here: Space ticks the subjects, Enter
    /// confirms, once a candidate is found.
    pub fn key(&self, press: Press) -> Option<Message> {
        match press {
            _ if self.found.is_none() => None,
            Press::Space => Some(Message::PairChecked(!self.pair_ok)),
            Press::Enter => Some(Message::ConfirmPressed),
            _ => None,
        }
    }

    fn handle(&mut self, message: Message, ctx: &Context<'_>) -> Action {
        match message {
            Message::IinChanged(value) => {
                self.iin = value
                    .chars()
                    .filter(char::is_ascii_digit)
                    .take(12)
                    .collect();
                self.found = None;
                self.not_found = false;
                self.pair_ok = false;
            }
            Message::TicketChanged(value) => {
                self.ticket = value.chars().filter(|c| !c.is_control()).take(32).collect();
                self.not_found = false;
            }
            Message::FindPressed => {
                if self.can_find() {
                    self.found = roster::find(&ctx.config.roster, &self.iin, &self.ticket).cloned();
                    self.not_found = self.found.is_none();
                    self.pair_ok = false;
                    self.retake_granted(ctx.sittings);
                }
            }
            Message::PairChecked(ok) => self.pair_ok = ok && self.found.is_some() && !self.sat,
            Message::ConfirmPressed => {
                if self.pair_ok
                    && !self.sat
                    && let Some(found) = self.found.clone()
                {
                    return Action::CheckedIn(found);
                }
            }
            Message::RetakePinChanged(value) => {
                self.retake_pin = value.chars().filter(char::is_ascii_digit).take(8).collect();
            }
            Message::RetakePressed => return self.try_retake(&ctx.config.pin),
        }
        Action::None
    }

    fn try_retake(&mut self, pin: &PinHash) -> Action {
        let entered = std::mem::take(&mut self.retake_pin);
        let Some(found) = self
            .found
            .clone()
            .filter(|_| self.sat && self.retake_open())
        else {
            return Action::None;
        };
        if pin.verify(&entered) {
            self.retake_wrong = 0;
            Action::AllowRetake(found)
        } else {
            self.retake_wrong += 1;
            Action::None
        }
    }

    /// Whether the proctor may still try a PIN for a second sitting (a few wrong ones close it
    /// until check-in starts over from the lock screen).
    fn retake_open(&self) -> bool {
        self.retake_wrong < crate::ui::screen::locked::ATTEMPTS
    }

    /// Looks again whether the candidate found may sit (after a second sitting was allowed).
    pub fn retake_granted(&mut self, sittings: &Sittings) {
        self.sat = self
            .found
            .as_ref()
            .is_some_and(|e| !sittings.may_sit(&e.iin));
    }

    /// Whether the candidate found has already sat here (and is refused until a proctor allows
    /// a second sitting).
    pub fn already_sat(&self) -> bool {
        self.sat
    }

    /// The IIN typed so far.
    pub fn iin(&self) -> &str {
        &self.iin
    }

    /// The ticket code typed so far.
    pub fn ticket(&self) -> &str {
        &self.ticket
    }

    /// Whether "my subjects are right" is ticked.
    pub fn pair_ok(&self) -> bool {
        self.pair_ok
    }

    /// The candidate found, if any.
    pub fn found(&self) -> Option<&Entry> {
        self.found.as_ref()
    }

    /// Where the typed IIN stands.
    pub fn iin_status(&self) -> IinStatus {
        match self.iin.len() {
            0 => IinStatus::Empty,
            n if n < 12 => IinStatus::Short(12 - n),
            _ => iin::validate(&self.iin).map_or_else(IinStatus::Invalid, |()| IinStatus::Valid),
        }
    }

    fn can_find(&self) -> bool {
        self.iin_status() == IinStatus::Valid && !self.ticket.trim().is_empty()
    }

    fn status_text(&self, lang: Lang) -> Option<String> {
        Some(match self.iin_status() {
            IinStatus::Empty | IinStatus::Valid => return None,
            IinStatus::Short(missing) => tr_args(
                lang,
                "checkin-iin-short",
                &[("missing", Arg::Num(i64::try_from(missing).unwrap_or(12)))],
            ),
            IinStatus::Invalid(e) => errors::text(lang, Problem::Iin(e)),
        })
    }

    /// The check-in screen.
    pub fn view<'a>(&'a self, ctx: &Context<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let iin = text_input("", &self.iin)
            .id(id::IIN)
            .size(metrics::INPUT)
            .padding(metrics::PAD)
            .on_input(Message::IinChanged);
        let ticket = text_input("", &self.ticket)
            .id(id::TICKET)
            .size(metrics::INPUT)
            .padding(metrics::PAD)
            .on_input(Message::TicketChanged)
            .on_submit(Message::FindPressed);
        let find = button(
            text(tr(lang, "checkin-find"))
                .size(metrics::TEXT)
                .font(bold()),
        )
        .padding(metrics::PAD)
        .on_press_maybe(self.can_find().then_some(Message::FindPressed));
        let status = self.status_text(lang).unwrap_or_default();
        let invalid = matches!(self.iin_status(), IinStatus::Invalid(_));
        let status = text(status)
            .size(metrics::SMALL)
            .style(theme::text(Text::bad_if(invalid)));
        let mut form = column![
            text(tr(lang, "checkin-title"))
                .size(metrics::TITLE)
                .font(bold()),
            Space::new().height(metrics::GAP),
            text(tr(lang, "checkin-iin-label")).size(metrics::TEXT),
            iin,
            container(status).id(id::IIN_STATUS),
            text(tr(lang, "checkin-ticket-label")).size(metrics::TEXT),
            ticket,
            container(find).id(id::FIND),
        ]
        .spacing(metrics::GAP_SMALL)
        .width(Length::Fixed(metrics::FORM_WIDTH));
        if self.not_found {
            form = form.push(
                text(tr(lang, "checkin-not-found"))
                    .size(metrics::TEXT)
                    .style(text::danger),
            );
        }
        let mut page = row![form].spacing(metrics::GAP * 2.0);
        if let Some(found) = &self.found {
            let offer = ctx.config.package(&found.package);
            page = page.push(self.confirmation(lang, found, offer));
        }
        container(page)
            .center(Length::Fill)
            .padding(metrics::EDGE)
            .into()
    }

    /// Who was found, what they sit, and the two confirmations.
    fn confirmation<'a>(
        &'a self,
        lang: Lang,
        found: &'a Entry,
        offer: Option<&'a Package>,
    ) -> Element<'a, Message> {
        let mut card = column![
            text(tr(lang, "checkin-found-title")).size(metrics::TEXT),
            container(text(found.name.clone()).size(metrics::TITLE).font(bold())).id(id::FOUND),
        ]
        .spacing(metrics::GAP_SMALL)
        .width(Length::Fixed(metrics::FORM_WIDTH));
        // Refused: only who it is and the proctor's way on, so it fits the smallest screen.
        if self.sat {
            return container(card.push(self.retake(lang)))
                .padding(metrics::GAP)
                .style(theme::panel(Panel::Plain))
                .into();
        }
        let Some(offer) = offer else {
            return card
                .push(text(tr(lang, "checkin-no-package")).style(text::danger))
                .into();
        };
        let content = offer.paper.content_language(found.language);
        card =
            card.push(text(parts::pick(&offer.header.title, lang).to_owned()).size(metrics::TEXT));
        let minutes = offer.header.minutes
            + if found.extra_time {
                offer.header.extra_minutes
            } else {
                0
            };
        card = card.push(
            text(tr_args(
                lang,
                "checkin-minutes",
                &[("minutes", Arg::Num(i64::from(minutes)))],
            ))
            .size(metrics::TEXT),
        );
        if found.extra_time {
            card = card.push(
                text(tr_args(
                    lang,
                    "checkin-extra-time",
                    &[("minutes", Arg::Num(i64::from(offer.header.extra_minutes)))],
                ))
                .size(metrics::TEXT)
                .style(text::primary),
            );
        }
        card = card.push(
            text(tr(lang, "checkin-subjects"))
                .size(metrics::TEXT)
                .font(bold()),
        );
        for (block, subject) in offer.paper.format.blocks.iter().zip(&offer.paper.subjects) {
            let profile = block.role == crate::exam::spec::BlockRole::Profile;
            let line = tr_args(
                lang,
                "checkin-subject-line",
                &[
                    ("subject", Arg::Str(&parts::subject(lang, &subject.code))),
                    ("language", Arg::Str(content.native_name())),
                ],
            );
            let line = text(line).size(metrics::TEXT);
            card = card.push(if profile { line.font(bold()) } else { line });
        }
        let pair = checkbox(self.pair_ok)
            .label(parts::keyed(tr(lang, "checkin-pair-ok"), Press::Space))
            .size(metrics::TEXT)
            .text_size(metrics::TEXT)
            .on_toggle(Message::PairChecked);
        let confirm = button(
            text(parts::keyed(tr(lang, "checkin-confirm"), Press::Enter))
                .size(metrics::TEXT)
                .font(bold()),
        )
        .padding(metrics::PAD)
        .style(theme::button(Button::Success))
        .on_press_maybe(self.pair_ok.then_some(Message::ConfirmPressed));
        container(
            card.push(container(pair).id(id::PAIR_OK))
                .push(container(confirm).id(id::CONFIRM)),
        )
        .padding(metrics::GAP)
        .style(theme::panel(Panel::Plain))
        .into()
    }
}

impl CheckIn {
    /// The refusal of a second sitting, and the proctor's way to allow one.
    fn retake(&self, lang: Lang) -> Element<'_, Message> {
        let open = self.retake_open();
        let input = text_input("", &self.retake_pin)
            .id(id::RETAKE_PIN)
            .secure(true)
            .size(metrics::INPUT)
            .padding(metrics::PAD)
            .on_input_maybe(open.then_some(Message::RetakePinChanged))
            .on_submit(Message::RetakePressed);
        let allow = button(text(tr(lang, "checkin-allow-retake")).size(metrics::TEXT))
            .padding(metrics::PAD)
            .on_press_maybe(
                (open && !self.retake_pin.is_empty()).then_some(Message::RetakePressed),
            );
        let mut part = column![
            container(
                text(tr(lang, "checkin-already-sat"))
                    .size(metrics::TEXT)
                    .style(text::danger)
            )
            .id(id::ALREADY_SAT),
            text(tr(lang, "checkin-retake-pin")).size(metrics::TEXT),
            input,
            container(allow).id(id::ALLOW_RETAKE),
        ]
        .spacing(metrics::GAP_SMALL);
        if self.retake_wrong > 0 {
            part = part.push(
                text(tr(lang, "checkin-retake-wrong"))
                    .size(metrics::TEXT)
                    .style(text::danger),
            );
        }
        part.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_iin_is_checked_as_it_is_typed() -> Result<(), crate::crypto::CryptoError> {
        let (config, sittings) = (
            crate::station::Config::demo(Vec::new())?,
            Sittings::default(),
        );
        let roster = Context {
            lang: Lang::Kk,
            config: &config,
            session: None,
            state: None,
            sittings: &sittings,
            now: std::time::Instant::now(),
        };
        let mut c = CheckIn::default();
        assert_eq!(c.iin_status(), IinStatus::Empty);
        c.update(Message::IinChanged("06 12a11".into()), &roster);
        assert_eq!(c.iin_status(), IinStatus::Short(6), "only digits are kept");
        c.update(Message::IinChanged("061211600013".into()), &roster);
        assert_eq!(c.iin_status(), IinStatus::Invalid(IinError::CheckDigit));
        c.update(Message::IinChanged("0612116000123".into()), &roster);
        assert_eq!(
            c.iin_status(),
            IinStatus::Valid,
            "a 13th digit is not taken"
        );
        c.update(Message::FindPressed, &roster);
        assert!(c.found().is_none(), "no ticket yet: nothing to find");
        c.update(Message::TicketChanged("demo-21".into()), &roster);
        c.update(Message::FindPressed, &roster);
        assert!(c.not_found);
        c.update(Message::TicketChanged("DEMO-24".into()), &roster);
        c.update(Message::FindPressed, &roster);
        assert_eq!(c.found().map(|e| e.package.as_str()), Some("demo-unt-2024"));
        assert!(!c.already_sat());
        Ok(())
    }
}
