//! The journal writer thread: appends are acknowledged only after commit, a commit that fails
//! (here: another process holds the database locked past the busy timeout) is reported and never
//! acknowledged, and the next append continues the chain from the last committed record.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use ustudy::exam::event::Incident;
use ustudy::exam::{Event, Paper, preset};
use ustudy::journal::{self, CHECKPOINT_MS, Journal, NewSession, Writer};

fn paper() -> Paper {
    Paper::placeholder(preset::by_name("unt-2024").unwrap())
}

fn new_session(opening: Vec<Event>) -> NewSession {
    NewSession {
        id: "s1".to_owned(),
        package_id: "demo".to_owned(),
        seal_id: "00112233445566778899aabbccddeeff".to_owned(),
        paper: paper(),
        opening,
    }
}

#[test]
fn appends_are_numbered_and_survive_a_new_writer() {
    let dir = tempfile::tempdir().unwrap();
    let writer = Writer::spawn(dir.path().to_owned()).unwrap();
    writer.create_blocking(new_session(vec![])).unwrap();
    let from_threads: Vec<_> = (0..4)
        .map(|_| {
            let w = writer.clone();
            std::thread::spawn(move || {
                (0..25)
                    .map(|_| w.append_blocking("s1", Event::Tick { ms: 1 }).unwrap())
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
    let loaded = again.resume_blocking("s1").unwrap();
    assert!(loaded.damage.is_none());
    assert_eq!(loaded.entries.len(), 100);
    assert_eq!(again.append_blocking("s1", Event::Paused).unwrap(), 100);
}

#[test]
fn a_failed_commit_is_not_acknowledged_and_the_chain_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let writer = Writer::spawn(dir.path().to_owned()).unwrap();
    writer.create_blocking(new_session(vec![])).unwrap();
    assert_eq!(writer.append_blocking("s1", Event::Unlocked).unwrap(), 0);
    // Another process takes the write lock and keeps it past the writer's busy timeout.
    let blocker = rusqlite::Connection::open(dir.path().join("journal.sqlite")).unwrap();
    blocker.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let failed = writer.append_blocking("s1", Event::Paused);
    assert!(
        failed.is_err(),
        "a commit that did not happen must not be acknowledged"
    );
    blocker.execute_batch("ROLLBACK").unwrap();
    drop(blocker);
    assert_eq!(
        writer.append_blocking("s1", Event::Resumed).unwrap(),
        1,
        "the failed event took no number"
    );
    let loaded = Journal::open(dir.path()).unwrap().load("s1").unwrap();
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
    writer.create_blocking(new_session(vec![])).unwrap();
    let w = writer.clone();
    let appends = std::thread::spawn(move || {
        for _ in 0..400 {
            w.append_blocking("s1", Event::Tick { ms: 1 }).unwrap();
        }
    });
    let reader = Journal::open(dir.path()).unwrap();
    let mut reads = 0;
    let mut last = 0;
    while !appends.is_finished() {
        let loaded = reader.load("s1").unwrap();
        assert!(
            loaded.damage.is_none(),
            "after {} records: {:?}",
            loaded.entries.len(),
            loaded.damage
        );
        assert!(loaded.entries.len() >= last, "a snapshot never goes back");
        last = loaded.entries.len();
        reads += 1;
    }
    appends.join().unwrap();
    assert!(
        reads > 10,
        "the reader ran beside the writer ({reads} reads)"
    );
    assert_eq!(reader.load("s1").unwrap().entries.len(), 400);
}
