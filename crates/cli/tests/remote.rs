//! `flows login`, `export` and `import` against a real server over HTTP.

use flow_model::Role;
use flow_server::state::{AppState, Settings};
use flow_server::store::{NewUser, Store, StoreOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

const PASSWORD: &str = "secret-password";

/// A server on loopback with an admin in domains `main` and `copy`.
struct Server {
    base: String,
    config: tempfile::TempDir,
    _data: tempfile::TempDir,
    _runtime: tokio::runtime::Runtime,
}

impl Server {
    fn start(max_json_depth: usize) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let data = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", data.path().join("flows.db").display());
        let base = runtime.block_on(async {
            let store = Store::open(&url, StoreOptions::default()).await.unwrap();
            for domain in ["main", "copy"] {
                store
                    .create_user(NewUser {
                        domain,
                        username: "admin",
                        password_hash: flow_server::auth::hash_password(PASSWORD).unwrap(),
                        permissions: Role::Admin.permissions(),
                        admin: true,
                    })
                    .await
                    .unwrap();
            }
            let state = AppState {
                store,
                settings: Arc::new(Settings {
                    max_json_depth,
                    ..Settings::default()
                }),
            };
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let base = format!("http://{}", listener.local_addr().unwrap());
            let app = flow_server::app(state, Path::new("/nonexistent"));
            tokio::spawn(flow_server::serve(listener, app, std::future::pending()));
            base
        });
        Self {
            base,
            config: tempfile::tempdir().unwrap(),
            _data: data,
            _runtime: runtime,
        }
    }

    /// Runs `flows` signed in to `domain` (each domain keeps its token in its own file).
    fn flows(&self, domain: &str, args: &[&str]) -> Output {
        let config = self.config.path().join(format!("{domain}.json"));
        if !config.exists() {
            let login = self.run(
                &config,
                &[
                    "login",
                    "--server",
                    &self.base,
                    "--username",
                    "admin",
                    "--domain",
                    domain,
                ],
            );
            assert!(login.status.success(), "{}", text(&login.stderr));
            assert!(text(&login.stdout).contains("signed in to"));
        }
        self.run(&config, args)
    }

    fn run(&self, config: &Path, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_flows"))
            .args(args)
            .env("FLOWS_CONFIG", config)
            .env("FLOWS_PASSWORD", PASSWORD)
            .env("FLOWS_SERVER", &self.base)
            .env_remove("FLOWS_TOKEN")
            .stdin(Stdio::null())
            .output()
            .expect("flows runs")
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn succeeded(output: &Output) -> String {
    assert!(
        output.status.success(),
        "stdout: {}\nstderr: {}",
        text(&output.stdout),
        text(&output.stderr)
    );
    text(&output.stdout)
}

/// Every file of a folder, by name.
fn files(folder: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&path).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/webitel")
}

fn folder_arg(folder: &Path) -> &str {
    folder.to_str().unwrap()
}

#[test]
fn export_import_into_another_domain_and_export_again_is_identical() {
    let server = Server::start(100);
    let summary = succeeded(&server.flows("main", &["import", corpus().to_str().unwrap()]));
    assert!(
        summary.contains("created 6, replaced 0, deleted 0, unchanged 0"),
        "{summary}"
    );

    let first = tempfile::tempdir().unwrap();
    let summary = succeeded(&server.flows("main", &["export", folder_arg(first.path())]));
    assert!(summary.contains("exported 6 flow(s)"), "{summary}");
    let exported = files(first.path());
    assert_eq!(
        exported
            .iter()
            .map(|(name, _)| name.as_str())
            .collect::<Vec<_>>(),
        [
            "call-001.json",
            "call-002.json",
            "chat-001.json",
            "chat-002.json",
            "chat-003.json",
            "chat-004.json"
        ]
    );
    let sample: serde_json::Value = serde_json::from_str(&exported[0].1).unwrap();
    assert!(
        sample.get("id").is_none() && sample.get("created_at").is_none(),
        "nothing server-specific"
    );
    assert!(exported[0].1.starts_with("{\n  \"name\": \"call-001\""));

    let summary = succeeded(&server.flows("copy", &["import", folder_arg(first.path())]));
    assert!(summary.contains("created 6"), "{summary}");
    let second = tempfile::tempdir().unwrap();
    succeeded(&server.flows("copy", &["export", folder_arg(second.path())]));
    assert_eq!(
        files(second.path()),
        exported,
        "the same files, byte for byte"
    );

    // Running the same import again changes nothing.
    let summary = succeeded(&server.flows("copy", &["import", folder_arg(first.path())]));
    assert!(
        summary.contains("created 0, replaced 0, deleted 0, unchanged 6"),
        "{summary}"
    );
}

#[test]
fn dry_run_shows_the_plan_and_changes_nothing_then_prune_asks_first() {
    let server = Server::start(100);
    let folder = tempfile::tempdir().unwrap();
    let write =
        |name: &str, content: &str| std::fs::write(folder.path().join(name), content).unwrap();
    write("IVR.json", r#"[{"answer": ""}]"#);
    write(
        "Bot.json",
        r#"{"name": "Bot", "type": "chat", "schema": [{"sendText": "hi"}]}"#,
    );
    write("Old.json", "[]");
    succeeded(&server.flows("main", &["import", folder_arg(folder.path())]));
    let before = tempfile::tempdir().unwrap();
    succeeded(&server.flows("main", &["export", folder_arg(before.path())]));

    write("IVR.json", r#"[{"answer": ""}, {"hangup": ""}]"#);
    write("New.json", "[]");
    std::fs::remove_file(folder.path().join("Old.json")).unwrap();
    let plan = succeeded(&server.flows(
        "main",
        &["import", "--dry-run", "--prune", folder_arg(folder.path())],
    ));
    assert!(plan.contains("would replace IVR"), "{plan}");
    assert!(plan.contains("would create New"), "{plan}");
    assert!(plan.contains("would delete Old"), "{plan}");
    assert!(
        plan.contains("dry run: 3 change(s), 1 unchanged; nothing was changed"),
        "{plan}"
    );
    let after = tempfile::tempdir().unwrap();
    succeeded(&server.flows("main", &["export", folder_arg(after.path())]));
    assert_eq!(
        files(after.path()),
        files(before.path()),
        "the dry run changed nothing"
    );

    // Deleting needs a yes; without a terminal to ask on, nothing happens.
    let refused = server.flows("main", &["import", "--prune", folder_arg(folder.path())]);
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("not deleting 1 flow(s) without confirmation"));
    succeeded(&server.flows("main", &["export", folder_arg(after.path())]));
    assert_eq!(files(after.path()), files(before.path()));

    let summary = succeeded(&server.flows(
        "main",
        &["import", "--prune", "--yes", folder_arg(folder.path())],
    ));
    assert!(
        summary.contains("created 1, replaced 1, deleted 1, unchanged 1"),
        "{summary}"
    );
    let now = tempfile::tempdir().unwrap();
    succeeded(&server.flows("main", &["export", folder_arg(now.path())]));
    let names: Vec<String> = files(now.path())
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(names, ["Bot.json", "IVR.json", "New.json"]);
}

#[test]
fn a_server_error_stops_the_import_cleanly_and_a_rerun_finishes_it() {
    // This server accepts nesting 20 deep at most; the files are read with a bound of 100.
    let server = Server::start(20);
    let folder = tempfile::tempdir().unwrap();
    let deep = format!(
        "[{{\"set\": {}1{}}}]",
        "{\"a\": ".repeat(25),
        "}".repeat(25)
    );
    std::fs::write(folder.path().join("a.json"), "[]").unwrap();
    std::fs::write(folder.path().join("b.json"), &deep).unwrap();
    std::fs::write(folder.path().join("c.json"), "[]").unwrap();
    let failed = server.flows("main", &["import", folder_arg(folder.path())]);
    assert!(!failed.status.success());
    let stderr = text(&failed.stderr);
    assert!(
        stderr.contains("created 1, replaced 0, deleted 0, unchanged 0"),
        "{stderr}"
    );
    assert!(stderr.contains("refused to create \"b\""), "{stderr}");
    assert!(
        stderr.contains("app.request.body.too_deep, HTTP 400"),
        "{stderr}"
    );
    assert!(stderr.contains("stopped at \"b\""), "{stderr}");
    let exported = tempfile::tempdir().unwrap();
    succeeded(&server.flows("main", &["export", folder_arg(exported.path())]));
    assert_eq!(files(exported.path()).len(), 1, "only a; c was not started");

    std::fs::write(folder.path().join("b.json"), "[]").unwrap();
    let summary = succeeded(&server.flows("main", &["import", folder_arg(folder.path())]));
    assert!(
        summary.contains("created 2, replaced 0, deleted 0, unchanged 1"),
        "{summary}"
    );
}

#[test]
fn bad_files_stop_an_import_before_anything_changes() {
    let server = Server::start(100);
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("a.json"), "[]").unwrap();
    std::fs::write(folder.path().join("b.json"), "[1,").unwrap();
    let failed = server.flows("main", &["import", folder_arg(folder.path())]);
    assert!(!failed.status.success());
    assert!(
        text(&failed.stderr).contains("b.json: not valid JSON at line 1, column 3"),
        "{}",
        text(&failed.stderr)
    );
    let exported = tempfile::tempdir().unwrap();
    succeeded(&server.flows("main", &["export", folder_arg(exported.path())]));
    assert!(files(exported.path()).is_empty());
}

#[test]
fn signing_in_is_required_and_errors_say_what_to_do() {
    let server = Server::start(100);
    let config = server.config.path().join("nobody.json");
    let output = server.run(&config, &["export", "/tmp/never"]);
    assert!(!output.status.success());
    assert!(text(&output.stderr).contains(&format!(
        "not signed in to {}/api: run `flows login",
        server.base
    )));

    let wrong = Command::new(env!("CARGO_BIN_EXE_flows"))
        .args([
            "login",
            "--server",
            &server.base,
            "--username",
            "admin",
            "--domain",
            "main",
        ])
        .env("FLOWS_CONFIG", &config)
        .env("FLOWS_PASSWORD", "wrong")
        .output()
        .unwrap();
    assert!(!wrong.status.success());
    assert!(
        text(&wrong.stderr).contains("app.auth.login.invalid, HTTP 401"),
        "{}",
        text(&wrong.stderr)
    );

    let unreachable = server.run(
        &config,
        &[
            "export",
            "/tmp/never",
            "--server",
            "http://127.0.0.1:9",
            "--token",
            "x",
        ],
    );
    assert!(text(&unreachable.stderr).contains("cannot reach http://127.0.0.1:9/api"));
}
