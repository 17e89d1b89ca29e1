//! The journey as a state machine: `State` is the fold of a session's events over its paper.
//! Every event is checked against the current phase before anything changes, so a refused event
//! leaves the state exactly as it was. `advance` turns elapsed monotonic time into the events it
//! causes (ticks, breaks, automatic finish, post-test steps).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::clock::{Clock, NOTICE_MS, minutes};
use super::event::{
    AppealGround, Candidate, CloseReason, Event, FinishReason, HoldCause, Incident, ProctorAction,
    TaskIx, Tool, View,
};
use super::iin;
use super::ledger::{Cause, Ledger};
use super::paper::Paper;
use super::spec::BreakSpec;
use super::task::{Choice, Lang};

/// Where in the journey a session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Waiting for a proctor.
    Locked,
    /// The candidate is identifying themself.
    CheckIn,
    /// The rules are shown.
    Briefing,
    /// The candidate answers tasks.
    Testing,
    /// An exercise break.
    Break {
        /// Which break of the format.
        index: u8,
    },
    /// A proctor paused the test; the clock is stopped.
    Paused {
        /// Where the session goes back to.
        from: Live,
    },
    /// The candidate is out of the room; the clock runs.
    SteppedOut,
    /// Testing has ended.
    Finished,
    /// The analysis card.
    Review,
    /// Appeal or finish.
    Decision,
    /// Writing a content appeal.
    Appeal,
    /// The appeal card with its receipt.
    AppealCard,
    /// Over.
    Closed,
}

/// The phases a pause can interrupt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Live {
    /// Testing.
    Testing,
    /// A break.
    Break {
        /// Which break.
        index: u8,
    },
    /// A step-out.
    SteppedOut,
}

impl Phase {
    /// The phase's short name (`testing`, `appeal-card`, ...), as logs and reports print it and
    /// message ids (`phase-*`) use it.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Locked => "locked",
            Phase::CheckIn => "check-in",
            Phase::Briefing => "briefing",
            Phase::Testing => "testing",
            Phase::Break { .. } => "break",
            Phase::Paused { .. } => "paused",
            Phase::SteppedOut => "stepped-out",
            Phase::Finished => "finished",
            Phase::Review => "review",
            Phase::Decision => "decision",
            Phase::Appeal => "appeal",
            Phase::AppealCard => "appeal-card",
            Phase::Closed => "closed",
        }
    }
}

impl Live {
    fn phase(self) -> Phase {
        match self {
            Live::Testing => Phase::Testing,
            Live::Break { index } => Phase::Break { index },
            Live::SteppedOut => Phase::SteppedOut,
        }
    }
}

/// A content appeal on one task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealNote {
    /// The ground.
    pub ground: AppealGround,
    /// The justification.
    pub text: String,
}

/// What a proctor turned on for the candidate, kept for the session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accommodations {
    /// The interface enlarged.
    pub zoom: bool,
    /// The high-contrast palette.
    pub high_contrast: bool,
}

/// An incident with the testing time at which it was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Logged {
    /// Testing time used when it happened.
    pub at_ms: u64,
    /// What happened.
    pub incident: Incident,
}

/// The state of a session: the fold of its events.
/// A moment ahead at which time makes something happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boundary {
    /// Milliseconds of (the relevant clock's) time until then; 0: now.
    pub in_ms: u64,
    /// What happens then.
    pub event: Event,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// Where in the journey.
    pub phase: Phase,
    /// Who, once checked in.
    pub candidate: Option<Candidate>,
    /// The answer to each task.
    pub answers: Vec<Option<Choice>>,
    /// Tasks marked for review.
    pub marked: Vec<bool>,
    /// Technical appeals by task.
    pub technical: BTreeMap<TaskIx, String>,
    /// Content appeals by task.
    pub appeals: BTreeMap<TaskIx, AppealNote>,
    /// Time.
    pub clock: Clock,
    /// Why testing ended.
    pub finish: Option<FinishReason>,
    /// Why the session closed.
    pub close: Option<CloseReason>,
    /// The appeal receipt number.
    pub receipt: Option<String>,
    /// The analysis card as the station showed it (total, each task's points).
    #[serde(default)]
    pub card_shown: Option<(u32, Vec<u32>)>,
    /// Incidents, in order.
    pub incidents: Vec<Logged>,
    /// The task answered last, for the recovery summary.
    pub last_answered: Option<TaskIx>,
    /// The task on screen, so a restart returns to it.
    #[serde(default)]
    pub current: TaskIx,
    /// The station is held over the tasks (hidden until a proctor releases it), and why.
    #[serde(default)]
    pub hold: Option<HoldCause>,
    /// Time the candidate could not work, and what was given back.
    #[serde(default)]
    pub ledger: Ledger,
    /// What a proctor turned on for the candidate.
    #[serde(default)]
    pub accommodations: Accommodations,
    /// The on-screen tool open over the task.
    #[serde(default)]
    pub tool: Option<Tool>,
    /// Options the candidate struck out, by task (never an answer).
    #[serde(default)]
    pub struck: BTreeMap<TaskIx, Vec<u8>>,
    /// How the candidate has the task shown.
    #[serde(default)]
    pub view: View,
    /// How many events were applied.
    pub events: u64,
}

/// Why an event was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StateError {
    #[error("{event} is not allowed in {phase:?}")]
    NotNow { event: &'static str, phase: Phase },
    #[error("task {0} does not exist")]
    NoTask(TaskIx),
    #[error("the answer does not fit task {0}")]
    BadChoice(TaskIx),
    #[error("break {0} is not the next break of the format, or its time has not come")]
    BreakIndex(u8),
    #[error("time is not up: {0} ms are left")]
    TimeLeft(u64),
    #[error("the candidate's IIN is invalid: {0}")]
    Iin(#[from] iin::IinError),
    #[error("time added must be 1 s to 4 h, not {0} s")]
    TimeAdded(u32),
    #[error("the appeal deadline has passed")]
    AppealClosed,
    #[error("a technical appeal or justification needs text (at most {MAX_TEXT} characters)")]
    Text,
    #[error("the card shown names {0} tasks, not one for each task of the paper")]
    CardSize(usize),
    #[error("{0} needs a reason (at most {MAX_TEXT} characters)")]
    Reason(&'static str),
    #[error("task text size {0} % is not one a station shows")]
    View(u16),
    #[error("{ms} ms cannot be given back: {due} ms are owed")]
    GiveBack { ms: u64, due: u64 },
}

/// Longest justification or technical-appeal text, in characters.
pub const MAX_TEXT: usize = 4000;

/// A fold that failed, with the position of the refused event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("event {index}: {error}")]
pub struct FoldError {
    /// Zero-based position in the event list.
    pub index: usize,
    /// What was wrong.
    pub error: StateError,
}

/// Folds events into a state, from `Locked`.
pub fn fold<'a>(
    paper: &Paper,
    events: impl IntoIterator<Item = &'a Event>,
) -> Result<State, FoldError> {
    let mut state = State::new(paper);
    for (index, event) in events.into_iter().enumerate() {
        state
            .apply(paper, event)
            .map_err(|error| FoldError { index, error })?;
    }
    Ok(state)
}

impl State {
    /// A fresh, locked session for this paper.
    pub fn new(paper: &Paper) -> State {
        State {
            phase: Phase::Locked,
            candidate: None,
            answers: vec![None; paper.tasks.len()],
            marked: vec![false; paper.tasks.len()],
            technical: BTreeMap::new(),
            appeals: BTreeMap::new(),
            clock: Clock::default(),
            finish: None,
            close: None,
            receipt: None,
            card_shown: None,
            incidents: Vec::new(),
            last_answered: None,
            current: 0,
            hold: None,
            ledger: Ledger::default(),
            accommodations: Accommodations::default(),
            tool: None,
            struck: BTreeMap::new(),
            view: View::default(),
            events: 0,
        }
    }

    /// Whether the test clock runs in the current phase.
    pub fn clock_runs(&self, paper: &Paper) -> bool {
        match self.phase {
            Phase::Testing | Phase::SteppedOut => true,
            Phase::Break { index } => break_spec(paper, index).is_none_or(|b| b.clock_runs),
            _ => false,
        }
    }

    /// Whether the session is in the post-test part of the journey.
    pub fn is_post_test(&self) -> bool {
        matches!(
            self.phase,
            Phase::Finished | Phase::Review | Phase::Decision | Phase::Appeal | Phase::AppealCard
        )
    }

    /// Number of tasks with an answer.
    pub fn answered_count(&self) -> usize {
        self.answers
            .iter()
            .flatten()
            .filter(|c| c.is_answered())
            .count()
    }

    /// Whether task `ix` has an answer.
    pub fn is_answered(&self, ix: usize) -> bool {
        self.answers
            .get(ix)
            .and_then(Option::as_ref)
            .is_some_and(Choice::is_answered)
    }

    /// The language block `block`'s content is shown in for this candidate: the one chosen at
    /// check-in, else their interface language (Kazakh before check-in).
    pub fn content_lang(&self, block: &str) -> Lang {
        self.candidate.as_ref().map_or(Lang::Kk, |c| {
            c.languages.get(block).copied().unwrap_or(c.interface)
        })
    }

    /// Whether the candidate can work on the tasks: testing, not held.
    pub fn tasks_open(&self) -> bool {
        self.phase == Phase::Testing && self.hold.is_none()
    }

    /// Whether a proctor can act on the session (it is live or paused).
    pub fn is_live(&self) -> bool {
        matches!(
            self.phase,
            Phase::Testing | Phase::Break { .. } | Phase::SteppedOut | Phase::Paused { .. }
        )
    }

    /// Applies one event. On error nothing has changed.
    pub fn apply(&mut self, paper: &Paper, event: &Event) -> Result<(), StateError> {
        self.check(paper, event)?;
        self.mutate(paper, event);
        self.events = self.events.saturating_add(1);
        Ok(())
    }

    fn not_now(&self, event: &Event) -> StateError {
        StateError::NotNow {
            event: event.name(),
            phase: self.phase,
        }
    }

    fn task(&self, task: TaskIx) -> Result<usize, StateError> {
        let ix = usize::from(task);
        (ix < self.answers.len())
            .then_some(ix)
            .ok_or(StateError::NoTask(task))
    }

    fn check(&self, paper: &Paper, event: &Event) -> Result<(), StateError> {
        let phase = self.phase;
        let live = matches!(
            phase,
            Phase::Testing | Phase::Break { .. } | Phase::SteppedOut
        );
        let allowed = match event {
            Event::Unlocked => phase == Phase::Locked,
            Event::CheckedIn { candidate } => {
                iin::validate(&candidate.iin)?;
                phase == Phase::CheckIn
            }
            Event::Started => phase == Phase::Briefing && self.hold.is_none(),
            Event::Answered { task, choice } => {
                let ix = self.task(*task)?;
                let fits = paper.shape(ix).is_some_and(|s| s.fits(choice));
                if !fits {
                    return Err(StateError::BadChoice(*task));
                }
                self.tasks_open()
            }
            Event::Cleared { task } | Event::Marked { task, .. } | Event::Viewed { task } => {
                self.task(*task)?;
                self.tasks_open()
            }
            Event::TechnicalAppeal { task, reason } => {
                self.task(*task)?;
                if reason.chars().count() > MAX_TEXT {
                    return Err(StateError::Text);
                }
                self.tasks_open()
            }
            Event::BreakStarted { index } => {
                // Only the next break of the schedule, and only once its minute has come.
                let due = break_spec(paper, *index)
                    .is_some_and(|b| self.clock.used_ms >= minutes(b.at_minute));
                if *index != self.clock.breaks_taken || !due {
                    return Err(StateError::BreakIndex(*index));
                }
                phase == Phase::Testing
            }
            Event::BreakEnded { index } => phase == Phase::Break { index: *index },
            Event::Paused => live,
            Event::Resumed => matches!(phase, Phase::Paused { .. }),
            Event::SteppedOut => phase == Phase::Testing,
            Event::Returned => phase == Phase::SteppedOut,
            Event::TimeAdded { seconds } => {
                if *seconds == 0 || *seconds > 4 * 3600 {
                    return Err(StateError::TimeAdded(*seconds));
                }
                live || matches!(phase, Phase::Paused { .. })
            }
            Event::Finished { reason } => {
                if *reason == FinishReason::TimeUp && self.clock.remaining_ms() > 0 {
                    return Err(StateError::TimeLeft(self.clock.remaining_ms()));
                }
                live || matches!(phase, Phase::Paused { .. })
            }
            Event::ReviewOpened => {
                phase == Phase::Finished && self.finish != Some(FinishReason::Violation)
            }
            Event::CardShown { points, .. } => {
                if points.len() != paper.tasks.len() {
                    return Err(StateError::CardSize(points.len()));
                }
                phase == Phase::Review && self.card_shown.is_none()
            }
            Event::DecisionOpened => phase == Phase::Review,
            Event::AppealOpened | Event::AppealNote { .. } => self.appeal_allowed(paper, event)?,
            Event::AppealFinished { .. } => phase == Phase::Appeal,
            // A move closes the old station's copy in any phase but before check-in.
            Event::Closed {
                reason: CloseReason::Moved,
            } => self.candidate.is_some() && phase != Phase::Closed,
            Event::Closed { .. } => {
                matches!(
                    phase,
                    Phase::Decision | Phase::AppealCard | Phase::Review | Phase::Finished
                )
            }
            // The briefing too: the proctor sets accommodations before the start.
            Event::Held { .. } => {
                (self.is_live() || phase == Phase::Briefing) && self.hold.is_none()
            }
            Event::Proctor { action, reason, .. } => {
                return self.check_proctor(paper, action, reason);
            }
            Event::Tool { .. } | Event::Struck { .. } | Event::Display { .. } => {
                return self.check_aid(paper, event);
            }
            Event::Incident { .. } | Event::Tick { .. } => true,
        };
        if allowed {
            Ok(())
        } else {
            Err(self.not_now(event))
        }
    }

    /// Whether the candidate's aids may change now: only over open tasks, with a valid option
    /// or text size.
    fn check_aid(&self, paper: &Paper, event: &Event) -> Result<(), StateError> {
        match event {
            Event::Struck { task, option, .. } => {
                let ix = self.task(*task)?;
                if paper.shape(ix).is_none_or(|s| *option >= s.options) {
                    return Err(StateError::BadChoice(*task));
                }
            }
            Event::Display { view } if !view.is_valid() => {
                return Err(StateError::View(view.zoom));
            }
            _ => {}
        }
        if self.tasks_open() {
            Ok(())
        } else {
            Err(self.not_now(event))
        }
    }

    fn mutate_aid(&mut self, event: &Event) {
        match event {
            Event::Tool { tool } => self.tool = *tool,
            Event::Struck {
                task,
                option,
                struck,
            } => {
                let set = self.struck.entry(*task).or_default();
                set.retain(|o| o != option);
                if *struck {
                    set.push(*option);
                    set.sort_unstable();
                }
                if set.is_empty() {
                    self.struck.remove(task);
                }
            }
            Event::Display { view } => self.view = *view,
            _ => {}
        }
    }

    /// Whether an appeal event is allowed now (before its deadline, in its phase).
    fn appeal_allowed(&self, paper: &Paper, event: &Event) -> Result<bool, StateError> {
        let phase = self.phase;
        Ok(match event {
            Event::AppealOpened => {
                if phase == Phase::Decision && self.appeal_deadline_passed(paper) {
                    return Err(StateError::AppealClosed);
                }
                phase == Phase::Decision
            }
            Event::AppealNote { task, text, .. } => {
                self.task(*task)?;
                if text.chars().count() > MAX_TEXT {
                    return Err(StateError::Text);
                }
                if phase == Phase::Appeal && self.appeal_deadline_passed(paper) {
                    return Err(StateError::AppealClosed);
                }
                phase == Phase::Appeal
            }
            _ => false,
        })
    }

    fn check_proctor(
        &self,
        paper: &Paper,
        action: &ProctorAction,
        reason: &str,
    ) -> Result<(), StateError> {
        if reason.chars().count() > MAX_TEXT || (action.needs_reason() && reason.trim().is_empty())
        {
            return Err(StateError::Reason(action.name()));
        }
        if let Some(effect) = action.effect() {
            return self.check(paper, &effect);
        }
        let allowed = match action {
            ProctorAction::Release { .. } => self.hold.is_some(),
            ProctorAction::Accommodate { .. } => {
                !matches!(self.phase, Phase::Locked | Phase::CheckIn | Phase::Closed)
            }
            ProctorAction::GiveBack { ms } => {
                let due = self.ledger.due_ms();
                if *ms == 0 || *ms > due {
                    return Err(StateError::GiveBack { ms: *ms, due });
                }
                self.is_live()
            }
            _ => true,
        };
        if allowed {
            Ok(())
        } else {
            Err(StateError::NotNow {
                event: action.name(),
                phase: self.phase,
            })
        }
    }

    fn mutate_proctor(&mut self, paper: &Paper, action: &ProctorAction) {
        if let Some(effect) = action.effect() {
            self.mutate(paper, &effect);
            return;
        }
        match action {
            ProctorAction::Release { verdict } => {
                if let Some(cause) = self.hold.take() {
                    self.ledger.close(Cause::Held(cause), Some(*verdict));
                }
            }
            ProctorAction::GiveBack { ms } => {
                self.clock.add_ms(*ms);
                self.ledger.give_back(*ms);
            }
            ProctorAction::Accommodate {
                zoom,
                high_contrast,
            } => {
                self.accommodations = Accommodations {
                    zoom: *zoom,
                    high_contrast: *high_contrast,
                };
            }
            _ => {}
        }
    }

    fn mutate(&mut self, paper: &Paper, event: &Event) {
        match event {
            Event::Unlocked => self.phase = Phase::CheckIn,
            Event::CheckedIn { candidate } => {
                let base = paper.base_minutes();
                let extra = if candidate.extra_time {
                    paper.format.extra_minutes
                } else {
                    0
                };
                self.clock.allowed_ms = minutes(base.saturating_add(extra));
                self.candidate = Some(candidate.clone());
                self.phase = Phase::Briefing;
            }
            Event::Answered { task, choice } => {
                self.answers[usize::from(*task)] = Some(choice.clone());
                self.last_answered = Some(*task);
            }
            Event::Cleared { task } => self.answers[usize::from(*task)] = None,
            Event::Viewed { task } => self.current = *task,
            Event::Marked { task, marked } => self.marked[usize::from(*task)] = *marked,
            Event::TechnicalAppeal { task, reason } => {
                if reason.trim().is_empty() {
                    self.technical.remove(task);
                } else {
                    self.technical.insert(*task, reason.clone());
                }
            }
            Event::BreakStarted { index } => {
                self.clock.breaks_taken = index.saturating_add(1);
                self.clock.break_ms = 0;
                self.phase = Phase::Break { index: *index };
            }
            Event::Started | Event::BreakEnded { .. } | Event::Returned => {
                self.phase = Phase::Testing;
            }
            Event::Paused => {
                let from = match self.phase {
                    Phase::Break { index } => Live::Break { index },
                    Phase::SteppedOut => Live::SteppedOut,
                    _ => Live::Testing,
                };
                self.phase = Phase::Paused { from };
                self.ledger.open(Cause::Paused, self.clock.used_ms);
            }
            Event::Resumed => {
                if let Phase::Paused { from } = self.phase {
                    self.phase = from.phase();
                }
                self.ledger.close(Cause::Paused, None);
            }
            Event::SteppedOut => {
                self.clock.step_out_ms = 0;
                self.clock.step_out_flagged = false;
                self.phase = Phase::SteppedOut;
            }
            Event::TimeAdded { seconds } => self.clock.add(*seconds),
            Event::Finished { reason } => {
                self.finish = Some(*reason);
                self.phase = Phase::Finished;
                // Nothing is held after the end of testing; lost time stays in the ledger.
                self.hold = None;
                self.ledger.close_all();
            }
            Event::ReviewOpened => self.phase = Phase::Review,
            Event::CardShown { total, points } => {
                self.card_shown = Some((*total, points.clone()));
            }
            Event::DecisionOpened => {
                self.clock.decision_at_ms = self.clock.post_ms;
                self.phase = Phase::Decision;
            }
            Event::AppealOpened => self.phase = Phase::Appeal,
            Event::AppealNote { task, ground, text } => self.note(*task, *ground, text),
            Event::AppealFinished { receipt } => {
                self.receipt = Some(receipt.clone());
                self.clock.card_at_ms = self.clock.post_ms;
                self.phase = Phase::AppealCard;
            }
            Event::Closed { reason } => {
                self.close = Some(*reason);
                self.phase = Phase::Closed;
            }
            Event::Incident { kind } => self.log(kind),
            Event::Held { cause } => {
                self.hold = Some(*cause);
                self.ledger.open(Cause::Held(*cause), self.clock.used_ms);
            }
            Event::Proctor { action, .. } => self.mutate_proctor(paper, action),
            Event::Tool { .. } | Event::Struck { .. } | Event::Display { .. } => {
                self.mutate_aid(event);
            }
            Event::Tick { ms } => self.tick(paper, *ms),
        }
    }

    fn log(&mut self, kind: &Incident) {
        if *kind == Incident::StepOutOverdue {
            self.clock.step_out_flagged = true;
        }
        if let Incident::Downtime { seconds } = kind {
            self.ledger
                .downtime(self.clock.used_ms, seconds.saturating_mul(1000));
        }
        self.incidents.push(Logged {
            at_ms: self.clock.used_ms,
            incident: kind.clone(),
        });
    }

    fn note(&mut self, task: TaskIx, ground: AppealGround, text: &str) {
        if text.trim().is_empty() {
            self.appeals.remove(&task);
        } else {
            self.appeals.insert(
                task,
                AppealNote {
                    ground,
                    text: text.to_owned(),
                },
            );
        }
    }

    fn tick(&mut self, paper: &Paper, ms: u64) {
        let runs = self.clock_runs(paper);
        let post = self.is_post_test();
        self.ledger.pass(ms, runs && self.phase == Phase::Testing);
        let clock = &mut self.clock;
        // Saturating: a tick comes from a journal or a caller, and must not wrap the clock.
        if runs {
            clock.used_ms = clock.used_ms.saturating_add(ms);
        }
        let counter = match self.phase {
            Phase::Break { .. } => &mut clock.break_ms,
            Phase::SteppedOut => &mut clock.step_out_ms,
            Phase::Paused { .. } => &mut clock.paused_ms,
            _ if post => &mut clock.post_ms,
            _ => return,
        };
        *counter = counter.saturating_add(ms);
    }

    fn appeal_deadline_passed(&self, paper: &Paper) -> bool {
        self.appeal_left_ms(paper) == 0
    }

    /// Post-test time left to appeal (zero once the deadline has passed).
    pub fn appeal_left_ms(&self, paper: &Paper) -> u64 {
        self.clock
            .post_until(minutes(paper.format.post.appeal_deadline_minutes))
    }

    /// The next moment time makes something happen, and what: time up while the clock runs,
    /// else the phase's own boundary (a break due or over, a step-out overdue, the post-test
    /// steps and the appeal deadline). The one place these moments are defined.
    pub fn next_boundary(&self, paper: &Paper) -> Option<Boundary> {
        let clock = &self.clock;
        let time_up = self.clock_runs(paper).then(|| Boundary {
            in_ms: clock.remaining_ms(),
            event: Event::Finished {
                reason: FinishReason::TimeUp,
            },
        });
        let own = self.phase_boundary(paper);
        match (time_up, own) {
            // Time up wins a tie: the test ends before anything else happens at that moment.
            (Some(t), Some(o)) => Some(if o.in_ms < t.in_ms { o } else { t }),
            (t, o) => t.or(o),
        }
    }

    fn phase_boundary(&self, paper: &Paper) -> Option<Boundary> {
        let post = paper.format.post;
        let clock = &self.clock;
        let at = |in_ms: u64, event: Event| Some(Boundary { in_ms, event });
        let auto_close = Event::Closed {
            reason: CloseReason::AutoClose,
        };
        match self.phase {
            Phase::Testing => {
                let next = break_spec(paper, clock.breaks_taken)?;
                at(
                    minutes(next.at_minute).saturating_sub(clock.used_ms),
                    Event::BreakStarted {
                        index: clock.breaks_taken,
                    },
                )
            }
            Phase::Break { index } => {
                let spec = break_spec(paper, index)?;
                at(
                    minutes(spec.minutes).saturating_sub(clock.break_ms),
                    Event::BreakEnded { index },
                )
            }
            Phase::SteppedOut if !clock.step_out_flagged => at(
                minutes(paper.format.step_out_limit_minutes).saturating_sub(clock.step_out_ms),
                Event::Incident {
                    kind: Incident::StepOutOverdue,
                },
            ),
            Phase::Finished if self.finish == Some(FinishReason::Violation) => at(
                clock.post_until(NOTICE_MS),
                Event::Closed {
                    reason: CloseReason::Violation,
                },
            ),
            Phase::Finished => at(clock.post_until(NOTICE_MS), Event::ReviewOpened),
            Phase::Review => at(
                clock.post_until(minutes(post.review_minutes)),
                Event::DecisionOpened,
            ),
            Phase::Decision => at(
                clock.post_until(
                    clock
                        .decision_at_ms
                        .saturating_add(minutes(post.decision_minutes)),
                ),
                auto_close,
            ),
            Phase::Appeal => at(
                clock.post_until(minutes(post.appeal_deadline_minutes)),
                Event::AppealFinished {
                    receipt: self.receipt_number(),
                },
            ),
            Phase::AppealCard => at(
                clock.post_until(clock.card_at_ms.saturating_add(minutes(post.card_minutes))),
                auto_close,
            ),
            _ => None,
        }
    }

    /// The event that is due right now because of time, if any.
    pub fn due(&self, paper: &Paper) -> Option<Event> {
        self.next_boundary(paper)
            .filter(|b| b.in_ms == 0)
            .map(|b| b.event)
    }

    /// Milliseconds until the phase's own boundary (what the screens count down to), if any.
    pub fn until_boundary(&self, paper: &Paper) -> Option<u64> {
        self.phase_boundary(paper).map(|b| b.in_ms)
    }

    /// The events that `elapsed_ms` of monotonic time cause from this state: ticks cut at every
    /// boundary, with the breaks, automatic finish and post-test steps they trigger, in order.
    /// Applying them in order is guaranteed to succeed.
    pub fn advance(&self, paper: &Paper, elapsed_ms: u64) -> Vec<Event> {
        let mut state = self.clone();
        let mut left = elapsed_ms;
        let mut out = Vec::new();
        // Each step either applies a due event (finitely many per session) or consumes time.
        loop {
            if let Some(event) = state.due(paper) {
                if state.apply(paper, &event).is_err() {
                    break;
                }
                out.push(event);
                continue;
            }
            if left == 0 || state.phase == Phase::Closed {
                break;
            }
            let step = state
                .next_boundary(paper)
                .map_or(left, |b| b.in_ms.clamp(1, left));
            let tick = Event::Tick { ms: step };
            if state.apply(paper, &tick).is_err() {
                break;
            }
            out.push(tick);
            left -= step;
        }
        out
    }

    /// A receipt number for the appeal: derived from the candidate and the appeal's content, so
    /// the same appeal always gets the same number (`XXXX-XXXX`, digits).
    pub fn receipt_number(&self) -> String {
        // FNV-1a over the candidate's IIN and ticket and every appealed task and text.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |bytes: &[u8]| {
            for b in bytes {
                hash ^= u64::from(*b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        };
        if let Some(c) = &self.candidate {
            feed(c.iin.as_bytes());
            feed(c.ticket.as_bytes());
        }
        for (task, note) in &self.appeals {
            feed(&task.to_le_bytes());
            feed(note.text.as_bytes());
        }
        let n = hash % 100_000_000;
        format!("{:04}-{:04}", n / 10_000, n % 10_000)
    }
}

fn break_spec(paper: &Paper, index: u8) -> Option<&BreakSpec> {
    paper.format.breaks.get(usize::from(index))
}
