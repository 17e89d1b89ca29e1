//! `ustudy-station journal verify` on real journals: exit 0 and a state summary when intact, and
//! a distinct non-zero code, never a panic, for each kind of damage.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use ustudy::exam::event::Candidate;
use ustudy::exam::task::{Choice, Lang};
use ustudy::exam::{Event, Paper, preset};
use ustudy::journal::Journal;

fn make(dir: &Path) {
    let mut j = Journal::open(dir).unwrap();
    let paper = Paper::placeholder(preset::by_name("unt-2024").unwrap());
    let mut c = j
        .create_session(
            "s1",
            "demo-unt-2024",
            "00112233445566778899aabbccddeeff",
            &paper,
        )
        .unwrap();
    let candidate = Candidate {
        iin: "791028302728".to_owned(),
        name: "Demo Candidate".to_owned(),
        ticket: "T".to_owned(),
        extra_time: false,
        interface: Lang::En,
        languages: BTreeMap::new(),
    };
    let mut events = vec![
        Event::Unlocked,
        Event::CheckedIn { candidate },
        Event::Started,
    ];
    events.extend((0..7).map(|t| Event::Answered {
        task: t,
        choice: Choice::One(1),
    }));
    events.push(Event::Tick { ms: 61_000 });
    for e in &events {
        j.append(&mut c, e).unwrap();
    }
}

fn verify(dir: &Path) -> (Option<i32>, String, String) {
    let ran = support::cli::station(&["journal", "verify", "--data-dir", dir.to_str().unwrap()]);
    (ran.code, ran.stdout, ran.stderr)
}

#[test]
fn an_intact_journal_verifies_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    make(dir.path());
    let (code, out, err) = verify(dir.path());
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("11 events"), "{out}");
    assert!(out.contains("chain: intact (11 records verified)"), "{out}");
    assert!(
        out.contains(
            "state: testing, answered 7/120, 3:58:59 left, candidate 7910******28 Demo Candidate"
        ),
        "{out}"
    );
    assert!(!out.contains("791028302728"), "the IIN is masked");
}

#[test]
fn damage_gives_distinct_codes_and_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    make(dir.path());
    let db = dir.path().join("journal.sqlite");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut sealed: Vec<u8> = conn
        .query_row("SELECT sealed FROM events WHERE seq = 5", [], |r| r.get(0))
        .unwrap();
    sealed[30] ^= 0x40;
    conn.execute("UPDATE events SET sealed = ?1 WHERE seq = 5", [sealed])
        .unwrap();
    drop(conn);
    let (code, out, err) = verify(dir.path());
    assert_eq!(code, Some(3), "{out}{err}");
    assert!(out.contains("chain: DAMAGED after 5 good records"), "{out}");

    let key = dir.path().join("station.key");
    let good_key = std::fs::read(&key).unwrap();
    std::fs::write(&key, format!("{}\n", "cd".repeat(32))).unwrap();
    let (code, out, err) = verify(dir.path());
    assert_eq!(code, Some(5), "{out}{err}");
    std::fs::remove_file(&key).unwrap();
    let (code, _, err) = verify(dir.path());
    assert_eq!(code, Some(5), "{err}");
    assert!(!key.exists(), "verify must not create a station key");
    std::fs::write(&key, good_key).unwrap();

    std::fs::write(
        &db,
        b"definitely not a database file, not even close to one",
    )
    .unwrap();
    let _ = std::fs::remove_file(dir.path().join("journal.sqlite-wal"));
    let _ = std::fs::remove_file(dir.path().join("journal.sqlite-shm"));
    let (code, _, err) = verify(dir.path());
    assert_eq!(code, Some(4), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let empty = tempfile::tempdir().unwrap();
    let (code, _, err) = verify(empty.path());
    assert_eq!(code, Some(4), "{err}");
    assert!(
        std::fs::read_dir(empty.path()).unwrap().next().is_none(),
        "verify created files"
    );
}

/// Every file in `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The station's writer open on `dir`, with five more records in the WAL (not checkpointed).
fn writing(dir: &Path) -> (Journal, ustudy::journal::store::Cursor) {
    let mut writer = Journal::open(dir).unwrap();
    let mut cursor = writer.load("s1").unwrap().cursor;
    for i in 0..5 {
        writer
            .append(&mut cursor, &Event::Tick { ms: 1000 + i })
            .unwrap();
    }
    (writer, cursor)
}

#[test]
fn verify_changes_no_byte_of_what_it_inspects() {
    // A journal at rest (the writer closed it: no -wal or -shm beside it).
    let dir = tempfile::tempdir().unwrap();
    make(dir.path());
    let before = snapshot(dir.path());
    let (code, out, err) = verify(dir.path());
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(
        snapshot(dir.path()),
        before,
        "verify changed or created files"
    );

    // The station's writer open beside it, with records still in the WAL (not checkpointed).
    let live = tempfile::tempdir().unwrap();
    make(live.path());
    let (mut writer, mut cursor) = writing(live.path());
    let before = snapshot(live.path());
    assert!(
        before
            .get("journal.sqlite-wal")
            .is_some_and(|w| !w.is_empty()),
        "the WAL holds the new records"
    );
    let (code, out, err) = verify(live.path());
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("16 records verified"), "{out}");
    assert_eq!(
        snapshot(live.path()),
        before,
        "verify changed the journal beside a running writer"
    );
    // And the writer goes on as if nothing happened.
    writer.append(&mut cursor, &Event::Tick { ms: 7 }).unwrap();
}

#[test]
fn verify_reads_the_journal_of_a_station_that_stopped_without_closing() {
    // The files as a killed station leaves them: records in the WAL, a stale index beside it.
    let live = tempfile::tempdir().unwrap();
    make(live.path());
    let (writer, _) = writing(live.path());
    let dead = tempfile::tempdir().unwrap();
    support::copy_journal(live.path(), dead.path());
    drop(writer);
    let before = snapshot(dead.path());
    let (code, out, err) = verify(dead.path());
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("16 records verified"), "{out}");
    assert_eq!(snapshot(dead.path()), before, "verify changed the files");
}
