//! The content appeal: the candidate opens any task, sees their answer, picks a ground, writes a
//! justification (any Kazakh or Russian letters), and saves it; until the deadline (30 minutes
//! after the end of testing), then "Finish appeal" with a confirmation.

use iced::widget::text_editor;

mod view;

use super::{Action, Context};
use crate::exam::event::{AppealGround, TaskIx};
use crate::exam::{Event, Paper, State};
use crate::ui::keys::Press;
use crate::ui::parts;

/// Widget ids.
pub mod id {
    /// A subject tab: `appeal-tab-0` ...
    pub fn tab(block: usize) -> String {
        format!("appeal-tab-{block}")
    }
    /// A task button: `appeal-nav-0` ...
    pub fn nav(task: crate::exam::event::TaskIx) -> String {
        format!("appeal-nav-{task}")
    }
    /// A ground: `ground-0` ... `ground-3`.
    pub fn ground(i: usize) -> String {
        format!("ground-{i}")
    }
    /// The justification editor.
    pub const TEXT: &str = "appeal-text";
    /// Save the appeal on this task.
    pub const SAVE: &str = "appeal-save";
    /// Withdraw the appeal on this task.
    pub const WITHDRAW: &str = "appeal-withdraw";
    /// The line saying whether this task is appealed.
    pub const STATUS: &str = "appeal-status";
    /// "Finish appeal".
    pub const FINISH: &str = "appeal-finish";
    /// Confirm finishing.
    pub const CONFIRM: &str = "appeal-confirm";
    /// Back from the confirmation.
    pub const CANCEL: &str = "appeal-cancel";
    /// The deadline countdown.
    pub const DEADLINE: &str = "appeal-deadline";
}

/// The appeal screen's own state.
#[derive(Debug)]
pub struct Appeal {
    task: TaskIx,
    ground: AppealGround,
    content: text_editor::Content,
    confirm: bool,
}

/// What the candidate did.
#[derive(Debug, Clone)]
pub enum Message {
    /// A subject tab.
    Tab(usize),
    /// Open a task.
    Open(TaskIx),
    /// Pick a ground.
    Ground(AppealGround),
    /// Edit the justification.
    Edit(text_editor::Action),
    /// Save the appeal on this task.
    Save,
    /// Withdraw it.
    Withdraw,
    /// Ask to finish.
    FinishAsk,
    /// Back.
    FinishCancel,
    /// Finish the appeal for real.
    FinishConfirm,
    /// A key of the key set (only when the text field does not have it).
    Key(Press),
}

impl Appeal {
    /// Opens on the first task, or the first already appealed.
    pub fn new(state: &State) -> Appeal {
        let mut appeal = Appeal {
            task: 0,
            ground: AppealGround::NoCorrectOption,
            content: text_editor::Content::new(),
            confirm: false,
        };
        appeal.open(state, state.appeals.keys().next().copied().unwrap_or(0));
        appeal
    }

    fn open(&mut self, state: &State, task: TaskIx) {
        self.task = task;
        let note = state.appeals.get(&task);
        self.ground = note.map_or(AppealGround::NoCorrectOption, |n| n.ground);
        self.content = text_editor::Content::with_text(note.map_or("", |n| n.text.as_str()));
    }

    /// The task open.
    pub fn task(&self) -> TaskIx {
        self.task
    }

    /// The ground picked.
    pub fn ground(&self) -> AppealGround {
        self.ground
    }

    /// The justification typed so far.
    pub fn text(&self) -> String {
        self.content.text()
    }

    /// Whether the finish confirmation is open.
    pub fn confirming(&self) -> bool {
        self.confirm
    }

    /// Handles a message: the events to record.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action {
        let Some((paper, state)) = ctx.exam() else {
            return Action::None;
        };
        Action::record_all(self.events(message, paper, state))
    }

    /// The message a key of the key set stands for here.
    pub fn key(&self, press: Press) -> Option<Message> {
        Some(Message::Key(press))
    }

    fn events(&mut self, message: Message, paper: &Paper, state: &State) -> Vec<Event> {
        match message {
            Message::Tab(block) => {
                if let Some(range) = paper.block_ranges().get(block) {
                    self.open(state, TaskIx::try_from(range.start).unwrap_or(0));
                }
            }
            Message::Open(task) => {
                if usize::from(task) < paper.tasks.len() {
                    self.open(state, task);
                }
            }
            Message::Ground(g) => self.ground = g,
            Message::Edit(action) => self.content.perform(action),
            Message::Save => {
                let text = self.content.text().trim().to_owned();
                // Too long: kept in the editor, with the warning under it, until shortened.
                if !text.is_empty() && parts::text_fits(&text) {
                    return vec![Event::AppealNote {
                        task: self.task,
                        ground: self.ground,
                        text,
                    }];
                }
            }
            Message::Withdraw => {
                self.content = text_editor::Content::new();
                if state.appeals.contains_key(&self.task) {
                    return vec![Event::AppealNote {
                        task: self.task,
                        ground: self.ground,
                        text: String::new(),
                    }];
                }
            }
            Message::FinishAsk => self.confirm = true,
            Message::FinishCancel => self.confirm = false,
            Message::Key(press) => {
                let last = TaskIx::try_from(paper.tasks.len().saturating_sub(1)).unwrap_or(0);
                let mapped = match press {
                    Press::Prev => Some(Message::Open(self.task.saturating_sub(1))),
                    Press::Next => Some(Message::Open((self.task + 1).min(last))),
                    Press::Option(i) => AppealGround::ALL
                        .get(usize::from(i))
                        .copied()
                        .map(Message::Ground),
                    Press::Save => Some(Message::Save),
                    Press::Finish => Some(Message::FinishAsk),
                    Press::Enter if self.confirm => Some(Message::FinishConfirm),
                    Press::Escape if self.confirm => Some(Message::FinishCancel),
                    _ => None,
                };
                if let Some(m) = mapped {
                    return self.events(m, paper, state);
                }
            }
            Message::FinishConfirm => {
                self.confirm = false;
                return vec![Event::AppealFinished {
                    receipt: state.receipt_number(),
                }];
            }
        }
        Vec::new()
    }
}
