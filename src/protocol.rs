//! The wire between station and center: JSON over HTTPS, the station pinning the center's
//! certificate. Types and the checks both sides compute live here, so they cannot drift apart.

pub mod auth;
pub mod batch;
pub mod enroll;
pub mod handover;
pub mod packages;
pub mod release;
pub mod roster;
pub mod status;
pub mod unlock;

use serde::{Deserialize, Serialize};

/// The API's path prefix.
pub const API: &str = "/v1";

/// Every refusal the center sends: a stable code for programs and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    /// A stable code (`wrong-code`, `code-used`, `code-expired`, `bad-request`, ...).
    pub error: String,
    /// What went wrong, in English, for the operator's log.
    pub message: String,
    /// For `moved` (a batch of a session moved to another station): the seat it went to, for
    /// the old station's lock screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
}

/// The center's answer to a health check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// The center's signing key id.
    pub center: String,
    /// The program's version.
    pub version: String,
    /// A moved session waits to be handed to the station that asked (`POST /v1/handover`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub handover: bool,
}
