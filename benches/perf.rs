//! The station's performance beside its floor, on one X server (Xvfb, 1920×1080, tiny-skia):
//! `cargo bench --bench perf`. It builds the station and the floor (a bare iced window with the
//! same features, fonts and window settings, `benches/perf/floor.rs`) as the packages are built
//! (`USTUDY_PERF_PROFILE`, default `packaging`), then measures,
//! interleaved so machine noise hits both alike:
//!
//! - start-up: process start → the first full-screen frame on the X server, free and pinned to
//!   one core (`taskset -c 0`, an old PC). The station starts on a data directory it has used
//!   before, as a hall PC does on a test day.
//! - memory: PSS on the lock screen (the floor: its one line), settled; peak RSS and PSS over a
//!   whole `--autopilot` session at `--time-scale 600` (120 tasks, every tool, breaks, card,
//!   appeal), against the floor's; RSS at the end of the session against RSS when testing
//!   began (no growth).
//! - beside Chromium: Debian's Chromium in kiosk mode (software rendering) showing a static task
//!   page in the station's font (`benches/perf/task.html`): its start-up to the page, and the
//!   PSS of all its processes, against the station's (installed with apt when missing, as root).
//! - responsiveness: on the testing screen (the autopilot stopped there, the clock hidden),
//!   keys pressed with `XTest` and frames seen as `Damage` notifications, 40 rounds of: next task
//!   and back, an option (from a cleared answer) until the save line reads "✓ Saved", the
//!   calculator opened and closed. Against the floor changing its line on a key (`--react`), and
//!   committing a row with WAL and FULL sync first (`--commit`). Task switches also against
//!   16 ms.
//! - idle CPU: CPU time over a stretch (`USTUDY_PERF_IDLE_SECS`, default 30) while a task is on
//!   screen with the clock ticking (the autopilot stops on the testing screen), against the
//!   floor redrawing a clock once a second (`--clock`).
//! - the package, journal and center benches (`package_open`, `journal`, `center_load`), run by
//!   cargo; each prints its row (package open p99 against AES-GCM + Ed25519, answer save p99
//!   against a raw WAL+FULL commit, the center's burst ingest against raw `SQLite`).
//!
//! It prints one table — figure, measured, against, ratio, goal, met — and exits 1 when a goal
//! is missed. `USTUDY_PERF_RUNS` sets the runs of the start-up figures (default 9; memory takes
//! 3); `USTUDY_PERF_CENTER=0` leaves the center's load bench out. Xvfb and Chromium are
//! installed with apt when missing and this runs as root. Linux only.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::cast_precision_loss
)]

#[path = "perf/browser.rs"]
mod browser;
#[path = "perf/input.rs"]
mod input;
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
    figure: String,
    measured: f64,
    against: f64,
    unit: String,
    /// The ratio's bound: at most, or (a rate) at least.
    goal: f64,
    at_least: bool,
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let runs: usize = env_number("USTUDY_PERF_RUNS", 9);
    let idle_secs = env_number("USTUDY_PERF_IDLE_SECS", 30);
    // The binaries as a station runs them: the profile the packages are built with (link-time
    // optimised, one codegen unit, stripped), the floor alike; `USTUDY_PERF_PROFILE=release`
    // for a quicker build.
    let profile = std::env::var("USTUDY_PERF_PROFILE").unwrap_or_else(|_| "packaging".to_owned());
    build(&root, &profile);
    let station_bin = root.join(format!("target/{profile}/ustudy-station"));
    let floor_bin = root.join(format!("target/{profile}/examples/perf-floor"));
    let xvfb = Xvfb::start();

    // A hall PC starts on the data directory it has (its journal made at the first start, which
    // is not measured).
    let data = tempfile::tempdir().expect("temp dir");
    let dir = data.path().to_str().expect("a UTF-8 temp dir");
    let station = Launch::new(&station_bin, &["--data-dir", dir]);
    let floor = Launch::new(&floor_bin, &[]);
    screen::start_up(&station);

    // `USTUDY_PERF_ONLY=input,idle` (a developer's quick look) measures only those parts.
    let only = std::env::var("USTUDY_PERF_ONLY").ok();
    let wants = |part: &str| {
        only.as_deref()
            .is_none_or(|o| o.split(',').any(|p| p == part))
    };
    let mut rows = Vec::new();
    if wants("startup") {
        rows.extend(start_up_rows(&station, &floor, runs));
    }
    if wants("memory") {
        let idle = idle_memory(&station, &floor);
        rows.push(Row {
            figure: "idle PSS, lock screen".into(),
            measured: idle.station_pss,
            against: idle.floor_pss,
            unit: "MiB".into(),
            goal: 1.3,
            at_least: false,
        });
        if wants("startup") {
            rows.extend(browser_rows(&root, rows[0].measured, idle.station_pss));
        }
        rows.extend(session_rows(&station_bin, &idle));
    }
    if wants("input") {
        rows.extend(responsiveness_rows(&station_bin, &floor_bin));
    }
    if wants("idle") {
        let (station_cpu, floor_cpu) = idle_cpu(&station_bin, &floor_bin, idle_secs);
        println!(
            "idle CPU over {idle_secs} s: station {station_cpu:.0} ms | floor {floor_cpu:.0} ms"
        );
        rows.push(Row {
            figure: "idle CPU, a task on screen, clock ticking".into(),
            measured: station_cpu,
            against: floor_cpu,
            unit: "ms".into(),
            goal: 1.5,
            at_least: false,
        });
    }

    // The X server is done with; `exit` below would run no destructors.
    drop(xvfb);
    if wants("benches") {
        rows.extend(bench_rows(&root));
    }
    if !table(&rows) {
        std::process::exit(1);
    }
}

/// Start-up, free and on one core; the free row first.
fn start_up_rows(station: &Launch, floor: &Launch, runs: usize) -> Vec<Row> {
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
            figure: figure.into(),
            measured: median(&s),
            against: median(&f),
            unit: "ms".into(),
            goal: 1.3,
            at_least: false,
        });
    }
    rows
}

/// Medians of the idle memory, MiB.
struct Idle {
    station_pss: f64,
    floor_pss: f64,
    floor_rss: f64,
}

fn idle_memory(station: &Launch, floor: &Launch) -> Idle {
    let (s, f) = interleave(3, || memory::idle(station), || memory::idle(floor));
    let mib = |v: &[probe::Memory], pick: fn(&probe::Memory) -> u64| {
        v.iter()
            .map(|m| pick(m) as f64 / 1024.0)
            .collect::<Vec<_>>()
    };
    let (station_pss, floor_pss) = (mib(&s, |m| m.pss), mib(&f, |m| m.pss));
    println!(
        "idle PSS (MiB): station {} | floor {}",
        spread(&station_pss),
        spread(&floor_pss)
    );
    Idle {
        station_pss: median(&station_pss),
        floor_pss: median(&floor_pss),
        floor_rss: median(&mib(&f, |m| m.rss)),
    }
}

/// The station's start-up and idle PSS against Chromium's.
fn browser_rows(root: &Path, start_up: f64, pss: f64) -> [Row; 2] {
    let chromium = browser::Browser::new(root);
    let starts: Vec<f64> = (0..3).map(|_| chromium.start_up()).collect();
    let memory: Vec<f64> = (0..3)
        .map(|_| chromium.idle_pss() as f64 / 1024.0)
        .collect();
    println!(
        "Chromium kiosk: start-up (ms) {}; PSS of all its processes (MiB) {}",
        spread(&starts),
        spread(&memory)
    );
    [
        Row {
            figure: "start-up (vs Chromium kiosk, a static task page)".into(),
            measured: start_up,
            against: median(&starts),
            unit: "ms".into(),
            goal: 0.15,
            at_least: false,
        },
        Row {
            figure: "idle PSS (vs Chromium kiosk, all its processes)".into(),
            measured: pss,
            against: median(&memory),
            unit: "MiB".into(),
            goal: 0.1,
            at_least: false,
        },
    ]
}

/// A whole autopilot session's peaks against the floor's idle memory, and its growth.
fn session_rows(station: &Path, idle: &Idle) -> [Row; 3] {
    let data = tempfile::tempdir().expect("temp dir");
    let dir = data.path().to_str().expect("a UTF-8 temp dir");
    let launch = Launch::new(
        station,
        &["--data-dir", dir, "--autopilot", "1", "--time-scale", "600"],
    );
    let session = memory::session(&launch, data.path());
    let mib = |kib: u64| kib as f64 / 1024.0;
    println!(
        "session: {:.1} s; peak RSS {:.1} MiB, peak PSS {:.1} MiB; RSS when testing began {:.1} MiB, at the end {:.1} MiB",
        session.took.as_secs_f64(),
        mib(session.peak.rss),
        mib(session.peak.pss),
        mib(session.testing_rss),
        mib(session.end_rss)
    );
    [
        Row {
            figure: "session peak RSS (vs the floor's idle RSS)".into(),
            measured: mib(session.peak.rss),
            against: idle.floor_rss,
            unit: "MiB".into(),
            goal: 1.5,
            at_least: false,
        },
        Row {
            figure: "session peak PSS (vs the floor's idle PSS)".into(),
            measured: mib(session.peak.pss),
            against: idle.floor_pss,
            unit: "MiB".into(),
            goal: 1.5,
            at_least: false,
        },
        Row {
            figure: "RSS at the end (vs when testing began)".into(),
            measured: mib(session.end_rss),
            against: mib(session.testing_rss),
            unit: "MiB".into(),
            goal: 1.05,
            at_least: false,
        },
    ]
}

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(default)
}

/// The rows of the package, journal and center benches: each prints its `perf-row:` line
/// (figure|measured|against|unit|goal|at most or at least). `USTUDY_PERF_CENTER=0` leaves the
/// center's load bench out.
fn bench_rows(root: &Path) -> Vec<Row> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut names = vec!["package_open", "journal"];
    if env_number("USTUDY_PERF_CENTER", 1) != 0 {
        names.push("center_load");
    }
    let mut rows = Vec::new();
    for name in names {
        let out = Command::new(&cargo)
            .current_dir(root)
            .args(["bench", "--bench", name])
            .stderr(std::process::Stdio::inherit())
            .output()
            .expect("cargo runs");
        let text = String::from_utf8_lossy(&out.stdout);
        print!("{text}");
        assert!(out.status.success(), "cargo bench --bench {name} failed");
        let row = text
            .lines()
            .find_map(|l| l.strip_prefix("perf-row: "))
            .and_then(|l| {
                let f: Vec<&str> = l.split('|').collect();
                Some(Row {
                    figure: (*f.first()?).to_owned(),
                    measured: f.get(1)?.parse().ok()?,
                    against: f.get(2)?.parse().ok()?,
                    unit: (*f.get(3)?).to_owned(),
                    goal: f.get(4)?.parse().ok()?,
                    at_least: *f.get(5)? == "at least",
                })
            })
            .unwrap_or_else(|| panic!("cargo bench --bench {name} printed no perf-row line"));
        rows.push(row);
    }
    rows
}

/// Builds the station and the floor with `profile`, each on its own: the station as
/// `packaging/build-deb.sh` builds it (the floor, an example, brings the dev-dependencies'
/// features along, which would make a station the package never ships).
fn build(root: &Path, profile: &str) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    for target in [["--bin", "ustudy-station"], ["--example", "perf-floor"]] {
        let status = Command::new(&cargo)
            .current_dir(root)
            .args(["build", "--profile", profile])
            .args(target)
            .status()
            .expect("cargo runs");
        assert!(status.success(), "the {profile} build failed");
    }
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

/// Rounds of key presses for the responsiveness rows (five presses and a save each).
const ROUNDS: usize = 40;
/// Where the testing screen says whether the answer is saved (bottom right at 1920×1080).
const SAVE_LINE: input::Area = input::Area {
    x: 1600,
    y: 1000,
    width: 320,
    height: 80,
};
/// Where the floor's line is (the middle of the screen).
const FLOOR_LINE: input::Area = input::Area {
    x: 660,
    y: 500,
    width: 600,
    height: 80,
};
/// A frame that does not come in this time is lost (and the run fails).
const FRAME_LIMIT: Duration = Duration::from_millis(500);

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Input → frame on the testing screen (next task and back, pick an option, open and close the
/// calculator), and a pick → "✓ Saved", against the floor changing its line on a key and
/// committing a row before it does.
fn responsiveness_rows(station: &Path, floor: &Path) -> [Row; 3] {
    let l = station_latencies(station);
    let (plain, committed) = floor_latencies(floor);
    let all: Vec<f64> = [&l.switch, &l.pick, &l.tool]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    let p = |v: &[f64]| format!("p50 {:.1} p99 {:.1}", quantile(v, 0.5), quantile(v, 0.99));
    println!(
        "input → frame (ms): task switch {}; option {}; calculator open/close {}; floor {}",
        p(&l.switch),
        p(&l.pick),
        p(&l.tool),
        p(&plain)
    );
    println!(
        "pick → ✓ Saved (ms): {}; floor (commit + frame) {}",
        p(&l.saved),
        p(&committed)
    );
    [
        Row {
            figure: "input → frame, p99 (vs the floor's key → frame)".into(),
            measured: quantile(&all, 0.99),
            against: quantile(&plain, 0.99),
            unit: "ms".into(),
            goal: 2.0,
            at_least: false,
        },
        Row {
            figure: "task switch → frame, p99 (vs 16 ms)".into(),
            measured: quantile(&l.switch, 0.99),
            against: 16.0,
            unit: "ms".into(),
            goal: 1.0,
            at_least: false,
        },
        Row {
            figure: "pick → ✓ Saved, p99 (vs the floor's commit + frame)".into(),
            measured: quantile(&l.saved, 0.99),
            against: quantile(&committed, 0.99),
            unit: "ms".into(),
            goal: 1.5,
            at_least: false,
        },
    ]
}

/// The station on its first task, with the clock at its real speed: the autopilot checks a
/// candidate in on a fresh data directory (kept as long as the returned guard) and stops there.
fn on_a_task(station: &Path) -> (std::process::Child, tempfile::TempDir) {
    let data = tempfile::tempdir().expect("temp dir");
    let dir = data.path().to_str().expect("a UTF-8 temp dir");
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
    (child, data)
}

/// Milliseconds on the testing screen.
fn station_latencies(station: &Path) -> Latencies {
    let screen = screen::Screen::empty();
    let (child, _data) = on_a_task(station);
    std::thread::sleep(Duration::from_secs(2));
    let keys = input::Keyboard::new();
    // The clock hidden: its tick is a frame no key asked for.
    keys.press(input::key::T);
    std::thread::sleep(Duration::from_millis(300));
    // What the save line shows once an answer is saved, and once it is cleared (which each
    // pick starts from, so that no frame before the pick's can read as saved).
    let settle = Duration::from_millis(400);
    keys.press(input::key::digit(1));
    std::thread::sleep(settle);
    let saved_line = keys.read(SAVE_LINE);
    keys.press(input::key::DELETE);
    std::thread::sleep(settle);
    assert_ne!(
        keys.read(SAVE_LINE),
        saved_line,
        "the save line is not where the harness reads it"
    );
    let mut l = Latencies::default();
    let frame = |k: u32| {
        let t = keys.press(k);
        ms(keys
            .first_frame(t, None, FRAME_LIMIT)
            .expect("a frame after the key"))
    };
    for round in 0..ROUNDS {
        let option = u32::try_from(round % 5).expect("small") + 1;
        l.switch.push(frame(input::key::RIGHT));
        std::thread::sleep(Duration::from_millis(30));
        l.switch.push(frame(input::key::LEFT));
        std::thread::sleep(Duration::from_millis(30));
        let t = keys.press(input::key::digit(option));
        let (picked, stored) = keys.watch(t, SAVE_LINE, FRAME_LIMIT, |now| now == saved_line);
        l.pick.push(ms(picked.expect("a frame after the pick")));
        l.saved.push(ms(stored.expect("the save line says saved")));
        l.tool.push(frame(input::key::F6));
        std::thread::sleep(Duration::from_millis(30));
        l.tool.push(frame(input::key::ESCAPE));
        std::thread::sleep(Duration::from_millis(30));
        keys.press(input::key::DELETE);
        std::thread::sleep(Duration::from_millis(150));
    }
    screen::stop(child, &screen);
    l
}

/// The station's latencies, ms: next and previous task, an option picked, the calculator
/// opened and closed, and a pick until "✓ Saved".
#[derive(Default)]
struct Latencies {
    switch: Vec<f64>,
    pick: Vec<f64>,
    tool: Vec<f64>,
    saved: Vec<f64>,
}

/// Milliseconds of the floor: key → frame, and key → commit → frame.
fn floor_latencies(floor: &Path) -> (Vec<f64>, Vec<f64>) {
    let data = tempfile::tempdir().expect("temp dir");
    let dir = data.path().to_str().expect("a UTF-8 temp dir");
    let screen = screen::Screen::empty();
    let keys = input::Keyboard::new();
    // The floor's line changes once its work is done: the first frame that reads otherwise.
    let frame = |k: u32| {
        let before = keys.read(FLOOR_LINE);
        let t = keys.press(k);
        let (_, changed) = keys.watch(t, FLOOR_LINE, FRAME_LIMIT, |now| now != before);
        ms(changed.expect("the floor's line changes"))
    };
    let (mut plain, mut committed) = (Vec::new(), Vec::new());
    for (args, into) in [
        (vec!["--react"], &mut plain),
        (vec!["--commit", dir], &mut committed),
    ] {
        let child = Launch::new(floor, &args).spawn();
        screen.wait_full(std::time::Instant::now(), floor);
        std::thread::sleep(Duration::from_secs(1));
        for _ in 0..ROUNDS * 3 {
            into.push(frame(input::key::SPACE));
            std::thread::sleep(Duration::from_millis(30));
        }
        screen::stop(child, &screen);
    }
    (plain, committed)
}

/// The `q` quantile (nearest rank).
fn quantile(v: &[f64], q: f64) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let i = ((v.len() as f64 * q).ceil() as usize).clamp(1, v.len()) - 1;
    v[i]
}

/// CPU milliseconds over `secs` seconds: the station on a task with the clock ticking (the
/// autopilot stops on the testing screen and time runs at its real speed again), the floor
/// redrawing its clock.
fn idle_cpu(station: &Path, floor: &Path, secs: u64) -> (f64, f64) {
    let stretch = Duration::from_secs(secs);
    let screen = screen::Screen::empty();
    let (child, _data) = on_a_task(station);
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

/// Three significant digits, or a whole number.
fn figure(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// Prints the table; whether every goal is met.
fn table(rows: &[Row]) -> bool {
    println!();
    println!("| figure | measured | against | ratio | goal | met |");
    println!("| --- | --- | --- | --- | --- | --- |");
    let mut all = true;
    for r in rows {
        let ratio = r.measured / r.against;
        let met = if r.at_least {
            ratio >= r.goal
        } else {
            ratio <= r.goal
        };
        all &= met;
        println!(
            "| {} | {} {} | {} {} | {:.2}× | {} {:.2}× | {} |",
            r.figure,
            figure(r.measured),
            r.unit,
            figure(r.against),
            r.unit,
            ratio,
            if r.at_least { "≥" } else { "≤" },
            r.goal,
            if met { "yes" } else { "no" }
        );
    }
    all
}
