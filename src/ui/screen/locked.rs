//! The lock screen: station and seat, the center connection, the demo PIN in demo mode, and the
//! proctor's PIN entry. Wrong PINs count down to a lock-out; the PIN is only ever compared
//! against its PBKDF2 hash.

use std::time::{Duration, Instant};

use iced::widget::{Space, button, column, container, row, text, text_input};
use iced::{Alignment, Element, Length};

use crate::crypto::pin::PinHash;
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::ui::theme::{bold, metrics};

/// Wrong PINs allowed before a lock-out.
pub const ATTEMPTS: u32 = 5;
/// How long a lock-out lasts.
pub const LOCKOUT: Duration = Duration::from_secs(60);

/// Widget ids, for tests and focus.
pub mod id {
    /// The PIN input.
    pub const PIN: &str = "pin-input";
    /// The unlock button's frame.
    pub const UNLOCK: &str = "unlock";
    /// The message under the PIN.
    pub const STATUS: &str = "lock-status";
    /// The recovered-session summary.
    pub const RECOVERED: &str = "recovered";
    /// The demo PIN line.
    pub const DEMO_PIN: &str = "demo-pin";
    /// The notice of a session that cannot go on.
    pub const STUCK: &str = "stuck";
}

/// Lock screen state.
#[derive(Debug, Default)]
pub struct Locked {
    pin: String,
    wrong: u32,
    lockout_until: Option<Instant>,
}

/// What the proctor did.
#[derive(Debug, Clone)]
pub enum Message {
    /// The PIN field changed.
    PinChanged(String),
    /// Unlock was pressed (or Enter in the PIN field).
    UnlockPressed,
}

/// What the app must do.
#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    /// Nothing.
    None,
    /// The right PIN: go on to check-in.
    Unlocked,
}

/// What the lock screen needs to know from the app.
pub struct Context<'a> {
    /// The interface language.
    pub lang: Lang,
    /// Station name.
    pub station: &'a str,
    /// Seat.
    pub seat: &'a str,
    /// The demo PIN, shown on screen in demo mode only.
    pub demo_pin: Option<&'a str>,
    /// Whether the center answers.
    pub online: bool,
    /// After a restart: who was recovered, where they were and their time left (one line each).
    pub recovered: Option<Vec<String>>,
    /// A session that cannot go on: who it was and why (one line each). The PIN then sets it
    /// aside.
    pub stuck: Option<Vec<String>>,
}

impl Locked {
    /// Handles a message; `now` comes from the caller so tests can drive time.
    pub fn update(&mut self, message: Message, pin: &PinHash, now: Instant) -> Action {
        match message {
            Message::PinChanged(value) => {
                self.pin = value.chars().filter(char::is_ascii_digit).take(8).collect();
                Action::None
            }
            Message::UnlockPressed => self.try_unlock(pin, now),
        }
    }

    fn try_unlock(&mut self, pin: &PinHash, now: Instant) -> Action {
        if self.lockout_until.is_some_and(|until| now < until) {
            return Action::None;
        }
        let entered = std::mem::take(&mut self.pin);
        if pin.verify(&entered) {
            *self = Locked::default();
            return Action::Unlocked;
        }
        self.wrong += 1;
        if self.wrong >= ATTEMPTS {
            self.wrong = 0;
            self.lockout_until = Some(now + LOCKOUT);
        }
        Action::None
    }

    /// Whether a PIN has been typed.
    pub fn has_pin(&self) -> bool {
        !self.pin.is_empty()
    }

    /// Seconds left of a lock-out, if one is running.
    pub fn lockout_left(&self, now: Instant) -> Option<u64> {
        let until = self.lockout_until?;
        (now < until)
            .then(|| u64::try_from((until - now).as_millis().div_ceil(1000)).unwrap_or(u64::MAX))
    }

    fn status(&self, lang: Lang, now: Instant) -> Option<String> {
        if let Some(seconds) = self.lockout_left(now) {
            let seconds = i64::try_from(seconds).unwrap_or(i64::MAX);
            return Some(tr_args(
                lang,
                "lock-locked-out",
                &[("seconds", Arg::Num(seconds))],
            ));
        }
        (self.wrong > 0).then(|| {
            tr_args(
                lang,
                "lock-wrong-pin",
                &[("left", Arg::Num(i64::from(ATTEMPTS - self.wrong)))],
            )
        })
    }

    /// The lock screen.
    pub fn view<'a>(&'a self, ctx: &Context<'_>, now: Instant) -> Element<'a, Message> {
        let lang = ctx.lang;
        let station = tr_args(
            lang,
            "lock-station",
            &[
                ("station", Arg::Str(ctx.station)),
                ("seat", Arg::Str(ctx.seat)),
            ],
        );
        let center = tr(
            lang,
            if ctx.online {
                "lock-center-online"
            } else {
                "lock-center-offline"
            },
        );
        let locked_out = self.lockout_left(now).is_some();
        let input = text_input("", &self.pin)
            .id(id::PIN)
            .secure(true)
            .size(metrics::INPUT)
            .padding(metrics::PAD)
            .on_input_maybe((!locked_out).then_some(Message::PinChanged))
            .on_submit(Message::UnlockPressed);
        let label = if ctx.stuck.is_some() {
            "lock-set-aside"
        } else {
            "lock-unlock"
        };
        let unlock = button(text(tr(lang, label)).size(metrics::TEXT).font(bold()))
            .padding(metrics::PAD)
            .on_press_maybe(
                (!locked_out && !self.pin.is_empty()).then_some(Message::UnlockPressed),
            );
        let mut form = column![
            text(tr(lang, "lock-title"))
                .size(metrics::TITLE)
                .font(bold()),
            text(station).size(metrics::TEXT),
            text(center).size(metrics::SMALL),
            Space::new().height(metrics::GAP),
            text(tr(lang, "lock-pin-label")).size(metrics::TEXT),
            input,
            container(unlock).id(id::UNLOCK),
        ]
        .spacing(metrics::GAP_SMALL)
        .align_x(Alignment::Start)
        .width(Length::Fixed(metrics::FORM_WIDTH));
        if let Some(status) = self.status(lang, now) {
            form = form.push(
                container(text(status).size(metrics::TEXT).style(text::danger)).id(id::STATUS),
            );
        }
        if let Some(pin) = ctx.demo_pin {
            let demo = tr_args(lang, "lock-demo-pin", &[("pin", Arg::Str(pin))]);
            form = form.push(Space::new().height(metrics::GAP));
            form = form.push(
                container(
                    text(demo)
                        .size(metrics::TEXT)
                        .font(bold())
                        .style(text::primary),
                )
                .id(id::DEMO_PIN),
            );
        }
        // What was recovered stands beside the PIN entry, so both fit on the smallest screen.
        let mut page = row![form].spacing(metrics::GAP * 2.0);
        if let Some(lines) = &ctx.recovered {
            page = page.push(summary(
                tr(lang, "lock-recovered-title"),
                lines,
                id::RECOVERED,
            ));
        }
        if let Some(lines) = &ctx.stuck {
            page = page.push(summary(tr(lang, "lock-stuck-title"), lines, id::STUCK));
        }
        container(page)
            .center(Length::Fill)
            .padding(metrics::EDGE)
            .into()
    }
}

/// A titled panel of lines beside the PIN entry.
fn summary<'a>(title: String, lines: &[String], id: &'static str) -> Element<'a, Message> {
    let mut panel =
        column![text(title).size(metrics::TEXT).font(bold())].spacing(metrics::GAP_SMALL);
    for line in lines {
        panel = panel.push(text(line.clone()).size(metrics::TEXT));
    }
    container(panel)
        .id(id)
        .padding(metrics::GAP)
        .width(Length::Fixed(metrics::FORM_WIDTH))
        .style(crate::ui::theme::style::panel)
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_pins_count_down_to_a_lockout_and_the_right_one_unlocks()
    -> Result<(), crate::crypto::CryptoError> {
        let hash = PinHash::new("2468")?;
        let mut lock = Locked::default();
        let t0 = Instant::now();
        for n in 1..ATTEMPTS {
            lock.update(Message::PinChanged("1111".into()), &hash, t0);
            assert_eq!(lock.update(Message::UnlockPressed, &hash, t0), Action::None);
            assert_eq!(lock.wrong, n);
            assert!(lock.pin.is_empty(), "a wrong PIN is cleared");
        }
        lock.update(Message::PinChanged("1111".into()), &hash, t0);
        lock.update(Message::UnlockPressed, &hash, t0);
        assert_eq!(lock.lockout_left(t0), Some(60));
        // Even the right PIN is refused during the lock-out.
        lock.update(Message::PinChanged("2468".into()), &hash, t0);
        assert_eq!(
            lock.update(Message::UnlockPressed, &hash, t0 + Duration::from_secs(30)),
            Action::None
        );
        lock.update(Message::PinChanged("24a6-8".into()), &hash, t0);
        assert_eq!(lock.pin, "2468", "only digits are taken");
        assert_eq!(
            lock.update(Message::UnlockPressed, &hash, t0 + LOCKOUT),
            Action::Unlocked
        );
        Ok(())
    }
}
