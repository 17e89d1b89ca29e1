//! `GET /hall/{hall}/live`: the hall's live part as server-sent events. The stream renders the
//! alerts and the seat map again whenever a batch was kept (the server's change signal) and at
//! least every few seconds (so silence shows without any station posting), at most every
//! quarter second (a busy hall's batches are shown together), and sends it only when it
//! changed. The page's script puts each one in place; the browser never polls.

use std::time::Duration;

use axum::extract::{Path as UrlPath, Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream;

use super::{LangQuery, auth, language, now_ms, pages};
use crate::center::server::Center;

/// How often the hall is rendered again with no batch to prompt it (`serve --hall-refresh`).
pub const EVERY: Duration = Duration::from_secs(5);
/// The least time between two renders of one stream: a hall of 500 stations posts about 100
/// batches a second during a test, and each would otherwise render all its seats again.
pub const GAP: Duration = Duration::from_millis(250);

struct Follow {
    center: Center,
    hall: String,
    lang: crate::i18n::Lang,
    changes: tokio::sync::broadcast::Receiver<()>,
    last: String,
    first: bool,
    rendered: Option<tokio::time::Instant>,
}

pub async fn stream(
    State(center): State<Center>,
    UrlPath(hall): UrlPath<String>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let lang = language(&headers, &query);
    let here = format!("/hall/{}", pages::urlencode(&hall));
    if let Err(to_login) = auth::operator(&center, &headers, &here).await {
        return to_login;
    }
    let follow = Follow {
        changes: center.changes(),
        center,
        hall,
        lang,
        last: String::new(),
        first: true,
        rendered: None,
    };
    let events = stream::unfold(follow, |mut f| async move {
        loop {
            if !f.first {
                // A batch kept, or the time is up; a lagging receiver just renders now.
                let _ = tokio::time::timeout(f.center.refresh(), f.changes.recv()).await;
            }
            f.first = false;
            // Changes that come closer together than GAP are shown together.
            if let Some(at) = f.rendered {
                tokio::time::sleep_until(at + GAP).await;
            }
            while f.changes.try_recv().is_ok() {}
            f.rendered = Some(tokio::time::Instant::now());
            let store = f.center.store();
            let halls = f.center.halls();
            let hall = f.hall.clone();
            let now = now_ms();
            let view =
                tokio::task::spawn_blocking(move || halls.hall(store.as_ref(), &hall, now)).await;
            let Ok(Ok(view)) = view else {
                // The store failed: the stream ends and the browser reconnects.
                return None;
            };
            let html = pages::live(f.lang, &view, now).into_string();
            if html != f.last {
                // As JSON: a string on one line, whatever the names in it hold.
                let data = serde_json::to_string(&html).unwrap_or_default();
                f.last = html;
                return Some((
                    Ok::<_, std::convert::Infallible>(Event::default().event("hall").data(data)),
                    f,
                ));
            }
        }
    });
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response();
    super::secure(response.headers_mut());
    response
}
