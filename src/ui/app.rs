//! The top-level app: configuration, the screen on show, the interface language, the live
//! session, one-line dispatch of every message to the screen that owns it, time, keys and the
//! autopilot. The journal side is in `journal`, the window in `kiosk`, the frame in `view`.

use std::io::Write as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use iced::{Subscription, Task, Theme, event};

use crate::crypto::pin::PinHash;
use crate::exam::event::Incident;
use crate::exam::{Event, Paper, Phase, State};
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::journal::recovery::{Sittings, Stuck};
use crate::journal::{JournalError, Writer};
use crate::package::Header;
use crate::roster::Entry;
use crate::station::Session;
use crate::ui::autopilot::Autopilot;
use crate::ui::keys::Press;
use crate::ui::parts;
use crate::ui::screen::{Screen, appeal, briefing, check_in, locked, post, testing};
use crate::ui::theme;

mod journal;
mod kiosk;
mod proctor;
mod view;

pub use kiosk::kiosk_window;
use kiosk::{cover_screen, move_focus, window_event};

/// A package the station can run.
#[derive(Debug, Clone)]
pub struct Package {
    /// Its header.
    pub header: Header,
    /// Its paper.
    pub paper: Arc<Paper>,
}

/// What the station runs with.
#[derive(Debug, Clone)]
pub struct Config {
    /// Station name.
    pub station: String,
    /// Seat.
    pub seat: String,
    /// The proctor PIN's hash.
    pub pin: PinHash,
    /// The demo PIN, shown on the lock screen in demo mode only.
    pub demo_pin: Option<String>,
    /// Candidates expected here.
    pub roster: Vec<Entry>,
    /// The packages the station can run.
    pub packages: Vec<Package>,
    /// High-contrast palette.
    pub high_contrast: bool,
    /// Exam time runs this many times faster than real time (demo only).
    pub time_scale: u32,
    /// A scripted candidate with this seed.
    pub autopilot: Option<u64>,
    /// Where the autopilot stops and time returns to normal speed: a screen name, optionally
    /// with `:TASK` (testing) — for screenshots.
    pub autopilot_stop: Option<String>,
    /// Set when a run with the autopilot fails, for the process's exit code.
    pub failure: Arc<Mutex<Option<String>>>,
}

impl Config {
    /// The bundled demo: a demo station, the demo roster, the demo packages and a demo PIN shown
    /// on screen.
    pub fn demo(packages: Vec<Package>) -> Result<Config, crate::crypto::CryptoError> {
        const DEMO_PIN: &str = "2468";
        Ok(Config {
            station: "DEMO".to_owned(),
            seat: "1".to_owned(),
            pin: PinHash::new(DEMO_PIN)?,
            demo_pin: Some(DEMO_PIN.to_owned()),
            roster: crate::roster::demo(),
            packages,
            high_contrast: false,
            time_scale: 1,
            autopilot: None,
            autopilot_stop: None,
            failure: Arc::new(Mutex::new(None)),
        })
    }
}

/// A session brought back from the journal at start.
#[derive(Debug, Clone)]
pub struct Resume {
    /// Journal session id (the writer has already resumed it).
    pub session: String,
    /// Package id.
    pub package: String,
    /// Its paper.
    pub paper: Arc<Paper>,
    /// Its state.
    pub state: State,
    /// Damage found in the chain, if any (the state is what came before it).
    pub damage: Option<String>,
    /// The downtime incident to record first, if the station was down for a while.
    pub downtime: Option<Event>,
}

/// What the journal held at start.
#[derive(Debug, Clone, Default)]
pub struct Start {
    /// The session to resume (the writer has already resumed it).
    pub resume: Option<Resume>,
    /// A session that cannot go on, waiting for a proctor to set it aside.
    pub stuck: Option<Stuck>,
    /// Who has sat on this station.
    pub sittings: Sittings,
}

/// Widget ids of the app frame.
pub mod id {
    /// The frame of a language button: `lang-kk`, `lang-ru`, `lang-en`.
    pub fn language(lang: crate::i18n::Lang) -> String {
        format!("lang-{}", lang.code())
    }
    /// The journal error line.
    pub const JOURNAL_ERROR: &str = "journal-error";
}

/// How long an autopilot run may stand still before it gives up with an error (a scripted run
/// always moves: it clicks, or time passes and is recorded).
const AUTOPILOT_STALL: Duration = Duration::from_secs(60);

/// A widget id no widget has: focusing it takes the focus from every field.
const NOWHERE: &str = "nowhere";

/// How long the thank-you screen stays before the station locks for the next candidate.
pub const CLOSED_SHOWN: Duration = Duration::from_secs(10);
/// How long the end-of-test notice stays before the analysis card opens by itself.
pub const NOTICE_SHOWN: Duration = Duration::from_secs(5);

/// The app.
pub struct App {
    config: Config,
    writer: Writer,
    screen: Screen,
    lang: Lang,
    now: Instant,
    last_tick: Option<Instant>,
    session: Option<Session>,
    /// A session waiting for the journal to create it.
    creating: Option<crate::journal::NewSession>,
    /// A recovered session waits for the proctor: whether its journal was damaged.
    recovered: Option<bool>,
    /// A session that cannot go on, until a proctor sets it aside.
    stuck: Option<Stuck>,
    /// Who has sat on this station.
    sittings: Sittings,
    /// A proctor action's audit record on its way to the journal.
    audit_pending: Option<proctor::PendingAudit>,
    /// Journal faults already recorded as an incident.
    faults_seen: u64,
    journal_error: Option<JournalError>,
    /// When the current screen opened (for the notice and thank-you timers).
    shown_at: Instant,
    incidents: u32,
    autopilot: Option<Autopilot>,
    /// The autopilot's last progress (screen, events recorded) and since when it has stood.
    pilot_progress: Option<((&'static str, u64), Instant)>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("screen", &self.screen.name())
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

/// Everything that can happen.
#[derive(Debug, Clone)]
pub enum Message {
    /// On the lock screen.
    Locked(locked::Message),
    /// On the check-in screen.
    CheckIn(check_in::Message),
    /// On the briefing.
    Briefing(briefing::Message),
    /// While testing.
    Testing(testing::Message),
    /// On a post-test screen.
    Post(post::Message),
    /// In the appeal.
    Appeal(appeal::Message),
    /// A language button.
    LanguagePicked(Lang),
    /// Time passed (the subscription's tick, or a test's).
    Tick(Instant),
    /// Someone tried to close the window or it lost focus.
    Window(WindowEvent),
    /// Tab or Shift+Tab: move the keyboard focus to the next or previous field.
    FocusMoved {
        /// Backwards (Shift+Tab).
        back: bool,
    },
    /// A key of the exam key set that no widget took.
    Key(Press),
    /// The journal created the session.
    Created(Result<(), JournalError>),
    /// The journal answered for a proctor action's audit record.
    Audited(Result<i64, JournalError>),
    /// The journal answered for event `n`.
    Committed {
        /// The session's local event number.
        n: u64,
        /// Whether it is committed.
        result: Result<u64, JournalError>,
    },
}

/// Window events that matter to the kiosk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowEvent {
    /// A close request (Alt+F4, the window manager): ignored, recorded.
    CloseRequested,
    /// The window lost focus.
    FocusLost,
}

impl App {
    /// Starts on the lock screen with the PIN field focused; with `resume`, the lock screen
    /// shows what was recovered.
    pub fn new(config: Config, writer: Writer, start: Start) -> (App, Task<Message>) {
        let now = Instant::now();
        let mut app = App {
            autopilot: config.autopilot.map(Autopilot::new),
            pilot_progress: None,
            config,
            writer,
            screen: Screen::Locked(locked::Locked::default()),
            lang: Lang::Kk,
            now,
            last_tick: None,
            session: None,
            creating: None,
            recovered: None,
            stuck: start.stuck,
            sittings: start.sittings,
            audit_pending: None,
            faults_seen: 0,
            journal_error: None,
            shown_at: now,
            incidents: 0,
        };
        if let Some(r) = start.resume {
            if let Some(c) = &r.state.candidate {
                app.lang = c.interface;
            }
            let mut session = Session::new(r.session, r.package, r.paper, r.state, true);
            if let Some(downtime) = r.downtime {
                // Queued like any event: committed (and retried) by the writer, in order.
                let _ = session.record(downtime);
            }
            app.recovered = Some(r.damage.is_some());
            app.session = Some(session);
        }
        let start = Task::batch([
            iced::widget::operation::focus(locked::id::PIN),
            cover_screen(),
        ]);
        (app, start)
    }

    /// The recovered-session summary in the interface language of the moment.
    fn recovered_lines(&self, session: &Session, damaged: bool) -> Vec<String> {
        let lang = self.lang;
        let state = session.recorded();
        let name = state.candidate.as_ref().map_or("", |c| c.name.as_str());
        let (block, number) = testing::position(&session.paper, usize::from(state.current));
        let subject =
            parts::block_subject(lang, &session.paper, &session.paper.format.blocks[block].id);
        let mut lines = vec![
            name.to_owned(),
            tr_args(
                lang,
                "lock-recovered-where",
                &[
                    (
                        "screen",
                        Arg::Str(&tr(lang, &format!("phase-{}", state.phase.name()))),
                    ),
                    ("subject", Arg::Str(&subject)),
                    ("n", Arg::Num(i64::try_from(number).unwrap_or(0))),
                ],
            ),
            tr_args(
                lang,
                "lock-recovered-time",
                &[("time", Arg::Str(&parts::clock(state.clock.remaining_ms())))],
            ),
            tr_args(
                lang,
                "lock-recovered-answers",
                &[(
                    "count",
                    Arg::Num(i64::try_from(state.answered_count()).unwrap_or(0)),
                )],
            ),
        ];
        if damaged {
            lines.push(tr(lang, "lock-recovered-damaged"));
        }
        lines
    }

    /// What the lock screen says of a session that cannot go on.
    fn stuck_lines(&self, stuck: &Stuck) -> Vec<String> {
        let lang = self.lang;
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

    /// The window title.
    pub fn title(&self) -> String {
        tr(self.lang, "app-title")
    }

    /// The theme.
    pub fn theme(&self) -> Theme {
        theme::theme(self.config.high_contrast)
    }

    /// The interface language.
    pub fn language(&self) -> Lang {
        self.lang
    }

    /// The screen on show.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The live session, if any.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Close requests and focus losses seen so far.
    pub fn incidents(&self) -> u32 {
        self.incidents
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        // A failed commit is retried on the next tick, not in a tight loop.
        let retry = matches!(message, Message::Tick(_));
        let task = match message {
            Message::Locked(m) => self.on_locked(m),
            Message::CheckIn(m) => self.on_check_in(m),
            Message::Briefing(briefing::Message::StartPressed) => self.record(vec![Event::Started]),
            Message::Testing(m) => self.on_testing(m),
            Message::Post(m) => self.record(vec![m.event()]),
            Message::Appeal(m) => self.on_appeal(m),
            Message::LanguagePicked(lang) => self.set_language(lang),
            Message::Tick(now) => self.on_tick(now),
            Message::Window(event) => self.on_window(event),
            Message::FocusMoved { back } => move_focus(back),
            Message::Key(press) => self.on_key(press),
            Message::Created(result) => self.on_created(result),
            Message::Audited(result) => self.on_audited(result),
            Message::Committed { n, result } => self.on_committed(n, result),
        };
        Task::batch([task, self.pump(retry)])
    }

    fn on_locked(&mut self, message: locked::Message) -> Task<Message> {
        let Screen::Locked(lock) = &mut self.screen else {
            return Task::none();
        };
        match lock.update(message, &self.config.pin, Instant::now()) {
            locked::Action::None => Task::none(),
            locked::Action::Unlocked if self.stuck.is_some() => self.set_aside(),
            locked::Action::Unlocked if self.session.is_some() => {
                // A recovered session: straight back to where the candidate was.
                self.recovered = None;
                self.show_phase(true);
                Task::none()
            }
            locked::Action::Unlocked => {
                self.set_screen(Screen::CheckIn(check_in::CheckIn::default()));
                iced::widget::operation::focus(check_in::id::IIN)
            }
        }
    }

    fn on_check_in(&mut self, message: check_in::Message) -> Task<Message> {
        let Screen::CheckIn(check) = &mut self.screen else {
            return Task::none();
        };
        let had = check.found().is_some();
        let lookup = check_in::Lookup {
            roster: &self.config.roster,
            sittings: &self.sittings,
            pin: &self.config.pin,
        };
        match check.update(message, &lookup) {
            check_in::Action::None => {
                // Once found, the interface switches to the candidate's language (they can
                // switch it back with the language bar), and the fields let go of the keyboard
                // so Space and Enter reach the confirmation.
                if let (false, Some(found)) = (had, check.found()) {
                    self.lang = found.language;
                    return iced::widget::operation::focus(NOWHERE);
                }
                Task::none()
            }
            check_in::Action::Confirmed(entry) => self.start_session(&entry),
            check_in::Action::RetakeAllowed(entry) => self.allow_retake(&entry),
        }
    }

    fn on_testing(&mut self, message: testing::Message) -> Task<Message> {
        let (Screen::Testing(screen), Some(session)) = (&mut self.screen, &self.session) else {
            return Task::none();
        };
        let events = screen.update(message, session);
        self.record(events)
    }

    fn on_appeal(&mut self, message: appeal::Message) -> Task<Message> {
        let (Screen::Appeal(screen), Some(session)) = (&mut self.screen, &self.session) else {
            return Task::none();
        };
        let events = screen.update(message, &session.paper, session.recorded());
        self.record(events)
    }

    /// A key no widget took, turned into the message of the button it stands for.
    fn on_key(&mut self, press: Press) -> Task<Message> {
        let message = match (&self.screen, press) {
            (Screen::Testing(_), _) => Message::Testing(testing::Message::Key(press)),
            (Screen::Appeal(_), _) => Message::Appeal(appeal::Message::Key(press)),
            (Screen::CheckIn(check), Press::Space) if check.found().is_some() => {
                Message::CheckIn(check_in::Message::PairChecked(!check.pair_ok()))
            }
            (Screen::CheckIn(check), Press::Enter) if check.found().is_some() => {
                Message::CheckIn(check_in::Message::ConfirmPressed)
            }
            (Screen::Briefing, Press::Enter) => Message::Briefing(briefing::Message::StartPressed),
            (Screen::Finished, Press::Enter) => Message::Post(post::Message::ToCard),
            (Screen::Review, Press::Enter) => Message::Post(post::Message::ToDecision),
            (Screen::Decision, Press::Option(0)) => Message::Post(post::Message::GoAppeal),
            (Screen::Decision, Press::Option(1)) => Message::Post(post::Message::NoAppeal),
            (Screen::AppealCard, Press::Enter) => Message::Post(post::Message::CardDone),
            _ => return Task::none(),
        };
        self.update(message)
    }

    /// Records events through the exam core and the journal, then follows the phase.
    fn record(&mut self, events: Vec<Event>) -> Task<Message> {
        let Some(session) = &mut self.session else {
            return Task::none();
        };
        for event in events {
            // A refused event changes nothing; the screens only offer what the phase allows.
            let _ = session.record(event);
        }
        self.show_phase(false);
        Task::none()
    }

    /// Puts up the screen for the session's phase when it changed (or always, with `force`).
    fn show_phase(&mut self, force: bool) {
        let Some(session) = &self.session else {
            return;
        };
        if matches!(self.screen, Screen::Locked(_)) && !force {
            return;
        }
        let state = session.recorded();
        if !shows(&self.screen, state.phase) {
            let screen = screen_for(state);
            self.set_screen(screen);
        }
    }

    fn set_screen(&mut self, screen: Screen) {
        self.screen = screen;
        self.shown_at = self.now;
    }

    fn set_language(&mut self, lang: Lang) -> Task<Message> {
        self.lang = lang;
        Task::none()
    }

    fn on_tick(&mut self, now: Instant) -> Task<Message> {
        let elapsed = self
            .last_tick
            .map_or(Duration::ZERO, |t| now.saturating_duration_since(t));
        self.last_tick = Some(now);
        self.now = now;
        let locked = matches!(self.screen, Screen::Locked(_));
        if let (Some(session), false) = (&mut self.session, locked) {
            let ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
            session.elapse(ms.saturating_mul(u64::from(self.config.time_scale.max(1))));
            self.show_phase(false);
        }
        if self.autopilot.is_some() && self.at_stop() {
            self.autopilot = None;
            self.config.time_scale = 1;
            // Scripts (the screenshot script) wait for this line.
            let _ = writeln!(
                std::io::stdout(),
                "autopilot: stopped on {}",
                self.stop_name()
            );
        }
        let shown = now.saturating_duration_since(self.shown_at);
        match &self.screen {
            Screen::Finished if shown >= NOTICE_SHOWN => {
                return self.record(vec![Event::ReviewOpened]);
            }
            Screen::Closed
                if (shown >= CLOSED_SHOWN || self.autopilot.is_some())
                    && self.session.as_ref().is_none_or(Session::all_saved) =>
            {
                return self.next_candidate();
            }
            _ => {}
        }
        if self.autopilot.is_some() && self.pilot_stalled(now) {
            let screen = self.screen.name();
            self.fail(&format!(
                "no progress for {} s on the {screen} screen",
                AUTOPILOT_STALL.as_secs()
            ));
            return iced::exit();
        }
        if let Some(pilot) = &mut self.autopilot
            && let Some(message) = pilot.next(&self_view(
                &self.screen,
                self.session.as_ref(),
                &self.config,
            ))
        {
            return self.update(message);
        }
        Task::none()
    }

    /// Whether the autopilot has stood still (same screen, no new event) for `AUTOPILOT_STALL`.
    fn pilot_stalled(&mut self, now: Instant) -> bool {
        let key = (
            self.screen.name(),
            self.session.as_ref().map_or(0, |s| s.recorded().events),
        );
        match self.pilot_progress {
            Some((seen, since)) if seen == key => {
                now.saturating_duration_since(since) >= AUTOPILOT_STALL
            }
            _ => {
                self.pilot_progress = Some((key, now));
                false
            }
        }
    }

    /// Whether the screen (and task) named by `autopilot_stop` is on show.
    fn at_stop(&self) -> bool {
        let Some(stop) = &self.config.autopilot_stop else {
            return false;
        };
        let (screen, task) = stop.split_once(':').unwrap_or((stop, ""));
        let current = self
            .session
            .as_ref()
            .map(|s| s.recorded().current.to_string());
        self.stop_name() == screen && (task.is_empty() || current.as_deref() == Some(task))
    }

    /// The screen's name, with the finish confirmation told apart from testing.
    fn stop_name(&self) -> &'static str {
        match &self.screen {
            Screen::Testing(t) if t.confirming() => "finish-confirm",
            other => other.name(),
        }
    }

    /// After the thank-you: lock for the next candidate (or end an autopilot run).
    fn next_candidate(&mut self) -> Task<Message> {
        // A closed session is a sitting: the same candidate is refused from now on.
        if let Some(c) = self
            .session
            .take()
            .map(|s| s.recorded().clone())
            .filter(|s| s.phase == Phase::Closed)
            .and_then(|s| s.candidate)
        {
            self.sittings.sat(&c.iin);
        }
        self.lang = Lang::Kk;
        self.set_screen(Screen::Locked(locked::Locked::default()));
        if self.autopilot.is_some() {
            return iced::exit();
        }
        iced::widget::operation::focus(locked::id::PIN)
    }

    fn on_window(&mut self, event: WindowEvent) -> Task<Message> {
        self.incidents += 1;
        let kind = match event {
            WindowEvent::CloseRequested => Incident::CloseRequested,
            WindowEvent::FocusLost => Incident::FocusLost,
        };
        if matches!(self.screen, Screen::Locked(_)) {
            return Task::none();
        }
        self.record(vec![Event::Incident { kind }])
    }

    /// The tick (every second; faster when time is scaled or the autopilot drives), the window
    /// events and the key set.
    pub fn subscription(&self) -> Subscription<Message> {
        let fast = self.config.time_scale > 1 || self.autopilot.is_some();
        let every = if fast {
            Duration::from_millis(50)
        } else {
            Duration::from_secs(1)
        };
        Subscription::batch([
            iced::time::every(every).map(Message::Tick),
            event::listen_with(window_event),
        ])
    }
}

/// Whether `screen` is the one for `phase` (checked on every message and tick, so it builds
/// nothing).
fn shows(screen: &Screen, phase: Phase) -> bool {
    matches!(
        (screen, phase),
        (
            Screen::Briefing,
            Phase::Locked | Phase::CheckIn | Phase::Briefing
        ) | (Screen::Testing(_), Phase::Testing)
            | (
                Screen::Interlude,
                Phase::Break { .. } | Phase::Paused { .. } | Phase::SteppedOut
            )
            | (Screen::Finished, Phase::Finished)
            | (Screen::Review, Phase::Review)
            | (Screen::Decision, Phase::Decision)
            | (Screen::Appeal(_), Phase::Appeal)
            | (Screen::AppealCard, Phase::AppealCard)
            | (Screen::Closed, Phase::Closed)
    )
}

/// The screen that shows a session in `state`'s phase.
fn screen_for(state: &State) -> Screen {
    match state.phase {
        Phase::Locked | Phase::CheckIn | Phase::Briefing => Screen::Briefing,
        Phase::Testing => Screen::Testing(testing::Testing::default()),
        Phase::Break { .. } | Phase::Paused { .. } | Phase::SteppedOut => Screen::Interlude,
        Phase::Finished => Screen::Finished,
        Phase::Review => Screen::Review,
        Phase::Decision => Screen::Decision,
        Phase::Appeal => Screen::Appeal(appeal::Appeal::new(state)),
        Phase::AppealCard => Screen::AppealCard,
        Phase::Closed => Screen::Closed,
    }
}

fn self_view<'a>(
    screen: &'a Screen,
    session: Option<&'a Session>,
    config: &'a Config,
) -> crate::ui::autopilot::View<'a> {
    crate::ui::autopilot::View {
        screen,
        session,
        config,
    }
}
