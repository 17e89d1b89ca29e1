//! The journal writer thread: appends are acknowledged only after commit, a commit that fails
//! (another process holds the database locked past the busy timeout at BEGIN; strace fails a
//! write to the WAL, which fails the COMMIT itself) is reported and never acknowledged, and the
//! next append continues the chain from the last committed record.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use support::paper;
use ustudy::exam::Event;
use ustudy::exam::event::Incident;
use ustudy::journal::{self, CHECKPOINT_MS, Journal, NewSession, Writer};

fn new_session(opening: Vec<Event>) -> NewSession {
    NewSession {
        prefix: "s1".to_owned(),
        package_id: "demo".to_owned(),
        seal_id: "00112233445566778899aabbccddeeff".to_owned(),
        paper: paper(),
        opening,
        carried: Vec::new(),
        supersedes: None,
    }
}

#[test]
fn appends_are_numbered_and_survive_a_new_writer() {
    let dir = tempfile::tempdir().unwrap();
    let writer = Writer::spawn(dir.path().to_owned()).unwrap();
    let s1 = writer.create_blocking(new_session(vec![])).unwrap();
    let from_threads: Vec<_> = (0..4)
        .map(|_| {
            let w = writer.clone();
            let s1 = s1.clone();
            std::thread::spawn(move || {
                (0..25)
                    .map(|_| w.append_blocking(&s1, Event::Tick { ms: 1 }).unwrap())
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut seqs: Vec<u64> = from_threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    seqs.sort_unstable();
    assert_eq!(
        seqs,
        (0..100).collect::<Vec<_>>(),
        "every append got its own number"
    );
    assert!(matches!(
        writer.append_blocking("nope", Event::Unlocked),
        Err(journal::JournalError::NoSession(_))
    ));
    drop(writer);
    let again = Writer::spawn(dir.path().to_owned()).unwrap();
    let loaded = again.resume_blocking(&s1).unwrap();
    assert!(loaded.damage.is_none());
    assert_eq!(loaded.entries.len(), 100);
    assert_eq!(again.append_blocking(&s1, Event::Paused).unwrap(), 100);
}

#[test]
fn a_failed_commit_is_not_acknowledged_and_the_chain_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let writer = Writer::spawn(dir.path().to_owned()).unwrap();
    let s1 = writer.create_blocking(new_session(vec![])).unwrap();
    assert_eq!(writer.append_blocking(&s1, Event::Unlocked).unwrap(), 0);
    // Another process takes the write lock and keeps it past the writer's busy timeout.
    let blocker = rusqlite::Connection::open(dir.path().join("journal.sqlite")).unwrap();
    blocker.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let failed = writer.append_blocking(&s1, Event::Paused);
    assert!(
        failed.is_err(),
        "a commit that did not happen must not be acknowledged"
    );
    blocker.execute_batch("ROLLBACK").unwrap();
    drop(blocker);
    assert_eq!(
        writer.append_blocking(&s1, Event::Resumed).unwrap(),
        1,
        "the failed event took no number"
    );
    let loaded = Journal::open(dir.path()).unwrap().load(&s1).unwrap();
    assert!(loaded.damage.is_none());
    assert_eq!(loaded.events(), vec![Event::Unlocked, Event::Resumed]);
}

#[test]
fn downtime_is_an_incident_only_past_two_checkpoints() {
    assert_eq!(
        journal::downtime(1_000_000, 1_000_000 + 2 * CHECKPOINT_MS),
        None
    );
    assert_eq!(
        journal::downtime(1_000_000, 900_000),
        None,
        "a clock that went back is not downtime"
    );
    assert_eq!(
        journal::downtime(1_000_000, 1_000_000 + 125_000),
        Some(Event::Incident {
            kind: Incident::Downtime { seconds: 125 }
        })
    );
}

#[test]
fn a_reader_beside_the_writer_never_sees_damage() {
    // The station's journal is read while it is written (verify, export, the end-to-end test):
    // records and the chain head must come from one snapshot.
    let dir = tempfile::tempdir().unwrap();
    let writer = Writer::spawn(dir.path().to_owned()).unwrap();
    let s1 = writer.create_blocking(new_session(vec![])).unwrap();
    let w = writer.clone();
    let id = s1.clone();
    // The writer waits for the reader every 20 records, so the two run interleaved however
    // fast the disk is (under Wine a commit costs next to nothing, and 400 records were done
    // before the first read).
    let done = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&done);
    let appends = std::thread::spawn(move || {
        let s1 = id;
        for i in 0..400 {
            while seen.load(Ordering::Acquire) < i / 20 {
                std::thread::yield_now();
            }
            w.append_blocking(&s1, Event::Tick { ms: 1 }).unwrap();
        }
    });
    let reader = Journal::open(dir.path()).unwrap();
    let mut reads = 0;
    let mut last = 0;
    while !appends.is_finished() {
        let loaded = reader.load(&s1).unwrap();
        assert!(
            loaded.damage.is_none(),
            "after {} records: {:?}",
            loaded.entries.len(),
            loaded.damage
        );
        assert!(loaded.entries.len() >= last, "a snapshot never goes back");
        last = loaded.entries.len();
        reads += 1;
        done.store(reads, Ordering::Release);
    }
    appends.join().unwrap();
    assert!(
        reads > 10,
        "the reader ran beside the writer ({reads} reads)"
    );
    assert_eq!(reader.load(&s1).unwrap().entries.len(), 400);
}

#[cfg(target_os = "linux")]
const COMMIT_CHILD: &str = "USTUDY_WRITER_COMMIT_CHILD_DIR";

/// The child for the failing COMMIT: five ticks through the writer, each outcome printed.
#[cfg(target_os = "linux")]
fn commit_child(dir: &std::path::Path) -> ! {
    use std::io::Write as _;
    let writer = Writer::spawn(dir.to_owned()).unwrap();
    writer.resume_blocking("s1").unwrap();
    let mut out = std::io::stdout().lock();
    for i in 0..5u64 {
        match writer.append_blocking("s1", Event::Tick { ms: 100 + i }) {
            Ok(seq) => writeln!(out, "ACK {i} {seq}").unwrap(),
            Err(e) => writeln!(out, "ERR {i} {e}").unwrap(),
        }
    }
    out.flush().unwrap();
    std::process::exit(0);
}

// strace fails the writes: Linux only (the Windows run under Wine skips it).
#[cfg(target_os = "linux")]
#[test]
fn a_commit_that_fails_while_writing_the_wal_is_not_acknowledged() {
    if let Ok(dir) = std::env::var(COMMIT_CHILD) {
        commit_child(std::path::Path::new(&dir));
    }
    // In WAL mode the records reach the file at COMMIT: failing a write to the WAL fails the
    // COMMIT itself, after BEGIN and the inserts succeeded. For each n, the n-th WAL write fails.
    for n in 1..=6 {
        let dir = tempfile::tempdir().unwrap();
        Journal::open(dir.path())
            .unwrap()
            .create_session("s1", "demo", "00", &paper())
            .unwrap();
        let wal = dir.path().join("journal.sqlite-wal");
        let log = dir.path().join("strace.log");
        let out = std::process::Command::new("strace")
            .args(["-f", "-qq", "-o"])
            .arg(&log)
            .arg("-P")
            .arg(&wal)
            .args(["-e", "trace=pwrite64"])
            .arg("-e")
            .arg(format!("inject=pwrite64:error=EIO:when={n}"))
            .arg(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "a_commit_that_fails_while_writing_the_wal_is_not_acknowledged",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(COMMIT_CHILD, dir.path())
            .output()
            .expect("strace runs (bash tests/run.sh installs it)");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            std::fs::read_to_string(&log).unwrap().contains("INJECTED"),
            "n={n}: the fault reached the WAL"
        );
        let acked: Vec<u64> = stdout
            .lines()
            .filter_map(|l| l.find("ACK ").map(|at| &l[at + 4..]))
            .map(|rest| rest.split_whitespace().next().unwrap().parse().unwrap())
            .collect();
        let failed = stdout.lines().filter(|l| l.contains("ERR ")).count();
        let loaded = Journal::open(dir.path()).unwrap().load("s1").unwrap();
        assert!(loaded.damage.is_none(), "n={n}: {:?}", loaded.damage);
        let stored: Vec<u64> = loaded
            .events()
            .iter()
            .filter_map(|e| match e {
                Event::Tick { ms } => Some(ms - 100),
                _ => None,
            })
            .collect();
        // Every acknowledged tick is there once, an unacknowledged one at most once, in order.
        for a in &acked {
            assert_eq!(
                stored.iter().filter(|s| *s == a).count(),
                1,
                "n={n}: {stored:?}"
            );
        }
        assert!(stored.windows(2).all(|w| w[0] < w[1]), "n={n}: {stored:?}");
        assert_eq!(failed, 1, "n={n}: the failed COMMIT is reported: {stdout}");
        assert_eq!(acked.len(), 4, "n={n}: the others go on: {stdout}");
        assert_eq!(
            stored, acked,
            "n={n}: the failed event is not in the journal"
        );
    }
}

/// The salt in the WAL's header, which `SQLite` changes each time the WAL starts over after a
/// checkpoint.
fn wal_salt(dir: &std::path::Path) -> [u8; 8] {
    let header = std::fs::read(dir.join("journal.sqlite-wal")).unwrap();
    header[16..24].try_into().unwrap()
}

#[test]
fn the_writer_checkpoints_in_a_pause_and_never_between_quick_saves() {
    let dir = tempfile::tempdir().unwrap();
    let writer = Writer::spawn(dir.path().to_owned()).unwrap();
    let s1 = writer.create_blocking(new_session(vec![])).unwrap();
    let before = wal_salt(dir.path());
    // A burst of 150 saves, each sent as soon as the last was acknowledged: past the hundred
    // commits a checkpoint waits for, and no pause among them.
    for _ in 0..150 {
        writer.append_blocking(&s1, Event::Tick { ms: 1 }).unwrap();
    }
    assert_eq!(
        wal_salt(dir.path()),
        before,
        "a checkpoint ran between two quick saves"
    );
    // A pause, then one more save: the checkpoint ran in the pause, so the WAL starts over.
    std::thread::sleep(std::time::Duration::from_millis(600));
    writer.append_blocking(&s1, Event::Tick { ms: 1 }).unwrap();
    assert_ne!(wal_salt(dir.path()), before, "no checkpoint in the pause");
}
