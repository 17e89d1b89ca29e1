//! The station's audit log: proctor actions that belong to no running session (setting aside a
//! session that cannot go on, allowing a candidate a second sitting, the admin screen's door,
//! closing for the day), one row each, tagged with
//! HMAC-SHA-256 under a key derived from the station key so an edited or invented row is seen.

use rusqlite::{Connection, params};

use super::JournalError;
use crate::crypto::aead::Key;
use crate::crypto::{mac, mac_matches};

const KEY_LABEL: &str = "ustudy-audit-key-1";
const LABEL: &str = "ustudy-audit-1";

/// What a proctor did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A session that cannot go on was set aside (kept as evidence, never resumed).
    Quarantine,
    /// A candidate whose session on this station closed may sit again (subject: the candidate
    /// tag); used up by the next session of that candidate.
    AllowRetake,
    /// The journal was found behind its anchor at start: committed records were lost.
    LostRecords,
    /// A wrong PIN or one-time code at the admin screen's door (detail: which).
    PinRefused,
    /// The admin screen opened (detail: with the PIN or a one-time code).
    PinAccepted,
    /// The station was closed for the day.
    CloseDay,
}

impl Action {
    /// The name stored in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Quarantine => "quarantine",
            Action::AllowRetake => "allow-retake",
            Action::LostRecords => "lost-records",
            Action::PinRefused => "pin-refused",
            Action::PinAccepted => "pin-accepted",
            Action::CloseDay => "close-day",
        }
    }

    fn parse(s: &str) -> Option<Action> {
        [
            Action::Quarantine,
            Action::AllowRetake,
            Action::LostRecords,
            Action::PinRefused,
            Action::PinAccepted,
            Action::CloseDay,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
    }
}

/// One row of the log, with whether its tag verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Row number.
    pub seq: i64,
    /// Wall-clock time, milliseconds since the Unix epoch.
    pub at_ms: u64,
    /// What was done (`None`: a name this program does not know).
    pub action: Option<Action>,
    /// What it was done to (a session id or a candidate tag).
    pub subject: String,
    /// Why, in the proctor's or the station's words.
    pub detail: String,
    /// The tag verified under the station key.
    pub authentic: bool,
}

fn audit_key(station: &Key) -> [u8; 32] {
    mac(station.as_bytes(), KEY_LABEL, &[])
}

fn fields<'a>(
    seq: &'a [u8; 8],
    at: &'a [u8; 8],
    action: &'a str,
    subject: &'a str,
    detail: &'a str,
) -> [&'a [u8]; 5] {
    [
        seq,
        at,
        action.as_bytes(),
        subject.as_bytes(),
        detail.as_bytes(),
    ]
}

/// Appends a row (in its own transaction: one commit, durable before it returns); returns its
/// number and the journal's commit count.
pub fn append(
    conn: &mut Connection,
    station: &Key,
    action: Action,
    subject: &str,
    detail: &str,
    at_ms: u64,
) -> Result<(i64, u64), JournalError> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let seq: i64 = tx.query_row("SELECT coalesce(max(seq), 0) + 1 FROM audit", [], |r| {
        r.get(0)
    })?;
    let at = i64::try_from(at_ms).unwrap_or(i64::MAX);
    let tag = mac(
        &audit_key(station),
        LABEL,
        &fields(
            &seq.to_le_bytes(),
            &at.to_le_bytes(),
            action.as_str(),
            subject,
            detail,
        ),
    );
    tx.execute(
        "INSERT INTO audit (seq, at_ms, action, subject, detail, mac) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![seq, at, action.as_str(), subject, detail, tag.as_slice()],
    )?;
    let count = super::anchor::count(&tx)?;
    tx.commit()?;
    Ok((seq, count))
}

/// Every row, oldest first.
pub fn read(conn: &Connection, station: &Key) -> Result<Vec<Entry>, JournalError> {
    let key = audit_key(station);
    let mut stmt =
        conn.prepare("SELECT seq, at_ms, action, subject, detail, mac FROM audit ORDER BY seq")?;
    let rows = stmt.query_map([], |r| {
        let (seq, at, action, subject, detail, tag): (i64, i64, String, String, String, Vec<u8>) = (
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        );
        let authentic = mac_matches(
            &key,
            LABEL,
            &fields(
                &seq.to_le_bytes(),
                &at.to_le_bytes(),
                &action,
                &subject,
                &detail,
            ),
            &tag,
        );
        Ok(Entry {
            seq,
            at_ms: u64::try_from(at).unwrap_or(0),
            action: Action::parse(&action),
            subject,
            detail,
            authentic,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
