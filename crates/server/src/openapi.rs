//! The OpenAPI 3 document of `/api`, made from the code: every route is registered together with
//! its `#[utoipa::path]` description (see `routes/`), the bodies are the model's own types, and
//! the error answers are `responses`'. Served at `/api/openapi.json` (the route is this module's:
//! the document describes it too), printed by `flow-studio-server openapi`, and checked in as
//! `crates/server/openapi.json` (`cargo xtask openapi` rewrites it; a test compares the two).

use crate::responses;
use crate::routes;
use crate::state::AppState;
use axum::http::header;
use flow_model::contract::{self, ACCESS_HEADER};
use flow_model::ErrorBody;
use std::sync::LazyLock;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::OpenApi;
use utoipa::Modify;
use utoipa_axum::router::OpenApiRouter;

/// The document's fixed parts; [`documented_router`] adds the paths.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Flow Studio API",
        description = "The Webitel-compatible routing-schema API of Flow Studio. \
            64-bit integers (ids, epoch milliseconds) are written as strings. Every error answers with \
            `{id, code, status, detail, request_id}`, `code` being the HTTP status."
    ),
    servers((url = contract::API_BASE)),
    security(("webitel_access" = []), ("bearer" = [])),
    components(schemas(ErrorBody)),
    modifiers(&ErrorResponses, &SecuritySchemes, &WithoutLicense)
)]
struct ApiDoc;

/// Every route of `/api` with its description: the API's own, and this document's.
pub fn documented_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(<ApiDoc as utoipa::OpenApi>::openapi())
        .merge(routes::documented_router())
        .routes(utoipa_axum::routes!(openapi_document))
}

/// This API's OpenAPI 3 document.
#[utoipa::path(
    get,
    path = contract::OPENAPI_DOCUMENT.path,
    tag = routes::SERVICE,
    security(()),
    responses((status = 200, description = "The OpenAPI document", body = Object))
)]
async fn openapi_document() -> ([(header::HeaderName, &'static str); 1], &'static str) {
    ([(header::CONTENT_TYPE, "application/json")], document())
}

/// The document as `/api/openapi.json` serves it: pretty JSON ending with a line break, exactly
/// the text of the checked-in `crates/server/openapi.json`.
pub fn document() -> &'static str {
    static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
        let mut document = serde_json::to_value(documented_router().into_openapi())
            .expect("the document is plain data");
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

/// The error answers the routes refer to, each described once.
struct ErrorResponses;

impl Modify for ErrorResponses {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.responses.extend(responses::components());
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
                ACCESS_HEADER,
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn documents_each_operation_of_the_contract_and_no_other() {
        let document: serde_json::Value = serde_json::from_str(document()).unwrap();
        let documented: BTreeSet<(String, String)> = document["paths"]
            .as_object()
            .unwrap()
            .iter()
            .flat_map(|(path, item)| {
                item.as_object()
                    .unwrap()
                    .keys()
                    .map(move |method| (method.to_uppercase(), path.clone()))
            })
            .collect();
        let contract: BTreeSet<(String, String)> = contract::OPERATIONS
            .iter()
            .map(|operation| {
                (
                    operation.method.as_str().to_owned(),
                    operation.path.to_owned(),
                )
            })
            .collect();
        assert_eq!(documented, contract);
    }
}
