//! The top-level app: configuration, the screen on show, the interface language, and one-line
//! dispatch of every message to the screen that owns it. Also the kiosk window settings.

use std::time::{Duration, Instant};

use iced::widget::{button, column, container, row, text};
use iced::{Element, Length, Subscription, Task, Theme, event, window};

use crate::crypto::pin::PinHash;
use crate::i18n::{Lang, tr};
use crate::roster::Entry;
use crate::ui::screen::{Screen, check_in, locked};
use crate::ui::theme::{self, metrics};

/// What the station runs with.
#[derive(Debug, Clone)]
pub struct Config {
    /// Station name.
    pub station: String,
    /// Seat.
    pub seat: String,
    /// The proctor PIN's hash.
    pub pin: PinHash,
    /// The demo PIN, shown on the lock screen in demo mode only.
    pub demo_pin: Option<String>,
    /// Candidates expected here.
    pub roster: Vec<Entry>,
    /// High-contrast palette.
    pub high_contrast: bool,
}

impl Config {
    /// The bundled demo: a demo station, the demo roster and a demo PIN shown on screen.
    pub fn demo() -> Result<Config, crate::crypto::CryptoError> {
        const DEMO_PIN: &str = "2468";
        Ok(Config {
            station: "DEMO".to_owned(),
            seat: "1".to_owned(),
            pin: PinHash::new(DEMO_PIN)?,
            demo_pin: Some(DEMO_PIN.to_owned()),
            roster: crate::roster::demo(),
            high_contrast: false,
        })
    }
}

/// Widget ids of the app frame.
pub mod id {
    /// The frame of a language button: `lang-kk`, `lang-ru`, `lang-en`.
    pub fn language(lang: crate::i18n::Lang) -> String {
        format!("lang-{}", lang.code())
    }
}

/// The app.
#[derive(Debug)]
pub struct App {
    config: Config,
    screen: Screen,
    lang: Lang,
    now: Instant,
    incidents: u32,
}

/// Everything that can happen.
#[derive(Debug, Clone)]
pub enum Message {
    /// On the lock screen.
    Locked(locked::Message),
    /// On the check-in screen.
    CheckIn(check_in::Message),
    /// A language button.
    LanguagePicked(Lang),
    /// A second passed.
    Tick(Instant),
    /// Someone tried to close the window or it lost focus.
    Window(WindowEvent),
    /// Tab or Shift+Tab: move the keyboard focus to the next or previous field.
    FocusMoved {
        /// Backwards (Shift+Tab).
        back: bool,
    },
}

/// Window events that matter to the kiosk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowEvent {
    /// A close request (Alt+F4, the window manager): ignored, counted.
    CloseRequested,
    /// The window lost focus.
    FocusLost,
}

impl App {
    /// Starts on the lock screen with the PIN field focused.
    pub fn new(config: Config) -> (App, Task<Message>) {
        let app = App {
            config,
            screen: Screen::Locked(locked::Locked::default()),
            lang: Lang::Kk,
            now: Instant::now(),
            incidents: 0,
        };
        (app, iced::widget::operation::focus(locked::id::PIN))
    }

    /// The window title.
    pub fn title(&self) -> String {
        tr(self.lang, "app-title")
    }

    /// The theme.
    pub fn theme(&self) -> Theme {
        theme::theme(self.config.high_contrast)
    }

    /// The interface language.
    pub fn language(&self) -> Lang {
        self.lang
    }

    /// The screen on show.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// Close requests and focus losses seen so far.
    pub fn incidents(&self) -> u32 {
        self.incidents
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Locked(m) => self.on_locked(m),
            Message::CheckIn(m) => self.on_check_in(m),
            Message::LanguagePicked(lang) => self.set_language(lang),
            Message::Tick(now) => self.set_now(now),
            Message::Window(event) => self.on_window(event),
            Message::FocusMoved { back } => move_focus(back),
        }
    }

    fn on_locked(&mut self, message: locked::Message) -> Task<Message> {
        let Screen::Locked(lock) = &mut self.screen else {
            return Task::none();
        };
        match lock.update(message, &self.config.pin, Instant::now()) {
            locked::Action::None => Task::none(),
            locked::Action::Unlocked => {
                self.screen = Screen::CheckIn(check_in::CheckIn::default());
                iced::widget::operation::focus(check_in::id::IIN)
            }
        }
    }

    fn on_check_in(&mut self, message: check_in::Message) -> Task<Message> {
        if let Screen::CheckIn(check) = &mut self.screen {
            check.update(message, &self.config.roster);
            if let Some(found) = check.found() {
                self.lang = found.language;
            }
        }
        Task::none()
    }

    fn set_language(&mut self, lang: Lang) -> Task<Message> {
        self.lang = lang;
        Task::none()
    }

    fn set_now(&mut self, now: Instant) -> Task<Message> {
        self.now = now;
        Task::none()
    }

    fn on_window(&mut self, _event: WindowEvent) -> Task<Message> {
        // Recorded; the journal incident comes with the session (the window never closes).
        self.incidents += 1;
        Task::none()
    }

    /// The screen with the language bar.
    pub fn view(&self) -> Element<'_, Message> {
        let body = match &self.screen {
            Screen::Locked(lock) => {
                let ctx = locked::Context {
                    lang: self.lang,
                    station: &self.config.station,
                    seat: &self.config.seat,
                    demo_pin: self.config.demo_pin.as_deref(),
                    online: false,
                };
                lock.view(&ctx, self.now).map(Message::Locked)
            }
            Screen::CheckIn(check) => check.view(self.lang).map(Message::CheckIn),
        };
        column![self.language_bar(), body].into()
    }

    fn language_bar(&self) -> Element<'_, Message> {
        let buttons = Lang::ALL.iter().map(|lang| {
            let style = if *lang == self.lang {
                button::primary
            } else {
                button::secondary
            };
            let b = button(text(lang.native_name()).size(metrics::SMALL))
                .padding(metrics::GAP_SMALL)
                .style(style)
                .on_press(Message::LanguagePicked(*lang));
            container(b).id(id::language(*lang)).into()
        });
        container(row(buttons).spacing(metrics::GAP_SMALL))
            .align_right(Length::Fill)
            .padding(metrics::GAP_SMALL)
            .into()
    }

    /// A one-second tick (for the lock-out countdown) and the window events.
    pub fn subscription(&self) -> Subscription<Message> {
        Subscription::batch([
            iced::time::every(Duration::from_secs(1)).map(Message::Tick),
            event::listen_with(window_event),
        ])
    }
}

fn move_focus(back: bool) -> Task<Message> {
    if back {
        iced::widget::operation::focus_previous()
    } else {
        iced::widget::operation::focus_next()
    }
}

#[allow(clippy::needless_pass_by_value)] // the signature `listen_with` asks for
fn window_event(event: iced::Event, _status: event::Status, _id: window::Id) -> Option<Message> {
    use iced::keyboard::{self, key::Named};
    match event {
        iced::Event::Keyboard(keyboard::Event::KeyPressed {
            key: keyboard::Key::Named(Named::Tab),
            modifiers,
            ..
        }) => Some(Message::FocusMoved {
            back: modifiers.shift(),
        }),
        iced::Event::Window(window::Event::CloseRequested) => {
            Some(Message::Window(WindowEvent::CloseRequested))
        }
        iced::Event::Window(window::Event::Unfocused) => {
            Some(Message::Window(WindowEvent::FocusLost))
        }
        _ => None,
    }
}

/// The kiosk window: fullscreen, undecorated, always on top, not resizable or closeable, and a
/// close request is only a message.
pub fn kiosk_window() -> window::Settings {
    window::Settings {
        fullscreen: true,
        decorations: false,
        resizable: false,
        minimizable: false,
        closeable: false,
        level: window::Level::AlwaysOnTop,
        exit_on_close_request: false,
        platform_specific: window::settings::PlatformSpecific {
            application_id: "ustudy-station".to_owned(),
            ..window::settings::PlatformSpecific::default()
        },
        ..window::Settings::default()
    }
}
