//! The shortest path through the API on both engines: sign in, create, read, list, delete.

mod common;

use common::{Engine, TestServer};
use flow_model::contract::{DELETE_FLOW, READ_FLOW, SEARCH_FLOWS};
use flow_model::Role;
use reqwest::StatusCode;
use serde_json::json;

async fn create_read_list_delete(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let created = admin
        .create_flow(json!({"name": "Inbound IVR", "type": "voice", "editor": true, "schema": [{"answer": ""}]}))
        .await;
    let id = created["id"].as_str().unwrap();
    let read = admin.get(&READ_FLOW.served_path_for(id)).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.body, created);
    let list = admin.get(SEARCH_FLOWS.served_path).await;
    assert_eq!(
        list.body,
        json!({"items": [{"id": id, "name": "Inbound IVR", "editor": true, "type": "voice", "tags": []}], "next": false})
    );
    assert_eq!(
        admin.delete(&DELETE_FLOW.served_path_for(id)).await.body,
        created
    );
    let gone = admin.get(&READ_FLOW.served_path_for(id)).await;
    assert_eq!(
        (gone.status, gone.error_id()),
        (StatusCode::NOT_FOUND, "app.routing_schema.not_found")
    );
}

on_both_engines!(create_read_list_delete);
