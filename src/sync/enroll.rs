//! Enrolling a station: it makes its keys (see `station::identity`), proves to the center that
//! it holds the one-time code, registers its public keys, and takes the center's keys and
//! certificate hash from a reply authenticated by the same code. The certificate the TLS
//! handshake showed must be the one the reply names; from then on the station trusts only it.

use std::time::Duration;

use crate::crypto::{hex, sign};
use crate::protocol::enroll::{self, EnrollReply, EnrollRequest};
use crate::protocol::{API, Refusal};
use crate::station::identity::Identity;
use crate::station::settings::CenterLink;
use crate::sync::tls::{self, ClientError};

/// How long an enrollment request may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// Why enrollment failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum EnrollError {
    #[error("{0:?} is not an enrollment code (20 letters and digits, as ABCD-EFGH-JKMN-PQRS-TVWX)")]
    BadCode(String),
    #[error("the center's address must start with https:// ({0})")]
    BadUrl(String),
    #[error("the center cannot be reached at {url}: {detail}")]
    Unreachable { url: String, detail: String },
    #[error("the center refused: {message} ({error})")]
    Refused { error: String, message: String },
    #[error("the center's answer is not valid: {0}")]
    BadReply(String),
    #[error(
        "the answer is not authenticated by this code: it did not come from the center that made it"
    )]
    NotGenuine,
    #[error(
        "the certificate shown is not the one the center vouched for: something stands between this station and the center"
    )]
    CertMismatch,
    #[error("{0}")]
    Client(#[from] ClientError),
}

/// What enrollment established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolled {
    /// The station name the code was made for.
    pub station: String,
    /// Its seat.
    pub seat: String,
    /// The center, with what the station pins.
    pub center: CenterLink,
}

/// The full chain of causes of an error, on one line.
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

/// Enrolls the station with `identity` at the center at `url` with `code`.
pub async fn enroll(url: &str, code: &str, identity: &Identity) -> Result<Enrolled, EnrollError> {
    let normalized =
        enroll::normalize(code).ok_or_else(|| EnrollError::BadCode(code.to_owned()))?;
    let url = url.trim_end_matches('/');
    if !url.starts_with("https://") {
        return Err(EnrollError::BadUrl(url.to_owned()));
    }
    let key = enroll::code_key(&normalized);
    let code_id = enroll::code_id(&normalized).to_owned();
    let (signing, agree) = (
        hex::encode(&identity.signing_public()),
        hex::encode(&identity.agree_public()),
    );
    let request = EnrollRequest {
        proof: hex::encode(&enroll::proof(&key, &code_id, &signing, &agree)),
        code_id,
        signing_public: signing,
        agree_public: agree,
    };
    let (client, pin) = tls::client(None, TIMEOUT)?;
    let unreachable = |e: &reqwest::Error| EnrollError::Unreachable {
        url: url.to_owned(),
        detail: chain(e),
    };
    let response = client
        .post(format!("{url}{API}/enroll"))
        .json(&request)
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
        return Err(EnrollError::Refused {
            error: refusal.error,
            message: refusal.message,
        });
    }
    let reply: EnrollReply =
        serde_json::from_slice(&body).map_err(|e| EnrollError::BadReply(e.to_string()))?;
    if !enroll::reply_is_genuine(&key, &request, &reply) {
        return Err(EnrollError::NotGenuine);
    }
    let vouched = hex::decode::<32>(&reply.cert_sha256)
        .map_err(|_| EnrollError::BadReply("the certificate hash is not 32 bytes".to_owned()))?;
    if pin.seen() != Some(vouched) {
        return Err(EnrollError::CertMismatch);
    }
    let signing_public = hex::decode::<32>(&reply.center_signing_public)
        .map_err(|_| EnrollError::BadReply("the center's key is not 32 bytes".to_owned()))?;
    hex::decode::<32>(&reply.center_agree_public).map_err(|_| {
        EnrollError::BadReply("the center's agreement key is not 32 bytes".to_owned())
    })?;
    Ok(Enrolled {
        station: reply.station,
        seat: reply.seat,
        center: CenterLink {
            url: url.to_owned(),
            key_id: sign::key_id(&signing_public),
            signing_public: reply.center_signing_public,
            agree_public: reply.center_agree_public,
            cert_sha256: reply.cert_sha256,
        },
    })
}
