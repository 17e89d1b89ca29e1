//! The center's HTTPS API (axum over rustls with the ring provider): a health check and
//! enrollment today; rosters, packages, key release and event batches come next. Handlers do no
//! blocking work on the async threads: storage runs on the blocking pool. Every refusal is a
//! clear status with a `Refusal` body, and is logged.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::Path as UrlPath;
use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

use super::KeyStore;
use super::identity::ServerIdentity;
use super::published;
use super::store::{Station, Store, StoreError};
use crate::crypto::hex;
use crate::crypto::{self, sign};
use crate::protocol::auth;
use crate::protocol::enroll::{self, EnrollReply, EnrollRequest};
use crate::protocol::packages::PackageInfo;
use crate::protocol::release::{KeyRelease, StartRequest};
use crate::protocol::roster::RosterRow;
use crate::protocol::roster::SignedRoster;
use crate::protocol::{API, Health, Refusal};
use axum::body::Bytes;

mod events;
mod handover;
pub mod limits;
mod status;

/// Largest request body the center reads.
pub const BODY_LIMIT: usize = 256 * 1024;

/// What every handler reads.
#[derive(Clone)]
pub struct Center {
    dir: PathBuf,
    store: Arc<dyn Store>,
    signing_public: [u8; 32],
    keys: Arc<KeyStore>,
    identity: Arc<ServerIdentity>,
    /// The dashboard's view of the halls.
    halls: Arc<super::hall::Halls>,
    /// Told each time a batch adds records (the dashboard's live pages listen).
    changed: tokio::sync::broadcast::Sender<()>,
    /// How often the hall pages are rendered again with no batch to prompt it.
    refresh: std::time::Duration,
}

impl Center {
    /// The center with key store `keys`, over `store`, with its server identity.
    pub fn new(keys: KeyStore, store: Arc<dyn Store>, identity: ServerIdentity) -> Center {
        let keys = Arc::new(keys);
        let dir = keys.dir().to_owned();
        let changed = tokio::sync::broadcast::channel(16).0;
        // Records other processes keep in a shared store count as this one's own.
        store.watch(tokio::sync::broadcast::Sender::clone(&changed));
        Center {
            halls: Arc::new(super::web::halls_for(dir.clone(), Arc::clone(&keys))),
            dir,
            store,
            signing_public: keys.public(),
            keys,
            identity: Arc::new(identity),
            changed,
            refresh: super::web::live::EVERY,
        }
    }

    /// The same center, its hall pages rendered again at least every `refresh` with no batch
    /// to prompt it.
    #[must_use]
    pub fn with_refresh(mut self, refresh: std::time::Duration) -> Center {
        self.refresh = refresh;
        self
    }

    /// How often the hall pages are rendered again with no batch to prompt it.
    pub fn refresh(&self) -> std::time::Duration {
        self.refresh
    }

    /// The store.
    pub fn store(&self) -> Arc<dyn Store> {
        Arc::clone(&self.store)
    }

    /// The dashboard's view of the halls.
    pub fn halls(&self) -> Arc<super::hall::Halls> {
        Arc::clone(&self.halls)
    }

    /// The center's health, saying whether a handover waits for the station that asked.
    fn health(&self, handover: bool) -> Health {
        Health {
            center: sign::key_id(&self.signing_public),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            handover,
        }
    }

    /// A receiver told of every batch that adds records.
    pub fn changes(&self) -> tokio::sync::broadcast::Receiver<()> {
        self.changed.subscribe()
    }
}

/// The API's routes.
pub fn router(center: Center) -> Router {
    Router::new()
        .route(&format!("{API}/health"), get(health))
        .route(&format!("{API}/enroll"), post(enroll))
        .route(&format!("{API}/roster"), get(roster))
        .route(&format!("{API}/packages"), get(packages))
        .route(&format!("{API}/packages/{{seal}}"), get(package_file))
        .route(&format!("{API}/start"), post(start))
        .route(&format!("{API}/events"), post(events::post))
        .route(&format!("{API}/status"), post(status::post))
        .route(&format!("{API}/handover"), post(handover::post))
        .route(&format!("{API}/move"), post(handover::claim))
        .merge(super::web::routes())
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(center)
}

/// Serves the API on `listener` (already bound) until the process ends, with at most
/// `max_connections` open at once and the timeouts of `limits`.
pub async fn serve(
    listener: std::net::TcpListener,
    center: Center,
    tls: rustls::ServerConfig,
    max_connections: usize,
) -> std::io::Result<()> {
    // A std listener left blocking hangs every request.
    listener.set_nonblocking(true)?;
    let config = axum_server::tls_rustls::RustlsConfig::from_config(Arc::new(tls));
    let acceptor = axum_server::tls_rustls::RustlsAcceptor::new(config)
        .handshake_timeout(limits::HANDSHAKE_TIMEOUT)
        .acceptor(limits::Limited::new(max_connections));
    let mut server = axum_server::from_tcp(listener)?.acceptor(acceptor);
    server
        .http_builder()
        .http1()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(limits::HEADER_TIMEOUT);
    let app = router(center).layer(tower_http::timeout::TimeoutLayer::with_status_code(
        StatusCode::REQUEST_TIMEOUT,
        limits::REQUEST_TIMEOUT,
    ));
    server.serve(app.into_make_service()).await
}

/// A refusal: its status, a stable code and a sentence, logged.
fn refuse(status: StatusCode, error: &str, message: impl Into<String>) -> Response {
    let message = message.into();
    tracing::warn!(status = status.as_u16(), error, message = %message, "request refused");
    let body = Refusal {
        error: error.to_owned(),
        message,
        seat: None,
    };
    (status, Json(body)).into_response()
}

fn now_ms() -> i64 {
    i64::try_from(crate::journal::store::now_ms()).unwrap_or(i64::MAX)
}

async fn health(State(center): State<Center>) -> Json<Health> {
    Json(center.health(false))
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

/// Runs a storage call on the blocking pool.
async fn blocking<T: Send + 'static>(
    center: &Center,
    call: impl FnOnce(&dyn Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, Response> {
    let store = Arc::clone(&center.store);
    match tokio::task::spawn_blocking(move || call(store.as_ref())).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(store_refusal(&e)),
        Err(e) => Err(refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("storage failed: {e}"),
        )),
    }
}

/// Checks a station's signed request: an enrolled station, its key's signature over this
/// method, path, time and body, and a time near the center's.
async fn station_of(
    center: &Center,
    headers: &HeaderMap,
    method: &str,
    path: &str,
    body: &[u8],
) -> Result<Station, Response> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let unauthorized = |message: String| refuse(StatusCode::UNAUTHORIZED, "not-a-station", message);
    let name = header(auth::STATION);
    let Ok(time) = header(auth::TIME).parse::<i64>() else {
        return Err(unauthorized(
            "the request carries no station time".to_owned(),
        ));
    };
    let Ok(signature) = hex::decode::<64>(&header(auth::SIGNATURE)) else {
        return Err(unauthorized("the request is not signed".to_owned()));
    };
    let who = name.clone();
    let Some(station) = blocking(center, move |s| s.station(&who)).await? else {
        return Err(unauthorized(format!(
            "no station {name:?} is enrolled here"
        )));
    };
    let message = auth::message(method, path, time, body);
    if sign::verify(&station.signing_public, &message, &signature).is_err() {
        return Err(unauthorized(format!(
            "the signature is not station {name}'s enrolled key"
        )));
    }
    let skew = time.saturating_sub(now_ms());
    if skew.abs() > auth::SKEW_MS {
        return Err(refuse(
            StatusCode::UNAUTHORIZED,
            "clock",
            format!(
                "the station's clock is {} minutes off the center's: set the station's time",
                skew / 60_000
            ),
        ));
    }
    Ok(station)
}

async fn roster(State(center): State<Center>, headers: HeaderMap) -> Response {
    let path = format!("{API}/roster");
    let station = match station_of(&center, &headers, "GET", &path, b"").await {
        Ok(s) => s,
        Err(refusal) => return refusal,
    };
    let hall = station.hall.clone();
    let rows = match blocking(&center, move |s| s.roster(&hall)).await {
        Ok(rows) => rows,
        Err(refusal) => return refusal,
    };
    let mut signed = SignedRoster {
        station: station.name.clone(),
        hall: station.hall.clone(),
        issued_ms: now_ms(),
        rows,
        signature: String::new(),
    };
    signed.signature = hex::encode(&center.keys.signer().sign(&signed.signed_bytes()));
    tracing::info!(
        station = %station.name,
        hall = %station.hall,
        candidates = signed.rows.len(),
        "roster sent"
    );
    Json(signed).into_response()
}

/// The published packages in the formats of a station's hall roster.
async fn offered(center: &Center, station: &Station) -> Result<Vec<PackageInfo>, Response> {
    let hall = station.hall.clone();
    let rows = blocking(center, move |s| s.roster(&hall)).await?;
    let formats: std::collections::BTreeSet<String> = rows.into_iter().map(|r| r.format).collect();
    let (dir, signer) = (center.dir.clone(), center.signing_public);
    let listed = tokio::task::spawn_blocking(move || published::list(&dir, &signer)).await;
    match listed {
        Ok(Ok(all)) => Ok(all
            .into_iter()
            .filter(|p| formats.contains(&p.format))
            .collect()),
        Ok(Err(e)) => Err(refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("the published packages cannot be read: {e}"),
        )),
        Err(e) => Err(refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            e.to_string(),
        )),
    }
}

async fn packages(State(center): State<Center>, headers: HeaderMap) -> Response {
    let path = format!("{API}/packages");
    let station = match station_of(&center, &headers, "GET", &path, b"").await {
        Ok(s) => s,
        Err(refusal) => return refusal,
    };
    match offered(&center, &station).await {
        Ok(list) => Json(list).into_response(),
        Err(refusal) => refusal,
    }
}

async fn package_file(
    State(center): State<Center>,
    UrlPath(seal_id): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    let path = format!("{API}/packages/{seal_id}");
    let station = match station_of(&center, &headers, "GET", &path, b"").await {
        Ok(s) => s,
        Err(refusal) => return refusal,
    };
    let offered = match offered(&center, &station).await {
        Ok(list) => list,
        Err(refusal) => return refusal,
    };
    let file = published::path(&center.dir, &seal_id)
        .filter(|_| offered.iter().any(|p| p.seal_id == seal_id));
    let Some(file) = file else {
        return refuse(
            StatusCode::NOT_FOUND,
            "no-package",
            format!("no package {seal_id} is offered to this station"),
        );
    };
    match tokio::fs::read(&file).await {
        Ok(bytes) => {
            tracing::info!(station = %station.name, seal = %seal_id, "package sent");
            ([(header::CONTENT_TYPE, "application/octet-stream")], bytes).into_response()
        }
        Err(e) => refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("{}: {e}", file.display()),
        ),
    }
}

/// Before the start time a key is released this early at most; after it, this late at most.
const EARLY_MS: i64 = 30 * 60_000;
/// See `EARLY_MS`.
const LATE_MS: i64 = 4 * 60 * 60_000;

/// Whether now (the center's local time) is inside a candidate's window around its start.
fn in_window(row: &RosterRow, now: chrono::NaiveDateTime) -> bool {
    let start = chrono::NaiveDateTime::parse_from_str(
        &format!("{} {}", row.date, row.start),
        "%Y-%m-%d %H:%M",
    );
    start.is_ok_and(|start| {
        let from = start - chrono::Duration::milliseconds(EARLY_MS);
        let until = start + chrono::Duration::milliseconds(LATE_MS);
        from <= now && now <= until
    })
}

async fn start(State(center): State<Center>, headers: HeaderMap, body: Bytes) -> Response {
    let path = format!("{API}/start");
    let station = match station_of(&center, &headers, "POST", &path, &body).await {
        Ok(s) => s,
        Err(refusal) => return refusal,
    };
    let Ok(request) = serde_json::from_slice::<StartRequest>(&body) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "not a start request",
        );
    };
    let hall = station.hall.clone();
    let rows = match blocking(&center, move |s| s.roster(&hall)).await {
        Ok(rows) => rows,
        Err(refusal) => return refusal,
    };
    let Some(row) = rows.into_iter().find(|r| r.iin == request.iin) else {
        return refuse(
            StatusCode::FORBIDDEN,
            "not-on-roster",
            "this candidate is not on the roster of this station's hall",
        );
    };
    let offered = match offered(&center, &station).await {
        Ok(list) => list,
        Err(refusal) => return refusal,
    };
    let Some(package) = offered.into_iter().find(|p| p.seal_id == request.seal_id) else {
        return refuse(
            StatusCode::NOT_FOUND,
            "no-package",
            format!("no package {} is offered to this station", request.seal_id),
        );
    };
    if package.format != row.format {
        return refuse(
            StatusCode::FORBIDDEN,
            "wrong-format",
            format!("this candidate sits {}, not {}", row.format, package.format),
        );
    }
    // Samples are for drills: any time. A real test only around its start.
    if !package.sample && !in_window(&row, chrono::Local::now().naive_local()) {
        return refuse(
            StatusCode::FORBIDDEN,
            "window",
            format!(
                "this candidate's test starts {} {}: its key is released from 30 minutes before",
                row.date, row.start
            ),
        );
    }
    let key = match center.keys.package_key(&request.seal_id) {
        Ok(key) => key,
        Err(e) => {
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string());
        }
    };
    let context = KeyRelease::context(&station.name, &request.seal_id, &request.iin);
    let Ok((ephemeral, sealed)) =
        crypto::agree::seal_to(&station.agree_public, &context, key.as_bytes())
    else {
        return refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the key cannot be sealed to this station",
        );
    };
    let (iin, name, seal) = (
        request.iin.clone(),
        station.name.clone(),
        request.seal_id.clone(),
    );
    let now = now_ms();
    match blocking(&center, move |s| s.release(&iin, &name, &seal, now)).await {
        Ok(()) => {}
        Err(refusal) => return refusal,
    }
    let mut release = KeyRelease {
        station: station.name.clone(),
        seal_id: request.seal_id,
        iin: request.iin,
        released_ms: now,
        ephemeral: hex::encode(&ephemeral),
        sealed_key: hex::encode(&sealed),
        signature: String::new(),
    };
    release.signature = hex::encode(&center.keys.signer().sign(&release.signed_bytes()));
    tracing::info!(station = %station.name, seal = %release.seal_id, "package key released");
    Json(release).into_response()
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
        StoreError::AlreadyReleased(to) => refuse(
            StatusCode::CONFLICT,
            "already-sat",
            format!("this candidate's test was already started, on station {to}"),
        ),
        StoreError::Foreign { .. } => {
            refuse(StatusCode::FORBIDDEN, "not-your-session", e.to_string())
        }
        StoreError::Mismatch(_) => refuse(StatusCode::CONFLICT, "session-mismatch", e.to_string()),
        StoreError::Moved { seat, .. } => {
            tracing::warn!(error = %e, "security: a moved session's old station posted to it");
            let body = Refusal {
                error: "moved".to_owned(),
                message: e.to_string(),
                seat: Some(seat.clone()),
            };
            (StatusCode::CONFLICT, Json(body)).into_response()
        }
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
