//! The salt solubility table's model: `assets/reference/solubility-table.csv` (compiled in;
//! attribution in `assets/reference/README.md`) as anions by cations, each cell soluble,
//! slightly soluble, insoluble or not existing; ion labels and the salt's formula as a chemist
//! writes them (`Fe₂(SO₄)₃`); the cells on which printed tables disagree
//! (`solubility-table-notes.csv`);
//! and the table's state on screen: the cell under the pointer or the keyboard's focus.

use std::sync::LazyLock;

mod view;
pub use view::{id, view};

const SOURCE: &str = include_str!("../../../assets/reference/solubility-table.csv");
const NOTES: &str = include_str!("../../../assets/reference/solubility-table-notes.csv");

/// How a salt dissolves in water.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Solubility {
    /// More than 1 g per 100 g of water.
    Soluble,
    /// About 0.001–1 g per 100 g.
    Slightly,
    /// Insoluble.
    Insoluble,
    /// Does not exist, or water decomposes it.
    None,
}

impl Solubility {
    /// Every value, in legend order.
    pub const ALL: [Solubility; 4] = [
        Solubility::Soluble,
        Solubility::Slightly,
        Solubility::Insoluble,
        Solubility::None,
    ];

    fn parse(code: &str) -> Option<Solubility> {
        Some(match code.trim() {
            "R" => Solubility::Soluble,
            "M" => Solubility::Slightly,
            "N" => Solubility::Insoluble,
            "-" => Solubility::None,
            _ => return None,
        })
    }

    /// A short code, for the Fluent ids of its letter and its meaning.
    pub fn code(self) -> &'static str {
        match self {
            Solubility::Soluble => "soluble",
            Solubility::Slightly => "slightly",
            Solubility::Insoluble => "insoluble",
            Solubility::None => "none",
        }
    }
}

/// An ion as the file writes it (`SO4^2-`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ion {
    /// The atoms, as written (`SO4`, `NH4`, `Fe`).
    pub body: String,
    /// The charge's size.
    pub charge: u8,
}

impl Ion {
    fn parse(label: &str) -> Option<Ion> {
        let (body, charge) = label.trim().split_once('^')?;
        let digits = charge.trim_end_matches(['+', '-']);
        let charge = if digits.is_empty() {
            1
        } else {
            digits.parse().ok()?
        };
        (!body.is_empty() && charge > 0).then(|| Ion {
            body: body.to_owned(),
            charge,
        })
    }

    /// Whether it is more than one atom (bracketed when more than one is needed).
    fn is_group(&self) -> bool {
        self.body.chars().filter(char::is_ascii_uppercase).count() > 1
    }

    /// The label with sub- and superscripts: `SO₄²⁻`, `Fe³⁺`, `Na⁺`.
    pub fn label(&self, negative: bool) -> String {
        let mut out = subscripts(&self.body);
        if self.charge > 1 {
            out.extend(self.charge.to_string().chars().map(superscript));
        }
        out.push(if negative { '⁻' } else { '⁺' });
        out
    }
}

fn subscript(c: char) -> char {
    match c {
        '0'..='9' => char::from_u32(0x2080 + (c as u32 - '0' as u32)).unwrap_or(c),
        _ => c,
    }
}

fn superscript(c: char) -> char {
    match c {
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '0'..='9' => char::from_u32(0x2070 + (c as u32 - '0' as u32)).unwrap_or(c),
        _ => c,
    }
}

fn subscripts(s: &str) -> String {
    s.chars().map(subscript).collect()
}

fn gcd(a: u8, b: u8) -> u8 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// The formula of the salt (or base, or acid, or water) of `cation` and `anion`: `Fe₂(SO₄)₃`, `NaCl`,
/// `(NH₄)₂S`; the acetate keeps its usual order (`CH₃COONa`, `Ca(CH₃COO)₂`).
pub fn formula(cation: &Ion, anion: &Ion) -> String {
    if cation.body == "H" && anion.body == "OH" {
        return "H₂O".to_owned();
    }
    let lcm = cation.charge / gcd(cation.charge, anion.charge) * anion.charge;
    let part = |ion: &Ion, count: u8| {
        let body = subscripts(&ion.body);
        match (count, ion.is_group()) {
            (1, _) => body,
            (n, true) => format!("({body}){}", subscripts(&n.to_string())),
            (n, false) => format!("{body}{}", subscripts(&n.to_string())),
        }
    };
    let (c, a) = (
        part(cation, lcm / cation.charge),
        part(anion, lcm / anion.charge),
    );
    if anion.body == "CH3COO" && lcm / anion.charge == 1 {
        format!("{a}{c}")
    } else {
        format!("{c}{a}")
    }
}

/// The table.
#[derive(Debug)]
pub struct Table {
    /// The anions (rows).
    pub anions: Vec<Ion>,
    /// The cations (columns).
    pub cations: Vec<Ion>,
    cells: Vec<Vec<Solubility>>,
    /// Cells on which printed school tables disagree, as (anion, cation) indices.
    disputed: Vec<(usize, usize)>,
}

/// Why the compiled-in table could not be read (a build with a broken asset; its test fails).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the solubility table asset is unreadable: {0}")]
pub struct TableError(String);

fn parse(source: &str, notes: &str) -> Result<Table, TableError> {
    let bad = |line: usize, what: &str| TableError(format!("line {line}: {what}"));
    let mut lines = source.lines().filter(|l| !l.trim().is_empty());
    let header = lines.next().ok_or_else(|| bad(1, "no header"))?;
    let cations = header
        .split(',')
        .skip(1)
        .map(|c| Ion::parse(c).ok_or_else(|| bad(1, c)))
        .collect::<Result<Vec<_>, _>>()?;
    let mut anions = Vec::new();
    let mut cells = Vec::new();
    for (n, line) in lines.enumerate() {
        let mut fields = line.split(',');
        let label = fields.next().unwrap_or_default();
        anions.push(Ion::parse(label).ok_or_else(|| bad(n + 2, label))?);
        let row = fields
            .map(|f| Solubility::parse(f).ok_or_else(|| bad(n + 2, f)))
            .collect::<Result<Vec<_>, _>>()?;
        if row.len() != cations.len() {
            return Err(bad(n + 2, "a row of the wrong length"));
        }
        cells.push(row);
    }
    let mut disputed = Vec::new();
    for line in notes.lines().skip(1) {
        // anion, cation, value, confidence, then what four printed tables say (the comment
        // after them may hold commas; it is not read).
        let fields: Vec<&str> = line.splitn(9, ',').collect();
        let [anion, cation, value, _, printed @ ..] = fields.as_slice() else {
            continue;
        };
        let differs = printed
            .iter()
            .take(4)
            .map(|p| p.trim().trim_end_matches('*'))
            .any(|p| !p.is_empty() && p != value.trim());
        if !differs {
            continue;
        }
        let a = anions
            .iter()
            .position(|i| Ion::parse(anion).as_ref() == Some(i));
        let c = cations
            .iter()
            .position(|i| Ion::parse(cation).as_ref() == Some(i));
        if let (Some(a), Some(c)) = (a, c) {
            disputed.push((a, c));
        }
    }
    Ok(Table {
        anions,
        cations,
        cells,
        disputed,
    })
}

static TABLE: LazyLock<Result<Table, TableError>> = LazyLock::new(|| parse(SOURCE, NOTES));

/// The table shipped with the station.
pub fn table() -> Result<&'static Table, TableError> {
    TABLE.as_ref().map_err(Clone::clone)
}

impl Table {
    /// The cell of anion `a` and cation `c`.
    pub fn cell(&self, a: usize, c: usize) -> Option<Solubility> {
        self.cells.get(a)?.get(c).copied()
    }

    /// Whether the sources disagree on this cell.
    pub fn disputed(&self, a: usize, c: usize) -> bool {
        self.disputed.contains(&(a, c))
    }

    /// The cell of the ions with these bodies (`"Ag"`, `"Cl"`).
    pub fn lookup(&self, cation: &str, anion: &str) -> Option<Solubility> {
        let c = self.cations.iter().position(|i| i.body == cation)?;
        let a = self.anions.iter().position(|i| i.body == anion)?;
        self.cell(a, c)
    }
}

/// What the candidate does in the table.
#[derive(Debug, Clone, Copy)]
pub enum Message {
    /// The pointer is over a cell (anion, cation).
    Hover(usize, usize),
    /// A cell was clicked (anion, cation): it keeps the crosshair.
    Pick(usize, usize),
    /// Keyboard: move the focus by rows and columns.
    Move(i8, i8),
}

/// The table on screen: the focused cell (anion, cation).
#[derive(Debug, Clone, Copy, Default)]
pub struct Focus {
    at: (usize, usize),
}

impl Focus {
    /// Handles a message.
    pub fn update(&mut self, message: Message) {
        let (rows, columns) = table().map_or((1, 1), |t| (t.anions.len(), t.cations.len()));
        match message {
            Message::Hover(a, c) | Message::Pick(a, c) => {
                self.at = (a.min(rows - 1), c.min(columns - 1));
            }
            Message::Move(da, dc) => {
                let step = |x: usize, d: i8, n: usize| {
                    x.saturating_add_signed(isize::from(d))
                        .min(n.saturating_sub(1))
                };
                self.at = (step(self.at.0, da, rows), step(self.at.1, dc, columns));
            }
        }
    }

    /// The focused cell (anion, cation).
    pub fn at(&self) -> (usize, usize) {
        self.at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_reads_whole_with_every_cell_of_the_file() {
        let t = table().unwrap();
        assert_eq!(t.anions.len(), 13);
        assert_eq!(t.cations.len(), 22);
        let cells: usize = SOURCE
            .lines()
            .skip(1)
            .map(|l| l.split(',').count() - 1)
            .sum();
        assert_eq!(cells, 13 * 22);
        for a in 0..13 {
            for c in 0..22 {
                assert!(t.cell(a, c).is_some());
            }
        }
        // Ba²⁺ with S²⁻: the Russian tables print a dash, the Polish and Czech R. Not every
        // note is a disagreement.
        let (ba, s2) = (5, 5);
        assert!(t.disputed(s2, ba));
        assert!(t.disputed.len() < 58);
    }

    #[test]
    fn well_known_salts() {
        let t = table().unwrap();
        assert_eq!(t.lookup("Ag", "Cl"), Some(Solubility::Insoluble));
        assert_eq!(t.lookup("Na", "NO3"), Some(Solubility::Soluble));
        assert_eq!(t.lookup("Ba", "SO4"), Some(Solubility::Insoluble));
        assert_eq!(t.lookup("Ca", "SO4"), Some(Solubility::Slightly));
        assert_eq!(t.lookup("H", "OH"), Some(Solubility::None));
        assert_eq!(t.lookup("K", "PO4"), Some(Solubility::Soluble));
    }

    #[test]
    fn formulas_and_labels_as_a_chemist_writes_them() {
        let ion = |s| Ion::parse(s).unwrap();
        assert_eq!(formula(&ion("Fe^3+"), &ion("SO4^2-")), "Fe₂(SO₄)₃");
        assert_eq!(formula(&ion("Na^+"), &ion("Cl^-")), "NaCl");
        assert_eq!(formula(&ion("H^+"), &ion("OH^-")), "H₂O");
        assert_eq!(formula(&ion("H^+"), &ion("SO4^2-")), "H₂SO₄");
        assert_eq!(formula(&ion("NH4^+"), &ion("S^2-")), "(NH₄)₂S");
        assert_eq!(formula(&ion("Al^3+"), &ion("OH^-")), "Al(OH)₃");
        assert_eq!(formula(&ion("Ca^2+"), &ion("PO4^3-")), "Ca₃(PO₄)₂");
        assert_eq!(formula(&ion("Na^+"), &ion("CH3COO^-")), "CH₃COONa");
        assert_eq!(formula(&ion("Ca^2+"), &ion("CH3COO^-")), "Ca(CH₃COO)₂");
        assert_eq!(ion("SO4^2-").label(true), "SO₄²⁻");
        assert_eq!(ion("Fe^3+").label(false), "Fe³⁺");
        assert_eq!(ion("Na^+").label(false), "Na⁺");
    }

    #[test]
    fn a_broken_file_is_an_error_not_a_panic() {
        assert!(parse("anion,Na^+\nCl^-,R,R\n", "").is_err());
        assert!(parse("anion,Na^+\nCl^-,X\n", "").is_err());
        assert!(parse("", "").is_err());
        assert!(parse("anion,Na\nCl^-,R\n", "").is_err());
    }

    #[test]
    fn the_keyboard_focus_stays_inside_the_table() {
        let mut f = Focus::default();
        f.update(Message::Move(-1, -1));
        assert_eq!(f.at(), (0, 0));
        f.update(Message::Move(100, 100));
        assert_eq!(f.at(), (12, 21));
        f.update(Message::Hover(2, 17));
        assert_eq!(f.at(), (2, 17));
    }
}
