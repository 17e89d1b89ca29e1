//! Power cuts at every point of the two multi-record writes the station makes: creating a
//! session with its opening events, and carrying a damaged session on in a copy. Each must be
//! all or nothing: after any cut, start-up finds either the state before (no session; the
//! damaged session with its damage warning) or the complete result (the session in Briefing;
//! the complete copy), never a part of it.
//!
//! Needs `strace` (`bash tests/run.sh` installs it).

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stdout)]

mod support;

use std::io::Write as _;
use std::path::Path;

use support::paper;
use support::power::{self, Op};
use ustudy::exam::{Event, Phase};
use ustudy::journal::Journal;
use ustudy::journal::recovery::{Found, recover};

const CREATE_CHILD: &str = "USTUDY_ATOMIC_CREATE_DIR";
const CONTINUE_CHILD: &str = "USTUDY_ATOMIC_CONTINUE_DIR";
const T0: u64 = 1_780_000_000_000;
/// Records in the damaged session, and where the damage is.
const RECORDS: u64 = 400;
const DAMAGED_AT: u64 = 300;

fn opening() -> Vec<Event> {
    vec![
        Event::Unlocked,
        Event::CheckedIn {
            candidate: support::script::candidate(),
        },
    ]
}

fn ack() -> ! {
    let mut out = std::io::stdout().lock();
    out.write_all(b"ACK 0\n").unwrap();
    out.flush().unwrap();
    std::process::exit(0);
}

/// Where the acknowledgement stands in the record.
fn ack_at(ops: &[Op]) -> usize {
    ops.iter()
        .position(|o| matches!(o, Op::Ack(_)))
        .expect("the child acknowledged")
}

#[test]
fn creating_a_session_is_all_or_nothing() {
    if let Ok(dir) = std::env::var(CREATE_CHILD) {
        let mut j = Journal::open(Path::new(&dir)).unwrap();
        j.create_session_with("s1", "demo", "00", &paper(), &opening(), T0)
            .unwrap();
        ack();
    }
    let dir = tempfile::tempdir().unwrap();
    drop(Journal::open(dir.path()).unwrap());
    let (base, ops) = power::record(
        dir.path(),
        "creating_a_session_is_all_or_nothing",
        CREATE_CHILD,
        false,
    );
    let acked = ack_at(&ops);
    let (mut none, mut whole) = (0, 0);
    for cut in 0..=ops.len() {
        let after = power::after_cut(dir.path(), &base, &ops, cut);
        let j = Journal::open(after.path()).unwrap();
        match recover(&j, T0, |_| true).unwrap().0 {
            Found::Nothing => {
                assert!(cut <= acked, "cut {cut}: the acknowledged session is gone");
                none += 1;
            }
            Found::Resume(r) => {
                assert_eq!(r.state.phase, Phase::Briefing, "cut {cut}");
                assert_eq!(r.state.events, 2, "cut {cut}");
                assert!(r.damage.is_none(), "cut {cut}: {:?}", r.damage);
                whole += 1;
            }
            Found::Stuck(s) => panic!("cut {cut}: a partial session: {}", s.problem),
        }
    }
    println!(
        "create: {} ops, {none} cuts before, {whole} after",
        ops.len()
    );
    assert!(
        none > 0 && whole > 0,
        "cuts fell on both sides of the commit"
    );
}

/// A session of `RECORDS` records, damaged at `DAMAGED_AT`.
fn damaged(dir: &Path) {
    let mut j = Journal::open(dir).unwrap();
    let mut events = opening();
    events.push(Event::Started);
    let mut c = j
        .create_session_with("s1", "demo", "00", &paper(), &events, T0)
        .unwrap();
    for i in 3..RECORDS {
        let e = if i % 2 == 0 {
            Event::Tick { ms: 1000 }
        } else {
            Event::Marked {
                task: u16::try_from(i % 100).unwrap(),
                marked: i % 4 == 1,
            }
        };
        j.append_at(&mut c, &e, T0 + i).unwrap();
    }
    drop(j);
    let conn = rusqlite::Connection::open(dir.join("journal.sqlite")).unwrap();
    let mut sealed: Vec<u8> = conn
        .query_row(
            "SELECT sealed FROM events WHERE seq = ?1",
            [DAMAGED_AT.cast_signed()],
            |r| r.get(0),
        )
        .unwrap();
    sealed[20] ^= 1;
    conn.execute(
        "UPDATE events SET sealed = ?1 WHERE seq = ?2",
        rusqlite::params![sealed, DAMAGED_AT.cast_signed()],
    )
    .unwrap();
}

#[test]
fn continuing_after_damage_is_all_or_nothing() {
    if let Ok(dir) = std::env::var(CONTINUE_CHILD) {
        let mut j = Journal::open(Path::new(&dir)).unwrap();
        let loaded = j.load("s1").unwrap();
        assert!(loaded.damage.is_some());
        j.continue_session(&loaded, "s1-cont").unwrap();
        ack();
    }
    let dir = tempfile::tempdir().unwrap();
    damaged(dir.path());
    let (base, ops) = power::record(
        dir.path(),
        "continuing_after_damage_is_all_or_nothing",
        CONTINUE_CHILD,
        false,
    );
    let acked = ack_at(&ops);
    let (mut old, mut copy) = (0, 0);
    for cut in 0..=ops.len() {
        let after = power::after_cut(dir.path(), &base, &ops, cut);
        let j = Journal::open(after.path()).unwrap();
        let Found::Resume(r) = recover(&j, T0, |_| true).unwrap().0 else {
            panic!("cut {cut}: nothing to resume");
        };
        if r.session == "s1" {
            assert!(cut <= acked, "cut {cut}: the acknowledged copy is gone");
            assert!(r.damage.is_some(), "cut {cut}: the damage warning is lost");
            old += 1;
        } else {
            assert_eq!(r.session, "s1-cont", "cut {cut}");
            assert!(r.damage.is_none(), "cut {cut}: {:?}", r.damage);
            assert_eq!(r.state.events, DAMAGED_AT, "cut {cut}: the copy is partial");
            copy += 1;
        }
    }
    println!(
        "continue: {} ops, {old} cuts before, {copy} after",
        ops.len()
    );
    assert!(old > 0 && copy > 0, "cuts fell on both sides of the commit");
}
