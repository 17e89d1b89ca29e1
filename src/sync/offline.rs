//! The offline export of an enrolled station, for a hall whose network stays down: every record
//! of every session in the journal, in the very batches the outbox posts (sealed to the center,
//! signed by the station's enrolled key), in one file a proctor carries on a USB stick. The
//! center's `import` checks each batch against the station's enrolled identity (never against
//! anything in the file) and keeps every record exactly once, as online.

use std::path::Path;

use crate::journal::Journal;
use crate::protocol::batch::{FORMAT, MAX_RECORDS, OfflineExport};
use crate::sync::link::{Link, LinkError};
use crate::sync::outbox::{SyncError, contents};

/// Every record of every session of `journal`, sealed and signed through `link`.
pub fn export(journal: &Journal, link: &Link) -> Result<OfflineExport, SyncError> {
    let mut batches = Vec::new();
    let mut sessions = Vec::new();
    for info in journal.sessions()? {
        let mut from = 0;
        while let Some(chunk) = journal.stored(&info.id, from, MAX_RECORDS)? {
            from = chunk.records.last().map_or(from, |r| r.seq + 1);
            batches.push(link.seal_batch(&contents(&chunk))?);
        }
        sessions.push((info.id, from));
    }
    Ok(OfflineExport {
        format: FORMAT.to_owned(),
        station: link.station().to_owned(),
        created_ms: crate::journal::store::now_ms(),
        sessions,
        batches,
    })
}

/// Writes an export to `out`: beside it first, synced, then renamed, so a pulled USB stick never
/// holds half an export under the name.
pub fn write(export: &OfflineExport, out: &Path) -> Result<(), LinkError> {
    let io = |e: std::io::Error| LinkError::Io(out.display().to_string(), e.to_string());
    let bytes = serde_json::to_vec(export).map_err(|e| LinkError::BadReply(e.to_string()))?;
    crate::journal::export::write_whole(out, &bytes).map_err(io)
}
