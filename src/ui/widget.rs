//! Reusable widgets the screens build from: the navigator grid and its legend, task text with
//! markup and images, the clock (times left, the testing timer with its warnings, countdowns),
//! the countdown that redraws itself between ticks, and the saved badge.

pub mod clock;
pub mod countdown;
pub mod navigator;
pub mod rich;
pub mod saved;

pub use clock::{COUNTDOWN, clock, countdown, duration, timer};
pub use navigator::{legend, nav_cell, nav_grid};
pub use rich::{rich, rich_struck};
pub use saved::saved;
