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
use ustudy::journal::recovery::{Found, Recovered, RecoveryError, recover};

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

/// The session recovery would resume, if any (and no stuck one).
fn resumed(j: &Journal, now_ms: u64) -> Result<Option<Box<Recovered>>, String> {
    match recover(j, now_ms, |p| p == "demo")
        .map_err(|e| e.to_string())?
        .0
    {
        Found::Nothing => Ok(None),
        Found::Resume(r) => Ok(Some(r)),
        Found::Stuck(s) => Err(format!("stuck: {}", s.problem)),
    }
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
    let r = resumed(&j, T0 + 5_000 + 300_000)
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
    let quick = resumed(&j, T0 + 5_000 + 3_000).unwrap().unwrap();
    assert_eq!(quick.downtime, None);
}

/// A session through to its close.
fn closed() -> Vec<Event> {
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
    events
}

#[test]
fn closed_sessions_are_not_resumed() {
    let dir = tempfile::tempdir().unwrap();
    let events = closed();
    session(dir.path(), "s1", &events);
    let j = Journal::open(dir.path()).unwrap();
    assert!(resumed(&j, T0).unwrap().is_none());
    let empty = tempfile::tempdir().unwrap();
    assert!(
        resumed(&Journal::open(empty.path()).unwrap(), T0)
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
    let r = resumed(&Journal::open(dir.path()).unwrap(), T0)
        .unwrap()
        .unwrap();
    assert!(r.damage.is_some());
    assert_eq!(r.state.events, 4, "the four records before the damage");
    assert_eq!(r.state.answers[4], Some(Choice::One(2)));
    assert!(!r.state.marked[9], "the damaged mark is not invented");
}

#[test]
fn a_session_that_cannot_go_on_is_stuck_and_a_quarantine_lets_the_station_go_on() {
    use ustudy::journal::audit::Action;
    // Interrupted before the briefing (as the old two-step creation could leave it).
    let dir = tempfile::tempdir().unwrap();
    session(dir.path(), "s1", &testing()[..1]);
    let mut j = Journal::open(dir.path()).unwrap();
    let (found, _) = recover(&j, T0, |_| true).unwrap();
    let Found::Stuck(stuck) = found else {
        panic!("not stuck: {found:?}");
    };
    assert_eq!(stuck.session, "s1");
    assert!(matches!(stuck.problem, RecoveryError::NotStarted));
    // A package the station does not have.
    let other = tempfile::tempdir().unwrap();
    session(other.path(), "s2", &testing());
    let (found, _) = recover(&Journal::open(other.path()).unwrap(), T0, |_| false).unwrap();
    assert!(
        matches!(found, Found::Stuck(ref s) if matches!(s.problem, RecoveryError::UnknownPackage(_))),
        "{found:?}"
    );
    // Set aside by a proctor (an authentic audit row): no longer offered, kept in the file.
    j.audit(Action::Quarantine, "s1", "never got past check-in")
        .unwrap();
    assert!(matches!(
        recover(&j, T0, |_| true).unwrap().0,
        Found::Nothing
    ));
    assert_eq!(j.sessions().unwrap().len(), 1, "kept as evidence");
    // An audit row edited without the station key does not count.
    drop(j);
    let conn = rusqlite::Connection::open(dir.path().join("journal.sqlite")).unwrap();
    conn.execute("UPDATE audit SET detail = 'edited'", [])
        .unwrap();
    drop(conn);
    let j = Journal::open(dir.path()).unwrap();
    assert!(!j.audit_log().unwrap()[0].authentic);
    assert!(matches!(
        recover(&j, T0, |_| true).unwrap().0,
        Found::Stuck(_)
    ));
}

#[test]
fn a_closed_session_counts_as_a_sitting_until_a_retake_is_allowed() {
    use ustudy::journal::audit::Action;
    let dir = tempfile::tempdir().unwrap();
    let events = closed();
    // The opening events create the session in one transaction, with the candidate's tag.
    let paper = Paper::placeholder(preset::by_name("unt-2024").unwrap());
    let mut j = Journal::open(dir.path()).unwrap();
    let mut c = j
        .create_session_with("s1", "demo", "00", &paper, &events[..2], T0)
        .unwrap();
    for e in &events[2..] {
        j.append(&mut c, e).unwrap();
    }
    let iin = support::script::candidate().iin;
    let (_, sittings) = recover(&j, T0, |_| true).unwrap();
    assert!(!sittings.may_sit(&iin), "a closed session is a sitting");
    assert!(
        sittings.may_sit("791028302728"),
        "another candidate may sit"
    );
    j.audit(Action::AllowRetake, &j.candidate_tag(&iin), "ticket T-1")
        .unwrap();
    let (_, sittings) = recover(&j, T0, |_| true).unwrap();
    assert!(sittings.may_sit(&iin), "one retake allowed");
    // The IIN is not in the file in the clear.
    drop(j);
    let bytes = std::fs::read(dir.path().join("journal.sqlite")).unwrap();
    assert!(!bytes.windows(iin.len()).any(|w| w == iin.as_bytes()));
}
