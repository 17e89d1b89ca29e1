//! The live hall dashboard, served by `ustudy-center serve` beside the stations' API: operator
//! login (`auth`), the list of halls, a hall's seat map and a seat's page (`pages`), and the
//! live stream that keeps a hall's page current (`live`, server-sent events). Read-only: no
//! page changes a session. Every page sends headers that forbid scripts, styles and frames from
//! anywhere but the center, and no page is cached.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::hall::Halls;
use super::server::Center;
use super::store::Store;
use crate::i18n::{Lang, tr};

mod auth;
pub(super) mod live;
pub mod pages;

pub use auth::Operator;

const CSS: &str = include_str!("../../assets/web/hall.css");
const JS: &str = include_str!("../../assets/web/hall.js");

/// The dashboard's routes.
pub fn routes() -> Router<Center> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/hall") }))
        .route("/login", get(auth::login_form).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/hall", get(halls))
        .route("/hall/{hall}", get(hall))
        .route("/hall/{hall}/live", get(live::stream))
        .route("/hall/{hall}/seat/{seat}", get(seat))
        .route("/static/hall.css", get(|| async { asset("text/css", CSS) }))
        .route(
            "/static/hall.js",
            get(|| async { asset("text/javascript", JS) }),
        )
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}

/// The `?lang=` a page may carry.
#[derive(Debug, Deserialize, Default)]
pub struct LangQuery {
    lang: Option<String>,
}

/// The operator's language: `?lang=`, else the language cookie, else the browser's first
/// language we have, else Kazakh.
fn language(headers: &HeaderMap, query: &LangQuery) -> Lang {
    let parse = |code: &str| Lang::ALL.into_iter().find(|l| l.code() == code);
    if let Some(l) = query.lang.as_deref().and_then(parse) {
        return l;
    }
    if let Some(l) = auth::cookie(headers, "ustudy_lang")
        .as_deref()
        .and_then(parse)
    {
        return l;
    }
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    accepted
        .split(',')
        .filter_map(|part| part.split(';').next())
        .find_map(|tag| parse(tag.trim().get(..2)?))
        .unwrap_or(Lang::Kk)
}

/// An HTML page with the dashboard's headers (and the language cookie when `?lang=` chose).
fn page(lang: Lang, query: &LangQuery, status: StatusCode, body: maud::Markup) -> Response {
    let mut response = (status, body).into_response();
    secure(response.headers_mut());
    if query.lang.is_some()
        && let Ok(v) = HeaderValue::from_str(&format!(
            "ustudy_lang={}; Path=/; Secure; SameSite=Strict; Max-Age=31536000",
            lang.code()
        ))
    {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// Headers every dashboard response carries.
fn secure(headers: &mut HeaderMap) {
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
             img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

/// A page for something that went wrong, in the operator's language.
fn trouble(lang: Lang, status: StatusCode, id: &str) -> Response {
    let text = tr(lang, id);
    page(
        lang,
        &LangQuery::default(),
        status,
        pages::frame(
            lang,
            &text,
            None,
            "",
            &maud::html! { p #trouble { (text) } },
        ),
    )
}

/// Runs a read on the blocking pool.
async fn read<T: Send + 'static>(
    center: &Center,
    lang: Lang,
    call: impl FnOnce(&dyn Store, &Halls) -> Result<T, super::store::StoreError> + Send + 'static,
) -> Result<T, Response> {
    let store = center.store();
    let halls = center.halls();
    match tokio::task::spawn_blocking(move || call(store.as_ref(), halls.as_ref())).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "the dashboard could not read the store");
            Err(trouble(
                lang,
                StatusCode::INTERNAL_SERVER_ERROR,
                "hall-error-store",
            ))
        }
        Err(e) => {
            tracing::error!(error = %e, "a dashboard read failed");
            Err(trouble(
                lang,
                StatusCode::INTERNAL_SERVER_ERROR,
                "hall-error-store",
            ))
        }
    }
}

fn now_ms() -> i64 {
    i64::try_from(crate::journal::store::now_ms()).unwrap_or(i64::MAX)
}

async fn halls(
    State(center): State<Center>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let lang = language(&headers, &query);
    let op = match auth::operator(&center, &headers, "/hall").await {
        Ok(op) => op,
        Err(to_login) => return to_login,
    };
    let names = match read(&center, lang, |store, halls| halls.names(store)).await {
        Ok(n) => n,
        Err(r) => return r,
    };
    page(
        lang,
        &query,
        StatusCode::OK,
        pages::halls(lang, &op.name, &op.csrf, &names),
    )
}

async fn hall(
    State(center): State<Center>,
    UrlPath(name): UrlPath<String>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let lang = language(&headers, &query);
    let here = format!("/hall/{}", pages::urlencode(&name));
    let op = match auth::operator(&center, &headers, &here).await {
        Ok(op) => op,
        Err(to_login) => return to_login,
    };
    let now = now_ms();
    let hall_name = name.clone();
    let view = match read(&center, lang, move |store, halls| {
        halls.hall(store, &hall_name, now)
    })
    .await
    {
        Ok(v) => v,
        Err(r) => return r,
    };
    if view.seats.is_empty() {
        return trouble(lang, StatusCode::NOT_FOUND, "hall-error-no-hall");
    }
    page(
        lang,
        &query,
        StatusCode::OK,
        pages::hall(lang, &op.name, &op.csrf, &view, now),
    )
}

async fn seat(
    State(center): State<Center>,
    UrlPath((name, seat)): UrlPath<(String, String)>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let lang = language(&headers, &query);
    let here = format!(
        "/hall/{}/seat/{}",
        pages::urlencode(&name),
        pages::urlencode(&seat)
    );
    let op = match auth::operator(&center, &headers, &here).await {
        Ok(op) => op,
        Err(to_login) => return to_login,
    };
    let now = now_ms();
    let (hall_name, seat_name) = (name.clone(), seat.clone());
    let found = match read(&center, lang, move |store, halls| {
        halls.seat(store, &hall_name, &seat_name, now)
    })
    .await
    {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(found) = found else {
        return trouble(lang, StatusCode::NOT_FOUND, "hall-error-no-seat");
    };
    page(
        lang,
        &query,
        StatusCode::OK,
        pages::seat(lang, &op.name, &op.csrf, &name, &found, now),
    )
}

/// Shared by the server: a new dashboard over `store`, opening papers with the center's keys.
pub fn halls_for(dir: std::path::PathBuf, keys: Arc<super::KeyStore>) -> Halls {
    Halls::new(Box::new(move |held| {
        super::published::open_paper(&dir, &keys, &held.seal_id)
    }))
}
