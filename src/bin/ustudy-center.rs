//! `ustudy-center`: the center operator's command line. `init` creates the center's key store,
//! `pack` seals a package source, `inspect` verifies a package and prints what it holds. Every
//! failure is one line on stderr and a non-zero exit; nothing panics.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use std::sync::Arc;
use std::time::Duration;

use ustudy::center::KeyStore;
use ustudy::center::identity::ServerIdentity;
use ustudy::center::keystore::check_station_id;
use ustudy::center::server::{self, Center};
use ustudy::center::store::{NewCode, Store, StoreError};
use ustudy::crypto::{hex, keycode, sign};
use ustudy::exam::spec::TaskKind;
use ustudy::journal;
use ustudy::package;
use ustudy::protocol;
use ustudy::protocol::roster::RosterRow;

#[path = "ustudy-center/sessions.rs"]
mod sessions;
#[path = "ustudy-center/swap.rs"]
mod swap;

/// U-STUDY center tools.
#[derive(Parser)]
#[command(name = "ustudy-center", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Log what the command does to this file (appended), or to stderr with `-`. The level comes
    /// from `USTUDY_LOG` (default `info`). Keys are never logged.
    #[arg(long, global = true, value_name = "FILE")]
    log: Option<PathBuf>,
    /// The center's store on `PostgreSQL` instead of DIR/center.sqlite: libpq's URL
    /// (`postgres://USER:PASSWORD@HOST:PORT/DATABASE`, `?sslmode=require` for TLS), or set
    /// `USTUDY_DB` (kept out of the process list). Several `serve` processes may share one.
    #[arg(
        long,
        global = true,
        value_name = "URL",
        env = "USTUDY_DB",
        hide_env_values = true
    )]
    db: Option<String>,
    /// The certificate (PEM) the database's TLS certificate is checked against.
    #[arg(long, global = true, value_name = "FILE")]
    db_ca: Option<PathBuf>,
}

/// Where the center's store is, as the command line says (`--db`, `--db-ca`).
static STORE_AT: std::sync::OnceLock<(Option<String>, Option<PathBuf>)> =
    std::sync::OnceLock::new();

/// The center's store: on `PostgreSQL` with `--db`, else DIR/center.sqlite; migrated.
fn open_store(dir: &Path) -> anyhow::Result<Arc<dyn Store>> {
    let (db, ca) = STORE_AT.get().cloned().unwrap_or_default();
    let opened = ustudy::center::store::open(dir, db.as_deref(), ca.as_deref());
    opened.with_context(|| match db {
        Some(_) => "opening the center's store on PostgreSQL".to_owned(),
        None => format!("opening {}", dir.join("center.sqlite").display()),
    })
}

#[derive(Subcommand)]
enum Command {
    /// Write the man pages (this program and each command) into DIR, for the packages.
    #[command(hide = true)]
    Man {
        /// Where to write them.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Create the center's signing key and key store in DIR.
    Init {
        /// Key store directory.
        #[arg(long)]
        dir: PathBuf,
    },
    /// Seal a package source into one signed, encrypted file; prints the package id.
    Pack {
        /// Key store directory.
        #[arg(long)]
        dir: PathBuf,
        /// Package source directory (manifest.json, tasks.json, key.json, media/).
        #[arg(long)]
        source: PathBuf,
        /// Where to write the sealed package.
        #[arg(long)]
        out: PathBuf,
    },
    /// A ready demo center in DIR: the key store (created if needed), every demo package (two UNT, one teacher test) sealed
    /// and published, the demo candidates on the roster of hall 1, and an enrollment code for
    /// station demo-1 (printed as `enroll-code: CODE`).
    Demo {
        /// Demo key store and output directory.
        #[arg(long, default_value = "target/demo-center")]
        dir: PathBuf,
        /// Where the demo sources are.
        #[arg(long, default_value = "assets/demo")]
        sources: PathBuf,
    },
    /// Create a station's link key; prints it (hex) for the installer to put in the station's
    /// data directory as `center-link.key`.
    StationKey {
        /// Key store directory.
        #[arg(long)]
        dir: PathBuf,
        /// Station id (letters, digits, '-', '_').
        #[arg(long)]
        station: String,
    },
    /// Keep an enrolled station's offline export (`ustudy-station journal export --config`):
    /// every batch checked against the station's enrolled key, then every record kept exactly
    /// once, as if it had come over the network. Nothing is kept if any batch fails.
    Import {
        /// Key store directory.
        #[arg(long)]
        dir: PathBuf,
        /// The export file.
        file: PathBuf,
    },
    /// Open a demo station's journal export (sealed with its link key) and verify every session
    /// in it; nothing is kept. Enrolled stations' exports go through `import`.
    ImportJournal {
        /// Key store directory.
        #[arg(long)]
        dir: PathBuf,
        /// The station that wrote the export.
        #[arg(long)]
        station: String,
        /// The export file.
        file: PathBuf,
    },
    /// Serve the center's HTTPS API (stations enroll, and later fetch rosters and packages and
    /// post their events); prints `listening on https://ADDR` once it accepts connections.
    Serve {
        /// Key store directory (its storage is DIR/center.sqlite unless --db names one).
        #[arg(long)]
        dir: PathBuf,
        /// Address to listen on (port 0: any free port, printed).
        #[arg(long, default_value = "0.0.0.0:8443")]
        listen: String,
        /// Connections open at once; past it a new connection is closed at once.
        #[arg(long, default_value_t = server::limits::MAX_CONNECTIONS)]
        max_connections: usize,
        /// Seconds between two renders of an open hall page when no batch prompts one (a
        /// kept batch shows within a quarter second, from any process sharing the store).
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=86_400))]
        hall_refresh: u64,
    },
    /// Make a one-time enrollment code for a station; prints `enroll-code: CODE`.
    EnrollCode {
        /// Key store directory.
        #[arg(long)]
        dir: PathBuf,
        /// Station name (letters, digits, '-', '_').
        #[arg(long)]
        station: String,
        /// The station's hall (it is sent the roster of this hall).
        #[arg(long, default_value = "1")]
        hall: String,
        /// The station's seat in its hall.
        #[arg(long, default_value = "1")]
        seat: String,
        /// Minutes the code stays valid.
        #[arg(long, default_value_t = 24 * 60)]
        valid_minutes: u32,
    },
    /// A one-time code that opens a held station's admin screen: the proctor reads the challenge
    /// on the station's lock screen, the operator answers with the code (valid for this station
    /// and challenge, in this ten-minute window and the next, once). Prints `unlock-code: CODE`.
    UnlockCode {
        /// Key store directory.
        #[arg(long)]
        dir: PathBuf,
        /// The station's name, as enrolled.
        #[arg(long)]
        station: String,
        /// The six digits the station shows.
        #[arg(long)]
        challenge: String,
    },
    /// The key sheet for the hall network's failure: every published package with its key code
    /// (53 characters with a check character) for the proctor to type at check-in. Print it, keep
    /// it sealed with the proctor, and destroy it after the test.
    KeySheet {
        /// Key store directory.
        #[arg(long)]
        dir: PathBuf,
    },
    /// The roster of candidates.
    #[command(subcommand)]
    Roster(RosterCommand),
    /// The operators who may log in to the hall dashboard (`https://CENTER/hall`).
    #[command(subcommand)]
    Operator(OperatorCommand),
    /// Let a candidate whose test was already started sit again (after a failed sitting): the
    /// key release is moved to the re-issue log with the reason, and the candidate's key can be
    /// released once more, on any station of the hall.
    Reissue {
        /// Key store directory.
        #[arg(long)]
        dir: PathBuf,
        /// The candidate's IIN.
        #[arg(long)]
        iin: String,
        /// Why (kept with the record, for the appeal commission).
        #[arg(long)]
        reason: String,
    },
    /// A seat swap: move the session candidate IIN sits to the spare station STATION (its
    /// station died). The old station is fenced at once (its batches are refused; if it comes
    /// back it says where the session went and locks); STATION takes the session over at its
    /// next heartbeat (within 15 s) and resumes it at the same task once the proctor unlocks it.
    Move {
        /// Key store directory.
        #[arg(long)]
        dir: PathBuf,
        /// The candidate's IIN.
        #[arg(long)]
        candidate: String,
        /// The enrolled station to move to.
        #[arg(long)]
        to: String,
        /// Why (kept with the move).
        #[arg(long)]
        reason: String,
    },
    /// Bring the center's store to this program's schema (every command that opens the store
    /// does it first; this does only that). Prints `schema: version N` and the version it had.
    Migrate {
        /// Key store directory (its storage is DIR/center.sqlite unless --db names one).
        #[arg(long)]
        dir: PathBuf,
    },
    /// Every enrolled station with its last contact, and every session the center holds: records
    /// held, records the station still had to send at its last batch, the time since, and flags.
    Status {
        /// Key store directory.
        #[arg(long)]
        dir: PathBuf,
    },
    /// Re-score every held session from its events and write the results: FILE (JSON, all of
    /// it), and beside it FILE's name with `.results.csv` (a row per session and subject) and
    /// `.appeals.csv` (a row per appealed task).
    Export {
        /// Key store directory.
        #[arg(long)]
        dir: PathBuf,
        /// The JSON file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Verify a package and print its header; with --dir also decrypt it and print its contents.
    Inspect {
        /// The package file.
        file: PathBuf,
        /// Key store directory: check the signer is this center and decrypt with its key.
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _logs = match cli.log.as_deref() {
        None => None,
        Some(p) if p == Path::new("-") => ustudy::logging::to_stderr().ok(),
        Some(p) => match ustudy::logging::to_file(p) {
            Ok(guard) => Some(guard),
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "ustudy-center: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let _ = STORE_AT.set((cli.db.clone(), cli.db_ca.clone()));
    let name = command_name(&cli.command);
    tracing::info!(
        command = name,
        version = env!("CARGO_PKG_VERSION"),
        "center command"
    );
    let mut out = std::io::stdout().lock();
    let result = match cli.command {
        Command::Man { out: dir } => {
            ustudy::manpage::write(&<Cli as clap::CommandFactory>::command(), &dir)
                .map(|_| ())
                .map_err(anyhow::Error::from)
        }
        Command::Init { dir } => init(&dir, &mut out),
        Command::Pack {
            dir,
            source,
            out: file,
        } => pack(&dir, &source, &file, &mut out),
        Command::Inspect { file, dir } => inspect(&file, dir.as_deref(), &mut out),
        Command::Serve {
            dir,
            listen,
            max_connections,
            hall_refresh,
        } => serve(
            &dir,
            &listen,
            (max_connections, Duration::from_secs(hall_refresh)),
            &mut out,
        ),
        Command::EnrollCode {
            dir,
            station,
            hall,
            seat,
            valid_minutes,
        } => enroll_code(&dir, &station, (&hall, &seat), valid_minutes, &mut out),
        Command::KeySheet { dir } => key_sheet(&dir, &mut out),
        Command::UnlockCode {
            dir,
            station,
            challenge,
        } => sessions::unlock_code(&dir, &station, &challenge, &mut out),
        Command::Status { dir } => sessions::status(&dir, &mut out),
        Command::Migrate { dir } => migrate(&dir, &mut out),
        Command::Reissue { dir, iin, reason } => sessions::reissue(&dir, &iin, &reason, &mut out),
        Command::Import { dir, file } => sessions::import(&dir, &file, &mut out),
        Command::Move {
            dir,
            candidate,
            to,
            reason,
        } => swap::move_candidate(&dir, &candidate, &to, &reason, &mut out),
        Command::Export { dir, out: file } => sessions::export(&dir, &file, &mut out),
        Command::Roster(RosterCommand::Import { dir, file }) => {
            roster_import(&dir, &file, &mut out)
        }
        Command::Operator(OperatorCommand::Add { dir, name }) => {
            sessions::operator_add(&dir, &name, &mut out)
        }
        Command::Demo { dir, sources } => demo(&dir, &sources, &mut out),
        Command::StationKey { dir, station } => station_key(&dir, &station, &mut out),
        Command::ImportJournal { dir, station, file } => {
            import_journal(&dir, &station, &file, &mut out)
        }
    };
    match result {
        Ok(()) => {
            tracing::info!(command = name, "done");
            ExitCode::SUCCESS
        }
        Err(error) => {
            tracing::error!(command = name, error = format!("{error:#}"), "failed");
            // One line: the outermost context and its causes.
            let _ = writeln!(std::io::stderr(), "ustudy-center: {error:#}");
            ExitCode::FAILURE
        }
    }
}

#[derive(Subcommand)]
enum OperatorCommand {
    /// Add an operator: the password (at least 10 characters) is read from standard input,
    /// one line (typed at a prompt, or piped). Only its PBKDF2 hash is kept.
    Add {
        /// Key store directory.
        #[arg(long)]
        dir: PathBuf,
        /// The operator's login name (letters, digits, '-', '_', '.').
        name: String,
    },
}

#[derive(Subcommand)]
enum RosterCommand {
    /// Add the candidates of a CSV file (columns: `iin,name,ticket,format,language,extra_time,
    /// hall,seat,date,start`). Every bad line is reported by number; with any, nothing is added.
    Import {
        /// Key store directory.
        #[arg(long)]
        dir: PathBuf,
        /// The CSV file.
        file: PathBuf,
    },
}

fn roster_import(dir: &Path, file: &Path, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    KeyStore::open(dir)?;
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let numbered = match ustudy::center::roster::parse_lines(&text) {
        Ok(rows) => rows,
        Err(errors) => {
            let listed: Vec<String> = errors.iter().map(ToString::to_string).collect();
            anyhow::bail!(
                "{}: nothing imported; {}",
                file.display(),
                listed.join("; ")
            );
        }
    };
    let rows: Vec<_> = numbered.iter().map(|(_, row)| row.clone()).collect();
    let store = open_store(dir)?;
    match store.import_roster(&rows) {
        Ok(n) => {
            tracing::info!(candidates = n, "roster imported");
            writeln!(out, "imported: {n} candidates")?;
            Ok(())
        }
        Err(StoreError::OnRoster(iin)) => {
            let line = numbered
                .iter()
                .find(|(_, r)| r.iin == iin)
                .map_or(0, |(line, _)| *line);
            anyhow::bail!(
                "{}: nothing imported; line {line}: IIN {iin} is already on the roster",
                file.display()
            )
        }
        Err(e) => Err(e.into()),
    }
}

fn command_name(command: &Command) -> &'static str {
    match command {
        Command::Man { .. } => "man",
        Command::Init { .. } => "init",
        Command::Pack { .. } => "pack",
        Command::Demo { .. } => "demo",
        Command::StationKey { .. } => "station-key",
        Command::ImportJournal { .. } => "import-journal",
        Command::Inspect { .. } => "inspect",
        Command::Serve { .. } => "serve",
        Command::EnrollCode { .. } => "enroll-code",
        Command::Roster(_) => "roster import",
        Command::Operator(_) => "operator add",
        Command::KeySheet { .. } => "key-sheet",
        Command::UnlockCode { .. } => "unlock-code",
        Command::Status { .. } => "status",
        Command::Reissue { .. } => "reissue",
        Command::Import { .. } => "import",
        Command::Move { .. } => "move",
        Command::Migrate { .. } => "migrate",
        Command::Export { .. } => "export",
    }
}

fn migrate(dir: &Path, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    KeyStore::open(dir)?;
    let (db, ca) = STORE_AT.get().cloned().unwrap_or_default();
    let (was, now) = ustudy::center::store::migrate(dir, db.as_deref(), ca.as_deref())
        .context("migrating the center's store")?;
    if was == now {
        writeln!(out, "schema: version {now} (up to date)")?;
    } else {
        writeln!(out, "schema: version {now} (was {was})")?;
    }
    Ok(())
}

fn init(dir: &Path, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    let store = KeyStore::init(dir)?;
    let identity = ServerIdentity::ensure(dir)?;
    writeln!(out, "center key: {}", sign::key_id(&store.public()))?;
    writeln!(out, "public key: {}", hex::encode(&store.public()))?;
    writeln!(out, "certificate: {}", hex::encode(&identity.cert_sha256()))?;
    Ok(())
}

fn serve(
    dir: &Path,
    listen: &str,
    (max_connections, hall_refresh): (usize, Duration),
    out: &mut impl std::io::Write,
) -> anyhow::Result<()> {
    anyhow::ensure!(max_connections > 0, "--max-connections must be at least 1");
    let keys = KeyStore::open(dir)?;
    let identity = ServerIdentity::ensure(dir)?;
    let tls = identity.tls_config()?;
    let store = open_store(dir)?;
    store.ready()?;
    let listener =
        std::net::TcpListener::bind(listen).with_context(|| format!("listening on {listen}"))?;
    let addr = listener.local_addr()?;
    let center = Center::new(keys, store, identity).with_refresh(hall_refresh);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    tracing::info!(%addr, "serving");
    // Scripts and tests wait for this line.
    writeln!(out, "listening on https://{addr}")?;
    out.flush()?;
    runtime.block_on(server::serve(listener, center, tls, max_connections))?;
    Ok(())
}

fn enroll_code(
    dir: &Path,
    station: &str,
    (hall, seat): (&str, &str),
    valid_minutes: u32,
    out: &mut impl std::io::Write,
) -> anyhow::Result<()> {
    check_station_id(station)?;
    KeyStore::open(dir)?;
    let store = open_store(dir)?;
    let now = i64::try_from(journal::store::now_ms()).unwrap_or(i64::MAX);
    // Ids are short: another open code may hold this one; draw again.
    for _ in 0..8 {
        let code = protocol::enroll::new_code()?;
        let normalized = protocol::enroll::normalize(&code).context("a fresh code")?;
        let new = NewCode {
            id: protocol::enroll::code_id(&normalized).to_owned(),
            key: protocol::enroll::code_key(&normalized),
            station: station.to_owned(),
            hall: hall.to_owned(),
            seat: seat.to_owned(),
            created_ms: now,
            expires_ms: now.saturating_add(i64::from(valid_minutes) * 60_000),
        };
        match store.add_code(&new) {
            Err(StoreError::CodeClash) => continue,
            other => other?,
        }
        tracing::info!(station, hall, seat, valid_minutes, "enrollment code made");
        writeln!(out, "enroll-code: {code}")?;
        writeln!(
            out,
            "for station {station}, hall {hall}, seat {seat}; valid for {valid_minutes} minutes, once"
        )?;
        return Ok(());
    }
    anyhow::bail!("no free code id after 8 tries; let some codes expire or be used")
}

fn key_sheet(dir: &Path, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    let keys = KeyStore::open(dir)?;
    let mut list = ustudy::center::published::list(dir, &keys.public())?;
    list.sort_by(|a, b| a.package_id.cmp(&b.package_id));
    if list.is_empty() {
        anyhow::bail!(
            "no package is published in {}: run pack first",
            dir.display()
        );
    }
    writeln!(
        out,
        "U-STUDY key sheet, center {}",
        sign::key_id(&keys.public())
    )?;
    writeln!(
        out,
        "Type a key code at check-in only when the station cannot reach the center."
    )?;
    for info in &list {
        let key = keys.package_key(&info.seal_id)?;
        writeln!(out)?;
        writeln!(
            out,
            "{} ({}{}), seal {}",
            info.package_id,
            info.format,
            if info.sample { ", sample" } else { "" },
            info.seal_id
        )?;
        writeln!(out, "key-code: {}", keycode::encode(key.as_bytes()))?;
    }
    tracing::warn!(packages = list.len(), "key sheet printed");
    Ok(())
}

fn pack(
    dir: &Path,
    source: &Path,
    file: &Path,
    out: &mut impl std::io::Write,
) -> anyhow::Result<()> {
    let store = KeyStore::open(dir)?;
    let (manifest, paper) =
        package::load_source(source).with_context(|| format!("source {}", source.display()))?;
    let sealed = package::seal(&manifest, &paper, store.signer())?;
    // Write beside the target and rename, so a failed write never leaves half a package.
    let tmp = file.with_extension("sealed.tmp");
    std::fs::write(&tmp, &sealed.bytes).with_context(|| format!("writing {}", tmp.display()))?;
    store.put_package_key(&sealed.header.seal_id, &sealed.key)?;
    std::fs::rename(&tmp, file).with_context(|| format!("writing {}", file.display()))?;
    // Offered to stations whose hall has a candidate in its format.
    ustudy::center::published::publish(dir, &sealed.header, &sealed.bytes)
        .with_context(|| format!("publishing in {}", dir.display()))?;
    tracing::info!(package = %sealed.header.package_id, seal = %sealed.header.seal_id, "package sealed");
    writeln!(out, "{}", sealed.header.package_id)?;
    writeln!(out, "seal: {}", sealed.header.seal_id)?;
    Ok(())
}

fn station_key(dir: &Path, station: &str, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    let key = KeyStore::open(dir)?.create_station_key(station)?;
    // The key goes to stdout for the installer, never to the log.
    tracing::info!(station, "station link key created");
    writeln!(out, "{}", hex::encode(key.as_bytes()))?;
    Ok(())
}

fn import_journal(
    dir: &Path,
    station: &str,
    file: &Path,
    out: &mut impl std::io::Write,
) -> anyhow::Result<()> {
    let link = KeyStore::open(dir)?.station_key(station)?;
    tracing::info!(station, file = %file.display(), "importing a station's journal export");
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let work = tempfile::tempdir()?;
    let header = journal::export::import(&bytes, &link, work.path())?;
    writeln!(
        out,
        "export from station {station}, {} sessions",
        header.sessions.len()
    )?;
    let reports = journal::report::verify(work.path())?;
    for r in &reports {
        write!(out, "{r}")?;
    }
    let damaged = reports.iter().filter(|r| !r.intact()).count();
    anyhow::ensure!(damaged == 0, "{damaged} damaged session(s) in the export");
    Ok(())
}

fn demo(dir: &Path, sources: &Path, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    if !dir.join("center.key").exists() {
        init(dir, out)?;
    }
    for name in ["unt-2024", "unt-2021", "teacher-2024"] {
        let file = dir.join(format!("demo-{name}.pkg"));
        pack(dir, &sources.join(name), &file, out)?;
        writeln!(out, "file: {}", file.display())?;
        inspect(&file, Some(dir), out)?;
        writeln!(out)?;
    }
    // The demo candidates in hall 1, today (the demo packages are samples: any time).
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let rows: Vec<RosterRow> = ustudy::roster::demo()
        .into_iter()
        .zip(1..)
        .map(|(e, seat): (_, u32)| RosterRow {
            format: e.package.trim_start_matches("demo-").to_owned(),
            iin: e.iin,
            name: e.name,
            ticket: e.ticket,
            language: e.language.code().to_owned(),
            extra_time: e.extra_time,
            hall: "1".to_owned(),
            seat: seat.to_string(),
            date: today.clone(),
            start: "09:00".to_owned(),
        })
        .collect();
    let store = open_store(dir)?;
    match store.import_roster(&rows) {
        Ok(n) => writeln!(out, "roster: {n} demo candidates in hall 1")?,
        Err(StoreError::OnRoster(_)) => writeln!(out, "roster: the demo candidates are on it")?,
        Err(e) => return Err(e.into()),
    }
    drop(store);
    enroll_code(dir, "demo-1", ("1", "1"), 24 * 60, out)
}

fn inspect(file: &Path, dir: Option<&Path>, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let store = dir.map(KeyStore::open).transpose()?;
    let trusted = store.as_ref().map(KeyStore::public);
    let header = package::read_header(&bytes, trusted.as_ref())?;
    writeln!(out, "package: {}", header.package_id)?;
    writeln!(out, "seal: {}", header.seal_id)?;
    writeln!(out, "format: {}", header.format)?;
    for (lang, title) in &header.title {
        writeln!(out, "title ({}): {title}", lang.code())?;
    }
    let langs: Vec<&str> = header.languages.iter().map(|l| l.code()).collect();
    writeln!(out, "languages: {}", langs.join(", "))?;
    writeln!(out, "variant: {}", header.variant)?;
    writeln!(
        out,
        "sample: {}",
        if header.sample {
            "yes (not real test content)"
        } else {
            "no"
        }
    )?;
    writeln!(
        out,
        "signer: {}",
        sign::key_id(&hex::decode(&header.signer)?)
    )?;
    let Some(store) = store else {
        writeln!(
            out,
            "signature: valid (signer not checked: pass --dir to check it and decrypt)"
        )?;
        return Ok(());
    };
    writeln!(out, "signature: valid, signed by this center")?;
    let key = store.package_key(&header.seal_id)?;
    let (_, paper) = package::open(&bytes, &store.public(), &key)?;
    let format = &paper.format;
    for (block, range) in format.blocks.iter().zip(paper.block_ranges()) {
        let kinds: Vec<String> = [
            TaskKind::Single,
            TaskKind::Context,
            TaskKind::Matching,
            TaskKind::Multiple,
        ]
        .into_iter()
        .filter_map(|k| {
            let n = block.count_of(k);
            (n > 0).then(|| format!("{} {}", n, kind_name(k)))
        })
        .collect();
        let subject = paper.subject_of(&block.id).unwrap_or("?");
        writeln!(
            out,
            "block {} ({subject}): {} tasks, {} points, minimum {}: {}",
            block.id,
            range.len(),
            block.max_points(),
            block.minimum,
            kinds.join(", ")
        )?;
    }
    writeln!(out, "tasks: {}", paper.tasks.len())?;
    writeln!(out, "context groups: {}", paper.groups.len())?;
    writeln!(out, "media: {}", paper.media.len())?;
    writeln!(out, "minutes: {}", paper.base_minutes())?;
    writeln!(out, "extra minutes: {}", format.extra_minutes)?;
    for b in &format.breaks {
        let clock = if b.clock_runs {
            "clock runs"
        } else {
            "clock stops"
        };
        writeln!(
            out,
            "break: at minute {}, {} min, {clock}",
            b.at_minute, b.minutes
        )?;
    }
    let post = format.post;
    writeln!(
        out,
        "after the test: review {} min, decision {} min, appeal deadline {} min, card {} min",
        post.review_minutes, post.decision_minutes, post.appeal_deadline_minutes, post.card_minutes
    )?;
    writeln!(out, "max score: {}", format.max_score)?;
    for mark in &format.result.pass_marks {
        writeln!(
            out,
            "pass mark {}: {} points",
            mark.id,
            mark.threshold.points_of(format.max_score)
        )?;
    }
    Ok(())
}

fn kind_name(kind: TaskKind) -> &'static str {
    match kind {
        TaskKind::Single => "single",
        TaskKind::Multiple => "multiple",
        TaskKind::Context => "context",
        TaskKind::Matching => "matching",
    }
}
