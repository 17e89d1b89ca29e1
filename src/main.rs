#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]
//! `ustudy-station`: the exam-hall client. Without a command it opens the fullscreen station
//! window (with no configuration: the bundled demo); `journal` holds the maintenance commands.
//!
//! `journal export` exits 0, or 4 with one line on stderr. Exit codes of `journal verify`: 0 intact, 3 a session is damaged, 4 the journal cannot be
//! opened (missing, not a database, failed integrity check), 5 the station key is missing or
//! does not open the sessions, 2 bad arguments.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ustudy::i18n::Lang;
use ustudy::journal::{self, JournalError, report};
use ustudy::station::Config;
use ustudy::station::identity::Identity;
use ustudy::station::settings::{self, Settings};
use ustudy::sync::link::{self, Link};
use ustudy::ui::autopilot;
use ustudy::ui::errors::{self, Problem};

#[path = "bin/ustudy-station/check.rs"]
mod check;
#[path = "bin/ustudy-station/kiosk.rs"]
mod kiosk;

/// U-STUDY exam station.
#[derive(Parser)]
#[command(name = "ustudy-station", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Use the high-contrast palette.
    #[arg(long)]
    high_contrast: bool,
    /// The station's data directory (journal, station key). Default: the configuration's, else
    /// $XDG_DATA_HOME/ustudy-station or ~/.local/share/ustudy-station
    /// (%LOCALAPPDATA%\U-STUDY\station on Windows).
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Run exam time N times faster (demo mode only).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10_000))]
    time_scale: Option<u32>,
    /// A scripted candidate answers, navigates, finishes and goes through review and appeal;
    /// the program exits 0 once the session is closed.
    #[arg(long, value_name = "SEED")]
    autopilot: Option<u64>,
    /// The station's configuration (written by `enroll`). Default: /etc/ustudy/station.toml
    /// (ProgramData\U-STUDY\station.toml on Windows) if it exists; with none, the demo runs.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// With --autopilot: stop driving (and return to real-time speed) on this screen
    /// (`testing`, `interlude`, `review`, ...; `testing:N` for task N; `paused:N`: the autopilot
    /// is also the proctor who pauses the test on task N) — for screenshots.
    #[arg(long, value_name = "SCREEN", requires = "autopilot")]
    autopilot_stop: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// The readiness check: data directory, free space, journal, clock, display, center,
    /// virtual machine or remote session. One line per item (ok, warn, fail); exit 1 when an
    /// item fails.
    Check {
        /// The station's configuration (default: as for the station; none: the demo's).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// A demo station's data directory (default as for the station).
        #[arg(long)]
        data_dir: Option<PathBuf>,
        /// The language of the lines: kk, ru or en.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Make this PC boot straight into the station (`enable`), or undo it (`disable`).
    ///
    /// Enabling makes the kiosk user, switches the magic `SysRq` keys and Ctrl+Alt+Del off and enables the
    /// `ustudy-kiosk` unit (cage on the first console running only the station); disabling
    /// undoes each step. Needs root and the deb package's unit.
    Kiosk {
        /// `enable` or `disable`.
        #[arg(value_parser = ["enable", "disable"])]
        action: String,
        /// Print the steps instead of taking them.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the man pages (this program and each command) into DIR, for the packages.
    #[command(hide = true)]
    Man {
        /// Where to write them.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Print how many monitors the window system has (the window asks this of a child process
    /// to notice a second display during a test); exit 1 when it cannot be asked.
    #[command(hide = true)]
    Monitors,
    /// Inspect the station journal.
    #[command(subcommand)]
    Journal(JournalCommand),
    /// Enroll this station with its center: make the station's keys here, prove the one-time
    /// code, pin the center's certificate and keys, and write the configuration FILE.
    Enroll {
        /// The configuration file to write (created if it does not exist).
        #[arg(long, value_name = "FILE")]
        config: PathBuf,
        /// The center's address, `https://HOST:PORT`.
        #[arg(long)]
        center: String,
        /// The code from `ustudy-center enroll-code`.
        #[arg(long)]
        code: String,
        /// The station's data directory (default: /var/lib/ustudy, the package's;
        /// ProgramData\U-STUDY\data on Windows).
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
    /// Set the proctor PIN of an enrolled station: reads it twice from standard input (4 to 8
    /// digits) and keeps only its PBKDF2 hash in the configuration.
    SetPin {
        /// The station's configuration.
        #[arg(long, value_name = "FILE")]
        config: PathBuf,
    },
    /// Fetch what the center has for this enrolled station (the roster of its hall), check the
    /// center's signature, and keep it in the data directory.
    Fetch {
        /// The station's configuration.
        #[arg(long, value_name = "FILE")]
        config: PathBuf,
    },
}

#[derive(Subcommand)]
enum JournalCommand {
    /// Verify every session: event counts, chain status and a state summary.
    Verify {
        /// The station's data directory.
        #[arg(long)]
        data_dir: PathBuf,
    },
    /// Say how many records no center receipt covers yet; exit 0 when none, 3 when some, 4
    /// when the journal cannot be read (the package's purge keeps such a data directory).
    Pending {
        /// The station's data directory.
        #[arg(long)]
        data_dir: PathBuf,
    },
    /// Write the journal for the center when the network stays down (the offline fallback).
    /// An enrolled station (`--config`): every record in batches sealed to the center and
    /// signed with the station's enrolled key, for `ustudy-center import`. A demo station
    /// (`--data-dir`): an encrypted copy taken with the `SQLite` backup API, for
    /// `ustudy-center import-journal` (verify only).
    Export {
        /// An enrolled station's configuration.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["data_dir", "link_key"])]
        config: Option<PathBuf>,
        /// A demo station's data directory.
        #[arg(long, required_unless_present = "config")]
        data_dir: Option<PathBuf>,
        /// Where to write the export.
        #[arg(long)]
        out: PathBuf,
        /// The center link key of a demo station (default: DATA_DIR/center-link.key).
        #[arg(long)]
        link_key: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => station(&cli, settings_file(cli.config.clone()).as_deref()),
        Some(Command::Enroll {
            ref config,
            ref center,
            ref code,
            ref data_dir,
        }) => enroll(config, center, code, data_dir.clone()),
        Some(Command::Fetch { ref config }) => fetch(config),
        Some(Command::Kiosk {
            ref action,
            dry_run,
        }) => kiosk::kiosk(action == "enable", dry_run),
        Some(Command::Journal(JournalCommand::Pending { data_dir })) => pending(&data_dir),
        Some(Command::Man { ref out }) => {
            match ustudy::manpage::write(&<Cli as clap::CommandFactory>::command(), out) {
                Ok(_) => ExitCode::SUCCESS,
                Err(e) => fail(&e.to_string()),
            }
        }
        Some(Command::Monitors) => match ustudy::ui::monitors::sizes() {
            Ok(sizes) => {
                let _ = writeln!(std::io::stdout(), "{}", sizes.len());
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Some(Command::Check {
            ref config,
            ref data_dir,
            ref lang,
        }) => {
            let Some(lang) = Lang::ALL.into_iter().find(|l| l.code() == lang) else {
                return fail("--lang is kk, ru or en");
            };
            let settings = match settings_file(config.clone())
                .map(|p| Settings::load(&p))
                .transpose()
            {
                Ok(s) => s,
                Err(e) => return fail(&e.to_string()),
            };
            let dir = data_dir
                .clone()
                .unwrap_or_else(ustudy::boot::default_data_dir);
            check::run(settings.as_ref(), dir, lang)
        }
        Some(Command::SetPin { ref config }) => set_pin(config),
        Some(Command::Journal(JournalCommand::Verify { data_dir })) => verify(&data_dir),
        Some(Command::Journal(JournalCommand::Export {
            config: Some(config),
            out,
            ..
        })) => export_signed(&config, &out),
        Some(Command::Journal(JournalCommand::Export {
            data_dir,
            out,
            link_key,
            ..
        })) => {
            let data_dir = data_dir.unwrap_or_default();
            let link_key = link_key.unwrap_or_else(|| data_dir.join("center-link.key"));
            export(&data_dir, &link_key, &out)
        }
    }
}

fn station(cli: &Cli, settings_path: Option<&std::path::Path>) -> ExitCode {
    // iced panics without a display server; say so plainly instead.
    #[cfg(all(unix, not(target_os = "macos")))]
    if ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"]
        .iter()
        .all(|v| std::env::var_os(v).is_none())
    {
        return fail(
            "no display: set DISPLAY or WAYLAND_DISPLAY, or start it in the kiosk session",
        );
    }
    let settings = match settings_path.map(Settings::load).transpose() {
        Ok(s) => s,
        Err(e) => return fail(&e.to_string()),
    };
    let dir = match &settings {
        Some(s) => s.data_dir.clone(),
        None => cli
            .data_dir
            .clone()
            .unwrap_or_else(ustudy::boot::default_data_dir),
    };
    // Logs go to the data directory; without them the station still runs, and says so. The
    // directory is made owner-only first (a failure here shows again, in words, at the journal).
    let _ = ustudy::private::create_dir(&dir);
    let no_logs = ustudy::logging::to_dir(&dir.join("logs"), "station").err();
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        data_dir = %dir.display(),
        demo = settings.is_none(),
        time_scale = cli.time_scale.unwrap_or(1),
        autopilot = cli.autopilot.is_some(),
        "station starting"
    );
    let started = match &settings {
        None => ustudy::boot::demo(&dir).map(|boot| {
            let config = Config::demo(boot.packages.clone());
            (boot, config)
        }),
        Some(s) => ustudy::boot::enrolled(s).map(|(boot, config)| (boot, Ok(config))),
    };
    let (boot, config) = match started {
        Ok(started) => started,
        Err(e) => {
            // The operator's words first, then the detail for IT staff.
            let said = errors::text(Lang::En, Problem::Boot(&e));
            tracing::error!(error = %e, "cannot start");
            return fail(&format!("cannot start: {said} ({e})"));
        }
    };
    // Said only once the station can start: a start-up failure is one line.
    if let Some(e) = no_logs {
        let _ = writeln!(std::io::stderr(), "ustudy-station: no log file: {e}");
    }
    let config = match config {
        Ok(config) => config,
        Err(e) => return fail(&e.to_string()),
    };
    // A sped-up clock and a scripted candidate are for drills: sample packages only.
    if (cli.time_scale.is_some_and(|n| n > 1) || cli.autopilot.is_some())
        && let Err(real) = config.drills_allowed()
    {
        return fail(&format!(
            "--time-scale and --autopilot run only with sample packages; {real} is a real test"
        ));
    }
    // The scripted proctor of an enrolled station types the PIN given in USTUDY_PIN.
    let pilot_pin = match (&settings, cli.autopilot) {
        (Some(_), Some(_)) => match std::env::var("USTUDY_PIN") {
            Ok(pin) if config.pin.verify(&pin) => Some(pin),
            _ => {
                return fail(
                    "--autopilot on an enrolled station types the proctor PIN from USTUDY_PIN, \
                     which is not set or not this station's PIN",
                );
            }
        },
        _ => None,
    };
    let readiness = ustudy::preflight::AtStart {
        data_dir: dir,
        vm: settings
            .as_ref()
            .map(|s| s.virtual_machine)
            .unwrap_or_default(),
    };
    let config = Config {
        high_contrast: cli.high_contrast,
        time_scale: cli.time_scale.unwrap_or(1),
        pilot_pin,
        readiness: Some(readiness),
        ..config
    };
    let Some(seed) = cli.autopilot else {
        return match ustudy::ui::run(config, boot.writer, boot.start) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&format!("the window could not run: {e}")),
        };
    };
    let stop = autopilot::Stop::at(cli.autopilot_stop.clone());
    match autopilot::run(config, boot.writer, boot.start, seed, stop) {
        Ok(None) => ExitCode::SUCCESS,
        Ok(Some(why)) => fail(&format!("autopilot: {why}")),
        Err(e) => fail(&format!("the window could not run: {e}")),
    }
}

/// The configuration to run with: the one named, else the default file if it exists.
fn settings_file(named: Option<PathBuf>) -> Option<PathBuf> {
    // The packages install the default file with only comments: not enrolled, the demo runs.
    named.or_else(|| Some(settings::default_path()).filter(|p| settings::is_enrolled(p)))
}

fn enroll(
    config: &std::path::Path,
    center: &str,
    code: &str,
    data_dir: Option<PathBuf>,
) -> ExitCode {
    let dir = data_dir.unwrap_or_else(settings::default_data_dir);
    // The configuration is read from anywhere later: it names the data directory absolutely.
    let dir = std::path::absolute(&dir).unwrap_or(dir);
    let identity = match Identity::load_or_create(&dir) {
        Ok(identity) => identity,
        Err(e) => return fail(&e.to_string()),
    };
    let runtime = match runtime() {
        Ok(rt) => rt,
        Err(code) => return code,
    };
    let enrolled = match runtime.block_on(ustudy::sync::enroll::enroll(center, code, &identity)) {
        Ok(enrolled) => enrolled,
        Err(e) => return fail(&format!("enrollment failed: {e}")),
    };
    let settings = Settings {
        station: enrolled.station,
        seat: enrolled.seat,
        data_dir: dir,
        center: enrolled.center,
        // A station enrolled again keeps the PIN and the policy it had.
        pin: Settings::load(config).ok().and_then(|old| old.pin),
        virtual_machine: Settings::load(config)
            .map(|old| old.virtual_machine)
            .unwrap_or_default(),
    };
    if let Err(e) = settings.save(config) {
        return fail(&e.to_string());
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "enrolled: station {}, seat {}, center {} at {}",
        settings.station, settings.seat, settings.center.key_id, settings.center.url
    );
    let _ = writeln!(out, "config: {}", config.display());
    ExitCode::SUCCESS
}

fn set_pin(config: &std::path::Path) -> ExitCode {
    let mut settings = match Settings::load(config) {
        Ok(s) => s,
        Err(e) => return fail(&e.to_string()),
    };
    let mut lines = std::io::stdin().lines();
    let mut next = || lines.next().and_then(Result::ok).unwrap_or_default();
    let (pin, again) = (next(), next());
    let (pin, again) = (pin.trim(), again.trim());
    if !(4..=8).contains(&pin.len()) || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return fail("a PIN is 4 to 8 digits");
    }
    if pin != again {
        return fail("the two PINs differ; nothing changed");
    }
    match ustudy::crypto::pin::PinHash::new(pin) {
        Ok(hash) => settings.pin = Some(hash.encode()),
        Err(e) => return fail(&e.to_string()),
    }
    if let Err(e) = settings.save(config) {
        return fail(&e.to_string());
    }
    tracing::info!("proctor PIN changed");
    let _ = writeln!(std::io::stdout(), "PIN set for {}", settings.station);
    ExitCode::SUCCESS
}

fn runtime() -> Result<tokio::runtime::Runtime, ExitCode> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| fail(&format!("cannot start the network client: {e}")))
}

fn fetch(config: &std::path::Path) -> ExitCode {
    let settings = match Settings::load(config) {
        Ok(s) => s,
        Err(e) => return fail(&e.to_string()),
    };
    let link = match Identity::load(&settings.data_dir)
        .map_err(|e| e.to_string())
        .and_then(|id| Link::new(&settings, id).map_err(|e| e.to_string()))
    {
        Ok(link) => link,
        Err(e) => return fail(&e),
    };
    let runtime = match runtime() {
        Ok(rt) => rt,
        Err(code) => return code,
    };
    let roster = match runtime.block_on(link.roster()) {
        Ok(r) => r,
        Err(e) => return fail(&format!("the roster could not be fetched: {e}")),
    };
    if let Err(e) = link::save_roster(&settings.data_dir, &roster) {
        return fail(&e.to_string());
    }
    tracing::info!(hall = %roster.hall, candidates = roster.rows.len(), "roster fetched");
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "roster: {} candidates for hall {}",
        roster.rows.len(),
        roster.hall
    );
    let fetched = runtime.block_on(async {
        let mut new = 0;
        let offered = link.packages().await?;
        for info in &offered {
            if link::has_package(&settings.data_dir, info) {
                continue;
            }
            let bytes = link.package(info).await?;
            if link::save_package(&settings.data_dir, info, &bytes)? {
                new += 1;
            }
        }
        Ok::<_, link::LinkError>((offered.len(), new))
    });
    match fetched {
        Ok((count, new)) => {
            tracing::info!(packages = count, new, "packages fetched");
            let _ = writeln!(out, "packages: {count} ({new} new)");
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("the packages could not be fetched: {e}")),
    }
}

fn fail(message: &str) -> ExitCode {
    tracing::error!(message, "station stopped");
    let _ = writeln!(std::io::stderr(), "ustudy-station: {message}");
    ExitCode::FAILURE
}

fn pending(dir: &std::path::Path) -> ExitCode {
    let backlog = journal::Journal::open_existing(dir).and_then(|j| j.backlog());
    match backlog {
        Ok(b) => {
            let _ = writeln!(
                std::io::stdout(),
                "{}: {} records not yet covered by a center receipt",
                dir.display(),
                b.waiting
            );
            if b.waiting == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(3)
            }
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "ustudy-station: {e}");
            ExitCode::from(4)
        }
    }
}

fn verify(dir: &std::path::Path) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match report::verify(dir) {
        Ok(reports) => {
            let _ = writeln!(
                out,
                "journal: {}, {} sessions",
                dir.display(),
                reports.len()
            );
            for r in &reports {
                let _ = write!(out, "{r}");
            }
            if reports.iter().all(report::SessionReport::intact) {
                ExitCode::SUCCESS
            } else if reports
                .iter()
                .any(|r| matches!(r.damage, Some(JournalError::StationKey(_))))
            {
                ExitCode::from(5)
            } else {
                ExitCode::from(3)
            }
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "ustudy-station: {e}");
            ExitCode::from(if matches!(e, JournalError::StationKey(_)) {
                5
            } else {
                4
            })
        }
    }
}

fn export_signed(config: &std::path::Path, out: &std::path::Path) -> ExitCode {
    let written = Settings::load(config)
        .map_err(|e| e.to_string())
        .and_then(|settings| {
            let identity = Identity::load(&settings.data_dir).map_err(|e| e.to_string())?;
            let link = Link::new(&settings, identity).map_err(|e| e.to_string())?;
            let journal =
                journal::Journal::open_existing(&settings.data_dir).map_err(|e| e.to_string())?;
            let export =
                ustudy::sync::offline::export(&journal, &link).map_err(|e| e.to_string())?;
            ustudy::sync::offline::write(&export, out).map_err(|e| e.to_string())?;
            Ok(export)
        });
    match written {
        Ok(export) => {
            tracing::info!(
                sessions = export.sessions.len(),
                batches = export.batches.len(),
                "offline export written"
            );
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(stdout, "export: {}", out.display());
            for (id, records) in &export.sessions {
                let _ = writeln!(stdout, "session {id}: {records} records");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "ustudy-station: {e}");
            ExitCode::from(4)
        }
    }
}

fn export(dir: &std::path::Path, link_key: &std::path::Path, out: &std::path::Path) -> ExitCode {
    let result =
        journal::export::read_key(link_key).and_then(|key| journal::export::export(dir, &key, out));
    match result {
        Ok(header) => {
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(stdout, "export: {}", out.display());
            for (id, events) in &header.sessions {
                let _ = writeln!(stdout, "session {id}: {events} events");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "ustudy-station: {e}");
            ExitCode::from(4)
        }
    }
}
