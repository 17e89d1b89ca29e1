//! The journal's side of the upload to the center. What waits is each session's records after the
//! last receipt the center signed for it (all of them before the first): `unsent` reads the
//! oldest session's waiting records as stored (sealed and chained, never decrypted here), and
//! `acknowledge` takes a verified receipt and keeps it, in one transaction, which is all it takes
//! for the records it covers to stop waiting. No record is ever deleted, and a save writes
//! nothing for the upload: the events' key and the receipts answer what waits.

use rusqlite::{OptionalExtension as _, TransactionBehavior, params};

use super::store::{Journal, now_ms};
use super::{JournalError, anchor, keys, record};
use crate::crypto::aead::Key;

/// Raw sealed bytes one batch carries at most (it goes out hex-encoded inside a sealed envelope
/// that is hex-encoded again, under the center's body limit).
pub const BATCH_BYTES: usize = 32 * 1024;

/// One stored record, as it goes out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Its sequence number.
    pub seq: u64,
    /// Its chain hash.
    pub hash: [u8; 32],
    /// The sealed record.
    pub sealed: Vec<u8>,
}

/// The waiting records of one session, contiguous, oldest first.
#[derive(Debug, Clone)]
pub struct Unsent {
    /// The session.
    pub session: String,
    /// Its package.
    pub package_id: String,
    /// That package's seal.
    pub seal_id: String,
    /// The damaged session it carries on from.
    pub supersedes: Option<String>,
    /// The session's data key (the center opens the records with it).
    pub key: Key,
    /// The session's head: its last committed record (`-1`: none).
    pub head_seq: i64,
    /// The hash of the record before the first one here.
    pub prev: [u8; 32],
    /// The records.
    pub records: Vec<Stored>,
    /// The tasks answered or cleared in the records still waiting behind these, so the center
    /// knows which answers a station that dies now takes with it (`None`: not read — more than
    /// `BEHIND_READ` wait, a record behind did not open, or an export).
    pub behind: Option<Vec<u16>>,
}

/// Most records read behind a batch to name the tasks they answer.
pub const BEHIND_READ: u64 = 1024;

/// What the station holds about its upload.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backlog {
    /// Records no receipt covers yet.
    pub waiting: u64,
    /// When the last receipt was taken (station clock, ms since the epoch).
    pub last_receipt_ms: Option<u64>,
}

/// The last record of session `s.id` a receipt covers (-1: none), as an SQL expression.
const AFTER_RECEIPT: &str = "coalesce((SELECT r.seq FROM receipts r WHERE r.session = s.id), -1)";

fn seq_i(seq: u64) -> Result<i64, JournalError> {
    i64::try_from(seq).map_err(|_| JournalError::Gap { seq })
}

fn hash32(bytes: &[u8], seq: u64) -> Result<[u8; 32], JournalError> {
    bytes.try_into().map_err(|_| JournalError::Chain { seq })
}

impl Journal {
    /// The oldest session's waiting records, up to `limit` records and about `BATCH_BYTES` of
    /// sealed bytes (at least one record), leaving out the sessions in `skip`; `None` when
    /// nothing (else) waits.
    pub fn unsent(&self, limit: usize, skip: &[String]) -> Result<Option<Unsent>, JournalError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT s.id, {AFTER_RECEIPT} + 1 FROM sessions s
             WHERE EXISTS (SELECT 1 FROM events e WHERE e.session = s.id AND e.seq > {AFTER_RECEIPT})
             ORDER BY s.rowid"
        ))?;
        let waiting: Vec<(String, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let Some((session, from)) = waiting.into_iter().find(|(s, _)| !skip.contains(s)) else {
            return Ok(None);
        };
        let from = u64::try_from(from).map_err(|_| JournalError::Gap { seq: 0 })?;
        let Some(mut unsent) = self.chunk(&session, from, limit)? else {
            return Ok(None);
        };
        unsent.behind = self.behind(&unsent);
        Ok(Some(unsent))
    }

    /// The tasks answered or cleared in the records of `unsent`'s session after its last one,
    /// read only when at most `BEHIND_READ` wait; `None` otherwise or when one does not open
    /// (the upload never waits on this).
    fn behind(&self, unsent: &Unsent) -> Option<Vec<u16>> {
        let last = unsent.records.last()?;
        let waiting = u64::try_from(unsent.head_seq).ok()?.checked_sub(last.seq)?;
        // The usual batch carries everything that waits: nothing to read.
        if waiting == 0 {
            return Some(Vec::new());
        }
        if waiting > BEHIND_READ {
            return None;
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT seq, hash, sealed FROM events WHERE session = ?1 AND seq > ?2 ORDER BY seq",
            )
            .ok()?;
        let rows = stmt
            .query_map(params![unsent.session, seq_i(last.seq).ok()?], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Vec<u8>>(1)?,
                    r.get::<_, Vec<u8>>(2)?,
                ))
            })
            .ok()?;
        let mut prev = last.hash;
        let mut tasks = std::collections::BTreeSet::new();
        for row in rows {
            let (seq, hash, sealed) = row.ok()?;
            let seq = u64::try_from(seq).ok()?;
            let entry =
                record::open(&unsent.key, &unsent.session, seq, &prev, &sealed, &hash).ok()?;
            if let crate::exam::Event::Answered { task, .. }
            | crate::exam::Event::Cleared { task } = entry.event
            {
                tasks.insert(task);
            }
            prev = hash32(&hash, seq).ok()?;
        }
        Some(tasks.into_iter().collect())
    }

    /// Records of `session` from `from` on, whether they wait or not (the offline export), in
    /// the same chunks as `unsent`; `None` past the end.
    pub fn stored(
        &self,
        session: &str,
        from: u64,
        limit: usize,
    ) -> Result<Option<Unsent>, JournalError> {
        self.chunk(session, from, limit)
    }

    fn chunk(
        &self,
        session: &str,
        from: u64,
        limit: usize,
    ) -> Result<Option<Unsent>, JournalError> {
        let snapshot = self.conn.unchecked_transaction()?;
        let (wrapped, package_id, seal_id, supersedes, head_seq): (
            Vec<u8>,
            String,
            String,
            Option<String>,
            i64,
        ) = snapshot.query_row(
            "SELECT s.wrapped_key, s.package_id, s.seal_id, s.supersedes, coalesce(h.seq, -1)
             FROM sessions s LEFT JOIN heads h ON h.session = s.id WHERE s.id = ?1",
            params![session],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let key = keys::unwrap(&self.station, session, &wrapped)?;
        let from_i = seq_i(from)?;
        let prev = if from == 0 {
            record::GENESIS
        } else {
            let before: Vec<u8> = snapshot
                .query_row(
                    "SELECT hash FROM events WHERE session = ?1 AND seq = ?2",
                    params![session, from_i - 1],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or(JournalError::Gap { seq: from - 1 })?;
            hash32(&before, from - 1)?
        };
        let mut stmt = snapshot.prepare(
            "SELECT seq, hash, sealed FROM events WHERE session = ?1 AND seq >= ?2
             ORDER BY seq LIMIT ?3",
        )?;
        let mut rows = stmt.query(params![
            session,
            from_i,
            i64::try_from(limit.max(1)).unwrap_or(i64::MAX)
        ])?;
        let mut records: Vec<Stored> = Vec::new();
        let mut bytes = 0usize;
        while let Some(r) = rows.next()? {
            let seq = u64::try_from(r.get::<_, i64>(0)?).unwrap_or(u64::MAX);
            let expected = from + records.len() as u64;
            let sealed: Vec<u8> = r.get(2)?;
            // Only a contiguous run goes out, and a batch stays under its size.
            if seq != expected || (!records.is_empty() && bytes + sealed.len() > BATCH_BYTES) {
                break;
            }
            bytes += sealed.len();
            records.push(Stored {
                seq,
                hash: hash32(&r.get::<_, Vec<u8>>(1)?, seq)?,
                sealed,
            });
        }
        if records.is_empty() {
            return Ok(None);
        }
        Ok(Some(Unsent {
            session: session.to_owned(),
            package_id,
            seal_id,
            supersedes,
            key,
            head_seq,
            prev,
            records,
            behind: None,
        }))
    }

    /// Takes a verified receipt for `session`: the center holds every record up to `seq`, the
    /// last of them with `hash`. Refused (nothing changes) when the journal's record `seq` has
    /// another hash. The receipt is kept, in one transaction, and from then on exactly the
    /// records after `seq` wait (a receipt lower than an earlier one puts records back: the
    /// center lost them and they go again). Returns how many records still wait.
    pub fn acknowledge(
        &mut self,
        session: &str,
        seq: i64,
        hash: &[u8],
        receipt: &str,
    ) -> Result<u64, JournalError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if seq >= 0 {
            let ours: Option<Vec<u8>> = tx
                .query_row(
                    "SELECT hash FROM events WHERE session = ?1 AND seq = ?2",
                    params![session, seq],
                    |r| r.get(0),
                )
                .optional()?;
            let last: Option<i64> = tx.query_row(
                "SELECT max(seq) FROM events WHERE session = ?1",
                params![session],
                |r| r.get(0),
            )?;
            // A center holding more than this journal (one restored from an older copy) has
            // compared what it was sent with what it holds, and flags the session itself: all
            // this journal has is covered.
            let beyond = ours.is_none() && last.is_none_or(|l| seq > l);
            if !beyond && ours.as_deref() != Some(hash) {
                return Err(JournalError::Integrity(format!(
                    "the center's receipt for session {session} names record {seq} with a hash this journal does not hold"
                )));
            }
        }
        let at = seq_i(now_ms())?;
        tx.execute(
            "INSERT INTO receipts (session, seq, hash, at_ms, receipt) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (session) DO UPDATE SET seq = excluded.seq, hash = excluded.hash,
                 at_ms = excluded.at_ms, receipt = excluded.receipt",
            params![session, seq, hash, at, receipt],
        )?;
        let left: i64 = tx.query_row(
            "SELECT count(*) FROM events WHERE session = ?1 AND seq > ?2",
            params![session, seq],
            |r| r.get(0),
        )?;
        let count = anchor::count(&tx)?;
        tx.commit()?;
        self.anchored(count);
        Ok(u64::try_from(left).unwrap_or(0))
    }

    /// How many records wait for a receipt, and when the last receipt came.
    pub fn backlog(&self) -> Result<Backlog, JournalError> {
        let waiting: i64 = self.conn.query_row(
            &format!(
                "SELECT coalesce(sum((SELECT count(*) FROM events e
                     WHERE e.session = s.id AND e.seq > {AFTER_RECEIPT})), 0) FROM sessions s"
            ),
            [],
            |r| r.get(0),
        )?;
        let last: Option<i64> =
            self.conn
                .query_row("SELECT max(at_ms) FROM receipts", [], |r| r.get(0))?;
        Ok(Backlog {
            waiting: u64::try_from(waiting).unwrap_or(0),
            last_receipt_ms: last.and_then(|ms| u64::try_from(ms).ok()),
        })
    }

    /// The receipt kept for `session` (as the center signed it, JSON), if any.
    pub fn receipt(&self, session: &str) -> Result<Option<String>, JournalError> {
        Ok(self
            .conn
            .query_row(
                "SELECT receipt FROM receipts WHERE session = ?1",
                params![session],
                |r| r.get(0),
            )
            .optional()?)
    }
}
