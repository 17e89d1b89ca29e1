//! The admin screen's view: the actions on the left (reason, minutes, one button per action the
//! exam core takes now), and on the right the way back or the confirmation, then what the
//! proctor reads before acting: the ledger, the incident log, the center and the station's
//! health.

use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length};

use super::{Act, Admin, Confirm, Message, Problem, id};
use crate::exam::event::{By, HoldCause, Incident, Verdict};
use crate::exam::ledger::{Cause, Loss};
use crate::exam::state::Logged;
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::ui::keys::Press;
use crate::ui::parts;
use crate::ui::screen::Context;
use crate::ui::theme::{self, Button, Panel, bold, metrics};
use crate::ui::widget;

/// The page.
pub(super) fn page<'a>(admin: &'a Admin, ctx: &Context<'a>) -> Element<'a, Message> {
    let lang = ctx.lang;
    let by = match admin.by {
        By::Pin => "admin-by-pin",
        By::Code => "admin-by-code",
    };
    let station = tr_args(
        lang,
        "lock-station",
        &[
            ("station", Arg::Str(&ctx.config.station)),
            ("seat", Arg::Str(&ctx.config.seat)),
        ],
    );
    let mut left = column![
        parts::title(tr(lang, "admin-title")),
        text(station).size(metrics::TEXT),
        text(tr(lang, by)).size(metrics::SMALL),
    ]
    .spacing(metrics::GAP_SMALL)
    .width(Length::Fixed(metrics::FORM_WIDTH));
    // The way back (or the confirmation) heads the right column, always in view however long
    // the actions and a refusal make the left one on a small screen.
    let mut right = column![way_out(admin, ctx)].spacing(metrics::GAP_SMALL);
    match ctx.exam() {
        Some((paper, state)) => {
            left = left.push(session_line(lang, state));
            if admin.confirm.is_none() {
                left = left.push(actions(admin, lang, paper, state));
            }
            right = right.push(ledger(lang, &state.ledger.losses, state));
            right = right.push(incidents(lang, &state.incidents));
        }
        None if admin.confirm.is_none() => {
            left = left.push(day(lang));
            if ctx.config.center.is_some() {
                left = left.push(claim(admin, lang));
            }
        }
        None => {}
    }
    if let Some(problem) = &admin.problem {
        left = left.push(
            container(
                text(said(lang, problem))
                    .size(metrics::TEXT)
                    .style(text::danger),
            )
            .id(id::PROBLEM),
        );
    }
    right = right.push(panel(
        tr(lang, "admin-center"),
        crate::ui::screen::locked::sync_lines(lang, ctx.config.center.is_some(), ctx.sync)
            .into_iter()
            .map(|(line, _)| line)
            .collect(),
    ));
    right = right.push(panel(tr(lang, "admin-health"), health(lang, ctx)));
    container(row![left, scrollable(right).width(Length::Fill)].spacing(metrics::GAP))
        .padding(metrics::EDGE)
        .into()
}

fn session_line<'a>(lang: Lang, state: &crate::exam::State) -> Element<'a, Message> {
    let name = state.candidate.as_ref().map_or("", |c| c.name.as_str());
    let phase = tr(lang, &format!("phase-{}", state.phase.name()));
    text(tr_args(
        lang,
        "admin-session",
        &[
            ("name", Arg::Str(name)),
            ("phase", Arg::Str(&phase)),
            ("time", Arg::Str(&widget::clock(state.clock.remaining_ms()))),
        ],
    ))
    .size(metrics::TEXT)
    .font(bold())
    .into()
}

fn actions<'a>(
    admin: &'a Admin,
    lang: Lang,
    paper: &crate::exam::Paper,
    state: &crate::exam::State,
) -> Element<'a, Message> {
    let reason = text_input(&tr(lang, "admin-reason-hint"), &admin.reason)
        .id(id::REASON)
        .size(metrics::TEXT)
        .padding(metrics::PAD_SMALL)
        .on_input(Message::ReasonChanged);
    let minutes = text_input(&tr(lang, "admin-minutes-hint"), &admin.minutes)
        .id(id::MINUTES)
        .size(metrics::TEXT)
        .padding(metrics::PAD_SMALL)
        .width(Length::Fixed(metrics::NAV_WIDTH))
        .on_input(Message::MinutesChanged);
    let mut grid = column![].spacing(metrics::GAP_TINY);
    for (n, pair) in Act::ALL.chunks(2).enumerate() {
        let mut line = row![].spacing(metrics::GAP_TINY);
        for (k, act) in pair.iter().enumerate() {
            let key = u8::try_from(n * 2 + k).unwrap_or(0);
            let offered = Admin::offered(*act, paper, state);
            line = line.push(act_button(lang, *act, key, offered, state));
        }
        grid = grid.push(line);
    }
    column![
        text(tr(lang, "admin-reason")).size(metrics::SMALL),
        reason,
        row![
            text(tr(lang, "admin-minutes")).size(metrics::SMALL),
            minutes
        ]
        .spacing(metrics::GAP_SMALL)
        .align_y(Alignment::Center),
        grid,
    ]
    .spacing(metrics::GAP_TINY)
    .into()
}

fn act_button<'a>(
    lang: Lang,
    act: Act,
    key: u8,
    offered: bool,
    state: &crate::exam::State,
) -> Element<'a, Message> {
    let on = |yes: bool| tr(lang, if yes { "admin-on" } else { "admin-off" });
    let label = match act {
        Act::GiveBack => tr_args(
            lang,
            "admin-act-give-back",
            &[("time", Arg::Str(&widget::duration(state.ledger.due_ms())))],
        ),
        Act::Zoom => tr_args(
            lang,
            "admin-act-zoom",
            &[("state", Arg::Str(&on(state.accommodations.zoom)))],
        ),
        Act::Contrast => tr_args(
            lang,
            "admin-act-contrast",
            &[("state", Arg::Str(&on(state.accommodations.high_contrast)))],
        ),
        _ => tr(lang, &format!("admin-act-{}", act.name())),
    };
    let look = if matches!(act, Act::EndTest | Act::EndViolation) {
        Button::Danger
    } else {
        Button::Quiet
    };
    container(
        button(text(format!("{}  {label}", (key + 1) % 10)).size(metrics::SMALL))
            .padding(metrics::PAD_SMALL)
            .width(Length::Fixed(metrics::FORM_WIDTH / 2.0 - metrics::GAP_TINY))
            .style(theme::button(look))
            .on_press_maybe(offered.then_some(Message::Act(act))),
    )
    .id(id::act(act))
    .into()
}

/// Without a session: the next candidate, or the end of the day.
fn day<'a>(lang: Lang) -> Element<'a, Message> {
    column![
        parts::action(
            tr(lang, "admin-next"),
            Button::Primary,
            Some(Message::Next),
            id::NEXT,
        ),
        parts::action(
            tr(lang, "admin-close-day"),
            Button::Danger,
            Some(Message::CloseDay),
            id::CLOSE_DAY,
        ),
    ]
    .spacing(metrics::GAP_SMALL)
    .into()
}

/// Without a session, at a station with a center: take over the session of a candidate whose
/// station died (a seat swap), by their ticket, with a reason.
fn claim(admin: &Admin, lang: Lang) -> Element<'_, Message> {
    let ticket = text_input(&tr(lang, "admin-claim-ticket-hint"), &admin.ticket)
        .id(id::TICKET)
        .size(metrics::TEXT)
        .padding(metrics::PAD_SMALL)
        .on_input(Message::TicketChanged);
    let reason = text_input(&tr(lang, "admin-reason-hint"), &admin.reason)
        .id(id::REASON)
        .size(metrics::TEXT)
        .padding(metrics::PAD_SMALL)
        .on_input(Message::ReasonChanged)
        .on_submit(Message::Claim);
    let label = if admin.claiming {
        "admin-claim-asking"
    } else {
        "admin-claim"
    };
    column![
        text(tr(lang, "admin-claim-title"))
            .size(metrics::TEXT)
            .font(bold()),
        text(tr(lang, "admin-claim-ticket")).size(metrics::SMALL),
        ticket,
        text(tr(lang, "admin-reason")).size(metrics::SMALL),
        reason,
        parts::action(
            tr(lang, label),
            Button::Primary,
            (!admin.claiming).then_some(Message::Claim),
            id::CLAIM,
        ),
    ]
    .spacing(metrics::GAP_TINY)
    .into()
}

/// The confirmation, or the way back to the test (with the ruling the hold asks for).
fn way_out<'a>(admin: &'a Admin, ctx: &Context<'a>) -> Element<'a, Message> {
    let lang = ctx.lang;
    if let Some(confirm) = admin.confirm {
        let question = match confirm {
            Confirm::Act(act) => format!("admin-confirm-{}", act.name()),
            Confirm::CloseDay => "admin-confirm-close-day".to_owned(),
        };
        return container(
            column![
                text(tr(lang, &question)).size(metrics::TEXT).font(bold()),
                row![
                    parts::action(
                        parts::keyed(tr(lang, "admin-yes"), Press::Enter),
                        Button::Danger,
                        Some(Message::Confirmed),
                        id::CONFIRM,
                    ),
                    parts::action(
                        parts::keyed(tr(lang, "admin-no"), Press::Escape),
                        Button::Quiet,
                        Some(Message::Cancelled),
                        id::CANCEL,
                    ),
                ]
                .spacing(metrics::GAP_SMALL),
            ]
            .spacing(metrics::GAP_SMALL),
        )
        .padding(metrics::GAP_SMALL)
        .style(theme::panel(Panel::Selected))
        .into();
    }
    if ctx.session.is_none() {
        return parts::action(
            tr(lang, "admin-lock"),
            Button::Quiet,
            Some(Message::Back(Verdict::Technical)),
            id::BACK,
        );
    }
    if Admin::asks_ruling(ctx.state) {
        return column![
            parts::action(
                parts::keyed(tr(lang, "admin-back-technical"), Press::Enter),
                Button::Success,
                Some(Message::Back(Verdict::Technical)),
                id::BACK,
            ),
            parts::action(
                tr(lang, "admin-back-candidate"),
                Button::Quiet,
                Some(Message::Back(Verdict::Candidate)),
                id::BACK_CANDIDATE,
            ),
        ]
        .spacing(metrics::GAP_SMALL)
        .into();
    }
    parts::action(
        parts::keyed(tr(lang, "admin-back"), Press::Enter),
        Button::Success,
        Some(Message::Back(Verdict::Technical)),
        id::BACK,
    )
}

fn ledger<'a>(lang: Lang, losses: &[Loss], state: &crate::exam::State) -> Element<'a, Message> {
    let mut lines: Vec<String> = losses
        .iter()
        .map(|loss| {
            let cause = match loss.cause {
                Cause::Downtime => "ledger-downtime",
                Cause::Paused => "ledger-paused",
                Cause::Held(HoldCause::FocusLost) => "ledger-focus-lost",
                Cause::Held(HoldCause::Display) => "ledger-display",
                Cause::Held(HoldCause::Proctor) => "ledger-proctor",
            };
            if loss.charged_ms == 0 {
                return tr_args(
                    lang,
                    "ledger-line-free",
                    &[
                        ("cause", Arg::Str(&tr(lang, cause))),
                        ("lasted", Arg::Str(&widget::duration(loss.ms))),
                    ],
                );
            }
            let owed = if loss.open {
                "ledger-open"
            } else if loss.owed {
                "ledger-owed"
            } else {
                "ledger-not-owed"
            };
            tr_args(
                lang,
                "ledger-line",
                &[
                    ("cause", Arg::Str(&tr(lang, cause))),
                    ("lasted", Arg::Str(&widget::duration(loss.ms))),
                    ("charged", Arg::Str(&widget::duration(loss.charged_ms))),
                    ("owed", Arg::Str(&tr(lang, owed))),
                ],
            )
        })
        .collect();
    if lines.is_empty() {
        lines.push(tr(lang, "ledger-empty"));
    }
    lines.push(tr_args(
        lang,
        "ledger-sums",
        &[
            ("lost", Arg::Str(&widget::duration(state.ledger.lost_ms()))),
            (
                "given",
                Arg::Str(&widget::duration(state.ledger.given_back_ms)),
            ),
            ("due", Arg::Str(&widget::duration(state.ledger.due_ms()))),
        ],
    ));
    container(panel(tr(lang, "ledger-title"), lines))
        .id(id::LEDGER)
        .into()
}

fn incidents<'a>(lang: Lang, logged: &[Logged]) -> Element<'a, Message> {
    let mut lines: Vec<String> = logged
        .iter()
        .rev()
        .take(8)
        .map(|l| {
            let what = match &l.incident {
                Incident::FocusLost => tr(lang, "incident-focus-lost"),
                Incident::CloseRequested => tr(lang, "incident-close-requested"),
                Incident::StepOutOverdue => tr(lang, "incident-step-out-overdue"),
                Incident::Downtime { seconds } => tr_args(
                    lang,
                    "incident-downtime",
                    &[(
                        "time",
                        Arg::Str(&widget::duration(seconds.saturating_mul(1000))),
                    )],
                ),
                Incident::SaveFailed => tr(lang, "incident-save-failed"),
                Incident::Proctor { action } => action.clone(),
                Incident::WrongPin => tr(lang, "incident-wrong-pin"),
                Incident::MovedFrom { seat, lost, .. } => tr_args(
                    lang,
                    "incident-moved-from",
                    &[
                        ("seat", Arg::Str(seat)),
                        ("lost", Arg::Num(i64::try_from(*lost).unwrap_or(i64::MAX))),
                    ],
                ),
            };
            format!("{}  {what}", widget::clock(l.at_ms))
        })
        .collect();
    if lines.is_empty() {
        lines.push(tr(lang, "incident-none"));
    }
    container(panel(tr(lang, "incident-title"), lines))
        .id(id::INCIDENTS)
        .into()
}

fn health(lang: Lang, ctx: &Context<'_>) -> Vec<String> {
    let unsaved = ctx.session.map_or(0, crate::station::Session::unsaved);
    let failures = ctx.session.map_or(0, crate::station::Session::failures);
    let mut lines = vec![tr_args(
        lang,
        "admin-health-unsaved",
        &[(
            "count",
            Arg::Num(i64::try_from(unsaved).unwrap_or(i64::MAX)),
        )],
    )];
    if failures > 0 {
        lines.push(tr(lang, "admin-health-failing"));
    }
    lines.extend(crate::ui::screen::locked::preflight_lines(
        lang,
        &ctx.config.preflight,
    ));
    lines
}

fn panel<'a>(title: String, lines: Vec<String>) -> Element<'a, Message> {
    let mut col = column![text(title).size(metrics::TEXT).font(bold())].spacing(metrics::GAP_TINY);
    for line in lines {
        col = col.push(text(line).size(metrics::SMALL));
    }
    container(col)
        .padding(metrics::GAP_SMALL)
        .width(Length::Fill)
        .style(theme::panel(Panel::Plain))
        .into()
}

/// Why the last action was not done, in the proctor's language.
fn said(lang: Lang, problem: &Problem) -> String {
    use crate::exam::state::StateError;
    match problem {
        Problem::Minutes => tr_args(
            lang,
            "admin-minutes-bad",
            &[("max", Arg::Num(i64::from(super::MAX_MINUTES)))],
        ),
        Problem::Refused(StateError::Reason(_)) => tr(lang, "admin-needs-reason"),
        Problem::Refused(StateError::GiveBack { .. }) => tr(lang, "admin-nothing-due"),
        Problem::Refused(_) => tr(lang, "admin-not-now"),
        Problem::ClaimIncomplete => tr(lang, "admin-claim-incomplete"),
        Problem::Claim(e) => crate::ui::errors::text(lang, crate::ui::errors::Problem::TakeOver(e)),
    }
}
