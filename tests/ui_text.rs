//! The station's words come from the fluent catalogues only: every message id the UI code names
//! exists in every language (the catalogues' parity is checked in `i18n`), and no view puts a
//! string literal with letters on screen.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// String literals of a source, with the line they start on (escapes are not interpreted; the
/// UI code has none in ids).
fn literals(source: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in source.lines() {
        let mut rest = line;
        while let Some(start) = rest.find('"') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('"') else { break };
            out.push((after[..end].to_owned(), line.trim().to_owned()));
            rest = &after[end + 1..];
        }
    }
    out
}

fn is_id(s: &str) -> bool {
    s.contains('-')
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[test]
fn every_message_id_the_ui_names_is_in_the_catalogue() {
    let en = std::fs::read_to_string("locales/en/main.ftl").unwrap();
    let catalogue = ustudy::i18n::catalogue(&en).unwrap();
    let prefixes: std::collections::BTreeSet<&str> = catalogue
        .keys()
        .filter_map(|id| id.split('-').next())
        .collect();
    let mut files = Vec::new();
    sources(Path::new("src/ui"), &mut files);
    let mut checked = 0;
    let mut missing = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        for (lit, line) in literals(&source) {
            // Widget ids are `pub const NAME: &str = "..."`; screen and phase names sit beside
            // `Screen::`, `Kind::` or `Phase::`; `format!` ids are built, not named.
            let not_message = line.starts_with("pub const")
                || line.contains("Screen::")
                || line.contains("Kind::")
                || line.contains("Phase::");
            if !is_id(&lit) || not_message || lit.contains('{') {
                continue;
            }
            let prefix = lit.split('-').next().unwrap_or("");
            if !prefixes.contains(prefix) {
                continue;
            }
            checked += 1;
            if !catalogue.contains_key(&lit) {
                missing.push(format!("{}: {lit}", file.display()));
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} ids found: the scan is broken"
    );
    assert!(missing.is_empty(), "not in the catalogue: {missing:#?}");
}

#[test]
fn no_view_shows_a_literal_with_letters() {
    let mut files = Vec::new();
    sources(Path::new("src/ui"), &mut files);
    let mut found = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        let flat: String = source.split_whitespace().collect::<Vec<_>>().join(" ");
        for call in ["text(\"", "button(\"", ".label(\"", "placeholder(\""] {
            for (at, _) in flat.match_indices(call) {
                let lit: String = flat[at + call.len()..]
                    .chars()
                    .take_while(|c| *c != '"')
                    .collect();
                if lit.chars().any(char::is_alphabetic) {
                    found.push(format!("{}: {call}{lit}", file.display()));
                }
            }
        }
    }
    assert!(found.is_empty(), "literal text on screen: {found:#?}");
}
