//! `station.toml`, the configuration of an enrolled station: who it is (station name, seat), where
//! its data lives, and the center it belongs to with the keys and certificate hash it pins.
//! `ustudy-station enroll` writes it; with no such file the station runs the demo.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The default path: `/etc/ustudy/station.toml` (on Windows, in the `ProgramData` folder).
pub fn default_path() -> PathBuf {
    #[cfg(windows)]
    {
        program_data().join("station.toml")
    }
    #[cfg(not(windows))]
    {
        PathBuf::from("/etc/ustudy/station.toml")
    }
}

/// An enrolled station's default data directory, the one its package makes and locks:
/// `/var/lib/ustudy` (the deb: group `ustudy`, the kiosk user's once the kiosk is on), on
/// Windows `ProgramData\U-STUDY\data` (the MSI: SYSTEM, Administrators and the station's
/// account).
pub fn default_data_dir() -> PathBuf {
    #[cfg(windows)]
    {
        program_data().join("data")
    }
    #[cfg(not(windows))]
    {
        PathBuf::from("/var/lib/ustudy")
    }
}

/// `%ProgramData%\U-STUDY`, the folder the MSI makes for the configuration and the data.
#[cfg(windows)]
pub fn program_data() -> PathBuf {
    let base = std::env::var_os("ProgramData").unwrap_or_else(|| "C:\\ProgramData".into());
    PathBuf::from(base).join("U-STUDY")
}

/// Whether the file at `path` holds a station's settings: the packages install it with only
/// comments (not enrolled yet: the demo runs), and `enroll` fills it in.
pub fn is_enrolled(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .is_some_and(|table| !table.is_empty())
}

/// The center a station belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CenterLink {
    /// Its URL (`https://HOST:PORT`).
    pub url: String,
    /// Its signing key id.
    pub key_id: String,
    /// Its Ed25519 public key, hex.
    pub signing_public: String,
    /// Its X25519 public key, hex.
    pub agree_public: String,
    /// SHA-256 of its TLS certificate, hex: the only certificate the station trusts.
    pub cert_sha256: String,
}

/// The file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Station name.
    pub station: String,
    /// Seat.
    pub seat: String,
    /// The data directory (journal, keys).
    pub data_dir: PathBuf,
    /// The center.
    pub center: CenterLink,
    /// The proctor PIN's PBKDF2 hash (`ustudy-station set-pin`), never the PIN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin: Option<String>,
    /// The readiness check's policy on a virtual machine or a remote session: `warn` (the
    /// default) or `refuse`.
    #[serde(default)]
    pub virtual_machine: crate::preflight::VmPolicy,
}

/// Why the file cannot be used.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SettingsError {
    #[error("{0}: {1}")]
    Io(String, String),
    #[error("{0} is not a valid station configuration: {1}")]
    Parse(String, String),
}

impl Settings {
    /// Reads the file at `path`.
    pub fn load(path: &Path) -> Result<Settings, SettingsError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| SettingsError::Io(shown.clone(), e.to_string()))?;
        toml::from_str(&text).map_err(|e| SettingsError::Parse(shown, e.message().to_owned()))
    }

    /// Writes it to `path` (beside it first, then renamed, so a failed write leaves the old one).
    pub fn save(&self, path: &Path) -> Result<(), SettingsError> {
        let shown = path.display().to_string();
        let io = |e: std::io::Error| SettingsError::Io(shown.clone(), e.to_string());
        let text = toml::to_string_pretty(self)
            .map_err(|e| SettingsError::Parse(shown.clone(), e.to_string()))?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        let tmp = path.with_extension("toml.tmp");
        std::fs::write(&tmp, text).map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_of_comments_is_not_enrolled_and_a_missing_one_neither() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("station.toml");
        assert!(!is_enrolled(&path));
        std::fs::write(&path, "# enroll to fill this in\n\n").unwrap();
        assert!(!is_enrolled(&path));
        std::fs::write(&path, "station = \"A-1\"\n").unwrap();
        assert!(is_enrolled(&path));
    }
}
