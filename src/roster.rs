//! The roster of candidates expected at a station, and the demo roster the bundled demo uses.

use crate::exam::task::Lang;

/// One expected candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// IIN.
    pub iin: String,
    /// Ticket code from the admission pass.
    pub ticket: String,
    /// Full name.
    pub name: String,
    /// Package the candidate sits (by package id).
    pub package: String,
    /// Entitled to extra time.
    pub extra_time: bool,
    /// Preferred interface language.
    pub language: Lang,
}

/// Finds a candidate by IIN and ticket code (the code ignoring case and surrounding spaces).
pub fn find<'a>(roster: &'a [Entry], iin: &str, ticket: &str) -> Option<&'a Entry> {
    let ticket = ticket.trim();
    roster
        .iter()
        .find(|e| e.iin == iin && e.ticket.eq_ignore_ascii_case(ticket))
}

/// The demo roster: one candidate on each demo package, one of them with extra time.
pub fn demo() -> Vec<Entry> {
    vec![
        Entry {
            iin: "061211600012".to_owned(),
            ticket: "DEMO-24".to_owned(),
            name: "Әсем Қалиқызы Нұрланова".to_owned(),
            package: "demo-unt-2024".to_owned(),
            extra_time: false,
            language: Lang::Kk,
        },
        Entry {
            iin: "791028302728".to_owned(),
            ticket: "DEMO-21".to_owned(),
            name: "Иван Петрович Сергеев".to_owned(),
            package: "demo-unt-2021".to_owned(),
            extra_time: true,
            language: Lang::Ru,
        },
        Entry {
            iin: "850314401276".to_owned(),
            ticket: "DEMO-T".to_owned(),
            name: "Гүлнар Серікқызы Оспанова".to_owned(),
            package: "demo-teacher-2024".to_owned(),
            extra_time: false,
            language: Lang::Kk,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_needs_both_iin_and_ticket() {
        let r = demo();
        assert_eq!(
            find(&r, "061211600012", " demo-24 ").map(|e| e.package.as_str()),
            Some("demo-unt-2024")
        );
        assert!(find(&r, "061211600012", "DEMO-21").is_none());
        assert!(find(&r, "791028302728", "").is_none());
        for e in &r {
            assert_eq!(
                crate::exam::iin::validate(&e.iin),
                Ok(()),
                "demo IINs are valid"
            );
        }
    }
}
