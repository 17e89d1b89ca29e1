//! The roster on the wire: the candidates of one hall, signed by the center with its Ed25519
//! key over a canonical encoding, so a station can keep it and check it again at every start.

use serde::{Deserialize, Serialize};

use crate::crypto::{CryptoError, hex, sign};

/// One candidate on the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterRow {
    /// IIN (12 digits, valid).
    pub iin: String,
    /// Full name.
    pub name: String,
    /// Ticket code from the admission pass.
    pub ticket: String,
    /// The session format (a preset name, such as `unt-2024`).
    pub format: String,
    /// The test language (`kk`, `ru`, `en`).
    pub language: String,
    /// Entitled to extra time.
    pub extra_time: bool,
    /// Hall.
    pub hall: String,
    /// Seat.
    pub seat: String,
    /// Date of the test, `YYYY-MM-DD`.
    pub date: String,
    /// Start time, `HH:MM`.
    pub start: String,
}

/// A hall's roster as the center signs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedRoster {
    /// The station it was issued to.
    pub station: String,
    /// The hall it covers.
    pub hall: String,
    /// When it was issued (ms since the epoch, the center's clock).
    pub issued_ms: i64,
    /// The candidates.
    pub rows: Vec<RosterRow>,
    /// The center's Ed25519 signature over `signed_bytes`, hex.
    pub signature: String,
}

#[derive(Serialize)]
struct Signed<'a> {
    label: &'static str,
    station: &'a str,
    hall: &'a str,
    issued_ms: i64,
    rows: &'a [RosterRow],
}

impl SignedRoster {
    /// The bytes the signature covers (everything but the signature, in a fixed encoding).
    pub fn signed_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(&Signed {
            label: "ustudy roster v1",
            station: &self.station,
            hall: &self.hall,
            issued_ms: self.issued_ms,
            rows: &self.rows,
        })
        .unwrap_or_default()
    }

    /// Whether the center with public key `center` signed it for `station`.
    pub fn verify(&self, center: &[u8; 32], station: &str) -> Result<(), CryptoError> {
        if self.station != station {
            return Err(CryptoError::Signature);
        }
        let signature = hex::decode::<64>(&self.signature)?;
        sign::verify(center, &self.signed_bytes(), &signature)
    }
}
