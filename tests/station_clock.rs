//! The real window under Xvfb, on the testing screen with nothing due: the app counts time only
//! at checkpoints (every 5 s), and the clock on screen still changes every second by itself —
//! seen as the frames the X server is sent (Damage on the root window) while no one touches the
//! station. Needs `Xvfb` (`bash tests/run.sh` installs it).

#![cfg(target_os = "linux")]
// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use std::time::{Duration, Instant};

use support::display::Display;
use x11rb::connection::Connection as _;
use x11rb::protocol::Event;
use x11rb::protocol::damage::{ConnectionExt as _, ReportLevel};

#[test]
fn the_clock_changes_every_second_between_the_checkpoints_ticks() {
    let display = Display::start();
    let name = format!(":{}", display.number);
    let dir = tempfile::tempdir().unwrap();
    let mut child = display.station_on_a_task(dir.path());
    std::thread::sleep(Duration::from_secs(1));

    let (conn, screen) = x11rb::connect(Some(&name)).expect("the X server");
    let root = conn.setup().roots[screen].root;
    conn.damage_query_version(1, 1).unwrap().reply().unwrap();
    let damage = conn.generate_id().unwrap();
    conn.damage_create(damage, root, ReportLevel::RAW_RECTANGLES)
        .unwrap();
    conn.flush().unwrap();
    // Frames: bursts of damage more than 200 ms apart, over 4.6 s (less than one checkpoint).
    let start = Instant::now();
    let mut frames = 0;
    let mut last: Option<Instant> = None;
    while start.elapsed() < Duration::from_millis(4600) {
        match conn.poll_for_event().unwrap() {
            Some(Event::DamageNotify(_)) => {
                let now = Instant::now();
                if last.is_none_or(|l| now - l > Duration::from_millis(200)) {
                    frames += 1;
                }
                last = Some(now);
            }
            Some(_) => {}
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        frames >= 4,
        "the clock was drawn {frames} times in 4.6 s (once a second expected)"
    );
}
