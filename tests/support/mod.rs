//! Helpers shared by the integration tests.

#![allow(dead_code, clippy::many_single_char_names)]

pub mod power;
pub mod script;

/// Copies every journal file there is in `from` (database, WAL, index, anchor, station key)
/// into `to`, as a crash or a disk image would leave them.
pub fn copy_journal(from: &std::path::Path, to: &std::path::Path) {
    for f in [
        "journal.sqlite",
        "journal.sqlite-wal",
        "journal.sqlite-shm",
        "journal.anchor",
        "station.key",
    ] {
        if from.join(f).exists() {
            std::fs::copy(from.join(f), to.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
        }
    }
}
