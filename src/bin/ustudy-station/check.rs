//! `ustudy-station check`: the readiness check from the command line, one line per item
//! (`ok`, `warn` or `fail`, the item, what was found in the chosen language), exit 1 when an item
//! fails. It runs what the station checks at start, and also lists the monitors and asks the
//! center (an enrolled station) for its health over the pinned TLS link.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use ustudy::i18n::Lang;
use ustudy::preflight::{self, Check, Level, VmPolicy};
use ustudy::station::identity::Identity;
use ustudy::station::settings::Settings;
use ustudy::sync::link::Link;
use ustudy::ui::errors::{self, Problem};

/// Runs the check for an enrolled station (`settings`) or a demo one on `data_dir`.
pub fn run(settings: Option<&Settings>, data_dir: PathBuf, lang: Lang) -> ExitCode {
    let (dir, policy) = match settings {
        Some(s) => (s.data_dir.clone(), s.virtual_machine),
        None => (data_dir, VmPolicy::Warn),
    };
    let mut checks = preflight::local(&dir, policy);
    checks.push(preflight::display(ustudy::ui::monitors::sizes()));
    checks.push(preflight::center(settings.map(|s| center(s, &dir))));
    let mut out = std::io::stdout().lock();
    for c in &checks {
        let _ = writeln!(out, "{}", line(lang, c));
    }
    if preflight::worst(&checks) == Level::Fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `LEVEL  ITEM  what was found`, with the detail for IT staff where there is one.
fn line(lang: Lang, c: &Check) -> String {
    let said = errors::text(lang, Problem::Preflight(&c.finding));
    let detail = match &c.finding {
        preflight::Finding::NotWritable(_, d)
        | preflight::Finding::FreeUnknown(d)
        | preflight::Finding::JournalFailed(d)
        | preflight::Finding::NoDisplay(d)
        | preflight::Finding::CenterFailed(d) => format!(" ({d})"),
        _ => String::new(),
    };
    format!("{:<5} {:<11} {said}{detail}", c.level.name(), c.item())
}

/// Asks the center for its health over the pinned link.
fn center(settings: &Settings, dir: &std::path::Path) -> Result<(), String> {
    let identity = Identity::load(dir).map_err(|e| e.to_string())?;
    let link = Link::new(settings, identity).map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(link.health()).map_err(|e| e.to_string())
}
