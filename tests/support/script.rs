//! A scripted candidate and proctor for property tests: random actions, turned into the events
//! they cause from the current state.

use std::collections::BTreeMap;

use proptest::prelude::*;
use ustudy::exam::clock::MINUTE_MS;
use ustudy::exam::event::{AppealGround, Candidate, CloseReason, Event, FinishReason};
use ustudy::exam::spec::TaskKind;
use ustudy::exam::task::{Choice, Lang};
use ustudy::exam::{Paper, Phase, State};

/// A candidate with extra time.
pub fn candidate() -> Candidate {
    Candidate {
        iin: "061211600012".to_owned(),
        name: "Demo".to_owned(),
        ticket: "T-1".to_owned(),
        extra_time: true,
        interface: Lang::Kk,
        languages: BTreeMap::new(),
    }
}

/// A scripted candidate's action, turned into events from the current state.
#[derive(Debug, Clone)]
pub enum Action {
    Wait(u64),
    Answer(u16, u8),
    Clear(u16),
    Mark(u16),
    Pause,
    Resume,
    StepOut,
    Return,
    AddTime(u32),
    Finish,
    Next,
}

pub fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => (0u64..40 * MINUTE_MS).prop_map(Action::Wait),
        4 => (0u16..120, 0u8..8).prop_map(|(t, o)| Action::Answer(t, o)),
        1 => (0u16..120).prop_map(Action::Clear),
        1 => (0u16..120).prop_map(Action::Mark),
        1 => Just(Action::Pause),
        1 => Just(Action::Resume),
        1 => Just(Action::StepOut),
        1 => Just(Action::Return),
        1 => (1u32..900).prop_map(Action::AddTime),
        1 => Just(Action::Finish),
        2 => Just(Action::Next),
    ]
}

pub fn events_for(p: &Paper, s: &State, a: &Action) -> Vec<Event> {
    let shape_choice = |t: u16, o: u8| {
        let shape = p.shape(usize::from(t))?;
        let o = o % shape.options;
        Some(match shape.kind {
            TaskKind::Single | TaskKind::Context => Choice::One(o),
            TaskKind::Multiple => Choice::many(vec![o, (o + 1) % shape.options]),
            TaskKind::Matching => Choice::Pairs(
                (0..shape.items)
                    .map(|i| Some((o + i) % shape.options))
                    .collect(),
            ),
        })
    };
    match a {
        Action::Wait(ms) => s.advance(p, *ms),
        Action::Answer(t, o) => shape_choice(*t, *o)
            .map(|choice| vec![Event::Answered { task: *t, choice }])
            .unwrap_or_default(),
        Action::Clear(t) => vec![Event::Cleared { task: *t }],
        Action::Mark(t) => vec![Event::Marked {
            task: *t,
            marked: !s.marked[usize::from(*t)],
        }],
        Action::Pause => vec![Event::Paused],
        Action::Resume => vec![Event::Resumed],
        Action::StepOut => vec![Event::SteppedOut],
        Action::Return => vec![Event::Returned],
        Action::AddTime(sec) => vec![Event::TimeAdded { seconds: *sec }],
        Action::Finish => vec![Event::Finished {
            reason: FinishReason::Candidate,
        }],
        Action::Next => vec![match s.phase {
            Phase::Locked => Event::Unlocked,
            Phase::CheckIn => Event::CheckedIn {
                candidate: candidate(),
            },
            Phase::Briefing => Event::Started,
            Phase::Finished => Event::ReviewOpened,
            Phase::Review => Event::DecisionOpened,
            Phase::Decision => Event::AppealOpened,
            Phase::Appeal => Event::AppealNote {
                task: 3,
                ground: AppealGround::NoCorrectOption,
                text: "none fit".to_owned(),
            },
            _ => Event::Closed {
                reason: CloseReason::NoAppeal,
            },
        }],
    }
}
