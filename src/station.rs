//! The station's runtime between the GUI and the journal: the live session (state, time not yet
//! recorded, events waiting to be committed). Nothing here draws, reads a clock or touches the disk; callers pass time in and carry events
//! to the journal writer.

pub mod session;

pub use session::Session;
