//! The lock screen: station and seat, the center connection, the demo PIN in demo mode, and the
//! proctor's PIN entry. Wrong PINs count down to a lock-out; the PIN is only ever compared
//! against its PBKDF2 hash.

use std::time::Instant;

use iced::widget::{Space, button, column, container, row, text, text_input};
use iced::{Alignment, Element, Length};

use super::{Action, Context};
use crate::exam::event::{By, HoldCause};
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::journal::recovery::Stuck;
use crate::station::Session;
use crate::station::door::Door;
use crate::sync::handover::TakeOverError;
use crate::sync::outbox::SyncState;
use crate::ui::keys::Press;
use crate::ui::parts;
use crate::ui::theme::{self, Panel, bold, metrics};
use crate::ui::widget;

/// Widget ids, for tests and focus.
pub mod id {
    /// The PIN input.
    pub const PIN: &str = "pin-input";
    /// The unlock button's frame.
    pub const UNLOCK: &str = "unlock";
    /// The proctor menu button's frame (no session: the admin screen).
    pub const ADMIN: &str = "open-admin";
    /// The message under the PIN.
    pub const STATUS: &str = "lock-status";
    /// The recovered-session summary.
    pub const RECOVERED: &str = "recovered";
    /// The notice of a session moved here or away.
    pub const MOVED: &str = "moved";
    /// The demo PIN line.
    pub const DEMO_PIN: &str = "demo-pin";
    /// The notice of a session that cannot go on.
    pub const STUCK: &str = "stuck";
    /// Why a session is held, and the challenge for a one-time code.
    pub const HELD: &str = "held";
    /// The challenge's digits.
    pub const CHALLENGE: &str = "challenge";
    /// The center connection and the upload's state.
    pub const SYNC: &str = "sync";
    /// What the readiness check found wanting.
    pub const PREFLIGHT: &str = "preflight";
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
    /// A session the center moved here from another station (a seat swap): the PIN resumes it.
    MovedHere {
        /// The seat it came from.
        seat: String,
        /// Records written there that never reached the center.
        lost: u64,
        /// The tasks those records answered or cleared, as far as known.
        lost_tasks: Vec<u16>,
    },
    /// The center moved a session here, and it could not be taken over (the station asks
    /// again at each heartbeat); the PIN leads on as with no notice.
    MoveFailed(TakeOverError),
    /// The center moved this station's session to another station; the PIN leads to the next
    /// candidate.
    MovedAway {
        /// The seat it went to.
        seat: String,
    },
    /// The live session is held over its tasks; the PIN or a one-time code for the challenge
    /// opens the admin screen.
    Held {
        /// Why.
        cause: HoldCause,
        /// The challenge a one-time code answers (a station with a center).
        challenge: Option<String>,
    },
}

/// Lock screen state.
#[derive(Debug, Default)]
pub struct Locked {
    notice: Notice,
    pin: String,
}

/// What the proctor did.
#[derive(Debug, Clone)]
pub enum Message {
    /// The PIN field changed.
    PinChanged(String),
    /// Unlock was pressed (or Enter in the PIN field).
    UnlockPressed,
    /// The proctor menu was asked for.
    AdminPressed,
}

impl Locked {
    /// A lock screen with `notice` beside the PIN entry.
    pub fn new(notice: Notice) -> Locked {
        Locked {
            notice,
            ..Locked::default()
        }
    }

    /// What the screen shows beside the PIN entry.
    pub fn notice(&self) -> &Notice {
        &self.notice
    }

    /// A session moved here could not be taken over: said beside the PIN entry, unless the
    /// screen has something else to say; what is typed is kept.
    pub fn move_failed(&mut self, error: TakeOverError) {
        if matches!(self.notice, Notice::None | Notice::MoveFailed(_)) {
            self.notice = Notice::MoveFailed(error);
        }
    }

    /// Whether the session's clock stands still while this screen shows: it does at start and
    /// after a restart, and runs while a live session is held.
    pub fn freezes_clock(&self) -> bool {
        !matches!(self.notice, Notice::Held { .. })
    }

    /// Handles a message, at the app's time.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action {
        match message {
            Message::PinChanged(value) => {
                self.pin = value.chars().filter(char::is_ascii_digit).take(8).collect();
                Action::None
            }
            Message::UnlockPressed => self.try_open(ctx, false),
            Message::AdminPressed => self.try_open(ctx, true),
        }
    }

    /// No key of the key set does anything here (Enter submits the PIN field).
    pub fn key(&self, _press: Press) -> Option<Message> {
        None
    }

    /// Checks what was typed: the PIN, or on a held station with a center a one-time code for
    /// the challenge on show. The door makes a wrong try wait.
    fn try_open(&mut self, ctx: &Context<'_>, to_admin: bool) -> Action {
        if ctx.door.wait(ctx.now).is_some() {
            return Action::None;
        }
        let typed = std::mem::take(&mut self.pin);
        if typed.is_empty() {
            return Action::None;
        }
        let code = match (&self.notice, ctx.config.center.as_ref()) {
            (
                Notice::Held {
                    challenge: Some(c), ..
                },
                Some(center),
            ) => center.link.unlock_code_opens(c, &typed, ctx.unix_secs),
            _ => false,
        };
        let by = if ctx.config.pin.verify(&typed) {
            By::Pin
        } else if code {
            By::Code
        } else {
            return Action::Refused;
        };
        match &self.notice {
            Notice::Stuck(stuck) => Action::SetAside(stuck.clone()),
            Notice::Held { .. } => Action::Admin(by),
            _ if to_admin => Action::Admin(by),
            _ => Action::Unlocked(by),
        }
    }

    /// Whether a PIN has been typed.
    pub fn has_pin(&self) -> bool {
        !self.pin.is_empty()
    }

    fn status(lang: Lang, door: &Door, now: Instant) -> Option<String> {
        if door.locked_out(now) {
            let seconds = door.wait(now).map_or(0, |w| w.as_millis().div_ceil(1000));
            let seconds = i64::try_from(seconds).unwrap_or(i64::MAX);
            return Some(tr_args(
                lang,
                "lock-locked-out",
                &[("seconds", Arg::Num(seconds))],
            ));
        }
        (door.wrong() > 0).then(|| {
            tr_args(
                lang,
                "lock-wrong-pin",
                &[("left", Arg::Num(i64::from(door.left())))],
            )
        })
    }

    /// What stands beside the PIN entry: the recovered session, the stuck one, or the hold.
    fn beside<'a>(
        &self,
        lang: Lang,
        session: Option<&Session>,
        checks: &[crate::preflight::Check],
    ) -> Option<Element<'a, Message>> {
        Some(match (&self.notice, session) {
            // Before anyone sits: what the readiness check found wanting, if anything.
            (Notice::None, None) => {
                let lines = preflight_lines(lang, checks);
                if lines.is_empty() {
                    return None;
                }
                summary(tr(lang, "preflight-title"), &lines, id::PREFLIGHT)
            }
            (Notice::Recovered { damaged }, Some(session)) => summary(
                tr(lang, "lock-recovered-title"),
                &recovered_lines(lang, session, *damaged),
                id::RECOVERED,
            ),
            (
                Notice::MovedHere {
                    seat,
                    lost,
                    lost_tasks,
                },
                Some(session),
            ) => {
                let mut lines = vec![tr_args(
                    lang,
                    "lock-moved-here-from",
                    &[("seat", Arg::Str(seat))],
                )];
                if *lost > 0 {
                    lines.push(tr_args(
                        lang,
                        "lock-moved-here-lost",
                        &[
                            ("seat", Arg::Str(seat)),
                            ("lost", Arg::Num(i64::try_from(*lost).unwrap_or(i64::MAX))),
                        ],
                    ));
                }
                if !lost_tasks.is_empty() {
                    let tasks = task_names(lang, &session.paper, lost_tasks);
                    lines.push(tr_args(
                        lang,
                        "lock-moved-here-tasks",
                        &[("tasks", Arg::Str(&tasks))],
                    ));
                }
                lines.extend(recovered_lines(lang, session, false));
                summary(tr(lang, "lock-moved-here-title"), &lines, id::MOVED)
            }
            (Notice::MovedAway { seat }, _) => summary(
                tr(lang, "lock-moved-away-title"),
                &[tr_args(
                    lang,
                    "lock-moved-away",
                    &[("seat", Arg::Str(seat))],
                )],
                id::MOVED,
            ),
            (Notice::MoveFailed(error), None) => summary(
                tr(lang, "lock-move-failed-title"),
                &[
                    crate::ui::errors::text(lang, crate::ui::errors::Problem::TakeOver(error)),
                    tr(lang, "lock-move-failed-retry"),
                ],
                id::MOVED,
            ),
            (Notice::Held { cause, challenge }, _) => held(lang, *cause, challenge.as_deref()),
            (Notice::Stuck(stuck), _) => summary(
                tr(lang, "lock-stuck-title"),
                &stuck_lines(lang, stuck),
                id::STUCK,
            ),
            _ => return None,
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
        let waiting = ctx.door.wait(now).is_some();
        let input = text_input("", &self.pin)
            .id(id::PIN)
            .secure(true)
            .size(metrics::INPUT)
            .padding(metrics::PAD)
            .on_input_maybe((!ctx.door.locked_out(now)).then_some(Message::PinChanged))
            .on_submit(Message::UnlockPressed);
        let label = match self.notice {
            Notice::Stuck(_) => "lock-set-aside",
            Notice::Held { .. } => "lock-open-admin",
            _ => "lock-unlock",
        };
        let unlock = button(text(tr(lang, label)).size(metrics::TEXT).font(bold()))
            .padding(metrics::PAD)
            .on_press_maybe((!waiting && !self.pin.is_empty()).then_some(Message::UnlockPressed));
        let free = matches!(self.notice, Notice::None | Notice::MoveFailed(_));
        let buttons = if free && ctx.session.is_none() {
            let admin = button(text(tr(lang, "lock-open-admin")).size(metrics::TEXT))
                .padding(metrics::PAD)
                .style(theme::button(theme::Button::Quiet))
                .on_press_maybe(
                    (!waiting && !self.pin.is_empty()).then_some(Message::AdminPressed),
                );
            row![
                container(unlock).id(id::UNLOCK),
                container(admin).id(id::ADMIN)
            ]
            .spacing(metrics::GAP_SMALL)
        } else {
            row![container(unlock).id(id::UNLOCK)]
        };
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
            buttons,
        ]
        .spacing(metrics::GAP_SMALL)
        .align_x(Alignment::Start)
        .width(Length::Fixed(metrics::FORM_WIDTH));
        if let Some(status) = Locked::status(lang, ctx.door, now) {
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
        if let Some(beside) = self.beside(lang, ctx.session, &config.preflight) {
            page = page.push(beside);
        }
        container(page)
            .center(Length::Fill)
            .padding(metrics::EDGE)
            .into()
    }
}

/// Why the session is held, and the challenge a one-time code from the center answers.
fn held<'a>(lang: Lang, cause: HoldCause, challenge: Option<&str>) -> Element<'a, Message> {
    let why = match cause {
        HoldCause::FocusLost => "held-focus-lost",
        HoldCause::Display => "held-display",
        HoldCause::Proctor => "held-proctor",
    };
    let mut panel = column![
        text(tr(lang, "held-title"))
            .size(metrics::TEXT)
            .font(bold()),
        text(tr(lang, why)).size(metrics::TEXT),
        text(tr(lang, "held-clock")).size(metrics::TEXT),
    ]
    .spacing(metrics::GAP_SMALL);
    if let Some(challenge) = challenge {
        panel = panel.push(text(tr(lang, "held-challenge")).size(metrics::TEXT));
        panel = panel.push(
            container(
                text(challenge.to_owned())
                    .size(metrics::TITLE)
                    .font(bold())
                    .style(text::primary),
            )
            .id(id::CHALLENGE),
        );
    }
    container(panel)
        .id(id::HELD)
        .padding(metrics::GAP)
        .width(Length::Fixed(metrics::FORM_WIDTH))
        .style(theme::panel(Panel::Plain))
        .into()
}

/// The readiness check's findings that are not ok, worst first, each as `FAIL: ...`.
pub fn preflight_lines(lang: Lang, checks: &[crate::preflight::Check]) -> Vec<String> {
    let mut wanting: Vec<&crate::preflight::Check> = checks
        .iter()
        .filter(|c| c.level != crate::preflight::Level::Ok)
        .collect();
    wanting.sort_by_key(|c| std::cmp::Reverse(c.level));
    wanting
        .iter()
        .map(|c| {
            let level = tr(lang, &format!("preflight-level-{}", c.level.name()));
            let said =
                crate::ui::errors::text(lang, crate::ui::errors::Problem::Preflight(&c.finding));
            format!("{level}: {said}")
        })
        .collect()
}

/// The center connection and what waits to be sent, each line with whether it is a warning. A
/// station without a center (the demo) keeps everything on the station.
pub fn sync_lines(lang: Lang, has_center: bool, sync: Option<&SyncState>) -> Vec<(String, bool)> {
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
/// Tasks by subject and number: "History 3, 4; Mathematics 12".
fn task_names(lang: Lang, paper: &crate::exam::Paper, tasks: &[u16]) -> String {
    let mut by_block: Vec<(usize, Vec<usize>)> = Vec::new();
    for task in tasks {
        let (block, number) = paper.position(usize::from(*task));
        match by_block.iter_mut().find(|(b, _)| *b == block) {
            Some((_, numbers)) => numbers.push(number),
            None => by_block.push((block, vec![number])),
        }
    }
    by_block
        .into_iter()
        .map(|(block, numbers)| {
            let subject = paper
                .format
                .blocks
                .get(block)
                .map_or_else(String::new, |b| parts::block_subject(lang, paper, &b.id));
            let numbers: Vec<String> = numbers.iter().map(ToString::to_string).collect();
            format!("{subject} {}", numbers.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

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
            ..SyncState::default()
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

    fn at<'a>(
        config: &'a Config,
        sittings: &'a Sittings,
        door: &'a Door,
        now: Instant,
    ) -> Context<'a> {
        Context {
            lang: Lang::Kk,
            config,
            session: None,
            state: None,
            sittings,
            sync: None,
            door,
            unix_secs: 0,
            now,
        }
    }

    #[test]
    fn the_right_pin_unlocks_a_wrong_one_is_refused_and_a_waiting_door_takes_nothing()
    -> Result<(), crate::crypto::CryptoError> {
        let (config, sittings) = (Config::demo(Vec::new())?, Sittings::default());
        let t0 = Instant::now();
        let mut door = Door::default();
        let mut lock = Locked::default();
        lock.update(
            Message::PinChanged("1111".into()),
            &at(&config, &sittings, &door, t0),
        );
        assert!(matches!(
            lock.update(Message::UnlockPressed, &at(&config, &sittings, &door, t0)),
            Action::Refused
        ));
        assert!(lock.pin.is_empty(), "a wrong PIN is cleared");
        door.refused(t0);
        // While the door makes the proctor wait, even the right PIN is not taken.
        lock.update(
            Message::PinChanged("24a6-8".into()),
            &at(&config, &sittings, &door, t0),
        );
        assert_eq!(lock.pin, "2468", "only digits are taken");
        assert!(matches!(
            lock.update(Message::UnlockPressed, &at(&config, &sittings, &door, t0)),
            Action::None
        ));
        let later = t0 + std::time::Duration::from_secs(1);
        assert!(matches!(
            lock.update(
                Message::UnlockPressed,
                &at(&config, &sittings, &door, later)
            ),
            Action::Unlocked(By::Pin)
        ));
        lock.update(
            Message::PinChanged("2468".into()),
            &at(&config, &sittings, &door, later),
        );
        assert!(matches!(
            lock.update(Message::AdminPressed, &at(&config, &sittings, &door, later)),
            Action::Admin(By::Pin)
        ));
        Ok(())
    }
}
