//! The server's one error type, and the one place where every failed request becomes the
//! Webitel error body `{id, code, status, detail, request_id}`.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use flow_model::l10n::{Locale, Text};
use flow_model::{ErrorBody, FieldError, QueryError};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a request is not signed in ([`Error::Unauthorized`]).
pub const NO_TOKEN: &str = "no access token: sign in first";
pub const UNKNOWN_TOKEN: &str = "access token is unknown or expired: sign in again";
/// What too many failed sign-ins were counted against ([`Error::TooManyAttempts`]).
pub const FOR_THIS_USER: &str = "for this user";
pub const FROM_THIS_ADDRESS: &str = "from this address";

impl From<sqlx::Error> for Error {
    fn from(error: sqlx::Error) -> Self {
        Self::from_database(error)
    }
}

#[derive(thiserror::Error, Debug)]
pub enum Error {
    /// A request field that is not acceptable.
    #[error("{0}")]
    InvalidField(#[from] FieldError),
    /// A field of a new user that is not acceptable.
    #[error("{0}")]
    InvalidUserField(FieldError),
    /// A query or path parameter, or a header, that cannot be read.
    #[error("{0}")]
    InvalidParameter(#[from] QueryError),
    #[error("request body is not valid JSON for this call: {0}")]
    InvalidJson(String),
    #[error("request body nests arrays and objects deeper than {limit} levels (at byte {offset})")]
    TooDeep { limit: usize, offset: usize },
    #[error("request body is larger than the limit of {limit} bytes")]
    TooLarge { limit: usize },
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error("username, password or domain is wrong")]
    LoginFailed,
    #[error("too many failed sign-ins {from}; try again in {} minute(s)", retry_after_secs.div_ceil(60))]
    TooManyAttempts {
        from: &'static str,
        retry_after_secs: u64,
    },
    #[error("this needs the schema permission {0:?}")]
    Forbidden(&'static str),
    #[error("only a domain admin may manage users")]
    AdminOnly,
    #[error("flow id={0} not found")]
    FlowNotFound(i64),
    #[error("name={0:?} already exists")]
    NameTaken(String),
    #[error("user {0:?} already exists in this domain")]
    UserExists(String),
    #[error("flow id={id} was changed by someone else (now at updated_at={current}); reload it and apply your change again")]
    StaleWrite { id: i64, current: i64 },
    #[error("no such API path")]
    RouteNotFound,
    #[error("the database is unavailable right now; try again shortly")]
    Unavailable(#[source] sqlx::Error),
    #[error("the database has no room left to write; nothing was changed. Free some space and try again")]
    StorageFull(#[source] sqlx::Error),
    #[error("database failure")]
    Database(#[source] sqlx::Error),
    #[error("database migration failure")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
    #[error("internal failure: {0}")]
    Internal(String),
}

impl Error {
    /// The HTTP status and the stable error id.
    fn status_and_id(&self) -> (StatusCode, String) {
        let fixed = |status, id: &str| (status, id.to_owned());
        match self {
            Self::InvalidField(error) => {
                let field = error.field.split(['[', '.']).next().unwrap_or("field");
                (
                    StatusCode::BAD_REQUEST,
                    format!("app.routing_schema.{field}.invalid"),
                )
            }
            Self::InvalidUserField(error) => (
                StatusCode::BAD_REQUEST,
                format!("app.user.{}.invalid", error.field),
            ),
            Self::InvalidParameter(_) => {
                fixed(StatusCode::BAD_REQUEST, "app.request.parameter.invalid")
            }
            Self::InvalidJson(_) => fixed(StatusCode::BAD_REQUEST, "app.request.body.invalid"),
            Self::TooDeep { .. } => fixed(StatusCode::BAD_REQUEST, "app.request.body.too_deep"),
            Self::TooLarge { .. } => {
                fixed(StatusCode::PAYLOAD_TOO_LARGE, "app.request.body.too_large")
            }
            Self::Unauthorized(_) => fixed(StatusCode::UNAUTHORIZED, "app.auth.unauthorized"),
            Self::LoginFailed => fixed(StatusCode::UNAUTHORIZED, "app.auth.login.invalid"),
            Self::TooManyAttempts { .. } => fixed(
                StatusCode::TOO_MANY_REQUESTS,
                "app.auth.login.too_many_attempts",
            ),
            Self::Forbidden(_) | Self::AdminOnly => {
                fixed(StatusCode::FORBIDDEN, "app.permission.denied")
            }
            Self::FlowNotFound(_) => fixed(StatusCode::NOT_FOUND, "app.routing_schema.not_found"),
            Self::RouteNotFound => fixed(StatusCode::NOT_FOUND, "app.http.not_found"),
            Self::NameTaken(_) => fixed(StatusCode::CONFLICT, "app.routing_schema.name.exists"),
            Self::UserExists(_) => fixed(StatusCode::CONFLICT, "app.user.exists"),
            Self::StaleWrite { .. } => {
                fixed(StatusCode::CONFLICT, "app.routing_schema.update.conflict")
            }
            Self::Unavailable(_) => {
                fixed(StatusCode::SERVICE_UNAVAILABLE, "app.database.unavailable")
            }
            Self::StorageFull(_) => fixed(
                StatusCode::INSUFFICIENT_STORAGE,
                "app.database.storage_full",
            ),
            Self::Database(_) | Self::Migrate(_) | Self::Corrupt(_) | Self::Internal(_) => {
                fixed(StatusCode::INTERNAL_SERVER_ERROR, "app.internal")
            }
        }
    }

    /// What the error body's `detail` says (`locales/*/server.ftl`), in any language; in
    /// English it is this error's `Display` (a test holds them equal).
    fn detail(&self) -> Text {
        match self {
            Self::InvalidField(error) | Self::InvalidUserField(error) => Text::new("error-field")
                .with("field", error.field.as_str())
                .with("reason", error.reason.clone()),
            Self::InvalidParameter(error) => Text::new("error-parameter")
                .with("parameter", error.parameter.as_str())
                .with("value", format!("{:?}", error.value))
                .with("reason", error.reason.clone()),
            Self::InvalidJson(reason) => {
                Text::new("error-invalid-json").with("reason", reason.as_str())
            }
            Self::TooDeep { limit, offset } => Text::new("error-too-deep")
                .with("limit", *limit)
                .with("offset", offset.to_string()),
            Self::TooLarge { limit } => {
                Text::new("error-too-large").with("limit", limit.to_string())
            }
            Self::Unauthorized(reason) => Text::new(match *reason {
                NO_TOKEN => "error-no-token",
                _ => "error-unknown-token",
            }),
            Self::LoginFailed => Text::new("error-login-failed"),
            Self::TooManyAttempts {
                from,
                retry_after_secs,
            } => Text::new(if *from == FOR_THIS_USER {
                "error-too-many-attempts-user"
            } else {
                "error-too-many-attempts-address"
            })
            .with(
                "minutes",
                usize::try_from(retry_after_secs.div_ceil(60)).unwrap_or(usize::MAX),
            ),
            Self::Forbidden(permission) => {
                Text::new("error-forbidden").with("permission", format!("{permission:?}"))
            }
            Self::AdminOnly => Text::new("error-admin-only"),
            Self::FlowNotFound(id) => Text::new("error-flow-not-found").with("id", id.to_string()),
            Self::NameTaken(name) => {
                Text::new("error-name-taken").with("name", format!("{name:?}"))
            }
            Self::UserExists(name) => {
                Text::new("error-user-exists").with("name", format!("{name:?}"))
            }
            Self::StaleWrite { id, current } => Text::new("error-stale-write")
                .with("id", id.to_string())
                .with("current", current.to_string()),
            Self::RouteNotFound => Text::new("error-no-route"),
            Self::Unavailable(_) => Text::new("error-unavailable"),
            Self::StorageFull(_) => Text::new("error-storage-full"),
            Self::Database(_) | Self::Migrate(_) | Self::Corrupt(_) | Self::Internal(_) => {
                Text::new("error-internal")
            }
        }
    }

    /// Sorts database errors: a lost connection (or a database shutting down) is a passing
    /// 503, a full disk a 507, anything else a fault.
    pub fn from_database(error: sqlx::Error) -> Self {
        // SQLITE_FULL (13); SQLITE_BUSY (5, and its kinds 261 and 517): a lock still held
        // after the busy timeout; PostgreSQL's disk_full, and its admin/crash shutdown and
        // "cannot connect now" while it starts.
        let code = match &error {
            sqlx::Error::Database(database) => database.code().map(|code| code.into_owned()),
            _ => None,
        };
        match (error, code.as_deref()) {
            (error, Some("13" | "53100")) => Self::StorageFull(error),
            (error, Some("5" | "261" | "517" | "57P01" | "57P02" | "57P03")) => {
                Self::Unavailable(error)
            }
            (
                error @ (sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::Io(_)
                | sqlx::Error::Tls(_)),
                _,
            ) => Self::Unavailable(error),
            (error, _) => Self::Database(error),
        }
    }
}

/// What a failed handler leaves in the response for [`render_error_bodies`] to write out.
#[derive(Clone)]
struct ErrorInfo {
    id: String,
    detail: Text,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, id) = self.status_and_id();
        if status.is_server_error() {
            // Internals stay in the log; people get the kind of failure only.
            tracing::error!(error = ?self, "request failed");
        }
        let detail = self.detail();
        let mut response = status.into_response();
        if let Self::TooManyAttempts {
            retry_after_secs, ..
        } = self
        {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response.extensions_mut().insert(ErrorInfo { id, detail });
        response
    }
}

/// Fills in every error response under `/api`: ours, and the framework's own (unknown route,
/// wrong method, body over the limit), so that clients only ever see one error shape.
pub async fn render_error_bodies(request: Request, next: Next) -> Response {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let locale = wanted_locale(request.headers());
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let info = match parts.extensions.remove::<ErrorInfo>() {
        Some(info) => info,
        None => {
            drop(body);
            framework_error(status)
        }
    };
    let body = ErrorBody {
        id: info.id,
        code: status.as_u16(),
        status: status.canonical_reason().unwrap_or("Error").to_owned(),
        detail: info.detail.in_locale(locale),
        request_id,
    };
    let text = serde_json::to_vec(&body).unwrap_or_default();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(text))
}

/// The first language of `Accept-Language` there are texts for (in the client's order of
/// preference, `q` weights included); English when none is.
fn wanted_locale(headers: &axum::http::HeaderMap) -> Locale {
    let header = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let mut ranges: Vec<(f32, usize, &str)> = header
        .split(',')
        .enumerate()
        .filter_map(|(order, range)| {
            let mut parts = range.split(';');
            let language = parts.next()?.trim();
            let weight = parts
                .find_map(|part| part.trim().strip_prefix("q="))
                .map_or(Some(1.0), |weight| weight.trim().parse::<f32>().ok())?;
            (weight > 0.0).then_some((weight, order, language))
        })
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges
        .into_iter()
        .find_map(|(_, _, language)| Locale::from_code(language))
        .unwrap_or(Locale::ENGLISH)
}

fn framework_error(status: StatusCode) -> ErrorInfo {
    let (id, detail) = match status {
        StatusCode::NOT_FOUND => ("app.http.not_found", "error-no-route"),
        StatusCode::METHOD_NOT_ALLOWED => ("app.http.method_not_allowed", "error-wrong-method"),
        StatusCode::PAYLOAD_TOO_LARGE => ("app.request.body.too_large", "error-body-too-large"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("app.request.body.invalid", "error-not-json"),
        status if status.is_server_error() => ("app.internal", "error-internal-plain"),
        _ => ("app.request.invalid", "error-unreadable-request"),
    };
    ErrorInfo {
        id: id.to_owned(),
        detail: Text::new(detail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One error of each kind people are told about (faults say only "internal failure").
    fn told() -> Vec<Error> {
        vec![
            Error::InvalidField(FieldError::new("name", Text::new("field-name-required"))),
            Error::InvalidUserField(FieldError::new(
                "password",
                Text::new("field-password-short").with("limit", 8_usize),
            )),
            Error::InvalidParameter(QueryError::new(
                "page",
                "x",
                Text::new("query-whole-number"),
            )),
            Error::InvalidJson("expected value at line 1".into()),
            Error::TooDeep {
                limit: 128,
                offset: 4096,
            },
            Error::TooLarge { limit: 1024 },
            Error::Unauthorized(NO_TOKEN),
            Error::Unauthorized(UNKNOWN_TOKEN),
            Error::LoginFailed,
            Error::TooManyAttempts {
                from: FOR_THIS_USER,
                retry_after_secs: 61,
            },
            Error::TooManyAttempts {
                from: FROM_THIS_ADDRESS,
                retry_after_secs: 5,
            },
            Error::Forbidden("update"),
            Error::AdminOnly,
            Error::FlowNotFound(7),
            Error::NameTaken("IVR \"main\"".into()),
            Error::UserExists("ann".into()),
            Error::StaleWrite { id: 7, current: 1 },
            Error::RouteNotFound,
        ]
    }

    #[test]
    fn the_english_detail_is_what_the_error_says_and_russian_is_russian() {
        let russian = Locale::from_code("ru").expect("Russian texts");
        for error in told() {
            assert_eq!(error.detail().in_locale(Locale::ENGLISH), error.to_string());
            let detail = error.detail().in_locale(russian);
            assert!(
                detail.chars().any(|letter| matches!(letter, 'а'..='я')),
                "{error:?}: {detail}"
            );
        }
    }

    #[test]
    fn the_language_is_the_first_wanted_that_there_are_texts_for() {
        let wanted = |header: &str| {
            let mut headers = axum::http::HeaderMap::new();
            headers.insert(
                header::ACCEPT_LANGUAGE,
                HeaderValue::from_str(header).unwrap(),
            );
            wanted_locale(&headers).code()
        };
        assert_eq!(wanted("ru-RU,ru;q=0.9,en;q=0.8"), "ru");
        assert_eq!(wanted("de-DE, ru;q=0.5, en;q=0.4"), "ru");
        assert_eq!(wanted("en;q=0.3, ru;q=0.7"), "ru");
        assert_eq!(wanted("ru;q=0, en"), "en");
        assert_eq!(wanted("de"), "en");
        assert_eq!(wanted(""), "en");
        assert_eq!(wanted_locale(&axum::http::HeaderMap::new()).code(), "en");
    }
}
