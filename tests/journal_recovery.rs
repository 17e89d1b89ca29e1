//! Recovery at start on real journals: the open session comes back in exactly the state it had,
//! with a downtime incident for the time the station was off; closed sessions are not resumed;
//! damage comes back with the state before it.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use ustudy::exam::event::{CloseReason, FinishReason, Incident};
use ustudy::exam::task::Choice;
use ustudy::exam::{Event, Paper, Phase, State, preset};
use ustudy::journal::Journal;
use ustudy::journal::recovery::recover;

const T0: u64 = 1_780_000_000_000;

fn session(dir: &std::path::Path, id: &str, events: &[Event]) -> State {
    let paper = Paper::placeholder(preset::by_name("unt-2024").unwrap());
    let mut j = Journal::open(dir).unwrap();
    let mut c = j
        .create_session(id, "demo", "00112233445566778899aabbccddeeff", &paper)
        .unwrap();
    let mut state = State::new(&paper);
    for (i, e) in events.iter().enumerate() {
        state.apply(&paper, e).unwrap();
        j.append_at(&mut c, e, T0 + i as u64 * 1000).unwrap();
    }
    state
}

fn testing() -> Vec<Event> {
    vec![
        Event::Unlocked,
        Event::CheckedIn {
            candidate: support::script::candidate(),
        },
        Event::Started,
        Event::Answered {
            task: 4,
            choice: Choice::One(2),
        },
        Event::Marked {
            task: 9,
            marked: true,
        },
        Event::Tick { ms: 5_000 },
    ]
}

#[test]
fn the_open_session_comes_back_exactly_with_its_downtime() {
    let dir = tempfile::tempdir().unwrap();
    let live = session(dir.path(), "s1", &testing());
    let j = Journal::open(dir.path()).unwrap();
    // Five minutes after the last record.
    let r = recover(&j, T0 + 5_000 + 300_000)
        .unwrap()
        .expect("an open session");
    assert_eq!(r.session, "s1");
    assert_eq!(r.state, live);
    assert_eq!(r.state.phase, Phase::Testing);
    assert_eq!(
        r.state.clock.remaining_ms(),
        280 * 60_000 - 5_000,
        "downtime is not charged"
    );
    assert!(r.damage.is_none());
    assert_eq!(
        r.downtime,
        Some(Event::Incident {
            kind: Incident::Downtime { seconds: 300 }
        })
    );
    // A quick restart is not downtime.
    let quick = recover(&j, T0 + 5_000 + 3_000).unwrap().unwrap();
    assert_eq!(quick.downtime, None);
}

#[test]
fn closed_sessions_are_not_resumed() {
    let dir = tempfile::tempdir().unwrap();
    let mut events = testing();
    events.extend([
        Event::Finished {
            reason: FinishReason::Candidate,
        },
        Event::ReviewOpened,
        Event::Closed {
            reason: CloseReason::Proctor,
        },
    ]);
    session(dir.path(), "s1", &events);
    let j = Journal::open(dir.path()).unwrap();
    assert!(recover(&j, T0).unwrap().is_none());
    let empty = tempfile::tempdir().unwrap();
    assert!(
        recover(&Journal::open(empty.path()).unwrap(), T0)
            .unwrap()
            .is_none()
    );
}

#[test]
fn damage_comes_back_with_the_state_before_it() {
    let dir = tempfile::tempdir().unwrap();
    session(dir.path(), "s1", &testing());
    let conn = rusqlite::Connection::open(dir.path().join("journal.sqlite")).unwrap();
    let mut sealed: Vec<u8> = conn
        .query_row("SELECT sealed FROM events WHERE seq = 4", [], |r| r.get(0))
        .unwrap();
    sealed[25] ^= 2;
    conn.execute("UPDATE events SET sealed = ?1 WHERE seq = 4", [sealed])
        .unwrap();
    let r = recover(&Journal::open(dir.path()).unwrap(), T0)
        .unwrap()
        .unwrap();
    assert!(r.damage.is_some());
    assert_eq!(r.state.events, 4, "the four records before the damage");
    assert_eq!(r.state.answers[4], Some(Choice::One(2)));
    assert!(!r.state.marked[9], "the damaged mark is not invented");
}
