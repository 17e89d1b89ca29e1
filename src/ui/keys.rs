//! The station's key set, independent of the keyboard layout (a Kazakh or Russian layout gives
//! the same keys): physical keys are read, not the letters they type.
//!
//! | key | does |
//! |---|---|
//! | 1–9, A–H | pick (or, in multiple answer, toggle) that option; in matching, for the selected row |
//! | 1–9, 0 | the admin screen: its actions in order |
//! | ↑ ↓ | matching: select the row |
//! | ← → , `PgUp` `PgDn` | previous / next task |
//! | M | mark for review (again to unmark) |
//! | Delete | clear the answer |
//! | F2 | send the technical problem; save the appeal on this task |
//! | F10 | finish the test; finish the appeal (both ask first) |
//! | Enter | the screen's main button: find, confirm, start, see results, continue, done; yes in a confirmation |
//! | Space | check-in: tick "my subjects are right" |
//! | 1, 2 | decision: go to appeal, finish without appeal |
//! | 1–4 | appeal: the ground |
//! | Esc | close a dialog, leave a text field |
//! | Tab, Shift+Tab | move between fields |
//!
//! Key caps (Enter, F10, ...) are shown as they are printed on the keys, in every language.

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
    /// The screen's main button, or yes in a confirmation.
    Enter,
    /// Tick the check-in confirmation.
    Space,
    /// Send or save the text being written.
    Save,
    /// Finish the test or the appeal.
    Finish,
}

/// The key cap of a press, shown beside the button it stands for.
pub fn cap(press: Press) -> &'static str {
    match press {
        Press::Option(0) => "1",
        Press::Option(1) => "2",
        Press::Option(2) => "3",
        Press::Option(3) => "4",
        Press::Option(_) => "",
        Press::Prev => "←",
        Press::Next => "→",
        Press::Up => "↑",
        Press::Down => "↓",
        Press::Mark => "M",
        Press::Clear => "Delete",
        Press::Escape => "Esc",
        Press::Enter => "Enter",
        Press::Space => "Space",
        Press::Save => "F2",
        Press::Finish => "F10",
    }
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
            Named::Enter => Some(Press::Enter),
            Named::Space => Some(Press::Space),
            Named::F2 => Some(Press::Save),
            Named::F10 => Some(Press::Finish),
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
        // The admin screen's tenth action; no task has ten options.
        Code::Digit0 | Code::Numpad0 => 9,
        Code::KeyM => return Some(Press::Mark),
        _ => return None,
    };
    Some(Press::Option(option))
}

/// The letter shown on option `i` (A, B, C, ...), matching the keys.
pub fn letter(i: usize) -> char {
    (b'A'..=b'Z').nth(i).map_or('?', char::from)
}
