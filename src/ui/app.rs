//! The top-level app: what the station runs with, the screen on show, the interface language and
//! the live session. `update` is one line per message; what screens ask for (`Action`) is
//! performed in `perform`, the one place that changes the session, the screen or the journal.
//! The journal side is in `journal`, proctor actions in `proctor`, the window in `kiosk`, the
//! frame in `view`.

use std::time::{Duration, Instant};

use iced::{Subscription, Task, Theme, event};

use crate::exam::clock::THANKS_MS;
use crate::exam::event::{By, HoldCause, Incident, ProctorAction};
use crate::exam::{Event, Phase};
use crate::i18n::{Lang, tr};
use crate::journal::recovery::Sittings;
use crate::journal::{CHECKPOINT_MS, JournalError, Writer};
use crate::station::door::Door;
use crate::station::{Config, Session, Start};
use crate::sync::outbox::{Outbox, SyncState};
use crate::ui::keys::Press;
use crate::ui::screen::{self, Action, Context, Kind, Screen, check_in, locked};
use crate::ui::theme;

mod displays;
mod journal;
mod kiosk;
mod proctor;
mod release;
mod swap;
mod sync;
mod view;

pub use journal::JournalJob;
use kiosk::{cover_screen, move_focus, window_event};
pub use kiosk::{kiosk_window, typed};
pub use proctor::PendingAudit;
pub use release::ReleaseJob;
pub use swap::TakeOverJob;

/// Widget ids of the app frame.
pub mod id {
    /// The frame of a language button: `lang-kk`, `lang-ru`, `lang-en`.
    pub fn language(lang: crate::i18n::Lang) -> String {
        format!("lang-{}", lang.code())
    }
    /// The journal error line.
    pub const JOURNAL_ERROR: &str = "journal-error";
}

/// How long after the window opens the readiness check starts.
const READINESS_AFTER: Duration = Duration::from_millis(500);

/// A widget id no widget has: focusing it takes the focus from every field.
const NOWHERE: &str = "nowhere";

/// The app.
pub struct App {
    config: Config,
    writer: Writer,
    screen: Screen,
    lang: Lang,
    /// The time of the last tick (the app never reads a clock after it starts).
    now: Instant,
    last_tick: Option<Instant>,
    session: Option<Session>,
    /// A session waiting for the journal to create it.
    creating: Option<crate::journal::NewSession>,
    /// A candidate whose package key the center is asked for.
    releasing: Option<crate::roster::Entry>,
    /// Who has sat on this station.
    sittings: Sittings,
    /// A proctor action's audit record on its way to the journal.
    audit_pending: Option<PendingAudit>,
    /// Journal faults already recorded as an incident.
    faults_seen: u64,
    journal_error: Option<JournalError>,
    /// What the outbox last reported (a station with a center).
    sync: Option<SyncState>,
    /// How many reports the outbox sent.
    sync_reports: u64,
    /// When the current screen opened (for the thank-you timer).
    shown_at: Instant,
    incidents: u32,
    /// The admin screen's door.
    door: Door,
    /// Tries at the door on their way to the audit log, in order (the first is in flight).
    door_audits: std::collections::VecDeque<PendingAudit>,
    /// The app's start: monotonic, and wall-clock ms (the one wall-clock read, for one-time
    /// codes' windows).
    started: (Instant, u64),
    /// What the readiness check found wanting, as the outbox's heartbeat reports it.
    wanting: crate::sync::outbox::Readiness,
    /// A session moved here is being fetched and checked.
    taking_over: bool,
    /// What the proctor asked for on the admin screen (ticket, reason), while it is asked.
    claim: Option<(String, String)>,
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
    /// On the screen on show.
    Screen(screen::Message),
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
    /// A key no widget took, as the exam key set and as the calculator read it: the calculator
    /// takes it when it is open, the key set otherwise.
    Typed {
        /// What the key set makes of it.
        press: Option<Press>,
        /// What the calculator makes of it.
        calc: Option<crate::ui::tool::calculator::Key>,
    },
    /// The journal created the session, under this id.
    Created(Result<String, JournalError>),
    /// The center released the key of the candidate's sealed package and it opened, or not.
    Released(Result<std::sync::Arc<crate::exam::Paper>, crate::sync::release::ReleaseError>),
    /// The journal answered for a proctor action's audit record.
    Audited(Result<i64, JournalError>),
    /// The journal answered for event `n`.
    Committed {
        /// The session's local event number.
        n: u64,
        /// Whether it is committed.
        result: Result<u64, JournalError>,
    },
    /// The outbox reported how the upload to the center stands.
    Synced(SyncState),
    /// A session the center moved here was fetched and checked, or not.
    TookOver(
        Result<
            std::sync::Arc<crate::sync::handover::Adopted>,
            crate::sync::handover::TakeOverError,
        >,
    ),
    /// The proctor's chord (Ctrl+Shift+F12): hold the session and ask for the PIN.
    AdminChord,
    /// The window learned its monitor's size (the readiness check's display item).
    Monitor(iced::Size),
    /// The X server now drives this many monitors.
    Displays(usize),
    /// The readiness check run after the first frame found this.
    Readiness(Vec<crate::preflight::Check>),
    /// The audit log answered for a try at the admin screen's door.
    DoorAudited(Result<i64, JournalError>),
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
    /// Starts on the lock screen with the PIN field focused; the lock screen shows what was
    /// recovered, or the session that cannot go on.
    pub fn new(config: Config, writer: Writer, start: Start) -> (App, Task<Message>) {
        let now = Instant::now();
        let mut notice = start
            .stuck
            .clone()
            .map_or(locked::Notice::None, locked::Notice::Stuck);
        let mut lang = Lang::Kk;
        let mut session = None;
        if let Some(r) = start.resume.clone() {
            if let Some(c) = &r.state.candidate {
                lang = c.interface;
            }
            let mut resumed = Session::new(r.session, r.package, r.paper, r.state, true);
            if let Some(downtime) = r.downtime {
                // Queued like any event: committed (and retried) by the writer, in order.
                let _ = resumed.record(downtime);
            }
            notice = locked::Notice::Recovered {
                damaged: r.damage.is_some(),
            };
            session = Some(resumed);
        }
        let mut app = App {
            config,
            writer,
            screen: Screen::Locked(locked::Locked::new(notice)),
            lang,
            now,
            last_tick: None,
            session,
            creating: None,
            releasing: None,
            sittings: start.sittings,
            audit_pending: None,
            faults_seen: 0,
            journal_error: None,
            sync: None,
            sync_reports: 0,
            shown_at: now,
            incidents: 0,
            door: Door::restore(start.door, now),
            door_audits: std::collections::VecDeque::new(),
            started: (now, crate::journal::store::now_ms()),
            wanting: crate::sync::outbox::Readiness::default(),
            taking_over: false,
            claim: None,
        };
        app.report_readiness();
        let start = Task::batch([
            iced::widget::operation::focus(locked::id::PIN),
            cover_screen(),
            app.send_next(),
            app.readiness(),
        ]);
        (app, start)
    }

    /// The window title.
    pub fn title(&self) -> String {
        tr(self.lang, "app-title")
    }

    /// The theme: high contrast when the station runs with it, the proctor turned it on for
    /// the candidate, or the candidate chose it.
    pub fn theme(&self) -> Theme {
        let chosen = self
            .session
            .as_ref()
            .is_some_and(|s| s.recorded().view.high_contrast);
        theme::theme(self.config.high_contrast || self.accommodations().high_contrast || chosen)
    }

    /// The interface's scale: enlarged when the proctor turned zoom on for the candidate.
    pub fn scale_factor(&self) -> f32 {
        if self.accommodations().zoom {
            theme::metrics::ZOOM
        } else {
            1.0
        }
    }

    fn accommodations(&self) -> crate::exam::state::Accommodations {
        self.session
            .as_ref()
            .map(|s| s.recorded().accommodations)
            .unwrap_or_default()
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

    /// The journal writer the app sends its work to.
    pub fn writer(&self) -> &Writer {
        &self.writer
    }

    /// The last journal failure, while it stands.
    pub fn journal_error(&self) -> Option<&JournalError> {
        self.journal_error.as_ref()
    }

    /// Close requests and focus losses seen so far.
    pub fn incidents(&self) -> u32 {
        self.incidents
    }

    /// Sets how many times faster than real time exam time runs (demo only; the autopilot
    /// returns to real time where it stops).
    pub fn set_time_scale(&mut self, scale: u32) {
        self.config.time_scale = scale.max(1);
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Screen(m) => self.on_screen(m),
            Message::LanguagePicked(lang) => self.set_language(lang),
            Message::Tick(now) => self.on_tick(now),
            Message::Window(event) => self.on_window(event),
            Message::FocusMoved { back } => move_focus(back),
            Message::Key(press) => self.on_key(press),
            Message::Typed { press, calc } => self.on_typed(press, calc),
            Message::Created(result) => self.on_created(result),
            Message::Released(result) => self.on_released(result),
            Message::Audited(result) => self.on_audited(result),
            Message::Committed { n, result } => self.on_committed(n, result),
            Message::Synced(state) => self.on_synced(state),
            Message::TookOver(result) => self.on_took_over(result),
            Message::AdminChord => self.hold(HoldCause::Proctor),
            Message::Monitor(size) => self.on_monitor(size),
            Message::Displays(count) => self.on_displays(count),
            Message::Readiness(checks) => self.on_readiness(checks),
            Message::DoorAudited(result) => self.door_audited(&result),
        }
    }

    /// What the outbox last reported, for a station with a center.
    pub fn sync(&self) -> Option<&SyncState> {
        self.sync.as_ref()
    }

    /// How many reports the outbox has sent (a later one reflects later commits).
    pub fn sync_reports(&self) -> u64 {
        self.sync_reports
    }

    fn on_monitor(&mut self, size: iced::Size) -> Task<Message> {
        // Logical pixels at the scale the window runs at: what the screens have to fit in.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let size = (size.width.max(0.0) as u32, size.height.max(0.0) as u32);
        let check = crate::preflight::display(Ok(vec![size]));
        if check.level != crate::preflight::Level::Ok {
            tracing::warn!(?size, "readiness check: the display");
        }
        self.config.preflight.retain(|c| c.item() != "display");
        self.config.preflight.push(check);
        Task::none()
    }

    /// Runs the readiness check off the window's thread once the first frame is up (it would
    /// compete with it for the CPU of a one-core PC); its findings arrive as `Readiness`.
    fn readiness(&self) -> Task<Message> {
        let Some(check) = self.config.readiness.clone() else {
            return Task::none();
        };
        Task::perform(
            async move {
                tokio::time::sleep(READINESS_AFTER).await;
                tokio::task::spawn_blocking(move || check.run())
                    .await
                    .unwrap_or_else(|e| {
                        // Nothing to show the proctor then; IT staff find it in the log.
                        tracing::error!(error = %e, "the readiness check stopped half-way");
                        Vec::new()
                    })
            },
            Message::Readiness,
        )
    }

    /// The readiness check's items take the place of any earlier ones (the window's own display
    /// items stay).
    fn on_readiness(&mut self, checks: Vec<crate::preflight::Check>) -> Task<Message> {
        self.config
            .preflight
            .retain(|c| checks.iter().all(|new| new.item() != c.item()));
        self.config.preflight.extend(checks);
        self.report_readiness();
        Task::none()
    }

    /// Puts what the readiness check found wanting where the heartbeat reads it: each item once,
    /// at its worst level.
    fn report_readiness(&self) {
        use crate::preflight::Level;
        let mut wanting: Vec<crate::protocol::status::Wanting> = Vec::new();
        for check in self
            .config
            .preflight
            .iter()
            .filter(|c| c.level != Level::Ok)
        {
            let level = check.level.name().to_owned();
            match wanting.iter_mut().find(|w| w.item == check.item()) {
                Some(w) if check.level == Level::Fail => w.level = level,
                Some(_) => {}
                None => wanting.push(crate::protocol::status::Wanting {
                    item: check.item().to_owned(),
                    level,
                }),
            }
        }
        if let Ok(mut shared) = self.wanting.lock() {
            *shared = wanting;
        }
    }

    /// Another display appeared: a live session is held (the tasks hidden) until a proctor
    /// opens the station, as for a focus loss.
    fn on_displays(&mut self, count: usize) -> Task<Message> {
        tracing::info!(count, "monitors");
        self.config
            .preflight
            .retain(|c| !matches!(c.finding, crate::preflight::Finding::SeveralDisplays(_)));
        if count > 1 {
            self.config
                .preflight
                .push(crate::preflight::several_displays(count));
        }
        self.report_readiness();
        let holds = self.can_hold();
        if count > 1 && holds {
            return self.record(vec![Event::Held {
                cause: HoldCause::Display,
            }]);
        }
        Task::none()
    }

    /// Whether a live session is there to hold (and is not held already).
    fn can_hold(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| s.recorded().is_live() && s.recorded().hold.is_none())
    }

    fn on_synced(&mut self, state: SyncState) -> Task<Message> {
        self.sync = Some(state);
        self.sync_reports += 1;
        self.follow_moves()
    }

    /// Hands a message to the screen on show and performs what it asks for.
    pub(super) fn on_screen(&mut self, message: screen::Message) -> Task<Message> {
        let ctx = Context {
            lang: self.lang,
            config: &self.config,
            session: self.session.as_ref(),
            state: self.session.as_ref().map(Session::recorded),
            sittings: &self.sittings,
            sync: self.sync.as_ref(),
            door: &self.door,
            unix_secs: self.unix_secs(),
            now: self.now,
        };
        let action = self.screen.update(message, &ctx);
        self.perform(action)
    }

    /// Performs what a screen asked for: the one place screens change the app.
    fn perform(&mut self, action: Action) -> Task<Message> {
        match action {
            Action::None => Task::none(),
            Action::Record(events) => self.record(events),
            Action::RecordThenFocus(events, id) => {
                Task::batch([self.record(events), iced::widget::operation::focus(id)])
            }
            Action::Unlocked(by) => Task::batch([self.door_opened(by), self.unlocked(by)]),
            Action::Admin(by) => Task::batch([self.door_opened(by), self.open_admin(by)]),
            Action::Refused => self.refused(),
            Action::SetAside(stuck) => {
                Task::batch([self.door_opened(By::Pin), self.set_aside(&stuck)])
            }
            Action::LeaveAdmin(release) => self.leave_admin(release),
            Action::CloseDay => self.close_day(),
            Action::Hold => self.hold(HoldCause::Proctor),
            Action::Found(lang) => {
                // The fields let go of the keyboard so Space and Enter reach the confirmation.
                self.lang = lang;
                iced::widget::operation::focus(NOWHERE)
            }
            Action::CheckedIn(entry) => self.start_session(&entry),
            Action::AllowRetake(entry) => {
                Task::batch([self.door_opened(By::Pin), self.allow_retake(&entry)])
            }
            Action::KeyCode(entry, code) => self.with_key_code(&entry, &code),
            Action::Claim { ticket, reason } => self.claim(ticket, reason),
        }
    }

    /// The right PIN: back to a recovered session where the candidate was (recorded with the
    /// credential), or check-in.
    fn unlocked(&mut self, by: By) -> Task<Message> {
        tracing::info!(resumed = self.session.is_some(), "unlocked by the proctor");
        if self.moved_away_saved() {
            // The candidate sits elsewhere now: this station takes the next one.
            self.session = None;
        }
        if self.session.is_some() {
            let recovered = Event::Proctor {
                action: ProctorAction::Recovered,
                by,
                reason: String::new(),
            };
            let recorded = self.record(vec![recovered]);
            return Task::batch([recorded, self.show_phase(true)]);
        }
        self.set_screen(Screen::CheckIn(check_in::CheckIn::default()));
        iced::widget::operation::focus(check_in::id::IIN)
    }

    /// A key no widget took: the open calculator's, or the key set's.
    fn on_typed(
        &mut self,
        press: Option<Press>,
        calc: Option<crate::ui::tool::calculator::Key>,
    ) -> Task<Message> {
        let calculating = self.session.as_ref().is_some_and(|s| {
            let state = s.recorded();
            state.tool == Some(crate::ui::tool::Tool::Calculator) && state.tasks_open()
        });
        if let Some(message) = calc
            .filter(|_| calculating)
            .and_then(|k| self.screen.calc_key(k))
        {
            return self.on_screen(message);
        }
        press.map_or_else(Task::none, |p| self.on_key(p))
    }

    /// A key no widget took, turned into the message of the button it stands for.
    fn on_key(&mut self, press: Press) -> Task<Message> {
        match self.screen.key(press) {
            Some(message) => self.on_screen(message),
            None => Task::none(),
        }
    }

    /// Records events through the exam core, follows the phase, and sends the next waiting
    /// event to the journal.
    fn record(&mut self, events: Vec<Event>) -> Task<Message> {
        let Some(session) = &mut self.session else {
            return Task::none();
        };
        for event in events {
            // A refused event changes nothing; the screens only offer what the phase allows.
            let _ = session.record(event);
        }
        let shown = self.show_phase(false);
        Task::batch([shown, self.send_next()])
    }

    /// Puts up the screen for the session's phase when it changed (or always, with `force`): a
    /// held session shows the lock screen with a fresh challenge, which the lock screen and the
    /// admin screen keep until the proctor leaves them.
    fn show_phase(&mut self, force: bool) -> Task<Message> {
        let Some(session) = &self.session else {
            return Task::none();
        };
        if matches!(self.screen.kind(), Kind::Locked | Kind::Admin) && !force {
            return Task::none();
        }
        let state = session.recorded();
        if let Some(cause) = state.hold {
            // A station with a center can be opened with a one-time code for this challenge.
            let challenge = self
                .config
                .center
                .as_ref()
                .and_then(|_| crate::protocol::unlock::challenge().ok());
            self.set_screen(Screen::Locked(locked::Locked::new(locked::Notice::Held {
                cause,
                challenge,
            })));
            return iced::widget::operation::focus(locked::id::PIN);
        }
        if self.screen.kind() != Kind::for_phase(state.phase) {
            let screen = Screen::for_state(state);
            self.set_screen(screen);
        }
        Task::none()
    }

    fn set_screen(&mut self, screen: Screen) {
        if screen.name() != self.screen.name() {
            tracing::info!(screen = screen.name(), "screen shown");
        }
        self.screen = screen;
        self.shown_at = self.now;
    }

    fn set_language(&mut self, lang: Lang) -> Task<Message> {
        self.lang = lang;
        Task::none()
    }

    /// Time passed: the session's clock runs (its boundaries become events), a failed commit is
    /// sent again, and the thank-you screen gives way to the next candidate.
    fn on_tick(&mut self, now: Instant) -> Task<Message> {
        let elapsed = self
            .last_tick
            .map_or(Duration::ZERO, |t| now.saturating_duration_since(t));
        self.last_tick = Some(now);
        self.now = now;
        let frozen = match &self.screen {
            Screen::Locked(lock) => lock.freezes_clock(),
            Screen::Admin(_) => self
                .session
                .as_ref()
                .is_none_or(|s| s.recorded().hold.is_none()),
            _ => false,
        };
        let Some(session) = &mut self.session else {
            return Task::none();
        };
        let mut phase = Task::none();
        if !frozen {
            let ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
            session.elapse(ms.saturating_mul(u64::from(self.config.time_scale.max(1))));
            phase = self.show_phase(false);
        }
        let shown = now.saturating_duration_since(self.shown_at);
        if self.screen.kind() == Kind::Closed
            && shown >= Duration::from_millis(THANKS_MS)
            && self.session.as_ref().is_none_or(Session::all_saved)
        {
            return self.next_candidate();
        }
        // A commit that failed is sent again here, once a tick, before anything newer.
        Task::batch([phase, self.retry_commit(), self.send_next()])
    }

    /// After the thank-you: lock for the next candidate.
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
        tracing::info!("session closed and saved; locked for the next candidate");
        self.lang = Lang::Kk;
        self.set_screen(Screen::Locked(locked::Locked::default()));
        iced::widget::operation::focus(locked::id::PIN)
    }

    fn on_window(&mut self, event: WindowEvent) -> Task<Message> {
        self.incidents += 1;
        let kind = match event {
            WindowEvent::CloseRequested => Incident::CloseRequested,
            WindowEvent::FocusLost => Incident::FocusLost,
        };
        tracing::info!(incident = ?kind, screen = self.screen.name(), "window event");
        if self.screen.kind() == Kind::Locked {
            return Task::none();
        }
        let mut events = vec![Event::Incident { kind }];
        // Losing focus hides the tasks at once: the session is held until a proctor releases it.
        let holds = self.can_hold();
        if event == WindowEvent::FocusLost && holds && self.screen.kind() != Kind::Admin {
            events.push(Event::Held {
                cause: HoldCause::FocusLost,
            });
        }
        self.record(events)
    }

    /// How often time is counted: at each checkpoint while a test runs with nothing due soon
    /// (its clock counts down on screen by itself in between, and nothing else on the testing
    /// screen moves with time), else every second; faster when time is scaled.
    pub fn tick_every(&self) -> Duration {
        if self.config.time_scale > 1 {
            return Duration::from_millis(50);
        }
        // Far enough from anything that a checkpoint's tick cannot be late for it: the break or
        // time up, the timer's warnings, a commit to try again.
        let margin = 2 * CHECKPOINT_MS;
        let quiet = self.screen.kind() == Kind::Testing
            && self.session.as_ref().is_some_and(|s| {
                s.failures() == 0
                    && s.now().clock.remaining_ms() > crate::ui::widget::clock::WARN_MS + margin
                    && s.quiet_ms().is_none_or(|q| q > margin)
            });
        if quiet {
            Duration::from_millis(CHECKPOINT_MS)
        } else {
            Duration::from_secs(1)
        }
    }

    /// The tick (`tick_every`), the window events and the key set.
    pub fn subscription(&self) -> Subscription<Message> {
        let every = self.tick_every();
        let outbox = self
            .config
            .center
            .as_ref()
            .map_or_else(Subscription::none, |center| {
                sync::subscription(
                    Outbox::new(self.writer.clone(), center.link.clone())
                        .reporting(std::sync::Arc::clone(&self.wanting)),
                )
            });
        Subscription::batch([
            iced::time::every(every).map(Message::Tick),
            event::listen_with(window_event),
            outbox,
            displays::subscription(),
        ])
    }
}
