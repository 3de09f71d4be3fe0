//! Users of the caller's domain, managed by its admins.

use super::SESSION;
use crate::auth::hash_password;
use crate::error::{Error, Result};
use crate::json::JsonBody;
use crate::responses::CreateErrors;
use crate::state::AppState;
use crate::store::{Account, NewUser};
use axum::extract::State;
use axum::Json;
use flow_model::l10n::Text;
use flow_model::{contract, rules::FieldError, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(create_user))
}

#[derive(Deserialize, ToSchema)]
struct NewUserRequest {
    /// Not blank, no control characters.
    #[schema(
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    username: String,
    #[schema(min_length = 8)]
    password: String,
    role: Role,
}

#[derive(Serialize, ToSchema)]
struct CreatedUser {
    #[serde(with = "flow_model::int64")]
    #[schema(schema_with = flow_model::int64::schema)]
    id: i64,
    username: String,
    role: Role,
}

/// Adds a user to the caller's domain (domain admins only).
#[utoipa::path(
    post,
    path = contract::CREATE_USER.path,
    tag = SESSION,
    request_body = NewUserRequest,
    responses(
        (status = 200, description = "The new user", body = CreatedUser),
        CreateErrors,
    )
)]
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
            Text::new("field-username"),
        )));
    }
    if request.password.chars().count() < 8 {
        return Err(Error::InvalidUserField(FieldError::new(
            "password",
            Text::new("field-password-short").with("limit", 8_usize),
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
