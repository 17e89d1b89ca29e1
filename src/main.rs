//! `ustudy-station`: the exam-hall client. The fullscreen candidate app arrives with issue 4;
//! today the binary offers the journal's maintenance commands.
//!
//! Exit codes of `journal verify`: 0 intact, 3 a session is damaged, 4 the journal cannot be
//! opened (missing, not a database, failed integrity check), 5 the station key is missing or
//! does not open the sessions, 2 bad arguments.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ustudy::journal::{JournalError, report};

/// U-STUDY exam station.
#[derive(Parser)]
#[command(name = "ustudy-station", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Inspect the station journal.
    #[command(subcommand)]
    Journal(JournalCommand),
}

#[derive(Subcommand)]
enum JournalCommand {
    /// Verify every session: event counts, chain status and a state summary.
    Verify {
        /// The station's data directory.
        #[arg(long)]
        data_dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => {
            let _ = writeln!(
                std::io::stderr(),
                "ustudy-station: the candidate app is not built yet (issue 4)"
            );
            ExitCode::FAILURE
        }
        Some(Command::Journal(JournalCommand::Verify { data_dir })) => verify(&data_dir),
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
