//! The proctor's admin screen, opened with the PIN or a one-time code. Over a live session it
//! offers what the exam core accepts now (pause, resume, step-out, return, add time, give back
//! the ledger's due time, end the test, end for a violation), each recorded with the credential
//! and the reason typed here, and shows the incident log, the ledger, sync and the station's
//! health; leaving it releases the hold with the proctor's ruling. Without a session it lets the
//! next candidate check in or closes the station for the day. The view is in `view`.

use iced::Element;

use super::{Action, Context};
use crate::exam::event::{By, HoldCause, ProctorAction, Verdict};
use crate::exam::state::StateError;
use crate::exam::{Event, State};
use crate::ui::keys::Press;

mod view;

/// Widget ids, for tests and focus.
pub mod id {
    /// The reason field.
    pub const REASON: &str = "admin-reason";
    /// The minutes field (add time).
    pub const MINUTES: &str = "admin-minutes";
    /// The refusal under the actions.
    pub const PROBLEM: &str = "admin-problem";
    /// The ledger.
    pub const LEDGER: &str = "admin-ledger";
    /// The incident log.
    pub const INCIDENTS: &str = "admin-incidents";
    /// The confirmation of an action that cannot be undone.
    pub const CONFIRM: &str = "admin-confirm";
    /// "No" in the confirmation.
    pub const CANCEL: &str = "admin-cancel";
    /// Back to the test (a hold the proctor called, or a ruling of technical fault).
    pub const BACK: &str = "admin-back";
    /// Back to the test, the candidate's doing.
    pub const BACK_CANDIDATE: &str = "admin-back-candidate";
    /// No session: the next candidate.
    pub const NEXT: &str = "admin-next";
    /// No session: close for the day.
    pub const CLOSE_DAY: &str = "admin-close-day";
    /// No session: the ticket of a candidate whose station died.
    pub const TICKET: &str = "admin-ticket";
    /// No session: take that candidate's session over.
    pub const CLAIM: &str = "admin-claim";
    /// The frame of an action's button: `admin-pause`, `admin-give-back`, ...
    pub fn act(act: super::Act) -> String {
        format!("admin-{}", act.name())
    }
}

/// An action the admin screen offers over a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Pause (clock stops).
    Pause,
    /// Resume.
    Resume,
    /// Let the candidate out.
    StepOut,
    /// The candidate is back.
    Return,
    /// Add the minutes typed.
    AddTime,
    /// Give back what the ledger says is due.
    GiveBack,
    /// End the test (the card as usual).
    EndTest,
    /// End the test for a violation (no card).
    EndViolation,
    /// Turn the enlarged interface on or off (an accommodation, kept for the session).
    Zoom,
    /// Turn the high-contrast palette on or off (an accommodation, kept for the session).
    Contrast,
}

impl Act {
    /// Every action, in the order the screen lists them (and keys 1–9, 0 press them).
    pub const ALL: [Act; 10] = [
        Act::Pause,
        Act::Resume,
        Act::StepOut,
        Act::Return,
        Act::AddTime,
        Act::GiveBack,
        Act::EndTest,
        Act::EndViolation,
        Act::Zoom,
        Act::Contrast,
    ];

    /// Its short name (ids and message ids `admin-act-*`).
    pub fn name(self) -> &'static str {
        match self {
            Act::Pause => "pause",
            Act::Resume => "resume",
            Act::StepOut => "step-out",
            Act::Return => "return",
            Act::AddTime => "add-time",
            Act::GiveBack => "give-back",
            Act::EndTest => "end-test",
            Act::EndViolation => "end-violation",
            Act::Zoom => "zoom",
            Act::Contrast => "contrast",
        }
    }

    /// Whether it asks "are you sure?" first.
    fn confirms(self) -> bool {
        matches!(self, Act::EndTest | Act::EndViolation)
    }
}

/// Whether the station can be closed, or the session's test ended, after a confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// An action over the session.
    Act(Act),
    /// Close the station for the day.
    CloseDay,
}

/// Admin screen state.
#[derive(Debug)]
pub struct Admin {
    by: By,
    reason: String,
    minutes: String,
    ticket: String,
    /// The center is asked for a candidate's session.
    claiming: bool,
    confirm: Option<Confirm>,
    problem: Option<Problem>,
}

/// Why the last action was not done.
#[derive(Debug, Clone)]
pub enum Problem {
    /// The exam core refused it.
    Refused(StateError),
    /// The minutes to add are not a whole number from 1 to 240.
    Minutes,
    /// A take-over needs the candidate's ticket and a reason.
    ClaimIncomplete,
    /// The take-over failed.
    Claim(crate::sync::handover::TakeOverError),
}

/// What the proctor did.
#[derive(Debug, Clone)]
pub enum Message {
    /// The reason field changed.
    ReasonChanged(String),
    /// The minutes field changed.
    MinutesChanged(String),
    /// An action was pressed.
    Act(Act),
    /// Yes in the confirmation.
    Confirmed,
    /// No in the confirmation.
    Cancelled,
    /// Back to the test, with the ruling on the hold's time.
    Back(Verdict),
    /// No session: the next candidate checks in.
    Next,
    /// No session: close the station for the day (asks first).
    CloseDay,
    /// No session: the ticket field changed.
    TicketChanged(String),
    /// No session: take over the session of the candidate with the ticket typed.
    Claim,
}

/// The proctor action `act` stands for in `state` (`seconds` for added time).
fn proctor_action(act: Act, state: &State, seconds: u32) -> ProctorAction {
    match act {
        Act::Pause => ProctorAction::Pause,
        Act::Resume => ProctorAction::Resume,
        Act::StepOut => ProctorAction::StepOut,
        Act::Return => ProctorAction::Return,
        Act::AddTime => ProctorAction::AddTime { seconds },
        Act::GiveBack => ProctorAction::GiveBack {
            ms: state.ledger.due_ms(),
        },
        Act::EndTest => ProctorAction::EndTest,
        Act::EndViolation => ProctorAction::EndViolation,
        Act::Zoom | Act::Contrast => toggled(act, state),
    }
}

/// The accommodations with the one `act` names turned over.
fn toggled(act: Act, state: &State) -> ProctorAction {
    let now = state.accommodations;
    ProctorAction::Accommodate {
        zoom: now.zoom != (act == Act::Zoom),
        high_contrast: now.high_contrast != (act == Act::Contrast),
    }
}

/// Most minutes a proctor adds at once.
pub const MAX_MINUTES: u32 = 240;

impl Admin {
    /// The admin screen, opened with `by`.
    pub fn new(by: By) -> Admin {
        Admin {
            by,
            reason: String::new(),
            minutes: String::new(),
            ticket: String::new(),
            claiming: false,
            confirm: None,
            problem: None,
        }
    }

    /// The reason typed.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The credential it was opened with.
    pub fn by(&self) -> By {
        self.by
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action {
        match message {
            Message::ReasonChanged(value) => {
                self.reason = value;
                Action::None
            }
            Message::MinutesChanged(value) => {
                self.minutes = value.chars().filter(char::is_ascii_digit).take(3).collect();
                Action::None
            }
            Message::Act(act) if act.confirms() => {
                self.confirm = Some(Confirm::Act(act));
                Action::None
            }
            Message::Act(act) => self.act(act, ctx),
            Message::Confirmed => match self.confirm.take() {
                Some(Confirm::Act(act)) => self.act(act, ctx),
                Some(Confirm::CloseDay) => Action::CloseDay,
                None => Action::None,
            },
            Message::Cancelled => {
                self.confirm = None;
                Action::None
            }
            Message::Back(verdict) => {
                let release = ctx
                    .state
                    .filter(|s| s.hold.is_some())
                    .map(|_| Event::Proctor {
                        action: ProctorAction::Release { verdict },
                        by: self.by,
                        reason: std::mem::take(&mut self.reason),
                    });
                Action::LeaveAdmin(release)
            }
            Message::Next => Action::Unlocked(self.by),
            Message::CloseDay => {
                self.confirm = Some(Confirm::CloseDay);
                Action::None
            }
            Message::TicketChanged(value) => {
                self.ticket = value.chars().take(32).collect();
                Action::None
            }
            Message::Claim => self.claim(),
        }
    }

    /// Asks the center for the session of the candidate with the ticket typed.
    fn claim(&mut self) -> Action {
        let (ticket, reason) = (self.ticket.trim(), self.reason.trim());
        if ticket.is_empty() || reason.is_empty() {
            self.problem = Some(Problem::ClaimIncomplete);
            return Action::None;
        }
        self.problem = None;
        self.claiming = true;
        Action::Claim {
            ticket: ticket.to_owned(),
            reason: reason.to_owned(),
        }
    }

    /// The app could not take the session over: say why.
    pub fn claim_failed(&mut self, error: crate::sync::handover::TakeOverError) {
        self.claiming = false;
        self.problem = Some(Problem::Claim(error));
    }

    /// Keys 1–9, 0 press the actions in their order; Enter goes back to the test (a hold ruled a
    /// technical fault); Enter and Esc answer a confirmation.
    pub fn key(&self, press: Press) -> Option<Message> {
        if self.confirm.is_some() {
            return match press {
                Press::Enter => Some(Message::Confirmed),
                Press::Escape => Some(Message::Cancelled),
                _ => None,
            };
        }
        match press {
            Press::Option(n) => Act::ALL.get(usize::from(n)).map(|a| Message::Act(*a)),
            Press::Enter => Some(Message::Back(Verdict::Technical)),
            _ => None,
        }
    }

    /// The proctor action `act` stands for, with what was typed.
    fn action(&self, act: Act, state: &State) -> Result<ProctorAction, Problem> {
        let minutes = if act == Act::AddTime {
            self.minutes
                .parse::<u32>()
                .ok()
                .filter(|m| (1..=MAX_MINUTES).contains(m))
                .ok_or(Problem::Minutes)?
        } else {
            0
        };
        Ok(proctor_action(act, state, minutes * 60))
    }

    /// Records `act` if the exam core takes it now; otherwise says why.
    fn act(&mut self, act: Act, ctx: &Context<'_>) -> Action {
        let Some((paper, state)) = ctx.exam() else {
            return Action::None;
        };
        let action = match self.action(act, state) {
            Ok(action) => action,
            Err(problem) => {
                // A bad number of minutes is cleared; the message says what is wanted.
                self.minutes.clear();
                self.problem = Some(problem);
                return Action::None;
            }
        };
        let event = Event::Proctor {
            action,
            by: self.by,
            reason: self.reason.trim().to_owned(),
        };
        if let Err(e) = state.clone().apply(paper, &event) {
            self.problem = Some(Problem::Refused(e));
            return Action::None;
        }
        self.problem = None;
        self.reason.clear();
        self.minutes.clear();
        Action::record(event)
    }

    /// Whether the exam core would take `act` now (with a reason, if it needs one).
    fn offered(act: Act, paper: &crate::exam::Paper, state: &State) -> bool {
        let event = Event::Proctor {
            action: proctor_action(act, state, 60),
            by: By::Pin,
            reason: "-".to_owned(),
        };
        state.clone().apply(paper, &event).is_ok()
    }

    /// Whether leaving asks for a ruling: the hold was not the proctor's own.
    fn asks_ruling(state: Option<&State>) -> bool {
        state
            .and_then(|s| s.hold)
            .is_some_and(|cause| cause != HoldCause::Proctor)
    }

    /// The admin screen.
    pub fn view<'a>(&'a self, ctx: &Context<'a>) -> Element<'a, Message> {
        view::page(self, ctx)
    }
}
