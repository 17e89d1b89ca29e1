//! The station's runtime between the GUI and the journal: what it runs with (`config`), its
//! enrolled configuration file (`settings`) and own keys (`identity`), what the journal held at
//! start (`start`) and the live session (state, time not yet recorded, events
//! waiting to be committed). Nothing here draws, reads a clock or touches the disk; callers pass
//! time in and carry events to the journal writer.

pub mod config;
pub mod door;
pub mod identity;
pub mod session;
pub mod settings;
pub mod start;

pub use config::{Config, Package};
pub use session::Session;
pub use start::{Resume, Start};
