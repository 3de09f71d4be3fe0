//! The search inside flows, on both engines: steps, descriptions, tags and diagram notes,
//! kept in step with every write, by name then place with the line of each match, hostile text
//! matched as written, and written for flows stored before.

mod common;

use common::{url_encoded, Api, Engine, TestServer};
use flow_model::contract::{READ_FLOW, TEXT_SEARCH};
use flow_model::Role;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn id_of(flow: &Value) -> String {
    flow["id"].as_str().unwrap().to_owned()
}

/// `name source place app [before|match|after]` of each place holding `q`.
async fn found(api: &Api, q: &str, more: &str) -> Vec<String> {
    let path = format!("{}?q={}{more}", TEXT_SEARCH.served_path, url_encoded(q));
    let reply = api.get(&path).await;
    assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
    reply.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let snippet = &item["snippet"];
            format!(
                "{} {} {} {} [{}|{}|{}]",
                item["name"].as_str().unwrap(),
                item["source"].as_str().unwrap(),
                item["place"].as_str().unwrap(),
                item["app"].as_str().unwrap(),
                snippet["before"].as_str().unwrap(),
                snippet["match"].as_str().unwrap(),
                snippet["after"].as_str().unwrap(),
            )
        })
        .collect()
}

fn ivr(greeting: &str) -> Value {
    json!([
        {"playback": {"files": [{"name": greeting}]}},
        {"if": {"expression": "${caller} == 'vip'", "then": [
            {"joinQueue": {"queue": {"id": 12, "name": "VIP desk"}}}
        ]}}
    ])
}

async fn steps_descriptions_tags_and_notes_are_found_by_name_then_place(engine: Engine) {
    let server = TestServer::start(engine).await;
    let alice = server.user("main", "alice", Role::Admin).await;
    alice
        .create_flow(json!({
            "name": "B line", "type": "voice", "schema": ivr("vip-welcome.wav"),
            "description": "Routes VIP callers", "tags": [{"name": "vip"}],
            "payload": {"comments": [{"id": "n1", "text": "VIP list owner: Anna"}]}
        }))
        .await;
    alice
        .create_flow(json!({"name": "A line", "type": "chat", "schema": [
            {"sendText": {"text": "Здравствуйте! Оператор VIP скоро ответит"}}
        ]}))
        .await;
    assert_eq!(
        found(&alice, "VIP", "").await,
        [
            "A line step /0 sendText [Здравствуйте! Оператор |VIP| скоро ответит]",
            "B line description   [Routes |VIP| callers]",
            "B line tags   [|vip|]",
            "B line step /0 playback [|vip|-welcome.wav]",
            "B line step /1 if [${caller} == '|vip|']",
            "B line step /1/if/then/0 joinQueue [|VIP| desk]",
            "B line note n1  [|VIP| list owner: Anna]",
        ]
    );
    assert_eq!(
        found(&alice, "оператор", "").await,
        ["A line step /0 sendText [Здравствуйте! |Оператор| VIP скоро ответит]"]
    );
    assert_eq!(found(&alice, "vip", "&type=chat").await.len(), 1);
    // Paging keeps the order.
    let second = found(&alice, "vip", "&size=3&page=2").await;
    assert_eq!(second[0], "B line step /0 playback [|vip|-welcome.wav]");
    // Two characters are searched too (no trigram serves them).
    assert_eq!(
        found(&alice, "12", "").await,
        ["B line step /1/if/then/0 joinQueue [|12|]"]
    );

    // Another domain's flows are not searched.
    let mallory = server.user("other", "mallory", Role::Admin).await;
    assert!(found(&mallory, "vip", "").await.is_empty());
}

async fn texts_follow_every_write(engine: Engine) {
    let server = TestServer::start(engine).await;
    let alice = server.user("main", "alice", Role::Admin).await;
    let flow = alice
        .create_flow(json!({"name": "Main", "type": "voice", "schema": ivr("hello.wav")}))
        .await;
    let one_flow = READ_FLOW.served_path_for(id_of(&flow));
    let reply = alice
        .patch(
            &one_flow,
            json!({"schema": ivr("goodbye.wav"), "fields": ["schema"]}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(found(&alice, "hello", "").await.is_empty());
    assert_eq!(found(&alice, "goodbye", "").await.len(), 1);

    let reply = alice
        .patch(
            &one_flow,
            json!({"description": "Night line", "tags": [{"name": "night"}], "fields": ["description", "tags"]}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        found(&alice, "night", "").await,
        ["Main description   [|Night| line]", "Main tags   [|night|]"]
    );

    let mut body = reply.body.clone();
    body["payload"] = json!({"comments": [{"id": "c9", "text": "night shift only"}]});
    let reply = alice.put(&one_flow, body).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        found(&alice, "shift", "").await,
        ["Main note c9  [night |shift| only]"]
    );

    let reply = alice.delete(&one_flow).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(found(&alice, "night", "").await.is_empty());
    assert!(found(&alice, "goodbye", "").await.is_empty());
}

async fn hostile_text_matches_only_itself(engine: Engine) {
    let server = TestServer::start(engine).await;
    let alice = server.user("main", "alice", Role::Admin).await;
    alice
        .create_flow(json!({"name": "Hostile", "type": "voice", "schema": [
            {"set": {"a": "100% off_now", "b": "it's \"quoted\"", "c": "back\\slash", "d": "x' OR 1=1 --"}}
        ]}))
        .await;
    alice
        .create_flow(json!({"name": "Plain", "type": "voice", "schema": [
            {"set": {"a": "1000 offnow", "b": "its quoted", "c": "backslash", "d": "x OR 1=1"}}
        ]}))
        .await;
    for q in [
        "100%",
        "0% o",
        "f_n",
        "it's",
        "\"quoted\"",
        "k\\s",
        "x' OR",
        "' OR 1=1 --",
    ] {
        let matches = found(&alice, q, "").await;
        assert_eq!(matches.len(), 1, "{q}: {matches:?}");
        assert!(
            matches[0].starts_with("Hostile step /0 set ["),
            "{q}: {matches:?}"
        );
    }
    // FTS5 query syntax is only text.
    for q in ["NEAR(a b)", "a* OR b", "^x", "\"\"", "col:1", "(("] {
        assert!(found(&alice, q, "").await.is_empty(), "{q}");
    }
    for (q, status) in [("", 400), ("x", 400), (" y ", 400), ("a\0b", 400)] {
        let path = format!("{}?q={}", TEXT_SEARCH.served_path, url_encoded(q));
        let reply = alice.get(&path).await;
        assert_eq!(reply.status.as_u16(), status, "{q:?}: {}", reply.body);
        assert!(
            reply.body["detail"].as_str().unwrap().contains("q="),
            "{}",
            reply.body
        );
    }
}

async fn flows_stored_before_get_their_texts_when_the_server_starts(engine: Engine) {
    let server = TestServer::start(engine).await;
    let alice = server.user("main", "alice", Role::Admin).await;
    alice
        .create_flow(json!({"name": "Old", "type": "voice", "schema": ivr("legacy.wav"), "tags": [{"name": "legacy-tag"}]}))
        .await;
    for statement in [
        "DELETE FROM routing_schema_text",
        "UPDATE routing_schema SET derived_version = 1",
    ] {
        sqlx::query(statement)
            .execute(server.store.pool())
            .await
            .unwrap();
    }
    assert!(found(&alice, "legacy", "").await.is_empty());
    let database = server.stop().await;
    let server = TestServer::start_on(
        database,
        common::test_settings(),
        flow_server::store::StoreOptions::default(),
    )
    .await;
    let alice = server.login("main", "alice", "alice-password").await;
    assert_eq!(
        found(&alice, "legacy", "").await,
        [
            "Old tags   [|legacy|-tag]",
            "Old step /0 playback [|legacy|.wav]"
        ]
    );
}

on_both_engines!(
    steps_descriptions_tags_and_notes_are_found_by_name_then_place,
    texts_follow_every_write,
    hostile_text_matches_only_itself,
    flows_stored_before_get_their_texts_when_the_server_starts,
);
