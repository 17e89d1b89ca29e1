//! The offline export, end to end through both programs: the center issues a station link key,
//! the station exports its journal (taken with the backup API while a writer is still open),
//! the center opens and verifies it. An altered export, the wrong station's key and a missing
//! link key are refused with one line and a non-zero exit.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::too_many_lines)]

mod support;

use std::path::Path;

use ustudy::exam::{Event, Paper, preset};
use ustudy::journal::Journal;

fn station(args: &[&str]) -> (Option<i32>, String, String) {
    let ran = support::cli::station(args);
    (ran.code, ran.stdout, ran.stderr)
}

fn center(args: &[&str]) -> (Option<i32>, String, String) {
    let ran = support::cli::center(args);
    (ran.code, ran.stdout, ran.stderr)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn export_round_trip_and_refusals() {
    let work = tempfile::tempdir().unwrap();
    let (cdir, data) = (work.path().join("center"), work.path().join("station"));
    assert_eq!(center(&["init", "--dir", s(&cdir)]).0, Some(0));
    let (code, key, err) = center(&[
        "station-key",
        "--dir",
        s(&cdir),
        "--station",
        "hall-1-seat-07",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = center(&[
        "station-key",
        "--dir",
        s(&cdir),
        "--station",
        "hall-1-seat-07",
    ]);
    assert!(
        code != Some(0) && err.lines().count() == 1,
        "a link key is never replaced: {err}"
    );

    // A live journal: the writer is still open while the export is taken.
    let mut j = Journal::open(&data).unwrap();
    let paper = Paper::placeholder(preset::by_name("unt-2024").unwrap());
    let mut c = j
        .create_session("s1", "demo", "00112233445566778899aabbccddeeff", &paper)
        .unwrap();
    for e in [
        Event::Unlocked,
        Event::Tick { ms: 5 },
        Event::Tick { ms: 6 },
    ] {
        j.append(&mut c, &e).unwrap();
    }
    let export = work.path().join("usb").join("seat-07.ustjex");
    std::fs::create_dir_all(export.parent().unwrap()).unwrap();
    let (code, _, err) = station(&[
        "journal",
        "export",
        "--data-dir",
        s(&data),
        "--out",
        s(&export),
    ]);
    assert_eq!(code, Some(4), "no link key yet: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    std::fs::write(data.join("center-link.key"), &key).unwrap();
    let (code, out, err) = station(&[
        "journal",
        "export",
        "--data-dir",
        s(&data),
        "--out",
        s(&export),
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("session s1: 3 events"), "{out}");
    let bytes = std::fs::read(&export).unwrap();
    assert!(
        !bytes.windows(15).any(|w| w == b"SQLite format 3"),
        "the export is encrypted"
    );

    let (code, out, err) = center(&[
        "import-journal",
        "--dir",
        s(&cdir),
        "--station",
        "hall-1-seat-07",
        s(&export),
    ]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("chain: intact (3 records verified)"), "{out}");

    let mut bad = bytes.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 1;
    let altered = work.path().join("altered");
    std::fs::write(&altered, &bad).unwrap();
    let (code, _, err) = center(&[
        "import-journal",
        "--dir",
        s(&cdir),
        "--station",
        "hall-1-seat-07",
        s(&altered),
    ]);
    assert!(code != Some(0) && err.lines().count() == 1, "{err}");

    assert_eq!(
        center(&["station-key", "--dir", s(&cdir), "--station", "other"]).0,
        Some(0)
    );
    let (code, _, err) = center(&[
        "import-journal",
        "--dir",
        s(&cdir),
        "--station",
        "other",
        s(&export),
    ]);
    assert!(code != Some(0) && err.contains("link key"), "{err}");
    let (code, _, err) = center(&[
        "import-journal",
        "--dir",
        s(&cdir),
        "--station",
        "../etc",
        s(&export),
    ]);
    assert!(code != Some(0) && err.lines().count() == 1, "{err}");
}
