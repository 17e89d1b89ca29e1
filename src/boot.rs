//! Station start-up, before the window opens: the data directory, the demo packages, recovery of
//! a session that was open when the station stopped (with its downtime incident recorded), and
//! the journal writer the GUI will use.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::journal::recovery::{self, RecoveryError};
use crate::journal::{Journal, JournalError, Writer};
use crate::ui::app::{Package, Resume};

/// Why the station could not start.
#[derive(Debug, thiserror::Error)]
pub enum BootError {
    #[error("the data directory {0} cannot be created: {1}")]
    DataDir(String, std::io::Error),
    #[error("{0}")]
    Journal(#[from] JournalError),
    #[error("{0}")]
    Recovery(#[from] RecoveryError),
    #[error("the demo packages do not open: {0}")]
    Package(#[from] crate::package::PackageError),
}

/// Everything the window starts with.
pub struct Boot {
    /// The writer.
    pub writer: Writer,
    /// The packages.
    pub packages: Vec<Package>,
    /// The recovered session, if one was open.
    pub resume: Option<Resume>,
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
/// grow: the events that verified are copied into a new session (`ID-cont-MS`), which carries on;
/// the damaged one stays untouched as evidence for the center.
fn continue_session(writer: &Writer, r: &recovery::Recovered) -> Result<String, BootError> {
    if r.damage.is_none() {
        writer.resume_blocking(&r.session)?;
        return Ok(r.session.clone());
    }
    let id = format!("{}-cont-{}", r.session, crate::journal::store::now_ms());
    writer.create_blocking(&id, &r.package, &r.seal, r.paper.clone())?;
    for event in &r.events {
        writer.append_blocking(&id, event.clone())?;
    }
    Ok(id)
}

/// Opens the demo packages, recovers any open session in `dir` and starts the writer.
pub fn demo(dir: &Path) -> Result<Boot, BootError> {
    std::fs::create_dir_all(dir).map_err(|e| BootError::DataDir(dir.display().to_string(), e))?;
    let packages = crate::demo::packages()?
        .into_iter()
        .map(|(header, paper)| Package {
            header,
            paper: Arc::new(paper),
        })
        .collect();
    let recovered = {
        let journal = Journal::open(dir)?;
        recovery::recover(&journal, crate::journal::store::now_ms())?
    };
    let writer = Writer::spawn(dir.to_path_buf())?;
    let resume = match recovered {
        None => None,
        Some(r) => {
            let session = continue_session(&writer, &r)?;
            let mut state = r.state;
            if let Some(downtime) = r.downtime {
                writer.append_blocking(&session, downtime.clone())?;
                let _ = state.apply(&r.paper, &downtime);
            }
            Some(Resume {
                session,
                package: r.package,
                paper: Arc::new(r.paper),
                state,
                damage: r.damage.map(|d| d.to_string()),
            })
        }
    };
    Ok(Boot {
        writer,
        packages,
        resume,
    })
}
