//! Keeping event batches in `SQLite`: the rules of `Store::put_batch` in one transaction.

use rusqlite::{Connection, OptionalExtension as _, params};

use super::{BatchIn, Held, StoreError};

/// A held session: its station, package, seal, predecessor, and the end of its held chain.
struct Row {
    station: String,
    package_id: String,
    seal_id: String,
    supersedes: Option<String>,
    seq: i64,
    hash: Vec<u8>,
    flag: Option<String>,
}

fn held(tx: &Connection, session: &str) -> Result<Option<Row>, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT station, package_id, seal_id, supersedes, held_seq, held_hash, flag
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
            })
        })
        .optional()?)
}

fn hash_at(tx: &Connection, session: &str, seq: i64) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(tx
        .prepare_cached("SELECT hash FROM events WHERE session = ?1 AND seq = ?2")?
        .query_row(params![session, seq], |r| r.get(0))
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

/// A new session may carry on one of another station only if that one was moved to it (a
/// seat swap); a damaged session of its own, or one the center never held, it may.
fn may_supersede(tx: &Connection, batch: &BatchIn) -> Result<(), StoreError> {
    let Some(earlier) = &batch.supersedes else {
        return Ok(());
    };
    let Some(row) = held(tx, earlier)? else {
        return Ok(());
    };
    if row.station == batch.station {
        return Ok(());
    }
    match moved_to(tx, earlier)? {
        Some((to, _)) if to == batch.station => Ok(()),
        _ => Err(StoreError::Foreign {
            session: earlier.clone(),
            owner: row.station,
        }),
    }
}

/// The session the batch belongs to, as held, or a new one: refused when another station sent
/// it, it was first sent with another package, seal or predecessor, or it was moved to another
/// station (the fence; an operator's import of the old station's export is let through).
fn session(tx: &Connection, batch: &BatchIn, now_ms: i64) -> Result<Row, StoreError> {
    if let Some((to, seat)) = moved_to(tx, &batch.session)?.filter(|_| !batch.imported) {
        return Err(StoreError::Moved {
            session: batch.session.clone(),
            to,
            seat,
        });
    }
    if let Some(row) = held(tx, &batch.session)? {
        if row.station != batch.station {
            return Err(StoreError::Foreign {
                session: batch.session.clone(),
                owner: row.station,
            });
        }
        if row.package_id != batch.package_id
            || row.seal_id != batch.seal_id
            || row.supersedes != batch.supersedes
        {
            return Err(StoreError::Mismatch(batch.session.clone()));
        }
        return Ok(row);
    }
    may_supersede(tx, batch)?;
    tx.prepare_cached(
        "INSERT INTO session_keys (session, data_key) VALUES (?1, ?2)
         ON CONFLICT (session) DO NOTHING",
    )?
    .execute(params![batch.session, batch.data_key.as_slice()])?;
    tx.prepare_cached(
        "INSERT INTO sessions (id, station, package_id, seal_id, supersedes, held_seq,
             held_hash, station_head, first_ms, last_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, -1, x'', -1, ?6, ?6)",
    )?
    .execute(params![
        batch.session,
        batch.station,
        batch.package_id,
        batch.seal_id,
        batch.supersedes,
        now_ms
    ])?;
    Ok(Row {
        station: batch.station.clone(),
        package_id: batch.package_id.clone(),
        seal_id: batch.seal_id.clone(),
        supersedes: batch.supersedes.clone(),
        seq: -1,
        hash: Vec::new(),
        flag: None,
    })
}

/// Adds the records that continue the held chain to `held`; a record that differs from the one
/// held flags the session and stops.
fn add(tx: &Connection, batch: &BatchIn, held: &mut Held) -> Result<(), StoreError> {
    // Prepared once per connection: a batch inserts hundreds of rows.
    let mut insert = tx.prepare_cached(
        "INSERT INTO events (session, seq, hash, sealed, entry) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut last = None;
    for record in &batch.records {
        if record.seq <= held.seq {
            let kept = hash_at(tx, &batch.session, record.seq)?;
            if kept.as_deref() != Some(&record.hash[..]) {
                held.flag.get_or_insert_with(|| {
                    format!(
                        "record {} differs from the one held: a forked chain",
                        record.seq
                    )
                });
                break;
            }
            continue;
        }
        insert.execute(params![
            batch.session,
            record.seq,
            record.hash.as_slice(),
            record.sealed,
            record.entry
        ])?;
        held.seq = record.seq;
        held.added += 1;
        last = Some(&record.hash);
    }
    if let Some(hash) = last {
        held.hash = hash.to_vec();
    }
    Ok(())
}

/// `Store::put_batch` inside the transaction or savepoint `tx` (the caller commits).
pub(super) fn put(tx: &Connection, batch: &BatchIn, now_ms: i64) -> Result<Held, StoreError> {
    let row = session(tx, batch, now_ms)?;
    let mut held = Held {
        seq: row.seq,
        hash: row.hash,
        flag: row.flag,
        added: 0,
    };
    let first = batch.records.first().map_or(0, |r| r.seq);
    // The record before the batch, as held: the batch must continue it. Past the held end it
    // cannot be checked, and nothing of the batch is kept (the receipt tells the station where
    // to go on from).
    let joins = match first {
        0 => batch.prev == [0u8; 32],
        n if n <= held.seq + 1 => {
            hash_at(tx, &batch.session, n - 1)?.as_deref() == Some(&batch.prev[..])
        }
        _ => false,
    };
    if joins {
        add(tx, batch, &mut held)?;
    } else if first <= held.seq + 1 {
        held.flag.get_or_insert_with(|| {
            format!("the batch from record {first} does not continue the chain held")
        });
    }
    if batch.head_seq < held.seq {
        let (ends, seq) = (batch.head_seq, held.seq);
        held.flag.get_or_insert_with(|| {
            format!(
                "the station's journal ends at record {ends} but the center holds {seq}: a journal rolled back to an older copy"
            )
        });
    }
    if !batch.imported {
        // What the station said waits behind this batch: each batch says it anew.
        let tasks = batch
            .behind
            .as_ref()
            .and_then(|t| serde_json::to_string(t).ok());
        tx.prepare_cached(
            "INSERT INTO session_behind (session, tasks) VALUES (?1, ?2)
             ON CONFLICT (session) DO UPDATE SET tasks = excluded.tasks",
        )?
        .execute(params![batch.session, tasks])?;
    }
    tx.prepare_cached(
        "UPDATE sessions SET held_seq = ?2, held_hash = ?3, station_head = ?4, flag = ?5,
             last_ms = ?6 WHERE id = ?1",
    )?
    .execute(params![
        batch.session,
        held.seq,
        held.hash,
        batch.head_seq,
        held.flag,
        now_ms
    ])?;
    Ok(held)
}
