//! One candidate's live session. Every change goes through the exam core first (`State::apply`);
//! an accepted event waits in an ordered outbox until the journal writer commits it, one at a
//! time, so the journal holds exactly the events the screen shows, in the same order. Elapsed
//! time collects here and becomes a `Tick` at each checkpoint, before any other event and at
//! every boundary the core cuts (breaks, time up, post-test steps).

use std::collections::VecDeque;
use std::sync::Arc;

use crate::exam::event::TaskIx;
use crate::exam::state::StateError;
use crate::exam::{Event, Paper, Phase, State};
use crate::journal::CHECKPOINT_MS;

/// An event waiting for the journal, numbered in the order it was accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// Local sequence number (1, 2, ...).
    pub n: u64,
    /// The event.
    pub event: Event,
}

/// A live session.
#[derive(Debug, Clone)]
pub struct Session {
    /// Journal session id.
    pub id: String,
    /// Package id.
    pub package: String,
    /// The paper.
    pub paper: Arc<Paper>,
    state: State,
    /// `state` with the time not yet ticked applied: what the screens show.
    shown: State,
    /// Time passed since the last recorded tick.
    pending_ms: u64,
    outbox: VecDeque<Outgoing>,
    in_flight: Option<Outgoing>,
    next_n: u64,
    committed_n: u64,
    /// Local number of the last event that changed each task's answer.
    task_n: Vec<u64>,
    /// The journal session exists (created or resumed).
    open: bool,
    /// Commits that failed in a row.
    failures: u32,
}

impl Session {
    /// A session for a state; `open` says whether the journal already holds it.
    pub fn new(id: String, package: String, paper: Arc<Paper>, state: State, open: bool) -> Self {
        let tasks = paper.tasks.len();
        Session {
            id,
            package,
            paper,
            shown: state.clone(),
            state,
            pending_ms: 0,
            outbox: VecDeque::new(),
            in_flight: None,
            next_n: 1,
            committed_n: 0,
            task_n: vec![0; tasks],
            open,
            failures: 0,
        }
    }

    /// The state as recorded (without the time not yet ticked).
    pub fn recorded(&self) -> &State {
        &self.state
    }

    /// The state as it stands now, with the time not yet ticked applied (for display).
    pub fn now(&self) -> &State {
        &self.shown
    }

    /// How long, from what is shown, until time next makes something happen (a break, time up,
    /// a post-test step); `None` when nothing lies ahead.
    pub fn quiet_ms(&self) -> Option<u64> {
        self.shown.next_boundary(&self.paper).map(|b| b.in_ms)
    }

    /// Brings `shown` up to the recorded state and the time not yet ticked.
    fn reshow(&mut self) {
        self.shown.clone_from(&self.state);
        if self.pending_ms > 0 {
            // A plain tick: `elapse` flushed every boundary, so none lies inside `pending_ms`.
            let _ = self.shown.apply(
                &self.paper,
                &Event::Tick {
                    ms: self.pending_ms,
                },
            );
        }
    }

    /// Records the time that passed, then applies an event through the exam core and queues it
    /// for the journal. A refused event changes nothing and is not queued (the time before it
    /// is, as it would have been at the next checkpoint).
    pub fn record(&mut self, event: Event) -> Result<(), StateError> {
        self.flush();
        let applied = self.state.apply(&self.paper, &event);
        if applied.is_ok() {
            self.queue(event);
        }
        self.reshow();
        applied
    }

    /// Lets `ms` of (scaled) monotonic time pass. Time becomes a recorded tick at each
    /// checkpoint, or at once when it causes something (a break, time up, a post-test step).
    pub fn elapse(&mut self, ms: u64) {
        // Before the start and after the close no clock counts: nothing to record.
        if matches!(
            self.state.phase,
            Phase::Locked | Phase::CheckIn | Phase::Briefing | Phase::Closed
        ) {
            return;
        }
        self.pending_ms = self.pending_ms.saturating_add(ms);
        // Most ticks cross no boundary and come before the checkpoint: only what is shown moves
        // (no stepping through a copy of the state, a second each, for events left unrecorded).
        let quiet = self
            .state
            .next_boundary(&self.paper)
            .is_none_or(|b| b.in_ms > self.pending_ms);
        if quiet && self.pending_ms < CHECKPOINT_MS {
            self.reshow();
            return;
        }
        let events = self.state.advance(&self.paper, self.pending_ms);
        if self.pending_ms >= CHECKPOINT_MS
            || events.iter().any(|e| !matches!(e, Event::Tick { .. }))
        {
            self.pending_ms = 0;
            self.apply_all(events);
        }
        self.reshow();
    }

    fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending_ms);
        let events = self.state.advance(&self.paper, pending);
        self.apply_all(events);
    }

    fn apply_all(&mut self, events: Vec<Event>) {
        for event in events {
            // `advance` promises its events apply in order.
            if self.state.apply(&self.paper, &event).is_ok() {
                self.queue(event);
            }
        }
    }

    /// Numbers an applied event and puts it in the outbox.
    fn queue(&mut self, event: Event) {
        let n = self.next_n;
        self.next_n += 1;
        if let Event::Answered { task, .. } | Event::Cleared { task } = &event
            && let Some(slot) = self.task_n.get_mut(usize::from(*task))
        {
            *slot = n;
        }
        let shows_card = matches!(event, Event::ReviewOpened);
        self.outbox.push_back(Outgoing { n, event });
        // The card the candidate is about to see goes into the journal with it, so the center
        // can compare its own scoring with what was shown.
        if shows_card {
            let card = crate::exam::card::build(&self.paper, &self.state);
            let shown = Event::CardShown {
                total: card.total,
                points: card.task_points(),
            };
            if self.state.apply(&self.paper, &shown).is_ok() {
                self.queue(shown);
            }
        }
    }

    /// The journal now holds the session (after `resume`).
    pub fn opened(&mut self) {
        self.open = true;
    }

    /// The events waiting for the journal, in order (the opening events a new session is
    /// created with).
    pub fn waiting(&self) -> Vec<Event> {
        self.outbox.iter().map(|o| o.event.clone()).collect()
    }

    /// The journal created the session together with its first `count` waiting events: they
    /// are committed, and the rest go on from there.
    pub fn created(&mut self, count: usize) {
        for _ in 0..count {
            if let Some(done) = self.outbox.pop_front() {
                self.committed_n = done.n;
            }
        }
        self.open = true;
    }

    /// The next event to send to the journal, if none is in flight.
    pub fn next_to_send(&mut self) -> Option<Outgoing> {
        if !self.open || self.in_flight.is_some() {
            return None;
        }
        let next = self.outbox.pop_front()?;
        self.in_flight = Some(next.clone());
        Some(next)
    }

    /// The event handed out by `next_to_send` and not yet answered for.
    pub fn in_flight(&self) -> Option<&Outgoing> {
        self.in_flight.as_ref()
    }

    /// The journal answered for event `n`: committed, or not (then it is sent again, first).
    pub fn sent(&mut self, n: u64, committed: bool) {
        let Some(flight) = self.in_flight.take_if(|f| f.n == n) else {
            return;
        };
        if committed {
            self.committed_n = n;
            self.failures = 0;
        } else {
            self.failures += 1;
            self.outbox.push_front(flight);
        }
    }

    /// Whether task `task`'s current answer (or its clearing) is committed.
    pub fn is_saved(&self, task: TaskIx) -> bool {
        self.task_n
            .get(usize::from(task))
            .is_some_and(|n| *n <= self.committed_n)
    }

    /// Whether every accepted event is committed.
    pub fn all_saved(&self) -> bool {
        self.in_flight.is_none() && self.outbox.is_empty()
    }

    /// Commits that failed in a row (the screen warns while this is not zero).
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// Events accepted but not yet committed.
    pub fn unsaved(&self) -> usize {
        self.outbox.len() + usize::from(self.in_flight.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::event::Candidate;
    use crate::exam::preset;
    use crate::exam::task::{Choice, Lang};

    fn session() -> Session {
        let paper = Arc::new(Paper::placeholder(
            preset::by_name("unt-2024").expect("preset"),
        ));
        let state = State::new(&paper);
        Session::new("s".into(), "p".into(), paper, state, true)
    }

    /// A session checked in and testing.
    fn testing() -> Session {
        let mut s = session();
        s.record(Event::Unlocked).expect("unlock");
        s.record(Event::CheckedIn {
            candidate: Candidate {
                iin: "061211600012".into(),
                name: "A".into(),
                ticket: "T".into(),
                extra_time: false,
                interface: Lang::Kk,
                languages: std::collections::BTreeMap::new(),
            },
        })
        .expect("check in");
        s.record(Event::Started).expect("start");
        s
    }

    fn drain(s: &mut Session) -> Vec<Event> {
        let mut out = Vec::new();
        while let Some(o) = s.next_to_send() {
            out.push(o.event.clone());
            s.sent(o.n, true);
        }
        out
    }

    #[test]
    fn events_wait_in_order_and_a_failed_commit_goes_first_again() {
        let mut s = testing();
        s.elapse(1200);
        s.record(Event::Answered {
            task: 3,
            choice: Choice::One(1),
        })
        .expect("answer");
        assert!(!s.is_saved(3));
        let first = s.next_to_send().expect("one");
        assert!(s.next_to_send().is_none(), "one at a time");
        s.sent(first.n, false);
        assert_eq!(s.failures(), 1);
        let events = drain(&mut s);
        assert_eq!(
            events[0],
            Event::Unlocked,
            "the failed one is sent again first"
        );
        assert_eq!(
            events[3],
            Event::Tick { ms: 1200 },
            "time before the answer"
        );
        assert!(matches!(events[4], Event::Answered { task: 3, .. }));
        assert!(s.is_saved(3) && s.all_saved());
        // A refused event changes nothing and queues nothing.
        assert!(s.record(Event::ReviewOpened).is_err());
        assert!(s.all_saved());
        // Time becomes a tick at the checkpoint, and a break at once when due.
        s.elapse(CHECKPOINT_MS - 1);
        assert!(drain(&mut s).is_empty());
        s.elapse(60 * 60_000);
        assert_eq!(s.recorded().phase, Phase::Break { index: 0 });
        assert!(drain(&mut s).contains(&Event::BreakStarted { index: 0 }));
    }

    #[test]
    fn a_break_starts_on_the_tick_it_is_due_between_checkpoints() {
        let mut s = testing();
        // Steps of 1.6 s: minute 60 is step 2,250, between two checkpoints (every 4 steps),
        // so the break is due exactly when the time since the last checkpoint reaches it.
        let mut steps = 0;
        while s.now().phase == Phase::Testing && steps < 10_000 {
            s.elapse(1600);
            steps += 1;
        }
        assert_eq!(s.now().phase, Phase::Break { index: 0 });
        assert_eq!(s.recorded().phase, Phase::Break { index: 0 });
        assert_eq!(steps, 2250, "the break at minute 60, not a step later");
        assert!(drain(&mut s).contains(&Event::BreakStarted { index: 0 }));
    }
}
