//! I/O faults under a real writer process, injected with strace: the n-th `fdatasync`/`fsync`
//! fails with EIO (once, twice in a row, and from then on), the n-th `pwrite64` fails with EIO
//! (once, and from then on), and a full disk (ENOSPC from the n-th write on), for n = 1, 2, 3, …
//! until a run completes without meeting the fault. The writer process retries a failed event
//! as the station does (the same event again, first). After each run: every failure was
//! reported within a second, nothing was acknowledged that is not in the journal, no event is
//! in the journal twice (a commit reported as failed whose WAL frames did land must not be
//! written again: a duplicated tick charges the candidate's time twice), the journal folds, and
//! when the fault passes (once, twice) the time charged is exactly the acknowledged ticks.
//!
//! Needs `strace` (`bash tests/run.sh` installs it).

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stdout)]

use std::io::Write as _;
use std::path::Path;
use std::process::Command;

mod support;

use support::paper;
use ustudy::exam::Event;
use ustudy::exam::state::fold;
use ustudy::journal::{Journal, Writer};

const CHILD: &str = "USTUDY_FAULT_CHILD_DIR";
const APPENDS: u64 = 12;
/// Attempts per event, as the station retries a failed commit (the same event, first).
const ATTEMPTS: u32 = 4;

/// The child: open the journal through the writer thread and append, reporting each outcome.
fn child(dir: &Path) -> ! {
    let mut out = std::io::stdout().lock();
    let writer = match Writer::spawn(dir.to_owned()) {
        Ok(w) => w,
        Err(e) => {
            let _ = writeln!(out, "OPENFAIL {e}");
            std::process::exit(4);
        }
    };
    if let Err(e) = writer.resume_blocking("s1") {
        let _ = writeln!(out, "RESUMEFAIL {e}");
        std::process::exit(4);
    }
    for i in 0..APPENDS {
        // Each event carries its own identity (the tick length) so the parent can find it.
        for _ in 0..ATTEMPTS {
            let asked = std::time::Instant::now();
            match writer.append_blocking("s1", Event::Tick { ms: 1000 + i }) {
                Ok(_) => {
                    let _ = writeln!(out, "ACK {i}");
                    break;
                }
                Err(e) => {
                    let ms = asked.elapsed().as_millis();
                    let _ = writeln!(out, "ERR {i} {ms} {e}");
                }
            }
        }
    }
    let _ = writeln!(out, "FAULTS {}", writer.faults_met());
    let _ = out.flush();
    std::process::exit(0);
}

/// A session in Testing, so every tick is charged testing time.
fn prepare(dir: &Path) {
    let mut j = Journal::open(dir).unwrap();
    let opening = [
        Event::Unlocked,
        Event::CheckedIn {
            candidate: support::script::candidate(),
        },
        Event::Started,
    ];
    j.create_session_with("s1", "demo", "00", &paper(), &opening, 0)
        .unwrap();
}

struct Outcome {
    /// strace injected the fault at least once.
    injected: bool,
    output: String,
    acked: Vec<u64>,
    errors: Vec<String>,
    open_failed: bool,
    /// Journal failures the writer met, reported or not (a landed commit is acknowledged).
    faults: u64,
}

fn run_with_fault(dir: &Path, syscalls: &str, inject: &str) -> Outcome {
    let exe = std::env::current_exe().unwrap();
    let trace = dir.join("strace.log");
    let out = Command::new("strace")
        .args(["-f", "-qq", "-o"])
        .arg(&trace)
        .arg("-e")
        .arg(format!("trace={syscalls}"))
        .arg("-e")
        .arg(format!("inject={syscalls}:{inject}"))
        .arg(&exe)
        .args(["--exact", "faults", "--nocapture", "--test-threads=1"])
        .env(CHILD, dir)
        .output()
        .expect("strace runs (install it with apt-get install strace)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut o = Outcome {
        injected: std::fs::read_to_string(&trace)
            .unwrap_or_default()
            .contains("INJECTED"),
        output: format!("{stdout}{}", String::from_utf8_lossy(&out.stderr)),
        acked: Vec::new(),
        errors: Vec::new(),
        open_failed: false,
        faults: 0,
    };
    for line in stdout.lines() {
        // The test harness may print its own words before the child's first line.
        let line = ["ACK ", "ERR ", "FAULTS ", "OPENFAIL", "RESUMEFAIL"]
            .iter()
            .filter_map(|m| line.find(m))
            .min()
            .map_or(line, |at| &line[at..]);
        if let Some(n) = line.strip_prefix("FAULTS ") {
            o.faults = n.trim().parse().unwrap();
        } else if let Some(n) = line.strip_prefix("ACK ") {
            o.acked.push(n.parse().unwrap());
        } else if let Some(rest) = line.strip_prefix("ERR ") {
            o.errors.push(rest.to_owned());
        } else if line.starts_with("OPENFAIL") || line.starts_with("RESUMEFAIL") {
            o.open_failed = true;
            o.errors.push(line.to_owned());
        }
    }
    o
}

/// Runs one fault kind for n = 1, 2, … until strace no longer finds an n-th call to fail;
/// returns how many runs had the fault injected.
fn sweep(kind: &str, syscalls: &str, passes: bool, inject: impl Fn(u32) -> String) -> (u32, u32) {
    let (mut injected, mut surfaced) = (0, 0);
    for n in 1..=400 {
        let dir = tempfile::tempdir().unwrap();
        prepare(dir.path());
        let o = run_with_fault(dir.path(), syscalls, &inject(n));
        for e in &o.errors {
            assert!(
                e.split_whitespace().count() > 2,
                "{kind} n={n}: an error without a message: {e:?}"
            );
            // "I MS message": the failure reached the caller within a second.
            if let Some(ms) = e
                .split_whitespace()
                .nth(1)
                .and_then(|m| m.parse::<u64>().ok())
            {
                assert!(
                    ms < 1000,
                    "{kind} n={n}: the failure took {ms} ms to surface: {e}"
                );
            }
        }
        // Restart without faults: every acknowledged event is there, the chain is intact.
        let j = Journal::open(dir.path())
            .unwrap_or_else(|e| panic!("{kind} n={n}: reopen failed: {e}"));
        let loaded = j.load("s1").unwrap();
        assert!(loaded.damage.is_none(), "{kind} n={n}: {:?}", loaded.damage);
        let conn = rusqlite::Connection::open(dir.path().join("journal.sqlite")).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "{kind} n={n}");
        let stored: Vec<u64> = loaded
            .entries
            .iter()
            .filter_map(|e| match e.event {
                Event::Tick { ms } => Some(ms - 1000),
                _ => None,
            })
            .collect();
        for a in &o.acked {
            assert!(
                stored.contains(a),
                "{kind} n={n}: acknowledged event {a} lost (stored {stored:?})"
            );
        }
        for i in 0..APPENDS {
            let times = stored.iter().filter(|s| **s == i).count();
            assert!(
                times <= 1,
                "{kind} n={n}: event {i} is in the journal {times} times (stored {stored:?}):\n{}",
                o.output
            );
        }
        let state = fold(&loaded.paper, &loaded.events())
            .unwrap_or_else(|e| panic!("{kind} n={n}: the journal does not fold: {e}"));
        if passes && !o.open_failed {
            // The fault passed and every event was retried until it was acknowledged: the time
            // charged is exactly the acknowledged ticks, and nothing stored was left unanswered.
            let acked_ms: u64 = o.acked.iter().map(|i| 1000 + i).sum();
            assert_eq!(
                state.clock.used_ms, acked_ms,
                "{kind} n={n}: charged time is not the acknowledged ticks (acked {:?}, stored {stored:?})",
                o.acked
            );
        }
        if o.errors.is_empty() && o.faults == 0 && !o.open_failed {
            // Nothing failed as far as the program could tell: everything must be acknowledged.
            assert_eq!(
                o.acked.len() as u64,
                APPENDS,
                "{kind} n={n}: all acknowledged:\n{}",
                o.output
            );
        } else {
            // Reported to the caller, or acknowledged after the writer found the commit had
            // landed: either way the writer says it met a fault (the station records it).
            surfaced += 1;
        }
        if !o.injected {
            println!(
                "{kind}: {injected} runs with the fault injected, {surfaced} reported it; run {n} met no fault"
            );
            return (injected, surfaced);
        }
        injected += 1;
    }
    panic!("{kind}: the fault was still injected after 400 runs");
}

#[test]
fn faults() {
    if let Ok(dir) = std::env::var(CHILD) {
        child(Path::new(&dir));
    }
    let sync = "fdatasync,fsync";
    let kinds = [
        sweep("sync fails once", sync, true, |n| {
            format!("error=EIO:when={n}")
        }),
        sweep("sync fails twice in a row", sync, true, |n| {
            format!("error=EIO:when={n}..{}", n + 1)
        }),
        sweep("sync fails from then on", sync, false, |n| {
            format!("error=EIO:when={n}+")
        }),
        sweep("write fails once", "pwrite64", true, |n| {
            format!("error=EIO:when={n}")
        }),
        sweep("write fails from then on", "pwrite64", false, |n| {
            format!("error=EIO:when={n}+")
        }),
        sweep("disk full", "pwrite64", false, |n| {
            format!("error=ENOSPC:when={n}+")
        }),
    ];
    for (injected, surfaced) in kinds {
        // Every append syncs and writes, so each kind must have met the writer many times, and
        // the program must have reported the failures it met.
        assert!(
            injected >= u32::try_from(APPENDS).unwrap(),
            "the injection is not reaching the writer"
        );
        assert!(
            surfaced * 2 >= injected,
            "most injected faults must be reported ({surfaced}/{injected})"
        );
    }
}
