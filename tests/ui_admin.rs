//! Headless flows of the proctor's admin screen on a real journal: five wrong PINs lock the door
//! and a restart keeps the lock-out; a pause stops the clock and a resume starts it; a step-out
//! past ten minutes is an incident; a focus loss hides the tasks until a one-time code from the
//! real center opens the station (once); lost time is given back to the millisecond; an end for
//! a violation shows no card; and every action is in the journal with its reason.

// Tests fail loudly on purpose.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::too_many_lines,
    clippy::float_cmp
)]

mod support;

use std::time::Duration;

use support::enrolled::{self, demo_center, enroll};
use support::gui::{self, Clock, check_in, click, ids, screen, settle, shows, type_into};
use ustudy::exam::clock::MINUTE_MS;
use ustudy::exam::event::{By, CloseReason, FinishReason, HoldCause, Incident, ProctorAction};
use ustudy::exam::{Event, Phase};
use ustudy::journal::Journal;
use ustudy::journal::audit::Action;
use ustudy::station::door::{ATTEMPTS, LOCKOUT};
use ustudy::ui::app::{App, Message, WindowEvent};
use ustudy::ui::screen::Screen;
use ustudy::ui::screen::admin::Act;
use ustudy::ui::screen::locked::Notice;

const SECOND: Duration = Duration::from_secs(1);

fn remaining(app: &App) -> u64 {
    gui::state(app).clock.remaining_ms()
}

/// The chord, the PIN, the admin screen.
fn open_admin(app: &mut App, pin: &str) {
    let _ = app.update(Message::AdminChord);
    assert_eq!(screen(app), "locked", "the chord holds the session");
    type_into(app, ids::locked::PIN, pin);
    click(app, ids::locked::UNLOCK);
    settle(app);
    assert_eq!(screen(app), "admin");
}

/// Types the reason and presses the action.
fn act(app: &mut App, act: Act, reason: &str) {
    if !reason.is_empty() {
        type_into(app, ids::admin::REASON, reason);
    }
    click(app, ids::admin::act(act));
    settle(app);
}

fn proctor_events(dir: &std::path::Path, app: &App) -> Vec<(ProctorAction, By, String)> {
    gui::journal_events(dir, app)
        .into_iter()
        .filter_map(|e| match e {
            Event::Proctor { action, by, reason } => Some((action, by, reason)),
            _ => None,
        })
        .collect()
}

#[test]
fn five_wrong_pins_lock_the_door_and_a_restart_keeps_the_lockout() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = gui::station(dir.path());
    let mut clock = Clock::start(&mut app);
    for n in 1..=ATTEMPTS {
        type_into(&mut app, ids::locked::PIN, "1111");
        click(&mut app, ids::locked::UNLOCK);
        settle(&mut app);
        assert_eq!(screen(&app), "locked");
        assert!(shows(&app, ids::locked::STATUS), "try {n} is said");
        if n < ATTEMPTS {
            // The door makes the next try wait: right away, even the right PIN is not taken.
            type_into(&mut app, ids::locked::PIN, gui::PIN);
            click(&mut app, ids::locked::UNLOCK);
            assert_eq!(screen(&app), "locked", "try {n}: the door waits");
            clock.pass(&mut app, Duration::from_secs(1 << (n - 1)));
        }
    }
    // Locked out: the PIN takes nothing, now or after a minute.
    clock.pass(&mut app, 60 * SECOND);
    type_into(&mut app, ids::locked::PIN, gui::PIN);
    click(&mut app, ids::locked::UNLOCK);
    assert_eq!(screen(&app), "locked");
    let refused = Journal::open_existing(dir.path())
        .unwrap()
        .audit_log()
        .unwrap()
        .iter()
        .filter(|a| a.authentic && a.action == Some(Action::PinRefused))
        .count();
    assert_eq!(refused, 5, "every wrong try is in the audit log");

    // A restart does not open the door.
    drop(app);
    let mut app = gui::station(dir.path());
    type_into(&mut app, ids::locked::PIN, gui::PIN);
    click(&mut app, ids::locked::UNLOCK);
    assert_eq!(screen(&app), "locked", "the lock-out survives a restart");
    assert!(shows(&app, ids::locked::STATUS));
    // Once it is served, the PIN opens.
    let mut clock = Clock::start(&mut app);
    clock.pass(&mut app, LOCKOUT);
    type_into(&mut app, ids::locked::PIN, gui::PIN);
    click(&mut app, ids::locked::UNLOCK);
    settle(&mut app);
    assert_eq!(screen(&app), "check-in");
    let log = Journal::open_existing(dir.path())
        .unwrap()
        .audit_log()
        .unwrap();
    assert_eq!(
        log.last().and_then(|a| a.action),
        Some(Action::PinAccepted),
        "the unlock is in the audit log"
    );
}

#[test]
fn a_pause_stops_the_clock_and_every_action_is_journalled_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = gui::station(dir.path());
    check_in(&mut app, 0);
    let mut clock = Clock::start(&mut app);
    click(&mut app, ids::briefing::START);
    clock.pass(&mut app, 60 * SECOND);
    let before = remaining(&app);

    open_admin(&mut app, gui::PIN);
    // No reason, no pause: it is said, and nothing is recorded.
    act(&mut app, Act::Pause, "");
    assert!(shows(&app, ids::admin::PROBLEM));
    assert!(matches!(gui::state(&app).phase, Phase::Testing));
    act(&mut app, Act::Pause, "the mouse stopped working");
    assert!(matches!(gui::state(&app).phase, Phase::Paused { .. }));
    click(&mut app, ids::admin::BACK);
    settle(&mut app);
    assert_eq!(screen(&app), "interlude", "the pause screen");
    let says = |app: &App, id: &str| gui::shows_text(app, &ustudy::i18n::tr(app.language(), id));
    assert!(
        says(&app, "paused-main-clock") && !says(&app, "break-main-clock"),
        "the pause screen says the clock is stopped, not that it runs"
    );
    clock.pass(&mut app, 5 * 60 * SECOND);
    assert_eq!(
        remaining(&app),
        before,
        "the clock stood still while paused"
    );

    // The proctor's button on the pause screen asks for the PIN, then resume.
    click(&mut app, ids::interlude::PROCTOR);
    assert_eq!(screen(&app), "locked");
    type_into(&mut app, ids::locked::PIN, gui::PIN);
    click(&mut app, ids::locked::UNLOCK);
    settle(&mut app);
    act(&mut app, Act::Resume, "");
    // Minutes out of range are said, and nothing is added; letters are not even taken.
    type_into(&mut app, ids::admin::MINUTES, "999");
    act(&mut app, Act::AddTime, "the fire alarm");
    assert!(shows(&app, ids::admin::PROBLEM), "1 to 240 minutes");
    assert_eq!(gui::state(&app).clock.added_ms, 0);
    // The bad number was cleared; the reason typed stays.
    type_into(&mut app, ids::admin::MINUTES, "x");
    act(&mut app, Act::AddTime, "");
    assert_eq!(gui::state(&app).clock.added_ms, 0, "no minutes typed");
    type_into(&mut app, ids::admin::MINUTES, "7");
    act(&mut app, Act::AddTime, "");
    click(&mut app, ids::admin::BACK);
    settle(&mut app);
    assert_eq!(screen(&app), "testing");
    clock.pass(&mut app, 30 * SECOND);
    assert_eq!(remaining(&app), before + 7 * MINUTE_MS - 30_000);

    let proctor = proctor_events(dir.path(), &app);
    let actions: Vec<&ProctorAction> = proctor.iter().map(|(a, _, _)| a).collect();
    assert_eq!(
        actions,
        [
            &ProctorAction::Pause,
            &ProctorAction::Release {
                verdict: ustudy::exam::event::Verdict::Technical
            },
            &ProctorAction::Resume,
            &ProctorAction::AddTime { seconds: 420 },
            &ProctorAction::Release {
                verdict: ustudy::exam::event::Verdict::Technical
            },
        ]
    );
    assert_eq!(proctor[0].2, "the mouse stopped working");
    assert_eq!(proctor[3].2, "the fire alarm");
    assert!(proctor.iter().all(|(_, by, _)| *by == By::Pin));
}

#[test]
fn a_step_out_past_ten_minutes_is_an_incident_and_the_clock_runs() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = gui::station(dir.path());
    check_in(&mut app, 0);
    let mut clock = Clock::start(&mut app);
    click(&mut app, ids::briefing::START);
    let before = remaining(&app);
    open_admin(&mut app, gui::PIN);
    // By keyboard: digit 3 is the third action, step-out.
    type_into(&mut app, ids::admin::REASON, "to the nurse");
    let _ = app.update(Message::Key(ustudy::ui::keys::Press::Option(2)));
    settle(&mut app);
    assert_eq!(gui::state(&app).phase, Phase::SteppedOut);
    click(&mut app, ids::admin::BACK);
    settle(&mut app);
    assert_eq!(screen(&app), "interlude");
    clock.pass(&mut app, 11 * 60 * SECOND);
    settle(&mut app);
    let state = gui::state(&app);
    assert!(
        state
            .incidents
            .iter()
            .any(|l| l.incident == Incident::StepOutOverdue),
        "{:?}",
        state.incidents
    );
    assert_eq!(remaining(&app), before - 11 * MINUTE_MS, "the clock ran");
    open_admin(&mut app, gui::PIN);
    act(&mut app, Act::Return, "");
    click(&mut app, ids::admin::BACK);
    settle(&mut app);
    assert_eq!(screen(&app), "testing");
}

#[test]
fn a_focus_loss_hides_the_tasks_until_a_one_time_code_opens_the_station_once() {
    let (center, code) = demo_center();
    let station = enroll(&center, &code);
    let name = station.settings().station;
    let who = station.roster()[0].clone();
    let mut app = station.start();
    type_into(&mut app, ids::locked::PIN, enrolled::PIN);
    click(&mut app, ids::locked::UNLOCK);
    type_into(&mut app, ids::check_in::IIN, &who.iin);
    type_into(&mut app, ids::check_in::TICKET, &who.ticket);
    click(&mut app, ids::check_in::FIND);
    click(&mut app, ids::check_in::PAIR_OK);
    click(&mut app, ids::check_in::CONFIRM);
    settle(&mut app);
    let mut clock = Clock::start(&mut app);
    click(&mut app, ids::briefing::START);
    assert!(shows(&app, ids::testing::option(0)));

    let _ = app.update(Message::Window(WindowEvent::FocusLost));
    settle(&mut app);
    assert_eq!(screen(&app), "locked");
    assert!(
        !shows(&app, ids::testing::option(0)),
        "the tasks are hidden"
    );
    assert!(shows(&app, ids::locked::HELD));
    assert_eq!(gui::state(&app).hold, Some(HoldCause::FocusLost));
    let first = challenge(&app);
    let made = support::cli::center(&[
        "unlock-code",
        "--dir",
        center.path().to_str().unwrap(),
        "--station",
        &name,
        "--challenge",
        &first,
    ]);
    assert!(made.ok(), "{}", made.stderr);
    // The operator's typing mistakes are said and make no code.
    let center_dir = center.path().to_str().unwrap().to_owned();
    for (station, challenge, said) in [
        (name.as_str(), "12345", "digits the station shows"),
        (name.as_str(), "12a456", "digits the station shows"),
        (
            "no-such-station",
            first.as_str(),
            "no station named no-such-station",
        ),
    ] {
        let bad = support::cli::center(&[
            "unlock-code",
            "--dir",
            &center_dir,
            "--station",
            station,
            "--challenge",
            challenge,
        ]);
        assert!(!bad.ok() && bad.stdout.is_empty(), "{station} {challenge}");
        assert!(bad.stderr.contains(said), "{}", bad.stderr);
    }
    let code = made
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("unlock-code: "))
        .expect("the code is printed")
        .to_owned();
    // Held 40 s: the clock ran.
    clock.pass(&mut app, 40 * SECOND);
    type_into(&mut app, ids::locked::PIN, &code);
    click(&mut app, ids::locked::UNLOCK);
    settle(&mut app);
    assert_eq!(
        screen(&app),
        "admin",
        "the one-time code opens the admin screen"
    );
    click(&mut app, ids::admin::BACK);
    settle(&mut app);
    assert_eq!(screen(&app), "testing");
    let released = gui::journal_events(&station.data_dir(), &app)
        .into_iter()
        .any(|e| {
            matches!(
                e,
                Event::Proctor {
                    action: ProctorAction::Release { .. },
                    by: By::Code,
                    ..
                }
            )
        });
    assert!(released, "the release is recorded as opened with a code");

    // The same code does not open the next hold: it has a new challenge.
    clock.pass(&mut app, 5 * SECOND);
    let _ = app.update(Message::Window(WindowEvent::FocusLost));
    settle(&mut app);
    assert_ne!(challenge(&app), first, "a new challenge");
    clock.pass(&mut app, 10 * SECOND);
    type_into(&mut app, ids::locked::PIN, &code);
    click(&mut app, ids::locked::UNLOCK);
    settle(&mut app);
    assert_eq!(screen(&app), "locked", "a used code opens nothing");
    assert!(shows(&app, ids::locked::STATUS));
    assert!(
        gui::state(&app)
            .incidents
            .iter()
            .any(|l| l.incident == Incident::WrongPin),
        "the wrong try is an incident of the session"
    );
}

fn challenge(app: &App) -> String {
    match app.screen() {
        Screen::Locked(lock) => match lock.notice() {
            Notice::Held {
                challenge: Some(c), ..
            } => c.clone(),
            other => panic!("no challenge: {other:?}"),
        },
        _ => panic!("not locked but {}", screen(app)),
    }
}

#[test]
fn lost_time_is_given_back_to_the_millisecond() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = gui::station(dir.path());
    check_in(&mut app, 0);
    let mut clock = Clock::start(&mut app);
    click(&mut app, ids::briefing::START);
    clock.pass(&mut app, 30 * SECOND);
    let _ = app.update(Message::Window(WindowEvent::FocusLost));
    settle(&mut app);
    clock.pass(&mut app, Duration::from_millis(47_250));
    type_into(&mut app, ids::locked::PIN, gui::PIN);
    click(&mut app, ids::locked::UNLOCK);
    settle(&mut app);
    // Give back is not offered while the hold is not ruled on.
    assert_eq!(gui::state(&app).ledger.due_ms(), 0);
    click(&mut app, ids::admin::BACK);
    settle(&mut app);
    assert_eq!(gui::state(&app).ledger.due_ms(), 47_250);
    assert_eq!(remaining(&app), 240 * MINUTE_MS - 30_000 - 47_250);

    open_admin(&mut app, gui::PIN);
    let label = ustudy::i18n::tr_args(
        app.language(),
        "admin-act-give-back",
        &[("time", ustudy::i18n::Arg::Str("0:47"))],
    );
    assert!(
        gui::shows_text(&app, &format!("6  {label}")),
        "the button names what is owed: {label}"
    );
    act(&mut app, Act::GiveBack, "");
    click(&mut app, ids::admin::BACK);
    settle(&mut app);
    assert_eq!(gui::state(&app).ledger.due_ms(), 0);
    assert_eq!(
        remaining(&app),
        240 * MINUTE_MS - 30_000,
        "exactly what was lost"
    );
    // Nothing more can be given.
    open_admin(&mut app, gui::PIN);
    act(&mut app, Act::GiveBack, "");
    assert_eq!(remaining(&app), 240 * MINUTE_MS - 30_000);
}

#[test]
fn an_end_for_a_violation_shows_no_card() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = gui::station(dir.path());
    check_in(&mut app, 0);
    let mut clock = Clock::start(&mut app);
    click(&mut app, ids::briefing::START);
    click(&mut app, ids::testing::option(0));
    open_admin(&mut app, gui::PIN);
    click(&mut app, ids::admin::act(Act::EndViolation));
    click(&mut app, ids::admin::CONFIRM);
    assert!(
        shows(&app, ids::admin::PROBLEM),
        "a violation must be named"
    );
    act(&mut app, Act::EndViolation, "a phone on the desk");
    click(&mut app, ids::admin::CONFIRM);
    settle(&mut app);
    assert_eq!(gui::state(&app).finish, Some(FinishReason::Violation));
    click(&mut app, ids::admin::BACK);
    settle(&mut app);
    assert_eq!(screen(&app), "finished");
    click(&mut app, ids::finished::TO_CARD);
    assert_eq!(screen(&app), "finished", "no card");
    clock.pass(&mut app, 6 * SECOND);
    settle(&mut app);
    let state = gui::state(&app);
    assert_eq!(state.close, Some(CloseReason::Violation));
    assert_eq!(state.card_shown, None);
    let proctor = proctor_events(dir.path(), &app);
    assert!(
        proctor
            .iter()
            .any(|(a, _, r)| *a == ProctorAction::EndViolation && r == "a phone on the desk")
    );
}

#[test]
fn without_a_session_the_admin_screen_closes_the_station_for_the_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = gui::station(dir.path());
    type_into(&mut app, ids::locked::PIN, gui::PIN);
    click(&mut app, ids::locked::ADMIN);
    settle(&mut app);
    assert_eq!(screen(&app), "admin");
    click(&mut app, ids::admin::CLOSE_DAY);
    // It asks first; "No" leaves everything as it was.
    click(&mut app, ids::admin::CANCEL);
    assert!(shows(&app, ids::admin::NEXT));
    click(&mut app, ids::admin::CLOSE_DAY);
    click(&mut app, ids::admin::CONFIRM);
    settle(&mut app);
    let log = Journal::open_existing(dir.path())
        .unwrap()
        .audit_log()
        .unwrap();
    let actions: Vec<Option<Action>> = log.iter().map(|a| a.action).collect();
    assert_eq!(
        actions,
        [Some(Action::PinAccepted), Some(Action::CloseDay)],
        "the door and the close, in the audit log"
    );
    // The next candidate's way is there too, on a station left open; by keyboard, the PIN and
    // the chord open the admin screen from the lock screen.
    let mut other = gui::station(tempfile::tempdir().unwrap().path());
    type_into(&mut other, ids::locked::PIN, gui::PIN);
    let _ = other.update(Message::AdminChord);
    assert_eq!(screen(&other), "admin");
    click(&mut other, ids::admin::NEXT);
    assert_eq!(screen(&other), "check-in");
}

#[test]
fn accommodations_set_at_the_briefing_are_kept_for_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = gui::station(dir.path());
    check_in(&mut app, 0);
    assert_eq!(app.scale_factor(), 1.0);
    open_admin(&mut app, gui::PIN);
    // Only what the core takes at the briefing is offered: no pause before the start.
    act(&mut app, Act::Pause, "a reason");
    assert_eq!(
        gui::state(&app).phase,
        Phase::Briefing,
        "pause is not offered"
    );
    act(&mut app, Act::Zoom, "");
    act(&mut app, Act::Contrast, "");
    let accommodations = gui::state(&app).accommodations;
    assert!(accommodations.zoom && accommodations.high_contrast);
    assert_eq!(app.scale_factor(), ustudy::ui::theme::metrics::ZOOM);
    assert_eq!(app.theme(), ustudy::ui::theme::theme(true));
    click(&mut app, ids::admin::BACK);
    settle(&mut app);
    assert_eq!(screen(&app), "briefing");
    click(&mut app, ids::briefing::START);
    settle(&mut app);
    // A restart keeps them: they are in the journal.
    drop(app);
    let app = gui::station(dir.path());
    assert_eq!(app.scale_factor(), ustudy::ui::theme::metrics::ZOOM);
    assert_eq!(app.theme(), ustudy::ui::theme::theme(true));
    let proctor = proctor_events(dir.path(), &app);
    assert!(proctor.iter().any(|(a, _, _)| *a
        == ProctorAction::Accommodate {
            zoom: true,
            high_contrast: true
        }));
}
