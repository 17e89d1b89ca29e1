//! The journal database: opening it with settings that make a commit durable (and checking them),
//! or read-only for inspection, and the types the writing (`write.rs`) and reading (`read.rs`)
//! sides share.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::anchor::{self, Anchor};
use super::head::Meta;
use super::record::Entry;
use super::{JournalError, keys, schema};
use crate::crypto::aead::Key;
use crate::exam::{Event, Paper};

/// Associated data of a session's sealed paper (followed by the session id).
pub(super) const PAPER_AAD: &[u8] = b"ustudy-paper-1\0";

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
    pub(super) conn: Connection,
    pub(super) station: Key,
    path: PathBuf,
    /// The anchor, for a journal open for writing.
    pub(super) anchor: Option<Anchor>,
    /// Commits since the last checkpoint `rest` ran.
    pub(super) since_checkpoint: u32,
    /// Committed records found lost at open (the journal was behind its anchor).
    lost: Option<JournalError>,
    /// The copy a read-only open reads, when the original's WAL index could not be used.
    _copy: Option<tempfile::TempDir>,
}

/// Where a session's chain stands: what the next record needs.
#[derive(Debug, Clone)]
pub struct Cursor {
    /// Session id.
    pub session: String,
    /// The session's data key.
    pub(super) key: Key,
    /// Sequence number of the next record.
    pub next_seq: u64,
    /// Hash of the last record.
    pub prev: [u8; 32],
    /// What the head authenticates besides the chain position.
    pub meta: Meta,
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
    /// The candidate's tag, once checked in.
    pub candidate: Option<String>,
    /// The damaged session this one carries on from.
    pub supersedes: Option<String>,
    /// The head's tag verified: the row and the chain end are as the station wrote them.
    pub authentic: bool,
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
        crate::private::create_dir(dir).map_err(|e| JournalError::io(dir, e))?;
        let station = keys::station_key(dir)?;
        let path = dir.join(FILE);
        let conn = Connection::open(&path)?;
        let mut journal = Journal::finish_open(conn, station, path)?;
        let committed = anchor::committed(&journal.conn)?;
        journal.lost = match anchor::read(dir, &journal.station) {
            Some(anchored) if anchored > committed => Some(JournalError::Rollback {
                found: committed,
                anchored,
            }),
            None if committed > 0 => Some(JournalError::NoAnchor),
            _ => None,
        };
        let mut fresh = Anchor::open(dir, &journal.station, committed)?;
        if let Some(lost) = &journal.lost {
            // Kept as evidence, then the anchor is believed again from here: the loss is
            // reported once, by this open (recovery carries it to the lock screen).
            let detail = lost.to_string();
            journal.audit(super::audit::Action::LostRecords, "journal", &detail)?;
            fresh.reset(anchor::committed(&journal.conn)?)?;
        }
        journal.anchor = Some(fresh);
        Ok(journal)
    }

    /// Committed records this open found lost, if any.
    pub fn lost(&self) -> Option<&JournalError> {
        self.lost.as_ref()
    }

    /// Opens an existing journal read-only, creating and changing nothing: no database file,
    /// no station key, no migration, no checkpoint, and the `-shm` index mapped read-only so
    /// not even a read mark is written (for `journal verify` and the export, which must never
    /// change what they inspect, also while the station's writer runs beside them).
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
        // A WAL left by a station that stopped without closing cannot always be read through a
        // read-only index; then a copy of the database and its WAL is read instead (SQLite
        // rebuilds the index there), so the original still stays untouched.
        let (conn, copy) = match read_only(&path) {
            Ok(conn) => (conn, None),
            Err(_) if wal_of(&path).exists() => {
                let copy = tempfile::tempdir().map_err(|e| JournalError::io(dir, e))?;
                let at = copy.path().join(FILE);
                std::fs::copy(&path, &at)
                    .and_then(|_| std::fs::copy(wal_of(&path), wal_of(&at)))
                    .map_err(|e| JournalError::io(&path, e))?;
                let conn = Connection::open(&at)?;
                check_readable(&conn)?;
                (conn, Some(copy))
            }
            Err(e) => return Err(e),
        };
        // An export carries no anchor: only one that is there and ahead says records were lost.
        let committed = anchor::committed(&conn)?;
        let lost = anchor::read(dir, &station)
            .filter(|a| *a > committed)
            .map(|anchored| JournalError::Rollback {
                found: committed,
                anchored,
            });
        Ok(Journal {
            conn,
            station,
            path,
            anchor: None,
            since_checkpoint: 0,
            lost,
            _copy: copy,
        })
    }

    fn finish_open(
        mut conn: Connection,
        station: Key,
        path: PathBuf,
    ) -> Result<Journal, JournalError> {
        configure(&conn)?;
        check_integrity(&conn)?;
        schema::migrate(&mut conn)?;
        Ok(Journal {
            conn,
            station,
            path,
            anchor: None,
            since_checkpoint: 0,
            lost: None,
            _copy: None,
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

    /// Copies every committed page from the WAL into the database file and syncs it, then
    /// empties the WAL (`wal_checkpoint(TRUNCATE)`); fails if it could not finish.
    pub fn checkpoint(&self) -> Result<(), JournalError> {
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        if busy == 0 {
            Ok(())
        } else {
            Err(JournalError::Settings(
                "the checkpoint could not finish (the journal is busy)".to_owned(),
            ))
        }
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
}

/// Opens `path` read-only (see `read_only_uri`) and checks it can be read as a journal.
fn read_only(path: &Path) -> Result<Connection, JournalError> {
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
        | rusqlite::OpenFlags::SQLITE_OPEN_URI
        | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(read_only_uri(path), flags)?;
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )?;
    check_readable(&conn)?;
    Ok(conn)
}

/// The checks a read-only open makes: safe settings, the journal mode read (never set), the
/// whole-file check and the schema version.
fn check_readable(conn: &Connection) -> Result<(), JournalError> {
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    conn.pragma_update(None, "cell_size_check", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // Read, never set: setting the journal mode could write the file.
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    // With no -wal file beside it, a WAL database is read in rollback mode ("delete").
    if !(mode.eq_ignore_ascii_case("wal") || mode.eq_ignore_ascii_case("delete")) {
        return Err(JournalError::Settings(format!(
            "journal_mode is {mode}, not wal"
        )));
    }
    check_integrity(conn)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    // An older journal reads as it is (what a newer version adds, such as receipts, is empty).
    if !(schema::READABLE_FROM..=schema::VERSION).contains(&version) {
        return Err(JournalError::Schema(version));
    }
    Ok(())
}

/// The WAL beside a database file.
fn wal_of(path: &Path) -> PathBuf {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    PathBuf::from(wal)
}

/// The whole-file check (`integrity_check`: `quick_check` missed a flip that hid rows).
fn check_integrity(conn: &Connection) -> Result<(), JournalError> {
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check == "ok" {
        Ok(())
    } else {
        Err(JournalError::Integrity(check))
    }
}

/// A `file:` URI that opens `path` read-only, with the characters a URI gives meaning to
/// escaped. Beside a WAL (a writer has it open, or it stopped without a clean close), the WAL
/// index is mapped read-only (`readonly_shm`), so nothing is written into it. A journal at
/// rest has no WAL and no index: it is read as it lies (`immutable`), since opening an index
/// would create one.
fn read_only_uri(path: &Path) -> String {
    let at_rest = !wal_of(path).exists();
    let mut uri = String::from("file:");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'%' | b'?' | b'#' | b' ' | 0x80.. => {
                let _ = write!(uri, "%{b:02X}");
            }
            _ => uri.push(char::from(b)),
        }
    }
    uri.push_str(if at_rest {
        "?mode=ro&immutable=1"
    } else {
        "?mode=ro&readonly_shm=1"
    });
    uri
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
