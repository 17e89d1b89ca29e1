//! Proctor actions outside a session, each recorded in the station's audit log before it takes
//! effect: setting aside a session that cannot go on (so the station goes on to the next
//! candidate), and allowing a candidate whose session closed a second sitting.

use iced::Task;

use super::{App, Message};
use crate::journal::JournalError;
use crate::journal::audit::Action;
use crate::journal::recovery::Stuck;
use crate::roster::Entry;
use crate::ui::screen::{Screen, check_in};

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
        let writer = self.writer.clone();
        Task::perform(
            async move {
                writer
                    .audit(pending.action, &pending.subject, &pending.detail)
                    .await
            },
            Message::Audited,
        )
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
            Action::PinRefused | Action::PinAccepted | Action::CloseDay => Task::none(),
        }
    }
}
