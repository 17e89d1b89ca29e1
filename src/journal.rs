//! The station journal: every exam event of every session, sealed, hash-chained and committed
//! to `DATA_DIR/journal.sqlite` (`SQLite`, WAL, `synchronous=FULL`) before anyone is told it is
//! saved. Recovery reads the chain back, verifies it and folds it to the exact state.

pub mod keys;
pub mod record;
pub mod schema;
pub mod store;

use std::sync::Arc;

use crate::crypto::CryptoError;

pub use store::{Journal, SessionInfo};

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
    #[error("the journal was written by a newer program (schema {0})")]
    Schema(i64),
    #[error("the station key is missing or damaged: {0}")]
    StationKey(String),
    #[error("record {seq} does not continue the hash chain")]
    Chain { seq: u64 },
    #[error("record {seq} cannot be decrypted or read")]
    Record { seq: u64 },
    #[error("records are missing before {seq}")]
    Gap { seq: u64 },
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
