//! Reusable widgets the screens build from: the navigator grid and its legend, task text with
//! markup and images, the clock (times left, the testing timer with its warnings, countdowns),
//! the countdown that redraws itself between ticks, the saved badge, room for the widest of
//! several labels, and a region drawn as a layer of its own.

pub mod clock;
pub mod countdown;
pub mod layer;
pub mod navigator;
pub mod reserve;
pub mod rich;
pub mod saved;

pub use clock::{COUNTDOWN, clock, countdown, duration, timer};
pub use layer::layer;
pub use navigator::{legend, nav_cell, nav_grid};
pub use reserve::reserve;
pub use rich::{rich, rich_struck};
pub use saved::saved;
