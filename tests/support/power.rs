//! Simulated power loss for the journal tests: a child process runs under strace, which
//! records every write, truncate and sync of the journal files (with the bytes written) and
//! every acknowledgement the child prints; `durable` then builds the files as a power cut at any
//! point of that record leaves them: each file keeps only what was written before its last sync
//! (`LazyFS`'s "lose un-fsynced writes"). A call another thread interrupted is taken as made
//! when it returned.

use std::path::Path;
use std::process::Command;

/// The files a power cut is modelled on.
pub const FILES: [&str; 3] = ["journal.sqlite", "journal.sqlite-wal", "journal.anchor"];

/// One recorded effect on the journal files, or an acknowledgement the process printed.
#[derive(Debug)]
pub enum Op {
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

/// Reads strace's record into ops.
pub fn parse(log: &str) -> Vec<Op> {
    let mut ops = Vec::new();
    // A call another thread interrupted, by thread: taken as made when it returned.
    let mut unfinished: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for line in log.lines() {
        let (pid, call) = line.split_at(line.find(|c: char| !c.is_ascii_digit()).unwrap_or(0));
        let call = call.trim_start();
        if let Some(head) = call.strip_suffix(" <unfinished ...>") {
            unfinished.insert(pid, head);
            continue;
        }
        let joined;
        let line = match call
            .strip_prefix("<... ")
            .and_then(|r| r.split_once(" resumed>"))
        {
            Some((_, tail)) => {
                let head = unfinished.remove(pid).expect("a resumed call was begun");
                // strace pads the resumed part: `)         = 0`.
                joined = match tail.strip_prefix(')') {
                    Some(result) => format!("{head}) {}", result.trim_start()),
                    None => format!("{head}{tail}"),
                };
                joined.as_str()
            }
            None => call,
        };
        let Some((name, rest)) = line.split_once('(') else {
            continue;
        };
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
pub fn durable(base: &[Option<Vec<u8>>; 3], ops: &[Op], cut: usize) -> [Option<Vec<u8>>; 3] {
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

/// Runs the test `test` of the current test binary as a child under strace, with `env` set to
/// `dir` (the child does its work there and exits), optionally with syncs disabled. Returns the
/// files as they were before the run and the record.
pub fn record(
    dir: &Path,
    test: &str,
    env: &str,
    eat_my_data: bool,
) -> ([Option<Vec<u8>>; 3], Vec<Op>) {
    let base = FILES.map(|f| std::fs::read(dir.join(f)).ok());
    let log = dir.join("strace.log");
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
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(env, dir)
        .output()
        .expect("strace and eatmydata are installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ops = parse(&std::fs::read_to_string(&log).unwrap());
    (base, ops)
}

/// A fresh directory holding the journal as the cut before op `cut` leaves it, with the station
/// key from `dir`.
pub fn after_cut(
    dir: &Path,
    base: &[Option<Vec<u8>>; 3],
    ops: &[Op],
    cut: usize,
) -> tempfile::TempDir {
    let after = tempfile::tempdir().unwrap();
    std::fs::copy(dir.join("station.key"), after.path().join("station.key")).unwrap();
    for (name, content) in FILES.iter().zip(&durable(base, ops, cut)) {
        if let Some(c) = content {
            std::fs::write(after.path().join(name), c).unwrap();
        }
    }
    after
}
