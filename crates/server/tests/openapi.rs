//! The OpenAPI document: the checked-in `crates/server/openapi.json` is what the code generates,
//! the server serves it to anyone, and the limits it states are the model's.

mod common;

use common::{Engine, TestServer};
use flow_model::contract::{ACCESS_HEADER, OPENAPI_DOCUMENT};
use flow_model::Limits;
use reqwest::StatusCode;
use serde_json::Value;

const CHECKED_IN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");

#[test]
fn checked_in_document_is_what_the_code_generates() {
    let checked_in = std::fs::read_to_string(CHECKED_IN).unwrap_or_default();
    assert!(
        checked_in == flow_server::openapi::document(),
        "crates/server/openapi.json does not match the API's code; regenerate it with \
         `cargo xtask openapi` and commit it"
    );
}

#[test]
fn stated_limits_are_the_models() {
    let document: Value = serde_json::from_str(flow_server::openapi::document()).unwrap();
    let schemas = &document["components"]["schemas"];
    let write = &schemas["SchemaWrite"]["properties"];
    for (limit, stated) in [
        (Limits::NAME_CHARS, &write["name"]["maxLength"]),
        (
            Limits::DESCRIPTION_CHARS,
            &write["description"]["maxLength"],
        ),
        (Limits::NOTE_CHARS, &write["note"]["maxLength"]),
        (Limits::TAGS_PER_FLOW, &write["tags"]["maxItems"]),
        (
            Limits::TAG_CHARS,
            &schemas["Tag"]["properties"]["name"]["maxLength"],
        ),
    ] {
        assert_eq!(stated.as_u64(), Some(limit as u64), "{stated}");
    }
}

#[tokio::test]
async fn served_without_signing_in() {
    let server = TestServer::start(Engine::Sqlite).await;
    let reply = server.anonymous().get(OPENAPI_DOCUMENT.served_path).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers["content-type"], "application/json");
    let served: Value = reply.body;
    let generated: Value = serde_json::from_str(flow_server::openapi::document()).unwrap();
    assert_eq!(served, generated);
    assert_eq!(
        served["components"]["securitySchemes"]["webitel_access"]["name"],
        ACCESS_HEADER
    );
}
