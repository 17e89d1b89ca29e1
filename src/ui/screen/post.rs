//! After testing, the screens without state of their own: the end-of-test notice (time up or
//! finished, nothing lost), the analysis card, the decision with its auto-close countdown, the
//! appeal card with its receipt, and the thank-you screen.

use iced::widget::{Space, button, column, container, row, scrollable, text};
use iced::{Alignment, Element, Length};

use crate::exam::card::{self, AnalysisCard};
use crate::exam::clock::minutes;
use crate::exam::event::{CloseReason, FinishReason};
use crate::exam::task::Choice;
use crate::exam::{Event, Paper, State};
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::ui::keys::{Press, letter};
use crate::ui::parts;
use crate::ui::theme::{bold, metrics, style};

/// Widget ids.
pub mod id {
    /// "See my results" on the end notice.
    pub const TO_CARD: &str = "to-card";
    /// "Continue" under the analysis card.
    pub const TO_DECISION: &str = "to-decision";
    /// The total score line.
    pub const TOTAL: &str = "total";
    /// "Go to appeal".
    pub const GO_APPEAL: &str = "go-appeal";
    /// "Finish without appeal".
    pub const NO_APPEAL: &str = "no-appeal";
    /// The auto-close countdown.
    pub const COUNTDOWN: &str = "countdown";
    /// The receipt number on the appeal card.
    pub const RECEIPT: &str = "receipt";
    /// "Done" under the appeal card.
    pub const CARD_DONE: &str = "card-done";
    /// The thank-you title.
    pub const THANKS: &str = "thanks";
}

/// What the candidate pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// Open the analysis card.
    ToCard,
    /// Go on to the decision.
    ToDecision,
    /// Go to appeal.
    GoAppeal,
    /// Finish without appeal.
    NoAppeal,
    /// Leave the appeal card.
    CardDone,
}

impl Message {
    /// The event the press records.
    pub fn event(self) -> Event {
        match self {
            Message::ToCard => Event::ReviewOpened,
            Message::ToDecision => Event::DecisionOpened,
            Message::GoAppeal => Event::AppealOpened,
            Message::NoAppeal => Event::Closed {
                reason: CloseReason::NoAppeal,
            },
            Message::CardDone => Event::Closed {
                reason: CloseReason::AppealFiled,
            },
        }
    }
}

fn action<'a>(lang: Lang, label: &str, id: &'static str, msg: Message) -> Element<'a, Message> {
    let (style, key): (fn(&iced::Theme, button::Status) -> button::Style, Press) = match msg {
        Message::GoAppeal => (style::quiet, Press::Option(0)),
        Message::NoAppeal => (button::primary, Press::Option(1)),
        _ => (button::primary, Press::Enter),
    };
    parts::action(parts::keyed(tr(lang, label), key), style, Some(msg), id)
}

fn countdown<'a>(lang: Lang, label: &str, ms: u64) -> Element<'a, Message> {
    container(
        text(tr_args(
            lang,
            label,
            &[("time", Arg::Str(&parts::clock(ms)))],
        ))
        .size(metrics::TEXT),
    )
    .id(id::COUNTDOWN)
    .into()
}

/// The end-of-test notice.
pub fn finished<'a>(lang: Lang, now: &State) -> Element<'a, Message> {
    let body = if now.finish == Some(FinishReason::TimeUp) {
        "finished-time-up"
    } else {
        "finished-body"
    };
    parts::centered(column![
        parts::title(tr(lang, "finished-title")),
        text(tr(lang, body)).size(metrics::TEXT),
        text(tr_args(
            lang,
            "finished-answered",
            &[(
                "count",
                Arg::Num(i64::try_from(now.answered_count()).unwrap_or(0))
            )]
        ))
        .size(metrics::TEXT),
        action(lang, "finished-to-card", id::TO_CARD, Message::ToCard),
    ])
}

/// A choice as the card shows it: `B`, `A, C`, `1–B, 2–A, 3–·`; none as a dash.
pub fn answer_text(choice: Option<&Choice>) -> String {
    match choice {
        None => "—".to_owned(),
        Some(Choice::One(i)) => letter(usize::from(*i)).to_string(),
        Some(Choice::Many(set)) => set
            .iter()
            .map(|i| letter(usize::from(*i)).to_string())
            .collect::<Vec<_>>()
            .join(", "),
        Some(Choice::Pairs(pairs)) => pairs
            .iter()
            .enumerate()
            .map(|(n, p)| {
                let right = p.map_or('·', |i| letter(usize::from(i)));
                format!("{}–{right}", n + 1)
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The analysis card, with the countdown to the decision.
pub fn review<'a>(lang: Lang, paper: &Paper, now: &State) -> Element<'a, Message> {
    let card = card::build(paper, now);
    let left = minutes(paper.format.post.review_minutes).saturating_sub(now.clock.post_ms);
    let page = column![
        parts::title(tr(lang, "review-title")),
        summary(lang, paper, &card),
        scrollable(rows(lang, paper, &card)).height(Length::Fill),
        row![
            countdown(lang, "review-countdown", left),
            Space::new().width(Length::Fill),
            action(
                lang,
                "review-continue",
                id::TO_DECISION,
                Message::ToDecision
            ),
        ]
        .align_y(Alignment::Center),
    ]
    .spacing(metrics::GAP_SMALL);
    container(page).padding(metrics::EDGE).into()
}

fn summary<'a>(lang: Lang, paper: &Paper, card: &AnalysisCard) -> Element<'a, Message> {
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
                .style(if b.met { text::success } else { text::danger }),
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
            .style(if m.met { text::success } else { text::default }),
        );
    }
    let _ = paper;
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
                text(answer_text(r.answer.as_ref()))
                    .size(metrics::SMALL)
                    .width(metrics::CARD_WIDE),
                text(format!("{}/{}", r.points, r.max))
                    .size(metrics::SMALL)
                    .width(metrics::CARD_COL)
                    .style(if r.points > 0 {
                        text::success
                    } else {
                        text::default
                    }),
            ]);
        }
        all = all.push(
            container(grid)
                .padding(metrics::GAP_SMALL)
                .style(style::panel),
        );
    }
    all.wrap().vertical_spacing(metrics::GAP).into()
}

/// The decision: appeal or finish, with the auto-close countdown.
pub fn decision<'a>(lang: Lang, paper: &Paper, now: &State) -> Element<'a, Message> {
    let post = paper.format.post;
    let close = (now.clock.decision_at_ms + minutes(post.decision_minutes))
        .saturating_sub(now.clock.post_ms);
    let appeal_left = minutes(post.appeal_deadline_minutes).saturating_sub(now.clock.post_ms);
    let mut page = column![
        parts::title(tr(lang, "decision-title")),
        text(tr(lang, "decision-body")).size(metrics::TEXT),
    ];
    if appeal_left > 0 {
        page = page.push(
            text(tr_args(
                lang,
                "decision-appeal-left",
                &[("time", Arg::Str(&parts::clock(appeal_left)))],
            ))
            .size(metrics::TEXT),
        );
    }
    let mut buttons = row![].spacing(metrics::GAP);
    if appeal_left > 0 {
        buttons = buttons.push(action(
            lang,
            "decision-appeal",
            id::GO_APPEAL,
            Message::GoAppeal,
        ));
    }
    buttons = buttons.push(action(
        lang,
        "decision-finish",
        id::NO_APPEAL,
        Message::NoAppeal,
    ));
    parts::centered(
        page.push(buttons)
            .push(countdown(lang, "decision-countdown", close)),
    )
}

/// The appeal card: appealed tasks, answers, grounds, justifications and the receipt.
pub fn appeal_card<'a>(lang: Lang, paper: &Paper, now: &State) -> Element<'a, Message> {
    let post = paper.format.post;
    let close =
        (now.clock.card_at_ms + minutes(post.card_minutes)).saturating_sub(now.clock.post_ms);
    let receipt = now.receipt.clone().unwrap_or_default();
    let mut list = column![].spacing(metrics::GAP_SMALL);
    if now.appeals.is_empty() {
        list = list.push(text(tr(lang, "appeal-card-none")).size(metrics::TEXT));
    }
    for (task, note) in &now.appeals {
        let ix = usize::from(*task);
        let (block, number) = super::testing::position(paper, ix);
        let subject = parts::block_subject(lang, paper, &paper.format.blocks[block].id);
        list = list.push(
            container(
                column![
                    text(format!("{subject} · {}", parts::task_label(lang, number)))
                        .size(metrics::TEXT)
                        .font(bold()),
                    text(tr_args(
                        lang,
                        "appeal-card-answer",
                        &[("answer", Arg::Str(&answer_text(now.answers[ix].as_ref())))]
                    ))
                    .size(metrics::SMALL),
                    text(super::appeal::ground_name(lang, note.ground)).size(metrics::SMALL),
                    text(note.text.clone()).size(metrics::SMALL),
                ]
                .spacing(metrics::GAP_TINY),
            )
            .padding(metrics::GAP_SMALL)
            .style(style::panel)
            .width(Length::Fill),
        );
    }
    let page = column![
        parts::title(tr(lang, "appeal-card-title")),
        container(
            text(tr_args(
                lang,
                "appeal-card-receipt",
                &[("receipt", Arg::Str(&receipt))]
            ))
            .size(metrics::TITLE)
            .font(bold())
        )
        .id(id::RECEIPT),
        scrollable(list).height(Length::Fill),
        row![
            countdown(lang, "appeal-card-countdown", close),
            Space::new().width(Length::Fill),
            action(lang, "appeal-card-done", id::CARD_DONE, Message::CardDone),
        ]
        .align_y(Alignment::Center),
    ]
    .spacing(metrics::GAP_SMALL);
    container(page).padding(metrics::EDGE).into()
}

/// The thank-you screen.
pub fn closed<'a>(lang: Lang, saved: bool) -> Element<'a, Message> {
    let status = if saved {
        "closed-saved"
    } else {
        "closed-saving"
    };
    parts::centered(column![
        container(parts::title(tr(lang, "closed-title"))).id(id::THANKS),
        text(tr(lang, "closed-body")).size(metrics::TEXT),
        text(tr(lang, status)).size(metrics::TEXT),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_read_as_letters() {
        assert_eq!(answer_text(None), "—");
        assert_eq!(answer_text(Some(&Choice::One(1))), "B");
        assert_eq!(answer_text(Some(&Choice::Many(vec![0, 2]))), "A, C");
        assert_eq!(
            answer_text(Some(&Choice::Pairs(vec![Some(1), None]))),
            "1–B, 2–·"
        );
    }
}
