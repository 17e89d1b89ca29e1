//! Testing: subject tabs with answered/total, the task navigator, the task view for every kind,
//! previous/next, mark for review, the technical appeal flag, the saved indicator (on only once
//! the journal has committed), the timer with its 15- and 5-minute warnings, the tool slots, and
//! Finish with a confirmation that lists what is unanswered and marked per subject.

mod aids;
mod view;

pub use aids::Aid;

use iced::widget::text_editor;

use crate::exam::event::{FinishReason, TaskIx};
use crate::exam::spec::TaskKind;
use crate::exam::task::Choice;
use crate::exam::{Event, Paper, State};
use crate::station::Session;
use crate::ui::keys::Press;
use crate::ui::parts;
use crate::ui::screen::{Action, Context};
use crate::ui::tool::Tool;
use crate::ui::tool::calculator::{self, Calculator};
use crate::ui::tool::periodic::{self, Periodic};
use crate::ui::tool::solubility;

/// Widget ids.
pub mod id {
    use crate::exam::event::TaskIx;

    /// A subject tab's frame, by block index: `tab-0` ...
    pub fn tab(block: usize) -> String {
        format!("tab-{block}")
    }
    /// A navigator button's frame, by paper index: `nav-0` ... `nav-119`.
    pub fn nav(task: TaskIx) -> String {
        format!("nav-{task}")
    }
    /// An option's frame: `option-0` ...
    pub fn option(i: usize) -> String {
        format!("option-{i}")
    }
    /// A matching cell's frame: `pair-ITEM-OPTION`.
    pub fn pair(item: usize, option: usize) -> String {
        format!("pair-{item}-{option}")
    }
    /// An option's strike-out toggle: `strike-0` ...
    pub fn strike(i: usize) -> String {
        format!("strike-{i}")
    }
    /// Task text larger.
    pub const ZOOM_IN: &str = "zoom-in";
    /// Task text smaller.
    pub const ZOOM_OUT: &str = "zoom-out";
    /// High contrast on or off.
    pub const CONTRAST: &str = "contrast";
    /// The line reader on or off.
    pub const READER: &str = "reader";
    /// The line reader's band.
    pub const READER_BAND: &str = "reader-band";
    /// Hide or show the timer.
    pub const TIMER_TOGGLE: &str = "timer-toggle";
    /// Previous task.
    pub const PREV: &str = "prev";
    /// Next task.
    pub const NEXT: &str = "next";
    /// Mark for review.
    pub const MARK: &str = "mark";
    /// Clear the answer.
    pub const CLEAR: &str = "clear";
    /// Open the technical appeal.
    pub const TECHNICAL: &str = "technical";
    /// The technical appeal text.
    pub const TECHNICAL_TEXT: &str = "technical-text";
    /// Send the technical appeal.
    pub const TECHNICAL_SEND: &str = "technical-send";
    /// The saved indicator.
    pub const SAVED: &str = "saved";
    /// The timer.
    pub const TIMER: &str = "timer";
    /// The task's heading (subject and number).
    pub const HEADING: &str = "task-heading";
    /// Finish.
    pub const FINISH: &str = "finish";
    /// Confirm finishing.
    pub const FINISH_CONFIRM: &str = "finish-confirm";
    /// Go back to the test from the confirmation.
    pub const FINISH_CANCEL: &str = "finish-cancel";
    /// The open tool's panel.
    pub const TOOL_PANEL: &str = "tool-panel";
    /// The open tool's close button.
    pub const TOOL_CLOSE: &str = "tool-close";
    /// A tool button: `tool-calculator`, `tool-periodic`, `tool-solubility`.
    pub fn tool(tool: crate::ui::tool::Tool) -> String {
        format!("tool-{}", tool.code())
    }
}

/// Screen state that is not exam state (the exam state lives in the session).
#[derive(Debug, Default)]
pub struct Testing {
    technical: Option<text_editor::Content>,
    confirm_finish: bool,
    /// The calculator, from its first use on (its tape stays while the tool is closed).
    calculator: Option<Calculator>,
    /// The periodic table: what is typed, which element is shown.
    periodic: Periodic,
    /// The solubility table's focused cell.
    salts: solubility::Focus,
    /// The line reader's band: its top, in pixels from the top of the task area.
    reader: f32,
    /// Matching: the selected row for keyboard picks.
    row: u8,
}

/// What the candidate did.
#[derive(Debug, Clone)]
pub enum Message {
    /// Go to a task.
    Go(TaskIx),
    /// Go to a subject (its first unanswered task).
    Tab(usize),
    /// Previous task.
    Prev,
    /// Next task.
    Next,
    /// Pick option `i` (single and context), or toggle it (multiple).
    Option(u8),
    /// Matching: pair left item with right option (again to undo).
    Pair(u8, u8),
    /// Clear the answer.
    Clear,
    /// Mark or unmark for review.
    Mark,
    /// Open the technical appeal for this task.
    TechnicalOpen,
    /// Edit its text.
    TechnicalEdit(text_editor::Action),
    /// Send it.
    TechnicalSend,
    /// Withdraw the flag.
    TechnicalWithdraw,
    /// Close without sending.
    TechnicalCancel,
    /// Open a tool.
    Tool(Tool),
    /// Close the tool.
    ToolClose,
    /// A calculator key (button or keyboard).
    Calc(calculator::Key),
    /// In the periodic table.
    Periodic(periodic::Message),
    /// In the solubility table.
    Solubility(solubility::Message),
    /// Strike out option `i` of the task on screen, or take the stroke back.
    Strike(u8),
    /// Change how the task is shown.
    Display(Aid),
    /// The pointer is this far down the task area (the line reader follows it).
    ReaderAt(f32),
    /// Ask to finish.
    FinishAsk,
    /// Back to the test.
    FinishCancel,
    /// Finish for real.
    FinishConfirm,
    /// A key of the key set.
    Key(Press),
}

/// What the candidate has done with the tools on the screen on show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ToolsUsed {
    /// A calculator key was pressed.
    pub calculator: bool,
    /// How many calculator keys.
    pub calculator_keys: usize,
    /// An element was shown in the periodic table.
    pub periodic: bool,
    /// The solubility table's crosshair moved.
    pub solubility: bool,
}

/// What the view draws from: the session and its state as it stands now.
struct Shown<'a> {
    lang: crate::i18n::Lang,
    session: &'a Session,
    now: &'a State,
    /// The instant `now` stands at (the app's last tick), and how fast time runs.
    at: std::time::Instant,
    scale: u32,
}

impl Shown<'_> {
    /// A size of task text at the candidate's zoom.
    fn size(&self, base: f32) -> f32 {
        base * f32::from(self.now.view.zoom) / 100.0
    }
}

impl Testing {
    /// Handles a message: the events to record, in order.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action {
        let Some((paper, state)) = ctx.exam() else {
            return Action::None;
        };
        let opens = match &message {
            Message::Tool(tool) | Message::Key(Press::Tool(tool)) => {
                (state.tool != Some(*tool)).then_some(*tool)
            }
            _ => None,
        };
        let events = self.events(message, paper, state);
        // The periodic table opens with its search field ready for typing.
        if opens == Some(Tool::Periodic) && !events.is_empty() {
            return Action::RecordThenFocus(events, periodic::id::SEARCH);
        }
        Action::record_all(events)
    }

    /// The message a key of the key set stands for here.
    pub fn key(&self, press: Press) -> Option<Message> {
        Some(Message::Key(press))
    }

    /// The message a calculator key stands for (asked only while the calculator is open).
    pub fn calc_key(&self, key: calculator::Key) -> Option<Message> {
        Some(Message::Calc(key))
    }

    /// The calculator as it stands (a fresh one before its first key).
    fn calculator(&self) -> Option<&Calculator> {
        self.calculator.as_ref()
    }

    /// What the candidate has done with the tools on this screen (for the autopilot).
    pub fn tools_used(&self) -> ToolsUsed {
        ToolsUsed {
            calculator: self.calculator.is_some(),
            calculator_keys: self.calculator.as_ref().map_or(0, Calculator::presses),
            periodic: self.periodic.shown().is_some(),
            solubility: self.salts.at() != (0, 0),
        }
    }

    fn events(&mut self, message: Message, paper: &Paper, state: &State) -> Vec<Event> {
        let message = match self.aid_events(message, paper, state) {
            Ok(events) => return events,
            Err(message) => message,
        };
        let current = state.current;
        let last = TaskIx::try_from(paper.tasks.len().saturating_sub(1)).unwrap_or(0);
        let go = |task: TaskIx| {
            (task != current)
                .then_some(Event::Viewed { task })
                .into_iter()
                .collect()
        };
        match message {
            Message::Go(task) => {
                self.leave_task();
                go(task.min(last))
            }
            Message::Tab(block) => {
                self.leave_task();
                paper
                    .block_ranges()
                    .get(block)
                    .and_then(|range| {
                        range
                            .clone()
                            .find(|ix| state.answers[*ix].is_none())
                            .or(Some(range.start))
                    })
                    .and_then(|ix| TaskIx::try_from(ix).ok())
                    .map_or_else(Vec::new, go)
            }
            Message::Prev | Message::Key(Press::Prev) => {
                self.leave_task();
                go(current.saturating_sub(1))
            }
            Message::Next | Message::Key(Press::Next) => {
                self.leave_task();
                go((current + 1).min(last))
            }
            Message::Option(i) => answer_option(paper, state, current, i, self.row),
            Message::Key(Press::Option(i)) if self.dialog_closed() && state.tool.is_none() => {
                answer_option(paper, state, current, i, self.row)
            }
            Message::Pair(item, option) => toggle_pair(paper, state, current, item, option),
            Message::Clear | Message::Key(Press::Clear) => {
                if state.answers[usize::from(current)].is_some() {
                    vec![Event::Cleared { task: current }]
                } else {
                    Vec::new()
                }
            }
            Message::Mark | Message::Key(Press::Mark) => vec![Event::Marked {
                task: current,
                marked: !state.marked[usize::from(current)],
            }],
            Message::Key(Press::Up) => {
                self.row = self.row.saturating_sub(1);
                Vec::new()
            }
            Message::Key(Press::Down) => {
                let items = paper.shape(usize::from(current)).map_or(0, |s| s.items);
                self.row = (self.row + 1).min(items.saturating_sub(1));
                Vec::new()
            }
            Message::Key(Press::Option(_)) => Vec::new(),
            // Keys for the dialogs: F10 asks to finish, Enter says yes, F2 sends the text.
            Message::Key(Press::Finish) => self.dialog(Message::FinishAsk, state),
            Message::Key(Press::Enter) if self.confirm_finish => {
                self.dialog(Message::FinishConfirm, state)
            }
            Message::Key(Press::Save) if self.technical.is_some() => {
                self.dialog(Message::TechnicalSend, state)
            }
            other => self.dialog(other, state),
        }
    }

    /// The technical appeal, tools and finish confirmation.
    fn dialog(&mut self, message: Message, state: &State) -> Vec<Event> {
        let current = state.current;
        match message {
            Message::TechnicalOpen => {
                let existing = state.technical.get(&current).map_or("", String::as_str);
                self.technical = Some(text_editor::Content::with_text(existing));
                Vec::new()
            }
            Message::TechnicalEdit(action) => {
                if let Some(content) = &mut self.technical {
                    content.perform(action);
                }
                Vec::new()
            }
            Message::TechnicalSend => {
                let Some(content) = self.technical.take() else {
                    return Vec::new();
                };
                let reason = content.text().trim().to_owned();
                // Empty or too long: the editor stays open with the text (and the warning).
                if reason.is_empty() || !parts::text_fits(&reason) {
                    self.technical = Some(content);
                    return Vec::new();
                }
                vec![Event::TechnicalAppeal {
                    task: current,
                    reason,
                }]
            }
            Message::TechnicalWithdraw => {
                self.technical = None;
                vec![Event::TechnicalAppeal {
                    task: current,
                    reason: String::new(),
                }]
            }
            Message::TechnicalCancel | Message::Key(Press::Escape) => {
                self.technical = None;
                self.confirm_finish = false;
                Vec::new()
            }
            Message::FinishAsk => {
                self.confirm_finish = true;
                Vec::new()
            }
            Message::FinishCancel => {
                self.confirm_finish = false;
                Vec::new()
            }
            Message::FinishConfirm => {
                self.confirm_finish = false;
                vec![Event::Finished {
                    reason: FinishReason::Candidate,
                }]
            }
            _ => Vec::new(),
        }
    }

    fn leave_task(&mut self) {
        self.technical = None;
        self.row = 0;
    }

    fn dialog_closed(&self) -> bool {
        self.technical.is_none() && !self.confirm_finish
    }

    /// The technical appeal text, while its editor is open.
    pub fn technical_text(&self) -> Option<String> {
        self.technical.as_ref().map(text_editor::Content::text)
    }

    /// Whether the finish confirmation is open.
    pub fn confirming(&self) -> bool {
        self.confirm_finish
    }
}

fn answer_option(paper: &Paper, state: &State, task: TaskIx, i: u8, row: u8) -> Vec<Event> {
    let ix = usize::from(task);
    let Some(shape) = paper.shape(ix) else {
        return Vec::new();
    };
    if i >= shape.options {
        return Vec::new();
    }
    // Choosing a struck-out option takes the stroke back.
    let unstrike = state
        .struck
        .get(&task)
        .is_some_and(|s| s.contains(&i))
        .then_some(Event::Struck {
            task,
            option: i,
            struck: false,
        });
    let choice = match shape.kind {
        TaskKind::Single | TaskKind::Context => {
            if state.answers[ix] == Some(Choice::One(i)) {
                return Vec::new();
            }
            Choice::One(i)
        }
        TaskKind::Multiple => {
            let mut set = match &state.answers[ix] {
                Some(Choice::Many(set)) => set.clone(),
                _ => Vec::new(),
            };
            if let Some(at) = set.iter().position(|x| *x == i) {
                set.remove(at);
            } else {
                set.push(i);
            }
            if set.is_empty() {
                return vec![Event::Cleared { task }];
            }
            Choice::many(set)
        }
        TaskKind::Matching => return toggle_pair(paper, state, task, row, i),
    };
    unstrike
        .into_iter()
        .chain([Event::Answered { task, choice }])
        .collect()
}

fn toggle_pair(paper: &Paper, state: &State, task: TaskIx, item: u8, option: u8) -> Vec<Event> {
    let ix = usize::from(task);
    let Some(shape) = paper.shape(ix) else {
        return Vec::new();
    };
    if item >= shape.items || option >= shape.options {
        return Vec::new();
    }
    let mut pairs = match &state.answers[ix] {
        Some(Choice::Pairs(p)) => p.clone(),
        _ => vec![None; usize::from(shape.items)],
    };
    let slot = &mut pairs[usize::from(item)];
    *slot = if *slot == Some(option) {
        None
    } else {
        Some(option)
    };
    if pairs.iter().all(Option::is_none) {
        return vec![Event::Cleared { task }];
    }
    vec![Event::Answered {
        task,
        choice: Choice::Pairs(pairs),
    }]
}
