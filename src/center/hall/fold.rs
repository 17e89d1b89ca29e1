//! One session as the dashboard follows it: its events folded with the exam core (the same
//! fold the station and the center's results run), one record at a time as they arrive, with
//! the moments a proctor looks for kept on a timeline with the station's wall-clock times.

use crate::exam::event::Incident;
use crate::exam::{Event, Paper, State};
use crate::journal::record::Entry;

/// A moment of a session's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moment {
    /// The station's wall-clock time of the record, ms since the epoch.
    pub at_ms: u64,
    /// What happened: an event's name (`checked-in`, `break-started`, ...) or, for an
    /// incident, `incident-` and the incident's kind.
    pub what: String,
    /// A number that goes with it (a downtime's seconds, time added), if any.
    pub amount: Option<u64>,
}

/// A session folded up to a record.
#[derive(Debug, Clone)]
pub struct Folded {
    /// The state after the last record applied.
    pub state: State,
    /// The last record applied (`-1`: none).
    pub seq: i64,
    /// The station's wall-clock time of that record.
    pub last_at_ms: u64,
    /// The timeline so far.
    pub timeline: Vec<Moment>,
    /// Why folding stopped, if it did (a record that does not read, or an event the exam rules
    /// refuse): what is shown is the state before it.
    pub problem: Option<String>,
    /// How the analysis card the station showed differs from the center's score, if it does.
    pub card_differs: Option<String>,
}

impl Folded {
    /// A session with no record yet.
    pub fn new(paper: &Paper) -> Folded {
        Folded {
            state: State::new(paper),
            seq: -1,
            last_at_ms: 0,
            timeline: Vec::new(),
            problem: None,
            card_differs: None,
        }
    }

    /// Applies records that follow `seq`, in order (others are skipped: a gap or a repeat
    /// stops nothing, the store only hands out contiguous records).
    pub fn apply(&mut self, paper: &Paper, records: &[(i64, Vec<u8>, String)]) {
        for (seq, _, entry) in records {
            if self.problem.is_some() || *seq != self.seq + 1 {
                continue;
            }
            let entry = match serde_json::from_str::<Entry>(entry) {
                Ok(entry) => entry,
                Err(e) => {
                    self.problem = Some(format!("record {seq} does not read: {e}"));
                    continue;
                }
            };
            if let Err(e) = self.state.apply(paper, &entry.event) {
                self.problem = Some(format!("record {seq} is refused by the exam rules: {e}"));
                continue;
            }
            self.seq = *seq;
            self.last_at_ms = entry.at_ms;
            if matches!(entry.event, Event::CardShown { .. }) {
                let card = crate::exam::card::build(paper, &self.state);
                self.card_differs = crate::center::results::card_disagrees(&self.state, &card);
            }
            if let Some(moment) = moment(&entry) {
                self.timeline.push(moment);
            }
        }
    }

    /// The incidents on the timeline, with how many of each kind.
    pub fn incident_counts(&self) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = Vec::new();
        for m in self
            .timeline
            .iter()
            .filter(|m| m.what.starts_with("incident-"))
        {
            match out.iter_mut().find(|(k, _)| *k == m.what) {
                Some((_, n)) => *n += 1,
                None => out.push((m.what.clone(), 1)),
            }
        }
        out
    }
}

/// The moment an entry makes on the timeline, if it makes one (answers and ticks do not).
fn moment(entry: &Entry) -> Option<Moment> {
    let (what, amount) = match &entry.event {
        Event::Incident { kind } => {
            let (name, amount) = match kind {
                Incident::FocusLost => ("focus-lost", None),
                Incident::CloseRequested => ("close-requested", None),
                Incident::StepOutOverdue => ("step-out-overdue", None),
                Incident::Downtime { seconds } => ("downtime", Some(*seconds)),
                Incident::SaveFailed => ("save-failed", None),
                // The proctor's own actions are on the timeline as themselves.
                Incident::Proctor { .. } => return None,
                Incident::WrongPin => ("wrong-pin", None),
                Incident::MovedFrom { .. } => ("moved", None),
            };
            (format!("incident-{name}"), amount)
        }
        Event::TimeAdded { seconds } => ("time-added".to_owned(), Some(u64::from(*seconds))),
        Event::CheckedIn { .. }
        | Event::Started
        | Event::BreakStarted { .. }
        | Event::BreakEnded { .. }
        | Event::Paused
        | Event::Resumed
        | Event::SteppedOut
        | Event::Returned
        | Event::Finished { .. }
        | Event::AppealOpened
        | Event::AppealFinished { .. }
        | Event::Closed { .. }
        | Event::Held { .. }
        | Event::Proctor { .. } => (entry.event.name().to_owned(), None),
        _ => return None,
    };
    Some(Moment {
        at_ms: entry.at_ms,
        what,
        amount,
    })
}
