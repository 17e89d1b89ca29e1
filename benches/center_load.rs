//! The center under load: N simulated stations (default 500) each post a whole session's journal
//! records, concurrently, in the outbox's own batches (sealed to the center, signed, over TLS with
//! the pinned certificate) to one center on 127.0.0.1, and every receipt is checked. Reported:
//! records per second, p50/p99 request latency, and the ratio to the floor — raw `SQLite` inserts
//! of the same rows in the same batches (WAL, `synchronous=FULL`, one transaction per batch) on
//! the same disk, measured in the same run, the median of three (goal ≥ 0.5×). Then the hall during a test: every
//! station sends one record a second, spread over the second, and the p99 latency is reported
//! (goal under 100 ms).
//!
//! Run: `cargo bench --bench center_load`. `USTUDY_LOAD_STATIONS` (500), `USTUDY_LOAD_EVENTS`
//! (records per session, 600: 120 answers and 480 ticks; a full four-hour session has about
//! 3,000), `USTUDY_LOAD_SECONDS` (600: the posting stops by itself then),
//! `USTUDY_LOAD_LIVE_SECONDS` (20) and `BENCH_DIR` (the disk) change it. Every request goes to 127.0.0.1 only.

#![allow(
    clippy::expect_used,
    clippy::print_stdout,
    clippy::cast_precision_loss,
    clippy::too_many_lines
)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use ustudy::center::KeyStore;
use ustudy::center::identity::ServerIdentity;
use ustudy::center::intake;
use ustudy::center::server::{self, Center};
use ustudy::center::store::{NewCode, SqliteStore, Station, Store as _};
use ustudy::crypto::{hex, sign};
use ustudy::journal::store::now_ms;
use ustudy::protocol::batch::{Batch, MAX_RECORDS};
use ustudy::station::identity::Identity;
use ustudy::station::settings::{CenterLink, Settings};
use ustudy::sync::link::Link;
use ustudy::sync::outbox::contents;

#[path = "load/common.rs"]
mod common;
use common::{Row, pct, session, setting};

/// The floor: the same rows inserted raw, one transaction per batch, WAL and FULL.
fn floor(path: &std::path::Path, batches: &[Vec<Row>]) -> Duration {
    let db = rusqlite::Connection::open(path).expect("floor db");
    let mode: String = db
        .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
        .expect("wal");
    assert_eq!(mode, "wal");
    db.pragma_update(None, "synchronous", "FULL").expect("full");
    db.execute_batch(
        "CREATE TABLE events (session TEXT NOT NULL, seq INTEGER NOT NULL, hash BLOB NOT NULL,
             sealed BLOB NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (session, seq))",
    )
    .expect("table");
    let start = Instant::now();
    for batch in batches {
        let tx = db.unchecked_transaction().expect("begin");
        {
            let mut insert = tx
                .prepare_cached("INSERT INTO events VALUES (?1, ?2, ?3, ?4, ?5)")
                .expect("insert");
            for (session, seq, hash, sealed, entry) in batch {
                insert
                    .execute(rusqlite::params![
                        session,
                        seq,
                        hash.as_slice(),
                        sealed,
                        entry
                    ])
                    .expect("row");
            }
        }
        tx.commit().expect("commit");
    }
    start.elapsed()
}

fn main() {
    let stations = usize::try_from(setting("USTUDY_LOAD_STATIONS", 500)).expect("stations");
    let events = usize::try_from(setting("USTUDY_LOAD_EVENTS", 600)).expect("events");
    let seconds = setting("USTUDY_LOAD_SECONDS", 600);
    let dir = tempfile::tempdir_in(std::env::var("BENCH_DIR").unwrap_or_else(|_| ".".to_owned()))
        .expect("temp dir");

    // The center: key store, identity and storage, every station enrolled in its storage.
    let center_dir = dir.path().join("center");
    let keys = KeyStore::init(&center_dir).expect("key store");
    let identity = ServerIdentity::ensure(&center_dir).expect("identity");
    let store = SqliteStore::open(&center_dir.join("center.sqlite")).expect("storage");
    let now = i64::try_from(now_ms()).expect("now");
    let mut ids = Vec::with_capacity(stations);
    for i in 0..stations {
        let id = Identity::load_or_create(&dir.path().join(format!("st-{i}"))).expect("keys");
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
        ids.push(id);
    }
    let link_settings = CenterLink {
        url: String::new(),
        key_id: sign::key_id(&keys.public()),
        signing_public: hex::encode(&keys.public()),
        agree_public: hex::encode(&identity.agree_public()),
        cert_sha256: hex::encode(&identity.cert_sha256()),
    };
    let tls = identity.tls_config().expect("tls");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("https://{}", listener.local_addr().expect("address"));
    let center = Center::new(keys, Arc::new(store), identity);
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("server runtime");
        rt.block_on(server::serve(listener, center, tls, 4 * 1024))
    });

    // Every station's session, sealed in batches before the clock starts.
    let mut plans = Vec::with_capacity(stations);
    let mut links = Vec::with_capacity(stations);
    let mut all_rows = Vec::new();
    // The same batches as the bodies the center reads, for the center's own work alone.
    let mut bodies: Vec<(usize, Vec<u8>)> = Vec::new();
    let enrolled: Vec<Station> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| Station {
            name: format!("st-{i}"),
            hall: "1".to_owned(),
            seat: i.to_string(),
            signing_public: id.signing_public(),
            agree_public: id.agree_public(),
            enrolled_ms: now,
        })
        .collect();
    for (i, id) in ids.into_iter().enumerate() {
        let settings = Settings {
            station: format!("st-{i}"),
            seat: i.to_string(),
            data_dir: dir.path().join(format!("st-{i}")),
            center: CenterLink {
                url: url.clone(),
                ..link_settings.clone()
            },
            pin: None,
            virtual_machine: ustudy::preflight::VmPolicy::Warn,
        };
        let link = Link::new(&settings, id).expect("link");
        let (chunks, rows) = session(i, 1, events, MAX_RECORDS);
        let batches: Vec<Batch> = chunks
            .iter()
            .map(|c| link.seal_batch(&contents(c)).expect("sealed"))
            .collect();
        let counts: Vec<usize> = chunks.iter().map(|c| c.records.len()).collect();
        for b in &batches {
            bodies.push((i, serde_json::to_vec(b).expect("json")));
        }
        all_rows.extend(rows);
        let link = Arc::new(link);
        links.push(Arc::clone(&link));
        plans.push((link, batches, counts));
    }
    let total: usize = all_rows.iter().map(Vec::len).sum();
    println!(
        "center_load: {stations} stations × {events} records = {total} records in {} batches",
        all_rows.len()
    );

    // Every station at once; each posts its batches in order, as its outbox would.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    let (latencies, delivered, failures) = rt.block_on(async move {
        let mut tasks = Vec::with_capacity(plans.len());
        for (link, batches, counts) in plans {
            tasks.push(tokio::spawn(async move {
                let mut lat = Vec::with_capacity(batches.len());
                let (mut delivered, mut failures) = (0usize, 0usize);
                for (batch, n) in batches.iter().zip(counts) {
                    if Instant::now() > deadline {
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
        let mut latencies = Vec::new();
        let (mut delivered, mut failures) = (0, 0);
        for task in tasks {
            let (lat, d, f) = task.await.expect("a station task");
            latencies.extend(lat);
            delivered += d;
            failures += f;
        }
        (latencies, delivered, failures)
    });
    let wall = start.elapsed();
    let mut latencies = latencies;
    let rate = delivered as f64 / wall.as_secs_f64();

    // The floor varies from run to run on a shared disk: the median of three, each on a fresh
    // file.
    let mut floor_times: Vec<Duration> = (0..3)
        .map(|n| floor(&dir.path().join(format!("floor-{n}.sqlite")), &all_rows))
        .collect();
    floor_times.sort_unstable();
    let floor_time = floor_times[1];
    let floor_rate = total as f64 / floor_time.as_secs_f64();
    println!(
        "center: {delivered} of {total} records acknowledged in {:.1} s, {failures} failed requests: {rate:.0} records/s",
        wall.as_secs_f64()
    );
    if !latencies.is_empty() {
        println!(
            "request latency: p50 {:.1} ms, p99 {:.1} ms over {} requests",
            pct(&mut latencies, 50).as_secs_f64() * 1e3,
            pct(&mut latencies, 99).as_secs_f64() * 1e3,
            latencies.len()
        );
    }
    println!(
        "floor (raw SQLite, WAL+FULL, same rows and batches): {floor_rate:.0} records/s in {:.1} s",
        floor_time.as_secs_f64()
    );
    println!("ratio: {:.2}× the floor (goal ≥ 0.5×)", rate / floor_rate);
    // The line `cargo bench --bench perf` puts in its table.
    println!(
        "perf-row: center ingest, {stations} stations at once (vs raw SQLite)|{rate:.0}|{floor_rate:.0}|records/s|0.5|at least"
    );
    alone(&center_dir, dir.path(), &enrolled, &bodies, floor_rate);
    live(&rt, &links, stations);
}

/// The center's own work on the same batches, with no network and one at a time: read the
/// body, check the batch (signature, sealing, every record), keep it (a fresh store on the same
/// disk). Its ratio to the floor says how much of the burst's cost is the checks and the storage.
fn alone(
    center_dir: &std::path::Path,
    dir: &std::path::Path,
    stations: &[Station],
    bodies: &[(usize, Vec<u8>)],
    floor_rate: f64,
) {
    let identity = ServerIdentity::ensure(center_dir).expect("identity");
    let store = SqliteStore::open(&dir.join("alone.sqlite")).expect("storage");
    let start = Instant::now();
    let mut records = 0usize;
    for (i, body) in bodies {
        let batch: Batch = serde_json::from_slice(body).expect("a batch");
        let checked = intake::check(&batch, &stations[*i], &identity).expect("it checks");
        records += checked.records.len();
        store.put_batch(checked, 0).expect("kept");
    }
    let rate = records as f64 / start.elapsed().as_secs_f64();
    println!(
        "the center's own work alone (read, check every record, keep; no network): {rate:.0} records/s = {:.2}× the floor",
        rate / floor_rate
    );
}

/// The hall during the test: every station sends what its journal committed in the last second
/// (one record: a tick or an answer), once a second, the stations spread over the second, for
/// `USTUDY_LOAD_LIVE_SECONDS` (20).
fn live(rt: &tokio::runtime::Runtime, links: &[Arc<Link>], stations: usize) {
    let seconds = usize::try_from(setting("USTUDY_LOAD_LIVE_SECONDS", 20)).expect("seconds");
    let plans: Vec<(Arc<Link>, Vec<Batch>)> = links
        .iter()
        .enumerate()
        .map(|(i, link)| {
            let (chunks, _) = session(i, 2, seconds, 1);
            let batches = chunks
                .iter()
                .map(|c| link.seal_batch(&contents(c)).expect("sealed"))
                .collect();
            (Arc::clone(link), batches)
        })
        .collect();
    let start = Instant::now();
    let mut latencies: Vec<Duration> = rt.block_on(async move {
        let mut tasks = Vec::with_capacity(plans.len());
        for (i, (link, batches)) in plans.into_iter().enumerate() {
            let offset =
                Duration::from_millis(u64::try_from(i * 1000 / stations.max(1)).expect("ms"));
            tasks.push(tokio::spawn(async move {
                let mut lat = Vec::with_capacity(batches.len());
                let mut tick = tokio::time::interval_at(
                    tokio::time::Instant::now() + offset,
                    Duration::from_secs(1),
                );
                for batch in &batches {
                    tick.tick().await;
                    let t = Instant::now();
                    if link.post_batch(batch).await.is_ok() {
                        lat.push(t.elapsed());
                    }
                }
                lat
            }));
        }
        let mut all = Vec::new();
        for task in tasks {
            all.extend(task.await.expect("a station task"));
        }
        all
    });
    let sent = latencies.len();
    println!(
        "live: {stations} stations, one batch a second each for {seconds} s: {sent} of {} acknowledged in {:.1} s, p50 {:.1} ms, p99 {:.1} ms (goal p99 < 100 ms)",
        stations * seconds,
        start.elapsed().as_secs_f64(),
        pct(&mut latencies, 50).as_secs_f64() * 1e3,
        pct(&mut latencies, 99).as_secs_f64() * 1e3,
    );
}
