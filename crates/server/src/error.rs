//! The server's one error type, and the one place where every failed request becomes the
//! Webitel error body `{id, code, status, detail, request_id}`.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use flow_model::{ErrorBody, FieldError, QueryError};

pub type Result<T, E = Error> = std::result::Result<T, E>;

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
    detail: String,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, id) = self.status_and_id();
        let detail = if status.is_server_error() {
            // Internals stay in the log; people get the kind of failure only.
            tracing::error!(error = ?self, "request failed");
            match &self {
                Self::Unavailable(_) | Self::StorageFull(_) => self.to_string(),
                _ => "internal failure; the request id identifies it in the server log".to_owned(),
            }
        } else {
            self.to_string()
        };
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
        detail: info.detail,
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

fn framework_error(status: StatusCode) -> ErrorInfo {
    let (id, detail) = match status {
        StatusCode::NOT_FOUND => ("app.http.not_found", "no such API path"),
        StatusCode::METHOD_NOT_ALLOWED => (
            "app.http.method_not_allowed",
            "this path does not take that method",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "app.request.body.too_large",
            "request body is larger than the limit",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "app.request.body.invalid",
            "send the body as application/json",
        ),
        status if status.is_server_error() => ("app.internal", "internal failure"),
        _ => ("app.request.invalid", "the request could not be read"),
    };
    ErrorInfo {
        id: id.to_owned(),
        detail: detail.to_owned(),
    }
}
