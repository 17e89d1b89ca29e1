//! The session clock. It is fed monotonic elapsed time from outside (`Event::Tick`) and never
//! reads a clock itself, so wall-clock changes cannot move it. Testing time runs in Testing,
//! during breaks whose format says so, and while the candidate is stepped out; a proctor pause
//! stops it. After the end of testing a separate post-test clock drives the review, decision,
//! appeal deadline and card.

use serde::{Deserialize, Serialize};

/// Milliseconds in a minute.
pub const MINUTE_MS: u64 = 60_000;

/// How long the end-of-test notice stays (post-test time) before the analysis card opens by
/// itself.
pub const NOTICE_MS: u64 = 5_000;

/// How long the thank-you screen stays after the session closes before the station locks for
/// the next candidate (once everything is saved).
pub const THANKS_MS: u64 = 10_000;

/// Time counters of a session, all in milliseconds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// Testing time allowed at check-in (base plus any accommodation).
    pub allowed_ms: u64,
    /// Time added by proctors.
    pub added_ms: u64,
    /// Testing time used.
    pub used_ms: u64,
    /// Breaks started so far.
    pub breaks_taken: u8,
    /// Time into the current break.
    pub break_ms: u64,
    /// Time into the current step-out.
    pub step_out_ms: u64,
    /// Whether the current step-out was already flagged as overdue.
    pub step_out_flagged: bool,
    /// Time spent paused, in total.
    pub paused_ms: u64,
    /// Time since the end of testing.
    pub post_ms: u64,
    /// `post_ms` when the decision screen opened.
    pub decision_at_ms: u64,
    /// `post_ms` when the appeal card opened.
    pub card_at_ms: u64,
}

impl Clock {
    /// Testing time left; zero once used up.
    pub fn remaining_ms(&self) -> u64 {
        self.allowed_ms
            .saturating_add(self.added_ms)
            .saturating_sub(self.used_ms)
    }

    /// Adds proctor time (saturating: the numbers come from events, which are not trusted).
    pub fn add(&mut self, seconds: u32) {
        self.added_ms = self.added_ms.saturating_add(u64::from(seconds) * 1000);
    }

    /// Adds time given back from the ledger, to the millisecond.
    pub fn add_ms(&mut self, ms: u64) {
        self.added_ms = self.added_ms.saturating_add(ms);
    }

    /// Milliseconds until a post-test moment `at_ms` after the end of testing.
    pub fn post_until(&self, at_ms: u64) -> u64 {
        at_ms.saturating_sub(self.post_ms)
    }
}

/// Minutes to milliseconds.
pub fn minutes(m: u32) -> u64 {
    u64::from(m) * MINUTE_MS
}

/// Whole seconds shown for a time left: rounded up, so the display reaches 0 only at the end.
pub fn display_seconds(ms: u64) -> u64 {
    ms.div_ceil(1000)
}
