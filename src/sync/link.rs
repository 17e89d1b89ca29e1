//! An enrolled station's link to its center: an HTTPS client that trusts only the pinned
//! certificate, requests signed with the station's key (see `protocol::auth`), and what it
//! fetches checked against the center's signing key before anything uses it. The roster is kept
//! in the data directory (`roster.json`, as signed) so the station starts without the network.

use std::path::Path;
use std::time::Duration;

use crate::crypto::aead::Key;
use crate::crypto::{self, hex};
use crate::package;
use crate::protocol::batch::{Batch, Contents, Receipt};
use crate::protocol::handover::{Carried, Claim, Handover, HandoverError};
use crate::protocol::packages::PackageInfo;
use crate::protocol::release::{KeyRelease, StartRequest};
use crate::protocol::roster::SignedRoster;
use crate::protocol::{API, Refusal, auth};
use crate::station::identity::Identity;
use crate::station::settings::Settings;
use crate::sync::tls::{self, ClientError};

/// How long one request may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The file the roster is kept in, in the data directory.
pub const ROSTER_FILE: &str = "roster.json";

/// The folder packages are kept in, in the data directory.
pub const PACKAGES_DIR: &str = "packages";

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
    #[error("the answer is not signed by this station's center")]
    Unsigned,
    #[error("the center moved this session to seat {seat}: {message}")]
    Moved { seat: String, message: String },
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
    center_agree: [u8; 32],
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
        let center_agree =
            hex::decode::<32>(&settings.center.agree_public).map_err(|_| LinkError::Settings)?;
        let (client, _) = tls::client(Some(pin), TIMEOUT)?;
        Ok(Link {
            client,
            url: settings.center.url.trim_end_matches('/').to_owned(),
            station: settings.station.clone(),
            center,
            center_agree,
            identity,
        })
    }

    /// Whether `typed` is the one-time code the center makes for this station and `challenge`
    /// at `unix_secs` (`protocol::unlock`).
    pub fn unlock_code_opens(&self, challenge: &str, typed: &str, unix_secs: u64) -> bool {
        self.identity
            .unlock_secret(&self.center_agree)
            .is_ok_and(|secret| {
                crate::protocol::unlock::check(&secret, &self.station, challenge, typed, unix_secs)
            })
    }

    /// A signed GET of `path` (under the API prefix); the body of a successful answer.
    async fn get(&self, path: &str) -> Result<Vec<u8>, LinkError> {
        self.request("GET", path, Vec::new()).await
    }

    /// A signed request; the body of a successful answer.
    async fn request(&self, method: &str, path: &str, body: Vec<u8>) -> Result<Vec<u8>, LinkError> {
        let path = format!("{API}{path}");
        let time = i64::try_from(crate::journal::store::now_ms()).unwrap_or(i64::MAX);
        let signature = self
            .identity
            .sign(&auth::message(method, &path, time, &body));
        let unreachable = |e: &reqwest::Error| LinkError::Unreachable {
            url: self.url.clone(),
            detail: chain(e),
        };
        let builder = if method == "POST" {
            self.client
                .post(format!("{}{path}", self.url))
                .header("content-type", "application/json")
                .body(body)
        } else {
            self.client.get(format!("{}{path}", self.url))
        };
        let response = builder
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
                seat: None,
            });
            if refusal.error == "moved" {
                return Err(LinkError::Moved {
                    seat: refusal.seat.unwrap_or_default(),
                    message: refusal.message,
                });
            }
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

impl Link {
    /// The key of package `seal_id` for candidate `iin`, released by the center at the start of
    /// the candidate's session (once per candidate) and opened with the station's key.
    pub async fn start(&self, seal_id: &str, iin: &str) -> Result<Key, LinkError> {
        let request = StartRequest {
            seal_id: seal_id.to_owned(),
            iin: iin.to_owned(),
        };
        let body = serde_json::to_vec(&request).map_err(|e| LinkError::BadReply(e.to_string()))?;
        let reply = self.request("POST", "/start", body).await?;
        let release: KeyRelease =
            serde_json::from_slice(&reply).map_err(|e| LinkError::BadReply(e.to_string()))?;
        release
            .verify(&self.center, &self.station, &request)
            .map_err(|_| LinkError::Unsigned)?;
        let ephemeral = hex::decode::<32>(&release.ephemeral).map_err(|_| LinkError::Unsigned)?;
        let sealed = hex::decode_vec(&release.sealed_key).map_err(|_| LinkError::Unsigned)?;
        let context = KeyRelease::context(&self.station, seal_id, iin);
        let key = self
            .identity
            .open_sealed(&ephemeral, &context, &sealed)
            .map_err(|_| LinkError::Unsigned)?;
        let key: [u8; 32] = key.try_into().map_err(|_| LinkError::Unsigned)?;
        Ok(Key::from_bytes(key))
    }

    /// Whether the center answers (its health check, signed like every request).
    pub async fn health(&self) -> Result<(), LinkError> {
        self.get("/health").await.map(drop)
    }

    /// Sends the station's heartbeat; whether a session moved here waits to be taken over.
    pub async fn status(
        &self,
        status: &crate::protocol::status::StationStatus,
    ) -> Result<bool, LinkError> {
        let body = serde_json::to_vec(status).map_err(|e| LinkError::BadReply(e.to_string()))?;
        let reply = self.request("POST", "/status", body).await?;
        let health: crate::protocol::Health =
            serde_json::from_slice(&reply).map_err(|e| LinkError::BadReply(e.to_string()))?;
        Ok(health.handover)
    }

    /// The session moved to this station, checked against the center's key and opened with
    /// the station's (`protocol::handover`); the center answers `no-handover` when none waits.
    pub async fn handover(&self) -> Result<(Handover, Carried), LinkError> {
        let reply = self.request("POST", "/handover", b"{}".to_vec()).await?;
        self.open_handover(&reply)
    }

    /// Asks the center to move the session of the candidate with `ticket` here (the proctor at
    /// this station, after the PIN), and opens the handover it answers with.
    pub async fn claim(
        &self,
        ticket: &str,
        reason: &str,
    ) -> Result<(Handover, Carried), LinkError> {
        let body = serde_json::to_vec(&Claim {
            ticket: ticket.to_owned(),
            reason: reason.to_owned(),
        })
        .map_err(|e| LinkError::BadReply(e.to_string()))?;
        let reply = self.request("POST", "/move", body).await?;
        self.open_handover(&reply)
    }

    fn open_handover(&self, reply: &[u8]) -> Result<(Handover, Carried), LinkError> {
        let handover: Handover =
            serde_json::from_slice(reply).map_err(|e| LinkError::BadReply(e.to_string()))?;
        let carried = handover
            .open(&self.center, &self.station, |eph, ctx, sealed| {
                self.identity.open_sealed(eph, ctx, sealed)
            })
            .map_err(|e| match e {
                HandoverError::Contents(why) => LinkError::BadReply(why),
                _ => LinkError::Unsigned,
            })?;
        Ok((handover, carried))
    }

    /// The station's name.
    pub fn station(&self) -> &str {
        &self.station
    }

    /// Seals `contents` to the center and signs the batch with the station's key.
    pub fn seal_batch(&self, contents: &Contents) -> Result<Batch, LinkError> {
        Batch::seal(&self.station, contents, &self.center_agree, |m| {
            self.identity.sign(m)
        })
        .map_err(|e| LinkError::BadReply(format!("the batch cannot be sealed: {e}")))
    }

    /// Posts a batch; the center's receipt, checked against its key, this station and session.
    pub async fn post_batch(&self, batch: &Batch) -> Result<Receipt, LinkError> {
        let body = serde_json::to_vec(batch).map_err(|e| LinkError::BadReply(e.to_string()))?;
        let reply = self.request("POST", "/events", body).await?;
        let receipt: Receipt =
            serde_json::from_slice(&reply).map_err(|e| LinkError::BadReply(e.to_string()))?;
        receipt
            .verify(&self.center, &self.station, &batch.session)
            .map_err(|_| LinkError::Unsigned)?;
        Ok(receipt)
    }

    /// The packages the center offers this station.
    pub async fn packages(&self) -> Result<Vec<PackageInfo>, LinkError> {
        let body = self.get("/packages").await?;
        serde_json::from_slice(&body).map_err(|e| LinkError::BadReply(e.to_string()))
    }

    /// Downloads a package and checks it: the hash the list named, the center's signature, and
    /// the header naming the same package and seal.
    pub async fn package(&self, info: &PackageInfo) -> Result<Vec<u8>, LinkError> {
        if published_path(Path::new(""), &info.seal_id).is_none() {
            return Err(LinkError::BadReply(format!("seal id {:?}", info.seal_id)));
        }
        let bytes = self.get(&format!("/packages/{}", info.seal_id)).await?;
        if hex::encode(&crypto::sha256(&bytes)) != info.sha256 {
            return Err(LinkError::BadReply(format!(
                "package {} arrived changed (its hash differs)",
                info.package_id
            )));
        }
        let header =
            package::read_header(&bytes, Some(&self.center)).map_err(|_| LinkError::Unsigned)?;
        if header.seal_id != info.seal_id || header.package_id != info.package_id {
            return Err(LinkError::BadReply(format!(
                "package {} is not the one listed",
                info.package_id
            )));
        }
        Ok(bytes)
    }
}

/// Where a station keeps a package: `DIR/packages/SEAL.pkg`.
fn published_path(dir: &Path, seal_id: &str) -> Option<std::path::PathBuf> {
    let ok = !seal_id.is_empty()
        && seal_id.len() <= 64
        && seal_id.bytes().all(|b| b.is_ascii_hexdigit());
    ok.then(|| dir.join(PACKAGES_DIR).join(format!("{seal_id}.pkg")))
}

/// Keeps a checked package in `dir` (beside it first, then renamed); whether it was new.
pub fn save_package(dir: &Path, info: &PackageInfo, bytes: &[u8]) -> Result<bool, LinkError> {
    let path = published_path(dir, &info.seal_id)
        .ok_or_else(|| LinkError::BadReply(format!("seal id {:?}", info.seal_id)))?;
    let io = |e: std::io::Error| LinkError::Io(path.display().to_string(), e.to_string());
    let new = !path.exists();
    std::fs::create_dir_all(dir.join(PACKAGES_DIR)).map_err(io)?;
    let tmp = path.with_extension("pkg.tmp");
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, &path).map_err(io)?;
    Ok(new)
}

/// Whether the package is already kept in `dir` as listed (same hash).
pub fn has_package(dir: &Path, info: &PackageInfo) -> bool {
    published_path(dir, &info.seal_id)
        .and_then(|p| std::fs::read(p).ok())
        .is_some_and(|bytes| hex::encode(&crypto::sha256(&bytes)) == info.sha256)
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
