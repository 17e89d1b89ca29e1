//! What the center's load benches share: settings from the environment, percentiles, and a
//! simulated station's session — its records sealed and chained as a journal holds them, in
//! the outbox's batches, with the rows the center keeps of them (for the floors).

use std::time::Duration;

use ustudy::crypto::aead::Key;
use ustudy::exam::Event;
use ustudy::exam::task::Choice;
use ustudy::journal::Unsent;
use ustudy::journal::outbox::Stored;
use ustudy::journal::record::{self, Entry};

pub fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub fn pct(v: &mut [Duration], p: usize) -> Duration {
    v.sort_unstable();
    v[(v.len() * p / 100).min(v.len() - 1)]
}

/// One row as the center keeps it: session, seq, hash, sealed record, opened entry.
pub type Row = (String, i64, [u8; 32], Vec<u8>, String);

/// A session's records, sealed and chained as a station's journal holds them, in batches.
pub fn session(
    i: usize,
    n: usize,
    events: usize,
    per_batch: usize,
) -> (Vec<Unsent>, Vec<Vec<Row>>) {
    let key = Key::generate().expect("a key");
    let id = format!("st-{i}-1-{n}");
    let mut prev = record::GENESIS;
    let mut chunks = Vec::new();
    let mut rows = Vec::new();
    let mut chunk: Vec<Stored> = Vec::new();
    let mut chunk_rows = Vec::new();
    let mut chunk_prev = prev;
    for seq in 0..events as u64 {
        let event = if seq % 5 == 0 {
            Event::Answered {
                task: u16::try_from(seq / 5 % 120).expect("a task"),
                choice: Choice::One(u8::try_from(seq % 4).expect("an option")),
            }
        } else {
            Event::Tick { ms: 5_000 }
        };
        let entry = Entry {
            at_ms: 1_800_000_000_000 + seq * 5_000,
            event,
        };
        let (sealed, hash) = record::seal(&key, &id, seq, &prev, &entry).expect("sealed");
        let json = serde_json::to_string(&entry).expect("json");
        chunk_rows.push((
            id.clone(),
            i64::try_from(seq).expect("seq"),
            hash,
            sealed.clone(),
            json,
        ));
        chunk.push(Stored { seq, hash, sealed });
        prev = hash;
        if chunk.len() == per_batch || seq + 1 == events as u64 {
            chunks.push(Unsent {
                session: id.clone(),
                package_id: "load".to_owned(),
                seal_id: "00".to_owned(),
                supersedes: None,
                key: Key::from_bytes(*key.as_bytes()),
                head_seq: i64::try_from(events).expect("events") - 1,
                prev: chunk_prev,
                records: std::mem::take(&mut chunk),
                behind: None,
            });
            rows.push(std::mem::take(&mut chunk_rows));
            chunk_prev = prev;
        }
    }
    (chunks, rows)
}
