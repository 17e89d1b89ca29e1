//! The lock screen: station and seat, the center connection, the demo PIN in demo mode, and the
//! proctor's PIN entry. Wrong PINs count down to a lock-out; the PIN is only ever compared
//! against its PBKDF2 hash.

use std::time::{Duration, Instant};

use iced::widget::{Space, button, column, container, row, text, text_input};
use iced::{Alignment, Element, Length};

use super::{Action, Context};
use crate::crypto::pin::PinHash;
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::journal::recovery::Stuck;
use crate::station::Session;
use crate::sync::outbox::SyncState;
use crate::ui::keys::Press;
use crate::ui::parts;
use crate::ui::theme::{self, Panel, bold, metrics};
use crate::ui::widget;

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
    /// The center connection and the upload's state.
    pub const SYNC: &str = "sync";
}

/// What the lock screen tells the proctor besides the PIN entry.
#[derive(Debug, Clone, Default)]
pub enum Notice {
    /// Nothing: the next candidate.
    #[default]
    None,
    /// A session came back after a restart (the live session); whether its journal was damaged.
    Recovered {
        /// Damage was found, so it goes on from before the damage.
        damaged: bool,
    },
    /// A session that cannot go on: the PIN sets it aside.
    Stuck(Stuck),
}

/// Lock screen state.
#[derive(Debug, Default)]
pub struct Locked {
    notice: Notice,
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

impl Locked {
    /// A lock screen with `notice` beside the PIN entry.
    pub fn new(notice: Notice) -> Locked {
        Locked {
            notice,
            ..Locked::default()
        }
    }

    /// Handles a message, at the app's time.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action {
        match message {
            Message::PinChanged(value) => {
                self.pin = value.chars().filter(char::is_ascii_digit).take(8).collect();
                Action::None
            }
            Message::UnlockPressed => self.try_unlock(&ctx.config.pin, ctx.now),
        }
    }

    /// No key of the key set does anything here (Enter submits the PIN field).
    pub fn key(&self, _press: Press) -> Option<Message> {
        None
    }

    fn try_unlock(&mut self, pin: &PinHash, now: Instant) -> Action {
        if self.lockout_until.is_some_and(|until| now < until) {
            return Action::None;
        }
        let entered = std::mem::take(&mut self.pin);
        if pin.verify(&entered) {
            self.wrong = 0;
            self.lockout_until = None;
            return match &self.notice {
                Notice::Stuck(stuck) => Action::SetAside(stuck.clone()),
                _ => Action::Unlocked,
            };
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
    pub fn view<'a>(&'a self, ctx: &Context<'a>) -> Element<'a, Message> {
        let (lang, now, config) = (ctx.lang, ctx.now, ctx.config);
        let station = tr_args(
            lang,
            "lock-station",
            &[
                ("station", Arg::Str(&config.station)),
                ("seat", Arg::Str(&config.seat)),
            ],
        );
        let center = sync_lines(lang, config.center.is_some(), ctx.sync);
        let locked_out = self.lockout_left(now).is_some();
        let input = text_input("", &self.pin)
            .id(id::PIN)
            .secure(true)
            .size(metrics::INPUT)
            .padding(metrics::PAD)
            .on_input_maybe((!locked_out).then_some(Message::PinChanged))
            .on_submit(Message::UnlockPressed);
        let label = if matches!(self.notice, Notice::Stuck(_)) {
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
            container(column(center.into_iter().map(|(line, danger)| {
                let line = text(line).size(metrics::SMALL);
                if danger {
                    line.style(text::danger)
                } else {
                    line
                }
                .into()
            })))
            .id(id::SYNC),
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
        if let Some(pin) = config.demo_pin.as_deref() {
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
        match (&self.notice, ctx.session) {
            (Notice::Recovered { damaged }, Some(session)) => {
                page = page.push(summary(
                    tr(lang, "lock-recovered-title"),
                    &recovered_lines(lang, session, *damaged),
                    id::RECOVERED,
                ));
            }
            (Notice::Stuck(stuck), _) => {
                page = page.push(summary(
                    tr(lang, "lock-stuck-title"),
                    &stuck_lines(lang, stuck),
                    id::STUCK,
                ));
            }
            _ => {}
        }
        container(page)
            .center(Length::Fill)
            .padding(metrics::EDGE)
            .into()
    }
}

/// The center connection and what waits to be sent, each line with whether it is a warning. A
/// station without a center (the demo) keeps everything on the station.
fn sync_lines(lang: Lang, has_center: bool, sync: Option<&SyncState>) -> Vec<(String, bool)> {
    if !has_center {
        return vec![(tr(lang, "lock-center-offline"), false)];
    }
    let Some(sync) = sync else {
        return vec![(tr(lang, "lock-center-connecting"), false)];
    };
    let mut lines = vec![match sync.reached {
        None => (tr(lang, "lock-center-connecting"), false),
        Some(true) => (tr(lang, "lock-center-online"), false),
        Some(false) => (tr(lang, "lock-center-unreachable"), true),
    }];
    let waiting = i64::try_from(sync.waiting).unwrap_or(i64::MAX);
    lines.push((
        tr_args(lang, "lock-sync-waiting", &[("count", Arg::Num(waiting))]),
        false,
    ));
    if let Some(time) = sync.last_receipt_ms.and_then(time_of_day) {
        lines.push((
            tr_args(lang, "lock-sync-last", &[("time", Arg::Str(&time))]),
            false,
        ));
    }
    if sync.flagged {
        lines.push((tr(lang, "lock-sync-flagged"), true));
    }
    if sync.refused {
        lines.push((tr(lang, "lock-sync-refused"), true));
    }
    lines
}

/// A wall-clock time (ms since the epoch) as the station's local time of day.
fn time_of_day(ms: u64) -> Option<String> {
    use chrono::TimeZone as _;
    let at = chrono::Local
        .timestamp_millis_opt(i64::try_from(ms).ok()?)
        .single()?;
    Some(at.format("%H:%M:%S").to_string())
}

/// The recovered session: who, where they were, their time left and answers.
fn recovered_lines(lang: Lang, session: &Session, damaged: bool) -> Vec<String> {
    let state = session.recorded();
    let paper = &session.paper;
    let name = state.candidate.as_ref().map_or("", |c| c.name.as_str());
    let (block, number) = paper.position(usize::from(state.current));
    let subject = paper
        .format
        .blocks
        .get(block)
        .map_or_else(String::new, |b| parts::block_subject(lang, paper, &b.id));
    let screen = tr(lang, &format!("phase-{}", state.phase.name()));
    let answered = i64::try_from(state.answered_count()).unwrap_or(0);
    let mut lines = vec![
        name.to_owned(),
        tr_args(
            lang,
            "lock-recovered-where",
            &[
                ("screen", Arg::Str(&screen)),
                ("subject", Arg::Str(&subject)),
                ("n", Arg::Num(i64::try_from(number).unwrap_or(0))),
            ],
        ),
        tr_args(
            lang,
            "lock-recovered-time",
            &[("time", Arg::Str(&widget::clock(state.clock.remaining_ms())))],
        ),
        tr_args(
            lang,
            "lock-recovered-answers",
            &[("count", Arg::Num(answered))],
        ),
    ];
    if damaged {
        lines.push(tr(lang, "lock-recovered-damaged"));
    }
    lines
}

/// A session that cannot go on: who it was, why, and what the PIN does.
fn stuck_lines(lang: Lang, stuck: &Stuck) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(name) = &stuck.candidate {
        lines.push(tr_args(
            lang,
            "lock-stuck-candidate",
            &[("name", Arg::Str(name))],
        ));
    }
    lines.push(crate::ui::errors::recovery(lang, &stuck.problem));
    lines.push(tr(lang, "lock-stuck-what"));
    lines
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
        .style(theme::panel(Panel::Plain))
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::recovery::Sittings;
    use crate::station::Config;

    #[test]
    fn the_upload_is_told_in_the_proctors_language() {
        let (offline, false) = sync_lines(Lang::En, false, None)[0].clone() else {
            panic!("the demo keeps answers on the station, calmly");
        };
        assert_eq!(offline, tr(Lang::En, "lock-center-offline"));
        assert_eq!(
            sync_lines(Lang::En, true, None),
            vec![(tr(Lang::En, "lock-center-connecting"), false)]
        );
        let down = SyncState {
            reached: Some(false),
            waiting: 42,
            last_receipt_ms: Some(1_796_550_000_000),
            flagged: true,
            refused: true,
            problem: Some("refused".into()),
        };
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let lines = sync_lines(lang, true, Some(&down));
            assert_eq!(lines.len(), 5, "{lines:?}");
            assert_eq!(lines[0], (tr(lang, "lock-center-unreachable"), true));
            assert!(lines[1].0.contains("42"), "{lines:?}");
            assert!(lines[2].0.contains(':'), "the receipt's time: {lines:?}");
            assert_eq!(lines[3], (tr(lang, "lock-sync-flagged"), true));
            assert_eq!(lines[4], (tr(lang, "lock-sync-refused"), true));
        }
        let up = SyncState {
            reached: Some(true),
            ..SyncState::default()
        };
        let lines = sync_lines(Lang::Ru, true, Some(&up));
        assert_eq!(lines[0], (tr(Lang::Ru, "lock-center-online"), false));
        assert_eq!(lines[1].0, "Все записи доставлены в центр.");
        assert_eq!(lines.len(), 2, "no receipt yet, no flag");
    }

    #[test]
    fn wrong_pins_count_down_to_a_lockout_and_the_right_one_unlocks()
    -> Result<(), crate::crypto::CryptoError> {
        let (config, sittings) = (Config::demo(Vec::new())?, Sittings::default());
        let t0 = Instant::now();
        let at = |now: Instant| Context {
            lang: Lang::Kk,
            config: &config,
            session: None,
            state: None,
            sittings: &sittings,
            sync: None,
            now,
        };
        let mut lock = Locked::default();
        for n in 1..ATTEMPTS {
            lock.update(Message::PinChanged("1111".into()), &at(t0));
            assert!(matches!(
                lock.update(Message::UnlockPressed, &at(t0)),
                Action::None
            ));
            assert_eq!(lock.wrong, n);
            assert!(lock.pin.is_empty(), "a wrong PIN is cleared");
        }
        lock.update(Message::PinChanged("1111".into()), &at(t0));
        lock.update(Message::UnlockPressed, &at(t0));
        assert_eq!(lock.lockout_left(t0), Some(60));
        // Even the right PIN is refused during the lock-out.
        lock.update(Message::PinChanged("2468".into()), &at(t0));
        assert!(matches!(
            lock.update(Message::UnlockPressed, &at(t0 + Duration::from_secs(30))),
            Action::None
        ));
        lock.update(Message::PinChanged("24a6-8".into()), &at(t0));
        assert_eq!(lock.pin, "2468", "only digits are taken");
        assert!(matches!(
            lock.update(Message::UnlockPressed, &at(t0 + LOCKOUT)),
            Action::Unlocked
        ));
        Ok(())
    }
}
