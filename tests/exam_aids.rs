//! The candidate's aids in the exam core: tool use, struck-out options and the view settings are
//! events that only open tasks take, that a fold brings back after a restart, and that never
//! touch an answer or a score.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;

use ustudy::exam::event::{Candidate, Event, HoldCause, Tool, View, ZOOM_MAX, ZOOM_MIN};
use ustudy::exam::state::{StateError, fold};
use ustudy::exam::task::{Choice, Lang};
use ustudy::exam::{Paper, State, card, preset};

fn paper() -> Paper {
    Paper::placeholder(preset::by_name("unt-2024").expect("preset"))
}

fn opening() -> Vec<Event> {
    let candidate = Candidate {
        iin: "061211600012".to_owned(),
        name: "Demo".to_owned(),
        ticket: "T-1".to_owned(),
        extra_time: false,
        interface: Lang::Kk,
        languages: BTreeMap::new(),
    };
    vec![
        Event::Unlocked,
        Event::CheckedIn { candidate },
        Event::Started,
    ]
}

fn struck(task: u16, option: u8, struck: bool) -> Event {
    Event::Struck {
        task,
        option,
        struck,
    }
}

#[test]
fn aids_fold_back_after_a_restart_and_never_change_an_answer_or_the_score() {
    let paper = paper();
    let mut events = opening();
    events.push(Event::Answered {
        task: 0,
        choice: Choice::One(1),
    });
    let plain = fold(&paper, &events).unwrap();
    let view = View {
        zoom: 150,
        high_contrast: true,
        timer_hidden: true,
        line_reader: true,
    };
    events.extend([
        Event::Tool {
            tool: Some(Tool::Periodic),
        },
        struck(0, 1, true),
        struck(0, 3, true),
        struck(0, 3, false),
        struck(2, 0, true),
        Event::Display { view },
    ]);
    let s = fold(&paper, &events).unwrap();
    assert_eq!(s.tool, Some(Tool::Periodic));
    assert_eq!(s.struck.get(&0), Some(&vec![1]));
    assert_eq!(s.struck.get(&2), Some(&vec![0]));
    assert_eq!(s.view, view);
    // A struck option that is the answer stays the answer; the card is the same.
    assert_eq!(s.answers[0], Some(Choice::One(1)));
    assert_eq!(s.answers, plain.answers);
    assert_eq!(
        card::build(&paper, &s).total,
        card::build(&paper, &plain).total
    );
    // The journal's JSON of the state before aids existed still reads (serde defaults).
    let mut old = serde_json::to_value(&plain).unwrap();
    for field in ["tool", "struck", "view"] {
        old.as_object_mut().unwrap().remove(field);
    }
    let back: State = serde_json::from_value(old).unwrap();
    assert_eq!(back.view, View::default());
    assert!(back.struck.is_empty());
}

#[test]
fn aids_are_taken_only_over_open_tasks_and_only_with_valid_values() {
    let paper = paper();
    let mut s = fold(&paper, &opening()).unwrap();
    let options = paper.shape(0).unwrap().options;
    assert_eq!(
        s.apply(&paper, &struck(0, options, true)),
        Err(StateError::BadChoice(0))
    );
    assert_eq!(
        s.apply(&paper, &struck(9999, 0, true)),
        Err(StateError::NoTask(9999))
    );
    for zoom in [ZOOM_MIN - 25, ZOOM_MIN + 10, ZOOM_MAX + 25] {
        let view = View {
            zoom,
            ..View::default()
        };
        assert_eq!(
            s.apply(&paper, &Event::Display { view }),
            Err(StateError::View(zoom))
        );
    }
    // Held: the tasks are hidden, so no aid changes.
    s.apply(
        &paper,
        &Event::Held {
            cause: HoldCause::FocusLost,
        },
    )
    .unwrap();
    assert!(
        s.apply(
            &paper,
            &Event::Tool {
                tool: Some(Tool::Calculator)
            }
        )
        .is_err()
    );
    assert!(s.apply(&paper, &struck(0, 0, true)).is_err());
    // Before the start too.
    let mut before = State::new(&paper);
    assert!(
        before
            .apply(
                &paper,
                &Event::Display {
                    view: View::default()
                }
            )
            .is_err()
    );
}

#[test]
fn the_zoom_steps_stay_between_100_and_200_percent_and_the_timer_shows_in_the_last_minutes() {
    let mut view = View::default();
    let mut seen = vec![view.zoom];
    for _ in 0..6 {
        view = view.zoomed(true);
        seen.push(view.zoom);
    }
    assert_eq!(seen, [100, 125, 150, 175, 200, 200, 200]);
    assert_eq!(view.zoomed(false).zoom, 175);
    assert_eq!(View::default().zoomed(false).zoom, 100);
    let hidden = View {
        timer_hidden: true,
        ..View::default()
    };
    assert!(!hidden.timer_shows(5 * 60 * 1000 + 1));
    assert!(hidden.timer_shows(5 * 60 * 1000));
    assert!(View::default().timer_shows(60 * 60 * 1000));
}
