//! Errors in the user's language, in one place: `said` maps every error a user can see (journal,
//! recovery, package, start-up, IIN, a package key at check-in, the readiness check) to one Fluent id with its
//! arguments, so a proctor never reads a developer's message. `text` renders it.

use crate::boot::BootError;
use crate::crypto::keycode::KeyCodeError;
use crate::exam::iin::IinError;
use crate::i18n::{Arg, Lang, tr_args};
use crate::journal::JournalError;
use crate::journal::recovery::RecoveryError;
use crate::package::PackageError;
use crate::preflight::Finding;
use crate::sync::handover::TakeOverError;
use crate::sync::link::LinkError;
use crate::sync::release::ReleaseError;

/// An error a user can see.
#[derive(Debug, Clone, Copy)]
pub enum Problem<'a> {
    /// The journal failed.
    Journal(&'a JournalError),
    /// A recovered session cannot go on.
    Recovery(&'a RecoveryError),
    /// A test package does not open.
    Package(&'a PackageError),
    /// The station could not start.
    Boot(&'a BootError),
    /// A typed IIN is not valid.
    Iin(IinError),
    /// A sealed package did not open at check-in.
    Release(&'a ReleaseError),
    /// What the readiness check found (also when all is well).
    Preflight(&'a Finding),
    /// A session moved here could not be taken over.
    TakeOver(&'a TakeOverError),
}

/// An error as the user is told it: a Fluent id and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// The message id.
    pub id: &'static str,
    /// Its string arguments.
    pub args: Vec<(&'static str, String)>,
}

impl Said {
    fn id(id: &'static str) -> Said {
        Said {
            id,
            args: Vec::new(),
        }
    }

    fn with(id: &'static str, name: &'static str, value: &impl ToString) -> Said {
        Said {
            id,
            args: vec![(name, value.to_string())],
        }
    }
}

/// The one mapping from errors to messages.
pub fn said(problem: Problem<'_>) -> Said {
    match problem {
        Problem::Journal(e) => journal_said(e),
        Problem::Recovery(e) => match e {
            RecoveryError::NotStarted => Said::id("stuck-not-started"),
            RecoveryError::UnknownPackage(package) => {
                Said::with("stuck-unknown-package", "package", &package)
            }
            RecoveryError::Fold(_) => Said::id("stuck-does-not-replay"),
            RecoveryError::Lost(_) => Said::id("stuck-lost-records"),
            RecoveryError::Journal(e) => journal_said(e),
        },
        Problem::Package(e) => package_said(e),
        Problem::Boot(e) => match e {
            BootError::DataDir(dir, _) => Said::with("boot-error-data-dir", "dir", &dir),
            BootError::Journal(e) => journal_said(e),
            BootError::Package(e) => package_said(e),
            BootError::NoPin => Said::id("boot-error-no-pin"),
            BootError::Roster(_) => Said::id("boot-error-roster"),
            BootError::NoPackages => Said::id("boot-error-no-packages"),
            BootError::Identity(_) | BootError::Link(_) => Said::id("boot-error-keys"),
        },
        Problem::Iin(e) => Said::id(match e {
            IinError::NotTwelveDigits => "checkin-iin-digits",
            IinError::CheckDigit => "checkin-iin-check",
            IinError::Date => "checkin-iin-date",
        }),
        Problem::Release(e) => release_said(e),
        Problem::Preflight(f) => preflight_said(f),
        Problem::TakeOver(e) => take_over_said(e),
    }
}

fn preflight_said(finding: &Finding) -> Said {
    let size = |w: &u32, h: &u32| format!("{w}×{h}");
    match finding {
        Finding::DataDir(dir) => Said::with("preflight-data-dir", "dir", dir),
        Finding::NotWritable(dir, _) => Said::with("preflight-not-writable", "dir", dir),
        Finding::Network(fs) => Said::with("preflight-network", "fs", fs),
        Finding::Free(mb) => Said::with("preflight-free", "mb", mb),
        Finding::LowFree(mb) => Said::with("preflight-low-free", "mb", mb),
        Finding::FreeUnknown(_) => Said::id("preflight-free-unknown"),
        Finding::Journal => Said::id("preflight-journal"),
        Finding::JournalFailed(_) => Said::id("preflight-journal-failed"),
        Finding::Clock(_) => Said::id("preflight-clock"),
        Finding::ClockBroken(_) => Said::id("preflight-clock-broken"),
        Finding::Display(w, h, _) => Said::with("preflight-display", "size", &size(w, h)),
        Finding::SmallDisplay(w, h) => Said::with("preflight-small-display", "size", &size(w, h)),
        Finding::SeveralDisplays(n) => Said::with("preflight-several-displays", "count", n),
        Finding::NoDisplay(_) => Said::id("preflight-no-display"),
        Finding::Center => Said::id("preflight-center"),
        Finding::NoCenter => Said::id("preflight-no-center"),
        Finding::CenterFailed(_) => Said::id("preflight-center-failed"),
        Finding::Machine => Said::id("preflight-machine"),
        Finding::Virtual(what) => Said::with("preflight-virtual", "what", what),
        Finding::Remote(what) => Said::with("preflight-remote", "what", what),
    }
}

fn release_said(error: &ReleaseError) -> Said {
    match error {
        ReleaseError::NoCenter => Said::id("release-error-no-center"),
        ReleaseError::Link(LinkError::Unreachable { .. }) => Said::id("release-error-unreachable"),
        // The center's refusal codes, each in the user's words; its English message is logged.
        ReleaseError::Link(LinkError::Refused { error, .. }) => match error.as_str() {
            "not-on-roster" => Said::id("release-refused-roster"),
            "already-sat" => Said::id("release-refused-sat"),
            "window" => Said::id("release-refused-window"),
            "wrong-format" | "no-package" => Said::id("release-refused-package"),
            other => Said::with("release-refused-other", "code", &other),
        },
        ReleaseError::Link(_) => Said::id("release-error-invalid"),
        ReleaseError::Code(KeyCodeError::Check) => Said::id("keycode-error-check"),
        ReleaseError::Code(_) => Said::id("keycode-error-format"),
        ReleaseError::WrongKey(package) => Said::with("keycode-error-wrong", "package", &package),
    }
}

fn take_over_said(error: &TakeOverError) -> Said {
    match error {
        TakeOverError::Link(LinkError::Unreachable { .. }) => Said::id("claim-error-unreachable"),
        // The center's refusal codes, each in the user's words; its English message is logged.
        TakeOverError::Link(LinkError::Refused { error, .. }) => match error.as_str() {
            "no-candidate" => Said::id("claim-refused-ticket"),
            "no-session" => Said::id("claim-refused-no-session"),
            "closed" => Said::id("claim-refused-closed"),
            "already-moved" => Said::id("claim-refused-moved"),
            "same-station" => Said::id("claim-refused-same"),
            "no-reason" => Said::id("claim-refused-reason"),
            other => Said::with("claim-refused-other", "code", &other),
        },
        TakeOverError::Link(_) | TakeOverError::Record { .. } | TakeOverError::Refused { .. } => {
            Said::id("claim-error-invalid")
        }
        TakeOverError::NoPackage(package) => Said::with("claim-error-package", "package", package),
        TakeOverError::Package(_) => Said::id("claim-error-key"),
        TakeOverError::NotTheCandidate | TakeOverError::Closed => Said::id("claim-error-invalid"),
        TakeOverError::Busy => Said::id("claim-error-busy"),
    }
}

fn journal_said(error: &JournalError) -> Said {
    Said::id(match error {
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
    })
}

fn package_said(error: &PackageError) -> Said {
    match error {
        PackageError::Io { .. } | PackageError::Json { .. } => Said::id("package-error-unreadable"),
        PackageError::UnknownPreset(_)
        | PackageError::KeyMissing(_)
        | PackageError::KeyUnknown(_)
        | PackageError::Media(..)
        | PackageError::Paper(_)
        | PackageError::Mismatch(_) => Said::id("package-error-invalid"),
        PackageError::NotAPackage | PackageError::Framing | PackageError::Header(_) => {
            Said::id("package-error-not-package")
        }
        PackageError::Version(v) => Said::with("package-error-version", "version", &v),
        PackageError::Untrusted { .. } => Said::id("package-error-untrusted"),
        PackageError::Signature => Said::id("package-error-signature"),
        PackageError::Decrypt | PackageError::Crypto(_) => Said::id("package-error-decrypt"),
    }
}

/// An error in `lang`.
pub fn text(lang: Lang, problem: Problem<'_>) -> String {
    let said = said(problem);
    let args: Vec<(&str, Arg<'_>)> = said
        .args
        .iter()
        .map(|(name, value)| (*name, Arg::Str(value)))
        .collect();
    tr_args(lang, said.id, &args)
}

/// Why a recovered session cannot go on, for the lock screen.
pub fn recovery(lang: Lang, error: &RecoveryError) -> String {
    text(lang, Problem::Recovery(error))
}

/// A journal failure.
pub fn journal(lang: Lang, error: &JournalError) -> String {
    text(lang, Problem::Journal(error))
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

    fn every_package_error() -> Vec<PackageError> {
        vec![
            PackageError::Io {
                path: "p".into(),
                source: Arc::new(std::io::Error::other("x")),
            },
            PackageError::Json {
                file: "f".into(),
                message: "m".into(),
            },
            PackageError::UnknownPreset("x".into()),
            PackageError::KeyMissing("1".into()),
            PackageError::KeyUnknown("1".into()),
            PackageError::Media("m".into(), "too big"),
            PackageError::Paper(crate::exam::paper::PaperError::NoLanguages),
            PackageError::NotAPackage,
            PackageError::Version(9),
            PackageError::Framing,
            PackageError::Header("h".into()),
            PackageError::Untrusted {
                found: "a".into(),
                expected: "b".into(),
            },
            PackageError::Signature,
            PackageError::Decrypt,
            PackageError::Mismatch("seal"),
            PackageError::Crypto(CryptoError::Open),
        ]
    }

    fn every_finding() -> Vec<Finding> {
        vec![
            Finding::DataDir("/d".into()),
            Finding::NotWritable("/d".into(), "e".into()),
            Finding::Network("nfs".into()),
            Finding::Free(5000),
            Finding::LowFree(100),
            Finding::FreeUnknown("e".into()),
            Finding::Journal,
            Finding::JournalFailed("e".into()),
            Finding::Clock(20),
            Finding::ClockBroken(0),
            Finding::Display(1920, 1080, 1),
            Finding::SmallDisplay(1024, 768),
            Finding::SeveralDisplays(2),
            Finding::NoDisplay("e".into()),
            Finding::Center,
            Finding::NoCenter,
            Finding::CenterFailed("e".into()),
            Finding::Machine,
            Finding::Virtual("qemu".into()),
            Finding::Remote("SSH_CONNECTION=x".into()),
        ]
    }

    /// Every way a take-over fails, the center's refusal codes included.
    fn every_take_over_error() -> Vec<TakeOverError> {
        let mut take_over: Vec<TakeOverError> = [
            "no-candidate",
            "no-session",
            "closed",
            "already-moved",
            "same-station",
            "no-reason",
            "teapot",
        ]
        .into_iter()
        .map(|code| {
            TakeOverError::Link(LinkError::Refused {
                error: code.into(),
                message: "m".into(),
            })
        })
        .collect();
        take_over.extend([
            TakeOverError::Link(LinkError::Unreachable {
                url: "u".into(),
                detail: "d".into(),
            }),
            TakeOverError::Link(LinkError::Unsigned),
            TakeOverError::Record {
                seq: 1,
                why: "w".into(),
            },
            TakeOverError::NoPackage("demo".into()),
            TakeOverError::Package(ReleaseError::NoCenter),
            TakeOverError::Refused {
                index: 1,
                why: "w".into(),
            },
            TakeOverError::NotTheCandidate,
            TakeOverError::Closed,
            TakeOverError::Busy,
        ]);
        take_over
    }

    #[test]
    fn every_error_reads_in_every_language() {
        let journal = every_journal_error();
        let packages = every_package_error();
        let mut recovery_errors: Vec<RecoveryError> = journal
            .iter()
            .cloned()
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
        let boot = [
            BootError::DataDir("/data".into(), std::io::Error::other("x")),
            BootError::Journal(JournalError::Schema(9)),
            BootError::Package(PackageError::Signature),
            BootError::NoPin,
            BootError::Roster(LinkError::Unsigned),
            BootError::NoPackages,
            BootError::Identity("i".into()),
            BootError::Link(LinkError::Settings),
        ];
        let mut problems: Vec<Problem<'_>> = journal.iter().map(Problem::Journal).collect();
        problems.extend(recovery_errors.iter().map(Problem::Recovery));
        problems.extend(packages.iter().map(Problem::Package));
        problems.extend(boot.iter().map(Problem::Boot));
        problems.extend(
            [
                IinError::NotTwelveDigits,
                IinError::CheckDigit,
                IinError::Date,
            ]
            .map(Problem::Iin),
        );
        let release = [
            ReleaseError::NoCenter,
            ReleaseError::Link(LinkError::Unreachable {
                url: "u".into(),
                detail: "d".into(),
            }),
            ReleaseError::Link(LinkError::BadReply("b".into())),
            ReleaseError::Code(KeyCodeError::Check),
            ReleaseError::Code(KeyCodeError::Length(3)),
            ReleaseError::WrongKey("demo".into()),
        ];
        let refusals: Vec<ReleaseError> = [
            "not-on-roster",
            "already-sat",
            "window",
            "wrong-format",
            "teapot",
        ]
        .into_iter()
        .map(|code| {
            ReleaseError::Link(LinkError::Refused {
                error: code.into(),
                message: "m".into(),
            })
        })
        .collect();
        problems.extend(release.iter().chain(&refusals).map(Problem::Release));
        let findings = every_finding();
        problems.extend(findings.iter().map(Problem::Preflight));
        let take_over = every_take_over_error();
        problems.extend(take_over.iter().map(Problem::TakeOver));
        for p in problems {
            let texts: Vec<String> = [Lang::Kk, Lang::Ru, Lang::En]
                .into_iter()
                .map(|lang| text(lang, p))
                .collect();
            for t in &texts {
                // A missing id comes back as the id itself, which has no spaces; a missing
                // argument stays a placeholder.
                assert!(t.contains(' ') && !t.contains('{'), "{p:?}: {t}");
            }
            assert!(
                texts[0] != texts[2] && texts[1] != texts[2],
                "{p:?} is not translated"
            );
        }
    }
}
