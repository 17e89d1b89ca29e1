//! Replay equality through the journal with real crashes: a scripted session's events are
//! journaled by a child process, which is killed with SIGKILL after a random number of
//! acknowledgements, again and again, each new child carrying on from what the journal holds.
//! After every kill the journal holds exactly a prefix of the script, at least as long as what
//! was acknowledged, with the chain intact, and it folds to exactly the live state at that
//! prefix; the last child finishes the script and the journal folds to the final state.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};

use proptest::prelude::*;
use support::paper;
use support::script::{action, events_for};
use ustudy::exam::state::fold;
use ustudy::exam::{Event, State};
use ustudy::journal::Journal;

const CHILD: &str = "USTUDY_REPLAY_CHILD_DIR";

/// The child: append the script's events the journal does not hold yet, one commit each, each
/// when the parent sends a byte, printing `ACK n` (records held) after each.
fn child(dir: &Path) -> ! {
    let events: Vec<Event> =
        serde_json::from_slice(&std::fs::read(dir.join("script.json")).unwrap()).unwrap();
    let mut j = Journal::open(dir).unwrap();
    let mut cursor = j.load("s1").unwrap().cursor;
    let mut out = std::io::stdout().lock();
    let mut go = std::io::stdin().lock();
    for e in &events[usize::try_from(cursor.next_seq).unwrap()..] {
        let mut byte = [0u8];
        if std::io::Read::read_exact(&mut go, &mut byte).is_err() {
            break;
        }
        let seq = j.append(&mut cursor, e).unwrap();
        writeln!(out, "ACK {}", seq + 1).unwrap();
        out.flush().unwrap();
    }
    writeln!(out, "DONE").unwrap();
    out.flush().unwrap();
    std::process::exit(0);
}

/// Runs a child until it has acknowledged `kill_after` more records, lets it start one more
/// and kills it (SIGKILL) at once, in the middle of that commit or just after it; without
/// `kill_after` it runs to the end. Returns the highest acknowledged count and whether it
/// finished.
fn run_child(dir: &Path, kill_after: Option<u64>, total: usize) -> (u64, bool) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "recovered_state_equals_the_state_at_the_journaled_prefix",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut go = child.stdin.take().unwrap();
    // As many go-aheads as the child may use: the acknowledged ones and the one killed, or
    // all of them.
    let allowed = kill_after.map_or(total, |k| usize::try_from(k).unwrap() + 1);
    let _ = go.write_all(&vec![b'.'; allowed]);
    let _ = go.flush();
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let (mut acked, mut seen, mut done) = (0, 0, false);
    for line in lines {
        let line = line.unwrap();
        if let Some(n) = line.find("ACK ").map(|at| &line[at + 4..]) {
            acked = n.trim().parse().unwrap();
            seen += 1;
            if kill_after.is_some_and(|k| seen >= k) {
                child.kill().unwrap(); // SIGKILL: no destructor, no close, no checkpoint
                break;
            }
        } else if line.contains("DONE") {
            done = true;
        }
    }
    child.wait().unwrap();
    drop(go);
    (acked, done)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn recovered_state_equals_the_state_at_the_journaled_prefix(
        script in proptest::collection::vec(action(), 20..80),
        kills in proptest::collection::vec(1u64..40, 1..4),
    ) {
        if let Ok(dir) = std::env::var(CHILD) {
            child(Path::new(&dir));
        }
        let paper = paper();
        // The live session: every accepted event, and the state after each prefix.
        let mut live = State::new(&paper);
        let mut events = Vec::new();
        let mut states = vec![live.clone()];
        for a in &script {
            for e in events_for(&paper, &live, a) {
                if live.apply(&paper, &e).is_ok() {
                    events.push(e);
                    states.push(live.clone());
                }
            }
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("script.json"), serde_json::to_vec(&events).unwrap()).unwrap();
        Journal::open(dir.path()).unwrap()
            .create_session("s1", "demo", "00112233445566778899aabbccddeeff", &paper)
            .unwrap();
        let mut acked = 0;
        for k in kills.iter().copied().map(Some).chain([None]) {
            let (a, done) = run_child(dir.path(), k, events.len());
            acked = acked.max(a);
            let loaded = Journal::open(dir.path()).unwrap().load("s1").unwrap();
            prop_assert!(loaded.damage.is_none(), "{:?}", loaded.damage);
            let n = loaded.entries.len();
            prop_assert!(n as u64 >= acked, "acknowledged {} records, the journal holds {}", acked, n);
            prop_assert_eq!(&loaded.events()[..], &events[..n], "exactly a prefix of the script");
            prop_assert_eq!(&fold(&paper, &loaded.events()).unwrap(), &states[n]);
            if done {
                prop_assert_eq!(n, events.len());
            }
        }
    }
}
