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
