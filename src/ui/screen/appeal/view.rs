//! How the appeal looks: the header with the deadline and "Finish appeal", the subject tabs and
//! task navigator, the task with the candidate's answer, the appeal form (ground,
//! justification, save, withdraw), and the finish confirmation.

use iced::widget::{
    Column, Row, Space, button, column, container, row, scrollable, text, text_editor,
};
use iced::{Alignment, Element, Length};

use super::{Appeal, Message, id};
use crate::exam::event::{AppealGround, TaskIx};
use crate::exam::task::Choice;
use crate::exam::{Paper, State};
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::ui::keys::{Press, letter};
use crate::ui::parts;
use crate::ui::screen::Context;
use crate::ui::theme::{self, Button, Cell, Panel, Text, bold, metrics};
use crate::ui::widget;

impl Appeal {
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
        // The count and the deadline wrap in the middle; the title and Finish keep their width.
        let middle = row![
            text(tr_args(lang, "appeal-count", &[("count", Arg::Num(count))])).size(metrics::TEXT),
            deadline,
        ]
        .spacing(metrics::GAP)
        .wrap()
        .vertical_spacing(metrics::GAP_TINY);
        let header = row![
            parts::title(tr(lang, "appeal-title")),
            container(middle).center_x(Length::Fill),
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
        // The form scrolls on a small screen; Save and Withdraw stay in view below it, and
        // wrap on narrow screens so Withdraw never falls off the edge.
        column![
            scrollable(page)
                .spacing(metrics::GAP_TINY)
                .height(Length::Fill),
            row![
                container(save).id(id::SAVE),
                container(withdraw).id(id::WITHDRAW)
            ]
            .spacing(metrics::GAP_SMALL)
            .wrap()
            .vertical_spacing(metrics::GAP_SMALL),
        ]
        .spacing(metrics::GAP_SMALL)
        .into()
    }
}
