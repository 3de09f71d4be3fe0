//! Our real server (in process, over SQLite in a temporary folder) with the double in front:
//! every call goes to the double, which must answer the way Webitel's engine does.

use flow_model::contract::{
    ACCESS_HEADER, CREATE_FLOW, DELETE_FLOW, FLOW_VERSIONS, LOGIN, LOGOUT, PATCH_FLOW, READ_FLOW,
    REPLACE_FLOW, SEARCH_FLOWS, SEARCH_TAGS, USERINFO,
};
use flow_model::Role;
use flow_server::state::{AppState, Settings};
use flow_server::store::{NewUser, Store, StoreOptions};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::sync::Arc;

/// Our server and the double in front of it.
struct Wire {
    /// The double's base URL.
    double: String,
    /// Our server's base URL, to look behind the double.
    server: String,
    store: Store,
    client: reqwest::Client,
    _folder: tempfile::TempDir,
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
}

impl Wire {
    async fn start() -> Self {
        Self::start_with(None).await
    }

    /// With the double's default domain set to `default_domain`.
    async fn start_with(default_domain: Option<&str>) -> Self {
        let folder = tempfile::tempdir().expect("temporary folder");
        let url = format!("sqlite://{}", folder.path().join("flows.db").display());
        let store = Store::open(&url, StoreOptions::default())
            .await
            .expect("store opens");
        let state = AppState {
            store: store.clone(),
            settings: Arc::new(Settings {
                token_lifetime_ms: 3600 * 1000,
                ..Settings::default()
            }),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let server = format!("http://{}", listener.local_addr().expect("address"));
        let app = flow_server::app(state, std::path::Path::new("/nonexistent"));
        tokio::spawn(flow_server::serve(listener, app, std::future::pending()));

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let double = format!("http://{}", listener.local_addr().expect("address"));
        let app = webitel_double::app_with(webitel_double::Options {
            upstream: server.parse().expect("our server's URL"),
            default_domain: default_domain.map(str::to_owned),
            directory: json!({
                "queue": [{"id": 12, "name": "Sales", "type": 1}, {"id": 3, "name": "Support"}],
                "media": [{"id": 996, "name": "hello.wav", "mime_type": "audio/wav", "size": 0}]
            })
            .as_object()
            .cloned()
            .unwrap(),
        });
        tokio::spawn(webitel_double::serve(listener, app, std::future::pending()));
        Self {
            double,
            server,
            store,
            client: reqwest::Client::new(),
            _folder: folder,
        }
    }

    /// Started, with `ann`, an admin of `main`, signed in: her token.
    async fn with_admin() -> (Self, String) {
        let wire = Self::start().await;
        wire.add_user("main", "ann", Role::Admin).await;
        let token = wire.sign_in("ann", "main").await;
        (wire, token)
    }

    /// A user of `domain` with `role`; the password is the username with `-password`.
    async fn add_user(&self, domain: &str, username: &str, role: Role) {
        self.store
            .create_user(NewUser {
                domain,
                username,
                password_hash: flow_server::auth::hash_password(&format!("{username}-password"))
                    .unwrap(),
                permissions: role.permissions(),
                admin: role == Role::Admin,
            })
            .await
            .expect("user created");
    }

    async fn send(
        &self,
        base: &str,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        if_match: Option<&str>,
    ) -> Reply {
        let mut request = self.client.request(method, format!("{base}{path}"));
        if let Some(token) = token {
            request = request.header(ACCESS_HEADER, token);
        }
        if let Some(tag) = if_match {
            request = request.header("if-match", tag);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the double answers");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("a body");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("JSON, not {text:?}"))
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    /// A call to the double.
    async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        self.send(&self.double, method, path, token, body, None)
            .await
    }

    /// A `GET` of the double.
    async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.call(Method::GET, path, token, None).await
    }

    /// A sign-in through the double with `body`.
    async fn login(&self, body: Value) -> Reply {
        self.call(Method::POST, LOGIN.served_path, None, Some(body))
            .await
    }

    /// A flow created through the double by `token`'s user.
    async fn create(&self, token: &str, body: Value) -> Reply {
        self.call(
            Method::POST,
            CREATE_FLOW.served_path,
            Some(token),
            Some(body),
        )
        .await
    }

    /// Signs in through the double as Webitel's sign-in page does: `user@domain`.
    async fn sign_in(&self, username: &str, domain: &str) -> String {
        let reply = self
            .login(json!({"username": format!("{username}@{domain}"),
                          "password": format!("{username}-password")}))
            .await;
        token_in(&reply)
    }
}

/// The access token of a successful sign-in.
fn token_in(reply: &Reply) -> String {
    assert_ok(reply);
    reply.body["access_token"].as_str().unwrap().to_owned()
}

/// The id of a flow the reply answers.
fn id_in(reply: &Reply) -> String {
    reply.body["id"].as_str().unwrap().to_owned()
}

fn assert_ok(reply: &Reply) {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

/// `value`'s keys, in order, are the space-separated `expected`.
fn assert_keys(value: &Value, expected: &str) {
    assert_eq!(keys(value).join(" "), expected, "{value}");
}

/// `value` has none of `fields`.
fn assert_lacks(value: &Value, fields: &[&str]) {
    for field in fields {
        assert!(value.get(field).is_none(), "{field} in {value}");
    }
}

fn keys(value: &Value) -> Vec<String> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("an object, not {value}"))
        .keys()
        .cloned()
        .collect()
}

/// An error body in the engine's shape: exactly `{id, status, detail, code}`.
fn assert_engine_error(reply: &Reply, http: u16, code: u16, id: &str) {
    assert_eq!(reply.status.as_u16(), http, "{}", reply.body);
    assert_eq!(keys(&reply.body), ["id", "status", "detail", "code"]);
    assert_eq!(reply.body["code"], code, "{}", reply.body);
    assert_eq!(reply.body["id"], id, "{}", reply.body);
}

/// The engine's 401 to a call without a token.
fn assert_session_expired(reply: &Reply) {
    assert_engine_error(reply, 401, 401, "api.context.session_expired.app_error");
}

/// The engine's answer for a flow that is not there: a 500 whose body says 404.
fn assert_flow_not_found(reply: &Reply) {
    assert_engine_error(reply, 500, 404, "store.sql_routing_schema.get.app_error");
}

fn assert_no_etag(reply: &Reply) {
    assert!(
        reply.headers.get("etag").is_none(),
        "no ETag on Webitel's wire: {:?}",
        reply.headers
    );
}

#[tokio::test]
async fn signs_in_with_the_domain_in_the_username_and_answers_the_token_only() {
    let wire = Wire::start().await;
    wire.add_user("main", "ann", Role::Admin).await;
    wire.add_user("main", "vic", Role::Viewer).await;

    let reply = wire
        .login(json!({"username": "ann@main", "password": "ann-password"}))
        .await;
    let admin = token_in(&reply);
    assert_keys(&reply.body, "access_token token_type expires_in");
    let expires_in = reply.body["expires_in"].as_i64().unwrap();
    assert!((3500..=3600).contains(&expires_in), "{expires_in}");

    let info = wire.get(USERINFO.served_path, Some(&admin)).await;
    assert_ok(&info);
    assert_eq!(info.body["domain"], "main");
    assert_eq!(info.body["username"], "ann");
    assert!(info.body["user_id"].is_string() && info.body["dc"] == "1");
    assert!(info.body["expires_at"].is_string());
    assert_eq!(
        info.body["scope"],
        json!([{"class": "schema", "obac": true, "access": "xrwd"}])
    );
    // Our own fields leak not.
    assert_lacks(&info.body, &["admin", "user", "permissions"]);

    let viewer = wire.sign_in("vic", "main").await;
    let info = wire.get(USERINFO.served_path, Some(&viewer)).await;
    assert_eq!(
        info.body["scope"],
        json!([{"class": "schema", "obac": true, "access": "r"}])
    );

    // The token also reads from the query, as Webitel's userinfo takes it.
    let by_query = wire
        .get(
            &format!("{}?access_token={viewer}", USERINFO.served_path),
            None,
        )
        .await;
    assert_eq!(by_query.body["username"], "vic");

    let wrong = wire
        .login(json!({"username": "ann@main", "password": "nope"}))
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_keys(&wrong.body, "id status detail code");
    // No domain anywhere and no default domain: nobody to sign in.
    let bare = wire
        .login(json!({"username": "ann", "password": "ann-password"}))
        .await;
    assert_eq!(bare.status, StatusCode::UNAUTHORIZED);

    let anonymous = wire.get(USERINFO.served_path, None).await;
    assert_session_expired(&anonymous);

    let out = wire
        .call(Method::POST, LOGOUT.served_path, Some(&viewer), None)
        .await;
    assert_eq!((out.status, out.body.clone()), (StatusCode::OK, json!({})));
    let after = wire.get(USERINFO.served_path, Some(&viewer)).await;
    assert_engine_error(&after, 401, 401, "app.session.unauthenticated");
}

#[tokio::test]
async fn a_default_domain_signs_in_a_username_without_one() {
    let wire = Wire::start_with(Some("main")).await;
    wire.add_user("main", "ann", Role::Editor).await;
    let reply = wire
        .login(json!({"username": "ann", "password": "ann-password"}))
        .await;
    let token = token_in(&reply);
    let info = wire.get(USERINFO.served_path, Some(&token)).await;
    assert_eq!(info.body["scope"][0]["access"], "xrw");
}

#[tokio::test]
async fn search_create_and_duplicate_names_speak_webitels_wire() {
    let wire = Wire::start().await;
    wire.add_user("main", "ann", Role::Admin).await;
    wire.add_user("main", "vic", Role::Viewer).await;
    let token = wire.sign_in("ann", "main").await;
    let search = |query: &str| format!("{}{query}", SEARCH_FLOWS.served_path);

    let empty = wire.get(&search(""), Some(&token)).await;
    assert_eq!(
        (empty.status, empty.body.clone()),
        (StatusCode::OK, json!({}))
    );

    let created = wire
        .create(
            &token,
            json!({"name": "Inbound IVR", "description": "Main line", "type": "voice",
                    "editor": true, "schema": [{"answer": ""}], "payload": {"nodes": []},
                    "tags": [{"name": "ivr"}], "note": "first"}),
        )
        .await;
    assert_ok(&created);
    assert_no_etag(&created);
    assert_keys(
        &created.body,
        "id created_at created_by updated_at updated_by name type schema payload",
    );
    assert_eq!(created.body["type"], "voice");
    assert_eq!(created.body["schema"], json!([{"answer": ""}]));
    assert_eq!(
        created.body["created_by"],
        json!({"id": created.body["created_by"]["id"], "name": "ann"})
    );
    let id = id_in(&created);
    // The engine stores no description on create.
    let behind = wire
        .send(
            &wire.server,
            Method::GET,
            &READ_FLOW.served_path_for(&id),
            Some(&token),
            None,
            None,
        )
        .await;
    assert_eq!(behind.body["description"], "");

    // A code flow with no type and no tags: every zero value left out.
    let code = wire
        .create(&token, json!({"name": "Plain", "schema": []}))
        .await;
    assert_ok(&code);
    assert_lacks(&code.body, &["type", "debug"]);

    let page = wire.get(&search("?sort=%2Bname"), Some(&token)).await;
    assert_ok(&page);
    assert_eq!(
        page.body,
        json!({"items": [
            {"id": id, "name": "Inbound IVR", "editor": true, "type": "voice",
             "tags": [{"name": "ivr"}]},
            {"id": code.body["id"], "name": "Plain"}
        ]})
    );
    // Fields the engine does not know are ignored, never refused.
    let fields = wire
        .get(
            &search("?fields=name&fields=description&fields=bogus&q=inbound*"),
            Some(&token),
        )
        .await;
    assert_eq!(fields.body, json!({"items": [{"name": "Inbound IVR"}]}));
    let unknown_sort = wire.get(&search("?sort=-bogus"), Some(&token)).await;
    assert_engine_error(
        &unknown_sort,
        500,
        500,
        "store.sql_routing_schema.get_all.app_error",
    );

    let tags = wire.get(SEARCH_TAGS.served_path, Some(&token)).await;
    assert_eq!(tags.body, json!({"items": [{"name": "ivr"}]}));

    let duplicate = wire
        .create(&token, json!({"name": "Inbound IVR", "schema": []}))
        .await;
    assert_engine_error(
        &duplicate,
        400,
        400,
        "store.sql_routing_schema.save.valid.name",
    );
    assert_eq!(duplicate.body["status"], "Bad Request");
    assert_eq!(
        duplicate.body["detail"],
        "name=\"Inbound IVR\" already exists"
    );

    let viewer = wire.sign_in("vic", "main").await;
    let denied = wire
        .create(&viewer, json!({"name": "Mine", "schema": []}))
        .await;
    assert_engine_error(&denied, 403, 403, "api.context.permissions.app_error");
    let detail = denied.body["detail"].as_str().unwrap();
    assert!(
        detail.starts_with("userId=") && detail.ends_with(", permission=schema access=create"),
        "{detail}"
    );
    let anonymous = wire.get(&search(""), None).await;
    assert_session_expired(&anonymous);
}

#[tokio::test]
async fn writes_have_no_lost_update_check_and_keep_a_note_only_through_patch() {
    let (wire, token) = Wire::with_admin().await;
    let created = wire
        .create(
            &token,
            json!({"name": "Flow", "editor": true, "schema": [{"answer": "1"}]}),
        )
        .await;
    let id = id_in(&created);
    let path = READ_FLOW.served_path_for(&id);
    let stale = Some("\"1\"");
    // A write of the flow with a stale If-Match, to `base`.
    let write = |base: String, method: Method, body: Value| {
        let (wire, path, token) = (&wire, &path, &token);
        async move {
            wire.send(&base, method, path, Some(token), Some(body), stale)
                .await
        }
    };

    // Our server refuses a stale If-Match; the engine has no such check: the last write wins.
    let direct = write(wire.server.clone(), Method::PUT, json!({"name": "Flow"})).await;
    assert_eq!(direct.status, StatusCode::CONFLICT);

    // PATCH: a note is kept when `fields` names it; unknown names are ignored, not refused.
    let patched = write(
        wire.double.clone(),
        PATCH_FLOW.method_as_reqwest(),
        json!({"schema": [{"answer": "2"}], "note": "why", "name": "ignored",
                "fields": ["schema", "note", "bogus"]}),
    )
    .await;
    assert_ok(&patched);
    assert_no_etag(&patched);
    assert_eq!(patched.body["name"], "Flow");
    assert_lacks(&patched.body, &["editor", "note", "version"]);

    // PUT: a stale If-Match is ignored, the note is dropped, the editor kept.
    let replaced = write(
        wire.double.clone(),
        REPLACE_FLOW.method_as_reqwest(),
        json!({"name": "Flow", "description": "kept", "schema": [{"answer": "3"}],
                "note": "dropped", "tags": [{"name": "t"}]}),
    )
    .await;
    assert_ok(&replaced);
    assert_no_etag(&replaced);
    assert_keys(
        &replaced.body,
        "id created_at created_by updated_at updated_by name description schema payload tags",
    );
    assert_eq!(replaced.body["description"], "kept");

    // A PATCH that does not name `description` empties it (the engine reads none back).
    let renamed = wire
        .call(
            Method::PATCH,
            &path,
            Some(&token),
            Some(
                json!({"name": "Flow 2", "schema": [{"answer": "4"}], "note": "ignored",
                        "fields": ["name", "schema"]}),
            ),
        )
        .await;
    assert_ok(&renamed);
    assert_eq!(renamed.body["name"], "Flow 2");
    assert_lacks(&renamed.body, &["description"]);

    let read = wire.get(&path, Some(&token)).await;
    assert_eq!(read.body["editor"], true, "PUT keeps the editor");
    assert_lacks(&read.body, &["description"]);
    assert_eq!(read.body["schema"], json!([{"answer": "4"}]));

    // Versions: `version` a string, oldest first without a sort; the note that PATCH named is
    // there, the ones PUT and an unnamed PATCH carried are not.
    let versions_path = FLOW_VERSIONS.served_path_for(&id);
    let versions = wire.get(&versions_path, Some(&token)).await;
    assert_ok(&versions);
    let items = versions.body["items"].as_array().unwrap();
    let numbers: Vec<&Value> = items.iter().map(|item| &item["version"]).collect();
    assert_eq!(numbers, [&json!("1"), &json!("2"), &json!("3")]);
    assert_keys(
        &items[0],
        "id schema_id created_at created_by schema payload version",
    );
    let notes: Vec<&Value> = items.iter().map(|item| &item["note"]).collect();
    assert_eq!(notes, [&Value::Null, &json!("why"), &Value::Null]);
    let text = versions.body.to_string();
    assert!(
        !text.contains("dropped") && !text.contains("ignored"),
        "{text}"
    );
    let newest = wire
        .get(
            &format!("{versions_path}?sort=-version&size=1"),
            Some(&token),
        )
        .await;
    assert_eq!(newest.body["next"], true);
    assert_eq!(newest.body["items"][0]["version"], "3");
}

#[tokio::test]
async fn a_missing_flow_is_a_500_whose_body_says_404_and_delete_answers_the_flow() {
    let (wire, token) = Wire::with_admin().await;
    let missing = READ_FLOW.served_path_for(987_654);
    for (method, body) in [
        (Method::GET, None),
        (Method::PUT, Some(json!({"name": "X", "schema": []}))),
        (
            Method::PATCH,
            Some(json!({"name": "X", "fields": ["name"]})),
        ),
        (Method::DELETE, None),
    ] {
        let reply = wire
            .call(method.clone(), &missing, Some(&token), body)
            .await;
        assert_flow_not_found(&reply);
        assert_eq!(reply.body["status"], "Not Found", "{method}");
        assert_eq!(
            reply.body["detail"], "Id=987654, sql: no rows in result set",
            "{method}"
        );
    }
    // The engine never checks that a flow is there before listing its versions.
    let versions = wire
        .get(&FLOW_VERSIONS.served_path_for(987_654), Some(&token))
        .await;
    assert_eq!(
        (versions.status, versions.body),
        (StatusCode::OK, json!({}))
    );

    let created = wire
        .create(
            &token,
            json!({"name": "Doomed", "type": "chat", "editor": true, "schema": []}),
        )
        .await;
    let path = READ_FLOW.served_path_for(id_in(&created));
    wire.call(
        Method::PUT,
        &path,
        Some(&token),
        Some(json!({"name": "Doomed", "type": "chat", "description": "gone", "schema": []})),
    )
    .await;
    let deleted = wire
        .send(
            &wire.double,
            DELETE_FLOW.method_as_reqwest(),
            &path,
            Some(&token),
            None,
            Some("\"1\""),
        )
        .await;
    assert_ok(&deleted);
    assert_eq!(deleted.body["name"], "Doomed");
    assert_eq!(deleted.body["editor"], true);
    assert_lacks(&deleted.body, &["description"]);
    let gone = wire.get(&path, Some(&token)).await;
    assert_flow_not_found(&gone);
}

#[tokio::test]
async fn our_own_extensions_do_not_leak() {
    let (wire, token) = Wire::with_admin().await;
    for (method, path) in [
        (Method::GET, "/api/openapi.json"),
        (Method::GET, "/api/health"),
        (Method::POST, "/api/users"),
    ] {
        let reply = wire.call(method, path, Some(&token), Some(json!({}))).await;
        assert_engine_error(&reply, 404, 404, "api.http.not_found");
    }
    // Outside the API, our web app's files pass through untouched.
    let text = |base: String| {
        let client = wire.client.clone();
        async move {
            let response = client.get(format!("{base}/flows")).send().await.unwrap();
            (response.status(), response.text().await.unwrap())
        }
    };
    let direct = text(wire.server.clone()).await;
    assert_eq!(text(wire.double.clone()).await, direct);
}

#[tokio::test]
async fn directories_list_what_the_double_was_given_to_a_signed_in_user() {
    let (wire, token) = Wire::with_admin().await;
    let queues = wire
        .get(
            "/api/call_center/queues?page=1&size=10&q=*SAL*&fields=id&fields=name",
            Some(&token),
        )
        .await;
    assert_ok(&queues);
    assert_eq!(
        queues.body,
        json!({"items": [{"id": "12", "name": "Sales"}]})
    );
    let media = wire.get("/api/storage/media", Some(&token)).await;
    assert_eq!(
        media.body,
        json!({"items": [{"id": "996", "name": "hello.wav", "mime_type": "audio/wav"}]}),
        "every field when none is named, zero values left out"
    );
    let calendars = wire.get("/api/calendars?q=*", Some(&token)).await;
    assert_eq!(calendars.body, json!({}), "none given: an empty page");
    let stranger = wire.get("/api/call_center/queues", None).await;
    assert_session_expired(&stranger);
}

/// The contract's method as reqwest's.
trait AsReqwest {
    fn method_as_reqwest(&self) -> Method;
}

impl AsReqwest for flow_model::contract::Operation {
    fn method_as_reqwest(&self) -> Method {
        Method::from_bytes(self.method.as_str().as_bytes()).expect("an HTTP method")
    }
}
