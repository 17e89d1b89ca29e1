//! Headless flows through the station window with `iced_test`, selecting widgets by id so they
//! do not depend on the language, on a real journal in a temporary directory: the lock screen
//! and check-in (wrong PIN, invalid then valid IIN, confirmation), then the whole journey —
//! every kind of task answered and saved, keyboard navigation, mark, technical appeal, a break
//! at the right time that hides the tasks, finish, card, decision, appeal, appeal card, closed —
//! in Kazakh, Russian and English; the automatic close, time up, and recovery after a restart.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::too_many_lines)]

mod support;

use std::time::Duration;
use support::gui::{self, ids};

use iced::keyboard::key::{Code, Named};
use iced_test::selector;
use support::gui::{
    Clock, check_in, click, interact, journal_events, pick_language, press, screen, shows, state,
    type_into,
};
use ustudy::exam::event::{AppealGround, CloseReason, FinishReason};
use ustudy::exam::state::fold;
use ustudy::exam::task::Choice;
use ustudy::exam::{Event, Phase};
use ustudy::i18n::Lang;
use ustudy::ui::app::{App, Message};
use ustudy::ui::autopilot::{Piloted, Stop};
use ustudy::ui::screen::Screen;
use ustudy::ui::screen::check_in::IinStatus;

const MINUTE: Duration = Duration::from_secs(60);
/// How long the end-of-test notice stays (the exam core's rule).
const NOTICE_SHOWN: Duration = Duration::from_millis(ustudy::exam::clock::NOTICE_MS);
/// How long the thank-you screen stays (the exam core's rule).
const CLOSED_SHOWN: Duration = Duration::from_millis(ustudy::exam::clock::THANKS_MS);

fn check_in_screen(app: &App) -> &ustudy::ui::screen::check_in::CheckIn {
    match app.screen() {
        Screen::CheckIn(c) => c,
        other => panic!("expected check-in, on {}", other.name()),
    }
}

fn lock_and_check_in(lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = gui::station(dir.path());
    pick_language(&mut app, lang);

    // A wrong PIN keeps the station locked and shows the attempts left.
    type_into(&mut app, ids::locked::PIN, "1111");
    interact(&mut app, |ui| {
        ui.click(selector::id(ids::locked::PIN)).unwrap();
        let _ = ui.tap_key(Named::Enter);
    });
    assert_eq!(screen(&app), "locked");
    assert!(
        shows(&app, ids::locked::STATUS),
        "the wrong-PIN message is shown"
    );
    // The door makes the next try wait a second.
    gui::Clock::start(&mut app).pass(&mut app, Duration::from_secs(1));

    type_into(&mut app, ids::locked::PIN, gui::PIN);
    click(&mut app, ids::locked::UNLOCK);
    assert_eq!(check_in_screen(&app).iin_status(), IinStatus::Empty);

    // Too short, a wrong check digit, letters ignored, then the right IIN.
    type_into(&mut app, ids::check_in::IIN, "0612116000");
    assert_eq!(check_in_screen(&app).iin_status(), IinStatus::Short(2));
    type_into(&mut app, ids::check_in::IIN, "13");
    assert!(matches!(
        check_in_screen(&app).iin_status(),
        IinStatus::Invalid(_)
    ));
    assert!(shows(&app, ids::check_in::IIN_STATUS));
    interact(&mut app, |ui| {
        ui.click(selector::id(ids::check_in::IIN)).unwrap();
        let _ = ui.tap_key(Named::Backspace);
        let _ = ui.typewrite("x2");
    });
    assert_eq!(check_in_screen(&app).iin_status(), IinStatus::Valid);
    // A ticket that is not this candidate's finds nobody.
    type_into(&mut app, ids::check_in::TICKET, "DEMO-21");
    click(&mut app, ids::check_in::FIND);
    assert!(check_in_screen(&app).found().is_none());
    assert!(!shows(&app, ids::check_in::CONFIRM));
    interact(&mut app, |ui| {
        ui.click(selector::id(ids::check_in::TICKET)).unwrap();
        for _ in 0..7 {
            let _ = ui.tap_key(Named::Backspace);
        }
        let _ = ui.typewrite("demo-24");
    });
    click(&mut app, ids::check_in::FIND);
    let found = check_in_screen(&app).found().expect("found");
    assert_eq!(found.package, "demo-unt-2024");
    // The interface follows the candidate's language from the roster, and can be switched.
    assert_eq!(app.language(), Lang::Kk);
    pick_language(&mut app, lang);
    click(&mut app, ids::check_in::PAIR_OK);
    click(&mut app, ids::check_in::CONFIRM);
    assert_eq!(screen(&app), "briefing");
    let candidate = state(&app).candidate.clone().unwrap();
    assert_eq!(candidate.interface, lang);
    assert_eq!(state(&app).clock.allowed_ms, 240 * 60_000);
}

#[test]
fn lock_and_check_in_in_kazakh() {
    lock_and_check_in(Lang::Kk);
}

#[test]
fn lock_and_check_in_in_russian() {
    lock_and_check_in(Lang::Ru);
}

#[test]
fn lock_and_check_in_in_english() {
    lock_and_check_in(Lang::En);
}

/// Answers task `task` by clicking, after going there through its subject tab.
fn go_to(app: &mut App, block: usize, task: u16) {
    click(app, ids::testing::tab(block));
    click(app, ids::testing::nav(task));
    assert_eq!(state(app).current, task);
}

fn journey(lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = gui::station(dir.path());
    check_in(&mut app, 0);
    pick_language(&mut app, lang);
    let mut clock = Clock::start(&mut app);
    click(&mut app, ids::briefing::START);
    assert_eq!(screen(&app), "testing");
    assert!(shows(&app, ids::testing::TIMER));

    // Single: the answer shows at once, "saved" only once the journal has committed it.
    click(&mut app, ids::testing::option(1));
    assert_eq!(state(&app).answers[0], Some(Choice::One(1)));
    assert!(!app.session().unwrap().is_saved(0), "not committed yet");
    gui::settle(&mut app);
    assert!(app.session().unwrap().is_saved(0), "committed");
    assert!(journal_events(dir.path(), &app).contains(&Event::Answered {
        task: 0,
        choice: Choice::One(1)
    }));

    // Keyboard: → moves on, 3 and C both pick the third option, ← goes back, M marks.
    press(&mut app, Code::ArrowRight, Some(Named::ArrowRight));
    assert_eq!(state(&app).current, 1);
    press(&mut app, Code::Digit3, None);
    assert_eq!(state(&app).answers[1], Some(Choice::One(2)));
    press(&mut app, Code::ArrowRight, Some(Named::ArrowRight));
    press(&mut app, Code::KeyC, None);
    assert_eq!(state(&app).answers[2], Some(Choice::One(2)));
    press(&mut app, Code::KeyM, None);
    assert!(state(&app).marked[2]);
    press(&mut app, Code::ArrowLeft, Some(Named::ArrowLeft));
    assert_eq!(state(&app).current, 1);
    press(&mut app, Code::Delete, Some(Named::Delete));
    assert_eq!(state(&app).answers[1], None);

    // Context: the stimulus beside the question.
    go_to(&mut app, 2, 30);
    click(&mut app, ids::testing::option(3));
    assert_eq!(state(&app).answers[30], Some(Choice::One(3)));

    // Matching: three pairs, one changed.
    go_to(&mut app, 3, 70);
    click(&mut app, ids::testing::pair(0, 1));
    click(&mut app, ids::testing::pair(1, 0));
    click(&mut app, ids::testing::pair(2, 3));
    click(&mut app, ids::testing::pair(2, 2));
    assert_eq!(
        state(&app).answers[70],
        Some(Choice::Pairs(vec![Some(1), Some(0), Some(2)]))
    );

    // Multiple: "choose one or more", two toggled on.
    go_to(&mut app, 3, 75);
    click(&mut app, ids::testing::option(0));
    click(&mut app, ids::testing::option(2));
    assert_eq!(state(&app).answers[75], Some(Choice::Many(vec![0, 2])));

    // Mark and a technical appeal with Kazakh letters.
    click(&mut app, ids::testing::MARK);
    assert!(state(&app).marked[75]);
    click(&mut app, ids::testing::TECHNICAL);
    type_into(
        &mut app,
        ids::testing::TECHNICAL_TEXT,
        "Сурет көрінбейді: ә ғ қ ң ө ұ ү һ і",
    );
    click(&mut app, ids::testing::TECHNICAL_SEND);
    assert_eq!(
        state(&app).technical.get(&75).map(String::as_str),
        Some("Сурет көрінбейді: ә ғ қ ң ө ұ ү һ і")
    );
    gui::settle(&mut app);
    assert!(app.session().unwrap().is_saved(75));

    // The first break comes at 60 minutes of testing and hides the tasks; the clock runs.
    clock.pass(&mut app, 59 * MINUTE);
    assert_eq!(screen(&app), "testing");
    clock.pass(&mut app, 2 * MINUTE);
    assert_eq!(screen(&app), "interlude");
    assert!(matches!(state(&app).phase, Phase::Break { index: 0 }));
    assert!(shows(&app, ids::interlude::BREAK_LEFT) && shows(&app, ids::interlude::MAIN_CLOCK));
    assert!(
        !shows(&app, ids::testing::option(0)) && !shows(&app, ids::testing::nav(0)),
        "tasks are hidden"
    );
    clock.pass(&mut app, 10 * MINUTE);
    assert_eq!(screen(&app), "testing");
    assert_eq!(state(&app).current, 75, "back to the same task");
    let used = state(&app).clock.used_ms;
    assert!(
        used >= 71 * 60_000,
        "the clock ran through the break: {used}"
    );

    // Finish: the confirmation lists what is open and marked; back, then finish for real.
    click(&mut app, ids::testing::FINISH);
    assert!(shows(&app, ids::testing::FINISH_CONFIRM));
    click(&mut app, ids::testing::FINISH_CANCEL);
    assert_eq!(screen(&app), "testing");
    click(&mut app, ids::testing::FINISH);
    click(&mut app, ids::testing::FINISH_CONFIRM);
    assert_eq!(screen(&app), "finished");
    assert_eq!(state(&app).finish, Some(FinishReason::Candidate));
    click(&mut app, ids::finished::TO_CARD);
    assert_eq!(screen(&app), "review");
    assert!(shows(&app, ids::review::TOTAL));
    click(&mut app, ids::review::TO_DECISION);
    assert_eq!(screen(&app), "decision");
    assert!(shows(&app, ids::decision::COUNTDOWN));
    click(&mut app, ids::decision::GO_APPEAL);
    assert_eq!(screen(&app), "appeal");

    // Appeal task 70 (opened through the appeal navigator) with a ground and a justification.
    click(&mut app, ids::appeal::tab(3));
    click(&mut app, ids::appeal::nav(70));
    click(&mut app, ids::appeal::ground(1));
    type_into(&mut app, ids::appeal::TEXT, "Екі дұрыс жауап бар.");
    click(&mut app, ids::appeal::SAVE);
    let note = state(&app).appeals.get(&70).cloned().expect("appealed");
    assert_eq!(note.ground, AppealGround::SeveralCorrect);
    assert_eq!(note.text, "Екі дұрыс жауап бар.");
    click(&mut app, ids::appeal::FINISH);
    click(&mut app, ids::appeal::CONFIRM);
    assert_eq!(screen(&app), "appeal-card");
    assert!(shows(&app, ids::appeal_card::RECEIPT));
    let receipt = state(&app).receipt.clone().expect("receipt");
    assert_eq!(receipt.len(), 9);
    click(&mut app, ids::appeal_card::CARD_DONE);
    assert_eq!(screen(&app), "closed");
    assert_eq!(state(&app).close, Some(CloseReason::AppealFiled));
    gui::settle(&mut app);

    // The journal holds exactly what the screen showed.
    let events = journal_events(dir.path(), &app);
    let replayed = fold(gui::paper(&app), &events).expect("replays");
    assert_eq!(&replayed, state(&app));

    // The thank-you stays, then the station locks for the next candidate.
    clock.pass(&mut app, CLOSED_SHOWN);
    assert_eq!(screen(&app), "locked");
    assert!(app.session().is_none());
    assert!(shows(&app, ids::locked::PIN));
}

#[test]
fn the_journey_in_kazakh() {
    journey(Lang::Kk);
}

#[test]
fn the_journey_in_russian() {
    journey(Lang::Ru);
}

#[test]
fn the_journey_in_english() {
    journey(Lang::En);
}

fn unattended(lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = gui::station(dir.path());
    check_in(&mut app, 1); // extra time: 240 + 40 minutes
    pick_language(&mut app, lang);
    let mut clock = Clock::start(&mut app);
    click(&mut app, ids::briefing::START);
    click(&mut app, ids::testing::option(0));
    // Breaks come and go; at 280 minutes the test ends by itself.
    for _ in 0..28 {
        clock.pass(&mut app, 10 * MINUTE);
    }
    assert_eq!(screen(&app), "finished");
    assert_eq!(state(&app).finish, Some(FinishReason::TimeUp));
    assert_eq!(
        state(&app).clock.used_ms,
        280 * 60_000,
        "exactly the time allowed"
    );
    assert_eq!(state(&app).answers[0], Some(Choice::One(0)), "nothing lost");
    // The notice goes to the card by itself, the card to the decision, and the decision, left
    // alone, closes the session.
    clock.pass(&mut app, NOTICE_SHOWN);
    assert_eq!(screen(&app), "review");
    clock.pass(&mut app, 10 * MINUTE);
    assert_eq!(screen(&app), "decision");
    clock.pass(&mut app, 9 * MINUTE);
    assert_eq!(screen(&app), "decision");
    clock.pass(&mut app, 2 * MINUTE);
    assert_eq!(screen(&app), "closed");
    assert_eq!(state(&app).close, Some(CloseReason::AutoClose));
    gui::settle(&mut app);
    let events = journal_events(dir.path(), &app);
    assert!(events.contains(&Event::Finished {
        reason: FinishReason::TimeUp
    }));
    assert_eq!(
        events.last(),
        Some(&Event::Closed {
            reason: CloseReason::AutoClose
        })
    );
}

#[test]
fn time_up_and_auto_close_in_kazakh() {
    unattended(Lang::Kk);
}

#[test]
fn time_up_and_auto_close_in_russian() {
    unattended(Lang::Ru);
}

#[test]
fn time_up_and_auto_close_in_english() {
    unattended(Lang::En);
}

#[test]
fn a_restart_brings_back_the_same_task_answers_and_time_after_the_proctor_unlocks() {
    let dir = tempfile::tempdir().unwrap();
    let (current, answers, remaining) = {
        let mut app = gui::station(dir.path());
        check_in(&mut app, 0);
        let mut clock = Clock::start(&mut app);
        click(&mut app, ids::briefing::START);
        click(&mut app, ids::testing::option(2));
        click(&mut app, ids::testing::NEXT);
        click(&mut app, ids::testing::option(1));
        go_to(&mut app, 3, 70);
        click(&mut app, ids::testing::pair(0, 0));
        clock.pass(&mut app, 7 * MINUTE);
        gui::settle(&mut app);
        let s = state(&app);
        (s.current, s.answers.clone(), s.clock.remaining_ms())
        // The app is dropped here without closing anything: a crash.
    };
    // The seven minutes before the crash were charged.
    assert_eq!(remaining, (240 - 7) * 60_000);
    let mut app = gui::station(dir.path());
    assert_eq!(screen(&app), "locked");
    assert!(
        shows(&app, ids::locked::RECOVERED),
        "the lock screen says what was recovered"
    );
    // Time on the lock screen, waiting for the proctor, is not charged.
    let mut clock = Clock::start(&mut app);
    clock.pass(&mut app, 5 * MINUTE);
    assert_eq!(state(&app).clock.remaining_ms(), remaining);
    // The summary, the PIN entry and the demo PIN all fit the smallest screen (a click fails on
    // anything outside it).
    click(&mut app, ids::locked::RECOVERED);
    click(&mut app, ids::locked::DEMO_PIN);
    type_into(&mut app, ids::locked::PIN, gui::PIN);
    click(&mut app, ids::locked::UNLOCK);
    assert_eq!(screen(&app), "testing");
    assert_eq!(state(&app).current, current);
    assert_eq!(state(&app).answers, answers);
    assert_eq!(state(&app).clock.remaining_ms(), remaining);
    // Once unlocked, the clock runs again.
    clock.pass(&mut app, MINUTE);
    gui::settle(&mut app);
    assert_eq!(
        app.session().unwrap().now().clock.remaining_ms(),
        remaining - 60_000
    );
    // And the session goes on in the same journal.
    click(&mut app, ids::testing::pair(1, 2));
    gui::settle(&mut app);
    let both = Choice::Pairs(vec![Some(0), Some(2), None]);
    assert!(journal_events(dir.path(), &app).contains(&Event::Answered {
        task: 70,
        choice: both.clone()
    }));
    assert_eq!(state(&app).answers[70], Some(both));
    // The proctor's going on is in the session, with the credential.
    assert!(
        journal_events(dir.path(), &app).contains(&Event::Proctor {
            action: ustudy::exam::event::ProctorAction::Recovered,
            by: ustudy::exam::event::By::Pin,
            reason: String::new(),
        }),
        "the resume after the crash is recorded"
    );
}

/// While a test runs with nothing due, time is counted at each checkpoint (the clock on screen
/// counts by itself in between); near a break, near the warnings at the end, and on every other
/// screen, every second, so nothing that time brings comes late.
#[test]
fn time_is_counted_at_checkpoints_while_nothing_is_due_and_every_second_near_a_boundary() {
    let second = Duration::from_secs(1);
    let checkpoint = Duration::from_millis(ustudy::journal::CHECKPOINT_MS);
    let dir = tempfile::tempdir().unwrap();
    let mut app = gui::station(dir.path());
    check_in(&mut app, 0);
    let mut clock = Clock::start(&mut app);
    assert_eq!(app.tick_every(), second, "the briefing");
    click(&mut app, ids::briefing::START);
    assert_eq!(app.tick_every(), checkpoint, "a quiet test");
    assert!(shows(&app, ids::testing::TIMER));
    // The first break is due at minute 60: ten seconds before it, ticks come every second.
    clock.pass(&mut app, 59 * MINUTE + 49 * second);
    assert_eq!(app.tick_every(), checkpoint);
    clock.pass(&mut app, 2 * second);
    assert_eq!(app.tick_every(), second, "a break is due in 9 s");
    for _ in 0..9 {
        clock.pass(&mut app, second);
    }
    assert_eq!(screen(&app), "interlude");
    assert_eq!(app.tick_every(), second, "the break's own countdown");
    clock.pass(&mut app, 10 * MINUTE);
    assert_eq!(screen(&app), "testing");
    assert_eq!(app.tick_every(), checkpoint);
    // The timer warns from 15 minutes left: every second from ten seconds before.
    for minutes in [45, 10, 10, 50, 10] {
        clock.pass(&mut app, minutes * MINUTE);
    }
    assert_eq!(screen(&app), "testing");
    let left = state(&app).clock.remaining_ms();
    let warn = ustudy::ui::widget::clock::WARN_MS;
    clock.pass(&mut app, Duration::from_millis(left - warn - 11_000));
    assert_eq!(app.tick_every(), checkpoint, "{left}");
    clock.pass(&mut app, 2 * second);
    assert_eq!(app.tick_every(), second);
}

#[test]
fn close_requests_are_ignored_and_recorded_during_a_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = gui::station(dir.path());
    let _ = app.update(Message::Window(
        ustudy::ui::app::WindowEvent::CloseRequested,
    ));
    assert_eq!(app.incidents(), 1);
    assert_eq!(screen(&app), "locked");
    check_in(&mut app, 0);
    click(&mut app, ids::briefing::START);
    let _ = app.update(Message::Window(
        ustudy::ui::app::WindowEvent::CloseRequested,
    ));
    assert_eq!(screen(&app), "testing");
    assert_eq!(state(&app).incidents.len(), 1);
}

#[test]
fn a_restart_during_the_appeal_comes_back_to_the_appeal_with_what_was_written() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut app = gui::station(dir.path());
        check_in(&mut app, 0);
        gui::to_appeal(&mut app);
        click(&mut app, ids::appeal::ground(2));
        type_into(&mut app, ids::appeal::TEXT, "Шартта қате бар.");
        click(&mut app, ids::appeal::SAVE);
        gui::settle(&mut app);
    }
    let mut app = gui::station(dir.path());
    type_into(&mut app, ids::locked::PIN, gui::PIN);
    click(&mut app, ids::locked::UNLOCK);
    assert_eq!(screen(&app), "appeal");
    let note = state(&app).appeals.get(&0).cloned().expect("kept");
    assert_eq!(note.ground, AppealGround::ErrorInTask);
    click(&mut app, ids::appeal::FINISH);
    click(&mut app, ids::appeal::CONFIRM);
    assert_eq!(screen(&app), "appeal-card");
}

#[test]
fn after_journal_damage_the_session_goes_on_in_a_fresh_chain_with_everything_before_the_damage() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let mut app = gui::station(dir.path());
        check_in(&mut app, 0);
        click(&mut app, ids::briefing::START);
        for option in [0, 1, 2].map(ids::testing::option) {
            click(&mut app, option);
            click(&mut app, ids::testing::NEXT);
        }
        gui::settle(&mut app);
        app.session().unwrap().id.clone()
    };
    // Flip one byte of the last record but one: everything from there on no longer verifies.
    let db = rusqlite::Connection::open(dir.path().join("journal.sqlite")).unwrap();
    let last: i64 = db
        .query_row(
            "SELECT max(seq) FROM events WHERE session = ?1",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    let mut blob: Vec<u8> = db
        .query_row(
            "SELECT sealed FROM events WHERE session = ?1 AND seq = ?2",
            rusqlite::params![id, last - 1],
            |r| r.get(0),
        )
        .unwrap();
    blob[20] ^= 0x40;
    db.execute(
        "UPDATE events SET sealed = ?1 WHERE session = ?2 AND seq = ?3",
        rusqlite::params![blob, id, last - 1],
    )
    .unwrap();
    drop(db);

    let mut app = gui::station(dir.path());
    assert!(shows(&app, ids::locked::RECOVERED));
    let continued = app.session().unwrap().id.clone();
    assert_ne!(continued, id, "a fresh chain");
    type_into(&mut app, ids::locked::PIN, gui::PIN);
    click(&mut app, ids::locked::UNLOCK);
    assert_eq!(screen(&app), "testing");
    // The first answers were before the damage and are kept; the session goes on and saves.
    assert_eq!(state(&app).answers[0], Some(Choice::One(0)));
    assert_eq!(state(&app).answers[1], Some(Choice::One(1)));
    click(&mut app, ids::testing::tab(0));
    click(&mut app, ids::testing::nav(5));
    click(&mut app, ids::testing::option(3));
    gui::settle(&mut app);
    assert!(app.session().unwrap().is_saved(5));
    let events = journal_events(dir.path(), &app);
    let replayed = fold(gui::paper(&app), &events).unwrap();
    assert_eq!(&replayed, state(&app));
}

#[test]
fn the_whole_journey_by_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = gui::station(dir.path());
    let key = |app: &mut App, code: Code, named: Option<Named>| press(app, code, named);
    type_into(&mut app, ids::locked::PIN, gui::PIN);
    interact(&mut app, |ui| {
        ui.click(selector::id(ids::locked::PIN)).unwrap();
        let _ = ui.tap_key(Named::Enter);
    });
    type_into(&mut app, ids::check_in::IIN, "061211600012");
    type_into(&mut app, ids::check_in::TICKET, "DEMO-24");
    interact(&mut app, |ui| {
        ui.click(selector::id(ids::check_in::TICKET)).unwrap();
        let _ = ui.tap_key(Named::Enter);
    });
    assert!(shows(&app, ids::check_in::FOUND));
    key(&mut app, Code::Enter, Some(Named::Enter));
    assert_eq!(
        screen(&app),
        "check-in",
        "Enter does nothing before the subjects are confirmed"
    );
    key(&mut app, Code::Space, Some(Named::Space));
    key(&mut app, Code::Enter, Some(Named::Enter));
    assert_eq!(screen(&app), "briefing");
    key(&mut app, Code::Enter, Some(Named::Enter));
    assert_eq!(screen(&app), "testing");
    key(&mut app, Code::Digit2, None);
    key(&mut app, Code::ArrowRight, Some(Named::ArrowRight));
    key(&mut app, Code::KeyD, None);
    assert_eq!(state(&app).answers[0], Some(Choice::One(1)));
    assert_eq!(state(&app).answers[1], Some(Choice::One(3)));
    // F10 asks; Esc goes back; F10 and Enter finish.
    key(&mut app, Code::F10, Some(Named::F10));
    assert!(shows(&app, ids::testing::FINISH_CONFIRM));
    key(&mut app, Code::Escape, Some(Named::Escape));
    assert!(!shows(&app, ids::testing::FINISH_CONFIRM));
    key(&mut app, Code::F10, Some(Named::F10));
    key(&mut app, Code::Enter, Some(Named::Enter));
    assert_eq!(screen(&app), "finished");
    key(&mut app, Code::Enter, Some(Named::Enter));
    assert_eq!(screen(&app), "review");
    key(&mut app, Code::Enter, Some(Named::Enter));
    assert_eq!(screen(&app), "decision");
    key(&mut app, Code::Digit1, None);
    assert_eq!(screen(&app), "appeal");
    // → to task 2, ground 4, text, F2 saves; F10 and Enter file the appeal.
    key(&mut app, Code::ArrowRight, Some(Named::ArrowRight));
    key(&mut app, Code::Digit4, None);
    type_into(&mut app, ids::appeal::TEXT, "Суреттің бір бөлігі жоқ.");
    key(&mut app, Code::F2, Some(Named::F2));
    let note = state(&app)
        .appeals
        .get(&1)
        .cloned()
        .expect("appealed by keys");
    assert_eq!(note.ground, AppealGround::MissingFragment);
    key(&mut app, Code::F10, Some(Named::F10));
    key(&mut app, Code::Enter, Some(Named::Enter));
    assert_eq!(screen(&app), "appeal-card");
    key(&mut app, Code::Enter, Some(Named::Enter));
    assert_eq!(screen(&app), "closed");
}

#[test]
fn the_appeal_is_filed_by_itself_at_the_deadline_with_what_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = gui::station(dir.path());
    check_in(&mut app, 0);
    let mut clock = Clock::start(&mut app);
    gui::to_appeal(&mut app);
    click(&mut app, ids::appeal::ground(0));
    type_into(&mut app, ids::appeal::TEXT, "Дұрыс жауап жоқ.");
    click(&mut app, ids::appeal::SAVE);
    assert!(shows(&app, ids::appeal::DEADLINE));
    clock.pass(&mut app, 29 * MINUTE);
    assert_eq!(screen(&app), "appeal");
    clock.pass(&mut app, 2 * MINUTE);
    assert_eq!(
        screen(&app),
        "appeal-card",
        "filed at 30 minutes after the end of testing"
    );
    assert!(state(&app).receipt.is_some());
    assert_eq!(state(&app).appeals.len(), 1);
    // The card closes by itself too.
    clock.pass(&mut app, 11 * MINUTE);
    assert_eq!(screen(&app), "closed");
    assert_eq!(state(&app).close, Some(CloseReason::AutoClose));
}

#[test]
fn an_autopilot_that_cannot_go_on_gives_up_with_a_reason() {
    // No demo PIN to type: the scripted proctor cannot unlock, so the run stands still.
    let dir = tempfile::tempdir().unwrap();
    let boot = ustudy::boot::demo(dir.path()).unwrap();
    let config = ustudy::station::Config {
        demo_pin: None,
        ..ustudy::station::Config::demo(boot.packages).unwrap()
    };
    let failure = std::sync::Arc::new(std::sync::Mutex::new(None));
    let (app, _) = App::new(config, boot.writer, boot.start);
    let mut pilot = Piloted::new(app, 6, Stop::default(), std::sync::Arc::clone(&failure));
    let start = std::time::Instant::now();
    let _ = pilot.update(Message::Tick(start));
    let _ = pilot.update(Message::Tick(start + Duration::from_secs(30)));
    assert!(failure.lock().unwrap().is_none());
    let _ = pilot.update(Message::Tick(start + Duration::from_secs(61)));
    let why = failure.lock().unwrap().clone().expect("the run failed");
    assert!(
        why.contains("no progress") && why.contains("locked"),
        "{why}"
    );
}

#[test]
fn a_justification_over_the_limit_is_kept_and_not_saved_until_shortened() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = gui::station(dir.path());
    check_in(&mut app, 0);
    click(&mut app, ids::briefing::START);
    click(&mut app, ids::testing::FINISH);
    click(&mut app, ids::testing::FINISH_CONFIRM);
    click(&mut app, ids::finished::TO_CARD);
    click(&mut app, ids::review::TO_DECISION);
    click(&mut app, ids::decision::GO_APPEAL);
    let long = "ә".repeat(ustudy::exam::state::MAX_TEXT + 1);
    let appeal = |m| Message::Screen(ustudy::ui::screen::Message::Appeal(m));
    let _ = app.update(appeal(ustudy::ui::screen::appeal::Message::Edit(
        iced::widget::text_editor::Action::Edit(iced::widget::text_editor::Edit::Paste(
            std::sync::Arc::new(long),
        )),
    )));
    let _ = app.update(appeal(ustudy::ui::screen::appeal::Message::Save));
    assert!(state(&app).appeals.is_empty(), "not saved");
    let Screen::Appeal(appeal) = app.screen() else {
        panic!("on {}", screen(&app))
    };
    assert_eq!(
        appeal.text().chars().count(),
        ustudy::exam::state::MAX_TEXT + 1,
        "nothing lost"
    );
    // One character less and it saves.
    interact(&mut app, |ui| {
        ui.click(selector::id(ids::appeal::TEXT)).unwrap();
        let _ = ui.tap_key(Named::Backspace);
    });
    click(&mut app, ids::appeal::SAVE);
    assert_eq!(
        state(&app).appeals.get(&0).map(|n| n.text.chars().count()),
        Some(ustudy::exam::state::MAX_TEXT)
    );
}
