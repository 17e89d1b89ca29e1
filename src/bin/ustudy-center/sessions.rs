//! The operator's commands about sessions the center holds: `status`, `export` (results and
//! appeals, re-scored), `import` (an enrolled station's offline export) and `reissue` (a second
//! sitting, with its reason), and `unlock-code` (a one-time code for a held station).

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use ustudy::center::KeyStore;
use ustudy::center::identity::ServerIdentity;
use ustudy::center::store::HeldSession;
use ustudy::exam::Paper;

pub fn reissue(
    dir: &Path,
    iin: &str,
    reason: &str,
    out: &mut impl std::io::Write,
) -> anyhow::Result<()> {
    KeyStore::open(dir)?;
    anyhow::ensure!(
        reason.trim().chars().count() >= 5,
        "say why the candidate sits again (--reason, at least 5 characters): it is kept with the record"
    );
    let store = super::open_store(dir)?;
    let now = i64::try_from(ustudy::journal::store::now_ms()).unwrap_or(i64::MAX);
    let station = store.reissue(iin, reason.trim(), now)?;
    tracing::warn!(station = %station, "a candidate's sitting was re-issued by the operator");
    writeln!(
        out,
        "re-issued: the candidate may sit again (the first sitting was on station {station})"
    )?;
    Ok(())
}

/// `operator add`: one line of standard input is the password.
pub fn operator_add(dir: &Path, name: &str, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    use std::io::IsTerminal as _;
    use ustudy::center::operators;
    KeyStore::open(dir)?;
    operators::check_name(name)?;
    let store = super::open_store(dir)?;
    if store.operator_hash(name)?.is_some() {
        anyhow::bail!("an operator named {name} exists already");
    }
    let terminal = std::io::stdin().is_terminal();
    if terminal {
        eprint!(
            "password for {name} (at least {} characters): ",
            operators::MIN_PASSWORD
        );
    }
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let password = line.trim_end_matches(['\n', '\r']);
    let hash = operators::hash(password)?;
    let now = i64::try_from(ustudy::journal::store::now_ms()).unwrap_or(i64::MAX);
    store.add_operator(name, &hash, now)?;
    tracing::info!(operator = %name, "a dashboard operator was added");
    writeln!(out, "operator {name} added: log in at https://CENTER/hall")?;
    Ok(())
}

pub fn unlock_code(
    dir: &Path,
    station: &str,
    challenge: &str,
    out: &mut impl std::io::Write,
) -> anyhow::Result<()> {
    use ustudy::protocol::unlock;
    KeyStore::open(dir)?;
    let challenge = challenge.trim();
    anyhow::ensure!(
        challenge.len() == unlock::CHALLENGE_DIGITS
            && challenge.chars().all(|c| c.is_ascii_digit()),
        "the challenge is the {} digits the station shows under \"one-time code\"",
        unlock::CHALLENGE_DIGITS
    );
    let identity = ServerIdentity::ensure(dir)?;
    let store = super::open_store(dir)?;
    let enrolled = store
        .station(station)?
        .with_context(|| format!("no station named {station} is enrolled here"))?;
    let secret = identity.unlock_secret(&enrolled.agree_public)?;
    let now = ustudy::journal::store::now_ms() / 1000;
    let code = unlock::code(&secret, &enrolled.name, challenge, unlock::window(now));
    tracing::warn!(station = %enrolled.name, "a one-time unlock code was made");
    writeln!(out, "unlock-code: {}-{}", &code[..4], &code[4..])?;
    Ok(())
}

pub fn import(dir: &Path, file: &Path, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    KeyStore::open(dir)?;
    let identity = ServerIdentity::ensure(dir)?;
    let store = super::open_store(dir)?;
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let export = ustudy::center::offline::parse(&bytes)?;
    let now = i64::try_from(ustudy::journal::store::now_ms()).unwrap_or(i64::MAX);
    let held = ustudy::center::offline::import(&*store, &identity, &export, now).inspect_err(|e| {
        tracing::warn!(file = %file.display(), error = %e, "security: an offline export was refused");
    })?;
    tracing::info!(station = %export.station, sessions = held.len(), "offline export imported");
    writeln!(
        out,
        "export from station {}: {} sessions",
        export.station,
        held.len()
    )?;
    for (session, h) in &held {
        writeln!(
            out,
            "session {session}: {} records held ({} new){}",
            h.seq + 1,
            h.added,
            h.flag
                .as_deref()
                .map_or_else(String::new, |f| format!(", FLAGGED: {f}"))
        )?;
    }
    Ok(())
}

pub fn status(dir: &Path, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    KeyStore::open(dir)?;
    let store = super::open_store(dir)?;
    let sessions = store.sessions()?;
    let now = i64::try_from(ustudy::journal::store::now_ms()).unwrap_or(i64::MAX);
    let ago = |ms: i64| format!("{} s ago", (now - ms).max(0) / 1000);
    let stations = store.stations()?;
    writeln!(out, "stations: {}", stations.len())?;
    for st in &stations {
        let last = sessions
            .iter()
            .filter(|s| s.station == st.name)
            .map(|s| s.last_ms)
            .max();
        let held = sessions.iter().filter(|s| s.station == st.name).count();
        writeln!(
            out,
            "  {} (hall {}, seat {}): {held} sessions, last contact {}",
            st.name,
            st.hall,
            st.seat,
            last.map_or_else(|| "never".to_owned(), ago)
        )?;
    }
    writeln!(out, "sessions: {}", sessions.len())?;
    for s in &sessions {
        writeln!(
            out,
            "  {} on {}: {} records held, {} waiting at the station's last batch, last batch {}{}",
            s.id,
            s.station,
            s.held_seq + 1,
            (s.station_head - s.held_seq).max(0),
            ago(s.last_ms),
            s.flag
                .as_deref()
                .map_or_else(String::new, |f| format!(", FLAGGED: {f}"))
        )?;
    }
    Ok(())
}

/// The paper of a held session's package, opened with the center's own key.
fn paper_of(dir: &Path, keys: &KeyStore, held: &HeldSession) -> Result<Paper, String> {
    ustudy::center::published::open_paper(dir, keys, &held.seal_id)
}

/// A file written under a name of its own beside `path`, and put at `path` only once whole:
/// an export cut short (a full disk, a database gone) leaves no table that looks complete.
struct Partial {
    path: PathBuf,
    part: PathBuf,
    out: BufWriter<File>,
    done: bool,
}

impl Partial {
    fn create(path: &Path) -> anyhow::Result<Partial> {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".partial");
        let part = path.with_file_name(name);
        let file = File::create(&part).with_context(|| format!("writing {}", part.display()))?;
        Ok(Partial {
            path: path.to_path_buf(),
            part,
            out: BufWriter::new(file),
            done: false,
        })
    }

    /// Writes what is left, makes it durable and puts it in place.
    fn finish(mut self) -> anyhow::Result<()> {
        use std::io::Write as _;
        let what = format!("writing {}", self.path.display());
        self.out.flush().context(what.clone())?;
        self.out.get_ref().sync_all().context(what.clone())?;
        std::fs::rename(&self.part, &self.path).context(what)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        // Not finished: what was written goes.
        if !self.done {
            let _ = std::fs::remove_file(&self.part);
        }
    }
}

pub fn export(dir: &Path, file: &Path, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    use serde::ser::{SerializeSeq as _, Serializer as _};
    use std::io::Write as _;
    use ustudy::center::results;
    let keys = KeyStore::open(dir)?;
    let store = super::open_store(dir)?;
    // Each package is opened once, however many sessions ran it.
    let papers: RefCell<HashMap<String, Paper>> = RefCell::default();
    let paper = |held: &HeldSession| {
        if let Some(paper) = papers.borrow().get(&held.seal_id) {
            return Ok(paper.clone());
        }
        let paper = paper_of(dir, &keys, held)?;
        papers
            .borrow_mut()
            .insert(held.seal_id.clone(), paper.clone());
        Ok(paper)
    };
    let beside = |suffix: &str| {
        let stem = file.file_stem().map_or_else(
            || "results".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        file.with_file_name(format!("{stem}.{suffix}"))
    };
    let (results_csv, appeals_csv) = (beside("results.csv"), beside("appeals.csv"));
    let mut json = Partial::create(file)?;
    let mut table = Partial::create(&results_csv)?;
    let mut appeals = Partial::create(&appeals_csv)?;
    table.out.write_all(results::results_header().as_bytes())?;
    appeals
        .out
        .write_all(results::appeals_header().as_bytes())?;
    // Written as each session is scored: a test day is never held in memory whole.
    let (mut sessions, mut unscored, mut flagged) = (0usize, 0usize, 0usize);
    let mut list = serde_json::Serializer::with_formatter(
        &mut json.out,
        serde_json::ser::PrettyFormatter::new(),
    );
    let mut list = list.serialize_seq(None)?;
    results::each(&*store, paper, |r| -> anyhow::Result<()> {
        sessions += 1;
        unscored += usize::from(r.problem.is_some());
        flagged += usize::from(r.flag.is_some());
        table.out.write_all(results::results_rows(&r).as_bytes())?;
        appeals
            .out
            .write_all(results::appeals_rows(&r).as_bytes())?;
        list.serialize_element(&r)?;
        Ok(())
    })?;
    list.end()?;
    json.finish()?;
    table.finish()?;
    appeals.finish()?;
    writeln!(
        out,
        "sessions: {sessions} ({unscored} could not be scored, {flagged} flagged)"
    )?;
    writeln!(out, "results: {}", file.display())?;
    writeln!(out, "results-csv: {}", results_csv.display())?;
    writeln!(out, "appeals-csv: {}", appeals_csv.display())?;
    Ok(())
}
