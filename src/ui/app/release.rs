//! A sealed package's key at the start of a candidate's session: the app asks the center (in a
//! task; the window never waits), and once the package opens the session starts as with any
//! open package. When the center cannot be asked or refuses, check-in says why, in the
//! candidate's language, and offers a retry and the proctor's key code from the key sheet.

use std::sync::Arc;

use iced::Task;

use super::{App, Message};
use crate::exam::Paper;
use crate::roster::Entry;
use crate::station::config::Content;
use crate::sync::release::{self, ReleaseError};
use crate::ui::screen::Screen;

/// A key release the app has asked for and not yet had an answer to: what its task does, for a
/// headless test (whose tasks are dropped) to do itself.
#[derive(Debug, Clone)]
pub struct ReleaseJob {
    /// The center.
    pub center: release::Center,
    /// The package's header.
    pub header: crate::package::Header,
    /// The sealed package.
    pub sealed: Arc<Vec<u8>>,
    /// The candidate.
    pub iin: String,
}

impl ReleaseJob {
    /// Does it: asks the center and opens the package.
    pub async fn run(self) -> Result<Arc<Paper>, ReleaseError> {
        release::online(&self.center, &self.header, &self.sealed, &self.iin)
            .await
            .map(Arc::new)
    }
}

impl App {
    /// The key release in flight, if any.
    pub fn release_job(&self) -> Option<ReleaseJob> {
        let entry = self.releasing.as_ref()?;
        let package = self.config.package(&entry.package)?;
        let Content::Sealed(sealed) = &package.content else {
            return None;
        };
        Some(ReleaseJob {
            center: self.config.center.clone()?,
            header: package.header.clone(),
            sealed: Arc::clone(sealed),
            iin: entry.iin.clone(),
        })
    }

    /// Asks the center for the key of the candidate's sealed package.
    pub(super) fn ask_release(
        &mut self,
        entry: &Entry,
        header: crate::package::Header,
        sealed: Arc<Vec<u8>>,
    ) -> Task<Message> {
        if self.releasing.is_some() {
            return Task::none();
        }
        let Some(center) = self.config.center.clone() else {
            return self.release_failed(&ReleaseError::NoCenter);
        };
        tracing::info!(package = %header.package_id, seal = %header.seal_id, "asking the center for the package key");
        self.releasing = Some(entry.clone());
        if let Screen::CheckIn(check) = &mut self.screen {
            check.asking();
        }
        let job = ReleaseJob {
            center,
            header,
            sealed,
            iin: entry.iin.clone(),
        };
        Task::perform(job.run(), Message::Released)
    }

    /// The center answered (or could not be reached).
    pub(super) fn on_released(
        &mut self,
        result: Result<Arc<Paper>, ReleaseError>,
    ) -> Task<Message> {
        let Some(entry) = self.releasing.take() else {
            return Task::none();
        };
        match result {
            Ok(paper) => self.opened(&entry, &paper),
            Err(e) => self.release_failed(&e),
        }
    }

    /// The proctor typed the package's key code from the key sheet.
    pub(super) fn with_key_code(&mut self, entry: &Entry, typed: &str) -> Task<Message> {
        let Some(package) = self.config.package(&entry.package) else {
            return Task::none();
        };
        let (Content::Sealed(sealed), Some(center)) = (&package.content, &self.config.center)
        else {
            return Task::none();
        };
        match release::with_code(center, &package.header, sealed, typed) {
            Ok(paper) => {
                tracing::warn!(package = %package.header.package_id, "package opened with the proctor's key code (offline)");
                self.opened(entry, &Arc::new(paper))
            }
            Err(e) => self.release_failed(&e),
        }
    }

    fn opened(&mut self, entry: &Entry, paper: &Arc<Paper>) -> Task<Message> {
        let Some(header) = self
            .config
            .package(&entry.package)
            .map(|p| p.header.clone())
        else {
            return Task::none();
        };
        tracing::info!(package = %header.package_id, "package opened");
        self.open_session(entry, &header, paper)
    }

    fn release_failed(&mut self, e: &ReleaseError) -> Task<Message> {
        tracing::warn!(error = %e, "the package did not open");
        if let Screen::CheckIn(check) = &mut self.screen {
            check.release_failed(e.clone());
        }
        Task::none()
    }
}
