//! One-time unlock codes for a held station. The station shows a challenge (six random digits);
//! `ustudy-center unlock-code --station S --challenge C` answers with an eight-digit code, an
//! HMAC over the station's name, the challenge and a ten-minute window under a secret the
//! station and the center agreed at enrollment (X25519, never sent; `unlock_secret` on both
//! sides). A leaked PIN then does not
//! open every station, and a code opens only its station, for its challenge, in its window (or
//! the one before, for a code computed just before the turn). The station makes a new
//! challenge once a code was used, so a code works once.

use crate::crypto::{self, CryptoError};

/// The label that keeps the secret apart from the station's other X25519 uses.
pub const LABEL: &str = "ustudy-unlock-secret-1";
/// How long a window lasts.
pub const WINDOW_SECS: u64 = 600;
/// Digits of a challenge.
pub const CHALLENGE_DIGITS: usize = 6;
/// Digits of a code.
pub const CODE_DIGITS: usize = 8;

const CODE_LABEL: &str = "ustudy-unlock-code-1";

/// The window `unix_secs` falls in.
pub fn window(unix_secs: u64) -> u64 {
    unix_secs / WINDOW_SECS
}

/// A fresh challenge: six random digits.
pub fn challenge() -> Result<String, CryptoError> {
    let bytes = crypto::random::<8>()?;
    let n = u64::from_le_bytes(bytes) % 10u64.pow(6);
    Ok(format!("{n:06}"))
}

/// The code for `station` and `challenge` in `window`.
pub fn code(secret: &[u8; 32], station: &str, challenge: &str, window: u64) -> String {
    let tag = crypto::mac(
        secret,
        CODE_LABEL,
        &[
            station.as_bytes(),
            challenge.trim().as_bytes(),
            &window.to_le_bytes(),
        ],
    );
    let mut n = [0u8; 8];
    n.copy_from_slice(&tag[..8]);
    let n = u64::from_le_bytes(n) % 10u64.pow(8);
    format!("{n:08}")
}

/// Whether `typed` (digits; spaces and dashes ignored) is the code for `station` and
/// `challenge` in the window of `unix_secs` or the one before it.
pub fn check(
    secret: &[u8; 32],
    station: &str,
    challenge: &str,
    typed: &str,
    unix_secs: u64,
) -> bool {
    let typed: String = typed.chars().filter(char::is_ascii_digit).collect();
    if typed.len() != CODE_DIGITS {
        return false;
    }
    let now = window(unix_secs);
    [now, now.saturating_sub(1)].iter().any(|w| {
        let expected = code(secret, station, challenge, *w);
        // Every digit compared, whatever the first difference (no early exit to time).
        expected
            .bytes()
            .zip(typed.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: [u8; 32] = [7; 32];
    const T: u64 = 1_796_550_000;

    #[test]
    fn a_code_opens_only_its_station_challenge_and_window() {
        let c = code(&SECRET, "hall-1-seat-04", "123456", window(T));
        assert_eq!(c.len(), CODE_DIGITS);
        assert!(check(&SECRET, "hall-1-seat-04", "123456", &c, T));
        assert!(check(
            &SECRET,
            "hall-1-seat-04",
            "123456",
            &format!("{}-{}", &c[..4], &c[4..]),
            T
        ));
        assert!(
            !check(&SECRET, "hall-1-seat-05", "123456", &c, T),
            "another station"
        );
        assert!(
            !check(&SECRET, "hall-1-seat-04", "123457", &c, T),
            "another challenge"
        );
        assert!(
            !check(&[8; 32], "hall-1-seat-04", "123456", &c, T),
            "another secret"
        );
        // The next window still takes it (a code made just before the turn); the one after not.
        assert!(check(
            &SECRET,
            "hall-1-seat-04",
            "123456",
            &c,
            T + WINDOW_SECS
        ));
        assert!(
            !check(&SECRET, "hall-1-seat-04", "123456", &c, T + 2 * WINDOW_SECS),
            "expired"
        );
        assert!(!check(&SECRET, "hall-1-seat-04", "123456", &c[..7], T));
    }

    #[test]
    fn known_answer() {
        // Pinned so that the station and the center (and older stations) keep agreeing.
        assert_eq!(code(&SECRET, "hall-1-seat-04", "123456", 2_994_250), KNOWN);
    }

    // Computed with Python's hmac and hashlib from the same framing (length-prefixed parts).
    const KNOWN: &str = "06538685";

    #[test]
    fn challenges_are_six_digits() {
        let c = challenge().expect("random");
        assert_eq!(c.len(), CHALLENGE_DIGITS);
        assert!(c.chars().all(|d| d.is_ascii_digit()));
    }
}
