//! The candidate's on-screen tools, drawn by the testing screen over the task: the calculator,
//! the periodic table and the salt solubility table. Each is a pure model (unit-tested without a
//! window) with its view beside it. Which tool is open is exam state (`State::tool`, journaled);
//! what is typed into a tool is not.

pub mod calculator;
pub mod periodic;
pub mod solubility;

pub use crate::exam::event::Tool;
