//! The candidate's on-screen tools: calculator, periodic table and salt solubility table. Each
//! tool is a plain struct with a pure model (unit-tested without a window) and a view the testing
//! screen draws as an overlay. The calculator's model is in `calculator`; its view, and the
//! tables, are not built yet: the testing screen shows their slot.

pub mod calculator;

/// The on-screen tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// Calculator.
    Calculator,
    /// Periodic table.
    Periodic,
    /// Salt solubility table.
    Solubility,
}

impl Tool {
    /// Every tool, in button order.
    pub const ALL: [Tool; 3] = [Tool::Calculator, Tool::Periodic, Tool::Solubility];

    /// A short name, for widget ids.
    pub fn code(self) -> &'static str {
        match self {
            Tool::Calculator => "calculator",
            Tool::Periodic => "periodic",
            Tool::Solubility => "solubility",
        }
    }
}
