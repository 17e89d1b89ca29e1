//! The proctor's side of the app. The admin screen's door: every try is kept in the audit log
//! (the count survives a restart) and a wrong one in a live session is also an incident of the
//! session. Holding a live session (the chord, a focus loss), the admin screen and leaving it.
//! Actions outside a session, each recorded in the station's audit log before it takes effect:
//! setting aside a session that cannot go on, allowing a second sitting, closing for the day.

use iced::Task;

use super::{App, Message};
use crate::exam::Event;
use crate::exam::event::{By, HoldCause, Incident};
use crate::journal::JournalError;
use crate::journal::audit::Action;
use crate::journal::recovery::Stuck;
use crate::roster::Entry;
use crate::ui::screen::{Kind, Screen, admin, check_in, locked};

fn credential(by: By) -> &'static str {
    match by {
        By::Pin => "pin",
        By::Code => "one-time-code",
    }
}

/// An audit record on its way to the journal.
#[derive(Debug, Clone)]
pub struct PendingAudit {
    /// What the proctor did.
    pub action: Action,
    /// Whom it concerns (a session id, a candidate tag).
    pub subject: String,
    /// Why.
    pub detail: String,
}

impl App {
    /// Wall-clock seconds now, from the one wall-clock read at start and the monotonic clock.
    pub(super) fn unix_secs(&self) -> u64 {
        let (at, wall_ms) = self.started;
        let since = self.now.saturating_duration_since(at).as_millis();
        (u128::from(wall_ms) + since)
            .try_into()
            .map_or(u64::MAX, |ms: u64| ms / 1000)
    }

    /// The door opened: the count starts again, and the audit log keeps it.
    pub(super) fn door_opened(&mut self, by: By) -> Task<Message> {
        tracing::info!(by = credential(by), "the admin screen's door opened");
        self.door.opened();
        self.door_audit(Action::PinAccepted, credential(by))
    }

    /// A wrong PIN or code: the door makes the next try wait; the audit log keeps it, and a
    /// live session records it as an incident.
    pub(super) fn refused(&mut self) -> Task<Message> {
        self.door.refused(self.now);
        tracing::warn!(
            in_a_row = self.door.wrong(),
            "a wrong PIN or code at the admin screen's door"
        );
        let audit = self.door_audit(Action::PinRefused, "pin-or-code");
        let in_session = self
            .session
            .as_ref()
            .is_some_and(|s| s.recorded().phase != crate::exam::Phase::Closed);
        if in_session {
            let kind = Incident::WrongPin;
            return Task::batch([audit, self.record(vec![Event::Incident { kind }])]);
        }
        audit
    }

    /// Queues a try for the audit log; tries are kept one after another, in order.
    fn door_audit(&mut self, action: Action, detail: &'static str) -> Task<Message> {
        self.door_audits.push_back(PendingAudit {
            action,
            subject: "admin".to_owned(),
            detail: detail.to_owned(),
        });
        if self.door_audits.len() == 1 {
            self.send_door_audit()
        } else {
            Task::none()
        }
    }

    fn send_door_audit(&self) -> Task<Message> {
        let Some(pending) = self.door_audits.front().cloned() else {
            return Task::none();
        };
        self.audit_task(pending, Message::DoorAudited)
    }

    /// The task that writes `pending` to the audit log and answers with `done`.
    fn audit_task(
        &self,
        pending: PendingAudit,
        done: fn(Result<i64, JournalError>) -> Message,
    ) -> Task<Message> {
        let writer = self.writer.clone();
        Task::perform(
            async move {
                writer
                    .audit(pending.action, &pending.subject, &pending.detail)
                    .await
            },
            done,
        )
    }

    /// The audit log answered for the try in flight: a failure is logged (the try was counted
    /// in memory; only its survival of a restart is lost), and the next try goes.
    pub(super) fn door_audited(&mut self, result: &Result<i64, JournalError>) -> Task<Message> {
        if let Err(e) = result {
            tracing::error!(error = %e, "a try at the admin screen could not be kept in the audit log");
        }
        self.door_audits.pop_front();
        self.send_door_audit()
    }

    /// Hold the live session over its tasks and ask for the PIN (the chord, the interlude's
    /// proctor button); without a session, the lock screen, from which the admin screen opens
    /// (the chord there opens it with the PIN typed).
    pub(super) fn hold(&mut self, cause: HoldCause) -> Task<Message> {
        // On the lock screen without a session the chord is the keyboard's "Proctor menu".
        if self.screen.kind() == Kind::Locked && self.session.is_none() {
            let press = crate::ui::screen::Message::Locked(locked::Message::AdminPressed);
            return self.on_screen(press);
        }
        if matches!(self.screen.kind(), Kind::Locked | Kind::Admin) {
            return Task::none();
        }
        let Some(session) = &self.session else {
            if self.screen.kind() == Kind::CheckIn {
                self.set_screen(Screen::Locked(locked::Locked::default()));
                return iced::widget::operation::focus(locked::id::PIN);
            }
            return Task::none();
        };
        let state = session.recorded();
        tracing::info!(?cause, phase = state.phase.name(), "the proctor's chord");
        let briefing = state.phase == crate::exam::Phase::Briefing;
        if (state.is_live() || briefing) && state.hold.is_none() {
            return self.record(vec![Event::Held { cause }]);
        }
        Task::none()
    }

    /// The admin screen, opened with `by`.
    pub(super) fn open_admin(&mut self, by: By) -> Task<Message> {
        self.set_screen(Screen::Admin(admin::Admin::new(by)));
        iced::widget::operation::focus(admin::id::REASON)
    }

    /// The proctor leaves the admin screen: the hold is released with its ruling, and the
    /// session's screen comes back; without a session the station locks.
    pub(super) fn leave_admin(&mut self, release: Option<Event>) -> Task<Message> {
        if self.session.is_none() {
            self.set_screen(Screen::Locked(locked::Locked::default()));
            return iced::widget::operation::focus(locked::id::PIN);
        }
        // The screen changes first, so the release's phase change is shown by `record`.
        self.set_screen(Screen::Locked(locked::Locked::default()));
        let recorded = self.record(release.into_iter().collect());
        let shown = self.show_phase(true);
        Task::batch([recorded, shown])
    }

    /// Close the station for the day: recorded in the audit log, then the program ends.
    pub(super) fn close_day(&mut self) -> Task<Message> {
        tracing::info!("the proctor closes the station for the day");
        self.send_audit(Action::CloseDay, "station".to_owned(), String::new())
    }

    /// The PIN was right on a station with a stuck session: record that it is set aside.
    pub(super) fn set_aside(&mut self, stuck: &Stuck) -> Task<Message> {
        let (session, detail) = (stuck.session.clone(), stuck.problem.to_string());
        self.send_audit(Action::Quarantine, session, detail)
    }

    /// The proctor's PIN allowed a second sitting: record it, then let the candidate confirm.
    pub(super) fn allow_retake(&mut self, entry: &Entry) -> Task<Message> {
        let tag = self.sittings.tag(&entry.iin);
        self.send_audit(Action::AllowRetake, tag, format!("ticket {}", entry.ticket))
    }

    fn send_audit(&mut self, action: Action, subject: String, detail: String) -> Task<Message> {
        let pending = PendingAudit {
            action,
            subject,
            detail,
        };
        self.audit_pending = Some(pending.clone());
        self.audit_task(pending, Message::Audited)
    }

    /// The journal answered for the audit record in flight.
    pub(super) fn on_audited(&mut self, result: Result<i64, JournalError>) -> Task<Message> {
        let Some(pending) = self.audit_pending.take() else {
            return Task::none();
        };
        if let Err(e) = result {
            tracing::error!(action = ?pending.action, error = %e, "a proctor action could not be recorded, so it is not done");
            // Not recorded, so not done: a stuck session stays stuck, a retake is not allowed.
            self.journal_error = Some(e);
            return Task::none();
        }
        self.journal_error = None;
        tracing::info!(action = ?pending.action, "proctor action recorded");
        match pending.action {
            Action::Quarantine | Action::LostRecords => {
                self.set_screen(Screen::CheckIn(check_in::CheckIn::default()));
                iced::widget::operation::focus(check_in::id::IIN)
            }
            Action::AllowRetake => {
                self.sittings.allow(&pending.subject);
                if let Screen::CheckIn(check) = &mut self.screen {
                    check.retake_granted(&self.sittings);
                }
                Task::none()
            }
            Action::CloseDay => {
                tracing::info!("closed for the day");
                iced::exit()
            }
            Action::PinRefused | Action::PinAccepted => Task::none(),
        }
    }
}
