//! The center side: its key store now; the HTTP server, roster and storage come with sync.

pub mod keystore;

pub use keystore::{KeyStore, KeyStoreError};
