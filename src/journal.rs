//! The station journal: every exam event of every session, sealed, hash-chained and committed
//! to `DATA_DIR/journal.sqlite` (`SQLite`, WAL, `synchronous=FULL`) before anyone is told it is
//! saved. Recovery reads the chain back, verifies it and folds it to the exact state.

pub mod anchor;
pub mod audit;
pub mod export;
pub mod head;
pub mod keys;
pub mod outbox;
pub mod read;
pub mod record;
pub mod recovery;
pub mod report;
pub mod schema;
pub mod store;
pub mod worker;
pub mod write;

use std::sync::Arc;

use crate::crypto::CryptoError;

pub use outbox::{Backlog, Unsent};
pub use store::{Journal, Loaded, SessionInfo};
pub use worker::{NewSession, Writer};

/// How often the station records elapsed testing time (a `Tick`), so a crash costs the
/// candidate at most this much.
pub const CHECKPOINT_MS: u64 = 5_000;

/// The incident to record when a session resumes: the wall-clock gap since its last record,
/// when it is longer than two checkpoints (the program was not running). That time was never
/// charged to the candidate, because no `Tick` covered it.
pub fn downtime(last_at_ms: u64, now_ms: u64) -> Option<crate::exam::Event> {
    let gap = now_ms.checked_sub(last_at_ms)?;
    (gap > 2 * CHECKPOINT_MS).then_some(crate::exam::Event::Incident {
        kind: crate::exam::event::Incident::Downtime {
            seconds: gap / 1000,
        },
    })
}

/// What went wrong in the journal. Cloneable so it can travel in GUI messages.
#[derive(Debug, Clone, thiserror::Error)]
pub enum JournalError {
    #[error("the journal database failed: {0}")]
    Sqlite(Arc<rusqlite::Error>),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: Arc<std::io::Error>,
    },
    #[error("the journal cannot be made durable: {0}")]
    Settings(String),
    #[error("the journal file is damaged: {0}")]
    Integrity(String),
    #[error(
        "the journal has schema version {0}, which this program does not write (a newer program made it, or it was never set up)"
    )]
    Schema(i64),
    #[error("the station key is missing or damaged: {0}")]
    StationKey(String),
    #[error("record {seq} does not continue the hash chain")]
    Chain { seq: u64 },
    #[error("record {seq} cannot be decrypted or read")]
    Record { seq: u64 },
    #[error("the journal ends after {found} records, but {committed} were committed")]
    Truncated { found: u64, committed: u64 },
    #[error("records are missing before {seq}")]
    Gap { seq: u64 },
    #[error("the head or the session row of {0} was changed outside the station")]
    Head(String),
    #[error(
        "the journal holds {found} commits but its anchor recorded {anchored}: committed records were lost (a deleted or cut -wal, or an older copy)"
    )]
    Rollback { found: u64, anchored: u64 },
    #[error("the journal's anchor file is missing: records lost from the end could not be noticed")]
    NoAnchor,
    #[error("there is no journal at {0}")]
    NoJournal(String),
    #[error("no session {0} in the journal")]
    NoSession(String),
    #[error("an event could not be encoded: {0}")]
    Encode(String),
    #[error("cryptography failed: {0}")]
    Crypto(#[from] CryptoError),
}

impl From<rusqlite::Error> for JournalError {
    fn from(e: rusqlite::Error) -> Self {
        JournalError::Sqlite(Arc::new(e))
    }
}

impl JournalError {
    pub(crate) fn io(path: &std::path::Path, e: std::io::Error) -> JournalError {
        JournalError::Io {
            path: path.display().to_string(),
            source: Arc::new(e),
        }
    }
}
