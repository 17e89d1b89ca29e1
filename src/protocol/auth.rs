//! How a station signs its requests: its name, the time, and an Ed25519 signature over the
//! method, path, time and the body's SHA-256. The center checks it against the key the station
//! enrolled and refuses a time too far from its own (a captured request cannot be replayed days
//! later, and a station with a wrong clock is told so).

use crate::crypto;

/// The station's name.
pub const STATION: &str = "x-ustudy-station";
/// The station's time, ms since the epoch.
pub const TIME: &str = "x-ustudy-time";
/// The signature, hex.
pub const SIGNATURE: &str = "x-ustudy-signature";

/// How far a station's clock may be from the center's.
pub const SKEW_MS: i64 = 15 * 60_000;

/// The bytes a station signs for a request.
pub fn message(method: &str, path: &str, time_ms: i64, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for part in [
        b"ustudy request v1".as_slice(),
        method.as_bytes(),
        path.as_bytes(),
        time_ms.to_string().as_bytes(),
        &crypto::sha256(body),
    ] {
        out.extend_from_slice(&u32::try_from(part.len()).unwrap_or(u32::MAX).to_be_bytes());
        out.extend_from_slice(part);
    }
    out
}
