//! Simulated power loss: a writer process runs under strace, which records every write, truncate
//! and sync of the journal files (with the written bytes) and every acknowledgement the process
//! prints. Power is then cut at 200+ points of that record, offline: at each cut a file keeps only
//! what was written before its last sync (`LazyFS`'s "lose un-fsynced writes"). Every event
//! acknowledged before the cut must be in the journal rebuilt from that state, with the chain
//! intact.
//!
//! Negative control: the same run under `eatmydata` (syncs disabled) must lose acknowledged
//! events; a power-loss test whose control passes would prove nothing.
//!
//! Needs `strace` and `eatmydata` (`.ci/run` installs them).

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stdout)]

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;
use std::process::Command;

use ustudy::exam::{Event, Paper, preset};
use ustudy::journal::Journal;

const CHILD: &str = "USTUDY_POWER_CHILD_DIR";
const APPENDS: u64 = 120;
const FILES: [&str; 2] = ["journal.sqlite", "journal.sqlite-wal"];

fn child(dir: &Path) -> ! {
    let mut j = Journal::open(dir).unwrap();
    let mut cursor = j.load("s1").unwrap().cursor;
    let mut out = std::io::stdout().lock();
    for i in 0..APPENDS {
        j.append(&mut cursor, &Event::Tick { ms: 1000 + i })
            .unwrap();
        // One write per acknowledgement, after the commit returned.
        out.write_all(format!("ACK {i}\n").as_bytes()).unwrap();
        out.flush().unwrap();
    }
    std::process::exit(0);
}

#[derive(Debug)]
enum Op {
    Write {
        file: usize,
        offset: u64,
        data: Vec<u8>,
    },
    Truncate {
        file: usize,
        len: u64,
    },
    Sync {
        file: usize,
    },
    Ack(u64),
}

fn hex_string(s: &str) -> (Vec<u8>, &str) {
    // With -xx every byte is printed as \xHH; the string ends at the next quote.
    let body = s.strip_prefix('"').unwrap();
    let end = body.find('"').unwrap();
    let bytes = body[..end]
        .split("\\x")
        .skip(1)
        .map(|h| u8::from_str_radix(h, 16).unwrap())
        .collect();
    assert!(
        !body[end + 1..].starts_with("..."),
        "strace truncated a buffer"
    );
    (bytes, &body[end + 1..])
}

/// Decodes strace's `\\xHH` escapes (used for paths too under -xx).
fn unhex(s: &str) -> String {
    let mut bytes = Vec::new();
    let mut parts = s.split("\\x");
    bytes.extend(parts.next().unwrap_or_default().bytes());
    for part in parts {
        let (h, rest) = part.split_at(2.min(part.len()));
        bytes.push(u8::from_str_radix(h, 16).unwrap());
        bytes.extend(rest.bytes());
    }
    String::from_utf8(bytes).unwrap()
}

fn parse(log: &str) -> Vec<Op> {
    let mut ops = Vec::new();
    for line in log.lines() {
        let line = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
        let Some((name, rest)) = line.split_once('(') else {
            continue;
        };
        assert!(
            !line.contains("<unfinished"),
            "interleaved syscalls: {line}"
        );
        let Some((_, result)) = rest.rsplit_once(") = ") else {
            continue;
        };
        if result.starts_with('-') {
            continue; // failed call: nothing changed
        }
        let path = rest
            .split_once('<')
            .and_then(|(_, p)| p.split_once('>'))
            .map_or("", |(p, _)| p);
        let path = unhex(path);
        let file = FILES.iter().position(|f| path.ends_with(&format!("/{f}")));
        let args = rest.split_once(">, ").map_or("", |(_, a)| a);
        match (name, file) {
            ("pwrite64", Some(file)) => {
                let (data, tail) = hex_string(args);
                let offset = tail.trim_start_matches(", ").split(", ").nth(1).unwrap();
                let offset = offset.trim_end_matches(|c| c != ')' && !char::is_ascii_digit(&c));
                let offset = offset.split(')').next().unwrap().parse().unwrap();
                ops.push(Op::Write { file, offset, data });
            }
            ("ftruncate", Some(file)) => {
                let len = args.split(')').next().unwrap().parse().unwrap();
                ops.push(Op::Truncate { file, len });
            }
            ("fdatasync" | "fsync", Some(file)) => ops.push(Op::Sync { file }),
            ("write", None) if path.starts_with("pipe:") || path.starts_with("/dev/") => {
                let (data, _) = hex_string(args);
                let text = String::from_utf8(data).unwrap();
                if let Some(n) = text.strip_prefix("ACK ") {
                    ops.push(Op::Ack(n.trim().parse().unwrap()));
                }
            }
            _ => {}
        }
    }
    ops
}

/// Builds the files as a power cut before op `cut` leaves them.
fn durable(base: &[Option<Vec<u8>>; 2], ops: &[Op], cut: usize) -> [Option<Vec<u8>>; 2] {
    let mut out = base.clone();
    for (file, content) in out.iter_mut().enumerate() {
        let Some(last_sync) = ops[..cut]
            .iter()
            .rposition(|o| matches!(o, Op::Sync { file: f } if *f == file))
        else {
            continue;
        };
        for op in &ops[..last_sync] {
            match op {
                Op::Write {
                    file: f,
                    offset,
                    data,
                } if *f == file => {
                    let c = content.get_or_insert_with(Vec::new);
                    let end = usize::try_from(*offset).unwrap() + data.len();
                    if c.len() < end {
                        c.resize(end, 0);
                    }
                    c[usize::try_from(*offset).unwrap()..end].copy_from_slice(data);
                }
                Op::Truncate { file: f, len } if *f == file => {
                    content
                        .get_or_insert_with(Vec::new)
                        .resize(usize::try_from(*len).unwrap(), 0);
                }
                _ => {}
            }
        }
    }
    out
}

/// Runs the writer under strace (optionally with syncs disabled) and returns the cut record
/// and the files as they were before the run.
fn record(eat_my_data: bool) -> (tempfile::TempDir, [Option<Vec<u8>>; 2], Vec<Op>) {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut j = Journal::open(dir.path()).unwrap();
        let paper = Paper::placeholder(preset::by_name("unt-2024").unwrap());
        let mut c = j
            .create_session("s1", "demo", "00112233445566778899aabbccddeeff", &paper)
            .unwrap();
        j.append(&mut c, &Event::Unlocked).unwrap();
    }
    let base = FILES.map(|f| std::fs::read(dir.path().join(f)).ok());
    let log = dir.path().join("strace.log");
    let mut cmd = Command::new("strace");
    cmd.args([
        "-f",
        "-qq",
        "-y",
        "-xx",
        "-s",
        "1000000",
        "-e",
        "trace=pwrite64,write,ftruncate,fdatasync,fsync",
        "-o",
    ])
    .arg(&log);
    if eat_my_data {
        cmd.arg("eatmydata");
    }
    let out = cmd
        .arg(std::env::current_exe().unwrap())
        .args(["--exact", "power_loss", "--nocapture", "--test-threads=1"])
        .env(CHILD, dir.path())
        .output()
        .expect("strace and eatmydata are installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ops = parse(&std::fs::read_to_string(&log).unwrap());
    (dir, base, ops)
}

/// Cuts power at `cuts` points; returns (cuts evaluated, cuts that lost acknowledged events).
fn cut_everywhere(
    dir: &Path,
    base: &[Option<Vec<u8>>; 2],
    ops: &[Op],
) -> (usize, usize, BTreeMap<&'static str, usize>) {
    let acks: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, o)| matches!(o, Op::Ack(_)))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        acks.len() as u64,
        APPENDS,
        "every acknowledgement was recorded"
    );
    // Right after every acknowledgement (the worst moments), and between them at even steps.
    let mut cuts: Vec<usize> = acks.iter().map(|i| i + 1).collect();
    cuts.extend((0..=ops.len()).step_by((ops.len() / 100).max(1)));
    cuts.sort_unstable();
    cuts.dedup();
    let key = std::fs::read(dir.join("station.key")).unwrap();
    let mut lost = 0;
    let mut kinds = BTreeMap::new();
    for &cut in &cuts {
        let acked = ops[..cut]
            .iter()
            .filter_map(|o| if let Op::Ack(n) = o { Some(*n) } else { None })
            .max();
        let files = durable(base, ops, cut);
        let after = tempfile::tempdir().unwrap();
        std::fs::write(after.path().join("station.key"), &key).unwrap();
        for (name, content) in FILES.iter().zip(&files) {
            if let Some(c) = content {
                std::fs::write(after.path().join(name), c).unwrap();
            }
        }
        let loaded = Journal::open(after.path()).and_then(|j| j.load("s1"));
        let kept = match &loaded {
            Ok(l) if l.damage.is_none() => l
                .entries
                .iter()
                .filter_map(|e| {
                    if let Event::Tick { ms } = e.event {
                        Some(ms - 1000)
                    } else {
                        None
                    }
                })
                .max(),
            _ => {
                *kinds.entry("damaged").or_insert(0) += 1;
                None
            }
        };
        if acked.is_some_and(|a| kept.is_none_or(|k| k < a)) {
            lost += 1;
            *kinds.entry("lost").or_insert(0) += 1;
        }
    }
    (cuts.len(), lost, kinds)
}

#[test]
fn power_loss() {
    if let Ok(dir) = std::env::var(CHILD) {
        child(Path::new(&dir));
    }
    let (dir, base, ops) = record(false);
    let syncs = ops.iter().filter(|o| matches!(o, Op::Sync { .. })).count();
    let (cuts, lost, kinds) = cut_everywhere(dir.path(), &base, &ops);
    println!(
        "power loss, synchronous=FULL: {} ops, {syncs} syncs, {cuts} cuts, {lost} lost ({kinds:?})",
        ops.len()
    );
    assert!(cuts >= 200);
    assert_eq!(
        lost, 0,
        "acknowledged events lost at a power cut: {kinds:?}"
    );

    let (dir, base, ops) = record(true);
    let syncs = ops.iter().filter(|o| matches!(o, Op::Sync { .. })).count();
    let (cuts, lost, kinds) = cut_everywhere(dir.path(), &base, &ops);
    println!(
        "negative control, eatmydata: {} ops, {syncs} syncs, {cuts} cuts, {lost} lost ({kinds:?})",
        ops.len()
    );
    assert_eq!(syncs, 0, "eatmydata must remove every sync");
    assert!(
        lost > cuts / 2,
        "the control must lose acknowledged events, or the test has no teeth"
    );
}
