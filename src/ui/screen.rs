//! The screens of the journey. Each owns its state, `Message`, `update` and `view`, and reports
//! upward with an `Action` or the exam events to record. Screens without state of their own are
//! plain variants drawn from the session.

pub mod appeal;
pub mod briefing;
pub mod check_in;
pub mod interlude;
pub mod locked;
pub mod post;
pub mod testing;

/// The screen on show.
#[derive(Debug)]
pub enum Screen {
    /// Waiting for a proctor.
    Locked(locked::Locked),
    /// The candidate identifies themself.
    CheckIn(check_in::CheckIn),
    /// The rules.
    Briefing,
    /// Answering tasks.
    Testing(testing::Testing),
    /// A break, a pause or a step-out.
    Interlude,
    /// Testing has ended.
    Finished,
    /// The analysis card.
    Review,
    /// Appeal or finish.
    Decision,
    /// Writing the appeal.
    Appeal(appeal::Appeal),
    /// The appeal card.
    AppealCard,
    /// Thank you.
    Closed,
}

impl Screen {
    /// A short name, for tests and the autopilot's log.
    pub fn name(&self) -> &'static str {
        match self {
            Screen::Locked(_) => "locked",
            Screen::CheckIn(_) => "check-in",
            Screen::Briefing => "briefing",
            Screen::Testing(_) => "testing",
            Screen::Interlude => "interlude",
            Screen::Finished => "finished",
            Screen::Review => "review",
            Screen::Decision => "decision",
            Screen::Appeal(_) => "appeal",
            Screen::AppealCard => "appeal-card",
            Screen::Closed => "closed",
        }
    }
}
