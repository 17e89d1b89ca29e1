//! The app's side of a seat swap. A spare station that the center says has a session moved to
//! it takes it over while it stands on the lock screen with no session of its own: the session
//! is checked (`sync::handover`), written to the journal as a new session carrying on the moved
//! one (its records first, then where it came from and the time the move cost), and waits on
//! the lock screen for the proctor's PIN, which resumes it at the same task. A station whose
//! session the center moved away closes its copy and says on the lock screen where it went.

use std::sync::Arc;

use iced::Task;

use super::{App, Message};
use crate::exam::event::{CloseReason, Incident};
use crate::exam::{Event, Phase};
use crate::journal::NewSession;
use crate::station::Session;
use crate::sync::handover::{self, Adopted, TakeOverError};
use crate::ui::screen::{Kind, Screen, locked};

/// A take-over the app has started and not yet had an answer to: what its task does, for a
/// headless test (whose tasks are dropped) to do itself.
#[derive(Debug, Clone)]
pub struct TakeOverJob {
    config: crate::station::Config,
    /// The proctor's claim (ticket, reason), or `None`: the move the center already made.
    claim: Option<(String, String)>,
}

impl TakeOverJob {
    /// Does it: asks the center for the handover and checks it.
    pub async fn run(self) -> Result<Arc<Adopted>, TakeOverError> {
        let center = self.config.center.clone().ok_or(TakeOverError::Package(
            crate::sync::release::ReleaseError::NoCenter,
        ))?;
        let (handed, carried) = match &self.claim {
            Some((ticket, reason)) => center.link.claim(ticket, reason).await?,
            None => center.link.handover().await?,
        };
        handover::take(&self.config, &handed, &carried).map(Arc::new)
    }
}

impl App {
    /// The take-over in flight, if any.
    pub fn take_over_job(&self) -> Option<TakeOverJob> {
        self.taking_over.then(|| TakeOverJob {
            config: self.config.clone(),
            claim: self.claim.clone(),
        })
    }

    /// What the outbox's report asks of a seat swap: take a session over, or close one.
    pub(super) fn follow_moves(&mut self) -> Task<Message> {
        let Some(sync) = &self.sync else {
            return Task::none();
        };
        if let Some((session, seat)) = sync.moved.clone() {
            return self.moved_away(&session, &seat);
        }
        if sync.handover && !self.taking_over && self.may_take_over() {
            return self.take_over();
        }
        Task::none()
    }

    /// A session is taken over only by a station on its lock screen (or its admin screen, where
    /// the proctor asked for it) with nothing of its own.
    fn may_take_over(&self) -> bool {
        self.session.is_none()
            && self.creating.is_none()
            && matches!(self.screen.kind(), Kind::Locked | Kind::Admin)
            && self.config.center.is_some()
    }

    /// The proctor at this station asks for the candidate with `ticket` (the admin screen).
    pub(super) fn claim(&mut self, ticket: String, reason: String) -> Task<Message> {
        if self.taking_over || !self.may_take_over() {
            // Never leave the admin screen asking: say the station is busy.
            if let Screen::Admin(admin) = &mut self.screen {
                admin.claim_failed(TakeOverError::Busy);
            }
            return Task::none();
        }
        self.claim = Some((ticket, reason));
        self.take_over()
    }

    fn take_over(&mut self) -> Task<Message> {
        self.taking_over = true;
        match self.take_over_job() {
            Some(job) => Task::perform(job.run(), Message::TookOver),
            None => Task::none(),
        }
    }

    /// The center's handover, checked (or why not): carried on in a new journal session.
    pub(super) fn on_took_over(
        &mut self,
        result: Result<Arc<Adopted>, TakeOverError>,
    ) -> Task<Message> {
        self.taking_over = false;
        let claimed = self.claim.take().is_some();
        let adopted = match result {
            Ok(adopted) => adopted,
            Err(e) => {
                tracing::error!(error = %e, "a session moved here could not be taken over");
                match &mut self.screen {
                    Screen::Admin(admin) if claimed => admin.claim_failed(e),
                    Screen::Locked(lock) if !claimed && self.session.is_none() => {
                        lock.move_failed(e);
                    }
                    _ => {}
                }
                return Task::none();
            }
        };
        if !self.may_take_over() {
            tracing::warn!(session = %adopted.from_session, "a session moved here waits: this station is busy");
            if claimed && let Screen::Admin(admin) = &mut self.screen {
                admin.claim_failed(TakeOverError::Busy);
            }
            return Task::none();
        }
        let mut session = Session::new(
            String::new(),
            adopted.package_id.clone(),
            Arc::clone(&adopted.paper),
            adopted.state.clone(),
            false,
        );
        let moved = Event::Incident {
            kind: Incident::MovedFrom {
                station: adopted.from_station.clone(),
                seat: adopted.from_seat.clone(),
                lost: adopted.lost,
                lost_tasks: adopted.lost_tasks.clone(),
            },
        };
        let last = adopted.entries.last().map_or(0, |e| e.at_ms);
        let downtime = crate::journal::downtime(last, crate::journal::store::now_ms());
        for event in std::iter::once(moved).chain(downtime) {
            if session.record(event).is_err() {
                return Task::none();
            }
        }
        let new = NewSession {
            prefix: self.config.session_prefix(),
            package_id: adopted.package_id.clone(),
            seal_id: adopted.seal_id.clone(),
            paper: (*adopted.paper).clone(),
            opening: session.waiting(),
            carried: adopted.entries.clone(),
            supersedes: Some(adopted.from_session.clone()),
        };
        tracing::warn!(from = %adopted.from_session, station = %adopted.from_station, records = adopted.entries.len(), "taking over a session moved here");
        if let Some(c) = &adopted.state.candidate {
            self.lang = c.interface;
        }
        self.session = Some(session);
        self.journal_error = None;
        self.creating = Some(new.clone());
        self.set_screen(Screen::Locked(locked::Locked::new(
            locked::Notice::MovedHere {
                seat: adopted.from_seat.clone(),
                lost: adopted.lost,
                lost_tasks: adopted.lost_tasks.clone(),
            },
        )));
        let writer = self.writer.clone();
        Task::batch([
            iced::widget::operation::focus(locked::id::PIN),
            Task::perform(async move { writer.create(new).await }, Message::Created),
        ])
    }

    /// The center moved `session` to seat `seat`: this station's copy, if it is the live one,
    /// is closed and the lock screen says where the candidate went.
    fn moved_away(&mut self, session: &str, seat: &str) -> Task<Message> {
        let live = self
            .session
            .as_ref()
            .is_some_and(|s| s.id == session && s.recorded().phase != Phase::Closed);
        if !live {
            return Task::none();
        }
        tracing::warn!(
            session,
            seat,
            "the center moved this session to another station: closed here"
        );
        let closed = self.record(vec![Event::Closed {
            reason: CloseReason::Moved,
        }]);
        self.set_screen(Screen::Locked(locked::Locked::new(
            locked::Notice::MovedAway {
                seat: seat.to_owned(),
            },
        )));
        Task::batch([closed, iced::widget::operation::focus(locked::id::PIN)])
    }

    /// Whether the session is one the center moved away and its closing is saved: the PIN
    /// then leads to the next candidate.
    pub(super) fn moved_away_saved(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| s.recorded().close == Some(CloseReason::Moved) && s.all_saved())
    }
}
