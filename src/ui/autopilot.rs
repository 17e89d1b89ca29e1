//! The autopilot: a program around the station app for demos, soak, kill and screenshot runs.
//! It has its own `update` and `subscription` around `App`'s: after every tick it asks the
//! script for the next click and sends it through the app's real `update`, watches that the run
//! moves, prints where it stops, and holds the failure slot the process's exit code comes from.
//! `App` knows nothing of it.

mod script;

use std::io::Write as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use iced::{Element, Subscription, Task, Theme};

pub use script::{Script, View};

use crate::exam::state::Phase;
use crate::journal::Writer;
use crate::station::{Config, Session, Start};
use crate::ui::app::{App, Message};
use crate::ui::screen::{Kind, Screen};

/// How long a run may stand still before it gives up with an error (a scripted run always
/// moves: it clicks, or time passes and is recorded).
pub const STALL: Duration = Duration::from_secs(60);

/// Commit failures in a row after which a run is reported as failed.
const GIVES_UP: u32 = 20;

/// The stop's name for the test paused by the proctor.
const PAUSED: &str = "paused";

/// How often the script gets a turn.
const TURN: Duration = Duration::from_millis(50);

/// Where the script stops driving: a screen's name, optionally with `:TASK` (testing),
/// `finish-confirm` for the finish confirmation, and `paused:TASK` for the test paused by the
/// proctor (the script is the proctor who pauses it, on that task).
#[derive(Debug, Clone, Default)]
pub struct Stop(Option<String>);

impl Stop {
    /// Stops at `spec` (`review`, `testing:7`, ...), or never.
    pub fn at(spec: Option<String>) -> Stop {
        Stop(spec)
    }

    /// The task on which the script, as the proctor, pauses the test (`paused:TASK`).
    fn pause_task(&self) -> Option<crate::exam::event::TaskIx> {
        let (screen, task) = self.0.as_deref()?.split_once(':')?;
        (screen == PAUSED).then(|| task.parse().ok()).flatten()
    }
}

/// The app driven by a script.
pub struct Piloted {
    app: App,
    script: Option<Script>,
    stop: Stop,
    /// The last progress seen (screen, events recorded) and since when it has stood.
    progress: Option<((&'static str, u64), Instant)>,
    failure: Arc<Mutex<Option<String>>>,
    /// Once the session closed and was saved: how many outbox reports had come by then.
    closed_at: Option<u64>,
}

impl Piloted {
    /// `app` driven by the script for `seed`; the first failure goes into `failure`.
    pub fn new(app: App, seed: u64, stop: Stop, failure: Arc<Mutex<Option<String>>>) -> Piloted {
        Piloted {
            app,
            script: Some(Script::new(seed).pausing_at(stop.pause_task())),
            stop,
            progress: None,
            failure,
            closed_at: None,
        }
    }

    /// The app underneath.
    pub fn app(&self) -> &App {
        &self.app
    }

    /// Handles a message: the app's first, then, on a tick, the script's turn.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        let tick = match &message {
            Message::Tick(now) => Some(*now),
            _ => None,
        };
        let task = self.app.update(message);
        self.watch_journal();
        let Some(now) = tick else {
            return task;
        };
        Task::batch([task, self.turn(now)])
    }

    /// The script's turn after a tick.
    fn turn(&mut self, now: Instant) -> Task<Message> {
        if self.script.is_none() {
            return Task::none();
        }
        if self.at_stop() {
            self.script = None;
            self.app.set_time_scale(1);
            // Scripts (the screenshot script) wait for this line.
            let _ = writeln!(
                std::io::stdout(),
                "autopilot: stopped on {}",
                self.stop_name()
            );
            return Task::none();
        }
        // The session is closed and saved: the run is over, for a station with a center once
        // its receipts cover every event.
        if self.closed_at.is_none()
            && self.app.screen().kind() == Kind::Closed
            && self.app.session().is_none_or(Session::all_saved)
        {
            self.closed_at = Some(self.app.sync_reports());
        }
        if let Some(reports) = self.closed_at {
            return self.when_delivered(reports, now);
        }
        if self.stalled(now) {
            let screen = self.app.screen().name();
            self.fail(&format!(
                "no progress for {} s on the {screen} screen",
                STALL.as_secs()
            ));
            return iced::exit();
        }
        let view = View {
            screen: self.app.screen(),
            session: self.app.session(),
            config: self.app.config(),
        };
        match self.script.as_mut().and_then(|s| s.next(&view)) {
            Some(m) => self.update(m),
            None => Task::none(),
        }
    }

    /// After the session closed (`reports`: the outbox's reports by then): exits once a later
    /// report says nothing waits (at once without a center); fails if that does not come
    /// within `STALL`.
    fn when_delivered(&mut self, reports: u64, now: Instant) -> Task<Message> {
        if self.app.config().center.is_none() {
            return iced::exit();
        }
        let sync = self.app.sync().cloned();
        if self.app.sync_reports() > reports && sync.as_ref().is_some_and(|s| s.waiting == 0) {
            let _ = writeln!(
                std::io::stdout(),
                "autopilot: the center's receipts cover every event"
            );
            return iced::exit();
        }
        if self.stalled(now) {
            let (waiting, problem) = sync.map_or((0, None), |s| (s.waiting, s.problem));
            self.fail(&format!(
                "the center's receipts do not cover every event after {} s: {waiting} records wait ({})",
                STALL.as_secs(),
                problem.as_deref().unwrap_or("no answer from the outbox")
            ));
            return iced::exit();
        }
        Task::none()
    }

    /// A journal that refuses the session, or keeps refusing its events, fails the run.
    fn watch_journal(&mut self) {
        let Some(e) = self.app.journal_error() else {
            return;
        };
        let why = match self.app.session() {
            None => format!("the journal could not create the session: {e}"),
            Some(s) if s.failures() >= GIVES_UP => {
                format!("the journal refused {} times: {e}", s.failures())
            }
            Some(_) => return,
        };
        self.fail(&why);
    }

    fn fail(&self, why: &str) {
        tracing::error!(why, "autopilot run failed");
        if self.script.is_some()
            && let Ok(mut slot) = self.failure.lock()
        {
            slot.get_or_insert_with(|| why.to_owned());
        }
    }

    /// Whether the run has stood still (same screen, no new event) for `STALL`.
    fn stalled(&mut self, now: Instant) -> bool {
        let key = (
            self.app.screen().name(),
            self.app.session().map_or(0, |s| s.recorded().events),
        );
        match self.progress {
            Some((seen, since)) if seen == key => now.saturating_duration_since(since) >= STALL,
            _ => {
                self.progress = Some((key, now));
                false
            }
        }
    }

    /// Whether the screen (and task) named by the stop is on show.
    fn at_stop(&self) -> bool {
        let Some(stop) = &self.stop.0 else {
            return false;
        };
        let (screen, task) = stop.split_once(':').unwrap_or((stop, ""));
        let current = self.app.session().map(|s| s.recorded().current.to_string());
        self.stop_name() == screen && (task.is_empty() || current.as_deref() == Some(task))
    }

    /// The screen's name, with the finish confirmation told apart from testing and the
    /// proctor's pause from the other interludes.
    fn stop_name(&self) -> &'static str {
        let paused = self
            .app
            .session()
            .is_some_and(|s| matches!(s.recorded().phase, Phase::Paused { .. }));
        match self.app.screen() {
            Screen::Testing(t) if t.confirming() => "finish-confirm",
            Screen::Interlude(_) if paused => PAUSED,
            other => other.name(),
        }
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        self.app.view()
    }

    /// The window title.
    pub fn title(&self) -> String {
        self.app.title()
    }

    /// The theme.
    pub fn theme(&self) -> Theme {
        self.app.theme()
    }

    /// The interface's scale.
    pub fn scale_factor(&self) -> f32 {
        self.app.scale_factor()
    }

    /// The app's subscription, with the script's turns while it drives.
    pub fn subscription(&self) -> Subscription<Message> {
        let turns = if self.script.is_some() {
            iced::time::every(TURN).map(Message::Tick)
        } else {
            Subscription::none()
        };
        Subscription::batch([self.app.subscription(), turns])
    }
}

/// Runs the station window driven by the script for `seed`; the run's failure, if any.
pub fn run(
    config: Config,
    writer: Writer,
    start: Start,
    seed: u64,
    stop: Stop,
) -> Result<Option<String>, iced::Error> {
    let failure = Arc::new(Mutex::new(None));
    let slot = Arc::clone(&failure);
    let boot = move || {
        let (app, task) = App::new(config.clone(), writer.clone(), start.clone());
        (
            Piloted::new(app, seed, stop.clone(), Arc::clone(&slot)),
            task,
        )
    };
    crate::ui::window(iced::application(boot, Piloted::update, Piloted::view))
        .title(Piloted::title)
        .subscription(Piloted::subscription)
        .theme(Piloted::theme)
        .scale_factor(Piloted::scale_factor)
        .run()?;
    let why = failure.lock().ok().and_then(|f| f.clone());
    Ok(why)
}
