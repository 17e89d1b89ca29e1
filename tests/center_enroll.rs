//! Enrollment against a real center on 127.0.0.1 (`ustudy-center serve`): the station makes its
//! keys, proves the one-time code and pins the center's certificate; a code works once and not
//! after it expires; a wrong code, another center, and a relay that terminates TLS in between
//! are all refused; bad requests get a clear status and the server goes on.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use support::runtime;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use support::center::Center;
use support::cli;
use ustudy::center::store::{SqliteStore, Store as _};
use ustudy::crypto::{self, hex};
use ustudy::station::identity::Identity;
use ustudy::station::settings::Settings;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `ustudy-station enroll` with a config and a data directory in `dir`.
fn enroll(dir: &Path, url: &str, code: &str) -> cli::Ran {
    cli::station(&[
        "enroll",
        "--config",
        s(&dir.join("station.toml")),
        "--center",
        url,
        "--code",
        code,
        "--data-dir",
        s(&dir.join("data")),
    ])
}

#[test]
fn a_station_enrolls_once_and_pins_the_center() {
    let center = Center::start();
    let code = center.code("hall-1", 60);
    let st = tempfile::tempdir().unwrap();
    let ran = enroll(st.path(), &center.url, &code);
    assert!(ran.ok(), "{}", ran.stderr);
    assert!(
        ran.stdout.contains("station hall-1, seat 7"),
        "{}",
        ran.stdout
    );

    // The configuration names the station, its data and the center, with the real certificate.
    let settings = Settings::load(&st.path().join("station.toml")).unwrap();
    assert_eq!(
        (settings.station.as_str(), settings.seat.as_str()),
        ("hall-1", "7")
    );
    assert!(settings.data_dir.is_absolute());
    let cert = std::fs::read(center.path().join("tls.crt")).unwrap();
    assert_eq!(
        settings.center.cert_sha256,
        hex::encode(&crypto::sha256(&cert))
    );
    assert_eq!(settings.center.url, center.url);

    // The keys were made on the station, and only their public halves reached the center.
    let identity = Identity::load_or_create(&settings.data_dir).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(settings.data_dir.join("station-identity.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the station's keys are owner-only");
    }
    let store = SqliteStore::open(&center.path().join("center.sqlite")).unwrap();
    let known = store.station("hall-1").unwrap().expect("enrolled");
    assert_eq!(known.signing_public, identity.signing_public());
    assert_eq!(known.agree_public, identity.agree_public());

    // The code works once.
    let other = tempfile::tempdir().unwrap();
    let again = enroll(other.path(), &center.url, &code);
    assert_eq!(again.code, Some(1));
    assert!(again.stderr.contains("already used"), "{}", again.stderr);
    assert_eq!(again.stderr.lines().count(), 1, "{}", again.stderr);
    assert!(
        !other.path().join("station.toml").exists(),
        "nothing written"
    );
}

#[test]
fn expired_wrong_and_foreign_codes_are_refused() {
    let center = Center::start();
    let st = tempfile::tempdir().unwrap();
    let expired = center.code("hall-2", 0);
    let ran = enroll(st.path(), &center.url, &expired);
    assert!(ran.stderr.contains("expired"), "{}", ran.stderr);
    // A well-formed code this center never made.
    let made_up = ustudy::protocol::enroll::new_code().unwrap();
    let ran = enroll(st.path(), &center.url, &made_up);
    assert!(ran.stderr.contains("not known"), "{}", ran.stderr);
    // Not a code at all.
    let ran = enroll(st.path(), &center.url, "1234");
    assert!(
        ran.stderr.contains("not an enrollment code"),
        "{}",
        ran.stderr
    );
    // A code of one center taken to another: refused there.
    let other = Center::start();
    let ran = enroll(st.path(), &other.url, &center.code("hall-3", 60));
    assert!(ran.stderr.contains("not known"), "{}", ran.stderr);
    assert!(!st.path().join("station.toml").exists());
    let store = SqliteStore::open(&center.path().join("center.sqlite")).unwrap();
    assert!(
        store.station("hall-2").unwrap().is_none(),
        "nothing enrolled"
    );
}

/// Serves `app` over TLS with a certificate of its own (made in `dir`) on 127.0.0.1; returns
/// its address and the certificate's hash.
fn serve_elsewhere(
    app: axum::Router,
    rt: &tokio::runtime::Runtime,
    dir: &Path,
) -> (String, [u8; 32]) {
    let identity = ustudy::center::identity::ServerIdentity::ensure(dir).unwrap();
    let tls = identity.tls_config().unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    let config = axum_server::tls_rustls::RustlsConfig::from_config(Arc::new(tls));
    // The listener joins the runtime's reactor.
    let _inside = rt.enter();
    let server = axum_server::from_tcp_rustls(listener, config).unwrap();
    rt.spawn(server.serve(app.into_make_service()));
    (format!("https://{addr}"), identity.cert_sha256())
}

#[test]
fn an_impostor_that_does_not_hold_the_code_is_refused() {
    use axum::routing::post;
    let center = Center::start();
    let code = center.code("hall-5", 60);
    let rt = runtime();
    let keys = tempfile::tempdir().unwrap();
    // It answers like a center, naming its own certificate, but cannot authenticate the reply.
    let cert = Arc::new(std::sync::Mutex::new(String::new()));
    let named = Arc::clone(&cert);
    let app = axum::Router::new().route(
        "/v1/enroll",
        post(move || {
            let cert = named.lock().unwrap().clone();
            async move {
                axum::Json(ustudy::protocol::enroll::EnrollReply {
                    station: "hall-5".into(),
                    seat: "7".into(),
                    center_signing_public: hex::encode(&[1; 32]),
                    center_agree_public: hex::encode(&[2; 32]),
                    cert_sha256: cert,
                    mac: hex::encode(&[3; 32]),
                })
            }
        }),
    );
    let (url, sha) = serve_elsewhere(app, &rt, keys.path());
    *cert.lock().unwrap() = hex::encode(&sha);
    let st = tempfile::tempdir().unwrap();
    let ran = enroll(st.path(), &url, &code);
    assert_eq!(ran.code, Some(1));
    assert!(
        ran.stderr.contains("not authenticated by this code"),
        "{}",
        ran.stderr
    );
    assert!(!st.path().join("station.toml").exists(), "nothing trusted");
}

/// A relay that terminates TLS with a certificate of its own and passes enrollment requests on
/// to the real center, as an attacker on the hall network would. Returns its address.
fn start_relay(upstream: String, rt: &tokio::runtime::Runtime, dir: &Path) -> String {
    use axum::routing::post;
    let app = axum::Router::new().route(
        "/v1/enroll",
        post(move |body: axum::body::Bytes| {
            let upstream = upstream.clone();
            async move {
                let (client, _) = ustudy::sync::tls::client(None, Duration::from_secs(10)).unwrap();
                let reply = client
                    .post(format!("{upstream}/v1/enroll"))
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                let status = axum::http::StatusCode::from_u16(reply.status().as_u16()).unwrap();
                (status, reply.bytes().await.unwrap())
            }
        }),
    );
    serve_elsewhere(app, rt, dir).0
}

#[test]
fn a_relay_in_between_is_caught_by_the_code() {
    let center = Center::start();
    let rt = runtime();
    let relay_keys = tempfile::tempdir().unwrap();
    let relay = start_relay(center.url.clone(), &rt, relay_keys.path());
    let st = tempfile::tempdir().unwrap();
    let ran = enroll(st.path(), &relay, &center.code("hall-4", 60));
    assert_eq!(ran.code, Some(1));
    assert!(
        ran.stderr.contains("something stands between"),
        "{}",
        ran.stderr
    );
    assert!(!st.path().join("station.toml").exists(), "nothing trusted");
}

#[test]
fn bad_requests_get_a_clear_status_and_the_server_goes_on() {
    let center = Center::start();
    let cert = std::fs::read(center.path().join("tls.crt")).unwrap();
    let rt = runtime();
    let (client, _) =
        ustudy::sync::tls::client(Some(crypto::sha256(&cert)), Duration::from_secs(10)).unwrap();
    let url = center.url.clone();
    rt.block_on(async move {
        let post = |body: Vec<u8>| {
            client
                .post(format!("{url}/v1/enroll"))
                .header("content-type", "application/json")
                .body(body)
                .send()
        };
        let status = |r: reqwest::Response| r.status().as_u16();
        assert_eq!(status(post(b"{not json".to_vec()).await.unwrap()), 400);
        assert_eq!(
            status(post(b"{\"code_id\": 1}".to_vec()).await.unwrap()),
            422
        );
        let keys = br#"{"code_id":"AAAA","signing_public":"zz","agree_public":"00","proof":"00"}"#;
        let bad_keys = post(keys.to_vec()).await.unwrap();
        assert_eq!(bad_keys.status().as_u16(), 400);
        let refusal: ustudy::protocol::Refusal = bad_keys.json().await.unwrap();
        assert_eq!(refusal.error, "bad-request");
        let huge = vec![b' '; ustudy::center::server::BODY_LIMIT + 1];
        assert_eq!(status(post(huge).await.unwrap()), 413);
        let missing = client
            .get(format!("{url}/v1/nothing"))
            .send()
            .await
            .unwrap();
        assert_eq!(missing.status().as_u16(), 404);
        // Still serving.
        let health: ustudy::protocol::Health = client
            .get(format!("{url}/v1/health"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
    });
    // A client pinned to another certificate refuses this center.
    let (wrong, _) = ustudy::sync::tls::client(Some([0; 32]), Duration::from_secs(10)).unwrap();
    let url = center.url.clone();
    let refused = rt.block_on(async move { wrong.get(format!("{url}/v1/health")).send().await });
    assert!(refused.is_err(), "a wrong pin must not connect");
}

/// Whether the server closes `stream` (end of file or a reset) within `within`.
fn closed_by_server(stream: &mut std::net::TcpStream, within: Duration) -> bool {
    use std::io::Read as _;
    stream.set_read_timeout(Some(within)).unwrap();
    let mut byte = [0u8; 1];
    match stream.read(&mut byte) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    }
}

#[test]
fn slow_and_greedy_clients_do_not_block_the_center() {
    let center = Center::start_with(&["--max-connections", "4"]);
    let cert = std::fs::read(center.path().join("tls.crt")).unwrap();
    let rt = runtime();
    let url = center.url.clone();
    // A new client each time: its connection closes with it, and holds no slot after.
    let health = move || {
        let url = url.clone();
        let pin = crypto::sha256(&cert);
        async move {
            let (client, _) = ustudy::sync::tls::client(Some(pin), Duration::from_secs(5)).unwrap();
            client
                .get(format!("{url}/v1/health"))
                .header("connection", "close")
                .send()
                .await
                .map(|r| r.status().as_u16())
        }
    };
    let addr = center.url.trim_start_matches("https://").to_owned();
    // Three clients that connect and never say a word: the center still answers.
    let mut slow: Vec<std::net::TcpStream> = (0..3)
        .map(|_| std::net::TcpStream::connect(&addr).unwrap())
        .collect();
    assert_eq!(rt.block_on(health()).unwrap(), 200, "not blocked");
    // A fourth fills the center's connections, once the health check's has been let go of
    // (until then the fourth is closed at once, and is tried again); the next is closed at once.
    let fourth = (0..50)
        .find_map(|_| {
            let mut s = std::net::TcpStream::connect(&addr).unwrap();
            (!closed_by_server(&mut s, Duration::from_millis(200))).then_some(s)
        })
        .expect("a fourth connection is taken");
    slow.push(fourth);
    let mut greedy = std::net::TcpStream::connect(&addr).unwrap();
    assert!(
        closed_by_server(&mut greedy, Duration::from_secs(2)),
        "a connection past the cap is closed at once"
    );
    // The silent ones are cut at the handshake timeout, and the center serves again.
    for s in &mut slow {
        assert!(
            closed_by_server(s, ustudy::center::server::limits::HANDSHAKE_TIMEOUT * 2),
            "a client that never finishes its handshake is cut"
        );
    }
    assert_eq!(rt.block_on(health()).unwrap(), 200, "serving again");
}

#[test]
fn the_proctor_pin_is_kept_only_as_a_hash_and_survives_a_new_enrollment() {
    let center = Center::start();
    let st = tempfile::tempdir().unwrap();
    assert!(enroll(st.path(), &center.url, &center.code("hall-6", 60)).ok());
    let config = st.path().join("station.toml");
    let set = |input: &str| cli::station_with_input(&["set-pin", "--config", s(&config)], input);
    let ran = set("1357\n1357\n");
    assert!(ran.ok(), "{}", ran.stderr);
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(!text.contains("1357"), "never the PIN itself");
    let pin = |c: &Path| {
        ustudy::crypto::pin::PinHash::decode(&Settings::load(c).unwrap().pin.unwrap()).unwrap()
    };
    assert!(pin(&config).verify("1357") && !pin(&config).verify("2468"));
    for (input, said) in [
        ("1357\n1358\n", "differ"),
        ("12a4\n12a4\n", "4 to 8 digits"),
        ("", "4 to 8"),
    ] {
        let ran = set(input);
        assert_eq!(ran.code, Some(1));
        assert!(ran.stderr.contains(said), "{said}: {}", ran.stderr);
        assert!(pin(&config).verify("1357"), "unchanged");
    }
    // Enrolled again (a new code): the PIN stays.
    assert!(enroll(st.path(), &center.url, &center.code("hall-6", 60)).ok());
    assert!(pin(&config).verify("1357"));
}
