//! Recovery at start: find the session that was open when the station stopped, verify and
//! decrypt its chain, fold it to the exact state, and work out the downtime incident. Damage is
//! reported together with everything before it, never silently accepted.

use super::store::Cursor;
use super::{Journal, JournalError, downtime};
use crate::exam::state::{FoldError, fold};
use crate::exam::{Event, Paper, Phase, State};

/// A session brought back after a stop.
#[derive(Debug)]
pub struct Recovered {
    /// Session id.
    pub session: String,
    /// The package it runs.
    pub package: String,
    /// The seal of that package.
    pub seal: String,
    /// The events that verified, in order (to carry on in a fresh chain after damage).
    pub events: Vec<Event>,
    /// Its paper.
    pub paper: Paper,
    /// The state of every record that verified.
    pub state: State,
    /// Where appends continue.
    pub cursor: Cursor,
    /// The first damage in the chain; the state is what came before it.
    pub damage: Option<JournalError>,
    /// The incident to append for the time the station was down, if it was.
    pub downtime: Option<Event>,
}

/// Why a session could not be brought back at all.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RecoveryError {
    #[error("{0}")]
    Journal(#[from] JournalError),
    #[error("the journal's events do not replay: {0}")]
    Fold(#[from] FoldError),
}

/// The most recent session that is not closed, recovered; `None` when there is none.
pub fn recover(journal: &Journal, now_ms: u64) -> Result<Option<Recovered>, RecoveryError> {
    let Some(info) = journal.sessions()?.into_iter().rev().find(|s| !s.closed) else {
        return Ok(None);
    };
    let loaded = journal.load(&info.id)?;
    let state = fold(&loaded.paper, loaded.entries.iter().map(|e| &e.event))?;
    if state.phase == Phase::Closed {
        return Ok(None);
    }
    let downtime = loaded
        .entries
        .last()
        .and_then(|e| downtime(e.at_ms, now_ms));
    Ok(Some(Recovered {
        session: info.id,
        package: info.package_id,
        seal: info.seal_id,
        events: loaded.events(),
        paper: loaded.paper,
        state,
        cursor: loaded.cursor,
        damage: loaded.damage,
        downtime,
    }))
}
