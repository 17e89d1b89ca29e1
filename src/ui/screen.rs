//! The screens of the journey. Each owns its state, `Message`, `update` and `view`, and reports
//! upward with an `Action`.

pub mod check_in;
pub mod locked;

/// The screen on show.
#[derive(Debug)]
pub enum Screen {
    /// Waiting for a proctor.
    Locked(locked::Locked),
    /// The candidate identifies themself.
    CheckIn(check_in::CheckIn),
}
