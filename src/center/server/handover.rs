//! A seat swap from the spare station's side, both requests signed like every station request.
//! `POST /v1/handover`: the session moved to this station (`ustudy-center move`); the answer is
//! the oldest move to it not carried on yet, sealed to the station and signed
//! (`center::moves::handover`), or 404 `no-handover`; asking again before the station carries
//! it on gets the same session. `POST /v1/move`: the proctor at the spare station names the
//! candidate by ticket (`protocol::handover::Claim`); the center moves the session here, fencing
//! the old station, and answers with the handover at once.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{Center, blocking, refuse, station_of};
use crate::center::moves::{self, MoveError};
use crate::center::store::{Move, StoreError};
use crate::protocol::API;
use crate::protocol::handover::Claim;

/// The longest reason a station may give for a move, in characters.
const MAX_REASON: usize = 500;

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
    hand_over(&center, &station.name, moved).await
}

/// The handover of `moved`, or why not.
async fn hand_over(center: &Center, station: &str, moved: Move) -> Response {
    let store = center.store();
    let keys = std::sync::Arc::clone(&center.keys);
    let made =
        tokio::task::spawn_blocking(move || moves::handover(store.as_ref(), &keys, &moved)).await;
    match made {
        Ok(Ok(handover)) => {
            tracing::info!(station = %station, session = %handover.session, from = %handover.from_station, records = handover.head_seq + 1, "moved session handed over");
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

pub(super) async fn claim(
    State(center): State<Center>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = format!("{API}/move");
    let station = match station_of(&center, &headers, "POST", &path, &body).await {
        Ok(s) => s,
        Err(refusal) => return refusal,
    };
    let Ok(claim) = serde_json::from_slice::<Claim>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, "bad-request", "not a claim");
    };
    // Every move says why, as at the command line; the station's screen asks for it too.
    if claim.reason.trim().is_empty() || claim.reason.chars().count() > MAX_REASON {
        return refuse(
            StatusCode::BAD_REQUEST,
            "no-reason",
            format!("a move needs a reason of 1 to {MAX_REASON} characters"),
        );
    }
    let ticket = claim.ticket.trim().to_uppercase();
    let hall = station.hall.clone();
    let rows = match blocking(&center, move |s| s.roster(&hall)).await {
        Ok(rows) => rows,
        Err(refusal) => return refusal,
    };
    let Some(row) = rows
        .into_iter()
        .find(|r| !ticket.is_empty() && r.ticket.trim().to_uppercase() == ticket)
    else {
        return refuse(
            StatusCode::NOT_FOUND,
            "no-candidate",
            "no candidate with this ticket is on this station's hall roster",
        );
    };
    let reason = format!(
        "{} (the proctor at station {})",
        claim.reason.trim(),
        station.name
    );
    let (iin, to) = (row.iin.clone(), station.name.clone());
    let store = center.store();
    let moved = tokio::task::spawn_blocking(move || {
        moves::move_candidate(store.as_ref(), &iin, &to, &reason, super::now_ms())
    })
    .await;
    let moved = match moved {
        Ok(Ok(moved)) => moved,
        Ok(Err(e)) => {
            let (status, code) = match &e {
                MoveError::NoSession(_) => (StatusCode::NOT_FOUND, "no-session"),
                MoveError::Closed(_) => (StatusCode::CONFLICT, "closed"),
                MoveError::NoReason => (StatusCode::BAD_REQUEST, "no-reason"),
                MoveError::Store(StoreError::AlreadyMoved { .. }) => {
                    (StatusCode::CONFLICT, "already-moved")
                }
                MoveError::Store(StoreError::SameStation(_)) => {
                    (StatusCode::CONFLICT, "same-station")
                }
                _ => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
            };
            return refuse(status, code, e.to_string());
        }
        Err(e) => {
            return refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                format!("the move failed: {e}"),
            );
        }
    };
    tracing::warn!(session = %moved.session, from = %moved.from_station, to = %moved.to_station, "a session was moved by the proctor at the spare station");
    hand_over(&center, &station.name, moved).await
}
