//! Check-in: the candidate types their IIN (digits only, checked as they type, with a message for
//! each kind of invalid IIN) and their ticket code, and the station finds them in the roster. A
//! candidate whose session on this station closed is refused; only the proctor's PIN allows a
//! second sitting (recorded by the app before it takes effect). On an enrolled station the
//! confirmation asks the center for the package key: while it is asked the screen says so, and
//! when it fails the screen says why, offers to ask again, and takes the proctor's key code from
//! the center's key sheet.

mod view;

use super::{Action, Context};
use crate::exam::iin::{self, IinError};
use crate::i18n::{Arg, Lang, tr_args};
use crate::journal::recovery::Sittings;
use crate::roster::{self, Entry};
use crate::sync::release::ReleaseError;
use crate::ui::errors::{self, Problem};
use crate::ui::keys::Press;

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
    /// The "asking the center" line.
    pub const ASKING: &str = "asking-center";
    /// Why the package did not open.
    pub const RELEASE_ERROR: &str = "release-error";
    /// The key code input.
    pub const KEY_CODE: &str = "key-code";
    /// The frame of the "open with the key code" button.
    pub const OPEN_WITH_CODE: &str = "open-with-code";
}

/// Where the key of the candidate's sealed package stands.
#[derive(Debug, Clone, Default)]
pub enum Release {
    /// Not asked (or an open package).
    #[default]
    Idle,
    /// The center is being asked.
    Asking,
    /// It did not open: why.
    Failed(ReleaseError),
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
    release: Release,
    key_code: String,
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
    /// The key code field changed.
    KeyCodeChanged(String),
    /// "Open with the key code" was pressed.
    KeyCodePressed,
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
                self.release = Release::Idle;
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
                    self.release = Release::Idle;
                    self.retake_granted(ctx.sittings);
                }
            }
            Message::PairChecked(ok) => self.pair_ok = ok && self.found.is_some() && !self.sat,
            Message::ConfirmPressed => {
                if self.pair_ok
                    && !self.sat
                    && !matches!(self.release, Release::Asking)
                    && let Some(found) = self.found.clone()
                {
                    return Action::CheckedIn(found);
                }
            }
            Message::KeyCodeChanged(value) => {
                // Key code characters, spaces and dashes; 80 is room for any grouping.
                self.key_code = value
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ' ')
                    .take(80)
                    .collect();
            }
            Message::KeyCodePressed => {
                if let (Release::Failed(_), Some(found)) = (&self.release, self.found.clone())
                    && !self.key_code.trim().is_empty()
                {
                    return Action::KeyCode(found, std::mem::take(&mut self.key_code));
                }
            }
            Message::RetakePinChanged(value) => {
                self.retake_pin = value.chars().filter(char::is_ascii_digit).take(8).collect();
            }
            Message::RetakePressed => return self.try_retake(ctx),
        }
        Action::None
    }

    /// The proctor's PIN for a second sitting, through the admin screen's door (a wrong one
    /// counts there too, and makes the next try wait).
    fn try_retake(&mut self, ctx: &Context<'_>) -> Action {
        if ctx.door.wait(ctx.now).is_some() {
            return Action::None;
        }
        let entered = std::mem::take(&mut self.retake_pin);
        let Some(found) = self
            .found
            .clone()
            .filter(|_| self.sat && self.retake_open())
        else {
            return Action::None;
        };
        if ctx.config.pin.verify(&entered) {
            self.retake_wrong = 0;
            Action::AllowRetake(found)
        } else {
            self.retake_wrong += 1;
            Action::Refused
        }
    }

    /// Whether the proctor may still try a PIN for a second sitting (a few wrong ones close it
    /// until check-in starts over from the lock screen).
    fn retake_open(&self) -> bool {
        self.retake_wrong < crate::station::door::ATTEMPTS
    }

    /// Looks again whether the candidate found may sit (after a second sitting was allowed).
    pub fn retake_granted(&mut self, sittings: &Sittings) {
        self.sat = self
            .found
            .as_ref()
            .is_some_and(|e| !sittings.may_sit(&e.iin));
    }

    /// The app is asking the center for the package key.
    pub fn asking(&mut self) {
        self.release = Release::Asking;
    }

    /// The package did not open: say why, and offer a retry and the key code.
    pub fn release_failed(&mut self, e: ReleaseError) {
        self.release = Release::Failed(e);
    }

    /// Where the package key stands.
    pub fn release(&self) -> &Release {
        &self.release
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
            sync: None,
            door: &crate::station::door::Door::default(),
            unix_secs: 0,
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
