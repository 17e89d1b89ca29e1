//! Checking an event batch before anything of it is kept: the station's signature, the sealing
//! to this center for that station and session, and every record opened with the journal's own
//! code (its place in the hash chain, its AES-GCM seal under the session's data key). A batch
//! that fails any check is refused whole. The same checks serve batches that arrive online and
//! those carried in an offline export.

use super::identity::ServerIdentity;
use super::store::{BatchIn, Incoming, Station};
use crate::crypto::aead::Key;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;

use crate::crypto::hex;
use crate::journal::record;
use crate::protocol::batch::{Batch, BatchError};

/// Why a batch is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntakeError {
    #[error("the batch names station {named}, but station {signer} sent it")]
    NotTheSender { named: String, signer: String },
    #[error("{0}")]
    Batch(#[from] BatchError),
    #[error("record {seq} does not verify: {why}")]
    Record { seq: u64, why: String },
    #[error("the batch's {0} is not valid hex of the right length")]
    Field(&'static str),
}

/// Checks `batch` from `station` and opens every record.
pub fn check(
    batch: &Batch,
    station: &Station,
    identity: &ServerIdentity,
) -> Result<BatchIn, IntakeError> {
    if batch.station != station.name {
        return Err(IntakeError::NotTheSender {
            named: batch.station.clone(),
            signer: station.name.clone(),
        });
    }
    let contents = batch.open(&station.signing_public, |eph, context, sealed| {
        identity.open_sealed(eph, context, sealed)
    })?;
    let key = Key::from_bytes(
        hex::decode::<32>(&contents.data_key).map_err(|_| IntakeError::Field("data key"))?,
    );
    let mut prev = hex::decode::<32>(&contents.prev).map_err(|_| IntakeError::Field("prev"))?;
    let first_prev = prev;
    let first = contents.records.first().map_or(0, |r| r.seq);
    let mut records = Vec::with_capacity(contents.records.len());
    for (i, r) in contents.records.iter().enumerate() {
        let seq = r.seq;
        let bad = |why: &str| IntakeError::Record {
            seq,
            why: why.to_owned(),
        };
        if Some(seq) != first.checked_add(i as u64) {
            return Err(bad("the records are not contiguous"));
        }
        let hash =
            hex::decode::<32>(&r.hash).map_err(|_| bad("its hash is not 32 bytes of hex"))?;
        let sealed = B64
            .decode(r.sealed.as_bytes())
            .map_err(|_| bad("it is not base64"))?;
        // The entry is read (so it is an event this program knows) and kept as the station
        // wrote it.
        let (_, plain) = record::open_plain(&key, &batch.session, seq, &prev, &sealed, &hash)
            .map_err(|e| bad(&e.to_string()))?;
        let entry = String::from_utf8(plain).map_err(|e| bad(&e.to_string()))?;
        let seq = i64::try_from(seq).map_err(|_| bad("its number is too large"))?;
        records.push(Incoming {
            seq,
            hash,
            sealed,
            entry,
        });
        prev = hash;
    }
    Ok(BatchIn {
        station: station.name.clone(),
        session: batch.session.clone(),
        package_id: contents.package_id,
        seal_id: contents.seal_id,
        supersedes: contents.supersedes,
        data_key: *key.as_bytes(),
        imported: false,
        behind: contents.behind,
        head_seq: contents.head_seq,
        prev: first_prev,
        records,
    })
}
