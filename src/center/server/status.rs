//! `POST /v1/status`: a station's heartbeat, signed like every station request. The center keeps
//! the latest one per station (what its readiness check found wanting, what waits in its outbox)
//! for the hall dashboard, and answers with its health.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{Center, blocking, now_ms, refuse, station_of};
use crate::protocol::API;
use crate::protocol::status::StationStatus;

pub(super) async fn post(
    State(center): State<Center>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = format!("{API}/status");
    let station = match station_of(&center, &headers, "POST", &path, &body).await {
        Ok(s) => s,
        Err(refusal) => return refusal,
    };
    let status = match serde_json::from_slice::<StationStatus>(&body) {
        Ok(s) => s,
        Err(e) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "bad-request",
                format!("not a heartbeat: {e}"),
            );
        }
    };
    if let Err(e) = status.check() {
        return refuse(StatusCode::BAD_REQUEST, "bad-request", e.to_string());
    }
    let Ok(kept) = serde_json::to_string(&status) else {
        return refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the heartbeat cannot be kept",
        );
    };
    let now = now_ms();
    let name = station.name.clone();
    let waits = match blocking(&center, move |s| {
        s.put_status(&name, &kept, now)?;
        s.moves_to(&name)
    })
    .await
    {
        Ok(moves) => !moves.is_empty(),
        Err(refusal) => return refusal,
    };
    // No signal to the live pages: they render every few seconds anyway, and 500 stations'
    // heartbeats would make them render 30 times a second for a changed "heard … ago".
    Json(center.health(waits)).into_response()
}
