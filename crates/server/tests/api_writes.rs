//! Creating, replacing, patching and deleting flows on both engines: defaults, input rules,
//! body limits, lost-update protection (`If-Match`) and the version history.

mod common;

use common::{test_settings, Api, Engine, Reply, TestServer};
use flow_model::contract::{FLOW_VERSIONS, READ_FLOW, SEARCH_FLOWS, SEARCH_TAGS, USERINFO};
use flow_model::Role;
use flow_server::state::Settings;
use flow_server::store::{now_millis, StoreOptions};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Where flows are searched (GET) and created (POST).
const FLOWS: &str = SEARCH_FLOWS.served_path;

/// Where one flow is read, replaced, patched and deleted.
fn flow_path(id: &str) -> String {
    READ_FLOW.served_path_for(id)
}

fn versions_path(id: &str) -> String {
    FLOW_VERSIONS.served_path_for(id)
}

fn id_of(flow: &Value) -> &str {
    flow["id"].as_str().expect("id is a string")
}

fn millis(value: &Value) -> i64 {
    value
        .as_str()
        .expect("epoch milliseconds as a string")
        .parse()
        .unwrap()
}

/// Reads a flow that must exist.
async fn read(api: &Api, id: &str) -> Value {
    let reply = api.get(&flow_path(id)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        reply.etag(),
        format!("\"{}\"", millis(&reply.body["updated_at"]))
    );
    reply.body
}

/// A write that must succeed; returns the reply (entity and ETag).
fn ok(reply: Reply) -> Reply {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply
}

async fn call_if_match(
    api: &Api,
    method: Method,
    id: &str,
    body: Option<Value>,
    etag: &str,
) -> Reply {
    api.call_with(method, &flow_path(id), body, &[("If-Match", etag)])
        .await
}

/// The versions of a flow: `(items, next)`.
async fn versions(api: &Api, id: &str, query: &str) -> (Vec<Value>, bool) {
    let reply = api.get(&format!("{}?{query}", versions_path(id))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    (
        reply.body["items"].as_array().unwrap().clone(),
        reply.body["next"].as_bool().unwrap(),
    )
}

/// A listed version's number: a uint64 in Webitel's protos, so a string.
fn version_of(item: &Value) -> i64 {
    let text = item["version"].as_str().unwrap_or_else(|| panic!("{item}"));
    text.parse().unwrap()
}

fn version_numbers(items: &[Value]) -> Vec<i64> {
    items.iter().map(version_of).collect()
}

/// A flow with every field set to something other than its default.
fn full_body(name: &str) -> Value {
    json!({
        "name": name,
        "description": "Main line",
        "type": "voice",
        "editor": true,
        "schema": [{"answer": ""}, {"playback": {"files": [{"name": "hello.wav"}]}}],
        "payload": {"nodes": [{"id": 1, "x": 10}]},
        "debug": true,
        "tags": [{"name": "ivr"}, {"name": "sales"}],
    })
}

async fn user_ref(api: &Api) -> Value {
    let info = api.get(USERINFO.served_path).await;
    json!({"id": info.body["user"]["id"], "name": info.body["user"]["name"]})
}

async fn schemas_of_invalid_steps_are_refused_with_the_path(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let flow = admin
        .create_flow(json!({"name": "Valid", "schema": [{"answer": ""}]}))
        .await;
    let path = flow_path(id_of(&flow));
    for (schema, expected) in [
        (json!([7]), "schema: invalid step at schema[0]: a step is an object with one app key, got a number"),
        (json!([{"answer": "", "hangup": ""}]), "schema: invalid step at schema[0]: the step has 2 app keys (answer, hangup); a step runs exactly one app"),
        (json!([{"answer": ""}, {"if": {"expression": "1", "then": [{"tag": "x"}]}}]), "schema: invalid step at schema[1].if.then[0]: the step has no app key"),
    ] {
        let created = admin.post(FLOWS, json!({"name": "Broken", "schema": schema})).await;
        let detail = created.expect_error(StatusCode::BAD_REQUEST, "app.routing_schema.schema.invalid");
        assert_eq!(detail, expected);
        let replaced = admin.put(&path, json!({"name": "Valid", "schema": schema})).await;
        replaced.expect_error(StatusCode::BAD_REQUEST, "app.routing_schema.schema.invalid");
        let patched = admin
            .patch(&path, json!({"schema": schema, "fields": ["schema"]}))
            .await;
        patched.expect_error(StatusCode::BAD_REQUEST, "app.routing_schema.schema.invalid");
    }
    // Asked in Russian, the path stays as written and the reason is Russian.
    let russian = admin
        .call_with(
            Method::POST,
            FLOWS,
            Some(json!({"name": "Broken", "schema": [{"tag": "x"}]})),
            &[("Accept-Language", "ru")],
        )
        .await;
    assert_eq!(
        russian.expect_error(StatusCode::BAD_REQUEST, "app.routing_schema.schema.invalid"),
        "schema: некорректный шаг в schema[0]: в шаге нет ключа с именем приложения"
    );
    assert_eq!(
        read(&admin, id_of(&flow)).await["schema"],
        json!([{"answer": ""}])
    );
}

async fn create_fills_defaults_and_returns_the_full_entity(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let me = user_ref(&admin).await;
    let before = now_millis();
    let reply = ok(admin
        .post(FLOWS, json!({"name": "Plain", "payload": null}))
        .await);
    let after = now_millis();
    let flow = &reply.body;
    let id = id_of(flow);
    assert!(id.parse::<i64>().unwrap() > 0);
    let created_at = millis(&flow["created_at"]);
    assert!(
        (before..=after).contains(&created_at),
        "{created_at} in {before}..={after}"
    );
    assert_eq!(
        flow,
        &json!({
            "id": id, "name": "Plain", "description": "", "type": "default", "editor": false,
            "schema": [], "payload": {}, "debug": false, "tags": [],
            "created_at": created_at.to_string(), "created_by": me,
            "updated_at": created_at.to_string(), "updated_by": me,
            "version": 1, "note": "",
        })
    );
    assert_eq!(reply.etag(), format!("\"{created_at}\""));
    assert_eq!(&read(&admin, id).await, flow);

    // Every field given is kept; the name and tags are trimmed; fields a create does not take
    // (such as those of a downloaded flow) are ignored.
    let mut body = full_body("  Inbound IVR \t");
    body["tags"] = json!([{"name": " ivr "}, {"name": "sales"}, {"name": "ivr"}]);
    body["id"] = json!("999999");
    body["created_at"] = json!("1");
    body["version"] = json!(7);
    let reply = ok(admin.post(FLOWS, body).await);
    let flow = &reply.body;
    assert_ne!(id_of(flow), "999999");
    assert_ne!(flow["created_at"], json!("1"));
    let mut expected = full_body("Inbound IVR");
    for key in ["id", "created_at", "created_by", "updated_at", "updated_by"] {
        expected[key] = flow[key].clone();
    }
    expected["version"] = json!(1);
    expected["note"] = json!("");
    assert_eq!(flow, &expected);
    assert_eq!(flow["created_by"], me);
    assert_eq!(&read(&admin, id_of(flow)).await, flow);
}

async fn names_are_unique_per_domain_ignoring_case(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let acme = server.user("acme", "admin", Role::Admin).await;
    let menu = admin.create_flow(json!({"name": "Main Menu"})).await;
    let russian = admin.create_flow(json!({"name": "Меню"})).await;
    for (taken, shown) in [
        ("Main Menu", "Main Menu"),
        ("main menu", "main menu"),
        ("  MAIN MENU ", "MAIN MENU"),
        ("меню", "меню"),
        ("МЕНЮ", "МЕНЮ"),
    ] {
        let reply = admin.post(FLOWS, json!({"name": taken})).await;
        let detail = reply.expect_error(StatusCode::CONFLICT, "app.routing_schema.name.exists");
        assert_eq!(detail, format!("name={shown:?} already exists"));
    }

    // Renaming onto a taken name is refused too, and changes nothing.
    let other = admin.create_flow(json!({"name": "Other"})).await;
    let put = admin
        .put(&flow_path(id_of(&other)), json!({"name": "MAIN menu"}))
        .await;
    put.expect_error(StatusCode::CONFLICT, "app.routing_schema.name.exists");
    let patch = admin
        .patch(&flow_path(id_of(&other)), json!({"name": "меню"}))
        .await;
    patch.expect_error(StatusCode::CONFLICT, "app.routing_schema.name.exists");
    assert_eq!(read(&admin, id_of(&other)).await, other);

    // A flow may change the case of its own name.
    let renamed = ok(admin
        .patch(&flow_path(id_of(&menu)), json!({"name": "MAIN MENU"}))
        .await);
    assert_eq!(renamed.body["name"], json!("MAIN MENU"));

    // Another domain has names of its own.
    for name in ["main menu", "Меню", "Other"] {
        assert_eq!(
            acme.create_flow(json!({"name": name})).await["name"],
            json!(name)
        );
    }

    // A deleted flow's name is free again.
    ok(admin.delete(&flow_path(id_of(&russian))).await);
    assert_eq!(
        admin.create_flow(json!({"name": "меню"})).await["name"],
        json!("меню")
    );
}

async fn names_are_1_to_100_characters(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    for name in [
        "x".repeat(100),
        "я".repeat(100),
        format!("  {}  ", "y".repeat(100)),
    ] {
        let flow = admin.create_flow(json!({"name": name.clone()})).await;
        assert_eq!(flow["name"], json!(name.trim()));
    }
    let flow = admin.create_flow(json!({"name": "Short"})).await;
    let invalid = [
        (
            json!("z".repeat(101)),
            "name: must be at most 100 characters, got 101",
        ),
        (
            json!("я".repeat(101)),
            "name: must be at most 100 characters, got 101",
        ),
        (json!(""), "name: is required and must not be blank"),
        (json!(" \t\n "), "name: is required and must not be blank"),
        (Value::Null, "name: is required and must not be blank"),
        (
            json!("tab\there"),
            "name: must not contain control characters (found one at character 4)",
        ),
    ];
    for (name, reason) in invalid {
        let mut body = json!({"name": name});
        let create = admin.post(FLOWS, body.clone()).await;
        let detail =
            create.expect_error(StatusCode::BAD_REQUEST, "app.routing_schema.name.invalid");
        assert_eq!(detail, reason);
        let put = admin.put(&flow_path(id_of(&flow)), body.clone()).await;
        put.expect_error(StatusCode::BAD_REQUEST, "app.routing_schema.name.invalid");
        body["fields"] = json!(["name"]);
        let patch = admin.patch(&flow_path(id_of(&flow)), body).await;
        patch.expect_error(StatusCode::BAD_REQUEST, "app.routing_schema.name.invalid");
    }
    assert_eq!(read(&admin, id_of(&flow)).await, flow);
    // A create without any name at all.
    let nameless = admin.post(FLOWS, json!({"schema": []})).await;
    nameless.expect_error(StatusCode::BAD_REQUEST, "app.routing_schema.name.invalid");
    // Asked in Russian (Accept-Language), the detail is Russian; the id stays the same key.
    let russian = admin
        .call_with(
            Method::POST,
            FLOWS,
            Some(json!({"name": "z".repeat(101)})),
            &[("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.8")],
        )
        .await;
    assert_eq!(
        russian.expect_error(StatusCode::BAD_REQUEST, "app.routing_schema.name.invalid"),
        "name: должно быть не длиннее 100 символов, а в нём 101"
    );
}

async fn descriptions_are_at_most_200_characters(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    for (n, description) in [
        "d".repeat(200),
        "é".repeat(200),
        "line 1\nline 2".to_owned(),
    ]
    .into_iter()
    .enumerate()
    {
        let flow = admin
            .create_flow(json!({"name": format!("Described {n}"), "description": description}))
            .await;
        assert_eq!(flow["description"], json!(description));
    }
    let flow = admin.create_flow(json!({"name": "Plain"})).await;
    for description in ["d".repeat(201), "é".repeat(201)] {
        let body = json!({"name": "Too long", "description": description});
        let create = admin.post(FLOWS, body.clone()).await;
        let detail = create.expect_error(
            StatusCode::BAD_REQUEST,
            "app.routing_schema.description.invalid",
        );
        assert_eq!(
            detail,
            "description: must be at most 200 characters, got 201"
        );
        let patch = admin.patch(&flow_path(id_of(&flow)), body).await;
        patch.expect_error(
            StatusCode::BAD_REQUEST,
            "app.routing_schema.description.invalid",
        );
    }
    assert_eq!(read(&admin, id_of(&flow)).await, flow);
}

fn tag_list(names: impl IntoIterator<Item = String>) -> Value {
    names
        .into_iter()
        .map(|name| json!({"name": name}))
        .collect()
}

async fn tags_are_trimmed_deduplicated_and_bounded(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let flow = admin
        .create_flow(json!({"name": "Tagged", "tags": [
            {"name": " ivr "}, {"name": "sales"}, {"name": "ivr"}, {"name": "sales\t"}
        ]}))
        .await;
    assert_eq!(flow["tags"], json!([{"name": "ivr"}, {"name": "sales"}]));

    let fifty = tag_list((0..50).map(|n| format!("tag {n}")));
    let fifty_one = tag_list((0..51).map(|n| format!("tag {n}")));
    let fifty_with_a_repeat = tag_list((0..51).map(|n| format!("tag {}", n % 50)));
    let accepted = [
        (fifty.clone(), fifty.clone()),
        (fifty_with_a_repeat, fifty),
        (tag_list(["t".repeat(64)]), tag_list(["t".repeat(64)])),
        (tag_list(["я".repeat(64)]), tag_list(["я".repeat(64)])),
        (
            tag_list([format!(" {} ", "t".repeat(64))]),
            tag_list(["t".repeat(64)]),
        ),
    ];
    for (given, kept) in accepted {
        let reply = ok(admin
            .patch(&flow_path(id_of(&flow)), json!({"tags": given}))
            .await);
        assert_eq!(reply.body["tags"], kept);
    }
    let refused = [
        (fifty_one, "tags: at most 50 tags per flow, got 51"),
        (
            tag_list(["t".repeat(65)]),
            "tags[0].name: must be at most 64 characters, got 65",
        ),
        (
            tag_list(["ok".into(), "  ".into()]),
            "tags[1].name: must not be blank",
        ),
        (
            tag_list(["ok".into(), "".into()]),
            "tags[1].name: must not be blank",
        ),
        (
            tag_list(["new\nline".into()]),
            "tags[0].name: must not contain control characters (found one at character 4)",
        ),
    ];
    let current = read(&admin, id_of(&flow)).await;
    for (tags, reason) in refused {
        let body = json!({"name": "Tagged 2", "tags": tags});
        let create = admin.post(FLOWS, body.clone()).await;
        let detail =
            create.expect_error(StatusCode::BAD_REQUEST, "app.routing_schema.tags.invalid");
        assert_eq!(detail, reason);
        let put = admin.put(&flow_path(id_of(&flow)), body).await;
        put.expect_error(StatusCode::BAD_REQUEST, "app.routing_schema.tags.invalid");
    }
    assert_eq!(read(&admin, id_of(&flow)).await, current);
}

async fn schema_must_be_an_array_and_payload_may_be_anything(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let flow = admin.create_flow(json!({"name": "Flow"})).await;
    for (schema, kind) in [
        (json!({"answer": ""}), "an object"),
        (json!("[]"), "a string"),
        (json!(5), "a number"),
        (json!(true), "a boolean"),
    ] {
        let expected = format!("schema: must be a JSON array of steps, got {kind}");
        let create = admin
            .post(FLOWS, json!({"name": "Bad", "schema": schema}))
            .await;
        let detail =
            create.expect_error(StatusCode::BAD_REQUEST, "app.routing_schema.schema.invalid");
        assert_eq!(detail, expected);
        let put = admin
            .put(
                &flow_path(id_of(&flow)),
                json!({"name": "Flow", "schema": schema}),
            )
            .await;
        put.expect_error(StatusCode::BAD_REQUEST, "app.routing_schema.schema.invalid");
        let patch = admin
            .patch(&flow_path(id_of(&flow)), json!({"schema": schema}))
            .await;
        patch.expect_error(StatusCode::BAD_REQUEST, "app.routing_schema.schema.invalid");
    }
    assert_eq!(read(&admin, id_of(&flow)).await, flow);
    for payload in [
        json!([1, 2]),
        json!("layout"),
        json!(3.5),
        json!({"deep": {"a": [null]}}),
    ] {
        let reply = ok(admin
            .patch(&flow_path(id_of(&flow)), json!({"payload": payload}))
            .await);
        assert_eq!(reply.body["payload"], payload);
        assert_eq!(read(&admin, id_of(&flow)).await["payload"], payload);
    }
}

async fn malformed_bodies_are_400_naming_the_field(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let flow = admin.create_flow(json!({"name": "Flow"})).await;
    let path = flow_path(id_of(&flow));
    let cases: [(&[u8], &str); 13] = [
        (b"oops", "expected value"),
        (b"", "EOF while parsing"),
        (br#""text""#, "the body must be a JSON object, got a string"),
        (
            br#"["Name"]"#,
            "the body must be a JSON object, got an array",
        ),
        (
            br#"{"name": 5}"#,
            "name: invalid type: integer `5`, expected a string",
        ),
        (
            br#"{"name": "x", "tags": "ivr"}"#,
            "tags: invalid type: string \"ivr\"",
        ),
        (
            br#"{"name": "x", "tags": [{"name": "a"}, {"nam": 1}]}"#,
            "tags[1]: missing field `name`",
        ),
        (
            br#"{"name": "x", "editor": "yes"}"#,
            "editor: invalid type: string \"yes\", expected a boolean",
        ),
        (
            br#"{"name": "x", "debug": 1}"#,
            "debug: invalid type: integer `1`, expected a boolean",
        ),
        (
            br#"{"name": "x", "type": "ivr"}"#,
            "type: unknown variant `ivr`",
        ),
        (
            br#"{"name": "x", "fields": "name"}"#,
            "fields: invalid type: string \"name\"",
        ),
        (
            br#"{"name": "x"} []"#,
            "unexpected text after the JSON value",
        ),
        (b"{\"name\": \"\xff\"}", "not UTF-8"),
    ];
    for (body, named) in cases {
        for method in [Method::POST, Method::PUT, Method::PATCH] {
            let target = if method == Method::POST { FLOWS } else { &path };
            let reply = admin.send_raw(method.clone(), target, body.to_vec()).await;
            let detail = reply.expect_error(StatusCode::BAD_REQUEST, "app.request.body.invalid");
            assert!(
                detail.contains(named),
                "{method} {:?}: {detail}",
                String::from_utf8_lossy(body)
            );
        }
    }
    assert_eq!(read(&admin, id_of(&flow)).await, flow);
    let all = admin.get(FLOWS).await;
    assert_eq!(
        all.body["items"].as_array().unwrap().len(),
        1,
        "nothing was created"
    );
}

/// A create body nested `depth` levels deep: the outer object and `depth - 1` arrays.
/// A create body nested exactly `depth` deep: the body, its schema, one step, and arrays in
/// the step's argument.
fn nested_body(depth: usize) -> String {
    let arrays = depth - 3;
    format!(
        r#"{{"name": "Deep {depth} [[[[[[[[", "schema": [{{"log": {}{}}}]}}"#,
        "[".repeat(arrays),
        "]".repeat(arrays)
    )
}

/// The schema of [`nested_body`].
fn nested_schema(depth: usize) -> Value {
    let argument = (1..depth - 3).fold(json!([]), |inner, _| json!([inner]));
    json!([{ "log": argument }])
}

async fn nesting_beyond_the_configured_depth_is_refused(engine: Engine) {
    for bound in [4, 100, 120] {
        let settings = Settings {
            max_json_depth: bound,
            ..test_settings()
        };
        let server = TestServer::start_with(engine, settings, StoreOptions::default()).await;
        let admin = server.user("main", "admin", Role::Admin).await;

        // Exactly at the bound (brackets inside strings do not count): accepted and kept.
        let reply = ok(admin
            .send_raw(Method::POST, FLOWS, nested_body(bound))
            .await);
        let created = reply.body.clone();
        assert_eq!(created["schema"], nested_schema(bound), "bound {bound}");
        let read = admin.get(&flow_path(id_of(&created))).await;
        // Even the deepest flow reads back with serde_json's default limit, also in a list.
        assert_eq!(read.body, created);
        let listed = admin.get(&format!("{FLOWS}?fields=schema")).await;
        assert_eq!(
            listed.body["items"][0]["schema"], created["schema"],
            "bound {bound}"
        );

        // One level deeper: refused before parsing, on every write.
        let too_deep = nested_body(bound + 1);
        let path = flow_path(id_of(&created));
        for (method, target) in [
            (Method::POST, FLOWS),
            (Method::PUT, &path),
            (Method::PATCH, &path),
        ] {
            let reply = admin.send_raw(method, target, too_deep.clone()).await;
            let detail = reply.expect_error(StatusCode::BAD_REQUEST, "app.request.body.too_deep");
            assert!(
                detail.contains(&format!("deeper than {bound} levels")),
                "{detail}"
            );
        }
        let objects = format!(
            r#"{{"name": "Objects", "payload": {}1{}}}"#,
            r#"{"a": "#.repeat(bound),
            "}".repeat(bound)
        );
        let reply = admin.send_raw(Method::POST, FLOWS, objects).await;
        reply.expect_error(StatusCode::BAD_REQUEST, "app.request.body.too_deep");
        // A hostile body far deeper than any bound costs nothing.
        let hostile = format!(r#"{{"schema": {}"#, "[".repeat(1_000_000));
        let reply = admin.send_raw(Method::POST, FLOWS, hostile).await;
        reply.expect_error(StatusCode::BAD_REQUEST, "app.request.body.too_deep");
    }
}

async fn bodies_over_the_limit_are_413(engine: Engine) {
    let settings = Settings {
        body_limit: 1024,
        ..test_settings()
    };
    let server = TestServer::start_with(engine, settings, StoreOptions::default()).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let body =
        |name: &str, size: usize| json!({"name": name, "schema": [{"say": "x".repeat(size)}]});
    let flow = admin.create_flow(body("Small", 900)).await;
    assert!(serde_json::to_vec(&body("Small", 900)).unwrap().len() <= 1024);
    let big = body("Big", 2000);
    let path = flow_path(id_of(&flow));
    for method in [Method::POST, Method::PUT, Method::PATCH] {
        let target = if method == Method::POST { FLOWS } else { &path };
        let reply = admin.call(method.clone(), target, Some(big.clone())).await;
        let detail =
            reply.expect_error(StatusCode::PAYLOAD_TOO_LARGE, "app.request.body.too_large");
        assert_eq!(
            detail, "request body is larger than the limit of 1024 bytes",
            "{method}"
        );
    }
    assert_eq!(read(&admin, id_of(&flow)).await, flow);
    assert_eq!(
        admin.get(FLOWS).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

async fn put_replaces_everything_but_editor(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let editor = server.user("main", "bob", Role::Editor).await;
    let diagram = admin.create_flow(full_body("Diagram")).await;
    let reply = ok(editor
        .put(
            &flow_path(id_of(&diagram)),
            json!({"name": " Replaced ", "schema": [{"hangup": {}}], "editor": false}),
        )
        .await);
    let replaced = &reply.body;
    let mut expected = json!({
        "name": "Replaced", "description": "", "type": "default", "editor": true,
        "schema": [{"hangup": {}}], "payload": {}, "debug": false, "tags": [],
    });
    for key in ["id", "created_at", "created_by"] {
        expected[key] = diagram[key].clone();
    }
    expected["updated_at"] = replaced["updated_at"].clone();
    expected["updated_by"] = user_ref(&editor).await;
    // The schema changed: a new version, without a note as none was given.
    expected["version"] = json!(diagram["version"].as_i64().unwrap() + 1);
    expected["note"] = json!("");
    assert_eq!(replaced, &expected);
    assert!(millis(&replaced["updated_at"]) > millis(&diagram["updated_at"]));
    assert_eq!(
        reply.etag(),
        format!("\"{}\"", millis(&replaced["updated_at"]))
    );
    assert_eq!(&read(&admin, id_of(&diagram)).await, replaced);

    // A code flow stays a code flow.
    let code = admin
        .create_flow(json!({"name": "Code", "schema": [{"answer": ""}]}))
        .await;
    let mut body = full_body("Code");
    body["editor"] = json!(true);
    let reply = ok(admin.put(&flow_path(id_of(&code)), body).await);
    assert_eq!(reply.body["editor"], json!(false));
    assert_eq!(reply.body["payload"], full_body("Code")["payload"]);
}

async fn patch_applies_only_the_named_or_present_fields(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let flow = admin.create_flow(full_body("Patched")).await;
    let path = flow_path(id_of(&flow));
    // Everything a PATCH may leave alone compared with `current`.
    let unchanged_but = |current: &Value, patched: &Value, changed: &[&str]| {
        let mut expected = current.clone();
        for key in changed
            .iter()
            .chain(&["updated_at", "updated_by", "version", "note"])
        {
            expected[*key] = patched[*key].clone();
        }
        assert_eq!(patched, &expected, "only {changed:?} changed");
    };

    let steps: [(Value, &[&str]); 5] = [
        // With `fields`, only those fields apply, whatever else the body carries.
        (
            json!({"name": "Renamed", "description": "ignored", "type": "chat", "tags": [], "fields": ["name"]}),
            &["name"],
        ),
        // Without `fields`, every field the body carries applies.
        (
            json!({"description": "New text", "debug": false}),
            &["description", "debug"],
        ),
        (
            json!({"fields": ["tags", "type"], "tags": [{"name": "x"}], "type": "service", "name": "ignored"}),
            &["tags", "type"],
        ),
        // A named field missing from the body is set to its empty value.
        (
            json!({"fields": ["description", "payload"]}),
            &["description", "payload"],
        ),
        // Unlike PUT, PATCH switches the editor when asked (a code flow opened as a diagram
        // becomes a diagram flow).
        (
            json!({"editor": false, "fields": ["editor", "schema"], "schema": [{"hangup": {}}]}),
            &["editor", "schema"],
        ),
    ];
    let mut current = flow;
    for (body, changed) in steps {
        let patched = ok(admin.patch(&path, body.clone()).await).body;
        unchanged_but(&current, &patched, changed);
        assert_eq!(read(&admin, id_of(&patched)).await, patched);
        current = patched;
    }
    assert_eq!(
        (
            &current["name"],
            &current["description"],
            &current["type"],
            &current["editor"]
        ),
        (
            &json!("Renamed"),
            &json!(""),
            &json!("service"),
            &json!(false)
        )
    );
    assert_eq!(
        (&current["payload"], &current["debug"]),
        (&json!({}), &json!(false))
    );

    // A name that is no field a PATCH changes is ignored, as Webitel ignores it: the flow is
    // saved unchanged.
    for fields in [
        json!(["id"]),
        json!(["created_by", "updated_at"]),
        json!(["Name", "bogus", ""]),
    ] {
        let body = json!({"name": "Other", "id": "1", "fields": fields});
        let patched = ok(admin.patch(&path, body).await).body;
        unchanged_but(&current, &patched, &[]);
        assert_eq!(read(&admin, id_of(&patched)).await, patched);
        current = patched;
    }
    // Beside known names, they change nothing either.
    let patched = ok(admin
        .patch(
            &path,
            json!({"name": "Other", "note": "n", "fields": ["note", "name", "bogus"]}),
        )
        .await)
    .body;
    unchanged_but(&current, &patched, &["name"]);
}

async fn delete_returns_the_deleted_flow_then_404(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let kept = admin
        .create_flow(json!({"name": "Kept", "tags": [{"name": "kept"}]}))
        .await;
    let flow = admin.create_flow(full_body("Doomed")).await;
    let id = id_of(&flow);
    ok(admin
        .patch(&flow_path(id), json!({"schema": [{"v": 2}]}))
        .await);
    let current = read(&admin, id).await;
    let deleted = ok(admin.delete(&flow_path(id)).await);
    assert_eq!(deleted.body, current);

    let not_found = |reply: Reply| {
        let detail = reply
            .expect_error(StatusCode::NOT_FOUND, "app.routing_schema.not_found")
            .to_owned();
        assert_eq!(detail, format!("flow id={id} not found"));
    };
    not_found(admin.get(&flow_path(id)).await);
    not_found(admin.delete(&flow_path(id)).await);
    not_found(admin.put(&flow_path(id), json!({"name": "Doomed"})).await);
    not_found(admin.patch(&flow_path(id), json!({"name": "Doomed"})).await);
    not_found(admin.get(&versions_path(id)).await);
    let listed = admin.get(FLOWS).await;
    assert_eq!(
        listed.body["items"],
        json!([{"id": id_of(&kept), "name": "Kept", "editor": false, "type": "default", "tags": [{"name": "kept"}]}])
    );
    let tags = admin.get(SEARCH_TAGS.served_path).await;
    assert_eq!(
        tags.body,
        json!({"items": [{"name": "kept"}], "next": false})
    );
    admin
        .delete(&flow_path("999999999"))
        .await
        .expect_error(StatusCode::NOT_FOUND, "app.routing_schema.not_found");
}

async fn if_match_refuses_stale_writes_and_changes_nothing(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let created = ok(admin.post(FLOWS, full_body("Guarded")).await);
    let id = id_of(&created.body).to_owned();
    let first = created.etag();
    assert_eq!(admin.get(&flow_path(&id)).await.etag(), first);

    // The current ETag: the write goes through and answers a new ETag.
    let mut body = full_body("Guarded 2");
    body["schema"] = json!([{"v": 2}]);
    let put = ok(call_if_match(&admin, Method::PUT, &id, Some(body), &first).await);
    let second = put.etag();
    assert_ne!(second, first);
    assert_eq!(second, format!("\"{}\"", millis(&put.body["updated_at"])));

    // The old ETag: 409 on every write, and nothing changes (no version either).
    let stale_writes = [
        (
            Method::PUT,
            Some(json!({"name": "Lost", "schema": [{"lost": 1}]})),
        ),
        (
            Method::PATCH,
            Some(json!({"name": "Lost", "schema": [{"lost": 2}]})),
        ),
        (Method::DELETE, None),
    ];
    for (method, body) in stale_writes {
        let reply = call_if_match(&admin, method.clone(), &id, body, &first).await;
        let detail = reply.expect_error(StatusCode::CONFLICT, "app.routing_schema.update.conflict");
        let current = millis(&put.body["updated_at"]);
        assert!(
            detail.contains(&format!("now at updated_at={current}")),
            "{method}: {detail}"
        );
        assert_eq!(
            read(&admin, &id).await,
            put.body,
            "{method} changed nothing"
        );
    }
    assert_eq!(versions(&admin, &id, "").await.0.len(), 1);

    // Weak and unquoted forms of the current ETag are understood.
    let weak = format!("W/{second}");
    let patch = ok(call_if_match(
        &admin,
        Method::PATCH,
        &id,
        Some(json!({"debug": false})),
        &weak,
    )
    .await);
    let third = patch.etag();
    let unquoted = third.trim_matches('"').to_owned();
    let patch = ok(call_if_match(
        &admin,
        Method::PATCH,
        &id,
        Some(json!({"debug": true})),
        &unquoted,
    )
    .await);
    let fourth = patch.etag();
    // `*` matches any state.
    ok(call_if_match(
        &admin,
        Method::PATCH,
        &id,
        Some(json!({"description": "any"})),
        "*",
    )
    .await);
    let current = read(&admin, &id).await;

    // A malformed If-Match is a 400 naming the header.
    for method in [Method::PUT, Method::PATCH, Method::DELETE] {
        for malformed in ["\"yesterday\"", "W/\"\"", "\"1\", \"2\""] {
            let body = (method != Method::DELETE).then(|| full_body("Malformed"));
            let reply = call_if_match(&admin, method.clone(), &id, body, malformed).await;
            let detail =
                reply.expect_error(StatusCode::BAD_REQUEST, "app.request.parameter.invalid");
            assert!(detail.starts_with("If-Match="), "{detail}");
        }
    }
    assert_eq!(read(&admin, &id).await, current);

    // DELETE with the current ETag deletes (the stale `fourth` no longer matches).
    let stale = call_if_match(&admin, Method::DELETE, &id, None, &fourth).await;
    stale.expect_error(StatusCode::CONFLICT, "app.routing_schema.update.conflict");
    let etag = format!("\"{}\"", millis(&current["updated_at"]));
    let deleted = ok(call_if_match(&admin, Method::DELETE, &id, None, &etag).await);
    assert_eq!(deleted.body, current);
    admin
        .get(&flow_path(&id))
        .await
        .expect_error(StatusCode::NOT_FOUND, "app.routing_schema.not_found");
}

/// What a version of `flow` must look like, given the content it kept and who saved it when.
fn expected_version(item: &Value, flow: &Value, version: i64, saved: &Value, note: &str) -> Value {
    assert!(
        item["id"].as_str().unwrap().parse::<i64>().is_ok(),
        "{item}"
    );
    json!({
        "id": item["id"], "schema_id": flow["id"], "version": version.to_string(),
        "created_at": saved["updated_at"], "created_by": saved["updated_by"],
        "schema": saved["schema"], "payload": saved["payload"], "note": note,
    })
}

async fn versions_keep_each_earlier_content_with_its_author_and_note(engine: Engine) {
    let server = TestServer::start(engine).await;
    let alice = server.user("main", "alice", Role::Admin).await;
    let bob = server.user("main", "bob", Role::Editor).await;
    let carol = server.user("main", "carol", Role::Editor).await;

    let first = bob
        .create_flow(json!({"name": "History", "schema": [{"v": 1}], "payload": {"v": 1}, "note": "first draft"}))
        .await;
    let id = id_of(&first).to_owned();
    let path = flow_path(&id);
    assert_eq!(versions(&alice, &id, "").await, (vec![], false));

    // A schema change keeps the content it replaces.
    let second = ok(carol
        .put(&path, json!({"name": "History", "schema": [{"v": 2}], "payload": {"v": 1}, "note": " second "}))
        .await)
    .body;
    // Changes of anything but schema and payload make no version, whoever makes them.
    let no_version_changes = [
        json!({"name": "History renamed"}),
        json!({"tags": [{"name": "kept"}]}),
        json!({"description": "words", "debug": true, "type": "chat", "note": "not kept"}),
        json!({"schema": [{"v": 2}], "payload": {"v": 1}, "note": "same content"}),
    ];
    for body in no_version_changes {
        ok(alice.patch(&path, body).await);
    }
    let (items, next) = versions(&alice, &id, "").await;
    assert_eq!(
        items,
        [expected_version(
            &items[0],
            &first,
            1,
            &first,
            "first draft"
        )]
    );
    assert!(!next);

    // A payload change alone keeps a version too.
    let third = ok(bob
        .patch(&path, json!({"payload": {"v": 3}, "note": "layout"}))
        .await)
    .body;
    ok(alice.patch(&path, json!({"name": "History again"})).await);
    ok(alice
        .patch(&path, json!({"schema": [{"v": 4}], "fields": ["schema"]}))
        .await);

    let (items, next) = versions(&alice, &id, "").await;
    assert!(!next);
    assert_eq!(version_numbers(&items), [3, 2, 1], "newest first");
    let expected = [
        expected_version(&items[0], &first, 3, &third, "layout"),
        expected_version(&items[1], &first, 2, &second, "second"),
        expected_version(&items[2], &first, 1, &first, "first draft"),
    ];
    assert_eq!(items, expected);
    assert_eq!(items[1]["created_by"]["name"], json!("carol"));
    assert_eq!(items[1]["schema"], json!([{"v": 2}]));
    assert_eq!(items[1]["payload"], json!({"v": 1}));
    assert_eq!(read(&alice, &id).await["schema"], json!([{"v": 4}]));

    // Another domain does not see them.
    let acme = server.user("acme", "admin", Role::Admin).await;
    acme.get(&versions_path(&id))
        .await
        .expect_error(StatusCode::NOT_FOUND, "app.routing_schema.not_found");
}

/// Creates a flow at step 0, then saves steps 1..=saves, each with a note.
async fn flow_with_saves(api: &Api, saves: i64) -> String {
    let flow = api
        .create_flow(json!({"name": "Stepped", "schema": [{"step": 0}]}))
        .await;
    let id = id_of(&flow).to_owned();
    for step in 1..=saves {
        let body = json!({"schema": [{"step": step}], "note": format!("save {step}")});
        ok(api.patch(&flow_path(&id), body).await);
    }
    id
}

/// `(version, schema step, note)` of each listed version.
fn summary(items: &[Value]) -> Vec<(i64, i64, String)> {
    items
        .iter()
        .map(|item| {
            (
                version_of(item),
                item["schema"][0]["step"].as_i64().unwrap(),
                item["note"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn versions_keep_only_the_newest_n(engine: Engine) {
    let options = StoreOptions {
        versions_kept: 3,
        ..Default::default()
    };
    let server = TestServer::start_with(engine, test_settings(), options).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let id = flow_with_saves(&admin, 5).await;
    let (items, next) = versions(&admin, &id, "").await;
    assert!(!next);
    let kept = |version: i64| (version, version - 1, format!("save {}", version - 1));
    assert_eq!(summary(&items), [kept(5), kept(4), kept(3)]);
    // One more save drops the oldest kept one.
    ok(admin
        .patch(
            &flow_path(&id),
            json!({"schema": [{"step": 6}], "note": "save 6"}),
        )
        .await);
    assert_eq!(
        summary(&versions(&admin, &id, "").await.0),
        [kept(6), kept(5), kept(4)]
    );
}

async fn versions_are_paged(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let id = flow_with_saves(&admin, 5).await;
    let pages = [
        ("size=2", vec![5, 4], true),
        ("size=2&page=0", vec![5, 4], true),
        ("size=2&page=2", vec![3, 2], true),
        ("size=2&page=3", vec![1], false),
        ("size=2&page=4", vec![], false),
        ("size=4", vec![5, 4, 3, 2], true),
        ("size=5", vec![5, 4, 3, 2, 1], false),
        ("size=0", vec![5, 4, 3, 2, 1], false),
        ("", vec![5, 4, 3, 2, 1], false),
    ];
    for (query, numbers, more) in pages {
        let (items, next) = versions(&admin, &id, query).await;
        assert_eq!((version_numbers(&items), next), (numbers, more), "{query}");
    }
    let (items, _) = versions(&admin, &id, "").await;
    assert_eq!(
        summary(&items)[4],
        (1, 0, String::new()),
        "the first content had no note"
    );
}

on_both_engines!(
    schemas_of_invalid_steps_are_refused_with_the_path,
    create_fills_defaults_and_returns_the_full_entity,
    names_are_unique_per_domain_ignoring_case,
    names_are_1_to_100_characters,
    descriptions_are_at_most_200_characters,
    tags_are_trimmed_deduplicated_and_bounded,
    schema_must_be_an_array_and_payload_may_be_anything,
    malformed_bodies_are_400_naming_the_field,
    nesting_beyond_the_configured_depth_is_refused,
    bodies_over_the_limit_are_413,
    put_replaces_everything_but_editor,
    patch_applies_only_the_named_or_present_fields,
    delete_returns_the_deleted_flow_then_404,
    if_match_refuses_stale_writes_and_changes_nothing,
    versions_keep_each_earlier_content_with_its_author_and_note,
    versions_keep_only_the_newest_n,
    versions_are_paged,
);
