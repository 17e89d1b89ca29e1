//! `POST /v1/handover`: a spare station asks for the session moved to it (a seat swap). The
//! request is signed like every station request; the answer is the oldest move to this station
//! it has not carried on yet, sealed to the station and signed (`center::moves::handover`), or
//! 404 `no-handover`. Asking again before the station carries it on gets the same session.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{Center, blocking, refuse, station_of};
use crate::center::moves;
use crate::protocol::API;

pub(super) async fn post(
    State(center): State<Center>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = format!("{API}/handover");
    let station = match station_of(&center, &headers, "POST", &path, &body).await {
        Ok(s) => s,
        Err(refusal) => return refusal,
    };
    let name = station.name.clone();
    let Some(moved) = (match blocking(&center, move |s| s.moves_to(&name)).await {
        Ok(moves) => moves.into_iter().next(),
        Err(refusal) => return refusal,
    }) else {
        return refuse(
            StatusCode::NOT_FOUND,
            "no-handover",
            "no session was moved to this station",
        );
    };
    let store = center.store();
    let keys = std::sync::Arc::clone(&center.keys);
    let made =
        tokio::task::spawn_blocking(move || moves::handover(store.as_ref(), &keys, &moved)).await;
    match made {
        Ok(Ok(handover)) => {
            tracing::info!(station = %station.name, session = %handover.session, from = %handover.from_station, records = handover.head_seq + 1, "moved session handed over");
            Json(handover).into_response()
        }
        Ok(Err(e)) => refuse(StatusCode::CONFLICT, "no-handover", e.to_string()),
        Err(e) => refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("the handover failed: {e}"),
        ),
    }
}
