//! The center's schema as numbered migrations, each written for both backends: a store opened
//! runs the ones it has not run yet (`ustudy-center migrate` does only that) and notes the
//! number in `schema_version`. Add a migration at the end; never change one that shipped.

/// A migration: its number, its `SQLite` text and its `PostgreSQL` text.
pub(super) struct Migration {
    pub version: i64,
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

/// Every migration, in order.
pub(super) const ALL: &[Migration] = &[
    Migration {
        version: 1,
        sqlite: SQLITE_1,
        postgres: POSTGRES_1,
    },
    Migration {
        version: 2,
        sqlite: HELD_MS,
        postgres: HELD_MS,
    },
    Migration {
        version: 3,
        sqlite: NOTHING,
        postgres: POSTGRES_EVENT_KEYS,
    },
];

/// The version a store reaches once every migration ran.
pub const LATEST: i64 = 3;

/// A migration with nothing to do on one backend (the number still moves on).
const NOTHING: &str = "";

/// When the center first held the end of each session's chain: a receipt says this time, so
/// every `serve` process answers the same batch with the same signed receipt (sessions held
/// before keep their last batch's time).
const HELD_MS: &str = "
ALTER TABLE sessions ADD COLUMN held_ms BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET held_ms = last_ms;
";

/// Events keyed as the center reads them, and kept at `COPY`'s pace. The key columns of the
/// per-session tables compare byte by byte (as `SQLite` and the other keys do) whatever the
/// database's locale, and `events` no longer checks each row against `sessions`: `PostgreSQL`
/// ran that check as a query per record (120 for a session's batch), while the store writes
/// a session's events only in the transaction that holds the session's lock and has its row
/// (on `SQLite` the reference was never enforced). Rewrites the three tables once.
const POSTGRES_EVENT_KEYS: &str = r#"
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_session_fkey;
ALTER TABLE events ALTER COLUMN session TYPE TEXT COLLATE "C";
ALTER TABLE session_keys ALTER COLUMN session TYPE TEXT COLLATE "C";
ALTER TABLE session_behind ALTER COLUMN session TYPE TEXT COLLATE "C";
"#;

/// The first schema (stores made before versions were kept have exactly these tables).
const SQLITE_1: &str = "
CREATE TABLE IF NOT EXISTS enroll_codes (
    id TEXT NOT NULL,
    key BLOB NOT NULL,
    station TEXT NOT NULL,
    hall TEXT NOT NULL,
    seat TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    used_ms INTEGER
);
CREATE INDEX IF NOT EXISTS enroll_codes_id ON enroll_codes(id);
CREATE TABLE IF NOT EXISTS stations (
    name TEXT PRIMARY KEY,
    hall TEXT NOT NULL,
    seat TEXT NOT NULL,
    signing_public BLOB NOT NULL,
    agree_public BLOB NOT NULL,
    enrolled_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS roster (
    iin TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    ticket TEXT NOT NULL,
    format TEXT NOT NULL,
    language TEXT NOT NULL,
    extra_time INTEGER NOT NULL,
    hall TEXT NOT NULL,
    seat TEXT NOT NULL,
    date TEXT NOT NULL,
    start TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS roster_hall ON roster(hall);
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    station TEXT NOT NULL,
    package_id TEXT NOT NULL,
    seal_id TEXT NOT NULL,
    supersedes TEXT,
    held_seq INTEGER NOT NULL,
    held_hash BLOB NOT NULL,
    station_head INTEGER NOT NULL,
    flag TEXT,
    first_ms INTEGER NOT NULL,
    last_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    session TEXT NOT NULL REFERENCES sessions(id),
    seq INTEGER NOT NULL,
    hash BLOB NOT NULL,
    sealed BLOB NOT NULL,
    entry TEXT NOT NULL,
    PRIMARY KEY (session, seq)
);
CREATE TABLE IF NOT EXISTS reissues (
    iin TEXT NOT NULL,
    station TEXT NOT NULL,
    seal_id TEXT NOT NULL,
    released_ms INTEGER NOT NULL,
    reissued_ms INTEGER NOT NULL,
    reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS operators (
    name TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS logins (
    token_hash BLOB PRIMARY KEY,
    operator TEXT NOT NULL REFERENCES operators(name),
    opened_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS station_status (
    station TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    at_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS session_keys (
    session TEXT PRIMARY KEY,
    data_key BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS session_behind (
    session TEXT PRIMARY KEY,
    tasks TEXT
);
CREATE TABLE IF NOT EXISTS moves (
    session TEXT PRIMARY KEY,
    iin TEXT NOT NULL,
    from_station TEXT NOT NULL,
    to_station TEXT NOT NULL,
    reason TEXT NOT NULL,
    moved_ms INTEGER NOT NULL,
    head_seq INTEGER NOT NULL,
    head_hash BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS moves_to ON moves(to_station);
CREATE TABLE IF NOT EXISTS releases (
    iin TEXT PRIMARY KEY,
    station TEXT NOT NULL,
    seal_id TEXT NOT NULL,
    released_ms INTEGER NOT NULL
);
";

/// The first schema on `PostgreSQL`: the same tables, with the indexes a national store needs
/// (the dashboard's and the export's orders, a station's sessions, the sessions carrying others
/// on), and text keys compared byte by byte as `SQLite` compares them.
const POSTGRES_1: &str = r#"
CREATE TABLE enroll_codes (
    row_id BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL,
    key BYTEA NOT NULL,
    station TEXT NOT NULL,
    hall TEXT NOT NULL,
    seat TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL,
    used_ms BIGINT
);
CREATE INDEX enroll_codes_id ON enroll_codes(id);
CREATE TABLE stations (
    name TEXT COLLATE "C" PRIMARY KEY,
    hall TEXT NOT NULL,
    seat TEXT NOT NULL,
    signing_public BYTEA NOT NULL,
    agree_public BYTEA NOT NULL,
    enrolled_ms BIGINT NOT NULL
);
CREATE TABLE roster (
    iin TEXT COLLATE "C" PRIMARY KEY,
    name TEXT NOT NULL,
    ticket TEXT NOT NULL,
    format TEXT NOT NULL,
    language TEXT NOT NULL,
    extra_time BOOLEAN NOT NULL,
    hall TEXT NOT NULL,
    seat TEXT NOT NULL,
    date TEXT NOT NULL,
    start TEXT NOT NULL
);
CREATE INDEX roster_hall ON roster(hall, iin);
CREATE TABLE sessions (
    id TEXT COLLATE "C" PRIMARY KEY,
    station TEXT NOT NULL,
    package_id TEXT NOT NULL,
    seal_id TEXT NOT NULL,
    supersedes TEXT,
    held_seq BIGINT NOT NULL,
    held_hash BYTEA NOT NULL,
    station_head BIGINT NOT NULL,
    flag TEXT,
    first_ms BIGINT NOT NULL,
    last_ms BIGINT NOT NULL
);
CREATE INDEX sessions_order ON sessions(first_ms, id);
CREATE INDEX sessions_station ON sessions(station);
CREATE INDEX sessions_supersedes ON sessions(supersedes) WHERE supersedes IS NOT NULL;
CREATE TABLE events (
    session TEXT NOT NULL REFERENCES sessions(id),
    seq BIGINT NOT NULL,
    hash BYTEA NOT NULL,
    sealed BYTEA NOT NULL,
    entry TEXT NOT NULL,
    PRIMARY KEY (session, seq)
);
CREATE TABLE reissues (
    iin TEXT NOT NULL,
    station TEXT NOT NULL,
    seal_id TEXT NOT NULL,
    released_ms BIGINT NOT NULL,
    reissued_ms BIGINT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX reissues_iin ON reissues(iin);
CREATE TABLE operators (
    name TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    created_ms BIGINT NOT NULL
);
CREATE TABLE logins (
    token_hash BYTEA PRIMARY KEY,
    operator TEXT NOT NULL REFERENCES operators(name),
    opened_ms BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL
);
CREATE INDEX logins_expires ON logins(expires_ms);
CREATE TABLE station_status (
    station TEXT COLLATE "C" PRIMARY KEY,
    status TEXT NOT NULL,
    at_ms BIGINT NOT NULL
);
CREATE TABLE session_keys (
    session TEXT PRIMARY KEY,
    data_key BYTEA NOT NULL
);
CREATE TABLE session_behind (
    session TEXT PRIMARY KEY,
    tasks TEXT
);
CREATE TABLE moves (
    session TEXT COLLATE "C" PRIMARY KEY,
    iin TEXT NOT NULL,
    from_station TEXT NOT NULL,
    to_station TEXT NOT NULL,
    reason TEXT NOT NULL,
    moved_ms BIGINT NOT NULL,
    head_seq BIGINT NOT NULL,
    head_hash BYTEA NOT NULL
);
CREATE INDEX moves_to ON moves(to_station);
CREATE TABLE releases (
    iin TEXT PRIMARY KEY,
    station TEXT NOT NULL,
    seal_id TEXT NOT NULL,
    released_ms BIGINT NOT NULL
);
"#;
