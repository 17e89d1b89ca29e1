//! The exam core refuses what it can check, whoever sends it (GUI, replay, center): a break
//! before its minute, a time-up finish with time left, an appeal note after the deadline; a
//! format or a journal whose numbers would overflow is refused or saturates, never wraps; and
//! any sequence of any events with hostile numbers is applied or refused, never a panic.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use proptest::prelude::*;
use support::paper;
use ustudy::exam::clock::MINUTE_MS;
use ustudy::exam::event::{AppealGround, CloseReason, Event, FinishReason};
use ustudy::exam::spec::{BreakSpec, FormatError, Threshold};
use ustudy::exam::state::StateError;
use ustudy::exam::{Paper, Phase, State, preset};

/// A session in Testing with `used_min` minutes used.
fn testing(paper: &Paper, used_min: u64) -> State {
    let mut s = State::new(paper);
    for e in [
        Event::Unlocked,
        Event::CheckedIn {
            candidate: support::script::candidate(),
        },
        Event::Started,
    ] {
        s.apply(paper, &e).unwrap();
    }
    if used_min > 0 {
        s.apply(
            paper,
            &Event::Tick {
                ms: used_min * MINUTE_MS,
            },
        )
        .unwrap();
    }
    s
}

#[test]
fn a_break_before_its_minute_is_refused() {
    let paper = paper();
    let at = u64::from(paper.format.breaks[0].at_minute);
    let mut early = testing(&paper, at - 1);
    let before = early.clone();
    assert_eq!(
        early.apply(&paper, &Event::BreakStarted { index: 0 }),
        Err(StateError::BreakIndex(0))
    );
    assert_eq!(early, before, "a refused event changes nothing");
    let mut due = testing(&paper, at);
    due.apply(&paper, &Event::BreakStarted { index: 0 })
        .unwrap();
    assert_eq!(due.phase, Phase::Break { index: 0 });
}

#[test]
fn time_up_with_time_left_is_refused() {
    let paper = paper();
    let mut s = testing(&paper, 100);
    let time_up = Event::Finished {
        reason: FinishReason::TimeUp,
    };
    assert!(matches!(
        s.apply(&paper, &time_up),
        Err(StateError::TimeLeft(_))
    ));
    assert_eq!(s.phase, Phase::Testing);
    // The candidate may finish early, and time up is accepted once it is.
    let mut early = s.clone();
    early
        .apply(
            &paper,
            &Event::Finished {
                reason: FinishReason::Candidate,
            },
        )
        .unwrap();
    let left = s.clock.remaining_ms();
    s.apply(&paper, &Event::Tick { ms: left }).unwrap();
    s.apply(&paper, &time_up).unwrap();
    assert_eq!(s.phase, Phase::Finished);
}

#[test]
fn an_appeal_note_after_the_deadline_is_refused() {
    let paper = paper();
    let mut s = testing(&paper, 10);
    s.apply(
        &paper,
        &Event::Finished {
            reason: FinishReason::Candidate,
        },
    )
    .unwrap();
    let review = u64::from(paper.format.post.review_minutes) * MINUTE_MS;
    s.apply(&paper, &Event::Tick { ms: review }).unwrap();
    s.apply(&paper, &Event::ReviewOpened).unwrap();
    s.apply(&paper, &Event::DecisionOpened).unwrap();
    s.apply(&paper, &Event::AppealOpened).unwrap();
    let note = Event::AppealNote {
        task: 3,
        ground: AppealGround::ErrorInTask,
        text: "the key is wrong".to_owned(),
    };
    let mut in_time = s.clone();
    in_time.apply(&paper, &note).unwrap();
    // A raw tick (as a replay or another caller may send) carries the session past the deadline.
    let deadline = u64::from(paper.format.post.appeal_deadline_minutes) * MINUTE_MS;
    s.apply(&paper, &Event::Tick { ms: deadline }).unwrap();
    assert_eq!(s.apply(&paper, &note), Err(StateError::AppealClosed));
    assert!(s.appeals.is_empty());
    // Closing is still possible: the card comes from the deadline.
    assert!(
        s.apply(
            &paper,
            &Event::AppealFinished {
                receipt: s.receipt_number()
            }
        )
        .is_ok()
    );
    s.apply(
        &paper,
        &Event::Closed {
            reason: CloseReason::AutoClose,
        },
    )
    .unwrap();
}

#[test]
fn formats_whose_numbers_overflow_are_refused_by_name() {
    let base = preset::by_name("unt-2024").unwrap();
    let mut f = base.clone();
    f.blocks[0].layout[0].count = u32::MAX / 2;
    f.blocks[0].layout[0].points = 3;
    assert!(
        matches!(f.validate(), Err(FormatError::Overflow(ref what)) if what.contains("tasks ×")),
        "{:?}",
        f.validate()
    );
    let mut f = base.clone();
    f.blocks[0].layout[0].count = u32::MAX;
    f.blocks[1].layout[0].count = 2;
    assert!(matches!(f.validate(), Err(FormatError::Overflow(_))));
    let mut f = base.clone();
    f.breaks = vec![BreakSpec {
        at_minute: u32::MAX - 1,
        minutes: 5,
        clock_runs: true,
    }];
    assert!(matches!(f.validate(), Err(FormatError::Overflow(ref w)) if w.contains("break")));
    let mut f = base.clone();
    f.result.pass_marks[0].threshold = Threshold::Percent(u32::MAX);
    assert!(f.validate().is_err());
    let mut f = base.clone();
    f.post.appeal_deadline_minutes = u32::MAX;
    assert!(matches!(f.validate(), Err(FormatError::Overflow(_))));
    let mut f = base;
    f.extra_minutes = u32::MAX;
    assert!(matches!(f.validate(), Err(FormatError::Overflow(_))));
}

#[test]
fn huge_ticks_and_added_time_saturate() {
    let paper = paper();
    let mut s = testing(&paper, 1);
    s.apply(&paper, &Event::Paused).unwrap();
    for _ in 0..3 {
        s.apply(&paper, &Event::Tick { ms: u64::MAX }).unwrap();
        s.apply(&paper, &Event::TimeAdded { seconds: 4 * 3600 })
            .unwrap();
    }
    assert_eq!(s.clock.paused_ms, u64::MAX);
    s.apply(&paper, &Event::Resumed).unwrap();
    s.apply(&paper, &Event::Tick { ms: u64::MAX }).unwrap();
    s.apply(&paper, &Event::Tick { ms: u64::MAX }).unwrap();
    assert_eq!(s.clock.used_ms, u64::MAX);
    let _ = s.advance(&paper, u64::MAX);
}

/// Any event at all, with hostile numbers: tasks past the paper, huge ticks, every break index,
/// odd choices, long texts.
fn any_event() -> impl Strategy<Value = Event> {
    use ustudy::exam::event::Incident;
    use ustudy::exam::task::Choice;
    let task = prop_oneof![0u16..130, Just(u16::MAX)];
    let choice = prop_oneof![
        any::<u8>().prop_map(Choice::One),
        proptest::collection::vec(any::<u8>(), 0..12).prop_map(Choice::Many),
        proptest::collection::vec(proptest::option::of(any::<u8>()), 0..12).prop_map(Choice::Pairs),
    ];
    let text = prop_oneof![
        Just(String::new()),
        "[а-яәіңғүұқөһ ]{1,40}",
        Just("x".repeat(4001))
    ];
    prop_oneof![
        Just(Event::Unlocked),
        Just(Event::CheckedIn {
            candidate: support::script::candidate()
        }),
        Just(Event::Started),
        (task.clone(), choice).prop_map(|(task, choice)| Event::Answered { task, choice }),
        task.clone().prop_map(|task| Event::Viewed { task }),
        task.clone().prop_map(|task| Event::Cleared { task }),
        (task.clone(), any::<bool>()).prop_map(|(task, marked)| Event::Marked { task, marked }),
        (task.clone(), text.clone())
            .prop_map(|(task, reason)| Event::TechnicalAppeal { task, reason }),
        any::<u8>().prop_map(|index| Event::BreakStarted { index }),
        any::<u8>().prop_map(|index| Event::BreakEnded { index }),
        Just(Event::Paused),
        Just(Event::Resumed),
        Just(Event::SteppedOut),
        Just(Event::Returned),
        any::<u32>().prop_map(|seconds| Event::TimeAdded { seconds }),
        prop_oneof![
            Just(FinishReason::Candidate),
            Just(FinishReason::TimeUp),
            Just(FinishReason::Proctor)
        ]
        .prop_map(|reason| Event::Finished { reason }),
        Just(Event::ReviewOpened),
        Just(Event::DecisionOpened),
        Just(Event::AppealOpened),
        (task, text).prop_map(|(task, text)| Event::AppealNote {
            task,
            ground: AppealGround::ErrorInTask,
            text
        }),
        Just(Event::AppealFinished {
            receipt: "1".to_owned()
        }),
        Just(Event::Closed {
            reason: CloseReason::NoAppeal
        }),
        Just(Event::Incident {
            kind: Incident::FocusLost
        }),
        prop_oneof![any::<u64>(), 0u64..10 * MINUTE_MS].prop_map(|ms| Event::Tick { ms }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Nothing any caller sends makes the core panic, a refused event changes nothing, and
    /// what was accepted folds to the same state.
    #[test]
    fn any_event_sequence_is_refused_or_applied_never_a_panic(
        events in proptest::collection::vec(any_event(), 0..80),
        advance in any::<u64>(),
    ) {
        let paper = paper();
        let mut state = State::new(&paper);
        let mut accepted = Vec::new();
        for e in &events {
            let before = state.clone();
            if state.apply(&paper, e).is_ok() {
                accepted.push(e.clone());
            } else {
                prop_assert_eq!(&state, &before);
            }
            let _ = state.due(&paper);
        }
        prop_assert_eq!(&ustudy::exam::state::fold(&paper, &accepted).unwrap(), &state);
        for e in state.advance(&paper, advance) {
            prop_assert!(state.apply(&paper, &e).is_ok(), "advance promised {:?}", e);
        }
        let _ = ustudy::exam::card::build(&paper, &state);
    }
}
