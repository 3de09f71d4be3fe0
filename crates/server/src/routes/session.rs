//! Signing in and out, and who is signed in.

use super::{has_nul, SESSION};
use crate::auth::{new_token, token_from, token_hash, verify_password};
use crate::error::{Error, Result, FOR_THIS_USER, FROM_THIS_ADDRESS};
use crate::json::JsonBody;
use crate::responses::{LoginErrors, LogoutErrors, SessionErrors};
use crate::state::AppState;
use crate::store::{now_millis, Account};
use axum::extract::connect_info::ConnectInfo;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use axum::Json;
use flow_model::{contract, LoginRequest, LoginResponse, UserRef, Userinfo};
use serde::Deserialize;
use serde_json::{json, Value};
use std::net::SocketAddr;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(userinfo, userinfo_by_post))
}

impl Account {
    /// Who this is, as userinfo says it, with the expiry of the token it was found by (an
    /// account found by id has none: 0).
    pub fn userinfo(&self) -> Userinfo {
        Userinfo::new(
            UserRef {
                id: self.user_id,
                name: self.username.clone(),
            },
            self.domain_id,
            self.domain.clone(),
            self.permissions,
            self.admin,
            self.created_at,
            self.expires_at.unwrap_or_default(),
        )
    }
}

/// The client's address, when the server was started with it (tests that call the router
/// directly have none).
struct ClientAddress(Option<SocketAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(address)| *address),
        ))
    }
}

/// What a failed sign-in counts against: the user (in its domain, however the sign-in named
/// them), and the client address when it is known.
fn throttle_subjects(
    domain: &str,
    login: &str,
    address: Option<SocketAddr>,
) -> Vec<(String, bool)> {
    let mut subjects = vec![(
        format!("user:{}/{}", domain.to_lowercase(), login.to_lowercase()),
        true,
    )];
    if let Some(address) = address {
        subjects.push((format!("address:{}", address.ip()), false));
    }
    subjects
}

/// Refuses a sign-in while its user or address has used up its failures in the window.
async fn check_throttle(state: &AppState, subjects: &[(String, bool)], now: i64) -> Result<()> {
    let throttle = state.settings.login_throttle;
    for (subject, is_user) in subjects {
        let limit = if *is_user {
            throttle.per_user
        } else {
            throttle.per_address
        };
        let (failures, earliest) = state
            .store
            .failures_since(subject, now - throttle.window_ms)
            .await?;
        if failures >= limit {
            let free_at = earliest.unwrap_or(now) + throttle.window_ms;
            return Err(Error::TooManyAttempts {
                from: if *is_user {
                    FOR_THIS_USER
                } else {
                    FROM_THIS_ADDRESS
                },
                retry_after_secs: u64::try_from((free_at - now).max(1000) / 1000).unwrap_or(1),
            });
        }
    }
    Ok(())
}

/// Signs in: an access token for `X-Webitel-Access`, and who it belongs to. The domain is
/// `domain`, or else follows the last `@` of `username` (as Webitel's sign-in page sends it).
#[utoipa::path(
    post,
    path = contract::LOGIN.path,
    tag = SESSION,
    security(()),
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = LoginResponse),
        LoginErrors,
    )
)]
async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    JsonBody(request): JsonBody<LoginRequest>,
) -> Result<Json<LoginResponse>> {
    let (domain, login) = request.domain_and_login();
    // No account has U+0000 in its name, and PostgreSQL could not even look for one.
    if has_nul(login) || has_nul(domain) {
        return Err(Error::LoginFailed);
    }
    let now = now_millis();
    let subjects = throttle_subjects(domain, login, address);
    // Checked before the password: a throttled guess costs nothing and learns nothing.
    check_throttle(&state, &subjects, now).await?;
    let credentials = state.store.credentials(domain, login).await?;
    let stored = credentials
        .as_ref()
        .map(|found| found.password_hash.clone());
    let password = request.password.clone();
    // Argon2 is deliberately slow: keep it off the request threads.
    let valid = tokio::task::spawn_blocking(move || verify_password(&password, stored.as_deref()))
        .await
        .map_err(|error| Error::Internal(error.to_string()))?;
    let Some(credentials) = credentials.filter(|_| valid) else {
        tracing::info!(username = %login, domain = %domain, "login refused");
        let counted: Vec<String> = subjects.into_iter().map(|(subject, _)| subject).collect();
        state
            .store
            .record_failure(&counted, now, now - state.settings.login_throttle.window_ms)
            .await?;
        return Err(Error::LoginFailed);
    };
    // A user who gets in starts afresh; the address keeps its count (a guesser with one
    // account of its own must not wipe it).
    state.store.clear_failures(&subjects[0].0).await?;
    let token = new_token();
    let expires_at = now + state.settings.token_lifetime_ms;
    state
        .store
        .insert_token(&token_hash(&token), credentials.user_id, expires_at)
        .await?;
    let account = state
        .store
        .account(credentials.user_id)
        .await?
        .ok_or(Error::LoginFailed)?;
    // As userinfo will find it by the new token.
    let account = Account {
        expires_at: Some(expires_at),
        ..account
    };
    Ok(Json(LoginResponse {
        access_token: token,
        userinfo: account.userinfo(),
    }))
}

#[derive(Deserialize, Default, IntoParams)]
#[into_params(parameter_in = Query)]
struct LogoutOptions {
    /// Revoke every token of the user, not only this one: signed out everywhere.
    #[serde(default)]
    everywhere: bool,
}

/// Signs out: revokes the token the request carries.
#[utoipa::path(
    post,
    path = contract::LOGOUT.path,
    tag = SESSION,
    params(LogoutOptions),
    responses(
        (status = 200, description = "Signed out", body = Object, example = json!({})),
        LogoutErrors,
    )
)]
async fn logout(
    State(state): State<AppState>,
    account: Account,
    headers: HeaderMap,
    Query(options): Query<LogoutOptions>,
) -> Result<Json<Value>> {
    if options.everywhere {
        state.store.delete_tokens_of(account.user_id).await?;
    } else if let Some(token) = token_from(&headers) {
        // The token the request was authenticated with, from whichever header carried it.
        state.store.delete_token(&token_hash(token)).await?;
    }
    Ok(Json(json!({})))
}

/// Who is signed in, in which domain, with which rights: Webitel's userinfo (rights on flows
/// in the `scope` entry of class `schema`), plus our `user` and `admin`.
#[utoipa::path(
    get,
    path = contract::USERINFO.path,
    tag = SESSION,
    responses(
        (status = 200, description = "The signed-in user", body = Userinfo),
        SessionErrors,
    )
)]
async fn userinfo(account: Account) -> Json<Userinfo> {
    Json(account.userinfo())
}

/// The same as `GET /userinfo`: Webitel's engine answers a POST too, and its npm client
/// (`webitel-sdk`, `AuthApi.userInfo`) sends one.
#[utoipa::path(
    post,
    path = contract::USERINFO_BY_POST.path,
    tag = SESSION,
    responses(
        (status = 200, description = "The signed-in user", body = Userinfo),
        SessionErrors,
    )
)]
async fn userinfo_by_post(account: Account) -> Json<Userinfo> {
    userinfo(account).await
}
