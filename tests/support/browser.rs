//! A real browser for the dashboard tests: Debian's `chromedriver` on a free port of 127.0.0.1
//! driving headless Chromium (`bash tests/run.sh` installs both), through fantoccini. The
//! driver is stopped on drop; the browser trusts the center's self-signed certificate.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running chromedriver.
pub struct Driver {
    /// Its address.
    pub url: String,
    process: Child,
}

impl Driver {
    /// Starts chromedriver on a free port and waits until it answers.
    pub fn start() -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let process = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("chromedriver is needed (apt-get install chromium chromium-driver): {e}")
            });
        let since = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                since.elapsed() < Duration::from_secs(30),
                "chromedriver never listened"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver {
            url: format!("http://127.0.0.1:{port}"),
            process,
        }
    }

    /// A new headless browser session (its own empty profile), 1366×768.
    pub async fn browser(&self, profile: &std::path::Path) -> fantoccini::Client {
        self.session(profile, true).await
    }

    /// A new headless browser session with JavaScript turned off.
    pub async fn browser_without_scripts(&self, profile: &std::path::Path) -> fantoccini::Client {
        self.session(profile, false).await
    }

    async fn session(&self, profile: &std::path::Path, scripts: bool) -> fantoccini::Client {
        let args = [
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--window-size=1366,768".to_owned(),
            format!("--user-data-dir={}", profile.display()),
        ];
        let mut caps = serde_json::Map::new();
        caps.insert("acceptInsecureCerts".into(), serde_json::json!(true));
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "args": args,
                "binary": "/usr/bin/chromium",
                "prefs": {
                    "profile.managed_default_content_settings.javascript": if scripts { 1 } else { 2 }
                }
            }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        fantoccini::ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&self.url)
            .await
            .expect("a browser session")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}
