//! `flows login`, `export` and `import` on Webitel's wire: our server behind the Webitel
//! double, which answers as Webitel's engine does (a token-only sign-in, zero values left out,
//! writes answered without some fields, no ETag, a taken name as a 400).

mod common;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use common::{corpus, failed, files, folder_arg, succeeded, Server};
use flow_model::contract::ACCESS_HEADER;
use serde_json::{json, Value};
use std::path::Path;
use std::process::Output;
use std::sync::{Arc, Mutex};

/// What someone else does while `flows` runs: before the first request that `when` picks,
/// the request `extra` makes of its path goes through the double, as the same user.
#[derive(Clone, Copy)]
struct Meddling {
    when: fn(&Method, &str) -> bool,
    extra: fn(&str) -> (Method, String, Value),
}

type Pending = Arc<Mutex<Option<Meddling>>>;

async fn meddle(State(pending): State<Pending>, request: Request, next: Next) -> Response {
    let due = {
        let mut pending = pending.lock().unwrap();
        match *pending {
            Some(meddling) if (meddling.when)(request.method(), request.uri().path()) => {
                pending.take()
            }
            _ => None,
        }
    };
    if let Some(meddling) = due {
        let (method, path, body) = (meddling.extra)(request.uri().path());
        let mut extra = Request::builder()
            .method(method)
            .uri(path)
            .header("content-type", "application/json");
        if let Some(token) = request.headers().get(ACCESS_HEADER) {
            extra = extra.header(ACCESS_HEADER, token);
        }
        let answer = next
            .clone()
            .run(extra.body(body.to_string().into()).unwrap())
            .await;
        let status = answer.status();
        let body = axum::body::to_bytes(answer.into_body(), usize::MAX)
            .await
            .unwrap();
        assert!(status.is_success(), "{status}: {body:?}");
    }
    next.run(request).await
}

/// A read of one flow (not the list, not its versions).
fn reads_a_flow(method: &Method, path: &str) -> bool {
    method == Method::GET
        && path
            .strip_prefix("/api/routing/schema/")
            .is_some_and(|id| id.parse::<i64>().is_ok())
}

/// Someone saves another schema into the flow at `path`.
fn saves_another_schema(path: &str) -> (Method, String, Value) {
    let body = json!({"schema": [{"hangup": ""}], "fields": ["schema"]});
    (Method::PATCH, path.to_owned(), body)
}

fn creates_a_flow(method: &Method, path: &str) -> bool {
    method == Method::POST && path == "/api/routing/schema"
}

/// Someone creates a flow named "Taken".
fn creates_taken(path: &str) -> (Method, String, Value) {
    let body = json!({"name": "Taken", "schema": []});
    (Method::POST, path.to_owned(), body)
}

/// The double in front of our server, with a hook for [`Meddling`].
fn start() -> (Server, Pending) {
    let pending: Pending = Arc::default();
    let hook = pending.clone();
    // Around the double's whole router, so that the extra request is routed too.
    let server = Server::behind_webitel(move |app| {
        axum::Router::new()
            .fallback_service(app)
            .layer(axum::middleware::from_fn_with_state(hook, meddle))
    });
    (server, pending)
}

/// Runs `flows` on our server itself (signed in to `main` its own way), to see what the
/// double hides.
fn behind(server: &Server, args: &[&str]) -> Output {
    let config = server.config.path().join("upstream.json");
    let to_upstream = ["--server", server.upstream.as_str()];
    if !config.exists() {
        let login = [
            &["login", "--username", "admin", "--domain", "main"][..],
            &to_upstream,
        ]
        .concat();
        succeeded(&server.run(&config, &login));
    }
    server.run(&config, &[args, &to_upstream].concat())
}

fn write(folder: &Path, name: &str, content: &Value) {
    std::fs::write(folder.join(name), content.to_string()).unwrap();
}

/// A chat bot with every field set, a typed flow with the rest at defaults, and a bare schema
/// (no type: `default`, which Webitel leaves out like every other zero value).
fn sample(folder: &Path) {
    write(
        folder,
        "Bot.json",
        &json!({"name": "Bot", "description": "Answers chats", "type": "chat", "editor": true,
                "schema": [{"sendText": "hi"}], "payload": {"layout": 1}, "debug": true,
                "tags": [{"name": "bot"}, {"name": "sales"}]}),
    );
    write(
        folder,
        "Defaults.json",
        &json!({"name": "Defaults", "type": "voice", "schema": [{"hangup": ""}]}),
    );
    write(folder, "Untyped.json", &json!([{"answer": ""}]));
}

fn json_of(files: &[(String, String)], name: &str) -> Value {
    let (_, text) = files.iter().find(|(file, _)| file == name).unwrap();
    serde_json::from_str(text).unwrap()
}

#[test]
fn login_takes_user_at_domain_and_says_what_is_wrong() {
    let (server, _) = start();
    let config = server.config.path().join("main.json");
    let login = |username: &str, server_url: &str| {
        server.run(
            &config,
            &["login", "--server", server_url, "--username", username],
        )
    };
    let signed_in = succeeded(&login("admin@main", &server.base));
    assert!(
        signed_in.contains(&format!(
            "signed in to {}/api as admin @ main (flows: create, read, update, delete)",
            server.base
        )),
        "{signed_in}"
    );
    let folder = tempfile::tempdir().unwrap();
    let exported = succeeded(&server.run(&config, &["export", folder_arg(folder.path())]));
    assert!(exported.contains("exported 0 flow(s)"), "{exported}");

    let stderr = failed(&login("admin", &server.base));
    assert!(stderr.contains("--username user@domain"), "{stderr}");

    let wrong = std::process::Command::new(env!("CARGO_BIN_EXE_flows"))
        .args([
            "login",
            "--server",
            &server.base,
            "--username",
            "admin@main",
        ])
        .env("FLOWS_CONFIG", server.config.path().join("wrong.json"))
        .env("FLOWS_PASSWORD", "wrong")
        .output()
        .unwrap();
    let stderr = failed(&wrong);
    assert!(
        stderr.contains("refused the sign-in as admin @ main")
            && stderr.contains("HTTP 401); check the username, domain and password"),
        "{stderr}"
    );

    // A path of the engine that is not its API: the double's 404.
    let stderr = failed(&login("admin@main", &format!("{}/engine", server.base)));
    assert!(
        stderr.contains("/engine does not answer as Webitel's API does (the sign-in: HTTP 404"),
        "{stderr}"
    );

    // A web page answers whatever is asked.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let page = format!("http://{}", listener.local_addr().unwrap());
    let site = axum::Router::new()
        .fallback(|| async { axum::response::Html("<html><body>Welcome</body></html>") });
    runtime.spawn(async move { axum::serve(listener, site).await });
    let stderr = failed(&login("admin@main", &page));
    assert!(
        stderr.contains("does not answer as Webitel's API does (the sign-in: HTTP 200 OK with an answer that does not read"),
        "{stderr}"
    );
    assert!(!server.config.path().join("wrong.json").exists());
}

#[test]
fn export_reads_flows_with_their_zero_values_left_out() {
    let (server, _) = start();
    let folder = tempfile::tempdir().unwrap();
    sample(folder.path());
    succeeded(&behind(&server, &["import", folder_arg(folder.path())]));

    let ours = tempfile::tempdir().unwrap();
    succeeded(&behind(&server, &["export", folder_arg(ours.path())]));
    let webitel = tempfile::tempdir().unwrap();
    let summary = succeeded(&server.flows("main", &["export", folder_arg(webitel.path())]));
    assert!(summary.contains("exported 3 flow(s)"), "{summary}");

    let exported = files(webitel.path());
    assert_eq!(
        json_of(&exported, "Untyped.json"),
        json!({"name": "Untyped", "description": "", "type": "default", "editor": false,
               "schema": [{"answer": ""}], "payload": {}, "debug": false, "tags": []})
    );
    assert_eq!(
        json_of(&exported, "Defaults.json"),
        json!({"name": "Defaults", "description": "", "type": "voice", "editor": false,
               "schema": [{"hangup": ""}], "payload": {}, "debug": false, "tags": []})
    );
    // The engine never gives a description back; all else is as our server has it.
    let mut bot = json_of(&files(ours.path()), "Bot.json");
    assert_eq!(bot["description"], "Answers chats");
    bot["description"] = json!("");
    assert_eq!(json_of(&exported, "Bot.json"), bot);
    let names = |files: Vec<(String, String)>| -> Vec<String> {
        files.into_iter().map(|(name, _)| name).collect()
    };
    assert_eq!(names(exported), names(files(ours.path())));
}

#[test]
fn import_creates_replaces_and_deletes_and_checks_what_was_kept() {
    let (server, _) = start();
    let folder = tempfile::tempdir().unwrap();
    sample(folder.path());
    let summary = succeeded(&server.flows("main", &["import", folder_arg(folder.path())]));
    assert!(
        summary.contains("created 3, replaced 0, deleted 0, unchanged 0"),
        "{summary}"
    );
    // The engine's create answers without editor, tags and description, and keeps no
    // description: what our server holds is what the files say.
    let stored = tempfile::tempdir().unwrap();
    succeeded(&behind(&server, &["export", folder_arg(stored.path())]));
    assert_eq!(
        json_of(&files(stored.path()), "Bot.json"),
        json!({"name": "Bot", "description": "Answers chats", "type": "chat", "editor": true,
               "schema": [{"sendText": "hi"}], "payload": {"layout": 1}, "debug": true,
               "tags": [{"name": "bot"}, {"name": "sales"}]})
    );
    let summary = succeeded(&server.flows("main", &["import", folder_arg(folder.path())]));
    assert!(summary.contains("unchanged 3"), "{summary}");

    write(
        folder.path(),
        "Untyped.json",
        &json!([{"answer": ""}, {"hangup": ""}]),
    );
    let mut bot = json_of(&files(folder.path()), "Bot.json");
    bot["tags"] = json!([{"name": "bot"}]);
    bot["description"] = json!("Answers chats politely");
    write(folder.path(), "Bot.json", &bot);
    write(folder.path(), "New.json", &json!([]));
    std::fs::remove_file(folder.path().join("Defaults.json")).unwrap();
    let summary = succeeded(&server.flows(
        "main",
        &["import", "--prune", "--yes", folder_arg(folder.path())],
    ));
    assert!(
        summary.contains("created 1, replaced 2, deleted 1, unchanged 0"),
        "{summary}"
    );
    let now = tempfile::tempdir().unwrap();
    succeeded(&behind(&server, &["export", folder_arg(now.path())]));
    let stored = files(now.path());
    assert_eq!(json_of(&stored, "Bot.json"), bot);
    assert_eq!(
        json_of(&stored, "Untyped.json")["schema"],
        json!([{"answer": ""}, {"hangup": ""}])
    );
    let names: Vec<&str> = stored.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["Bot.json", "New.json", "Untyped.json"]);
    let summary = succeeded(&server.flows("main", &["import", folder_arg(folder.path())]));
    assert!(
        summary.contains("created 0, replaced 0, deleted 0, unchanged 3"),
        "{summary}"
    );
}

#[test]
fn what_others_do_meanwhile_stops_the_import_with_its_reason() {
    let (server, pending) = start();
    let folder = tempfile::tempdir().unwrap();
    write(folder.path(), "IVR.json", &json!([{"answer": ""}]));
    let meddle = |when, extra| *pending.lock().unwrap() = Some(Meddling { when, extra });

    // The flow read back after the create is not what was sent.
    meddle(reads_a_flow, saves_another_schema);
    let stderr = failed(&server.flows("main", &["import", folder_arg(folder.path())]));
    assert!(
        stderr.contains("accepted \"IVR\" but holds something else when read back: schema differ"),
        "{stderr}"
    );

    // The flow changes between the import's reading and its writing: nothing is written.
    let summary = succeeded(&server.flows("main", &["import", folder_arg(folder.path())]));
    assert!(summary.contains("replaced 1"), "{summary}");
    write(
        folder.path(),
        "IVR.json",
        &json!([{"answer": ""}, {"hangup": ""}]),
    );
    meddle(reads_a_flow, saves_another_schema);
    let stderr = failed(&server.flows("main", &["import", folder_arg(folder.path())]));
    assert!(
        stderr.contains("\"IVR\" changed on")
            && stderr.contains("after this import read it (it was saved again by admin): nothing was written to it")
            && stderr.contains("created 0, replaced 0, deleted 0, unchanged 0"),
        "{stderr}"
    );
    let stored = tempfile::tempdir().unwrap();
    succeeded(&behind(&server, &["export", folder_arg(stored.path())]));
    assert_eq!(
        json_of(&files(stored.path()), "IVR.json")["schema"],
        json!([{"hangup": ""}])
    );

    // A flow of the same name appears between the import's reading and its create.
    write(folder.path(), "Taken.json", &json!([{"answer": ""}]));
    meddle(creates_a_flow, creates_taken);
    let stderr = failed(&server.flows("main", &["import", folder_arg(folder.path())]));
    assert!(
        stderr.contains("already has a flow named \"Taken\", made after this import read the flows: nothing was written"),
        "{stderr}"
    );
    assert!(stderr.contains("created 0, replaced 1"), "{stderr}");
    // Running it again replaces that flow, as the message says.
    let summary = succeeded(&server.flows("main", &["import", folder_arg(folder.path())]));
    assert!(
        summary.contains("created 0, replaced 1, deleted 0, unchanged 1"),
        "{summary}"
    );
}

#[test]
fn export_import_export_through_webitels_wire_is_identical() {
    let (server, _) = start();
    let folder = tempfile::tempdir().unwrap();
    sample(folder.path());
    for (name, text) in files(&corpus()) {
        std::fs::write(folder.path().join(name), text).unwrap();
    }
    let summary = succeeded(&server.flows("main", &["import", folder_arg(folder.path())]));
    assert!(summary.contains("created 9"), "{summary}");

    let first = tempfile::tempdir().unwrap();
    succeeded(&server.flows("main", &["export", folder_arg(first.path())]));
    let summary = succeeded(&server.flows("copy", &["import", folder_arg(first.path())]));
    assert!(summary.contains("created 9"), "{summary}");
    let second = tempfile::tempdir().unwrap();
    succeeded(&server.flows("copy", &["export", folder_arg(second.path())]));
    assert_eq!(files(second.path()), files(first.path()), "byte for byte");
    let summary = succeeded(&server.flows("copy", &["import", folder_arg(first.path())]));
    assert!(
        summary.contains("created 0, replaced 0, deleted 0, unchanged 9"),
        "{summary}"
    );
}
