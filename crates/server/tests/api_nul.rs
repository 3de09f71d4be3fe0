//! Text with U+0000 (found by probing PostgreSQL after the API fuzzing): PostgreSQL text cannot
//! hold it, so search parameters, descriptions, notes and sign-in names carrying it were 500s
//! there. Both engines now refuse it as bad input; inside `schema` and `payload` it is kept,
//! being stored as escaped JSON.

mod common;

use common::{Engine, TestServer};
use flow_model::contract::{CREATE_FLOW, LOGIN, READ_FLOW, SEARCH_FLOWS, SEARCH_TAGS};
use flow_model::Role;
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn nul_is_bad_input_not_a_fault(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;

    for query in ["q=a%00", "name=a%00", "tags=a%00", "id=1&q=%00"] {
        let reply = admin
            .get(&format!("{}?{query}", SEARCH_FLOWS.served_path))
            .await;
        let detail = reply.expect_error(StatusCode::BAD_REQUEST, "app.request.parameter.invalid");
        assert!(detail.contains("U+0000"), "{query}: {detail}");
    }
    admin
        .get(&format!("{}?q=%00", SEARCH_TAGS.served_path))
        .await
        .expect_error(StatusCode::BAD_REQUEST, "app.request.parameter.invalid");

    for (field, value) in [("description", "a\u{0}b"), ("note", "\u{0}")] {
        let reply = admin
            .post(
                CREATE_FLOW.served_path,
                json!({"name": "Nul", field: value}),
            )
            .await;
        reply.expect_error(
            StatusCode::BAD_REQUEST,
            &format!("app.routing_schema.{field}.invalid"),
        );
    }
    let flow = admin
        .create_flow(json!({"name": "Nul", "schema": [
                {"log": "\u{0}"},
                {"joinQueue": {"queue": {"name": "q\u{0}"}}},
                {"x\u{0}": {"y": "z\u{0}z"}}
            ], "payload": {"a\u{0}": "\u{0}", "comments": [{"id": "n\u{0}", "text": "t\u{0}t"}]}}))
        .await;
    let path = READ_FLOW.served_path_for(flow["id"].as_str().unwrap());
    let read = admin.get(&path).await;
    assert_eq!(
        (&read.body["schema"], &read.body["payload"]),
        (
            &json!([
                {"log": "\u{0}"},
                {"joinQueue": {"queue": {"name": "q\u{0}"}}},
                {"x\u{0}": {"y": "z\u{0}z"}}
            ]),
            &json!({"a\u{0}": "\u{0}", "comments": [{"id": "n\u{0}", "text": "t\u{0}t"}]})
        )
    );
    admin
        .patch(
            &path,
            json!({"description": "\u{0}", "fields": ["description"]}),
        )
        .await
        .expect_error(
            StatusCode::BAD_REQUEST,
            "app.routing_schema.description.invalid",
        );

    let anonymous = server.anonymous();
    for (username, domain) in [("ad\u{0}min", "main"), ("admin", "ma\u{0}in")] {
        anonymous
            .call(
                Method::POST,
                LOGIN.served_path,
                Some(json!({"username": username, "password": "admin-password", "domain": domain})),
            )
            .await
            .expect_error(StatusCode::UNAUTHORIZED, "app.auth.login.invalid");
    }
}

on_both_engines!(nul_is_bad_input_not_a_fault);
