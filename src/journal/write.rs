//! Writing the journal: a session is created together with its opening events, each later event
//! is one transaction with the session's authenticated head, and a damaged
//! session is carried on in a complete copy written in one transaction. A transaction either
//! commits whole or leaves nothing, so a crash never leaves half a session behind.

use rusqlite::{Transaction, TransactionBehavior, params};

use super::anchor;
use super::audit::{self, Action};
use super::head::{self, Meta, Position};
use super::record::{self, Entry};
use super::store::{Cursor, Journal, Loaded, PAPER_AAD, now_ms};
use super::{JournalError, keys};
use crate::crypto::aead::Key;
use crate::exam::{Event, Paper};

/// What a new session's row says besides its id.
#[derive(Debug, Clone, Copy)]
pub struct Header<'a> {
    /// Package it runs.
    pub package_id: &'a str,
    /// Seal of that package.
    pub seal_id: &'a str,
    /// The session it carries on, if any.
    pub supersedes: Option<&'a str>,
}

/// Commits between two checkpoints `rest` runs: a few hundred WAL pages, well inside the
/// automatic checkpoint's thousand, which stays on as the backstop.
const CHECKPOINT_EVERY: u32 = 100;

impl Journal {
    /// Starts a session with no events yet (see `create_session_with`).
    pub fn create_session(
        &mut self,
        id: &str,
        package_id: &str,
        seal_id: &str,
        paper: &Paper,
    ) -> Result<Cursor, JournalError> {
        self.create_session_with(id, package_id, seal_id, paper, &[], now_ms())
    }

    /// Starts a session with a fresh data key, wrapped under the station key, stores its paper
    /// sealed under that key (so it can be recovered from the journal alone), and records its
    /// opening events (the unlock and the check-in), all in one transaction: a session never
    /// exists without the events that opened it.
    pub fn create_session_with(
        &mut self,
        id: &str,
        package_id: &str,
        seal_id: &str,
        paper: &Paper,
        opening: &[Event],
        at_ms: u64,
    ) -> Result<Cursor, JournalError> {
        let header = Header {
            package_id,
            seal_id,
            supersedes: None,
        };
        self.create_session_after(id, &header, paper, &[], opening, at_ms)
    }

    /// Starts a session that carries on one moved here from another station (a seat swap):
    /// the records it came with (their events with their original times, verified by the
    /// caller), then its own opening events, all in one transaction; it names the session it
    /// carries on, as a damaged session's copy does.
    pub fn create_session_after(
        &mut self,
        id: &str,
        header: &Header<'_>,
        paper: &Paper,
        carried: &[Entry],
        opening: &[Event],
        at_ms: u64,
    ) -> Result<Cursor, JournalError> {
        let candidate = carried
            .iter()
            .map(|e| &e.event)
            .chain(opening)
            .find_map(|e| match e {
                Event::CheckedIn { candidate } => Some(self.candidate_tag(&candidate.iin)),
                _ => None,
            });
        let meta = Meta {
            package_id: header.package_id.to_owned(),
            seal_id: header.seal_id.to_owned(),
            candidate,
            supersedes: header.supersedes.map(str::to_owned),
            closed: false,
        };
        let entries: Vec<Entry> = carried
            .iter()
            .cloned()
            .chain(opening.iter().map(|event| Entry {
                at_ms,
                event: event.clone(),
            }))
            .collect();
        self.insert_session(id, meta, paper, &entries)
    }

    /// Carries a damaged session on in a new session `id`: every record that verified is
    /// copied, with its original time, and the copy names the session it supersedes, all in one
    /// transaction (a power cut leaves the damaged session alone or the complete copy, never a
    /// partial one). The damaged session is left untouched as evidence.
    pub fn continue_session(&mut self, from: &Loaded, id: &str) -> Result<Cursor, JournalError> {
        let meta = Meta {
            supersedes: Some(from.cursor.session.clone()),
            closed: false,
            ..from.cursor.meta.clone()
        };
        self.insert_session(id, meta, &from.paper, &from.entries)
    }

    fn insert_session(
        &mut self,
        id: &str,
        meta: Meta,
        paper: &Paper,
        entries: &[Entry],
    ) -> Result<Cursor, JournalError> {
        let key = Key::generate()?;
        let wrapped = keys::wrap(&self.station, id, &key)?;
        let json = serde_json::to_vec(paper).map_err(|e| JournalError::Encode(e.to_string()))?;
        let sealed_paper = key.seal(&[PAPER_AAD, id.as_bytes()].concat(), &json)?;
        let mut staged = Cursor {
            session: id.to_owned(),
            key,
            next_seq: 0,
            prev: record::GENESIS,
            meta,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO sessions (id, package_id, seal_id, wrapped_key, paper, candidate, supersedes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                staged.meta.package_id,
                staged.meta.seal_id,
                wrapped,
                sealed_paper,
                staged.meta.candidate,
                staged.meta.supersedes
            ],
        )?;
        for entry in entries {
            write_record(&tx, &mut staged, entry)?;
        }
        write_head(&tx, &staged)?;
        let count = anchor::count(&tx)?;
        tx.commit()?;
        self.anchored(count);
        Ok(staged)
    }

    /// Appends one event in one transaction with the session's new head (it waits for the center
    /// as a record after the session's receipt: no outbox row is written).
    /// Returns its sequence number only after COMMIT returned; on any error nothing was
    /// acknowledged and the cursor is unchanged.
    pub fn append(&mut self, cursor: &mut Cursor, event: &Event) -> Result<u64, JournalError> {
        self.append_at(cursor, event, now_ms())
    }

    /// `append` with the wall-clock time given (for tests and replays).
    pub fn append_at(
        &mut self,
        cursor: &mut Cursor,
        event: &Event,
        at_ms: u64,
    ) -> Result<u64, JournalError> {
        let mut staged = cursor.clone();
        let closes = matches!(event, Event::Closed { .. });
        staged.meta.closed |= closes;
        let entry = Entry {
            at_ms,
            event: event.clone(),
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let seq = write_record(&tx, &mut staged, &entry)?;
        if closes {
            tx.execute(
                "UPDATE sessions SET closed = 1 WHERE id = ?1",
                params![staged.session],
            )?;
        }
        write_head(&tx, &staged)?;
        let count = anchor::count(&tx)?;
        tx.commit()?;
        *cursor = staged;
        self.anchored(count);
        Ok(seq)
    }

    /// The candidate's tag (see `keys::candidate_tag`).
    pub fn candidate_tag(&self, iin: &str) -> String {
        keys::candidate_tag(&self.candidate_key(), iin)
    }

    /// The key candidate tags are made with.
    pub fn candidate_key(&self) -> [u8; 32] {
        keys::candidate_key(&self.station)
    }

    /// Records a proctor action outside any session in the audit log.
    pub fn audit(
        &mut self,
        action: Action,
        subject: &str,
        detail: &str,
    ) -> Result<i64, JournalError> {
        let (seq, count) = audit::append(
            &mut self.conn,
            &self.station,
            action,
            subject,
            detail,
            now_ms(),
        )?;
        self.anchored(count);
        Ok(seq)
    }

    /// After a commit: the anchor records the new count. The commit is durable already, so a
    /// failed anchor write only leaves the anchor behind, which is never taken for a loss.
    pub(super) fn anchored(&mut self, count: u64) {
        self.since_checkpoint = self.since_checkpoint.saturating_add(1);
        if let Some(a) = &mut self.anchor {
            let _ = a.record(count);
        }
    }

    /// What the writer thread does whenever no job waits, once whoever waited for a commit has
    /// its answer: it syncs the anchor's last count. The commit alone makes a record durable,
    /// the anchor's sync only keeps the anchor close behind.
    pub fn settle(&mut self) -> Result<(), JournalError> {
        match &mut self.anchor {
            Some(a) => a.sync(),
            None => Ok(()),
        }
    }

    /// What the writer thread does in a pause between saves (no job for a moment): every
    /// `CHECKPOINT_EVERY` commits it copies the WAL into the database file (a passive
    /// checkpoint, which gives way to any reader), so the WAL starts over and the automatic
    /// checkpoint, which runs inside the commit that fills the WAL, never lands on a
    /// candidate's save; and, run in a pause, it never holds a save up either. A checkpoint
    /// that fails is only left for later: every commit is durable in the WAL already.
    pub fn rest(&mut self) {
        if self.since_checkpoint < CHECKPOINT_EVERY {
            return;
        }
        self.since_checkpoint = 0;
        if let Err(e) = self
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
        {
            tracing::warn!(error = %e, "journal: the checkpoint between saves failed");
        }
    }

    /// The audit log, oldest first, each row with whether its tag verified.
    pub fn audit_log(&self) -> Result<Vec<audit::Entry>, JournalError> {
        audit::read(&self.conn, &self.station)
    }
}

/// Writes record `cursor.next_seq` and moves the cursor past it; returns its sequence number.
fn write_record(
    tx: &Transaction<'_>,
    cursor: &mut Cursor,
    entry: &Entry,
) -> Result<u64, JournalError> {
    let seq = cursor.next_seq;
    let next = seq.checked_add(1).ok_or(JournalError::Gap { seq })?;
    let seq_i = i64::try_from(seq).map_err(|_| JournalError::Gap { seq })?;
    let (sealed, hash) = record::seal(&cursor.key, &cursor.session, seq, &cursor.prev, entry)?;
    tx.prepare_cached("INSERT INTO events (session, seq, hash, sealed) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![cursor.session, seq_i, hash.as_slice(), sealed])?;
    cursor.next_seq = next;
    cursor.prev = hash;
    Ok(seq)
}

/// Writes the session's head as the cursor stands, with its tag. Kept apart from the session
/// row, whose sealed paper would otherwise be rewritten with every commit.
fn write_head(tx: &Transaction<'_>, cursor: &Cursor) -> Result<(), JournalError> {
    let seq = i64::try_from(cursor.next_seq).map_err(|_| JournalError::Gap {
        seq: cursor.next_seq,
    })? - 1;
    let at = Position {
        seq,
        hash: &cursor.prev,
    };
    let tag = head::tag(&cursor.key, &cursor.session, &cursor.meta, &at);
    tx.prepare_cached(
        "INSERT INTO heads (session, seq, hash, mac) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (session) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac",
    )?
    .execute(params![cursor.session, seq, cursor.prev.as_slice(), tag.as_slice()])?;
    Ok(())
}
