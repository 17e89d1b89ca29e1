//! The authenticated head of a session: where its chain ends and what the session row says of
//! it (package, seal, candidate, the session it continues, closed), tagged with HMAC-SHA-256
//! under a key derived from the session's data key. Editing any of it without that key shows as
//! damage. Rolling the whole file back to an older copy cannot be seen from the station alone:
//! only an anchor outside it (the center's receipts) can catch that.

use crate::crypto::aead::Key;
use crate::crypto::{mac, mac_matches};

const KEY_LABEL: &str = "ustudy-head-key-1";
const LABEL: &str = "ustudy-head-1";

/// What the session row says of a session, as the head authenticates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// Package it runs.
    pub package_id: String,
    /// Seal of that package.
    pub seal_id: String,
    /// The candidate's tag (see `Journal::candidate_tag`), once checked in.
    pub candidate: Option<String>,
    /// The damaged session this one carries on from.
    pub supersedes: Option<String>,
    /// The session's `Closed` event is committed.
    pub closed: bool,
}

/// The chain position a head records: the last record's sequence number (-1 before the first)
/// and its hash.
pub struct Position<'a> {
    /// Last sequence number, or -1.
    pub seq: i64,
    /// Hash of the last record (the genesis hash before the first).
    pub hash: &'a [u8],
}

fn parts<'a>(
    session: &'a str,
    meta: &'a Meta,
    at: &'a Position<'_>,
    seq: &'a [u8; 8],
) -> [&'a [u8]; 8] {
    [
        session.as_bytes(),
        meta.package_id.as_bytes(),
        meta.seal_id.as_bytes(),
        meta.candidate.as_deref().unwrap_or_default().as_bytes(),
        meta.supersedes.as_deref().unwrap_or_default().as_bytes(),
        if meta.closed { b"closed" } else { b"open" },
        seq,
        at.hash,
    ]
}

fn head_key(key: &Key) -> [u8; 32] {
    mac(key.as_bytes(), KEY_LABEL, &[])
}

/// The tag of a head.
pub fn tag(key: &Key, session: &str, meta: &Meta, at: &Position<'_>) -> [u8; 32] {
    let seq = at.seq.to_le_bytes();
    mac(&head_key(key), LABEL, &parts(session, meta, at, &seq))
}

/// Whether a stored tag authenticates this head.
pub fn authentic(key: &Key, session: &str, meta: &Meta, at: &Position<'_>, stored: &[u8]) -> bool {
    let seq = at.seq.to_le_bytes();
    mac_matches(
        &head_key(key),
        LABEL,
        &parts(session, meta, at, &seq),
        stored,
    )
}
