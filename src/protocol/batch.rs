//! Event batches and receipts on the wire. A batch carries one session's journal records exactly
//! as the station stored them (sealed under the session's data key, chained by SHA-256) with the
//! data key itself, all sealed to the center's X25519 key for that station and session (a fresh
//! ephemeral key and nonce per batch) and signed by the station's Ed25519 key. The center opens
//! and verifies the records with the journal's own code, stores each once, and answers with a
//! receipt it signs: the highest contiguous record it holds and that record's hash.

use serde::{Deserialize, Serialize};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;

use crate::crypto::{CryptoError, agree, hex, sign};

/// Most records in one batch.
pub const MAX_RECORDS: usize = 256;

/// Why a batch does not open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BatchError {
    #[error("the batch is not signed by the station's enrolled key")]
    Signature,
    #[error("the batch is not sealed to this center for this station and session")]
    Seal,
    #[error("the batch's contents are not valid: {0}")]
    Contents(String),
}

/// One journal record as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Its sequence number in the session.
    pub seq: u64,
    /// Its chain hash, hex.
    pub hash: String,
    /// The sealed record, base64.
    pub sealed: String,
}

/// What a batch holds once opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contents {
    /// The journal session.
    pub session: String,
    /// The package it runs.
    pub package_id: String,
    /// The seal of that package.
    pub seal_id: String,
    /// The damaged session it carries on from, if any.
    pub supersedes: Option<String>,
    /// The session's data key, hex: the center opens the records with it.
    pub data_key: String,
    /// The station's head: the last record it holds (`-1`: none).
    pub head_seq: i64,
    /// The hash of the record before the first one here, hex (zeros before record 0).
    pub prev: String,
    /// Contiguous records, in order.
    pub records: Vec<Record>,
    /// The tasks answered or cleared in the records still waiting behind these at the station
    /// (absent: not known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub behind: Option<Vec<u16>>,
}

/// A batch as posted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batch {
    /// The station.
    pub station: String,
    /// The journal session (in clear, so the center can refuse early; bound by the signature
    /// and the sealing context).
    pub session: String,
    /// The ephemeral X25519 public key, hex.
    pub ephemeral: String,
    /// The sealed `Contents`, base64.
    pub sealed: String,
    /// The station's signature over everything above, hex.
    pub signature: String,
}

impl Batch {
    /// The sealing context of a batch of `session` from `station`.
    pub fn context(station: &str, session: &str) -> Vec<u8> {
        format!("ustudy event batch v1\n{station}\n{session}").into_bytes()
    }

    /// The bytes the station's signature covers: the label, station, session and ephemeral key,
    /// and the SHA-256 of the sealed contents (so the signature is made over a few hundred bytes
    /// however large the batch), each with its length.
    pub fn signed_bytes(&self) -> Vec<u8> {
        let digest = crate::crypto::sha256(self.sealed.as_bytes());
        let mut out = Vec::with_capacity(128 + self.station.len() + self.session.len());
        for part in [
            b"ustudy event batch v1".as_slice(),
            self.station.as_bytes(),
            self.session.as_bytes(),
            self.ephemeral.as_bytes(),
            &digest,
        ] {
            out.extend_from_slice(&u32::try_from(part.len()).unwrap_or(u32::MAX).to_be_bytes());
            out.extend_from_slice(part);
        }
        out
    }

    /// Whether `station_key` signed it.
    pub fn verify(&self, station_key: &[u8; 32]) -> Result<(), CryptoError> {
        let signature = hex::decode::<64>(&self.signature)?;
        sign::verify(station_key, &self.signed_bytes(), &signature)
    }

    /// Seals `contents` from `station` to the center's X25519 key and signs the batch with
    /// `sign` (the station's Ed25519 key).
    pub fn seal(
        station: &str,
        contents: &Contents,
        center_agree: &[u8; 32],
        sign: impl Fn(&[u8]) -> [u8; 64],
    ) -> Result<Batch, CryptoError> {
        let plain = serde_json::to_vec(contents).map_err(|_| CryptoError::Seal)?;
        let context = Batch::context(station, &contents.session);
        let (ephemeral, sealed) = agree::seal_to(center_agree, &context, &plain)?;
        let mut batch = Batch {
            station: station.to_owned(),
            session: contents.session.clone(),
            ephemeral: hex::encode(&ephemeral),
            sealed: B64.encode(&sealed),
            signature: String::new(),
        };
        batch.signature = hex::encode(&sign(&batch.signed_bytes()));
        Ok(batch)
    }

    /// Checks the signature against `station_key`, opens the contents with `open` (the center's
    /// X25519 secret: ephemeral key, context, sealed bytes) and checks they are the session the
    /// signed envelope names.
    pub fn open(
        &self,
        station_key: &[u8; 32],
        open: impl Fn(&[u8; 32], &[u8], &[u8]) -> Result<Vec<u8>, CryptoError>,
    ) -> Result<Contents, BatchError> {
        self.verify(station_key)
            .map_err(|_| BatchError::Signature)?;
        let ephemeral = hex::decode::<32>(&self.ephemeral).map_err(|_| BatchError::Seal)?;
        let sealed = B64
            .decode(self.sealed.as_bytes())
            .map_err(|_| BatchError::Seal)?;
        let context = Batch::context(&self.station, &self.session);
        let plain = open(&ephemeral, &context, &sealed).map_err(|_| BatchError::Seal)?;
        let contents: Contents =
            serde_json::from_slice(&plain).map_err(|e| BatchError::Contents(e.to_string()))?;
        if contents.session != self.session {
            return Err(BatchError::Contents(
                "the sealed session is not the one the batch names".to_owned(),
            ));
        }
        if contents.records.is_empty() || contents.records.len() > MAX_RECORDS {
            return Err(BatchError::Contents(format!(
                "{} records (1 to {MAX_RECORDS})",
                contents.records.len()
            )));
        }
        Ok(contents)
    }
}

/// The center's answer to a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The station.
    pub station: String,
    /// The journal session.
    pub session: String,
    /// The highest contiguous record the center holds (`-1`: none).
    pub seq: i64,
    /// That record's hash, hex (empty when none).
    pub hash: String,
    /// Whether the center flagged this session: what the station sent disagrees with what it
    /// already held (a journal rolled back to an older copy, or a forked chain).
    pub flagged: bool,
    /// When (ms since the epoch, the center's clock).
    pub at_ms: i64,
    /// The center's signature over everything above, hex.
    pub signature: String,
}

#[derive(Serialize)]
struct SignedReceipt<'a> {
    label: &'static str,
    station: &'a str,
    session: &'a str,
    seq: i64,
    hash: &'a str,
    flagged: bool,
    at_ms: i64,
}

impl Receipt {
    /// The bytes the center's signature covers.
    pub fn signed_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(&SignedReceipt {
            label: "ustudy receipt v1",
            station: &self.station,
            session: &self.session,
            seq: self.seq,
            hash: &self.hash,
            flagged: self.flagged,
            at_ms: self.at_ms,
        })
        .unwrap_or_default()
    }

    /// Whether the center with key `center` signed it for this station and session.
    pub fn verify(
        &self,
        center: &[u8; 32],
        station: &str,
        session: &str,
    ) -> Result<(), CryptoError> {
        if self.station != station || self.session != session {
            return Err(CryptoError::Signature);
        }
        let signature = hex::decode::<64>(&self.signature)?;
        sign::verify(center, &self.signed_bytes(), &signature)
    }
}

/// The file format's name.
pub const FORMAT: &str = "ustudy-batches-v1";

/// An offline export: the batches of every session of a station, in one file (`sync::offline`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfflineExport {
    /// Always `FORMAT`.
    pub format: String,
    /// The station that wrote it.
    pub station: String,
    /// When (station clock, ms since the epoch).
    pub created_ms: u64,
    /// Sessions with their record counts, for people reading the file.
    pub sessions: Vec<(String, u64)>,
    /// The batches.
    pub batches: Vec<Batch>,
}
