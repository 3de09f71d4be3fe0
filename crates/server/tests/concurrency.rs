//! Racing writers: many creates of one name, and many PUTs with one `If-Match`, sent at the same
//! moment. On PostgreSQL they are spread over two servers sharing the database (the deployment
//! behind a balancer); on SQLite one server takes them all. Exactly one write may win, the others
//! must be refused with a 409, and nothing half-written may be left behind.

mod common;

use common::{Api, Engine, Reply, TestDatabase, TestServer};
use flow_model::contract::{CREATE_FLOW, FLOW_VERSIONS, READ_FLOW, SEARCH_FLOWS, SEARCH_TAGS};
use flow_model::Role;
use flow_server::store::Store;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::future::Future;
use std::sync::Arc;
use tokio::sync::Barrier;

const RACERS: usize = 50;

/// Servers over one database, each with the same admin signed in.
struct Cluster {
    apis: Vec<Api>,
    servers: Vec<TestServer>,
    // Dropped after the servers.
    _database: TestDatabase,
}

impl Cluster {
    async fn start(engine: Engine) -> Self {
        let database = TestDatabase::new(engine).await;
        let count = match engine {
            Engine::Sqlite => 1,
            Engine::Postgres => 2,
        };
        let mut servers = Vec::new();
        for _ in 0..count {
            servers.push(TestServer::start_shared(&database.url).await);
        }
        let mut apis = vec![servers[0].user("main", "admin", Role::Admin).await];
        for server in &servers[1..] {
            apis.push(server.login("main", "admin", "admin-password").await);
        }
        Self {
            apis,
            servers,
            _database: database,
        }
    }

    /// The server that request `index` goes to: round robin.
    fn api(&self, index: usize) -> Api {
        self.apis[index % self.apis.len()].clone()
    }

    fn store(&self) -> &Store {
        &self.servers[0].store
    }
}

/// Sends `count` requests as nearly at once as possible and returns their replies.
async fn all_at_once<F, Fut>(count: usize, request: F) -> Vec<Reply>
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = Reply> + Send + 'static,
{
    let start = Arc::new(Barrier::new(count));
    let tasks: Vec<_> = (0..count)
        .map(|index| {
            let (start, request) = (start.clone(), request(index));
            tokio::spawn(async move {
                start.wait().await;
                request.await
            })
        })
        .collect();
    futures::future::join_all(tasks)
        .await
        .into_iter()
        .map(|task| task.expect("request task"))
        .collect()
}

/// Checks that exactly one reply is a 200 and every other one the 409 `conflict_id`; returns
/// the winning reply.
fn one_winner(replies: Vec<Reply>, conflict_id: &str) -> Reply {
    let statuses: Vec<u16> = replies.iter().map(|reply| reply.status.as_u16()).collect();
    let (mut won, lost): (Vec<Reply>, Vec<Reply>) = replies
        .into_iter()
        .partition(|reply| reply.status == StatusCode::OK);
    assert_eq!(won.len(), 1, "exactly one write wins: {statuses:?}");
    for reply in &lost {
        assert_eq!(
            (reply.status, reply.error_id()),
            (StatusCode::CONFLICT, conflict_id),
            "{}",
            reply.body
        );
    }
    won.pop().expect("one winner")
}

/// Rows in `table`, read straight from the database.
async fn rows(store: &Store, table: &str) -> i64 {
    use sqlx::Row;
    sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
        .fetch_one(store.pool())
        .await
        .expect("count")
        .get("n")
}

fn tags(names: &[&str]) -> Value {
    names.iter().map(|name| json!({"name": name})).collect()
}

async fn same_name_creates(engine: Engine) {
    let cluster = Cluster::start(engine).await;
    // Not in name order: the flow must keep this order, the tag list sorts it.
    let tag_names = ["support", "ivr", "night", "main", "sales"];
    let replies = all_at_once(RACERS, |index| {
        let api = cluster.api(index);
        let body = json!({
            "name": "Inbound IVR",
            "type": "voice",
            "editor": true,
            "schema": [{"log": format!("racer {index}")}],
            "payload": {"racer": index},
            "tags": tags(&tag_names),
        });
        async move { api.post(CREATE_FLOW.served_path, body).await }
    })
    .await;
    let created = one_winner(replies, "app.routing_schema.name.exists").body;
    let id = created["id"].as_str().expect("id").to_owned();
    assert_eq!(created["tags"], tags(&tag_names));

    // Every server sees the one flow, whole.
    for api in &cluster.apis {
        let found = api
            .get(&format!(
                "{}?name=Inbound%20IVR&fields=id&fields=name&fields=tags",
                SEARCH_FLOWS.served_path
            ))
            .await;
        assert_eq!(
            found.body,
            json!({"items": [{"id": id, "name": "Inbound IVR", "tags": tags(&tag_names)}], "next": false})
        );
        let all = api
            .get(&format!("{}?size=100&fields=id", SEARCH_FLOWS.served_path))
            .await;
        assert_eq!(all.body, json!({"items": [{"id": id}], "next": false}));
        let mut sorted = tag_names;
        sorted.sort_unstable();
        let tag_list = api
            .get(&format!("{}?size=100", SEARCH_TAGS.served_path))
            .await;
        assert_eq!(
            tag_list.body,
            json!({"items": tags(&sorted), "next": false})
        );
        let versions = api.get(&FLOW_VERSIONS.served_path_for(&id)).await;
        assert_eq!(versions.body, json!({"items": [], "next": false}));
    }
    // Nothing from the refused creates is left in any table.
    let store = cluster.store();
    assert_eq!(rows(store, "routing_schema").await, 1);
    assert_eq!(
        rows(store, "routing_schema_tag").await,
        tag_names.len() as i64
    );
    assert_eq!(rows(store, "routing_schema_version").await, 0);
}

async fn puts_with_one_if_match(engine: Engine) {
    let cluster = Cluster::start(engine).await;
    let original = json!([{"answer": ""}]);
    let created = cluster
        .api(0)
        .post(
            CREATE_FLOW.served_path,
            json!({"name": "Billing", "type": "voice", "schema": original, "tags": tags(&["billing"])}),
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let id = created.body["id"].as_str().expect("id");
    let path = READ_FLOW.served_path_for(id);
    let etag = created.etag();
    let replies = all_at_once(RACERS, |index| {
        let (api, path, etag) = (cluster.api(index), path.clone(), etag.clone());
        let body = json!({
            "name": "Billing",
            "type": "voice",
            "schema": [{"log": format!("writer {index}")}],
            "payload": {"writer": index},
            "tags": tags(&["billing", &format!("writer-{index}")]),
            "note": format!("writer {index}"),
        });
        async move {
            api.call_with(Method::PUT, &path, Some(body), &[("If-Match", &etag)])
                .await
        }
    })
    .await;
    let winner = one_winner(replies, "app.routing_schema.update.conflict");
    assert_ne!(winner.etag(), etag);

    for api in &cluster.apis {
        let read = api.get(&path).await;
        assert_eq!(
            read.body, winner.body,
            "the winner's write is what is stored"
        );
        let versions = api.get(&FLOW_VERSIONS.served_path_for(id)).await;
        let items = versions.body["items"].as_array().expect("versions");
        assert_eq!(items.len(), 1, "one version: {}", versions.body);
        assert_eq!(items[0]["schema"], original);
        assert_eq!(items[0]["version"], json!("1"));
    }
    let store = cluster.store();
    assert_eq!(rows(store, "routing_schema_version").await, 1);
    assert_eq!(rows(store, "routing_schema_tag").await, 2);
}

on_both_engines!(same_name_creates, puts_with_one_if_match);
