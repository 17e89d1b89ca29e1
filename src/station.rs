//! The station's runtime between the GUI and the journal: what it runs with (`config`), what the
//! journal held at start (`start`) and the live session (state, time not yet recorded, events
//! waiting to be committed). Nothing here draws, reads a clock or touches the disk; callers pass
//! time in and carry events to the journal writer.

pub mod config;
pub mod session;
pub mod start;

pub use config::{Config, Package};
pub use session::Session;
pub use start::{Resume, Start};
