//! The center's HTTPS API (axum over rustls with the ring provider): a health check and
//! enrollment today; rosters, packages, key release and event batches come next. Handlers do no
//! blocking work on the async threads: storage runs on the blocking pool. Every refusal is a
//! clear status with a `Refusal` body, and is logged.

use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

use super::identity::ServerIdentity;
use super::store::{Store, StoreError};
use crate::crypto::{hex, sign};
use crate::protocol::enroll::{self, EnrollReply, EnrollRequest};
use crate::protocol::{API, Health, Refusal};

/// Largest request body the center reads.
pub const BODY_LIMIT: usize = 256 * 1024;

/// What every handler reads.
#[derive(Clone)]
pub struct Center {
    store: Arc<dyn Store>,
    signing_public: [u8; 32],
    identity: Arc<ServerIdentity>,
}

impl Center {
    /// A center over `store`, with its signing key's public half and its server identity.
    pub fn new(
        store: Arc<dyn Store>,
        signing_public: [u8; 32],
        identity: ServerIdentity,
    ) -> Center {
        Center {
            store,
            signing_public,
            identity: Arc::new(identity),
        }
    }
}

/// The API's routes.
pub fn router(center: Center) -> Router {
    Router::new()
        .route(&format!("{API}/health"), get(health))
        .route(&format!("{API}/enroll"), post(enroll))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(center)
}

/// Serves the API on `listener` (already bound) until the process ends.
pub async fn serve(
    listener: std::net::TcpListener,
    center: Center,
    tls: rustls::ServerConfig,
) -> std::io::Result<()> {
    // A std listener left blocking hangs every request.
    listener.set_nonblocking(true)?;
    let config = axum_server::tls_rustls::RustlsConfig::from_config(Arc::new(tls));
    axum_server::from_tcp_rustls(listener, config)?
        .serve(router(center).into_make_service())
        .await
}

/// A refusal: its status, a stable code and a sentence, logged.
fn refuse(status: StatusCode, error: &str, message: impl Into<String>) -> Response {
    let message = message.into();
    tracing::warn!(status = status.as_u16(), error, message = %message, "request refused");
    let body = Refusal {
        error: error.to_owned(),
        message,
    };
    (status, Json(body)).into_response()
}

fn now_ms() -> i64 {
    i64::try_from(crate::journal::store::now_ms()).unwrap_or(i64::MAX)
}

async fn health(State(center): State<Center>) -> Json<Health> {
    Json(Health {
        center: sign::key_id(&center.signing_public),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    })
}

async fn enroll(
    State(center): State<Center>,
    body: Result<Json<EnrollRequest>, JsonRejection>,
) -> Response {
    let request = match body {
        Ok(Json(request)) => request,
        Err(e) => return refuse(e.status(), "bad-request", e.body_text()),
    };
    let keys = (
        hex::decode::<32>(&request.signing_public),
        hex::decode::<32>(&request.agree_public),
    );
    let (Ok(signing), Ok(agree)) = keys else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "the station's keys must be 32 bytes each, in hex",
        );
    };
    let store = Arc::clone(&center.store);
    let checked = request.clone();
    let redeemed = tokio::task::spawn_blocking(move || {
        store.redeem(
            &checked.code_id,
            now_ms(),
            &|key| enroll::proves(key, &checked),
            signing,
            agree,
        )
    })
    .await;
    let redeemed = match redeemed {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => return store_refusal(&e),
        Err(e) => {
            return refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                format!("enrollment failed: {e}"),
            );
        }
    };
    let mut reply = EnrollReply {
        station: redeemed.station.name.clone(),
        seat: redeemed.station.seat.clone(),
        center_signing_public: hex::encode(&center.signing_public),
        center_agree_public: hex::encode(&center.identity.agree_public()),
        cert_sha256: hex::encode(&center.identity.cert_sha256()),
        mac: String::new(),
    };
    reply.mac = hex::encode(&enroll::reply_mac(&redeemed.key, &request, &reply));
    tracing::info!(station = %reply.station, seat = %reply.seat, "station enrolled");
    Json(reply).into_response()
}

fn store_refusal(e: &StoreError) -> Response {
    match e {
        StoreError::NoCode | StoreError::WrongCode => refuse(
            StatusCode::FORBIDDEN,
            "wrong-code",
            "this enrollment code is not known to this center",
        ),
        StoreError::CodeUsed => refuse(
            StatusCode::FORBIDDEN,
            "code-used",
            "this enrollment code was already used; make a new one",
        ),
        StoreError::CodeExpired => refuse(
            StatusCode::FORBIDDEN,
            "code-expired",
            "this enrollment code has expired; make a new one",
        ),
        other => refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            other.to_string(),
        ),
    }
}
