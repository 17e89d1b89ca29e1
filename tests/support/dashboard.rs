//! An HTTPS client for the hall dashboard, as a browser would use it but without one: the
//! login form (its cookie and CSRF field), pages with the login cookie, and the next event of a
//! live stream; and valid IINs for a hall of made-up candidates. Used by the dashboard's tests
//! and its bench.

use std::time::Duration;

/// A client that trusts the center's self-signed certificate and follows no redirect.
pub fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .danger_accept_invalid_certs(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTPS client")
}

/// The `Set-Cookie` named `name`, with its attributes.
pub fn set_cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

/// A cookie's `name=value`, without its attributes.
pub fn value(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap_or_default().to_owned()
}

/// A form body, `application/x-www-form-urlencoded`.
pub fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{k}={}", ustudy::center::web::pages::urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn csrf_of(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
    html[at..at + 64].to_owned()
}

/// Logs `name` in with `password`: the answer's status and its login cookie, if any.
pub async fn login(
    http: &reqwest::Client,
    url: &str,
    name: &str,
    password: &str,
) -> (u16, Option<String>) {
    let page = http
        .get(format!("{url}/login"))
        .send()
        .await
        .expect("the login form");
    let pre = value(&set_cookie(&page, "ustudy_pre").expect("the form's cookie"));
    let csrf = csrf_of(&page.text().await.expect("the form's page"));
    let answer = http
        .post(format!("{url}/login"))
        .header(reqwest::header::COOKIE, pre)
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(form(&[
            ("name", name),
            ("password", password),
            ("csrf", csrf.as_str()),
            ("next", "/hall/1"),
        ]))
        .send()
        .await
        .expect("the login's answer");
    (
        answer.status().as_u16(),
        set_cookie(&answer, "ustudy_login"),
    )
}

/// A page with `cookie`: its status and body.
pub async fn get(http: &reqwest::Client, url: &str, cookie: &str) -> (u16, String) {
    let r = http
        .get(url)
        .header(reqwest::header::COOKIE, cookie)
        .send()
        .await
        .expect("an answer");
    (r.status().as_u16(), r.text().await.expect("a body"))
}

/// The hall's live stream (`/hall/HALL/live`, in English), opened with the login `cookie`.
#[allow(dead_code)] // The hall bench uses this file without following a hall.
pub async fn follow(
    http: &reqwest::Client,
    url: &str,
    hall: &str,
    cookie: &str,
) -> reqwest::Response {
    let live = http
        .get(format!("{url}/hall/{hall}/live?lang=en"))
        .header(reqwest::header::COOKIE, cookie)
        .send()
        .await
        .expect("the live stream answers");
    assert_eq!(live.status().as_u16(), 200);
    live
}

/// The next `hall` event's HTML on a live stream.
pub async fn next_event(live: &mut reqwest::Response) -> String {
    let mut text = String::new();
    loop {
        let chunk = tokio::time::timeout(Duration::from_secs(15), live.chunk())
            .await
            .expect("the stream sends within 15 s")
            .expect("the stream reads")
            .expect("the stream goes on");
        text.push_str(&String::from_utf8_lossy(&chunk));
        if let Some(at) = text.find("event: hall\ndata: ") {
            let rest = &text[at + 18..];
            if let Some(end) = rest.find('\n') {
                return serde_json::from_str::<String>(&rest[..end]).expect("a JSON string");
            }
        }
    }
}

/// Valid IINs (born on 15 May 2008, serials from 1), as many as asked.
pub fn iins(n: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(n);
    let mut serial = 1;
    while out.len() < n {
        let body = format!("0805155{serial:04}");
        serial += 1;
        let digits: Vec<u32> = body.chars().filter_map(|c| c.to_digit(10)).collect();
        if let Some(check) = ustudy::exam::iin::check_digit(&digits) {
            out.push(format!("{body}{check}"));
        }
    }
    out
}
