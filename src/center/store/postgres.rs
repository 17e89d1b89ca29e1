//! The `PostgreSQL` store: one national store that several `serve` processes share. A pool of
//! async connections (`deadpool-postgres` over `tokio-postgres`) on a small runtime of its own,
//! behind the same synchronous trait as `SQLite` (the server calls the store on blocking
//! threads). Exactly once across processes comes from the database, never from a lock in one
//! process: the keys of `events`, `releases`, `moves` and `operators`, and a transaction
//! advisory lock on the session (or code) a change is about, so two processes keeping the same
//! batch at once take turns and the second finds it held. TLS to the database: rustls with the
//! ring provider, checked against the certificate given.

use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use deadpool_postgres::{GenericClient as _, Manager, ManagerConfig, Pool, RecyclingMethod};
use futures_util::future::{try_join4, try_join5};
use tokio_postgres::Row as PgRow;
use tokio_postgres::Statement;
use tokio_postgres::types::ToSql;

use super::rules::{self, Behind, Row, Seen};
use super::{
    BatchIn, Held, HeldSession, Move, NewCode, Redeemed, Sealed, Station, Store, StoreError,
    migrations,
};
use crate::protocol::roster::RosterRow;

/// Connections a process keeps open to the database at most.
const POOL_SIZE: usize = 16;

/// How long a new connection to the database may take (unless the URL says otherwise).
const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// How long a request waits for a free connection when all are busy.
const POOL_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// The key of the advisory lock migrations take (any number no other lock uses).
const MIGRATION_LOCK: i64 = 0x5553_5455_4459; // "USTUDY"

/// The channel on which every process tells the others that it kept records.
const CHANNEL: &str = "ustudy_changed";

/// The least time between two such signals from one process (a busy hall keeps several
/// batches a second; the dashboards render at most four times a second anyway).
const SIGNAL_GAP: std::time::Duration = std::time::Duration::from_millis(200);

/// How long a lost listening connection waits before it connects again.
const LISTEN_RETRY: std::time::Duration = std::time::Duration::from_secs(2);

/// The `PostgreSQL` store.
pub struct PgStore {
    /// The runtime the connections live on (taken when the store is dropped).
    rt: Option<tokio::runtime::Runtime>,
    pool: Pool,
    /// The schema version the database had when this process connected (0: new).
    was: i64,
    /// Records were kept since the last signal to the other processes.
    kept: Arc<AtomicBool>,
    /// How to open a connection of its own, for listening.
    config: tokio_postgres::Config,
    tls: tokio_postgres_rustls::MakeRustlsConnect,
}

impl Drop for PgStore {
    fn drop(&mut self) {
        // The store may be dropped on an async thread, where a runtime may not block.
        if let Some(rt) = self.rt.take() {
            rt.shutdown_background();
        }
    }
}

fn failed(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Database(format!("{what}: {e}"))
}

/// TLS to the database, checked against the certificates in `ca` (PEM), or refusing every
/// certificate when none is given (a database that offers TLS then needs `--db-ca`, or
/// `sslmode=disable` in the URL on a trusted network).
fn tls(ca: Option<&Path>) -> Result<tokio_postgres_rustls::MakeRustlsConnect, StoreError> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject as _;
    let mut roots = rustls::RootCertStore::empty();
    if let Some(path) = ca {
        let certs = CertificateDer::pem_file_iter(path)
            .map_err(|e| failed(&format!("the database certificate {}", path.display()), e))?;
        for cert in certs {
            let cert = cert.map_err(|e| failed(&path.display().to_string(), e))?;
            roots
                .add(cert)
                .map_err(|e| failed(&path.display().to_string(), e))?;
        }
        if roots.is_empty() {
            return Err(StoreError::Database(format!(
                "{} holds no certificate (PEM, -----BEGIN CERTIFICATE-----)",
                path.display()
            )));
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| failed("TLS", e))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user:password@host:port/db`, libpq's
    /// URL form with its `sslmode`), with TLS checked against `ca`, and migrates it.
    pub fn connect(url: &str, ca: Option<&Path>) -> Result<PgStore, StoreError> {
        let mut config: tokio_postgres::Config = url
            .parse()
            .map_err(|e| failed("the database URL does not parse", e))?;
        // A database host that does not answer is said within seconds, not after the
        // system's TCP timeout.
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("ustudy-db")
            .enable_all()
            .build()
            .map_err(|e| failed("the database runtime", e))?;
        let tls = tls(ca)?;
        let manager = Manager::from_config(
            config.clone(),
            tls.clone(),
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .create_timeout(Some(CONNECT_TIMEOUT))
            .wait_timeout(Some(POOL_WAIT))
            .build()
            .map_err(|e| failed("the database pool", e))?;
        let kept = Arc::new(AtomicBool::new(false));
        rt.spawn(signal(pool.clone(), Arc::clone(&kept)));
        let mut store = PgStore {
            rt: Some(rt),
            pool,
            was: 0,
            kept,
            config,
            tls,
        };
        store.was = store.block(migrate(&store.pool))?;
        Ok(store)
    }

    /// The schema version the database had when this process connected (0: new) and the one
    /// it has now.
    pub fn schema(&self) -> (i64, i64) {
        (self.was, migrations::LATEST)
    }

    /// Runs `work` on the store's runtime and waits for it (callers are blocking threads).
    fn block<T>(&self, work: impl Future<Output = Result<T, StoreError>>) -> Result<T, StoreError> {
        match &self.rt {
            Some(rt) => rt.block_on(work),
            None => Err(StoreError::Database("the store is closed".into())),
        }
    }

    /// A pooled connection.
    async fn client(&self) -> Result<deadpool_postgres::Object, StoreError> {
        client(&self.pool).await
    }

    /// The rows of one query on a pooled connection.
    fn rows(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<PgRow>, StoreError> {
        self.block(async {
            let c = self.client().await?;
            let statement = c.prepare_cached(sql).await?;
            Ok(c.query(&statement, params).await?)
        })
    }

    /// The rows changed by one statement on a pooled connection.
    fn execute(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64, StoreError> {
        self.block(async {
            let c = self.client().await?;
            let statement = c.prepare_cached(sql).await?;
            Ok(c.execute(&statement, params).await?)
        })
    }
}

/// Tells the other processes, at most every `SIGNAL_GAP`, that this one kept records: a
/// `NOTIFY` of its own outside the batches' transactions (one inside each would make every
/// commit take the database's notification lock in turn).
async fn signal(pool: Pool, kept: Arc<AtomicBool>) {
    let mut every = tokio::time::interval(SIGNAL_GAP);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        if kept.swap(false, Ordering::AcqRel) {
            // Not told: the dashboards render on their own every few seconds anyway.
            if let Ok(c) = pool.get().await {
                let _ = c.batch_execute(&format!("NOTIFY {CHANNEL}")).await;
            }
        }
    }
}

/// Forwards every process's signal to `changed`, on a connection of its own, connecting
/// again whenever it is lost.
async fn listen(
    config: tokio_postgres::Config,
    tls: tokio_postgres_rustls::MakeRustlsConnect,
    changed: tokio::sync::broadcast::Sender<()>,
) {
    loop {
        if let Err(e) = listen_once(&config, tls.clone(), &changed).await {
            tracing::warn!(error = %StoreError::from(e), "the database's change signal is lost; listening again");
        }
        tokio::time::sleep(LISTEN_RETRY).await;
    }
}

async fn listen_once(
    config: &tokio_postgres::Config,
    tls: tokio_postgres_rustls::MakeRustlsConnect,
    changed: &tokio::sync::broadcast::Sender<()>,
) -> Result<(), tokio_postgres::Error> {
    use futures_util::StreamExt as _;
    let (client, mut connection) = config.connect(tls).await?;
    // Polling the connection's messages also carries the client's requests.
    let mut messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
    let listen = format!("LISTEN {CHANNEL}");
    let listening = client.batch_execute(&listen);
    tokio::pin!(listening);
    let mut listens = false;
    loop {
        tokio::select! {
            done = &mut listening, if !listens => {
                done?;
                listens = true;
                // What was kept while no one listened is shown now.
                let _ = changed.send(());
            }
            message = messages.next() => match message {
                Some(Ok(tokio_postgres::AsyncMessage::Notification(_))) => {
                    let _ = changed.send(());
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(e),
                None => return Ok(()),
            },
        }
    }
}

async fn client(pool: &Pool) -> Result<deadpool_postgres::Object, StoreError> {
    pool.get().await.map_err(|e| match e {
        deadpool_postgres::PoolError::Backend(e) => StoreError::from(e),
        other => failed("no connection to the database", other),
    })
}

/// Runs the migrations the database has not run, in one transaction under an advisory lock
/// (two processes starting at once migrate once); the version it had.
async fn migrate(pool: &Pool) -> Result<i64, StoreError> {
    let mut c = client(pool).await?;
    let tx = c.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")
        .await?;
    let was: i64 = tx
        .query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[])
        .await?
        .get(0);
    if was > migrations::LATEST {
        return Err(StoreError::NewerSchema(was));
    }
    for m in migrations::ALL.iter().filter(|m| m.version > was) {
        tx.batch_execute(m.postgres).await?;
    }
    if was < migrations::LATEST {
        tx.execute("DELETE FROM schema_version", &[]).await?;
        tx.execute(
            "INSERT INTO schema_version (version) VALUES ($1)",
            &[&migrations::LATEST],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(was)
}

/// Takes the transaction's advisory lock on `what` (a session, a code): others wanting the
/// same lock wait for this transaction to end.
async fn lock(tx: &deadpool_postgres::Transaction<'_>, what: &str) -> Result<(), StoreError> {
    tx.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
        &[&what],
    )
    .await?;
    Ok(())
}

fn key32(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    if bytes.len() == 32 {
        out.copy_from_slice(bytes);
    }
    out
}

/// The columns `move_row` reads.
const MOVE_COLUMNS: &str =
    "session, iin, from_station, to_station, reason, moved_ms, head_seq, head_hash";

fn move_row(r: &PgRow) -> Move {
    Move {
        session: r.get(0),
        iin: r.get(1),
        from_station: r.get(2),
        to_station: r.get(3),
        reason: r.get(4),
        moved_ms: r.get(5),
        head_seq: r.get(6),
        head_hash: r.get(7),
    }
}

fn station_row(r: &PgRow) -> Station {
    let (signing, agree): (Vec<u8>, Vec<u8>) = (r.get(3), r.get(4));
    Station {
        name: r.get(0),
        hall: r.get(1),
        seat: r.get(2),
        signing_public: key32(&signing),
        agree_public: key32(&agree),
        enrolled_ms: r.get(5),
    }
}

const STATION_COLUMNS: &str = "name, hall, seat, signing_public, agree_public, enrolled_ms";

/// The statements `put_batch` runs, prepared once on each pooled connection.
struct BatchStatements {
    lock: Statement,
    session: Statement,
    hashes: Statement,
    new_key: Statement,
    new_session: Statement,
    events: Statement,
    behind: Statement,
    held: Statement,
}

impl BatchStatements {
    async fn on(c: &deadpool_postgres::Object) -> Result<BatchStatements, StoreError> {
        Ok(BatchStatements {
            lock: c
                .prepare_cached("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .await?,
            session: c
                .prepare_cached(
                    "SELECT s.station, s.package_id, s.seal_id, s.supersedes, s.held_seq,
                         s.held_hash, s.flag, m.to_station, COALESCE(t.seat, ''), s.held_ms
                     FROM sessions s LEFT JOIN moves m ON m.session = s.id
                         LEFT JOIN stations t ON t.name = m.to_station
                     WHERE s.id = $1",
                )
                .await?,
            hashes: c
                .prepare_cached(
                    "SELECT seq, hash FROM events WHERE session = $1 AND seq BETWEEN $2 AND $3",
                )
                .await?,
            new_key: c
                .prepare_cached(
                    "INSERT INTO session_keys (session, data_key) VALUES ($1, $2)
                     ON CONFLICT (session) DO NOTHING",
                )
                .await?,
            new_session: c
                .prepare_cached(
                    "INSERT INTO sessions (id, station, package_id, seal_id, supersedes,
                         held_seq, held_hash, station_head, first_ms, last_ms, held_ms)
                     VALUES ($1, $2, $3, $4, $5, -1, ''::bytea, -1, $6, $6, $6)",
                )
                .await?,
            // One statement for the whole batch: its columns as arrays.
            events: c
                .prepare_cached(
                    "INSERT INTO events (session, seq, hash, sealed, entry)
                     SELECT $1, * FROM UNNEST($2::bigint[], $3::bytea[], $4::bytea[], $5::text[])",
                )
                .await?,
            behind: c
                .prepare_cached(
                    "INSERT INTO session_behind (session, tasks) VALUES ($1, $2)
                     ON CONFLICT (session) DO UPDATE SET tasks = excluded.tasks",
                )
                .await?,
            held: c
                .prepare_cached(
                    "UPDATE sessions SET held_seq = $2, held_hash = $3, station_head = $4,
                         flag = $5, last_ms = $6, held_ms = $7 WHERE id = $1",
                )
                .await?,
        })
    }
}

/// `work` when `yes`, else nothing (and nothing sent).
async fn when(
    yes: bool,
    work: impl Future<Output = Result<u64, tokio_postgres::Error>>,
) -> Result<u64, tokio_postgres::Error> {
    if yes { work.await } else { Ok(0) }
}

/// What the batch rules need of the batch's session, read in `tx` under the session's lock.
/// One round trip: the lock and the reads are sent together (pipelined, in the order the
/// futures are first polled, which `try_join4` does in order), and `PostgreSQL` runs each read
/// after the lock is granted, with a snapshot taken then.
async fn seen(
    tx: &deadpool_postgres::Transaction<'_>,
    st: &BatchStatements,
    batch: &BatchIn,
) -> Result<Seen, StoreError> {
    let key = format!("session:{}", batch.session);
    let (from, to) = rules::hash_range(batch);
    let earlier = async {
        match &batch.supersedes {
            Some(earlier) => tx.query_opt(&st.session, &[earlier]).await,
            None => Ok(None),
        }
    };
    let (_, this, earlier, hashes) = try_join4(
        tx.execute(&st.lock, &[&key]),
        tx.query_opt(&st.session, &[&batch.session]),
        earlier,
        tx.query(&st.hashes, &[&batch.session, &from, &to]),
    )
    .await?;
    let held = |r: &PgRow| Row {
        station: r.get(0),
        package_id: r.get(1),
        seal_id: r.get(2),
        supersedes: r.get(3),
        seq: r.get(4),
        hash: r.get(5),
        flag: r.get(6),
        held_ms: r.get(9),
    };
    // A move of a session never held cannot be (a move needs the session), so the join finds
    // every move of this one.
    let moved = this.as_ref().and_then(|r| {
        r.get::<_, Option<String>>(7)
            .map(|to| (to, r.get::<_, String>(8)))
    });
    Ok(Seen {
        row: this.as_ref().map(held),
        moved,
        earlier: earlier.map(|r| (r.get::<_, String>(0), r.get::<_, Option<String>>(7))),
        hashes: hashes
            .iter()
            .map(|r| (r.get::<_, i64>(0), r.get::<_, Vec<u8>>(1)))
            .collect(),
    })
}

/// `Store::put_batch` in one transaction of its own, in four round trips: begin; the lock and
/// the reads; every write; commit.
async fn put_batch(pool: &Pool, batch: &BatchIn, now_ms: i64) -> Result<Held, StoreError> {
    let mut c = client(pool).await?;
    let st = BatchStatements::on(&c).await?;
    let tx = c.transaction().await?;
    let plan = rules::plan(batch, &seen(&tx, &st, batch).await?, now_ms)?;
    let seqs: Vec<i64> = plan.keep.iter().map(|r| r.seq).collect();
    let hashes: Vec<&[u8]> = plan.keep.iter().map(|r| &r.hash[..]).collect();
    let sealed: Vec<&[u8]> = plan.keep.iter().map(|r| r.sealed.as_slice()).collect();
    let entries: Vec<&str> = plan.keep.iter().map(|r| r.entry.as_str()).collect();
    let (set_behind, tasks) = match &plan.behind {
        Behind::Set(tasks) => (true, tasks.clone()),
        Behind::Unchanged => (false, None),
    };
    let held = plan.held;
    try_join5(
        when(
            plan.new_session,
            tx.execute(&st.new_key, &[&batch.session, &batch.data_key.as_slice()]),
        ),
        when(
            plan.new_session,
            tx.execute(
                &st.new_session,
                &[
                    &batch.session,
                    &batch.station,
                    &batch.package_id,
                    &batch.seal_id,
                    &batch.supersedes,
                    &now_ms,
                ],
            ),
        ),
        when(
            !seqs.is_empty(),
            tx.execute(
                &st.events,
                &[&batch.session, &seqs, &hashes, &sealed, &entries],
            ),
        ),
        when(
            set_behind,
            tx.execute(&st.behind, &[&batch.session, &tasks]),
        ),
        tx.execute(
            &st.held,
            &[
                &batch.session,
                &held.seq,
                &held.hash,
                &batch.head_seq,
                &held.flag,
                &now_ms,
                &held.at_ms,
            ],
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(held)
}

impl Store for PgStore {
    fn add_code(&self, code: &NewCode) -> Result<(), StoreError> {
        self.block(async {
            let mut c = self.client().await?;
            let tx = c.transaction().await?;
            lock(&tx, &format!("code:{}", code.id)).await?;
            let open: i64 = tx
                .query_one(
                    "SELECT COUNT(*) FROM enroll_codes
                     WHERE id = $1 AND used_ms IS NULL AND expires_ms > $2",
                    &[&code.id, &code.created_ms],
                )
                .await?
                .get(0);
            if open > 0 {
                return Err(StoreError::CodeClash);
            }
            tx.execute(
                "INSERT INTO enroll_codes (id, key, station, hall, seat, created_ms, expires_ms)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &[
                    &code.id,
                    &code.key.as_slice(),
                    &code.station,
                    &code.hall,
                    &code.seat,
                    &code.created_ms,
                    &code.expires_ms,
                ],
            )
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    fn redeem(
        &self,
        id: &str,
        now_ms: i64,
        proves: &dyn Fn(&[u8; 32]) -> bool,
        signing_public: [u8; 32],
        agree_public: [u8; 32],
    ) -> Result<Redeemed, StoreError> {
        self.block(async {
            let mut c = self.client().await?;
            let tx = c.transaction().await?;
            lock(&tx, &format!("code:{id}")).await?;
            let rows = tx
                .query(
                    "SELECT row_id, key, station, hall, seat, expires_ms, used_ms
                     FROM enroll_codes WHERE id = $1",
                    &[&id],
                )
                .await?;
            if rows.is_empty() {
                return Err(StoreError::NoCode);
            }
            let Some(row) = rows
                .iter()
                .find(|r| proves(&key32(&r.get::<_, Vec<u8>>(1))))
            else {
                return Err(StoreError::WrongCode);
            };
            if row.get::<_, Option<i64>>(6).is_some() {
                return Err(StoreError::CodeUsed);
            }
            if now_ms >= row.get::<_, i64>(5) {
                return Err(StoreError::CodeExpired);
            }
            let (row_id, key): (i64, Vec<u8>) = (row.get(0), row.get(1));
            let (name, hall, seat): (String, String, String) = (row.get(2), row.get(3), row.get(4));
            tx.execute(
                "UPDATE enroll_codes SET used_ms = $1 WHERE row_id = $2",
                &[&now_ms, &row_id],
            )
            .await?;
            tx.execute(
                "INSERT INTO stations (name, hall, seat, signing_public, agree_public, enrolled_ms)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (name) DO UPDATE SET hall = $2, seat = $3, signing_public = $4,
                     agree_public = $5, enrolled_ms = $6",
                &[
                    &name,
                    &hall,
                    &seat,
                    &signing_public.as_slice(),
                    &agree_public.as_slice(),
                    &now_ms,
                ],
            )
            .await?;
            tx.commit().await?;
            Ok(Redeemed {
                key: key32(&key),
                station: Station {
                    name,
                    hall,
                    seat,
                    signing_public,
                    agree_public,
                    enrolled_ms: now_ms,
                },
            })
        })
    }

    fn station(&self, name: &str) -> Result<Option<Station>, StoreError> {
        let sql = format!("SELECT {STATION_COLUMNS} FROM stations WHERE name = $1");
        Ok(self.rows(&sql, &[&name])?.first().map(station_row))
    }

    fn import_roster(&self, rows: &[RosterRow]) -> Result<usize, StoreError> {
        self.block(async {
            let mut c = self.client().await?;
            let tx = c.transaction().await?;
            let insert = tx
                .prepare_cached(
                    "INSERT INTO roster (iin, name, ticket, format, language, extra_time, hall,
                         seat, date, start) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                     ON CONFLICT (iin) DO NOTHING",
                )
                .await?;
            for row in rows {
                let added = tx
                    .execute(
                        &insert,
                        &[
                            &row.iin,
                            &row.name,
                            &row.ticket,
                            &row.format,
                            &row.language,
                            &row.extra_time,
                            &row.hall,
                            &row.seat,
                            &row.date,
                            &row.start,
                        ],
                    )
                    .await?;
                if added == 0 {
                    // Dropping the transaction undoes the rows before this one.
                    return Err(StoreError::OnRoster(row.iin.clone()));
                }
            }
            tx.commit().await?;
            Ok(rows.len())
        })
    }

    fn roster(&self, hall: &str) -> Result<Vec<RosterRow>, StoreError> {
        let rows = self.rows(
            "SELECT iin, name, ticket, format, language, extra_time, hall, seat, date, start
             FROM roster WHERE hall = $1 ORDER BY iin",
            &[&hall],
        )?;
        Ok(rows
            .iter()
            .map(|r| RosterRow {
                iin: r.get(0),
                name: r.get(1),
                ticket: r.get(2),
                format: r.get(3),
                language: r.get(4),
                extra_time: r.get(5),
                hall: r.get(6),
                seat: r.get(7),
                date: r.get(8),
                start: r.get(9),
            })
            .collect())
    }

    fn release(
        &self,
        iin: &str,
        station: &str,
        seal_id: &str,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        self.block(async {
            let c = self.client().await?;
            // One statement: of two processes releasing at once, the key lets one in.
            let added = c
                .execute(
                    "INSERT INTO releases (iin, station, seal_id, released_ms)
                     VALUES ($1, $2, $3, $4) ON CONFLICT (iin) DO NOTHING",
                    &[&iin, &station, &seal_id, &now_ms],
                )
                .await?;
            if added == 1 {
                return Ok(());
            }
            let to = c
                .query_opt("SELECT station FROM releases WHERE iin = $1", &[&iin])
                .await?
                .map_or_else(String::new, |r| r.get(0));
            Err(StoreError::AlreadyReleased(to))
        })
    }

    fn reissue(&self, iin: &str, reason: &str, now_ms: i64) -> Result<String, StoreError> {
        self.block(async {
            let mut c = self.client().await?;
            let tx = c.transaction().await?;
            let gone = tx
                .query_opt(
                    "DELETE FROM releases WHERE iin = $1 RETURNING station, seal_id, released_ms",
                    &[&iin],
                )
                .await?
                .ok_or_else(|| StoreError::NotReleased(iin.to_owned()))?;
            let (station, seal_id, released_ms): (String, String, i64) =
                (gone.get(0), gone.get(1), gone.get(2));
            tx.execute(
                "INSERT INTO reissues (iin, station, seal_id, released_ms, reissued_ms, reason)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[&iin, &station, &seal_id, &released_ms, &now_ms, &reason],
            )
            .await?;
            tx.commit().await?;
            Ok(station)
        })
    }

    fn put_batch(&self, batch: BatchIn, now_ms: i64) -> Result<Held, StoreError> {
        let held = self.block(put_batch(&self.pool, &batch, now_ms))?;
        if held.added > 0 {
            self.kept.store(true, Ordering::Release);
        }
        Ok(held)
    }

    fn ready(&self) -> Result<(), StoreError> {
        self.block(async {
            // Every connection at once (each held until all are open), its statements prepared.
            let open = (0..POOL_SIZE).map(|_| async {
                let c = self.client().await?;
                BatchStatements::on(&c).await?;
                Ok::<_, StoreError>(c)
            });
            futures_util::future::try_join_all(open).await?;
            Ok(())
        })
    }

    fn watch(&self, changed: tokio::sync::broadcast::Sender<()>) {
        if let Some(rt) = &self.rt {
            rt.spawn(listen(self.config.clone(), self.tls.clone(), changed));
        }
    }

    fn records(&self, session: &str) -> Result<Vec<(i64, Vec<u8>, String)>, StoreError> {
        self.records_after(session, -1)
    }

    fn sessions(&self) -> Result<Vec<HeldSession>, StoreError> {
        let rows = self.rows(
            "SELECT id, station, package_id, seal_id, supersedes, held_seq, station_head, flag,
                 first_ms, last_ms FROM sessions ORDER BY first_ms, id",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| HeldSession {
                id: r.get(0),
                station: r.get(1),
                package_id: r.get(2),
                seal_id: r.get(3),
                supersedes: r.get(4),
                held_seq: r.get(5),
                station_head: r.get(6),
                flag: r.get(7),
                first_ms: r.get(8),
                last_ms: r.get(9),
            })
            .collect())
    }

    fn stations(&self) -> Result<Vec<Station>, StoreError> {
        let sql = format!("SELECT {STATION_COLUMNS} FROM stations ORDER BY name");
        Ok(self.rows(&sql, &[])?.iter().map(station_row).collect())
    }

    fn records_after(
        &self,
        session: &str,
        after: i64,
    ) -> Result<Vec<(i64, Vec<u8>, String)>, StoreError> {
        let rows = self.rows(
            "SELECT seq, hash, entry FROM events WHERE session = $1 AND seq > $2 ORDER BY seq",
            &[&session, &after],
        )?;
        Ok(rows
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect())
    }

    fn add_operator(&self, name: &str, hash: &str, now_ms: i64) -> Result<(), StoreError> {
        let added = self.execute(
            "INSERT INTO operators (name, hash, created_ms) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO NOTHING",
            &[&name, &hash, &now_ms],
        )?;
        if added == 0 {
            return Err(StoreError::OperatorExists(name.to_owned()));
        }
        Ok(())
    }

    fn operator_hash(&self, name: &str) -> Result<Option<String>, StoreError> {
        let rows = self.rows("SELECT hash FROM operators WHERE name = $1", &[&name])?;
        Ok(rows.first().map(|r| r.get(0)))
    }

    fn open_login(
        &self,
        token_hash: &[u8; 32],
        operator: &str,
        now_ms: i64,
        expires_ms: i64,
    ) -> Result<(), StoreError> {
        // Expired logins go as new ones come: the table holds the logins that are open.
        self.execute("DELETE FROM logins WHERE expires_ms <= $1", &[&now_ms])?;
        self.execute(
            "INSERT INTO logins (token_hash, operator, opened_ms, expires_ms)
             VALUES ($1, $2, $3, $4)",
            &[&token_hash.as_slice(), &operator, &now_ms, &expires_ms],
        )?;
        Ok(())
    }

    fn login(&self, token_hash: &[u8; 32], now_ms: i64) -> Result<Option<String>, StoreError> {
        let rows = self.rows(
            "SELECT operator FROM logins WHERE token_hash = $1 AND expires_ms > $2",
            &[&token_hash.as_slice(), &now_ms],
        )?;
        Ok(rows.first().map(|r| r.get(0)))
    }

    fn close_login(&self, token_hash: &[u8; 32]) -> Result<(), StoreError> {
        self.execute(
            "DELETE FROM logins WHERE token_hash = $1",
            &[&token_hash.as_slice()],
        )?;
        Ok(())
    }

    fn put_status(&self, station: &str, status: &str, now_ms: i64) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO station_status (station, status, at_ms) VALUES ($1, $2, $3)
             ON CONFLICT (station) DO UPDATE SET status = excluded.status, at_ms = excluded.at_ms",
            &[&station, &status, &now_ms],
        )?;
        Ok(())
    }

    fn statuses(&self) -> Result<Vec<(String, String, i64)>, StoreError> {
        let rows = self.rows(
            "SELECT station, status, at_ms FROM station_status ORDER BY station",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect())
    }

    fn add_move(
        &self,
        session: &str,
        iin: &str,
        to: &str,
        reason: &str,
        now_ms: i64,
    ) -> Result<Move, StoreError> {
        self.block(async {
            let mut c = self.client().await?;
            let tx = c.transaction().await?;
            // The batch that might be kept at this moment takes the same lock: the move's head
            // is the end of the chain with that batch or without it, never half of it.
            lock(&tx, &format!("session:{session}")).await?;
            let held = tx
                .query_opt(
                    "SELECT station, held_seq, held_hash FROM sessions WHERE id = $1",
                    &[&session],
                )
                .await?
                .ok_or_else(|| StoreError::NotHeld(session.to_owned()))?;
            let (from, head_seq, head_hash): (String, i64, Vec<u8>) =
                (held.get(0), held.get(1), held.get(2));
            let enrolled = tx
                .query_opt("SELECT name FROM stations WHERE name = $1", &[&to])
                .await?;
            if enrolled.is_none() {
                return Err(StoreError::NoStation(to.to_owned()));
            }
            if from == to {
                return Err(StoreError::SameStation(session.to_owned()));
            }
            let added = tx
                .execute(
                    "INSERT INTO moves (session, iin, from_station, to_station, reason, moved_ms,
                         head_seq, head_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                     ON CONFLICT (session) DO NOTHING",
                    &[
                        &session, &iin, &from, &to, &reason, &now_ms, &head_seq, &head_hash,
                    ],
                )
                .await?;
            if added == 0 {
                let earlier: String = tx
                    .query_one(
                        "SELECT to_station FROM moves WHERE session = $1",
                        &[&session],
                    )
                    .await?
                    .get(0);
                return Err(StoreError::AlreadyMoved {
                    session: session.to_owned(),
                    to: earlier,
                });
            }
            tx.commit().await?;
            Ok(Move {
                session: session.to_owned(),
                iin: iin.to_owned(),
                from_station: from,
                to_station: to.to_owned(),
                reason: reason.to_owned(),
                moved_ms: now_ms,
                head_seq,
                head_hash,
            })
        })
    }

    fn move_of(&self, session: &str) -> Result<Option<Move>, StoreError> {
        let sql = format!("SELECT {MOVE_COLUMNS} FROM moves WHERE session = $1");
        Ok(self.rows(&sql, &[&session])?.first().map(move_row))
    }

    fn moves_to(&self, station: &str) -> Result<Vec<Move>, StoreError> {
        let sql = format!(
            "SELECT {MOVE_COLUMNS} FROM moves WHERE to_station = $1 AND NOT EXISTS
                 (SELECT 1 FROM sessions s WHERE s.supersedes = moves.session
                     AND s.station = moves.to_station)
             ORDER BY moved_ms, session"
        );
        Ok(self.rows(&sql, &[&station])?.iter().map(move_row).collect())
    }

    fn sealed(&self, session: &str) -> Result<Option<Sealed>, StoreError> {
        self.block(async {
            let c = self.client().await?;
            let key: Option<Vec<u8>> = c
                .query_opt(
                    "SELECT data_key FROM session_keys WHERE session = $1",
                    &[&session],
                )
                .await?
                .map(|r| r.get(0));
            let Some(key) = key.filter(|k| k.len() == 32) else {
                return Ok(None);
            };
            let records = c
                .query(
                    "SELECT seq, hash, sealed FROM events WHERE session = $1 ORDER BY seq",
                    &[&session],
                )
                .await?
                .iter()
                .map(|r| (r.get(0), r.get(1), r.get(2)))
                .collect();
            Ok(Some(Sealed {
                data_key: key32(&key),
                records,
            }))
        })
    }

    fn behind(&self, session: &str) -> Result<Option<Vec<u16>>, StoreError> {
        let rows = self.rows(
            "SELECT tasks FROM session_behind WHERE session = $1",
            &[&session],
        )?;
        Ok(rows
            .first()
            .and_then(|r| r.get::<_, Option<String>>(0))
            .and_then(|json| serde_json::from_str(&json).ok()))
    }
}
