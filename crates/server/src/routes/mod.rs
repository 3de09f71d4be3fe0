//! The `/api` routes, one module per resource. Each route is registered together with its
//! OpenAPI description, at its path in the contract (`flow_model::contract`); `crate::openapi`
//! makes the document of them.

mod flows;
mod params;
mod session;
mod users;

use crate::error::{render_error_bodies, Error};
use crate::responses::ServerErrors;
use crate::state::AppState;
use axum::http::HeaderMap;
use axum::{middleware, Json, Router};
use flow_model::l10n::Text;
use flow_model::{contract, QueryError};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Tags that group the operations in the document.
const FLOWS: &str = "routing schema";
const SESSION: &str = "session";
pub(crate) const SERVICE: &str = "service";

/// The API's routes, each with its description.
pub fn documented_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(flows::router())
        .merge(session::router())
        .merge(users::router())
        .routes(routes!(health))
}

/// The routes of `documented` as `/api` serves them: a path it does not know, and every
/// failure, answer with the error body.
pub fn api_router(documented: OpenApiRouter<AppState>) -> Router<AppState> {
    let (router, _) = documented.split_for_parts();
    router
        .fallback(|| async { Error::RouteNotFound })
        .layer(middleware::from_fn(render_error_bodies))
}

/// Liveness for balancers: 200 while the database answers, 503 otherwise.
#[utoipa::path(
    get,
    path = contract::HEALTH.path,
    tag = SERVICE,
    security(()),
    responses(
        (status = 200, description = "The database answers", body = Object, example = json!({"status": "ok"})),
        ServerErrors,
    )
)]
async fn health(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Result<Json<serde_json::Value>, Error> {
    state.store.ping().await?;
    Ok(Json(json!({"status": "ok"})))
}

/// Whether text holds U+0000, which PostgreSQL text cannot store or compare with (SQLite can):
/// such text is refused before it reaches either engine.
fn has_nul(text: &str) -> bool {
    text.contains('\0')
}

/// Decoded `key=value` pairs of a raw query string; a value with U+0000 is refused.
fn query_pairs(raw: Option<String>) -> Result<Vec<(String, String)>, Error> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .into_owned()
        .collect();
    match pairs
        .iter()
        .find(|(key, value)| has_nul(key) || has_nul(value))
    {
        Some((key, value)) => Err(Error::InvalidParameter(QueryError::new(
            key,
            value,
            Text::new("field-nul"),
        ))),
        None => Ok(pairs),
    }
}

/// A 64-bit id from a path segment.
fn parse_id(parameter: &str, text: &str) -> Result<i64, Error> {
    text.parse().map_err(|_| {
        Error::InvalidParameter(QueryError::new(parameter, text, Text::new("query-id")))
    })
}

/// The `updated_at` an `If-Match` header expects; none for a missing header or `*`.
fn if_match(headers: &HeaderMap) -> Result<Option<i64>, Error> {
    let Some(value) = headers.get("if-match") else {
        return Ok(None);
    };
    let text = value.to_str().unwrap_or_default().trim();
    if text == "*" {
        return Ok(None);
    }
    let tag = text.strip_prefix("W/").unwrap_or(text).trim_matches('"');
    tag.parse().map(Some).map_err(|_| {
        Error::InvalidParameter(QueryError::new(
            "If-Match",
            text,
            Text::new("query-if-match"),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn reads_if_match_forms() {
        let mut headers = HeaderMap::new();
        assert_eq!(if_match(&headers).unwrap(), None);
        for (text, expected) in [
            ("\"17\"", Some(17)),
            ("W/\"18\"", Some(18)),
            ("19", Some(19)),
            ("*", None),
        ] {
            headers.insert("if-match", HeaderValue::from_static(text));
            assert_eq!(if_match(&headers).unwrap(), expected, "{text}");
        }
        headers.insert("if-match", HeaderValue::from_static("\"yesterday\""));
        assert!(if_match(&headers)
            .unwrap_err()
            .to_string()
            .starts_with("If-Match="));
    }

    #[test]
    fn ids_must_be_integers() {
        assert_eq!(parse_id("id", "42").unwrap(), 42);
        assert!(parse_id("id", "99999999999999999999").is_err());
        assert!(parse_id("id", "4x")
            .unwrap_err()
            .to_string()
            .contains("id=\"4x\""));
    }
}
