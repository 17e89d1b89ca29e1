//! The periodic table's model: the 118 elements from `assets/reference/periodic-table.json`
//! (compiled in, nothing read at run time; attribution in `assets/reference/README.md`), their
//! places in the long form (periods 1–7 in 18 groups, lanthanides and actinides in two rows
//! below), lookup by symbol or by name in Kazakh, Russian or English, and the table's state on
//! screen (what is typed, which element is shown).

use std::sync::LazyLock;

use serde::Deserialize;

use crate::i18n::Lang;

mod view;
pub use view::{id, search, view};

/// The reference file, as shipped.
const SOURCE: &str = include_str!("../../../assets/reference/periodic-table.json");

/// Rows of the long form: 7 periods, then the lanthanide and actinide rows.
pub const ROWS: u8 = 9;
/// Columns: the 18 groups.
pub const COLUMNS: u8 = 18;

/// An element's family, as the table colours it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Alkali metals.
    #[serde(rename = "alkali metal")]
    Alkali,
    /// Alkaline earth metals.
    #[serde(rename = "alkaline earth metal")]
    AlkalineEarth,
    /// Transition metals.
    #[serde(rename = "transition metal")]
    Transition,
    /// Post-transition metals.
    #[serde(rename = "post-transition metal")]
    PostTransition,
    /// Metalloids.
    Metalloid,
    /// Other nonmetals.
    Nonmetal,
    /// Halogens.
    Halogen,
    /// Noble gases.
    #[serde(rename = "noble gas")]
    NobleGas,
    /// Lanthanides.
    Lanthanide,
    /// Actinides.
    Actinide,
}

impl Category {
    /// Every category, in legend order.
    pub const ALL: [Category; 10] = [
        Category::Alkali,
        Category::AlkalineEarth,
        Category::Transition,
        Category::PostTransition,
        Category::Metalloid,
        Category::Nonmetal,
        Category::Halogen,
        Category::NobleGas,
        Category::Lanthanide,
        Category::Actinide,
    ];

    /// The Fluent id of its name.
    pub fn name_id(self) -> &'static str {
        match self {
            Category::Alkali => "periodic-alkali",
            Category::AlkalineEarth => "periodic-alkaline-earth",
            Category::Transition => "periodic-transition",
            Category::PostTransition => "periodic-post-transition",
            Category::Metalloid => "periodic-metalloid",
            Category::Nonmetal => "periodic-nonmetal",
            Category::Halogen => "periodic-halogen",
            Category::NobleGas => "periodic-noble-gas",
            Category::Lanthanide => "periodic-lanthanide",
            Category::Actinide => "periodic-actinide",
        }
    }
}

/// One element, as the reference file gives it.
#[derive(Debug, Clone, Deserialize)]
pub struct Element {
    /// Atomic number.
    pub number: u8,
    /// Chemical symbol.
    pub symbol: String,
    name_en: String,
    name_ru: String,
    name_kk: String,
    #[serde(default)]
    name_ru_variants: Vec<String>,
    #[serde(default)]
    name_kk_variants: Vec<String>,
    /// The atomic mass as a table prints it (`55.845`, `[98]`).
    pub atomic_mass_display: String,
    /// The mass is the mass number of the longest-lived isotope (printed in brackets).
    pub atomic_mass_is_mass_number: bool,
    /// The mass used in school sums (nearest integer; Cl is 35.5).
    pub atomic_mass_rounded: serde_json::Number,
    /// IUPAC group 1–18 (none for Ce–Lu and Th–Lr).
    pub group: Option<u8>,
    /// Group in the short form (I–VIII).
    pub group_short: String,
    /// Main (A) or secondary (B) subgroup.
    pub subgroup_short: String,
    /// Period 1–7.
    pub period: u8,
    /// Family.
    pub category: Category,
    /// Pauling electronegativity, where defined.
    pub electronegativity_pauling: Option<serde_json::Number>,
}

impl Element {
    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.name_kk,
            Lang::Ru => &self.name_ru,
            Lang::En => &self.name_en,
        }
    }

    /// The mass a cell shows: the school value (`35.5`, `56`), or `[98]` for a mass number.
    pub fn cell_mass(&self) -> String {
        if self.atomic_mass_is_mass_number {
            self.atomic_mass_display.clone()
        } else {
            self.atomic_mass_rounded.to_string()
        }
    }

    /// Every name it is known by, in every language.
    fn names(&self) -> impl Iterator<Item = &str> {
        [&self.name_kk, &self.name_ru, &self.name_en]
            .into_iter()
            .chain(&self.name_ru_variants)
            .chain(&self.name_kk_variants)
            .map(String::as_str)
    }

    /// Its place in the long form: (row, column) from 0. Periods are rows 0–6; an element of
    /// the f-block (no IUPAC group) goes in row 7 (lanthanides) or 8 (actinides), from column 3
    /// (under group 4), as La and Ac stand in group 3.
    pub fn place(&self) -> (u8, u8) {
        if let Some(group) = self.group {
            (self.period.saturating_sub(1), group.saturating_sub(1))
        } else {
            let (row, first) = if self.period == 6 { (7, 58) } else { (8, 90) };
            (row, 3 + self.number.saturating_sub(first))
        }
    }
}

/// The elements, in order of number.
#[derive(Debug)]
pub struct Elements(Vec<Element>);

#[derive(Deserialize)]
struct File {
    elements: Vec<Element>,
}

/// Why the compiled-in table could not be read (a build with a broken asset; its test fails).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the periodic table asset is unreadable: {0}")]
pub struct TableError(String);

static TABLE: LazyLock<Result<Elements, TableError>> = LazyLock::new(|| {
    let file: File = serde_json::from_str(SOURCE).map_err(|e| TableError(e.to_string()))?;
    Ok(Elements(file.elements))
});

/// The table shipped with the station.
pub fn elements() -> Result<&'static Elements, TableError> {
    TABLE.as_ref().map_err(Clone::clone)
}

impl Elements {
    /// All elements, by number.
    pub fn all(&self) -> &[Element] {
        &self.0
    }

    /// The element with atomic number `number`.
    pub fn get(&self, number: u8) -> Option<&Element> {
        self.0.iter().find(|e| e.number == number)
    }

    /// The element at a place of the long form.
    pub fn at(&self, row: u8, column: u8) -> Option<&Element> {
        self.0.iter().find(|e| e.place() == (row, column))
    }

    /// The element a typed text means: a symbol (`Na`, `na`), an atomic number, or a name in
    /// any language (`натрий`, `Натрий`, `sodium`); failing that, the first element whose name
    /// begins with it (at least two letters).
    pub fn find(&self, query: &str) -> Option<&Element> {
        let q = query.trim();
        if q.is_empty() {
            return None;
        }
        if let Ok(n) = q.parse::<u8>() {
            return self.get(n);
        }
        let lower = q.to_lowercase();
        let exact_symbol = self.0.iter().find(|e| e.symbol == q);
        exact_symbol
            .or_else(|| self.0.iter().find(|e| e.symbol.to_lowercase() == lower))
            .or_else(|| {
                self.0
                    .iter()
                    .find(|e| e.names().any(|n| n.to_lowercase() == lower))
            })
            .or_else(|| {
                (q.chars().count() >= 2).then_some(())?;
                self.0
                    .iter()
                    .find(|e| e.names().any(|n| n.to_lowercase().starts_with(&lower)))
            })
    }
}

/// What the candidate does in the table.
#[derive(Debug, Clone)]
pub enum Message {
    /// Typed in the search field.
    Query(String),
    /// Clicked an element.
    Pick(u8),
}

/// The table on screen: what is typed and which element the detail panel shows.
#[derive(Debug, Clone, Default)]
pub struct Periodic {
    query: String,
    shown: Option<u8>,
}

impl Periodic {
    /// Handles a message.
    pub fn update(&mut self, message: Message) {
        match message {
            Message::Query(query) => {
                if let Some(found) = elements().ok().and_then(|t| t.find(&query)) {
                    self.shown = Some(found.number);
                }
                self.query = query;
            }
            Message::Pick(number) => self.shown = Some(number),
        }
    }

    /// The element the detail panel shows.
    pub fn shown(&self) -> Option<u8> {
        self.shown
    }

    /// What is typed in the search field.
    pub fn query(&self) -> &str {
        &self.query
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> &'static Elements {
        elements().unwrap()
    }

    #[test]
    fn all_118_elements_are_placed_once_each_on_the_long_form() {
        let t = table();
        assert_eq!(t.all().len(), 118);
        let mut seen = std::collections::BTreeSet::new();
        for e in t.all() {
            let (row, column) = e.place();
            assert!(
                row < ROWS && column < COLUMNS,
                "{} at {row},{column}",
                e.symbol
            );
            assert!(seen.insert((row, column)), "{} shares a place", e.symbol);
        }
        let numbers: Vec<u8> = t.all().iter().map(|e| e.number).collect();
        assert_eq!(numbers, (1..=118).collect::<Vec<u8>>());
    }

    #[test]
    fn a_sample_of_places_is_where_school_tables_have_it() {
        let t = table();
        let at = |r, c| t.at(r, c).map(|e| e.symbol.as_str());
        assert_eq!(at(0, 0), Some("H"));
        assert_eq!(at(0, 17), Some("He"));
        assert_eq!(at(1, 1), Some("Be"));
        assert_eq!(at(2, 16), Some("Cl"));
        assert_eq!(at(3, 7), Some("Fe"));
        assert_eq!(at(5, 2), Some("La"));
        assert_eq!(at(6, 2), Some("Ac"));
        assert_eq!(at(6, 17), Some("Og"));
        assert_eq!(at(7, 3), Some("Ce"));
        assert_eq!(at(7, 16), Some("Lu"));
        assert_eq!(at(8, 3), Some("Th"));
        assert_eq!(at(8, 16), Some("Lr"));
        assert_eq!(at(0, 5), None, "the gap over the d-block is empty");
    }

    #[test]
    fn school_masses_and_names_in_three_languages() {
        let t = table();
        let cl = t.find("Cl").unwrap();
        assert_eq!(cl.atomic_mass_rounded.to_string(), "35.5");
        assert_eq!(t.find("Na").unwrap().atomic_mass_rounded.to_string(), "23");
        assert_eq!(t.find("Tc").unwrap().atomic_mass_display, "[98]");
        assert_eq!(cl.name(Lang::Ru), "Хлор");
        assert_eq!(t.find("O").unwrap().name(Lang::Kk), "Оттегі");
    }

    #[test]
    fn lookup_by_symbol_number_and_name_in_any_language() {
        let t = table();
        let n = |q: &str| t.find(q).map(|e| e.number);
        assert_eq!(n("Na"), Some(11));
        assert_eq!(n("na"), Some(11));
        assert_eq!(
            n("Co"),
            Some(27),
            "an exact symbol wins over a case-folded one"
        );
        assert_eq!(n("натрий"), Some(11));
        assert_eq!(n("Sodium"), Some(11));
        assert_eq!(n("Натрий"), Some(11));
        assert_eq!(n("Оттегі"), Some(8));
        assert_eq!(n("Оттек"), Some(8), "a Kazakh variant");
        assert_eq!(n("26"), Some(26));
        assert_eq!(n("хло"), Some(17), "a name's beginning");
        assert_eq!(n("x"), None);
        assert_eq!(n("  "), None);
        assert_eq!(n("200"), None);
    }

    #[test]
    fn typing_shows_the_element_found_and_keeps_it_while_the_text_is_not_a_name_yet() {
        let mut p = Periodic::default();
        p.update(Message::Query("Fe".into()));
        assert_eq!(p.shown(), Some(26));
        p.update(Message::Query("Fez".into()));
        assert_eq!(p.shown(), Some(26));
        p.update(Message::Pick(79));
        assert_eq!(p.shown(), Some(79));
    }
}
