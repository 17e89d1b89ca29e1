//! The `SQLite` store: one file in the key store directory, WAL, `synchronous=FULL`, every change
//! in one transaction, and batches that arrive together kept in one (group commit). The
//! default for a single center and the demo.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension as _, params};

use super::{
    BatchIn, Held, HeldSession, Move, NewCode, Redeemed, Sealed, Station, Store, StoreError, batch,
    migrations,
};
use crate::protocol::roster::RosterRow;

/// The `SQLite` store.
pub struct SqliteStore {
    db: Mutex<Connection>,
    /// A second, read-only connection for the lookup every request makes (the station that
    /// signed it): WAL lets it read while the other connection keeps a group of batches, so a
    /// request is checked while the batches before it are being committed.
    reader: Mutex<Connection>,
    /// Batches waiting to be kept: whoever holds the connection next keeps all of them in one
    /// transaction (group commit: one sync for many stations' batches).
    pending: Mutex<Vec<Job>>,
    /// The schema version the file had when it was opened (0: new).
    was: i64,
}

/// A batch waiting for the group commit, with where its answer goes.
struct Job {
    batch: BatchIn,
    now_ms: i64,
    reply: std::sync::mpsc::SyncSender<Result<Held, StoreError>>,
}

impl SqliteStore {
    /// Opens (creating) the store at `path`.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let db = Connection::open(path)?;
        // First: a command run beside the serving center (`move`, `import`, `operator add`)
        // waits for the server's write instead of failing at once on the pragmas.
        db.busy_timeout(std::time::Duration::from_secs(5))?;
        db.pragma_update(None, "journal_mode", "WAL")?;
        db.pragma_update(None, "synchronous", "FULL")?;
        let mut db = db;
        let was = migrate(&mut db)?;
        let reader = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        reader.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(SqliteStore {
            db: Mutex::new(db),
            reader: Mutex::new(reader),
            pending: Mutex::new(Vec::new()),
            was,
        })
    }

    /// The schema version the store had when it was opened (0: new) and the one it has now.
    pub fn schema(&self) -> (i64, i64) {
        (self.was, migrations::LATEST)
    }

    fn db(&self) -> Result<std::sync::MutexGuard<'_, Connection>, StoreError> {
        self.db.lock().map_err(|_| StoreError::Poisoned)
    }
}

/// Runs the migrations the file has not run, in one transaction; the version it had. A file
/// from a newer program is refused.
fn migrate(db: &mut Connection) -> Result<i64, StoreError> {
    let tx = db.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")?;
    let was: i64 = tx.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_version",
        [],
        |r| r.get(0),
    )?;
    if was > migrations::LATEST {
        return Err(StoreError::NewerSchema(was));
    }
    for m in migrations::ALL.iter().filter(|m| m.version > was) {
        tx.execute_batch(m.sqlite)?;
    }
    if was < migrations::LATEST {
        tx.execute("DELETE FROM schema_version", [])?;
        tx.execute(
            "INSERT INTO schema_version (version) VALUES (?1)",
            params![migrations::LATEST],
        )?;
    }
    tx.commit()?;
    Ok(was)
}

/// Keeps `jobs` in one transaction, each batch in a savepoint of its own (a refused batch
/// leaves the others alone), and answers each once the transaction committed.
fn keep_all(db: &mut Connection, jobs: Vec<Job>) {
    let mut results = Vec::with_capacity(jobs.len());
    let committed = (|| -> Result<(), StoreError> {
        let mut tx = db.transaction()?;
        for job in &jobs {
            let sp = tx.savepoint()?;
            match batch::put(&sp, &job.batch, job.now_ms) {
                Ok(held) => {
                    sp.commit()?;
                    results.push(Ok(held));
                }
                // Dropping the savepoint rolls back this batch alone.
                Err(e) => results.push(Err(e)),
            }
        }
        tx.commit()?;
        Ok(())
    })();
    match committed {
        Ok(()) => {
            for (job, result) in jobs.into_iter().zip(results) {
                let _ = job.reply.send(result);
            }
        }
        Err(e) => {
            for job in jobs {
                let _ = job.reply.send(Err(e.clone()));
            }
        }
    }
}

/// The columns `move_row` reads.
const MOVE_COLUMNS: &str =
    "session, iin, from_station, to_station, reason, moved_ms, head_seq, head_hash";

fn move_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Move> {
    Ok(Move {
        session: r.get(0)?,
        iin: r.get(1)?,
        from_station: r.get(2)?,
        to_station: r.get(3)?,
        reason: r.get(4)?,
        moved_ms: r.get(5)?,
        head_seq: r.get(6)?,
        head_hash: r.get(7)?,
    })
}

/// A stored code: row id, key, station, hall, seat, expiry, when used.
type CodeRow = (i64, Vec<u8>, String, String, String, i64, Option<i64>);

fn key32(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    if bytes.len() == 32 {
        out.copy_from_slice(bytes);
    }
    out
}

impl Store for SqliteStore {
    fn add_code(&self, code: &NewCode) -> Result<(), StoreError> {
        let mut db = self.db()?;
        let tx = db.transaction()?;
        let open: i64 = tx.query_row(
            "SELECT COUNT(*) FROM enroll_codes WHERE id = ?1 AND used_ms IS NULL AND expires_ms > ?2",
            params![code.id, code.created_ms],
            |r| r.get(0),
        )?;
        if open > 0 {
            return Err(StoreError::CodeClash);
        }
        tx.execute(
            "INSERT INTO enroll_codes (id, key, station, hall, seat, created_ms, expires_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                code.id,
                code.key.as_slice(),
                code.station,
                code.hall,
                code.seat,
                code.created_ms,
                code.expires_ms
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn redeem(
        &self,
        id: &str,
        now_ms: i64,
        proves: &dyn Fn(&[u8; 32]) -> bool,
        signing_public: [u8; 32],
        agree_public: [u8; 32],
    ) -> Result<Redeemed, StoreError> {
        let mut db = self.db()?;
        let tx = db.transaction()?;
        let rows: Vec<CodeRow> = {
            let mut q = tx.prepare(
                "SELECT rowid, key, station, hall, seat, expires_ms, used_ms FROM enroll_codes
                 WHERE id = ?1",
            )?;
            q.query_map(params![id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })?
            .collect::<Result<_, _>>()?
        };
        if rows.is_empty() {
            return Err(StoreError::NoCode);
        }
        let Some((rowid, key, name, hall, seat, expires_ms, used_ms)) =
            rows.into_iter().find(|row| proves(&key32(&row.1)))
        else {
            return Err(StoreError::WrongCode);
        };
        if used_ms.is_some() {
            return Err(StoreError::CodeUsed);
        }
        if now_ms >= expires_ms {
            return Err(StoreError::CodeExpired);
        }
        tx.execute(
            "UPDATE enroll_codes SET used_ms = ?1 WHERE rowid = ?2",
            params![now_ms, rowid],
        )?;
        tx.execute(
            "INSERT INTO stations (name, hall, seat, signing_public, agree_public, enrolled_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(name) DO UPDATE SET hall = ?2, seat = ?3, signing_public = ?4,
                 agree_public = ?5, enrolled_ms = ?6",
            params![
                name,
                hall,
                seat,
                signing_public.as_slice(),
                agree_public.as_slice(),
                now_ms
            ],
        )?;
        tx.commit()?;
        Ok(Redeemed {
            key: key32(&key),
            station: Station {
                name,
                hall,
                seat,
                signing_public,
                agree_public,
                enrolled_ms: now_ms,
            },
        })
    }

    fn station(&self, name: &str) -> Result<Option<Station>, StoreError> {
        let db = self.reader.lock().map_err(|_| StoreError::Poisoned)?;
        Ok(db
            .prepare_cached(
                "SELECT name, hall, seat, signing_public, agree_public, enrolled_ms FROM stations
                 WHERE name = ?1",
            )?
            .query_row(params![name], |r| {
                let signing: Vec<u8> = r.get(3)?;
                let agree: Vec<u8> = r.get(4)?;
                Ok(Station {
                    name: r.get(0)?,
                    hall: r.get(1)?,
                    seat: r.get(2)?,
                    signing_public: key32(&signing),
                    agree_public: key32(&agree),
                    enrolled_ms: r.get(5)?,
                })
            })
            .optional()?)
    }

    fn import_roster(&self, rows: &[RosterRow]) -> Result<usize, StoreError> {
        let mut db = self.db()?;
        let tx = db.transaction()?;
        for row in rows {
            let on: i64 = tx.query_row(
                "SELECT COUNT(*) FROM roster WHERE iin = ?1",
                params![row.iin],
                |r| r.get(0),
            )?;
            if on > 0 {
                // Dropping the transaction undoes the rows before this one.
                return Err(StoreError::OnRoster(row.iin.clone()));
            }
            tx.execute(
                "INSERT INTO roster (iin, name, ticket, format, language, extra_time, hall, seat,
                     date, start) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    row.iin,
                    row.name,
                    row.ticket,
                    row.format,
                    row.language,
                    row.extra_time,
                    row.hall,
                    row.seat,
                    row.date,
                    row.start
                ],
            )?;
        }
        tx.commit()?;
        Ok(rows.len())
    }

    fn release(
        &self,
        iin: &str,
        station: &str,
        seal_id: &str,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let mut db = self.db()?;
        let tx = db.transaction()?;
        let before: Option<String> = tx
            .query_row(
                "SELECT station FROM releases WHERE iin = ?1",
                params![iin],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(to) = before {
            return Err(StoreError::AlreadyReleased(to));
        }
        tx.execute(
            "INSERT INTO releases (iin, station, seal_id, released_ms) VALUES (?1, ?2, ?3, ?4)",
            params![iin, station, seal_id, now_ms],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn reissue(&self, iin: &str, reason: &str, now_ms: i64) -> Result<String, StoreError> {
        let mut db = self.db()?;
        let tx = db.transaction()?;
        let station: Option<String> = tx
            .query_row(
                "SELECT station FROM releases WHERE iin = ?1",
                params![iin],
                |r| r.get(0),
            )
            .optional()?;
        let station = station.ok_or_else(|| StoreError::NotReleased(iin.to_owned()))?;
        tx.execute(
            "INSERT INTO reissues (iin, station, seal_id, released_ms, reissued_ms, reason)
             SELECT iin, station, seal_id, released_ms, ?2, ?3 FROM releases WHERE iin = ?1",
            params![iin, now_ms, reason],
        )?;
        tx.execute("DELETE FROM releases WHERE iin = ?1", params![iin])?;
        tx.commit()?;
        Ok(station)
    }

    fn put_batch(&self, batch: BatchIn, now_ms: i64) -> Result<Held, StoreError> {
        let (reply, answer) = std::sync::mpsc::sync_channel(1);
        self.pending
            .lock()
            .map_err(|_| StoreError::Poisoned)?
            .push(Job {
                batch,
                now_ms,
                reply,
            });
        {
            // Whoever gets the connection keeps every waiting batch, this one too unless the
            // one before took it already (its answer is then waiting).
            let mut db = self.db()?;
            let jobs = std::mem::take(&mut *self.pending.lock().map_err(|_| StoreError::Poisoned)?);
            if !jobs.is_empty() {
                keep_all(&mut db, jobs);
            }
        }
        answer.recv().map_err(|_| StoreError::Poisoned)?
    }

    fn records(&self, session: &str) -> Result<Vec<(i64, Vec<u8>, String)>, StoreError> {
        let db = self.db()?;
        let mut q =
            db.prepare("SELECT seq, hash, entry FROM events WHERE session = ?1 ORDER BY seq")?;
        let rows = q
            .query_map(params![session], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    fn sessions(&self) -> Result<Vec<HeldSession>, StoreError> {
        let db = self.db()?;
        let mut q = db.prepare(
            "SELECT id, station, package_id, seal_id, supersedes, held_seq, station_head, flag,
                 first_ms, last_ms FROM sessions ORDER BY first_ms, id",
        )?;
        let rows = q
            .query_map([], |r| {
                Ok(HeldSession {
                    id: r.get(0)?,
                    station: r.get(1)?,
                    package_id: r.get(2)?,
                    seal_id: r.get(3)?,
                    supersedes: r.get(4)?,
                    held_seq: r.get(5)?,
                    station_head: r.get(6)?,
                    flag: r.get(7)?,
                    first_ms: r.get(8)?,
                    last_ms: r.get(9)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    fn records_after(
        &self,
        session: &str,
        after: i64,
    ) -> Result<Vec<(i64, Vec<u8>, String)>, StoreError> {
        let db = self.db()?;
        let mut q = db.prepare_cached(
            "SELECT seq, hash, entry FROM events WHERE session = ?1 AND seq > ?2 ORDER BY seq",
        )?;
        let rows = q
            .query_map(params![session, after], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    fn add_operator(&self, name: &str, hash: &str, now_ms: i64) -> Result<(), StoreError> {
        let db = self.db()?;
        let added = db.execute(
            "INSERT INTO operators (name, hash, created_ms) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO NOTHING",
            params![name, hash, now_ms],
        )?;
        if added == 0 {
            return Err(StoreError::OperatorExists(name.to_owned()));
        }
        Ok(())
    }

    fn operator_hash(&self, name: &str) -> Result<Option<String>, StoreError> {
        let db = self.db()?;
        Ok(db
            .query_row(
                "SELECT hash FROM operators WHERE name = ?1",
                params![name],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn open_login(
        &self,
        token_hash: &[u8; 32],
        operator: &str,
        now_ms: i64,
        expires_ms: i64,
    ) -> Result<(), StoreError> {
        let db = self.db()?;
        // Expired logins go as new ones come: the table holds the logins that are open.
        db.execute("DELETE FROM logins WHERE expires_ms <= ?1", params![now_ms])?;
        db.execute(
            "INSERT INTO logins (token_hash, operator, opened_ms, expires_ms)
             VALUES (?1, ?2, ?3, ?4)",
            params![token_hash.as_slice(), operator, now_ms, expires_ms],
        )?;
        Ok(())
    }

    fn login(&self, token_hash: &[u8; 32], now_ms: i64) -> Result<Option<String>, StoreError> {
        let db = self.db()?;
        Ok(db
            .query_row(
                "SELECT operator FROM logins WHERE token_hash = ?1 AND expires_ms > ?2",
                params![token_hash.as_slice(), now_ms],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn close_login(&self, token_hash: &[u8; 32]) -> Result<(), StoreError> {
        let db = self.db()?;
        db.execute(
            "DELETE FROM logins WHERE token_hash = ?1",
            params![token_hash.as_slice()],
        )?;
        Ok(())
    }

    fn put_status(&self, station: &str, status: &str, now_ms: i64) -> Result<(), StoreError> {
        let db = self.db()?;
        db.execute(
            "INSERT INTO station_status (station, status, at_ms) VALUES (?1, ?2, ?3)
             ON CONFLICT (station) DO UPDATE SET status = excluded.status, at_ms = excluded.at_ms",
            params![station, status, now_ms],
        )?;
        Ok(())
    }

    fn statuses(&self) -> Result<Vec<(String, String, i64)>, StoreError> {
        let db = self.db()?;
        let mut q =
            db.prepare("SELECT station, status, at_ms FROM station_status ORDER BY station")?;
        let rows = q
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    fn add_move(
        &self,
        session: &str,
        iin: &str,
        to: &str,
        reason: &str,
        now_ms: i64,
    ) -> Result<Move, StoreError> {
        let mut db = self.db()?;
        let tx = db.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let (from, head_seq, head_hash): (String, i64, Vec<u8>) = tx
            .query_row(
                "SELECT station, held_seq, held_hash FROM sessions WHERE id = ?1",
                params![session],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotHeld(session.to_owned()))?;
        let enrolled: Option<String> = tx
            .query_row(
                "SELECT name FROM stations WHERE name = ?1",
                params![to],
                |r| r.get(0),
            )
            .optional()?;
        if enrolled.is_none() {
            return Err(StoreError::NoStation(to.to_owned()));
        }
        if from == to {
            return Err(StoreError::SameStation(session.to_owned()));
        }
        let added = tx.execute(
            "INSERT INTO moves (session, iin, from_station, to_station, reason, moved_ms,
                 head_seq, head_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (session) DO NOTHING",
            params![session, iin, from, to, reason, now_ms, head_seq, head_hash],
        )?;
        if added == 0 {
            let earlier: String = tx.query_row(
                "SELECT to_station FROM moves WHERE session = ?1",
                params![session],
                |r| r.get(0),
            )?;
            return Err(StoreError::AlreadyMoved {
                session: session.to_owned(),
                to: earlier,
            });
        }
        tx.commit()?;
        Ok(Move {
            session: session.to_owned(),
            iin: iin.to_owned(),
            from_station: from,
            to_station: to.to_owned(),
            reason: reason.to_owned(),
            moved_ms: now_ms,
            head_seq,
            head_hash,
        })
    }

    fn move_of(&self, session: &str) -> Result<Option<Move>, StoreError> {
        let db = self.db()?;
        Ok(db
            .query_row(
                &format!("SELECT {MOVE_COLUMNS} FROM moves WHERE session = ?1"),
                params![session],
                move_row,
            )
            .optional()?)
    }

    fn moves_to(&self, station: &str) -> Result<Vec<Move>, StoreError> {
        let db = self.db()?;
        let mut q = db.prepare(&format!(
            "SELECT {MOVE_COLUMNS} FROM moves WHERE to_station = ?1 AND NOT EXISTS
                 (SELECT 1 FROM sessions s WHERE s.supersedes = moves.session
                     AND s.station = moves.to_station)
             ORDER BY moved_ms, session"
        ))?;
        let rows = q
            .query_map(params![station], move_row)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    fn sealed(&self, session: &str) -> Result<Option<Sealed>, StoreError> {
        let db = self.db()?;
        let key: Option<Vec<u8>> = db
            .query_row(
                "SELECT data_key FROM session_keys WHERE session = ?1",
                params![session],
                |r| r.get(0),
            )
            .optional()?;
        let Some(key) = key.filter(|k| k.len() == 32) else {
            return Ok(None);
        };
        let mut q =
            db.prepare("SELECT seq, hash, sealed FROM events WHERE session = ?1 ORDER BY seq")?;
        let records = q
            .query_map(params![session], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        Ok(Some(Sealed {
            data_key: key32(&key),
            records,
        }))
    }

    fn behind(&self, session: &str) -> Result<Option<Vec<u16>>, StoreError> {
        let db = self.db()?;
        let tasks: Option<Option<String>> = db
            .query_row(
                "SELECT tasks FROM session_behind WHERE session = ?1",
                params![session],
                |r| r.get(0),
            )
            .optional()?;
        Ok(tasks
            .flatten()
            .and_then(|json| serde_json::from_str(&json).ok()))
    }

    fn stations(&self) -> Result<Vec<Station>, StoreError> {
        let names: Vec<String> = {
            let db = self.db()?;
            let mut q = db.prepare("SELECT name FROM stations ORDER BY name")?;
            q.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?
        };
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            if let Some(station) = self.station(&name)? {
                out.push(station);
            }
        }
        Ok(out)
    }

    fn roster(&self, hall: &str) -> Result<Vec<RosterRow>, StoreError> {
        let db = self.db()?;
        let mut q = db.prepare(
            "SELECT iin, name, ticket, format, language, extra_time, hall, seat, date, start
             FROM roster WHERE hall = ?1 ORDER BY iin",
        )?;
        let rows = q
            .query_map(params![hall], |r| {
                Ok(RosterRow {
                    iin: r.get(0)?,
                    name: r.get(1)?,
                    ticket: r.get(2)?,
                    format: r.get(3)?,
                    language: r.get(4)?,
                    extra_time: r.get(5)?,
                    hall: r.get(6)?,
                    seat: r.get(7)?,
                    date: r.get(8)?,
                    start: r.get(9)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::center::store::Incoming;

    fn batch(station: &str, session: &str, seqs: std::ops::Range<i64>) -> BatchIn {
        BatchIn {
            station: station.into(),
            session: session.into(),
            package_id: "p".into(),
            seal_id: "s".into(),
            supersedes: None,
            data_key: [4; 32],
            imported: false,
            behind: None,
            head_seq: seqs.end - 1,
            prev: [0; 32],
            records: seqs
                .map(|seq| Incoming {
                    seq,
                    hash: [u8::try_from(seq).unwrap(); 32],
                    sealed: vec![1, 2, 3],
                    entry: "{}".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn batches_kept_together_are_refused_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("center.sqlite")).unwrap();
        store.put_batch(batch("st-1", "a", 0..3), 1).unwrap();
        let mut db = store.db().unwrap();
        let (mut replies, mut answers) = (Vec::new(), Vec::new());
        for b in [
            batch("st-1", "b", 0..2),
            batch("st-2", "a", 0..5), // another station's session: refused
            batch("st-1", "a", 0..5), // two new records after three held
        ] {
            let (reply, answer) = std::sync::mpsc::sync_channel(1);
            replies.push(Job {
                batch: b,
                now_ms: 2,
                reply,
            });
            answers.push(answer);
        }
        keep_all(&mut db, replies);
        drop(db);
        let got: Vec<_> = answers.iter().map(|a| a.recv().unwrap()).collect();
        assert_eq!(got[0].as_ref().unwrap().seq, 1);
        assert!(matches!(got[1], Err(StoreError::Foreign { .. })));
        assert_eq!(got[2].as_ref().unwrap().added, 2);
        assert_eq!(
            store.records("a").unwrap().len(),
            5,
            "nothing of the refused batch"
        );
        assert_eq!(store.records("b").unwrap().len(), 2);
        let again = store.put_batch(batch("st-1", "a", 0..5), 3).unwrap();
        assert_eq!((again.seq, again.added), (4, 0), "a duplicate adds nothing");
    }

    #[test]
    fn a_station_is_looked_up_while_batches_are_being_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = std::sync::Arc::new(SqliteStore::open(&dir.path().join("c.sqlite")).unwrap());
        store
            .add_code(&NewCode {
                id: "C".into(),
                key: [0; 32],
                station: "st-1".into(),
                hall: "1".into(),
                seat: "4".into(),
                created_ms: 0,
                expires_ms: 10,
            })
            .unwrap();
        store.redeem("C", 1, &|_| true, [1; 32], [2; 32]).unwrap();
        // The writing connection busy (as during a group commit): the lookup still answers.
        let held = store.db().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let s = std::sync::Arc::clone(&store);
        std::thread::spawn(move || {
            let _ = tx.send(s.station("st-1"));
        });
        let found = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("the lookup waited for the writer");
        drop(held);
        assert_eq!(found.unwrap().map(|s| s.seat), Some("4".to_owned()));
    }
}
