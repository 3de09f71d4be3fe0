//! Signing in and out, and who is signed in.

use crate::auth::{new_token, token_from, token_hash, verify_password};
use crate::error::{Error, Result};
use crate::json::JsonBody;
use crate::state::AppState;
use crate::store::{now_millis, Account};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use flow_model::{LoginRequest, LoginResponse, Session, UserRef};
use serde_json::{json, Value};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", post(login))
        .route("/logout", post(logout))
        .route("/userinfo", get(userinfo))
}

impl Account {
    pub fn session(&self) -> Session {
        Session {
            user: UserRef {
                id: self.user_id,
                name: self.username.clone(),
            },
            domain: self.domain.clone(),
            permissions: self.permissions.list(),
            admin: self.admin,
        }
    }
}

async fn login(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<LoginRequest>,
) -> Result<Json<LoginResponse>> {
    let credentials = state
        .store
        .credentials(request.domain.trim(), request.username.trim())
        .await?;
    let stored = credentials
        .as_ref()
        .map(|found| found.password_hash.clone());
    let password = request.password;
    // Argon2 is deliberately slow: keep it off the request threads.
    let valid = tokio::task::spawn_blocking(move || verify_password(&password, stored.as_deref()))
        .await
        .map_err(|error| Error::Internal(error.to_string()))?;
    let Some(credentials) = credentials.filter(|_| valid) else {
        tracing::info!(username = %request.username, domain = %request.domain, "login refused");
        return Err(Error::LoginFailed);
    };
    let token = new_token();
    let expires_at = now_millis() + state.settings.token_lifetime_ms;
    state
        .store
        .insert_token(&token_hash(&token), credentials.user_id, expires_at)
        .await?;
    let account = state
        .store
        .account(credentials.user_id)
        .await?
        .ok_or(Error::LoginFailed)?;
    Ok(Json(LoginResponse {
        access_token: token,
        expires_at,
        session: account.session(),
    }))
}

async fn logout(
    State(state): State<AppState>,
    _account: Account,
    headers: HeaderMap,
) -> Result<Json<Value>> {
    // The token the request was authenticated with, from whichever header carried it.
    if let Some(token) = token_from(&headers) {
        state.store.delete_token(&token_hash(token)).await?;
    }
    Ok(Json(json!({})))
}

async fn userinfo(account: Account) -> Json<Session> {
    Json(account.session())
}
