//! The testing screen's tools and reading aids: opening and closing a tool (journaled), the
//! calculator's keys, the tables' own messages, striking options out, the candidate's view
//! (text size, contrast, timer, line reader) and the line reader's place.

use super::{Message, Testing};
use crate::exam::event::{TaskIx, View};
use crate::exam::spec::TaskKind;
use crate::exam::{Event, Paper, State};
use crate::ui::keys::Press;
use crate::ui::theme::metrics;
use crate::ui::tool::Tool;
use crate::ui::tool::calculator::Calculator;
use crate::ui::tool::solubility;

/// A change to how the task is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aid {
    /// Task text one step larger.
    ZoomIn,
    /// Task text one step smaller.
    ZoomOut,
    /// The high-contrast palette on or off.
    Contrast,
    /// The timer hidden or shown.
    Timer,
    /// The line reader on or off.
    Reader,
}

impl Aid {
    /// The candidate's view after this change.
    fn apply(self, view: View) -> View {
        match self {
            Aid::ZoomIn => view.zoomed(true),
            Aid::ZoomOut => view.zoomed(false),
            Aid::Contrast => View {
                high_contrast: !view.high_contrast,
                ..view
            },
            Aid::Timer => View {
                timer_hidden: !view.timer_hidden,
                ..view
            },
            Aid::Reader => View {
                line_reader: !view.line_reader,
                ..view
            },
        }
    }

    fn of(press: Press) -> Option<Aid> {
        Some(match press {
            Press::ZoomIn => Aid::ZoomIn,
            Press::ZoomOut => Aid::ZoomOut,
            Press::Timer => Aid::Timer,
            Press::Reader => Aid::Reader,
            _ => return None,
        })
    }
}

impl Testing {
    /// The events of a tool or aid message; any other message comes back untouched.
    pub(super) fn aid_events(
        &mut self,
        message: Message,
        paper: &Paper,
        state: &State,
    ) -> Result<Vec<Event>, Message> {
        let current = state.current;
        Ok(match message {
            // The arrows move the solubility table's crosshair while it is open.
            Message::Key(press @ (Press::Prev | Press::Next | Press::Up | Press::Down))
                if state.tool == Some(Tool::Solubility) =>
            {
                let (da, dc) = match press {
                    Press::Up => (-1, 0),
                    Press::Down => (1, 0),
                    Press::Prev => (0, -1),
                    _ => (0, 1),
                };
                self.salts.update(solubility::Message::Move(da, dc));
                Vec::new()
            }
            Message::Strike(i) | Message::Key(Press::Strike(i)) if state.tool.is_none() => {
                strike(paper, state, current, i)
            }
            Message::Display(aid) => display(state, aid),
            Message::Key(press) if Aid::of(press).is_some() && state.tool.is_none() => {
                Aid::of(press).map_or_else(Vec::new, |aid| display(state, aid))
            }
            Message::ReaderAt(y) => {
                self.reader = (y - reader_band() / 2.0).max(0.0);
                Vec::new()
            }
            Message::Key(Press::ReaderUp) => {
                self.reader = (self.reader - reader_line()).max(0.0);
                Vec::new()
            }
            Message::Key(Press::ReaderDown) => {
                self.reader += reader_line();
                Vec::new()
            }
            Message::Periodic(message) => {
                self.periodic.update(message);
                Vec::new()
            }
            Message::Solubility(message) => {
                self.salts.update(message);
                Vec::new()
            }
            Message::Calc(key) => {
                self.calculator
                    .get_or_insert_with(|| Calculator::new(paper.format.calculator))
                    .press(key);
                Vec::new()
            }
            // Esc closes the innermost thing open: a dialog (the screen's), else the tool.
            Message::Key(Press::Escape) if self.dialog_closed() => tool_event(state, None),
            // The same tool's button again closes it.
            Message::Tool(tool) | Message::Key(Press::Tool(tool)) => {
                tool_event(state, (state.tool != Some(tool)).then_some(tool))
            }
            Message::ToolClose => tool_event(state, None),
            other => return Err(other),
        })
    }
}

/// The line reader's step: one line of task text.
fn reader_line() -> f32 {
    metrics::TASK * metrics::LINE
}

/// The line reader's band: `READER_LINES` lines of task text.
pub(crate) fn reader_band() -> f32 {
    reader_line() * metrics::READER_LINES
}

/// The event that changes how the task is shown, if it changes anything.
fn display(state: &State, aid: Aid) -> Vec<Event> {
    let view = aid.apply(state.view);
    if view == state.view {
        return Vec::new();
    }
    vec![Event::Display { view }]
}

/// The event that strikes option `i` out (or takes the stroke back), if the task has it.
fn strike(paper: &Paper, state: &State, task: TaskIx, i: u8) -> Vec<Event> {
    let strikable = paper
        .shape(usize::from(task))
        .is_some_and(|s| s.kind != TaskKind::Matching && i < s.options);
    if !strikable {
        return Vec::new();
    }
    let struck = state.struck.get(&task).is_some_and(|s| s.contains(&i));
    vec![Event::Struck {
        task,
        option: i,
        struck: !struck,
    }]
}

/// The event that opens `tool` (or closes the open one), if it changes anything.
fn tool_event(state: &State, tool: Option<Tool>) -> Vec<Event> {
    if state.tool == tool {
        return Vec::new();
    }
    vec![Event::Tool { tool }]
}
