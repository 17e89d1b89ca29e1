//! The screens of the journey, all of one shape: a type with its own `Message`,
//! `update(&mut self, Message, &Context) -> Action` and `view(&self, &Context) -> Element`. A
//! screen reads what every screen reads from the `Context` and reports upward only with an
//! `Action`, which the app performs in one place. Which screen shows a session's phase is
//! decided by `for_phase` alone.

use std::time::Instant;

use iced::Element;

use crate::exam::{Event, Paper, Phase, State};
use crate::i18n::Lang;
use crate::journal::recovery::{Sittings, Stuck};
use crate::roster::Entry;
use crate::station::{Config, Session};
use crate::ui::keys::Press;

pub mod admin;
pub mod appeal;
pub mod appeal_card;
pub mod briefing;
pub mod check_in;
pub mod closed;
pub mod decision;
pub mod finished;
pub mod interlude;
pub mod locked;
pub mod review;
pub mod testing;

/// What every screen reads.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The interface language.
    pub lang: Lang,
    /// What the station runs with.
    pub config: &'a Config,
    /// The live session, if any.
    pub session: Option<&'a Session>,
    /// The session's state: in `view` as it stands now (with the time not yet recorded), in
    /// `update` as recorded.
    pub state: Option<&'a State>,
    /// Who has sat on this station.
    pub sittings: &'a Sittings,
    /// How the upload to the center stands (a station with a center, once the outbox reported).
    pub sync: Option<&'a crate::sync::outbox::SyncState>,
    /// The admin screen's door (wrong tries, waits, the lock-out).
    pub door: &'a crate::station::door::Door,
    /// Wall-clock seconds since the Unix epoch (one-time codes' windows).
    pub unix_secs: u64,
    /// The app's time (of the last tick).
    pub now: Instant,
}

impl<'a> Context<'a> {
    /// The paper and state of the live session, for the screens that show one.
    pub fn exam(&self) -> Option<(&'a Paper, &'a State)> {
        Some((&*self.session?.paper, self.state?))
    }
}

/// What a screen asks the app to do.
#[derive(Debug, Clone)]
pub enum Action {
    /// Nothing.
    None,
    /// Record these events, in order, through the exam core and the journal.
    Record(Vec<Event>),
    /// Record these events, then give the keyboard to the field with this id.
    RecordThenFocus(Vec<Event>, &'static str),
    /// The proctor's PIN was right on the lock screen: the recovered session goes on, or the
    /// next candidate checks in.
    Unlocked(crate::exam::event::By),
    /// The PIN or a one-time code opens the admin screen.
    Admin(crate::exam::event::By),
    /// A wrong PIN or code was typed.
    Refused,
    /// The proctor leaves the admin screen (releasing a hold with this event, if any).
    LeaveAdmin(Option<Event>),
    /// The proctor closes the station for the day.
    CloseDay,
    /// The proctor asks for the admin screen over the live session (it is held first).
    Hold,
    /// The proctor's PIN sets aside a session that cannot go on.
    SetAside(Stuck),
    /// Check-in found a candidate: the interface switches to their language.
    Found(Lang),
    /// The candidate confirmed who they are and their subjects.
    CheckedIn(Entry),
    /// The proctor's PIN allows this candidate a second sitting.
    AllowRetake(Entry),
    /// The proctor typed the key code of this candidate's package (the center cannot be asked).
    KeyCode(Entry, String),
    /// The proctor asks the center to move the session of the candidate with this ticket to
    /// this station (a seat swap).
    Claim {
        /// The candidate's ticket.
        ticket: String,
        /// Why.
        reason: String,
    },
}

impl Action {
    /// Records one event.
    pub fn record(event: Event) -> Action {
        Action::Record(vec![event])
    }

    /// Records `events`, or nothing when there are none.
    pub fn record_all(events: Vec<Event>) -> Action {
        if events.is_empty() {
            Action::None
        } else {
            Action::Record(events)
        }
    }
}

/// The screen on show.
#[derive(Debug)]
pub enum Screen {
    /// Waiting for a proctor.
    Locked(locked::Locked),
    /// The proctor's admin screen.
    Admin(admin::Admin),
    /// The candidate identifies themself.
    CheckIn(check_in::CheckIn),
    /// The rules.
    Briefing(briefing::Briefing),
    /// Answering tasks.
    Testing(testing::Testing),
    /// A break, a pause or a step-out.
    Interlude(interlude::Interlude),
    /// Testing has ended.
    Finished(finished::Finished),
    /// The analysis card.
    Review(review::Review),
    /// Appeal or finish.
    Decision(decision::Decision),
    /// Writing the appeal.
    Appeal(appeal::Appeal),
    /// The appeal card.
    AppealCard(appeal_card::AppealCard),
    /// Thank you.
    Closed(closed::Closed),
}

/// Which screen: one per variant of `Screen`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The lock screen.
    Locked,
    /// The proctor's admin screen.
    Admin,
    /// Check-in.
    CheckIn,
    /// The rules.
    Briefing,
    /// Answering tasks.
    Testing,
    /// A break, a pause or a step-out.
    Interlude,
    /// Testing has ended.
    Finished,
    /// The analysis card.
    Review,
    /// Appeal or finish.
    Decision,
    /// Writing the appeal.
    Appeal,
    /// The appeal card.
    AppealCard,
    /// Thank you.
    Closed,
}

impl Kind {
    /// The screen that shows a session in `phase` (the one place that decides it).
    pub fn for_phase(phase: Phase) -> Kind {
        match phase {
            Phase::Locked | Phase::CheckIn | Phase::Briefing => Kind::Briefing,
            Phase::Testing => Kind::Testing,
            Phase::Break { .. } | Phase::Paused { .. } | Phase::SteppedOut => Kind::Interlude,
            Phase::Finished => Kind::Finished,
            Phase::Review => Kind::Review,
            Phase::Decision => Kind::Decision,
            Phase::Appeal => Kind::Appeal,
            Phase::AppealCard => Kind::AppealCard,
            Phase::Closed => Kind::Closed,
        }
    }

    /// A short name, for tests and the autopilot's log.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Locked => "locked",
            Kind::Admin => "admin",
            Kind::CheckIn => "check-in",
            Kind::Briefing => "briefing",
            Kind::Testing => "testing",
            Kind::Interlude => "interlude",
            Kind::Finished => "finished",
            Kind::Review => "review",
            Kind::Decision => "decision",
            Kind::Appeal => "appeal",
            Kind::AppealCard => "appeal-card",
            Kind::Closed => "closed",
        }
    }
}

impl Screen {
    /// Which screen this is.
    pub fn kind(&self) -> Kind {
        match self {
            Screen::Locked(_) => Kind::Locked,
            Screen::Admin(_) => Kind::Admin,
            Screen::CheckIn(_) => Kind::CheckIn,
            Screen::Briefing(_) => Kind::Briefing,
            Screen::Testing(_) => Kind::Testing,
            Screen::Interlude(_) => Kind::Interlude,
            Screen::Finished(_) => Kind::Finished,
            Screen::Review(_) => Kind::Review,
            Screen::Decision(_) => Kind::Decision,
            Screen::Appeal(_) => Kind::Appeal,
            Screen::AppealCard(_) => Kind::AppealCard,
            Screen::Closed(_) => Kind::Closed,
        }
    }

    /// A short name, for tests and the autopilot's log.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// The screen for a session in `state`'s phase (a held session is handled by the app, which
    /// makes the challenge).
    pub fn for_state(state: &State) -> Screen {
        match Kind::for_phase(state.phase) {
            Kind::Locked | Kind::Admin => Screen::Locked(locked::Locked::default()),
            Kind::CheckIn => Screen::CheckIn(check_in::CheckIn::default()),
            Kind::Briefing => Screen::Briefing(briefing::Briefing),
            Kind::Testing => Screen::Testing(testing::Testing::default()),
            Kind::Interlude => Screen::Interlude(interlude::Interlude),
            Kind::Finished => Screen::Finished(finished::Finished),
            Kind::Review => Screen::Review(review::Review),
            Kind::Decision => Screen::Decision(decision::Decision),
            Kind::Appeal => Screen::Appeal(appeal::Appeal::new(state)),
            Kind::AppealCard => Screen::AppealCard(appeal_card::AppealCard),
            Kind::Closed => Screen::Closed(closed::Closed),
        }
    }
}

/// A message for the screen on show, by screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// On the lock screen.
    Locked(locked::Message),
    /// On the admin screen.
    Admin(admin::Message),
    /// On check-in.
    CheckIn(check_in::Message),
    /// On the briefing.
    Briefing(briefing::Message),
    /// While testing.
    Testing(testing::Message),
    /// Between tasks (nothing can be pressed).
    Interlude(interlude::Message),
    /// On the end-of-test notice.
    Finished(finished::Message),
    /// On the analysis card.
    Review(review::Message),
    /// On the decision.
    Decision(decision::Message),
    /// In the appeal.
    Appeal(appeal::Message),
    /// On the appeal card.
    AppealCard(appeal_card::Message),
    /// On the thank-you screen (nothing can be pressed).
    Closed(closed::Message),
}

impl Screen {
    /// Hands a message to the screen it belongs to; one meant for a screen no longer on show
    /// does nothing.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action {
        match (self, message) {
            (Screen::Locked(s), Message::Locked(m)) => s.update(m, ctx),
            (Screen::Admin(s), Message::Admin(m)) => s.update(m, ctx),
            (Screen::CheckIn(s), Message::CheckIn(m)) => s.update(m, ctx),
            (Screen::Briefing(s), Message::Briefing(m)) => s.update(m, ctx),
            (Screen::Testing(s), Message::Testing(m)) => s.update(m, ctx),
            (Screen::Interlude(s), Message::Interlude(m)) => s.update(m, ctx),
            (Screen::Finished(s), Message::Finished(m)) => s.update(m, ctx),
            (Screen::Review(s), Message::Review(m)) => s.update(m, ctx),
            (Screen::Decision(s), Message::Decision(m)) => s.update(m, ctx),
            (Screen::Appeal(s), Message::Appeal(m)) => s.update(m, ctx),
            (Screen::AppealCard(s), Message::AppealCard(m)) => s.update(m, ctx),
            (Screen::Closed(s), Message::Closed(m)) => s.update(m, ctx),
            _ => Action::None,
        }
    }

    /// The message a key of the key set that no widget took stands for on this screen.
    pub fn key(&self, press: Press) -> Option<Message> {
        match self {
            Screen::Locked(s) => s.key(press).map(Message::Locked),
            Screen::Admin(s) => s.key(press).map(Message::Admin),
            Screen::CheckIn(s) => s.key(press).map(Message::CheckIn),
            Screen::Briefing(s) => s.key(press).map(Message::Briefing),
            Screen::Testing(s) => s.key(press).map(Message::Testing),
            Screen::Interlude(s) => s.key(press).map(Message::Interlude),
            Screen::Finished(s) => s.key(press).map(Message::Finished),
            Screen::Review(s) => s.key(press).map(Message::Review),
            Screen::Decision(s) => s.key(press).map(Message::Decision),
            Screen::Appeal(s) => s.key(press).map(Message::Appeal),
            Screen::AppealCard(s) => s.key(press).map(Message::AppealCard),
            Screen::Closed(s) => s.key(press).map(Message::Closed),
        }
    }

    /// The message a calculator key stands for: only the testing screen has a calculator (the
    /// app asks only while it is open).
    pub fn calc_key(&self, key: crate::ui::tool::calculator::Key) -> Option<Message> {
        match self {
            Screen::Testing(s) => s.calc_key(key).map(Message::Testing),
            _ => None,
        }
    }

    /// The screen's view.
    pub fn view<'a>(&'a self, ctx: &Context<'a>) -> Element<'a, Message> {
        match self {
            Screen::Locked(s) => s.view(ctx).map(Message::Locked),
            Screen::Admin(s) => s.view(ctx).map(Message::Admin),
            Screen::CheckIn(s) => s.view(ctx).map(Message::CheckIn),
            Screen::Briefing(s) => s.view(ctx).map(Message::Briefing),
            Screen::Testing(s) => s.view(ctx).map(Message::Testing),
            Screen::Interlude(s) => s.view(ctx).map(Message::Interlude),
            Screen::Finished(s) => s.view(ctx).map(Message::Finished),
            Screen::Review(s) => s.view(ctx).map(Message::Review),
            Screen::Decision(s) => s.view(ctx).map(Message::Decision),
            Screen::Appeal(s) => s.view(ctx).map(Message::Appeal),
            Screen::AppealCard(s) => s.view(ctx).map(Message::AppealCard),
            Screen::Closed(s) => s.view(ctx).map(Message::Closed),
        }
    }
}
