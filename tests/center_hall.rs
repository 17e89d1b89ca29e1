//! The hall dashboard over HTTPS against a real center on 127.0.0.1 with a real enrolled
//! station: `operator add`, login (a wrong password, a form without its token, the cookie's
//! flags), every page refused without a login, the hall's seat map and a seat's page showing the
//! station's session as the center holds it, and the live stream bringing a new answer.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod support;

use std::time::{Duration, Instant};

use support::cli;
use support::dashboard::{client, follow, form, get, login, next_event, set_cookie, value};
use support::enrolled::{demo_center, enroll};
use support::gui::{click, ids, settle};
use support::runtime;
use ustudy::ui::App;

const PASSWORD: &str = "hall password 1";

fn answer(app: &mut App, tasks: std::ops::Range<usize>) {
    for i in tasks {
        click(app, ids::testing::option(i % 4));
        click(app, ids::testing::NEXT);
    }
    settle(app);
}

#[test]
fn an_operator_logs_in_and_watches_a_station_answer_live() {
    let (center, code) = demo_center();
    let dir = center.dir.to_str().unwrap().to_owned();
    let short = cli::center_with_input(&["operator", "add", "--dir", &dir, "aigerim"], "short\n");
    assert!(
        !short.ok() && short.stderr.contains("at least 10"),
        "{}",
        short.stderr
    );
    let added = cli::center_with_input(
        &["operator", "add", "--dir", &dir, "aigerim"],
        &format!("{PASSWORD}\n"),
    );
    assert!(added.ok(), "{}", added.stderr);
    let again = cli::center_with_input(
        &["operator", "add", "--dir", &dir, "aigerim"],
        &format!("{PASSWORD}\n"),
    );
    assert!(again.stderr.contains("exists already"), "{}", again.stderr);

    let station = enroll(&center, &code);
    let (mut app, writer, _) = station.sitting(5);
    let rt = runtime();
    rt.block_on(station.outbox(&writer, None).drain()).unwrap();

    let http = client();
    let url = center.url.clone();
    let mut live = rt.block_on(async {
        refusals(&http, &url).await;
        let (status, cookie) = login(&http, &url, "aigerim", PASSWORD).await;
        assert_eq!(status, 303);
        let cookie = cookie.expect("a login cookie");
        for flag in ["Secure", "HttpOnly", "SameSite=Strict"] {
            assert!(cookie.contains(flag), "{cookie}");
        }
        let cookie = value(&cookie);

        // The hall shows seat 1 testing with five answers; in Russian, with the roster's seats.
        let (status, hall) = get(&http, &format!("{url}/hall/1?lang=ru"), &cookie).await;
        assert_eq!(status, 200, "{hall}");
        let seat1 = &hall[hall.find("id=\"seat-1\"").expect("seat 1")..];
        let seat1 = &seat1[..seat1.find("</a>").unwrap()];
        assert!(seat1.contains("demo-1"), "{seat1}");
        assert!(seat1.contains("тестирование"), "{seat1}");
        assert!(seat1.contains("отвечено 5/120"), "{seat1}");
        assert!(
            hall.contains("id=\"seat-2\""),
            "the roster's other seats are shown"
        );
        let (_, en) = get(&http, &format!("{url}/hall/1?lang=en"), &cookie).await;
        assert!(en.contains("5/120 answered"), "{en}");

        // The seat's page: the timeline and the receipts.
        let (status, seat) = get(&http, &format!("{url}/hall/1/seat/1?lang=en"), &cookie).await;
        assert_eq!(status, 200);
        assert!(
            seat.contains("Checked in") && seat.contains("Testing started"),
            "{seat}"
        );
        assert!(seat.contains("The center holds"), "{seat}");
        let (status, _) = get(&http, &format!("{url}/hall/1/seat/99"), &cookie).await;
        assert_eq!(status, 404);
        let (status, _) = get(&http, &format!("{url}/hall/nope"), &cookie).await;
        assert_eq!(status, 404);

        // Live: the stream's first event is the hall as it is; a new answer brings another.
        let mut live = follow(&http, &url, "1", &cookie).await;
        let first = next_event(&mut live).await;
        assert!(first.contains("5/120 answered"), "{first}");
        live
    });
    answer(&mut app, 5..6);
    rt.block_on(async {
        let posted = Instant::now();
        station.outbox(&writer, None).drain().await.unwrap();
        loop {
            let event = next_event(&mut live).await;
            if event.contains("6/120 answered") {
                break;
            }
            assert!(posted.elapsed() < Duration::from_secs(10), "no live update");
        }
    });
}

/// Without a login nothing is shown; a wrong password and a form without its token are refused.
async fn refusals(http: &reqwest::Client, url: &str) {
    // Nothing without a login: every page sends the browser to the login form.
    for path in ["/hall", "/hall/1", "/hall/1/seat/1", "/hall/1/live"] {
        let r = http.get(format!("{url}{path}")).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 303, "{path}");
        let to = r.headers()[reqwest::header::LOCATION].to_str().unwrap();
        assert!(to.starts_with("/login?next="), "{path} -> {to}");
    }
    let forged = get(http, &format!("{url}/hall/1"), "ustudy_login=00ff").await;
    assert_eq!(forged.0, 303, "a made-up cookie is no login");

    // A wrong password and a form posted without its own cookie are refused.
    let (status, cookie) = login(http, url, "aigerim", "not the password").await;
    assert_eq!((status, cookie), (401, None));
    let stale = http
        .post(format!("{url}/login"))
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(form(&[
            ("name", "aigerim"),
            ("password", PASSWORD),
            ("csrf", "00"),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status().as_u16(), 403);
    assert!(set_cookie(&stale, "ustudy_login").is_none());
}

#[test]
fn a_station_s_heartbeat_shows_what_its_readiness_check_found() {
    use ustudy::protocol::status::{StationStatus, Wanting};
    let (center, code) = demo_center();
    center.add_operator("aigerim", PASSWORD);
    let station = enroll(&center, &code);
    let link = station.link(None);
    let rt = runtime();
    let http = client();
    let url = center.url.clone();
    rt.block_on(async {
        // Not signed by an enrolled station: refused, nothing kept.
        let anonymous = http
            .post(format!("{url}/v1/status"))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(r#"{"waiting":0,"readiness":[]}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(anonymous.status().as_u16(), 401);
        // An item the protocol does not know is refused.
        let odd = StationStatus {
            waiting: 0,
            readiness: vec![Wanting {
                item: "<b>".into(),
                level: "warn".into(),
            }],
        };
        assert!(link.status(&odd).await.is_err());
        let (_, cookie) = login(&http, &url, "aigerim", PASSWORD).await;
        let cookie = value(&cookie.unwrap());
        let (_, before) = get(&http, &format!("{url}/hall/1?lang=en"), &cookie).await;
        let seat1 = &before[before.find("id=\"seat-1\"").unwrap()..];
        assert!(
            !seat1[..seat1.find("</a>").unwrap()].contains("heard"),
            "no contact yet"
        );
        let status = StationStatus {
            waiting: 0,
            readiness: vec![
                Wanting {
                    item: "clock".into(),
                    level: "warn".into(),
                },
                Wanting {
                    item: "machine".into(),
                    level: "fail".into(),
                },
            ],
        };
        link.status(&status).await.unwrap();
        let (_, after) = get(&http, &format!("{url}/hall/1?lang=en"), &cookie).await;
        let seat1 = &after[after.find("id=\"seat-1\"").unwrap()..];
        let seat1 = &seat1[..seat1.find("</a>").unwrap()];
        assert!(
            seat1.contains("heard ") && seat1.contains(" s ago"),
            "{seat1}"
        );
        assert!(seat1.contains("Readiness: clock, machine"), "{seat1}");
    });
}

#[test]
fn a_flood_of_logins_is_checked_one_at_a_time_and_the_rest_told_to_retry() {
    let (center, _) = demo_center();
    center.add_operator("aigerim", PASSWORD);
    let rt = runtime();
    let http = client();
    let url = center.url.clone();
    rt.block_on(async {
        // Each check costs a few hundred milliseconds: far more than fit in the 3 s a login
        // waits for its turn.
        let tries: Vec<_> = (0..60)
            .map(|_| {
                let (http, url) = (http.clone(), url.clone());
                tokio::spawn(async move { login(&http, &url, "aigerim", "a wrong password").await })
            })
            .collect();
        let mut statuses = Vec::new();
        for t in tries {
            let (status, cookie) = t.await.unwrap();
            assert!(cookie.is_none());
            statuses.push(status);
        }
        let busy = statuses.iter().filter(|s| **s == 429).count();
        let wrong = statuses.iter().filter(|s| **s == 401).count();
        assert_eq!(busy + wrong, 60, "{statuses:?}");
        assert!(busy > 0 && wrong > 0, "{statuses:?}");
        // The flood over, the operator logs in.
        let (status, cookie) = login(&http, &url, "aigerim", PASSWORD).await;
        assert_eq!(status, 303);
        assert!(cookie.is_some());
    });
}
