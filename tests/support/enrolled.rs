//! An enrolled station against a real center: the README's quick start (`ustudy-center demo`,
//! `ustudy-station enroll`, `set-pin`, `fetch`) and the station as `ustudy-station --config`
//! starts it (headless), with its journal writer and its link for the outbox.

use std::path::PathBuf;
use std::sync::Arc;

use ustudy::journal::Writer;
use ustudy::protocol::roster::RosterRow;
use ustudy::station::settings::Settings;
use ustudy::sync::link::{self, Link};
use ustudy::sync::outbox::Outbox;
use ustudy::ui::App;

use super::center::Center;
use super::cli;
use super::gui::{click, ids, screen, settle, shows, type_into};

/// The PIN the enrolled stations are given.
pub const PIN: &str = "1357";

/// An enrolled station's configuration and data, in a temporary directory.
pub struct Station {
    /// Its `station.toml`.
    pub config: PathBuf,
    _dir: tempfile::TempDir,
}

impl Station {
    /// The station started, its roster's first candidate checked in (the key released by the
    /// center), started, and `answers` tasks answered; every event committed. The session's id.
    pub fn sitting(&self, answers: usize) -> (App, Writer, String) {
        self.sitting_as(0, answers)
    }

    /// The same with the roster's candidate `n`.
    pub fn sitting_as(&self, n: usize, answers: usize) -> (App, Writer, String) {
        let (mut app, writer) = self.start_with_writer();
        let who = self.roster()[n].clone();
        type_into(&mut app, ids::locked::PIN, PIN);
        click(&mut app, ids::locked::UNLOCK);
        type_into(&mut app, ids::check_in::IIN, &who.iin);
        type_into(&mut app, ids::check_in::TICKET, &who.ticket);
        click(&mut app, ids::check_in::FIND);
        assert!(shows(&app, ids::check_in::FOUND));
        click(&mut app, ids::check_in::PAIR_OK);
        click(&mut app, ids::check_in::CONFIRM);
        settle(&mut app);
        assert_eq!(screen(&app), "briefing");
        click(&mut app, ids::briefing::START);
        for i in 0..answers {
            click(&mut app, ids::testing::option(i % 4));
            click(&mut app, ids::testing::NEXT);
        }
        settle(&mut app);
        let session = app.session().expect("a session").id.clone();
        (app, writer, session)
    }

    /// Its settings as kept.
    pub fn settings(&self) -> Settings {
        Settings::load(&self.config).expect("the settings load")
    }

    /// Its data directory.
    pub fn data_dir(&self) -> PathBuf {
        self.settings().data_dir
    }

    /// The roster it fetched.
    pub fn roster(&self) -> Vec<RosterRow> {
        let s = self.settings();
        link::load_roster(&s.data_dir, &s).expect("the roster").rows
    }

    /// The station as `--config` starts it.
    pub fn start(&self) -> App {
        self.start_with_writer().0
    }

    /// The station and its journal writer (shared with the window, as the outbox shares it).
    pub fn start_with_writer(&self) -> (App, Writer) {
        let (boot, config) = ustudy::boot::enrolled(&self.settings()).expect("the station starts");
        assert!(config.demo_pin.is_none(), "no PIN on screen");
        let writer = boot.writer.clone();
        (App::new(config, boot.writer, boot.start).0, writer)
    }

    /// A link to the center as the settings say, or to `url` instead (a proxy in front of it).
    pub fn link(&self, url: Option<&str>) -> Arc<Link> {
        let mut settings = self.settings();
        if let Some(url) = url {
            url.clone_into(&mut settings.center.url);
        }
        let identity = ustudy::station::identity::Identity::load(&settings.data_dir)
            .expect("the station's keys");
        Arc::new(Link::new(&settings, identity).expect("the link"))
    }

    /// A POST of `body` to `path` (`/v1/...`), signed with this station's key as its link signs:
    /// what a hostile or broken station could send. The status and the refusal's code.
    #[allow(dead_code)] // Not every test binary posts by hand.
    pub fn post_signed(&self, path: &str, body: &[u8]) -> (u16, String) {
        use ustudy::protocol::auth;
        let settings = self.settings();
        let identity = ustudy::station::identity::Identity::load(&settings.data_dir)
            .expect("the station's keys");
        let pin = ustudy::crypto::hex::decode::<32>(&settings.center.cert_sha256).expect("hex");
        let (client, _) =
            ustudy::sync::tls::client(Some(pin), std::time::Duration::from_secs(10)).expect("tls");
        let time = i64::try_from(ustudy::journal::store::now_ms()).expect("now");
        let signature = identity.sign(&auth::message("POST", path, time, body));
        let request = client
            .post(format!("{}{path}", settings.center.url))
            .header("content-type", "application/json")
            .header(auth::STATION, &settings.station)
            .header(auth::TIME, time.to_string())
            .header(auth::SIGNATURE, ustudy::crypto::hex::encode(&signature))
            .body(body.to_vec());
        super::runtime().block_on(async move {
            let reply = request.send().await.expect("the center answers");
            let status = reply.status().as_u16();
            let refusal = reply
                .json::<ustudy::protocol::Refusal>()
                .await
                .map(|r| r.error)
                .unwrap_or_default();
            (status, refusal)
        })
    }

    /// `ustudy-station journal export` of this station to `file` (the signed offline export).
    pub fn export(&self, file: &std::path::Path) {
        let ran = cli::station(&[
            "journal",
            "export",
            "--config",
            self.config.to_str().expect("utf-8"),
            "--out",
            file.to_str().expect("utf-8"),
        ]);
        assert!(ran.ok(), "{}", ran.stderr);
    }

    /// The outbox over `writer`, posting to the center or to `url`.
    pub fn outbox(&self, writer: &Writer, url: Option<&str>) -> Outbox {
        Outbox::new(writer.clone(), self.link(url))
    }
}

/// The demo center (`ustudy-center demo`), served; its enrollment code for `demo-1`.
pub fn demo_center() -> (Center, String) {
    let (temp, dir, code) = super::center::made_demo(&[]);
    (Center::serve(temp, dir), code)
}

/// Enrolls a station with `code`, sets its PIN and fetches what the center has for it.
pub fn enroll(center: &Center, code: &str) -> Station {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let config = dir.path().join("station.toml");
    let c = config.to_str().expect("utf-8");
    let data = dir.path().join("data");
    let ran = cli::station(&[
        "enroll",
        "--config",
        c,
        "--center",
        &center.url,
        "--code",
        code,
        "--data-dir",
        data.to_str().expect("utf-8"),
    ]);
    assert!(ran.ok(), "{}", ran.stderr);
    let pin = cli::station_with_input(&["set-pin", "--config", c], &format!("{PIN}\n{PIN}\n"));
    assert!(pin.ok(), "{}", pin.stderr);
    let fetched = cli::station(&["fetch", "--config", c]);
    assert!(fetched.ok(), "{}", fetched.stderr);
    Station { config, _dir: dir }
}
