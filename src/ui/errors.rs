//! Errors in the user's language: every error the station shows maps to one Fluent id here, with
//! its arguments, so a proctor never reads a developer's message.

use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::journal::JournalError;
use crate::journal::recovery::RecoveryError;

/// Why a recovered session cannot go on, for the lock screen.
pub fn recovery(lang: Lang, error: &RecoveryError) -> String {
    match error {
        RecoveryError::NotStarted => tr(lang, "stuck-not-started"),
        RecoveryError::UnknownPackage(package) => tr_args(
            lang,
            "stuck-unknown-package",
            &[("package", Arg::Str(package))],
        ),
        RecoveryError::Fold(_) => tr(lang, "stuck-does-not-replay"),
        RecoveryError::Lost(_) => tr(lang, "stuck-lost-records"),
        RecoveryError::Journal(e) => journal(lang, e),
    }
}

/// A journal failure.
pub fn journal(lang: Lang, error: &JournalError) -> String {
    let id = match error {
        JournalError::StationKey(_) => "journal-error-station-key",
        JournalError::Integrity(_)
        | JournalError::Chain { .. }
        | JournalError::Record { .. }
        | JournalError::Truncated { .. }
        | JournalError::Gap { .. }
        | JournalError::Head(_) => "journal-error-damaged",
        JournalError::Rollback { .. } | JournalError::NoAnchor => "journal-error-lost",
        JournalError::Schema(_) => "journal-error-schema",
        JournalError::NoSession(_) | JournalError::NoJournal(_) => "journal-error-missing",
        JournalError::Sqlite(_)
        | JournalError::Io { .. }
        | JournalError::Settings(_)
        | JournalError::Encode(_)
        | JournalError::Crypto(_) => "journal-error-write",
    };
    tr(lang, id)
}
