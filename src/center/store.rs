//! The center's storage behind a narrow trait, so the same tests run against every backend and a
//! national deployment can put it on `PostgreSQL`. `SqliteStore` (`sqlite.rs`) is the default.

use std::sync::Arc;

use crate::protocol::roster::RosterRow;

mod batch;
mod sqlite;

pub use sqlite::SqliteStore;

/// What went wrong in storage, or why a request is refused.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error("storage failed: {0}")]
    Sqlite(Arc<rusqlite::Error>),
    #[error("the storage lock was poisoned by a panic")]
    Poisoned,
    #[error("no enrollment code with this id")]
    NoCode,
    #[error("the enrollment code does not match")]
    WrongCode,
    #[error("the enrollment code was already used")]
    CodeUsed,
    #[error("the enrollment code has expired")]
    CodeExpired,
    #[error("an unused enrollment code with this id exists; try again")]
    CodeClash,
    #[error("IIN {0} is already on the roster")]
    OnRoster(String),
    #[error("this candidate's package key was already released, to station {0}")]
    AlreadyReleased(String),
    #[error("session {session} belongs to station {owner}")]
    Foreign { session: String, owner: String },
    #[error("session {0} was first sent with another package, seal or predecessor")]
    Mismatch(String),
    #[error("no package key was released for IIN {0}: there is nothing to re-issue")]
    NotReleased(String),
    #[error("an operator named {0} exists already")]
    OperatorExists(String),
    #[error(
        "session {session} was moved to station {to} (seat {seat}); its old station may not add to it"
    )]
    Moved {
        session: String,
        to: String,
        seat: String,
    },
    #[error("session {session} was already moved, to station {to}")]
    AlreadyMoved { session: String, to: String },
    #[error("the center holds no session {0}")]
    NotHeld(String),
    #[error("no station {0} is enrolled")]
    NoStation(String),
    #[error("session {0} is on that station already")]
    SameStation(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError::Sqlite(Arc::new(e))
    }
}

/// A one-time enrollment code, as the center keeps it (never the code itself: its key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCode {
    /// The code's public id.
    pub id: String,
    /// The key derived from the whole code.
    pub key: [u8; 32],
    /// The station it enrolls.
    pub station: String,
    /// Its hall.
    pub hall: String,
    /// Its seat.
    pub seat: String,
    /// When it was made (ms since the epoch).
    pub created_ms: i64,
    /// After this it is refused.
    pub expires_ms: i64,
}

/// A station's enrolled identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Station {
    /// Its name.
    pub name: String,
    /// Its hall.
    pub hall: String,
    /// Its seat.
    pub seat: String,
    /// Its Ed25519 public key.
    pub signing_public: [u8; 32],
    /// Its X25519 public key.
    pub agree_public: [u8; 32],
    /// When it enrolled.
    pub enrolled_ms: i64,
}

/// What a redeemed code enrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redeemed {
    /// The code's key (the reply is authenticated under it).
    pub key: [u8; 32],
    /// The station as now enrolled.
    pub station: Station,
}

/// A session moved to another station (a seat swap): from then on the station it was on is
/// refused (fenced), and the station it went to carries it on in a session that supersedes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    /// The moved session.
    pub session: String,
    /// Its candidate.
    pub iin: String,
    /// The station it was on.
    pub from_station: String,
    /// The station it went to.
    pub to_station: String,
    /// Why, in the operator's words.
    pub reason: String,
    /// When (center clock, ms since the epoch).
    pub moved_ms: i64,
    /// The last record held when it moved (`-1`: none).
    pub head_seq: i64,
    /// That record's hash (empty when none).
    pub head_hash: Vec<u8>,
}

/// A held session as its station sealed it: the data key and every record (sequence number,
/// chain hash, sealed bytes), in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// The session's data key.
    pub data_key: [u8; 32],
    /// The records.
    pub records: Vec<(i64, Vec<u8>, Vec<u8>)>,
}

/// One verified record of a batch, to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// Its sequence number.
    pub seq: i64,
    /// Its chain hash.
    pub hash: [u8; 32],
    /// The record as the station sealed it.
    pub sealed: Vec<u8>,
    /// The opened record (the event and when the station wrote it), JSON.
    pub entry: String,
}

/// A verified batch: one session's contiguous records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchIn {
    /// The station that signed it.
    pub station: String,
    /// The journal session.
    pub session: String,
    /// Its package.
    pub package_id: String,
    /// That package's seal.
    pub seal_id: String,
    /// The damaged or moved session it carries on from.
    pub supersedes: Option<String>,
    /// The session's data key (kept, so a moved session can be handed on whole).
    pub data_key: [u8; 32],
    /// Carried in an offline export the operator imports, not posted by the station: records
    /// of a moved session's old station are still taken this way (its disk read after the move).
    pub imported: bool,
    /// The tasks answered or cleared in the records still waiting behind these at the station,
    /// as it said (`None`: not known).
    pub behind: Option<Vec<u16>>,
    /// The station's head when it sent the batch.
    pub head_seq: i64,
    /// The hash of the record before the first one.
    pub prev: [u8; 32],
    /// The records, contiguous, in order (at least one).
    pub records: Vec<Incoming>,
}

/// What the center holds of a session after a batch: what the receipt says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// The highest contiguous record held (`-1`: none).
    pub seq: i64,
    /// That record's hash (empty when none).
    pub hash: Vec<u8>,
    /// Why the session is flagged, if it is: the station sent a record that differs from the
    /// one held (a forked chain) or a head below what it was given receipts for (a journal
    /// rolled back to an older copy).
    pub flag: Option<String>,
    /// Records this batch added (the rest were held already).
    pub added: usize,
}

/// A session as the center holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldSession {
    /// The journal session.
    pub id: String,
    /// The station that sent it.
    pub station: String,
    /// Its package.
    pub package_id: String,
    /// That package's seal.
    pub seal_id: String,
    /// The damaged session it carries on from.
    pub supersedes: Option<String>,
    /// The highest contiguous record held (`-1`: none).
    pub held_seq: i64,
    /// The station's head when it last sent a batch.
    pub station_head: i64,
    /// Why the session is flagged, if it is.
    pub flag: Option<String>,
    /// When its first batch came (center clock, ms since the epoch).
    pub first_ms: i64,
    /// When its last batch came.
    pub last_ms: i64,
}

/// The center's storage.
pub trait Store: Send + Sync {
    /// Keeps a new enrollment code.
    fn add_code(&self, code: &NewCode) -> Result<(), StoreError>;

    /// In one step: finds code `id`, checks with `proves` that the request holds it, that it is
    /// unused and not expired at `now_ms`, marks it used and enrolls its station with these keys
    /// (replacing an earlier enrollment of that station). Nothing changes when it is refused.
    fn redeem(
        &self,
        id: &str,
        now_ms: i64,
        proves: &dyn Fn(&[u8; 32]) -> bool,
        signing_public: [u8; 32],
        agree_public: [u8; 32],
    ) -> Result<Redeemed, StoreError>;

    /// A station's enrolled identity.
    fn station(&self, name: &str) -> Result<Option<Station>, StoreError>;

    /// Adds candidates to the roster, all or none: an IIN already on it refuses the whole lot.
    fn import_roster(&self, rows: &[RosterRow]) -> Result<usize, StoreError>;

    /// The candidates of a hall, in IIN order.
    fn roster(&self, hall: &str) -> Result<Vec<RosterRow>, StoreError>;

    /// Records that a candidate's package key goes to `station`: once per candidate, ever
    /// (one sitting), refused with the station it went to before.
    fn release(
        &self,
        iin: &str,
        station: &str,
        seal_id: &str,
        now_ms: i64,
    ) -> Result<(), StoreError>;

    /// Lets a candidate whose key was released sit again (an operator's decision after a
    /// failed sitting): the release is moved to the re-issue log with `reason`, in one
    /// transaction; the station it had gone to is returned.
    fn reissue(&self, iin: &str, reason: &str, now_ms: i64) -> Result<String, StoreError>;

    /// Keeps a verified batch, in one transaction: each record exactly once (one already held
    /// with the same hash is a duplicate and changes nothing), only records that continue the
    /// held chain, never over a held record. A session belongs to the station that sent it
    /// first; another station's batch for it is refused and nothing changes.
    fn put_batch(&self, batch: BatchIn, now_ms: i64) -> Result<Held, StoreError>;

    /// The records held of a session, in order: sequence number, hash and the opened entry.
    fn records(&self, session: &str) -> Result<Vec<(i64, Vec<u8>, String)>, StoreError>;

    /// Every session held, oldest first.
    fn sessions(&self) -> Result<Vec<HeldSession>, StoreError>;

    /// Every enrolled station, by name.
    fn stations(&self) -> Result<Vec<Station>, StoreError>;

    /// The records held of a session after sequence number `after`, in order (the dashboard
    /// folds each session once and then only what came since).
    fn records_after(
        &self,
        session: &str,
        after: i64,
    ) -> Result<Vec<(i64, Vec<u8>, String)>, StoreError>;

    /// Keeps a new operator with a password hash (`operators::hash`); a taken name is refused.
    fn add_operator(&self, name: &str, hash: &str, now_ms: i64) -> Result<(), StoreError>;

    /// An operator's password hash, if the operator exists.
    fn operator_hash(&self, name: &str) -> Result<Option<String>, StoreError>;

    /// Opens an operator's login: the SHA-256 of its cookie's token (never the token), until
    /// `expires_ms`.
    fn open_login(
        &self,
        token_hash: &[u8; 32],
        operator: &str,
        now_ms: i64,
        expires_ms: i64,
    ) -> Result<(), StoreError>;

    /// The operator whose login has this token hash, if it is open and not expired at `now_ms`.
    fn login(&self, token_hash: &[u8; 32], now_ms: i64) -> Result<Option<String>, StoreError>;

    /// Ends a login (logging out); an unknown one changes nothing.
    fn close_login(&self, token_hash: &[u8; 32]) -> Result<(), StoreError>;

    /// Keeps a station's latest heartbeat (its JSON) and when it came, replacing the one before.
    fn put_status(&self, station: &str, status: &str, now_ms: i64) -> Result<(), StoreError>;

    /// Every station's latest heartbeat: station, its JSON, when it came.
    fn statuses(&self) -> Result<Vec<(String, String, i64)>, StoreError>;

    /// Moves `session` (candidate `iin`) to station `to`, in one transaction: the end of the
    /// chain held at this moment becomes the move's head, and from then on the station it was
    /// on is refused (`put_batch` answers `Moved`). Refused: a session not held, a station not
    /// enrolled or the one the session is on, a session moved already (one move per session,
    /// however many ask at once).
    fn add_move(
        &self,
        session: &str,
        iin: &str,
        to: &str,
        reason: &str,
        now_ms: i64,
    ) -> Result<Move, StoreError>;

    /// The move of a session, if it was moved.
    fn move_of(&self, session: &str) -> Result<Option<Move>, StoreError>;

    /// The moves to `station` that it has not carried on yet (no session of it supersedes the
    /// moved one), oldest first.
    fn moves_to(&self, station: &str) -> Result<Vec<Move>, StoreError>;

    /// A held session as sealed (its data key and records), if the center holds its key.
    fn sealed(&self, session: &str) -> Result<Option<Sealed>, StoreError>;

    /// The tasks whose answers wait at the station behind what the center holds of `session`,
    /// as its last batch said (`None`: it did not say).
    fn behind(&self, session: &str) -> Result<Option<Vec<u16>>, StoreError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The contract every store keeps; run against each backend.
    pub fn keeps_the_enrollment_contract(store: &dyn Store) {
        let code = NewCode {
            id: "AB12".into(),
            key: [7; 32],
            station: "hall-1".into(),
            hall: "A".into(),
            seat: "4".into(),
            created_ms: 1_000,
            expires_ms: 10_000,
        };
        store.add_code(&code).unwrap();
        assert!(matches!(store.add_code(&code), Err(StoreError::CodeClash)));
        let is = |k: [u8; 32]| move |key: &[u8; 32]| *key == k;
        assert!(matches!(
            store.redeem("ZZZZ", 2_000, &is([7; 32]), [1; 32], [2; 32]),
            Err(StoreError::NoCode)
        ));
        assert!(matches!(
            store.redeem("AB12", 2_000, &is([8; 32]), [1; 32], [2; 32]),
            Err(StoreError::WrongCode)
        ));
        assert!(matches!(
            store.redeem("AB12", 10_000, &is([7; 32]), [1; 32], [2; 32]),
            Err(StoreError::CodeExpired)
        ));
        assert_eq!(
            store.station("hall-1").unwrap(),
            None,
            "nothing enrolled by a refusal"
        );
        let done = store
            .redeem("AB12", 2_000, &is([7; 32]), [1; 32], [2; 32])
            .unwrap();
        assert_eq!(done.key, [7; 32]);
        assert_eq!(done.station.seat, "4");
        assert!(matches!(
            store.redeem("AB12", 2_001, &is([7; 32]), [3; 32], [4; 32]),
            Err(StoreError::CodeUsed)
        ));
        let kept = store.station("hall-1").unwrap().unwrap();
        assert_eq!(kept.signing_public, [1; 32], "a used code changes nothing");
        assert_eq!(kept.hall, "A");
    }

    fn row(iin: &str, hall: &str) -> RosterRow {
        RosterRow {
            iin: iin.into(),
            name: "N".into(),
            ticket: format!("T-{iin}"),
            format: "unt-2024".into(),
            language: "kk".into(),
            extra_time: false,
            hall: hall.into(),
            seat: "1".into(),
            date: "2027-06-20".into(),
            start: "09:00".into(),
        }
    }

    /// Roster imports are all or nothing, and a hall sees its own candidates.
    pub fn keeps_the_roster_contract(store: &dyn Store) {
        let first = [row("061211600012", "A"), row("791028302728", "B")];
        assert_eq!(store.import_roster(&first).unwrap(), 2);
        let again = [row("000101500019", "A"), row("061211600012", "A")];
        assert!(
            matches!(store.import_roster(&again), Err(StoreError::OnRoster(iin)) if iin == "061211600012")
        );
        let hall_a = store.roster("A").unwrap();
        assert_eq!(
            hall_a,
            vec![first[0].clone()],
            "nothing of the refused import stayed"
        );
        assert_eq!(store.roster("C").unwrap(), Vec::new());
        store.release("061211600012", "st-1", "ab", 5).unwrap();
        assert!(matches!(
            store.release("061211600012", "st-2", "ab", 6),
            Err(StoreError::AlreadyReleased(to)) if to == "st-1"
        ));
        assert!(matches!(
            store.reissue("791028302728", "the station failed", 7),
            Err(StoreError::NotReleased(_))
        ));
        assert_eq!(
            store
                .reissue("061211600012", "the station failed", 7)
                .unwrap(),
            "st-1"
        );
        store.release("061211600012", "st-2", "ab", 8).unwrap();
        assert!(matches!(
            store.release("061211600012", "st-3", "ab", 9),
            Err(StoreError::AlreadyReleased(to)) if to == "st-2"
        ));
    }

    /// Operators: one per name; a login is found by its token hash until it expires or closes.
    pub fn keeps_the_operator_contract(store: &dyn Store) {
        assert_eq!(store.operator_hash("aigerim").unwrap(), None);
        store.add_operator("aigerim", "h1", 1).unwrap();
        assert!(matches!(
            store.add_operator("aigerim", "h2", 2),
            Err(StoreError::OperatorExists(n)) if n == "aigerim"
        ));
        assert_eq!(
            store.operator_hash("aigerim").unwrap().as_deref(),
            Some("h1")
        );
        store.open_login(&[1; 32], "aigerim", 10, 100).unwrap();
        assert_eq!(
            store.login(&[1; 32], 50).unwrap().as_deref(),
            Some("aigerim")
        );
        assert_eq!(store.login(&[2; 32], 50).unwrap(), None, "another token");
        assert_eq!(store.login(&[1; 32], 100).unwrap(), None, "expired");
        store.open_login(&[3; 32], "aigerim", 10, 100).unwrap();
        store.close_login(&[3; 32]).unwrap();
        assert_eq!(store.login(&[3; 32], 50).unwrap(), None, "logged out");
        store.put_status("st-1", "{\"waiting\":1}", 5).unwrap();
        store.put_status("st-1", "{\"waiting\":0}", 6).unwrap();
        assert_eq!(
            store.statuses().unwrap(),
            vec![("st-1".to_owned(), "{\"waiting\":0}".to_owned(), 6)],
            "the latest heartbeat replaces the one before"
        );
    }

    #[test]
    fn sqlite_keeps_the_enrollment_contract() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("center.sqlite")).unwrap();
        keeps_the_enrollment_contract(&store);
        keeps_the_roster_contract(&store);
        keeps_the_operator_contract(&store);
        drop(store);
        let again = SqliteStore::open(&dir.path().join("center.sqlite")).unwrap();
        assert!(
            again.station("hall-1").unwrap().is_some(),
            "kept across a reopen"
        );
    }
}
