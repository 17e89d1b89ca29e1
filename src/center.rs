//! The center side: its key store and server identity, its storage (behind a trait), and the
//! HTTPS API stations talk to.

pub mod hall;
pub mod identity;
pub mod intake;
pub mod keystore;
pub mod moves;
pub mod offline;
pub mod operators;
pub mod published;
pub mod results;
pub mod roster;
pub mod server;
pub mod store;
pub mod web;

pub use keystore::{KeyStore, KeyStoreError};
