//! How the testing screen looks: the header (subject tabs, timer, Finish), the navigator, the
//! toolbar (`tools`), the task in its kind's layout with each option's strike-out toggle, the
//! task bar with the saved indicator, and the dialogs (technical appeal, finish confirmation).

use iced::widget::{
    Column, Row, Space, button, column, container, rich_text, row, scrollable, span, text,
    text_editor,
};
use iced::{Alignment, Element, Length};

mod tools;

use tools::{timer, toolbar};

use super::{Message, Shown, Testing, id};
use crate::exam::event::{TaskIx, ZOOM_MIN};
use crate::exam::spec::TaskKind;
use crate::exam::task::{Choice, Lang};
use crate::i18n::{Arg, tr, tr_args};
use crate::ui::keys::{Press, letter};
use crate::ui::parts;
use crate::ui::screen::Context;
use crate::ui::theme::{self, Button, Cell, Panel, bold, metrics};
use crate::ui::tool::Tool;
use crate::ui::widget;
use crate::ui::widget::saved::Saved;

impl Testing {
    /// The testing screen.
    pub fn view<'a>(&'a self, ctx: &Context<'a>) -> Element<'a, Message> {
        let (Some(session), Some(now)) = (ctx.session, ctx.state) else {
            return Space::new().width(Length::Fill).into();
        };
        let ctx = &Shown {
            lang: ctx.lang,
            session,
            now,
            at: ctx.now,
            scale: ctx.config.time_scale,
        };
        let body: Element<'a, Message> = if self.confirm_finish {
            finish_confirmation(ctx)
        } else if let Some(tool @ (Tool::Periodic | Tool::Solubility)) = now.tool {
            // The tables take the whole page below the header; the task waits where it was.
            column![toolbar(ctx), self.table_panel(ctx, tool)]
                .spacing(metrics::GAP_SMALL)
                .into()
        } else {
            // The calculator takes the navigator's place, in a column of the same width, so the
            // task stays where it is and all the keys fit a 720-line screen; the arrows and
            // Previous/Next still move.
            let left = if now.tool == Some(Tool::Calculator) {
                self.calculator_panel(ctx)
            } else {
                navigator(ctx)
            };
            row![
                widget::layer(left),
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

    fn task_view<'a>(&'a self, ctx: &Shown<'a>) -> Element<'a, Message> {
        let paper = &*ctx.session.paper;
        let state = ctx.now;
        let ix = usize::from(state.current);
        let Some(task) = paper.tasks.get(ix) else {
            return Space::new().into();
        };
        let lang = ctx.lang;
        let content = state.content_lang(&task.block);
        let (block_ix, number) = paper.position(ix);
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
            widget::rich(
                paper,
                parts::pick(&task.stem, content),
                ctx.size(metrics::TASK)
            ),
        ]
        .spacing(metrics::GAP_SMALL);
        let answer = state.answers[ix].as_ref();
        question = question.push(match task.kind {
            TaskKind::Single | TaskKind::Context => options(ctx, task, answer, false),
            TaskKind::Multiple => column![
                text(tr(lang, "testing-choose-many"))
                    .size(ctx.size(metrics::TEXT))
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
                    container(widget::rich(
                        paper,
                        parts::pick(&group.stimulus, content),
                        ctx.size(metrics::TEXT)
                    ))
                    .padding(metrics::GAP_SMALL)
                ))
                .style(theme::panel(Panel::Plain))
                .width(Length::FillPortion(1))
                .height(Length::Fill),
                container(question).width(Length::FillPortion(1)),
            ]
            .spacing(metrics::GAP)
            .into(),
            None => question.into(),
        };
        let main = if state.view.line_reader {
            self.line_reader(main)
        } else {
            main
        };
        // Dialogs sit above the task bar, always in view, whatever the task's length.
        let mut page = column![toolbar(ctx), main].spacing(metrics::GAP_SMALL);
        if let Some(content) = &self.technical {
            page = page.push(technical_editor(lang, content));
        }
        page.push(task_bar(ctx)).into()
    }

    fn matching<'a>(
        &self,
        ctx: &Shown<'a>,
        task: &'a crate::exam::task::Task,
        answer: Option<&Choice>,
    ) -> Element<'a, Message> {
        let paper = &*ctx.session.paper;
        let content = ctx.now.content_lang(&task.block);
        let pairs: &[Option<u8>] = match answer {
            Some(Choice::Pairs(p)) => p,
            _ => &[],
        };
        let mut right = column![].spacing(metrics::GAP_SMALL);
        for (j, option) in task.options.iter().enumerate() {
            right = right.push(
                row![
                    text(format!("{}.", letter(j)))
                        .size(ctx.size(metrics::TASK))
                        .font(bold()),
                    widget::rich(paper, parts::pick(option, content), ctx.size(metrics::TASK))
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
                let cell = button(
                    text(letter(j).to_string())
                        .size(ctx.size(metrics::TEXT))
                        .font(bold()),
                )
                .padding(metrics::PAD_SMALL)
                .style(theme::button(Button::Choice { selected: on }))
                .on_press(Message::Pair(
                    u8::try_from(i).unwrap_or(0),
                    u8::try_from(j).unwrap_or(0),
                ));
                container(cell).id(id::pair(i, j)).into()
            });
            let selected = usize::from(self.row) == i;
            let item_text = row![
                text(format!("{}.", i + 1))
                    .size(ctx.size(metrics::TASK))
                    .font(bold()),
                widget::rich(paper, parts::pick(item, content), ctx.size(metrics::TASK)),
            ]
            .spacing(metrics::GAP_SMALL);
            let cells = Row::with_children(cells).spacing(metrics::GAP_TINY);
            // At the usual size the letters stand beside the item, so three rows fit a small
            // screen; enlarged text gets the row's whole width and the letters go below.
            let item: Element<'a, Message> = if ctx.now.view.zoom > ZOOM_MIN {
                column![item_text, cells].spacing(metrics::GAP_SMALL).into()
            } else {
                row![item_text.width(Length::Fill), cells]
                    .spacing(metrics::GAP_SMALL)
                    .align_y(Alignment::Center)
                    .into()
            };
            left = left.push(
                container(item)
                    .padding(metrics::GAP_SMALL)
                    .style(theme::panel(Panel::selected(selected))),
            );
        }
        row![
            left.width(Length::FillPortion(3)),
            right.width(Length::FillPortion(2))
        ]
        .spacing(metrics::GAP)
        .into()
    }
}

fn options<'a>(
    ctx: &Shown<'a>,
    task: &'a crate::exam::task::Task,
    answer: Option<&Choice>,
    many: bool,
) -> Element<'a, Message> {
    let paper = &*ctx.session.paper;
    let content = ctx.now.content_lang(&task.block);
    let struck = ctx.now.struck.get(&ctx.now.current);
    let size = ctx.size(metrics::TASK);
    let list = task.options.iter().enumerate().map(|(i, option)| {
        let index = u8::try_from(i).unwrap_or(u8::MAX);
        let on = match answer {
            Some(Choice::One(x)) => *x == index,
            Some(Choice::Many(set)) => set.contains(&index),
            _ => false,
        };
        let out = struck.is_some_and(|s| s.contains(&index));
        let mark = match (many, on) {
            (true, true) => format!("☑ {}", letter(i)),
            (true, false) => format!("☐ {}", letter(i)),
            (false, _) => letter(i).to_string(),
        };
        let words = parts::pick(option, content);
        let body = row![
            text(mark).size(size).font(bold()),
            if out {
                widget::rich_struck(paper, words, size)
            } else {
                widget::rich(paper, words, size)
            }
        ]
        .spacing(metrics::GAP)
        .align_y(Alignment::Center);
        let look = if out {
            Button::Struck
        } else {
            Button::Choice { selected: on }
        };
        let b = button(body)
            .width(Length::Fill)
            .padding(metrics::PAD_SMALL)
            .style(theme::button(look))
            .on_press(Message::Option(index));
        // The eliminator beside each option: the letter struck through, or plain to take the
        // stroke back.
        let toggle = button(
            rich_text([span::<(), _>(letter(i).to_string())
                .font(bold())
                .strikethrough(!out)])
            .size(metrics::SMALL),
        )
        .padding(metrics::PAD_SMALL)
        .style(theme::button(Button::Quiet))
        .on_press(Message::Strike(index));
        row![
            container(b).id(id::option(i)).width(Length::Fill),
            container(toggle).id(id::strike(i)),
        ]
        .spacing(metrics::GAP_TINY)
        .align_y(Alignment::Center)
        .into()
    });
    Column::with_children(list)
        .spacing(metrics::GAP_SMALL)
        .into()
}

fn header<'a>(ctx: &Shown<'a>) -> Element<'a, Message> {
    let paper = &*ctx.session.paper;
    let state = ctx.now;
    let lang = ctx.lang;
    let (current_block, _) = paper.position(usize::from(state.current));
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
            // One line: the name and how many are answered.
            let label = row![
                text(name).size(metrics::SMALL).font(bold()),
                text(format!("{answered}/{total}")).size(metrics::SMALL),
            ]
            .spacing(metrics::GAP_SMALL);
            let tab = button(label)
                .padding(metrics::PAD_SMALL)
                .style(theme::button(Button::Choice {
                    selected: b == current_block,
                }))
                .on_press(Message::Tab(b));
            container(tab).id(id::tab(b)).into()
        });
    let finish = button(
        text(parts::keyed(tr(lang, "testing-finish"), Press::Finish))
            .size(metrics::TEXT)
            .font(bold()),
    )
    .padding(metrics::PAD)
    .style(theme::button(Button::Danger))
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
        timer(ctx),
        container(finish).id(id::FINISH),
    ]
    .spacing(metrics::GAP)
    .align_y(Alignment::Center)
    .into()
}

fn navigator<'a>(ctx: &Shown<'a>) -> Element<'a, Message> {
    let paper = &*ctx.session.paper;
    let state = ctx.now;
    let current = usize::from(state.current);
    let (block, _) = paper.position(current);
    let range = paper.block_ranges()[block].clone();
    let start = range.start;
    let cells: Vec<Element<'a, Message>> = range
        .map(|ix| {
            let style = Cell::of(ix == current, state.marked[ix], state.is_answered(ix));
            let task = TaskIx::try_from(ix).unwrap_or(0);
            widget::nav_cell(ix - start + 1, style, Message::Go(task), id::nav(task))
        })
        .collect();
    let grid = widget::nav_grid(cells);
    let lang = ctx.lang;
    let legend = widget::legend(lang);
    // The scrollbar sits beside the cells, never over them.
    tools::side_panel(column![grid, legend].spacing(metrics::GAP).into()).into()
}

fn task_bar<'a>(ctx: &Shown<'a>) -> Element<'a, Message> {
    let lang = ctx.lang;
    let state = ctx.now;
    let current = state.current;
    let ix = usize::from(current);
    let last = ctx.session.paper.tasks.len().saturating_sub(1);
    let nav = |label: &str, id: &'static str, msg: Option<Message>| {
        container(
            button(text(tr(lang, label)).size(metrics::SMALL))
                .padding(metrics::PAD_SMALL)
                .style(theme::button(Button::Quiet))
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
    let saved = if ctx.session.failures() > 0 {
        Saved::Failing
    } else if !answered {
        Saved::Nothing
    } else if ctx.session.is_saved(current) {
        Saved::Saved
    } else {
        Saved::Saving
    };
    let buttons = Row::with_children(
        [
            nav("testing-prev", id::PREV, (ix > 0).then_some(Message::Prev)),
            nav(
                "testing-next",
                id::NEXT,
                (ix < last).then_some(Message::Next),
            ),
            nav(mark_label, id::MARK, Some(Message::Mark)),
            nav(
                "testing-clear",
                id::CLEAR,
                answered.then_some(Message::Clear),
            ),
            nav(
                "testing-technical",
                id::TECHNICAL,
                Some(Message::TechnicalOpen),
            ),
        ]
        .map(Element::from),
    )
    .spacing(metrics::GAP_SMALL)
    .wrap()
    .vertical_spacing(metrics::GAP_TINY);
    // The buttons wrap on narrow screens; the saved indicator keeps its one line.
    row![
        container(buttons).width(Length::Fill),
        widget::saved(lang, saved, id::SAVED),
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
                    .style(theme::button(Button::Quiet))
                    .on_press(Message::TechnicalWithdraw),
                button(
                    text(parts::keyed(tr(lang, "dialog-cancel"), Press::Escape))
                        .size(metrics::TEXT)
                )
                .padding(metrics::PAD)
                .style(theme::button(Button::Quiet))
                .on_press(Message::TechnicalCancel),
            ]
            .spacing(metrics::GAP_SMALL)
        ]
        .spacing(metrics::GAP_SMALL),
    )
    .padding(metrics::GAP_SMALL)
    .style(theme::panel(Panel::Plain))
    .into()
}

fn finish_confirmation<'a>(ctx: &Shown<'a>) -> Element<'a, Message> {
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
        Button::Danger,
        Some(Message::FinishConfirm),
        id::FINISH_CONFIRM,
    );
    let cancel = parts::action(
        parts::keyed(tr(lang, "finish-cancel"), Press::Escape),
        Button::Success,
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
