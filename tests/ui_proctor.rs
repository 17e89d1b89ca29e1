//! Headless flows of the proctor's recovery actions on a real journal: a candidate whose session
//! closed is refused at check-in (also after a restart) until a proctor's PIN allows a second
//! sitting, which is recorded; a session that cannot go on is named on the lock screen and set
//! aside with the PIN, and the station goes on to the next candidate.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use support::gui::{self, ids};
use support::gui::{Clock, check_in, click, find, screen, shows, type_into};
use ustudy::exam::{Event, Paper, preset};
use ustudy::journal::Journal;
use ustudy::journal::audit::Action;
/// How long the thank-you screen stays (the exam core's rule).
const CLOSED_SHOWN: std::time::Duration =
    std::time::Duration::from_millis(ustudy::exam::clock::THANKS_MS);

#[test]
fn a_second_sitting_is_refused_until_a_proctor_allows_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = gui::station(dir.path());
    check_in(&mut app, 0);
    let mut clock = Clock::start(&mut app);
    click(&mut app, ids::briefing::START);
    click(&mut app, ids::testing::FINISH);
    click(&mut app, ids::testing::FINISH_CONFIRM);
    click(&mut app, ids::finished::TO_CARD);
    click(&mut app, ids::review::TO_DECISION);
    click(&mut app, ids::decision::NO_APPEAL);
    assert_eq!(screen(&app), "closed");
    gui::settle(&mut app);
    clock.pass(&mut app, CLOSED_SHOWN);
    assert_eq!(screen(&app), "locked");

    // The same candidate again, on the same station: refused, no confirmation offered.
    find(&mut app, 0);
    assert!(shows(&app, ids::check_in::ALREADY_SAT));
    assert!(
        !shows(&app, ids::check_in::CONFIRM),
        "no way to start a second sitting"
    );
    // Another candidate is not affected.
    let mut other = gui::station(tempfile::tempdir().unwrap().path());
    find(&mut other, 0);
    assert!(!shows(&other, ids::check_in::ALREADY_SAT));

    // After a restart the refusal stands: it comes from the journal.
    drop(app);
    let mut app = gui::station(dir.path());
    find(&mut app, 0);
    assert!(shows(&app, ids::check_in::ALREADY_SAT));
    // A wrong PIN allows nothing.
    type_into(&mut app, ids::check_in::RETAKE_PIN, "1111");
    click(&mut app, ids::check_in::ALLOW_RETAKE);
    gui::settle(&mut app);
    assert!(shows(&app, ids::check_in::ALREADY_SAT));
    // The wrong PIN went through the admin screen's door: the next try waits a second.
    Clock::start(&mut app).pass(&mut app, std::time::Duration::from_secs(1));
    // The proctor's PIN allows it, and it is recorded before it takes effect.
    type_into(&mut app, ids::check_in::RETAKE_PIN, gui::PIN);
    click(&mut app, ids::check_in::ALLOW_RETAKE);
    gui::settle(&mut app);
    assert!(!shows(&app, ids::check_in::ALREADY_SAT));
    click(&mut app, ids::check_in::PAIR_OK);
    click(&mut app, ids::check_in::CONFIRM);
    assert_eq!(screen(&app), "briefing");
    gui::settle(&mut app);
    let audit = Journal::open(dir.path()).unwrap().audit_log().unwrap();
    let retakes: Vec<_> = audit
        .iter()
        .filter(|a| a.action == Some(Action::AllowRetake))
        .collect();
    assert_eq!(retakes.len(), 1);
    assert!(retakes[0].authentic);
    // The door's tries are kept beside it: the wrong one, then the right one.
    let tries: Vec<Option<Action>> = audit
        .iter()
        .filter(|a| matches!(a.action, Some(Action::PinRefused | Action::PinAccepted)))
        .map(|a| a.action)
        .collect();
    assert_eq!(tries.last(), Some(&Some(Action::PinAccepted)), "{tries:?}");
    assert!(tries.contains(&Some(Action::PinRefused)), "{tries:?}");
}

#[test]
fn a_session_that_cannot_go_on_is_set_aside_with_the_pin() {
    let dir = tempfile::tempdir().unwrap();
    {
        // A session that never got past the unlock (as the old two-step creation could leave).
        let paper = Paper::placeholder(preset::by_name("unt-2024").unwrap());
        let mut j = Journal::open(dir.path()).unwrap();
        j.create_session_with(
            "stuck-1",
            "demo-unt-2024",
            "00",
            &paper,
            &[Event::Unlocked],
            0,
        )
        .unwrap();
    }
    let mut app = gui::station(dir.path());
    assert_eq!(screen(&app), "locked");
    assert!(
        shows(&app, ids::locked::STUCK),
        "the lock screen names the problem"
    );
    assert!(app.session().is_none(), "nothing is resumed");
    // A wrong PIN sets nothing aside.
    type_into(&mut app, ids::locked::PIN, "1111");
    click(&mut app, ids::locked::UNLOCK);
    gui::settle(&mut app);
    assert!(shows(&app, ids::locked::STUCK));
    Clock::start(&mut app).pass(&mut app, std::time::Duration::from_secs(1));
    type_into(&mut app, ids::locked::PIN, gui::PIN);
    click(&mut app, ids::locked::UNLOCK);
    gui::settle(&mut app);
    assert_eq!(screen(&app), "check-in", "the station goes on");
    // The next candidate sits as usual.
    drop(app);
    let mut app = gui::station(dir.path());
    assert!(!shows(&app, ids::locked::STUCK), "set aside for good");
    check_in(&mut app, 1);
    gui::settle(&mut app);
    let j = Journal::open(dir.path()).unwrap();
    let sessions = j.sessions().unwrap();
    assert_eq!(sessions.len(), 2, "the stuck session is kept as evidence");
    assert_eq!(sessions[0].id, "stuck-1");
    let audit = j.audit_log().unwrap();
    let set_aside: Vec<_> = audit
        .iter()
        .filter(|a| a.action == Some(Action::Quarantine))
        .collect();
    assert_eq!(set_aside.len(), 1);
    assert_eq!(set_aside[0].subject, "stuck-1");
}

#[test]
fn a_journal_whose_sessions_cannot_be_read_still_starts_the_station() {
    let dir = tempfile::tempdir().unwrap();
    drop(Journal::open(dir.path()).unwrap());
    let conn = rusqlite::Connection::open(dir.path().join("journal.sqlite")).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF; DROP TABLE heads;")
        .unwrap();
    drop(conn);
    let app = gui::station(dir.path());
    assert_eq!(screen(&app), "locked");
    assert!(
        shows(&app, ids::locked::STUCK),
        "the lock screen names the problem"
    );
}
