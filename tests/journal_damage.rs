//! Damaged journal files are detected and reported, never silently accepted and never a crash:
//! single bit flips all through the database file, and a `-wal` file from another journal placed
//! beside it.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stdout)]

use std::path::Path;

use ustudy::exam::{Event, Paper, preset};
use ustudy::journal::Journal;

fn paper() -> Paper {
    Paper::placeholder(preset::by_name("unt-2024").unwrap())
}

fn events(offset: u64) -> Vec<Event> {
    (0..40).map(|i| Event::Tick { ms: offset + i }).collect()
}

fn fill(j: &mut Journal, offset: u64) {
    let mut c = j
        .create_session("s1", "demo", "00112233445566778899aabbccddeeff", &paper())
        .unwrap();
    for e in events(offset) {
        j.append(&mut c, &e).unwrap();
    }
}

/// What a damaged journal may do: refuse to open, refuse to load, report damage, or load the
/// original events unchanged (a flip in unused space). Anything else is silent acceptance.
fn outcome(dir: &Path, original: &[Event]) -> &'static str {
    match Journal::open(dir) {
        Err(_) => "refused at open",
        Ok(j) => match j.load("s1") {
            Err(_) => "refused at load",
            Ok(l) if l.damage.is_some() => {
                assert_eq!(
                    l.events(),
                    original[..l.entries.len()],
                    "the recovered prefix is genuine"
                );
                "damage reported"
            }
            Ok(l) => {
                assert_eq!(l.events(), original, "changed data was accepted silently");
                "unchanged"
            }
        },
    }
}

#[test]
fn bit_flips_anywhere_in_the_file_are_caught() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut j = Journal::open(dir.path()).unwrap();
        fill(&mut j, 0);
    } // closing checkpoints the WAL into the database file
    assert!(!dir.path().join("journal.sqlite-wal").exists());
    let original = std::fs::read(dir.path().join("journal.sqlite")).unwrap();
    let key = std::fs::read(dir.path().join("station.key")).unwrap();
    let evs = events(0);
    let mut tally = std::collections::BTreeMap::new();
    // Every 37th byte, a different bit each time: about 1,000 flips over the whole file.
    for (n, pos) in (0..original.len()).step_by(37).enumerate() {
        let work = tempfile::tempdir().unwrap();
        let mut bytes = original.clone();
        bytes[pos] ^= 1 << (n % 8);
        std::fs::write(work.path().join("journal.sqlite"), &bytes).unwrap();
        std::fs::write(work.path().join("station.key"), &key).unwrap();
        *tally.entry(outcome(work.path(), &evs)).or_insert(0) += 1;
    }
    println!("bit flips: {tally:?}");
    assert!(
        tally.get("unchanged").copied().unwrap_or(0) < tally.values().sum::<i32>(),
        "some flips must be detected"
    );
}

#[test]
fn a_wal_from_another_journal_is_not_accepted() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let mut ja = Journal::open(a.path()).unwrap();
    let mut jb = Journal::open(b.path()).unwrap();
    fill(&mut ja, 0);
    fill(&mut jb, 10_000);
    // Snapshots taken while both are open: each database with its own un-checkpointed WAL.
    let mixed = tempfile::tempdir().unwrap();
    std::fs::copy(
        a.path().join("journal.sqlite"),
        mixed.path().join("journal.sqlite"),
    )
    .unwrap();
    std::fs::copy(
        a.path().join("station.key"),
        mixed.path().join("station.key"),
    )
    .unwrap();
    std::fs::copy(
        b.path().join("journal.sqlite-wal"),
        mixed.path().join("journal.sqlite-wal"),
    )
    .unwrap();
    // `outcome` fails the test if anything but journal A's own events load without a report.
    let result = outcome(mixed.path(), &events(0));
    println!("mismatched wal: {result}");
    assert_ne!(
        result, "unchanged",
        "B's pages over A's file must not pass unnoticed"
    );
}
