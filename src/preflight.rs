//! The station's readiness check (`ustudy-station check`, and at start before any candidate
//! sits): the data directory on a local, writable disk with room; the journal in WAL with FULL
//! sync; a monotonic clock that moves; a display of at least 1280×720 and no second one; the
//! center reachable with its pinned certificate (enrolled stations); a virtual machine or a
//! remote session, warned about or refused as the configuration says. Each item is ok, warn or
//! fail with a finding the interface words in the proctor's language (`ui::errors::preflight`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// Free space below this fails the check (MiB).
pub const MIN_FREE_MB: u64 = 200;
/// Free space below this is a warning (MiB).
pub const LOW_FREE_MB: u64 = 1024;
/// The smallest display the screens are made for.
pub const MIN_DISPLAY: (u32, u32) = (1280, 720);

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Ready.
    Ok,
    /// Works, but the proctor should know.
    Warn,
    /// No candidate should sit here until it is fixed.
    Fail,
}

impl Level {
    /// `ok`, `warn` or `fail`, as `check` prints it.
    pub fn name(self) -> &'static str {
        match self {
            Level::Ok => "ok",
            Level::Warn => "warn",
            Level::Fail => "fail",
        }
    }
}

/// What a virtual machine or a remote session does to the check (`station.toml`:
/// `virtual_machine = "warn"` or `"refuse"`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VmPolicy {
    /// Say so and go on.
    #[default]
    Warn,
    /// Fail the check.
    Refuse,
}

/// What an item found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The data directory is writable (its path).
    DataDir(String),
    /// The data directory cannot be written (path, error).
    NotWritable(String, String),
    /// The data directory is on a network file system (its type).
    Network(String),
    /// Free space (MiB).
    Free(u64),
    /// Free space is short (MiB free).
    LowFree(u64),
    /// Free space could not be read (why).
    FreeUnknown(String),
    /// The journal opens in WAL with FULL sync.
    Journal,
    /// The journal does not open as it must (why).
    JournalFailed(String),
    /// The monotonic clock moved as it should (ms over a 20 ms sleep).
    Clock(u64),
    /// The monotonic clock did not move as it should (ms over a 20 ms sleep).
    ClockBroken(u64),
    /// The display's size and how many there are.
    Display(u32, u32, usize),
    /// The display is smaller than 1280×720.
    SmallDisplay(u32, u32),
    /// More than one display.
    SeveralDisplays(usize),
    /// No display could be read (why).
    NoDisplay(String),
    /// The center answered, with the pinned certificate.
    Center,
    /// No center: the demo keeps everything on the station.
    NoCenter,
    /// The center did not answer or its certificate is not the pinned one (why).
    CenterFailed(String),
    /// A physical machine, used locally.
    Machine,
    /// A virtual machine (what gave it away).
    Virtual(String),
    /// A remote session (what gave it away).
    Remote(String),
}

/// One line of the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// How bad.
    pub level: Level,
    /// What was found.
    pub finding: Finding,
}

impl Check {
    fn new(level: Level, finding: Finding) -> Check {
        Check { level, finding }
    }

    /// The item's short name (`data-dir`, `free-space`, `journal`, `clock`, `display`,
    /// `center`, `machine`).
    pub fn item(&self) -> &'static str {
        match self.finding {
            Finding::DataDir(_) | Finding::NotWritable(..) | Finding::Network(_) => "data-dir",
            Finding::Free(_) | Finding::LowFree(_) | Finding::FreeUnknown(_) => "free-space",
            Finding::Journal | Finding::JournalFailed(_) => "journal",
            Finding::Clock(_) | Finding::ClockBroken(_) => "clock",
            Finding::Display(..)
            | Finding::SmallDisplay(..)
            | Finding::SeveralDisplays(_)
            | Finding::NoDisplay(_) => "display",
            Finding::Center | Finding::NoCenter | Finding::CenterFailed(_) => "center",
            Finding::Machine | Finding::Virtual(_) | Finding::Remote(_) => "machine",
        }
    }
}

/// The worst level of `checks`.
pub fn worst(checks: &[Check]) -> Level {
    checks.iter().map(|c| c.level).max().unwrap_or(Level::Ok)
}

/// Network file systems the journal must not live on: their locks and syncs are not what `SQLite` needs.
const NETWORK_FS: [&str; 9] = [
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "fuse.sshfs",
    "sshfs",
    "9p",
    "afs",
];

/// The data directory: it exists (made owner-only if not), a file can be written and synced in it, and it
/// is not on a network file system.
pub fn data_dir(dir: &Path) -> Check {
    let shown = dir.display().to_string();
    let probe = dir.join(".preflight-probe");
    let written = crate::private::create_dir(dir).and_then(|()| {
        use std::io::Write as _;
        let mut f = std::fs::File::create(&probe)?;
        f.write_all(b"ustudy preflight")?;
        f.sync_all()
    });
    let _ = std::fs::remove_file(&probe);
    if let Err(e) = written {
        return Check::new(Level::Fail, Finding::NotWritable(shown, e.to_string()));
    }
    match fs_type(dir) {
        Some(fs) if NETWORK_FS.contains(&fs.as_str()) => {
            Check::new(Level::Fail, Finding::Network(fs))
        }
        _ => Check::new(Level::Ok, Finding::DataDir(shown)),
    }
}

/// The file system type of the mount `dir` is on (Linux: the longest mount point of
/// `/proc/mounts` that contains it).
fn fs_type(dir: &Path) -> Option<String> {
    let dir = std::fs::canonicalize(dir).ok()?;
    let mounts = std::fs::read_to_string("/proc/mounts").ok()?;
    mounts
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let (_, point, fs) = (f.next()?, f.next()?, f.next()?);
            dir.starts_with(point).then(|| (point.len(), fs.to_owned()))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, fs)| fs)
}

/// Free space on the data directory's disk.
pub fn free_space(dir: &Path) -> Check {
    match free_mb(dir) {
        Ok(mb) if mb < MIN_FREE_MB => Check::new(Level::Fail, Finding::LowFree(mb)),
        Ok(mb) if mb < LOW_FREE_MB => Check::new(Level::Warn, Finding::LowFree(mb)),
        Ok(mb) => Check::new(Level::Ok, Finding::Free(mb)),
        Err(e) => Check::new(Level::Warn, Finding::FreeUnknown(e)),
    }
}

fn free_mb(dir: &Path) -> Result<u64, String> {
    fs4::available_space(dir)
        .map(|bytes| bytes / (1024 * 1024))
        .map_err(|e| e.to_string())
}

/// The journal opens in WAL with FULL sync (it refuses to open otherwise).
pub fn journal(dir: &Path) -> Check {
    match crate::journal::Journal::open(dir) {
        Ok(_) => Check::new(Level::Ok, Finding::Journal),
        Err(e) => Check::new(Level::Fail, Finding::JournalFailed(e.to_string())),
    }
}

/// The monotonic clock moves as a 20 ms sleep says it should.
pub fn clock() -> Check {
    let before = Instant::now();
    std::thread::sleep(Duration::from_millis(20));
    let ms = u64::try_from(before.elapsed().as_millis()).unwrap_or(u64::MAX);
    clock_verdict(ms)
}

fn clock_verdict(ms: u64) -> Check {
    if (20..2_000).contains(&ms) {
        Check::new(Level::Ok, Finding::Clock(ms))
    } else {
        Check::new(Level::Fail, Finding::ClockBroken(ms))
    }
}

/// The display: the sizes of the monitors (physical pixels), or why they could not be read.
pub fn display(monitors: Result<Vec<(u32, u32)>, String>) -> Check {
    let monitors = match monitors {
        Ok(m) if !m.is_empty() => m,
        Ok(_) => return Check::new(Level::Fail, Finding::NoDisplay("no monitor".to_owned())),
        Err(e) => return Check::new(Level::Fail, Finding::NoDisplay(e)),
    };
    let (w, h) = monitors[0];
    // Smaller halls' monitors (1024×768) still work, with less room: a warning.
    if w < MIN_DISPLAY.0 || h < MIN_DISPLAY.1 {
        return Check::new(Level::Warn, Finding::SmallDisplay(w, h));
    }
    if monitors.len() > 1 {
        return Check::new(Level::Warn, Finding::SeveralDisplays(monitors.len()));
    }
    Check::new(Level::Ok, Finding::Display(w, h, 1))
}

/// Several displays seen while the window runs (a warning for the proctor).
pub fn several_displays(count: usize) -> Check {
    Check::new(Level::Warn, Finding::SeveralDisplays(count))
}

/// The center: reached with its pinned certificate, or not; none for the demo.
pub fn center(reached: Option<Result<(), String>>) -> Check {
    match reached {
        None => Check::new(Level::Ok, Finding::NoCenter),
        Some(Ok(())) => Check::new(Level::Ok, Finding::Center),
        Some(Err(e)) => Check::new(Level::Fail, Finding::CenterFailed(e)),
    }
}

/// What the machine's own description and the session's environment say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Machine {
    /// DMI vendor and product (Linux `/sys/class/dmi/id`), lower case.
    pub dmi: String,
    /// Whether the CPU says it runs under a hypervisor (`/proc/cpuinfo` flag).
    pub hypervisor: bool,
    /// Environment variables that betray a remote session, with their values.
    pub remote_env: Vec<(String, String)>,
}

impl Machine {
    /// Reads this machine's description and session.
    pub fn here() -> Machine {
        let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
        let dmi = format!(
            "{} {} {}",
            read("/sys/class/dmi/id/sys_vendor").trim(),
            read("/sys/class/dmi/id/product_name").trim(),
            read("/sys/class/dmi/id/board_vendor").trim()
        )
        .to_lowercase();
        let hypervisor = read("/proc/cpuinfo")
            .lines()
            .any(|l| l.starts_with("flags") && l.split_whitespace().any(|f| f == "hypervisor"));
        let remote_env = [
            "SSH_CONNECTION",
            "SSH_CLIENT",
            "XRDP_SESSION",
            "SESSIONNAME",
            "DISPLAY",
        ]
        .iter()
        .filter_map(|k| std::env::var(k).ok().map(|v| ((*k).to_owned(), v)))
        .collect();
        Machine {
            dmi,
            hypervisor,
            remote_env,
        }
    }
}

const VM_VENDORS: [&str; 9] = [
    "qemu",
    "kvm",
    "virtualbox",
    "vmware",
    "xen",
    "bochs",
    "parallels",
    "hyper-v",
    "virtual machine",
];

/// A virtual machine or a remote session, as the policy says.
pub fn machine(m: &Machine, policy: VmPolicy) -> Check {
    let level = match policy {
        VmPolicy::Warn => Level::Warn,
        VmPolicy::Refuse => Level::Fail,
    };
    let remote = m.remote_env.iter().find(|(k, v)| match k.as_str() {
        "SESSIONNAME" => v.to_uppercase().starts_with("RDP-"),
        // A DISPLAY with a host before the colon is an X session forwarded over the network.
        "DISPLAY" => v
            .split(':')
            .next()
            .is_some_and(|host| !host.is_empty() && host != "unix"),
        _ => !v.is_empty(),
    });
    if let Some((k, v)) = remote {
        return Check::new(level, Finding::Remote(format!("{k}={v}")));
    }
    if let Some(vendor) = VM_VENDORS.iter().find(|v| m.dmi.contains(*v)) {
        return Check::new(level, Finding::Virtual((*vendor).to_owned()));
    }
    if m.hypervisor {
        return Check::new(level, Finding::Virtual("cpu: hypervisor".to_owned()));
    }
    Check::new(Level::Ok, Finding::Machine)
}

/// Every check but the display and the center (which need the window system and the network):
/// the data directory, its space, the journal, the clock, the machine.
pub fn local(dir: &Path, policy: VmPolicy) -> Vec<Check> {
    let mut checks = vec![data_dir(dir)];
    // Space and the journal only mean something on a directory that can be written.
    if checks[0].level != Level::Fail {
        checks.push(free_space(dir));
        checks.push(journal(dir));
    }
    checks.push(clock());
    checks.push(machine(&Machine::here(), policy));
    checks
}

/// The station's own readiness check, run in the background once its window shows: the clock
/// item alone sleeps 20 ms and the journal item syncs a probe, which the first frame must not
/// wait for (the admin and lock screens show the findings when they arrive).
#[derive(Debug, Clone)]
pub struct AtStart {
    /// The station's data directory.
    pub data_dir: PathBuf,
    /// What a virtual machine or remote session does.
    pub vm: VmPolicy,
}

impl AtStart {
    /// The local items; what is wanting goes to the log.
    pub fn run(&self) -> Vec<Check> {
        let checks = local(&self.data_dir, self.vm);
        for c in checks.iter().filter(|c| c.level != Level::Ok) {
            tracing::warn!(item = c.item(), level = c.level.name(), finding = ?c.finding, "readiness check");
        }
        tracing::info!(worst = worst(&checks).name(), "readiness check done");
        checks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_writable_local_directory_with_room_and_a_working_journal_pass() {
        let dir = tempfile::tempdir().unwrap();
        let checks = local(dir.path(), VmPolicy::Warn);
        for c in checks.iter().filter(|c| c.item() != "machine") {
            assert_eq!(c.level, Level::Ok, "{c:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_directory_that_cannot_be_written_fails() {
        // A file where the directory should be: nothing can be made under it.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        std::fs::write(&file, b"x").unwrap();
        let c = data_dir(&file.join("data"));
        assert_eq!(c.level, Level::Fail);
        assert!(matches!(c.finding, Finding::NotWritable(..)), "{c:?}");
    }

    #[test]
    fn displays_clocks_and_machines_are_judged() {
        assert_eq!(display(Ok(vec![(1920, 1080)])).level, Level::Ok);
        let small = display(Ok(vec![(1024, 768)]));
        assert_eq!(small.finding, Finding::SmallDisplay(1024, 768));
        assert_eq!(small.level, Level::Warn, "the exam still works there");
        assert_eq!(
            display(Ok(vec![(1920, 1080), (1280, 1024)])).level,
            Level::Warn
        );
        assert_eq!(display(Err("none".into())).level, Level::Fail);
        assert_eq!(clock_verdict(21).level, Level::Ok);
        assert_eq!(clock_verdict(0).level, Level::Fail);
        let vm = Machine {
            dmi: "qemu standard pc (q35 + ich9, 2009)".into(),
            ..Machine::default()
        };
        assert_eq!(machine(&vm, VmPolicy::Warn).level, Level::Warn);
        assert_eq!(machine(&vm, VmPolicy::Refuse).level, Level::Fail);
        let rdp = Machine {
            remote_env: vec![("SESSIONNAME".into(), "RDP-Tcp#3".into())],
            ..Machine::default()
        };
        assert!(matches!(
            machine(&rdp, VmPolicy::Warn).finding,
            Finding::Remote(_)
        ));
        let local = Machine {
            dmi: "dell inc. optiplex 7010".into(),
            remote_env: vec![("DISPLAY".into(), ":0".into())],
            hypervisor: false,
        };
        assert_eq!(machine(&local, VmPolicy::Refuse).level, Level::Ok);
        let forwarded = Machine {
            remote_env: vec![("DISPLAY".into(), "localhost:10.0".into())],
            ..Machine::default()
        };
        assert_eq!(machine(&forwarded, VmPolicy::Refuse).level, Level::Fail);
        assert_eq!(center(Some(Err("refused".into()))).level, Level::Fail);
        assert_eq!(center(None).level, Level::Ok);
    }
}
