//! Kill torture: a child process appends events as fast as a scripted candidate would and
//! prints each acknowledged sequence number, settling after each as the writer thread does (the
//! anchor's sync, and the checkpoint between saves); the parent SIGKILLs it at random moments and
//! restarts it. After every kill the database passes `integrity_check` and holds every
//! acknowledged event; at the end the whole chain verifies and decrypts to exactly the events
//! the child was told were saved, and folds to a valid state.
//!
//! 200 kills by default; `USTUDY_KILLS=1000 cargo test --release --test journal_kill` for the
//! long mode.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stdout)]

mod support;

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use support::paper;
use ustudy::exam::Event;
use ustudy::exam::event::Candidate;
use ustudy::exam::state::fold;
use ustudy::exam::task::{Choice, Lang};
use ustudy::journal::{Journal, JournalError};

const CHILD: &str = "USTUDY_KILL_CHILD_DIR";

/// The event with sequence number `seq`: check-in, then answers (history is single choice with
/// four options) alternating with checkpoint ticks, as a candidate produces them.
fn expected(seq: u64) -> Event {
    match seq {
        0 => Event::Unlocked,
        1 => Event::CheckedIn {
            candidate: Candidate {
                iin: "061211600012".to_owned(),
                name: "Demo".to_owned(),
                ticket: "K-1".to_owned(),
                extra_time: true,
                interface: Lang::Ru,
                languages: BTreeMap::new(),
            },
        },
        2 => Event::Started,
        s if s % 2 == 0 => Event::Tick { ms: 37 },
        s => Event::Answered {
            task: u16::try_from(s / 2 % 20).unwrap(),
            choice: Choice::One(u8::try_from(s % 4).unwrap()),
        },
    }
}

fn child(dir: &Path) -> ! {
    let mut journal = Journal::open(dir).unwrap_or_else(|e| fail(&e));
    let mut cursor = match journal.load("s1") {
        Ok(loaded) => {
            if let Some(damage) = loaded.damage {
                fail(&damage);
            }
            loaded.cursor
        }
        Err(JournalError::NoSession(_)) => journal
            .create_session("s1", "demo", "00112233445566778899aabbccddeeff", &paper())
            .unwrap_or_else(|e| fail(&e)),
        Err(e) => fail(&e),
    };
    let mut out = std::io::stdout().lock();
    loop {
        let event = expected(cursor.next_seq);
        let seq = journal
            .append(&mut cursor, &event)
            .unwrap_or_else(|e| fail(&e));
        // The acknowledgement: printed only after the commit returned.
        let _ = writeln!(out, "ACK {seq}");
        let _ = out.flush();
        // As the writer thread does once the answer is given and in a pause: the anchor's sync,
        // and every hundred commits a checkpoint, so kills land in those too.
        journal.settle().unwrap_or_else(|e| fail(&e));
        journal.rest();
    }
}

fn fail(e: &JournalError) -> ! {
    let _ = writeln!(std::io::stdout(), "FAIL {e}");
    std::process::exit(3);
}

/// A small deterministic generator for kill delays (seeded from the clock, printed).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn kill_torture() {
    if let Ok(dir) = std::env::var(CHILD) {
        child(Path::new(&dir));
    }
    let kills: usize = std::env::var("USTUDY_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    println!("kill torture: {kills} kills, seed {seed}");
    let mut rng = XorShift(seed);
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut acked_max: Option<u64> = None;
    let mut total_acks = 0usize;
    for round in 0..kills {
        let mut proc = Command::new(&exe)
            .args(["--exact", "kill_torture", "--nocapture", "--test-threads=1"])
            .env(CHILD, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = proc.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut acks = Vec::new();
            let mut failure = None;
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("ACK ") {
                    acks.push(n.parse::<u64>().unwrap());
                } else if line.starts_with("FAIL ") {
                    failure = Some(line);
                }
            }
            (acks, failure)
        });
        std::thread::sleep(Duration::from_millis(5 + rng.next() % 75));
        proc.kill().unwrap();
        let status = proc.wait().unwrap();
        let (acks, failure) = reader.join().unwrap();
        assert!(
            failure.is_none(),
            "round {round} (seed {seed}): child failed: {failure:?}"
        );
        assert!(
            status.code().is_none(),
            "round {round}: the child exited by itself: {status}"
        );
        total_acks += acks.len();
        if let Some(&last) = acks.last() {
            assert!(
                acked_max.is_none_or(|m| last > m),
                "sequence numbers go on after a restart"
            );
            acked_max = Some(last);
        }
        let conn = rusqlite::Connection::open(dir.path().join("journal.sqlite")).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round} (seed {seed})");
        if let Some(max) = acked_max {
            let stored: i64 = conn
                .query_row("SELECT max(seq) FROM events", [], |r| r.get(0))
                .unwrap();
            assert!(
                u64::try_from(stored).unwrap() >= max,
                "round {round}: acked {max}, stored {stored}"
            );
        }
    }
    let acked_max = acked_max.expect("the children acknowledged something");
    let loaded = Journal::open(dir.path()).unwrap().load("s1").unwrap();
    assert!(loaded.damage.is_none(), "{:?}", loaded.damage);
    assert!(loaded.entries.len() as u64 > acked_max);
    for (seq, entry) in loaded.entries.iter().enumerate() {
        assert_eq!(entry.event, expected(seq as u64), "record {seq}");
    }
    fold(&paper(), &loaded.events()).expect("the recovered journal folds");
    println!(
        "kill torture: {kills} kills, {total_acks} acknowledged events, {} stored, 0 lost",
        loaded.entries.len()
    );
}
