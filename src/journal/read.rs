//! Reading the journal back: the list of sessions with whether each head is authentic, and one
//! session's chain, verified record by record against its authenticated head. Damage stops the
//! read and is reported with everything before it.

use rusqlite::{OptionalExtension as _, params};

use super::head::{self, Meta, Position};
use super::record;
use super::store::{Cursor, Journal, Loaded, PAPER_AAD, SessionInfo};
use super::{JournalError, keys};
use crate::crypto::aead::Key;
use crate::exam::Paper;

/// A session row with its head, as stored.
struct Row {
    wrapped: Vec<u8>,
    meta: Meta,
    head_seq: i64,
    head_hash: Option<Vec<u8>>,
    head_tag: Option<Vec<u8>>,
}

const ROW: &str = "SELECT s.id, s.wrapped_key, s.package_id, s.seal_id, s.candidate, s.supersedes,
        s.closed, coalesce(h.seq, -1), h.hash, h.mac
    FROM sessions s LEFT JOIN heads h ON h.session = s.id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, Row)> {
    Ok((
        r.get(0)?,
        Row {
            wrapped: r.get(1)?,
            meta: Meta {
                package_id: r.get(2)?,
                seal_id: r.get(3)?,
                candidate: r.get(4)?,
                supersedes: r.get(5)?,
                closed: r.get::<_, i64>(6)? != 0,
            },
            head_seq: r.get(7)?,
            head_hash: r.get(8)?,
            head_tag: r.get(9)?,
        },
    ))
}

impl Row {
    /// Whether the head's tag authenticates the row and the chain end it names.
    fn authentic(&self, key: &Key, id: &str) -> bool {
        let (Some(hash), Some(tag)) = (&self.head_hash, &self.head_tag) else {
            return false;
        };
        let at = Position {
            seq: self.head_seq,
            hash,
        };
        head::authentic(key, id, &self.meta, &at, tag)
    }
}

impl Journal {
    /// Every session, oldest first, each with whether its head is authentic.
    pub fn sessions(&self) -> Result<Vec<SessionInfo>, JournalError> {
        let snapshot = self.conn.unchecked_transaction()?;
        let mut stmt = snapshot.prepare(&format!("{ROW} ORDER BY s.rowid"))?;
        let rows: Vec<(String, Row)> = stmt.query_map([], row)?.collect::<Result<_, _>>()?;
        let mut count = snapshot.prepare("SELECT count(*) FROM events WHERE session = ?1")?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, r) in rows {
            let events: i64 = count.query_row(params![id], |c| c.get(0))?;
            let authentic = keys::unwrap(&self.station, &id, &r.wrapped)
                .is_ok_and(|key| r.authentic(&key, &id));
            out.push(SessionInfo {
                package_id: r.meta.package_id,
                seal_id: r.meta.seal_id,
                events: u64::try_from(events).unwrap_or(0),
                closed: r.meta.closed,
                candidate: r.meta.candidate,
                supersedes: r.meta.supersedes,
                authentic,
                id,
            });
        }
        Ok(out)
    }

    /// Reads a session back, verifying the chain and decrypting each record. Stops at the first
    /// damaged or missing record and says why; what came before is returned. Records missing
    /// from the end, and a head or session row edited without the session key, are damage too.
    pub fn load(&self, id: &str) -> Result<Loaded, JournalError> {
        // One read transaction: the head and the records come from the same snapshot, so a
        // reader running beside the writer (verify, export, a monitor) never sees a new record
        // with an old head and calls it damage.
        let snapshot = self.conn.unchecked_transaction()?;
        let found = snapshot
            .query_row(&format!("{ROW} WHERE s.id = ?1"), params![id], row)
            .optional()?;
        let (_, stored) = found.ok_or_else(|| JournalError::NoSession(id.to_owned()))?;
        let sealed_paper: Vec<u8> = snapshot.query_row(
            "SELECT paper FROM sessions WHERE id = ?1",
            params![id],
            |r| r.get(0),
        )?;
        let key = keys::unwrap(&self.station, id, &stored.wrapped)?;
        let damaged = || JournalError::Integrity(format!("the paper of session {id} is damaged"));
        let json = key
            .open(&[PAPER_AAD, id.as_bytes()].concat(), &sealed_paper)
            .map_err(|_| damaged())?;
        let paper: Paper = serde_json::from_slice(&json).map_err(|_| damaged())?;
        let mut stmt = snapshot
            .prepare("SELECT seq, hash, sealed FROM events WHERE session = ?1 ORDER BY seq")?;
        let mut rows = stmt.query(params![id])?;
        let mut entries = Vec::new();
        let mut prev = record::GENESIS;
        let mut damage = None;
        while let Some(r) = rows.next()? {
            let expected = entries.len() as u64;
            let seq = u64::try_from(r.get::<_, i64>(0)?).unwrap_or(u64::MAX);
            if seq != expected {
                damage = Some(JournalError::Gap { seq: expected });
                break;
            }
            let hash: Vec<u8> = r.get(1)?;
            let sealed: Vec<u8> = r.get(2)?;
            match record::open(&key, id, seq, &prev, &sealed, &hash) {
                Ok(entry) => {
                    entries.push(entry);
                    prev.copy_from_slice(&hash);
                }
                Err(e) => {
                    damage = Some(e);
                    break;
                }
            }
        }
        // The head written with every commit says how far the chain went: records missing
        // from the end (which the chain alone cannot notice) are damage too.
        let committed = u64::try_from(stored.head_seq.saturating_add(1)).unwrap_or(0);
        let head_matches = entries.len() as u64 == committed
            && (committed == 0 || stored.head_hash.as_deref() == Some(prev.as_slice()));
        if damage.is_none() && !head_matches {
            damage = Some(JournalError::Truncated {
                found: entries.len() as u64,
                committed,
            });
        }
        if damage.is_none() && !stored.authentic(&key, id) {
            damage = Some(JournalError::Head(id.to_owned()));
        }
        let cursor = Cursor {
            session: id.to_owned(),
            key,
            next_seq: entries.len() as u64,
            prev,
            meta: stored.meta,
        };
        Ok(Loaded {
            cursor,
            paper,
            entries,
            damage,
        })
    }
}
