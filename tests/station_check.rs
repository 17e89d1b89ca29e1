//! `ustudy-station check`, the readiness check, as IT staff run it: on a fresh data directory
//! under a real X server (Xvfb) every item but the machine is ok and it exits 0; a data
//! directory that cannot be written, no display, or an enrolled station whose center is down
//! each fail with a line that says so, and it exits 1. Needs `Xvfb` (`bash tests/run.sh`
//! installs it).

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use std::process::Command;

use support::display::Display;
use support::enrolled::{demo_center, enroll};

struct Ran {
    code: Option<i32>,
    stdout: String,
}

fn check(args: &[&str], display: Option<&Display>) -> Ran {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ustudy-station"));
    cmd.arg("check").args(args);
    cmd.env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET");
    match display {
        Some(d) => cmd.env("DISPLAY", format!(":{}", d.number)),
        None => cmd.env_remove("DISPLAY"),
    };
    let out = cmd.output().expect("the station runs");
    Ran {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

/// The level the line of `item` starts with.
fn level<'a>(ran: &'a Ran, item: &str) -> &'a str {
    ran.stdout
        .lines()
        .find(|l| l.split_whitespace().nth(1) == Some(item))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_else(|| panic!("no line for {item}:\n{}", ran.stdout))
}

#[test]
fn a_fresh_demo_station_is_ready_and_each_failure_is_said() {
    let display = Display::start();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let d = data.to_str().unwrap();
    let ran = check(&["--data-dir", d], Some(&display));
    for item in [
        "data-dir",
        "free-space",
        "journal",
        "clock",
        "display",
        "center",
    ] {
        assert_eq!(level(&ran, item), "ok", "{item}:\n{}", ran.stdout);
    }
    assert!(
        ran.stdout.contains("The display is 1366×768."),
        "the Xvfb screen: {}",
        ran.stdout
    );
    assert_eq!(ran.code, Some(0), "{}", ran.stdout);

    // Russian lines.
    let ru = check(&["--data-dir", d, "--lang", "ru"], Some(&display));
    assert!(
        ru.stdout.contains("Журнал открывается надёжно"),
        "{}",
        ru.stdout
    );

    // No display: the item fails and so does the check.
    let headless = check(&["--data-dir", d], None);
    assert_eq!(level(&headless, "display"), "fail");
    assert_eq!(headless.code, Some(1));

    // A data directory under a file cannot be made.
    let file = dir.path().join("file");
    std::fs::write(&file, b"x").unwrap();
    let under = file.join("data");
    let bad = check(&["--data-dir", under.to_str().unwrap()], Some(&display));
    assert_eq!(level(&bad, "data-dir"), "fail");
    assert!(bad.stdout.contains("cannot be written"), "{}", bad.stdout);
    assert_eq!(bad.code, Some(1));
}

#[test]
fn an_enrolled_station_checks_its_center_over_the_pinned_link() {
    let display = Display::start();
    let (center, code) = demo_center();
    let station = enroll(&center, &code);
    let config = station.config.to_str().unwrap().to_owned();
    let up = check(&["--config", &config], Some(&display));
    assert_eq!(level(&up, "center"), "ok", "{}", up.stdout);
    assert_eq!(up.code, Some(0), "{}", up.stdout);
    drop(center);
    let down = check(&["--config", &config], Some(&display));
    assert_eq!(level(&down, "center"), "fail", "{}", down.stdout);
    assert_eq!(down.code, Some(1));
}
