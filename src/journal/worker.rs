//! The journal's single writer: one thread owns the only connection and takes jobs from a
//! channel, so the GUI never waits on the disk. Each reply is a oneshot that async code awaits
//! and blocking code receives with `blocking_recv`. After a failed commit the writer reopens the
//! database and decides from what is really on disk: a commit reported as failed whose record
//! is there after all (its WAL frames were written, only the sync failed) is made durable by a
//! checkpoint and acknowledged, so a retry never writes the same event twice; otherwise the
//! error stands and the next append continues from the last committed record. Whenever no job
//! waits, the thread syncs the anchor (`Journal::settle`): a reply waits for its commit's sync
//! only. After a pause of 200 ms with no job, every hundred commits, it checkpoints the WAL
//! (`Journal::rest`), so a checkpoint never holds a save up.
//!
//! The thread starts with the first job: the station opens its window before any thread of its
//! own runs (a thread started earlier made the X input method's start-up, which reads its tables
//! with C stdio, take a lock per character: ~4 ms before the first frame).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use tokio::sync::oneshot;

use super::JournalError;
use super::audit::Action;
use super::outbox::{Backlog, Unsent};
use super::record::Entry;
use super::store::{Cursor, Journal, Loaded, now_ms};
use super::write::Header;
use crate::exam::{Event, Paper};

type Reply<T> = oneshot::Sender<Result<T, JournalError>>;
type Pending<T> = oneshot::Receiver<Result<T, JournalError>>;

enum Job {
    Create {
        prefix: String,
        package_id: String,
        seal_id: String,
        paper: Box<Paper>,
        opening: Vec<Event>,
        carried: Vec<Entry>,
        supersedes: Option<String>,
        reply: Reply<String>,
    },
    Continue {
        from: String,
        id: String,
        reply: Reply<()>,
    },
    Audit {
        action: Action,
        subject: String,
        detail: String,
        reply: Reply<i64>,
    },
    Resume {
        id: String,
        reply: Reply<Loaded>,
    },
    Append {
        id: String,
        event: Event,
        reply: Reply<u64>,
    },
    Unsent {
        limit: usize,
        skip: Vec<String>,
        reply: Reply<Option<Unsent>>,
    },
    Acknowledge {
        session: String,
        seq: i64,
        hash: [u8; 32],
        receipt: String,
        reply: Reply<u64>,
    },
    Backlog {
        reply: Reply<Backlog>,
    },
}

/// A session to create, with the events that open it (committed with it, in one transaction).
#[derive(Debug, Clone)]
pub struct NewSession {
    /// The start of its id: the journal adds the time of creation (`PREFIX-MS`).
    pub prefix: String,
    /// Package it runs.
    pub package_id: String,
    /// Seal of that package.
    pub seal_id: String,
    /// The paper.
    pub paper: Paper,
    /// The unlock and check-in events (or, for a session moved here, what the move recorded).
    pub opening: Vec<Event>,
    /// For a session moved here from another station: its records, opened and verified, with
    /// their original times (written before the opening events).
    pub carried: Vec<Entry>,
    /// The session it carries on (a session moved here).
    pub supersedes: Option<String>,
}

/// A handle to the writer thread. Cloning shares the same writer.
#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
    faults: Arc<AtomicU64>,
    /// What the thread runs with, until the first job starts it.
    idle: Arc<Mutex<Option<Idle>>>,
}

/// The writer thread's part, before it starts.
struct Idle {
    dir: PathBuf,
    journal: Journal,
    inbox: mpsc::Receiver<Job>,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Writer")
    }
}

/// The writer has stopped (its thread ended); nothing more can be saved.
fn gone() -> JournalError {
    JournalError::Settings("the journal writer has stopped".to_owned())
}

impl Writer {
    /// Opens the journal in `dir` for the writer thread, which starts with the first job. Fails
    /// if the journal cannot be opened with durable settings.
    pub fn spawn(dir: PathBuf) -> Result<Writer, JournalError> {
        let journal = Journal::open(&dir)?;
        let (jobs, inbox) = mpsc::channel();
        Ok(Writer {
            jobs,
            faults: Arc::new(AtomicU64::new(0)),
            idle: Arc::new(Mutex::new(Some(Idle {
                dir,
                journal,
                inbox,
            }))),
        })
    }

    /// Starts the thread if it has not started. If it cannot be started its inbox is dropped,
    /// and every job is answered that the writer has stopped (the station shows that).
    fn wake(&self) {
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.take());
        let Some(Idle {
            dir,
            journal,
            inbox,
        }) = idle
        else {
            return;
        };
        let faults = Arc::clone(&self.faults);
        if let Err(e) = std::thread::Builder::new()
            .name("journal-writer".to_owned())
            .spawn(move || run(&dir, journal, &inbox, &faults))
        {
            tracing::error!(error = %e, "the journal writer cannot start");
        }
    }

    /// How many times the journal failed under this writer so far (failed commits, including
    /// those that turned out to have landed and were acknowledged, and failed reopens). The
    /// station records an incident for the proctor when it grows.
    pub fn faults_met(&self) -> u64 {
        self.faults.load(Ordering::Relaxed)
    }

    fn send<T>(&self, make: impl FnOnce(Reply<T>) -> Job) -> Pending<T> {
        self.wake();
        let (reply, answer) = oneshot::channel();
        // If the thread is gone the reply sender is dropped and the receiver reports it.
        let _ = self.jobs.send(make(reply));
        answer
    }

    fn create_job(&self, new: NewSession) -> Pending<String> {
        self.send(|reply| Job::Create {
            prefix: new.prefix,
            package_id: new.package_id,
            seal_id: new.seal_id,
            paper: Box::new(new.paper),
            opening: new.opening,
            carried: new.carried,
            supersedes: new.supersedes,
            reply,
        })
    }

    fn continue_job(&self, from: &str, id: &str) -> Pending<()> {
        let (from, id) = (from.to_owned(), id.to_owned());
        self.send(|reply| Job::Continue { from, id, reply })
    }

    fn audit_job(&self, action: Action, subject: &str, detail: &str) -> Pending<i64> {
        let (subject, detail) = (subject.to_owned(), detail.to_owned());
        self.send(|reply| Job::Audit {
            action,
            subject,
            detail,
            reply,
        })
    }

    fn resume_job(&self, id: &str) -> Pending<Loaded> {
        let id = id.to_owned();
        self.send(|reply| Job::Resume { id, reply })
    }

    fn append_job(&self, id: &str, event: Event) -> Pending<u64> {
        let id = id.to_owned();
        self.send(|reply| Job::Append { id, event, reply })
    }

    /// Starts a new session with its opening events, in one transaction; resolves with the
    /// session's id (`PREFIX-MS`, stamped with the time of creation).
    pub async fn create(&self, new: NewSession) -> Result<String, JournalError> {
        self.create_job(new).await.map_err(|_| gone())?
    }

    /// Records a proctor action outside any session.
    pub async fn audit(
        &self,
        action: Action,
        subject: &str,
        detail: &str,
    ) -> Result<i64, JournalError> {
        self.audit_job(action, subject, detail)
            .await
            .map_err(|_| gone())?
    }

    /// Loads a session for recovery and makes it the one appends go to.
    pub async fn resume(&self, id: &str) -> Result<Loaded, JournalError> {
        self.resume_job(id).await.map_err(|_| gone())?
    }

    /// Appends an event; resolves with its sequence number once it is committed.
    pub async fn append(&self, id: &str, event: Event) -> Result<u64, JournalError> {
        self.append_job(id, event).await.map_err(|_| gone())?
    }

    /// The oldest session's records waiting for the center, but those of `skip` (see
    /// `Journal::unsent`).
    pub async fn unsent(
        &self,
        limit: usize,
        skip: Vec<String>,
    ) -> Result<Option<Unsent>, JournalError> {
        self.send(|reply| Job::Unsent { limit, skip, reply })
            .await
            .map_err(|_| gone())?
    }

    /// Takes a verified receipt (see `Journal::acknowledge`); resolves with the records of that
    /// session still waiting.
    pub async fn acknowledge(
        &self,
        session: &str,
        seq: i64,
        hash: [u8; 32],
        receipt: String,
    ) -> Result<u64, JournalError> {
        let session = session.to_owned();
        self.send(|reply| Job::Acknowledge {
            session,
            seq,
            hash,
            receipt,
            reply,
        })
        .await
        .map_err(|_| gone())?
    }

    /// How many records wait for a receipt, and when the last one came.
    pub async fn backlog(&self) -> Result<Backlog, JournalError> {
        self.send(|reply| Job::Backlog { reply })
            .await
            .map_err(|_| gone())?
    }

    /// `backlog` for code that may block.
    pub fn backlog_blocking(&self) -> Result<Backlog, JournalError> {
        self.send(|reply| Job::Backlog { reply })
            .blocking_recv()
            .map_err(|_| gone())?
    }

    /// `create` for code that may block (not the GUI thread).
    pub fn create_blocking(&self, new: NewSession) -> Result<String, JournalError> {
        self.create_job(new).blocking_recv().map_err(|_| gone())?
    }

    /// Carries the damaged session `from` on in a complete copy `id`, in one transaction, and
    /// makes the copy the one appends go to.
    pub fn continue_blocking(&self, from: &str, id: &str) -> Result<(), JournalError> {
        self.continue_job(from, id)
            .blocking_recv()
            .map_err(|_| gone())?
    }

    /// `audit` for code that may block.
    pub fn audit_blocking(
        &self,
        action: Action,
        subject: &str,
        detail: &str,
    ) -> Result<i64, JournalError> {
        self.audit_job(action, subject, detail)
            .blocking_recv()
            .map_err(|_| gone())?
    }

    /// `resume` for code that may block.
    pub fn resume_blocking(&self, id: &str) -> Result<Loaded, JournalError> {
        self.resume_job(id).blocking_recv().map_err(|_| gone())?
    }

    /// `append` for code that may block.
    pub fn append_blocking(&self, id: &str, event: Event) -> Result<u64, JournalError> {
        self.append_job(id, event)
            .blocking_recv()
            .map_err(|_| gone())?
    }
}

/// How long no job must come before the writer checkpoints (`Journal::rest`): far shorter than
/// a candidate's pause between two answers, far longer than the jobs one click queues.
const PAUSE: std::time::Duration = std::time::Duration::from_millis(200);

/// The next job (`None`: every sender is gone). Whoever waited has their answer: while no job
/// waits the anchor is synced, and after a pause the WAL is checkpointed, so that a checkpoint
/// never holds up a save.
fn next_job(journal: &mut Option<Journal>, inbox: &mpsc::Receiver<Job>) -> Option<Job> {
    if let Ok(job) = inbox.try_recv() {
        return Some(job);
    }
    if let Some(Err(e)) = journal.as_mut().map(Journal::settle) {
        tracing::warn!(error = %e, "journal: the anchor could not be synced");
    }
    match inbox.recv_timeout(PAUSE) {
        Ok(job) => Some(job),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            if let Some(j) = journal.as_mut() {
                j.rest();
            }
            inbox.recv().ok()
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => None,
    }
}

fn run(dir: &std::path::Path, journal: Journal, inbox: &mpsc::Receiver<Job>, faults: &AtomicU64) {
    let mut journal = Some(journal);
    let mut cursors: HashMap<String, Cursor> = HashMap::new();
    // Records found on disk after a failed commit whose checkpoint failed too: not yet
    // acknowledged, and never to be written again.
    let mut unconfirmed: HashMap<String, (u64, Event)> = HashMap::new();
    loop {
        let Some(job) = next_job(&mut journal, inbox) else {
            break;
        };
        // A previous failure closed the connection: reopen before anything else, and re-read
        // every chain, since what the failed commit left is only known from the disk.
        if journal.is_none() {
            match Journal::open(dir) {
                Ok(j) => {
                    reload(&j, &mut cursors);
                    journal = Some(j);
                }
                Err(e) => {
                    tracing::error!(error = %e, "journal: cannot reopen after a failure");
                    refuse(job, &e);
                    continue;
                }
            }
        }
        let Some(j) = journal.as_mut() else { continue };
        let failed = match job {
            Job::Create {
                prefix,
                package_id,
                seal_id,
                paper,
                opening,
                carried,
                supersedes,
                reply,
            } => {
                let at = now_ms();
                let id = format!("{prefix}-{at}");
                let header = Header {
                    package_id: &package_id,
                    seal_id: &seal_id,
                    supersedes: supersedes.as_deref(),
                };
                let result = j
                    .create_session_after(&id, &header, &paper, &carried, &opening, at)
                    .map(|cursor| {
                        cursors.insert(id.clone(), cursor);
                        id
                    });
                answer(reply, result)
            }
            Job::Continue { from, id, reply } => {
                let result = j
                    .load(&from)
                    .and_then(|loaded| j.continue_session(&loaded, &id))
                    .map(|cursor| {
                        cursors.insert(id, cursor);
                    });
                answer(reply, result)
            }
            Job::Resume { id, reply } => {
                let result = j.load(&id).inspect(|loaded| {
                    cursors.insert(id, loaded.cursor.clone());
                });
                answer(reply, result)
            }
            Job::Audit {
                action,
                subject,
                detail,
                reply,
            } => answer(reply, j.audit(action, &subject, &detail)),
            Job::Unsent { limit, skip, reply } => answer(reply, j.unsent(limit, &skip)),
            Job::Acknowledge {
                session,
                seq,
                hash,
                receipt,
                reply,
            } => answer(reply, j.acknowledge(&session, seq, &hash, &receipt)),
            Job::Backlog { reply } => answer(reply, j.backlog()),
            Job::Append { id, event, reply } => {
                let result = append(
                    dir,
                    &mut journal,
                    &mut cursors,
                    &mut unconfirmed,
                    &id,
                    &event,
                    faults,
                );
                let _ = reply.send(result);
                false
            }
        };
        if failed {
            tracing::warn!("journal: a job failed; the connection is reopened before the next");
            faults.fetch_add(1, Ordering::Relaxed);
            journal = None;
        }
    }
}

/// Sends a reply; says whether the job failed (then the connection is reopened before the
/// next job, as after a failed append).
fn answer<T>(reply: Reply<T>, result: Result<T, JournalError>) -> bool {
    let failed = result.is_err();
    let _ = reply.send(result);
    failed
}

/// Appends one event, or acknowledges it if an earlier failed attempt of it landed.
fn append(
    dir: &std::path::Path,
    journal: &mut Option<Journal>,
    cursors: &mut HashMap<String, Cursor>,
    unconfirmed: &mut HashMap<String, (u64, Event)>,
    id: &str,
    event: &Event,
    faults: &AtomicU64,
) -> Result<u64, JournalError> {
    let Some(j) = journal.as_mut() else {
        return Err(gone());
    };
    // A landed record of another event stays where it is, unacknowledged, as the journal holds
    // it; the new event goes after it.
    if let Some((seq, landed)) = unconfirmed.remove(id)
        && landed == *event
    {
        return match j.checkpoint() {
            Ok(()) => Ok(seq),
            Err(e) => {
                faults.fetch_add(1, Ordering::Relaxed);
                unconfirmed.insert(id.to_owned(), (seq, landed));
                *journal = None;
                Err(e)
            }
        };
    }
    let Some(cursor) = cursors.get_mut(id) else {
        return Err(JournalError::NoSession(id.to_owned()));
    };
    let before = cursor.next_seq;
    let error = match j.append(cursor, event) {
        Ok(seq) => return Ok(seq),
        Err(e) => e,
    };
    tracing::warn!(session = id, seq = before, error = %error, "journal: a commit failed; reopening to see what landed");
    // Met even when the commit turns out to have landed: the disk failed, and a proctor must
    // hear of it.
    faults.fetch_add(1, Ordering::Relaxed);
    // Never retry the same commit blindly: drop the connection, reopen, and decide from what
    // is on disk.
    *journal = None;
    let (fresh, outcome) = reconcile(dir, id, before, event, error);
    if let Some(fresh) = fresh {
        reload(&fresh, cursors);
        *journal = Some(fresh);
    }
    match outcome {
        Outcome::Committed(seq) => {
            tracing::info!(
                session = id,
                seq,
                "journal: the failed commit had landed; made durable"
            );
            Ok(seq)
        }
        Outcome::Landed { seq, error } => {
            tracing::warn!(session = id, seq, error = %error, "journal: the record landed but is not durable yet");
            unconfirmed.insert(id.to_owned(), (seq, event.clone()));
            Err(error)
        }
        Outcome::Failed(error) => {
            tracing::warn!(session = id, seq = before, error = %error, "journal: the commit did not land");
            Err(error)
        }
    }
}

/// What a failed append really did, as the disk shows it.
enum Outcome {
    /// The record is there and durable: acknowledge it.
    Committed(u64),
    /// The record is there but could not be made durable: not acknowledged, never rewritten.
    Landed { seq: u64, error: JournalError },
    /// Nothing was written.
    Failed(JournalError),
}

/// After a failed append of `event` at `seq`: reopens the journal and looks. If the record at
/// `seq` is there and is exactly `event`, the commit landed after all; a checkpoint then copies
/// it into the database file and syncs it (after a failed sync the kernel may already have
/// marked its pages clean, so the WAL copy alone is not trusted), and only when that succeeds is
/// it acknowledged. Otherwise the original error stands.
fn reconcile(
    dir: &std::path::Path,
    id: &str,
    seq: u64,
    event: &Event,
    error: JournalError,
) -> (Option<Journal>, Outcome) {
    let Ok(fresh) = Journal::open(dir) else {
        return (None, Outcome::Failed(error));
    };
    let landed = fresh.load(id).is_ok_and(|loaded| {
        loaded.cursor.next_seq > seq
            && usize::try_from(seq)
                .ok()
                .and_then(|ix| loaded.entries.get(ix))
                .is_some_and(|entry| entry.event == *event)
    });
    if !landed {
        return (Some(fresh), Outcome::Failed(error));
    }
    match fresh.checkpoint() {
        Ok(()) => (Some(fresh), Outcome::Committed(seq)),
        // Not durable yet: the event stays unacknowledged; its retry tries the checkpoint
        // again, never writing it a second time.
        Err(error) => (Some(fresh), Outcome::Landed { seq, error }),
    }
}

/// Re-reads where every known session's chain stands.
fn reload(journal: &Journal, cursors: &mut HashMap<String, Cursor>) {
    for (id, cursor) in cursors.iter_mut() {
        if let Ok(loaded) = journal.load(id) {
            *cursor = loaded.cursor;
        }
    }
}

fn refuse(job: Job, error: &JournalError) {
    match job {
        Job::Create { reply, .. } => drop(reply.send(Err(error.clone()))),
        Job::Continue { reply, .. } => drop(reply.send(Err(error.clone()))),
        Job::Resume { reply, .. } => drop(reply.send(Err(error.clone()))),
        Job::Audit { reply, .. } => drop(reply.send(Err(error.clone()))),
        Job::Unsent { reply, .. } => drop(reply.send(Err(error.clone()))),
        Job::Acknowledge { reply, .. } | Job::Append { reply, .. } => {
            drop(reply.send(Err(error.clone())));
        }
        Job::Backlog { reply } => drop(reply.send(Err(error.clone()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thread_starts_with_the_first_job_and_answers_it() {
        let dir = tempfile::tempdir().unwrap();
        let writer = Writer::spawn(dir.path().to_owned()).unwrap();
        assert!(
            writer.idle.lock().unwrap().is_some(),
            "no thread before a job"
        );
        let (done, answered) = mpsc::channel();
        let clone = writer.clone();
        std::thread::spawn(move || done.send(clone.backlog_blocking().is_ok()));
        let answer = answered.recv_timeout(std::time::Duration::from_secs(10));
        assert_eq!(answer, Ok(true), "the first job is answered");
        assert!(writer.idle.lock().unwrap().is_none(), "the thread runs");
    }
}
