//! The exam core as a whole: format validation names the failed rule, the journey runs through
//! every phase, refused events change nothing, time drives breaks, finish and the post-test
//! flow, and any journal replays to exactly the live state.

// Tests fail loudly on purpose.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::many_single_char_names,
    clippy::too_many_lines
)]

mod support;

use std::collections::BTreeMap;

use proptest::prelude::*;
use support::script::{action, events_for};
use ustudy::exam::card;
use ustudy::exam::clock::MINUTE_MS;
use ustudy::exam::event::{AppealGround, Candidate, CloseReason, Event, FinishReason, Incident};
use ustudy::exam::spec::{BreakSpec, FormatError, SessionFormat, TaskKind, Threshold};
use ustudy::exam::state::{Live, fold};
use ustudy::exam::task::{Choice, Key, Lang};
use ustudy::exam::{Paper, Phase, State, preset};

fn paper(name: &str) -> Paper {
    Paper::placeholder(preset::by_name(name).expect("preset"))
}

fn candidate(extra_time: bool) -> Candidate {
    Candidate {
        iin: "061211600012".to_owned(),
        name: "Demo".to_owned(),
        ticket: "T-1".to_owned(),
        extra_time,
        interface: Lang::Kk,
        languages: BTreeMap::new(),
    }
}

/// Applies events, panicking with the event on refusal.
fn run(paper: &Paper, state: &mut State, events: &[Event]) {
    for e in events {
        state
            .apply(paper, e)
            .unwrap_or_else(|err| panic!("{e:?}: {err}"));
    }
}

/// Lets `ms` of time pass, applying what it causes; returns the caused events.
fn pass(paper: &Paper, state: &mut State, ms: u64) -> Vec<Event> {
    let events = state.advance(paper, ms);
    run(paper, state, &events);
    events
}

fn started(paper: &Paper, extra: bool) -> State {
    let mut s = State::new(paper);
    run(
        paper,
        &mut s,
        &[
            Event::Unlocked,
            Event::CheckedIn {
                candidate: candidate(extra),
            },
            Event::Started,
        ],
    );
    s
}

/// A unt-2024 session finished by the candidate and past the 10-minute review.
fn at_decision(extra: bool) -> (Paper, State) {
    let p = paper("unt-2024");
    let mut s = started(&p, extra);
    let minutes = if extra { 280 } else { 240 };
    assert_eq!(s.clock.remaining_ms(), minutes * MINUTE_MS);
    let finish = Event::Finished {
        reason: FinishReason::Candidate,
    };
    run(&p, &mut s, &[finish, Event::ReviewOpened]);
    pass(&p, &mut s, 10 * MINUTE_MS);
    (p, s)
}

#[test]
fn every_preset_is_valid() {
    for name in preset::NAMES {
        let format = preset::by_name(name).expect("preset");
        assert_eq!(format.validate(), Ok(()), "{name}");
        assert_eq!(Paper::placeholder(format).validate(), Ok(()), "{name}");
    }
    let count = |n| preset::by_name(n).map(|f| (f.task_count(), f.base_minutes));
    assert_eq!(count("unt-2024"), Some((120, 240)));
    assert_eq!(count("unt-2021"), Some((120, 240)));
    assert_eq!(count("unt-creative"), Some((30, 70)));
    assert_eq!(count("unt-transfer"), Some((80, 130)));
    assert_eq!(count("teacher-2024"), Some((50, 90)));
    assert_eq!(count("nqt-2021"), Some((100, 210)));
    let teacher = preset::by_name("teacher-2024").expect("preset");
    assert_eq!(teacher.base_minutes_for(["physics"].into_iter()), 125);
    assert_eq!(teacher.base_minutes_for(["history"].into_iter()), 90);
}

#[test]
fn a_format_that_does_not_add_up_names_the_failed_rule() {
    let base = || preset::by_name("unt-2024").expect("preset");
    let check = |f: SessionFormat, want: fn(&FormatError) -> bool| {
        let err = f.validate().expect_err("must be refused");
        assert!(want(&err), "unexpected {err:?}");
        assert!(!err.to_string().is_empty());
    };
    let mut f = base();
    f.blocks.clear();
    check(f, |e| matches!(e, FormatError::NoBlocks));
    let mut f = base();
    f.blocks[1].id = "history".to_owned();
    check(f, |e| matches!(e, FormatError::BadBlockId(_)));
    let mut f = base();
    f.blocks[0].layout[0].count = 0;
    check(f, |e| matches!(e, FormatError::EmptyLayout { .. }));
    let mut f = base();
    f.blocks[0].layout[0].options = 1;
    check(f, |e| {
        matches!(
            e,
            FormatError::Options {
                kind: TaskKind::Single,
                ..
            }
        )
    });
    let mut f = base();
    f.blocks[2].layout[0].per_group = 3;
    check(f, |e| matches!(e, FormatError::ContextGroups { .. }));
    let mut f = base();
    f.blocks[0].minimum = 21;
    check(f, |e| matches!(e, FormatError::Minimum { .. }));
    let mut f = base();
    f.base_minutes = 0;
    check(f, |e| matches!(e, FormatError::Duration(0)));
    let mut f = base();
    f.breaks.push(BreakSpec {
        at_minute: 238,
        minutes: 3,
        clock_runs: true,
    });
    check(f, |e| matches!(e, FormatError::BreakPastEnd { .. }));
    let mut f = base();
    f.breaks.swap(0, 1);
    check(f, |e| matches!(e, FormatError::BreakOrder(_)));
    let mut f = base();
    f.breaks[0].minutes = 0;
    check(f, |e| matches!(e, FormatError::BreakLength(60)));
    let mut f = base();
    f.post.appeal_deadline_minutes = 10;
    check(f, |e| matches!(e, FormatError::AppealDeadline { .. }));
    let mut f = base();
    f.post.decision_minutes = 0;
    check(f, |e| matches!(e, FormatError::PostTimings));
    let mut f = base();
    f.step_out_limit_minutes = 0;
    check(f, |e| matches!(e, FormatError::StepOut));
    let mut f = base();
    f.max_score = 150;
    check(f, |e| {
        matches!(
            e,
            FormatError::MaxScore {
                stated: 150,
                actual: 140
            }
        )
    });
    let mut f = base();
    f.result.pass_marks[0].threshold = Threshold::Points(141);
    check(f, |e| matches!(e, FormatError::PassMark { .. }));
    let mut f = base();
    f.result.pass_marks[0].threshold = Threshold::Percent(101);
    check(f, |e| matches!(e, FormatError::Percent(_)));
}

#[test]
fn the_whole_journey_with_breaks_pause_step_out_and_appeal() {
    let p = paper("unt-2024");
    let mut s = started(&p, false);
    assert_eq!(s.clock.remaining_ms(), 240 * MINUTE_MS);
    run(
        &p,
        &mut s,
        &[
            Event::Answered {
                task: 0,
                choice: Choice::One(0),
            },
            Event::Marked {
                task: 1,
                marked: true,
            },
            Event::TechnicalAppeal {
                task: 2,
                reason: "the figure does not load".to_owned(),
            },
        ],
    );
    // The first break starts at exactly 60:00 and the clock runs through it (UNT rule).
    let caused = pass(&p, &mut s, 61 * MINUTE_MS);
    assert!(caused.contains(&Event::BreakStarted { index: 0 }));
    assert_eq!(s.phase, Phase::Break { index: 0 });
    assert_eq!(s.clock.used_ms, 61 * MINUTE_MS);
    assert!(
        s.apply(
            &p,
            &Event::Answered {
                task: 3,
                choice: Choice::One(1)
            }
        )
        .is_err()
    );
    pass(&p, &mut s, MINUTE_MS);
    assert_eq!(s.phase, Phase::Testing);
    assert_eq!(s.clock.remaining_ms(), (240 - 62) * MINUTE_MS);
    // A proctor pause stops the clock; time added is counted.
    run(
        &p,
        &mut s,
        &[Event::Paused, Event::TimeAdded { seconds: 300 }],
    );
    pass(&p, &mut s, 20 * MINUTE_MS);
    assert_eq!(s.clock.used_ms, 62 * MINUTE_MS);
    run(&p, &mut s, &[Event::Resumed]);
    assert_eq!(s.clock.remaining_ms(), (240 - 62 + 5) * MINUTE_MS);
    // A step-out runs the clock and is flagged once past 10 minutes.
    run(&p, &mut s, &[Event::SteppedOut]);
    let caused = pass(&p, &mut s, 12 * MINUTE_MS);
    let flagged = caused
        .iter()
        .filter(|e| {
            matches!(
                e,
                Event::Incident {
                    kind: Incident::StepOutOverdue
                }
            )
        })
        .count();
    assert_eq!(flagged, 1);
    run(&p, &mut s, &[Event::Returned]);
    assert_eq!(s.clock.used_ms, 74 * MINUTE_MS);
    // Time runs out: the 120- and 180-minute breaks happen, then the automatic finish.
    let caused = pass(&p, &mut s, 10 * 60 * MINUTE_MS);
    assert!(caused.contains(&Event::BreakStarted { index: 1 }));
    assert!(caused.contains(&Event::BreakEnded { index: 2 }));
    assert!(caused.contains(&Event::Finished {
        reason: FinishReason::TimeUp
    }));
    assert_eq!(
        s.clock.used_ms,
        245 * MINUTE_MS,
        "240 + 5 added, to the millisecond"
    );
    // The post-test flow ran on its own clock: review 10 min, then decision, which auto-closes.
    assert_eq!(s.phase, Phase::Closed);
    assert_eq!(s.close, Some(CloseReason::AutoClose));
    assert_eq!(s.answers[0], Some(Choice::One(0)));
}

#[test]
fn appeal_until_the_deadline_and_then_the_card() {
    let (p, mut s) = at_decision(true);
    assert_eq!(s.phase, Phase::Decision);
    run(
        &p,
        &mut s,
        &[
            Event::AppealOpened,
            Event::AppealNote {
                task: 5,
                ground: AppealGround::SeveralCorrect,
                text: "B and C both fit".to_owned(),
            },
            Event::AppealNote {
                task: 6,
                ground: AppealGround::ErrorInTask,
                text: "typo".to_owned(),
            },
            Event::AppealNote {
                task: 6,
                ground: AppealGround::ErrorInTask,
                text: String::new(),
            },
        ],
    );
    assert_eq!(s.appeals.len(), 1);
    // The deadline is 30 minutes after the end of testing: the appeal is filed by itself.
    let caused = pass(&p, &mut s, 20 * MINUTE_MS);
    assert!(
        caused
            .iter()
            .any(|e| matches!(e, Event::AppealFinished { .. }))
    );
    assert_eq!(s.phase, Phase::AppealCard);
    assert_eq!(s.clock.post_ms, 30 * MINUTE_MS);
    let receipt = s.receipt.clone().expect("receipt");
    assert_eq!(receipt.len(), 9);
    assert_eq!(receipt, s.receipt_number(), "the receipt is reproducible");
    run(
        &p,
        &mut s,
        &[Event::Closed {
            reason: CloseReason::AppealFiled,
        }],
    );
    assert_eq!(s.phase, Phase::Closed);
}

#[test]
fn appeal_cannot_open_after_the_deadline() {
    let (p, mut s) = at_decision(false);
    // A decision screen left open: the clock cannot run past its auto-close, so drive by hand.
    s.clock.post_ms = 30 * MINUTE_MS;
    let before = s.clone();
    assert!(s.apply(&p, &Event::AppealOpened).is_err());
    assert_eq!(s, before);
}

#[test]
fn pause_during_a_break_and_proctor_finish_from_pause() {
    let p = paper("unt-2024");
    let mut s = started(&p, false);
    pass(&p, &mut s, 60 * MINUTE_MS);
    assert_eq!(s.phase, Phase::Break { index: 0 });
    run(&p, &mut s, &[Event::Paused]);
    assert_eq!(
        s.phase,
        Phase::Paused {
            from: Live::Break { index: 0 }
        }
    );
    assert!(
        pass(&p, &mut s, MINUTE_MS)
            .iter()
            .all(|e| matches!(e, Event::Tick { .. }))
    );
    run(&p, &mut s, &[Event::Resumed]);
    assert_eq!(s.phase, Phase::Break { index: 0 });
    run(
        &p,
        &mut s,
        &[
            Event::Paused,
            Event::Finished {
                reason: FinishReason::Proctor,
            },
        ],
    );
    assert_eq!(s.finish, Some(FinishReason::Proctor));
}

#[test]
fn refused_events_change_nothing() {
    let p = paper("unt-2024");
    let all = |task| {
        vec![
            Event::Unlocked,
            Event::CheckedIn {
                candidate: candidate(false),
            },
            Event::Started,
            Event::Answered {
                task,
                choice: Choice::One(0),
            },
            Event::Answered {
                task,
                choice: Choice::One(9),
            },
            Event::Answered {
                task,
                choice: Choice::many(vec![0]),
            },
            Event::Cleared { task },
            Event::Marked { task, marked: true },
            Event::TechnicalAppeal {
                task,
                reason: "x".repeat(5000),
            },
            Event::BreakStarted { index: 0 },
            Event::BreakStarted { index: 7 },
            Event::BreakEnded { index: 0 },
            Event::Paused,
            Event::Resumed,
            Event::SteppedOut,
            Event::Returned,
            Event::TimeAdded { seconds: 0 },
            Event::TimeAdded { seconds: 60 },
            Event::Finished {
                reason: FinishReason::Candidate,
            },
            Event::ReviewOpened,
            Event::DecisionOpened,
            Event::AppealOpened,
            Event::AppealNote {
                task,
                ground: AppealGround::ErrorInTask,
                text: "t".to_owned(),
            },
            Event::AppealFinished {
                receipt: "1".to_owned(),
            },
            Event::Closed {
                reason: CloseReason::NoAppeal,
            },
        ]
    };
    let mut bad_iin = candidate(false);
    bad_iin.iin = "061211600013".to_owned();
    // Walk the journey; at every phase try every event on a copy.
    let path = [
        Event::Unlocked,
        Event::CheckedIn {
            candidate: candidate(false),
        },
        Event::Started,
        Event::SteppedOut,
        Event::Returned,
        Event::Paused,
        Event::Resumed,
        Event::Finished {
            reason: FinishReason::Candidate,
        },
        Event::ReviewOpened,
        Event::DecisionOpened,
        Event::AppealOpened,
        Event::AppealFinished {
            receipt: "1".to_owned(),
        },
        Event::Closed {
            reason: CloseReason::AppealFiled,
        },
    ];
    let mut s = State::new(&p);
    let mut refused = 0;
    for step in &path {
        for task in [0, 119, 120, u16::MAX] {
            for e in all(task).iter().chain(
                [Event::CheckedIn {
                    candidate: bad_iin.clone(),
                }]
                .iter(),
            ) {
                let mut copy = s.clone();
                if copy.apply(&p, e).is_err() {
                    refused += 1;
                    assert_eq!(
                        copy, s,
                        "{e:?} refused in {:?} but changed the state",
                        s.phase
                    );
                }
            }
        }
        run(&p, &mut s, std::slice::from_ref(step));
    }
    assert!(
        refused > 500,
        "only {refused} refusals: the checks are too loose"
    );
}

#[test]
fn the_card_shows_points_minimums_and_pass_marks() {
    let p = paper("unt-2024");
    let mut s = started(&p, false);
    let perfect: Vec<Event> = p
        .key
        .iter()
        .enumerate()
        .map(|(i, k)| Event::Answered {
            task: u16::try_from(i).expect("index"),
            choice: match k {
                Key::One(i) => Choice::One(*i),
                Key::Many(v) => Choice::Many(v.clone()),
                Key::Pairs(v) => Choice::Pairs(v.iter().copied().map(Some).collect()),
            },
        })
        .collect();
    run(&p, &mut s, &perfect);
    let c = card::build(&p, &s);
    assert_eq!((c.total, c.max), (140, 140));
    assert!(c.minimums_met && c.pass_marks.iter().all(|m| m.met));
    assert_eq!(c.blocks.iter().map(|b| b.rows.len()).sum::<usize>(), 120);
    // Only history answered: total 20, other minimums missed, no pass mark met.
    let mut s = started(&p, false);
    run(&p, &mut s, &perfect[..20]);
    let c = card::build(&p, &s);
    assert_eq!(c.total, 20);
    assert!(c.blocks[0].met && !c.blocks[1].met && !c.minimums_met);
    assert!(c.pass_marks.iter().all(|m| !m.met));
    assert_eq!(
        c.pass_marks
            .iter()
            .find(|m| m.id == "general")
            .map(|m| m.points),
        Some(50)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Replaying any prefix of a journal gives the state the live session had at that point,
    /// whatever the candidate and proctor did and however time was cut.
    #[test]
    fn replay_of_every_prefix_equals_live(actions in proptest::collection::vec(action(), 1..80)) {
        let p = paper("unt-2024");
        let mut live = State::new(&p);
        let mut journal: Vec<Event> = Vec::new();
        let mut snapshots = vec![live.clone()];
        for a in &actions {
            for e in events_for(&p, &live, a) {
                if live.apply(&p, &e).is_ok() {
                    journal.push(e);
                    snapshots.push(live.clone());
                }
            }
        }
        for (n, snapshot) in snapshots.iter().enumerate() {
            let replayed = fold(&p, &journal[..n]).expect("a journal of accepted events replays");
            prop_assert_eq!(&replayed, snapshot);
        }
        prop_assert_eq!(live.events as usize, journal.len());
    }

    /// A full 280-minute session fed in random steps finishes exactly at 280:00.000: no drift,
    /// breaks at their minutes, the clock never charged for paused time.
    #[test]
    fn no_drift_over_a_full_session(steps in proptest::collection::vec(1u64..=97_000, 1..400), pause_at in 0usize..400) {
        let p = paper("unt-2024");
        let mut s = started(&p, true);
        let mut fed = 0u64;
        let mut paused_for = 0u64;
        let mut i = 0;
        while s.phase != Phase::Finished && s.phase != Phase::Review && s.phase != Phase::Closed {
            let step = steps[i % steps.len()];
            if i == pause_at && s.phase == Phase::Testing {
                run(&p, &mut s, &[Event::Paused]);
                pass(&p, &mut s, step);
                paused_for += step;
                run(&p, &mut s, &[Event::Resumed]);
            }
            let before = s.clock.used_ms;
            for e in s.advance(&p, step) {
                if let Event::BreakStarted { index } = e {
                    let at = p.format.breaks[usize::from(index)].at_minute;
                    prop_assert_eq!(s.clock.used_ms, u64::from(at) * MINUTE_MS);
                }
                if let Event::Finished { reason } = e {
                    prop_assert_eq!(reason, FinishReason::TimeUp);
                    prop_assert_eq!(s.clock.used_ms, 280 * MINUTE_MS);
                }
                s.apply(&p, &e).expect("advance yields applicable events");
            }
            fed += s.clock.used_ms - before;
            i += 1;
            prop_assert!(i < 1_000_000);
        }
        prop_assert_eq!(fed, 280 * MINUTE_MS);
        prop_assert_eq!(s.clock.paused_ms, paused_for);
        prop_assert_eq!(s.clock.breaks_taken, 3);
    }
}
