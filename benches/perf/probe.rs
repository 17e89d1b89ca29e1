//! What the harness reads of a running program from outside: its memory (`/proc/PID/smaps_rollup`),
//! its CPU time (`/proc/PID/task/*/schedstat`), and lines of its log.

use std::path::Path;
use std::time::{Duration, SystemTime};

/// Resident and proportional set sizes, KiB.
#[derive(Debug, Clone, Copy, Default)]
pub struct Memory {
    pub rss: u64,
    pub pss: u64,
}

/// The process's memory now, or none once it has gone.
pub fn memory(pid: u32) -> Option<Memory> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let field = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
    };
    Some(Memory {
        rss: field("Rss:")?,
        pss: field("Pss:")?,
    })
}

/// CPU time of the whole process (every thread's run time, as the scheduler counts it in
/// nanoseconds: `/proc/PID/task/*/schedstat`).
pub fn cpu(pid: u32) -> Option<Duration> {
    let mut total = 0u64;
    for task in std::fs::read_dir(format!("/proc/{pid}/task"))
        .ok()?
        .flatten()
    {
        let stat = std::fs::read_to_string(task.path().join("schedstat")).unwrap_or_default();
        total += stat
            .split_whitespace()
            .next()
            .and_then(|ns| ns.parse::<u64>().ok())
            .unwrap_or(0);
    }
    Some(Duration::from_nanos(total))
}

/// The processes of the process group `pgid`.
pub fn group(pgid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .ok()
                .and_then(|stat| {
                    // After the command name: state, parent, group.
                    let fields: Vec<String> = stat
                        .rsplit_once(')')?
                        .1
                        .split_whitespace()
                        .map(str::to_owned)
                        .collect();
                    fields.get(2)?.parse::<u32>().ok()
                })
                == Some(pgid)
        })
        .collect()
}

/// When the station's log (in `data/logs`) first says `screen shown` for `screen`.
pub fn screen_shown(data: &Path, screen: &str) -> Option<SystemTime> {
    let needle = format!("screen shown screen=\"{screen}\"");
    log_lines(data)
        .into_iter()
        .find(|l| l.contains(&needle))
        .and_then(|l| timestamp(&l))
}

fn log_lines(data: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(data.join("logs")) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for entry in entries.flatten() {
        if let Ok(text) = std::fs::read_to_string(entry.path()) {
            lines.extend(text.lines().map(str::to_owned));
        }
    }
    lines
}

/// The RFC 3339 time a `tracing` line starts with.
fn timestamp(line: &str) -> Option<SystemTime> {
    let stamp = line.split_whitespace().next()?;
    let at = chrono::DateTime::parse_from_rfc3339(stamp).ok()?;
    let micros = u64::try_from(at.timestamp_micros()).ok()?;
    Some(SystemTime::UNIX_EPOCH + Duration::from_micros(micros))
}
