//! The national center under load: `PostgreSQL` (Debian's package, started here on 127.0.0.1)
//! behind 1, 2 and 4 real `ustudy-center serve` processes. N simulated stations (500, then
//! 5,000) post a session's records each, all at once, in the outbox's own sealed, signed
//! batches over TLS, spread over the processes as a load balancer would, and every receipt is
//! checked. Reported for each: records per second, p50/p99 request latency, and the ratio to
//! `PostgreSQL`'s own `COPY` of the same rows into a table like the center's, measured in the
//! same run on the same server (goal: throughput grows with processes until the database is
//! the limit, and at least 0.3× the `COPY` rate at 4 processes).
//!
//! Run: `cargo bench --bench center_pg`. `USTUDY_PG_STATIONS` (`500,5000`), `USTUDY_PG_EVENTS`
//! (records per session, 120), `USTUDY_PG_PROCESSES` (`1,2,4`) and `USTUDY_LOAD_SECONDS` (600:
//! each burst stops by itself then) change it. Every request goes to 127.0.0.1 only.

#![allow(
    clippy::expect_used,
    clippy::print_stdout,
    clippy::cast_precision_loss,
    clippy::too_many_lines
)]

use std::io::BufRead as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ustudy::center::KeyStore;
use ustudy::center::identity::ServerIdentity;
use ustudy::center::store::{NewCode, PgStore, Store as _};
use ustudy::crypto::{hex, sign};
use ustudy::journal::store::now_ms;
use ustudy::protocol::batch::{Batch, MAX_RECORDS};
use ustudy::station::identity::Identity;
use ustudy::station::settings::{CenterLink, Settings};
use ustudy::sync::link::Link;
use ustudy::sync::outbox::contents;

#[path = "load/common.rs"]
mod common;
#[allow(dead_code)] // The bench uses the plain server only.
#[path = "../tests/support/postgres.rs"]
mod postgres;

use common::{Row, pct, session, setting};

/// A list of numbers from the environment (`500,5000`).
fn list(name: &str, default: &[usize]) -> Vec<usize> {
    std::env::var(name)
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| default.to_vec())
}

/// `ustudy-center serve` on `dir` and the database `db`; the child and its URL.
fn serve(dir: &Path, db: &str) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ustudy-center"))
        .args(["serve", "--dir", dir.to_str().expect("utf-8"), "--db", db])
        .args(["--listen", "127.0.0.1:0", "--max-connections", "8192"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the center starts");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the center says where it listens");
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .expect("listening")
        .to_owned();
    (child, url)
}

/// CPU seconds process `pid` has used (user and system, every thread), with `ended` also those
/// of its children that ended; 0 for a process that is gone.
fn cpu(pid: u32, ended: bool) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The fields after the command's name: state, ppid, ..., utime (14th), stime, cutime, cstime.
    let fields: Vec<f64> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .map(|v| v.parse().unwrap_or(0.0))
        .collect();
    let at = |i: usize| fields.get(i).copied().unwrap_or(0.0);
    let ticks = at(11) + at(12) + if ended { at(13) + at(14) } else { 0.0 };
    ticks / ticks_per_second()
}

fn ticks_per_second() -> f64 {
    static TICKS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|t| t.trim().parse().ok())
            .unwrap_or(100.0)
    })
}

/// CPU seconds the database server has used: its postmaster, every process it runs now, and
/// every one that ended (a closed connection's).
fn database_cpu(postmaster: u32) -> f64 {
    let children: f64 = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
            rest.split_whitespace().nth(1) == Some(&postmaster.to_string())
        })
        .map(|pid| cpu(pid, false))
        .sum();
    cpu(postmaster, true) + children
}

/// The floor: the same rows with `COPY … FROM STDIN (FORMAT binary)` into a fresh table like
/// the center's events (its key included), in one transaction.
fn copy_floor(db: &str, rows: &[Vec<Row>]) -> Duration {
    use tokio_postgres::binary_copy::BinaryCopyInWriter;
    use tokio_postgres::types::Type;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let (mut client, connection) = tokio_postgres::connect(db, tokio_postgres::NoTls)
            .await
            .expect("the floor connects");
        tokio::spawn(connection);
        client
            .batch_execute(
                "DROP TABLE IF EXISTS floor_events;
                 CREATE TABLE floor_events (LIKE events INCLUDING ALL)",
            )
            .await
            .expect("the floor's table");
        let start = Instant::now();
        let tx = client.transaction().await.expect("begin");
        let sink = tx
            .copy_in(
                "COPY floor_events (session, seq, hash, sealed, entry) FROM STDIN (FORMAT binary)",
            )
            .await
            .expect("copy");
        let writer = BinaryCopyInWriter::new(
            sink,
            &[Type::TEXT, Type::INT8, Type::BYTEA, Type::BYTEA, Type::TEXT],
        );
        let mut writer = std::pin::pin!(writer);
        for (session, seq, hash, sealed, entry) in rows.iter().flatten() {
            writer
                .as_mut()
                .write(&[session, seq, &hash.as_slice(), sealed, entry])
                .await
                .expect("a row");
        }
        writer.as_mut().finish().await.expect("copied");
        tx.commit().await.expect("commit");
        start.elapsed()
    })
}

/// The store's own rate: the same rows as checked batches, kept with `put_batch` from four
/// threads on one `PgStore` (no network, no TLS, no checks), into a fresh database schema
/// state (the tables emptied first). Records per second.
fn store_alone(db: &str, rows: &[Vec<Row>]) -> f64 {
    use ustudy::center::store::{BatchIn, Incoming};
    let store = Arc::new(PgStore::connect(db, None).expect("the store"));
    let batches: Vec<BatchIn> = rows
        .iter()
        .map(|chunk| {
            let (session, first) = (&chunk[0].0, chunk[0].1);
            BatchIn {
                station: format!("alone-{session}"),
                session: format!("alone-{session}"),
                package_id: "load".to_owned(),
                seal_id: "00".to_owned(),
                supersedes: None,
                data_key: [0; 32],
                imported: false,
                behind: None,
                head_seq: chunk.last().map_or(first, |r| r.1),
                // Each session here is one batch from its first record.
                prev: [0; 32],
                records: chunk
                    .iter()
                    .map(|(_, seq, hash, sealed, entry)| Incoming {
                        seq: *seq,
                        hash: *hash,
                        sealed: sealed.clone(),
                        entry: entry.clone(),
                    })
                    .collect(),
            }
        })
        .filter(|b| b.records.first().is_some_and(|r| r.seq == 0))
        .collect();
    let records: usize = batches.iter().map(|b| b.records.len()).sum();
    let queue = Arc::new(std::sync::Mutex::new(batches));
    let start = Instant::now();
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (store, queue) = (Arc::clone(&store), Arc::clone(&queue));
            std::thread::spawn(move || {
                loop {
                    let next = queue.lock().expect("queue").pop();
                    let Some(batch) = next else { break };
                    store.put_batch(batch, 1).expect("kept");
                }
            })
        })
        .collect();
    for w in workers {
        w.join().expect("a worker");
    }
    records as f64 / start.elapsed().as_secs_f64()
}

/// One burst: every station at once, each posting its batches in order as its outbox would;
/// records acknowledged, failed requests, latencies, wall time.
fn burst(
    plans: Vec<(Arc<Link>, Vec<Batch>, Vec<usize>)>,
    deadline: Duration,
) -> (usize, usize, Vec<Duration>, Duration) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    let start = Instant::now();
    let until = start + deadline;
    let (delivered, failures, latencies) = rt.block_on(async move {
        let mut tasks = Vec::with_capacity(plans.len());
        for (link, batches, counts) in plans {
            tasks.push(tokio::spawn(async move {
                let mut lat = Vec::with_capacity(batches.len());
                let (mut delivered, mut failures) = (0usize, 0usize);
                for (batch, n) in batches.iter().zip(counts) {
                    if Instant::now() > until {
                        break;
                    }
                    let t = Instant::now();
                    match link.post_batch(batch).await {
                        Ok(receipt) => {
                            lat.push(t.elapsed());
                            assert!(!receipt.flagged, "no session is flagged");
                            delivered += n;
                        }
                        Err(_) => failures += 1,
                    }
                }
                (lat, delivered, failures)
            }));
        }
        let (mut delivered, mut failures, mut latencies) = (0, 0, Vec::new());
        for task in tasks {
            let (lat, d, f) = task.await.expect("a station task");
            latencies.extend(lat);
            delivered += d;
            failures += f;
        }
        (delivered, failures, latencies)
    });
    (delivered, failures, latencies, start.elapsed())
}

fn main() {
    let counts = list("USTUDY_PG_STATIONS", &[500, 5000]);
    let processes = list("USTUDY_PG_PROCESSES", &[1, 2, 4]);
    let events = usize::try_from(setting("USTUDY_PG_EVENTS", 120)).expect("events");
    let deadline = Duration::from_secs(setting("USTUDY_LOAD_SECONDS", 600));
    let pg = postgres::Postgres::start();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!("center_pg: PostgreSQL on 127.0.0.1, {cores} cores, {events} records per session");
    let mut table = Vec::new();
    for stations in counts {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = pg.database();
        let center_dir = dir.path().join("center");
        let keys = KeyStore::init(&center_dir).expect("key store");
        let identity = ServerIdentity::ensure(&center_dir).expect("identity");
        let store = PgStore::connect(&db, None).expect("the store");
        let now = i64::try_from(now_ms()).expect("now");
        let link_settings = CenterLink {
            url: String::new(),
            key_id: sign::key_id(&keys.public()),
            signing_public: hex::encode(&keys.public()),
            agree_public: hex::encode(&identity.agree_public()),
            cert_sha256: hex::encode(&identity.cert_sha256()),
        };
        // Every station enrolled, and its session sealed in batches, before any clock starts.
        let mut stations_ready = Vec::with_capacity(stations);
        let mut all_rows: Vec<Vec<Row>> = Vec::new();
        for i in 0..stations {
            let home = dir.path().join(format!("st-{i}"));
            let id = Identity::load_or_create(&home).expect("keys");
            let code = format!("C{i}");
            store
                .add_code(&NewCode {
                    id: code.clone(),
                    key: [0; 32],
                    station: format!("st-{i}"),
                    hall: "1".to_owned(),
                    seat: i.to_string(),
                    created_ms: now,
                    expires_ms: now + 3_600_000,
                })
                .expect("code");
            store
                .redeem(
                    &code,
                    now,
                    &|_| true,
                    id.signing_public(),
                    id.agree_public(),
                )
                .expect("enrolled");
            let (chunks, rows) = session(i, 1, events, MAX_RECORDS);
            all_rows.extend(rows);
            stations_ready.push((i, home, chunks));
        }
        drop(store);
        let total: usize = all_rows.iter().map(Vec::len).sum();
        let postmaster = pg.server_pid();
        let before = database_cpu(postmaster);
        let copy = copy_floor(&db, &all_rows);
        let copy_rate = total as f64 / copy.as_secs_f64();
        // The database's own CPU for a thousand records of the floor.
        let copy_cpu = (database_cpu(postmaster) - before) * 1e3 / total as f64;
        println!(
            "{stations} stations: {total} records in {} batches; COPY floor {copy_rate:.0} records/s, the database's CPU {:.1} ms per 1,000 records",
            all_rows.len(),
            copy_cpu * 1e3
        );
        let alone = store_alone(&db, &all_rows);
        println!(
            "  the store alone (put_batch from 4 threads, no network, no checks): {alone:.0} records/s, {:.2}× COPY",
            alone / copy_rate
        );
        drop(all_rows);
        let name = db
            .rsplit('/')
            .next()
            .and_then(|n| n.split('?').next())
            .expect("name");
        for &procs in &processes {
            // A clean slate: the same sessions again, as new.
            pg.psql(
                name,
                "TRUNCATE events, session_keys, session_behind, moves, sessions",
            );
            let servers: Vec<(Child, String)> =
                (0..procs).map(|_| serve(&center_dir, &db)).collect();
            let plans: Vec<(Arc<Link>, Vec<Batch>, Vec<usize>)> = stations_ready
                .iter()
                .map(|(i, home, chunks)| {
                    let settings = Settings {
                        station: format!("st-{i}"),
                        seat: i.to_string(),
                        data_dir: home.clone(),
                        center: CenterLink {
                            url: servers[i % procs].1.clone(),
                            ..link_settings.clone()
                        },
                        pin: None,
                        virtual_machine: ustudy::preflight::VmPolicy::Warn,
                    };
                    let identity = Identity::load(home).expect("keys");
                    let link = Link::new(&settings, identity).expect("link");
                    let batches = chunks
                        .iter()
                        .map(|c| link.seal_batch(&contents(c)).expect("sealed"))
                        .collect();
                    let counts = chunks.iter().map(|c| c.records.len()).collect();
                    (Arc::new(link), batches, counts)
                })
                .collect();
            let (db_before, stations_before) =
                (database_cpu(postmaster), cpu(std::process::id(), false));
            let (delivered, failures, mut latencies, wall) = burst(plans, deadline);
            let stations_cpu = cpu(std::process::id(), false) - stations_before;
            let serve_cpu: f64 = servers.iter().map(|(c, _)| cpu(c.id(), false)).sum();
            for (mut child, _) in servers {
                let _ = child.kill();
                let _ = child.wait();
            }
            // The killed processes' connections end, and their CPU counts as ended.
            std::thread::sleep(Duration::from_millis(500));
            let db_cpu = database_cpu(postmaster) - db_before;
            let held: usize = pg
                .psql(name, "SELECT COUNT(*) FROM events")
                .parse()
                .expect("a count");
            assert_eq!(held, delivered, "every acknowledged record held, once");
            let rate = delivered as f64 / wall.as_secs_f64();
            let (p50, p99) = if latencies.is_empty() {
                (0.0, 0.0)
            } else {
                (
                    pct(&mut latencies, 50).as_secs_f64() * 1e3,
                    pct(&mut latencies, 99).as_secs_f64() * 1e3,
                )
            };
            println!(
                "  {procs} serve process(es): {delivered} of {total} records in {:.1} s, {failures} failed requests: {rate:.0} records/s, p50 {p50:.1} ms, p99 {p99:.1} ms, {:.2}× COPY",
                wall.as_secs_f64(),
                rate / copy_rate
            );
            let per = |seconds: f64| seconds * 1e6 / delivered.max(1) as f64;
            println!(
                "    CPU per 1,000 records: database {:.1} ms ({:.1}× COPY's), serve {:.1} ms, stations {:.1} ms; the database alone on {cores} cores would carry about {:.0} records/s",
                per(db_cpu),
                per(db_cpu) / (copy_cpu * 1e3),
                per(serve_cpu),
                per(stations_cpu),
                cores as f64 * 1e6 / per(db_cpu).max(1e-9),
            );
            table.push((stations, procs, rate, p99, rate / copy_rate));
        }
    }
    println!("stations | processes | records/s | p99 ms | × COPY");
    for (stations, procs, rate, p99, ratio) in table {
        println!("{stations} | {procs} | {rate:.0} | {p99:.1} | {ratio:.2}");
    }
}
