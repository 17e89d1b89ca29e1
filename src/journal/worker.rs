//! The journal's single writer: one thread owns the only connection and takes jobs from a
//! channel, so the GUI never waits on the disk. Each reply is a oneshot that async code awaits
//! and blocking code receives with `blocking_recv`. After a failed commit the writer reopens the
//! database and re-reads where the session's chain stands, so nothing it did not commit is ever
//! acknowledged and the next append continues from the last committed record.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;

use tokio::sync::oneshot;

use super::JournalError;
use super::store::{Cursor, Journal, Loaded};
use crate::exam::{Event, Paper};

type Reply<T> = oneshot::Sender<Result<T, JournalError>>;
type Pending<T> = oneshot::Receiver<Result<T, JournalError>>;

enum Job {
    Create {
        id: String,
        package_id: String,
        seal_id: String,
        paper: Box<Paper>,
        reply: Reply<()>,
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
}

/// A handle to the writer thread. Cloning shares the same writer.
#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
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
    /// Opens the journal in `dir` and starts the writer thread. Fails if the journal cannot be
    /// opened with durable settings.
    pub fn spawn(dir: PathBuf) -> Result<Writer, JournalError> {
        let journal = Journal::open(&dir)?;
        let (jobs, inbox) = mpsc::channel();
        std::thread::Builder::new()
            .name("journal-writer".to_owned())
            .spawn(move || run(&dir, journal, &inbox))
            .map_err(|e| JournalError::io(std::path::Path::new("journal-writer"), e))?;
        Ok(Writer { jobs })
    }

    fn send<T>(&self, make: impl FnOnce(Reply<T>) -> Job) -> Pending<T> {
        let (reply, answer) = oneshot::channel();
        // If the thread is gone the reply sender is dropped and the receiver reports it.
        let _ = self.jobs.send(make(reply));
        answer
    }

    fn create_job(&self, id: &str, package_id: &str, seal_id: &str, paper: Paper) -> Pending<()> {
        let (id, package_id, seal_id) = (id.to_owned(), package_id.to_owned(), seal_id.to_owned());
        let paper = Box::new(paper);
        self.send(|reply| Job::Create {
            id,
            package_id,
            seal_id,
            paper,
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

    /// Starts a new session.
    pub async fn create(
        &self,
        id: &str,
        package_id: &str,
        seal_id: &str,
        paper: Paper,
    ) -> Result<(), JournalError> {
        self.create_job(id, package_id, seal_id, paper)
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

    /// `create` for code that may block (not the GUI thread).
    pub fn create_blocking(
        &self,
        id: &str,
        package_id: &str,
        seal_id: &str,
        paper: Paper,
    ) -> Result<(), JournalError> {
        self.create_job(id, package_id, seal_id, paper)
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

fn run(dir: &std::path::Path, journal: Journal, inbox: &mpsc::Receiver<Job>) {
    let mut journal = Some(journal);
    let mut cursors: HashMap<String, Cursor> = HashMap::new();
    while let Ok(job) = inbox.recv() {
        // A previous failure closed the connection: reopen before anything else.
        if journal.is_none() {
            match Journal::open(dir) {
                Ok(j) => journal = Some(j),
                Err(e) => {
                    refuse(job, &e);
                    continue;
                }
            }
        }
        let Some(j) = journal.as_mut() else { continue };
        match job {
            Job::Create {
                id,
                package_id,
                seal_id,
                paper,
                reply,
            } => {
                let result = j
                    .create_session(&id, &package_id, &seal_id, &paper)
                    .map(|cursor| {
                        cursors.insert(id, cursor);
                    });
                let _ = reply.send(result);
            }
            Job::Resume { id, reply } => {
                let result = j.load(&id).inspect(|loaded| {
                    cursors.insert(id, loaded.cursor.clone());
                });
                let _ = reply.send(result);
            }
            Job::Append { id, event, reply } => {
                let Some(cursor) = cursors.get_mut(&id) else {
                    let _ = reply.send(Err(JournalError::NoSession(id)));
                    continue;
                };
                let result = j.append(cursor, &event);
                if result.is_err() {
                    // Never retry the same commit blindly: drop the connection, reopen, and
                    // re-read the chain so the cursor matches what is really on disk.
                    journal = None;
                    if let Ok(fresh) = Journal::open(dir) {
                        if let Ok(loaded) = fresh.load(&id) {
                            cursors.insert(id, loaded.cursor);
                        }
                        journal = Some(fresh);
                    }
                }
                let _ = reply.send(result);
            }
        }
    }
}

fn refuse(job: Job, error: &JournalError) {
    match job {
        Job::Create { reply, .. } => drop(reply.send(Err(error.clone()))),
        Job::Resume { reply, .. } => drop(reply.send(Err(error.clone()))),
        Job::Append { reply, .. } => drop(reply.send(Err(error.clone()))),
    }
}
