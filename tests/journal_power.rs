//! Simulated power loss: a writer process runs under strace, which records every write, truncate
//! and sync of the journal files (with the written bytes) and every acknowledgement the process
//! prints. Power is then cut at 200+ points of that record, offline: at each cut a file keeps only
//! what was written before its last sync (`LazyFS`'s "lose un-fsynced writes"). Every event
//! acknowledged before the cut must be in the journal rebuilt from that state, with the chain
//! intact.
//!
//! Negative control: the same run under `eatmydata` (syncs disabled) must lose acknowledged
//! events; a power-loss test whose control passes would prove nothing.
//!
//! Needs `strace` and `eatmydata` (`bash tests/run.sh` installs them).

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stdout)]

mod support;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;

use support::power::{self, Op};

use ustudy::exam::{Event, Paper, preset};
use ustudy::journal::Journal;

const CHILD: &str = "USTUDY_POWER_CHILD_DIR";
const APPENDS: u64 = 120;

fn child(dir: &Path) -> ! {
    let mut j = Journal::open(dir).unwrap();
    let mut cursor = j.load("s1").unwrap().cursor;
    let mut out = std::io::stdout().lock();
    for i in 0..APPENDS {
        j.append(&mut cursor, &Event::Tick { ms: 1000 + i })
            .unwrap();
        // One write per acknowledgement, after the commit returned.
        out.write_all(format!("ACK {i}\n").as_bytes()).unwrap();
        out.flush().unwrap();
        // Then what the writer thread does once the answer is given and in a pause: the
        // anchor's sync, and at the hundredth commit the checkpoint into the database file, so
        // the cuts land there too.
        j.settle().unwrap();
        j.rest();
    }
    std::process::exit(0);
}

/// Runs the writer under strace (optionally with syncs disabled) and returns the cut record
/// and the files as they were before the run.
fn record(eat_my_data: bool) -> (tempfile::TempDir, [Option<Vec<u8>>; 3], Vec<Op>) {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut j = Journal::open(dir.path()).unwrap();
        let paper = Paper::placeholder(preset::by_name("unt-2024").unwrap());
        let mut c = j
            .create_session("s1", "demo", "00112233445566778899aabbccddeeff", &paper)
            .unwrap();
        j.append(&mut c, &Event::Unlocked).unwrap();
    }
    let (base, ops) = power::record(dir.path(), "power_loss", CHILD, eat_my_data);
    (dir, base, ops)
}

/// Where the acknowledgements stand in the record.
fn acks_in(ops: &[Op]) -> Vec<usize> {
    ops.iter()
        .enumerate()
        .filter(|(_, o)| matches!(o, Op::Ack(_)))
        .map(|(i, _)| i)
        .collect()
}

/// Cuts power at `cuts` points; returns (cuts evaluated, cuts that lost acknowledged events).
fn cut_everywhere(
    dir: &Path,
    base: &[Option<Vec<u8>>; 3],
    ops: &[Op],
) -> (usize, usize, BTreeMap<&'static str, usize>) {
    let acks = acks_in(ops);
    assert_eq!(
        acks.len() as u64,
        APPENDS,
        "every acknowledgement was recorded"
    );
    // Right after every acknowledgement (the worst moments), and between them at even steps.
    let mut cuts: Vec<usize> = acks.iter().map(|i| i + 1).collect();
    cuts.extend((0..=ops.len()).step_by((ops.len() / 100).max(1)));
    // And at every step of a checkpoint: before and after each write and sync of the database
    // file once answers were acknowledged.
    let first_ack = acks.first().copied().unwrap_or(0);
    for (i, o) in ops.iter().enumerate().skip(first_ack) {
        if matches!(o, Op::Write { file: 0, .. } | Op::Sync { file: 0 }) {
            cuts.extend([i, i + 1]);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut lost = 0;
    let mut kinds = BTreeMap::new();
    for &cut in &cuts {
        let acked = ops[..cut]
            .iter()
            .filter_map(|o| if let Op::Ack(n) = o { Some(*n) } else { None })
            .max();
        let after = power::after_cut(dir, base, ops, cut);
        let loaded = Journal::open(after.path()).and_then(|j| j.load("s1"));
        let kept = match &loaded {
            Ok(l) if l.damage.is_none() => l
                .entries
                .iter()
                .filter_map(|e| {
                    if let Event::Tick { ms } = e.event {
                        Some(ms - 1000)
                    } else {
                        None
                    }
                })
                .max(),
            _ => {
                *kinds.entry("damaged").or_insert(0) += 1;
                None
            }
        };
        if acked.is_some_and(|a| kept.is_none_or(|k| k < a)) {
            lost += 1;
            *kinds.entry("lost").or_insert(0) += 1;
        }
    }
    (cuts.len(), lost, kinds)
}

#[test]
fn power_loss() {
    if let Ok(dir) = std::env::var(CHILD) {
        child(Path::new(&dir));
    }
    let (dir, base, ops) = record(false);
    let syncs = ops.iter().filter(|o| matches!(o, Op::Sync { .. })).count();
    // The checkpoint between saves: pages written into the database file itself (file 0) once
    // answers were acknowledged, and synced there; the cuts below land in it too.
    let first_ack = ops.iter().position(|o| matches!(o, Op::Ack(_))).unwrap();
    let checkpointed = ops[first_ack..]
        .iter()
        .filter(|o| matches!(o, Op::Write { file: 0, .. }))
        .count();
    assert!(
        checkpointed > 0
            && ops[first_ack..]
                .iter()
                .any(|o| matches!(o, Op::Sync { file: 0 })),
        "no checkpoint between the saves"
    );
    let (cuts, lost, kinds) = cut_everywhere(dir.path(), &base, &ops);
    println!(
        "power loss, synchronous=FULL: {} ops, {syncs} syncs, {checkpointed} pages checkpointed, {cuts} cuts, {lost} lost ({kinds:?})",
        ops.len()
    );
    assert!(cuts >= 200);
    assert_eq!(
        lost, 0,
        "acknowledged events lost at a power cut: {kinds:?}"
    );

    let (dir, base, ops) = record(true);
    let syncs = ops.iter().filter(|o| matches!(o, Op::Sync { .. })).count();
    let (cuts, lost, kinds) = cut_everywhere(dir.path(), &base, &ops);
    println!(
        "negative control, eatmydata: {} ops, {syncs} syncs, {cuts} cuts, {lost} lost ({kinds:?})",
        ops.len()
    );
    assert_eq!(syncs, 0, "eatmydata must remove every sync");
    assert!(
        lost > cuts / 2,
        "the control must lose acknowledged events, or the test has no teeth"
    );
}

const WRITER_CHILD: &str = "USTUDY_POWER_WRITER_DIR";
/// Answers one by one, then a burst of answers queued together.
const ANSWERS: u64 = 8;
const BURST: u64 = 6;

fn acknowledge(i: u64) {
    let mut out = std::io::stdout().lock();
    out.write_all(format!("ACK {i}\n").as_bytes()).unwrap();
    out.flush().unwrap();
}

fn writer_child(dir: &Path) -> ! {
    let writer = ustudy::journal::Writer::spawn(dir.into()).unwrap();
    writer.resume_blocking("s1").unwrap();
    for i in 0..ANSWERS {
        writer
            .append_blocking("s1", Event::Tick { ms: 1000 + i })
            .unwrap();
        acknowledge(i);
        // A candidate's next answer comes after the writer's idle moment.
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    // Another connection holds the write lock until every answer of the burst waits.
    let lock = rusqlite::Connection::open(dir.join("journal.sqlite")).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    let burst: Vec<_> = (ANSWERS..ANSWERS + BURST)
        .map(|i| {
            let w = writer.clone();
            let t =
                std::thread::spawn(move || w.append_blocking("s1", Event::Tick { ms: 1000 + i }));
            std::thread::sleep(std::time::Duration::from_millis(30));
            t
        })
        .collect();
    lock.execute_batch("ROLLBACK").unwrap();
    for (i, t) in (ANSWERS..).zip(burst) {
        t.join().unwrap().unwrap();
        acknowledge(i);
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::process::exit(0);
}

/// The syncs in `ops`, by file.
fn syncs(ops: &[Op]) -> Vec<usize> {
    ops.iter()
        .filter_map(|o| match o {
            Op::Sync { file } => Some(*file),
            _ => None,
        })
        .collect()
}

/// An answer waits for its commit's sync, not the anchor's: the writer syncs the anchor when no
/// answer waits (between answers one by one; once after a burst), so the anchor is never left
/// unsynced for long.
#[test]
fn the_anchor_is_synced_when_no_answer_waits() {
    if let Ok(dir) = std::env::var(WRITER_CHILD) {
        writer_child(Path::new(&dir));
    }
    let dir = tempfile::tempdir().unwrap();
    {
        let mut j = Journal::open(dir.path()).unwrap();
        let paper = Paper::placeholder(preset::by_name("unt-2024").unwrap());
        j.create_session("s1", "demo", "00112233445566778899aabbccddeeff", &paper)
            .unwrap();
    }
    let (_, ops) = power::record(
        dir.path(),
        "the_anchor_is_synced_when_no_answer_waits",
        WRITER_CHILD,
        false,
    );
    let (wal, anchor) = (1, 2);
    let is_wal_write = |o: &Op| matches!(o, Op::Write { file, .. } if *file == wal);
    let is_anchor_write = |o: &Op| matches!(o, Op::Write { file, .. } if *file == anchor);
    let acks = acks_in(&ops);
    assert_eq!(acks.len() as u64, ANSWERS + BURST);
    // One by one: when an answer begins (its first write to the WAL), the anchor's count from
    // the answer before is synced.
    for (n, &ack) in acks[..usize::try_from(ANSWERS).unwrap()]
        .iter()
        .enumerate()
        .skip(1)
    {
        let start = ack
            - ops[..ack]
                .iter()
                .rev()
                .take_while(|o| !matches!(o, Op::Ack(_)))
                .count();
        let start = start + ops[start..].iter().position(is_wal_write).unwrap();
        let written = ops[..start].iter().rposition(is_anchor_write);
        let synced = ops[..start]
            .iter()
            .rposition(|o| matches!(o, Op::Sync { file } if *file == anchor));
        assert!(
            written.is_some() && synced > written,
            "answer {n} began with the anchor's last count unsynced"
        );
    }
    // The burst: its answers are committed one after another with no anchor sync between
    // them (nobody waits for one); the anchor is synced once they are all answered.
    let first_ack = usize::try_from(ANSWERS).unwrap();
    let begun = acks[first_ack - 1]
        + 1
        + ops[acks[first_ack - 1] + 1..]
            .iter()
            .position(is_wal_write)
            .unwrap();
    let last_commit = ops
        .iter()
        .rposition(|o| matches!(o, Op::Sync { file } if *file == wal))
        .unwrap();
    let during = syncs(&ops[begun..=last_commit]);
    assert!(
        during.iter().filter(|&&f| f == wal).count() >= usize::try_from(BURST).unwrap(),
        "each answer of the burst was committed: {during:?}"
    );
    assert!(
        !during.contains(&anchor),
        "the anchor was synced while answers waited: {during:?}"
    );
    let last_write = ops.iter().rposition(is_anchor_write).unwrap();
    assert!(
        ops[last_write..]
            .iter()
            .any(|o| matches!(o, Op::Sync { file } if *file == anchor)),
        "the anchor was left unsynced after the burst"
    );
}
