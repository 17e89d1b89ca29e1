//! The exam core stays pure (style rule 8): nothing under `src/exam`, at any depth, may touch the
//! GUI, the database, the network, files, processes, threads or a clock. Every `use` tree is
//! flattened into whole paths (`use std::{fs, time::Instant}` is `std::fs` and
//! `std::time::Instant`), and every path written in the code is checked too, so a forbidden
//! import fails CI at once however it is spelled.

use std::path::{Path, PathBuf};

/// Crates and modules the core must not name.
const FORBIDDEN: [&str; 13] = [
    "iced",
    "rusqlite",
    "reqwest",
    "tokio",
    "ring",
    "std::fs",
    "std::net",
    "std::time",
    "std::env",
    "std::process",
    "std::thread",
    "std::io",
    "chrono",
];

/// Items that read a clock wherever they come from.
const FORBIDDEN_ITEMS: [&str; 2] = ["SystemTime", "Instant"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code without comments (line comments only: the core has no block comments in code).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Flattens one use tree (`a::{b, c::{d, e}}`) into its paths (`a::b`, `a::c::d`, `a::c::e`).
fn flatten(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(tree).trim();
        out.push(join(prefix, path));
        return;
    };
    let head = tree[..open].trim().trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let base = join(prefix, head);
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                flatten(&base, &inner[start..i], out);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !inner[start..].trim().is_empty() {
        flatten(&base, &inner[start..], out);
    }
}

fn join(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.is_empty()) {
        (true, _) => path.to_owned(),
        (_, true) => prefix.to_owned(),
        _ => format!("{prefix}::{path}"),
    }
}

/// Every path a file's `use` declarations bring in.
fn used_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before = rest[..at].chars().last();
        rest = &rest[at + 4..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let end = rest.find(';').unwrap_or(rest.len());
        flatten("", &rest[..end].replace('\n', " "), &mut out);
        rest = &rest[end..];
    }
    out
}

/// Whether `path` is `name` or lies inside it (`::`-separated, from the start or after `::`).
fn names(path: &str, name: &str) -> bool {
    let path = path.trim_start_matches("::");
    path == name || path.starts_with(&format!("{name}::"))
}

fn violations(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for path in used_paths(code) {
        for word in FORBIDDEN {
            if names(&path, word) {
                found.push(format!("use {path}"));
            }
        }
    }
    // Paths written out in the code, with or without a `use`.
    for token in code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')) {
        for word in FORBIDDEN {
            if names(token, word) {
                found.push(token.to_owned());
            }
        }
        for item in FORBIDDEN_ITEMS {
            if token.split("::").any(|part| part == item) {
                found.push(token.to_owned());
            }
        }
    }
    found
}

#[test]
fn exam_imports_nothing_impure() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/exam");
    let mut files = vec![root.with_extension("rs")];
    rust_files(&root, &mut files);
    assert!(files.len() >= 10, "src/exam went missing: {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let found = violations(&code(&text));
        assert!(
            found.is_empty(),
            "{}: the exam core must not use {found:?}",
            file.display()
        );
    }
}

#[test]
fn the_check_sees_through_use_trees_and_nesting() {
    for bad in [
        "use std::{fs, time};",
        "use std::{collections::BTreeMap, time::Instant};",
        "use std::{\n    io::{self, Read},\n};",
        "use ::tokio::sync as s;",
        "fn f() { let _ = std::fs::read(\"x\"); }",
        "fn f() { let _ = Instant::now(); }",
        "use iced;",
    ] {
        assert!(!violations(bad).is_empty(), "not caught: {bad}");
    }
    for good in [
        "use std::collections::{BTreeMap, BTreeSet};",
        "use super::clock::{Clock, minutes};",
        "use serde::{Deserialize, Serialize};",
        "fn timestamp_of(x: u64) -> u64 { x }",
    ] {
        assert!(
            violations(good).is_empty(),
            "wrongly caught: {good}: {:?}",
            violations(good)
        );
    }
    // Nested folders are searched.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let deep = dir.path().join("a/b");
    std::fs::create_dir_all(&deep).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(deep.join("c.rs"), "use std::fs;").unwrap_or_else(|e| panic!("{e}"));
    let mut files = Vec::new();
    rust_files(dir.path(), &mut files);
    assert_eq!(files.len(), 1);
}
