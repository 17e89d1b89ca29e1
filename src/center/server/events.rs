//! `POST /v1/events`: a station's batch of journal records. The request is signed like every
//! station request; the batch is checked whole (`intake`), kept exactly once (`Store::put_batch`)
//! and answered with a receipt the center signs: the highest contiguous record it holds and that
//! record's hash. A duplicate batch gets the same receipt; nothing of a refused batch is kept.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{Center, blocking, now_ms, refuse, station_of};
use crate::center::intake::{self, IntakeError};
use crate::crypto::hex;
use crate::protocol::API;
use crate::protocol::batch::{Batch, BatchError, Receipt};

pub(super) async fn post(
    State(center): State<Center>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = format!("{API}/events");
    let station = match station_of(&center, &headers, "POST", &path, &body).await {
        Ok(s) => s,
        Err(refusal) => return refusal,
    };
    let Ok(batch) = serde_json::from_slice::<Batch>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, "bad-request", "not an event batch");
    };
    let checked = match intake::check(&batch, &station, &center.identity) {
        Ok(checked) => checked,
        Err(e) => {
            let (status, code) = match &e {
                IntakeError::NotTheSender { .. } | IntakeError::Batch(BatchError::Signature) => {
                    (StatusCode::FORBIDDEN, "not-your-batch")
                }
                _ => (StatusCode::BAD_REQUEST, "bad-batch"),
            };
            tracing::warn!(station = %station.name, session = %batch.session, error = %e, "security: a batch was refused");
            return refuse(status, code, e.to_string());
        }
    };
    let now = now_ms();
    let held = match blocking(&center, move |s| s.put_batch(checked, now)).await {
        Ok(held) => held,
        Err(refusal) => return refusal,
    };
    if held.added > 0 {
        // No live page listening is no error.
        let _ = center.changed.send(());
    }
    if let Some(flag) = &held.flag {
        tracing::warn!(station = %station.name, session = %batch.session, flag = %flag, "security: session flagged");
    }
    tracing::info!(
        station = %station.name,
        session = %batch.session,
        added = held.added,
        held = held.seq,
        "batch kept"
    );
    let mut receipt = Receipt {
        station: station.name.clone(),
        session: batch.session,
        seq: held.seq,
        hash: hex::encode(&held.hash),
        flagged: held.flag.is_some(),
        // When the center first held this end of the chain: every process answers the same.
        at_ms: held.at_ms,
        signature: String::new(),
    };
    receipt.signature = hex::encode(&center.keys.signer().sign(&receipt.signed_bytes()));
    Json(receipt).into_response()
}
