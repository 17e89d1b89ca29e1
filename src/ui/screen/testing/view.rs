//! How the testing screen looks: the header (subject tabs, tools, timer, Finish), the
//! navigator, the task in its kind's layout, the task bar with the saved indicator, and the
//! dialogs (technical appeal, tool slot, finish confirmation).

use iced::widget::{
    Column, Row, Space, button, column, container, row, scrollable, text, text_editor,
};
use iced::{Alignment, Element, Length};

use super::{Context, Message, Testing, Tool, content_lang, id, position};
use crate::exam::clock::MINUTE_MS;
use crate::exam::event::TaskIx;
use crate::exam::spec::TaskKind;
use crate::exam::task::{Choice, Lang};
use crate::i18n::{Arg, tr, tr_args};
use crate::ui::keys::{Press, letter};
use crate::ui::parts;
use crate::ui::theme::{bold, metrics, style};

impl Testing {
    /// The testing screen.
    pub fn view<'a>(&'a self, ctx: &Context<'a, '_>) -> Element<'a, Message> {
        let body: Element<'a, Message> = if self.confirm_finish {
            finish_confirmation(ctx)
        } else {
            row![
                navigator(ctx),
                container(self.task_view(ctx)).width(Length::Fill)
            ]
            .spacing(metrics::GAP)
            .height(Length::Fill)
            .into()
        };
        column![header(ctx), body]
            .spacing(metrics::GAP_SMALL)
            .padding(metrics::EDGE_SMALL)
            .into()
    }

    fn task_view<'a>(&'a self, ctx: &Context<'a, '_>) -> Element<'a, Message> {
        let paper = &*ctx.session.paper;
        let state = ctx.now;
        let ix = usize::from(state.current);
        let Some(task) = paper.tasks.get(ix) else {
            return Space::new().into();
        };
        let lang = ctx.lang;
        let content = content_lang(state, &task.block);
        let (block_ix, number) = position(paper, ix);
        let heading = tr_args(
            lang,
            "testing-heading",
            &[
                (
                    "subject",
                    Arg::Str(&parts::block_subject(lang, paper, &task.block)),
                ),
                ("n", Arg::Num(i64::try_from(number).unwrap_or(0))),
                (
                    "total",
                    Arg::Num(i64::try_from(paper.block_ranges()[block_ix].len()).unwrap_or(0)),
                ),
            ],
        );
        let mut question = column![
            container(text(heading).size(metrics::SMALL).font(bold())).id(id::HEADING),
            parts::rich(paper, parts::pick(&task.stem, content), metrics::TASK),
        ]
        .spacing(metrics::GAP_SMALL);
        let answer = state.answers[ix].as_ref();
        question = question.push(match task.kind {
            TaskKind::Single | TaskKind::Context => options(ctx, task, answer, false),
            TaskKind::Multiple => column![
                text(tr(lang, "testing-choose-many"))
                    .size(metrics::TEXT)
                    .font(bold())
                    .style(text::primary),
                options(ctx, task, answer, true)
            ]
            .spacing(metrics::GAP_SMALL)
            .into(),
            TaskKind::Matching => self.matching(ctx, task, answer),
        });
        if let Some(reason) = state.technical.get(&state.current) {
            question = question.push(
                text(tr_args(
                    lang,
                    "testing-technical-sent",
                    &[("reason", Arg::Str(reason))],
                ))
                .size(metrics::SMALL)
                .style(text::warning),
            );
        }
        let question = scrollable(question.padding(metrics::GAP_SMALL)).height(Length::Fill);
        let main: Element<'a, Message> = match task
            .group
            .as_ref()
            .and_then(|g| paper.groups.iter().find(|c| &c.id == g))
        {
            Some(group) => row![
                container(scrollable(
                    container(parts::rich(
                        paper,
                        parts::pick(&group.stimulus, content),
                        metrics::TEXT
                    ))
                    .padding(metrics::GAP_SMALL)
                ))
                .style(style::panel)
                .width(Length::FillPortion(1))
                .height(Length::Fill),
                container(question).width(Length::FillPortion(1)),
            ]
            .spacing(metrics::GAP)
            .into(),
            None => question.into(),
        };
        // Dialogs sit above the task bar, always in view, whatever the task's length.
        let mut page = column![main].spacing(metrics::GAP_SMALL);
        if let Some(content) = &self.technical {
            page = page.push(technical_editor(lang, content));
        }
        if let Some(tool) = self.tool {
            page = page.push(tool_slot(lang, tool));
        }
        page.push(task_bar(ctx)).into()
    }

    fn matching<'a>(
        &self,
        ctx: &Context<'a, '_>,
        task: &'a crate::exam::task::Task,
        answer: Option<&Choice>,
    ) -> Element<'a, Message> {
        let paper = &*ctx.session.paper;
        let content = content_lang(ctx.now, &task.block);
        let pairs: &[Option<u8>] = match answer {
            Some(Choice::Pairs(p)) => p,
            _ => &[],
        };
        let mut right = column![].spacing(metrics::GAP_SMALL);
        for (j, option) in task.options.iter().enumerate() {
            right = right.push(
                row![
                    text(format!("{}.", letter(j)))
                        .size(metrics::TASK)
                        .font(bold()),
                    parts::rich(paper, parts::pick(option, content), metrics::TASK)
                ]
                .spacing(metrics::GAP_SMALL),
            );
        }
        let mut left = column![text(tr(ctx.lang, "testing-matching-hint")).size(metrics::SMALL)]
            .spacing(metrics::GAP_SMALL);
        for (i, item) in task.items.iter().enumerate() {
            let chosen = pairs.get(i).copied().flatten();
            let cells = task.options.iter().enumerate().map(|(j, _)| {
                let on = chosen == u8::try_from(j).ok();
                let cell = button(text(letter(j).to_string()).size(metrics::TEXT).font(bold()))
                    .padding(metrics::PAD_SMALL)
                    .style(if on { button::primary } else { style::quiet })
                    .on_press(Message::Pair(
                        u8::try_from(i).unwrap_or(0),
                        u8::try_from(j).unwrap_or(0),
                    ));
                container(cell).id(id::pair(i, j)).into()
            });
            let selected = usize::from(self.row) == i;
            let item_text = row![
                text(format!("{}.", i + 1)).size(metrics::TASK).font(bold()),
                parts::rich(paper, parts::pick(item, content), metrics::TASK),
            ]
            .spacing(metrics::GAP_SMALL);
            left = left.push(
                container(
                    column![
                        item_text,
                        Row::with_children(cells).spacing(metrics::GAP_SMALL)
                    ]
                    .spacing(metrics::GAP_SMALL),
                )
                .padding(metrics::GAP_SMALL)
                .style(if selected {
                    style::selected
                } else {
                    style::panel
                }),
            );
        }
        row![
            left.width(Length::FillPortion(1)),
            right.width(Length::FillPortion(1))
        ]
        .spacing(metrics::GAP)
        .into()
    }
}

fn options<'a>(
    ctx: &Context<'a, '_>,
    task: &'a crate::exam::task::Task,
    answer: Option<&Choice>,
    many: bool,
) -> Element<'a, Message> {
    let paper = &*ctx.session.paper;
    let content = content_lang(ctx.now, &task.block);
    let list = task.options.iter().enumerate().map(|(i, option)| {
        let index = u8::try_from(i).unwrap_or(u8::MAX);
        let on = match answer {
            Some(Choice::One(x)) => *x == index,
            Some(Choice::Many(set)) => set.contains(&index),
            _ => false,
        };
        let mark = match (many, on) {
            (true, true) => format!("☑ {}", letter(i)),
            (true, false) => format!("☐ {}", letter(i)),
            (false, _) => letter(i).to_string(),
        };
        let body = row![
            text(mark).size(metrics::TASK).font(bold()),
            parts::rich(paper, parts::pick(option, content), metrics::TASK)
        ]
        .spacing(metrics::GAP)
        .align_y(Alignment::Center);
        let b = button(body)
            .width(Length::Fill)
            .padding(metrics::PAD)
            .style(if on { button::primary } else { style::quiet })
            .on_press(Message::Option(index));
        container(b).id(id::option(i)).into()
    });
    Column::with_children(list)
        .spacing(metrics::GAP_SMALL)
        .into()
}

fn header<'a>(ctx: &Context<'a, '_>) -> Element<'a, Message> {
    let paper = &*ctx.session.paper;
    let state = ctx.now;
    let lang = ctx.lang;
    let (current_block, _) = position(paper, usize::from(state.current));
    let tabs = paper
        .block_ranges()
        .into_iter()
        .enumerate()
        .map(|(b, range)| {
            let total = range.len();
            let answered = range
                .filter(|ix| state.answers[*ix].as_ref().is_some_and(Choice::is_answered))
                .count();
            let name = parts::block_subject(lang, paper, &paper.format.blocks[b].id);
            let label = column![
                text(name).size(metrics::SMALL).font(bold()),
                text(format!("{answered}/{total}")).size(metrics::SMALL),
            ];
            let tab = button(label)
                .padding(metrics::PAD_SMALL)
                .style(if b == current_block {
                    button::primary
                } else {
                    style::quiet
                })
                .on_press(Message::Tab(b));
            container(tab).id(id::tab(b)).into()
        });
    let remaining = state.clock.remaining_ms();
    let clock_style = if remaining <= 5 * MINUTE_MS {
        text::danger
    } else if remaining <= 15 * MINUTE_MS {
        text::warning
    } else {
        text::default
    };
    let mut timer = column![
        text(tr(lang, "testing-time-left")).size(metrics::SMALL),
        text(parts::clock(remaining))
            .size(metrics::CLOCK)
            .font(bold())
            .style(clock_style),
    ]
    .align_x(Alignment::End);
    if remaining <= 15 * MINUTE_MS {
        let minutes = remaining.div_ceil(MINUTE_MS);
        timer = timer.push(
            text(tr_args(
                lang,
                "testing-warning",
                &[("minutes", Arg::Num(i64::try_from(minutes).unwrap_or(0)))],
            ))
            .size(metrics::SMALL)
            .style(clock_style),
        );
    }
    let finish = button(
        text(parts::keyed(tr(lang, "testing-finish"), Press::Finish))
            .size(metrics::TEXT)
            .font(bold()),
    )
    .padding(metrics::PAD)
    .style(button::danger)
    .on_press(Message::FinishAsk);
    // The tabs take what is left and wrap on narrow screens; the clock and Finish never shrink.
    row![
        container(
            Row::with_children(tabs)
                .spacing(metrics::GAP_SMALL)
                .wrap()
                .vertical_spacing(metrics::GAP_SMALL)
        )
        .width(Length::Fill),
        container(timer).id(id::TIMER),
        container(finish).id(id::FINISH),
    ]
    .spacing(metrics::GAP)
    .align_y(Alignment::Center)
    .into()
}

fn navigator<'a>(ctx: &Context<'a, '_>) -> Element<'a, Message> {
    let paper = &*ctx.session.paper;
    let state = ctx.now;
    let current = usize::from(state.current);
    let (block, _) = position(paper, current);
    let range = paper.block_ranges()[block].clone();
    let start = range.start;
    let cells: Vec<Element<'a, Message>> = range
        .map(|ix| {
            let answered = state.answers[ix].as_ref().is_some_and(Choice::is_answered);
            let style = if ix == current && answered {
                style::nav_current_answered
            } else if ix == current {
                style::nav_current
            } else if state.marked[ix] {
                style::nav_marked
            } else if answered {
                style::nav_answered
            } else {
                style::nav_open
            };
            let task = TaskIx::try_from(ix).unwrap_or(0);
            parts::nav_cell(ix - start + 1, style, Message::Go(task), id::nav(task))
        })
        .collect();
    let grid = parts::nav_grid(cells);
    let lang = ctx.lang;
    let legend = column![
        legend_line(lang, "testing-legend-answered", style::nav_answered),
        legend_line(lang, "testing-legend-open", style::nav_open),
        legend_line(lang, "testing-legend-marked", style::nav_marked),
        legend_line(lang, "testing-legend-current", style::nav_current),
    ]
    .spacing(metrics::GAP_TINY);
    let tools = Tool::ALL.iter().map(|t| {
        let b = button(text(tr(lang, &format!("tool-{}", t.code()))).size(metrics::SMALL))
            .padding(metrics::PAD_SMALL)
            .style(style::quiet)
            .on_press(Message::Tool(*t));
        container(b).id(id::tool(*t)).into()
    });
    let tools = Column::with_children(tools).spacing(metrics::GAP_TINY);
    // The scrollbar sits beside the cells, never over them.
    container(
        scrollable(column![grid, legend, tools].spacing(metrics::GAP)).spacing(metrics::GAP_TINY),
    )
    .width(Length::Shrink)
    .height(Length::Fill)
    .into()
}

fn legend_line<'a>(
    lang: Lang,
    id: &str,
    look: fn(&iced::Theme, button::Status) -> button::Style,
) -> Element<'a, Message> {
    row![
        button(
            Space::new()
                .width(metrics::GAP_SMALL)
                .height(metrics::GAP_SMALL)
        )
        .style(look),
        text(tr(lang, id)).size(metrics::SMALL),
    ]
    .spacing(metrics::GAP_SMALL)
    .align_y(Alignment::Center)
    .into()
}

fn task_bar<'a>(ctx: &Context<'a, '_>) -> Element<'a, Message> {
    let lang = ctx.lang;
    let state = ctx.now;
    let current = state.current;
    let ix = usize::from(current);
    let last = ctx.session.paper.tasks.len().saturating_sub(1);
    let nav = |label: &str, id: &'static str, msg: Option<Message>| {
        container(
            button(text(tr(lang, label)).size(metrics::TEXT))
                .padding(metrics::PAD)
                .style(style::quiet)
                .on_press_maybe(msg),
        )
        .id(id)
    };
    let mark_label = if state.marked[ix] {
        "testing-unmark"
    } else {
        "testing-mark"
    };
    let answered = state.answers[ix].as_ref().is_some_and(Choice::is_answered);
    let (saved, saved_style): (String, fn(&iced::Theme) -> text::Style) =
        if ctx.session.failures() > 0 {
            (tr(lang, "testing-save-failed"), text::danger)
        } else if !answered {
            (tr(lang, "testing-no-answer"), text::default)
        } else if ctx.session.is_saved(current) {
            (tr(lang, "testing-saved"), text::success)
        } else {
            (tr(lang, "testing-saving"), text::warning)
        };
    row![
        nav("testing-prev", id::PREV, (ix > 0).then_some(Message::Prev)),
        nav(
            "testing-next",
            id::NEXT,
            (ix < last).then_some(Message::Next)
        ),
        nav(mark_label, id::MARK, Some(Message::Mark)),
        nav(
            "testing-clear",
            id::CLEAR,
            answered.then_some(Message::Clear)
        ),
        nav(
            "testing-technical",
            id::TECHNICAL,
            Some(Message::TechnicalOpen)
        ),
        Space::new().width(Length::Fill),
        container(
            text(saved)
                .size(metrics::TEXT)
                .font(bold())
                .style(saved_style)
        )
        .id(id::SAVED),
    ]
    .spacing(metrics::GAP_SMALL)
    .align_y(Alignment::Center)
    .into()
}

fn technical_editor(lang: Lang, content: &text_editor::Content) -> Element<'_, Message> {
    let editor = text_editor(content)
        .id(id::TECHNICAL_TEXT)
        .placeholder(tr(lang, "testing-technical-placeholder"))
        .size(metrics::TEXT)
        .height(Length::Fixed(metrics::EDITOR_HEIGHT))
        .on_action(Message::TechnicalEdit);
    let send = button(
        text(parts::keyed(
            tr(lang, "testing-technical-send"),
            Press::Save,
        ))
        .size(metrics::TEXT),
    )
    .padding(metrics::PAD)
    .on_press(Message::TechnicalSend);
    let written = content.text();
    container(
        column![
            text(tr(lang, "testing-technical-title"))
                .size(metrics::TEXT)
                .font(bold()),
            editor,
            parts::text_length(lang, &written),
            row![
                container(send).id(id::TECHNICAL_SEND),
                button(text(tr(lang, "testing-technical-withdraw")).size(metrics::TEXT))
                    .padding(metrics::PAD)
                    .style(style::quiet)
                    .on_press(Message::TechnicalWithdraw),
                button(
                    text(parts::keyed(tr(lang, "dialog-cancel"), Press::Escape))
                        .size(metrics::TEXT)
                )
                .padding(metrics::PAD)
                .style(style::quiet)
                .on_press(Message::TechnicalCancel),
            ]
            .spacing(metrics::GAP_SMALL)
        ]
        .spacing(metrics::GAP_SMALL),
    )
    .padding(metrics::GAP_SMALL)
    .style(style::panel)
    .into()
}

fn tool_slot<'a>(lang: Lang, tool: Tool) -> Element<'a, Message> {
    container(
        row![
            text(tr(lang, &format!("tool-{}", tool.code())))
                .size(metrics::TEXT)
                .font(bold()),
            text(tr(lang, "tool-not-here")).size(metrics::TEXT),
            Space::new().width(Length::Fill),
            button(text(tr(lang, "dialog-close")).size(metrics::TEXT))
                .padding(metrics::PAD_SMALL)
                .style(style::quiet)
                .on_press(Message::ToolClose),
        ]
        .spacing(metrics::GAP)
        .align_y(Alignment::Center),
    )
    .padding(metrics::GAP_SMALL)
    .style(style::panel)
    .into()
}

fn finish_confirmation<'a>(ctx: &Context<'a, '_>) -> Element<'a, Message> {
    let paper = &*ctx.session.paper;
    let state = ctx.now;
    let lang = ctx.lang;
    let mut lines = column![].spacing(metrics::GAP_SMALL);
    for (b, range) in paper.block_ranges().into_iter().enumerate() {
        let start = range.start;
        let open: Vec<String> = range
            .clone()
            .filter(|ix| !state.answers[*ix].as_ref().is_some_and(Choice::is_answered))
            .map(|ix| (ix - start + 1).to_string())
            .collect();
        let marked: Vec<String> = range
            .filter(|ix| state.marked[*ix])
            .map(|ix| (ix - start + 1).to_string())
            .collect();
        let name = parts::block_subject(lang, paper, &paper.format.blocks[b].id);
        let mut line = column![text(name).size(metrics::TEXT).font(bold())];
        line = line.push(text(list_line(lang, "finish-unanswered", &open)).size(metrics::TEXT));
        if !marked.is_empty() {
            line = line.push(
                text(list_line(lang, "finish-marked", &marked))
                    .size(metrics::TEXT)
                    .style(text::warning),
            );
        }
        lines = lines.push(line);
    }
    let confirm = parts::action(
        parts::keyed(tr(lang, "finish-confirm"), Press::Enter),
        button::danger,
        Some(Message::FinishConfirm),
        id::FINISH_CONFIRM,
    );
    let cancel = parts::action(
        parts::keyed(tr(lang, "finish-cancel"), Press::Escape),
        button::success,
        Some(Message::FinishCancel),
        id::FINISH_CANCEL,
    );
    // The title and the buttons stay in view; the per-subject list scrolls between them.
    let page = column![
        parts::title(tr(lang, "finish-title")),
        scrollable(lines).height(Length::Fill),
        text(tr(lang, "finish-warning")).size(metrics::TEXT),
        row![cancel, confirm].spacing(metrics::GAP),
    ]
    .spacing(metrics::GAP_SMALL)
    .max_width(metrics::READING_WIDTH);
    container(page)
        .center_x(Length::Fill)
        .height(Length::Fill)
        .into()
}

fn list_line(lang: Lang, id: &str, numbers: &[String]) -> String {
    tr_args(
        lang,
        id,
        &[
            ("count", Arg::Num(i64::try_from(numbers.len()).unwrap_or(0))),
            ("tasks", Arg::Str(&numbers.join(", "))),
        ],
    )
}
