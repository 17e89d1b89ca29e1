//! The content appeal: the candidate opens any task, sees their answer, picks a ground, writes a
//! justification (any Kazakh or Russian letters), and saves it; until the deadline (30 minutes
//! after the end of testing), then "Finish appeal" with a confirmation.

use iced::widget::{
    Column, Row, Space, button, column, container, row, scrollable, text, text_editor,
};
use iced::{Alignment, Element, Length};

use super::{Action, Context};
use crate::exam::event::{AppealGround, TaskIx};
use crate::exam::task::Choice;
use crate::exam::{Event, Paper, State};
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::ui::keys::{Press, letter};
use crate::ui::parts;
use crate::ui::theme::{self, Button, Cell, Panel, Text, bold, metrics};
use crate::ui::widget;

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

    /// The appeal screen.
    pub fn view<'a>(&'a self, ctx: &Context<'a>) -> Element<'a, Message> {
        let Some((paper, now)) = ctx.exam() else {
            return Space::new().width(Length::Fill).into();
        };
        let lang = ctx.lang;
        let left = now.appeal_left_ms(paper);
        let deadline = container(
            text(tr_args(
                lang,
                "appeal-deadline",
                &[("time", Arg::Str(&widget::clock(left)))],
            ))
            .size(metrics::TEXT)
            .font(bold()),
        )
        .id(id::DEADLINE);
        let count = i64::try_from(now.appeals.len()).unwrap_or(0);
        let finish = button(
            text(parts::keyed(tr(lang, "appeal-finish"), Press::Finish))
                .size(metrics::TEXT)
                .font(bold()),
        )
        .padding(metrics::PAD)
        .style(theme::button(Button::Danger))
        .on_press(Message::FinishAsk);
        let header = row![
            parts::title(tr(lang, "appeal-title")),
            Space::new().width(Length::Fill),
            text(tr_args(lang, "appeal-count", &[("count", Arg::Num(count))])).size(metrics::TEXT),
            deadline,
            container(finish).id(id::FINISH),
        ]
        .spacing(metrics::GAP)
        .align_y(Alignment::Center);
        let body: Element<'a, Message> = if self.confirm {
            Self::confirmation(lang, count)
        } else {
            row![
                self.navigator(lang, paper, now),
                self.task_view(lang, paper, now)
            ]
            .spacing(metrics::GAP)
            .height(Length::Fill)
            .into()
        };
        column![header, body]
            .spacing(metrics::GAP_SMALL)
            .padding(metrics::EDGE_SMALL)
            .into()
    }

    fn confirmation<'a>(lang: Lang, count: i64) -> Element<'a, Message> {
        let confirm = parts::action(
            parts::keyed(tr(lang, "appeal-confirm"), Press::Enter),
            Button::Danger,
            Some(Message::FinishConfirm),
            id::CONFIRM,
        );
        let cancel = parts::action(
            parts::keyed(tr(lang, "appeal-cancel"), Press::Escape),
            Button::Success,
            Some(Message::FinishCancel),
            id::CANCEL,
        );
        container(
            column![
                text(tr_args(
                    lang,
                    "appeal-confirm-body",
                    &[("count", Arg::Num(count))]
                ))
                .size(metrics::TEXT),
                row![cancel, confirm].spacing(metrics::GAP),
            ]
            .spacing(metrics::GAP)
            .max_width(metrics::READING_WIDTH),
        )
        .center(Length::Fill)
        .into()
    }

    fn navigator<'a>(&self, lang: Lang, paper: &Paper, now: &State) -> Element<'a, Message> {
        let (block, _) = paper.position(usize::from(self.task));
        let ranges = paper.block_ranges();
        let tabs = ranges.iter().enumerate().map(|(b, _)| {
            let name = parts::block_subject(lang, paper, &paper.format.blocks[b].id);
            let tab = button(text(name).size(metrics::SMALL))
                .padding(metrics::PAD_SMALL)
                .width(Length::Fill)
                .style(theme::button(Button::Choice {
                    selected: b == block,
                }))
                .on_press(Message::Tab(b));
            container(tab).id(id::tab(b)).into()
        });
        let range = ranges[block].clone();
        let start = range.start;
        let cells: Vec<Element<'a, Message>> = range
            .map(|ix| {
                let task = TaskIx::try_from(ix).unwrap_or(0);
                // Appealed tasks show as marked.
                let look = Cell::of(task == self.task, now.appeals.contains_key(&task), false);
                widget::nav_cell(ix - start + 1, look, Message::Open(task), id::nav(task))
            })
            .collect();
        let grid = widget::nav_grid(cells);
        container(
            scrollable(
                column![Column::with_children(tabs).spacing(metrics::GAP_TINY), grid]
                    .spacing(metrics::GAP_SMALL),
            )
            .spacing(metrics::GAP_TINY),
        )
        .width(Length::Fixed(metrics::NAV_WIDTH))
        .height(Length::Fill)
        .into()
    }

    fn task_view<'a>(&'a self, lang: Lang, paper: &'a Paper, now: &State) -> Element<'a, Message> {
        let ix = usize::from(self.task);
        let Some(task) = paper.tasks.get(ix) else {
            return Space::new().into();
        };
        let content = now.content_lang(&task.block);
        let (block, number) = paper.position(ix);
        let subject = parts::block_subject(lang, paper, &paper.format.blocks[block].id);
        let mut page = column![
            text(format!("{subject} · {}", parts::task_label(lang, number)))
                .size(metrics::SMALL)
                .font(bold()),
        ]
        .spacing(metrics::GAP_SMALL);
        if let Some(group) = task
            .group
            .as_ref()
            .and_then(|g| paper.groups.iter().find(|c| &c.id == g))
        {
            page = page.push(
                container(widget::rich(
                    paper,
                    parts::pick(&group.stimulus, content),
                    metrics::TEXT,
                ))
                .padding(metrics::GAP_SMALL)
                .style(theme::panel(Panel::Plain)),
            );
        }
        page = page.push(widget::rich(
            paper,
            parts::pick(&task.stem, content),
            metrics::TASK,
        ));
        for (i, item) in task.items.iter().enumerate() {
            page = page.push(
                row![
                    text(format!("{}.", i + 1)).size(metrics::TEXT).font(bold()),
                    widget::rich(paper, parts::pick(item, content), metrics::TEXT)
                ]
                .spacing(metrics::GAP_SMALL),
            );
        }
        for (i, option) in task.options.iter().enumerate() {
            page = page.push(
                row![
                    text(format!("{}.", letter(i)))
                        .size(metrics::TEXT)
                        .font(bold()),
                    widget::rich(paper, parts::pick(option, content), metrics::TEXT)
                ]
                .spacing(metrics::GAP_SMALL),
            );
        }
        let answer: Option<&Choice> = now.answers[ix].as_ref();
        page = page.push(
            text(tr_args(
                lang,
                "appeal-card-answer",
                &[("answer", Arg::Str(&parts::answer_text(answer)))],
            ))
            .size(metrics::TEXT)
            .font(bold()),
        );
        // The task scrolls on the left; the appeal form stays in view on the right.
        row![
            container(scrollable(page.padding(metrics::GAP_SMALL)))
                .width(Length::FillPortion(1))
                .height(Length::Fill),
            container(self.appeal_form(lang, now))
                .width(Length::FillPortion(1))
                .height(Length::Fill),
        ]
        .spacing(metrics::GAP)
        .into()
    }

    /// Whether the task is appealed, the ground, the justification and its buttons.
    fn appeal_form<'a>(&'a self, lang: Lang, now: &State) -> Element<'a, Message> {
        let mut page = column![].spacing(metrics::GAP_SMALL);
        let appealed = now.appeals.contains_key(&self.task);
        page = page.push(
            container(
                text(tr(
                    lang,
                    if appealed {
                        "appeal-status-filed"
                    } else {
                        "appeal-status-none"
                    },
                ))
                .size(metrics::TEXT)
                .style(theme::text(Text::good_if(appealed))),
            )
            .id(id::STATUS),
        );
        page = page.push(
            text(tr(lang, "appeal-ground"))
                .size(metrics::TEXT)
                .font(bold()),
        );
        let grounds = AppealGround::ALL.iter().enumerate().map(|(i, g)| {
            let b = button(text(parts::ground_name(lang, *g)).size(metrics::SMALL))
                .padding(metrics::PAD_SMALL)
                .style(theme::button(Button::Choice {
                    selected: *g == self.ground,
                }))
                .on_press(Message::Ground(*g));
            container(b).id(id::ground(i)).into()
        });
        page = page.push(
            Row::with_children(grounds)
                .spacing(metrics::GAP_SMALL)
                .wrap(),
        );
        page = page.push(
            text(tr(lang, "appeal-justification"))
                .size(metrics::TEXT)
                .font(bold()),
        );
        page = page.push(
            text_editor(&self.content)
                .id(id::TEXT)
                .placeholder(tr(lang, "appeal-placeholder"))
                .size(metrics::TEXT)
                .height(Length::Fixed(metrics::EDITOR_HEIGHT))
                .on_action(Message::Edit),
        );
        let written = self.content.text();
        page = page.push(parts::text_length(lang, &written));
        let can_save = !written.trim().is_empty() && parts::text_fits(&written);
        let save = button(
            text(parts::keyed(tr(lang, "appeal-save"), Press::Save))
                .size(metrics::TEXT)
                .font(bold()),
        )
        .padding(metrics::PAD)
        .on_press_maybe(can_save.then_some(Message::Save));
        let withdraw = button(text(tr(lang, "appeal-withdraw")).size(metrics::TEXT))
            .padding(metrics::PAD)
            .style(theme::button(Button::Quiet))
            .on_press_maybe(appealed.then_some(Message::Withdraw));
        page = page.push(
            // Wraps on narrow screens so Withdraw never falls off the edge.
            row![
                container(save).id(id::SAVE),
                container(withdraw).id(id::WITHDRAW)
            ]
            .spacing(metrics::GAP_SMALL)
            .wrap()
            .vertical_spacing(metrics::GAP_SMALL),
        );
        page.into()
    }
}
