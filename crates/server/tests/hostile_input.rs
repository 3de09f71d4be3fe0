//! The hostile-input table, on both engines: each row is a request someone could send, and the
//! answer it must get. Accepted text is stored and returned exactly as sent (it is data, never
//! markup or SQL); refused requests answer in the error shape, naming what is wrong, and
//! change nothing.

mod common;

use common::{url_encoded, Api, Engine, Reply, TestServer};
use flow_model::contract::{ACCESS_HEADER, READ_FLOW, SEARCH_FLOWS};
use flow_model::Role;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Where flows are searched (GET) and created (POST).
const FLOWS: &str = SEARCH_FLOWS.served_path;

/// What a row sends.
enum Send {
    /// A create with this name and these tags.
    Named(&'static str, &'static [&'static str]),
    /// A create with this raw body.
    Raw(Vec<u8>),
    /// A create announcing a body of this many bytes, of which only the start is sent: the
    /// answer must come without the server reading (or the client sending) all of it.
    Announced(usize),
    /// A GET of this path (relative to the API root), with these headers.
    Get(String, Vec<(&'static str, String)>),
}

/// What a row must get: accepted (the name and tags stored as sent), or refused with this
/// status and error id, the detail containing some text.
enum Expect {
    Stored,
    Found(usize),
    Refused(StatusCode, &'static str, &'static str),
}

struct Row {
    what: &'static str,
    send: Send,
    expect: Expect,
}

fn body(value: Value) -> Vec<u8> {
    value.to_string().into_bytes()
}

fn deep_schema(depth: usize) -> Vec<u8> {
    format!(
        r#"{{"name": "Deep", "schema": [{{"log": {}{}}}]}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    )
    .into_bytes()
}

fn rows(other_domain_flow: &str, other_domain_token: &str) -> Vec<Row> {
    let named = |what, name, tags| Row {
        what,
        send: Send::Named(name, tags),
        expect: Expect::Stored,
    };
    let refused = |what, send, status, id, named| Row {
        what,
        send,
        expect: Expect::Refused(status, id, named),
    };
    let get = |path: String| Send::Get(path, Vec::new());
    let with_token =
        |path: &str, token: String| Send::Get(path.to_owned(), vec![(ACCESS_HEADER, token)]);
    let bad = StatusCode::BAD_REQUEST;
    let hundred = "名".repeat(100);
    vec![
        named(
            "HTML and script in a name and a tag",
            "<script>alert('x')</script><b>bold</b>",
            &["<img src=x onerror=alert(1)>"],
        ),
        named(
            "SQL metacharacters",
            "x'); DROP TABLE routing_schema; -- \" % _ \\",
            &["' OR '1'='1"],
        ),
        named(
            "right-to-left override and Arabic",
            "\u{202E}txt.exe مرحبا",
            &["\u{200F}rtl"],
        ),
        named(
            "emoji and combining marks",
            "👩‍👩‍👧‍👦 e\u{301}\u{301}\u{301} Z\u{0351}\u{0355}",
            &["🔥"],
        ),
        Row {
            what: "100 characters (of several bytes each) is the most",
            send: Send::Raw(body(json!({"name": hundred}))),
            expect: Expect::Stored,
        },
        refused(
            "101 characters",
            Send::Raw(body(json!({"name": "n".repeat(101)}))),
            bad,
            "app.routing_schema.name.invalid",
            "at most 100 characters",
        ),
        refused(
            "a NUL in a name",
            Send::Raw(body(json!({"name": "a\u{0}b"}))),
            bad,
            "app.routing_schema.name.invalid",
            "control character",
        ),
        refused(
            "a NUL in a tag",
            Send::Raw(body(json!({"name": "ok", "tags": [{"name": "a\u{0}"}]}))),
            bad,
            "app.routing_schema.tags.invalid",
            "control character",
        ),
        refused(
            "a whitespace-only name",
            Send::Raw(body(json!({"name": " \t\u{3000} "}))),
            bad,
            "app.routing_schema.name.invalid",
            "blank",
        ),
        refused(
            "a schema that is an object",
            Send::Raw(body(json!({"name": "s", "schema": {"answer": ""}}))),
            bad,
            "app.routing_schema.schema.invalid",
            "array",
        ),
        refused(
            "a schema that is text",
            Send::Raw(body(json!({"name": "s", "schema": "[]"}))),
            bad,
            "app.routing_schema.schema.invalid",
            "array",
        ),
        refused(
            "10,000 levels of nesting",
            Send::Raw(deep_schema(10_000)),
            bad,
            "app.request.body.too_deep",
            "deeper than",
        ),
        refused(
            "a 50 MB body",
            Send::Announced(50 * 1024 * 1024),
            StatusCode::PAYLOAD_TOO_LARGE,
            "app.request.body.too_large",
            "larger than",
        ),
        refused(
            "duplicate keys",
            Send::Raw(br#"{"name": "one", "name": "two"}"#.to_vec()),
            bad,
            "app.request.body.invalid",
            "duplicate field `name`",
        ),
        refused(
            "a number beyond f64",
            Send::Raw(br#"{"name": "n", "schema": [{"sleep": 1e400}]}"#.to_vec()),
            bad,
            "app.request.body.invalid",
            "number out of range",
        ),
        refused(
            "invalid UTF-8",
            Send::Raw(b"{\"name\": \"\xc3\x28\"}".to_vec()),
            bad,
            "app.request.body.invalid",
            "UTF-8",
        ),
        refused(
            "a name of the wrong type",
            Send::Raw(body(json!({"name": ["x"]}))),
            bad,
            "app.request.body.invalid",
            "name: invalid type",
        ),
        refused(
            "a type of the wrong type",
            Send::Raw(body(json!({"name": "t", "type": 7}))),
            bad,
            "app.request.body.invalid",
            "type: invalid type",
        ),
        refused(
            "an editor of the wrong type",
            Send::Raw(body(json!({"name": "t", "editor": "true"}))),
            bad,
            "app.request.body.invalid",
            "editor: invalid type",
        ),
        refused(
            "a description of the wrong type",
            Send::Raw(body(json!({"name": "t", "description": {"text": "x"}}))),
            bad,
            "app.request.body.invalid",
            "description: invalid type",
        ),
        refused(
            "tags of the wrong type",
            Send::Raw(body(json!({"name": "t", "tags": [1, 2]}))),
            bad,
            "app.request.body.invalid",
            "tags[0]: invalid type",
        ),
        refused(
            "debug of the wrong type",
            Send::Raw(body(json!({"name": "t", "debug": "no"}))),
            bad,
            "app.request.body.invalid",
            "debug: invalid type",
        ),
        Row {
            what: "unknown query parameters are ignored",
            send: get(format!("{FLOWS}?admin=true&debug=1&__proto__=x")),
            expect: Expect::Found(0),
        },
        refused(
            "a sort on a field that is not there",
            get(format!("{FLOWS}?sort=password")),
            bad,
            "app.request.parameter.invalid",
            "sort=\"password\"",
        ),
        refused(
            "a sort with SQL in it",
            get(format!("{FLOWS}?sort=name;DROP%20TABLE%20app_user")),
            bad,
            "app.request.parameter.invalid",
            "sort=",
        ),
        refused(
            "a negative id",
            get(READ_FLOW.served_path_for(-1)),
            StatusCode::NOT_FOUND,
            "app.routing_schema.not_found",
            "id=-1",
        ),
        refused(
            "an id beyond i64",
            get(READ_FLOW.served_path_for("99999999999999999999999")),
            bad,
            "app.request.parameter.invalid",
            "id=\"99999999999999999999999\"",
        ),
        refused(
            "an id of another domain",
            get(READ_FLOW.served_path_for(other_domain_flow)),
            StatusCode::NOT_FOUND,
            "app.routing_schema.not_found",
            "not found",
        ),
        refused(
            "an expired or made-up token",
            with_token(FLOWS, "0123456789abcdef0123456789abcdef".into()),
            StatusCode::UNAUTHORIZED,
            "app.auth.unauthorized",
            "",
        ),
        refused(
            "a token with SQL in it",
            with_token(FLOWS, "' OR '1'='1' --".into()),
            StatusCode::UNAUTHORIZED,
            "app.auth.unauthorized",
            "",
        ),
        refused(
            "a 10,000-character token",
            with_token(FLOWS, "t".repeat(10_000)),
            StatusCode::UNAUTHORIZED,
            "app.auth.unauthorized",
            "",
        ),
        refused(
            "another domain's token, for this domain's flow",
            with_token(
                &READ_FLOW.served_path_for("{own}"),
                other_domain_token.to_owned(),
            ),
            StatusCode::NOT_FOUND,
            "app.routing_schema.not_found",
            "not found",
        ),
    ]
}

async fn send(api: &Api, row: &Send, own_flow: &str) -> Reply {
    match row {
        Send::Named(name, tags) => {
            let tags: Vec<Value> = tags.iter().map(|tag| json!({"name": tag})).collect();
            api.call(
                Method::POST,
                FLOWS,
                Some(json!({"name": name, "tags": tags})),
            )
            .await
        }
        Send::Raw(bytes) => api.send_raw(Method::POST, FLOWS, bytes.clone()).await,
        Send::Announced(length) => announced(api, *length).await,
        Send::Get(path, headers) => {
            let path = path.replace("{own}", own_flow);
            match headers.first() {
                Some((name, value)) => {
                    let anonymous = Api {
                        token: None,
                        ..api.clone()
                    };
                    anonymous
                        .call_with(Method::GET, &path, None, &[(name, value.as_str())])
                        .await
                }
                None => api.get(&path).await,
            }
        }
    }
}

/// Sends the head of a create announcing `length` bytes and the first kilobytes of them, then
/// reads the answer.
async fn announced(api: &Api, length: usize) -> Reply {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = api.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    let head = format!(
        "POST {FLOWS} HTTP/1.1\r\nHost: {address}\r\n{ACCESS_HEADER}: {}\r\n\
         Content-Type: application/json\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n\
         {{\"name\": \"big\", \"description\": \"{}",
        api.token.as_deref().unwrap_or_default(),
        "x".repeat(64 * 1024)
    );
    stream.write_all(head.as_bytes()).await.expect("head sent");
    let mut answer = Vec::new();
    tokio::time::timeout(
        std::time::Duration::from_secs(10),
        stream.read_to_end(&mut answer),
    )
    .await
    .expect("answered without the rest of the body")
    .expect("answer read");
    let answer = String::from_utf8_lossy(&answer);
    let (head, body) = answer.split_once("\r\n\r\n").expect("a whole answer");
    let status: u16 = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("status");
    let mut headers = reqwest::header::HeaderMap::new();
    for line in head.lines().skip(1) {
        if let Some((name, value)) = line.split_once(": ") {
            headers.insert(
                reqwest::header::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
    }
    Reply {
        status: StatusCode::from_u16(status).unwrap(),
        headers,
        body: serde_json::from_str(body).unwrap_or(Value::String(body.to_owned())),
    }
}

/// Every flow of the caller's domain, in full, by id.
async fn everything(api: &Api) -> Value {
    let reply = api
        .get(&format!("{FLOWS}?size=100&sort=%2Bcreated_at"))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body["items"].clone()
}

async fn every_row_of_the_table_gets_its_answer(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let other = server.user("elsewhere", "mallory", Role::Admin).await;
    let own = admin.create_flow(json!({"name": "Own flow"})).await;
    let own_id = own["id"].as_str().unwrap().to_owned();
    let theirs = other.create_flow(json!({"name": "Their flow"})).await;
    let table = rows(
        theirs["id"].as_str().unwrap(),
        other.token.as_deref().unwrap(),
    );
    assert!(table.len() >= 30, "the whole table");
    for row in table {
        let before = everything(&admin).await;
        let reply = send(&admin, &row.send, &own_id).await;
        match row.expect {
            Expect::Stored => {
                assert_eq!(reply.status, StatusCode::OK, "{}: {}", row.what, reply.body);
                let (name, tags) = match &row.send {
                    Send::Named(name, tags) => ((*name).to_owned(), tags.to_vec()),
                    Send::Raw(bytes) => {
                        let sent: Value = serde_json::from_slice(bytes).unwrap();
                        (sent["name"].as_str().unwrap().to_owned(), Vec::new())
                    }
                    Send::Get(..) | Send::Announced(_) => unreachable!("stores nothing"),
                };
                let stored = admin
                    .get(&READ_FLOW.served_path_for(reply.body["id"].as_str().unwrap()))
                    .await;
                assert_eq!(stored.body["name"], name, "{}: stored exactly", row.what);
                let stored_tags: Vec<&str> = stored.body["tags"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|tag| tag["name"].as_str().unwrap())
                    .collect();
                assert_eq!(stored_tags, tags, "{}", row.what);
                // Found again by its own text, and only it.
                let found = admin
                    .get(&format!("{FLOWS}?name={}", url_encoded(&name)))
                    .await;
                assert_eq!(
                    found.body["items"].as_array().map(Vec::len),
                    Some(1),
                    "{}: {}",
                    row.what,
                    found.body
                );
            }
            Expect::Found(extra) => {
                assert_eq!(reply.status, StatusCode::OK, "{}: {}", row.what, reply.body);
                let count = reply.body["items"].as_array().map_or(0, Vec::len);
                assert_eq!(
                    count,
                    before.as_array().unwrap().len() + extra,
                    "{}",
                    row.what
                );
            }
            Expect::Refused(status, id, named) => {
                let detail = reply.expect_error(status, id);
                assert!(detail.contains(named), "{}: {detail}", row.what);
                assert_eq!(
                    everything(&admin).await,
                    before,
                    "{}: nothing changed",
                    row.what
                );
            }
        }
    }
    // The other domain saw none of it.
    let theirs_now = other.get(FLOWS).await;
    assert_eq!(theirs_now.body["items"].as_array().map(Vec::len), Some(1));
}

on_both_engines!(every_row_of_the_table_gets_its_answer);
