//! The kiosk window: its settings, covering the whole monitor without a window manager (and
//! telling the app its size, for the readiness check), the
//! events the station listens to (close requests, focus, the proctor's chord Ctrl+Shift+F12,
//! keys no widget took) and Tab focus.

use iced::{Task, event, window};

use super::{Message, WindowEvent};
use crate::ui::keys;

/// Sizes the window to its whole monitor at the top-left corner: `fullscreen` needs a window
/// manager, and a bare X server (a kiosk without one) would leave the window at its default size.
pub(super) fn cover_screen() -> Task<Message> {
    window::oldest().then(|id| {
        let Some(id) = id else {
            return Task::none();
        };
        window::monitor_size(id).then(move |size| match size {
            Some(size) => Task::batch([
                window::move_to(id, iced::Point::ORIGIN),
                window::resize(id, size),
                Task::done(Message::Monitor(size)),
            ]),
            None => Task::none(),
        })
    })
}

pub(super) fn move_focus(back: bool) -> Task<Message> {
    if back {
        iced::widget::operation::focus_previous()
    } else {
        iced::widget::operation::focus_next()
    }
}

#[allow(clippy::needless_pass_by_value)] // the signature `listen_with` asks for
pub(super) fn window_event(
    event: iced::Event,
    status: event::Status,
    _id: window::Id,
) -> Option<Message> {
    use iced::keyboard::{self, key::Named};
    match event {
        // The proctor's chord, documented for proctors and never shown to candidates.
        iced::Event::Keyboard(keyboard::Event::KeyPressed {
            key: keyboard::Key::Named(Named::F12),
            modifiers,
            ..
        }) if modifiers.control() && modifiers.shift() => Some(Message::AdminChord),
        iced::Event::Keyboard(keyboard::Event::KeyPressed {
            key: keyboard::Key::Named(Named::Tab),
            modifiers,
            ..
        }) => Some(Message::FocusMoved {
            back: modifiers.shift(),
        }),
        iced::Event::Keyboard(ref key) if status == event::Status::Ignored => typed(key),
        iced::Event::Window(window::Event::CloseRequested) => {
            Some(Message::Window(WindowEvent::CloseRequested))
        }
        iced::Event::Window(window::Event::Unfocused) => {
            Some(Message::Window(WindowEvent::FocusLost))
        }
        _ => None,
    }
}

/// The message for a key no widget took: what the exam key set and the calculator make of it.
pub fn typed(key: &iced::keyboard::Event) -> Option<Message> {
    let (press, calc) = (keys::press(key), keys::calc(key));
    (press.is_some() || calc.is_some()).then_some(Message::Typed { press, calc })
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
        platform_specific: platform(),
        ..window::Settings::default()
    }
}

/// The window's platform settings: on Linux the Wayland app id the kiosk compositor and desktop
/// entry match; on Windows no taskbar button.
fn platform() -> window::settings::PlatformSpecific {
    #[cfg(target_os = "linux")]
    {
        window::settings::PlatformSpecific {
            application_id: "ustudy-station".to_owned(),
            ..window::settings::PlatformSpecific::default()
        }
    }
    #[cfg(windows)]
    {
        window::settings::PlatformSpecific {
            skip_taskbar: true,
            ..window::settings::PlatformSpecific::default()
        }
    }
    #[cfg(not(any(target_os = "linux", windows)))]
    {
        window::settings::PlatformSpecific::default()
    }
}
