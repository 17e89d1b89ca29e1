//! The station key (`DATA_DIR/station.key`, owner-only) and the per-session data keys it wraps.
//! It keeps answers unreadable to anyone who copies the journal file without the key file; it
//! does not protect against someone with the station's administrator rights, who can read both.

use std::path::Path;

use crate::crypto::aead::{KEY_LEN, Key};
use crate::crypto::hex;

use super::JournalError;

const WRAP_AAD: &[u8] = b"ustudy-session-key-1\0";

/// Loads the station key, creating it (owner-only) on first use. A journal that already holds
/// sessions can only be opened with the key it was written with, so a missing key beside it is
/// an error, never a reason to make a new one (which would lock those sessions away for good).
pub fn station_key(dir: &Path) -> Result<Key, JournalError> {
    let path = dir.join("station.key");
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let bytes: [u8; KEY_LEN] = hex::decode(&text)
                .map_err(|_| JournalError::StationKey(path.display().to_string()))?;
            Ok(Key::from_bytes(bytes))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(held) = sessions_beside(dir) {
                return Err(JournalError::StationKey(format!(
                    "{} is missing, but {} beside it holds {held}; restore the key file from \
                     the station's backup (a new key cannot open them)",
                    path.display(),
                    super::store::FILE
                )));
            }
            // Write beside, sync, then rename: a crash at any moment leaves either no key file
            // (a fresh one is made on the next start) or a whole one, never a torn one.
            let key = Key::generate()?;
            let tmp = dir.join("station.key.tmp");
            let text = format!("{}\n", hex::encode(key.as_bytes()));
            crate::private::write(&tmp, text.as_bytes(), false)
                .map_err(|e| JournalError::io(&tmp, e))?;
            std::fs::rename(&tmp, &path).map_err(|e| JournalError::io(&path, e))?;
            sync_dir(dir);
            Ok(key)
        }
        Err(e) => Err(JournalError::io(&path, e)),
    }
}

/// What the journal in `dir` holds that a new key could not open: `None` when there is no
/// journal or it holds no session. A journal that cannot be read counts as holding sessions.
fn sessions_beside(dir: &Path) -> Option<String> {
    let path = dir.join(super::store::FILE);
    if !path.exists() {
        return None;
    }
    let count = rusqlite::Connection::open_with_flags(
        &path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .and_then(|c| c.query_row("SELECT count(*) FROM sessions", [], |r| r.get::<_, i64>(0)));
    match count {
        Ok(0) => None,
        Ok(n) => Some(format!("{n} session(s)")),
        // No sessions table yet: a journal created but never migrated holds nothing.
        Err(rusqlite::Error::SqliteFailure(_, Some(m))) if m.starts_with("no such table") => None,
        Err(e) => Some(format!("data that cannot be read without it ({e})")),
    }
}

/// Makes a rename in `dir` durable (POSIX needs the directory synced; elsewhere a no-op).
#[cfg_attr(not(unix), allow(unused_variables))]
pub(super) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Wraps a session's data key under the station key, bound to the session id.
pub fn wrap(station: &Key, session: &str, data: &Key) -> Result<Vec<u8>, JournalError> {
    let mut aad = WRAP_AAD.to_vec();
    aad.extend_from_slice(session.as_bytes());
    Ok(station.seal(&aad, data.as_bytes())?)
}

/// Unwraps a session's data key.
pub fn unwrap(station: &Key, session: &str, wrapped: &[u8]) -> Result<Key, JournalError> {
    let mut aad = WRAP_AAD.to_vec();
    aad.extend_from_slice(session.as_bytes());
    let plain = station
        .open(&aad, wrapped)
        .map_err(|_| JournalError::StationKey(format!("it does not open session {session}")))?;
    let bytes: [u8; KEY_LEN] = plain
        .try_into()
        .map_err(|_| JournalError::StationKey("wrapped key length".to_owned()))?;
    Ok(Key::from_bytes(bytes))
}

/// The key candidate tags are made with, derived from the station key (it opens nothing).
pub fn candidate_key(station: &Key) -> [u8; 32] {
    crate::crypto::mac(station.as_bytes(), "ustudy-candidate-key-1", &[])
}

/// A candidate's tag: a keyed hash of the IIN, so the journal can tell a second sitting without
/// holding the IIN in the clear.
pub fn candidate_tag(key: &[u8; 32], iin: &str) -> String {
    hex::encode(&crate::crypto::mac(key, "ustudy-candidate-1", &[iin.as_bytes()])[..16])
}
