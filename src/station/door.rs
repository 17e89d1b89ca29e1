//! The admin screen's door: wrong PINs and codes in a row make the proctor wait longer each time
//! (1, 2, 4, 8 s), and the fifth locks the door for `LOCKOUT`. The count is kept in the journal's
//! audit log, so a restart does not reset it (`Refusals`). Time comes in from the caller; the
//! door never reads a clock.

use std::time::{Duration, Instant};

/// Wrong tries in a row that lock the door.
pub const ATTEMPTS: u32 = 5;
/// How long the door stays locked after `ATTEMPTS` wrong tries.
pub const LOCKOUT: Duration = Duration::from_secs(5 * 60);

/// What the audit log says of the last tries, at start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Refusals {
    /// Wrong tries since the last right one.
    pub in_a_row: u32,
    /// How long ago the last wrong try was.
    pub ago: Option<Duration>,
}

/// The wait after `wrong` tries in a row: none, then 1, 2, 4, 8 s, then the lock-out.
pub fn wait_after(wrong: u32) -> Duration {
    match wrong {
        0 => Duration::ZERO,
        n if n % ATTEMPTS == 0 => LOCKOUT,
        n => Duration::from_secs(1 << ((n % ATTEMPTS) - 1)),
    }
}

/// The door's state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Door {
    wrong: u32,
    until: Option<Instant>,
}

impl Door {
    /// The door as the audit log left it, at `now`.
    pub fn restore(refusals: Refusals, now: Instant) -> Door {
        let wait = wait_after(refusals.in_a_row);
        let ago = refusals.ago.unwrap_or(Duration::MAX);
        Door {
            wrong: refusals.in_a_row,
            until: wait
                .checked_sub(ago)
                .filter(|left| !left.is_zero())
                .map(|left| now + left),
        }
    }

    /// How long before the next try is taken, if it must wait.
    pub fn wait(&self, now: Instant) -> Option<Duration> {
        let until = self.until?;
        (now < until).then(|| until - now)
    }

    /// Whether the door is locked out (not merely slowed).
    pub fn locked_out(&self, now: Instant) -> bool {
        self.wait(now).is_some_and(|w| w > wait_after(ATTEMPTS - 1))
    }

    /// Wrong tries in a row.
    pub fn wrong(&self) -> u32 {
        self.wrong
    }

    /// Tries left before the lock-out.
    pub fn left(&self) -> u32 {
        ATTEMPTS - self.wrong % ATTEMPTS
    }

    /// A wrong try at `now`.
    pub fn refused(&mut self, now: Instant) {
        self.wrong = self.wrong.saturating_add(1);
        self.until = Some(now + wait_after(self.wrong));
    }

    /// A right try: the count starts again.
    pub fn opened(&mut self) {
        *self = Door::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_tries_wait_longer_each_time_and_the_fifth_locks_out() {
        let t0 = Instant::now();
        let mut door = Door::default();
        assert_eq!(door.wait(t0), None);
        let mut now = t0;
        for (n, secs) in [(1, 1), (2, 2), (3, 4), (4, 8)] {
            door.refused(now);
            assert_eq!(door.wrong(), n);
            assert_eq!(door.wait(now), Some(Duration::from_secs(secs)));
            assert!(!door.locked_out(now));
            now += Duration::from_secs(secs);
            assert_eq!(door.wait(now), None, "after {secs} s the next try is taken");
        }
        door.refused(now);
        assert!(door.locked_out(now));
        assert_eq!(door.wait(now), Some(LOCKOUT));
        assert_eq!(door.wait(now + LOCKOUT), None);
        // After the lock-out the schedule starts over, and a sixth wrong try waits 1 s.
        door.refused(now + LOCKOUT);
        assert_eq!(door.wait(now + LOCKOUT), Some(Duration::from_secs(1)));
        door.opened();
        assert_eq!((door.wrong(), door.wait(now)), (0, None));
    }

    #[test]
    fn a_restart_keeps_the_lockout_and_the_count() {
        let now = Instant::now();
        let door = Door::restore(
            Refusals {
                in_a_row: 5,
                ago: Some(Duration::from_secs(60)),
            },
            now,
        );
        assert!(door.locked_out(now));
        assert_eq!(
            door.wait(now),
            Some(LOCKOUT.saturating_sub(Duration::from_secs(60)))
        );
        let served = Door::restore(
            Refusals {
                in_a_row: 5,
                ago: Some(LOCKOUT),
            },
            now,
        );
        assert_eq!(served.wait(now), None);
        let three = Door::restore(
            Refusals {
                in_a_row: 3,
                ago: Some(Duration::from_secs(1)),
            },
            now,
        );
        assert_eq!(three.wait(now), Some(Duration::from_secs(3)));
        assert_eq!(three.left(), 2);
    }
}
