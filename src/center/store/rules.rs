//! The rules of `Store::put_batch`, apart from any database: from what a backend read of a
//! session (inside the transaction that keeps the batch), which batch is refused, which of its
//! records are kept, and what the center holds afterwards. Each backend reads `Seen`, asks
//! `plan`, and writes the `Plan`; the rules are the same on `SQLite` and on `PostgreSQL`.

use std::collections::BTreeMap;

use super::{BatchIn, Held, Incoming, StoreError};

/// A held session: its station, package, seal, predecessor, and the end of its held chain.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub station: String,
    pub package_id: String,
    pub seal_id: String,
    pub supersedes: Option<String>,
    pub seq: i64,
    pub hash: Vec<u8>,
    pub flag: Option<String>,
    /// When the center first held record `seq`.
    pub held_ms: i64,
}

/// What a backend reads of the batch's session before it keeps the batch.
#[derive(Debug, Clone, Default)]
pub(super) struct Seen {
    /// The session as held, if it is.
    pub row: Option<Row>,
    /// Its move, if it was moved: the station and seat it went to.
    pub moved: Option<(String, String)>,
    /// The session the batch says it carries on, if the center holds it: its station, and the
    /// station it was moved to, if it was.
    pub earlier: Option<(String, Option<String>)>,
    /// The hashes held of the session from the record before the batch's first to its last.
    pub hashes: BTreeMap<i64, Vec<u8>>,
}

/// What keeping a batch writes.
#[derive(Debug)]
pub(super) struct Plan<'a> {
    /// The session is new: its row and data key are to be added.
    pub new_session: bool,
    /// The records to add, in order (they continue the held chain).
    pub keep: &'a [Incoming],
    /// What is held afterwards (the receipt).
    pub held: Held,
    /// What to keep of the tasks the station said wait behind the batch.
    pub behind: Behind,
}

/// The tasks waiting behind a batch at its station, as the center keeps them.
#[derive(Debug)]
pub(super) enum Behind {
    /// Left as they were (an operator's import says nothing of the station's present).
    Unchanged,
    /// Replaced by these, as JSON (`None`: the station did not say).
    Set(Option<String>),
}

/// The range of sequence numbers whose held hashes `plan` needs: the record before the
/// batch's first up to its last.
pub(super) fn hash_range(batch: &BatchIn) -> (i64, i64) {
    let first = batch.records.first().map_or(0, |r| r.seq);
    let last = batch.records.last().map_or(first, |r| r.seq);
    (first - 1, last)
}

/// The session the batch belongs to, as held, or a new one: refused when another station sent
/// it, it was first sent with another package, seal or predecessor, or it was moved to another
/// station (the fence; an operator's import of the old station's export is let through). A new
/// session may carry on one of another station only if that one was moved to it (a seat swap).
fn session(batch: &BatchIn, seen: &Seen, now_ms: i64) -> Result<(Row, bool), StoreError> {
    if let Some((to, seat)) = seen.moved.clone().filter(|_| !batch.imported) {
        return Err(StoreError::Moved {
            session: batch.session.clone(),
            to,
            seat,
        });
    }
    if let Some(row) = &seen.row {
        if row.station != batch.station {
            return Err(StoreError::Foreign {
                session: batch.session.clone(),
                owner: row.station.clone(),
            });
        }
        if row.package_id != batch.package_id
            || row.seal_id != batch.seal_id
            || row.supersedes != batch.supersedes
        {
            return Err(StoreError::Mismatch(batch.session.clone()));
        }
        return Ok((row.clone(), false));
    }
    if let (Some(earlier), Some((owner, moved_to))) = (&batch.supersedes, &seen.earlier)
        && *owner != batch.station
        && moved_to.as_deref() != Some(batch.station.as_str())
    {
        return Err(StoreError::Foreign {
            session: earlier.clone(),
            owner: owner.clone(),
        });
    }
    let row = Row {
        station: batch.station.clone(),
        package_id: batch.package_id.clone(),
        seal_id: batch.seal_id.clone(),
        supersedes: batch.supersedes.clone(),
        seq: -1,
        hash: Vec::new(),
        flag: None,
        held_ms: now_ms,
    };
    Ok((row, true))
}

/// The records of a batch that joins the held chain which are new, once those already held
/// were found the same; a record that differs from the one held flags the session, and then
/// nothing is added.
fn new_records<'a>(
    batch: &'a BatchIn,
    seen: &Seen,
    held: &mut Held,
    now_ms: i64,
) -> &'a [Incoming] {
    let mut start = 0;
    for record in &batch.records {
        if record.seq > held.seq {
            break;
        }
        if seen.hashes.get(&record.seq).map(Vec::as_slice) != Some(&record.hash[..]) {
            held.flag.get_or_insert_with(|| {
                format!(
                    "record {} differs from the one held: a forked chain",
                    record.seq
                )
            });
            return &[];
        }
        start += 1;
    }
    let keep = &batch.records[start..];
    if let Some(last) = keep.last() {
        held.seq = last.seq;
        held.hash = last.hash.to_vec();
        held.added = keep.len();
        held.at_ms = now_ms;
    }
    keep
}

/// What keeping `batch` at `now_ms` does, given what was `seen` of its session.
pub(super) fn plan<'a>(
    batch: &'a BatchIn,
    seen: &Seen,
    now_ms: i64,
) -> Result<Plan<'a>, StoreError> {
    let (row, new_session) = session(batch, seen, now_ms)?;
    let mut held = Held {
        seq: row.seq,
        hash: row.hash,
        flag: row.flag,
        added: 0,
        at_ms: row.held_ms,
    };
    let first = batch.records.first().map_or(0, |r| r.seq);
    // The record before the batch, as held: the batch must continue it. Past the held end it
    // cannot be checked, and nothing of the batch is kept (the receipt tells the station where
    // to go on from).
    let joins = match first {
        0 => batch.prev == [0u8; 32],
        n if n <= held.seq + 1 => {
            seen.hashes.get(&(n - 1)).map(Vec::as_slice) == Some(&batch.prev[..])
        }
        _ => false,
    };
    let keep = if joins {
        new_records(batch, seen, &mut held, now_ms)
    } else {
        if first <= held.seq + 1 {
            held.flag.get_or_insert_with(|| {
                format!("the batch from record {first} does not continue the chain held")
            });
        }
        &[]
    };
    if batch.head_seq < held.seq {
        let (ends, seq) = (batch.head_seq, held.seq);
        held.flag.get_or_insert_with(|| {
            format!(
                "the station's journal ends at record {ends} but the center holds {seq}: a journal rolled back to an older copy"
            )
        });
    }
    // What the station said waits behind this batch: each batch says it anew.
    let behind = if batch.imported {
        Behind::Unchanged
    } else {
        Behind::Set(
            batch
                .behind
                .as_ref()
                .and_then(|t| serde_json::to_string(t).ok()),
        )
    };
    Ok(Plan {
        new_session,
        keep,
        held,
        behind,
    })
}
