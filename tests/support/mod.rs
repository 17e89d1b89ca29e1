//! Helpers shared by the integration tests: papers and candidates (`script`), journals
//! (`copy_journal`, the power-cut harness in `power`), the binaries as child processes (`cli`), a real center
//! on loopback (`center`), a real `PostgreSQL` server (`postgres`), a real browser (`browser`), the dashboard over HTTPS (`dashboard`),
//! a private X server (`display`), the headless station window (`gui`) and seat swaps with real
//! station programs (`swap`). Each test binary uses some of them.

#![allow(dead_code, unused_imports, clippy::many_single_char_names)]

pub mod browser;
pub mod center;
pub mod cli;
pub mod dashboard;
pub mod display;
pub mod enrolled;
pub mod gui;
pub mod postgres;
pub mod power;
pub mod proxy;
pub mod script;
pub mod swap;

use ustudy::exam::{Paper, SessionFormat, preset};

/// A tokio runtime with two workers, for the tests that talk to a center.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
}

/// A placeholder paper for the UNT 2024 format (120 tasks in five blocks).
pub fn paper() -> Paper {
    paper_for(preset::by_name("unt-2024").expect("the unt-2024 preset"))
}

/// A placeholder paper for `format`.
pub fn paper_for(format: SessionFormat) -> Paper {
    Paper::placeholder(format)
}

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
