//! The center's storage behind a narrow trait, so the same tests run against every backend:
//! `SqliteStore` (`sqlite.rs`, the default: one file beside the keys) and `PgStore`
//! (`postgres.rs`: one national store that several `serve` processes share). The rules of
//! keeping a batch are written once (`rules.rs`); the schema is one list of migrations written
//! for both (`migrations.rs`). `open` picks the backend from the command line's `--db`.

use std::sync::Arc;

use crate::protocol::roster::RosterRow;

mod batch;
mod migrations;
mod postgres;
mod rules;
mod sqlite;

pub use migrations::LATEST as SCHEMA_VERSION;
pub use postgres::PgStore;
pub use sqlite::SqliteStore;

/// What went wrong in storage, or why a request is refused.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error("storage failed: {0}")]
    Sqlite(Arc<rusqlite::Error>),
    #[error("the database failed: {0}")]
    Postgres(String),
    #[error("the database cannot be used: {0}")]
    Database(String),
    #[error(
        "the store has schema version {0}, newer than this program knows ({known}): run the newer program",
        known = migrations::LATEST
    )]
    NewerSchema(i64),
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

impl From<tokio_postgres::Error> for StoreError {
    /// The server's own words when it refused (`tokio-postgres` alone says "db error"), else
    /// the error with its causes (a refused connection, a TLS failure).
    fn from(e: tokio_postgres::Error) -> StoreError {
        let said = if let Some(db) = e.as_db_error() {
            match db.detail() {
                Some(detail) => format!("{}: {} ({detail})", db.severity(), db.message()),
                None => format!("{}: {}", db.severity(), db.message()),
            }
        } else {
            let mut said = e.to_string();
            let mut cause = std::error::Error::source(&e);
            while let Some(c) = cause {
                said = format!("{said}: {c}");
                cause = c.source();
            }
            said
        };
        StoreError::Postgres(said)
    }
}

/// Opens the center's store: on `PostgreSQL` when `db` names one (`postgres://…`, with
/// `db_ca` the certificate its TLS is checked against), else the `SQLite` file in `dir`.
/// Either is migrated to this program's schema first.
pub fn open(
    dir: &std::path::Path,
    db: Option<&str>,
    db_ca: Option<&std::path::Path>,
) -> Result<Arc<dyn Store>, StoreError> {
    Ok(match db {
        Some(url) => Arc::new(PgStore::connect(url, db_ca)?),
        None => Arc::new(SqliteStore::open(&dir.join("center.sqlite"))?),
    })
}

/// Opens the store as `open` does, only to migrate it: the schema version it had and the one
/// it has now.
pub fn migrate(
    dir: &std::path::Path,
    db: Option<&str>,
    db_ca: Option<&std::path::Path>,
) -> Result<(i64, i64), StoreError> {
    Ok(match db {
        Some(url) => PgStore::connect(url, db_ca)?.schema(),
        None => SqliteStore::open(&dir.join("center.sqlite"))?.schema(),
    })
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
    /// When the center first held that record (its clock, ms since the epoch): the same for
    /// every answer until the chain grows, whichever process gives it.
    pub at_ms: i64,
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

    /// Opens up front what serving needs, so the first batches of a test day do not wait for
    /// it (`PostgreSQL`: every pooled connection, with the statements a batch runs prepared).
    fn ready(&self) -> Result<(), StoreError> {
        Ok(())
    }

    /// Tells `changed` whenever any process sharing this store kept records (the dashboard's
    /// live pages listen), soon after it committed: `PostgreSQL` through `LISTEN`/`NOTIFY`. A
    /// store one process has alone (`SQLite`) has nothing to add to what the server itself
    /// tells.
    fn watch(&self, _changed: tokio::sync::broadcast::Sender<()>) {}

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
