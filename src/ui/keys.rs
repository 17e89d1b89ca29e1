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
//! | 0–9, + − × ÷ ( ) , . = % ^, Enter, Backspace, Delete, F9, R | with the calculator open: its keys (`calc`) |
//! | Shift + 1–9, A–H | testing: strike out that option, or take the stroke back |
//! | + −  (= - on the main keys, + − on the keypad) | testing: task text larger, smaller (100–200 %) |
//! | T | testing: hide or show the timer (it always shows in the last 5 minutes) |
//! | L, Shift+↑ ↓ | testing: the line reader on or off; move it a line |
//! | F6, F7, F8 | testing: open or close the calculator, the periodic table, the solubility table |
//! | Esc | close a dialog, then the open tool; leave a text field |
//! | Tab, Shift+Tab | move between fields |
//!
//! Key caps (Enter, F10, ...) are shown as they are printed on the keys, in every language.

use iced::keyboard::key::{Code, Named, Physical};
use iced::keyboard::{self, Key};

use crate::ui::tool::Tool;
use crate::ui::tool::calculator::{Key as CalcKey, Op};

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
    /// Open (or close) an on-screen tool.
    Tool(Tool),
    /// Strike out an option (or take the stroke back), by index from 0.
    Strike(u8),
    /// Task text one step larger.
    ZoomIn,
    /// Task text one step smaller.
    ZoomOut,
    /// Hide or show the timer.
    Timer,
    /// Turn the line reader on or off.
    Reader,
    /// Move the line reader up a line.
    ReaderUp,
    /// Move the line reader down a line.
    ReaderDown,
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
        Press::Tool(Tool::Calculator) => "F6",
        Press::Tool(Tool::Periodic) => "F7",
        Press::Tool(Tool::Solubility) => "F8",
        Press::Strike(_) => "Shift",
        Press::ZoomIn => "+",
        Press::ZoomOut => "−",
        Press::Timer => "T",
        Press::Reader => "L",
        Press::ReaderUp => "Shift+↑",
        Press::ReaderDown => "Shift+↓",
    }
}

/// A key pressed without Ctrl, Alt or the logo key: what it types, where it is, and whether
/// Shift is held.
fn pressed(event: &keyboard::Event) -> Option<(&Key, &Physical, bool)> {
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
    Some((key, physical_key, modifiers.shift()))
}

/// The press a keyboard event means, if any. Only for events no widget took (typing in a field
/// never moves the test).
pub fn press(event: &keyboard::Event) -> Option<Press> {
    let (key, physical_key, shift) = pressed(event)?;
    if let Key::Named(named) = key {
        let named = match named {
            Named::ArrowLeft | Named::PageUp => Some(Press::Prev),
            Named::ArrowRight | Named::PageDown => Some(Press::Next),
            Named::ArrowUp if shift => Some(Press::ReaderUp),
            Named::ArrowDown if shift => Some(Press::ReaderDown),
            Named::ArrowUp => Some(Press::Up),
            Named::ArrowDown => Some(Press::Down),
            Named::Delete => Some(Press::Clear),
            Named::Escape => Some(Press::Escape),
            Named::Enter => Some(Press::Enter),
            Named::Space => Some(Press::Space),
            Named::F2 => Some(Press::Save),
            Named::F10 => Some(Press::Finish),
            Named::F6 => Some(Press::Tool(Tool::Calculator)),
            Named::F7 => Some(Press::Tool(Tool::Periodic)),
            Named::F8 => Some(Press::Tool(Tool::Solubility)),
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
        Code::KeyT => return Some(Press::Timer),
        Code::KeyL => return Some(Press::Reader),
        Code::Equal | Code::NumpadAdd => return Some(Press::ZoomIn),
        Code::Minus | Code::NumpadSubtract => return Some(Press::ZoomOut),
        _ => return None,
    };
    // Shift with an option's key strikes it out; the keypad's digits never do (Shift turns
    // them into arrows and Home/End on most keyboards).
    Some(if shift {
        Press::Strike(option)
    } else {
        Press::Option(option)
    })
}

/// The calculator key a keyboard event means, if any. Digits come from the main row or the
/// numeric keypad, read by position (a Kazakh layout's top row still types digits); the
/// keypad's operators and decimal key too. Then the characters `+ - * / ( ) , . = % ^` as the
/// layout types them; then by position as on a US keyboard (Shift+9 and Shift+0 are brackets).
/// Enter is =, Backspace removes the last key, Delete clears, F9 changes the sign, R is √.
pub fn calc(event: &keyboard::Event) -> Option<CalcKey> {
    let (key, physical_key, shift) = pressed(event)?;
    if let Key::Named(named) = key {
        return match named {
            Named::Enter => Some(CalcKey::Equals),
            Named::Backspace => Some(CalcKey::Back),
            Named::Delete => Some(CalcKey::Clear),
            Named::F9 => Some(CalcKey::Sign),
            _ => None,
        };
    }
    let code = match physical_key {
        Physical::Code(code) => Some(*code),
        Physical::Unidentified(_) => None,
    };
    if let Some(key) = code.and_then(|c| calc_code(c, shift)) {
        return Some(key);
    }
    if let Key::Character(c) = key
        && let Some(key) = c.chars().next().and_then(calc_char)
    {
        return Some(key);
    }
    code.and_then(|c| calc_position(c, shift))
}

/// Keys that mean the same whatever the layout: the keypad, and unshifted digits.
fn calc_code(code: Code, shift: bool) -> Option<CalcKey> {
    let digit = |d| Some(CalcKey::Digit(d));
    match code {
        Code::Numpad0 => digit(0),
        Code::Numpad1 => digit(1),
        Code::Numpad2 => digit(2),
        Code::Numpad3 => digit(3),
        Code::Numpad4 => digit(4),
        Code::Numpad5 => digit(5),
        Code::Numpad6 => digit(6),
        Code::Numpad7 => digit(7),
        Code::Numpad8 => digit(8),
        Code::Numpad9 => digit(9),
        Code::NumpadAdd => Some(CalcKey::Op(Op::Add)),
        Code::NumpadSubtract => Some(CalcKey::Op(Op::Sub)),
        Code::NumpadMultiply => Some(CalcKey::Op(Op::Mul)),
        Code::NumpadDivide => Some(CalcKey::Op(Op::Div)),
        Code::NumpadDecimal | Code::NumpadComma => Some(CalcKey::Point),
        Code::NumpadEqual | Code::NumpadEnter => Some(CalcKey::Equals),
        _ if shift => None,
        Code::Digit0 => digit(0),
        Code::Digit1 => digit(1),
        Code::Digit2 => digit(2),
        Code::Digit3 => digit(3),
        Code::Digit4 => digit(4),
        Code::Digit5 => digit(5),
        Code::Digit6 => digit(6),
        Code::Digit7 => digit(7),
        Code::Digit8 => digit(8),
        Code::Digit9 => digit(9),
        _ => None,
    }
}

/// A character the layout typed.
fn calc_char(c: char) -> Option<CalcKey> {
    Some(match c {
        '+' => CalcKey::Op(Op::Add),
        '-' | '−' => CalcKey::Op(Op::Sub),
        '*' | '×' => CalcKey::Op(Op::Mul),
        '/' | '÷' => CalcKey::Op(Op::Div),
        '^' => CalcKey::Op(Op::Pow),
        '(' => CalcKey::Open,
        ')' => CalcKey::Close,
        ',' | '.' => CalcKey::Point,
        '=' => CalcKey::Equals,
        '%' => CalcKey::Percent,
        _ => return None,
    })
}

/// The rest by position, as on a US keyboard.
fn calc_position(code: Code, shift: bool) -> Option<CalcKey> {
    Some(match (code, shift) {
        (Code::Digit9, true) => CalcKey::Open,
        (Code::Digit0, true) => CalcKey::Close,
        (Code::Digit8, true) => CalcKey::Op(Op::Mul),
        (Code::Digit5, true) => CalcKey::Percent,
        (Code::Digit6, true) => CalcKey::Op(Op::Pow),
        (Code::Equal, true) => CalcKey::Op(Op::Add),
        (Code::Equal, false) => CalcKey::Equals,
        (Code::Minus, _) => CalcKey::Op(Op::Sub),
        (Code::Slash, _) => CalcKey::Op(Op::Div),
        (Code::Comma | Code::Period, _) => CalcKey::Point,
        (Code::KeyR, _) => CalcKey::Sqrt,
        _ => return None,
    })
}

/// The letter shown on option `i` (A, B, C, ...), matching the keys.
pub fn letter(i: usize) -> char {
    (b'A'..=b'Z').nth(i).map_or('?', char::from)
}
