//! The proctor's actions in the exam core and the time-loss ledger: a hold hides the tasks while
//! the clock runs, every action carries its reason, a violation ends without a card, and a
//! session with two crashes, a pause and a ruled focus loss ends with its remaining time exact to
//! the millisecond against a value computed by hand.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::too_many_lines)]

use std::collections::BTreeMap;

use ustudy::exam::clock::MINUTE_MS;
use ustudy::exam::event::{
    By, Candidate, CloseReason, Event, FinishReason, HoldCause, Incident, ProctorAction, Verdict,
};
use ustudy::exam::ledger::Cause;
use ustudy::exam::state::{StateError, fold};
use ustudy::exam::task::{Choice, Lang};
use ustudy::exam::{Paper, Phase, State, preset};

fn paper() -> Paper {
    Paper::placeholder(preset::by_name("unt-2024").expect("preset"))
}

fn started(paper: &Paper) -> State {
    let candidate = Candidate {
        iin: "061211600012".to_owned(),
        name: "Demo".to_owned(),
        ticket: "T-1".to_owned(),
        extra_time: false,
        interface: Lang::Kk,
        languages: BTreeMap::new(),
    };
    let mut s = State::new(paper);
    for e in [
        Event::Unlocked,
        Event::CheckedIn { candidate },
        Event::Started,
    ] {
        s.apply(paper, &e).unwrap();
    }
    s
}

fn act(action: ProctorAction, reason: &str) -> Event {
    Event::Proctor {
        action,
        by: By::Pin,
        reason: reason.to_owned(),
    }
}

/// The proctor releases a hold, ruling it a technical fault.
fn release() -> Event {
    act(
        ProctorAction::Release {
            verdict: Verdict::Technical,
        },
        "",
    )
}

fn apply(paper: &Paper, s: &mut State, e: &Event) {
    s.apply(paper, e)
        .unwrap_or_else(|err| panic!("{e:?}: {err}"));
}

/// Lets `ms` pass, applying what it causes (breaks included).
fn pass(paper: &Paper, s: &mut State, ms: u64) {
    for e in s.advance(paper, ms) {
        apply(paper, s, &e);
    }
}

const SECOND: u64 = 1000;

#[test]
fn a_hold_hides_the_tasks_while_the_clock_runs_and_its_ruling_decides_what_is_owed() {
    let p = paper();
    let mut s = started(&p);
    pass(&p, &mut s, 10 * SECOND);
    apply(
        &p,
        &mut s,
        &Event::Held {
            cause: HoldCause::FocusLost,
        },
    );
    let answer = Event::Answered {
        task: 0,
        choice: Choice::One(0),
    };
    assert!(
        matches!(s.clone().apply(&p, &answer), Err(StateError::NotNow { .. })),
        "no answer while the tasks are hidden"
    );
    assert!(
        s.clone()
            .apply(
                &p,
                &Event::Held {
                    cause: HoldCause::Proctor
                }
            )
            .is_err(),
        "one hold at a time"
    );
    pass(&p, &mut s, 75 * SECOND);
    assert_eq!(s.clock.used_ms, 85 * SECOND, "the clock ran while held");
    let give = act(ProctorAction::GiveBack { ms: SECOND }, "");
    assert!(
        matches!(
            s.clone().apply(&p, &give),
            Err(StateError::GiveBack { due: 0, .. })
        ),
        "nothing is owed before the hold is ruled on"
    );
    apply(&p, &mut s, &release());
    assert_eq!(s.hold, None);
    apply(&p, &mut s, &answer);
    assert_eq!(s.ledger.due_ms(), 75 * SECOND);
    // More than is owed is refused; exactly what is owed is given.
    let too_much = act(
        ProctorAction::GiveBack {
            ms: 75 * SECOND + 1,
        },
        "",
    );
    assert!(matches!(
        s.clone().apply(&p, &too_much),
        Err(StateError::GiveBack { .. })
    ));
    apply(
        &p,
        &mut s,
        &act(ProctorAction::GiveBack { ms: 75 * SECOND }, ""),
    );
    assert_eq!(s.ledger.due_ms(), 0);
    assert_eq!(s.clock.remaining_ms(), 240 * MINUTE_MS - 10 * SECOND);

    // A focus loss ruled the candidate's doing is not owed.
    apply(
        &p,
        &mut s,
        &Event::Held {
            cause: HoldCause::FocusLost,
        },
    );
    pass(&p, &mut s, 20 * SECOND);
    apply(
        &p,
        &mut s,
        &act(
            ProctorAction::Release {
                verdict: Verdict::Candidate,
            },
            "",
        ),
    );
    assert_eq!(s.ledger.due_ms(), 0);
    assert_eq!(s.ledger.lost_ms(), 95 * SECOND);
}

#[test]
fn actions_that_need_a_reason_are_refused_without_one() {
    let p = paper();
    let s = started(&p);
    for action in [
        ProctorAction::Pause,
        ProctorAction::StepOut,
        ProctorAction::AddTime { seconds: 60 },
        ProctorAction::EndTest,
        ProctorAction::EndViolation,
    ] {
        let name = action.name();
        assert_eq!(
            s.clone().apply(&p, &act(action.clone(), "  ")),
            Err(StateError::Reason(name)),
            "{name}"
        );
        assert!(
            s.clone().apply(&p, &act(action, "power failure")).is_ok(),
            "{name}"
        );
    }
}

#[test]
fn a_violation_ends_without_the_card_and_closes_the_session() {
    let p = paper();
    let mut s = started(&p);
    pass(&p, &mut s, MINUTE_MS);
    apply(
        &p,
        &mut s,
        &Event::Held {
            cause: HoldCause::Proctor,
        },
    );
    apply(
        &p,
        &mut s,
        &act(ProctorAction::EndViolation, "phone on the desk"),
    );
    assert_eq!(s.phase, Phase::Finished);
    assert_eq!(s.finish, Some(FinishReason::Violation));
    assert_eq!(s.hold, None, "nothing is held after the end");
    assert!(s.apply(&p, &Event::ReviewOpened).is_err(), "no card");
    pass(&p, &mut s, 10 * SECOND);
    assert_eq!(s.phase, Phase::Closed);
    assert_eq!(s.close, Some(CloseReason::Violation));
    assert_eq!(s.card_shown, None);
}

/// Two crashes (the station down, no clock), a pause (the clock stopped), a step-out (the
/// candidate's own time) and a focus loss ruled a technical fault and given back: the time left
/// is computed by hand from what the candidate could work.
#[test]
fn two_crashes_a_pause_and_a_given_back_hold_leave_the_exact_time() {
    let p = paper();
    let mut events = vec![
        Event::Unlocked,
        Event::CheckedIn {
            candidate: Candidate {
                iin: "061211600012".to_owned(),
                name: "Demo".to_owned(),
                ticket: "T-1".to_owned(),
                extra_time: true,
                interface: Lang::Ru,
                languages: BTreeMap::new(),
            },
        },
        Event::Started,
    ];
    let mut s = fold(&p, &events).unwrap();
    let go = |s: &mut State, events: &mut Vec<Event>, e: Event| {
        apply(&p, s, &e);
        events.push(e);
    };
    let time = |s: &mut State, events: &mut Vec<Event>, ms: u64| {
        for e in s.advance(&p, ms) {
            apply(&p, s, &e);
            events.push(e);
        }
    };
    // 25 min 13.4 s of work, then a crash: 3 min 7 s down (not charged; in the ledger).
    time(&mut s, &mut events, 25 * MINUTE_MS + 13_400);
    go(
        &mut s,
        &mut events,
        Event::Incident {
            kind: Incident::Downtime { seconds: 187 },
        },
    );
    // 40 min of work (the first break, whose clock runs, is inside it), a pause of 6 min 30 s.
    time(&mut s, &mut events, 40 * MINUTE_MS);
    go(
        &mut s,
        &mut events,
        Event::Held {
            cause: HoldCause::Proctor,
        },
    );
    time(&mut s, &mut events, 12_250); // the proctor types the PIN: charged, owed
    go(
        &mut s,
        &mut events,
        act(ProctorAction::Pause, "the mouse stopped working"),
    );
    time(&mut s, &mut events, 6 * MINUTE_MS + 30_000);
    go(&mut s, &mut events, act(ProctorAction::Resume, ""));
    go(&mut s, &mut events, release());
    // A second crash: 55 s down.
    time(&mut s, &mut events, 9 * MINUTE_MS + 1_111);
    go(
        &mut s,
        &mut events,
        Event::Incident {
            kind: Incident::Downtime { seconds: 55 },
        },
    );
    // A focus loss of 47.5 s, ruled a technical fault, then a step-out of 4 min (not owed).
    go(
        &mut s,
        &mut events,
        Event::Held {
            cause: HoldCause::FocusLost,
        },
    );
    time(&mut s, &mut events, 47_500);
    go(
        &mut s,
        &mut events,
        act(ProctorAction::StepOut, "to the nurse"),
    );
    time(&mut s, &mut events, 4 * MINUTE_MS);
    go(&mut s, &mut events, act(ProctorAction::Return, ""));
    go(&mut s, &mut events, release());
    // Owed: the 12.25 s the PIN took and the 47.5 s of the focus loss; the 4 min out of the
    // room under the same hold are the candidate's own time, charged and not owed.
    let owed = 12_250 + 47_500;
    assert_eq!(s.ledger.due_ms(), owed);
    go(
        &mut s,
        &mut events,
        act(ProctorAction::GiveBack { ms: owed }, ""),
    );
    time(&mut s, &mut events, 3 * MINUTE_MS);

    // By hand: 280 min (extra time) less every charged stretch, plus what was given back.
    let charged = (25 * MINUTE_MS + 13_400)
        + 40 * MINUTE_MS
        + 12_250
        + (9 * MINUTE_MS + 1_111)
        + 47_500
        + 4 * MINUTE_MS
        + 3 * MINUTE_MS;
    let expected = 280 * MINUTE_MS - charged + (12_250 + 47_500);
    assert_eq!(s.clock.remaining_ms(), expected);
    assert_eq!(expected, 280 * MINUTE_MS - 81 * MINUTE_MS - 14_511);
    assert_eq!(s.ledger.given_back_ms, owed);
    // Lost: both crashes, the PIN, the pause, the focus loss (not the step-out).
    assert_eq!(
        s.ledger.lost_ms(),
        187_000 + 12_250 + 6 * MINUTE_MS + 30_000 + 55_000 + 47_500
    );
    let causes: Vec<Cause> = s.ledger.losses.iter().map(|l| l.cause).collect();
    assert_eq!(
        causes,
        [
            Cause::Downtime,
            Cause::Held(HoldCause::Proctor),
            Cause::Paused,
            Cause::Downtime,
            Cause::Held(HoldCause::FocusLost),
        ]
    );
    // The journal's events replay to the same state (ledger included).
    assert_eq!(fold(&p, &events).unwrap(), s);
}

#[test]
fn old_journals_without_proctor_reasons_still_fold() {
    let old: Vec<Event> = serde_json::from_str(
        r#"[{"type":"unlocked"},{"type":"paused"},{"type":"incident","kind":{"incident":"focus-lost"}}]"#,
    )
    .unwrap();
    assert_eq!(old[1], Event::Paused);
    let with_reason: Event = serde_json::from_str(
        r#"{"type":"proctor","action":{"action":"add-time","seconds":60},"by":"pin"}"#,
    )
    .unwrap();
    assert_eq!(
        with_reason,
        Event::Proctor {
            action: ProctorAction::AddTime { seconds: 60 },
            by: By::Pin,
            reason: String::new()
        }
    );
}
