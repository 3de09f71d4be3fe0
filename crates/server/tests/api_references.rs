//! What flows use outside themselves, on both engines: kept in step with every write (create,
//! PUT, PATCH, a restored version, delete), asked per flow and per object, combined with the
//! search's other filters, safe with hostile keys, and written for flows stored before.

mod common;

use common::{url_encoded, Api, Engine, TestServer};
use flow_model::contract::{FLOW_REFERENCES, READ_FLOW, REFERENCE_USES, SEARCH_FLOWS};
use flow_model::Role;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn ivr(queue: &str, called: i64) -> Value {
    json!([
        {"joinQueue": {"queue": {"id": queue, "name": "Support"}}},
        {"httpRequest": {"url": "https://crm.example.com/api?key=$${crm_key}"}},
        {"if": {"expression": "1 == 1", "then": [{"schema": {"id": called, "name": "Billing"}}]}}
    ])
}

/// Each item GET `path` lists, as the texts of `fields` joined by spaces.
async fn listed(api: &Api, path: &str, fields: &[&str]) -> Vec<String> {
    let reply = api.get(path).await;
    assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
    reply.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let texts: Vec<&str> = fields
                .iter()
                .map(|field| item[*field].as_str().unwrap())
                .collect();
            texts.join(" ")
        })
        .collect()
}

/// `kind key app path` of each reference of flow `id`, in order.
async fn references_of(api: &Api, id: &str) -> Vec<String> {
    listed(
        api,
        &FLOW_REFERENCES.served_path_for(id),
        &["kind", "key", "app", "path"],
    )
    .await
}

/// `name path` of each use of an object.
async fn users_of(api: &Api, query: &str) -> Vec<String> {
    let path = format!("{}?{query}", REFERENCE_USES.served_path);
    listed(api, &path, &["name", "path"]).await
}

/// The names of the flows a search finds, by name.
async fn names_found(api: &Api, query: &str) -> Vec<String> {
    let path = format!("{}?{query}&sort=name", SEARCH_FLOWS.served_path);
    listed(api, &path, &["name"]).await
}

fn id_of(flow: &Value) -> String {
    flow["id"].as_str().unwrap().to_owned()
}

async fn references_follow_every_write(engine: Engine) {
    let server = TestServer::start(engine).await;
    let alice = server.user("main", "alice", Role::Admin).await;
    let flow = alice
        .create_flow(json!({"name": "IVR main", "type": "voice", "schema": ivr("12", 20)}))
        .await;
    let id = id_of(&flow);
    let first = [
        "queue 12 joinQueue /0/joinQueue/queue/id",
        "global crm_key httpRequest /1/httpRequest/url",
        "host crm.example.com httpRequest /1/httpRequest/url",
        "flow 20 schema /2/if/then/0/schema/id",
    ];
    assert_eq!(references_of(&alice, &id).await, first);

    let one_flow = READ_FLOW.served_path_for(&id);
    let mut body = flow.clone();
    body["schema"] = ivr("13", 20);
    let reply = alice.put(&one_flow, body).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        references_of(&alice, &id).await[0],
        "queue 13 joinQueue /0/joinQueue/queue/id"
    );
    assert!(users_of(&alice, "kind=queue&key=12").await.is_empty());

    let reply = alice
        .patch(
            &one_flow,
            json!({"schema": [{"calendar": {"id": 5, "name": "Office"}}], "fields": ["schema"]}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        references_of(&alice, &id).await,
        ["calendar 5 calendar /0/calendar/id"]
    );
    // A rename leaves the schema, and what it uses, as it was.
    let reply = alice
        .patch(
            &one_flow,
            json!({"name": "IVR renamed", "fields": ["name"]}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        users_of(&alice, "kind=calendar&key=5").await,
        ["IVR renamed /0/calendar/id"]
    );

    // Restoring the first version (its schema written back) brings back what it used.
    let reply = alice
        .patch(
            &one_flow,
            json!({"schema": ivr("12", 20), "fields": ["schema"]}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(references_of(&alice, &id).await, first);

    assert_eq!(alice.delete(&one_flow).await.status, StatusCode::OK);
    assert!(users_of(&alice, "kind=queue&key=12").await.is_empty());
    let reply = alice.get(&FLOW_REFERENCES.served_path_for(&id)).await;
    reply.expect_error(StatusCode::NOT_FOUND, "app.routing_schema.not_found");
}

async fn who_uses_an_object_by_name_then_place_in_the_callers_domain(engine: Engine) {
    let server = TestServer::start(engine).await;
    let alice = server.user("main", "alice", Role::Admin).await;
    let other = server.user("other", "olga", Role::Admin).await;
    alice
        .create_flow(json!({"name": "b-flow", "type": "voice", "schema": ivr("12", 20)}))
        .await;
    alice
        .create_flow(json!({"name": "A-flow", "type": "chat", "schema": [
            {"joinQueue": {"queue": {"id": 12}}},
            {"joinQueue": {"queue": {"id": "12"}}}
        ]}))
        .await;
    other
        .create_flow(json!({"name": "elsewhere", "type": "voice", "schema": ivr("12", 20)}))
        .await;
    assert_eq!(
        users_of(&alice, "kind=queue&key=12").await,
        [
            "A-flow /0/joinQueue/queue/id",
            "A-flow /1/joinQueue/queue/id",
            "b-flow /0/joinQueue/queue/id"
        ]
    );
    let reply = alice
        .get(&format!(
            "{}?kind=queue&key=12&size=2",
            REFERENCE_USES.served_path
        ))
        .await;
    assert_eq!(reply.body["items"].as_array().unwrap().len(), 2);
    assert_eq!(reply.body["next"], true);
    assert_eq!(reply.body["items"][0]["type"], "chat");
    assert_eq!(
        users_of(&alice, "kind=host&key=crm.example.com").await,
        ["b-flow /1/httpRequest/url"]
    );
    assert_eq!(users_of(&other, "kind=flow&key=20").await.len(), 1);

    // A rename moves the flow's uses to its new place in the order.
    let a_flow = alice
        .get(&format!(
            "{}?name=A-flow",
            flow_model::contract::SEARCH_FLOWS.served_path
        ))
        .await;
    let id = a_flow.body["items"][0]["id"].as_str().unwrap().to_owned();
    let reply = alice
        .patch(
            &flow_model::contract::READ_FLOW.served_path_for(&id),
            json!({"name": "z-flow", "fields": ["name"]}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        users_of(&alice, "kind=queue&key=12").await,
        [
            "b-flow /0/joinQueue/queue/id",
            "z-flow /0/joinQueue/queue/id",
            "z-flow /1/joinQueue/queue/id"
        ]
    );
}

async fn uses_combines_with_type_tags_and_q(engine: Engine) {
    let server = TestServer::start(engine).await;
    let alice = server.user("main", "alice", Role::Admin).await;
    for (name, kind, tag, queue) in [
        ("Sales IVR", "voice", "sales", "12"),
        ("Sales chat", "chat", "sales", "12"),
        ("Support IVR", "voice", "support", "12"),
        ("Night IVR", "voice", "sales", "99"),
    ] {
        alice
            .create_flow(json!({"name": name, "type": kind, "tags": [{"name": tag}], "schema": ivr(queue, 1)}))
            .await;
    }
    assert_eq!(
        names_found(&alice, "uses=queue:12").await,
        ["Sales chat", "Sales IVR", "Support IVR"]
    );
    assert_eq!(
        names_found(&alice, "uses=queue:12&type=voice").await,
        ["Sales IVR", "Support IVR"]
    );
    assert_eq!(
        names_found(&alice, "uses=queue:12&type=voice&tags=sales").await,
        ["Sales IVR"]
    );
    assert_eq!(
        names_found(&alice, "uses=queue:12&q=sup*").await,
        ["Support IVR"]
    );
    assert_eq!(
        names_found(&alice, "uses=global:crm_key&tags=sales").await,
        ["Night IVR", "Sales chat", "Sales IVR"]
    );
}

async fn hostile_keys_match_only_themselves_and_bad_kinds_are_400(engine: Engine) {
    let server = TestServer::start(engine).await;
    let alice = server.user("main", "alice", Role::Admin).await;
    let odd = "50%_'\"; DROP TABLE routing_schema; --";
    alice
        .create_flow(json!({"name": "odd", "type": "voice", "schema": [
            {"joinQueue": {"queue": {"name": odd}}},
            {"joinQueue": {"queue": {"name": "50xx"}}}
        ]}))
        .await;
    let encoded = url_encoded(odd);
    assert_eq!(
        users_of(&alice, &format!("kind=queue&key={encoded}")).await,
        ["odd /0/joinQueue/queue/name"]
    );
    assert!(users_of(&alice, "kind=queue&key=50%25").await.is_empty());
    assert!(users_of(&alice, "kind=queue&key=5_xx").await.is_empty());
    assert_eq!(
        names_found(&alice, &format!("uses=queue:{encoded}")).await,
        ["odd"]
    );
    for (query, named) in [
        ("kind=planet&key=1", "kind=\"planet\""),
        ("kind=queue", "key=\"\""),
        ("key=12", "kind=\"\""),
    ] {
        let reply = alice
            .get(&format!("{}?{query}", REFERENCE_USES.served_path))
            .await;
        let detail = reply.expect_error(StatusCode::BAD_REQUEST, "app.request.parameter.invalid");
        assert!(detail.starts_with(named), "{query}: {detail}");
    }
    let reply = alice
        .get(&format!("{}?uses=queue", SEARCH_FLOWS.served_path))
        .await;
    reply.expect_error(StatusCode::BAD_REQUEST, "app.request.parameter.invalid");
    let reply = alice
        .get(&format!(
            "{}?kind=queue&key=a%00b",
            REFERENCE_USES.served_path
        ))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
}

async fn flows_stored_before_get_their_references_when_the_server_starts(engine: Engine) {
    let server = TestServer::start(engine).await;
    let alice = server.user("main", "alice", Role::Admin).await;
    let flow = alice
        .create_flow(json!({"name": "Old", "type": "voice", "schema": ivr("12", 20)}))
        .await;
    let broken = alice
        .create_flow(json!({"name": "Broken", "type": "voice", "schema": ivr("7", 1)}))
        .await;
    // As a database written before references were kept, one row damaged by hand.
    let damage = format!(
        "UPDATE routing_schema SET schema = '[{{' WHERE id = {}",
        id_of(&broken)
    );
    for statement in [
        "DELETE FROM routing_schema_reference",
        "UPDATE routing_schema SET derived_version = 0",
        damage.as_str(),
    ] {
        sqlx::query(statement)
            .execute(server.store.pool())
            .await
            .unwrap();
    }
    assert!(users_of(&alice, "kind=queue&key=12").await.is_empty());
    let database = server.stop().await;
    let server = TestServer::start_on(
        database,
        common::test_settings(),
        flow_server::store::StoreOptions::default(),
    )
    .await;
    let alice = server.login("main", "alice", "alice-password").await;
    assert_eq!(references_of(&alice, &id_of(&flow)).await.len(), 4);
    assert!(references_of(&alice, &id_of(&broken)).await.is_empty());
    assert_eq!(
        users_of(&alice, "kind=queue&key=12").await,
        ["Old /0/joinQueue/queue/id"]
    );
}

on_both_engines!(
    references_follow_every_write,
    who_uses_an_object_by_name_then_place_in_the_callers_domain,
    uses_combines_with_type_tags_and_q,
    hostile_keys_match_only_themselves_and_bad_kinds_are_400,
    flows_stored_before_get_their_references_when_the_server_starts,
);

async fn the_objects_of_a_kind_are_listed_with_how_many_flows_use_them(engine: Engine) {
    let server = TestServer::start(engine).await;
    let alice = server.user("main", "alice", Role::Admin).await;
    let other = server.user("other", "olga", Role::Admin).await;
    alice
        .create_flow(json!({"name": "One", "type": "voice", "schema": ivr("12", 20)}))
        .await;
    alice
        .create_flow(json!({"name": "Two", "type": "voice", "schema": [
            {"joinQueue": {"queue": {"id": 12}}},
            {"joinQueue": {"queue": {"id": 120}}},
            {"joinQueue": {"queue": {"name": "50%_Sales"}}}
        ]}))
        .await;
    other
        .create_flow(json!({"name": "Three", "type": "voice", "schema": ivr("7", 20)}))
        .await;
    let objects = |query: &'static str| {
        let alice = &alice;
        async move {
            let path = format!("{}?{query}", flow_model::contract::USED_OBJECTS.served_path);
            let reply = alice.get(&path).await;
            assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
            reply.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|item| format!("{} {}", item["key"].as_str().unwrap(), item["flows"]))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        objects("kind=queue").await,
        ["12 2", "120 1", "50%_Sales 1"]
    );
    assert_eq!(objects("kind=queue&q=12").await, ["12 2", "120 1"]);
    assert_eq!(objects("kind=queue&q=50%25_s").await, ["50%_Sales 1"]);
    assert!(
        objects("kind=queue&q=5_").await.is_empty(),
        "_ is no wildcard"
    );
    assert_eq!(objects("kind=flow").await, ["20 1"]);
    let path = format!(
        "{}?kind=fax",
        flow_model::contract::USED_OBJECTS.served_path
    );
    assert_eq!(alice.get(&path).await.status, StatusCode::BAD_REQUEST);
}

on_both_engines!(the_objects_of_a_kind_are_listed_with_how_many_flows_use_them);
