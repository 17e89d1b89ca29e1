//! The outbox: carries every journal record to the center. One `step` takes the oldest waiting
//! records from the journal writer (as stored: sealed and chained), seals them to the center in
//! a batch signed by the station's key, posts it, checks the center's signed receipt and hands
//! it to the journal, which only then lets the covered records out of the outbox. `run` repeats
//! steps for as long as the station runs: failed posts are retried on backon's exponential
//! schedule with jitter, capped, never giving up; the candidate never waits on any of it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use backon::{BackoffBuilder as _, ExponentialBuilder};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;

use crate::crypto::hex;
use crate::journal::{JournalError, Unsent, Writer};
use crate::protocol::batch::{Contents, MAX_RECORDS, Receipt, Record};
use crate::protocol::status::{StationStatus, Wanting};
use crate::sync::link::{Link, LinkError};

/// How long the outbox rests when nothing waits.
pub const IDLE: Duration = Duration::from_secs(1);
/// With nothing to send, how often the outbox asks whether the center answers, so the lock
/// screen says whether it is connected before a session starts.
pub const HEARTBEAT: Duration = Duration::from_secs(15);
/// The first retry's delay.
pub const FIRST_RETRY: Duration = Duration::from_millis(500);
/// The longest delay between retries (before jitter): a station that cannot reach its center
/// asks at most about once per this interval.
pub const RETRY_CAP: Duration = Duration::from_secs(30);

/// The retry schedule of a batch that did not go: exponential from `FIRST_RETRY`, each delay
/// with jitter, capped at `RETRY_CAP` (before jitter), and no limit on the number of retries.
pub fn backoff() -> ExponentialBuilder {
    ExponentialBuilder::default()
        .with_min_delay(FIRST_RETRY)
        .with_max_delay(RETRY_CAP)
        .with_jitter()
        .without_max_times()
}

/// How long a session the center refused for good is left aside (the others go on) before it
/// is tried again.
pub const PARKED: Duration = Duration::from_secs(300);

/// Refusals that sending the same batch again will not change: the batch itself is at fault
/// (a damaged record, a session the center holds for another station). Every other failure
/// (the network, the center's storage, a clock or an enrollment to put right) is retried.
const FOR_GOOD: &[&str] = &[
    "bad-batch",
    "not-your-batch",
    "not-your-session",
    "session-mismatch",
    "bad-request",
    "413",
];

/// Why a step failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SyncError {
    #[error("{0}")]
    Journal(#[from] JournalError),
    #[error("{0}")]
    Link(#[from] LinkError),
    #[error("the center moved session {session} to seat {seat}; this station may not add to it")]
    Moved { session: String, seat: String },
    #[error(
        "the center refuses session {session} for good: {message} ({error}); it is left aside, the others go on"
    )]
    Refused {
        session: String,
        error: String,
        message: String,
    },
}

/// What one step did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Nothing waited.
    Idle,
    /// A batch went and its receipt was taken.
    Sent {
        /// The receipt.
        receipt: Receipt,
        /// Records of that session still waiting.
        left: u64,
    },
}

/// The upload as the proctor sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncState {
    /// Whether the last attempt reached the center (`None`: nothing tried yet).
    pub reached: Option<bool>,
    /// Records no receipt covers yet.
    pub waiting: u64,
    /// When the last receipt was taken (station clock, ms since the epoch).
    pub last_receipt_ms: Option<u64>,
    /// The center flagged a session of this station (see `Receipt::flagged`).
    pub flagged: bool,
    /// The center refuses a session of this station for good (it is left aside, the others go
    /// on).
    pub refused: bool,
    /// What the last failure was, for the log and the proctor.
    pub problem: Option<String>,
    /// The center has a session moved to this station (a seat swap), to take over.
    pub handover: bool,
    /// The center moved a session of this station to another station: the session and the
    /// seat it went to (this station is fenced from it).
    pub moved: Option<(String, String)>,
}

/// The batch contents of journal records as stored.
pub fn contents(unsent: &Unsent) -> Contents {
    Contents {
        session: unsent.session.clone(),
        package_id: unsent.package_id.clone(),
        seal_id: unsent.seal_id.clone(),
        supersedes: unsent.supersedes.clone(),
        data_key: hex::encode(unsent.key.as_bytes()),
        head_seq: unsent.head_seq,
        prev: hex::encode(&unsent.prev),
        records: unsent
            .records
            .iter()
            .map(|r| Record {
                seq: r.seq,
                hash: hex::encode(&r.hash),
                sealed: B64.encode(&r.sealed),
            })
            .collect(),
        behind: unsent.behind.clone(),
    }
}

/// The outbox of a station: its journal writer and its link to the center.
#[derive(Clone)]
pub struct Outbox {
    writer: Writer,
    link: Arc<Link>,
    /// Sessions the center refused for good, with when they are tried again.
    parked: Arc<Mutex<HashMap<String, Instant>>>,
    /// Sessions the center moved to another station: never sent again by this run.
    fenced: Arc<Mutex<Vec<String>>>,
    /// What the readiness check found wanting, for the heartbeat (the window keeps it current).
    readiness: Readiness,
}

/// The readiness items a station's heartbeat reports, shared with whoever keeps them current.
pub type Readiness = Arc<Mutex<Vec<Wanting>>>;

impl std::fmt::Debug for Outbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outbox").finish_non_exhaustive()
    }
}

impl Outbox {
    /// The outbox over `writer`, posting through `link`.
    pub fn new(writer: Writer, link: Arc<Link>) -> Outbox {
        Outbox {
            writer,
            link,
            parked: Arc::default(),
            fenced: Arc::default(),
            readiness: Arc::default(),
        }
    }

    /// The outbox, its heartbeat reporting what `readiness` holds at the time.
    #[must_use]
    pub fn reporting(mut self, readiness: Readiness) -> Outbox {
        self.readiness = readiness;
        self
    }

    /// Sends the heartbeat: what waits and what the readiness check found wanting. A center
    /// from before heartbeats is asked for its health instead.
    async fn heartbeat(&self, waiting: u64) -> Result<bool, LinkError> {
        let status = StationStatus {
            waiting,
            readiness: self.readiness.lock().map(|r| r.clone()).unwrap_or_default(),
        };
        match self.link.status(&status).await {
            Err(LinkError::Refused { error, .. }) if error == "404" => {
                self.link.health().await.map(|()| false)
            }
            other => other,
        }
    }

    /// The sessions not to send now: those moved away, and those left aside.
    fn skipped(&self) -> Vec<String> {
        let mut skip = self.parked_now();
        if let Ok(fenced) = self.fenced.lock() {
            skip.extend(fenced.iter().cloned());
        }
        skip
    }

    /// The sessions left aside now (those whose time has come are let back).
    fn parked_now(&self) -> Vec<String> {
        let Ok(mut parked) = self.parked.lock() else {
            return Vec::new();
        };
        let now = Instant::now();
        parked.retain(|_, until| *until > now);
        parked.keys().cloned().collect()
    }

    fn park(&self, session: &str) {
        if let Ok(mut parked) = self.parked.lock() {
            parked.insert(session.to_owned(), Instant::now() + PARKED);
        }
    }

    /// Sends the oldest waiting records once; no retry.
    pub async fn step(&self) -> Result<Step, SyncError> {
        let Some(unsent) = self.writer.unsent(MAX_RECORDS, self.skipped()).await? else {
            return Ok(Step::Idle);
        };
        let contents = contents(&unsent);
        let batch = self.link.seal_batch(&contents)?;
        let receipt = match self.link.post_batch(&batch).await {
            Err(LinkError::Moved { seat, message }) => {
                tracing::warn!(session = %unsent.session, seat = %seat, message = %message, "outbox: the center moved this session to another station");
                if let Ok(mut fenced) = self.fenced.lock() {
                    fenced.push(unsent.session.clone());
                }
                return Err(SyncError::Moved {
                    session: unsent.session,
                    seat,
                });
            }
            Err(LinkError::Refused { error, message }) if FOR_GOOD.contains(&error.as_str()) => {
                tracing::error!(session = %unsent.session, error = %error, message = %message, "outbox: the center refuses a session for good; it is left aside");
                self.park(&unsent.session);
                return Err(SyncError::Refused {
                    session: unsent.session,
                    error,
                    message,
                });
            }
            other => other?,
        };
        let hash = if receipt.seq < 0 {
            [0u8; 32]
        } else {
            hex::decode::<32>(&receipt.hash).map_err(|_| LinkError::Unsigned)?
        };
        let kept =
            serde_json::to_string(&receipt).map_err(|e| LinkError::BadReply(e.to_string()))?;
        let left = self
            .writer
            .acknowledge(&unsent.session, receipt.seq, hash, kept)
            .await?;
        Ok(Step::Sent { receipt, left })
    }

    /// Steps until nothing waits (each step tried once): for the command line and tests.
    pub async fn drain(&self) -> Result<u64, SyncError> {
        let mut batches = 0;
        while let Step::Sent { .. } = self.step().await? {
            batches += 1;
        }
        Ok(batches)
    }

    /// Sends for as long as the station runs, telling `report` every change of state. A batch
    /// that did not go is tried again after the next delay of `backoff()` (backon's schedule),
    /// from the start of the schedule once one goes; meanwhile the journal is read every second,
    /// so the lock screen always says how many records wait.
    pub async fn run(self, mut report: impl FnMut(SyncState)) {
        let mut state = SyncState::default();
        // When the center was last asked whether it answers (with nothing to send).
        let mut asked: Option<Instant> = None;
        let mut retries = backoff().build();
        loop {
            let wait = match self.step().await {
                Ok(Step::Sent { receipt, left }) => {
                    tracing::info!(session = %receipt.session, held = receipt.seq, left, "outbox: receipt taken");
                    state.reached = Some(true);
                    state.problem = None;
                    state.flagged |= receipt.flagged;
                    retries = backoff().build();
                    Duration::ZERO
                }
                Ok(Step::Idle) => {
                    if asked.is_none_or(|at| at.elapsed() >= HEARTBEAT) {
                        asked = Some(Instant::now());
                        let answered = self.heartbeat(state.waiting).await;
                        state.reached = Some(answered.is_ok());
                        state.handover = answered.as_ref().is_ok_and(|waits| *waits);
                        state.problem = answered.err().map(|e| e.to_string());
                    }
                    retries = backoff().build();
                    IDLE
                }
                Err(SyncError::Moved { session, seat }) => {
                    state.reached = Some(true);
                    state.moved = Some((session, seat));
                    Duration::ZERO
                }
                // Refused for good: the session is left aside and the next one goes at once.
                Err(e @ SyncError::Refused { .. }) => {
                    state.reached = Some(true);
                    state.problem = Some(e.to_string());
                    Duration::ZERO
                }
                Err(e) => {
                    let wait = retries.next().unwrap_or(RETRY_CAP);
                    tracing::warn!(error = %e, retry_in_ms = wait.as_millis(), "outbox: a batch did not go");
                    state.reached = Some(matches!(e, SyncError::Link(LinkError::Refused { .. })));
                    state.problem = Some(e.to_string());
                    wait
                }
            };
            self.refresh(&mut state).await;
            report(state.clone());
            let until = Instant::now() + wait;
            while let Some(left) = until
                .checked_duration_since(Instant::now())
                .filter(|d| !d.is_zero())
            {
                tokio::time::sleep(left.min(IDLE)).await;
                if self.refresh(&mut state).await {
                    report(state.clone());
                }
            }
        }
    }

    /// Reads what waits and what was left aside into `state`; whether it changed.
    async fn refresh(&self, state: &mut SyncState) -> bool {
        let before = state.clone();
        state.refused = !self.parked_now().is_empty();
        if let Ok(backlog) = self.writer.backlog().await {
            state.waiting = backlog.waiting;
            state.last_receipt_ms = backlog.last_receipt_ms;
        }
        *state != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_never_stop_and_a_long_outage_costs_one_request_per_cap_interval() {
        let delays: Vec<Duration> = backoff().build().take(10_000).collect();
        assert_eq!(delays.len(), 10_000, "it never gives up");
        assert!(delays[0] >= FIRST_RETRY && delays[0] <= 2 * FIRST_RETRY);
        assert!(
            delays.iter().all(|d| *d <= 2 * RETRY_CAP),
            "never more than the cap and its jitter apart"
        );
        // After the ramp, a station that cannot reach its center asks at most once per cap
        // interval: three hours of outage are at most 3 h / 30 s requests.
        let ramp = delays
            .iter()
            .position(|d| *d >= RETRY_CAP)
            .unwrap_or(usize::MAX);
        assert!(ramp < 12, "the cap is reached after {ramp} retries");
        let outage = Duration::from_secs(3 * 3600);
        let mut spent = Duration::ZERO;
        let asked = delays
            .iter()
            .take_while(|d| {
                spent += **d;
                spent <= outage
            })
            .count();
        assert!(
            asked <= ramp + usize::try_from(outage.as_secs() / RETRY_CAP.as_secs()).unwrap_or(0),
            "{asked} requests in three hours"
        );
        // Jitter spreads stations that start retrying together.
        let other: Vec<Duration> = backoff().build().take(20).collect();
        assert_ne!(delays[..20], other[..], "two stations do not retry in step");
    }
}
