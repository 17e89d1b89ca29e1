//! Seat swap with real processes, for `tests/seat_swap_kill.rs` and `benches/swap.rs`: station
//! programs on Xvfb (with or without the autopilot), what the center holds (read beside the
//! running server), the stations' logs, and waiting for a condition.

use std::io::BufRead as _;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ustudy::journal::record::Entry;

use super::center::Center;
use super::cli;
use super::display::Display;
use super::enrolled::{PIN, Station};

/// Station `station`'s program on `display`: with `pilot` (seed, stop) its autopilot sits the
/// roster's candidate for that seed at 600 times the speed and stops there; without, it waits
/// on its lock screen.
pub fn run_station(display: &Display, station: &Station, pilot: Option<(u64, &str)>) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ustudy-station"));
    command
        .env("DISPLAY", format!(":{}", display.number))
        .env("ICED_BACKEND", "tiny-skia")
        .env("USTUDY_PIN", PIN)
        .env_remove("WAYLAND_DISPLAY")
        .args(["--config", station.config.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some((seed, stop)) = pilot {
        command
            .args(["--autopilot", &seed.to_string(), "--time-scale", "600"])
            .args(["--autopilot-stop", stop]);
    }
    command.spawn().unwrap()
}

/// Waits for the autopilot's stop line: on the screen `stop` names.
pub fn stopped(child: &mut Child, stop: &str) {
    let stdout = child.stdout.take().unwrap();
    let line = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find(|l| l.contains("autopilot:"));
    assert!(
        line.as_deref().is_some_and(|l| {
            l.contains(&format!(
                "stopped on {}",
                stop.split(':').next().unwrap_or(stop)
            ))
        }),
        "the autopilot stopped: {line:?}"
    );
}

fn db(center: &Center) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(
        center.dir.join("center.sqlite"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap()
}

/// The sessions of `station` the center holds: id, supersedes, records held, the station's head.
pub fn sessions_of(center: &Center, station: &str) -> Vec<(String, Option<String>, i64, i64)> {
    let db = db(center);
    let mut q = db
        .prepare(
            "SELECT id, supersedes, held_seq, station_head FROM sessions WHERE station = ?1
             ORDER BY first_ms",
        )
        .unwrap();
    q.query_map([station], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// The entries the center holds of `session`, in order.
pub fn entries(center: &Center, session: &str) -> Vec<Entry> {
    let db = db(center);
    let mut q = db
        .prepare("SELECT entry FROM events WHERE session = ?1 ORDER BY seq")
        .unwrap();
    q.query_map([session], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|e| serde_json::from_str(&e.unwrap()).unwrap())
        .collect()
}

pub fn wait_for<T>(within: Duration, what: &str, mut found: impl FnMut() -> Option<T>) -> T {
    let since = Instant::now();
    loop {
        if let Some(t) = found() {
            return t;
        }
        assert!(
            since.elapsed() < within,
            "{what} not seen within {within:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

pub fn log_of(station: &Station) -> String {
    let dir = station.data_dir().join("logs");
    std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
                .collect()
        })
        .unwrap_or_default()
}

/// `ustudy-center move` of candidate `iin` to station `to`, for `reason`.
pub fn move_to(center: &Center, iin: &str, to: &str, reason: &str) -> cli::Ran {
    cli::center(&[
        "move",
        "--dir",
        center.dir.to_str().expect("utf-8"),
        "--candidate",
        iin,
        "--to",
        to,
        "--reason",
        reason,
    ])
}
