//! The journal's schema and its versioned migrations. `user_version` holds the version; each
//! migration runs in its own transaction, so a crash mid-migration leaves the old version.

use rusqlite::Connection;

use super::JournalError;

/// Migrations in order; index + 1 is the version each one produces.
const MIGRATIONS: &[&str] = &[
    // 1: sessions (with their paper, sealed, so a session can be recovered from the journal
    // alone, the head of each chain in a small table of its own, so records lost from the end are noticed), their
    // sealed event chain and the outbox of events the center has not yet acknowledged.
    "CREATE TABLE sessions (
         id TEXT PRIMARY KEY,
         package_id TEXT NOT NULL,
         seal_id TEXT NOT NULL,
         wrapped_key BLOB NOT NULL,
         paper BLOB NOT NULL,
         closed INTEGER NOT NULL DEFAULT 0
     ) STRICT;
     CREATE TABLE heads (
         session TEXT PRIMARY KEY REFERENCES sessions(id),
         seq INTEGER NOT NULL,
         hash BLOB NOT NULL
     ) STRICT;
     CREATE TABLE events (
         session TEXT NOT NULL REFERENCES sessions(id),
         seq INTEGER NOT NULL,
         hash BLOB NOT NULL,
         sealed BLOB NOT NULL,
         PRIMARY KEY (session, seq)
     ) STRICT;
     CREATE TABLE outbox (
         session TEXT NOT NULL,
         seq INTEGER NOT NULL,
         PRIMARY KEY (session, seq),
         FOREIGN KEY (session, seq) REFERENCES events(session, seq)
     ) STRICT;",
    // 2: the candidate's tag (a keyed hash of the IIN, so a second sitting is refused without
    // decrypting anything), the damaged session a copy carries on from, a tag on every head that
    // authenticates it with the session row, and the station's audit log of proctor actions
    // outside any session, and the count of committed transactions the anchor file checks.
    // Heads of version 1 have no tag and read as unauthenticated.
    "ALTER TABLE sessions ADD COLUMN candidate TEXT;
     ALTER TABLE sessions ADD COLUMN supersedes TEXT;
     ALTER TABLE heads ADD COLUMN mac BLOB;
     CREATE TABLE audit (
         seq INTEGER PRIMARY KEY,
         at_ms INTEGER NOT NULL,
         action TEXT NOT NULL,
         subject TEXT NOT NULL,
         detail TEXT NOT NULL,
         mac BLOB NOT NULL
     ) STRICT;
     CREATE TABLE commits (
         id INTEGER PRIMARY KEY CHECK (id = 1),
         n INTEGER NOT NULL
     ) STRICT;",
    // 3: the center's last receipt per session (as it signed it): the outbox holds exactly the
    // records after the one it covers.
    "CREATE TABLE receipts (
         session TEXT PRIMARY KEY REFERENCES sessions(id),
         seq INTEGER NOT NULL,
         hash BLOB NOT NULL,
         at_ms INTEGER NOT NULL,
         receipt TEXT NOT NULL
     ) STRICT;",
    // 4: a save writes fewer pages. The events become one b-tree keyed by (session, seq) (a
    // rowid table kept a second b-tree for that key), and the outbox table goes: what waits is
    // exactly each session's records after its receipt, which the receipts and the events'
    // key answer alone, so a save no longer writes an outbox row and its index entry.
    "CREATE TABLE events_v4 (
         session TEXT NOT NULL REFERENCES sessions(id),
         seq INTEGER NOT NULL,
         hash BLOB NOT NULL,
         sealed BLOB NOT NULL,
         PRIMARY KEY (session, seq)
     ) STRICT, WITHOUT ROWID;
     INSERT INTO events_v4 (session, seq, hash, sealed)
         SELECT session, seq, hash, sealed FROM events ORDER BY session, seq;
     DROP TABLE outbox;
     DROP TABLE events;
     ALTER TABLE events_v4 RENAME TO events;",
];

/// The schema version this program writes.
#[allow(clippy::cast_possible_wrap)] // a handful of migrations
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// The oldest version a read-only open reads (inspection never migrates): from 3 on, what waits
/// for the center is each session's records after its receipt, whether or not an outbox table
/// also lists them.
pub const READABLE_FROM: i64 = 3;

/// Brings the database to the current version.
pub fn migrate(conn: &mut Connection) -> Result<(), JournalError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > VERSION {
        return Err(JournalError::Schema(current));
    }
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(current).unwrap_or(0))
    {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(
            None,
            "user_version",
            i64::try_from(i + 1).unwrap_or(i64::MAX),
        )?;
        tx.commit()?;
    }
    Ok(())
}
