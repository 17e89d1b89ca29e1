//! Headless flows through the candidate's tools with `iced_test`, by widget id, on a real journal:
//! the calculator by mouse and by keyboard (main keys, the numeric keypad, a Kazakh layout's top
//! row), its exact arithmetic and error state on screen, Esc closing it, the task still answerable
//! and saved while it is open, and tool use in the journal.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use iced::keyboard::key::{Code, Named};
use iced::keyboard::{Key, Modifiers};
use support::gui::{
    self, Clock, check_in, click, ids, journal_events, settle, shows, shows_text, state, typed,
};
use ustudy::exam::Event;
use ustudy::exam::event::Tool;
use ustudy::i18n::Lang;
use ustudy::ui::app::App;
use ustudy::ui::tool::calculator::{Key as Calc, Op};

/// A station in testing, in `lang`.
fn testing(dir: &std::path::Path, lang: Lang) -> App {
    let mut app = gui::station(dir);
    check_in(&mut app, 0);
    gui::pick_language(&mut app, lang);
    let _clock = Clock::start(&mut app);
    click(&mut app, ids::briefing::START);
    settle(&mut app);
    assert_eq!(gui::screen(&app), "testing");
    app
}

fn keys(app: &mut App, keys: &[Calc]) {
    for key in keys {
        click(app, ids::calculator::key(*key));
    }
}

fn char_key(app: &mut App, c: &str, code: Code, shift: bool) {
    let modifiers = if shift {
        Modifiers::SHIFT
    } else {
        Modifiers::empty()
    };
    typed(app, Key::Character(c.into()), code, modifiers);
}

fn named(app: &mut App, named: Named, code: Code) {
    typed(app, Key::Named(named), code, Modifiers::empty());
}

#[test]
fn the_calculator_by_mouse_is_exact_and_shows_errors_in_words_and_the_task_stays_answerable() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = testing(dir.path(), Lang::Kk);
    assert!(!shows(&app, ids::calculator::key(Calc::Equals)));
    click(&mut app, ids::testing::tool(Tool::Calculator));
    assert_eq!(state(&app).tool, Some(Tool::Calculator));
    // Precedence: 2 + 3 × 4 = 14.
    keys(
        &mut app,
        &[
            Calc::Digit(2),
            Calc::Op(Op::Add),
            Calc::Digit(3),
            Calc::Op(Op::Mul),
            Calc::Digit(4),
            Calc::Equals,
        ],
    );
    assert!(shows_text(&app, "= 14"));
    // 0,1 + 0,2 is 0,3 with the Kazakh decimal comma, not 0,30000000000000004.
    keys(
        &mut app,
        &[
            Calc::Digit(0),
            Calc::Point,
            Calc::Digit(1),
            Calc::Op(Op::Add),
            Calc::Digit(0),
            Calc::Point,
            Calc::Digit(2),
            Calc::Equals,
        ],
    );
    assert!(shows_text(&app, "= 0,3"));
    // Division by zero is a message in the interface language, cleared by the next key.
    keys(
        &mut app,
        &[
            Calc::Digit(1),
            Calc::Op(Op::Div),
            Calc::Digit(0),
            Calc::Equals,
        ],
    );
    assert!(shows_text(&app, "Нөлге бөлуге болмайды"));
    keys(&mut app, &[Calc::Digit(7)]);
    assert!(!shows_text(&app, "Нөлге бөлуге болмайды"));
    // The task beside it is still answerable, and the answer is saved.
    click(&mut app, ids::testing::option(1));
    settle(&mut app);
    let session = app.session().unwrap();
    assert!(session.is_saved(state(&app).current));
    assert!(session.all_saved());
    // The same button closes it; both are in the journal.
    click(&mut app, ids::testing::tool(Tool::Calculator));
    settle(&mut app);
    assert_eq!(state(&app).tool, None);
    let tools: Vec<Event> = journal_events(dir.path(), &app)
        .into_iter()
        .filter(|e| matches!(e, Event::Tool { .. }))
        .collect();
    assert_eq!(
        tools,
        [
            Event::Tool {
                tool: Some(Tool::Calculator)
            },
            Event::Tool { tool: None }
        ]
    );
}

#[test]
fn the_calculator_by_keyboard_main_keys_keypad_and_a_kazakh_layout_then_esc_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = testing(dir.path(), Lang::Ru);
    let task = state(&app).current;
    named(&mut app, Named::F6, Code::F6);
    assert_eq!(state(&app).tool, Some(Tool::Calculator));
    // "(1 + 2) × 3" typed on the main keys of a US layout.
    char_key(&mut app, "(", Code::Digit9, true);
    char_key(&mut app, "1", Code::Digit1, false);
    char_key(&mut app, "+", Code::Equal, true);
    char_key(&mut app, "2", Code::Digit2, false);
    char_key(&mut app, ")", Code::Digit0, true);
    char_key(&mut app, "*", Code::Digit8, true);
    char_key(&mut app, "3", Code::Digit3, false);
    named(&mut app, Named::Enter, Code::Enter);
    assert!(shows_text(&app, "= 9"));
    // "7 − 2,5" on the keypad: the digits and the decimal key.
    char_key(&mut app, "7", Code::Numpad7, false);
    char_key(&mut app, "-", Code::NumpadSubtract, false);
    char_key(&mut app, "2", Code::Numpad2, false);
    char_key(&mut app, ",", Code::NumpadDecimal, false);
    char_key(&mut app, "5", Code::Numpad5, false);
    named(&mut app, Named::Enter, Code::NumpadEnter);
    assert!(shows_text(&app, "= 4,5"));
    // A Kazakh layout types letters on the top row: the calculator reads the key's place.
    char_key(&mut app, "ә", Code::Digit2, false);
    char_key(&mut app, "*", Code::NumpadMultiply, false);
    char_key(&mut app, "і", Code::Digit3, false);
    char_key(&mut app, "=", Code::Equal, false);
    assert!(shows_text(&app, "= 6"));
    // Letters pick no option while the calculator is open; digits went to the calculator.
    char_key(&mut app, "a", Code::KeyA, false);
    assert_eq!(state(&app).answers[usize::from(task)], None);
    // Esc closes it; then the keys answer the task again.
    named(&mut app, Named::Escape, Code::Escape);
    assert_eq!(state(&app).tool, None);
    char_key(&mut app, "2", Code::Digit2, false);
    assert!(state(&app).answers[usize::from(task)].is_some());
}

#[test]
fn the_periodic_table_finds_elements_by_name_symbol_or_click_and_keeps_the_task() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = testing(dir.path(), Lang::Ru);
    let task = state(&app).current;
    named(&mut app, Named::F7, Code::F7);
    assert_eq!(state(&app).tool, Some(Tool::Periodic));
    for n in 1..=118 {
        assert!(shows(&app, ids::periodic::element(n)), "element {n}");
    }
    gui::type_into(&mut app, ids::periodic::SEARCH, "железо");
    assert!(shows_text(&app, "Fe") && shows_text(&app, "Железо"));
    assert!(shows_text(&app, "Атомная масса: 55,845"));
    click(&mut app, ids::periodic::element(17));
    assert!(shows_text(&app, "Хлор") && shows_text(&app, "В расчётах: 35,5"));
    // In English, the name and the decimal point follow the interface.
    gui::pick_language(&mut app, Lang::En);
    assert!(shows_text(&app, "Chlorine") && shows_text(&app, "In calculations: 35.5"));
    // Esc closes it on the same task.
    named(&mut app, Named::Escape, Code::Escape);
    assert_eq!(state(&app).tool, None);
    assert_eq!(state(&app).current, task);
    assert!(shows(&app, ids::testing::option(0)));
}

#[test]
fn the_solubility_table_shows_every_cell_and_its_crosshair_follows_the_arrows() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = testing(dir.path(), Lang::En);
    let task = state(&app).current;
    named(&mut app, Named::F8, Code::F8);
    assert_eq!(state(&app).tool, Some(Tool::Solubility));
    for a in 0..13 {
        for c in 0..22 {
            assert!(shows(&app, ids::solubility::cell(a, c)), "cell {a} {c}");
        }
    }
    assert!(shows_text(
        &app,
        "H⁺ + OH⁻ → H₂O: does not exist or decomposes in water"
    ));
    // Ag⁺ is the 18th cation, Cl⁻ the third anion: AgCl is insoluble.
    for _ in 0..2 {
        named(&mut app, Named::ArrowDown, Code::ArrowDown);
    }
    for _ in 0..17 {
        named(&mut app, Named::ArrowRight, Code::ArrowRight);
    }
    assert!(shows_text(&app, "Ag⁺ + Cl⁻ → AgCl: insoluble"));
    // The arrows moved the crosshair, not the test.
    assert_eq!(state(&app).current, task);
    click(&mut app, ids::solubility::cell(8, 3));
    assert!(shows_text(&app, "Na⁺ + NO₃⁻ → NaNO₃: soluble"));
    click(&mut app, ids::solubility::cell(7, 5));
    assert!(shows_text(&app, "Ba²⁺ + SO₄²⁻ → BaSO₄: insoluble"));
    // Kazakh and Russian tables letter the cells Р, М, Н.
    gui::pick_language(&mut app, Lang::Kk);
    assert!(shows_text(&app, "Н") && shows_text(&app, "Р") && !shows_text(&app, "I"));
}

#[test]
fn the_eliminator_strikes_options_out_by_mouse_and_shift_and_choosing_one_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = testing(dir.path(), Lang::Kk);
    let task = state(&app).current;
    click(&mut app, ids::testing::strike(1));
    char_key_shift(&mut app, "C", Code::KeyC);
    assert_eq!(state(&app).struck.get(&task), Some(&vec![1, 2]));
    assert_eq!(
        state(&app).answers[usize::from(task)],
        None,
        "not an answer"
    );
    // Again takes the stroke back.
    char_key_shift(&mut app, "C", Code::KeyC);
    assert_eq!(state(&app).struck.get(&task), Some(&vec![1]));
    // Choosing a struck-out option un-strikes it and answers.
    click(&mut app, ids::testing::option(1));
    settle(&mut app);
    assert_eq!(state(&app).struck.get(&task), None);
    assert_eq!(
        state(&app).answers[usize::from(task)],
        Some(ustudy::exam::task::Choice::One(1))
    );
    assert!(app.session().unwrap().is_saved(task));
    let strokes = journal_events(dir.path(), &app)
        .into_iter()
        .filter(|e| matches!(e, Event::Struck { .. }))
        .count();
    assert_eq!(strokes, 4);
}

#[test]
fn zoom_contrast_timer_and_line_reader_by_mouse_and_keyboard_with_the_task_still_answerable() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = testing(dir.path(), Lang::En);
    let task = state(&app).current;
    for _ in 0..6 {
        if shows(&app, ids::testing::ZOOM_IN) {
            click(&mut app, ids::testing::ZOOM_IN);
        }
    }
    assert_eq!(state(&app).view.zoom, 200);
    char_key(&mut app, "-", Code::Minus, false);
    assert_eq!(state(&app).view.zoom, 175);
    char_key(&mut app, "+", Code::NumpadAdd, false);
    assert_eq!(state(&app).view.zoom, 200);
    // High contrast: the candidate's choice changes the window's palette.
    let calm = app.theme().palette();
    click(&mut app, ids::testing::CONTRAST);
    assert!(state(&app).view.high_contrast);
    assert_ne!(app.theme().palette(), calm);
    // The timer hides on T (more than five minutes are left) and comes back.
    assert!(shows(&app, ids::testing::TIMER));
    char_key(&mut app, "t", Code::KeyT, false);
    assert!(!shows(&app, ids::testing::TIMER));
    click(&mut app, ids::testing::TIMER_TOGGLE);
    assert!(shows(&app, ids::testing::TIMER));
    // The line reader: on with L; the task under it still takes a click.
    char_key(&mut app, "l", Code::KeyL, false);
    assert!(state(&app).view.line_reader);
    assert!(shows(&app, ids::testing::READER_BAND));
    typed(
        &mut app,
        Key::Named(Named::ArrowDown),
        Code::ArrowDown,
        Modifiers::SHIFT,
    );
    assert_eq!(
        state(&app).current,
        task,
        "Shift+↓ moves the reader, not the test"
    );
    click(&mut app, ids::testing::option(2));
    assert!(state(&app).answers[usize::from(task)].is_some());
    // All of it comes back after a restart.
    settle(&mut app);
    let view = state(&app).view;
    drop(app);
    let again = gui::station(dir.path());
    assert_eq!(gui::screen(&again), "locked");
    assert_eq!(state(&again).view, view);
    assert_ne!(
        again.theme().palette(),
        calm,
        "high contrast from the first frame"
    );
}

fn char_key_shift(app: &mut App, c: &str, code: Code) {
    char_key(app, c, code, true);
}

/// Whether `inner` lies within `outer` grown by `by` on every side.
fn within(inner: iced::Rectangle, outer: iced::Rectangle, by: f32) -> bool {
    inner.x >= outer.x - by
        && inner.y >= outer.y - by
        && inner.x + inner.width <= outer.x + outer.width + by
        && inner.y + inner.height <= outer.y + outer.height + by
}

#[test]
fn opening_the_calculator_redraws_its_column_and_its_button_and_nothing_of_the_task() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = testing(dir.path(), Lang::Ru);
    settle(&mut app);
    let heading = gui::bounds(&app, ids::testing::HEADING);
    let option = gui::bounds(&app, ids::testing::option(0));
    let before = gui::draw(&app, None);
    let shown = before.layers.clone();
    click(&mut app, ids::testing::tool(Tool::Calculator));
    settle(&mut app);
    assert_eq!(state(&app).tool, Some(Tool::Calculator));
    // The calculator takes the navigator's column at its width: the task does not move.
    assert_eq!(gui::bounds(&app, ids::testing::HEADING), heading);
    assert_eq!(gui::bounds(&app, ids::testing::option(0)), option);
    // What the renderer finds changed: the column left of the task and the tool's button (a
    // shape's change counts one pixel around it), nothing else
    // (The timer counts down by itself between the two frames.)
    let button = gui::bounds(&app, ids::testing::tool(Tool::Calculator));
    let timer = gui::bounds(&app, ids::testing::TIMER);
    let redrawn = gui::redrawn(&shown, &gui::draw(&app, Some(before)).layers);
    assert!(!redrawn.is_empty(), "the calculator is drawn");
    for region in redrawn {
        assert!(
            region.x + region.width <= heading.x
                || within(region, button, 2.0)
                || within(region, timer, 2.0),
            "{region:?} of the page is redrawn for the calculator (the task starts at x = {})",
            heading.x
        );
    }
}

#[test]
fn the_saved_badge_keeps_one_width_so_a_save_redraws_the_badge_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = testing(dir.path(), Lang::Ru);
    settle(&mut app);
    let nothing = gui::bounds(&app, ids::testing::SAVED);
    assert!(shows_text(&app, "Ответа пока нет"));
    click(&mut app, ids::testing::option(1));
    assert!(
        shows_text(&app, "Сохранение…"),
        "the pick waits for the journal"
    );
    let saving = gui::bounds(&app, ids::testing::SAVED);
    let before = gui::draw(&app, None);
    let shown = before.layers.clone();
    settle(&mut app);
    assert!(shows_text(&app, "✓ Сохранено"));
    let saved = gui::bounds(&app, ids::testing::SAVED);
    assert_eq!(nothing, saving);
    assert_eq!(saving, saved);
    // The save's frame: the badge's words change and nothing beside them.
    let redrawn = gui::redrawn(&shown, &gui::draw(&app, Some(before)).layers);
    assert!(!redrawn.is_empty(), "the badge changes");
    for region in redrawn {
        assert!(
            within(region, saved, 2.0),
            "{region:?} is redrawn when the answer is saved (the badge is {saved:?})"
        );
    }
}

#[test]
fn a_failed_save_is_said_in_full_and_the_answer_is_saved_once_the_disk_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = testing(dir.path(), Lang::Ru);
    settle(&mut app);
    let everyday = gui::bounds(&app, ids::testing::SAVED);
    // Another process holds the journal past the writer's busy timeout: the commit fails.
    let blocker = rusqlite::Connection::open(dir.path().join("journal.sqlite")).unwrap();
    blocker.execute_batch("BEGIN EXCLUSIVE").unwrap();
    click(&mut app, ids::testing::option(1));
    settle(&mut app);
    let failed = "Ещё не сохранено — станция повторяет попытки. Сообщите администратору.";
    assert!(shows_text(&app, failed), "the failure is said in full");
    assert!(!app.session().unwrap().is_saved(state(&app).current));
    // The long words take the room they need; the task bar's buttons stay on screen.
    assert!(gui::bounds(&app, ids::testing::SAVED).width > everyday.width);
    assert!(shows(&app, ids::testing::TECHNICAL));
    assert!(shows(&app, ids::testing::NEXT));
    // The answer is kept: once the disk answers, the next tick saves it.
    blocker.execute_batch("ROLLBACK").unwrap();
    drop(blocker);
    let mut clock = Clock::start(&mut app);
    clock.pass(&mut app, std::time::Duration::from_secs(1));
    settle(&mut app);
    assert!(shows_text(&app, "✓ Сохранено"));
    assert!(app.session().unwrap().is_saved(state(&app).current));
    assert_eq!(gui::bounds(&app, ids::testing::SAVED), everyday);
}
