//! The OpenAPI 3 document of `/api`, made from the code: every route is registered together with
//! its `#[utoipa::path]` description (see `routes/`), and the bodies are the model's own types.
//! Served at `/api/openapi.json`, printed by `flow-studio-server openapi`, and checked in as
//! `crates/server/openapi.json` (`cargo xtask openapi` rewrites it; a test compares the two).

use axum::http::StatusCode;
use flow_model::query::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use flow_model::{ErrorBody, FlowType, SchemaField, SortField};
use std::collections::BTreeMap;
use std::sync::LazyLock;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn, ParameterStyle};
use utoipa::openapi::schema::{AllOfBuilder, ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Required, Response, ResponseBuilder};
use utoipa::{IntoParams, IntoResponses, Modify, PartialSchema, ToResponse};

/// The document's fixed parts; `routes::documented_router` adds the paths.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Flow Studio API",
        description = "The Webitel-compatible routing-schema API of Flow Studio. \
            64-bit integers (ids, epoch milliseconds) are written as strings. Every error answers with \
            `{id, code, status, detail, request_id}`, `code` being the HTTP status."
    ),
    servers((url = "/api")),
    security(("webitel_access" = []), ("bearer" = [])),
    components(
        schemas(ErrorBody),
        responses(
            BadRequest,
            Unauthorized,
            Forbidden,
            NotFound,
            Conflict,
            PayloadTooLarge,
            TooManyRequests,
            InternalServerError,
            ServiceUnavailable,
            InsufficientStorage
        )
    ),
    modifiers(&SecuritySchemes, &WithoutLicense)
)]
pub struct ApiDoc;

/// The document as `/api/openapi.json` serves it: pretty JSON ending with a line break, exactly
/// the text of the checked-in `crates/server/openapi.json`.
pub fn document() -> &'static str {
    static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
        let mut document =
            serde_json::to_value(crate::routes::openapi()).expect("the document is plain data");
        name_link_operations(&mut document);
        let mut text = serde_json::to_string_pretty(&document).expect("the document is plain data");
        text.push('\n');
        text
    });
    &DOCUMENT
}

/// utoipa 5 writes a response link's `operationId` as `operation_id`, which no client reads;
/// this renames it in every link.
fn name_link_operations(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(object) => {
            if let Some(serde_json::Value::Object(links)) = object.get_mut("links") {
                for link in links
                    .values_mut()
                    .filter_map(serde_json::Value::as_object_mut)
                {
                    if let Some(operation) = link.remove("operation_id") {
                        link.insert("operationId".to_owned(), operation);
                    }
                }
            }
            object.values_mut().for_each(name_link_operations);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(name_link_operations),
        _ => {}
    }
}

/// The two ways a request carries its access token (from `POST /login`).
struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "webitel_access",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-Webitel-Access",
                "The access_token of POST /login",
            ))),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "The access_token of POST /login, as `Authorization: Bearer <token>`",
                    ))
                    .build(),
            ),
        );
    }
}

/// The package names no license, from which utoipa would write an empty one.
struct WithoutLicense;

impl Modify for WithoutLicense {
    fn modify(&self, openapi: &mut OpenApi) {
        openapi.info.license = None;
    }
}

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

/// Declares the shared error answers, each named by its status, for `response = ...` in the
/// routes' descriptions (and listed once under `components.responses`).
macro_rules! error_responses {
    ($($name:ident: $status:ident, $ids:literal;)*) => {$(
        pub struct $name;

        impl<'s> ToResponse<'s> for $name {
            fn response() -> (&'s str, RefOr<Response>) {
                (stringify!($name), error_response(StatusCode::$status, $ids).into())
            }
        }
    )*};
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
pub struct ServerErrors;

impl IntoResponses for ServerErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        [
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                InternalServerError::response().0,
            ),
            (
                StatusCode::SERVICE_UNAVAILABLE,
                ServiceUnavailable::response().0,
            ),
            (
                StatusCode::INSUFFICIENT_STORAGE,
                InsufficientStorage::response().0,
            ),
        ]
        .into_iter()
        .map(|(status, name)| {
            (
                status.as_str().to_owned(),
                Ref::from_response_name(name).into(),
            )
        })
        .collect()
    }
}

fn parameter(
    name: &str,
    place: ParameterIn,
    schema: impl Into<RefOr<Schema>>,
    description: &str,
) -> Parameter {
    let required = if place == ParameterIn::Path {
        Required::True
    } else {
        Required::False
    };
    ParameterBuilder::new()
        .name(name)
        .parameter_in(place)
        .required(required)
        .schema(Some(schema))
        .description(Some(description))
        .build()
}

fn query(name: &str, schema: impl Into<RefOr<Schema>>, description: &str) -> Parameter {
    parameter(name, ParameterIn::Query, schema, description)
}

/// A list parameter: repeated keys (`type=voice&type=chat`); `name[]` and `a,b` are read too.
fn query_list(name: &str, items: impl Into<RefOr<Schema>>, description: &str) -> Parameter {
    let mut list = query(name, ArrayBuilder::new().items(items.into()), description);
    list.style = Some(ParameterStyle::Form);
    list.explode = Some(true);
    list
}

fn string_of(values: impl IntoIterator<Item = String>) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values))
}

fn paging() -> Vec<Parameter> {
    vec![
        query(
            "page",
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(0))
                .maximum(Some(u32::MAX)),
            "The page, from 1 (0 means 1)",
        ),
        query(
            "size",
            ObjectBuilder::new().schema_type(Type::Integer).format(Some(
                utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Int64),
            )),
            &format!(
                "Items per page, 1 to {MAX_PAGE_SIZE}; any other number means {DEFAULT_PAGE_SIZE}"
            ),
        ),
    ]
}

/// `page` and `size`, the parameters of plain listings (`/routing/schema/{id}/versions`).
pub struct PagingParameters;

impl IntoParams for PagingParameters {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        paging()
    }
}

/// The flow search's parameters; the names of sort and result fields come from the model.
pub struct SearchParameters;

impl IntoParams for SearchParameters {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let sorts = SortField::ALL.into_iter().flat_map(|field| {
            let name = field.as_str();
            [format!("+{name}"), format!("-{name}"), name.to_owned()]
        });
        let fields = SchemaField::ALL
            .into_iter()
            .map(|field| field.as_str().to_owned());
        let mut parameters = paging();
        parameters.extend([
            query(
                "q",
                String::schema(),
                "Case-insensitive match on the name; `*` is a wildcard (`text*`: starts with)",
            ),
            query("name", String::schema(), "The exact name"),
            query_list("id", i64::schema(), "Only flows with these ids"),
            query_list("type", FlowType::schema(), "Only flows of these types"),
            query("editor", bool::schema(), "`true`: only diagram flows"),
            query_list("tags", String::schema(), "Flows with any of these tags"),
            query(
                "sort",
                string_of(sorts),
                "`+field` ascending (also without the sign), `-field` descending; the default is \
                 `-created_at`; ties are broken by id",
            ),
            query_list(
                "fields",
                string_of(fields),
                "The fields each item carries; by default id, name, editor, type and tags",
            ),
        ]);
        parameters
    }
}

/// The tag listing's parameters.
pub struct TagParameters;

impl IntoParams for TagParameters {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let sorts = ["+name", "-name", "name"].map(str::to_owned);
        let mut parameters = paging();
        parameters.extend([
            query(
                "q",
                String::schema(),
                "Case-insensitive match on the tag; `*` is a wildcard",
            ),
            query("sort", string_of(sorts), "By name, ascending by default"),
            query_list(
                "type",
                FlowType::schema(),
                "Only tags of flows of these types",
            ),
        ]);
        parameters
    }
}

/// The `{id}` of a flow in a path.
pub struct FlowId;

impl IntoParams for FlowId {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![parameter(
            "id",
            ParameterIn::Path,
            i64::schema(),
            "The flow's id",
        )]
    }
}

/// The lost-update guard of PUT, PATCH and DELETE.
pub struct IfMatch;

impl IntoParams for IfMatch {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let etag = ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(r#"^(\*|(W/)?"-?[0-9]+")$"#));
        vec![parameter(
            "If-Match",
            ParameterIn::Header,
            etag,
            "The flow's `updated_at` in quotes, as its `ETag` gave it (`\"1719000000000\"`); when \
             the stored one differs the answer is 409 and nothing changes. `*` or none: no check",
        )]
    }
}
