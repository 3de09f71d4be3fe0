//! How the OpenAPI document describes failed requests: one response per error status (listed
//! once under `components.responses`), and the sets of them that operations of one kind answer,
//! for `responses(...)` in the routes' descriptions. The bodies themselves are written in one
//! place, `crate::error`.

use axum::http::StatusCode;
use flow_model::ErrorBody;
use std::collections::BTreeMap;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::schema::{AllOfBuilder, ObjectBuilder, Type};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{IntoResponses, ToResponse};

/// An error answer: the error body, with `code` and `status` fixed to this HTTP status, and
/// the stable ids it may carry. A 429 also says when to try again.
fn error_response(status: StatusCode, ids: &str) -> Response {
    let reason = status.canonical_reason().unwrap_or("Error");
    let fixed = |kind: Type, value: serde_json::Value| {
        ObjectBuilder::new()
            .schema_type(kind)
            .enum_values(Some([value]))
    };
    let body = AllOfBuilder::new()
        .item(Ref::from_schema_name(
            <ErrorBody as utoipa::ToSchema>::name(),
        ))
        .item(
            ObjectBuilder::new()
                .property("code", fixed(Type::Integer, status.as_u16().into()))
                .property("status", fixed(Type::String, reason.into())),
        );
    let mut response = ResponseBuilder::new()
        .description(format!("{reason}; `id`: {ids}"))
        .content(
            "application/json",
            ContentBuilder::new().schema(Some(body)).build(),
        );
    if status == StatusCode::TOO_MANY_REQUESTS {
        response = response.header(
            "Retry-After",
            HeaderBuilder::new()
                .schema(
                    ObjectBuilder::new()
                        .schema_type(Type::Integer)
                        .minimum(Some(1)),
                )
                .description(Some("Seconds until a sign-in is taken again"))
                .build(),
        );
    }
    response.build()
}

/// An error answer's status and name.
type Answer = (StatusCode, &'static str);

/// Declares the error answers, each named by its status, and [`components`], which lists
/// them all for the document.
macro_rules! error_responses {
    ($($name:ident: $status:ident, $ids:literal;)*) => {
        $(
            pub struct $name;

            impl $name {
                /// The status this answer is for, and its name under `components.responses`.
                const ANSWER: Answer = (StatusCode::$status, stringify!($name));
            }

            impl<'s> ToResponse<'s> for $name {
                fn response() -> (&'s str, RefOr<Response>) {
                    let (status, name) = Self::ANSWER;
                    (name, error_response(status, $ids).into())
                }
            }
        )*

        /// Every error answer, by name, for the document's `components.responses`.
        pub fn components() -> impl Iterator<Item = (String, RefOr<Response>)> {
            [$(<$name as ToResponse>::response()),*]
                .into_iter()
                .map(|(name, response)| (name.to_owned(), response))
        }
    };
}

error_responses! {
    BadRequest: BAD_REQUEST,
        "`app.request.parameter.invalid` (a query or path parameter, or `If-Match`), \
        `app.request.body.invalid`, `app.request.body.too_deep`, `app.request.invalid`, \
        `app.routing_schema.<field>.invalid`, `app.user.<field>.invalid`";
    Unauthorized: UNAUTHORIZED,
        "`app.auth.unauthorized` (no, unknown or expired token), `app.auth.login.invalid`";
    Forbidden: FORBIDDEN, "`app.permission.denied`";
    NotFound: NOT_FOUND, "`app.routing_schema.not_found` (none such in your domain)";
    Conflict: CONFLICT,
        "`app.routing_schema.name.exists`, `app.routing_schema.update.conflict` (`If-Match` is \
        stale), `app.user.exists`";
    PayloadTooLarge: PAYLOAD_TOO_LARGE, "`app.request.body.too_large`";
    TooManyRequests: TOO_MANY_REQUESTS, "`app.auth.login.too_many_attempts`";
    InternalServerError: INTERNAL_SERVER_ERROR, "`app.internal`";
    ServiceUnavailable: SERVICE_UNAVAILABLE, "`app.database.unavailable`";
    InsufficientStorage: INSUFFICIENT_STORAGE, "`app.database.storage_full` (nothing was changed)";
}

/// What any route that reaches the database may answer besides its own: a fault, a database
/// that does not answer, or one whose disk is full.
const SERVER_ERRORS: [Answer; 3] = [
    InternalServerError::ANSWER,
    ServiceUnavailable::ANSWER,
    InsufficientStorage::ANSWER,
];

/// References to `answers` and to the [`SERVER_ERRORS`], by status.
fn with_server_errors(answers: &[Answer]) -> BTreeMap<String, RefOr<Response>> {
    answers
        .iter()
        .chain(&SERVER_ERRORS)
        .map(|(status, name)| {
            (
                status.as_str().to_owned(),
                Ref::from_response_name(*name).into(),
            )
        })
        .collect()
}

/// Declares the error answers of each kind of operation: its own, and the server errors.
macro_rules! response_sets {
    ($($(#[$doc:meta])* $name:ident: [$($answer:ident),*];)*) => {$(
        $(#[$doc])*
        pub struct $name;

        impl IntoResponses for $name {
            fn responses() -> BTreeMap<String, RefOr<Response>> {
                with_server_errors(&[$($answer::ANSWER),*])
            }
        }
    )*};
}

response_sets! {
    /// Only the server errors: a route that takes nothing that can be wrong.
    ServerErrors: [];
    /// A search: a bad parameter, no token, no read permission.
    SearchErrors: [BadRequest, Unauthorized, Forbidden];
    /// Reading one flow: as a search, and no such flow.
    FlowReadErrors: [BadRequest, Unauthorized, Forbidden, NotFound];
    /// Creating a flow or a user: a bad or too large body, no token, no permission, a name
    /// taken.
    CreateErrors: [BadRequest, Unauthorized, Forbidden, Conflict, PayloadTooLarge];
    /// Replacing or patching a flow: as creating one, no such flow, or a stale `If-Match`.
    FlowWriteErrors: [BadRequest, Unauthorized, Forbidden, NotFound, Conflict, PayloadTooLarge];
    /// Deleting a flow: as reading it, or a stale `If-Match`.
    FlowDeleteErrors: [BadRequest, Unauthorized, Forbidden, NotFound, Conflict];
    /// Signing in: a bad or too large body, wrong credentials, too many failures.
    LoginErrors: [BadRequest, Unauthorized, PayloadTooLarge, TooManyRequests];
    /// Signing out: a bad parameter, no token.
    LogoutErrors: [BadRequest, Unauthorized];
    /// Asking who is signed in: no token.
    SessionErrors: [Unauthorized];
}
