//! Tasks as the candidate sees them, their answer keys and the candidate's choices. Text is
//! kept per language; see `rich` for the markup it may contain.

use serde::{Deserialize, Serialize};

use super::spec::TaskKind;

/// A language of the interface or of test content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Kazakh.
    Kk,
    /// Russian.
    Ru,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order the station offers them.
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The BCP-47 code (`kk`, `ru`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The language's own name for itself.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Kk => "Қазақша",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }
}

/// A text in one or more languages: a slot per language, so the ~700 texts of a paper cost no
/// allocation beyond their strings (as a map they cost a tree node each, a tenth of opening a
/// package). In JSON a map from language code to text; a language given twice is refused.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Localized([Option<String>; Lang::ALL.len()]);

impl Localized {
    /// The text in `lang`.
    pub fn get(&self, lang: &Lang) -> Option<&String> {
        self.0[*lang as usize].as_ref()
    }

    /// Sets the text in `lang`; the one it replaces.
    pub fn insert(&mut self, lang: Lang, text: String) -> Option<String> {
        self.0[lang as usize].replace(text)
    }

    /// Each language given, with its text, in `Lang` order.
    pub fn iter(&self) -> impl Iterator<Item = (Lang, &String)> {
        Lang::ALL
            .into_iter()
            .zip(&self.0)
            .filter_map(|(lang, text)| Some((lang, text.as_ref()?)))
    }

    /// The texts, in `Lang` order.
    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.0.iter().flatten()
    }

    /// How many languages are given.
    pub fn len(&self) -> usize {
        self.values().count()
    }

    /// Whether no language is given.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<const N: usize> From<[(Lang, String); N]> for Localized {
    fn from(texts: [(Lang, String); N]) -> Localized {
        let mut out = Localized::default();
        for (lang, text) in texts {
            out.insert(lang, text);
        }
        out
    }
}

impl<'a> IntoIterator for &'a Localized {
    type Item = (Lang, &'a String);
    type IntoIter = Box<dyn Iterator<Item = (Lang, &'a String)> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl Serialize for Localized {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (lang, text) in self.iter() {
            map.serialize_entry(&lang, text)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Localized, D::Error> {
        struct Texts;
        impl<'de> serde::de::Visitor<'de> for Texts {
            type Value = Localized;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map from language code to text")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Localized, A::Error> {
                let mut out = Localized::default();
                while let Some((lang, text)) = map.next_entry::<Lang, String>()? {
                    if out.insert(lang, text).is_some() {
                        return Err(serde::de::Error::custom(format!(
                            "the language {} is given twice",
                            lang.code()
                        )));
                    }
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(Texts)
    }
}

/// One task of a paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Stable id within the package (`h01`, `m-ctx-1-3`, ...).
    pub id: String,
    /// The block it belongs to.
    pub block: String,
    /// What kind of task it is.
    pub kind: TaskKind,
    /// The question.
    pub stem: Localized,
    /// The options (the right-hand column for matching).
    pub options: Vec<Localized>,
    /// Matching only: the left-hand items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Localized>,
    /// Context only: the group whose stimulus this task shares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// A stimulus (passage, figure, table) shared by the tasks of a context group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextGroup {
    /// Group id that tasks refer to.
    pub id: String,
    /// The shared passage or figure.
    pub stimulus: Localized,
}

/// The correct answer to one task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Key {
    /// Single and context tasks: the index of the correct option.
    One(u8),
    /// Multiple answer: the indices of the correct options.
    Many(Vec<u8>),
    /// Matching: for each left item, the index of its right option.
    Pairs(Vec<u8>),
}

/// What a candidate has chosen on one task.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Choice {
    /// One option.
    One(u8),
    /// A set of options, kept sorted and without repeats.
    Many(Vec<u8>),
    /// For each left item, the right option picked, if any.
    Pairs(Vec<Option<u8>>),
}

impl Choice {
    /// Whether the choice counts as answered (a matching task needs at least one pair).
    pub fn is_answered(&self) -> bool {
        match self {
            Choice::One(_) => true,
            Choice::Many(set) => !set.is_empty(),
            Choice::Pairs(pairs) => pairs.iter().any(Option::is_some),
        }
    }

    /// A multiple-answer choice from any indices: sorted, repeats removed.
    pub fn many(mut indices: Vec<u8>) -> Choice {
        indices.sort_unstable();
        indices.dedup();
        Choice::Many(indices)
    }
}

/// The shape of a task that answers must fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// The task's kind.
    pub kind: TaskKind,
    /// Number of options.
    pub options: u8,
    /// Matching: number of left items.
    pub items: u8,
    /// Points the task is worth.
    pub points: u32,
}

impl Shape {
    /// Whether a choice has the right form and every index is in range.
    pub fn fits(&self, choice: &Choice) -> bool {
        let in_range = |i: &u8| *i < self.options;
        match (self.kind, choice) {
            (TaskKind::Single | TaskKind::Context, Choice::One(i)) => in_range(i),
            (TaskKind::Multiple, Choice::Many(set)) => {
                set.iter().all(in_range) && set.windows(2).all(|w| w[0] < w[1])
            }
            (TaskKind::Matching, Choice::Pairs(pairs)) => {
                pairs.len() == usize::from(self.items) && pairs.iter().flatten().all(in_range)
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_reads_and_writes_as_a_map_and_a_language_given_twice_is_refused() {
        let text: Localized = serde_json::from_str(r#"{"ru": "Вопрос", "kk": "Сұрақ"}"#).unwrap();
        assert_eq!(text.get(&Lang::Kk).map(String::as_str), Some("Сұрақ"));
        assert_eq!(text.get(&Lang::En), None);
        assert_eq!(text.len(), 2);
        // Written back in the languages' order.
        assert_eq!(
            serde_json::to_string(&text).unwrap(),
            r#"{"kk":"Сұрақ","ru":"Вопрос"}"#
        );
        let twice = serde_json::from_str::<Localized>(r#"{"kk": "a", "kk": "b"}"#)
            .unwrap_err()
            .to_string();
        assert!(twice.contains("the language kk is given twice"), "{twice}");
        assert!(serde_json::from_str::<Localized>(r#"{"de": "x"}"#).is_err());
        assert!(serde_json::from_str::<Localized>(r#"["kk"]"#).is_err());
    }
}
