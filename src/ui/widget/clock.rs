//! Time on screen: `H:MM:SS` for a time left, the testing timer with its 15- and 5-minute
//! warnings, and the post-test countdown lines.

use std::time::Instant;

use iced::widget::{column, container, text};
use iced::{Alignment, Element};

use super::countdown::Countdown;

use crate::exam::clock::{MINUTE_MS, display_seconds};
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::ui::theme::{self, Text, bold, metrics};

/// From this much time left the timer warns.
pub const WARN_MS: u64 = 15 * MINUTE_MS;
/// From this much time left the warning is urgent.
const URGENT_MS: u64 = 5 * MINUTE_MS;

/// `H:MM:SS` for a time left in milliseconds (rounded up, so 0:00:00 only at the very end).
pub fn clock(ms: u64) -> String {
    let s = display_seconds(ms);
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// `M:SS` (or `H:MM:SS`) for a span of time, to the nearest second: the ledger's stretches and
/// what the proctor gives back (which is given to the millisecond).
pub fn duration(ms: u64) -> String {
    let s = ms.saturating_add(500) / 1000;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// The id of a post-test screen's countdown line.
pub const COUNTDOWN: &str = "countdown";

/// A countdown line: message `label` with the time left as `$time`.
pub fn countdown<'a, M: 'a>(lang: Lang, label: &str, ms: u64) -> Element<'a, M> {
    container(text(tr_args(lang, label, &[("time", Arg::Str(&clock(ms)))])).size(metrics::TEXT))
        .id(COUNTDOWN)
        .into()
}

/// The testing timer: the time left (`remaining` at `at`, counting down by itself while
/// `running`, at `scale` times real time), amber from 15 minutes and red from 5, with a warning
/// line.
pub fn timer<'a, M: 'a>(
    lang: Lang,
    remaining: u64,
    at: Instant,
    scale: u32,
    running: bool,
) -> Element<'a, M> {
    let look = if remaining <= URGENT_MS {
        Text::Bad
    } else if remaining <= WARN_MS {
        Text::Warning
    } else {
        Text::Plain
    };
    let mut timer = column![
        text(tr(lang, "testing-time-left")).size(metrics::SMALL),
        Countdown::new(remaining, at, scale, running)
            .size(metrics::CLOCK)
            .font(bold())
            .look(look),
    ]
    .align_x(Alignment::End);
    if remaining <= WARN_MS {
        let minutes = remaining.div_ceil(MINUTE_MS);
        timer = timer.push(
            text(tr_args(
                lang,
                "testing-warning",
                &[("minutes", Arg::Num(i64::try_from(minutes).unwrap_or(0)))],
            ))
            .size(metrics::SMALL)
            .style(theme::text(look)),
        );
    }
    timer.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_read_as_hours_minutes_seconds() {
        assert_eq!(clock(0), "0:00:00");
        assert_eq!(clock(1), "0:00:01", "rounded up");
        assert_eq!(clock(4 * 3600 * 1000), "4:00:00");
        assert_eq!(clock(61_000 + 3_600_000), "1:01:01");
    }
}
