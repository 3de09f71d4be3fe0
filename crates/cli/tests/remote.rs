//! `flows login`, `export` and `import` against a real server over HTTP.

mod common;

use common::{corpus, failed, files, folder_arg, succeeded, text, Server};
use std::process::Command;

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
    assert!(failed(&refused).contains("not deleting 1 flow(s) without confirmation"));
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
    let stderr = failed(&server.flows("main", &["import", folder_arg(folder.path())]));
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
    let stderr = failed(&server.flows("main", &["import", folder_arg(folder.path())]));
    assert!(
        stderr.contains("b.json: not valid JSON at line 1, column 3"),
        "{stderr}"
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
    assert!(failed(&output).contains(&format!(
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
    let stderr = failed(&wrong);
    assert!(
        stderr.contains("app.auth.login.invalid, HTTP 401"),
        "{stderr}"
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
