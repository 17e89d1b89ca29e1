//! Recovery at start: find the session that was open when the station stopped, verify and
//! decrypt its chain, fold it to the exact state, and work out the downtime incident. Damage is
//! reported together with everything before it, never silently accepted. A session that cannot
//! go on at all (it does not fold, its paper or key is damaged, its package is unknown, it never
//! got past check-in) is named as stuck, so a proctor can set it aside; recovery itself never
//! keeps the station from starting. What closed sessions say about who has sat is gathered here
//! too.

use std::collections::{BTreeMap, BTreeSet};

use super::audit::Action;
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
    /// Its paper.
    pub paper: Paper,
    /// The state of every record that verified.
    pub state: State,
    /// The first damage in the chain; the state is what came before it.
    pub damage: Option<JournalError>,
    /// The incident to record for the time the station was down, if it was.
    pub downtime: Option<Event>,
}

/// A session that cannot go on.
#[derive(Debug, Clone)]
pub struct Stuck {
    /// Session id.
    pub session: String,
    /// The candidate's name, when the journal still tells it.
    pub candidate: Option<String>,
    /// Why it cannot go on.
    pub problem: RecoveryError,
}

/// Why a session cannot go on.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RecoveryError {
    #[error("{0}")]
    Journal(#[from] JournalError),
    #[error("the journal's events do not replay: {0}")]
    Fold(#[from] FoldError),
    #[error("the session runs package {0}, which this station does not have")]
    UnknownPackage(String),
    #[error("the session never got past check-in")]
    NotStarted,
    #[error("{0}")]
    Lost(String),
}

/// What start-up found in the journal.
#[derive(Debug)]
pub enum Found {
    /// No session is open.
    Nothing,
    /// A session to resume.
    Resume(Box<Recovered>),
    /// A session that cannot go on and waits for a proctor.
    Stuck(Stuck),
}

/// Who has sat on this station: per candidate tag, how many sessions closed and how many
/// retakes proctors allowed. A candidate may sit while allowances cover the closed sessions.
#[derive(Debug, Clone, Default)]
pub struct Sittings {
    key: [u8; 32],
    closed: BTreeMap<String, u32>,
    allowed: BTreeMap<String, u32>,
}

impl Sittings {
    /// How many candidates have a closed session here.
    pub fn count(&self) -> usize {
        self.closed.len()
    }

    /// The candidate's tag (as `Journal::candidate_tag` makes it).
    pub fn tag(&self, iin: &str) -> String {
        super::keys::candidate_tag(&self.key, iin)
    }

    /// Whether the candidate may check in: no closed session, or a retake allowed for each.
    pub fn may_sit(&self, iin: &str) -> bool {
        let tag = self.tag(iin);
        self.closed.get(&tag).copied().unwrap_or(0) <= self.allowed.get(&tag).copied().unwrap_or(0)
    }

    /// The candidate's session closed (while the station runs; at start the journal says it).
    pub fn sat(&mut self, iin: &str) {
        *self.closed.entry(self.tag(iin)).or_insert(0) += 1;
    }

    /// A retake was allowed (and recorded in the audit log).
    pub fn allow(&mut self, tag: &str) {
        *self.allowed.entry(tag.to_owned()).or_insert(0) += 1;
    }
}

/// What the audit log says of the admin screen's door at `now_ms`: wrong tries since the last
/// right one, and how long ago the last was.
pub fn refusals(
    journal: &Journal,
    now_ms: u64,
) -> Result<crate::station::door::Refusals, JournalError> {
    let audit = journal.audit_log()?;
    let tries = audit.iter().rev().filter(|a| {
        a.authentic && matches!(a.action, Some(Action::PinRefused | Action::PinAccepted))
    });
    let refused: Vec<&super::audit::Entry> = tries
        .take_while(|a| a.action == Some(Action::PinRefused))
        .collect();
    Ok(crate::station::door::Refusals {
        in_a_row: u32::try_from(refused.len()).unwrap_or(u32::MAX),
        ago: refused
            .first()
            .map(|a| std::time::Duration::from_millis(now_ms.saturating_sub(a.at_ms))),
    })
}

/// Reads the journal at start: the session to resume (or the one that is stuck) and who has
/// sat. `known` says whether the station has a package. Only a journal that cannot be read at
/// all is an error.
pub fn recover(
    journal: &Journal,
    now_ms: u64,
    known: impl Fn(&str) -> bool,
) -> Result<(Found, Sittings), JournalError> {
    let sessions = journal.sessions()?;
    let audit = journal.audit_log()?;
    let done_by = |action: Action| -> BTreeSet<&str> {
        audit
            .iter()
            .filter(|a| a.authentic && a.action == Some(action))
            .map(|a| a.subject.as_str())
            .collect()
    };
    let quarantined = done_by(Action::Quarantine);
    let mut sittings = Sittings {
        key: journal.candidate_key(),
        ..Sittings::default()
    };
    for tag in audit
        .iter()
        .filter(|a| a.authentic && a.action == Some(Action::AllowRetake))
    {
        sittings.allow(&tag.subject);
    }
    let superseded: BTreeSet<&str> = sessions
        .iter()
        .filter(|s| s.authentic)
        .filter_map(|s| s.supersedes.as_deref())
        .collect();
    for s in sessions.iter().filter(|s| s.closed && s.authentic) {
        if let Some(tag) = &s.candidate {
            *sittings.closed.entry(tag.clone()).or_insert(0) += 1;
        }
    }
    // Done: closed (as its authentic head says), carried on in a copy, or set aside.
    let done = |s: &&super::SessionInfo| {
        (s.closed && s.authentic)
            || superseded.contains(s.id.as_str())
            || quarantined.contains(s.id.as_str())
    };
    let open = sessions.iter().rev().find(|s| !done(s));
    let Some(info) = open else {
        // Records were lost and no session is open to carry the warning: the lock screen shows
        // it until a proctor acknowledges it (sets `journal-N` aside).
        let unacknowledged = audit.iter().find(|a| {
            a.authentic
                && a.action == Some(Action::LostRecords)
                && !quarantined.contains(format!("journal-{}", a.seq).as_str())
        });
        let found = unacknowledged.map_or(Found::Nothing, |a| {
            Found::Stuck(Stuck {
                session: format!("journal-{}", a.seq),
                candidate: None,
                problem: RecoveryError::Lost(a.detail.clone()),
            })
        });
        return Ok((found, sittings));
    };
    let stuck = |candidate: Option<String>, problem: RecoveryError| {
        Found::Stuck(Stuck {
            session: info.id.clone(),
            candidate,
            problem,
        })
    };
    let loaded = match journal.load(&info.id) {
        Ok(l) => l,
        Err(e) => return Ok((stuck(None, e.into()), sittings)),
    };
    let state = match fold(&loaded.paper, loaded.entries.iter().map(|e| &e.event)) {
        Ok(s) => s,
        Err(e) => return Ok((stuck(None, e.into()), sittings)),
    };
    let name = state.candidate.as_ref().map(|c| c.name.clone());
    let found = if state.phase == Phase::Closed {
        Found::Nothing
    } else if matches!(state.phase, Phase::Locked | Phase::CheckIn) {
        stuck(name, RecoveryError::NotStarted)
    } else if !known(&info.package_id) {
        stuck(name, RecoveryError::UnknownPackage(info.package_id.clone()))
    } else {
        let downtime = loaded
            .entries
            .last()
            .and_then(|e| downtime(e.at_ms, now_ms));
        Found::Resume(Box::new(Recovered {
            session: info.id.clone(),
            package: info.package_id.clone(),
            seal: info.seal_id.clone(),
            paper: loaded.paper,
            state,
            // Records lost from the end are damage too: the session goes on in a fresh chain,
            // with the warning.
            damage: loaded.damage.or_else(|| journal.lost().cloned()),
            downtime,
        }))
    };
    Ok((found, sittings))
}
