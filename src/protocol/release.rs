//! Key release at the start of a session: the station asks for a package's key for a candidate
//! on its roster; the center answers, once per candidate, with the key sealed to the station's
//! X25519 key (`crypto::agree`) and the whole answer signed with its Ed25519 key.

use serde::{Deserialize, Serialize};

use crate::crypto::{CryptoError, hex, sign};

/// What the station asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartRequest {
    /// The package's seal id.
    pub seal_id: String,
    /// The candidate's IIN.
    pub iin: String,
}

/// What the center answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRelease {
    /// The station it was released to.
    pub station: String,
    /// The package's seal id.
    pub seal_id: String,
    /// The candidate.
    pub iin: String,
    /// When (ms since the epoch, the center's clock).
    pub released_ms: i64,
    /// The ephemeral X25519 public key, hex.
    pub ephemeral: String,
    /// The package key sealed to the station, hex.
    pub sealed_key: String,
    /// The center's signature over everything above, hex.
    pub signature: String,
}

#[derive(Serialize)]
struct Signed<'a> {
    label: &'static str,
    station: &'a str,
    seal_id: &'a str,
    iin: &'a str,
    released_ms: i64,
    ephemeral: &'a str,
    sealed_key: &'a str,
}

impl KeyRelease {
    /// The context the key is sealed for (the seal, the candidate and the station).
    pub fn context(station: &str, seal_id: &str, iin: &str) -> Vec<u8> {
        format!("ustudy key release v1\n{station}\n{seal_id}\n{iin}").into_bytes()
    }

    /// The bytes the signature covers.
    pub fn signed_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(&Signed {
            label: "ustudy key release v1",
            station: &self.station,
            seal_id: &self.seal_id,
            iin: &self.iin,
            released_ms: self.released_ms,
            ephemeral: &self.ephemeral,
            sealed_key: &self.sealed_key,
        })
        .unwrap_or_default()
    }

    /// Whether the center with key `center` signed it for this station, seal and candidate.
    pub fn verify(
        &self,
        center: &[u8; 32],
        station: &str,
        request: &StartRequest,
    ) -> Result<(), CryptoError> {
        if self.station != station || self.seal_id != request.seal_id || self.iin != request.iin {
            return Err(CryptoError::Signature);
        }
        let signature = hex::decode::<64>(&self.signature)?;
        sign::verify(center, &self.signed_bytes(), &signature)
    }
}
