//! The roster, from the operator's CSV to the station: every bad line is named and nothing is
//! half-imported; an enrolled station fetches its own hall's candidates, signed by the center,
//! and refuses a kept roster that was edited; requests that are not signed by an enrolled
//! station, or carry a wrong clock, are refused.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use std::path::Path;
use std::time::Duration;

use support::center::Center;
use support::cli;
use ustudy::center::store::{SqliteStore, Store as _};
use ustudy::crypto::hex;
use ustudy::protocol::auth;
use ustudy::station::identity::Identity;
use ustudy::station::settings::Settings;
use ustudy::sync::link::{self, LinkError};

const HEADER: &str = "iin,name,ticket,format,language,extra_time,hall,seat,date,start";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn import(center: &Center, csv: &str) -> cli::Ran {
    let file = center.path().join("roster.csv");
    std::fs::write(&file, csv).unwrap();
    cli::center(&["roster", "import", "--dir", s(center.path()), s(&file)])
}

fn good_roster() -> String {
    format!(
        "{HEADER}\n\
         061211600012,\"Нұрланова, Әсем\",T-1,unt-2024,kk,no,1,4,2027-06-20,09:00\n\
         791028302728,Сергеев Иван,T-2,unt-2021,ru,yes,1,5,2027-06-20,09:00\n\
         000101501004,Other Hall,T-3,unt-2024,en,no,2,1,2027-06-20,09:00\n"
    )
}

#[test]
fn every_bad_line_is_named_and_nothing_is_half_imported() {
    let center = Center::start();
    let bad = format!(
        "{HEADER}\n\
         061211600012,A,T-1,unt-2024,kk,no,1,4,2027-06-20,09:00\n\
         061211600013,B,T-2,unt-2024,kk,no,1,4,2027-06-20,09:00\n\
         791028302728,C,T-3,unt-1999,kk,no,1,4,2027-06-20,09:00\n"
    );
    let ran = import(&center, &bad);
    assert_eq!(ran.code, Some(1));
    assert_eq!(ran.stderr.lines().count(), 1, "{}", ran.stderr);
    for said in [
        "nothing imported",
        "line 3",
        "check digit",
        "line 4",
        "unknown format",
    ] {
        assert!(ran.stderr.contains(said), "{said:?}: {}", ran.stderr);
    }
    let store = SqliteStore::open(&center.path().join("center.sqlite")).unwrap();
    assert!(
        store.roster("1").unwrap().is_empty(),
        "the good line was not imported either"
    );

    let ran = import(&center, &good_roster());
    assert!(ran.ok(), "{}", ran.stderr);
    assert!(ran.stdout.contains("imported: 3 candidates"));
    // The same candidates again: refused by line, nothing added twice.
    let ran = import(&center, &good_roster());
    assert!(
        ran.stderr
            .contains("line 2: IIN 061211600012 is already on the roster"),
        "{}",
        ran.stderr
    );
    assert_eq!(store.roster("1").unwrap().len(), 2);
}

/// Enrolls a station in `hall`; its configuration and data are in `dir`.
fn enrolled(center: &Center, hall: &str, dir: &Path) -> Settings {
    let config = dir.join("station.toml");
    let ran = cli::station(&[
        "enroll",
        "--config",
        s(&config),
        "--center",
        &center.url,
        "--code",
        &center.code_in("st-1", hall, 60),
        "--data-dir",
        s(&dir.join("data")),
    ]);
    assert!(ran.ok(), "{}", ran.stderr);
    Settings::load(&config).unwrap()
}

#[test]
fn a_station_fetches_its_halls_roster_signed_and_refuses_an_edited_copy() {
    let center = Center::start();
    assert!(import(&center, &good_roster()).ok());
    let st = tempfile::tempdir().unwrap();
    let settings = enrolled(&center, "1", st.path());
    let ran = cli::station(&["fetch", "--config", s(&st.path().join("station.toml"))]);
    assert!(ran.ok(), "{}", ran.stderr);
    assert!(
        ran.stdout.contains("roster: 2 candidates for hall 1"),
        "{}",
        ran.stdout
    );
    let kept = link::load_roster(&settings.data_dir, &settings).unwrap();
    assert!(kept.rows.iter().all(|r| r.hall == "1"), "only its own hall");
    assert_eq!(kept.rows[0].name, "Нұрланова, Әсем");
    // An edited copy is refused.
    let file = settings.data_dir.join(link::ROSTER_FILE);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("Сергеев", "Сергеева")).unwrap();
    assert!(matches!(
        link::load_roster(&settings.data_dir, &settings),
        Err(LinkError::Unsigned)
    ));
}

#[test]
fn unsigned_foreign_and_late_requests_are_refused() {
    let center = Center::start();
    let st = tempfile::tempdir().unwrap();
    let settings = enrolled(&center, "1", st.path());
    let stranger = tempfile::tempdir().unwrap();
    let impostor = Identity::load_or_create(stranger.path()).unwrap();
    let own = Identity::load(&settings.data_dir).unwrap();
    let pin = hex::decode::<32>(&settings.center.cert_sha256).unwrap();
    let (client, _) = ustudy::sync::tls::client(Some(pin), Duration::from_secs(10)).unwrap();
    let url = format!("{}/v1/roster", center.url);
    let now = i64::try_from(ustudy::journal::store::now_ms()).unwrap();
    let signed = |who: &Identity, time: i64| {
        let signature = who.sign(&auth::message("GET", "/v1/roster", time, b""));
        client
            .get(&url)
            .header(auth::STATION, "st-1")
            .header(auth::TIME, time.to_string())
            .header(auth::SIGNATURE, hex::encode(&signature))
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let refusal = |r: reqwest::Response| async move {
            let status = r.status().as_u16();
            let body: ustudy::protocol::Refusal = r.json().await.unwrap();
            (status, body.error, body.message)
        };
        let (status, error, _) = refusal(client.get(&url).send().await.unwrap()).await;
        assert_eq!((status, error.as_str()), (401, "not-a-station"));
        let (status, _, message) = refusal(signed(&impostor, now).send().await.unwrap()).await;
        assert_eq!(status, 401);
        assert!(
            message.contains("not station st-1's enrolled key"),
            "{message}"
        );
        let (status, error, message) =
            refusal(signed(&own, now - 60 * 60_000).send().await.unwrap()).await;
        assert_eq!((status, error.as_str()), (401, "clock"));
        assert!(message.contains("60 minutes off"), "{message}");
        // The same station, signing now: served.
        assert_eq!(
            signed(&own, now).send().await.unwrap().status().as_u16(),
            200
        );
    });
}

/// Seals a demo source at `center`; its seal id.
fn pack(center: &Center, name: &str) -> String {
    let out = center.path().join(format!("{name}.pkg"));
    let ran = cli::center(&[
        "pack",
        "--dir",
        s(center.path()),
        "--source",
        &format!("assets/demo/{name}"),
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

#[test]
fn a_station_gets_the_packages_of_its_halls_formats_checked_and_nothing_else() {
    let center = Center::start();
    pack(&center, "unt-2024");
    let other_seal = pack(&center, "unt-2021");
    let roster = format!(
        "{HEADER}\n\
         061211600012,A,T-1,unt-2024,kk,no,1,4,2027-06-20,09:00\n\
         791028302728,B,T-2,unt-2021,ru,yes,2,5,2027-06-20,09:00\n"
    );
    assert!(import(&center, &roster).ok());
    let st = tempfile::tempdir().unwrap();
    let settings = enrolled(&center, "1", st.path());
    let config = st.path().join("station.toml");
    let fetch = || cli::station(&["fetch", "--config", s(&config)]);
    let ran = fetch();
    assert!(ran.ok(), "{}", ran.stderr);
    assert!(ran.stdout.contains("packages: 1 (1 new)"), "{}", ran.stdout);
    let kept: Vec<_> = std::fs::read_dir(settings.data_dir.join(link::PACKAGES_DIR))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept.len(), 1, "only the hall's format: {kept:?}");
    let center_key = hex::decode::<32>(&settings.center.signing_public).unwrap();
    let header =
        ustudy::package::read_header(&std::fs::read(&kept[0]).unwrap(), Some(&center_key)).unwrap();
    assert_eq!(header.format, "unt-2024");
    assert!(
        fetch().stdout.contains("packages: 1 (0 new)"),
        "kept, not fetched again"
    );

    // Another hall's package is not handed out, even when asked for by seal.
    let own = Identity::load(&settings.data_dir).unwrap();
    let link = ustudy::sync::link::Link::new(&settings, own).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let info = ustudy::protocol::packages::PackageInfo {
        package_id: "demo-unt-2021".into(),
        seal_id: other_seal,
        format: "unt-2021".into(),
        sample: true,
        sha256: String::new(),
    };
    let asked = rt.block_on(link.package(&info));
    assert!(
        matches!(&asked, Err(LinkError::Refused { error, .. }) if error == "no-package"),
        "{asked:?}"
    );

    // A package altered at the center is not offered, and the station keeps what it had.
    let published = std::fs::read_dir(center.path().join("published"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name() == kept[0].file_name())
        .unwrap();
    let mut bytes = std::fs::read(&published).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&published, &bytes).unwrap();
    std::fs::remove_file(&kept[0]).unwrap();
    let ran = fetch();
    assert!(ran.stdout.contains("packages: 0 (0 new)"), "{}", ran.stdout);
    assert!(!kept[0].exists());
}
