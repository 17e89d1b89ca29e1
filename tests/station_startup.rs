//! Starting the station binary where it cannot open a window.

// Tests fail loudly on purpose.
#![allow(clippy::unwrap_used)]

use std::process::Command;

#[test]
fn the_station_without_a_display_says_so_instead_of_panicking() {
    let out = Command::new(env!("CARGO_BIN_EXE_ustudy-station"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("no display") && !err.contains("panicked"),
        "{err}"
    );
}

#[test]
fn a_data_directory_that_cannot_be_made_is_one_clear_line_and_exit_1() {
    let blocker = tempfile::NamedTempFile::new().unwrap();
    // A directory below a regular file can never be created.
    let dir = blocker.path().join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_ustudy-station"))
        .env("DISPLAY", ":9999")
        .args(["--data-dir", dir.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cannot start") && err.contains("data directory") && !err.contains("panicked"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}
