//! Reading a package source directory:
//!
//! ```text
//! manifest.json   id, title, format (a preset name or an inline format), subjects, languages,
//!                 variant, sample flag
//! tasks.json      { "groups": [...], "tasks": [...] }   (tasks in any order)
//! key.json        { "<task id>": {"one": 2} | {"many": [0, 3]} | {"pairs": [1, 0, 3]} }
//! media/          PNG and SVG files referenced from task text as ![alt](file.png)
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::PackageError;
use crate::exam::paper::{Paper, Subject};
use crate::exam::preset;
use crate::exam::spec::SessionFormat;
use crate::exam::task::{ContextGroup, Key, Lang, Localized, Task};

/// Largest media file accepted.
pub const MAX_MEDIA: u64 = 4 * 1024 * 1024;

/// The manifest of a package source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Package id.
    pub id: String,
    /// Human title per language.
    pub title: Localized,
    /// A preset name or a whole inline format.
    pub format: FormatRef,
    /// Subject of every block.
    pub subjects: Vec<Subject>,
    /// Languages every text is given in.
    pub languages: Vec<Lang>,
    /// Candidate variant.
    #[serde(default = "standard")]
    pub variant: String,
    /// Sample content, not a real test.
    #[serde(default)]
    pub sample: bool,
    /// Free note for the operator.
    #[serde(default)]
    pub note: String,
}

fn standard() -> String {
    "standard".to_owned()
}

/// A format named by preset or given inline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FormatRef {
    /// One of `preset::NAMES`.
    Preset(String),
    /// A whole format.
    Inline(Box<SessionFormat>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskFile {
    #[serde(default)]
    groups: Vec<ContextGroup>,
    tasks: Vec<Task>,
}

/// Reads and validates a package source.
pub fn load_source(dir: &Path) -> Result<(Manifest, Paper), PackageError> {
    let manifest: Manifest = read_json(&dir.join("manifest.json"))?;
    let tasks: TaskFile = read_json(&dir.join("tasks.json"))?;
    let keys: BTreeMap<String, Key> = read_json(&dir.join("key.json"))?;
    let media = read_media(&dir.join("media"))?;
    assemble(manifest, tasks, keys, media)
}

/// Reads a package source held in memory (the station's embedded demo): the three JSON texts
/// and the media files.
pub fn load_parts(
    manifest: &str,
    tasks: &str,
    key: &str,
    media: &[(&str, &[u8])],
) -> Result<(Manifest, Paper), PackageError> {
    let json = |file: &str, e: serde_json::Error| PackageError::Json {
        file: file.to_owned(),
        message: e.to_string(),
    };
    let manifest: Manifest =
        serde_json::from_str(manifest).map_err(|e| json("manifest.json", e))?;
    let tasks: TaskFile = serde_json::from_str(tasks).map_err(|e| json("tasks.json", e))?;
    let keys: BTreeMap<String, Key> = serde_json::from_str(key).map_err(|e| json("key.json", e))?;
    let mut files = BTreeMap::new();
    for (name, bytes) in media {
        check_media(name, bytes)?;
        files.insert((*name).to_owned(), bytes.to_vec());
    }
    assemble(manifest, tasks, keys, files)
}

fn assemble(
    manifest: Manifest,
    tasks: TaskFile,
    mut keys: BTreeMap<String, Key>,
    media: BTreeMap<String, Vec<u8>>,
) -> Result<(Manifest, Paper), PackageError> {
    let format = match &manifest.format {
        FormatRef::Preset(name) => {
            preset::by_name(name).ok_or_else(|| PackageError::UnknownPreset(name.clone()))?
        }
        FormatRef::Inline(format) => (**format).clone(),
    };
    let TaskFile { groups, mut tasks } = tasks;
    // Tasks may be written in any order; the paper holds them block by block.
    let block_ix = |t: &Task| {
        format
            .blocks
            .iter()
            .position(|b| b.id == t.block)
            .unwrap_or(usize::MAX)
    };
    tasks.sort_by_key(block_ix);
    let mut key = Vec::with_capacity(tasks.len());
    for task in &tasks {
        key.push(
            keys.remove(&task.id)
                .ok_or_else(|| PackageError::KeyMissing(task.id.clone()))?,
        );
    }
    if let Some(extra) = keys.keys().next() {
        return Err(PackageError::KeyUnknown(extra.clone()));
    }
    let paper = Paper {
        format,
        subjects: manifest.subjects.clone(),
        languages: manifest.languages.clone(),
        tasks,
        groups,
        key,
        media,
        sample: manifest.sample,
    };
    paper.validate()?;
    Ok((manifest, paper))
}

fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T, PackageError> {
    let text = std::fs::read_to_string(path).map_err(|e| PackageError::io(path, e))?;
    serde_json::from_str(&text).map_err(|e| PackageError::Json {
        file: path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        message: e.to_string(),
    })
}

fn read_media(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>, PackageError> {
    let mut media = BTreeMap::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(media),
        Err(e) => return Err(PackageError::io(dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| PackageError::io(dir, e))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let meta = entry.metadata().map_err(|e| PackageError::io(&path, e))?;
        if !meta.is_file() {
            return Err(PackageError::Media(name, "is not a regular file"));
        }
        if meta.len() > MAX_MEDIA {
            return Err(PackageError::Media(name, "is larger than 4 MiB"));
        }
        let bytes = std::fs::read(&path).map_err(|e| PackageError::io(&path, e))?;
        check_media(&name, &bytes)?;
        media.insert(name, bytes);
    }
    Ok(media)
}

/// Checks a media file's name and that its content is the PNG or SVG its name says.
pub fn check_media(name: &str, bytes: &[u8]) -> Result<(), PackageError> {
    let err = |why| Err(PackageError::Media(name.to_owned(), why));
    if name.is_empty() || name.starts_with('.') || name.contains(['/', '\\', '(', ')']) {
        return err("has a name that is not allowed");
    }
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    if ext.eq_ignore_ascii_case("png") {
        if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return err("is not a PNG image");
        }
    } else if ext.eq_ignore_ascii_case("svg") {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
        if !head.contains("<svg") {
            return err("is not an SVG image");
        }
    } else {
        return err("must be a .png or .svg file");
    }
    Ok(())
}
