//! The events of an exam session. The journal stores them, the center receives them, and the
//! session state is their fold (`state`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::task::{Choice, Lang};

/// Index of a task in its paper.
pub type TaskIx = u16;

/// Something that happened in a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Event {
    /// A proctor unlocked the station for check-in.
    Unlocked,
    /// The candidate confirmed who they are.
    CheckedIn {
        /// Who sits the test.
        candidate: Candidate,
    },
    /// The candidate pressed Start after the briefing.
    Started,
    /// The candidate chose an answer (replacing any earlier one).
    Answered {
        /// The task.
        task: TaskIx,
        /// The answer.
        choice: Choice,
    },
    /// The candidate moved to a task (so a restart brings back the same task).
    Viewed {
        /// The task.
        task: TaskIx,
    },
    /// The candidate cleared an answer.
    Cleared {
        /// The task.
        task: TaskIx,
    },
    /// The candidate marked or unmarked a task for review.
    Marked {
        /// The task.
        task: TaskIx,
        /// Marked (true) or unmarked.
        marked: bool,
    },
    /// The candidate flagged a technical fault in a task during the test.
    TechnicalAppeal {
        /// The task.
        task: TaskIx,
        /// What is wrong, in the candidate's words; empty withdraws the flag.
        reason: String,
    },
    /// An exercise break began.
    BreakStarted {
        /// Which break of the format.
        index: u8,
    },
    /// The break ended and testing goes on.
    BreakEnded {
        /// Which break of the format.
        index: u8,
    },
    /// A proctor paused the test for a technical fault: the clock stops.
    Paused,
    /// A proctor resumed the test.
    Resumed,
    /// The candidate left the room with permission: the clock runs.
    SteppedOut,
    /// The candidate came back.
    Returned,
    /// A proctor added time after a technical fault.
    TimeAdded {
        /// Seconds added.
        seconds: u32,
    },
    /// Testing ended.
    Finished {
        /// Why.
        reason: FinishReason,
    },
    /// The analysis card is shown.
    ReviewOpened,
    /// What the station's analysis card showed: the total and every task's points, in paper
    /// order. The center scores the session itself and flags a card that differs.
    CardShown {
        /// Total points shown.
        total: u32,
        /// Each task's points shown.
        points: Vec<u32>,
    },
    /// The candidate is asked: appeal or finish.
    DecisionOpened,
    /// The candidate chose to appeal.
    AppealOpened,
    /// The candidate wrote (or withdrew, with an empty text) an appeal on a task.
    AppealNote {
        /// The task.
        task: TaskIx,
        /// The ground of the appeal.
        ground: AppealGround,
        /// The justification; empty withdraws the appeal on this task.
        text: String,
    },
    /// The appeal was filed.
    AppealFinished {
        /// The receipt number shown on the appeal card.
        receipt: String,
    },
    /// The session is over.
    Closed {
        /// Why.
        reason: CloseReason,
    },
    /// Something the proctor should know about.
    Incident {
        /// What happened.
        kind: Incident,
    },
    /// The station locked over a live session: the tasks are hidden until a proctor releases
    /// it, and the clock runs unless the proctor pauses. The time it lasts goes into the ledger.
    Held {
        /// Why.
        cause: HoldCause,
    },
    /// A proctor acted on the session: what, with which credential, and why.
    Proctor {
        /// What was done.
        action: ProctorAction,
        /// The credential that opened the admin screen.
        by: By,
        /// Why, in the proctor's words (some actions require it).
        #[serde(default)]
        reason: String,
    },
    /// The candidate opened an on-screen tool over the task, or closed it (`None`).
    Tool {
        /// The tool now open.
        tool: Option<Tool>,
    },
    /// The candidate struck out an option they ruled out, or took the stroke back. Not an
    /// answer: scoring and the card never see it.
    Struck {
        /// The task.
        task: TaskIx,
        /// The option.
        option: u8,
        /// Struck (true) or back.
        struck: bool,
    },
    /// The candidate changed how the task is shown: text size, contrast, timer, line reader.
    Display {
        /// The new settings.
        view: View,
    },
    /// Monotonic time passed while the program ran.
    Tick {
        /// Milliseconds.
        ms: u64,
    },
}

impl Event {
    /// The event's name, as it appears in errors and logs (never its content).
    pub fn name(&self) -> &'static str {
        match self {
            Event::Unlocked => "unlocked",
            Event::CheckedIn { .. } => "checked-in",
            Event::Started => "started",
            Event::Answered { .. } => "answered",
            Event::Viewed { .. } => "viewed",
            Event::Cleared { .. } => "cleared",
            Event::Marked { .. } => "marked",
            Event::TechnicalAppeal { .. } => "technical-appeal",
            Event::BreakStarted { .. } => "break-started",
            Event::BreakEnded { .. } => "break-ended",
            Event::Paused => "paused",
            Event::Resumed => "resumed",
            Event::SteppedOut => "stepped-out",
            Event::Returned => "returned",
            Event::TimeAdded { .. } => "time-added",
            Event::Finished { .. } => "finished",
            Event::ReviewOpened => "review-opened",
            Event::CardShown { .. } => "card-shown",
            Event::DecisionOpened => "decision-opened",
            Event::AppealOpened => "appeal-opened",
            Event::AppealNote { .. } => "appeal-note",
            Event::AppealFinished { .. } => "appeal-finished",
            Event::Closed { .. } => "closed",
            Event::Incident { .. } => "incident",
            Event::Held { .. } => "held",
            Event::Proctor { action, .. } => action.name(),
            Event::Tool { .. } => "tool",
            Event::Struck { .. } => "struck",
            Event::Display { .. } => "display",
            Event::Tick { .. } => "tick",
        }
    }
}

/// An on-screen tool the candidate can open over the task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tool {
    /// The calculator.
    Calculator,
    /// The periodic table.
    Periodic,
    /// The salt solubility table.
    Solubility,
}

impl Tool {
    /// Every tool, in button order.
    pub const ALL: [Tool; 3] = [Tool::Calculator, Tool::Periodic, Tool::Solubility];

    /// A short name, for widget ids and Fluent ids.
    pub fn code(self) -> &'static str {
        match self {
            Tool::Calculator => "calculator",
            Tool::Periodic => "periodic",
            Tool::Solubility => "solubility",
        }
    }
}

/// How the candidate has the task shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    /// Task text size in percent: `ZOOM_MIN` to `ZOOM_MAX` in steps of `ZOOM_STEP`.
    pub zoom: u16,
    /// The high-contrast palette.
    pub high_contrast: bool,
    /// The timer hidden (it shows anyway in the last minutes, `TIMER_ALWAYS_MS`).
    pub timer_hidden: bool,
    /// The line reader on.
    pub line_reader: bool,
}

/// Smallest task text size, percent.
pub const ZOOM_MIN: u16 = 100;
/// Largest task text size, percent.
pub const ZOOM_MAX: u16 = 200;
/// One step of task text size, percent.
pub const ZOOM_STEP: u16 = 25;
/// In the last this many ms the timer shows even when hidden.
pub const TIMER_ALWAYS_MS: u64 = 5 * 60 * 1000;

impl Default for View {
    fn default() -> View {
        View {
            zoom: ZOOM_MIN,
            high_contrast: false,
            timer_hidden: false,
            line_reader: false,
        }
    }
}

impl View {
    /// Whether the settings are ones a station can show.
    pub fn is_valid(&self) -> bool {
        (ZOOM_MIN..=ZOOM_MAX).contains(&self.zoom)
            && (self.zoom - ZOOM_MIN).is_multiple_of(ZOOM_STEP)
    }

    /// One step larger (`grow`) or smaller, within the bounds.
    #[must_use]
    pub fn zoomed(self, grow: bool) -> View {
        let zoom = if grow {
            self.zoom.saturating_add(ZOOM_STEP).min(ZOOM_MAX)
        } else {
            self.zoom.saturating_sub(ZOOM_STEP).max(ZOOM_MIN)
        };
        View { zoom, ..self }
    }

    /// Whether the timer shows with `remaining_ms` left.
    pub fn timer_shows(&self, remaining_ms: u64) -> bool {
        !self.timer_hidden || remaining_ms <= TIMER_ALWAYS_MS
    }
}

/// The candidate as checked in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// Individual identification number (validated by `iin`).
    pub iin: String,
    /// Full name as on the roster.
    pub name: String,
    /// Ticket code from the admission pass.
    pub ticket: String,
    /// Entitled to the format's extra time.
    pub extra_time: bool,
    /// Interface language chosen at check-in.
    pub interface: Lang,
    /// Test language of each block.
    pub languages: BTreeMap<String, Lang>,
}

/// Why testing ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FinishReason {
    /// The candidate pressed Finish and confirmed.
    Candidate,
    /// The clock reached zero.
    TimeUp,
    /// A proctor ended the test (a decision of the center, a fault that cannot be mended): the
    /// candidate sees the analysis card as usual.
    Proctor,
    /// A proctor ended the test for a violation: no analysis card, no appeal.
    Violation,
}

/// Why the session closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CloseReason {
    /// "Finish without appeal".
    NoAppeal,
    /// The candidate left the appeal card.
    AppealFiled,
    /// Nobody chose in time.
    AutoClose,
    /// A proctor closed the session.
    Proctor,
    /// The test was ended for a violation: the session closes without the card.
    Violation,
    /// The center moved the session to another station (a seat swap): this station closes its
    /// copy, whatever the phase, and the candidate carries on at the other one.
    Moved,
}

/// The grounds of a content appeal (domain.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AppealGround {
    /// No option is correct.
    NoCorrectOption,
    /// More than one option is correct.
    SeveralCorrect,
    /// The task itself is wrong.
    ErrorInTask,
    /// Part of the task is missing.
    MissingFragment,
}

impl AppealGround {
    /// Every ground, in the order the appeal screen lists them.
    pub const ALL: [AppealGround; 4] = [
        AppealGround::NoCorrectOption,
        AppealGround::SeveralCorrect,
        AppealGround::ErrorInTask,
        AppealGround::MissingFragment,
    ];
}

/// Something recorded for the proctor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "incident", rename_all = "kebab-case")]
pub enum Incident {
    /// The window lost focus.
    FocusLost,
    /// Someone tried to close the window.
    CloseRequested,
    /// A step-out went past the format's limit.
    StepOutOverdue,
    /// The program was not running for a while (crash, power cut); not charged to the candidate.
    Downtime {
        /// Wall-clock seconds the station was down, as far as it can tell.
        seconds: u64,
    },
    /// Saving to the journal failed.
    SaveFailed,
    /// A proctor action, for the audit trail.
    Proctor {
        /// What was done.
        action: String,
    },
    /// A wrong PIN or one-time code was typed on the admin screen's door.
    WrongPin,
    /// The session was moved here from another station (a seat swap): the records before this
    /// one are the ones the center held of it.
    MovedFrom {
        /// The station it came from.
        station: String,
        /// That station's seat.
        seat: String,
        /// Records the old station had written that never reached the center (its last
        /// report said so): answers given last there may be missing until its disk is read.
        #[serde(default)]
        lost: u64,
        /// The tasks those records answered or cleared, as far as the old station said.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        lost_tasks: Vec<TaskIx>,
    },
}

/// Why the station locked over a live session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HoldCause {
    /// The window lost focus.
    FocusLost,
    /// Another display appeared.
    Display,
    /// A proctor opened the admin screen.
    Proctor,
}

/// The credential a proctor opened the admin screen with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum By {
    /// The station's proctor PIN.
    Pin,
    /// A one-time code the center computed for this station and challenge.
    Code,
}

/// How a proctor ruled a hold when releasing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// A technical fault: the candidate is owed the time the clock ran.
    Technical,
    /// The candidate's doing: the time stays used.
    Candidate,
}

/// What a proctor did on the admin screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum ProctorAction {
    /// Released a hold: the tasks show again.
    Release {
        /// The ruling on the time the hold lasted.
        verdict: Verdict,
    },
    /// Went on with a session recovered after a restart, having seen what was recovered.
    Recovered,
    /// Paused for a technical fault: the clock stops.
    Pause,
    /// Resumed after a pause.
    Resume,
    /// Let the candidate step out: the clock runs.
    StepOut,
    /// The candidate came back with the proctor.
    Return,
    /// Added time.
    AddTime {
        /// Seconds added.
        seconds: u32,
    },
    /// Gave back time the ledger says was lost.
    GiveBack {
        /// Milliseconds given back.
        ms: u64,
    },
    /// Ended the test; the card is shown as usual.
    EndTest,
    /// Ended the test for a violation (the reason names it); no card.
    EndViolation,
    /// Set the candidate's accommodations for the rest of the session (extra time comes from
    /// the roster at check-in).
    Accommodate {
        /// The interface enlarged.
        zoom: bool,
        /// The high-contrast palette.
        high_contrast: bool,
    },
}

impl ProctorAction {
    /// The action's name, as errors and logs print it.
    pub fn name(&self) -> &'static str {
        match self {
            ProctorAction::Release { .. } => "proctor-release",
            ProctorAction::Recovered => "proctor-recovered",
            ProctorAction::Pause => "proctor-pause",
            ProctorAction::Resume => "proctor-resume",
            ProctorAction::StepOut => "proctor-step-out",
            ProctorAction::Return => "proctor-return",
            ProctorAction::AddTime { .. } => "proctor-add-time",
            ProctorAction::GiveBack { .. } => "proctor-give-back",
            ProctorAction::EndTest => "proctor-end-test",
            ProctorAction::EndViolation => "proctor-end-violation",
            ProctorAction::Accommodate { .. } => "proctor-accommodate",
        }
    }

    /// Whether the action needs a reason in the proctor's words.
    pub fn needs_reason(&self) -> bool {
        matches!(
            self,
            ProctorAction::Pause
                | ProctorAction::StepOut
                | ProctorAction::AddTime { .. }
                | ProctorAction::EndTest
                | ProctorAction::EndViolation
        )
    }

    /// The plain event whose rules and effect the action has, if it has one.
    pub fn effect(&self) -> Option<Event> {
        Some(match self {
            ProctorAction::Pause => Event::Paused,
            ProctorAction::Resume => Event::Resumed,
            ProctorAction::StepOut => Event::SteppedOut,
            ProctorAction::Return => Event::Returned,
            ProctorAction::AddTime { seconds } => Event::TimeAdded { seconds: *seconds },
            ProctorAction::EndTest => Event::Finished {
                reason: FinishReason::Proctor,
            },
            ProctorAction::EndViolation => Event::Finished {
                reason: FinishReason::Violation,
            },
            ProctorAction::Release { .. }
            | ProctorAction::Recovered
            | ProctorAction::GiveBack { .. }
            | ProctorAction::Accommodate { .. } => return None,
        })
    }
}
