//! Taking over a session moved to this station (a seat swap): every record the center handed
//! over is opened with the journal's own code (its place in the hash chain from the first
//! record, its seal under the session's data key), the package is opened from this station's
//! own copy with the key that came with it, and the events are folded by the exam core. Only a
//! session that passes all of it, checked in for the candidate the center names and not
//! closed, is taken over.

use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;

use crate::crypto::aead::Key;
use crate::crypto::hex;
use crate::exam::state::{Phase, fold};
use crate::exam::{Paper, State};
use crate::journal::record::{self, Entry};
use crate::protocol::handover::{Carried, Handover};
use crate::station::Config;
use crate::station::config::Content;
use crate::sync::link::LinkError;
use crate::sync::release;

/// Why a session moved here cannot be taken over.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TakeOverError {
    #[error("{0}")]
    Link(#[from] LinkError),
    #[error("record {seq} of the moved session does not verify: {why}")]
    Record { seq: u64, why: String },
    #[error("this station does not hold package {0}")]
    NoPackage(String),
    #[error("{0}")]
    Package(#[from] release::ReleaseError),
    #[error("the moved session's event {index} is refused by the exam rules: {why}")]
    Refused { index: usize, why: String },
    #[error("the moved session is not the candidate the center names")]
    NotTheCandidate,
    #[error("the moved session is closed")]
    Closed,
    #[error("this station has a session of its own running")]
    Busy,
}

/// A session moved here, checked and ready to carry on.
#[derive(Debug, Clone)]
pub struct Adopted {
    /// The moved session.
    pub from_session: String,
    /// The station it came from.
    pub from_station: String,
    /// That station's seat.
    pub from_seat: String,
    /// Records the old station wrote that never reached the center.
    pub lost: u64,
    /// The tasks those records answered or cleared, as far as known.
    pub lost_tasks: Vec<u16>,
    /// The package.
    pub package_id: String,
    /// Its seal.
    pub seal_id: String,
    /// The paper, opened.
    pub paper: Arc<Paper>,
    /// The records, opened, with the times the old station wrote them.
    pub entries: Vec<Entry>,
    /// Their fold.
    pub state: State,
}

/// Checks what the center handed over against this station's `config`.
pub fn take(
    config: &Config,
    handover: &Handover,
    carried: &Carried,
) -> Result<Adopted, TakeOverError> {
    let bad = |seq: u64, why: &str| TakeOverError::Record {
        seq,
        why: why.to_owned(),
    };
    let data_key = Key::from_bytes(
        hex::decode::<32>(&carried.data_key).map_err(|_| bad(0, "the data key is not 32 bytes"))?,
    );
    let mut prev = record::GENESIS;
    let mut entries = Vec::with_capacity(carried.records.len());
    for r in &carried.records {
        let hash = hex::decode::<32>(&r.hash).map_err(|_| bad(r.seq, "its hash is not hex"))?;
        let sealed = B64
            .decode(r.sealed.as_bytes())
            .map_err(|_| bad(r.seq, "it is not base64"))?;
        let (entry, _) =
            record::open_plain(&data_key, &handover.session, r.seq, &prev, &sealed, &hash)
                .map_err(|e| bad(r.seq, &e.to_string()))?;
        entries.push(entry);
        prev = hash;
    }
    let package = config
        .package(&handover.package_id)
        .filter(|p| p.header.seal_id == handover.seal_id)
        .ok_or_else(|| TakeOverError::NoPackage(handover.package_id.clone()))?;
    let paper = match &package.content {
        Content::Open(paper) => Arc::clone(paper),
        Content::Sealed(sealed) => {
            let center = config
                .center
                .as_ref()
                .ok_or(TakeOverError::Package(release::ReleaseError::NoCenter))?;
            let key = Key::from_bytes(
                hex::decode::<32>(&carried.package_key)
                    .map_err(|_| release::ReleaseError::WrongKey(handover.package_id.clone()))?,
            );
            Arc::new(release::open(center, &package.header, sealed, &key)?)
        }
    };
    let state =
        fold(&paper, entries.iter().map(|e| &e.event)).map_err(|e| TakeOverError::Refused {
            index: e.index,
            why: e.error.to_string(),
        })?;
    if state.candidate.as_ref().map(|c| c.iin.as_str()) != Some(handover.iin.as_str()) {
        return Err(TakeOverError::NotTheCandidate);
    }
    if state.phase == Phase::Closed {
        return Err(TakeOverError::Closed);
    }
    Ok(Adopted {
        from_session: handover.session.clone(),
        from_station: handover.from_station.clone(),
        from_seat: handover.from_seat.clone(),
        lost: handover.lost,
        lost_tasks: handover.lost_tasks.clone(),
        package_id: handover.package_id.clone(),
        seal_id: handover.seal_id.clone(),
        paper,
        entries,
        state,
    })
}
