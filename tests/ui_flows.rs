//! Headless flows through the station window with `iced_test`, selecting widgets by id so the
//! flows do not depend on the language: a wrong PIN, the demo PIN, an invalid then a valid IIN,
//! the roster lookup and the language switch — in Kazakh, Russian and English.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use iced::keyboard::key::Named;
use iced_test::{Simulator, selector};
use ustudy::exam::iin::IinError;
use ustudy::i18n::Lang;
use ustudy::ui::app::{App, Config, Message};
use ustudy::ui::screen::check_in::{self, IinStatus};
use ustudy::ui::screen::{Screen, locked};

fn settings() -> iced::Settings {
    iced::Settings {
        fonts: vec![
            ustudy::ui::FONT_REGULAR.into(),
            ustudy::ui::FONT_BOLD.into(),
        ],
        default_font: iced::Font::with_name(ustudy::ui::FONT_NAME),
        ..iced::Settings::default()
    }
}

/// Runs `steps` against the current view and feeds the messages it produced to `update`.
fn interact(app: &mut App, steps: impl FnOnce(&mut Simulator<'_, Message>)) {
    let messages: Vec<Message> = {
        let mut ui = Simulator::with_size(settings(), (1280.0, 900.0), app.view());
        steps(&mut ui);
        ui.into_messages().collect()
    };
    for m in messages {
        let _ = app.update(m);
    }
}

fn type_into(app: &mut App, id: &'static str, text: &str) {
    interact(app, |ui| {
        ui.click(selector::id(id)).expect("the field is there");
        let _ = ui.typewrite(text);
    });
}

fn press_enter_in(app: &mut App, id: &'static str) {
    interact(app, |ui| {
        ui.click(selector::id(id)).expect("the field is there");
        let _ = ui.tap_key(Named::Enter);
    });
}

fn check_in(app: &App) -> &check_in::CheckIn {
    match app.screen() {
        Screen::CheckIn(c) => c,
        other @ Screen::Locked(_) => panic!("expected check-in, on {other:?}"),
    }
}

fn flow(lang: Lang) {
    let (mut app, _) = App::new(Config::demo().unwrap());
    let lang_id: &'static str = Box::leak(ustudy::ui::app::id::language(lang).into_boxed_str());
    interact(&mut app, |ui| {
        ui.click(selector::id(lang_id)).expect("language button");
    });
    assert_eq!(app.language(), lang);

    // A wrong PIN keeps the station locked and shows the attempts left.
    type_into(&mut app, locked::id::PIN, "1111");
    press_enter_in(&mut app, locked::id::PIN);
    assert!(matches!(app.screen(), Screen::Locked(_)));
    interact(&mut app, |ui| {
        ui.find(selector::id(locked::id::STATUS))
            .expect("the wrong-PIN message is shown");
    });

    // The demo PIN unlocks.
    type_into(&mut app, locked::id::PIN, "2468");
    interact(&mut app, |ui| {
        ui.click(selector::id(locked::id::UNLOCK))
            .expect("unlock button");
    });
    assert_eq!(check_in(&app).iin_status(), IinStatus::Empty);

    // An IIN with a wrong check digit, then letters (ignored), then the right one.
    type_into(&mut app, check_in::id::IIN, "0612116000");
    assert_eq!(check_in(&app).iin_status(), IinStatus::Short(2));
    type_into(&mut app, check_in::id::IIN, "13");
    assert_eq!(
        check_in(&app).iin_status(),
        IinStatus::Invalid(IinError::CheckDigit)
    );
    interact(&mut app, |ui| {
        ui.click(selector::id(check_in::id::IIN)).expect("field");
        let _ = ui.tap_key(Named::Backspace);
        let _ = ui.typewrite("x2");
    });
    assert_eq!(check_in(&app).iin_status(), IinStatus::Valid);
    type_into(&mut app, check_in::id::TICKET, "demo-24");
    interact(&mut app, |ui| {
        ui.click(selector::id(check_in::id::FIND))
            .expect("find button");
    });
    let found = check_in(&app).found().expect("the demo candidate is found");
    assert_eq!(found.package, "demo-unt-2024");
    interact(&mut app, |ui| {
        ui.find(selector::id(check_in::id::FOUND))
            .expect("the candidate is shown");
    });
    // The interface follows the candidate's language from the roster.
    assert_eq!(app.language(), Lang::Kk);
}

#[test]
fn lock_and_check_in_in_kazakh() {
    flow(Lang::Kk);
}

#[test]
fn lock_and_check_in_in_russian() {
    flow(Lang::Ru);
}

#[test]
fn lock_and_check_in_in_english() {
    flow(Lang::En);
}

#[test]
fn close_requests_are_ignored_and_counted() {
    let (mut app, _) = App::new(Config::demo().unwrap());
    let _ = app.update(Message::Window(
        ustudy::ui::app::WindowEvent::CloseRequested,
    ));
    assert_eq!(app.incidents(), 1);
    assert!(matches!(app.screen(), Screen::Locked(_)));
}
