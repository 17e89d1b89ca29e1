//! End to end: the real `ustudy-station` binary on a real X server (Xvfb, no window manager),
//! driven by `--autopilot` with a fast `--time-scale`, writing its real journal. One run is
//! killed (SIGKILL) in the middle of testing and started again on the same data directory: the
//! journey must complete in the same session with every answer given before the kill unchanged.
//! Needs `Xvfb` (package xvfb; `bash tests/run.sh` installs it).

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use support::display::Display;
use ustudy::exam::event::{CloseReason, FinishReason, Tool};
use ustudy::exam::state::fold;
use ustudy::exam::{Event, Phase, State};
use ustudy::journal::Journal;

fn station(display: &Display, dir: &Path, seed: u64) -> Child {
    Command::new(env!("CARGO_BIN_EXE_ustudy-station"))
        .env("DISPLAY", format!(":{}", display.number))
        .env("ICED_BACKEND", "tiny-skia")
        .env_remove("WAYLAND_DISPLAY")
        .args(["--data-dir", dir.to_str().unwrap(), "--time-scale", "600"])
        .args(["--autopilot", &seed.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the station starts")
}

fn wait(child: &mut Child, limit: Duration) -> ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("the station did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Every session in the journal, folded.
fn sessions(dir: &Path) -> Vec<State> {
    let journal = match Journal::open_existing(dir) {
        Ok(j) => j,
        Err(e) => {
            // Not there yet while the station starts; said, so a failure later shows why.
            eprintln!("journal not readable yet: {e}");
            return Vec::new();
        }
    };
    journal
        .sessions()
        .unwrap()
        .iter()
        .map(|info| {
            let loaded = journal.load(&info.id).unwrap();
            assert!(loaded.damage.is_none(), "{:?}", loaded.damage);
            fold(&loaded.paper, &loaded.events()).unwrap()
        })
        .collect()
}

/// The events of the one session in `dir`'s journal.
fn journal_events(dir: &Path) -> Vec<Event> {
    let journal = Journal::open_existing(dir).unwrap();
    let info = journal.sessions().unwrap().pop().unwrap();
    journal.load(&info.id).unwrap().events()
}

fn run_to_end(display: &Display, dir: &Path, seed: u64) {
    let mut child = station(display, dir, seed);
    let status = wait(&mut child, Duration::from_secs(240));
    let mut err = String::new();
    let _ = std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err);
    assert!(status.success(), "seed {seed}: {status}: {err}");
}

#[test]
fn a_killed_station_comes_back_and_completes_the_journey_with_the_same_answers() {
    let display = Display::start();
    let dir = tempfile::tempdir().unwrap();
    let mut child = station(&display, dir.path(), 6);
    // Wait until the candidate is well into the test, then kill the process outright.
    let started = Instant::now();
    let before = loop {
        assert!(child.try_wait().unwrap().is_none(), "ended before the kill");
        assert!(started.elapsed() < Duration::from_secs(120), "no progress");
        if let Some(s) = sessions(dir.path()).pop()
            && s.answered_count() >= 30
        {
            break s;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    child.kill().unwrap();
    let _ = child.wait();
    let at_kill = sessions(dir.path()).pop().unwrap();
    assert_eq!(at_kill.phase, Phase::Testing);
    assert!(at_kill.answered_count() >= before.answered_count());

    run_to_end(&display, dir.path(), 6);
    let all = sessions(dir.path());
    assert_eq!(all.len(), 1, "the same session went on, no new one");
    let end = &all[0];
    assert_eq!(end.phase, Phase::Closed);
    assert_eq!(end.finish, Some(FinishReason::Candidate));
    assert_eq!(end.close, Some(CloseReason::AppealFiled));
    assert_eq!(end.appeals.len(), 2);
    assert!(end.receipt.is_some());
    for (task, answer) in at_kill.answers.iter().enumerate() {
        if answer.is_some() {
            assert_eq!(
                &end.answers[task], answer,
                "task {task} changed after the restart"
            );
        }
    }
    assert!(end.answered_count() > at_kill.answered_count());
    // Breaks were taken, and the time charged never exceeds what was allowed.
    assert!(end.clock.used_ms <= end.clock.allowed_ms);
    // Every tool was opened and closed again, and an option struck out: all in the journal.
    let events = journal_events(dir.path());
    for tool in Tool::ALL {
        assert!(
            events.contains(&Event::Tool { tool: Some(tool) }),
            "{tool:?} never opened"
        );
    }
    assert!(events.iter().any(|e| matches!(e, Event::Struck { .. })));
    assert_eq!(end.tool, None);
    logs_say_what_happened_and_nothing_private(dir.path());
}

/// Everything the station logged in `dir`.
fn read_logs(dir: &Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(dir.join("logs")).expect("a log directory") {
        all.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    all
}

/// Whether `needle` stands in `hay` as a number of its own (not inside a longer one).
fn has_number(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

/// The log of a whole session (killed, restarted, with appeals) tells start-up, the readiness
/// check, creation and recovery, and holds no IIN, name, ticket, answer or appeal text, PIN or key.
fn logs_say_what_happened_and_nothing_private(dir: &Path) {
    let log = read_logs(dir);
    // The readiness check runs in the background once the window shows.
    for said in [
        "station starting",
        "readiness check done",
        "session created",
        "resuming a session",
    ] {
        assert!(log.contains(said), "the log does not say {said:?}:\n{log}");
    }
    for who in ustudy::roster::demo() {
        assert!(!has_number(&log, &who.iin), "an IIN is in the log");
        assert!(!log.contains(&who.name), "a name is in the log");
        assert!(!log.contains(&who.ticket), "a ticket is in the log");
    }
    // The autopilot's appeal justification and technical appeal, and the demo PIN.
    for private in ["Жауап нұсқаларының", "Суреттің", "Answered", "choice"]
    {
        assert!(!log.contains(private), "{private:?} is in the log");
    }
    assert!(!has_number(&log, "2468"), "the PIN is in the log");
    let key = std::fs::read_to_string(dir.join("station.key")).unwrap();
    assert!(!log.contains(key.trim()), "the station key is in the log");
}

#[test]
fn unattended_sessions_end_by_time_up_and_by_auto_close() {
    let display = Display::start();
    // Seed 4: the unt-2021 candidate with extra time sits until the clock runs out, then
    // finishes without appeal.
    let dir = tempfile::tempdir().unwrap();
    run_to_end(&display, dir.path(), 4);
    let s = sessions(dir.path()).pop().unwrap();
    assert_eq!(s.finish, Some(FinishReason::TimeUp));
    assert_eq!(s.clock.used_ms, 280 * 60_000);
    assert_eq!(s.clock.breaks_taken, 3);
    assert_eq!(s.close, Some(CloseReason::NoAppeal));
    // Seed 12: finishes, then chooses nothing on the decision screen: it closes by itself.
    let dir = tempfile::tempdir().unwrap();
    run_to_end(&display, dir.path(), 12);
    let s = sessions(dir.path()).pop().unwrap();
    assert_eq!(s.finish, Some(FinishReason::Candidate));
    assert_eq!(s.close, Some(CloseReason::AutoClose));
}

#[test]
fn the_teacher_candidate_sits_a_whole_session_and_appeals_in_the_hall() {
    let display = Display::start();
    // Seed 8: the demo's third candidate, the teacher test; finishes, then appeals two tasks
    // before leaving, as a teacher's appeal is filed in the hall.
    let dir = tempfile::tempdir().unwrap();
    run_to_end(&display, dir.path(), 8);
    let journal = Journal::open_existing(dir.path()).unwrap();
    let info = journal.sessions().unwrap().pop().unwrap();
    assert_eq!(info.package_id, "demo-teacher-2024");
    let loaded = journal.load(&info.id).unwrap();
    assert_eq!(loaded.paper.format.id, "teacher-2024");
    let s = fold(&loaded.paper, &loaded.events()).unwrap();
    assert_eq!(s.finish, Some(FinishReason::Candidate));
    assert_eq!(s.close, Some(CloseReason::AppealFiled));
    let notes = loaded
        .events()
        .iter()
        .filter(|e| matches!(e, Event::AppealNote { .. }))
        .count();
    assert_eq!(notes, 2, "two tasks appealed");
    // A mathematics teacher: the long testing time of the format.
    assert_eq!(s.clock.allowed_ms, 125 * 60_000);
}
