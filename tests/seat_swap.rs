//! Seat swap against a real center on 127.0.0.1: a candidate's session is moved from their
//! station to a spare one with `ustudy-center move`; the spare station takes it over at the
//! center's word, and after the proctor's PIN the candidate is on the same task with every
//! answer; the old station is fenced and says where the session went; the moves the center
//! must refuse are refused with a clear message. The stations here are the real app, headless
//! (`tests/seat_swap_kill.rs` does it with real processes and SIGKILL).

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use std::process::Command;

use support::center::Center;
use support::cli;
use support::enrolled::{PIN, demo_center, enroll};
use support::gui::{click, ids, screen, settle, shows, state, type_into};
use support::runtime;
use ustudy::exam::Phase;
use ustudy::exam::event::{CloseReason, Incident};
use ustudy::sync::outbox::{SyncError, SyncState};
use ustudy::ui::app::Message;

/// `ustudy-center move` for candidate `iin` to `to`.
fn move_to(center: &Center, iin: &str, to: &str) -> cli::Ran {
    support::swap::move_to(center, iin, to, "the power supply of seat 1 failed")
}

/// The sessions the center holds: id, station, the session it supersedes.
fn held_sessions(center: &Center) -> Vec<(String, String, Option<String>)> {
    let db = rusqlite::Connection::open_with_flags(
        center.dir.join("center.sqlite"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let mut q = db
        .prepare("SELECT id, station, supersedes FROM sessions ORDER BY first_ms, id")
        .unwrap();
    q.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The report an outbox sends when the center says a session waits for this station.
fn handover_waits() -> Message {
    Message::Synced(SyncState {
        reached: Some(true),
        handover: true,
        ..SyncState::default()
    })
}

/// Moves the center refuses, each with one clear line (for the candidate `iin` sitting at
/// `demo-1`, whose roster neighbour `stranger` sits nowhere); then two operators move `iin` at
/// the same moment, to `spare-1` and `spare-2`: one move wins. The winner's output.
fn refused_then_raced(center: &Center, iin: &str, stranger: &str) -> String {
    // What the center refuses, each with one clear line.
    let nowhere = move_to(center, iin, "st-99");
    assert!(!nowhere.ok());
    assert!(
        nowhere.stderr.contains("no station st-99 is enrolled"),
        "{}",
        nowhere.stderr
    );
    let same = move_to(center, iin, "demo-1");
    assert!(!same.ok());
    assert!(
        same.stderr.contains("on that station already"),
        "{}",
        same.stderr
    );
    let stranger = move_to(center, stranger, "spare-1");
    assert!(!stranger.ok());
    assert!(
        stranger.stderr.contains("no session of candidate"),
        "{}",
        stranger.stderr
    );
    let bad = move_to(center, "12345", "spare-1");
    assert!(bad.stderr.contains("not a valid IIN"), "{}", bad.stderr);

    // Two operators move the same candidate at the same moment: one move wins.
    let spawn = |to: &str| {
        Command::new(env!("CARGO_BIN_EXE_ustudy-center"))
            .args(["move", "--dir", center.dir.to_str().unwrap()])
            .args(["--candidate", iin, "--to", to, "--reason", "power failed"])
            .output()
            .unwrap()
    };
    let (first, second) = std::thread::scope(|s| {
        let one = s.spawn(|| spawn("spare-1"));
        let two = s.spawn(|| spawn("spare-2"));
        (one.join().unwrap(), two.join().unwrap())
    });
    let outs = [first, second];
    let won: Vec<_> = outs.iter().filter(|o| o.status.success()).collect();
    assert_eq!(won.len(), 1, "exactly one move: {outs:?}");
    let lost = outs.iter().find(|o| !o.status.success()).unwrap();
    assert!(
        String::from_utf8_lossy(&lost.stderr).contains("already moved"),
        "{lost:?}"
    );
    String::from_utf8_lossy(&won[0].stdout).into_owned()
}

#[test]
fn a_moved_session_goes_on_at_the_spare_station_at_the_same_task_with_every_answer() {
    let (center, code) = demo_center();
    let a = enroll(&center, &code);
    let spares = [
        enroll(&center, &center.code_at("spare-1", "1", "30", 30)),
        enroll(&center, &center.code_at("spare-2", "1", "31", 30)),
    ];
    let rt = runtime();

    // Seat 1: twelve tasks answered, every record delivered; then the station dies.
    let (mut app_a, writer_a, session_a) = a.sitting(12);
    rt.block_on(a.outbox(&writer_a, None).drain()).unwrap();
    let before = state(&app_a).clone();
    assert_eq!(before.answered_count(), 12);
    let iin = a.roster()[0].iin.clone();

    let won = refused_then_raced(&center, &iin, &a.roster()[1].iin);
    let (b, to, seat) = if won.contains("to station spare-1") {
        (&spares[0], "spare-1", "30")
    } else {
        (&spares[1], "spare-2", "31")
    };

    // The spare station takes it over at the center's word and waits for the proctor.
    let (mut app_b, writer_b) = b.start_with_writer();
    let _ = app_b.update(handover_waits());
    settle(&mut app_b);
    assert_eq!(screen(&app_b), "locked");
    assert!(shows(&app_b, ids::locked::MOVED), "the notice of the move");
    type_into(&mut app_b, ids::locked::PIN, PIN);
    click(&mut app_b, ids::locked::UNLOCK);
    settle(&mut app_b);
    assert_eq!(screen(&app_b), "testing");
    let after = state(&app_b);
    assert_eq!(after.current, before.current, "the same task");
    assert_eq!(after.answers, before.answers, "every answer, none twice");
    assert_eq!(after.phase, Phase::Testing);
    assert!(
        after
            .incidents
            .iter()
            .any(|l| matches!(&l.incident, Incident::MovedFrom { seat, .. } if seat == "1")),
        "the move is on the record: {:?}",
        after.incidents
    );
    // Another report of the same move changes nothing: the station has its session now.
    let _ = app_b.update(handover_waits());
    settle(&mut app_b);
    assert_eq!(screen(&app_b), "testing");

    // The center holds the new session as the one carrying the moved one on.
    rt.block_on(b.outbox(&writer_b, None).drain()).unwrap();
    let sessions = held_sessions(&center);
    let carried = sessions
        .iter()
        .find(|(_, station, _)| station == to)
        .expect("the spare station's session reached the center");
    assert_eq!(carried.2.as_deref(), Some(session_a.as_str()));
    let again = move_to(&center, &iin, "demo-1");
    assert!(
        again.ok(),
        "the carried-on session can move again: {}",
        again.stderr
    );

    // The old station comes back: fenced, it closes its copy and says where the session went.
    click(&mut app_a, ids::testing::option(1));
    settle(&mut app_a);
    let refused = rt.block_on(a.outbox(&writer_a, None).step());
    assert!(
        matches!(&refused, Err(SyncError::Moved { session, seat: s }) if *session == session_a && s == seat),
        "{refused:?}"
    );
    let _ = app_a.update(Message::Synced(SyncState {
        reached: Some(true),
        moved: Some((session_a.clone(), seat.to_owned())),
        ..SyncState::default()
    }));
    settle(&mut app_a);
    assert_eq!(screen(&app_a), "locked");
    assert!(shows(&app_a, ids::locked::MOVED));
    assert_eq!(state(&app_a).close, Some(CloseReason::Moved));
    type_into(&mut app_a, ids::locked::PIN, PIN);
    click(&mut app_a, ids::locked::UNLOCK);
    settle(&mut app_a);
    assert_eq!(screen(&app_a), "check-in", "the next candidate");
    // Nothing of the old station's after the move reached the center.
    let held_a = center.held(&session_a);
    assert_eq!(
        i64::try_from(held_a.len()).unwrap(),
        i64::try_from(before.events).unwrap(),
        "the fenced session kept what it held"
    );
}

/// `ustudy-station journal export` of `station` and `ustudy-center import` of the file.
fn export_and_import(
    center: &Center,
    station: &support::enrolled::Station,
    file: &std::path::Path,
) {
    station.export(file);
    let imported = cli::center(&[
        "import",
        "--dir",
        center.dir.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert!(imported.ok(), "{}", imported.stderr);
}

/// Station A sits twelve tasks that reach the center and three more that never do (its
/// network failed before it died), and a spare station `spare-1` is enrolled.
struct Lagging {
    center: Center,
    a: support::enrolled::Station,
    b: support::enrolled::Station,
    app_a: ustudy::ui::App,
    session_a: String,
    delivered: usize,
    dir: tempfile::TempDir,
}

fn lagging() -> Lagging {
    let (center, code) = demo_center();
    let a = enroll(&center, &code);
    let b = enroll(&center, &center.code_at("spare-1", "1", "30", 30));
    let (mut app_a, writer_a, session_a) = a.sitting(12);
    support::runtime()
        .block_on(a.outbox(&writer_a, None).drain())
        .unwrap();
    let delivered = center.held(&session_a).len();
    for i in 12..15 {
        click(&mut app_a, ids::testing::option(i % 4));
        click(&mut app_a, ids::testing::NEXT);
    }
    settle(&mut app_a);
    assert_eq!(state(&app_a).answered_count(), 15);
    assert_eq!(
        center.held(&session_a).len(),
        delivered,
        "the last three wait"
    );
    Lagging {
        center,
        a,
        b,
        app_a,
        session_a,
        delivered,
        dir: tempfile::tempdir().unwrap(),
    }
}

/// The spare station takes the session over and the proctor unlocks it.
fn take_over(b: &support::enrolled::Station) -> (ustudy::ui::App, ustudy::journal::Writer) {
    let (mut app, writer) = b.start_with_writer();
    let _ = app.update(handover_waits());
    settle(&mut app);
    type_into(&mut app, ids::locked::PIN, PIN);
    click(&mut app, ids::locked::UNLOCK);
    settle(&mut app);
    assert_eq!(screen(&app), "testing");
    (app, writer)
}

#[test]
fn the_old_disk_exported_before_the_move_brings_every_answer_to_the_spare_station() {
    let l = lagging();
    let file = l.dir.path().join("seat-1.json");
    export_and_import(&l.center, &l.a, &file);
    let all = center_held(&l);
    assert!(all > l.delivered, "the import brought the last records");
    export_and_import(&l.center, &l.a, &file);
    assert_eq!(center_held(&l), all, "a second import adds nothing");
    let iin = l.a.roster()[0].iin.clone();
    assert!(move_to(&l.center, &iin, "spare-1").ok());
    let (mut app_b, writer_b) = take_over(&l.b);
    assert_eq!(
        state(&app_b).answers,
        state(&l.app_a).answers,
        "all fifteen"
    );
    assert_eq!(state(&app_b).current, state(&l.app_a).current);
    // The candidate finishes on B: the card B shows is the center's re-score.
    click(&mut app_b, ids::testing::FINISH);
    click(&mut app_b, ids::testing::FINISH_CONFIRM);
    click(&mut app_b, ids::finished::TO_CARD);
    settle(&mut app_b);
    let (shown, _) = state(&app_b)
        .card_shown
        .clone()
        .expect("the card was shown");
    support::runtime()
        .block_on(l.b.outbox(&writer_b, None).drain())
        .unwrap();
    let row = result_of(&l, &iin);
    assert_eq!(row["total"].as_u64(), Some(u64::from(shown)), "{row}");
    assert!(row["flag"].is_null(), "the card agrees: {row}");
}

/// The center's result row of candidate `iin` (`ustudy-center export`); there is one.
fn result_of(l: &Lagging, iin: &str) -> serde_json::Value {
    let out = l.dir.path().join("results.json");
    let ran = cli::center(&[
        "export",
        "--dir",
        l.center.dir.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(ran.ok(), "{}", ran.stderr);
    let results: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let rows: Vec<_> = results
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["iin"] == iin)
        .cloned()
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    rows[0].clone()
}

#[test]
fn the_old_disk_imported_between_the_move_and_the_take_over_goes_to_the_spare_station() {
    let l = lagging();
    let iin = l.a.roster()[0].iin.clone();
    assert!(move_to(&l.center, &iin, "spare-1").ok());
    export_and_import(&l.center, &l.a, &l.dir.path().join("seat-1.json"));
    let (app_b, _) = take_over(&l.b);
    assert_eq!(
        state(&app_b).answers,
        state(&l.app_a).answers,
        "all fifteen"
    );
}

#[test]
fn the_old_disk_exported_after_the_move_merges_into_the_center_result_once() {
    let l = lagging();
    let iin = l.a.roster()[0].iin.clone();
    assert!(move_to(&l.center, &iin, "spare-1").ok());
    let (app_b, writer_b) = take_over(&l.b);
    assert_eq!(state(&app_b).answered_count(), 12, "the center had twelve");
    support::runtime()
        .block_on(l.b.outbox(&writer_b, None).drain())
        .unwrap();
    // After the move the old station may not post, but its disk, exported, is imported once.
    let file = l.dir.path().join("seat-1.json");
    export_and_import(&l.center, &l.a, &file);
    let all = center_held(&l);
    assert_eq!(
        i64::try_from(all).unwrap(),
        i64::try_from(state(&l.app_a).events).unwrap(),
        "every record of the old station, once"
    );
    export_and_import(&l.center, &l.a, &file);
    assert_eq!(center_held(&l), all, "a second import adds nothing");
    // The center's result carries the candidate on from all of it: one row, the spare
    // station's session, with the old station's records and then the spare station's own.
    let row = result_of(&l, &iin);
    let session_b = app_b.session().unwrap().id.clone();
    assert_eq!(row["session"], session_b.as_str());
    let own_b = l.center.held(&session_b).len();
    assert_eq!(
        row["records"].as_u64().unwrap(),
        u64::try_from(all + own_b - l.delivered).unwrap(),
        "the old station's records, then the spare station's from the move"
    );
    assert!(row["problem"].is_null(), "{row}");
}

fn center_held(l: &Lagging) -> usize {
    l.center.held(&l.session_a).len()
}

#[test]
fn records_the_center_never_got_are_counted_for_the_proctor_at_the_spare_station() {
    let (center, code) = demo_center();
    let a = enroll(&center, &code);
    let b = enroll(&center, &center.code_at("spare-1", "1", "30", 30));
    let (mut app_a, writer_a, session_a) = a.sitting(3);
    // More records than one batch holds: the batch that goes tells the center where the
    // journal ends and which tasks the rest answer, and the station dies before the rest go.
    for _ in 0..150 {
        click(&mut app_a, ids::testing::NEXT);
        click(&mut app_a, ids::testing::PREV);
    }
    click(&mut app_a, ids::testing::option(1)); // task 4 (index 3)
    click(&mut app_a, ids::testing::NEXT);
    click(&mut app_a, ids::testing::option(2)); // task 5 (index 4)
    settle(&mut app_a);
    let written = state(&app_a).events;
    let sent = support::runtime().block_on(a.outbox(&writer_a, None).step());
    assert!(sent.is_ok(), "{sent:?}");
    let held = center.held(&session_a).len();
    let lost = written - u64::try_from(held).unwrap();
    assert!(lost > 0, "{written} written, {held} held");
    let iin = a.roster()[0].iin.clone();
    assert!(move_to(&center, &iin, "spare-1").ok());
    let mut app_b = b.start();
    let _ = app_b.update(handover_waits());
    settle(&mut app_b);
    let lang = ustudy::i18n::Lang::Kk;
    let line = ustudy::i18n::tr_args(
        lang,
        "lock-moved-here-lost",
        &[
            ("seat", ustudy::i18n::Arg::Str("1")),
            ("lost", ustudy::i18n::Arg::Num(i64::try_from(lost).unwrap())),
        ],
    );
    assert!(
        support::gui::shows_text(&app_b, &line),
        "the proctor is told: {line}"
    );
    assert!(
        state(&app_b).incidents.iter().any(|l| matches!(
            &l.incident,
            Incident::MovedFrom { lost: n, lost_tasks, .. } if *n == lost && *lost_tasks == [3, 4]
        )),
        "the move's record says how many, and which tasks: {:?}",
        state(&app_b).incidents
    );
    let paper = &app_b.session().unwrap().paper;
    let (block, _) = paper.position(3);
    let subject = ustudy::ui::parts::block_subject(lang, paper, &paper.format.blocks[block].id);
    let tasks = ustudy::i18n::tr_args(
        lang,
        "lock-moved-here-tasks",
        &[("tasks", ustudy::i18n::Arg::Str(&format!("{subject} 4, 5")))],
    );
    assert!(
        support::gui::shows_text(&app_b, &tasks),
        "the proctor is told: {tasks}"
    );
}

#[test]
fn the_proctor_at_the_spare_station_takes_the_candidate_over_by_ticket() {
    let (center, code) = demo_center();
    let a = enroll(&center, &code);
    let b = enroll(&center, &center.code_at("spare-1", "1", "30", 30));
    let rt = runtime();
    let (mut app_a, writer_a, session_a) = a.sitting(7);
    rt.block_on(a.outbox(&writer_a, None).drain()).unwrap();
    let who = a.roster()[0].clone();
    let (mut app_b, _) = b.start_with_writer();
    type_into(&mut app_b, ids::locked::PIN, PIN);
    click(&mut app_b, ids::locked::ADMIN);
    assert_eq!(screen(&app_b), "admin");
    let lang = app_b.language();
    let says = |app: &ustudy::ui::App, id: &str| {
        support::gui::shows_text(app, &ustudy::i18n::tr(lang, id))
    };
    // Each wrong try says what is wrong, and nothing moves.
    let ticket = |app: &mut ustudy::ui::App, t: &str| {
        let _ = app.update(Message::Screen(ustudy::ui::screen::Message::Admin(
            ustudy::ui::screen::admin::Message::TicketChanged(t.to_owned()),
        )));
    };
    ticket(&mut app_b, &who.ticket);
    click(&mut app_b, ids::admin::CLAIM);
    assert!(
        says(&app_b, "admin-claim-incomplete"),
        "a reason is asked for"
    );
    type_into(
        &mut app_b,
        ids::admin::REASON,
        "the power supply of seat 1 failed",
    );
    ticket(&mut app_b, "NO-SUCH-TICKET");
    click(&mut app_b, ids::admin::CLAIM);
    settle(&mut app_b);
    assert!(says(&app_b, "claim-refused-ticket"), "an unknown ticket");
    assert_eq!(screen(&app_b), "admin");
    // The right ticket (typed in lower case): the center moves the session here and hands it
    // over at once.
    ticket(&mut app_b, &who.ticket.to_lowercase());
    click(&mut app_b, ids::admin::CLAIM);
    settle(&mut app_b);
    assert_eq!(screen(&app_b), "locked");
    assert!(shows(&app_b, ids::locked::MOVED));
    type_into(&mut app_b, ids::locked::PIN, PIN);
    click(&mut app_b, ids::locked::UNLOCK);
    settle(&mut app_b);
    assert_eq!(screen(&app_b), "testing");
    assert_eq!(state(&app_b).answers, state(&app_a).answers);
    assert_eq!(state(&app_b).current, state(&app_a).current);
    // The old station is fenced, as with `ustudy-center move`.
    click(&mut app_a, ids::testing::option(2));
    settle(&mut app_a);
    let refused = rt.block_on(a.outbox(&writer_a, None).step());
    assert!(
        matches!(&refused, Err(SyncError::Moved { session, seat }) if *session == session_a && seat == "30"),
        "{refused:?}"
    );
    let moved = move_to(&center, &who.iin, "spare-1");
    assert!(!moved.ok(), "moved already: {}", moved.stdout);
}

#[test]
fn a_session_the_proctor_paused_moves_paused_with_its_clock_stopped() {
    let (center, code) = demo_center();
    let a = enroll(&center, &code);
    let b = enroll(&center, &center.code_at("spare-1", "1", "30", 30));
    let (mut app_a, writer_a, _) = a.sitting(4);
    // The proctor pauses the test for a technical fault (the clock stops).
    let _ = app_a.update(Message::AdminChord);
    type_into(&mut app_a, ids::locked::PIN, PIN);
    click(&mut app_a, ids::locked::UNLOCK);
    assert_eq!(screen(&app_a), "admin");
    type_into(&mut app_a, ids::admin::REASON, "the monitor went dark");
    click(
        &mut app_a,
        ids::admin::act(ustudy::ui::screen::admin::Act::Pause),
    );
    settle(&mut app_a);
    assert!(matches!(state(&app_a).phase, Phase::Paused { .. }));
    runtime()
        .block_on(a.outbox(&writer_a, None).drain())
        .unwrap();
    assert!(move_to(&center, &a.roster()[0].iin, "spare-1").ok());
    let mut app_b = b.start();
    let _ = app_b.update(handover_waits());
    settle(&mut app_b);
    assert!(shows(&app_b, ids::locked::MOVED));
    let (before, after) = (state(&app_a), state(&app_b));
    assert!(
        matches!(after.phase, Phase::Paused { .. }),
        "{:?}",
        after.phase
    );
    assert_eq!(after.clock.remaining_ms(), before.clock.remaining_ms());
    assert_eq!(after.ledger.losses, before.ledger.losses, "the open pause");
    assert_eq!(after.answers, before.answers);
}

/// Flips a bit of the seal of record `seq` of `session` in the center's database, as someone
/// with the center's disk could.
fn alter_record(center: &Center, session: &str, seq: i64) {
    let db = rusqlite::Connection::open(center.dir.join("center.sqlite")).unwrap();
    db.busy_timeout(std::time::Duration::from_secs(10)).unwrap();
    let mut sealed: Vec<u8> = db
        .query_row(
            "SELECT sealed FROM events WHERE session = ?1 AND seq = ?2",
            rusqlite::params![session, seq],
            |r| r.get(0),
        )
        .unwrap();
    let last = sealed.len() - 1;
    sealed[last] ^= 1;
    let changed = db
        .execute(
            "UPDATE events SET sealed = ?3 WHERE session = ?1 AND seq = ?2",
            rusqlite::params![session, seq, sealed],
        )
        .unwrap();
    assert_eq!(changed, 1);
}

#[test]
fn a_handover_with_an_altered_record_is_refused_and_the_proctor_is_told() {
    let (center, code) = demo_center();
    let a = enroll(&center, &code);
    let b = enroll(&center, &center.code_at("spare-1", "1", "30", 30));
    let (_app_a, writer_a, session_a) = a.sitting(5);
    runtime()
        .block_on(a.outbox(&writer_a, None).drain())
        .unwrap();
    assert!(move_to(&center, &a.roster()[0].iin, "spare-1").ok());
    // The center signs what it holds: a record altered on its disk goes out signed, and only
    // the record's own seal tells.
    alter_record(&center, &session_a, 3);
    let (mut app_b, _) = b.start_with_writer();
    let _ = app_b.update(handover_waits());
    settle(&mut app_b);
    assert_eq!(screen(&app_b), "locked");
    assert!(app_b.session().is_none(), "nothing was taken over");
    let lang = app_b.language();
    let says = |id: &str| support::gui::shows_text(&app_b, &ustudy::i18n::tr(lang, id));
    assert!(
        shows(&app_b, ids::locked::MOVED)
            && says("lock-move-failed-title")
            && says("claim-error-invalid"),
        "the proctor at the spare station is told"
    );
    assert!(
        held_sessions(&center)
            .iter()
            .all(|(_, station, _)| station != "spare-1"),
        "nothing of it reached the center from the spare station"
    );
    // The station is free for the next candidate.
    type_into(&mut app_b, ids::locked::PIN, PIN);
    click(&mut app_b, ids::locked::UNLOCK);
    settle(&mut app_b);
    assert_eq!(screen(&app_b), "check-in");
}

#[test]
fn a_claim_that_is_not_a_proper_one_is_refused_and_moves_nothing() {
    let (center, code) = demo_center();
    let a = enroll(&center, &code);
    let b = enroll(&center, &center.code_at("spare-1", "1", "30", 30));
    let rt = runtime();
    let (mut app_a, writer_a, _) = a.sitting(3);
    rt.block_on(a.outbox(&writer_a, None).drain()).unwrap();
    let who = a.roster()[0].clone();
    let claim = |ticket: &str, reason: &str| {
        serde_json::to_vec(&ustudy::protocol::handover::Claim {
            ticket: ticket.to_owned(),
            reason: reason.to_owned(),
        })
        .unwrap()
    };
    let hostile: [(Vec<u8>, u16, &str); 5] = [
        (b"{not json".to_vec(), 400, "bad-request"),
        (
            br#"{"ticket": 7, "reason": "x"}"#.to_vec(),
            400,
            "bad-request",
        ),
        (claim(&who.ticket, " \t "), 400, "no-reason"),
        (claim(&who.ticket, &"я".repeat(501)), 400, "no-reason"),
        (claim("  ", "the power failed"), 404, "no-candidate"),
    ];
    for (body, status, code) in hostile {
        assert_eq!(
            b.post_signed("/v1/move", &body),
            (status, code.to_owned()),
            "{}",
            String::from_utf8_lossy(&body)
                .chars()
                .take(40)
                .collect::<String>()
        );
    }
    // Nothing moved: the candidate's station still sends, and the operator can still move them.
    click(&mut app_a, ids::testing::option(1));
    settle(&mut app_a);
    rt.block_on(a.outbox(&writer_a, None).drain()).unwrap();
    assert!(move_to(&center, &who.iin, "spare-1").ok());
}
