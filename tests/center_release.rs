//! Key release at the start of a session, against a real center: the package key comes sealed to
//! the station's own X25519 key and opens the package; it is released only for a candidate on
//! the roster of the station's hall, in the package's format, once per candidate on any station,
//! and for a real (not sample) package only around the candidate's start time.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::Path;

use support::center::Center;
use support::cli;
use ustudy::crypto::hex;
use ustudy::station::identity::Identity;
use ustudy::station::settings::Settings;
use ustudy::sync::link::{self, Link, LinkError};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Seals `source` at the center; its seal id.
fn pack(center: &Center, source: &Path) -> String {
    let out = center.path().join("out.pkg");
    let ran = cli::center(&[
        "pack",
        "--dir",
        s(center.path()),
        "--source",
        s(source),
        "--out",
        s(&out),
    ]);
    assert!(ran.ok(), "{}", ran.stderr);
    ran.stdout
        .lines()
        .find_map(|l| l.strip_prefix("seal: "))
        .unwrap()
        .to_owned()
}

/// The demo 2021 source, sealed as a real test (not a sample).
fn real_source(dir: &Path) -> std::path::PathBuf {
    let to = dir.join("unt-2021-real");
    std::fs::create_dir_all(to.join("media")).unwrap();
    let from = Path::new("assets/demo/unt-2021");
    for f in ["key.json", "tasks.json"] {
        std::fs::copy(from.join(f), to.join(f)).unwrap();
    }
    for e in std::fs::read_dir(from.join("media")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join("media").join(e.file_name())).unwrap();
    }
    let manifest = std::fs::read_to_string(from.join("manifest.json")).unwrap();
    assert!(manifest.contains("\"sample\": true"));
    std::fs::write(
        to.join("manifest.json"),
        manifest.replace("\"sample\": true", "\"sample\": false"),
    )
    .unwrap();
    to
}

fn enrolled(center: &Center, name: &str, hall: &str, dir: &Path) -> (Settings, Link) {
    let config = dir.join("station.toml");
    let ran = cli::station(&[
        "enroll",
        "--config",
        s(&config),
        "--center",
        &center.url,
        "--code",
        &center.code_in(name, hall, 60),
        "--data-dir",
        s(&dir.join("data")),
    ]);
    assert!(ran.ok(), "{}", ran.stderr);
    let fetched = cli::station(&["fetch", "--config", s(&config)]);
    assert!(fetched.ok(), "{}", fetched.stderr);
    let settings = Settings::load(&config).unwrap();
    let link = Link::new(&settings, Identity::load(&settings.data_dir).unwrap()).unwrap();
    (settings, link)
}

fn refused(result: Result<ustudy::crypto::aead::Key, LinkError>) -> String {
    match result {
        Err(LinkError::Refused { error, .. }) => error,
        Err(other) => panic!("not a refusal: {other}"),
        Ok(_) => panic!("the key was released"),
    }
}

/// `ustudy-center reissue` for `iin` with `reason`.
fn reissue(center: &Center, iin: &str, reason: &str) -> cli::Ran {
    cli::center(&[
        "reissue",
        "--dir",
        s(center.path()),
        "--iin",
        iin,
        "--reason",
        reason,
    ])
}

#[test]
fn a_key_is_released_once_to_a_rostered_candidate_and_opens_the_package() {
    let center = Center::start();
    let work = tempfile::tempdir().unwrap();
    let sample = pack(&center, Path::new("assets/demo/unt-2024"));
    let real = pack(&center, &real_source(work.path()));
    let now = chrono::Local::now().naive_local();
    let (today, at) = (now.format("%Y-%m-%d"), now.format("%H:%M"));
    let roster = format!(
        "iin,name,ticket,format,language,extra_time,hall,seat,date,start\n\
         061211600012,A,T-1,unt-2024,kk,no,1,1,2099-01-01,09:00\n\
         791028302728,B,T-2,unt-2021,ru,yes,1,2,{today},{at}\n\
         000101501004,C,T-3,unt-2021,kk,no,1,3,2099-01-01,09:00\n\
         050203601000,D,T-4,unt-2024,kk,no,2,1,2099-01-01,09:00\n"
    );
    let file = work.path().join("roster.csv");
    std::fs::write(&file, roster).unwrap();
    assert!(cli::center(&["roster", "import", "--dir", s(center.path()), s(&file)]).ok());
    let st = tempfile::tempdir().unwrap();
    let (settings, link) = enrolled(&center, "st-1", "1", st.path());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let center_key = hex::decode::<32>(&settings.center.signing_public).unwrap();
    let kept = |seal: &str| {
        std::fs::read(
            settings
                .data_dir
                .join(link::PACKAGES_DIR)
                .join(format!("{seal}.pkg")),
        )
        .unwrap()
    };

    // A sample any day; the key opens the package the station kept.
    let key = rt.block_on(link.start(&sample, "061211600012")).unwrap();
    let (_, paper) = ustudy::package::open(&kept(&sample), &center_key, &key).unwrap();
    assert_eq!(paper.tasks.len(), 120);
    // Once per candidate, on this station or any other.
    assert_eq!(
        refused(rt.block_on(link.start(&sample, "061211600012"))),
        "already-sat"
    );
    let other = tempfile::tempdir().unwrap();
    let (_, second) = enrolled(&center, "st-2", "1", other.path());
    assert_eq!(
        refused(rt.block_on(second.start(&sample, "061211600012"))),
        "already-sat"
    );
    // Until an operator re-issues it, with a reason; then once more, on any station.
    let no_reason = reissue(&center, "061211600012", " ");
    assert!(
        !no_reason.ok() && no_reason.stderr.contains("--reason"),
        "{}",
        no_reason.stderr
    );
    let never = reissue(&center, "000101501004", "station 3 froze");
    assert!(
        !never.ok() && never.stderr.contains("nothing to re-issue"),
        "{}",
        never.stderr
    );
    assert_eq!(
        refused(rt.block_on(second.start(&sample, "061211600012"))),
        "already-sat",
        "a refused re-issue changes nothing"
    );
    let done = reissue(&center, "061211600012", "st-1 lost power for an hour");
    assert!(
        done.ok() && done.stdout.contains("station st-1"),
        "{}",
        done.stderr
    );
    let key = rt.block_on(second.start(&sample, "061211600012")).unwrap();
    assert!(ustudy::package::open(&kept(&sample), &center_key, &key).is_ok());
    assert_eq!(
        refused(rt.block_on(link.start(&sample, "061211600012"))),
        "already-sat",
        "re-issued once, released once"
    );

    // A real test around its start time only, in the candidate's own format.
    assert_eq!(
        refused(rt.block_on(link.start(&sample, "791028302728"))),
        "wrong-format"
    );
    let key = rt.block_on(link.start(&real, "791028302728")).unwrap();
    assert!(ustudy::package::open(&kept(&real), &center_key, &key).is_ok());
    assert_eq!(
        refused(rt.block_on(link.start(&real, "000101501004"))),
        "window"
    );
    // Only candidates of the station's own hall.
    assert_eq!(
        refused(rt.block_on(link.start(&sample, "050203601000"))),
        "not-on-roster"
    );
    assert_eq!(
        refused(rt.block_on(link.start(&sample, "070809601008"))),
        "not-on-roster"
    );
}
