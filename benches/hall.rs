//! The hall dashboard with 500 stations in one hall. A demo center (`ustudy-center demo`: real
//! sealed packages) serves on 127.0.0.1; 500 enrolled stations post real sessions of the demo's
//! UNT paper through the real API (sealed, signed batches), each 90 minutes into its test (an
//! answer every 90 s, a tick every 5 s: events the exam core accepts). Then, over HTTPS with an
//! operator's login:
//!
//! - **page load**: the hall's page, the first time (the center folds every session), against
//!   reading the same records raw from the same `SQLite` file (what any first look must at least
//!   read), and then again (only what came since), against the login page of the same server
//!   (TLS, one rendered page, no records); goal under 1 s;
//! - **update**: one station posts one more record; the time until the live stream brings the
//!   page showing it (the seat's new time left), against the time until the post's receipt;
//!   goal under 2 s.
//!
//! Run: `cargo bench --bench hall`. `USTUDY_HALL_STATIONS` (500), `USTUDY_HALL_MINUTES` (90),
//! `USTUDY_HALL_ROUNDS` (20) and `BENCH_DIR` (the disk) change it.

#![allow(
    clippy::expect_used,
    clippy::print_stdout,
    clippy::cast_precision_loss,
    clippy::too_many_lines
)]

#[path = "../tests/support/dashboard.rs"]
mod dashboard;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ustudy::center::identity::ServerIdentity;
use ustudy::center::server::{self, Center};
use ustudy::center::store::{NewCode, SqliteStore, Store as _};
use ustudy::center::{KeyStore, operators, published};
use ustudy::crypto::aead::Key;
use ustudy::crypto::{hex, sign};
use ustudy::exam::event::Candidate;
use ustudy::exam::spec::TaskKind;
use ustudy::exam::task::{Choice, Lang};
use ustudy::exam::{Event, Paper, Phase, State};
use ustudy::journal::outbox::Stored;
use ustudy::journal::record::{self, Entry};
use ustudy::journal::{Unsent, store::now_ms};
use ustudy::protocol::batch::MAX_RECORDS;
use ustudy::protocol::packages::PackageInfo;
use ustudy::protocol::roster::RosterRow;
use ustudy::station::identity::Identity;
use ustudy::station::settings::{CenterLink, Settings};
use ustudy::sync::link::Link;
use ustudy::sync::outbox::contents;

const HALL: &str = "big";
const PASSWORD: &str = "bench password";

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn pct(v: &mut [Duration], p: usize) -> Duration {
    v.sort_unstable();
    v[(v.len() * p / 100).min(v.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// A session's events from check-in to `minutes` into testing, as the exam core makes them.
fn events(paper: &Paper, iin: &str, minutes: u64) -> Vec<Event> {
    let mut state = State::new(paper);
    let mut out = Vec::new();
    let mut push = |state: &mut State, e: Event| {
        state.apply(paper, &e).expect("the exam core accepts it");
        out.push(e);
    };
    push(&mut state, Event::Unlocked);
    push(
        &mut state,
        Event::CheckedIn {
            candidate: Candidate {
                iin: iin.to_owned(),
                name: format!("Талапкер {iin}"),
                ticket: format!("T-{iin}"),
                extra_time: false,
                interface: Lang::Kk,
                languages: BTreeMap::new(),
            },
        },
    );
    push(&mut state, Event::Started);
    let mut task: u16 = 0;
    for step in 0..minutes * 12 {
        for e in state.advance(paper, 5_000) {
            push(&mut state, e);
        }
        let Some(shape) = paper.shape(usize::from(task)) else {
            continue;
        };
        if step % 18 == 17 && state.phase == Phase::Testing {
            let choice = match shape.kind {
                TaskKind::Single | TaskKind::Context => Choice::One(0),
                TaskKind::Multiple => Choice::many(vec![0, 1]),
                TaskKind::Matching => Choice::Pairs((0..shape.items).map(|_| Some(0)).collect()),
            };
            push(&mut state, Event::Viewed { task });
            push(&mut state, Event::Answered { task, choice });
            task += 1;
        }
    }
    out
}

/// `events` sealed and chained as a station's journal holds them, in the outbox's batches.
fn sealed(
    session: &str,
    package: &PackageInfo,
    events: &[Event],
    first: u64,
    prev: [u8; 32],
    key: &Key,
) -> (Vec<Unsent>, [u8; 32]) {
    let mut prev = prev;
    let mut chunks: Vec<Unsent> = Vec::new();
    let mut chunk: Vec<Stored> = Vec::new();
    let mut chunk_prev = prev;
    let last = first + events.len() as u64 - 1;
    let now = now_ms();
    for (i, event) in events.iter().enumerate() {
        let seq = first + i as u64;
        let entry = Entry {
            at_ms: now,
            event: event.clone(),
        };
        let (bytes, hash) = record::seal(key, session, seq, &prev, &entry).expect("sealed");
        chunk.push(Stored {
            seq,
            hash,
            sealed: bytes,
        });
        prev = hash;
        if chunk.len() == MAX_RECORDS || seq == last {
            chunks.push(Unsent {
                session: session.to_owned(),
                package_id: package.package_id.clone(),
                seal_id: package.seal_id.clone(),
                supersedes: None,
                key: Key::from_bytes(*key.as_bytes()),
                head_seq: i64::try_from(last).expect("seq"),
                prev: chunk_prev,
                records: std::mem::take(&mut chunk),
                behind: None,
            });
            chunk_prev = prev;
        }
    }
    (chunks, prev)
}

/// The seat's tile in a page.
fn tile<'a>(html: &'a str, seat: &str) -> &'a str {
    let at = html
        .find(&format!("id=\"seat-{seat}\""))
        .expect("the seat is shown");
    let rest = &html[at..];
    &rest[..rest.find("</a>").unwrap_or(rest.len())]
}

fn main() {
    let stations = usize::try_from(setting("USTUDY_HALL_STATIONS", 500)).expect("stations");
    let minutes = setting("USTUDY_HALL_MINUTES", 90);
    let rounds = usize::try_from(setting("USTUDY_HALL_ROUNDS", 20)).expect("rounds");
    let dir = tempfile::tempdir_in(std::env::var("BENCH_DIR").unwrap_or_else(|_| ".".to_owned()))
        .expect("temp dir");

    // The demo center: real packages, sealed and published.
    let center_dir = dir.path().join("center");
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_ustudy-center"))
        .args(["demo", "--dir", center_dir.to_str().expect("utf-8")])
        .output()
        .expect("ustudy-center demo");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let keys = KeyStore::open(&center_dir).expect("key store");
    let identity = ServerIdentity::ensure(&center_dir).expect("identity");
    let store = SqliteStore::open(&center_dir.join("center.sqlite")).expect("storage");
    let info = published::list(&center_dir, &keys.public())
        .expect("published")
        .into_iter()
        .find(|p| p.format == "unt-2024")
        .expect("the demo's UNT 2024 package");
    let paper = published::open_paper(&center_dir, &keys, &info.seal_id).expect("its paper");
    let package = info;

    // The hall: its roster, its stations enrolled, an operator.
    let now = i64::try_from(now_ms()).expect("now");
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let candidates = dashboard::iins(stations);
    let rows: Vec<RosterRow> = candidates
        .iter()
        .enumerate()
        .map(|(i, iin)| RosterRow {
            iin: iin.clone(),
            name: format!("Талапкер {i}"),
            ticket: format!("T-{i}"),
            format: "unt-2024".to_owned(),
            language: "kk".to_owned(),
            extra_time: false,
            hall: HALL.to_owned(),
            seat: (i + 1).to_string(),
            date: today.clone(),
            start: "09:00".to_owned(),
        })
        .collect();
    store.import_roster(&rows).expect("roster");
    let mut ids = Vec::with_capacity(stations);
    for i in 0..stations {
        let id = Identity::load_or_create(&dir.path().join(format!("st-{i}"))).expect("keys");
        let code = format!("C{i}");
        store
            .add_code(&NewCode {
                id: code.clone(),
                key: [0; 32],
                station: format!("big-{i}"),
                hall: HALL.to_owned(),
                seat: (i + 1).to_string(),
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
    store
        .add_operator("bench", &operators::hash(PASSWORD).expect("hash"), now)
        .expect("operator");
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

    // Every station's session, posted in its batches, sixteen stations at a time.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    let mut links = Vec::with_capacity(stations);
    let mut plans = Vec::with_capacity(stations);
    let mut tails = Vec::with_capacity(stations);
    for (i, id) in ids.into_iter().enumerate() {
        let settings = Settings {
            station: format!("big-{i}"),
            seat: (i + 1).to_string(),
            data_dir: dir.path().join(format!("st-{i}")),
            center: CenterLink {
                url: url.clone(),
                ..link_settings.clone()
            },
            pin: None,
            virtual_machine: ustudy::preflight::VmPolicy::Warn,
        };
        let link = Arc::new(Link::new(&settings, id).expect("link"));
        let session = format!("big-{i}-1-{now}");
        let key = Key::generate().expect("a key");
        let evs = events(&paper, &candidates[i], minutes);
        let (chunks, prev) = sealed(&session, &package, &evs, 0, record::GENESIS, &key);
        let batches: Vec<_> = chunks
            .iter()
            .map(|c| link.seal_batch(&contents(c)).expect("sealed"))
            .collect();
        plans.push((Arc::clone(&link), batches));
        links.push(link);
        tails.push((session, key, evs, prev));
    }
    let records: usize = tails.iter().map(|t| t.2.len()).sum();
    let posted = Instant::now();
    rt.block_on(async {
        let gate = Arc::new(tokio::sync::Semaphore::new(16));
        let mut tasks = Vec::new();
        for (link, batches) in plans {
            let gate = Arc::clone(&gate);
            tasks.push(tokio::spawn(async move {
                let _slot = gate.acquire().await.expect("a slot");
                for batch in &batches {
                    let receipt = link.post_batch(batch).await.expect("kept");
                    assert!(!receipt.flagged);
                }
            }));
        }
        for t in tasks {
            t.await.expect("a station");
        }
    });
    println!(
        "hall: {stations} stations in hall {HALL}, {minutes} minutes into their test: {records} records posted in {:.1} s",
        posted.elapsed().as_secs_f64()
    );

    let http = dashboard::client();
    rt.block_on(async {
        let (status, cookie) = dashboard::login(&http, &url, "bench", PASSWORD).await;
        assert_eq!(status, 303, "the operator logs in");
        let cookie = dashboard::value(&cookie.expect("a login cookie"));
        let page = format!("{url}/hall/{HALL}?lang=ru");

        // Page load: the first (every session folded) and then the warm ones, against the
        // login page.
        let t = Instant::now();
        let (status, html) = dashboard::get(&http, &page, &cookie).await;
        let cold = t.elapsed();
        assert_eq!(status, 200);
        assert_eq!(
            html.matches("class=\"seat testing").count() + html.matches("class=\"seat break").count(),
            stations,
            "every seat is followed"
        );
        let raw = {
            let db = rusqlite::Connection::open_with_flags(
                center_dir.join("center.sqlite"),
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
            )
            .expect("the center's file");
            let t = Instant::now();
            let mut q = db.prepare("SELECT seq, hash, entry FROM events ORDER BY session, seq").expect("a query");
            let mut rows = q.query([]).expect("rows");
            let mut bytes = 0usize;
            while let Some(row) = rows.next().expect("a row") {
                bytes += row.get_ref(2).expect("entry").as_str().expect("text").len();
            }
            assert!(bytes > 0);
            t.elapsed()
        };
        let mut warm = Vec::new();
        let mut floor = Vec::new();
        for _ in 0..rounds {
            let t = Instant::now();
            let (status, _) = dashboard::get(&http, &page, &cookie).await;
            warm.push(t.elapsed());
            assert_eq!(status, 200);
            let t = Instant::now();
            let r = http.get(format!("{url}/login")).send().await.expect("login page");
            r.text().await.expect("its body");
            floor.push(t.elapsed());
        }
        let (warm50, warm99) = (pct(&mut warm, 50), pct(&mut warm, 99));
        let floor50 = pct(&mut floor, 50);
        println!(
            "page load, {stations} seats ({} KiB): first {:.0} ms; then p50 {:.1} ms, p99 {:.1} ms; login page p50 {:.1} ms",
            html.len() / 1024,
            ms(cold),
            ms(warm50),
            ms(warm99),
            ms(floor50)
        );
        println!(
            "ratio: first {:.2}× reading its {records} records raw ({:.0} ms), then {:.1}× the login page (goal under 1 s: {})",
            ms(cold) / ms(raw),
            ms(raw),
            ms(warm99) / ms(floor50),
            if cold < Duration::from_secs(1) && warm99 < Duration::from_secs(1) {
                "met"
            } else {
                "NOT met"
            }
        );

        // Update: station 1 posts a tick; the live page shows its new time left.
        let mut live = http
            .get(format!("{url}/hall/{HALL}/live?lang=ru"))
            .header(reqwest::header::COOKIE, &cookie)
            .send()
            .await
            .expect("the live stream");
        dashboard::next_event(&mut live).await;
        let (session, key, evs, prev) = &tails[0];
        let mut state = ustudy::exam::state::fold(&paper, evs).expect("it folds");
        let (mut seq, mut prev) = (evs.len() as u64, *prev);
        let mut took = Vec::new();
        let mut receipts = Vec::new();
        for _ in 0..rounds {
            let tick = state.advance(&paper, 5_000);
            for e in &tick {
                state.apply(&paper, e).expect("a tick");
            }
            let left = ustudy::center::web::pages::duration(state.clock.remaining_ms());
            let (chunks, next) = sealed(session, &package, &tick, seq, prev, key);
            seq += tick.len() as u64;
            prev = next;
            let t = Instant::now();
            for c in &chunks {
                let batch = links[0].seal_batch(&contents(c)).expect("sealed");
                links[0].post_batch(&batch).await.expect("kept");
            }
            receipts.push(t.elapsed());
            loop {
                let html = dashboard::next_event(&mut live).await;
                if tile(&html, "1").contains(&left) {
                    break;
                }
            }
            took.push(t.elapsed());
        }
        let (p50, p99) = (pct(&mut took, 50), pct(&mut took, 99));
        let receipt99 = pct(&mut receipts, 99);
        println!(
            "update, post → live page: p50 {:.1} ms, p99 {:.1} ms over {rounds} posts; post → receipt p99 {:.1} ms ({:.1}×; goal under 2 s: {})",
            ms(p50),
            ms(p99),
            ms(receipt99),
            ms(p99) / ms(receipt99),
            if p99 < Duration::from_secs(2) { "met" } else { "NOT met" }
        );
    });
}
