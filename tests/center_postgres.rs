//! The center on `PostgreSQL` with real processes: a `PostgreSQL` server the test starts
//! (Debian's package, 127.0.0.1), the demo center made on it, and two `ustudy-center serve`
//! processes sharing it. A station's batch posted to both at the same moment is kept once and
//! both answer with the same signed receipt; an enrollment code and a candidate's key, asked
//! of both at once, are given once; a `serve` process killed with SIGKILL while batches stream
//! in loses nothing, and the station's outbox carries on through the other; three processes
//! take three stations' overlapping batches, each posted to two of them at once, exactly once;
//! four processes take twelve stations' overlapping batches, each posted to two at once and
//! some a third time, exactly once; the hall page of one process follows the batches another
//! keeps.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use std::process::{Command, Stdio};

use support::center::Center;
use support::enrolled::enroll;
use support::postgres::Postgres;
use support::runtime;
use ustudy::journal::Journal;
use ustudy::sync::link::{self, LinkError};
use ustudy::sync::outbox::contents;

/// The database's name in `url`.
fn name_of(url: &str) -> &str {
    url.rsplit('/').next().unwrap().split('?').next().unwrap()
}

/// The records the database holds of `session`, as sequence numbers in order.
fn held(pg: &Postgres, db: &str, session: &str) -> Vec<i64> {
    let out = pg.psql(
        db,
        &format!("SELECT seq FROM events WHERE session = '{session}' ORDER BY seq"),
    );
    out.lines().map(|l| l.parse().unwrap()).collect()
}

/// The seal id of the package `station` fetched for the candidate's `format`.
fn seal_for(station: &support::enrolled::Station, format: &str) -> String {
    let settings = station.settings();
    let center_key = ustudy::crypto::hex::decode::<32>(&settings.center.signing_public).unwrap();
    let path = std::fs::read_dir(settings.data_dir.join(link::PACKAGES_DIR))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let bytes = std::fs::read(p).unwrap();
            ustudy::package::read_header(&bytes, Some(&center_key))
                .unwrap()
                .format
                == format
        })
        .expect("the candidate's package was fetched");
    path.file_stem().unwrap().to_str().unwrap().to_owned()
}

#[test]
fn two_serve_processes_on_one_postgres_give_each_thing_once_and_answer_alike() {
    let pg = Postgres::start();
    let url = pg.database();
    let (center, code) = Center::demo_on(&url);
    let second = center.another_server();
    let second_url = second.url.clone();
    let station = enroll(&center, &code);
    let (_app, _writer, session) = station.sitting(12);
    let (a, b) = (station.link(None), station.link(Some(&second_url)));
    let journal = Journal::open_existing(&station.data_dir()).unwrap();
    let rt = runtime();

    // The same batch through both processes at the same moment: kept once, the same receipt.
    for from in [0u64, 8, 16] {
        let chunk = journal.stored(&session, from, 8).unwrap().expect("records");
        let batch = a.seal_batch(&contents(&chunk)).unwrap();
        let (one, two) =
            rt.block_on(async { tokio::join!(a.post_batch(&batch), b.post_batch(&batch)) });
        let (one, two) = (one.unwrap(), two.unwrap());
        assert_eq!(one, two, "both processes sign the same receipt");
        assert_eq!(one.seq, i64::try_from(from).unwrap() + 7);
    }
    assert_eq!(
        held(&pg, name_of(&url), &session),
        (0..24).collect::<Vec<_>>()
    );

    // A candidate's key, asked of both at once: released once.
    let who = station.roster()[1].clone();
    let seal = seal_for(&station, &who.format);
    let (one, two) =
        rt.block_on(async { tokio::join!(a.start(&seal, &who.iin), b.start(&seal, &who.iin)) });
    let refused = |r: &Result<_, LinkError>| matches!(r, Err(LinkError::Refused { error, .. }) if error == "already-sat");
    assert!(
        (one.is_ok() && refused(&two)) || (two.is_ok() && refused(&one)),
        "one release: {one:?} / {two:?}"
    );

    // An enrollment code redeemed at both at once: one station enrolled.
    let code = center.code_at("st-2", "1", "8", 30);
    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    let runs: Vec<_> = [&center.url, &second_url]
        .iter()
        .zip(&dirs)
        .map(|(url, dir)| {
            let config = dir.path().join("station.toml");
            Command::new(env!("CARGO_BIN_EXE_ustudy-station"))
                .args(["enroll", "--config", config.to_str().unwrap()])
                .args(["--center", url, "--code", &code])
                .args(["--data-dir", dir.path().join("data").to_str().unwrap()])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outcomes: Vec<_> = runs
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let enrolled = outcomes.iter().filter(|o| o.status.success()).count();
    assert_eq!(enrolled, 1, "one enrollment: {outcomes:?}");
    let loser = outcomes.iter().find(|o| !o.status.success()).unwrap();
    assert!(
        String::from_utf8_lossy(&loser.stderr).contains("used"),
        "{}",
        String::from_utf8_lossy(&loser.stderr)
    );
}

#[test]
fn a_serve_process_killed_while_batches_stream_in_loses_nothing() {
    let pg = Postgres::start();
    let url = pg.database();
    let (center, code) = Center::demo_on(&url);
    let mut doomed = center.another_server();
    let doomed_url = doomed.url.clone();
    let station = enroll(&center, &code);
    let (_app, writer, session) = station.sitting(60);
    let journal = Journal::open_existing(&station.data_dir()).unwrap();
    let rt = runtime();
    // Batches of four records, each posted to the doomed process, which is killed (SIGKILL)
    // while they stream in: some kept, perhaps one cut off in the middle.
    let link = station.link(Some(&doomed_url));
    let written = journal.stored(&session, 0, 4).unwrap().unwrap().head_seq;
    let batches: Vec<_> = (0..=u64::try_from(written).unwrap())
        .step_by(4)
        .map(|from| journal.stored(&session, from, 4).unwrap().unwrap())
        .map(|chunk| link.seal_batch(&contents(&chunk)).unwrap())
        .collect();
    assert!(batches.len() > 20, "{} batches", batches.len());
    let answers = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = std::sync::Arc::clone(&answers);
    let posting = std::thread::spawn(move || {
        let rt = runtime();
        batches
            .iter()
            .map(|b| {
                let ok = rt.block_on(link.post_batch(b)).is_ok();
                counted.fetch_add(usize::from(ok), std::sync::atomic::Ordering::SeqCst);
                ok
            })
            .collect::<Vec<_>>()
    });
    // Killed once five batches are in, while the sixth is on its way.
    while answers.load(std::sync::atomic::Ordering::SeqCst) < 5 {
        std::thread::yield_now();
    }
    doomed.kill();
    let answered = posting.join().unwrap();
    let kept = answered.iter().filter(|ok| **ok).count();
    assert!(
        kept < answered.len(),
        "the process died before the last batch ({kept} of {} answered)",
        answered.len()
    );
    // What the dead process kept is whole: a contiguous chain from the first record.
    let before = held(&pg, name_of(&url), &session);
    assert_eq!(
        before,
        (0..i64::try_from(before.len()).unwrap()).collect::<Vec<_>>()
    );
    // The station's outbox carries on through the other process: every record, once.
    rt.block_on(station.outbox(&writer, None).drain()).unwrap();
    let after = held(&pg, name_of(&url), &session);
    let written = journal
        .stored(&session, 0, 100_000)
        .unwrap()
        .unwrap()
        .head_seq;
    assert_eq!(after, (0..=written).collect::<Vec<_>>());
}

#[test]
fn migrate_says_the_schema_on_both_backends_and_a_bad_database_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("center");
    let keys = keys.to_str().unwrap();
    assert!(support::cli::center(&["init", "--dir", keys]).ok());
    let version = ustudy::center::store::SCHEMA_VERSION;
    let first = support::cli::center(&["migrate", "--dir", keys]);
    assert_eq!(
        first.stdout.trim(),
        format!("schema: version {version} (was 0)"),
        "{}",
        first.stderr
    );
    let again = support::cli::center(&["migrate", "--dir", keys]);
    assert_eq!(
        again.stdout.trim(),
        format!("schema: version {version} (up to date)")
    );

    let pg = Postgres::start();
    let url = pg.database();
    let on_pg = support::cli::center(&["migrate", "--dir", keys, "--db", &url]);
    assert_eq!(
        on_pg.stdout.trim(),
        format!("schema: version {version} (was 0)"),
        "{}",
        on_pg.stderr
    );
    // The database's tables, not the file's: the file was not touched again.
    assert_eq!(
        pg.psql(name_of(&url), "SELECT version FROM schema_version"),
        version.to_string()
    );
    for (bad, says) in [
        ("postgres://ustudy@127.0.0.1:1/x?sslmode=disable", "refused"),
        (
            "postgres://ustudy@127.0.0.1:5432/x?sslmode=sometimes",
            "URL",
        ),
        (&pg.url("nope") as &str, "does not exist"),
    ] {
        // `serve` too: it connects before it listens, so it never serves without its store.
        for command in [
            &["status", "--dir", keys][..],
            &["serve", "--dir", keys, "--listen", "127.0.0.1:0"],
        ] {
            let mut args = command.to_vec();
            args.extend(["--db", bad]);
            let ran = support::cli::center(&args);
            assert_eq!(ran.code, Some(1), "{}", ran.stderr);
            assert_eq!(ran.stderr.lines().count(), 1, "{}", ran.stderr);
            assert!(
                ran.stderr.contains("PostgreSQL") && ran.stderr.contains(says),
                "{}",
                ran.stderr
            );
            assert!(!ran.stdout.contains("listening"), "{}", ran.stdout);
        }
    }
    // A hall page rendered again every 0 s (or once a week) is refused, naming the range
    // (before the store is opened: were it let through, the database below refuses, exit 1).
    let nowhere = "postgres://ustudy@127.0.0.1:1/x?sslmode=disable";
    for refresh in ["0", "604800"] {
        let ran = support::cli::center(&[
            "serve",
            "--dir",
            keys,
            "--listen",
            "127.0.0.1:0",
            "--db",
            nowhere,
            "--hall-refresh",
            refresh,
        ]);
        assert_eq!(ran.code, Some(2), "{}", ran.stderr);
        assert!(ran.stderr.contains("1..=86400"), "{}", ran.stderr);
    }
}

#[test]
fn three_serve_processes_keep_overlapping_duplicated_batches_of_three_stations_once() {
    let pg = Postgres::start();
    let url = pg.database();
    let (center, code) = Center::demo_on(&url);
    let others = [center.another_server(), center.another_server()];
    let urls = [
        center.url.clone(),
        others[0].url.clone(),
        others[1].url.clone(),
    ];
    // Three stations, each with a session of its own (the demo's three candidates).
    let mut stations = vec![enroll(&center, &code)];
    for n in 1..3 {
        let code = center.code_at(&format!("st-{n}"), "1", &format!("{}", 20 + n), 30);
        stations.push(enroll(&center, &code));
    }
    let sessions: Vec<_> = stations
        .iter()
        .enumerate()
        .map(|(n, s)| s.sitting_as(n, 20))
        .collect();
    // Each station's records in overlapping batches of four (every second record starts one),
    // each batch posted to two different processes at the same moment.
    let threads: Vec<_> = stations
        .iter()
        .zip(&sessions)
        .enumerate()
        .map(|(n, (station, (_, _, session)))| {
            let links: Vec<_> = urls.iter().map(|u| station.link(Some(u))).collect();
            let journal = Journal::open_existing(&station.data_dir()).unwrap();
            let head = journal.stored(session, 0, 4).unwrap().unwrap().head_seq;
            let batches: Vec<_> = (0..=u64::try_from(head).unwrap())
                .step_by(2)
                .map(|from| {
                    let chunk = journal.stored(session, from, 4).unwrap().unwrap();
                    links[0].seal_batch(&contents(&chunk)).unwrap()
                })
                .collect();
            std::thread::spawn(move || {
                let rt = runtime();
                for (k, batch) in batches.iter().enumerate() {
                    let (one, two) = (&links[(n + k) % 3], &links[(n + k + 1) % 3]);
                    let (a, b) = rt.block_on(async {
                        tokio::join!(one.post_batch(batch), two.post_batch(batch))
                    });
                    assert_eq!(a.unwrap(), b.unwrap(), "the same receipt from both");
                }
                head
            })
        })
        .collect();
    let heads: Vec<i64> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let mut total = 0;
    for ((_, _, session), head) in sessions.iter().zip(&heads) {
        assert_eq!(
            held(&pg, name_of(&url), session),
            (0..=*head).collect::<Vec<_>>(),
            "every record of {session}, once"
        );
        total += head + 1;
    }
    assert_eq!(
        pg.psql(name_of(&url), "SELECT COUNT(*) FROM events"),
        total.to_string()
    );
    // The export from the national store, written as each session is scored: every session
    // once with every record, the tables whole, nothing left half-written beside them.
    let file = center.dir.with_file_name("day.json");
    let ran = center.command("export", &["--out", file.to_str().unwrap()]);
    assert!(ran.ok(), "{}", ran.stderr);
    assert!(
        ran.stdout.contains("sessions: 3 (0 could not be scored"),
        "{}",
        ran.stdout
    );
    let results: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    for ((_, _, session), head) in sessions.iter().zip(&heads) {
        let ours: Vec<_> = results
            .iter()
            .filter(|r| r["session"] == *session)
            .collect();
        assert_eq!(ours.len(), 1, "{session} once");
        assert_eq!(ours[0]["records"], head + 1);
        assert_eq!(ours[0]["problem"], serde_json::Value::Null);
    }
    let table = std::fs::read_to_string(center.dir.with_file_name("day.results.csv")).unwrap();
    assert!(table.starts_with("session,station,iin,"), "{table}");
    for (_, _, session) in &sessions {
        assert!(
            table.lines().any(|l| l.starts_with(session.as_str())),
            "{table}"
        );
    }
    // An export to a folder that is not there: one line naming the file, nothing written.
    let nowhere = center.dir.with_file_name("no-such-folder").join("day.json");
    let ran = center.command("export", &["--out", nowhere.to_str().unwrap()]);
    assert_eq!(ran.code, Some(1), "{}", ran.stderr);
    assert_eq!(ran.stderr.lines().count(), 1, "{}", ran.stderr);
    assert!(ran.stderr.contains("day.json.partial"), "{}", ran.stderr);
    let parent = std::fs::read_dir(center.dir.parent().unwrap()).unwrap();
    let partial: Vec<_> = parent
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    assert!(partial.is_empty(), "{partial:?}");
    drop(others);
}

#[test]
fn the_hall_page_of_one_process_follows_the_batches_another_keeps() {
    use support::dashboard::{client, follow, get, login, next_event, value};
    use support::gui::{click, ids, settle};
    const PASSWORD: &str = "hall password 1";
    let pg = Postgres::start();
    let url = pg.database();
    let (center, code) = Center::demo_on(&url);
    let dir = center.dir.to_str().unwrap().to_owned();
    let added = support::cli::center_with_input(
        &["--db", &url, "operator", "add", "--dir", &dir, "aigerim"],
        &format!("{PASSWORD}\n"),
    );
    assert!(added.ok(), "{}", added.stderr);
    // The operator's process renders a hall page again only when told of a change (or after
    // an hour): what it shows below came from the other process's batches, through the store.
    let watching = center.another_server_with(&["--hall-refresh", "3600"]);
    let watching_url = watching.url.clone();
    let station = enroll(&center, &code);
    let (mut app, writer, _) = station.sitting(5);
    let rt = runtime();
    rt.block_on(station.outbox(&writer, None).drain()).unwrap();
    let http = client();
    let mut live = rt.block_on(async {
        let (status, cookie) = login(&http, &watching_url, "aigerim", PASSWORD).await;
        assert_eq!(status, 303);
        let cookie = value(&cookie.expect("a login cookie"));
        let (status, hall) = get(&http, &format!("{watching_url}/hall/1?lang=en"), &cookie).await;
        assert_eq!(status, 200, "{hall}");
        assert!(hall.contains("5/120 answered"), "{hall}");
        let mut live = follow(&http, &watching_url, "1", &cookie).await;
        let first = next_event(&mut live).await;
        assert!(first.contains("5/120 answered"), "{first}");
        live
    });
    for answers in 6..=7 {
        click(&mut app, ids::testing::option(answers % 4));
        click(&mut app, ids::testing::NEXT);
        settle(&mut app);
        // Posted to the station's own center, the other process.
        rt.block_on(async {
            station.outbox(&writer, None).drain().await.unwrap();
            let shown = format!("{answers}/120 answered");
            // Each event is awaited at most 15 s, far less than the hour.
            while !next_event(&mut live).await.contains(&shown) {}
        });
    }
}

/// A station's session of `count` records (a clock tick each), sealed and chained as its
/// journal holds them, in batches of `size` records starting every `step`: each record is in
/// more than one batch when `step < size`.
fn overlapping_batches(
    session: &str,
    count: u64,
    size: usize,
    step: usize,
) -> Vec<ustudy::journal::Unsent> {
    use ustudy::crypto::aead::Key;
    use ustudy::journal::outbox::Stored;
    use ustudy::journal::record::{self, Entry};
    let key = Key::generate().unwrap();
    let mut prev = record::GENESIS;
    let mut chain = vec![prev];
    let mut records = Vec::new();
    for seq in 0..count {
        let entry = Entry {
            at_ms: 1_800_000_000_000 + seq * 1_000,
            event: ustudy::exam::Event::Tick { ms: 1_000 },
        };
        let (sealed, hash) = record::seal(&key, session, seq, &prev, &entry).unwrap();
        records.push(Stored { seq, hash, sealed });
        prev = hash;
        chain.push(hash);
    }
    (0..records.len())
        .step_by(step)
        .map(|from| ustudy::journal::Unsent {
            session: session.to_owned(),
            package_id: "load".to_owned(),
            seal_id: "00".to_owned(),
            supersedes: None,
            key: Key::from_bytes(*key.as_bytes()),
            head_seq: i64::try_from(count).unwrap() - 1,
            prev: chain[from],
            records: records[from..(from + size).min(records.len())].to_vec(),
            behind: None,
        })
        .collect()
}

#[test]
fn four_processes_keep_twelve_stations_overlapping_duplicated_batches_once() {
    const STATIONS: usize = 12;
    const RECORDS: u64 = 40;
    let pg = Postgres::start();
    let url = pg.database();
    let (center, _) = Center::demo_on(&url);
    let others: Vec<_> = (0..3).map(|_| center.another_server()).collect();
    let urls: Vec<String> = std::iter::once(center.url.clone())
        .chain(others.iter().map(|o| o.url.clone()))
        .collect();
    let stations: Vec<_> = (0..STATIONS)
        .map(|n| {
            let code = center.code_at(&format!("nx-{n}"), "2", &n.to_string(), 30);
            enroll(&center, &code)
        })
        .collect();
    // Every station at once; each batch of six records (one starts every third record) is
    // posted to two of the four processes at the same moment, and every third batch again
    // to a third process afterwards.
    let threads: Vec<_> = stations
        .iter()
        .enumerate()
        .map(|(n, station)| {
            let session = format!("nx-{n}-session");
            let links: Vec<_> = urls.iter().map(|u| station.link(Some(u))).collect();
            let batches: Vec<_> = overlapping_batches(&session, RECORDS, 6, 3)
                .iter()
                .map(|b| links[0].seal_batch(&contents(b)).unwrap())
                .collect();
            std::thread::spawn(move || {
                let rt = runtime();
                let mut last = None;
                for (k, batch) in batches.iter().enumerate() {
                    let (one, two) = (&links[(n + k) % 4], &links[(n + k + 1) % 4]);
                    let (a, b) = rt.block_on(async {
                        tokio::join!(one.post_batch(batch), two.post_batch(batch))
                    });
                    let (a, b) = (a.unwrap(), b.unwrap());
                    assert_eq!(a, b, "the same receipt from both");
                    if k % 3 == 0 {
                        let again = rt.block_on(links[(n + k + 2) % 4].post_batch(batch));
                        assert_eq!(again.unwrap(), a, "a duplicate changes nothing");
                    }
                    last = Some(a);
                }
                (session, last.unwrap())
            })
        })
        .collect();
    for thread in threads {
        let (session, receipt) = thread.join().unwrap();
        assert_eq!(
            receipt.seq,
            i64::try_from(RECORDS).unwrap() - 1,
            "{session}"
        );
        assert_eq!(
            held(&pg, name_of(&url), &session),
            (0..i64::try_from(RECORDS).unwrap()).collect::<Vec<_>>(),
            "every record of {session}, once"
        );
    }
    assert_eq!(
        pg.psql(name_of(&url), "SELECT COUNT(*) FROM events"),
        (STATIONS * usize::try_from(RECORDS).unwrap()).to_string()
    );
    drop(others);
}
