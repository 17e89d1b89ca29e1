//! Operator login for the dashboard. A login is a random token in a `Secure`, `HttpOnly`,
//! `SameSite=Strict` cookie; the store keeps only its hash. Every form carries a CSRF token
//! derived from the cookie it goes with (the login form from a pre-login cookie of its own).
//! Logins, failed logins and logouts are logged; a wrong name costs the same hashing time as a
//! wrong password, so the reply does not tell which was wrong.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{LangQuery, language, now_ms, page, pages, trouble};
use crate::center::operators;
use crate::center::server::Center;

/// The login cookie.
const LOGIN: &str = "ustudy_login";
/// Password checks at once: each costs a core a few hundred milliseconds, and the stations'
/// batches share the cores; a flood of logins waits its turn instead of starving them.
const CHECKS_AT_ONCE: usize = 1;
/// How long a login waits for its turn before it is told to try again.
const CHECK_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

fn checks() -> &'static tokio::sync::Semaphore {
    static CHECKS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    CHECKS.get_or_init(|| tokio::sync::Semaphore::new(CHECKS_AT_ONCE))
}
/// The login form's own cookie, for its CSRF token.
const PRE: &str = "ustudy_pre";

/// A logged-in operator.
#[derive(Debug, Clone)]
pub struct Operator {
    /// Their name.
    pub name: String,
    /// The CSRF token of their forms.
    pub csrf: String,
}

/// The value of cookie `name`.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// The operator of this request, or a redirect to the login form that comes back to `here`.
pub async fn operator(
    center: &Center,
    headers: &HeaderMap,
    here: &str,
) -> Result<Operator, Response> {
    let to_login =
        || Redirect::to(&format!("/login?next={}", pages::urlencode(here))).into_response();
    let Some(token) = cookie(headers, LOGIN) else {
        return Err(to_login());
    };
    let store = center.store();
    let hash = operators::token_hash(&token);
    let now = now_ms();
    let found = tokio::task::spawn_blocking(move || store.login(&hash, now)).await;
    match found {
        Ok(Ok(Some(name))) => Ok(Operator {
            name,
            csrf: operators::csrf(&token),
        }),
        Ok(Ok(None)) => Err(to_login()),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "a login could not be checked");
            Err(StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
        Err(_) => Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    }
}

/// Where the login form returns to.
#[derive(Debug, Deserialize)]
pub struct Next {
    next: Option<String>,
    lang: Option<String>,
}

/// Only a path of the dashboard is a place to return to (never another site).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with("/hall") && !n.contains("//") && !n.contains('\\') => n.to_owned(),
        _ => "/hall".to_owned(),
    }
}

fn cookie_header(value: &str) -> Option<HeaderValue> {
    HeaderValue::from_str(value).ok()
}

/// The login form, with a fresh pre-login cookie for its CSRF token.
pub async fn login_form(headers: HeaderMap, Query(next): Query<Next>) -> Response {
    let query = LangQuery {
        lang: next.lang.clone(),
    };
    let lang = language(&headers, &query);
    form_page(
        lang,
        &query,
        &safe_next(next.next.as_deref()),
        None,
        StatusCode::OK,
    )
}

fn form_page(
    lang: crate::i18n::Lang,
    query: &LangQuery,
    next: &str,
    refused: Option<&str>,
    status: StatusCode,
) -> Response {
    let Ok(pre) = operators::new_token() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut response = page(
        lang,
        query,
        status,
        pages::login(lang, &operators::csrf(&pre), next, refused),
    );
    if let Some(v) = cookie_header(&format!(
        "{PRE}={pre}; Path=/login; Secure; HttpOnly; SameSite=Strict; Max-Age=3600"
    )) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// What the login form posts.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    name: String,
    password: String,
    csrf: String,
    next: Option<String>,
}

pub async fn login(
    State(center): State<Center>,
    headers: HeaderMap,
    form: Result<Form<LoginForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let query = LangQuery::default();
    let lang = language(&headers, &query);
    let Ok(Form(form)) = form else {
        return form_page(
            lang,
            &query,
            "/hall",
            Some("hall-login-bad-form"),
            StatusCode::BAD_REQUEST,
        );
    };
    let next = safe_next(form.next.as_deref());
    let pre_ok = cookie(&headers, PRE).is_some_and(|pre| operators::csrf_ok(&pre, &form.csrf));
    if !pre_ok {
        tracing::warn!("security: a dashboard login without its form's token was refused");
        return form_page(
            lang,
            &query,
            &next,
            Some("hall-login-stale"),
            StatusCode::FORBIDDEN,
        );
    }
    let Ok(Ok(_turn)) = tokio::time::timeout(CHECK_WAIT, checks().acquire()).await else {
        tracing::warn!("security: dashboard logins are coming faster than they can be checked");
        return form_page(
            lang,
            &query,
            &next,
            Some("hall-login-busy"),
            StatusCode::TOO_MANY_REQUESTS,
        );
    };
    let store = center.store();
    let name = form.name.trim().to_owned();
    let who = name.clone();
    let checked = tokio::task::spawn_blocking(move || -> Result<bool, crate::center::store::StoreError> {
        let stored = store.operator_hash(&who)?;
        // An unknown name is hashed all the same, so the time does not tell it apart.
        let dummy = "pbkdf2-sha256$600000$00000000000000000000000000000000$0000000000000000000000000000000000000000000000000000000000000000";
        let ok = operators::verify(&form.password, stored.as_deref().unwrap_or(dummy));
        Ok(ok && stored.is_some())
    })
    .await;
    match checked {
        Ok(Ok(true)) => {}
        Ok(Ok(false)) => {
            tracing::warn!(operator = %name, "security: a dashboard login was refused (wrong name or password)");
            return form_page(
                lang,
                &query,
                &next,
                Some("hall-login-wrong"),
                StatusCode::UNAUTHORIZED,
            );
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e, "a login could not be checked");
            return trouble(lang, StatusCode::INTERNAL_SERVER_ERROR, "hall-error-store");
        }
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
    let Ok(token) = operators::new_token() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let store = center.store();
    let hash = operators::token_hash(&token);
    let now = now_ms();
    let who = name.clone();
    let opened = tokio::task::spawn_blocking(move || {
        store.open_login(&hash, &who, now, now + operators::LOGIN_MS)
    })
    .await;
    if !matches!(opened, Ok(Ok(()))) {
        return trouble(lang, StatusCode::INTERNAL_SERVER_ERROR, "hall-error-store");
    }
    tracing::info!(operator = %name, "an operator logged in to the dashboard");
    let mut response = Redirect::to(&next).into_response();
    let max_age = operators::LOGIN_MS / 1000;
    for value in [
        format!("{LOGIN}={token}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age={max_age}"),
        format!("{PRE}=; Path=/login; Secure; HttpOnly; SameSite=Strict; Max-Age=0"),
    ] {
        if let Some(v) = cookie_header(&value) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

/// What the logout form posts.
#[derive(Debug, Deserialize)]
pub struct LogoutForm {
    csrf: String,
}

pub async fn logout(
    State(center): State<Center>,
    headers: HeaderMap,
    form: Result<Form<LogoutForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let lang = language(&headers, &LangQuery::default());
    let token = cookie(&headers, LOGIN);
    let ok = match (&token, &form) {
        (Some(t), Ok(Form(f))) => operators::csrf_ok(t, &f.csrf),
        _ => false,
    };
    let Some(token) = token.filter(|_| ok) else {
        tracing::warn!("security: a dashboard logout without its token was refused");
        return trouble(lang, StatusCode::FORBIDDEN, "hall-login-stale");
    };
    let store = center.store();
    let hash = operators::token_hash(&token);
    let _ = tokio::task::spawn_blocking(move || store.close_login(&hash)).await;
    tracing::info!("an operator logged out of the dashboard");
    let mut response = Redirect::to("/login").into_response();
    if let Some(v) = cookie_header(&format!(
        "{LOGIN}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0"
    )) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}
