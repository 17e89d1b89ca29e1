//! Seat swap on the wire: the center hands a moved session to the spare station it was moved to.
//! The handover names the session, the station and seat it came from, the candidate and the
//! package, and the end of the chain the center holds of it; what the
//! new station needs to carry it on (the package key, the session's data key and every record
//! as the old station sealed it) is sealed to the new station's X25519 key for that session,
//! and the whole is signed by the center. The station opens every record with the journal's
//! own code before it believes any of it.

use serde::{Deserialize, Serialize};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;

use super::batch::Record;
use crate::crypto::{CryptoError, agree, hex, sign};

/// Why a handover does not open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HandoverError {
    #[error("the handover is not for this station")]
    NotOurs,
    #[error("the handover is not signed by this station's center")]
    Signature,
    #[error("the handover is not sealed to this station for this session")]
    Seal,
    #[error("the handover's contents are not valid: {0}")]
    Contents(String),
}

/// What the new station needs to carry the session on: sealed to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Carried {
    /// The package's key, hex: the station opens its own copy of the sealed package.
    pub package_key: String,
    /// The moved session's data key, hex: it opens the records.
    pub data_key: String,
    /// Every record the center held, in order from the first.
    pub records: Vec<Record>,
}

/// A moved session, as the center hands it over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handover {
    /// The station it is handed to.
    pub station: String,
    /// The moved session.
    pub session: String,
    /// The station it was moved from.
    pub from_station: String,
    /// That station's seat.
    pub from_seat: String,
    /// The candidate's IIN.
    pub iin: String,
    /// The package the session runs.
    pub package_id: String,
    /// That package's seal.
    pub seal_id: String,
    /// When the center moved it (its clock, ms since the epoch).
    pub moved_ms: i64,
    /// The last record the center holds of it: what it held when it fenced the old station,
    /// and any the old station's export brought since (`-1`: none).
    pub head_seq: i64,
    /// That record's hash, hex.
    pub head_hash: String,
    /// Records the old station had written beyond that, by its last report, that never
    /// reached the center.
    pub lost: u64,
    /// The tasks answered or cleared in those records, as the old station's last batch named
    /// them (empty: none, or not known).
    #[serde(default)]
    pub lost_tasks: Vec<u16>,
    /// The ephemeral X25519 public key, hex.
    pub ephemeral: String,
    /// The sealed `Carried`, base64.
    pub sealed: String,
    /// The center's signature over everything above, hex.
    pub signature: String,
}

#[derive(Serialize)]
struct Signed<'a> {
    label: &'static str,
    station: &'a str,
    session: &'a str,
    from_station: &'a str,
    from_seat: &'a str,
    iin: &'a str,
    package_id: &'a str,
    seal_id: &'a str,
    moved_ms: i64,
    head_seq: i64,
    head_hash: &'a str,
    lost: u64,
    lost_tasks: &'a [u16],
    ephemeral: &'a str,
    sealed: String,
}

/// What a handover says of the move, before anything is sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The station it is handed to.
    pub station: String,
    /// The moved session.
    pub session: String,
    /// The station it was moved from.
    pub from_station: String,
    /// That station's seat.
    pub from_seat: String,
    /// The candidate's IIN.
    pub iin: String,
    /// The package.
    pub package_id: String,
    /// Its seal.
    pub seal_id: String,
    /// When.
    pub moved_ms: i64,
    /// The last record held at the fence.
    pub head_seq: i64,
    /// Its hash.
    pub head_hash: [u8; 32],
    /// Records the old station wrote that never reached the center.
    pub lost: u64,
    /// The tasks those records answered or cleared, as far as known.
    pub lost_tasks: Vec<u16>,
}

impl Handover {
    /// The sealing context of `session` handed to `station`.
    pub fn context(station: &str, session: &str) -> Vec<u8> {
        format!("ustudy handover v1\n{station}\n{session}").into_bytes()
    }

    /// The bytes the center's signature covers (the sealed part by its SHA-256).
    pub fn signed_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(&Signed {
            label: "ustudy handover v1",
            station: &self.station,
            session: &self.session,
            from_station: &self.from_station,
            from_seat: &self.from_seat,
            iin: &self.iin,
            package_id: &self.package_id,
            seal_id: &self.seal_id,
            moved_ms: self.moved_ms,
            head_seq: self.head_seq,
            head_hash: &self.head_hash,
            lost: self.lost,
            lost_tasks: &self.lost_tasks,
            ephemeral: &self.ephemeral,
            sealed: hex::encode(&crate::crypto::sha256(self.sealed.as_bytes())),
        })
        .unwrap_or_default()
    }

    /// Seals `carried` to the new station's X25519 key `to_agree` and signs the handover with
    /// `sign` (the center's Ed25519 key).
    pub fn seal(
        moved: &Moved,
        carried: &Carried,
        to_agree: &[u8; 32],
        sign: impl Fn(&[u8]) -> [u8; 64],
    ) -> Result<Handover, CryptoError> {
        let plain = serde_json::to_vec(carried).map_err(|_| CryptoError::Seal)?;
        let context = Handover::context(&moved.station, &moved.session);
        let (ephemeral, sealed) = agree::seal_to(to_agree, &context, &plain)?;
        let mut handover = Handover {
            station: moved.station.clone(),
            session: moved.session.clone(),
            from_station: moved.from_station.clone(),
            from_seat: moved.from_seat.clone(),
            iin: moved.iin.clone(),
            package_id: moved.package_id.clone(),
            seal_id: moved.seal_id.clone(),
            moved_ms: moved.moved_ms,
            head_seq: moved.head_seq,
            head_hash: hex::encode(&moved.head_hash),
            lost: moved.lost,
            lost_tasks: moved.lost_tasks.clone(),
            ephemeral: hex::encode(&ephemeral),
            sealed: B64.encode(&sealed),
            signature: String::new(),
        };
        handover.signature = hex::encode(&sign(&handover.signed_bytes()));
        Ok(handover)
    }

    /// Checks that it is for `station` and signed by `center`, opens the sealed part with
    /// `open` (the station's X25519 secret: ephemeral key, context, sealed bytes), and checks
    /// that the records run from the first, contiguous, up to the head it names.
    pub fn open(
        &self,
        center: &[u8; 32],
        station: &str,
        open: impl Fn(&[u8; 32], &[u8], &[u8]) -> Result<Vec<u8>, CryptoError>,
    ) -> Result<Carried, HandoverError> {
        if self.station != station {
            return Err(HandoverError::NotOurs);
        }
        let signature = hex::decode::<64>(&self.signature).map_err(|_| HandoverError::Signature)?;
        sign::verify(center, &self.signed_bytes(), &signature)
            .map_err(|_| HandoverError::Signature)?;
        let ephemeral = hex::decode::<32>(&self.ephemeral).map_err(|_| HandoverError::Seal)?;
        let sealed = B64
            .decode(self.sealed.as_bytes())
            .map_err(|_| HandoverError::Seal)?;
        let plain = open(
            &ephemeral,
            &Handover::context(&self.station, &self.session),
            &sealed,
        )
        .map_err(|_| HandoverError::Seal)?;
        let carried: Carried =
            serde_json::from_slice(&plain).map_err(|e| HandoverError::Contents(e.to_string()))?;
        let contiguous = carried
            .records
            .iter()
            .enumerate()
            .all(|(i, r)| u64::try_from(i).is_ok_and(|i| r.seq == i));
        let last = carried
            .records
            .last()
            .and_then(|r| i64::try_from(r.seq).ok());
        if !contiguous || last.unwrap_or(-1) != self.head_seq {
            return Err(HandoverError::Contents(format!(
                "the records do not run from the first to record {}",
                self.head_seq
            )));
        }
        if carried.records.last().map(|r| r.hash.as_str()) != Some(self.head_hash.as_str()) {
            return Err(HandoverError::Contents(
                "the last record is not the head the center names".to_owned(),
            ));
        }
        Ok(carried)
    }
}

/// What a spare station's proctor asks (the admin screen, after the PIN): move the session of
/// the candidate with this ticket, on the station's hall roster, to this station.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The candidate's ticket, as printed.
    pub ticket: String,
    /// Why, in the proctor's words.
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::sign::SigningKey;
    use x25519_dalek::{PublicKey, StaticSecret};

    fn moved() -> Moved {
        Moved {
            station: "hall-b".into(),
            session: "st-a-1".into(),
            from_station: "hall-a".into(),
            from_seat: "7".into(),
            iin: "061211600012".into(),
            package_id: "unt".into(),
            seal_id: "ab".into(),
            moved_ms: 5,
            head_seq: 1,
            head_hash: [9; 32],
            lost: 0,
            lost_tasks: Vec::new(),
        }
    }

    fn carried() -> Carried {
        let record = |seq: u64, hash: [u8; 32]| Record {
            seq,
            hash: hex::encode(&hash),
            sealed: B64.encode(b"x"),
        };
        Carried {
            package_key: hex::encode(&[1; 32]),
            data_key: hex::encode(&[2; 32]),
            records: vec![record(0, [8; 32]), record(1, [9; 32])],
        }
    }

    #[test]
    fn only_the_station_it_is_for_opens_it_and_nothing_in_it_can_be_changed() {
        let center = SigningKey::generate().unwrap().0;
        let secret = StaticSecret::from([5; 32]);
        let public = PublicKey::from(&secret).to_bytes();
        let handover = Handover::seal(&moved(), &carried(), &public, |m| center.sign(m)).unwrap();
        let open =
            |eph: &[u8; 32], ctx: &[u8], sealed: &[u8]| agree::open_with(&secret, eph, ctx, sealed);
        assert_eq!(
            handover.open(&center.public(), "hall-b", open).unwrap(),
            carried()
        );
        assert_eq!(
            handover.open(&center.public(), "hall-c", open),
            Err(HandoverError::NotOurs)
        );
        let other = SigningKey::generate().unwrap().0;
        assert_eq!(
            handover.open(&other.public(), "hall-b", open),
            Err(HandoverError::Signature)
        );
        let mut changed = handover.clone();
        changed.from_seat = "8".into();
        assert_eq!(
            changed.open(&center.public(), "hall-b", open),
            Err(HandoverError::Signature)
        );
        // A head the records do not reach is refused even when the center signed it.
        let mut short = moved();
        short.head_seq = 2;
        let short = Handover::seal(&short, &carried(), &public, |m| center.sign(m)).unwrap();
        assert!(matches!(
            short.open(&center.public(), "hall-b", open),
            Err(HandoverError::Contents(_))
        ));
    }
}
