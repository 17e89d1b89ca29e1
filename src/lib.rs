//! U-STUDY Station: the exam core, sealed packages, cryptography and the center side.

pub mod boot;
pub mod center;
pub mod crypto;
pub mod demo;
pub mod exam;
pub mod i18n;
pub mod journal;
pub mod logging;
pub mod manpage;
pub mod package;
pub mod preflight;
pub mod private;
pub mod protocol;
pub mod roster;
pub mod station;
pub mod sync;
pub mod ui;
