//! The journal database: opening it with settings that make a commit durable (and checking them),
//! appending one event per transaction with its outbox row, and reading a session's chain back.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension as _, TransactionBehavior, params};

use super::record::Entry;
use super::{JournalError, keys, record, schema};
use crate::crypto::aead::Key;
use crate::exam::{Event, Paper};

const PAPER_AAD: &[u8] = b"ustudy-paper-1\0";

/// Wall-clock milliseconds since the Unix epoch (0 if the clock is before it).
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// The journal's file name in the data directory.
pub const FILE: &str = "journal.sqlite";

/// An open journal: one connection, used by one writer.
pub struct Journal {
    conn: Connection,
    station: Key,
    path: PathBuf,
}

/// Where a session's chain stands: what the next record needs.
#[derive(Debug, Clone)]
pub struct Cursor {
    /// Session id.
    pub session: String,
    /// The session's data key.
    key: Key,
    /// Sequence number of the next record.
    pub next_seq: u64,
    /// Hash of the last record.
    pub prev: [u8; 32],
}

/// A session as listed by `sessions`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    /// Session id.
    pub id: String,
    /// Package it runs.
    pub package_id: String,
    /// Seal of that package.
    pub seal_id: String,
    /// Records stored.
    pub events: u64,
    /// Closed sessions are kept for the center but not resumed.
    pub closed: bool,
}

/// A session read back: every record that verified, and the first problem, if any.
#[derive(Debug)]
pub struct Loaded {
    /// Where to append next (after the last good record).
    pub cursor: Cursor,
    /// The paper the session runs.
    pub paper: Paper,
    /// The records, in order, up to the first damaged one.
    pub entries: Vec<Entry>,
    /// What stopped the read early.
    pub damage: Option<JournalError>,
}

impl Loaded {
    /// The events, in order.
    pub fn events(&self) -> Vec<Event> {
        self.entries.iter().map(|e| e.event.clone()).collect()
    }
}

impl Journal {
    /// Opens (or creates) `DATA_DIR/journal.sqlite` and the station key, sets and checks the
    /// durability settings, checks the file and migrates it.
    pub fn open(dir: &Path) -> Result<Journal, JournalError> {
        std::fs::create_dir_all(dir).map_err(|e| JournalError::io(dir, e))?;
        let station = keys::station_key(dir)?;
        let path = dir.join(FILE);
        let conn = Connection::open(&path)?;
        Journal::finish_open(conn, station, path)
    }

    /// Opens an existing journal without creating anything: no database file, no station key
    /// (for `journal verify`, which must never change what it inspects).
    pub fn open_existing(dir: &Path) -> Result<Journal, JournalError> {
        let path = dir.join(FILE);
        if !path.is_file() {
            return Err(JournalError::NoJournal(path.display().to_string()));
        }
        if !dir.join("station.key").is_file() {
            return Err(JournalError::StationKey(
                "station.key is missing".to_owned(),
            ));
        }
        let station = keys::station_key(dir)?;
        let conn = Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        Journal::finish_open(conn, station, path)
    }

    fn finish_open(
        mut conn: Connection,
        station: Key,
        path: PathBuf,
    ) -> Result<Journal, JournalError> {
        configure(&conn)?;
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(JournalError::Integrity(check));
        }
        schema::migrate(&mut conn)?;
        Ok(Journal {
            conn,
            station,
            path,
        })
    }

    /// Writes a consistent copy of the database to `path` with the `SQLite` backup API (safe
    /// while the writer is using it; never a raw file copy).
    pub fn backup_to(&self, path: &Path) -> Result<(), JournalError> {
        self.conn.backup(
            rusqlite::MAIN_DB,
            path,
            None::<fn(rusqlite::backup::Progress)>,
        )?;
        Ok(())
    }

    /// Path of the database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The `synchronous` setting in force (2 = FULL).
    pub fn synchronous(&self) -> Result<i64, JournalError> {
        Ok(self
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))?)
    }

    /// Starts a session with a fresh data key, wrapped under the station key, and stores its
    /// paper sealed under that key, so the session can be recovered from the journal alone.
    pub fn create_session(
        &mut self,
        id: &str,
        package_id: &str,
        seal_id: &str,
        paper: &Paper,
    ) -> Result<Cursor, JournalError> {
        let key = Key::generate()?;
        let wrapped = keys::wrap(&self.station, id, &key)?;
        let json = serde_json::to_vec(paper).map_err(|e| JournalError::Encode(e.to_string()))?;
        let sealed_paper = key.seal(&[PAPER_AAD, id.as_bytes()].concat(), &json)?;
        self.conn.execute(
            "INSERT INTO sessions (id, package_id, seal_id, wrapped_key, paper)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, package_id, seal_id, wrapped, sealed_paper],
        )?;
        Ok(Cursor {
            session: id.to_owned(),
            key,
            next_seq: 0,
            prev: record::GENESIS,
        })
    }

    /// Appends one event in one transaction with its outbox row. Returns its sequence number
    /// only after COMMIT returned; on any error nothing was acknowledged and the cursor is
    /// unchanged.
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
        let seq = cursor.next_seq;
        let entry = Entry {
            at_ms,
            event: event.clone(),
        };
        let (sealed, hash) = record::seal(&cursor.key, &cursor.session, seq, &cursor.prev, &entry)?;
        let seq_i = i64::try_from(seq).map_err(|_| JournalError::Gap { seq })?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO events (session, seq, hash, sealed) VALUES (?1, ?2, ?3, ?4)",
            params![cursor.session, seq_i, hash.as_slice(), sealed],
        )?;
        tx.execute(
            "INSERT INTO outbox (session, seq) VALUES (?1, ?2)",
            params![cursor.session, seq_i],
        )?;
        // Kept apart from the session row, whose sealed paper would otherwise be rewritten
        // with every commit.
        tx.execute(
            "INSERT INTO heads (session, seq, hash) VALUES (?1, ?2, ?3)
             ON CONFLICT (session) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            params![cursor.session, seq_i, hash.as_slice()],
        )?;
        tx.commit()?;
        cursor.next_seq = seq + 1;
        cursor.prev = hash;
        Ok(seq)
    }

    /// Marks a session closed.
    pub fn close_session(&mut self, id: &str) -> Result<(), JournalError> {
        self.conn
            .execute("UPDATE sessions SET closed = 1 WHERE id = ?1", params![id])?;
        Ok(())
    }

    /// Every session, oldest first.
    pub fn sessions(&self) -> Result<Vec<SessionInfo>, JournalError> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.package_id, s.seal_id, s.closed, (SELECT count(*) FROM events e WHERE e.session = s.id)
             FROM sessions s ORDER BY s.rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(SessionInfo {
                id: r.get(0)?,
                package_id: r.get(1)?,
                seal_id: r.get(2)?,
                closed: r.get::<_, i64>(3)? != 0,
                events: u64::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Reads a session back, verifying the chain and decrypting each record. Stops at the first
    /// damaged or missing record and says why; what came before is returned.
    pub fn load(&self, id: &str) -> Result<Loaded, JournalError> {
        type Row = (Vec<u8>, Vec<u8>, i64, Option<Vec<u8>>);
        // One read transaction: the head and the records come from the same snapshot, so a
        // reader running beside the writer (verify, export, a monitor) never sees a new record
        // with an old head and calls it damage.
        let snapshot = self.conn.unchecked_transaction()?;
        let row: Option<Row> = snapshot
            .query_row(
                "SELECT s.wrapped_key, s.paper, coalesce(h.seq, -1), h.hash
                 FROM sessions s LEFT JOIN heads h ON h.session = s.id WHERE s.id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let (wrapped, sealed_paper, head_seq, head_hash) =
            row.ok_or_else(|| JournalError::NoSession(id.to_owned()))?;
        let key = keys::unwrap(&self.station, id, &wrapped)?;
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
        while let Some(row) = rows.next()? {
            let expected = entries.len() as u64;
            let seq = u64::try_from(row.get::<_, i64>(0)?).unwrap_or(u64::MAX);
            if seq != expected {
                damage = Some(JournalError::Gap { seq: expected });
                break;
            }
            let hash: Vec<u8> = row.get(1)?;
            let sealed: Vec<u8> = row.get(2)?;
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
        let committed = u64::try_from(head_seq + 1).unwrap_or(0);
        let head_matches = entries.len() as u64 == committed
            && (committed == 0 || head_hash.as_deref() == Some(prev.as_slice()));
        if damage.is_none() && !head_matches {
            damage = Some(JournalError::Truncated {
                found: entries.len() as u64,
                committed,
            });
        }
        let cursor = Cursor {
            session: id.to_owned(),
            key,
            next_seq: entries.len() as u64,
            prev,
        };
        Ok(Loaded {
            cursor,
            paper,
            entries,
            damage,
        })
    }
}

/// Sets the durability and safety settings on a connection and checks that they took.
fn configure(conn: &Connection) -> Result<(), JournalError> {
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(JournalError::Settings(format!(
            "journal_mode is {mode}, not wal"
        )));
    }
    // Per connection, not stored in the file: set it on every open.
    conn.pragma_update(None, "synchronous", "FULL")?;
    let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
    if sync != 2 {
        return Err(JournalError::Settings(format!(
            "synchronous is {sync}, not FULL (2)"
        )));
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    conn.pragma_update(None, "cell_size_check", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}
