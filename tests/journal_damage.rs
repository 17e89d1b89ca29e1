//! Damaged journal files are detected and reported, never silently accepted and never a crash:
//! every field of every table edited on its own (records, chain head, session row),
//! single bit flips all through the database file, a `-wal` from another journal, a deleted or
//! truncated `-wal` and a foreign `-shm`. Recovery runs on every damaged file and must report
//! damage, or bring back exactly the original state; a different state without a warning fails.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stdout)]

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use support::paper;
use ustudy::exam::state::fold;
use ustudy::exam::{Event, State};
use ustudy::journal::Journal;
use ustudy::journal::recovery::{Found, recover};

/// A session in Testing: the opening events, then 37 ticks (`offset` tells journals apart).
fn events(offset: u64) -> Vec<Event> {
    let mut v = vec![
        Event::Unlocked,
        Event::CheckedIn {
            candidate: support::script::candidate(),
        },
        Event::Started,
    ];
    v.extend((3..40).map(|i| Event::Tick { ms: offset + i }));
    v
}

fn fill(j: &mut Journal, offset: u64) {
    let mut c = j
        .create_session("s1", "demo", "00112233445566778899aabbccddeeff", &paper())
        .unwrap();
    for e in events(offset) {
        j.append(&mut c, &e).unwrap();
    }
}

/// What start-up makes of a damaged journal: it refuses to open it (the station names the
/// file), reports damage or a stuck session, finds nothing (only allowed for an original with
/// no open session), or resumes exactly the original state.
fn recovery(dir: &Path, original: &State) -> &'static str {
    let Ok(j) = Journal::open(dir) else {
        return "refused at open";
    };
    match recover(&j, 0, |_| true) {
        Err(_) => "refused at recovery",
        Ok((Found::Stuck(_), _)) => "stuck",
        Ok((Found::Nothing, _)) => panic!("the open session vanished without a warning"),
        Ok((Found::Resume(r), _)) if r.damage.is_some() => "damage reported",
        Ok((Found::Resume(r), _)) => {
            assert_eq!(&r.state, original, "a different state was resumed silently");
            "unchanged"
        }
    }
}

/// What a damaged journal may do: refuse to open, refuse to load, report damage, or load the
/// original events unchanged (a flip in unused space). Anything else is silent acceptance.
fn outcome(dir: &Path, original: &[Event]) -> &'static str {
    match Journal::open(dir) {
        Err(_) => "refused at open",
        Ok(j) if j.lost().is_some() => "loss reported",
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
    let anchor = std::fs::read(dir.path().join("journal.anchor")).unwrap();
    let evs = events(0);
    let state = fold(&paper(), &evs).unwrap();
    let sessions = Journal::open(dir.path()).unwrap().sessions().unwrap();
    let mut tally = BTreeMap::new();
    // Every 37th byte, a different bit each time: about 1,000 flips over the whole file.
    for (n, pos) in (0..original.len()).step_by(37).enumerate() {
        let work = tempfile::tempdir().unwrap();
        let mut bytes = original.clone();
        bytes[pos] ^= 1 << (n % 8);
        std::fs::write(work.path().join("journal.sqlite"), &bytes).unwrap();
        std::fs::write(work.path().join("station.key"), &key).unwrap();
        std::fs::write(work.path().join("journal.anchor"), &anchor).unwrap();
        let seen = outcome(work.path(), &evs);
        let _ = recovery(work.path(), &state);
        if seen == "unchanged" {
            // Unchanged means unchanged everywhere: the session row too.
            let j = Journal::open(work.path()).unwrap();
            assert_eq!(
                j.sessions().unwrap(),
                sessions,
                "flip at {pos}: a changed row passed"
            );
        }
        *tally.entry(seen).or_insert(0) += 1;
    }
    println!("bit flips: {tally:?}");
    // Flips in free space and page slack change nothing, and each "unchanged" above was checked
    // to be unchanged in events, session rows and recovered state; everything else was caught.
    let caught = tally.values().sum::<i32>() - tally.get("unchanged").copied().unwrap_or(0);
    assert!(caught > 500, "flips in the data must be caught: {tally:?}");
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
        a.path().join("journal.anchor"),
        mixed.path().join("journal.anchor"),
    )
    .unwrap();
    std::fs::copy(
        b.path().join("journal.sqlite-wal"),
        mixed.path().join("journal.sqlite-wal"),
    )
    .unwrap();
    // `outcome` fails the test if anything but journal A's own events load without a report.
    let result = outcome(mixed.path(), &events(0));
    let _ = recovery(mixed.path(), &fold(&paper(), &events(0)).unwrap());
    println!("mismatched wal: {result}");
    assert_ne!(
        result, "unchanged",
        "B's pages over A's file must not pass unnoticed"
    );
}

/// A journal at rest (everything in the database file) with one session of `events(0)`.
fn at_rest() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fill(&mut Journal::open(dir.path()).unwrap(), 0);
    dir
}

/// Applies `sql` to a copy of `dir` and says what loading and recovery make of it.
fn edited(dir: &Path, sql: &str) -> (&'static str, &'static str) {
    let work = tempfile::tempdir().unwrap();
    for f in ["journal.sqlite", "station.key", "journal.anchor"] {
        std::fs::copy(dir.join(f), work.path().join(f)).unwrap();
    }
    let conn = rusqlite::Connection::open(work.path().join("journal.sqlite")).unwrap();
    let changed = conn.execute_batch(&format!("PRAGMA foreign_keys = OFF; {sql}"));
    assert!(changed.is_ok(), "{sql}: {changed:?}");
    drop(conn);
    let evs = events(0);
    (
        outcome(work.path(), &evs),
        recovery(work.path(), &fold(&paper(), &evs).unwrap()),
    )
}

#[test]
fn an_edit_of_any_field_is_caught() {
    let dir = at_rest();
    let caught = [
        (
            "a record's sealed bytes",
            "UPDATE events SET sealed = CAST(sealed || x'00' AS BLOB) WHERE seq = 7",
        ),
        (
            "a record's hash",
            "UPDATE events SET hash = zeroblob(32) WHERE seq = 7",
        ),
        (
            "a record moved",
            "UPDATE events SET seq = 100 WHERE seq = 7",
        ),
        ("a record deleted", "DELETE FROM events WHERE seq = 7"),
        (
            "the last record deleted",
            "DELETE FROM events WHERE seq = 39",
        ),
        ("the head's number", "UPDATE heads SET seq = 30"),
        ("the head's hash", "UPDATE heads SET hash = zeroblob(32)"),
        ("the head's tag", "UPDATE heads SET mac = zeroblob(32)"),
        ("the head deleted", "DELETE FROM heads"),
        (
            "head and records cut back together",
            "DELETE FROM events WHERE seq >= 30; UPDATE heads SET seq = 29, hash = (SELECT hash FROM events WHERE seq = 29)",
        ),
        ("closed set", "UPDATE sessions SET closed = 1"),
        ("the package", "UPDATE sessions SET package_id = 'other'"),
        ("the seal", "UPDATE sessions SET seal_id = 'ff'"),
        (
            "the candidate",
            "UPDATE sessions SET candidate = 'someone-else'",
        ),
        (
            "a session it supersedes",
            "UPDATE sessions SET supersedes = 'x'",
        ),
        (
            "the wrapped key",
            "UPDATE sessions SET wrapped_key = zeroblob(60)",
        ),
        (
            "the sealed paper",
            "UPDATE sessions SET paper = CAST(paper || x'00' AS BLOB)",
        ),
    ];
    for (what, sql) in caught {
        let (load, recovered) = edited(dir.path(), sql);
        assert_ne!(load, "unchanged", "{what}: the edit passed unnoticed");
        assert_ne!(
            recovered, "unchanged",
            "{what}: recovery resumed it silently"
        );
        println!("{what}: {load}, {recovered}");
    }
}

/// A journal with its writer still open: records in the WAL, not yet in the database file.
/// Returns a copy of the three files as a crash would leave them.
fn live_copy() -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut j = Journal::open(dir.path()).unwrap();
    fill(&mut j, 0);
    let copy = tempfile::tempdir().unwrap();
    support::copy_journal(dir.path(), copy.path());
    drop(j);
    (dir, copy)
}

#[test]
fn a_lost_truncated_or_foreign_wal_or_shm_never_passes_as_different_data() {
    let evs = events(0);
    let state = fold(&paper(), &evs).unwrap();
    // The copy as the crash left it recovers completely.
    let (_keep, copy) = live_copy();
    let whole = outcome(copy.path(), &evs);
    assert_eq!(
        whole,
        "unchanged",
        "{:?}",
        Journal::open(copy.path())
            .and_then(|j| j.load("s1"))
            .map(|l| l.damage)
    );
    assert_eq!(recovery(copy.path(), &state), "unchanged");
    // A foreign -shm (another journal's index) beside it: rebuilt from the WAL, or refused.
    let (_k1, a) = live_copy();
    let (_k2, b) = live_copy();
    std::fs::copy(
        b.path().join("journal.sqlite-shm"),
        a.path().join("journal.sqlite-shm"),
    )
    .unwrap();
    let with_foreign_shm = outcome(a.path(), &evs);
    let _ = recovery(a.path(), &state);
    println!("foreign -shm: {with_foreign_shm}");
    // A deleted or truncated -wal loses committed records: the journal is behind its anchor,
    // and that is reported (an older journal never passes as the real one).
    let (_k3, deleted) = live_copy();
    std::fs::remove_file(deleted.path().join("journal.sqlite-wal")).unwrap();
    std::fs::remove_file(deleted.path().join("journal.sqlite-shm")).unwrap();
    let seen = outcome(deleted.path(), &evs);
    println!("deleted -wal: {seen}");
    assert_eq!(seen, "loss reported");
    let (_k6, again) = live_copy();
    std::fs::remove_file(again.path().join("journal.sqlite-wal")).unwrap();
    std::fs::remove_file(again.path().join("journal.sqlite-shm")).unwrap();
    let seen = recovery(again.path(), &state);
    assert_ne!(seen, "unchanged");
    let (_k5, fresh) = live_copy();
    let wal_len = std::fs::metadata(fresh.path().join("journal.sqlite-wal"))
        .unwrap()
        .len();
    for cut in [32, 4096, wal_len / 3, wal_len / 2, wal_len - 100] {
        let (_k4, truncated) = live_copy();
        let wal = std::fs::OpenOptions::new()
            .write(true)
            .open(truncated.path().join("journal.sqlite-wal"))
            .unwrap();
        wal.set_len(cut).unwrap();
        drop(wal);
        let _ = std::fs::remove_file(truncated.path().join("journal.sqlite-shm"));
        let seen = outcome(truncated.path(), &evs);
        println!("-wal cut at {cut}: {seen}");
        assert!(
            ["loss reported", "refused at open"].contains(&seen),
            "-wal cut at {cut}: {seen}"
        );
    }
}
