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

/// Cuts power at `cuts` points; returns (cuts evaluated, cuts that lost acknowledged events).
fn cut_everywhere(
    dir: &Path,
    base: &[Option<Vec<u8>>; 3],
    ops: &[Op],
) -> (usize, usize, BTreeMap<&'static str, usize>) {
    let acks: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, o)| matches!(o, Op::Ack(_)))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        acks.len() as u64,
        APPENDS,
        "every acknowledgement was recorded"
    );
    // Right after every acknowledgement (the worst moments), and between them at even steps.
    let mut cuts: Vec<usize> = acks.iter().map(|i| i + 1).collect();
    cuts.extend((0..=ops.len()).step_by((ops.len() / 100).max(1)));
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
    let (cuts, lost, kinds) = cut_everywhere(dir.path(), &base, &ops);
    println!(
        "power loss, synchronous=FULL: {} ops, {syncs} syncs, {cuts} cuts, {lost} lost ({kinds:?})",
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
