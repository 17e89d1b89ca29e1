//! Helpers shared by the integration tests.

#![allow(dead_code, clippy::many_single_char_names)]

pub mod power;
pub mod script;
