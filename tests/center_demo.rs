//! The README's quick start, as a test: `ustudy-center demo` makes a ready center (packages,
//! roster, an enrollment code), a station enrolls with the printed code, fetches its roster and
//! every demo package, and a key released for a demo candidate opens that candidate's package.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use support::center::Center;
use support::cli;
use ustudy::crypto::hex;
use ustudy::station::identity::Identity;
use ustudy::station::settings::Settings;
use ustudy::sync::link::{self, Link};

#[test]
fn the_demo_center_enrolls_a_station_that_gets_everything_it_needs() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("center");
    let made = cli::center(&["demo", "--dir", dir.to_str().unwrap()]);
    assert!(made.ok(), "{}", made.stderr);
    assert!(
        made.stdout.contains("roster: 3 demo candidates in hall 1"),
        "{}",
        made.stdout
    );
    let code = made
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("enroll-code: "))
        .expect("the demo prints an enrollment code")
        .to_owned();
    let center = Center::serve(temp, dir);
    let st = tempfile::tempdir().unwrap();
    let config = st.path().join("station.toml");
    let config_arg = config.to_str().unwrap();
    let data = st.path().join("data");
    let ran = cli::station(&[
        "enroll",
        "--config",
        config_arg,
        "--center",
        &center.url,
        "--code",
        &code,
        "--data-dir",
        data.to_str().unwrap(),
    ]);
    assert!(ran.ok(), "{}", ran.stderr);
    assert!(ran.stdout.contains("station demo-1"), "{}", ran.stdout);
    let fetched = cli::station(&["fetch", "--config", config_arg]);
    assert!(fetched.ok(), "{}", fetched.stderr);
    assert!(
        fetched.stdout.contains("roster: 3 candidates for hall 1"),
        "{}",
        fetched.stdout
    );
    assert!(
        fetched.stdout.contains("packages: 3 (3 new)"),
        "{}",
        fetched.stdout
    );

    let settings = Settings::load(&config).unwrap();
    let center_key = hex::decode::<32>(&settings.center.signing_public).unwrap();
    let roster = link::load_roster(&settings.data_dir, &settings).unwrap();
    let who = &roster.rows[0];
    let seal = std::fs::read_dir(settings.data_dir.join(link::PACKAGES_DIR))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let bytes = std::fs::read(p).unwrap();
            ustudy::package::read_header(&bytes, Some(&center_key))
                .unwrap()
                .format
                == who.format
        })
        .expect("the candidate's package was fetched");
    let seal_id = seal.file_stem().unwrap().to_str().unwrap().to_owned();
    let link = Link::new(&settings, Identity::load(&settings.data_dir).unwrap()).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let key = rt.block_on(link.start(&seal_id, &who.iin)).unwrap();
    let (header, _) =
        ustudy::package::open(&std::fs::read(&seal).unwrap(), &center_key, &key).unwrap();
    assert_eq!(header.format, who.format);
}
