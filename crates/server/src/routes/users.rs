//! Users of the caller's domain, managed by its admins.

use crate::auth::hash_password;
use crate::error::{Error, Result};
use crate::json::JsonBody;
use crate::state::AppState;
use crate::store::{Account, NewUser};
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use flow_model::{rules::FieldError, Role};
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new().route("/users", post(create_user))
}

#[derive(Deserialize)]
struct NewUserRequest {
    username: String,
    password: String,
    role: Role,
}

#[derive(Serialize)]
struct CreatedUser {
    #[serde(with = "flow_model::int64")]
    id: i64,
    username: String,
    role: Role,
}

async fn create_user(
    State(state): State<AppState>,
    account: Account,
    JsonBody(request): JsonBody<NewUserRequest>,
) -> Result<Json<CreatedUser>> {
    if !account.admin {
        return Err(Error::AdminOnly);
    }
    let username = request.username.trim().to_owned();
    if username.is_empty() || username.chars().any(char::is_control) {
        return Err(Error::InvalidUserField(FieldError::new(
            "username",
            "must not be blank or contain control characters",
        )));
    }
    if request.password.chars().count() < 8 {
        return Err(Error::InvalidUserField(FieldError::new(
            "password",
            "must be at least 8 characters",
        )));
    }
    let password_hash = tokio::task::spawn_blocking(move || hash_password(&request.password))
        .await
        .map_err(|error| Error::Internal(error.to_string()))??;
    let id = state
        .store
        .create_user(NewUser {
            domain: &account.domain,
            username: &username,
            password_hash,
            permissions: request.role.permissions(),
            admin: request.role == Role::Admin,
        })
        .await?;
    Ok(Json(CreatedUser {
        id,
        username,
        role: request.role,
    }))
}
