//! `flows check`, `fmt`, `to-graph`, `to-schema` and `roundtrip`, run as a user runs them.

mod local;

use local::{flows, text};

use std::path::{Path, PathBuf};

fn corpus() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/webitel");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 6);
    files
}

fn write(folder: &Path, name: &str, content: &str) -> String {
    let path = folder.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn the_corpus_checks_with_only_its_real_problems() {
    for path in corpus() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let kind = if name.starts_with("call") {
            "voice"
        } else {
            "chat"
        };
        let output = flows(&["check", "--type", kind, path.to_str().unwrap()]);
        let stdout = text(&output.stdout);
        let errors = stdout
            .lines()
            .filter(|line| line.contains(": error: "))
            .count();
        assert_eq!(errors, 0, "{name}:\n{stdout}");
        assert!(output.status.success(), "{name}");
        for line in stdout.lines() {
            let mut parts = line.splitn(4, ':');
            let file = parts.next().unwrap();
            let line_number: usize = parts.next().unwrap().parse().unwrap();
            let column: usize = parts.next().unwrap().parse().unwrap();
            assert!(
                file.ends_with(&name) && line_number > 1 && column > 1,
                "{line}"
            );
        }
    }
}

#[test]
fn broken_files_get_one_clear_line_each() {
    let folder = tempfile::tempdir().unwrap();
    let cases = [
        ("syntax.json", "[\n  {\"answer\": \"\"},\n  oops\n]", "syntax.json:3:3: error: invalid JSON: expected value"),
        ("two-apps.json", "[\n  {\"answer\": \"\", \"hangup\": \"\"}\n]", "two-apps.json:2:3: error: not a valid step: a step is an object with exactly one app key"),
        ("nowhere.json", "[\n  {\"tag\": \"f\", \"function\": {\"name\": \"f\", \"actions\": [{\"tag\": \"in\", \"answer\": \"\"}]}},\n  {\"goto\": \"in\"}\n]", "nowhere.json:3:3: error: goto \"in\" leads to no step in reach: that tag is inside another function, trigger or hook"),
        ("duplicate.json", "{\"type\": \"voice\", \"schema\": [\n  {\"tag\": \"a\", \"answer\": \"\"},\n  {\"tag\": \"a\", \"hangup\": \"\"}\n]}", "duplicate.json:3:3: error: tag \"a\" is already used by answer (a)"),
        ("number.json", "42", "number.json:1:1: error: not a flow: expected a schema array or a flow object, got a number"),
    ];
    for (name, content, expected) in cases {
        let path = write(folder.path(), name, content);
        let output = flows(&["check", &path]);
        let stdout = text(&output.stdout);
        assert!(!output.status.success(), "{name}");
        assert!(
            stdout
                .lines()
                .any(|line| line.ends_with(expected) || line.contains(expected)),
            "{name}: expected {expected:?} in\n{stdout}"
        );
        assert!(text(&output.stderr).contains("error(s)"), "{name}");
    }
    let missing = flows(&["check", "/nonexistent/flow.json"]);
    assert!(text(&missing.stdout)
        .contains("/nonexistent/flow.json:1:1: error: /nonexistent/flow.json: No such file"));
}

#[test]
fn check_speaks_json_for_machines() {
    let folder = tempfile::tempdir().unwrap();
    let path = write(
        folder.path(),
        "x.json",
        "[{\"answer\": \"\"}, {\"goto\": \"nowhere\"}]",
    );
    let output = flows(&["check", "--format", "json", &path]);
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows[0]["severity"], "warning");
    assert_eq!(rows[0]["line"], 1);
    assert_eq!(rows[0]["column"], 18);
    assert_eq!(rows[0]["path"], "[1]");
}

#[test]
fn fmt_rewrites_in_place_and_check_only_reports() {
    let folder = tempfile::tempdir().unwrap();
    let path = write(folder.path(), "x.json", "[{\"answer\":\"\",\"tag\":\"a\"}]");
    let report = flows(&["fmt", "--check", &path]);
    assert!(!report.status.success());
    assert!(text(&report.stdout).contains("x.json: not formatted"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "[{\"answer\":\"\",\"tag\":\"a\"}]"
    );

    assert!(flows(&["fmt", &path]).status.success());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "[\n  {\n    \"answer\": \"\",\n    \"tag\": \"a\"\n  }\n]\n",
        "2-space indented, keys as written"
    );
    assert!(flows(&["fmt", "--check", &path]).status.success());

    let broken = write(folder.path(), "broken.json", "[1,");
    let output = flows(&["fmt", &broken]);
    assert!(!output.status.success());
    assert!(text(&output.stderr).contains("broken.json: 1:3: invalid JSON"));
}

#[test]
fn every_corpus_file_formats_and_round_trips() {
    let folder = tempfile::tempdir().unwrap();
    for path in corpus() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let copy = folder.path().join(&name);
        std::fs::copy(&path, &copy).unwrap();
        assert!(
            flows(&["fmt", copy.to_str().unwrap()]).status.success(),
            "{name}"
        );
        assert!(
            flows(&["fmt", "--check", copy.to_str().unwrap()])
                .status
                .success(),
            "{name}"
        );
        let original: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let formatted: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&copy).unwrap()).unwrap();
        assert_eq!(original, formatted, "{name}: formatting keeps the content");

        let output = flows(&["roundtrip", path.to_str().unwrap()]);
        assert!(output.status.success(), "{name}: {}", text(&output.stderr));
        assert!(text(&output.stdout).contains("same meaning"));

        let graph = flows(&["to-graph", path.to_str().unwrap()]);
        assert!(graph.status.success(), "{name}");
        let diagram = write(
            folder.path(),
            &format!("{name}.diagram"),
            &text(&graph.stdout),
        );
        let document: serde_json::Value = serde_json::from_slice(&graph.stdout).unwrap();
        assert_eq!(document["payload"]["version"], 1, "{name}");
        let schema = flows(&["to-schema", &diagram]);
        assert!(schema.status.success(), "{name}");
        let back: serde_json::Value = serde_json::from_slice(&schema.stdout).unwrap();
        assert!(
            flow_model::flow::semantically_identical(&original, &back),
            "{name}: to-graph then to-schema keeps the meaning"
        );
    }
}

#[test]
fn roundtrip_shows_where_a_schema_cannot_survive() {
    let folder = tempfile::tempdir().unwrap();
    let path = write(folder.path(), "x.json", "{\"name\": \"x\"}");
    let output = flows(&["roundtrip", &path]);
    assert!(!output.status.success());
    assert!(text(&output.stderr).contains("x.json: not a flow: an object without \"schema\""));
}

#[test]
fn every_command_has_help_and_completions_exist() {
    for command in [
        "check",
        "fmt",
        "to-graph",
        "to-schema",
        "roundtrip",
        "login",
        "export",
        "import",
        "completions",
    ] {
        let output = flows(&[command, "--help"]);
        assert!(output.status.success(), "{command}");
        assert!(text(&output.stdout).contains("Usage: flows"), "{command}");
    }
    let bash = flows(&["completions", "bash"]);
    assert!(text(&bash.stdout).contains("_flows()"));
}
