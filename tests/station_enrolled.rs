//! An enrolled station sits sessions from its center: the README's quick start (`ustudy-center
//! demo`, `ustudy-station enroll`, `set-pin`, `fetch`) against a real center on 127.0.0.1, then
//! the station as `ustudy-station --config` starts it (headless): the set PIN and not the demo
//! one unlocks, check-in finds candidates of the center's roster, and confirming asks the center
//! for the package key. Without the center, check-in says why in the candidate's language and
//! the proctor's key code from `ustudy-center key-sheet` opens the test; a slip in the code and
//! another test's code are refused. A second station is refused a candidate who already started.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::Path;

use support::cli;
use support::enrolled::{PIN, demo_center, enroll};
use support::gui::{self, click, ids, screen, settle, shows, type_into};
use ustudy::crypto::keycode::KeyCodeError;
use ustudy::protocol::roster::RosterRow;
use ustudy::sync::link::LinkError;
use ustudy::sync::release::ReleaseError;
use ustudy::ui::App;
use ustudy::ui::errors::{self, Problem};
use ustudy::ui::screen::Screen;
use ustudy::ui::screen::check_in::Release;

/// Unlocks with the station's PIN and finds `who`, with the subjects confirmed.
fn find(app: &mut App, who: &RosterRow) {
    type_into(app, ids::locked::PIN, PIN);
    click(app, ids::locked::UNLOCK);
    assert_eq!(screen(app), "check-in");
    type_into(app, ids::check_in::IIN, &who.iin);
    type_into(app, ids::check_in::TICKET, &who.ticket);
    click(app, ids::check_in::FIND);
    assert!(shows(app, ids::check_in::FOUND), "{} is found", who.name);
    click(app, ids::check_in::PAIR_OK);
}

fn release(app: &App) -> Release {
    match app.screen() {
        Screen::CheckIn(c) => c.release().clone(),
        _ => panic!("not on check-in but on {}", screen(app)),
    }
}

/// What check-in says about a failed release, in the interface language.
fn said(app: &App, e: &ReleaseError) -> String {
    errors::text(app.language(), Problem::Release(e))
}

fn key_sheet(dir: &Path) -> String {
    let sheet = cli::center(&["key-sheet", "--dir", dir.to_str().unwrap()]);
    assert!(sheet.ok(), "{}", sheet.stderr);
    sheet.stdout
}

/// The key code of the package of `format` on the sheet.
fn code_for(sheet: &str, format: &str) -> String {
    let lines: Vec<&str> = sheet.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(&format!("({format}")))
        .unwrap_or_else(|| panic!("{format} is on the sheet:\n{sheet}"));
    lines[at + 1]
        .strip_prefix("key-code: ")
        .expect("its key code follows")
        .to_owned()
}

#[test]
fn an_enrolled_station_sits_a_session_with_the_key_its_center_releases() {
    let (center, code) = demo_center();
    let station = enroll(&center, &code);
    let who = station.roster()[0].clone();
    let mut app = station.start();
    // The demo PIN does not open a station whose PIN was set.
    type_into(&mut app, ids::locked::PIN, gui::PIN);
    click(&mut app, ids::locked::UNLOCK);
    assert_eq!(screen(&app), "locked");
    assert!(shows(&app, ids::locked::STATUS), "the wrong PIN is said");
    // The door makes the next try wait a second.
    gui::Clock::start(&mut app).pass(&mut app, std::time::Duration::from_secs(1));
    find(&mut app, &who);
    click(&mut app, ids::check_in::CONFIRM);
    assert!(matches!(release(&app), Release::Asking));
    assert!(shows(&app, ids::check_in::ASKING));
    settle(&mut app);
    assert_eq!(screen(&app), "briefing", "the package opened");
    assert_eq!(gui::paper(&app).format.id, who.format);
    assert_eq!(
        gui::state(&app).candidate.as_ref().map(|c| c.iin.as_str()),
        Some(who.iin.as_str())
    );
    click(&mut app, ids::briefing::START);
    click(&mut app, ids::testing::option(0));
    settle(&mut app);
    let dir = station.data_dir();
    assert!(
        gui::journal_events(&dir, &app)
            .iter()
            .any(|e| matches!(e, ustudy::exam::Event::Answered { .. })),
        "the answer is in the journal"
    );
}

#[test]
fn without_its_center_the_proctor_opens_the_test_with_the_key_code() {
    let (center, code) = demo_center();
    let station = enroll(&center, &code);
    let sheet = key_sheet(center.path());
    let roster = station.roster();
    let who = roster[0].clone();
    let other = roster
        .iter()
        .find(|r| r.format != who.format)
        .expect("the demo has two formats");
    drop(center);
    let mut app = station.start();
    find(&mut app, &who);
    click(&mut app, ids::check_in::CONFIRM);
    settle(&mut app);
    let Release::Failed(e) = release(&app) else {
        panic!("the release did not fail");
    };
    assert!(
        matches!(e, ReleaseError::Link(LinkError::Unreachable { .. })),
        "{e}"
    );
    assert!(shows(&app, ids::check_in::RELEASE_ERROR));
    assert!(
        gui::shows_text(&app, &said(&app, &e)),
        "the reason is shown"
    );
    // One character mistyped: the check character catches it, nothing is decrypted.
    let right = code_for(&sheet, &who.format);
    let mut slip: Vec<char> = right.chars().collect();
    slip[0] = if slip[0] == '7' { '8' } else { '7' };
    type_into(
        &mut app,
        ids::check_in::KEY_CODE,
        &slip.into_iter().collect::<String>(),
    );
    click(&mut app, ids::check_in::OPEN_WITH_CODE);
    let typo = ReleaseError::Code(KeyCodeError::Check);
    assert!(matches!(
        release(&app),
        Release::Failed(ReleaseError::Code(KeyCodeError::Check))
    ));
    assert!(gui::shows_text(&app, &said(&app, &typo)));
    // Another test's code: refused by the package itself.
    type_into(
        &mut app,
        ids::check_in::KEY_CODE,
        &code_for(&sheet, &other.format),
    );
    click(&mut app, ids::check_in::OPEN_WITH_CODE);
    assert!(
        matches!(release(&app), Release::Failed(ReleaseError::WrongKey(_))),
        "{:?}",
        release(&app)
    );
    assert_eq!(screen(&app), "check-in");
    // The right one, typed as a person would (lower case, spaces).
    let typed = right.to_lowercase().replace('-', " ");
    type_into(&mut app, ids::check_in::KEY_CODE, &typed);
    click(&mut app, ids::check_in::OPEN_WITH_CODE);
    settle(&mut app);
    assert_eq!(screen(&app), "briefing");
    assert_eq!(gui::paper(&app).format.id, who.format);
}

#[test]
fn a_second_station_is_refused_a_candidate_who_started_elsewhere() {
    let (center, code) = demo_center();
    let first = enroll(&center, &code);
    let second = enroll(&center, &center.code_in("demo-2", "1", 10));
    let who = first.roster()[1].clone();
    let mut a = first.start();
    find(&mut a, &who);
    click(&mut a, ids::check_in::CONFIRM);
    settle(&mut a);
    assert_eq!(screen(&a), "briefing");
    let mut b = second.start();
    find(&mut b, &who);
    click(&mut b, ids::check_in::CONFIRM);
    settle(&mut b);
    let Release::Failed(e) = release(&b) else {
        panic!("the second station was given the key");
    };
    assert!(
        matches!(&e, ReleaseError::Link(LinkError::Refused { error, .. }) if error == "already-sat"),
        "{e}"
    );
    assert!(gui::shows_text(&b, &said(&b, &e)));
    // Asking again changes nothing.
    click(&mut b, ids::check_in::CONFIRM);
    settle(&mut b);
    assert!(matches!(release(&b), Release::Failed(_)));
    assert_eq!(screen(&b), "check-in");
}
