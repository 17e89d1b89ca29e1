//! The anchor: a small file beside the journal (`journal.anchor`) that remembers how many
//! transactions the journal has committed. Every commit counts itself in the database and,
//! once COMMIT returned, writes the count into the anchor, so the anchor is never ahead of what
//! is durable in the journal. The anchor is synced once the caller has its answer
//! (`Journal::settle`, which the writer thread calls when no job waits): a saved answer waits
//! for one sync, its commit's, and a power cut before the anchor's sync leaves the anchor
//! behind, which is never taken for a loss. At the next start a journal behind its anchor has
//! lost committed records (a deleted or truncated `-wal`, an older copy put back): damage, not
//! a quiet older state. Two slots are written in turn and each carries a tag under a key
//! derived from the station key, so a torn or forged write is not believed. Only an anchor
//! outside the station (the center's receipts) can catch the journal and its anchor rolled back
//! together.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use rusqlite::Transaction;

use super::JournalError;
use crate::crypto::aead::Key;
use crate::crypto::{mac, mac_matches};

/// The anchor's file name in the data directory.
pub const FILE: &str = "journal.anchor";
const SLOT: u64 = 64;
const LABEL: &str = "ustudy-anchor-1";

/// The anchor file, open for writing.
pub struct Anchor {
    file: File,
    key: [u8; 32],
    path: PathBuf,
    /// A count was written since the last sync.
    unsynced: bool,
}

fn anchor_key(station: &Key) -> [u8; 32] {
    mac(station.as_bytes(), "ustudy-anchor-key-1", &[])
}

/// The highest count a valid slot of the anchor in `dir` holds; `None` if there is no anchor
/// file or no valid slot.
pub fn read(dir: &Path, station: &Key) -> Option<u64> {
    let bytes = std::fs::read(dir.join(FILE)).ok()?;
    let key = anchor_key(station);
    bytes
        .chunks(usize::try_from(SLOT).unwrap_or(64))
        .filter_map(|slot| {
            let count: [u8; 8] = slot.get(..8)?.try_into().ok()?;
            let tag = slot.get(8..40)?;
            mac_matches(&key, LABEL, &[&count], tag).then(|| u64::from_le_bytes(count))
        })
        .max()
}

impl Anchor {
    /// Opens the anchor in `dir`, creating it at `committed` (both slots written and synced,
    /// and the directory synced, before any commit can come after it).
    pub fn open(dir: &Path, station: &Key, committed: u64) -> Result<Anchor, JournalError> {
        let path = dir.join(FILE);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| JournalError::io(&path, e))?;
        let created = file
            .metadata()
            .map_err(|e| JournalError::io(&path, e))?
            .len()
            == 0;
        let mut anchor = Anchor {
            file,
            key: anchor_key(station),
            path,
            unsynced: false,
        };
        if created {
            anchor.reset(committed)?;
            super::keys::sync_dir(dir);
        }
        Ok(anchor)
    }

    /// Records that the journal has committed `count` transactions (into the slot the count
    /// picks, so the other slot keeps the count before); `sync` makes it durable.
    pub fn record(&mut self, count: u64) -> Result<(), JournalError> {
        self.unsynced = true;
        self.write_slot(count % 2, count)
    }

    /// Syncs what `record` wrote since the last sync, if anything.
    pub fn sync(&mut self) -> Result<(), JournalError> {
        if !self.unsynced {
            return Ok(());
        }
        self.file
            .sync_data()
            .map_err(|e| JournalError::io(&self.path, e))?;
        self.unsynced = false;
        Ok(())
    }

    /// Sets both slots to `count` (after a lost tail was recorded, so the anchor is believed
    /// again from there), and syncs them.
    pub fn reset(&mut self, count: u64) -> Result<(), JournalError> {
        self.write_slot(0, count)?;
        self.write_slot(1, count)?;
        self.unsynced = true;
        self.sync()
    }

    fn write_slot(&mut self, slot: u64, count: u64) -> Result<(), JournalError> {
        let bytes = count.to_le_bytes();
        let mut data = bytes.to_vec();
        data.extend_from_slice(&mac(&self.key, LABEL, &[&bytes]));
        data.resize(usize::try_from(SLOT).unwrap_or(64), 0);
        write_at(&self.file, &data, slot * SLOT).map_err(|e| JournalError::io(&self.path, e))
    }
}

impl Drop for Anchor {
    /// A journal closed with a count unsynced syncs it on the way out (best effort: the anchor
    /// behind is never taken for a loss).
    fn drop(&mut self) {
        let _ = self.sync();
    }
}

#[cfg(unix)]
fn write_at(file: &File, data: &[u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, data, at)
}

#[cfg(windows)]
fn write_at(file: &File, data: &[u8], at: u64) -> std::io::Result<()> {
    let mut done = 0;
    while done < data.len() {
        let n = std::os::windows::fs::FileExt::seek_write(file, &data[done..], at + done as u64)?;
        if n == 0 {
            return Err(std::io::ErrorKind::WriteZero.into());
        }
        done += n;
    }
    Ok(())
}

/// Counts one more committed transaction, inside it; returns the new count.
pub fn count(tx: &Transaction<'_>) -> Result<u64, JournalError> {
    let n: i64 = tx
        .prepare_cached(
            "INSERT INTO commits (id, n) VALUES (1, 1)
             ON CONFLICT (id) DO UPDATE SET n = n + 1 RETURNING n",
        )?
        .query_row([], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// How many transactions the journal says it committed.
pub fn committed(conn: &rusqlite::Connection) -> Result<u64, JournalError> {
    use rusqlite::OptionalExtension as _;
    let n: Option<i64> = conn
        .query_row("SELECT n FROM commits WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    Ok(n.and_then(|n| u64::try_from(n).ok()).unwrap_or(0))
}
