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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::crypto::CryptoError;
    use crate::exam::state::{FoldError, StateError};

    fn every_journal_error() -> Vec<JournalError> {
        vec![
            JournalError::Sqlite(Arc::new(rusqlite::Error::InvalidQuery)),
            JournalError::Io {
                path: "p".into(),
                source: Arc::new(std::io::Error::other("x")),
            },
            JournalError::Settings("s".into()),
            JournalError::Integrity("i".into()),
            JournalError::Schema(9),
            JournalError::StationKey("k".into()),
            JournalError::Chain { seq: 1 },
            JournalError::Record { seq: 1 },
            JournalError::Truncated {
                found: 1,
                committed: 2,
            },
            JournalError::Gap { seq: 1 },
            JournalError::Head("s".into()),
            JournalError::Rollback {
                found: 1,
                anchored: 2,
            },
            JournalError::NoAnchor,
            JournalError::NoJournal("j".into()),
            JournalError::NoSession("s".into()),
            JournalError::Encode("e".into()),
            JournalError::Crypto(CryptoError::Open),
        ]
    }

    #[test]
    fn every_error_reads_in_every_language() {
        let mut recovery_errors: Vec<RecoveryError> = every_journal_error()
            .into_iter()
            .map(RecoveryError::Journal)
            .collect();
        recovery_errors.extend([
            RecoveryError::NotStarted,
            RecoveryError::UnknownPackage("demo".into()),
            RecoveryError::Lost("l".into()),
            RecoveryError::Fold(FoldError {
                index: 1,
                error: StateError::Text,
            }),
        ]);
        for e in &recovery_errors {
            let texts: Vec<String> = [Lang::Kk, Lang::Ru, Lang::En]
                .into_iter()
                .map(|lang| recovery(lang, e))
                .collect();
            for t in &texts {
                // A missing id comes back as the id itself, which has no spaces.
                assert!(t.contains(' '), "{e:?}: {t}");
            }
            assert!(
                texts[0] != texts[2] && texts[1] != texts[2],
                "{e:?} is not translated"
            );
        }
    }
}
