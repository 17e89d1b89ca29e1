//! Keeping event batches in `SQLite`: what `rules::plan` needs read, and its plan written, in
//! the caller's transaction.

use rusqlite::{Connection, OptionalExtension as _, params};

use super::rules::{self, Behind, Row, Seen};
use super::{BatchIn, Held, StoreError};

fn held(tx: &Connection, session: &str) -> Result<Option<Row>, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT station, package_id, seal_id, supersedes, held_seq, held_hash, flag, held_ms
             FROM sessions WHERE id = ?1",
        )?
        .query_row(params![session], |r| {
            Ok(Row {
                station: r.get(0)?,
                package_id: r.get(1)?,
                seal_id: r.get(2)?,
                supersedes: r.get(3)?,
                seq: r.get(4)?,
                hash: r.get(5)?,
                flag: r.get(6)?,
                held_ms: r.get(7)?,
            })
        })
        .optional()?)
}

/// The move of `session` as the fence needs it: the station and seat it went to.
fn moved_to(tx: &Connection, session: &str) -> Result<Option<(String, String)>, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT m.to_station, COALESCE(s.seat, '') FROM moves m
             LEFT JOIN stations s ON s.name = m.to_station WHERE m.session = ?1",
        )?
        .query_row(params![session], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// What the rules need of the batch's session.
fn seen(tx: &Connection, batch: &BatchIn) -> Result<Seen, StoreError> {
    let earlier = match &batch.supersedes {
        Some(earlier) => match held(tx, earlier)? {
            Some(row) => Some((row.station, moved_to(tx, earlier)?.map(|(to, _)| to))),
            None => None,
        },
        None => None,
    };
    let (from, to) = rules::hash_range(batch);
    let hashes = tx
        .prepare_cached(
            "SELECT seq, hash FROM events WHERE session = ?1 AND seq BETWEEN ?2 AND ?3",
        )?
        .query_map(params![batch.session, from, to], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(Seen {
        row: held(tx, &batch.session)?,
        moved: moved_to(tx, &batch.session)?,
        earlier,
        hashes,
    })
}

/// `Store::put_batch` inside the transaction or savepoint `tx` (the caller commits).
pub(super) fn put(tx: &Connection, batch: &BatchIn, now_ms: i64) -> Result<Held, StoreError> {
    let plan = rules::plan(batch, &seen(tx, batch)?, now_ms)?;
    if plan.new_session {
        tx.prepare_cached(
            "INSERT INTO session_keys (session, data_key) VALUES (?1, ?2)
             ON CONFLICT (session) DO NOTHING",
        )?
        .execute(params![batch.session, batch.data_key.as_slice()])?;
        tx.prepare_cached(
            "INSERT INTO sessions (id, station, package_id, seal_id, supersedes, held_seq,
                 held_hash, station_head, first_ms, last_ms, held_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, -1, x'', -1, ?6, ?6, ?6)",
        )?
        .execute(params![
            batch.session,
            batch.station,
            batch.package_id,
            batch.seal_id,
            batch.supersedes,
            now_ms
        ])?;
    }
    // Prepared once per connection: a batch inserts hundreds of rows.
    let mut insert = tx.prepare_cached(
        "INSERT INTO events (session, seq, hash, sealed, entry) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for record in plan.keep {
        insert.execute(params![
            batch.session,
            record.seq,
            record.hash.as_slice(),
            record.sealed,
            record.entry
        ])?;
    }
    if let Behind::Set(tasks) = &plan.behind {
        tx.prepare_cached(
            "INSERT INTO session_behind (session, tasks) VALUES (?1, ?2)
             ON CONFLICT (session) DO UPDATE SET tasks = excluded.tasks",
        )?
        .execute(params![batch.session, tasks])?;
    }
    let held = plan.held;
    tx.prepare_cached(
        "UPDATE sessions SET held_seq = ?2, held_hash = ?3, station_head = ?4, flag = ?5,
             last_ms = ?6, held_ms = ?7 WHERE id = ?1",
    )?
    .execute(params![
        batch.session,
        held.seq,
        held.hash,
        batch.head_seq,
        held.flag,
        now_ms,
        held.at_ms
    ])?;
    Ok(held)
}
