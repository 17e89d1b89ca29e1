//! The center's storage contract, run against both backends: the `SQLite` file and a real
//! `PostgreSQL` server the test starts itself (Debian's package, on 127.0.0.1). Each contract is
//! one function over `&dyn Store`; each backend runs all of them on a fresh store, then opens
//! the same store again to see that everything stayed. Then the exactly-once promise on
//! `PostgreSQL` across two stores that share nothing but the database (as two `serve`
//! processes do): the same batches kept from both at once are kept once, with the same answer.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use std::sync::Arc;

use support::postgres::Postgres;
use ustudy::center::store::{
    BatchIn, Incoming, NewCode, PgStore, SCHEMA_VERSION, SqliteStore, Store, StoreError,
};
use ustudy::protocol::roster::RosterRow;

fn code(id: &str, station: &str, seat: &str) -> NewCode {
    NewCode {
        id: id.into(),
        key: [7; 32],
        station: station.into(),
        hall: "A".into(),
        seat: seat.into(),
        created_ms: 1_000,
        expires_ms: 10_000,
    }
}

/// Enrollment codes: one use, checked, expiring; a refusal changes nothing.
fn keeps_the_enrollment_contract(store: &dyn Store) {
    let first = code("AB12", "hall-1", "4");
    store.add_code(&first).unwrap();
    assert!(matches!(store.add_code(&first), Err(StoreError::CodeClash)));
    let is = |k: [u8; 32]| move |key: &[u8; 32]| *key == k;
    assert!(matches!(
        store.redeem("ZZZZ", 2_000, &is([7; 32]), [1; 32], [2; 32]),
        Err(StoreError::NoCode)
    ));
    assert!(matches!(
        store.redeem("AB12", 2_000, &is([8; 32]), [1; 32], [2; 32]),
        Err(StoreError::WrongCode)
    ));
    assert!(matches!(
        store.redeem("AB12", 10_000, &is([7; 32]), [1; 32], [2; 32]),
        Err(StoreError::CodeExpired)
    ));
    assert_eq!(
        store.station("hall-1").unwrap(),
        None,
        "nothing enrolled by a refusal"
    );
    let done = store
        .redeem("AB12", 2_000, &is([7; 32]), [1; 32], [2; 32])
        .unwrap();
    assert_eq!(done.key, [7; 32]);
    assert_eq!(done.station.seat, "4");
    assert!(matches!(
        store.redeem("AB12", 2_001, &is([7; 32]), [3; 32], [4; 32]),
        Err(StoreError::CodeUsed)
    ));
    let kept = store.station("hall-1").unwrap().unwrap();
    assert_eq!(kept.signing_public, [1; 32], "a used code changes nothing");
    assert_eq!(kept.hall, "A");
    // A new code for the same station enrolls it anew (a replaced PC).
    store.add_code(&code("CD34", "hall-1", "5")).unwrap();
    store
        .redeem("CD34", 3_000, &is([7; 32]), [5; 32], [6; 32])
        .unwrap();
    let again = store.station("hall-1").unwrap().unwrap();
    assert_eq!((again.seat.as_str(), again.agree_public), ("5", [6; 32]));
    assert_eq!(store.stations().unwrap(), vec![again]);
}

fn row(iin: &str, hall: &str) -> RosterRow {
    RosterRow {
        iin: iin.into(),
        name: "Нұрланова Әсем".into(),
        ticket: format!("T-{iin}"),
        format: "unt-2024".into(),
        language: "kk".into(),
        extra_time: iin.ends_with('8'),
        hall: hall.into(),
        seat: "1".into(),
        date: "2027-06-20".into(),
        start: "09:00".into(),
    }
}

/// Roster imports are all or nothing, a hall sees its own candidates in IIN order, and a
/// candidate's key goes out once until an operator re-issues it.
fn keeps_the_roster_contract(store: &dyn Store) {
    let first = [
        row("791028302728", "A"),
        row("061211600012", "A"),
        row("000101500019", "B"),
    ];
    assert_eq!(store.import_roster(&first).unwrap(), 3);
    let again = [row("990101300015", "A"), row("061211600012", "A")];
    assert!(
        matches!(store.import_roster(&again), Err(StoreError::OnRoster(iin)) if iin == "061211600012")
    );
    assert_eq!(
        store.roster("A").unwrap(),
        vec![first[1].clone(), first[0].clone()],
        "in IIN order, and nothing of the refused import stayed"
    );
    assert_eq!(store.roster("C").unwrap(), Vec::new());
    store.release("061211600012", "st-1", "ab", 5).unwrap();
    assert!(matches!(
        store.release("061211600012", "st-2", "ab", 6),
        Err(StoreError::AlreadyReleased(to)) if to == "st-1"
    ));
    assert!(matches!(
        store.reissue("791028302728", "the station failed", 7),
        Err(StoreError::NotReleased(_))
    ));
    assert_eq!(
        store
            .reissue("061211600012", "the station failed", 7)
            .unwrap(),
        "st-1"
    );
    store.release("061211600012", "st-2", "ab", 8).unwrap();
    assert!(matches!(
        store.release("061211600012", "st-3", "ab", 9),
        Err(StoreError::AlreadyReleased(to)) if to == "st-2"
    ));
}

/// Operators: one per name; a login is found by its token hash until it expires or closes;
/// a station's latest heartbeat replaces the one before.
fn keeps_the_operator_contract(store: &dyn Store) {
    assert_eq!(store.operator_hash("aigerim").unwrap(), None);
    store.add_operator("aigerim", "h1", 1).unwrap();
    assert!(matches!(
        store.add_operator("aigerim", "h2", 2),
        Err(StoreError::OperatorExists(n)) if n == "aigerim"
    ));
    assert_eq!(
        store.operator_hash("aigerim").unwrap().as_deref(),
        Some("h1")
    );
    store.open_login(&[1; 32], "aigerim", 10, 100).unwrap();
    assert_eq!(
        store.login(&[1; 32], 50).unwrap().as_deref(),
        Some("aigerim")
    );
    assert_eq!(store.login(&[2; 32], 50).unwrap(), None, "another token");
    assert_eq!(store.login(&[1; 32], 100).unwrap(), None, "expired");
    store.open_login(&[3; 32], "aigerim", 10, 100).unwrap();
    store.close_login(&[3; 32]).unwrap();
    assert_eq!(store.login(&[3; 32], 50).unwrap(), None, "logged out");
    store.put_status("st-2", "{\"waiting\":3}", 4).unwrap();
    store.put_status("st-1", "{\"waiting\":1}", 5).unwrap();
    store.put_status("st-1", "{\"waiting\":0}", 6).unwrap();
    assert_eq!(
        store.statuses().unwrap(),
        vec![
            ("st-1".to_owned(), "{\"waiting\":0}".to_owned(), 6),
            ("st-2".to_owned(), "{\"waiting\":3}".to_owned(), 4)
        ],
        "the latest heartbeat replaces the one before; by station"
    );
}

/// A batch of `session` from `station` with records `seqs` (hash: the sequence number).
fn batch(station: &str, session: &str, seqs: std::ops::Range<i64>) -> BatchIn {
    let prev = if seqs.start == 0 {
        [0; 32]
    } else {
        [u8::try_from(seqs.start - 1).unwrap(); 32]
    };
    BatchIn {
        station: station.into(),
        session: session.into(),
        package_id: "p".into(),
        seal_id: "s".into(),
        supersedes: None,
        data_key: [4; 32],
        imported: false,
        behind: None,
        head_seq: seqs.end - 1,
        prev,
        records: seqs
            .map(|seq| Incoming {
                seq,
                hash: [u8::try_from(seq).unwrap(); 32],
                sealed: vec![1, 2, u8::try_from(seq).unwrap()],
                entry: format!("{{\"seq\":{seq}}}"),
            })
            .collect(),
    }
}

/// Batches: each record once, only what continues the chain, never over a held record; a
/// session belongs to the station that sent it first; forks and rolled-back journals flag it.
fn keeps_the_batch_contract(store: &dyn Store) {
    let first = store.put_batch(batch("st-1", "a", 0..3), 10).unwrap();
    assert_eq!((first.seq, first.added, first.flag.clone()), (2, 3, None));
    assert_eq!(first.hash, vec![2; 32]);
    // A duplicate adds nothing and answers the same; an overlap adds only what is new.
    let dup = store.put_batch(batch("st-1", "a", 0..3), 11).unwrap();
    assert_eq!((dup.seq, dup.added, dup.hash.clone()), (2, 0, first.hash));
    assert_eq!(
        (first.at_ms, dup.at_ms),
        (10, 10),
        "the same answer at another time: when the end of the chain was first held"
    );
    let more = store.put_batch(batch("st-1", "a", 1..6), 12).unwrap();
    assert_eq!((more.seq, more.added, more.at_ms), (5, 3, 12));
    // A gap is not kept: the receipt says where to go on from.
    let gap = store.put_batch(batch("st-1", "a", 8..10), 13).unwrap();
    assert_eq!((gap.seq, gap.added, gap.flag), (5, 0, None));
    // Another station, another package: refused, nothing kept.
    assert!(matches!(
        store.put_batch(batch("st-2", "a", 6..8), 14),
        Err(StoreError::Foreign { owner, .. }) if owner == "st-1"
    ));
    let mut other = batch("st-1", "a", 6..8);
    other.package_id = "q".into();
    assert!(matches!(
        store.put_batch(other, 14),
        Err(StoreError::Mismatch(_))
    ));
    // What waits behind the batch is kept from the last batch (not from imports).
    let mut behind = batch("st-1", "a", 6..7);
    behind.behind = Some(vec![4, 17]);
    behind.head_seq = 9;
    store.put_batch(behind, 15).unwrap();
    assert_eq!(store.behind("a").unwrap(), Some(vec![4, 17]));
    let mut imported = batch("st-1", "a", 7..8);
    imported.imported = true;
    store.put_batch(imported, 16).unwrap();
    assert_eq!(store.behind("a").unwrap(), Some(vec![4, 17]));
    assert_eq!(store.behind("zz").unwrap(), None);
    // A record that differs from the one held: a forked chain, flagged, nothing changed.
    let mut fork = batch("st-1", "a", 0..9);
    fork.records[3].hash = [99; 32];
    let forked = store.put_batch(fork, 17).unwrap();
    assert_eq!(forked.seq, 7);
    assert!(forked.flag.unwrap().contains("forked chain"));
    // A journal that ends below what was receipted: flagged.
    let b = store.put_batch(batch("st-1", "b", 0..4), 18).unwrap();
    assert_eq!(b.flag, None);
    let mut rolled = batch("st-1", "b", 0..2);
    rolled.head_seq = 1;
    assert!(
        store
            .put_batch(rolled, 19)
            .unwrap()
            .flag
            .unwrap()
            .contains("rolled back")
    );
    // What is held, as kept.
    let records = store.records("a").unwrap();
    assert_eq!(
        records.iter().map(|r| r.0).collect::<Vec<_>>(),
        (0..8).collect::<Vec<_>>(),
        "each record once, in order"
    );
    assert_eq!(records[4], (4, vec![4; 32], "{\"seq\":4}".to_owned()));
    assert_eq!(store.records_after("a", 5).unwrap().len(), 2);
    let sessions = store.sessions().unwrap();
    assert_eq!(
        sessions.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["a", "b"],
        "oldest first"
    );
    assert_eq!(
        (
            sessions[0].held_seq,
            sessions[0].first_ms,
            sessions[0].last_ms
        ),
        (7, 10, 17)
    );
    assert!(sessions[0].flag.is_some() && sessions[1].flag.is_some());
    let sealed = store.sealed("a").unwrap().unwrap();
    assert_eq!(sealed.data_key, [4; 32]);
    assert_eq!(sealed.records[2], (2, vec![2; 32], vec![1, 2, 2]));
    assert_eq!(store.sealed("zz").unwrap(), None);
}

fn enrolled(store: &dyn Store, name: &str, seat: &str) {
    store
        .add_code(&code(&format!("M-{name}"), name, seat))
        .unwrap();
    store
        .redeem(&format!("M-{name}"), 2_000, &|_| true, [1; 32], [2; 32])
        .unwrap();
}

/// Moves: one per session, to an enrolled other station; the old station is fenced; only the
/// station it went to may carry it on.
fn keeps_the_move_contract(store: &dyn Store) {
    for (name, seat) in [("mv-1", "4"), ("mv-2", "9"), ("mv-3", "10")] {
        enrolled(store, name, seat);
    }
    store.put_batch(batch("mv-1", "m", 0..3), 1).unwrap();
    let iin = "061211600012";
    assert!(matches!(
        store.add_move("zz", iin, "mv-2", "power", 2),
        Err(StoreError::NotHeld(_))
    ));
    assert!(matches!(
        store.add_move("m", iin, "mv-9", "power", 2),
        Err(StoreError::NoStation(_))
    ));
    assert!(matches!(
        store.add_move("m", iin, "mv-1", "power", 2),
        Err(StoreError::SameStation(_))
    ));
    assert_eq!(
        store.move_of("m").unwrap(),
        None,
        "nothing moved by a refusal"
    );
    let moved = store.add_move("m", iin, "mv-2", "power", 2).unwrap();
    assert_eq!((moved.head_seq, &moved.head_hash), (2, &vec![2; 32]));
    assert_eq!(moved.from_station, "mv-1");
    assert_eq!(store.move_of("m").unwrap(), Some(moved.clone()));
    assert!(matches!(
        store.add_move("m", iin, "mv-3", "again", 3),
        Err(StoreError::AlreadyMoved { to, .. }) if to == "mv-2"
    ));
    // The fence: the old station adds nothing more, not even what it had sent before; its
    // disk, imported by the operator, still may.
    assert!(matches!(
        store.put_batch(batch("mv-1", "m", 0..5), 4),
        Err(StoreError::Moved { to, seat, .. }) if to == "mv-2" && seat == "9"
    ));
    assert_eq!(store.records("m").unwrap().len(), 3);
    let mut disk = batch("mv-1", "m", 3..4);
    disk.imported = true;
    assert_eq!(store.put_batch(disk, 4).unwrap().added, 1);
    assert_eq!(store.moves_to("mv-2").unwrap(), vec![moved.clone()]);
    assert_eq!(store.moves_to("mv-3").unwrap(), Vec::new());
    // Only the station it went to may carry it on.
    let mut stolen = batch("mv-3", "n", 0..2);
    stolen.supersedes = Some("m".into());
    assert!(matches!(
        store.put_batch(stolen, 5),
        Err(StoreError::Foreign { owner, .. }) if owner == "mv-1"
    ));
    let mut carried = batch("mv-2", "o", 0..4);
    carried.supersedes = Some("m".into());
    store.put_batch(carried, 6).unwrap();
    assert_eq!(store.moves_to("mv-2").unwrap(), Vec::new(), "carried on");
}

/// Every contract on a fresh store.
fn keeps_every_contract(store: &dyn Store) {
    keeps_the_enrollment_contract(store);
    keeps_the_roster_contract(store);
    keeps_the_operator_contract(store);
    keeps_the_batch_contract(store);
    keeps_the_move_contract(store);
}

/// What a store opened again still holds of `keeps_every_contract`.
fn kept(store: &dyn Store) {
    assert_eq!(store.station("hall-1").unwrap().unwrap().seat, "5");
    assert_eq!(store.roster("A").unwrap().len(), 2);
    assert_eq!(store.records("a").unwrap().len(), 8);
    assert!(store.move_of("m").unwrap().is_some());
    assert_eq!(
        store.operator_hash("aigerim").unwrap().as_deref(),
        Some("h1")
    );
}

#[test]
fn sqlite_keeps_every_contract_and_keeps_it_across_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("center.sqlite");
    let store = SqliteStore::open(&file).unwrap();
    assert_eq!(store.schema(), (0, SCHEMA_VERSION), "a new store");
    keeps_every_contract(&store);
    drop(store);
    let again = SqliteStore::open(&file).unwrap();
    assert_eq!(again.schema(), (SCHEMA_VERSION, SCHEMA_VERSION));
    kept(&again);
}

#[test]
fn postgres_keeps_every_contract_and_keeps_it_across_a_reconnect() {
    let server = Postgres::start();
    let url = server.database();
    let store = PgStore::connect(&url, None).unwrap();
    assert_eq!(store.schema(), (0, SCHEMA_VERSION), "a new store");
    keeps_every_contract(&store);
    drop(store);
    let again = PgStore::connect(&url, None).unwrap();
    assert_eq!(again.schema(), (SCHEMA_VERSION, SCHEMA_VERSION));
    kept(&again);
}

#[test]
fn a_store_of_the_first_schema_is_migrated_on_both_backends() {
    // Version 1 had no time at which a chain's end was first held: made by undoing version 2.
    let undo = "ALTER TABLE sessions DROP COLUMN held_ms; UPDATE schema_version SET version = 1";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("center.sqlite");
    let store = SqliteStore::open(&file).unwrap();
    store.put_batch(batch("st-1", "a", 0..3), 10).unwrap();
    store.put_batch(batch("st-1", "a", 0..3), 20).unwrap();
    drop(store);
    rusqlite::Connection::open(&file)
        .unwrap()
        .execute_batch(undo)
        .unwrap();
    let old = SqliteStore::open(&file).unwrap();
    assert_eq!(old.schema(), (1, SCHEMA_VERSION));
    let answer = old.put_batch(batch("st-1", "a", 0..3), 30).unwrap();
    assert_eq!(
        (answer.seq, answer.at_ms),
        (2, 20),
        "a session held before: its last batch's time"
    );

    let server = Postgres::start();
    let url = server.database();
    let store = PgStore::connect(&url, None).unwrap();
    store.put_batch(batch("st-1", "a", 0..3), 10).unwrap();
    store.put_batch(batch("st-1", "a", 0..3), 20).unwrap();
    drop(store);
    let name = url.rsplit('/').next().unwrap().split('?').next().unwrap();
    // Version 1 on PostgreSQL also checked each event against its session and compared the
    // session keys in the database's own collation: made by undoing version 3.
    server.psql(
        name,
        r#"ALTER TABLE events ALTER COLUMN session TYPE TEXT COLLATE "default";
           ALTER TABLE events ADD CONSTRAINT events_session_fkey
               FOREIGN KEY (session) REFERENCES sessions(id);"#,
    );
    server.psql(name, undo);
    let old = PgStore::connect(&url, None).unwrap();
    assert_eq!(old.schema(), (1, SCHEMA_VERSION));
    let answer = old.put_batch(batch("st-1", "a", 0..3), 30).unwrap();
    assert_eq!((answer.seq, answer.at_ms), (2, 20));
    assert_eq!(old.records("a").unwrap().len(), 3, "the events kept");
    let shape = "SELECT (SELECT COUNT(*) FROM pg_constraint WHERE conname = 'events_session_fkey')
                     || ' ' || (SELECT collation_name FROM information_schema.columns
                                WHERE table_name = 'events' AND column_name = 'session')";
    assert_eq!(
        server.psql(name, shape),
        "0 C",
        "events keyed byte by byte, without a check per row"
    );
}

#[test]
fn a_store_from_a_newer_program_is_refused_on_both_backends() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("center.sqlite");
    drop(SqliteStore::open(&file).unwrap());
    let db = rusqlite::Connection::open(&file).unwrap();
    db.execute("UPDATE schema_version SET version = 99", [])
        .unwrap();
    drop(db);
    assert!(matches!(
        SqliteStore::open(&file),
        Err(StoreError::NewerSchema(99))
    ));
    let server = Postgres::start();
    let url = server.database();
    drop(PgStore::connect(&url, None).unwrap());
    let name = url.rsplit('/').next().unwrap().split('?').next().unwrap();
    server.psql(name, "UPDATE schema_version SET version = 99");
    assert!(matches!(
        PgStore::connect(&url, None),
        Err(StoreError::NewerSchema(99))
    ));
    // A database that cannot be reached is one clear error, not a hang or a panic.
    let nowhere = server.url("no_such_database");
    let refused = PgStore::connect(&nowhere, None).err().unwrap();
    assert!(
        refused.to_string().contains("no_such_database"),
        "{refused}"
    );
}

#[test]
fn two_stores_on_one_postgres_keep_the_same_batches_once_with_the_same_answer() {
    let server = Postgres::start();
    let url = server.database();
    // Two stores with pools of their own: they share nothing but the database.
    let stores: Vec<Arc<PgStore>> = (0..2)
        .map(|_| Arc::new(PgStore::connect(&url, None).unwrap()))
        .collect();
    // Eight stations, each sending its session in overlapping batches, every batch sent
    // through both stores at the same moment.
    let mut threads = Vec::new();
    for station in 0..8 {
        for store in &stores {
            let store = Arc::clone(store);
            threads.push(std::thread::spawn(move || {
                let (name, session) = (format!("st-{station}"), format!("s-{station}"));
                let mut answers = Vec::new();
                for start in (0..60).step_by(5) {
                    let end = (start + 10).min(60);
                    let mut b = batch(&name, &session, start..end);
                    // The station has written all 60 (its head never goes back).
                    b.head_seq = 59;
                    answers.push(store.put_batch(b, 1).unwrap());
                }
                answers
            }));
        }
    }
    let answers: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    for station in 0..8 {
        let session = format!("s-{station}");
        let records = stores[0].records(&session).unwrap();
        assert_eq!(
            records.iter().map(|r| r.0).collect::<Vec<_>>(),
            (0..60).collect::<Vec<_>>(),
            "every record of {session} once"
        );
        // Both stores' last answers are the same receipt: the whole chain, unflagged.
        for a in &answers[station * 2..station * 2 + 2] {
            let last = a.last().unwrap();
            assert_eq!(
                (last.seq, &last.hash, &last.flag),
                (59, &vec![59; 32], &None)
            );
        }
        // Every record added exactly once, by one store or the other.
        let added: usize = answers[station * 2..station * 2 + 2]
            .iter()
            .flatten()
            .map(|h| h.added)
            .sum();
        assert_eq!(added, 60, "{session}");
    }
    let name = url.rsplit('/').next().unwrap().split('?').next().unwrap();
    assert_eq!(server.psql(name, "SELECT COUNT(*) FROM events"), "480");
}

#[test]
fn the_store_reaches_postgres_over_tls_checked_against_the_certificate_given() {
    let server = Postgres::start_tls();
    let plain = server.database();
    let name = plain.rsplit('/').next().unwrap().split('?').next().unwrap();
    let url = plain.replace("sslmode=disable", "sslmode=require");
    let store = PgStore::connect(&url, Some(&server.ca())).unwrap();
    store.add_operator("aigerim", "h1", 1).unwrap();
    let encrypted = server.psql(
        "postgres",
        &format!(
            "SELECT COUNT(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
             WHERE s.ssl AND a.datname = '{name}'"
        ),
    );
    assert_ne!(encrypted, "0", "the store's connections are encrypted");
    drop(store);
    // No certificate given, or another one: refused, saying why.
    let unknown = PgStore::connect(&url, None).err().unwrap().to_string();
    assert!(unknown.contains("certificate"), "{unknown}");
    let other = Postgres::start_tls();
    let wrong = PgStore::connect(&url, Some(&other.ca()))
        .err()
        .unwrap()
        .to_string();
    assert!(wrong.contains("certificate"), "{wrong}");
    // A certificate file that is not one: said, with its name.
    let junk = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(junk.path(), "not a certificate").unwrap();
    let bad = PgStore::connect(&url, Some(junk.path()))
        .err()
        .unwrap()
        .to_string();
    assert!(bad.contains(&junk.path().display().to_string()), "{bad}");
}
