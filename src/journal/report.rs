//! `journal verify`: for every session, its event count, whether the chain is intact, and a
//! summary of the state its events fold to. Read-only: it never creates or repairs anything.

use std::fmt;
use std::path::Path;

use super::{Journal, JournalError, SessionInfo};
use crate::exam::State;
use crate::exam::state::{FoldError, fold};

/// The verdict on one session.
#[derive(Debug)]
pub struct SessionReport {
    /// The session as listed.
    pub info: SessionInfo,
    /// Records that verified.
    pub verified: usize,
    /// The first damage found, if any.
    pub damage: Option<JournalError>,
    /// The folded state of the verified records, or why folding stopped; `None` when the
    /// session could not be read at all.
    pub state: Option<Result<State, FoldError>>,
    /// Tasks in the session's paper.
    pub tasks: usize,
}

impl SessionReport {
    /// Whether everything in the session verified and folded.
    pub fn intact(&self) -> bool {
        self.damage.is_none() && matches!(self.state, Some(Ok(_)))
    }
}

/// Verifies every session of the journal in `dir`.
pub fn verify(dir: &Path) -> Result<Vec<SessionReport>, JournalError> {
    let journal = Journal::open_existing(dir)?;
    let mut reports = Vec::new();
    for info in journal.sessions()? {
        let report = match journal.load(&info.id) {
            Ok(loaded) => SessionReport {
                verified: loaded.entries.len(),
                state: Some(fold(&loaded.paper, loaded.entries.iter().map(|e| &e.event))),
                tasks: loaded.paper.tasks.len(),
                damage: loaded.damage,
                info,
            },
            Err(e) => SessionReport {
                verified: 0,
                state: None,
                tasks: 0,
                damage: Some(e),
                info,
            },
        };
        reports.push(report);
    }
    Ok(reports)
}

impl fmt::Display for SessionReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.info;
        writeln!(
            f,
            "session {}: package {} (seal {}), {} events",
            i.id, i.package_id, i.seal_id, i.events
        )?;
        match &self.damage {
            None => writeln!(f, "  chain: intact ({} records verified)", self.verified)?,
            Some(e) => writeln!(
                f,
                "  chain: DAMAGED after {} good records: {e}",
                self.verified
            )?,
        }
        match &self.state {
            None => writeln!(f, "  state: unknown (the session cannot be read)"),
            Some(Err(e)) => writeln!(f, "  state: DAMAGED: {e}"),
            Some(Ok(state)) => {
                let remaining = state.clock.remaining_ms() / 1000;
                let who = state.candidate.as_ref().map_or_else(
                    || "not checked in".to_owned(),
                    |c| format!("{} {}", crate::exam::iin::masked(&c.iin), c.name),
                );
                writeln!(
                    f,
                    "  state: {}, answered {}/{}, {}:{:02}:{:02} left, candidate {who}, {} incidents",
                    state.phase.name(),
                    state.answered_count(),
                    self.tasks,
                    remaining / 3600,
                    remaining / 60 % 60,
                    remaining % 60,
                    state.incidents.len()
                )
            }
        }
    }
}
