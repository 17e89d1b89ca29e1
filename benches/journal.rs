//! One answer save — seal, chain, and commit with `synchronous=FULL` (the event row and the
//! chain head in one transaction), as long as the candidate waits for it — against the floor: a raw single-row `SQLite` insert and commit
//! with WAL and FULL on the same disk, the same payload size, interleaved in the same run.
//!
//! The anchor's sync and the checkpoint between saves, which the writer thread does after the
//! answer was given and in a pause (`Journal::settle`, `Journal::rest`), are done between
//! rounds, untimed, as there: the next round's disk is the one a candidate's next save meets.
//!
//! Run: `cargo bench --bench journal`. The goal is p99 within 1.5× of the floor.

#![allow(clippy::expect_used, clippy::print_stdout, clippy::cast_precision_loss)]

use std::time::{Duration, Instant};

use ustudy::exam::task::Choice;
use ustudy::exam::{Event, Paper, preset};
use ustudy::journal::Journal;

const ROUNDS: usize = 10_000;
/// Saves of both before the measured ones: a fresh WAL file grows during its first thousand or so
/// commits, which are slower (about 155 against 108 µs for the floor here), and a figure taken
/// there compares the journal with a floor still warming up.
const WARM_UP: u16 = 2000;

fn pct(v: &mut [Duration], p: usize) -> Duration {
    v.sort_unstable();
    v[(v.len() * p / 100).min(v.len() - 1)]
}

fn main() {
    let dir = tempfile::tempdir_in(std::env::var("BENCH_DIR").unwrap_or_else(|_| ".".to_owned()))
        .expect("temp dir");
    let mut journal = Journal::open(&dir.path().join("station")).expect("journal");
    let paper = Paper::placeholder(preset::by_name("unt-2024").expect("preset"));
    let mut cursor = journal
        .create_session("bench", "demo", "00112233445566778899aabbccddeeff", &paper)
        .expect("session");

    let raw = rusqlite::Connection::open(dir.path().join("floor.sqlite")).expect("floor db");
    let mode: String = raw
        .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
        .expect("wal");
    assert_eq!(mode, "wal");
    raw.pragma_update(None, "synchronous", "FULL")
        .expect("full");
    raw.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB NOT NULL)")
        .expect("table");
    // The same size as a sealed answer record: nonce + JSON + tag.
    let sample = Event::Answered {
        task: 17,
        choice: Choice::One(2),
    };
    let payload = vec![0x5au8; 12 + serde_json::to_vec(&sample).expect("json").len() + 30 + 16];
    let floor = |raw: &rusqlite::Connection| {
        raw.execute_batch("BEGIN IMMEDIATE").expect("begin");
        raw.execute("INSERT INTO t (v) VALUES (?1)", [&payload])
            .expect("insert");
        raw.execute_batch("COMMIT").expect("commit");
    };
    for i in 0..WARM_UP {
        floor(&raw);
        journal
            .append(
                &mut cursor,
                &Event::Answered {
                    task: i % 20,
                    choice: Choice::One(1),
                },
            )
            .expect("append");
        journal.settle().expect("anchor sync");
        journal.rest();
    }
    let (mut base, mut save) = (Vec::with_capacity(ROUNDS), Vec::with_capacity(ROUNDS));
    for i in 0..ROUNDS {
        let t = Instant::now();
        floor(&raw);
        base.push(t.elapsed());
        let event = Event::Answered {
            task: u16::try_from(i % 20).expect("small"),
            choice: Choice::One(u8::try_from(i % 4).expect("small")),
        };
        let t = Instant::now();
        journal.append(&mut cursor, &event).expect("append");
        save.push(t.elapsed());
        journal.settle().expect("anchor sync");
        journal.rest();
    }
    let (b50, s50) = (pct(&mut base, 50), pct(&mut save, 50));
    let (b99, s99) = (pct(&mut base, 99), pct(&mut save, 99));
    println!("{ROUNDS} saves, disk of {}", dir.path().display());
    println!("floor (raw WAL+FULL single-row insert + commit): p50 {b50:?}, p99 {b99:?}");
    println!("answer save (seal + chain + commit, FULL): p50 {s50:?}, p99 {s99:?}");
    println!(
        "ratio save/floor: p50 {:.2}x, p99 {:.2}x (goal: p99 within 1.5x)",
        s50.as_secs_f64() / b50.as_secs_f64(),
        s99.as_secs_f64() / b99.as_secs_f64()
    );
    // The line `cargo bench --bench perf` puts in its table.
    println!(
        "perf-row: answer save, p99 (vs a raw WAL+FULL commit)|{:.3}|{:.3}|ms|1.5|at most",
        s99.as_secs_f64() * 1e3,
        b99.as_secs_f64() * 1e3
    );
}
