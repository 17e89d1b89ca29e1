//! The exam domain: session formats, tasks, events, the journey state machine, the clock,
//! scoring, the analysis card and the IIN check. Pure and deterministic: nothing here reads a
//! clock, a file or a socket, and nothing here knows about the GUI, the database or the network.

pub mod card;
pub mod clock;
pub mod event;
pub mod iin;
pub mod ledger;
pub mod paper;
pub mod preset;
pub mod rich;
pub mod scoring;
pub mod spec;
pub mod state;
pub mod task;

pub use event::Event;
pub use paper::Paper;
pub use spec::SessionFormat;
pub use state::{Phase, State};
