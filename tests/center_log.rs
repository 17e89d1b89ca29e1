//! The center's log: `--log FILE` records what each command did, and never a key (the station
//! link key goes to stdout for the installer, not to the log); without `--log` a failure is
//! still one line on stderr.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use support::cli::center;

#[test]
fn the_log_says_what_was_done_and_holds_no_key() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("keys");
    let log = dir.path().join("center.log");
    let (store, log) = (store.to_str().unwrap(), log.to_str().unwrap());
    assert!(center(&["--log", log, "init", "--dir", store]).ok());
    let out = center(&[
        "station-key",
        "--dir",
        store,
        "--station",
        "hall-1",
        "--log",
        log,
    ]);
    assert!(out.ok());
    let key = out.stdout.trim();
    assert_eq!(key.len(), 64, "a hex key on stdout: {key}");
    // A failing command is logged too, and its one line on stderr stays one line.
    let failed = center(&["--log", log, "inspect", "/nonexistent.sealed"]);
    assert!(!failed.ok());
    assert_eq!(failed.stderr.lines().count(), 1);
    let text = std::fs::read_to_string(dir.path().join("center.log")).unwrap();
    for said in [
        "command=\"init\"",
        "station link key created",
        "hall-1",
        "failed",
    ] {
        assert!(
            text.contains(said),
            "the log does not say {said:?}:\n{text}"
        );
    }
    assert!(!text.contains(key), "the station key is in the log");
}
