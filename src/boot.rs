//! Station start-up, before the window opens: the data directory, the demo packages, recovery of
//! a session that was open when the station stopped (with its downtime incident recorded), and
//! the journal writer the GUI will use.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::journal::recovery::{self, Found, Recovered, RecoveryError, Stuck};
use crate::journal::{Journal, JournalError, Writer};
use crate::station::{Package, Resume, Start};

/// Why the station could not start.
#[derive(Debug, thiserror::Error)]
pub enum BootError {
    #[error("the data directory {0} cannot be created: {1}")]
    DataDir(String, std::io::Error),
    #[error("{0}")]
    Journal(#[from] JournalError),
    #[error("the demo packages do not open: {0}")]
    Package(#[from] crate::package::PackageError),
}

/// Everything the window starts with.
pub struct Boot {
    /// The writer.
    pub writer: Writer,
    /// The packages.
    pub packages: Vec<Package>,
    /// What the journal held: the session to resume or the one that is stuck, and who has sat.
    pub start: Start,
}

/// The default data directory: `$XDG_DATA_HOME/ustudy-station` or
/// `~/.local/share/ustudy-station`, else `./ustudy-station-data`.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("ustudy-station");
    }
    if let Some(home) = std::env::var_os("HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(home).join(".local/share/ustudy-station");
    }
    PathBuf::from("ustudy-station-data")
}

/// Makes the recovered session the one appends go to. An intact chain goes on as it is. After
/// damage, records past the damaged one may still sit in the file, so the chain cannot simply
/// grow: the events that verified are copied, in one transaction, into a new session
/// (`ID-cont-MS`) that names the one it supersedes and carries on; the damaged one stays
/// untouched as evidence for the center.
fn continue_session(writer: &Writer, r: &Recovered) -> Result<String, JournalError> {
    if r.damage.is_none() {
        writer.resume_blocking(&r.session)?;
        return Ok(r.session.clone());
    }
    let id = format!("{}-cont-{}", r.session, crate::journal::store::now_ms());
    writer.continue_blocking(&r.session, &id)?;
    Ok(id)
}

/// Opens the demo packages, recovers any open session in `dir` and starts the writer. Only a
/// journal that cannot be opened at all stops the start; a session that cannot go on is handed
/// to the lock screen as stuck.
pub fn demo(dir: &Path) -> Result<Boot, BootError> {
    std::fs::create_dir_all(dir).map_err(|e| BootError::DataDir(dir.display().to_string(), e))?;
    let packages: Vec<Package> = crate::demo::packages()?
        .into_iter()
        .map(|(header, paper)| Package {
            header,
            paper: Arc::new(paper),
        })
        .collect();
    let (found, sittings) = {
        let journal = Journal::open(dir)?;
        let known = |id: &str| packages.iter().any(|p| p.header.package_id == id);
        // A journal that opens but whose sessions cannot be listed still starts the station:
        // the lock screen names the problem instead of the station refusing to start.
        recovery::recover(&journal, crate::journal::store::now_ms(), known).unwrap_or_else(|e| {
            let stuck = Stuck {
                session: "journal".to_owned(),
                candidate: None,
                problem: RecoveryError::Journal(e),
            };
            (Found::Stuck(stuck), recovery::Sittings::default())
        })
    };
    tracing::info!(
        packages = packages.len(),
        sat = sittings.count(),
        "journal opened"
    );
    let writer = Writer::spawn(dir.to_path_buf())?;
    let mut start = Start {
        resume: None,
        stuck: None,
        sittings,
    };
    match found {
        Found::Nothing => tracing::info!("no open session: the station waits for a candidate"),
        Found::Stuck(stuck) => {
            tracing::error!(session = %stuck.session, problem = %stuck.problem, "a session cannot go on; a proctor must set it aside");
            start.stuck = Some(stuck);
        }
        Found::Resume(r) => match continue_session(&writer, &r) {
            Ok(session) => {
                tracing::info!(
                    session = %session,
                    from = %r.session,
                    phase = r.state.phase.name(),
                    events = r.state.events,
                    damaged = r.damage.is_some(),
                    "resuming a session"
                );
                start.resume = Some(Resume {
                    session,
                    package: r.package,
                    paper: Arc::new(r.paper),
                    state: r.state,
                    damage: r.damage.map(|d| d.to_string()),
                    downtime: r.downtime,
                });
            }
            Err(e) => {
                tracing::error!(session = %r.session, error = %e, "the recovered session cannot be continued");
                start.stuck = Some(Stuck {
                    session: r.session,
                    candidate: r.state.candidate.map(|c| c.name),
                    problem: RecoveryError::Journal(e),
                });
            }
        },
    }
    Ok(Boot {
        writer,
        packages,
        start,
    })
}
