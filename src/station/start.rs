//! What the journal held when the station started: a session to resume (already resumed by the
//! writer), one that cannot go on, and who has sat here. Start-up builds it; the app opens on it.

use std::sync::Arc;

use crate::exam::{Event, Paper, State};
use crate::journal::recovery::{Sittings, Stuck};

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
    /// The admin screen's door as the audit log left it.
    pub door: crate::station::door::Refusals,
}
