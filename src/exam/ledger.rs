//! The time-loss ledger: every stretch in which the candidate could not work through no doing of
//! their own (the station down, a proctor's pause, a hold over the tasks), how much of it the
//! test clock charged, and how much of that has been given back. The proctor can give back
//! exactly what is owed and no more; the card and the center's export show the sums.

use serde::{Deserialize, Serialize};

use super::event::{HoldCause, Verdict};

/// Why the candidate could not work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    /// The program was not running (a crash, a power cut). The clock did not charge it.
    Downtime,
    /// A proctor's pause. The clock was stopped.
    Paused,
    /// The station was held over the tasks.
    Held(HoldCause),
}

/// One stretch of lost time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Loss {
    /// Why.
    pub cause: Cause,
    /// Testing time used when it began.
    pub at_ms: u64,
    /// How long it lasted.
    pub ms: u64,
    /// How much of it the test clock charged to the candidate.
    pub charged_ms: u64,
    /// Whether it is still going on.
    pub open: bool,
    /// Whether the charged time is owed back: a stretch that was not the candidate's doing
    /// (a held station is ruled on by the proctor when releasing it).
    pub owed: bool,
}

/// The ledger of a session.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    /// Every stretch, in order.
    pub losses: Vec<Loss>,
    /// Time given back so far.
    pub given_back_ms: u64,
}

impl Ledger {
    /// Opens a stretch at `at_ms` of testing time.
    pub fn open(&mut self, cause: Cause, at_ms: u64) {
        self.losses.push(Loss {
            cause,
            at_ms,
            ms: 0,
            charged_ms: 0,
            open: true,
            // Until a proctor rules otherwise, lost time is owed.
            owed: true,
        });
    }

    /// A stretch that is already over: the station was down for `ms`, which no clock charged.
    pub fn downtime(&mut self, at_ms: u64, ms: u64) {
        self.losses.push(Loss {
            cause: Cause::Downtime,
            at_ms,
            ms,
            charged_ms: 0,
            open: false,
            owed: true,
        });
    }

    /// Time passed. A pause lasts on; a hold counts only while the candidate would have been
    /// working (`testing`: not on a break, out of the room or paused), and the clock charged
    /// all of that.
    pub fn pass(&mut self, ms: u64, testing: bool) {
        for loss in self.losses.iter_mut().filter(|l| l.open) {
            match loss.cause {
                Cause::Paused => loss.ms = loss.ms.saturating_add(ms),
                Cause::Held(_) if testing => {
                    loss.ms = loss.ms.saturating_add(ms);
                    loss.charged_ms = loss.charged_ms.saturating_add(ms);
                }
                _ => {}
            }
        }
    }

    /// Closes the open stretches of `cause`; a hold's `verdict` says whether its time is owed.
    pub fn close(&mut self, cause: Cause, verdict: Option<Verdict>) {
        for loss in self
            .losses
            .iter_mut()
            .filter(|l| l.open && l.cause == cause)
        {
            loss.open = false;
            if let Some(verdict) = verdict {
                loss.owed = verdict == Verdict::Technical;
            }
        }
    }

    /// Closes every open stretch as it stands (testing ended).
    pub fn close_all(&mut self) {
        for loss in &mut self.losses {
            loss.open = false;
        }
    }

    /// Wall time the candidate could not work, in total.
    pub fn lost_ms(&self) -> u64 {
        self.losses.iter().map(|l| l.ms).sum()
    }

    /// Charged time owed back (of closed stretches), in total.
    pub fn owed_ms(&self) -> u64 {
        self.losses
            .iter()
            .filter(|l| l.owed && !l.open)
            .map(|l| l.charged_ms)
            .sum()
    }

    /// What can still be given back: owed, less what was given.
    pub fn due_ms(&self) -> u64 {
        self.owed_ms().saturating_sub(self.given_back_ms)
    }

    /// Records time given back (the caller checked it is at most `due_ms`).
    pub fn give_back(&mut self, ms: u64) {
        self.given_back_ms = self.given_back_ms.saturating_add(ms);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_charged_time_of_closed_owed_stretches_is_due() {
        let mut ledger = Ledger::default();
        ledger.downtime(1_000, 120_000);
        ledger.open(Cause::Held(HoldCause::FocusLost), 2_000);
        ledger.pass(30_000, true);
        assert_eq!(ledger.due_ms(), 0, "an open hold is not due yet");
        ledger.close(Cause::Held(HoldCause::FocusLost), Some(Verdict::Technical));
        ledger.open(Cause::Held(HoldCause::FocusLost), 40_000);
        ledger.pass(10_000, true);
        ledger.close(Cause::Held(HoldCause::FocusLost), Some(Verdict::Candidate));
        ledger.open(Cause::Paused, 50_000);
        ledger.pass(60_000, false);
        ledger.close(Cause::Paused, None);
        assert_eq!(ledger.lost_ms(), 120_000 + 30_000 + 10_000 + 60_000);
        assert_eq!(ledger.owed_ms(), 30_000);
        ledger.give_back(20_000);
        assert_eq!(ledger.due_ms(), 10_000);
        ledger.give_back(10_000);
        assert_eq!(ledger.due_ms(), 0);
        // The end of testing closes what is still open: its charged time becomes owed.
        ledger.open(Cause::Held(HoldCause::Proctor), 70_000);
        ledger.pass(5_000, true);
        assert_eq!(ledger.due_ms(), 0);
        ledger.close_all();
        assert_eq!(ledger.due_ms(), 5_000);
    }
}
