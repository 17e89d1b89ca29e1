//! The station's performance beside its floor, on one X server (Xvfb, 1920×1080, tiny-skia):
//! `cargo bench --bench perf`. It builds the release station and the floor (a bare iced window
//! with the same features, fonts and window settings, `benches/perf/floor.rs`), then measures,
//! interleaved so machine noise hits both alike, several runs each:
//!
//! - start-up: process start → the first full-screen frame on the X server (five points of the
//!   screen, away from any text, polled until all of them left the empty screen's colour), free
//!   and pinned to one core (`taskset -c 0`, an old PC). The station starts on a data directory
//!   it has used before, as a hall PC does on a test day.
//!
//! It prints one table — figure, station, floor, ratio, goal, met — and exits 1 when a goal is
//! missed. `USTUDY_PERF_RUNS` sets the runs per figure (default 9). Linux only.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::cast_precision_loss
)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use x11rb::connection::Connection as _;
use x11rb::protocol::xproto::{ConnectionExt as _, ImageFormat};

const DISPLAY: &str = ":77";
const WIDTH: i16 = 1920;
const HEIGHT: i16 = 1080;
/// A program that shows nothing in this time has failed to start.
const GIVE_UP: Duration = Duration::from_secs(30);

struct Row {
    figure: &'static str,
    station: f64,
    floor: f64,
    unit: &'static str,
    goal: f64,
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let runs: usize = std::env::var("USTUDY_PERF_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(9);
    build(&root);
    let station = root.join("target/release/ustudy-station");
    let floor = root.join("target/release/examples/perf-floor");
    let xvfb = Xvfb::start();
    // A hall PC starts on the data directory it has (its journal made at the first start, which
    // is not measured).
    let data = tempfile::tempdir().expect("temp dir");
    start_up(&station, data.path(), false);

    let mut rows = Vec::new();
    for (figure, pinned) in [("start-up (ms)", false), ("start-up, one core (ms)", true)] {
        let mut s = Vec::new();
        let mut f = Vec::new();
        for _ in 0..runs {
            s.push(start_up(&station, data.path(), pinned));
            f.push(start_up(&floor, data.path(), pinned));
        }
        rows.push(Row {
            figure,
            station: median(&s),
            floor: median(&f),
            unit: "ms",
            goal: 1.3,
        });
        println!("{figure}: station {} | floor {}", spread(&s), spread(&f));
    }
    // `exit` runs no destructors: the X server is stopped first.
    drop(xvfb);
    if !table(&rows) {
        std::process::exit(1);
    }
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

/// Xvfb for the whole run, stopped on drop.
struct Xvfb(Child);

impl Xvfb {
    fn start() -> Xvfb {
        let child = Command::new("Xvfb")
            .args([
                DISPLAY,
                "-screen",
                "0",
                &format!("{WIDTH}x{HEIGHT}x24"),
                "-nolisten",
                "tcp",
                "-noreset",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb runs (bash tests/run.sh installs it)");
        let mut child = child;
        std::thread::sleep(Duration::from_millis(100));
        assert!(
            child.try_wait().expect("Xvfb's status").is_none(),
            "Xvfb stopped at once: is {DISPLAY} taken by a server left from an earlier run?"
        );
        let started = Instant::now();
        while x11rb::connect(Some(DISPLAY)).is_err() {
            assert!(started.elapsed() < GIVE_UP, "Xvfb did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        Xvfb(child)
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Milliseconds from spawning `program` to its first full-screen frame.
fn start_up(program: &Path, data: &Path, pinned: bool) -> f64 {
    let (conn, screen) = x11rb::connect(Some(DISPLAY)).expect("X connection");
    let root = conn.setup().roots[screen].root;
    let points = [
        (10, 10),
        (WIDTH - 10, 10),
        (WIDTH / 2, HEIGHT - 10),
        (10, HEIGHT - 10),
        (WIDTH - 10, HEIGHT - 10),
    ];
    let pixel = |(x, y): (i16, i16)| {
        conn.get_image(ImageFormat::Z_PIXMAP, root, x, y, 1, 1, !0)
            .ok()
            .and_then(|c| c.reply().ok())
            .map(|r| r.data)
    };
    let empty: Vec<_> = points.iter().map(|&p| pixel(p)).collect();
    // The station runs the demo on `data`; the floor takes no arguments.
    let args: Vec<&std::ffi::OsStr> = if program.ends_with("perf-floor") {
        Vec::new()
    } else {
        vec!["--data-dir".as_ref(), data.as_os_str()]
    };
    let mut command = if pinned {
        let mut c = Command::new("taskset");
        c.args(["-c", "0"]).arg(program);
        c
    } else {
        Command::new(program)
    };
    command
        .args(args)
        .env("DISPLAY", DISPLAY)
        .env("ICED_BACKEND", "tiny-skia")
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let started = Instant::now();
    let mut child = command.spawn().expect("the program starts");
    let shown = loop {
        let now: Vec<_> = points.iter().map(|&p| pixel(p)).collect();
        if now.iter().zip(&empty).all(|(n, e)| n != e) {
            break started.elapsed();
        }
        assert!(
            started.elapsed() < GIVE_UP,
            "{} showed nothing: empty {empty:?}, now {now:?}",
            program.display()
        );
        std::thread::sleep(Duration::from_millis(1));
    };
    let _ = child.kill();
    let _ = child.wait();
    // The screen is empty again before the next run.
    let cleared = Instant::now();
    while points.iter().zip(&empty).any(|(&p, e)| pixel(p) != *e) && cleared.elapsed() < GIVE_UP {
        std::thread::sleep(Duration::from_millis(5));
    }
    shown.as_secs_f64() * 1000.0
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
        "median {:.0}, {:.0}–{:.0}",
        v[v.len() / 2],
        v[0],
        v[v.len() - 1]
    )
}

/// Prints the table; whether every goal is met.
fn table(rows: &[Row]) -> bool {
    println!();
    println!("| figure | station | floor | ratio | goal | met |");
    println!("| --- | --- | --- | --- | --- | --- |");
    let mut all = true;
    for r in rows {
        let ratio = r.station / r.floor;
        let met = ratio <= r.goal;
        all &= met;
        println!(
            "| {} | {:.0} {} | {:.0} {} | {:.2}× | ≤ {:.1}× | {} |",
            r.figure,
            r.station,
            r.unit,
            r.floor,
            r.unit,
            ratio,
            r.goal,
            if met { "yes" } else { "no" }
        );
    }
    all
}
