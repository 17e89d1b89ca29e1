//! Seat swap with real processes: a real center on 127.0.0.1, station A (the station program on
//! Xvfb, its autopilot sitting a candidate) killed with SIGKILL at a point of the test, station B
//! (the station program on another Xvfb, warm on its lock screen), and `ustudy-center move`.
//! B takes the session over by itself at its next heartbeat and sends it on: the center then
//! holds B's session, which starts with every record the center held of A's, exactly, then the
//! move. A started again is fenced: it closes its copy, and the center keeps nothing more of it.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use std::time::Duration;

use support::display::Display;
use support::enrolled::{demo_center, enroll};
use support::swap::{entries, log_of, move_to, run_station, sessions_of, stopped, wait_for};
use ustudy::exam::event::{Event, Incident, ProctorAction};

/// Kills A with SIGKILL where its autopilot (`seed`) stops, moves the candidate to B, and checks
/// what B carries on and that A, started again, is fenced.
fn swap_at(seed: u64, stop: &str, shots: Option<&str>) {
    let (center, code) = demo_center();
    let a = enroll(&center, &code);
    let b = enroll(&center, &center.code_at("spare-1", "1", "30", 30));
    let (display_a, display_b) = (Display::start(), Display::start());
    let mut spare = run_station(&display_b, &b, None);
    let mut victim = run_station(&display_a, &a, Some((seed, stop)));
    stopped(&mut victim, stop);
    // Everything A wrote reached the center (its clock ticks on: a record every 5 s), the
    // proctor's pause included: a batch sent before the pause also ends at the station's head.
    let paused = |session: &str| {
        entries(&center, session).iter().any(
            |e| matches!(&e.event, Event::Proctor { action, .. } if *action == ProctorAction::Pause),
        )
    };
    let (moved, _, _, _) = wait_for(Duration::from_secs(30), "A's records at the center", || {
        sessions_of(&center, "demo-1")
            .into_iter()
            .find(|(id, _, held, head)| {
                held == head && *held > 3 && (!stop.starts_with("paused") || paused(id))
            })
    });
    victim.kill().unwrap();
    victim.wait().unwrap();
    let iin = a.roster()[usize::try_from(seed % 3).unwrap()].iin.clone();
    let held = entries(&center, &moved);
    if stop.starts_with("paused") {
        let proctor = |wanted: ProctorAction| {
            held.iter()
                .filter(|e| matches!(&e.event, Event::Proctor { action, .. } if *action == wanted))
                .count()
        };
        assert_eq!(
            (
                proctor(ProctorAction::Pause),
                proctor(ProctorAction::Resume)
            ),
            (1, 0),
            "A was killed with its test paused"
        );
    }
    // What A said it had written beyond what the center holds: lost unless its disk is read.
    let (_, _, held_seq, reported) = sessions_of(&center, "demo-1")
        .into_iter()
        .find(|s| s.0 == moved)
        .unwrap();

    let ran = move_to(
        &center,
        &iin,
        "spare-1",
        "the power supply of seat 1 failed",
    );
    assert!(ran.ok(), "{}", ran.stderr);
    assert!(ran.stdout.contains("moved: session"), "{}", ran.stdout);

    // B takes it over at its next heartbeat (every 15 s) and sends it on.
    let carried = wait_for(Duration::from_secs(60), "B's session at the center", || {
        sessions_of(&center, "spare-1")
            .into_iter()
            .find(|(_, from, seq, _)| {
                from.as_deref() == Some(moved.as_str())
                    && usize::try_from(*seq).is_ok_and(|s| s >= held.len())
            })
    });
    let on_b = entries(&center, &carried.0);
    assert_eq!(
        on_b[..held.len()],
        held[..],
        "B's session starts with every record the center held of A's, exactly, once"
    );
    assert!(
        matches!(&on_b[held.len()].event, Event::Incident { kind: Incident::MovedFrom { station, seat, lost, .. } } if station == "demo-1" && seat == "1" && i64::try_from(*lost).unwrap() == reported - held_seq),
        "then the move: {:?}",
        on_b[held.len()]
    );
    assert!(
        log_of(&b).contains("taking over a session moved here"),
        "B's log says so"
    );
    if let Some(name) = shots {
        // The lock screen is drawn once the journal has the session: give it a frame.
        std::thread::sleep(Duration::from_secs(1));
        display_b.screenshot(&format!("{name}-moved-here"));
    }

    // A comes back: the center refuses it, A closes its copy, and nothing more is kept of it.
    let mut revived = run_station(&display_a, &a, None);
    wait_for(Duration::from_secs(30), "A closing its copy", || {
        log_of(&a)
            .contains("the center moved this session to another station: closed here")
            .then_some(())
    });
    std::thread::sleep(Duration::from_secs(2));
    if let Some(name) = shots {
        display_a.screenshot(&format!("{name}-moved-away"));
    }
    assert_eq!(
        entries(&center, &moved),
        held,
        "the fenced session is as it was at the move"
    );
    let _ = revived.kill();
    let _ = revived.wait();
    let _ = spare.kill();
    let _ = spare.wait();
}

#[test]
fn killed_while_testing_the_session_goes_on_at_the_spare_station() {
    swap_at(0, "testing:12", Some("swap"));
}

#[test]
fn killed_during_a_break_the_session_goes_on_at_the_spare_station() {
    swap_at(0, "interlude", None);
}

#[test]
fn killed_while_the_proctor_has_the_test_paused_the_session_goes_on_at_the_spare_station() {
    swap_at(0, "paused:12", Some("swap-paused"));
}

#[test]
fn killed_on_the_appeal_screen_the_session_goes_on_at_the_spare_station() {
    swap_at(6, "appeal", None);
}
