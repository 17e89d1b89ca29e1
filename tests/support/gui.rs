//! Helpers for the headless station flows: a station booted on a temporary data directory (the
//! real demo packages, journal and writer), interactions through `iced_test` by widget id, and
//! a clock the test moves.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use iced::keyboard::{self, Key, Location, Modifiers, key};
use iced_test::{Simulator, selector};
use ustudy::exam::{Event, Paper, State};
use ustudy::i18n::Lang;
use ustudy::journal::Journal;
use ustudy::station::Config;
use ustudy::ui::app::{App, JournalJob, Message};
use ustudy::ui::keys;

/// The production widget ids, by screen: tests select widgets by these, never by literals.
pub mod ids {
    pub use ustudy::ui::screen::admin::id as admin;
    pub use ustudy::ui::screen::appeal::id as appeal;
    pub use ustudy::ui::screen::appeal_card::id as appeal_card;
    pub use ustudy::ui::screen::briefing::id as briefing;
    pub use ustudy::ui::screen::check_in::id as check_in;
    pub use ustudy::ui::screen::closed::id as closed;
    pub use ustudy::ui::screen::decision::id as decision;
    pub use ustudy::ui::screen::finished::id as finished;
    pub use ustudy::ui::screen::interlude::id as interlude;
    pub use ustudy::ui::screen::locked::id as locked;
    pub use ustudy::ui::screen::review::id as review;
    pub use ustudy::ui::screen::testing::id as testing;
    pub use ustudy::ui::tool::calculator::id as calculator;
    pub use ustudy::ui::tool::periodic::id as periodic;
    pub use ustudy::ui::tool::solubility::id as solubility;
}

/// The demo PIN.
pub const PIN: &str = "2468";

/// A station on `dir`, as `ustudy-station --data-dir DIR` starts (recovering what is there).
pub fn station(dir: &Path) -> App {
    let boot = ustudy::boot::demo(dir).expect("boot");
    let config = Config::demo(boot.packages).expect("config");
    App::new(config, boot.writer, boot.start).0
}

/// Does the work the app handed out (its tasks are dropped in headless tests) on this thread,
/// answering the app as the tasks would: a package key asked of the center, then the journal's
/// audit record, the session's creation, and every event in turn, until nothing is in flight
/// or the journal refuses.
pub fn settle(app: &mut App) {
    if let Some(job) = app.release_job() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let _ = app.update(Message::Released(rt.block_on(job.run())));
    }
    if let Some(job) = app.take_over_job() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let _ = app.update(Message::TookOver(rt.block_on(job.run())));
    }
    while let Some(job) = app.journal_job() {
        let writer = app.writer().clone();
        let answer = match job {
            JournalJob::Audit(a) => {
                Message::Audited(writer.audit_blocking(a.action, &a.subject, &a.detail))
            }
            JournalJob::Door(a) => {
                Message::DoorAudited(writer.audit_blocking(a.action, &a.subject, &a.detail))
            }
            JournalJob::Create(new) => Message::Created(writer.create_blocking(*new)),
            JournalJob::Append { session, n, event } => Message::Committed {
                n,
                result: writer.append_blocking(&session, event),
            },
        };
        let refused = matches!(
            &answer,
            Message::Audited(Err(_))
                | Message::Created(Err(_))
                | Message::DoorAudited(Err(_))
                | Message::Committed { result: Err(_), .. }
        );
        let _ = app.update(answer);
        if refused {
            break;
        }
    }
}

/// The smallest screen a testing center uses (1366×768): everything must fit and be clickable.
const SIZE: (f32, f32) = (1366.0, 768.0);

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
pub fn interact(app: &mut App, steps: impl FnOnce(&mut Simulator<'_, Message>)) {
    let messages: Vec<Message> = {
        let mut ui = Simulator::with_size(settings(), SIZE, app.view());
        steps(&mut ui);
        ui.into_messages().collect()
    };
    for m in messages {
        let _ = app.update(m);
    }
}

fn leak(id: impl Into<String>) -> &'static str {
    Box::leak(id.into().into_boxed_str())
}

/// Clicks the widget with `id`.
pub fn click(app: &mut App, id: impl Into<String>) {
    let id = leak(id);
    interact(app, |ui| {
        ui.click(selector::id(id))
            .unwrap_or_else(|e| panic!("{id} is not on screen: {e:?}"));
    });
}

/// The bounds of the widget with `id` on screen.
pub fn bounds(app: &App, id: impl Into<String>) -> iced::Rectangle {
    use iced_test::selector::Bounded as _;
    let id = leak(id);
    let mut ui = Simulator::with_size(settings(), SIZE, app.view());
    let found = ui
        .find(selector::id(id))
        .unwrap_or_else(|e| panic!("{id} is not on screen: {e:?}"));
    found
        .visible_bounds()
        .unwrap_or_else(|| panic!("{id} is not visible"))
}

/// A frame as the software renderer draws it: its layers of shapes and text, and what the next
/// frame starts from (the widget tree's memory, the renderer), as in the running station.
pub struct Frame {
    pub layers: Vec<iced_tiny_skia::Layer>,
    cache: iced_runtime::user_interface::Cache,
    renderer: iced_tiny_skia::Renderer,
}

/// Draws the current view, after the frame `last` if there was one.
pub fn draw(app: &App, last: Option<Frame>) -> Frame {
    static FONTS: std::sync::Once = std::sync::Once::new();
    FONTS.call_once(|| {
        let mut fonts = iced_tiny_skia::graphics::text::font_system()
            .write()
            .expect("the font system");
        for font in settings().fonts {
            fonts.load_font(font);
        }
    });
    let (cache, mut renderer) = match last {
        Some(frame) => (frame.cache, frame.renderer),
        None => (
            iced_runtime::user_interface::Cache::default(),
            iced_tiny_skia::Renderer::new(
                iced::Font::with_name(ustudy::ui::FONT_NAME),
                iced::Pixels(16.0),
            ),
        ),
    };
    let mut ui = iced_runtime::UserInterface::build(
        app.view(),
        iced::Size::new(SIZE.0, SIZE.1),
        cache,
        &mut renderer,
    );
    let theme = app.theme();
    ui.draw(
        &mut renderer,
        &theme,
        &iced::advanced::renderer::Style {
            text_color: theme.palette().text,
        },
        iced::mouse::Cursor::Unavailable,
    );
    let cache = ui.into_cache();
    let layers = renderer.layers().to_vec();
    Frame {
        layers,
        cache,
        renderer,
    }
}

/// What the software renderer redraws going from the frame `before` to `after`: the regions
/// its own comparison of the two frames' layers finds changed.
pub fn redrawn(
    before: &[iced_tiny_skia::Layer],
    after: &[iced_tiny_skia::Layer],
) -> Vec<iced::Rectangle> {
    iced_tiny_skia::graphics::damage::diff(
        before,
        after,
        |layer| vec![layer.bounds],
        iced_tiny_skia::Layer::damage,
    )
}

/// Whether the widget with `id` is on screen.
pub fn shows(app: &App, id: impl Into<String>) -> bool {
    let id = leak(id);
    let mut ui = Simulator::with_size(settings(), SIZE, app.view());
    ui.find(selector::id(id)).is_ok()
}

/// Whether a text widget reads exactly `content`.
pub fn shows_text(app: &App, content: &str) -> bool {
    let mut ui = Simulator::with_size(settings(), SIZE, app.view());
    ui.find(content).is_ok()
}

/// Clicks a field and types into it.
pub fn type_into(app: &mut App, id: impl Into<String>, text: &str) {
    let id = leak(id);
    interact(app, |ui| {
        ui.click(selector::id(id)).expect("the field is there");
        let _ = ui.typewrite(text);
    });
}

/// A key pressed on the physical keyboard, through the station's key map.
pub fn press(app: &mut App, code: key::Code, named: Option<key::Named>) {
    let event = keyboard::Event::KeyPressed {
        key: named.map_or(Key::Unidentified, Key::Named),
        modified_key: Key::Unidentified,
        physical_key: key::Physical::Code(code),
        location: Location::Standard,
        modifiers: Modifiers::empty(),
        text: None,
        repeat: false,
    };
    let press = keys::press(&event).expect("a key of the key set");
    let _ = app.update(Message::Key(press));
}

/// A key as the window delivers it when no widget took it: `key` is what the layout types
/// (`Key::Character("ә")` on a Kazakh layout), `code` where it sits.
pub fn typed(app: &mut App, key: Key, code: key::Code, modifiers: Modifiers) {
    let event = keyboard::Event::KeyPressed {
        key: key.clone(),
        modified_key: key,
        physical_key: key::Physical::Code(code),
        location: Location::Standard,
        modifiers,
        text: None,
        repeat: false,
    };
    if let Some(message) = ustudy::ui::app::typed(&event) {
        let _ = app.update(message);
    }
}

/// The test's clock: starts now, moves only when told.
pub struct Clock {
    at: Instant,
}

impl Clock {
    /// A clock at now, with a first tick delivered.
    pub fn start(app: &mut App) -> Clock {
        let at = Instant::now();
        let _ = app.update(Message::Tick(at));
        Clock { at }
    }

    /// Lets `d` pass, delivered as one tick.
    pub fn pass(&mut self, app: &mut App, d: Duration) {
        self.at += d;
        let _ = app.update(Message::Tick(self.at));
    }
}

/// The screen's name.
pub fn screen(app: &App) -> &'static str {
    app.screen().name()
}

/// The recorded exam state.
pub fn state(app: &App) -> &State {
    app.session().expect("a session").recorded()
}

/// The paper.
pub fn paper(app: &App) -> &Paper {
    &app.session().expect("a session").paper
}

/// Unlocks with the demo PIN and checks in the demo candidate `n` (0: unt-2024, 1: unt-2021 with
/// extra time), ending on the briefing.
pub fn check_in(app: &mut App, n: usize) {
    find(app, n);
    assert!(shows(app, ids::check_in::CONFIRM));
    click(app, ids::check_in::CONFIRM); // not yet: the subjects are not confirmed
    assert_eq!(screen(app), "check-in");
    click(app, ids::check_in::PAIR_OK);
    click(app, ids::check_in::CONFIRM);
    assert_eq!(screen(app), "briefing");
}

/// Unlocks with the demo PIN and looks up demo candidate `n`, ending on check-in with the
/// candidate found.
pub fn find(app: &mut App, n: usize) {
    let who = &ustudy::roster::demo()[n];
    type_into(app, ids::locked::PIN, PIN);
    click(app, ids::locked::UNLOCK);
    assert_eq!(screen(app), "check-in");
    type_into(app, ids::check_in::IIN, &who.iin);
    type_into(app, ids::check_in::TICKET, &who.ticket);
    click(app, ids::check_in::FIND);
    assert!(shows(app, ids::check_in::FOUND));
}

/// From the briefing: starts, answers the first task, finishes, and goes through the card and
/// the decision into the appeal.
pub fn to_appeal(app: &mut App) {
    click(app, ids::briefing::START);
    click(app, ids::testing::option(0));
    click(app, ids::testing::FINISH);
    click(app, ids::testing::FINISH_CONFIRM);
    click(app, ids::finished::TO_CARD);
    click(app, ids::review::TO_DECISION);
    click(app, ids::decision::GO_APPEAL);
}

/// Picks an interface language by its button.
pub fn pick_language(app: &mut App, lang: Lang) {
    click(app, ustudy::ui::app::id::language(lang));
    assert_eq!(app.language(), lang);
}

/// The events the journal holds for the app's session, read back from the file.
pub fn journal_events(dir: &Path, app: &App) -> Vec<Event> {
    let id = &app.session().expect("a session").id;
    Journal::open(dir)
        .expect("journal")
        .load(id)
        .expect("session")
        .events()
}
