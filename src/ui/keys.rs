//! The station's key set, independent of the keyboard layout (a Kazakh or Russian layout gives
//! the same keys): physical keys are read, not the letters they type.
//!
//! | key | does |
//! |---|---|
//! | 1–9, A–H | pick (or, in multiple answer, toggle) that option; in matching, for the selected row |
//! | ↑ ↓ | matching: select the row |
//! | ← → , PgUp PgDn | previous / next task |
//! | M | mark for review (again to unmark) |
//! | Delete | clear the answer |
//! | Esc | close a dialog |
//! | Tab, Shift+Tab | move between fields and buttons |

use iced::keyboard::key::{Code, Named, Physical};
use iced::keyboard::{self, Key};

/// A key the exam screens act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Press {
    /// Option by index from 0.
    Option(u8),
    /// Previous task.
    Prev,
    /// Next task.
    Next,
    /// Row up (matching).
    Up,
    /// Row down (matching).
    Down,
    /// Mark or unmark.
    Mark,
    /// Clear the answer.
    Clear,
    /// Close a dialog.
    Escape,
}

/// The press a keyboard event means, if any. Only for events no widget took (typing in a field
/// never moves the test).
pub fn press(event: &keyboard::Event) -> Option<Press> {
    let keyboard::Event::KeyPressed {
        key,
        physical_key,
        modifiers,
        ..
    } = event
    else {
        return None;
    };
    if modifiers.control() || modifiers.alt() || modifiers.logo() {
        return None;
    }
    if let Key::Named(named) = key {
        let named = match named {
            Named::ArrowLeft | Named::PageUp => Some(Press::Prev),
            Named::ArrowRight | Named::PageDown => Some(Press::Next),
            Named::ArrowUp => Some(Press::Up),
            Named::ArrowDown => Some(Press::Down),
            Named::Delete => Some(Press::Clear),
            Named::Escape => Some(Press::Escape),
            _ => None,
        };
        if named.is_some() {
            return named;
        }
    }
    let Physical::Code(code) = physical_key else {
        return None;
    };
    let option = match code {
        Code::Digit1 | Code::Numpad1 | Code::KeyA => 0,
        Code::Digit2 | Code::Numpad2 | Code::KeyB => 1,
        Code::Digit3 | Code::Numpad3 | Code::KeyC => 2,
        Code::Digit4 | Code::Numpad4 | Code::KeyD => 3,
        Code::Digit5 | Code::Numpad5 | Code::KeyE => 4,
        Code::Digit6 | Code::Numpad6 | Code::KeyF => 5,
        Code::Digit7 | Code::Numpad7 | Code::KeyG => 6,
        Code::Digit8 | Code::Numpad8 | Code::KeyH => 7,
        Code::Digit9 | Code::Numpad9 => 8,
        Code::KeyM => return Some(Press::Mark),
        _ => return None,
    };
    Some(Press::Option(option))
}

/// The letter shown on option `i` (A, B, C, ...), matching the keys.
pub fn letter(i: usize) -> char {
    (b'A'..=b'Z').nth(i).map_or('?', char::from)
}
