//! The offline export: a consistent copy of the journal taken with the `SQLite` backup API (never
//! a raw file copy), bundled with the station key that opens it, and sealed with AES-256-GCM
//! under the station's center link key, so only the center (which issued that key) can read it.
//! A proctor carries it on a USB stick when the hall has no network.
//!
//! ```text
//! "USTJEX\0" + version 1 | u32 LE header length | header (JSON) | sealed body
//! body (JSON): {"station_key": hex, "journal": base64 of the database file}
//! ```

use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};

use super::store::{FILE, now_ms};
use super::{Journal, JournalError};
use crate::crypto::aead::{KEY_LEN, Key};
use crate::crypto::hex;
use crate::package::container;

const MAGIC: &[u8; 7] = b"USTJEX\0";
const VERSION: u8 = 1;

/// What anyone may read about an export: which sessions it holds, not what is in them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportHeader {
    /// When it was written, milliseconds since the Unix epoch (station clock).
    pub created_ms: u64,
    /// Session ids with their event counts.
    pub sessions: Vec<(String, u64)>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Body {
    station_key: String,
    journal: String,
}

/// Reads a hex key file (the center link key).
pub fn read_key(path: &Path) -> Result<Key, JournalError> {
    let text = std::fs::read_to_string(path).map_err(|e| JournalError::io(path, e))?;
    let bytes: [u8; KEY_LEN] = hex::decode(&text).map_err(|_| {
        JournalError::StationKey(format!("{} is not a 32-byte hex key", path.display()))
    })?;
    Ok(Key::from_bytes(bytes))
}

/// Writes an export of the journal in `dir` to `out`, sealed under `link`.
pub fn export(dir: &Path, link: &Key, out: &Path) -> Result<ExportHeader, JournalError> {
    let journal = Journal::open_existing(dir)?;
    let sessions = journal
        .sessions()?
        .into_iter()
        .map(|s| (s.id, s.events))
        .collect();
    let work = tempfile::tempdir().map_err(|e| JournalError::io(dir, e))?;
    let copy = work.path().join(FILE);
    journal.backup_to(&copy)?;
    let db = std::fs::read(&copy).map_err(|e| JournalError::io(&copy, e))?;
    let station =
        std::fs::read_to_string(dir.join("station.key")).map_err(|e| JournalError::io(dir, e))?;
    let header = ExportHeader {
        created_ms: now_ms(),
        sessions,
    };
    let header_bytes =
        serde_json::to_vec(&header).map_err(|e| JournalError::Encode(e.to_string()))?;
    let body = Body {
        station_key: station.trim().to_owned(),
        journal: B64.encode(db),
    };
    let body = serde_json::to_vec(&body).map_err(|e| JournalError::Encode(e.to_string()))?;
    let mut bytes = container::prefix(MAGIC, VERSION, &header_bytes);
    let sealed = link.seal(&bytes, &body)?;
    bytes.extend_from_slice(&sealed);
    write_whole(out, &bytes).map_err(|e| JournalError::io(out, e))?;
    Ok(header)
}

/// Writes `bytes` to `out` beside it first (`.tmp`), synced through the handle that wrote them,
/// then renamed, so a pulled USB stick never holds half a file under the name. (Windows refuses
/// to flush a handle opened only for reading: the sync must go through the writing one.)
pub fn write_whole(out: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let tmp = out.with_extension("tmp");
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, out)
}

/// Opens an export with the station's link key and lays it out in `into` as a journal directory
/// (`journal.sqlite` and `station.key`), ready for `report::verify`.
pub fn import(bytes: &[u8], link: &Key, into: &Path) -> Result<ExportHeader, JournalError> {
    let bad = || JournalError::Integrity("not a journal export, or it is damaged".to_owned());
    let fixed = MAGIC.len() + 1 + 4;
    if bytes.len() < fixed || &bytes[..MAGIC.len()] != MAGIC || bytes[MAGIC.len()] != VERSION {
        return Err(bad());
    }
    let mut len = [0u8; 4];
    len.copy_from_slice(&bytes[MAGIC.len() + 1..fixed]);
    let end = fixed
        .checked_add(u32::from_le_bytes(len) as usize)
        .filter(|e| *e <= bytes.len())
        .ok_or_else(bad)?;
    let plain = link.open(&bytes[..end], &bytes[end..]).map_err(|_| {
        JournalError::StationKey(
            "the export does not open with this station's link key, or it was altered".to_owned(),
        )
    })?;
    let header: ExportHeader = serde_json::from_slice(&bytes[fixed..end]).map_err(|_| bad())?;
    let body: Body = serde_json::from_slice(&plain).map_err(|_| bad())?;
    let db = B64.decode(body.journal.as_bytes()).map_err(|_| bad())?;
    std::fs::create_dir_all(into).map_err(|e| JournalError::io(into, e))?;
    std::fs::write(into.join(FILE), db).map_err(|e| JournalError::io(into, e))?;
    std::fs::write(into.join("station.key"), format!("{}\n", body.station_key))
        .map_err(|e| JournalError::io(into, e))?;
    Ok(header)
}
