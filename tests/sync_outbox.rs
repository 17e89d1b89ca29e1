//! The outbox against a real center on 127.0.0.1, through a TCP fault proxy: every record of a
//! session reaches the center exactly once, whatever the network does. Cuts after k request
//! bytes for many k, a receipt lost after the center committed, the center unreachable and
//! back, the center killed with SIGKILL after it committed and restarted, a batch sent twice:
//! each time the center holds records 0..n exactly once and the station's outbox drains once
//! the fault clears. Then the attacks: a captured batch replayed, posted as another station or
//! session, and flipped bytes in every part of it: all refused, nothing stored.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use support::runtime;

use support::enrolled::{PIN, Station, demo_center, enroll};
use support::gui::{click, ids, settle};
use support::proxy::{Mode, Proxy};
use ustudy::journal::{Journal, Writer};
use ustudy::protocol::batch::{Batch, OfflineExport};
use ustudy::sync::link::LinkError;
use ustudy::sync::outbox::{Outbox, Step, SyncError};
use ustudy::ui::App;

/// More than a TLS handshake's client bytes and less than any batch's request: the proxy lets
/// the handshake through and swallows the answer to the request.
const HANDSHAKE: usize = 2_500;

/// How many records the station's journal holds for `session`.
fn journal_len(station: &Station, session: &str) -> i64 {
    let j = Journal::open_existing(&station.data_dir()).unwrap();
    let n = j.load(session).unwrap().entries.len();
    i64::try_from(n).unwrap()
}

/// The center holds records 0..n of `session`, each once, and the station waits for none.
fn all_held_once(
    center: &support::center::Center,
    station: &Station,
    writer: &Writer,
    session: &str,
) {
    let n = journal_len(station, session);
    assert_eq!(
        center.held(session),
        (0..n).collect::<Vec<_>>(),
        "the center holds every record exactly once"
    );
    assert_eq!(
        writer.backlog_blocking().unwrap().waiting,
        0,
        "outbox drained"
    );
}

#[test]
fn every_record_reaches_the_center_once_through_cuts_lost_receipts_and_restarts() {
    let (mut center, code) = demo_center();
    let station = enroll(&center, &code);
    let (mut app, writer, session) = station.sitting(30);
    let proxy = Proxy::start(&center.url);
    let outbox = station.outbox(&writer, Some(&proxy.url));
    let rt = runtime();
    let waiting = writer.backlog_blocking().unwrap().waiting;
    assert!(waiting > 30, "{waiting} records wait");

    // Cut after k request bytes, for many k: the handshake, the headers, inside the body.
    for k in [
        0, 1, 50, 200, 517, 1_000, 1_500, 2_000, 3_000, 5_000, 8_000, 12_000,
    ] {
        proxy.set(Mode::CutAfter(k));
        let step = rt.block_on(outbox.step());
        assert!(
            matches!(step, Err(SyncError::Link(LinkError::Unreachable { .. }))),
            "cut after {k} bytes: {step:?}"
        );
    }
    assert!(center.held(&session).is_empty(), "no cut request was taken");

    // The receipt is lost after the center committed: the retry is a duplicate.
    proxy.set(Mode::SwallowReplyAfter(HANDSHAKE));
    let posted = {
        let outbox = outbox.clone();
        rt.spawn(async move { outbox.step().await })
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while center.held(&session).is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the center never committed"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    proxy.cut_all();
    let lost = rt.block_on(posted).unwrap();
    assert!(lost.is_err(), "the receipt was lost: {lost:?}");
    let first = center.held(&session);
    assert_eq!(
        writer.backlog_blocking().unwrap().waiting,
        waiting,
        "nothing is let out of the outbox without a receipt"
    );
    proxy.set(Mode::Pass);
    let Step::Sent { receipt, .. } = rt.block_on(outbox.step()).unwrap() else {
        panic!("nothing went");
    };
    assert_eq!(
        receipt.seq + 1,
        i64::try_from(first.len()).unwrap(),
        "the duplicate is answered with what the center holds"
    );
    assert_eq!(center.held(&session), first, "and nothing twice");

    // More answers while the center is unreachable; then back.
    for i in 0..10 {
        click(&mut app, ids::testing::option(i % 4));
        click(&mut app, ids::testing::NEXT);
    }
    settle(&mut app);
    proxy.set(Mode::Refuse);
    assert!(rt.block_on(outbox.step()).is_err());
    proxy.set(Mode::Pass);
    rt.block_on(outbox.drain()).unwrap();
    all_held_once(&center, &station, &writer, &session);

    // The center is killed with SIGKILL after it committed a batch, and restarted.
    for i in 0..10 {
        click(&mut app, ids::testing::option(i % 4));
        click(&mut app, ids::testing::NEXT);
    }
    settle(&mut app);
    let before = center.held(&session).len();
    proxy.set(Mode::SwallowReplyAfter(HANDSHAKE));
    let posted = {
        let outbox = outbox.clone();
        rt.spawn(async move { outbox.step().await })
    };
    while center.held(&session).len() == before {
        assert!(
            std::time::Instant::now() < deadline + std::time::Duration::from_secs(20),
            "the center never committed"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    center.kill();
    proxy.cut_all();
    assert!(rt.block_on(posted).unwrap().is_err());
    assert!(rt.block_on(outbox.step()).is_err(), "the center is down");
    center.restart();
    proxy.upstream(&center.url);
    proxy.set(Mode::Pass);
    rt.block_on(outbox.drain()).unwrap();
    all_held_once(&center, &station, &writer, &session);
    assert!(
        rt.block_on(outbox.step()).unwrap() == Step::Idle,
        "nothing is left to send"
    );
}

/// A batch of the station's session as the outbox would seal it: its first `n` records.
fn batch_of(station: &Station, outbox_link: &ustudy::sync::link::Link, session: &str) -> Batch {
    let j = Journal::open_existing(&station.data_dir()).unwrap();
    let unsent = j.unsent(8, &[]).unwrap().expect("records wait");
    assert_eq!(unsent.session, session);
    let contents = ustudy::sync::outbox::contents(&unsent);
    outbox_link.seal_batch(&contents).unwrap()
}

fn refused(result: Result<ustudy::protocol::batch::Receipt, LinkError>) -> String {
    match result {
        Err(LinkError::Refused { error, .. }) => error,
        other => panic!("not refused: {other:?}"),
    }
}

/// Flips one hex digit of `field` at `at` (of its length).
fn flip(field: &mut String, at: usize) {
    let i = at % field.len();
    let c = field.as_bytes()[i];
    let to = if c == b'0' { '1' } else { '0' };
    field.replace_range(i..=i, &to.to_string());
}

#[test]
fn replayed_forged_and_tampered_batches_are_refused_and_nothing_is_stored() {
    let (center, code) = demo_center();
    let station = enroll(&center, &code);
    let other = enroll(&center, &center.code_in("demo-2", "1", 10));
    let (_app, writer, session) = station.sitting(3);
    let link = station.link(None);
    let rt = runtime();
    let batch = batch_of(&station, &link, &session);

    // Tampered: every part of the envelope, and bytes across the sealed contents.
    let mut tampered = Vec::new();
    for at in [0, 7, 31] {
        let mut b = batch.clone();
        flip(&mut b.ephemeral, at);
        tampered.push(("ephemeral", b));
        let mut b = batch.clone();
        flip(&mut b.signature, at);
        tampered.push(("signature", b));
    }
    for at in [
        0,
        100,
        1_000,
        batch.sealed.len() / 2,
        batch.sealed.len() - 1,
    ] {
        let mut b = batch.clone();
        flip(&mut b.sealed, at);
        tampered.push(("sealed", b));
    }
    let mut b = batch.clone();
    b.session = format!("{session}-x");
    tampered.push(("session", b));
    let mut b = batch.clone();
    b.station = "demo-2".to_owned();
    tampered.push(("station", b));
    for (what, b) in tampered {
        let error = refused(rt.block_on(link.post_batch(&b)));
        assert!(
            ["not-your-batch", "bad-batch"].contains(&error.as_str()),
            "{what}: {error}"
        );
    }
    // Another enrolled station posts the captured batch as its own request.
    let error = refused(rt.block_on(other.link(None).post_batch(&batch)));
    assert_eq!(error, "not-your-batch");
    assert!(center.held(&session).is_empty(), "nothing was stored");

    // The real one is taken; replayed, it is the same answer and nothing more.
    let receipt = rt.block_on(link.post_batch(&batch)).unwrap();
    let held = center.held(&session);
    assert_eq!(i64::try_from(held.len()).unwrap(), receipt.seq + 1);
    let again = rt.block_on(link.post_batch(&batch)).unwrap();
    assert_eq!(
        (again.seq, &again.hash, again.flagged),
        (receipt.seq, &receipt.hash, false)
    );
    assert_eq!(center.held(&session), held);

    // A receipt signed for another session or station does not verify.
    let center_key =
        ustudy::crypto::hex::decode::<32>(&station.settings().center.signing_public).unwrap();
    assert!(receipt.verify(&center_key, "demo-1", &session).is_ok());
    assert!(receipt.verify(&center_key, "demo-2", &session).is_err());
    assert!(receipt.verify(&center_key, "demo-1", "other").is_err());
    let mut forged = receipt.clone();
    forged.seq += 1;
    assert!(forged.verify(&center_key, "demo-1", &session).is_err());

    // The outbox carries the rest, exactly once.
    let outbox: Outbox = station.outbox(&writer, None);
    rt.block_on(outbox.drain()).unwrap();
    all_held_once(&center, &station, &writer, &session);
}

/// An enrolled station's whole session on autopilot (seed 4: the 2024 candidate finishes, then
/// appeals two tasks), as `ustudy-station --config FILE --autopilot` runs it in a real window;
/// the session's id, once the process said every event is at the center.
fn autopilot_session(station: &Station) -> String {
    let display = support::display::Display::start();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ustudy-station"))
        .env("DISPLAY", format!(":{}", display.number))
        .env("USTUDY_PIN", PIN)
        .args(["--config", station.config.to_str().unwrap()])
        .args(["--autopilot", "6", "--time-scale", "600"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("the center's receipts cover every event"),
        "{said}"
    );
    let journal = Journal::open_existing(&station.data_dir()).unwrap();
    let sessions = journal.sessions().unwrap();
    assert_eq!(sessions.len(), 1);
    sessions[0].id.clone()
}

#[test]
fn an_enrolled_station_on_autopilot_exits_once_the_center_holds_every_event() {
    let (center, code) = demo_center();
    let station = enroll(&center, &code);
    let id = autopilot_session(&station);
    // The journal's one session is at the center whole, each record once, and nothing waits.
    let journal = Journal::open_existing(&station.data_dir()).unwrap();
    let session = journal.sessions().unwrap().remove(0);
    assert!(session.closed, "the session ran to its end");
    let n = i64::try_from(session.events).unwrap();
    assert_eq!(center.held(&id), (0..n).collect::<Vec<_>>());
    assert_eq!(journal.backlog().unwrap().waiting, 0);
    assert!(
        journal.receipt(&id).unwrap().is_some(),
        "the receipt is kept"
    );
    export_equals_card(&center, &station, &id);
}

/// The analysis card the station shows, from its own journal.
fn station_card(station: &Station, session: &str) -> ustudy::exam::card::AnalysisCard {
    let journal = Journal::open_existing(&station.data_dir()).unwrap();
    let loaded = journal.load(session).unwrap();
    let state = ustudy::exam::state::fold(&loaded.paper, &loaded.events()).unwrap();
    ustudy::exam::card::build(&loaded.paper, &state)
}

/// The center's export of `session` equals the station's analysis card, task by task, with
/// the two appeals.
fn export_equals_card(center: &support::center::Center, station: &Station, session: &str) {
    let file = center.dir.with_file_name("results.json");
    let ran = support::cli::center(&[
        "export",
        "--dir",
        center.dir.to_str().unwrap(),
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(ran.ok(), "{}", ran.stderr);
    let results: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let ours = &results.as_array().unwrap()[0];
    assert_eq!(ours["session"], session);
    assert_eq!(ours["phase"], "closed");
    assert_eq!(ours["problem"], serde_json::Value::Null);
    assert_eq!(
        ours["flag"],
        serde_json::Value::Null,
        "the card the station showed (in its journal) is the one the center scores"
    );
    let card = station_card(station, session);
    assert_eq!(ours["total"], card.total);
    assert_eq!(ours["max"], card.max);
    assert_eq!(ours["minimums_met"], card.minimums_met);
    let blocks = ours["blocks"].as_array().unwrap();
    assert_eq!(blocks.len(), card.blocks.len());
    for (theirs, line) in blocks.iter().zip(&card.blocks) {
        assert_eq!(theirs["block"], line.block.as_str());
        assert_eq!(theirs["points"], line.points);
        let points: Vec<u32> = line.rows.iter().map(|r| r.points).collect();
        assert_eq!(
            theirs["task_points"],
            serde_json::to_value(&points).unwrap(),
            "{}: task by task",
            line.block
        );
    }
    assert!(card.total > 0, "the autopilot answered some tasks right");
    // The two appeals, in the CSV a center hands on.
    let appeals = std::fs::read_to_string(file.with_file_name("results.appeals.csv")).unwrap();
    assert_eq!(
        appeals.lines().count(),
        3,
        "a header and two appeals:\n{appeals}"
    );
    let rows = std::fs::read_to_string(file.with_file_name("results.results.csv")).unwrap();
    assert_eq!(rows.lines().count(), 1 + card.blocks.len(), "{rows}");
}

fn write_export(path: &std::path::Path, export: &OfflineExport) {
    std::fs::write(path, serde_json::to_vec(export).unwrap()).unwrap();
}

fn import(center: &support::center::Center, file: &std::path::Path) -> support::cli::Ran {
    support::cli::center(&[
        "import",
        "--dir",
        center.dir.to_str().unwrap(),
        file.to_str().unwrap(),
    ])
}

#[test]
fn an_offline_export_is_kept_once_and_a_forged_one_not_at_all() {
    let (center, code) = demo_center();
    let station = enroll(&center, &code);
    let other = enroll(&center, &center.code_in("demo-2", "1", 10));
    let (_app, writer, session) = station.sitting(12);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo-1.export");
    station.export(&file);
    let export: OfflineExport = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(export.station, "demo-1");

    // Forged or damaged: refused whole, nothing kept.
    let forged = dir.path().join("forged.export");
    let mut cases: Vec<(&str, OfflineExport)> = Vec::new();
    let mut e = export.clone();
    let last = e.batches.len() - 1;
    flip(&mut e.batches[last].sealed, 40);
    cases.push(("a flipped byte in the last batch", e));
    let mut e = export.clone();
    let mut theirs = batch_of(&station, &other.link(None), &session);
    theirs.station = "demo-1".to_owned();
    e.batches.push(theirs);
    cases.push(("a batch signed by another station in demo-1's name", e));
    let mut e = export.clone();
    e.batches[0].station = "nobody".to_owned();
    cases.push(("an unknown station", e));
    let mut e = export.clone();
    e.format = "ustudy-journal-v0".to_owned();
    cases.push(("another format", e));
    for (what, e) in cases {
        write_export(&forged, &e);
        let ran = import(&center, &forged);
        assert!(!ran.ok(), "{what} was imported: {}", ran.stdout);
        assert!(!ran.stderr.is_empty(), "{what}: says why");
        assert!(center.held(&session).is_empty(), "{what}: nothing kept");
    }

    // The real one: every record once; again, nothing new.
    let n = journal_len(&station, &session);
    let ran = import(&center, &file);
    assert!(ran.ok(), "{}", ran.stderr);
    assert!(
        ran.stdout.contains(&format!("{n} records held ({n} new)")),
        "{}",
        ran.stdout
    );
    assert_eq!(center.held(&session), (0..n).collect::<Vec<_>>());
    let again = import(&center, &file);
    assert!(again.ok(), "{}", again.stderr);
    assert!(again.stdout.contains("(0 new)"), "{}", again.stdout);
    // When the network is back, the outbox finds it all held and empties.
    let rt = runtime();
    rt.block_on(station.outbox(&writer, None).drain()).unwrap();
    all_held_once(&center, &station, &writer, &session);
}

#[test]
fn batches_out_of_order_and_twice_leave_each_record_once() {
    let (center, code) = demo_center();
    let station = enroll(&center, &code);
    let (_app, writer, session) = station.sitting(12);
    let link = station.link(None);
    let rt = runtime();
    let j = Journal::open_existing(&station.data_dir()).unwrap();
    let seal = |from: u64| {
        let chunk = j.stored(&session, from, 8).unwrap().expect("records");
        link.seal_batch(&ustudy::sync::outbox::contents(&chunk))
            .unwrap()
    };
    let (first, second) = (seal(0), seal(8));
    // The second batch alone cannot be checked against what the center holds: nothing is kept,
    // and the receipt says where to go on from.
    let early = rt.block_on(link.post_batch(&second)).unwrap();
    assert_eq!((early.seq, early.flagged), (-1, false));
    assert!(center.held(&session).is_empty());
    assert_eq!(rt.block_on(link.post_batch(&first)).unwrap().seq, 7);
    for batch in [&second, &first, &second] {
        assert_eq!(rt.block_on(link.post_batch(batch)).unwrap().seq, 15);
    }
    assert_eq!(center.held(&session), (0..16).collect::<Vec<_>>());
    rt.block_on(station.outbox(&writer, None).drain()).unwrap();
    all_held_once(&center, &station, &writer, &session);
}

/// A station's session, every record at the center; the link and the session's records.
fn synced() -> (support::center::Center, Station, Writer, String, App) {
    let (center, code) = demo_center();
    let station = enroll(&center, &code);
    let (app, writer, session) = station.sitting(12);
    runtime()
        .block_on(station.outbox(&writer, None).drain())
        .unwrap();
    (center, station, writer, session, app)
}

fn status_and_export_say_flagged(center: &support::center::Center, why: &str) {
    let status = support::cli::center(&["status", "--dir", center.dir.to_str().unwrap()]);
    assert!(status.stdout.contains("FLAGGED"), "{}", status.stdout);
    assert!(status.stdout.contains(why), "{}", status.stdout);
    let export = center.dir.with_file_name("flagged.json");
    let ran = support::cli::center(&[
        "export",
        "--dir",
        center.dir.to_str().unwrap(),
        "--out",
        export.to_str().unwrap(),
    ]);
    assert!(
        ran.ok() && ran.stdout.contains("1 flagged"),
        "{}",
        ran.stdout
    );
}

#[test]
fn a_journal_rolled_back_below_its_receipts_is_flagged() {
    let (center, station, _writer, session, _app) = synced();
    let link = station.link(None);
    let held = center.held(&session);
    let j = Journal::open_existing(&station.data_dir()).unwrap();
    // An older copy of the journal: it ends at record 7, though the center holds more.
    let mut older = j.stored(&session, 0, 8).unwrap().unwrap();
    older.head_seq = 7;
    let batch = link
        .seal_batch(&ustudy::sync::outbox::contents(&older))
        .unwrap();
    let receipt = runtime().block_on(link.post_batch(&batch)).unwrap();
    assert!(receipt.flagged, "a journal below its receipts is flagged");
    assert_eq!(center.held(&session), held, "and nothing changes");
    status_and_export_say_flagged(&center, "rolled back");
}

#[test]
fn a_forked_chain_is_flagged_and_the_held_record_stays() {
    use ustudy::journal::outbox::Stored;
    use ustudy::journal::record::{self, Entry};
    let (center, station, _writer, session, _app) = synced();
    let link = station.link(None);
    let held = center.held(&session);
    let j = Journal::open_existing(&station.data_dir()).unwrap();
    // Another record 3 after the same record 2, sealed with the session's own key.
    let mut fork = j.stored(&session, 3, 1).unwrap().unwrap();
    let entry = Entry {
        at_ms: 1,
        event: ustudy::exam::Event::Tick { ms: 5_000 },
    };
    let (sealed, hash) = record::seal(&fork.key, &session, 3, &fork.prev, &entry).unwrap();
    fork.records = vec![Stored {
        seq: 3,
        hash,
        sealed,
    }];
    let batch = link
        .seal_batch(&ustudy::sync::outbox::contents(&fork))
        .unwrap();
    let receipt = runtime().block_on(link.post_batch(&batch)).unwrap();
    assert!(receipt.flagged, "a forked chain is flagged");
    assert_eq!(center.held(&session), held, "the held record stays");
    status_and_export_say_flagged(&center, "forked");
}

#[test]
fn a_session_the_center_refuses_for_good_is_left_aside_and_the_others_go() {
    let (center, code) = demo_center();
    let station = enroll(&center, &code);
    let dir = station.data_dir();
    // Two sessions in the station's journal, the older one damaged on disk.
    {
        let mut journal = Journal::open(&dir).unwrap();
        let paper = support::paper();
        for id in ["demo-1-1-1", "demo-1-1-2"] {
            let mut cursor = journal
                .create_session_with(id, "p", "ab", &paper, &[ustudy::exam::Event::Unlocked], 1)
                .unwrap();
            for _ in 0..5 {
                journal
                    .append(&mut cursor, &ustudy::exam::Event::Tick { ms: 5_000 })
                    .unwrap();
            }
        }
    }
    let db = rusqlite::Connection::open(dir.join("journal.sqlite")).unwrap();
    db.execute(
        "UPDATE events SET sealed = zeroblob(length(sealed)) WHERE session = 'demo-1-1-1' AND seq = 2",
        [],
    )
    .unwrap();
    drop(db);
    let writer = Writer::spawn(dir.clone()).unwrap();
    let outbox = station.outbox(&writer, None);
    let rt = runtime();
    let refused = rt.block_on(outbox.step());
    assert!(
        matches!(&refused, Err(SyncError::Refused { session, error, .. })
            if session == "demo-1-1-1" && error == "bad-batch"),
        "{refused:?}"
    );
    // The next steps carry the other session; the damaged one waits, kept, for the center.
    rt.block_on(outbox.drain()).unwrap();
    assert_eq!(center.held("demo-1-1-2"), (0..6).collect::<Vec<_>>());
    assert!(center.held("demo-1-1-1").is_empty());
    assert_eq!(writer.backlog_blocking().unwrap().waiting, 6);
}

/// Waits up to `secs` for a report that satisfies `ok`.
fn reported(
    reports: &std::sync::Mutex<Vec<ustudy::sync::outbox::SyncState>>,
    secs: u64,
    ok: impl Fn(&ustudy::sync::outbox::SyncState) -> bool,
) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while std::time::Instant::now() < deadline {
        if reports.lock().unwrap().iter().any(&ok) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    false
}

#[test]
fn while_the_center_is_down_the_outbox_says_how_many_records_wait() {
    let (center, code) = demo_center();
    let station = enroll(&center, &code);
    let (mut app, writer, session) = station.sitting(5);
    let proxy = Proxy::start(&center.url);
    proxy.set(Mode::Refuse);
    let outbox = station.outbox(&writer, Some(&proxy.url));
    let reports = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let rt = runtime();
    rt.spawn({
        let reports = std::sync::Arc::clone(&reports);
        outbox.run(move |state| reports.lock().unwrap().push(state))
    });
    let waiting = writer.backlog_blocking().unwrap().waiting;
    assert!(waiting > 5);
    assert!(
        reported(&reports, 10, |s| s.reached == Some(false)
            && s.waiting == waiting),
        "the center is not reachable and {waiting} records wait: {:?}",
        reports.lock().unwrap().last()
    );
    // Answers given during the outage are counted as they are committed.
    click(&mut app, ids::testing::option(1));
    settle(&mut app);
    let more = writer.backlog_blocking().unwrap().waiting;
    assert!(more > waiting);
    assert!(
        reported(&reports, 10, |s| s.waiting == more),
        "{more} records wait: {:?}",
        reports.lock().unwrap().last()
    );
    // Back: everything goes, and the lock screen hears so.
    proxy.set(Mode::Pass);
    assert!(
        reported(&reports, 30, |s| s.reached == Some(true)
            && s.waiting == 0
            && s.last_receipt_ms.is_some()),
        "{:?}",
        reports.lock().unwrap().last()
    );
    all_held_once(&center, &station, &writer, &session);
}
