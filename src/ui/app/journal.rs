//! The app's side of the journal: creating a candidate's session with its check-in, sending
//! events to the writer one at a time in order, taking its answers, and retrying a failed
//! commit on the tick. Every step returns the task that does the next piece of journal work;
//! nothing runs behind the messages' backs. `journal_job` tells what is in flight, so a test
//! can do that work itself.

use std::sync::Arc;

use iced::Task;

use super::{App, Message, PendingAudit};
use crate::exam::event::{Candidate, Incident};
use crate::exam::{Event, Paper, State};
use crate::journal::{JournalError, NewSession};
use crate::package::Header;
use crate::roster::Entry;
use crate::station::Session;
use crate::station::config::Content;
use crate::ui::screen::{Screen, check_in};

/// Journal work the app has handed out and not yet had an answer for.
#[derive(Debug, Clone)]
pub enum JournalJob {
    /// A proctor action's audit record.
    Audit(PendingAudit),
    /// A try at the admin screen's door, for the audit log.
    Door(PendingAudit),
    /// Creating the candidate's session with its opening events.
    Create(Box<NewSession>),
    /// Committing one event of the session.
    Append {
        /// The journal session id.
        session: String,
        /// The event's local number.
        n: u64,
        /// The event.
        event: Event,
    },
}

impl App {
    /// The journal work in flight, if any (first the audit record, then the door's, then the
    /// session's creation, then the event being committed).
    pub fn journal_job(&self) -> Option<JournalJob> {
        if let Some(audit) = &self.audit_pending {
            return Some(JournalJob::Audit(audit.clone()));
        }
        if let Some(door) = self.door_audits.front() {
            return Some(JournalJob::Door(door.clone()));
        }
        if let Some(new) = &self.creating {
            return Some(JournalJob::Create(Box::new(new.clone())));
        }
        let session = self.session.as_ref()?;
        let out = session.in_flight()?;
        Some(JournalJob::Append {
            session: session.id.clone(),
            n: out.n,
            event: out.event.clone(),
        })
    }

    /// A confirmed candidate: an open package starts at once; a sealed one first asks the
    /// center for its key (see `release`).
    pub(super) fn start_session(&mut self, entry: &Entry) -> Task<Message> {
        let Some(package) = self.config.package(&entry.package).cloned() else {
            return Task::none();
        };
        match package.content {
            Content::Open(paper) => self.open_session(entry, &package.header, &paper),
            Content::Sealed(sealed) => self.ask_release(entry, package.header, sealed),
        }
    }

    /// Creates the journal session for a confirmed candidate and records the check-in.
    pub(super) fn open_session(
        &mut self,
        entry: &Entry,
        header: &Header,
        paper: &Arc<Paper>,
    ) -> Task<Message> {
        let content = paper.content_language(entry.language);
        let candidate = Candidate {
            iin: entry.iin.clone(),
            name: entry.name.clone(),
            ticket: entry.ticket.clone(),
            extra_time: entry.extra_time,
            interface: self.lang,
            languages: paper
                .format
                .blocks
                .iter()
                .map(|b| (b.id.clone(), content))
                .collect(),
        };
        let state = State::new(paper);
        // The id comes from the journal, which stamps it when it creates the session.
        let mut session = Session::new(
            String::new(),
            entry.package.clone(),
            Arc::clone(paper),
            state,
            false,
        );
        if session.record(Event::Unlocked).is_err()
            || session.record(Event::CheckedIn { candidate }).is_err()
        {
            return Task::none();
        }
        // The unlock and the check-in are committed with the session, in one transaction.
        let new = NewSession {
            prefix: self.config.session_prefix(),
            package_id: entry.package.clone(),
            seal_id: header.seal_id.clone(),
            paper: (**paper).clone(),
            opening: session.waiting(),
            carried: Vec::new(),
            supersedes: None,
        };
        self.session = Some(session);
        self.journal_error = None;
        self.creating = Some(new.clone());
        let shown = self.show_phase(false);
        let writer = self.writer.clone();
        Task::batch([
            shown,
            Task::perform(async move { writer.create(new).await }, Message::Created),
        ])
    }

    pub(super) fn on_created(&mut self, result: Result<String, JournalError>) -> Task<Message> {
        let Some(new) = self.creating.take() else {
            return Task::none();
        };
        match result {
            Ok(id) => {
                tracing::info!(session = %id, package = %new.package_id, "session created with its check-in");
                if let Some(s) = &mut self.session {
                    s.id = id;
                    s.created(new.opening.len());
                }
                // What was recorded while the journal created the session goes next.
                self.send_next()
            }
            Err(e) => {
                // Nothing was recorded: the candidate checks in again once the proctor has
                // looked at the station.
                tracing::error!(error = %e, "the journal could not create the session");
                self.session = None;
                self.journal_error = Some(e);
                self.set_screen(Screen::CheckIn(check_in::CheckIn::default()));
                Task::none()
            }
        }
    }

    pub(super) fn on_committed(
        &mut self,
        n: u64,
        result: Result<u64, JournalError>,
    ) -> Task<Message> {
        let Some(session) = &mut self.session else {
            return Task::none();
        };
        match result {
            Ok(_) => {
                session.sent(n, true);
                self.journal_error = None;
                // The disk failed since the last save (a failed commit that had landed is
                // acknowledged without an error): one incident per episode, for the proctor.
                let met = self.writer.faults_met();
                if met > self.faults_seen {
                    tracing::warn!(session = %session.id, faults = met, "the disk failed since the last save: incident recorded");
                    self.faults_seen = met;
                    return self.record(vec![Event::Incident {
                        kind: Incident::SaveFailed,
                    }]);
                }
                self.send_next()
            }
            Err(e) => {
                // Sent again on the next tick, before anything newer.
                session.sent(n, false);
                tracing::warn!(session = %session.id, n, failures = session.failures(), error = %e, "a commit failed; sent again on the next tick");
                self.journal_error = Some(e);
                Task::none()
            }
        }
    }

    /// Sends the next waiting event to the journal writer, one at a time. After a failed
    /// commit nothing goes until the tick sends it again (`retry_commit`).
    pub(super) fn send_next(&mut self) -> Task<Message> {
        match &self.session {
            Some(s) if s.failures() == 0 => self.send(),
            _ => Task::none(),
        }
    }

    /// On the tick: the event whose commit failed is sent again.
    pub(super) fn retry_commit(&mut self) -> Task<Message> {
        match &self.session {
            Some(s) if s.failures() > 0 => self.send(),
            _ => Task::none(),
        }
    }

    fn send(&mut self) -> Task<Message> {
        let Some(session) = &mut self.session else {
            return Task::none();
        };
        let Some(out) = session.next_to_send() else {
            return Task::none();
        };
        let writer = self.writer.clone();
        let id = session.id.clone();
        let n = out.n;
        Task::perform(
            async move { writer.append(&id, out.event).await },
            move |result| Message::Committed { n, result },
        )
    }
}
