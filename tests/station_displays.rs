//! A second display during a test, on a real X server (Xvfb with `RandR`): the station counts the
//! monitors the server drives, a monitor added with `RandR` is counted, the child process the
//! window asks elsewhere counts them too, and the app holds a live session when a second display
//! appears (the tasks hidden until a proctor opens the station).
//! Needs `Xvfb` (`bash tests/run.sh` installs it).

#![cfg(target_os = "linux")]
// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use support::display::Display;
use support::gui::{self, check_in, click, ids, screen, settle, shows};
use ustudy::exam::event::HoldCause;
use ustudy::ui::app::Message;
use x11rb::connection::Connection as _;
use x11rb::protocol::randr::{ConnectionExt as _, MonitorInfo};
use x11rb::protocol::xproto::ConnectionExt as _;

/// Adds a `RandR` monitor on the right half of the screen, as plugging a second display does.
fn add_monitor(display: &str) {
    let (conn, screen) = x11rb::connect(Some(display)).expect("the X server");
    let root = conn.setup().roots[screen].root;
    let name = conn
        .intern_atom(false, b"SECOND")
        .unwrap()
        .reply()
        .unwrap()
        .atom;
    conn.randr_set_monitor(
        root,
        MonitorInfo {
            name,
            primary: false,
            automatic: false,
            x: 683,
            y: 0,
            width: 683,
            height: 768,
            width_in_millimeters: 180,
            height_in_millimeters: 340,
            outputs: Vec::new(),
        },
    )
    .unwrap()
    .check()
    .expect("RandR takes the monitor");
}

#[test]
fn a_monitor_added_on_the_x_server_is_counted() {
    let display = Display::start();
    let name = format!(":{}", display.number);
    // A client stays connected, as the station's window does: an X server whose last client
    // leaves resets itself, and forgets the monitor added.
    let _window = x11rb::connect(Some(&name)).expect("the X server");
    assert_eq!(ustudy::ui::monitors::count(Some(&name)), Some(1));
    add_monitor(&name);
    assert_eq!(ustudy::ui::monitors::count(Some(&name)), Some(2));
    assert_eq!(
        ustudy::ui::monitors::count(Some(":9999")),
        None,
        "no server, no count"
    );
}

/// The window's watch keeps one connection to the X server and still sees a monitor added.
#[test]
fn the_watch_sees_a_monitor_added_over_the_connection_it_keeps() {
    let display = Display::start();
    let name = format!(":{}", display.number);
    let _window = x11rb::connect(Some(&name)).expect("the X server");
    let mut watch = ustudy::ui::monitors::Watch::on(Some(&name));
    assert_eq!(watch.count(), Some(1));
    add_monitor(&name);
    assert_eq!(watch.count(), Some(2));
}

/// The question the window asks of a child process where the X server cannot be asked
/// (Windows, Wayland): `ustudy-station monitors` prints the count, and fails without a display.
#[test]
fn the_station_counts_monitors_in_a_child_process() {
    let display = Display::start();
    let run = |display: Option<u32>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_ustudy-station"));
        cmd.arg("monitors").env_remove("WAYLAND_DISPLAY");
        match display {
            Some(n) => cmd.env("DISPLAY", format!(":{n}")),
            None => cmd.env_remove("DISPLAY"),
        };
        cmd.output().expect("the station runs")
    };
    let out = run(Some(display.number));
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1");
    assert!(!run(None).status.success(), "no display: it says so");
}

#[test]
fn a_second_display_holds_the_session_until_a_proctor_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = gui::station(dir.path());
    // One display before the test: nothing happens.
    let _ = app.update(Message::Displays(1));
    check_in(&mut app, 0);
    click(&mut app, ids::briefing::START);
    assert!(shows(&app, ids::testing::option(0)));
    let _ = app.update(Message::Displays(2));
    settle(&mut app);
    assert_eq!(screen(&app), "locked");
    assert!(
        !shows(&app, ids::testing::option(0)),
        "the tasks are hidden"
    );
    assert_eq!(gui::state(&app).hold, Some(HoldCause::Display));
    gui::type_into(&mut app, ids::locked::PIN, gui::PIN);
    click(&mut app, ids::locked::UNLOCK);
    settle(&mut app);
    // The proctor rules on it, as on a focus loss.
    assert!(shows(&app, ids::admin::BACK_CANDIDATE));
    click(&mut app, ids::admin::BACK);
    settle(&mut app);
    assert_eq!(screen(&app), "testing");
}

/// The real window under Xvfb: a test is running (the autopilot stopped on a task), a monitor is
/// added, and within a few seconds the journal holds the session for the second display.
#[test]
fn the_running_station_notices_a_second_display() {
    let display = Display::start();
    let name = format!(":{}", display.number);
    let dir = tempfile::tempdir().unwrap();
    let mut child = display.station_on_a_task(dir.path());
    add_monitor(&name);
    let held = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let Ok(journal) = ustudy::journal::Journal::open_existing(dir.path()) else {
            return false;
        };
        journal.sessions().unwrap().iter().any(|info| {
            journal.load(&info.id).unwrap().events().iter().any(|e| {
                *e == ustudy::exam::Event::Held {
                    cause: HoldCause::Display,
                }
            })
        })
    });
    let _ = child.kill();
    let _ = child.wait();
    assert!(held, "the second display held the session within 10 s");
}
