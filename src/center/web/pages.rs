//! The dashboard's HTML, written with maud (checked at compile time, every value escaped): the
//! login form, the list of halls, a hall's seat map with its alerts, and a seat's page. All text
//! comes from the Fluent catalogues in the operator's language.

use std::fmt::Write as _;

use maud::{DOCTYPE, Markup, html};

use crate::center::hall::{Alert, HallView, SeatPage, SeatView};
use crate::i18n::{Arg, Lang, tr, tr_args};

/// The page frame: language, title, styles, the live script, the language switch.
pub fn frame(lang: Lang, title: &str, operator: Option<&str>, csrf: &str, body: &Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) translate="no" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="google" content="notranslate";
                title { (title) " · U-STUDY" }
                link rel="stylesheet" href="/static/hall.css";
                script src="/static/hall.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/hall" { "U-STUDY" }
                    span.title { (title) }
                    nav.langs {
                        @for l in [Lang::Kk, Lang::Ru, Lang::En] {
                            @if l == lang {
                                b { (l.code()) }
                            } @else {
                                a href={ "?lang=" (l.code()) } { (l.code()) }
                            }
                        }
                    }
                    @if let Some(name) = operator {
                        form.logout method="post" action="/logout" {
                            input type="hidden" name="csrf" value=(csrf);
                            span { (name) }
                            button type="submit" id="logout" { (tr(lang, "hall-logout")) }
                        }
                    }
                }
                main { (body) }
            }
        }
    }
}

/// The login form, with a message after a refusal.
pub fn login(lang: Lang, csrf: &str, next: &str, refused: Option<&str>) -> Markup {
    let title = tr(lang, "hall-login-title");
    frame(
        lang,
        &title,
        None,
        "",
        &html! {
            form.login method="post" action="/login" {
                @if let Some(id) = refused {
                    p.refused id="refused" role="alert" { (tr(lang, id)) }
                }
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="next" value=(next);
                label { (tr(lang, "hall-login-name"))
                    input type="text" name="name" id="name" autocomplete="username" required;
                }
                label { (tr(lang, "hall-login-password"))
                    input type="password" name="password" id="password"
                        autocomplete="current-password" required;
                }
                button type="submit" id="login" { (tr(lang, "hall-login-submit")) }
            }
        },
    )
}

/// The halls the center knows.
pub fn halls(lang: Lang, operator: &str, csrf: &str, names: &[String]) -> Markup {
    let title = tr(lang, "hall-list-title");
    frame(
        lang,
        &title,
        Some(operator),
        csrf,
        &html! {
            @if names.is_empty() {
                p { (tr(lang, "hall-list-empty")) }
            }
            ul.halls {
                @for name in names {
                    li { a href={ "/hall/" (urlencode(name)) } {
                        (tr_args(lang, "hall-name", &[("hall", Arg::Str(name))]))
                    } }
                }
            }
        },
    )
}

/// A hall's page: the live part (alerts and seats) in a frame that follows the live stream.
pub fn hall(lang: Lang, operator: &str, csrf: &str, view: &HallView, now_ms: i64) -> Markup {
    let title = tr_args(lang, "hall-name", &[("hall", Arg::Str(&view.hall))]);
    frame(
        lang,
        &title,
        Some(operator),
        csrf,
        &html! {
            noscript { meta http-equiv="refresh" content="15"; }
            div #live data-live={ "/hall/" (urlencode(&view.hall)) "/live" } {
                (live(lang, view, now_ms))
            }
        },
    )
}

/// What the live stream replaces: the alerts and the seat map.
pub fn live(lang: Lang, view: &HallView, now_ms: i64) -> Markup {
    let hall = urlencode(&view.hall);
    html! {
        section.alerts #alerts {
            h2 { (tr(lang, "hall-alerts")) " (" (view.alerts.len()) ")" }
            @if view.alerts.is_empty() {
                p.none { (tr(lang, "hall-alerts-none")) }
            }
            ol {
                @for alert in &view.alerts {
                    (alert_item(lang, &hall, alert))
                }
            }
        }
        section.seats #seats {
            @for seat in &view.seats {
                (seat_tile(lang, &hall, seat, now_ms))
            }
        }
        p.updated { (tr(lang, "hall-updated")) " " (clock(now_ms)) }
    }
}

fn alert_item(lang: Lang, hall: &str, alert: &Alert) -> Markup {
    let what = if alert.kind.starts_with("incident-") {
        tr_args(lang, &alert.kind, &[("time", Arg::Str("…"))])
    } else {
        tr(lang, &format!("hall-alert-{}", alert.kind))
    };
    html! {
        li class={ "alert " (alert.kind) } {
            a href={ "/hall/" (hall) "/seat/" (urlencode(&alert.seat)) } {
                span.time { (clock(alert.at_ms)) }
                " "
                b { (tr_args(lang, "hall-seat", &[("seat", Arg::Str(&alert.seat))])) }
                " · " (alert.station) " · " (what)
            }
        }
    }
}

fn seat_tile(lang: Lang, hall: &str, seat: &SeatView, now_ms: i64) -> Markup {
    let class = format!(
        "seat {}{}{}",
        seat.phase,
        if seat.silent { " silent" } else { "" },
        if seat.flag.is_some() { " flagged" } else { "" }
    );
    html! {
        a class=(class) id={ "seat-" (seat.seat) } data-phase=(seat.phase)
            href={ "/hall/" (hall) "/seat/" (urlencode(&seat.seat)) } {
            div.head {
                b { (seat.seat) }
                span.station { (seat.station.as_deref().unwrap_or("—")) }
            }
            @if let Some((iin, name)) = &seat.candidate {
                div.who { span.iin { (iin) } " " (name) }
            }
            div.phase { (phase_text(lang, &seat.phase)) }
            @if seat.answered.1 > 0 {
                div.progress {
                    (tr_args(lang, "hall-answered", &[
                        ("answered", Arg::Num(count(seat.answered.0))),
                        ("tasks", Arg::Num(count(seat.answered.1))),
                    ]))
                    @if let Some(left) = seat.left_ms { " · " (duration(left)) }
                }
            }
            @if let Some(last) = seat.last_contact_ms {
                div.contact {
                    (tr_args(lang, "hall-contact", &[("seconds", Arg::Num((now_ms - last).max(0) / 1000))]))
                    @if seat.waiting > 0 {
                        " · " (tr_args(lang, "hall-waiting", &[
                            ("events", Arg::Num(seat.waiting)),
                            ("seconds", Arg::Num(seat.lag_ms / 1000)),
                        ]))
                    }
                }
            }
            div.badges {
                @if seat.silent { span.badge.silent { (tr(lang, "hall-alert-silent")) } }
                @if seat.long_step_out { span.badge { (tr(lang, "hall-badge-long-step-out")) } }
                @for (kind, n) in &seat.incidents {
                    span.badge title=(tr_args(lang, kind, &[("time", Arg::Str("…"))])) {
                        (tr(lang, &format!("hall-badge-{kind}"))) " " (n)
                    }
                }
                @if seat.flag.is_some() { span.badge.flag { (tr(lang, "hall-alert-flag")) } }
                @if seat.card_differs { span.badge.flag { (tr(lang, "hall-badge-card")) } }
                @if !seat.readiness.is_empty() {
                    @let items = seat.readiness.iter().map(|(item, _)| tr(lang, &format!("hall-item-{item}"))).collect::<Vec<_>>().join(", ");
                    @let fails = seat.readiness.iter().any(|(_, level)| level == "fail");
                    span.badge.readiness.flag[fails] { (tr_args(lang, "hall-badge-readiness", &[("items", Arg::Str(&items))])) }
                }
            }
        }
    }
}

/// A seat's page.
pub fn seat(
    lang: Lang,
    operator: &str,
    csrf: &str,
    hall: &str,
    page: &SeatPage,
    now_ms: i64,
) -> Markup {
    let view = &page.view;
    let title = format!(
        "{} · {}",
        tr_args(lang, "hall-name", &[("hall", Arg::Str(hall))]),
        tr_args(lang, "hall-seat", &[("seat", Arg::Str(&view.seat))])
    );
    frame(
        lang,
        &title,
        Some(operator),
        csrf,
        &html! {
            p { a href={ "/hall/" (urlencode(hall)) } { "← " (tr_args(lang, "hall-name", &[("hall", Arg::Str(hall))])) } }
            div.seatpage {
                (seat_tile(lang, &urlencode(hall), view, now_ms))
                @if let Some(flag) = &view.flag {
                    p.flag #flag { (tr(lang, "hall-alert-flag")) ": " (flag) }
                }
                @if let Some((held, head)) = page.held {
                    h2 { (tr(lang, "hall-receipts")) }
                    p #receipts { (tr_args(lang, "hall-receipts-line", &[
                        ("held", Arg::Num(held + 1)),
                        ("head", Arg::Num(head + 1)),
                    ])) }
                }
                @if let Some((total, max)) = page.result {
                    h2 { (tr(lang, "hall-result")) }
                    p #result { (total) " / " (max) }
                }
                @if let Some(folded) = &page.folded {
                    h2 { (tr(lang, "hall-timeline")) }
                    ol.timeline #timeline {
                        @for m in &folded.timeline {
                            li { span.time { (clock(i64::try_from(m.at_ms).unwrap_or(i64::MAX))) } " " (moment_text(lang, &m.what, m.amount)) }
                        }
                    }
                    h2 { (tr(lang, "hall-ledger")) }
                    @let ledger = &folded.state.ledger;
                    @if ledger.losses.is_empty() {
                        p { (tr(lang, "hall-ledger-none")) }
                    }
                    table.ledger #ledger {
                        @for loss in &ledger.losses {
                            tr {
                                td { (tr(lang, &format!("hall-loss-{}", loss_cause(loss.cause)))) }
                                td { (duration(loss.ms)) }
                                td { (tr_args(lang, "hall-loss-charged", &[("time", Arg::Str(&duration(loss.charged_ms)))])) }
                            }
                        }
                    }
                    @if ledger.given_back_ms > 0 {
                        p { (tr_args(lang, "hall-given-back", &[("time", Arg::Str(&duration(ledger.given_back_ms)))])) }
                    }
                }
            }
        },
    )
}

fn loss_cause(cause: crate::exam::ledger::Cause) -> &'static str {
    use crate::exam::ledger::Cause;
    match cause {
        Cause::Downtime => "downtime",
        Cause::Paused => "paused",
        Cause::Held(_) => "held",
    }
}

fn moment_text(lang: Lang, what: &str, amount: Option<u64>) -> String {
    if what.starts_with("incident-") {
        let time = duration(amount.unwrap_or(0) * 1000);
        return tr_args(lang, what, &[("time", Arg::Str(&time))]);
    }
    if what.starts_with("proctor-") {
        let action = tr(lang, &format!("hall-{what}"));
        return tr_args(
            lang,
            "hall-moment-proctor",
            &[("action", Arg::Str(&action))],
        );
    }
    match amount {
        Some(seconds) => tr_args(
            lang,
            &format!("hall-moment-{what}"),
            &[("time", Arg::Str(&duration(seconds * 1000)))],
        ),
        None => tr(lang, &format!("hall-moment-{what}")),
    }
}

fn phase_text(lang: Lang, phase: &str) -> String {
    match phase {
        "no-station" | "waiting" | "quarantined" | "unreadable" => {
            tr(lang, &format!("hall-phase-{phase}"))
        }
        other => tr(lang, &format!("phase-{other}")),
    }
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// `h:mm:ss`.
pub fn duration(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// The time of day (UTC+5, Kazakhstan's single time zone since 2024) of a moment.
pub fn clock(ms: i64) -> String {
    let local = ms.div_euclid(1000) + 5 * 3600;
    let s = local.rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// A path segment, percent-encoded.
pub fn urlencode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every proctor action on a timeline reads in the operator's language, never as its id.
    #[test]
    fn every_proctor_action_has_its_words() {
        use crate::exam::event::{ProctorAction, Verdict};
        let actions = [
            ProctorAction::Release {
                verdict: Verdict::Technical,
            },
            ProctorAction::Recovered,
            ProctorAction::Pause,
            ProctorAction::Resume,
            ProctorAction::StepOut,
            ProctorAction::Return,
            ProctorAction::AddTime { seconds: 300 },
            ProctorAction::GiveBack { ms: 1_000 },
            ProctorAction::EndTest,
            ProctorAction::EndViolation,
            ProctorAction::Accommodate {
                zoom: true,
                high_contrast: false,
            },
        ];
        for lang in Lang::ALL {
            for action in &actions {
                let text = moment_text(lang, action.name(), None);
                let id = action.name().trim_start_matches("proctor-");
                assert!(!text.contains("hall-"), "{lang:?}: {text}");
                // Kazakh and Russian words never spell the action's Latin id.
                assert!(lang == Lang::En || !text.contains(id), "{lang:?}: {text}");
            }
        }
    }
}
