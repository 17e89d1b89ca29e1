//! The exam core stays pure (style rule 8): nothing under `src/exam` may touch the GUI, the
//! database, the network, files or a clock. A grep, so a forbidden import fails CI at once.

use std::path::Path;

const FORBIDDEN: [&str; 10] = [
    "iced",
    "rusqlite",
    "reqwest",
    "tokio",
    "std::fs",
    "std::net",
    "std::time",
    "SystemTime",
    "Instant",
    "std::env",
];

#[test]
fn exam_imports_nothing_impure() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/exam");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.push(dir.with_extension("rs"));
    assert!(files.len() >= 10, "src/exam went missing: {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for word in FORBIDDEN {
                assert!(
                    !code.contains(word),
                    "{}:{}: the exam core must not use {word}",
                    file.display(),
                    n + 1
                );
            }
        }
    }
}
