//! An enrolled station's link to its center: an HTTPS client that trusts only the pinned
//! certificate, requests signed with the station's key (see `protocol::auth`), and what it
//! fetches checked against the center's signing key before anything uses it. The roster is kept
//! in the data directory (`roster.json`, as signed) so the station starts without the network.

use std::path::Path;
use std::time::Duration;

use crate::crypto::hex;
use crate::protocol::roster::SignedRoster;
use crate::protocol::{API, Refusal, auth};
use crate::station::identity::Identity;
use crate::station::settings::Settings;
use crate::sync::tls::{self, ClientError};

/// How long one request may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The file the roster is kept in, in the data directory.
pub const ROSTER_FILE: &str = "roster.json";

/// Why the link failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LinkError {
    #[error("the configuration's center keys are damaged")]
    Settings,
    #[error("the center cannot be reached at {url}: {detail}")]
    Unreachable { url: String, detail: String },
    #[error("the center refused: {message} ({error})")]
    Refused { error: String, message: String },
    #[error("the center's answer is not valid: {0}")]
    BadReply(String),
    #[error("the roster is not signed by this station's center")]
    Unsigned,
    #[error("{0}: {1}")]
    Io(String, String),
    #[error("{0}")]
    Client(#[from] ClientError),
}

/// The link.
pub struct Link {
    client: reqwest::Client,
    url: String,
    station: String,
    center: [u8; 32],
    identity: Identity,
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

impl Link {
    /// The link for an enrolled station.
    pub fn new(settings: &Settings, identity: Identity) -> Result<Link, LinkError> {
        let pin =
            hex::decode::<32>(&settings.center.cert_sha256).map_err(|_| LinkError::Settings)?;
        let center =
            hex::decode::<32>(&settings.center.signing_public).map_err(|_| LinkError::Settings)?;
        let (client, _) = tls::client(Some(pin), TIMEOUT)?;
        Ok(Link {
            client,
            url: settings.center.url.trim_end_matches('/').to_owned(),
            station: settings.station.clone(),
            center,
            identity,
        })
    }

    /// A signed GET of `path` (under the API prefix); the body of a successful answer.
    async fn get(&self, path: &str) -> Result<Vec<u8>, LinkError> {
        let path = format!("{API}{path}");
        let time = i64::try_from(crate::journal::store::now_ms()).unwrap_or(i64::MAX);
        let signature = self.identity.sign(&auth::message("GET", &path, time, b""));
        let unreachable = |e: &reqwest::Error| LinkError::Unreachable {
            url: self.url.clone(),
            detail: chain(e),
        };
        let response = self
            .client
            .get(format!("{}{path}", self.url))
            .header(auth::STATION, &self.station)
            .header(auth::TIME, time.to_string())
            .header(auth::SIGNATURE, hex::encode(&signature))
            .send()
            .await
            .map_err(|e| unreachable(&e))?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| unreachable(&e))?;
        if !status.is_success() {
            let refusal: Refusal = serde_json::from_slice(&body).unwrap_or_else(|_| Refusal {
                error: status.as_u16().to_string(),
                message: String::from_utf8_lossy(&body).chars().take(200).collect(),
            });
            return Err(LinkError::Refused {
                error: refusal.error,
                message: refusal.message,
            });
        }
        Ok(body.to_vec())
    }

    /// The roster of this station's hall, checked against the center's key.
    pub async fn roster(&self) -> Result<SignedRoster, LinkError> {
        let body = self.get("/roster").await?;
        let roster: SignedRoster =
            serde_json::from_slice(&body).map_err(|e| LinkError::BadReply(e.to_string()))?;
        roster
            .verify(&self.center, &self.station)
            .map_err(|_| LinkError::Unsigned)?;
        Ok(roster)
    }
}

/// Keeps a checked roster in `dir` (beside it first, then renamed).
pub fn save_roster(dir: &Path, roster: &SignedRoster) -> Result<(), LinkError> {
    let path = dir.join(ROSTER_FILE);
    let io = |e: std::io::Error| LinkError::Io(path.display().to_string(), e.to_string());
    let text = serde_json::to_vec_pretty(roster).map_err(|e| LinkError::BadReply(e.to_string()))?;
    let tmp = dir.join(format!("{ROSTER_FILE}.tmp"));
    std::fs::write(&tmp, text).map_err(io)?;
    std::fs::rename(&tmp, &path).map_err(io)
}

/// The roster kept in `dir`, checked again: an edited file is refused.
pub fn load_roster(dir: &Path, settings: &Settings) -> Result<SignedRoster, LinkError> {
    let path = dir.join(ROSTER_FILE);
    let text = std::fs::read(&path)
        .map_err(|e| LinkError::Io(path.display().to_string(), e.to_string()))?;
    let roster: SignedRoster =
        serde_json::from_slice(&text).map_err(|e| LinkError::BadReply(e.to_string()))?;
    let center =
        hex::decode::<32>(&settings.center.signing_public).map_err(|_| LinkError::Settings)?;
    roster
        .verify(&center, &settings.station)
        .map_err(|_| LinkError::Unsigned)?;
    Ok(roster)
}
