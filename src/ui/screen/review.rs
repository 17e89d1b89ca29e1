//! The analysis card: the total, each subject's points against its minimum, the pass marks, and
//! every task's answer and points per block, with the countdown to the decision.

use iced::widget::{Space, column, container, row, scrollable, text};
use iced::{Alignment, Element, Length};

use super::{Action, Context};
use crate::exam::Event;
use crate::exam::Paper;
use crate::exam::card::{self, AnalysisCard};
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::ui::keys::Press;
use crate::ui::parts;
use crate::ui::theme::{self, Button, Panel, Text, bold, metrics};
use crate::ui::widget;

/// Widget ids.
pub mod id {
    /// "Continue" under the analysis card.
    pub const TO_DECISION: &str = "to-decision";
    /// The total score line.
    pub const TOTAL: &str = "total";
    /// Testing time used, lost and given back.
    pub const TIME: &str = "card-time";
    /// The countdown to the decision.
    pub const COUNTDOWN: &str = crate::ui::widget::COUNTDOWN;
}

/// The analysis card (no state of its own: it is built from the exam state).
#[derive(Debug, Default)]
pub struct Review;

/// What the candidate pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// Go on to the decision.
    ToDecision,
}

impl Review {
    /// Handles a message.
    pub fn update(&mut self, message: Message, _ctx: &Context<'_>) -> Action {
        match message {
            Message::ToDecision => Action::record(Event::DecisionOpened),
        }
    }

    /// The message a key of the key set stands for here.
    pub fn key(&self, press: Press) -> Option<Message> {
        (press == Press::Enter).then_some(Message::ToDecision)
    }

    /// The card, with the countdown to the decision.
    pub fn view<'a>(&self, ctx: &Context<'a>) -> Element<'a, Message> {
        let Some((paper, now)) = ctx.exam() else {
            return Space::new().width(Length::Fill).into();
        };
        let lang = ctx.lang;
        let card = card::build(paper, now);
        let left = now.until_boundary(paper).unwrap_or(0);
        let page = column![
            parts::title(tr(lang, "review-title")),
            summary(lang, &card),
            container(text(time_line(lang, now)).size(metrics::SMALL)).id(id::TIME),
            scrollable(rows(lang, paper, &card)).height(Length::Fill),
            row![
                widget::countdown(lang, "review-countdown", left),
                Space::new().width(Length::Fill),
                parts::action(
                    parts::keyed(tr(lang, "review-continue"), Press::Enter),
                    Button::Primary,
                    Some(Message::ToDecision),
                    id::TO_DECISION,
                ),
            ]
            .align_y(Alignment::Center),
        ]
        .spacing(metrics::GAP_SMALL);
        container(page).padding(metrics::EDGE).into()
    }
}

/// Testing time used, and the time lost and given back when there was any.
fn time_line(lang: Lang, state: &crate::exam::State) -> String {
    let used = widget::duration(state.clock.used_ms);
    let ledger = &state.ledger;
    if ledger.lost_ms() == 0 {
        return tr_args(lang, "review-time-used", &[("used", Arg::Str(&used))]);
    }
    tr_args(
        lang,
        "review-time-lost",
        &[
            ("used", Arg::Str(&used)),
            ("lost", Arg::Str(&widget::duration(ledger.lost_ms()))),
            ("given", Arg::Str(&widget::duration(ledger.given_back_ms))),
        ],
    )
}

fn summary<'a>(lang: Lang, card: &AnalysisCard) -> Element<'a, Message> {
    let total = tr_args(
        lang,
        "review-total",
        &[
            ("points", Arg::Num(i64::from(card.total))),
            ("max", Arg::Num(i64::from(card.max))),
        ],
    );
    let mut blocks = row![].spacing(metrics::GAP);
    for b in &card.blocks {
        let mut line = column![
            text(parts::subject(lang, &b.subject))
                .size(metrics::SMALL)
                .font(bold()),
            text(format!("{}/{}", b.points, b.max)).size(metrics::TEXT),
        ];
        if b.minimum > 0 {
            let id = if b.met {
                "review-minimum-met"
            } else {
                "review-minimum-missed"
            };
            line = line.push(
                text(tr_args(
                    lang,
                    id,
                    &[("minimum", Arg::Num(i64::from(b.minimum)))],
                ))
                .size(metrics::SMALL)
                .style(theme::text(Text::verdict(b.met))),
            );
        }
        blocks = blocks.push(line);
    }
    let mut marks = row![].spacing(metrics::GAP);
    for m in &card.pass_marks {
        let id = if m.met {
            "review-pass-met"
        } else {
            "review-pass-missed"
        };
        marks = marks.push(
            text(tr_args(
                lang,
                id,
                &[
                    ("mark", Arg::Str(&parts::pass_mark(lang, &m.id))),
                    ("points", Arg::Num(i64::from(m.points))),
                ],
            ))
            .size(metrics::SMALL)
            .style(theme::text(Text::good_if(m.met))),
        );
    }
    column![
        container(text(total).size(metrics::TITLE).font(bold())).id(id::TOTAL),
        blocks,
        marks.wrap(),
    ]
    .spacing(metrics::GAP_SMALL)
    .into()
}

fn rows<'a>(lang: Lang, paper: &Paper, card: &AnalysisCard) -> Element<'a, Message> {
    // One panel per block, side by side, wrapping on narrow screens; the whole scrolls.
    let mut all = row![].spacing(metrics::GAP);
    for b in &card.blocks {
        let mut grid = column![
            text(parts::block_subject(lang, paper, &b.block))
                .size(metrics::TEXT)
                .font(bold()),
            row![
                text(tr(lang, "review-col-task"))
                    .size(metrics::SMALL)
                    .width(metrics::CARD_COL),
                text(tr(lang, "review-col-answer"))
                    .size(metrics::SMALL)
                    .width(metrics::CARD_WIDE),
                text(tr(lang, "review-col-points"))
                    .size(metrics::SMALL)
                    .width(metrics::CARD_COL),
            ],
        ]
        .spacing(metrics::GAP_TINY);
        for r in &b.rows {
            grid = grid.push(row![
                text(r.number.to_string())
                    .size(metrics::SMALL)
                    .width(metrics::CARD_COL),
                text(parts::answer_text(r.answer.as_ref()))
                    .size(metrics::SMALL)
                    .width(metrics::CARD_WIDE),
                text(format!("{}/{}", r.points, r.max))
                    .size(metrics::SMALL)
                    .width(metrics::CARD_COL)
                    .style(theme::text(Text::good_if(r.points > 0))),
            ]);
        }
        all = all.push(
            container(grid)
                .padding(metrics::GAP_SMALL)
                .style(theme::panel(Panel::Plain)),
        );
    }
    all.wrap().vertical_spacing(metrics::GAP).into()
}
