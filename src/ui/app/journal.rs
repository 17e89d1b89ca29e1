//! The app's side of the journal: creating a candidate's session and recording the check-in,
//! sending events to the writer one at a time in order, taking its answers, retrying what failed
//! on the next tick, and the blocking variant the headless tests use.

use std::sync::Arc;

use iced::Task;

use super::{App, Message};
use crate::exam::event::{Candidate, Incident};
use crate::exam::{Event, State};
use crate::journal::{JournalError, NewSession};
use crate::roster::Entry;
use crate::station::Session;
use crate::ui::screen::{Screen, check_in};

/// Commit failures in a row after which an autopilot run is reported as failed.
const AUTOPILOT_GIVES_UP: u32 = 20;

impl App {
    /// Creates the journal session for a confirmed candidate and records the check-in.
    pub(super) fn start_session(&mut self, entry: &Entry) -> Task<Message> {
        let Some(package) = self
            .config
            .packages
            .iter()
            .find(|p| p.header.package_id == entry.package)
            .cloned()
        else {
            return Task::none();
        };
        let content = check_in::content_language(entry, &package.paper);
        let candidate = Candidate {
            iin: entry.iin.clone(),
            name: entry.name.clone(),
            ticket: entry.ticket.clone(),
            extra_time: entry.extra_time,
            interface: self.lang,
            languages: package
                .paper
                .format
                .blocks
                .iter()
                .map(|b| (b.id.clone(), content))
                .collect(),
        };
        let id = format!(
            "{}-{}-{}",
            self.config.station,
            self.config.seat,
            crate::journal::store::now_ms()
        );
        let paper = Arc::clone(&package.paper);
        let state = State::new(&paper);
        let mut session = Session::new(id.clone(), entry.package.clone(), paper, state, false);
        if session.record(Event::Unlocked).is_err()
            || session.record(Event::CheckedIn { candidate }).is_err()
        {
            return Task::none();
        }
        // The unlock and the check-in are committed with the session, in one transaction.
        let new = NewSession {
            id,
            package_id: entry.package.clone(),
            seal_id: package.header.seal_id.clone(),
            paper: (*package.paper).clone(),
            opening: session.waiting(),
        };
        self.session = Some(session);
        self.journal_error = None;
        self.creating = Some(new.clone());
        self.show_phase(false);
        let writer = self.writer.clone();
        Task::perform(async move { writer.create(new).await }, Message::Created)
    }

    pub(super) fn on_created(&mut self, result: Result<(), JournalError>) -> Task<Message> {
        let Some(new) = self.creating.take() else {
            return Task::none();
        };
        match result {
            Ok(()) => {
                if let Some(s) = &mut self.session {
                    s.created(new.opening.len());
                }
            }
            Err(e) => {
                // Nothing was recorded: the candidate checks in again once the proctor has
                // looked at the station.
                self.session = None;
                self.journal_error = Some(e.clone());
                self.set_screen(Screen::CheckIn(check_in::CheckIn::default()));
                self.fail(&format!("the journal could not create the session: {e}"));
            }
        }
        Task::none()
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
                    self.faults_seen = met;
                    return self.record(vec![Event::Incident {
                        kind: Incident::SaveFailed,
                    }]);
                }
            }
            Err(e) => {
                // Sent again on the next tick, before anything newer.
                session.sent(n, false);
                self.journal_error = Some(e.clone());
                let failures = session.failures();
                if failures >= AUTOPILOT_GIVES_UP {
                    self.fail(&format!("the journal refused {failures} times: {e}"));
                }
            }
        }
        Task::none()
    }

    pub(super) fn fail(&mut self, why: &str) {
        if self.autopilot.is_some()
            && let Ok(mut slot) = self.config.failure.lock()
        {
            slot.get_or_insert_with(|| why.to_owned());
        }
    }

    /// Sends the next waiting event to the journal writer, one at a time. A failed commit waits
    /// for the next tick.
    pub(super) fn pump(&mut self, retry: bool) -> Task<Message> {
        let Some(session) = &mut self.session else {
            return Task::none();
        };
        if session.failures() > 0 && !retry {
            return Task::none();
        }
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

    /// Runs the journal work that `update`'s tasks would run, on this thread, for headless tests
    /// (which drop the tasks instead of running them): creates a pending session and commits the
    /// event in flight and every waiting one. Not for a running window, whose tasks do this.
    pub fn settle(&mut self) {
        self.settle_audit();
        if let Some(new) = self.creating.clone() {
            let result = self.writer.create_blocking(new);
            let _ = self.on_created(result);
        }
        while let Some(session) = &mut self.session {
            let Some(out) = session
                .in_flight()
                .cloned()
                .or_else(|| session.next_to_send())
            else {
                break;
            };
            let result = self.writer.append_blocking(&session.id, out.event);
            let failed = result.is_err();
            let _ = self.on_committed(out.n, result);
            if failed {
                break;
            }
        }
    }
}
