//! Station start-up, before the window opens: the data directory, the demo packages or an
//! enrolled station's kept roster, packages and center link, recovery of
//! a session that was open when the station stopped (with its downtime incident recorded), and
//! the journal writer the GUI will use.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::crypto::hex;
use crate::crypto::pin::PinHash;
use crate::journal::recovery::{self, Found, Recovered, RecoveryError, Stuck};
use crate::journal::{Journal, JournalError, Writer};
use crate::station::config::Content;
use crate::station::identity::Identity;
use crate::station::settings::Settings;
use crate::station::{Config, Package, Resume, Start};
use crate::sync::link::{self, Link, LinkError};
use crate::sync::release::Center;

/// Why the station could not start.
#[derive(Debug, thiserror::Error)]
pub enum BootError {
    #[error("the data directory {0} cannot be created: {1}")]
    DataDir(String, std::io::Error),
    #[error("{0}")]
    Journal(#[from] JournalError),
    #[error("the demo packages do not open: {0}")]
    Package(#[from] crate::package::PackageError),
    #[error("no proctor PIN is set: run `ustudy-station set-pin --config FILE`")]
    NoPin,
    #[error(
        "the roster is missing or not the center's: {0}; run `ustudy-station fetch --config FILE`"
    )]
    Roster(LinkError),
    #[error("no test package is kept: run `ustudy-station fetch --config FILE`")]
    NoPackages,
    #[error("the station's keys: {0}")]
    Identity(String),
    #[error("{0}")]
    Link(LinkError),
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

/// The default data directory of a station that is not enrolled (the demo, or `check` before
/// enrollment): the running account's own application data, never the working directory.
/// On Unix `$XDG_DATA_HOME/ustudy-station` or `~/.local/share/ustudy-station`, and without a
/// home `/var/lib/ustudy/demo`; on Windows `%LOCALAPPDATA%\U-STUDY\station`, and without one
/// `%ProgramData%\U-STUDY\demo`. A folder the station makes is owner-only (`private`).
pub fn default_data_dir() -> PathBuf {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
    };
    #[cfg(windows)]
    {
        var("LOCALAPPDATA").map_or_else(
            || crate::station::settings::program_data().join("demo"),
            |local| local.join("U-STUDY").join("station"),
        )
    }
    #[cfg(not(windows))]
    {
        if let Some(dir) = var("XDG_DATA_HOME") {
            return dir.join("ustudy-station");
        }
        var("HOME").map_or_else(
            || PathBuf::from("/var/lib/ustudy/demo"),
            |home| home.join(".local/share/ustudy-station"),
        )
    }
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
    let packages: Vec<Package> = crate::demo::packages()?
        .into_iter()
        .map(|(header, paper)| Package::open(header, paper))
        .collect();
    start(dir, packages)
}

/// An enrolled station: the settings' PIN, the roster and packages kept by `fetch` (checked
/// against the center's key again), and its link to the center; then recovery and the writer
/// as for the demo.
pub fn enrolled(settings: &Settings) -> Result<(Boot, Config), BootError> {
    let dir = &settings.data_dir;
    let pin = settings
        .pin
        .as_deref()
        .ok_or(BootError::NoPin)
        .and_then(|p| PinHash::decode(p).map_err(|_| BootError::NoPin))?;
    let signing_public = hex::decode::<32>(&settings.center.signing_public)
        .map_err(|_| BootError::Link(LinkError::Settings))?;
    let roster = link::load_roster(dir, settings).map_err(BootError::Roster)?;
    let packages = kept_packages(dir, &signing_public);
    if packages.is_empty() {
        return Err(BootError::NoPackages);
    }
    let identity = Identity::load(dir).map_err(|e| BootError::Identity(e.to_string()))?;
    let link = Link::new(settings, identity).map_err(BootError::Link)?;
    let center = Center {
        link: Arc::new(link),
        signing_public,
    };
    let boot = start(dir, packages.clone())?;
    let config = Config::enrolled(
        settings.station.clone(),
        settings.seat.clone(),
        pin,
        &roster.rows,
        packages,
        center,
    );
    Ok((boot, config))
}

/// The sealed packages kept in `dir/packages` whose header the center signed; any other file
/// there is logged and left out.
fn kept_packages(dir: &Path, center: &[u8; 32]) -> Vec<Package> {
    let Ok(entries) = std::fs::read_dir(dir.join(link::PACKAGES_DIR)) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pkg"))
        .collect();
    paths.sort();
    let mut packages = Vec::new();
    for path in paths {
        let read = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                crate::package::read_header(&bytes, Some(center))
                    .map(|header| (header, bytes))
                    .map_err(|e| e.to_string())
            });
        match read {
            Ok((header, bytes)) => packages.push(Package {
                header,
                content: Content::Sealed(Arc::new(bytes)),
            }),
            Err(e) => {
                tracing::warn!(file = %path.display(), error = %e, "a kept package is left out");
            }
        }
    }
    packages
}

/// Recovers any open session in `dir` and starts the writer, for the packages the station has.
fn start(dir: &Path, packages: Vec<Package>) -> Result<Boot, BootError> {
    crate::private::create_dir(dir)
        .map_err(|e| BootError::DataDir(dir.display().to_string(), e))?;
    let (found, sittings, door) = {
        let journal = Journal::open(dir)?;
        let door =
            recovery::refusals(&journal, crate::journal::store::now_ms()).unwrap_or_else(|e| {
                // The door then starts with five tries: the count is lost, never the station.
                tracing::warn!(error = %e, "the admin screen's tries could not be read");
                crate::station::door::Refusals::default()
            });
        let known = |id: &str| packages.iter().any(|p| p.header.package_id == id);
        // A journal that opens but whose sessions cannot be listed still starts the station:
        // the lock screen names the problem instead of the station refusing to start.
        let (found, sittings) = recovery::recover(&journal, crate::journal::store::now_ms(), known)
            .unwrap_or_else(|e| {
                let stuck = Stuck {
                    session: "journal".to_owned(),
                    candidate: None,
                    problem: RecoveryError::Journal(e),
                };
                (Found::Stuck(stuck), recovery::Sittings::default())
            });
        (found, sittings, door)
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
        door,
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
