//! Logs for the people who keep stations running, with `tracing`. The station writes a daily
//! file in its data directory (`logs/station.YYYY-MM-DD.log`, the last 14 kept), each line
//! written as it is logged: a write into the page cache (never a sync) for a few lines a minute,
//! so the GUI does not wait on the disk, a killed station's log is whole up to its last line, and
//! no thread exists before the window's (a background writer cost ~2 ms at start and made
//! every C stdio call of the X input method take a lock). The center, which logs under load,
//! writes to stderr or a file from a background thread.
//! The level comes from `USTUDY_LOG` (`error`, `warn`, `info` (default), `debug`, `trace`).
//!
//! What may be logged: start-up and configuration, journal faults, recoveries, sync state and
//! every error, with session ids, event numbers and package ids as context. What never is: an
//! IIN, a name, a ticket, an answer or appeal text, a PIN or a key — so no event, candidate or
//! roster entry is ever logged whole.

use std::path::Path;

use tracing::level_filters::LevelFilter;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};

/// Daily log files kept.
pub const KEPT: usize = 14;

/// Why logging could not start (the program goes on without it, and says so on stderr).
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("the log file or directory {0} cannot be used: {1}")]
    Dir(String, String),
    #[error("a logger is already installed")]
    Installed,
}

/// Keeps the background writer alive; dropping it flushes what is left.
#[must_use = "logs stop when the guard is dropped"]
pub struct Guard {
    _worker: WorkerGuard,
}

fn level() -> LevelFilter {
    std::env::var("USTUDY_LOG")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(LevelFilter::INFO)
}

/// Installs the subscriber writing with `writer`.
fn install<W>(writer: W) -> Result<(), LogError>
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_max_level(level())
        .try_init()
        .map_err(|_| LogError::Installed)
}

/// Installs the subscriber writing to `sink` from a background thread.
fn install_behind(sink: impl std::io::Write + Send + 'static) -> Result<Guard, LogError> {
    let (writer, worker) = tracing_appender::non_blocking(sink);
    install(writer)?;
    Ok(Guard { _worker: worker })
}

/// Logs to daily files `NAME.YYYY-MM-DD.log` in `dir` (created if needed), each line written
/// as it is logged.
pub fn to_dir(dir: &Path, name: &str) -> Result<(), LogError> {
    let bad = |e: &dyn std::fmt::Display| LogError::Dir(dir.display().to_string(), e.to_string());
    std::fs::create_dir_all(dir).map_err(|e| bad(&e))?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(name)
        .filename_suffix("log")
        .max_log_files(KEPT)
        .build(dir)
        .map_err(|e| bad(&e))?;
    install(appender)
}

/// Logs to the file at `path` from a background thread (appended to, created if needed).
pub fn to_file(path: &Path) -> Result<Guard, LogError> {
    let bad = |e: &dyn std::fmt::Display| LogError::Dir(path.display().to_string(), e.to_string());
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| bad(&e))?;
    install_behind(file)
}

/// Logs to stderr from a background thread.
pub fn to_stderr() -> Result<Guard, LogError> {
    install_behind(std::io::stderr())
}
