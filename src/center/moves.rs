//! Seat swap at the center: finding the session a candidate sits, moving it to a spare station
//! (the store fences the old station in the same transaction), and handing it over to the new
//! station sealed to its key (`protocol::handover`). Used by `ustudy-center move` and by the
//! API the spare station asks.

use std::collections::BTreeSet;

use super::KeyStore;
use super::store::{HeldSession, Move, Store, StoreError};
use crate::crypto::hex;
use crate::exam::Event;
use crate::exam::iin;
use crate::journal::record::Entry;
use crate::protocol::batch::Record;
use crate::protocol::handover::{Carried, Handover, Moved};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;

/// Why a move or a handover cannot be made.
#[derive(Debug, Clone, thiserror::Error)]
pub enum MoveError {
    #[error("{0} is not a valid IIN")]
    Iin(String),
    #[error(
        "the center holds no session of candidate {0}: nothing reached it from their station (if their key was released, `reissue` lets them sit again)"
    )]
    NoSession(String),
    #[error("session {0} is closed: the candidate has finished; there is nothing to move")]
    Closed(String),
    #[error("a reason is needed: it goes into the record of the move")]
    NoReason,
    #[error(
        "the center does not hold the data key of session {0} (its station ran an older program): it cannot be handed over"
    )]
    NoKey(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Keys(String),
}

/// The events of a held session, in order (an unreadable record is an error).
fn events(store: &dyn Store, session: &str) -> Result<Vec<Event>, MoveError> {
    store
        .records(session)?
        .into_iter()
        .map(|(seq, _, entry)| {
            serde_json::from_str::<Entry>(&entry)
                .map(|e| e.event)
                .map_err(|e| {
                    MoveError::Keys(format!("record {seq} of {session} does not read: {e}"))
                })
        })
        .collect()
}

/// The session candidate `iin` sits now: the newest held session that checked them in and that
/// no other held session carries on.
pub fn sitting(store: &dyn Store, iin: &str) -> Result<(HeldSession, Vec<Event>), MoveError> {
    let sessions = store.sessions()?;
    let superseded: BTreeSet<String> = sessions
        .iter()
        .filter_map(|s| s.supersedes.clone())
        .collect();
    let mut found = None;
    for held in sessions.into_iter().filter(|s| !superseded.contains(&s.id)) {
        let events = events(store, &held.id)?;
        let theirs = events
            .iter()
            .any(|e| matches!(e, Event::CheckedIn { candidate } if candidate.iin == iin));
        if theirs {
            // Oldest first: the last one found is the newest.
            found = Some((held, events));
        }
    }
    found.ok_or_else(|| MoveError::NoSession(iin.to_owned()))
}

/// Moves the session candidate `iin` sits to station `to`, for `reason`: refused for a bad
/// IIN, no session, a closed one, no reason, or what the store refuses (an unknown station,
/// the station it is on, a session moved already).
pub fn move_candidate(
    store: &dyn Store,
    iin: &str,
    to: &str,
    reason: &str,
    now_ms: i64,
) -> Result<Move, MoveError> {
    let iin = iin.trim();
    iin::validate(iin).map_err(|_| MoveError::Iin(iin.to_owned()))?;
    if reason.trim().is_empty() {
        return Err(MoveError::NoReason);
    }
    let (held, events) = sitting(store, iin)?;
    if events.iter().any(|e| matches!(e, Event::Closed { .. })) {
        return Err(MoveError::Closed(held.id));
    }
    Ok(store.add_move(&held.id, iin, to, reason.trim(), now_ms)?)
}

/// The handover of `moved` to its new station: the records held at the move and the keys,
/// sealed to the station, signed by the center.
pub fn handover(store: &dyn Store, keys: &KeyStore, moved: &Move) -> Result<Handover, MoveError> {
    let from = store.station(&moved.from_station)?;
    let to = store
        .station(&moved.to_station)?
        .ok_or_else(|| StoreError::NoStation(moved.to_station.clone()))?;
    let held = store
        .sessions()?
        .into_iter()
        .find(|s| s.id == moved.session)
        .ok_or_else(|| StoreError::NotHeld(moved.session.clone()))?;
    let sealed = store
        .sealed(&moved.session)?
        .ok_or_else(|| MoveError::NoKey(moved.session.clone()))?;
    // Everything held now: records of the old station imported since the move go too.
    let records: Vec<Record> = sealed
        .records
        .iter()
        .map(|(seq, hash, bytes)| Record {
            seq: u64::try_from(*seq).unwrap_or_default(),
            hash: hex::encode(hash),
            sealed: B64.encode(bytes),
        })
        .collect();
    let package_key = keys
        .package_key(&held.seal_id)
        .map_err(|e| MoveError::Keys(e.to_string()))?;
    let carried = Carried {
        package_key: hex::encode(package_key.as_bytes()),
        data_key: hex::encode(&sealed.data_key),
        records,
    };
    let (head_seq, last_hash) = sealed
        .records
        .last()
        .map_or((-1, &[][..]), |(seq, hash, _)| (*seq, hash.as_slice()));
    let mut head_hash = [0u8; 32];
    if last_hash.len() == 32 {
        head_hash.copy_from_slice(last_hash);
    }
    let what = Moved {
        station: to.name.clone(),
        session: moved.session.clone(),
        from_station: moved.from_station.clone(),
        from_seat: from.map(|s| s.seat).unwrap_or_default(),
        iin: moved.iin.clone(),
        package_id: held.package_id,
        seal_id: held.seal_id,
        moved_ms: moved.moved_ms,
        head_seq,
        head_hash,
        lost: u64::try_from(held.station_head - head_seq).unwrap_or(0),
        lost_tasks: store.behind(&moved.session)?.unwrap_or_default(),
    };
    Handover::seal(&what, &carried, &to.agree_public, |m| keys.signer().sign(m))
        .map_err(|e| MoveError::Keys(e.to_string()))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::center::store::{BatchIn, Incoming, NewCode, SqliteStore};
    use crate::exam::event::{Candidate, CloseReason};
    use crate::exam::task::Lang;

    const IIN: &str = "061211600012";

    /// A store with stations `st-1` and `st-2` and one session of `IIN` on `st-1` holding
    /// `events`.
    fn holding(events: &[Event]) -> (tempfile::TempDir, SqliteStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("center.sqlite")).unwrap();
        for name in ["st-1", "st-2"] {
            let id = format!("C-{name}");
            store
                .add_code(&NewCode {
                    id: id.clone(),
                    key: [0; 32],
                    station: name.into(),
                    hall: "1".into(),
                    seat: "1".into(),
                    created_ms: 0,
                    expires_ms: 10,
                })
                .unwrap();
            store.redeem(&id, 1, &|_| true, [1; 32], [2; 32]).unwrap();
        }
        let candidate = Candidate {
            iin: IIN.into(),
            name: "N".into(),
            ticket: "T".into(),
            extra_time: false,
            interface: Lang::Kk,
            languages: BTreeMap::new(),
        };
        let all: Vec<Event> = [Event::Unlocked, Event::CheckedIn { candidate }]
            .into_iter()
            .chain(events.iter().cloned())
            .collect();
        let records = all
            .iter()
            .zip(0..)
            .map(|(event, seq)| Incoming {
                seq,
                hash: [u8::try_from(seq).unwrap(); 32],
                sealed: Vec::new(),
                entry: serde_json::to_string(&Entry {
                    at_ms: 1,
                    event: event.clone(),
                })
                .unwrap(),
            })
            .collect::<Vec<_>>();
        let batch = BatchIn {
            station: "st-1".into(),
            session: "s-1".into(),
            package_id: "p".into(),
            seal_id: "s".into(),
            supersedes: None,
            data_key: [4; 32],
            imported: false,
            behind: None,
            head_seq: i64::try_from(records.len()).unwrap() - 1,
            prev: [0; 32],
            records,
        };
        store.put_batch(batch, 1).unwrap();
        (dir, store)
    }

    #[test]
    fn a_closed_session_a_bad_iin_or_no_reason_is_not_moved() {
        let closed = [Event::Closed {
            reason: CloseReason::Moved,
        }];
        let (_dir, store) = holding(&closed);
        assert!(matches!(
            move_candidate(&store, IIN, "st-2", "power", 2),
            Err(MoveError::Closed(s)) if s == "s-1"
        ));
        assert_eq!(store.move_of("s-1").unwrap(), None, "nothing moved");
        let (_dir, store) = holding(&[Event::Started]);
        assert!(matches!(
            move_candidate(&store, "061211600013", "st-2", "power", 2),
            Err(MoveError::Iin(_))
        ));
        assert!(matches!(
            move_candidate(&store, IIN, "st-2", "  ", 2),
            Err(MoveError::NoReason)
        ));
        assert!(matches!(
            move_candidate(&store, "791028302728", "st-2", "power", 2),
            Err(MoveError::NoSession(_))
        ));
        let moved = move_candidate(&store, &format!(" {IIN} "), "st-2", " power ", 2).unwrap();
        assert_eq!(
            (moved.session.as_str(), moved.reason.as_str()),
            ("s-1", "power")
        );
    }
}
