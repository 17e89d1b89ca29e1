//! The journal on a real `SQLite` file: durable settings are in force, events round-trip sealed
//! and chained, a recovered session folds to the live state, and damage is detected and reported
//! with what can still be recovered.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use std::collections::BTreeMap;

use support::paper;
use ustudy::exam::State;
use ustudy::exam::event::{Candidate, Event};
use ustudy::exam::state::fold;
use ustudy::exam::task::{Choice, Lang};
use ustudy::journal::{Journal, JournalError};

fn events() -> Vec<Event> {
    let candidate = Candidate {
        iin: "791028302728".to_owned(),
        name: "Әсем Қала".to_owned(),
        ticket: "A-17".to_owned(),
        extra_time: false,
        interface: Lang::Kk,
        languages: BTreeMap::new(),
    };
    let mut v = vec![
        Event::Unlocked,
        Event::CheckedIn { candidate },
        Event::Started,
    ];
    for t in 0..30u16 {
        v.push(Event::Answered {
            task: t,
            choice: Choice::One(u8::try_from(t % 4).unwrap()),
        });
        v.push(Event::Tick { ms: 5_000 });
    }
    v
}

fn journal_with_session(dir: &std::path::Path) -> Vec<Event> {
    let mut j = Journal::open(dir).expect("open");
    let mut cursor = j
        .create_session(
            "s1",
            "demo-unt-2024",
            "00112233445566778899aabbccddeeff",
            &paper(),
        )
        .expect("session");
    let evs = events();
    for (i, e) in evs.iter().enumerate() {
        assert_eq!(j.append(&mut cursor, e).expect("append"), i as u64);
    }
    evs
}

#[test]
fn durable_settings_are_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::open(dir.path()).expect("open");
    assert_eq!(j.synchronous().unwrap(), 2, "synchronous must be FULL");
    let conn = rusqlite::Connection::open(j.path()).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(dir.path().join("station.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn events_round_trip_and_fold_to_the_live_state() {
    let dir = tempfile::tempdir().unwrap();
    let evs = journal_with_session(dir.path());
    let j = Journal::open(dir.path()).expect("reopen");
    let sessions = j.sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].events, evs.len() as u64);
    let loaded = j.load("s1").expect("load");
    assert!(loaded.damage.is_none());
    assert_eq!(loaded.events(), evs);
    let p = paper();
    let mut live = State::new(&p);
    for e in &evs {
        live.apply(&p, e).unwrap();
    }
    assert_eq!(fold(&p, &loaded.events()).unwrap(), live);
    // Appending after recovery continues the same chain.
    let mut j = j;
    let mut cursor = loaded.cursor;
    j.append(
        &mut cursor,
        &Event::Marked {
            task: 3,
            marked: true,
        },
    )
    .unwrap();
    let again = j.load("s1").unwrap();
    assert!(again.damage.is_none());
    assert_eq!(again.entries.len(), evs.len() + 1);
    assert_eq!(again.paper, paper());
}

#[test]
fn answers_are_not_stored_in_clear() {
    let dir = tempfile::tempdir().unwrap();
    journal_with_session(dir.path());
    let mut bytes = std::fs::read(dir.path().join("journal.sqlite")).unwrap();
    if let Ok(wal) = std::fs::read(dir.path().join("journal.sqlite-wal")) {
        bytes.extend(wal);
    }
    for needle in ["791028302728", "answered", "Әсем"] {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "{needle} in clear"
        );
    }
}

fn raw(dir: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join("journal.sqlite")).unwrap()
}

#[test]
fn a_tampered_record_breaks_the_chain_there() {
    let dir = tempfile::tempdir().unwrap();
    let evs = journal_with_session(dir.path());
    let c = raw(dir.path());
    let mut sealed: Vec<u8> = c
        .query_row("SELECT sealed FROM events WHERE seq = 10", [], |r| r.get(0))
        .unwrap();
    sealed[20] ^= 0x01;
    c.execute("UPDATE events SET sealed = ?1 WHERE seq = 10", [sealed])
        .unwrap();
    let loaded = Journal::open(dir.path()).unwrap().load("s1").unwrap();
    assert!(
        matches!(loaded.damage, Some(JournalError::Chain { seq: 10 })),
        "{:?}",
        loaded.damage
    );
    assert_eq!(loaded.events(), evs[..10]);
}

#[test]
fn a_deleted_record_is_a_gap() {
    let dir = tempfile::tempdir().unwrap();
    journal_with_session(dir.path());
    let c = raw(dir.path());
    c.execute("DELETE FROM events WHERE seq = 7", []).unwrap();
    let loaded = Journal::open(dir.path()).unwrap().load("s1").unwrap();
    assert!(
        matches!(loaded.damage, Some(JournalError::Gap { seq: 7 })),
        "{:?}",
        loaded.damage
    );
    assert_eq!(loaded.entries.len(), 7);
}

#[test]
fn a_swapped_record_with_a_recomputed_hash_does_not_decrypt() {
    let dir = tempfile::tempdir().unwrap();
    journal_with_session(dir.path());
    // Move record 4's ciphertext to slot 5 and recompute the chain hash: the AEAD binding to the
    // sequence number still refuses it.
    let c = raw(dir.path());
    let sealed: Vec<u8> = c
        .query_row("SELECT sealed FROM events WHERE seq = 4", [], |r| r.get(0))
        .unwrap();
    let prev: Vec<u8> = c
        .query_row("SELECT hash FROM events WHERE seq = 4", [], |r| r.get(0))
        .unwrap();
    let prev: [u8; 32] = prev.try_into().unwrap();
    let hash = ustudy::journal::record::chain_hash(&prev, 5, &sealed);
    c.execute(
        "UPDATE events SET sealed = ?1, hash = ?2 WHERE seq = 5",
        rusqlite::params![sealed, hash.as_slice()],
    )
    .unwrap();
    let loaded = Journal::open(dir.path()).unwrap().load("s1").unwrap();
    assert!(
        matches!(loaded.damage, Some(JournalError::Record { seq: 5 })),
        "{:?}",
        loaded.damage
    );
}

#[test]
fn a_wrong_station_key_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    journal_with_session(dir.path());
    std::fs::write(
        dir.path().join("station.key"),
        format!("{}\n", "ab".repeat(32)),
    )
    .unwrap();
    let err = Journal::open(dir.path())
        .unwrap()
        .load("s1")
        .expect_err("wrong key");
    assert!(matches!(err, JournalError::StationKey(_)), "{err:?}");
    std::fs::write(dir.path().join("station.key"), "not hex").unwrap();
    assert!(matches!(
        Journal::open(dir.path()),
        Err(JournalError::StationKey(_))
    ));
}

#[test]
fn a_truncated_or_garbage_file_is_refused_not_crashed() {
    let dir = tempfile::tempdir().unwrap();
    journal_with_session(dir.path());
    // Fold the WAL into the main file first, so the truncation hits real pages.
    raw(dir.path())
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let path = dir.path().join("journal.sqlite");
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let outcome = Journal::open(dir.path()).and_then(|j| j.load("s1").map(|l| l.damage.is_some()));
    assert!(
        !matches!(outcome, Ok(false)),
        "a half file must not load cleanly"
    );
    std::fs::write(&path, b"this is not a database at all, just text").unwrap();
    assert!(Journal::open(dir.path()).is_err());
}

#[test]
fn a_missing_station_key_beside_sessions_is_not_recreated() {
    let dir = tempfile::tempdir().unwrap();
    journal_with_session(dir.path());
    let key = dir.path().join("station.key");
    std::fs::remove_file(&key).unwrap();
    let Err(e) = Journal::open(dir.path()) else {
        panic!("a journal with sessions opened with a fresh key");
    };
    assert!(matches!(e, JournalError::StationKey(_)), "{e}");
    assert!(e.to_string().contains("station.key is missing"), "{e}");
    assert!(!key.exists(), "a new key was written beside the journal");
    // A journal that holds no session yet may get a fresh key.
    let empty = tempfile::tempdir().unwrap();
    drop(Journal::open(empty.path()).unwrap());
    std::fs::remove_file(empty.path().join("station.key")).unwrap();
    Journal::open(empty.path()).expect("an empty journal gets a new key");
}

/// Lays a journal out as version 3 wrote it: events in a rowid table with its key beside it,
/// and an outbox table listing what waits (each session's records after its receipt).
fn as_version_3(dir: &std::path::Path) {
    let c = raw(dir);
    c.execute_batch(
        "PRAGMA foreign_keys = OFF;
         BEGIN;
         CREATE TABLE events_v3 (
             session TEXT NOT NULL REFERENCES sessions(id),
             seq INTEGER NOT NULL,
             hash BLOB NOT NULL,
             sealed BLOB NOT NULL,
             PRIMARY KEY (session, seq)
         ) STRICT;
         INSERT INTO events_v3 SELECT session, seq, hash, sealed FROM events;
         DROP TABLE events;
         ALTER TABLE events_v3 RENAME TO events;
         CREATE TABLE outbox (
             session TEXT NOT NULL,
             seq INTEGER NOT NULL,
             PRIMARY KEY (session, seq),
             FOREIGN KEY (session, seq) REFERENCES events(session, seq)
         ) STRICT;
         INSERT INTO outbox SELECT e.session, e.seq FROM events e
             WHERE e.seq > coalesce((SELECT seq FROM receipts r WHERE r.session = e.session), -1);
         PRAGMA user_version = 3;
         COMMIT;",
    )
    .unwrap();
}

#[test]
fn a_version_3_journal_is_read_as_it_lies_and_migrates_with_every_record_and_what_waits() {
    let dir = tempfile::tempdir().unwrap();
    let evs = journal_with_session(dir.path());
    let mut j = Journal::open(dir.path()).unwrap();
    let hash: Vec<u8> = raw(dir.path())
        .query_row(
            "SELECT hash FROM events WHERE session = 's1' AND seq = 19",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(j.acknowledge("s1", 19, &hash, "{}").unwrap(), 43);
    drop(j);
    as_version_3(dir.path());
    let version = |dir: &std::path::Path| -> i64 {
        raw(dir)
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(version(dir.path()), 3);

    // Inspection reads the old layout without changing it.
    let old = Journal::open_existing(dir.path()).unwrap();
    assert_eq!(old.backlog().unwrap().waiting, 43);
    assert_eq!(old.unsent(100, &[]).unwrap().unwrap().records[0].seq, 20);
    drop(old);
    assert_eq!(version(dir.path()), 3);

    let j = Journal::open(dir.path()).unwrap();
    assert!(j.lost().is_none(), "{:?}", j.lost());
    assert_eq!(version(dir.path()), 4);
    let tables: Vec<String> = raw(dir.path())
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!tables.iter().any(|t| t == "outbox"), "{tables:?}");
    let loaded = j.load("s1").unwrap();
    assert!(loaded.damage.is_none(), "{:?}", loaded.damage);
    assert_eq!(loaded.events(), evs);
    assert_eq!(j.backlog().unwrap().waiting, 43);
    let unsent = j.unsent(100, &[]).unwrap().unwrap();
    assert_eq!(unsent.records.first().map(|r| r.seq), Some(20));
    assert_eq!(unsent.records.last().map(|r| r.seq), Some(62));
}

#[test]
fn the_wal_starts_over_between_saves_so_no_save_waits_for_the_automatic_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    let opening = journal_with_session(dir.path()).len();
    let mut j = Journal::open(dir.path()).unwrap();
    let mut cursor = j.load("s1").unwrap().cursor;
    let wal = dir.path().join("journal.sqlite-wal");
    let mut largest = 0;
    for i in 0..1500u16 {
        j.append(
            &mut cursor,
            &Event::Answered {
                task: i % 120,
                choice: Choice::One(u8::try_from(i % 4).unwrap()),
            },
        )
        .unwrap();
        j.settle().unwrap();
        j.rest();
        largest = largest.max(std::fs::metadata(&wal).unwrap().len());
    }
    // The automatic checkpoint runs inside the commit that takes the WAL past 1,000 pages (4 MB):
    // a WAL that never grows to half of that was started over between saves.
    assert!(
        largest < 2 * 1024 * 1024,
        "the WAL grew to {largest} bytes between checkpoints"
    );
    assert_eq!(j.load("s1").unwrap().entries.len(), opening + 1500);
}

#[test]
fn a_journal_of_another_schema_is_refused_and_left_as_it_lies() {
    for version in [2, 99] {
        let dir = tempfile::tempdir().unwrap();
        let evs = journal_with_session(dir.path());
        raw(dir.path())
            .pragma_update(None, "user_version", version)
            .unwrap();
        // Version 2 is older than inspection reads (it had no receipts); 99 is a newer program's.
        assert!(
            matches!(Journal::open_existing(dir.path()), Err(JournalError::Schema(v)) if v == version)
        );
        if version > 3 {
            assert!(matches!(
                Journal::open(dir.path()),
                Err(JournalError::Schema(99))
            ));
        }
        let c = raw(dir.path());
        let kept: i64 = c
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
            .unwrap();
        let now: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!((kept, now), (i64::try_from(evs.len()).unwrap(), version));
    }
}
