//! `ustudy-station kiosk enable|disable`: turns a hall PC into a station that boots straight into
//! the lock screen, and back. Enabling makes the unprivileged kiosk user (in the `ustudy` group,
//! its home under /var/lib/ustudy), switches off the magic `SysRq` keys, masks Ctrl+Alt+Del, enables the
//! `ustudy-kiosk` unit (Debian's cage compositor on the first console running only the
//! station; console switching off in its keymap) and boots to it. Disabling undoes each step.
//! The steps are a plan (`plan`) printed with `--dry-run` and tested; running them needs root.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The kiosk user.
pub const USER: &str = "ustudy-kiosk";
/// Its home (its demo journal lives here until the station is enrolled).
pub const HOME: &str = "/var/lib/ustudy/kiosk";
/// The station's data directory on an installed PC.
pub const DATA: &str = "/var/lib/ustudy";
/// The unit that runs cage with the station.
pub const UNIT: &str = "ustudy-kiosk.service";
/// The sysctl drop-in that switches the magic `SysRq` keys off.
pub const SYSCTL: &str = "/etc/sysctl.d/90-ustudy-kiosk.conf";
/// Where enabling keeps the boot target it replaced, for disabling to restore.
pub const SAVED_TARGET: &str = "/var/lib/ustudy/.kiosk-previous-target";

/// What the system looked like before: the kiosk user, the device groups it has, the boot
/// target (and, on disable, the one enabling replaced).
#[derive(Debug, Clone, Default)]
pub struct Before {
    /// The kiosk user is there.
    pub user_exists: bool,
    /// The device groups the system has.
    pub groups: Vec<String>,
    /// `systemctl get-default` now.
    pub target: Option<String>,
    /// The target enabling replaced (read from `SAVED_TARGET`).
    pub saved_target: Option<String>,
}

/// One step of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Run a program; `may_fail` steps only warn (a missing user on disable, no running
    /// systemd in a container).
    Run {
        /// The program and its arguments.
        argv: Vec<String>,
        /// Whether a failure is only a warning.
        may_fail: bool,
    },
    /// Write a file.
    Write(PathBuf, String),
    /// Remove a file if it is there.
    Remove(PathBuf),
}

fn run(argv: &[&str], may_fail: bool) -> Step {
    Step::Run {
        argv: argv.iter().map(|s| (*s).to_owned()).collect(),
        may_fail,
    }
}

/// The boot target of a graphical session.
const GRAPHICAL: &str = "graphical.target";

/// Groups that give the compositor the screen and the input devices, where the system has them.
const DEVICE_GROUPS: [&str; 3] = ["video", "input", "render"];

/// The steps that enable (`true`) or disable the kiosk, in order, given the system `before`.
pub fn plan(enable: bool, before: &Before) -> Vec<Step> {
    let groups = &before.groups;
    if enable {
        let mut steps = Vec::new();
        if !before.user_exists {
            let mut argv = vec![
                "useradd",
                "--system",
                "--home-dir",
                HOME,
                "--create-home",
                "--shell",
                "/usr/sbin/nologin",
                "--gid",
                "ustudy",
            ];
            let joined = groups.join(",");
            if !groups.is_empty() {
                argv.extend(["--groups", joined.as_str()]);
            }
            argv.push(USER);
            steps.push(run(&argv, false));
        }
        // The station runs as the kiosk user: the journals and keys `enroll` made as root
        // become its own (enable again after enrolling later).
        steps.push(run(
            &["chown", "-R", &format!("{USER}:ustudy"), DATA],
            false,
        ));
        steps.extend([
            Step::Write(
                SYSCTL.into(),
                "# U-STUDY kiosk: no magic SysRq keys on an exam station.\nkernel.sysrq = 0\n"
                    .to_owned(),
            ),
            run(&["sysctl", "--quiet", "--load", SYSCTL], true),
            run(&["systemctl", "mask", "ctrl-alt-del.target"], false),
            run(&["systemctl", "enable", UNIT], false),
        ]);
        // Boot to the kiosk, remembering what the system booted to (once: a second enable
        // must not remember the kiosk's own target).
        if let Some(target) = before.target.as_deref().filter(|t| *t != GRAPHICAL)
            && before.saved_target.is_none()
        {
            steps.push(Step::Write(SAVED_TARGET.into(), format!("{target}\n")));
        }
        steps.push(run(&["systemctl", "set-default", GRAPHICAL], false));
        steps
    } else {
        let mut steps = vec![
            run(&["systemctl", "disable", UNIT], true),
            run(&["systemctl", "unmask", "ctrl-alt-del.target"], true),
            Step::Remove(SYSCTL.into()),
            run(&["sysctl", "--quiet", "--system"], true),
        ];
        if let Some(target) = &before.saved_target {
            steps.push(run(&["systemctl", "set-default", target], false));
            steps.push(Step::Remove(SAVED_TARGET.into()));
        }
        // The user goes; its home (a demo journal, perhaps) stays under /var/lib/ustudy, given
        // back to root and the ustudy group.
        steps.push(run(&["chown", "-R", "root:ustudy", DATA], true));
        steps.push(run(&["userdel", USER], !before.user_exists));
        steps
    }
}

fn known(database: &str, name: &str) -> bool {
    Command::new("getent")
        .args([database, name])
        .output()
        .is_ok_and(|o| o.status.success())
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Step::Run { argv, .. } => write!(f, "run: {}", argv.join(" ")),
            Step::Write(path, _) => write!(f, "write: {}", path.display()),
            Step::Remove(path) => write!(f, "remove: {}", path.display()),
        }
    }
}

fn perform(step: &Step) -> Result<(), String> {
    match step {
        Step::Run { argv, may_fail } => {
            let status = Command::new(&argv[0]).args(&argv[1..]).status();
            match status {
                Ok(s) if s.success() => Ok(()),
                _ if *may_fail => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "ustudy-station: warning: {step} did not succeed"
                    );
                    Ok(())
                }
                Ok(s) => Err(format!("{step}: {s}")),
                Err(e) => Err(format!("{step}: {e}")),
            }
        }
        Step::Write(path, text) => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{step}: {e}"))?;
            }
            std::fs::write(path, text).map_err(|e| format!("{step}: {e}"))
        }
        Step::Remove(path) => match std::fs::remove_file(path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(format!("{step}: {e}")),
        },
    }
}

/// Whether this process runs as root (the effective user id in `/proc/self/status`).
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status
            .lines()
            .find_map(|l| l.strip_prefix("Uid:"))
            .and_then(|ids| ids.split_whitespace().nth(1))
            == Some("0")
    })
}

/// Enables or disables the kiosk (or prints the plan with `dry_run`).
pub fn kiosk(enable: bool, dry_run: bool) -> ExitCode {
    let before = Before {
        user_exists: known("passwd", USER),
        groups: DEVICE_GROUPS
            .into_iter()
            .filter(|g| known("group", g))
            .map(str::to_owned)
            .collect(),
        target: Command::new("systemctl")
            .arg("get-default")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .filter(|t| !t.is_empty()),
        saved_target: std::fs::read_to_string(SAVED_TARGET)
            .ok()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty()),
    };
    let steps = plan(enable, &before);
    let mut out = std::io::stdout().lock();
    if dry_run {
        for step in &steps {
            let _ = writeln!(out, "{step}");
        }
        return ExitCode::SUCCESS;
    }
    if cfg!(windows) {
        let _ = writeln!(
            std::io::stderr(),
            "ustudy-station: the kiosk command is for Debian and Ubuntu; on Windows make the \
             station the hall account's shell with Shell Launcher or Assigned Access (README, \
             \"Installing on a Windows hall PC\")"
        );
        return ExitCode::from(2);
    }
    if !is_root() {
        let _ = writeln!(
            std::io::stderr(),
            "ustudy-station: kiosk {} changes users and system services: run it as root \
             (sudo ustudy-station kiosk {0}); --dry-run shows the steps without root",
            if enable { "enable" } else { "disable" }
        );
        return ExitCode::from(2);
    }
    if !Path::new(&format!("/usr/lib/systemd/system/{UNIT}")).exists()
        && !Path::new(&format!("/lib/systemd/system/{UNIT}")).exists()
    {
        let _ = writeln!(
            std::io::stderr(),
            "ustudy-station: the {UNIT} unit is not installed (install the station's deb package)"
        );
        return ExitCode::from(2);
    }
    for step in &steps {
        let _ = writeln!(out, "{step}");
        if let Err(e) = perform(step) {
            let _ = writeln!(std::io::stderr(), "ustudy-station: {e}");
            return ExitCode::FAILURE;
        }
    }
    let _ = writeln!(
        out,
        "{}",
        if enable {
            "kiosk enabled: the station starts on the first console at the next boot"
        } else {
            "kiosk disabled"
        }
    );
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argvs(steps: &[Step]) -> Vec<String> {
        steps.iter().map(ToString::to_string).collect()
    }

    fn before(user_exists: bool, groups: &[&str]) -> Before {
        Before {
            user_exists,
            groups: groups.iter().map(|g| (*g).to_owned()).collect(),
            target: Some("multi-user.target".to_owned()),
            saved_target: None,
        }
    }

    #[test]
    fn enabling_makes_the_user_switches_off_sysrq_and_ctrl_alt_del_and_boots_to_the_unit() {
        let steps = argvs(&plan(true, &before(false, &["video", "input"])));
        assert!(steps[0].starts_with("run: useradd --system"), "{steps:?}");
        assert!(
            steps[0].contains("--groups video,input ustudy-kiosk"),
            "{steps:?}"
        );
        // A system without those groups still gets its kiosk user.
        assert!(!argvs(&plan(true, &before(false, &[])))[0].contains("--groups"));
        assert!(steps.contains(&format!("run: chown -R {USER}:ustudy {DATA}")));
        assert!(steps.contains(&format!("write: {SYSCTL}")));
        assert!(steps.contains(&"run: systemctl mask ctrl-alt-del.target".to_owned()));
        assert!(steps.contains(&format!("run: systemctl enable {UNIT}")));
        // The boot target it replaces is kept, once.
        assert!(steps.contains(&format!("write: {SAVED_TARGET}")));
        assert_eq!(
            steps.last().map(String::as_str),
            Some("run: systemctl set-default graphical.target")
        );
        let again = Before {
            saved_target: Some("multi-user.target".to_owned()),
            target: Some(GRAPHICAL.to_owned()),
            ..before(true, &[])
        };
        let again = argvs(&plan(true, &again));
        assert!(!again[0].contains("useradd"));
        assert!(!again.contains(&format!("write: {SAVED_TARGET}")));
    }

    #[test]
    fn disabling_undoes_every_step_of_enabling() {
        let enabled = Before {
            saved_target: Some("multi-user.target".to_owned()),
            target: Some(GRAPHICAL.to_owned()),
            ..before(true, &[])
        };
        let undo = argvs(&plan(false, &enabled));
        assert!(undo.contains(&format!("run: systemctl disable {UNIT}")));
        assert!(undo.contains(&"run: systemctl unmask ctrl-alt-del.target".to_owned()));
        assert!(undo.contains(&format!("remove: {SYSCTL}")));
        assert!(undo.contains(&"run: systemctl set-default multi-user.target".to_owned()));
        assert!(undo.contains(&format!("remove: {SAVED_TARGET}")));
        assert!(undo.contains(&format!("run: chown -R root:ustudy {DATA}")));
        assert!(undo.contains(&format!("run: userdel {USER}")));
    }
}
