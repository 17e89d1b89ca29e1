//! The station's performance beside its floor, on one X server (Xvfb, 1920×1080, tiny-skia):
//! `cargo bench --bench perf`. It builds the release station and the floor (a bare iced window
//! with the same features, fonts and window settings, `benches/perf/floor.rs`), then measures,
//! interleaved so machine noise hits both alike:
//!
//! - start-up: process start → the first full-screen frame on the X server, free and pinned to
//!   one core (`taskset -c 0`, an old PC). The station starts on a data directory it has used
//!   before, as a hall PC does on a test day.
//! - memory: PSS on the lock screen (the floor: its one line), settled; peak RSS and PSS over a
//!   whole `--autopilot` session at `--time-scale 600` (120 tasks, every tool, breaks, card,
//!   appeal), against the floor's; RSS at the end of the session against RSS when testing
//!   began (no growth).
//! - idle CPU: CPU time over a stretch (`USTUDY_PERF_IDLE_SECS`, default 30) while a task is on
//!   screen with the clock ticking (the autopilot stops on the testing screen), against the
//!   floor redrawing a clock once a second (`--clock`).
//!
//! It prints one table — figure, measured, against, ratio, goal, met — and exits 1 when a goal
//! is missed. `USTUDY_PERF_RUNS` sets the runs of the start-up figures (default 9; memory takes
//! 3). Linux only.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::cast_precision_loss
)]

#[path = "perf/memory.rs"]
mod memory;
#[path = "perf/probe.rs"]
mod probe;
#[path = "perf/screen.rs"]
mod screen;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use screen::{Launch, Xvfb};

struct Row {
    figure: &'static str,
    measured: f64,
    against: f64,
    unit: &'static str,
    goal: f64,
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let runs: usize = env_number("USTUDY_PERF_RUNS", 9);
    let idle_secs = env_number("USTUDY_PERF_IDLE_SECS", 30);
    build(&root);
    let station_bin = root.join("target/release/ustudy-station");
    let floor_bin = root.join("target/release/examples/perf-floor");
    let xvfb = Xvfb::start();

    // A hall PC starts on the data directory it has (its journal made at the first start, which
    // is not measured).
    let data = tempfile::tempdir().expect("temp dir");
    let dir = data.path().to_str().expect("a UTF-8 temp dir");
    let station = Launch::new(&station_bin, &["--data-dir", dir]);
    let floor = Launch::new(&floor_bin, &[]);
    screen::start_up(&station);

    let mut rows = Vec::new();
    for (figure, pinned) in [("start-up", false), ("start-up, one core", true)] {
        let (s, f) = if pinned {
            (station.clone().pinned(), floor.clone().pinned())
        } else {
            (station.clone(), floor.clone())
        };
        let (s, f) = interleave(runs, || screen::start_up(&s), || screen::start_up(&f));
        println!(
            "{figure} (ms): station {} | floor {}",
            spread(&s),
            spread(&f)
        );
        rows.push(Row {
            figure,
            measured: median(&s),
            against: median(&f),
            unit: "ms",
            goal: 1.3,
        });
    }

    let (s, f) = interleave(3, || memory::idle(&station), || memory::idle(&floor));
    let kib = |v: &[probe::Memory], pick: fn(&probe::Memory) -> u64| {
        v.iter()
            .map(|m| pick(m) as f64 / 1024.0)
            .collect::<Vec<_>>()
    };
    let (station_pss, floor_pss) = (kib(&s, |m| m.pss), kib(&f, |m| m.pss));
    let floor_resident = kib(&f, |m| m.rss);
    println!(
        "idle PSS (MiB): station {} | floor {}",
        spread(&station_pss),
        spread(&floor_pss)
    );
    rows.push(Row {
        figure: "idle PSS, lock screen",
        measured: median(&station_pss),
        against: median(&floor_pss),
        unit: "MiB",
        goal: 1.3,
    });

    let session = session(&station_bin);
    println!(
        "session: {:.1} s; peak RSS {:.1} MiB, peak PSS {:.1} MiB; RSS when testing began {:.1} MiB, at the end {:.1} MiB",
        session.took.as_secs_f64(),
        session.peak.rss as f64 / 1024.0,
        session.peak.pss as f64 / 1024.0,
        session.testing_rss as f64 / 1024.0,
        session.end_rss as f64 / 1024.0
    );
    rows.push(Row {
        figure: "session peak RSS (vs the floor's idle RSS)",
        measured: session.peak.rss as f64 / 1024.0,
        against: median(&floor_resident),
        unit: "MiB",
        goal: 1.5,
    });
    rows.push(Row {
        figure: "session peak PSS (vs the floor's idle PSS)",
        measured: session.peak.pss as f64 / 1024.0,
        against: median(&floor_pss),
        unit: "MiB",
        goal: 1.5,
    });
    rows.push(Row {
        figure: "RSS at the end (vs when testing began)",
        measured: session.end_rss as f64 / 1024.0,
        against: session.testing_rss as f64 / 1024.0,
        unit: "MiB",
        goal: 1.05,
    });

    let (station_cpu, floor_cpu) = idle_cpu(&station_bin, &floor_bin, idle_secs);
    println!("idle CPU over {idle_secs} s: station {station_cpu:.0} ms | floor {floor_cpu:.0} ms");
    rows.push(Row {
        figure: "idle CPU, a task on screen, clock ticking",
        measured: station_cpu,
        against: floor_cpu,
        unit: "ms",
        goal: 1.5,
    });

    // `exit` runs no destructors: the X server is stopped first.
    drop(xvfb);
    if !table(&rows) {
        std::process::exit(1);
    }
}

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(default)
}

/// Builds the release station and the floor.
fn build(root: &Path) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .current_dir(root)
        .args([
            "build",
            "--release",
            "--bin",
            "ustudy-station",
            "--example",
            "perf-floor",
        ])
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the release build failed");
}

/// `runs` results of each, taken in turn so that machine noise hits both alike.
fn interleave<T>(
    runs: usize,
    mut a: impl FnMut() -> T,
    mut b: impl FnMut() -> T,
) -> (Vec<T>, Vec<T>) {
    let mut left = Vec::new();
    let mut right = Vec::new();
    for _ in 0..runs {
        left.push(a());
        right.push(b());
    }
    (left, right)
}

/// A whole autopilot session on a fresh data directory.
fn session(station: &Path) -> memory::Session {
    let data = tempfile::tempdir().expect("temp dir");
    let dir = data.path().to_str().expect("a UTF-8 temp dir");
    let launch = Launch::new(
        station,
        &["--data-dir", dir, "--autopilot", "1", "--time-scale", "600"],
    );
    memory::session(&launch, data.path())
}

/// CPU milliseconds over `secs` seconds: the station on a task with the clock ticking (the
/// autopilot stops on the testing screen and time runs at its real speed again), the floor
/// redrawing its clock.
fn idle_cpu(station: &Path, floor: &Path, secs: u64) -> (f64, f64) {
    let stretch = Duration::from_secs(secs);
    let data = tempfile::tempdir().expect("temp dir");
    let dir = data.path().to_str().expect("a UTF-8 temp dir");
    let screen = screen::Screen::empty();
    let child = Launch::new(
        station,
        &[
            "--data-dir",
            dir,
            "--autopilot",
            "1",
            "--time-scale",
            "600",
            "--autopilot-stop",
            "testing",
        ],
    )
    .spawn();
    memory::wait_screen(data.path(), "testing");
    std::thread::sleep(Duration::from_secs(3));
    let s = memory::cpu_over(&child, stretch);
    screen::stop(child, &screen);
    let child = Launch::new(floor, &["--clock"]).spawn();
    screen.wait_full(std::time::Instant::now(), floor);
    std::thread::sleep(Duration::from_secs(3));
    let f = memory::cpu_over(&child, stretch);
    screen::stop(child, &screen);
    (s.as_secs_f64() * 1000.0, f.as_secs_f64() * 1000.0)
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn spread(v: &[f64]) -> String {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    format!(
        "median {:.1}, {:.1}–{:.1}",
        v[v.len() / 2],
        v[0],
        v[v.len() - 1]
    )
}

/// Prints the table; whether every goal is met.
fn table(rows: &[Row]) -> bool {
    println!();
    println!("| figure | measured | against | ratio | goal | met |");
    println!("| --- | --- | --- | --- | --- | --- |");
    let mut all = true;
    for r in rows {
        let ratio = r.measured / r.against;
        let met = ratio <= r.goal;
        all &= met;
        println!(
            "| {} | {:.1} {} | {:.1} {} | {:.2}× | ≤ {:.2}× | {} |",
            r.figure,
            r.measured,
            r.unit,
            r.against,
            r.unit,
            ratio,
            r.goal,
            if met { "yes" } else { "no" }
        );
    }
    all
}
