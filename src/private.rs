//! Files and folders only their owner may read: the station's and the center's keys and the data
//! directory that holds them. On Unix that is mode 0600 for files and 0700 for a folder the
//! program makes. On Windows the folder is the unit of protection: a data folder the station
//! makes stops inheriting, loses the entries of Users, Authenticated Users and Everyone, and
//! grants full control to the running account; what is left are SYSTEM and Administrators (the
//! equivalent of root passing 0600). Files made inside inherit exactly that. A folder given to
//! the station ready-made (the MSI's `ProgramData\U-STUDY\data`, locked to the account named at
//! install) keeps its own ACL. The system's `icacls` sets it (no unsafe code here).

use std::io::Write as _;
use std::path::Path;

/// Creates `dir` (and its parents) if it does not exist yet and, when this call made it, makes
/// it owner-only. A folder that already exists keeps the permissions it was given (the deb's
/// `/var/lib/ustudy`, the MSI's `ProgramData\U-STUDY\data`).
pub fn create_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    restrict(dir, true)
}

/// Writes a new owner-only file at `path`: `create_new` refuses to overwrite one that exists.
/// The bytes reach the disk before this returns.
pub fn write(path: &Path, bytes: &[u8], create_new: bool) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if create_new {
        options.create_new(true);
    } else {
        options.create(true).truncate(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    restrict(path, false)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(unix)]
fn restrict(path: &Path, folder: bool) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    // Files are made with 0600 already (umask can only take bits away).
    if folder {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(windows)]
fn restrict(path: &Path, folder: bool) -> std::io::Result<()> {
    use std::os::windows::process::CommandExt as _;
    /// No console window flashes up over the station's window.
    const CREATE_NO_WINDOW: u32 = 0x0800_0000;
    if !folder {
        return Ok(());
    }
    let system = std::env::var_os("SystemRoot").unwrap_or_else(|| "C:\\Windows".into());
    let icacls = Path::new(&system).join("System32").join("icacls.exe");
    for step in icacls_steps(account().as_deref()) {
        let out = std::process::Command::new(&icacls)
            .arg(path)
            .args(&step)
            .creation_flags(CREATE_NO_WINDOW)
            .output()?;
        if !out.status.success() {
            return Err(std::io::Error::other(format!(
                "icacls {} {}: {}",
                path.display(),
                step.join(" "),
                String::from_utf8_lossy(&out.stdout).trim()
            )));
        }
    }
    Ok(())
}

/// The running account as icacls names it (`DOMAIN\user`), from the process's environment.
#[cfg(windows)]
fn account() -> Option<String> {
    let user = std::env::var("USERNAME").ok().filter(|u| !u.is_empty())?;
    Some(
        match std::env::var("USERDOMAIN").ok().filter(|d| !d.is_empty()) {
            Some(domain) => format!("{domain}\\{user}"),
            None => user,
        },
    )
}

/// The SID of whoever owns an object (`OWNER RIGHTS`): the folder's maker, when the environment
/// does not name the running account.
pub const OWNER_RIGHTS: &str = "*S-1-3-4";
/// The groups a station's data folder must not let in: Users, Authenticated Users, Everyone.
pub const BROAD: [&str; 3] = ["*S-1-5-32-545", "*S-1-5-11", "*S-1-1-0"];

/// The icacls runs, in order, that make a new folder owner-only: copy the inherited entries and
/// stop inheriting (SYSTEM and Administrators stay), drop the broad groups, then grant
/// `account` (else the owner) full control, passed on to everything made inside. Each run is
/// one of icacls's documented single-operation forms.
pub fn icacls_steps(account: Option<&str>) -> Vec<Vec<String>> {
    let owner = account.unwrap_or(OWNER_RIGHTS);
    let mut remove = vec!["/remove:g".to_owned()];
    remove.extend(BROAD.iter().map(|&g| g.to_owned()));
    vec![
        vec!["/inheritance:d".to_owned(), "/q".to_owned()],
        [remove, vec!["/q".to_owned()]].concat(),
        vec![
            "/grant:r".to_owned(),
            format!("{owner}:(OI)(CI)F"),
            "/q".to_owned(),
        ],
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_keeps_system_and_administrators_drops_the_broad_groups_and_grants_its_owner() {
        let steps = icacls_steps(Some("HALL\\kiosk"));
        assert_eq!(steps[0], ["/inheritance:d", "/q"]);
        assert_eq!(
            steps[1],
            ["/remove:g", "*S-1-5-32-545", "*S-1-5-11", "*S-1-1-0", "/q"]
        );
        assert_eq!(steps[2], ["/grant:r", "HALL\\kiosk:(OI)(CI)F", "/q"]);
        assert_eq!(icacls_steps(None)[2][1], "*S-1-3-4:(OI)(CI)F");
    }

    #[cfg(unix)]
    #[test]
    fn on_unix_a_new_folder_is_0700_and_a_file_0600() {
        use std::os::unix::fs::PermissionsExt as _;
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a/b");
        create_dir(&dir).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        // A folder that was there keeps what it had.
        assert_ne!(mode(&root.path().join("a")) & 0o077, 0);
        let file = dir.join("k");
        write(&file, b"secret", true).unwrap();
        assert_eq!(mode(&file), 0o600);
        assert!(
            write(&file, b"again", true).is_err(),
            "create_new must not overwrite"
        );
        write(&file, b"again", false).unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"again");
    }
}
