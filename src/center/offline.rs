//! Importing a station's offline export: every batch is checked as an online one is (`intake`),
//! against the identity the station enrolled with, and only when all of them pass is any kept,
//! each record exactly once (`Store::put_batch`). A batch the center already holds changes
//! nothing, so importing the same file twice, or a file and then the station's own upload, is
//! harmless. An import is the operator's act, so it may add to a session moved to another
//! station (the old station's disk, read after the move), which the old station itself may not.

use super::identity::ServerIdentity;
use super::intake::{self, IntakeError};
use super::store::{BatchIn, Held, Store, StoreError};
use crate::protocol::batch::{FORMAT, OfflineExport};

/// Why an export is refused.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ImportError {
    #[error("not an offline export of a station ({0})")]
    Format(String),
    #[error("batch {index}: no station {station:?} is enrolled at this center")]
    Unknown { index: usize, station: String },
    #[error("batch {index} of session {session}: {error}")]
    Batch {
        index: usize,
        session: String,
        error: IntakeError,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Reads an export file's bytes.
pub fn parse(bytes: &[u8]) -> Result<OfflineExport, ImportError> {
    let export: OfflineExport =
        serde_json::from_slice(bytes).map_err(|e| ImportError::Format(e.to_string()))?;
    if export.format != FORMAT {
        return Err(ImportError::Format(format!("format {:?}", export.format)));
    }
    Ok(export)
}

/// Checks every batch, then keeps them all; what the center holds of each session after.
pub fn import(
    store: &dyn Store,
    identity: &ServerIdentity,
    export: &OfflineExport,
    now_ms: i64,
) -> Result<Vec<(String, Held)>, ImportError> {
    let mut checked = Vec::with_capacity(export.batches.len());
    for (index, batch) in export.batches.iter().enumerate() {
        let station = store
            .station(&batch.station)?
            .ok_or_else(|| ImportError::Unknown {
                index,
                station: batch.station.clone(),
            })?;
        let batch_in =
            intake::check(batch, &station, identity).map_err(|error| ImportError::Batch {
                index,
                session: batch.session.clone(),
                error,
            })?;
        checked.push(BatchIn {
            imported: true,
            ..batch_in
        });
    }
    let mut held: Vec<(String, Held)> = Vec::new();
    for batch in checked {
        let session = batch.session.clone();
        let after = store.put_batch(batch, now_ms)?;
        match held.iter_mut().find(|(s, _)| *s == session) {
            Some((_, h)) => {
                let added = h.added + after.added;
                *h = Held { added, ..after };
            }
            None => held.push((session, after)),
        }
    }
    Ok(held)
}
