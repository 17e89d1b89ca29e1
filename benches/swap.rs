//! Seat swap, timed with real processes on 127.0.0.1: a demo center, station A (the station
//! program on Xvfb, its autopilot on the third task) killed with SIGKILL, and the spare station B
//! (the station program on another Xvfb) warm on its lock screen. From `ustudy-center move`:
//!
//! - **heard**: until B's next heartbeat reaches the center (the center's `station_status`): the
//!   wait the design makes (B asks every 15 s; round k of n moves k/n of that interval after one
//!   of B's heartbeats), the floor of this bench;
//! - **ready**: until B has checked the handover and written the carried-on session (B's log),
//!   its lock screen showing the candidate for the proctor;
//! - **PIN → task**: from the Enter after the proctor's PIN (`XTest`) until B shows the testing
//!   screen (B's log);
//! - **total**: ready plus PIN → task (the proctor's own seconds left out); goal under 60 s.
//!
//! Run: `cargo bench --bench swap` (Xvfb; `USTUDY_SWAP_ROUNDS`, default 5, each a new center).

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::print_stdout,
    clippy::panic
)]

#[path = "../tests/support/mod.rs"]
mod support;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use support::display::Display;
use support::enrolled::{PIN, demo_center, enroll};
use support::swap::{log_of, move_to, run_station, sessions_of, stopped, wait_for};
use x11rb::connection::Connection as _;
use x11rb::protocol::xproto::ConnectionExt as _;
use x11rb::protocol::xtest::ConnectionExt as _;

/// Types `keysyms` on `display` with `XTest`.
fn type_keys(display: &Display, keysyms: &[u32]) {
    let (conn, screen) =
        x11rb::connect(Some(&format!(":{}", display.number))).expect("X connection");
    let setup = conn.setup();
    let root = setup.roots[screen].root;
    let (min, max) = (setup.min_keycode, setup.max_keycode);
    let map = conn
        .get_keyboard_mapping(min, max - min + 1)
        .expect("the keyboard map")
        .reply()
        .expect("the keyboard map");
    let per = usize::from(map.keysyms_per_keycode).max(1);
    let mut codes = HashMap::new();
    for (i, syms) in map.keysyms.chunks(per).enumerate() {
        for &sym in syms {
            codes
                .entry(sym)
                .or_insert(min + u8::try_from(i).expect("a keycode"));
        }
    }
    for sym in keysyms {
        let code = codes[sym];
        for kind in [
            x11rb::protocol::xproto::KEY_PRESS_EVENT,
            x11rb::protocol::xproto::KEY_RELEASE_EVENT,
        ] {
            conn.xtest_fake_input(kind, code, 0, root, 0, 0, 0)
                .expect("XTest input");
        }
        conn.flush().expect("X flush");
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// When the center last heard station `name`'s heartbeat (ms since the epoch), if ever.
fn heard(center: &support::center::Center, name: &str) -> Option<i64> {
    let db = rusqlite::Connection::open_with_flags(
        center.dir.join("center.sqlite"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .ok()?;
    db.query_row(
        "SELECT at_ms FROM station_status WHERE station = ?1",
        [name],
        |r| r.get(0),
    )
    .ok()
}

struct Round {
    heard: Duration,
    ready: Duration,
    pin: Duration,
}

/// Polls `found` every 20 ms until it holds, for at most `within`.
fn poll(within: Duration, what: &str, mut found: impl FnMut() -> bool) {
    let since = Instant::now();
    while !found() {
        assert!(
            since.elapsed() < within,
            "{what} not seen within {within:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Round `index` of `rounds`: the move comes `index / rounds` of a heartbeat interval after one
/// of B's heartbeats, so the rounds sample the whole interval.
fn round(index: usize, rounds: usize) -> Round {
    let (center, code) = demo_center();
    let a = enroll(&center, &code);
    let b = enroll(&center, &center.code_at("spare-1", "1", "30", 30));
    let (display_a, display_b) = (Display::start(), Display::start());
    let mut spare = run_station(&display_b, &b, None);
    let mut victim = run_station(&display_a, &a, Some((0, "testing:3")));
    stopped(&mut victim, "testing:3");
    wait_for(Duration::from_secs(30), "B warm", || {
        heard(&center, "spare-1")
    });
    wait_for(Duration::from_secs(30), "A's records at the center", || {
        sessions_of(&center, "demo-1")
            .into_iter()
            .find(|(_, _, held, head)| held == head && *held > 3)
    });
    victim.kill().unwrap();
    victim.wait().unwrap();
    let iin = a.roster()[0].iin.clone();
    // In a hall the move lands anywhere between two of the spare station's heartbeats.
    let last = heard(&center, "spare-1").unwrap_or(0);
    poll(Duration::from_secs(30), "B's next heartbeat", || {
        heard(&center, "spare-1").is_some_and(|at| at > last)
    });
    let phase = ustudy::sync::outbox::HEARTBEAT.as_millis() * u128::try_from(index).unwrap()
        / u128::try_from(rounds).unwrap();
    std::thread::sleep(Duration::from_millis(u64::try_from(phase).unwrap()));
    let wall = i64::try_from(ustudy::journal::store::now_ms()).unwrap();
    let start = Instant::now();
    let ran = move_to(&center, &iin, "spare-1", "bench");
    assert!(ran.ok(), "{}", ran.stderr);
    let mut heard_at = None;
    poll(Duration::from_secs(60), "B ready", || {
        if heard_at.is_none() && heard(&center, "spare-1").is_some_and(|at| at >= wall) {
            heard_at = Some(start.elapsed());
        }
        let log = log_of(&b);
        log.contains("taking over a session moved here")
            && log.contains("session created with its check-in")
    });
    let ready = start.elapsed();
    let heard = heard_at.unwrap_or(ready);
    // The proctor's PIN, then Enter: timed from Enter.
    let digits: Vec<u32> = PIN.chars().map(u32::from).collect();
    type_keys(&display_b, &digits);
    let typed = Instant::now();
    type_keys(&display_b, &[0xff0d]);
    poll(Duration::from_secs(30), "B on the task", || {
        log_of(&b).contains("screen shown screen=\"testing\"")
    });
    let pin = typed.elapsed();
    let _ = spare.kill();
    let _ = spare.wait();
    Round { heard, ready, pin }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let rounds = std::env::var("USTUDY_SWAP_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5usize);
    let mut all = Vec::new();
    for i in 0..rounds {
        let r = round(i, rounds);
        println!(
            "round {}: heard {:.1} s, ready {:.1} s, PIN → task {:.2} s",
            i + 1,
            r.heard.as_secs_f64(),
            r.ready.as_secs_f64(),
            r.pin.as_secs_f64()
        );
        all.push(r);
    }
    let stat = |f: &dyn Fn(&Round) -> f64| {
        let mut v: Vec<f64> = all.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        (v[v.len() / 2], v[v.len() - 1])
    };
    let heard = stat(&|r| r.heard.as_secs_f64());
    let ready = stat(&|r| r.ready.as_secs_f64());
    let pin = stat(&|r| r.pin.as_secs_f64());
    let total = stat(&|r| (r.ready + r.pin).as_secs_f64());
    let beyond = stat(&|r| (r.ready.saturating_sub(r.heard) + r.pin).as_secs_f64());
    println!("figure                      p50       max");
    println!("heard (floor)          {:8.2} s {:8.2} s", heard.0, heard.1);
    println!("ready                  {:8.2} s {:8.2} s", ready.0, ready.1);
    println!("PIN → task             {:8.2} s {:8.2} s", pin.0, pin.1);
    println!("total                  {:8.2} s {:8.2} s", total.0, total.1);
    println!(
        "total / floor          {:8.2} x   beyond the floor {:.2} s (max {:.2} s)",
        total.0 / heard.0.max(0.001),
        beyond.0,
        beyond.1
    );
    let met = total.1 <= 60.0;
    println!(
        "perf-row: swap total max {:.1} s, goal 60 s: {}",
        total.1,
        if met { "met" } else { "MISSED" }
    );
    if !met {
        std::process::exit(1);
    }
}
