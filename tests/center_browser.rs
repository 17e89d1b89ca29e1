//! The hall dashboard in a real browser: a real center on 127.0.0.1, 20 real enrolled stations
//! (the station program on Xvfb, its autopilot checking in one roster candidate each and
//! stopping on the first task, where time runs at its real speed) and headless Chromium driven
//! through `WebDriver`. The operator's wrong password is refused, the login goes through, the hall
//! shows 20 seats testing; one station is killed with SIGKILL and its seat turns silent with an
//! alert, pushed to the page without a reload. Screenshots of the hall and a seat's page, in
//! Kazakh and Russian, are written to `target/screenshots/` to be looked at.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use support::browser::Driver;
use support::center::Center;
use support::cli;
use support::dashboard;
use support::display::Display;
use support::enrolled::{PIN, Station, demo_center, enroll};
use support::runtime;

const STATIONS: usize = 20;
const PASSWORD: &str = "hall password 1";
/// The station the test kills.
const KILLED: usize = 7;

/// Seats 4.. of hall 1 for the candidates beyond the demo's three.
fn add_candidates(center: &Center, n: usize) {
    let today = chrono::Local::now().format("%Y-%m-%d");
    let mut csv = "iin,name,ticket,format,language,extra_time,hall,seat,date,start\n".to_owned();
    for (i, iin) in dashboard::iins(n).into_iter().enumerate() {
        writeln!(
            csv,
            "{iin},Талапкер {i},T-{i},unt-2024,kk,no,1,{},{today},09:00",
            i + 4
        )
        .unwrap();
    }
    let file = center.dir.join("more.csv");
    std::fs::write(&file, csv).unwrap();
    let ran = cli::center(&[
        "roster",
        "import",
        "--dir",
        center.dir.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert!(ran.ok(), "{}", ran.stderr);
}

/// A station's program on `display`, its autopilot (seed `seed`: the roster's candidate at that
/// place) stopped on the testing screen.
fn run_station(display: &Display, station: &Station, seed: usize) -> Child {
    Command::new(env!("CARGO_BIN_EXE_ustudy-station"))
        .env("DISPLAY", format!(":{}", display.number))
        .env("ICED_BACKEND", "tiny-skia")
        .env("USTUDY_PIN", PIN)
        .env_remove("WAYLAND_DISPLAY")
        .args(["--config", station.config.to_str().unwrap()])
        .args(["--autopilot", &seed.to_string(), "--time-scale", "600"])
        .args(["--autopilot-stop", "testing"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Waits (polling the page the browser shows) until `ok` holds of the page's HTML.
async fn until(
    browser: &Client,
    within: Duration,
    what: &str,
    ok: impl Fn(&str) -> bool,
) -> String {
    let since = Instant::now();
    loop {
        let html = browser.source().await.unwrap();
        if ok(&html) {
            return html;
        }
        assert!(
            since.elapsed() < within,
            "{what} not seen within {within:?}:\n{html}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

async fn shoot(browser: &Client, name: &str) {
    let png = browser.screenshot().await.unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), png).unwrap();
}

async fn log_in(browser: &Client, url: &str, password: &str) {
    browser.goto(&format!("{url}/hall/1")).await.unwrap();
    let name = browser.find(Locator::Id("name")).await.unwrap();
    name.send_keys("aigerim").await.unwrap();
    let pass = browser.find(Locator::Id("password")).await.unwrap();
    pass.send_keys(password).await.unwrap();
    browser
        .find(Locator::Id("login"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// With JavaScript off the login works and the hall page still comes up to date by itself
/// (it reloads every 15 s).
async fn without_scripts(driver: &Driver, url: &str) {
    let profile = tempfile::tempdir().unwrap();
    let browser = driver.browser_without_scripts(profile.path()).await;
    log_in(&browser, url, PASSWORD).await;
    let first = until(
        &browser,
        Duration::from_secs(10),
        "the hall without scripts",
        |h| h.contains("id=\"seats\""),
    )
    .await;
    let updated = |h: &str| {
        let at = h.find("class=\"updated\"").expect("the update time");
        h[at..at + 60].to_owned()
    };
    let was = updated(&first);
    until(&browser, Duration::from_secs(25), "the page renewed", |h| {
        h.contains("class=\"updated\"") && updated(h) != was
    })
    .await;
    browser.close().await.unwrap();
}

/// The hall in Russian, a seat's page in Russian and Kazakh.
async fn screenshots(browser: &Client, url: &str) {
    browser
        .goto(&format!("{url}/hall/1?lang=ru"))
        .await
        .unwrap();
    until(
        browser,
        Duration::from_secs(10),
        "the hall in Russian",
        |h| h.contains("Молчит более 30 с"),
    )
    .await;
    shoot(browser, "hall-ru.png").await;
    browser
        .goto(&format!("{url}/hall/1/seat/{KILLED}"))
        .await
        .unwrap();
    until(
        browser,
        Duration::from_secs(10),
        "the seat in Russian",
        |h| h.contains("Ход сеанса") && h.contains("Начало тестирования"),
    )
    .await;
    shoot(browser, "seat-ru.png").await;
    browser
        .goto(&format!("{url}/hall/1/seat/{KILLED}?lang=kk"))
        .await
        .unwrap();
    until(
        browser,
        Duration::from_secs(10),
        "the seat in Kazakh",
        |h| h.contains("Сеанс барысы"),
    )
    .await;
    shoot(browser, "seat-kk.png").await;
}

#[test]
fn the_hall_page_follows_twenty_stations_and_shows_a_killed_one_silent() {
    let (center, code) = demo_center();
    center.add_operator("aigerim", PASSWORD);
    add_candidates(&center, STATIONS - 3);
    let mut stations = vec![enroll(&center, &code)];
    for i in 2..=STATIONS {
        let code = center.code_at(&format!("st-{i:02}"), "1", &i.to_string(), 30);
        stations.push(enroll(&center, &code));
    }
    let display = Display::start();
    let mut running: Vec<Child> = stations
        .iter()
        .enumerate()
        .map(|(seed, st)| run_station(&display, st, seed))
        .collect();

    let driver = Driver::start();
    let profile = tempfile::tempdir().unwrap();
    let rt = runtime();
    rt.block_on(async {
        let browser = driver.browser(profile.path()).await;
        log_in(&browser, &center.url, "not the password").await;
        until(&browser, Duration::from_secs(10), "the refusal", |h| {
            h.contains("id=\"refused\"")
        })
        .await;
        log_in(&browser, &center.url, PASSWORD).await;
        until(&browser, Duration::from_secs(10), "the hall", |h| {
            h.contains("id=\"seats\"")
        })
        .await;
        // In Kazakh (the browser asks for English): the choice is kept in a cookie.
        browser
            .goto(&format!("{}/hall/1?lang=kk", center.url))
            .await
            .unwrap();
        // The page is not reloaded from here on: this mark would go with a reload.
        browser
            .execute("window.ustudyMark = 1; return 1;", vec![])
            .await
            .unwrap();
        until(
            &browser,
            Duration::from_secs(240),
            "20 seats testing",
            |h| count(h, "data-phase=\"testing\"") == STATIONS,
        )
        .await;
        shoot(&browser, "hall-kk.png").await;

        let victim = &mut running[KILLED - 1];
        victim.kill().unwrap();
        victim.wait().unwrap();
        let html = until(
            &browser,
            Duration::from_secs(35),
            "the killed seat silent",
            |h| {
                h.contains(&format!(
                    "class=\"seat testing silent\" id=\"seat-{KILLED}\""
                )) && h.contains(&format!(
                    "href=\"/hall/1/seat/{KILLED}\"><span class=\"time\""
                ))
            },
        )
        .await;
        assert_eq!(
            count(&html, " silent\" id=\"seat-"),
            1,
            "only the killed station is silent"
        );
        assert!(html.contains("class=\"alert silent\""), "{html}");
        let mark = browser
            .execute("return window.ustudyMark || 0;", vec![])
            .await
            .unwrap();
        assert_eq!(mark, serde_json::json!(1), "the page was never reloaded");

        screenshots(&browser, &center.url).await;
        browser.close().await.unwrap();
        without_scripts(&driver, &center.url).await;
    });
    for mut child in running {
        let _ = child.kill();
        let _ = child.wait();
    }
}
