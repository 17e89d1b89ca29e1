//! One journal record: an exam event sealed with AES-256-GCM under the session's data key and
//! chained to the record before it by SHA-256. The associated data binds the session, the
//! sequence number and the previous hash, so a record cannot be moved, reordered or replayed.

use serde::{Deserialize, Serialize};

use crate::crypto::aead::Key;
use crate::crypto::sha256_of;
use crate::exam::Event;

use super::JournalError;

/// What a record holds once opened: the event and when the station wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Wall-clock time of writing, milliseconds since the Unix epoch. Only used to tell the
    /// proctor how long the station was down; never for the exam clock.
    pub at_ms: u64,
    /// The event.
    pub event: Event,
}

/// The hash a session's first record points back to.
pub const GENESIS: [u8; 32] = [0u8; 32];

fn aad(session: &str, seq: u64, prev: &[u8; 32]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(session.len() + 8 + 32 + 16);
    aad.extend_from_slice(b"ustudy-journal-1\0");
    aad.extend_from_slice(session.as_bytes());
    aad.extend_from_slice(&seq.to_le_bytes());
    aad.extend_from_slice(prev);
    aad
}

/// The chain hash of a sealed record.
pub fn chain_hash(prev: &[u8; 32], seq: u64, sealed: &[u8]) -> [u8; 32] {
    sha256_of(&[prev, &seq.to_le_bytes(), sealed])
}

/// Seals an entry as record `seq` after `prev`; returns the sealed bytes and the new hash.
pub fn seal(
    key: &Key,
    session: &str,
    seq: u64,
    prev: &[u8; 32],
    entry: &Entry,
) -> Result<(Vec<u8>, [u8; 32]), JournalError> {
    let plain = serde_json::to_vec(entry).map_err(|e| JournalError::Encode(e.to_string()))?;
    let sealed = key.seal(&aad(session, seq, prev), &plain)?;
    let hash = chain_hash(prev, seq, &sealed);
    Ok((sealed, hash))
}

/// Opens record `seq` after `prev`, checking its stored hash first.
pub fn open(
    key: &Key,
    session: &str,
    seq: u64,
    prev: &[u8; 32],
    sealed: &[u8],
    stored_hash: &[u8],
) -> Result<Entry, JournalError> {
    open_plain(key, session, seq, prev, sealed, stored_hash).map(|(entry, _)| entry)
}

/// `open`, with the record's plaintext (the entry's JSON as the station wrote it).
pub fn open_plain(
    key: &Key,
    session: &str,
    seq: u64,
    prev: &[u8; 32],
    sealed: &[u8],
    stored_hash: &[u8],
) -> Result<(Entry, Vec<u8>), JournalError> {
    if chain_hash(prev, seq, sealed).as_slice() != stored_hash {
        return Err(JournalError::Chain { seq });
    }
    let plain = key
        .open(&aad(session, seq, prev), sealed)
        .map_err(|_| JournalError::Record { seq })?;
    let entry = serde_json::from_slice(&plain).map_err(|_| JournalError::Record { seq })?;
    Ok((entry, plain))
}
