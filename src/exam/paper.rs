//! A paper: the format, the subjects of each block, the tasks, their context groups, the answer
//! key and the media, as a package opens to. `validate` checks every task against the format.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::rich;
use super::spec::{FormatError, SessionFormat, TaskKind};
use super::task::{ContextGroup, Key, Lang, Localized, Shape, Task};

/// Which subject a block holds and in which language its content is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// The block of the format.
    pub block: String,
    /// Subject code (`history-kz`, `mathematics`, `physics`, ...), also used for titles.
    pub code: String,
}

/// Everything a candidate's session is built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paper {
    /// The session format.
    pub format: SessionFormat,
    /// The subject of every block.
    pub subjects: Vec<Subject>,
    /// Languages every text is given in.
    pub languages: Vec<Lang>,
    /// The tasks, block by block in the format's order.
    pub tasks: Vec<Task>,
    /// Shared stimuli of context tasks.
    #[serde(default)]
    pub groups: Vec<ContextGroup>,
    /// The key, one entry per task in the same order.
    pub key: Vec<Key>,
    /// Media by file name.
    #[serde(default)]
    pub media: BTreeMap<String, Vec<u8>>,
    /// Sample content, not a real test (said again, under the seal, by the package header).
    #[serde(default)]
    pub sample: bool,
}

/// Why a paper was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaperError {
    #[error("format: {0}")]
    Format(#[from] FormatError),
    #[error("the paper declares no languages")]
    NoLanguages,
    #[error("block {0} has no subject, or a subject names no block of the format")]
    Subject(String),
    #[error("task {0}: the id is empty or used twice")]
    TaskId(String),
    #[error("task {task}: block {block} is unknown or out of the format's order")]
    Block { task: String, block: String },
    #[error("block {block}: {got} {kind:?} tasks, the format's layout says {want}")]
    Count {
        block: String,
        kind: TaskKind,
        got: u32,
        want: u32,
    },
    #[error("task {task}: {what}")]
    Shape { task: String, what: String },
    #[error("task {task}: the text in {lang} is missing or empty")]
    Text { task: String, lang: &'static str },
    #[error("task {task}: the key {what}")]
    Key { task: String, what: String },
    #[error("the key has {got} entries for {want} tasks")]
    KeyLength { got: usize, want: usize },
    #[error("task {task}: context group {group} is unknown, not contiguous or the wrong size")]
    Group { task: String, group: String },
    #[error("{place}: image {name} is not in the package")]
    Media { place: String, name: String },
}

impl Paper {
    /// The shape of task `ix`, or `None` past the end.
    pub fn shape(&self, ix: usize) -> Option<Shape> {
        let task = self.tasks.get(ix)?;
        let block = self.format.blocks.iter().find(|b| b.id == task.block)?;
        let entry = block.layout.iter().find(|e| e.kind == task.kind)?;
        Some(Shape {
            kind: task.kind,
            options: u8::try_from(task.options.len()).ok()?,
            items: u8::try_from(task.items.len()).ok()?,
            points: entry.points,
        })
    }

    /// Index range of each block's tasks, in format order.
    pub fn block_ranges(&self) -> Vec<std::ops::Range<usize>> {
        let mut start = 0;
        self.format
            .blocks
            .iter()
            .map(|b| {
                let len = self.tasks[start..]
                    .iter()
                    .take_while(|t| t.block == b.id)
                    .count();
                let range = start..start + len;
                start += len;
                range
            })
            .collect()
    }

    /// Block index and number within the block (from 1) of task `ix`.
    pub fn position(&self, ix: usize) -> (usize, usize) {
        self.block_ranges()
            .iter()
            .enumerate()
            .find(|(_, r)| r.contains(&ix))
            .map_or((0, ix + 1), |(b, r)| (b, ix - r.start + 1))
    }

    /// The language the content is shown in for a candidate who asked for `wanted`: that one if
    /// the paper has it, otherwise the paper's first.
    pub fn content_language(&self, wanted: Lang) -> Lang {
        if self.languages.contains(&wanted) {
            wanted
        } else {
            self.languages.first().copied().unwrap_or(wanted)
        }
    }

    /// The subject code of a block.
    pub fn subject_of(&self, block: &str) -> Option<&str> {
        self.subjects
            .iter()
            .find(|s| s.block == block)
            .map(|s| s.code.as_str())
    }

    /// Testing minutes for this paper, before any accommodation.
    pub fn base_minutes(&self) -> u32 {
        self.format
            .base_minutes_for(self.subjects.iter().map(|s| s.code.as_str()))
    }

    /// Checks the format and every task against it. The first failure is reported.
    pub fn validate(&self) -> Result<(), PaperError> {
        self.format.validate()?;
        if self.languages.is_empty() {
            return Err(PaperError::NoLanguages);
        }
        for b in &self.format.blocks {
            if self.subjects.iter().filter(|s| s.block == b.id).count() != 1 {
                return Err(PaperError::Subject(b.id.clone()));
            }
        }
        if let Some(s) = self
            .subjects
            .iter()
            .find(|s| !self.format.blocks.iter().any(|b| b.id == s.block))
        {
            return Err(PaperError::Subject(s.block.clone()));
        }
        self.validate_order()?;
        if self.key.len() != self.tasks.len() {
            return Err(PaperError::KeyLength {
                got: self.key.len(),
                want: self.tasks.len(),
            });
        }
        let mut ids = BTreeSet::new();
        for (ix, task) in self.tasks.iter().enumerate() {
            if task.id.is_empty() || !ids.insert(task.id.as_str()) {
                return Err(PaperError::TaskId(task.id.clone()));
            }
            self.validate_task(ix, task)?;
        }
        self.validate_groups()?;
        for g in &self.groups {
            self.validate_text(|| format!("group {}", g.id), &g.stimulus)?;
        }
        Ok(())
    }

    fn validate_order(&self) -> Result<(), PaperError> {
        let mut block_ix = 0;
        for task in &self.tasks {
            let blocks = &self.format.blocks;
            while block_ix < blocks.len() && blocks[block_ix].id != task.block {
                block_ix += 1;
            }
            if block_ix == blocks.len() {
                let (task, block) = (task.id.clone(), task.block.clone());
                return Err(PaperError::Block { task, block });
            }
        }
        for block in &self.format.blocks {
            let mut kinds: Vec<TaskKind> = block.layout.iter().map(|e| e.kind).collect();
            kinds.sort_unstable();
            kinds.dedup();
            if kinds.len() != block.layout.len() {
                let what = "the layout repeats a kind".to_owned();
                return Err(PaperError::Shape {
                    task: block.id.clone(),
                    what,
                });
            }
            for entry in &block.layout {
                let got = self
                    .tasks
                    .iter()
                    .filter(|t| t.block == block.id && t.kind == entry.kind);
                let got = u32::try_from(got.count()).unwrap_or(u32::MAX);
                if got != entry.count {
                    let (block, kind, want) = (block.id.clone(), entry.kind, entry.count);
                    return Err(PaperError::Count {
                        block,
                        kind,
                        got,
                        want,
                    });
                }
            }
            let stray = self
                .tasks
                .iter()
                .find(|t| t.block == block.id && block.count_of(t.kind) == 0);
            if let Some(t) = stray {
                let (block, kind) = (block.id.clone(), t.kind);
                return Err(PaperError::Count {
                    block,
                    kind,
                    got: 1,
                    want: 0,
                });
            }
        }
        Ok(())
    }

    fn validate_task(&self, ix: usize, task: &Task) -> Result<(), PaperError> {
        let shape_err = |what: String| PaperError::Shape {
            task: task.id.clone(),
            what,
        };
        let block = self.format.blocks.iter().find(|b| b.id == task.block);
        let entry = block.and_then(|b| b.layout.iter().find(|e| e.kind == task.kind));
        let Some(entry) = entry else {
            return Err(shape_err(
                "its kind is not in the block's layout".to_owned(),
            ));
        };
        if task.options.len() != entry.options as usize {
            return Err(shape_err(format!(
                "{} options, the layout says {}",
                task.options.len(),
                entry.options
            )));
        }
        let want_items = if task.kind == TaskKind::Matching {
            entry.items as usize
        } else {
            0
        };
        if task.items.len() != want_items {
            return Err(shape_err(format!(
                "{} left items, the layout says {want_items}",
                task.items.len()
            )));
        }
        if (task.kind == TaskKind::Context) != task.group.is_some() {
            return Err(shape_err("only context tasks belong to a group".to_owned()));
        }
        let place = || format!("task {}", task.id);
        self.validate_text(place, &task.stem)?;
        for text in task.options.iter().chain(&task.items) {
            self.validate_text(place, text)?;
        }
        Self::validate_key(task, entry.items, &self.key[ix])
    }

    fn validate_key(task: &Task, most: u32, key: &Key) -> Result<(), PaperError> {
        let err = |what: &str| PaperError::Key {
            task: task.id.clone(),
            what: what.to_owned(),
        };
        let options = task.options.len();
        let in_range = |i: &u8| usize::from(*i) < options;
        match (task.kind, key) {
            (TaskKind::Single | TaskKind::Context, Key::One(i)) => in_range(i)
                .then_some(())
                .ok_or_else(|| err("is out of range")),
            (TaskKind::Multiple, Key::Many(set)) => {
                if set.is_empty() || set.len() > most as usize {
                    Err(err(&format!("must name 1 to {most} options")))
                } else if !set.iter().all(in_range) || !set.windows(2).all(|w| w[0] < w[1]) {
                    Err(err("must be sorted, without repeats, and in range"))
                } else {
                    Ok(())
                }
            }
            (TaskKind::Matching, Key::Pairs(pairs)) => {
                let distinct: BTreeSet<&u8> = pairs.iter().collect();
                if pairs.len() != task.items.len()
                    || !pairs.iter().all(in_range)
                    || distinct.len() != pairs.len()
                {
                    Err(err("must give one distinct, in-range option per left item"))
                } else {
                    Ok(())
                }
            }
            _ => Err(err("does not fit the task's kind")),
        }
    }

    fn validate_groups(&self) -> Result<(), PaperError> {
        let mut seen = BTreeSet::new();
        let mut ix = 0;
        while ix < self.tasks.len() {
            let task = &self.tasks[ix];
            let Some(group) = &task.group else {
                ix += 1;
                continue;
            };
            let err = || PaperError::Group {
                task: task.id.clone(),
                group: group.clone(),
            };
            let run = self.tasks[ix..]
                .iter()
                .take_while(|t| t.group.as_ref() == Some(group))
                .count();
            let per_group = self
                .format
                .blocks
                .iter()
                .find(|b| b.id == task.block)
                .and_then(|b| {
                    b.layout
                        .iter()
                        .find(|e| e.kind == TaskKind::Context)
                        .map(|e| e.per_group as usize)
                });
            let known = self.groups.iter().any(|g| &g.id == group);
            if !known || !seen.insert(group.clone()) || per_group != Some(run) {
                return Err(err());
            }
            ix += run;
        }
        Ok(())
    }

    /// Checks a text is given in every language and names only media the paper has; `place`
    /// says where it stands, for the error (made only then).
    fn validate_text(
        &self,
        place: impl Fn() -> String,
        text: &Localized,
    ) -> Result<(), PaperError> {
        for lang in &self.languages {
            let Some(body) = text.get(lang).filter(|t| !t.trim().is_empty()) else {
                return Err(PaperError::Text {
                    task: place(),
                    lang: lang.code(),
                });
            };
            for name in rich::images(body) {
                if !self.media.contains_key(&name) {
                    return Err(PaperError::Media {
                        place: place(),
                        name,
                    });
                }
            }
        }
        Ok(())
    }

    /// A paper for `format` with placeholder text and the first option(s) as the key. For tests
    /// and benchmarks of the clock, the fold and scoring; never shown to a candidate.
    pub fn placeholder(format: SessionFormat) -> Paper {
        let text = |s: String| Localized::from([(Lang::En, s)]);
        let mut tasks = Vec::new();
        let mut key = Vec::new();
        let mut groups = Vec::new();
        for block in &format.blocks {
            for entry in &block.layout {
                for n in 0..entry.count {
                    let id = format!("{}-{:?}-{n}", block.id, entry.kind);
                    let group = (entry.kind == TaskKind::Context).then(|| {
                        let g = format!("{}-g{}", block.id, n / entry.per_group);
                        if n % entry.per_group == 0 {
                            groups.push(ContextGroup {
                                id: g.clone(),
                                stimulus: text(g.clone()),
                            });
                        }
                        g
                    });
                    let items = if entry.kind == TaskKind::Matching {
                        entry.items
                    } else {
                        0
                    };
                    tasks.push(Task {
                        id: id.clone(),
                        block: block.id.clone(),
                        kind: entry.kind,
                        stem: text(id),
                        options: (0..entry.options)
                            .map(|o| text(format!("option {o}")))
                            .collect(),
                        items: (0..items).map(|o| text(format!("item {o}"))).collect(),
                        group,
                    });
                    key.push(match entry.kind {
                        TaskKind::Single | TaskKind::Context => Key::One(0),
                        TaskKind::Multiple => Key::Many((0..entry.items.min(2) as u8).collect()),
                        TaskKind::Matching => Key::Pairs((0..entry.items as u8).collect()),
                    });
                }
            }
        }
        let subjects = format
            .blocks
            .iter()
            .map(|b| Subject {
                block: b.id.clone(),
                code: b.id.clone(),
            })
            .collect();
        Paper {
            format,
            subjects,
            languages: vec![Lang::En],
            tasks,
            groups,
            key,
            media: BTreeMap::new(),
            sample: true,
        }
    }
}
