//! `flows run` and `flows test`, run as a user runs them.

mod local;

use local::{flows, text};

use serde_json::{json, Value};
use std::path::Path;

fn write(folder: &Path, name: &str, content: &Value) -> String {
    let path = folder.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(content).unwrap()).unwrap();
    path.to_string_lossy().into_owned()
}

/// A voice menu: two tries at 1 or 2, a CRM lookup for sales, a hang-up when nothing fits.
fn ivr(tests: Value) -> Value {
    json!({
        "name": "IVR", "type": "voice",
        "schema": [
            {"playback": {"files": [{"name": "menu.wav"}],
                          "getDigits": {"setVar": "choice", "tries": 2, "regexp": "^[12]$"}}},
            {"switch": {"variable": "${choice}", "case": {
                "1": [{"httpRequest": {"url": "https://crm/api/${caller_id_number}", "method": "GET",
                                       "exportVariables": {"vip": "vip"}}},
                      {"set": {"route": "sales"}}],
                "2": [{"set": {"route": "support", "greeting": "$${welcome}"}}],
                "default": [{"hangup": "NORMAL_CLEARING"}]
            }}},
            {"calendar": {"name": "Office", "setVar": "open"}},
            {"log": "routed to ${route}"}
        ],
        "payload": {"tests": tests}
    })
}

fn sales_test() -> Value {
    json!({
        "name": "sales",
        "mocks": {"variables": {"caller_id_number": "100"},
                  "http": [{"url": "https://crm/*", "kind": "response", "body": "{\"vip\": true}"}]},
        "inputs": [{"digits": "1"}],
        "expect": {"ended": "end", "variables": {"route": "sales", "vip": "true"}}
    })
}

#[test]
fn run_prints_the_steps_the_output_and_the_variables() {
    let folder = tempfile::tempdir().unwrap();
    let file = write(folder.path(), "ivr.json", &ivr(json!([])));
    let output = flows(&[
        "run",
        &file,
        "--digits",
        "7",
        "--digits",
        "1#",
        "--var",
        "caller_id_number=100",
        "--http",
        "GET https://crm/*=200 {\"vip\": true}",
        "--calendar",
        "Office=closed",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let printed = text(&output.stdout);
    for line in [
        "/0 playback: got \"1\" into choice",
        "/1 switch: case \"1\"",
        "/1/switch/case/1/0 httpRequest: GET https://crm/api/100: 200",
        "ended: end",
        "choice_invalid = 7",
        "open = false",
        "route = sales",
        "vip = true",
    ] {
        assert!(printed.contains(line), "{line:?} in:\n{printed}");
    }
}

#[test]
fn run_prints_json_and_stops_at_a_prompt_without_input() {
    let folder = tempfile::tempdir().unwrap();
    let file = write(folder.path(), "ivr.json", &ivr(json!([])));
    let output = flows(&[
        "run",
        &file,
        "--format",
        "json",
        "--digits",
        "2",
        "--global",
        "welcome=Hi",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["ended"], "end");
    assert_eq!(report["variables"]["greeting"], "Hi");
    assert_eq!(report["steps"][0]["path"], "/0");
    assert_eq!(report["steps"][0]["app"], "playback");
    assert!(report["steps"][1]["outcome"]
        .as_str()
        .unwrap()
        .contains("\"2\""));
    assert_eq!(
        report["output"][0],
        json!({"kind": "play", "files": ["menu.wav"]})
    );

    let waiting = flows(&["run", &file, "--format", "json"]);
    assert!(waiting.status.success());
    let report: Value = serde_json::from_slice(&waiting.stdout).unwrap();
    assert_eq!(report["ended"], "waiting");

    // A chat flow takes messages; a runaway one stops at --max-steps, naming its loop.
    let chat = write(
        folder.path(),
        "chat.json",
        &json!([{"recvMessage": {"set": "answer"}}, {"tag": "spin", "goto": "spin"}]),
    );
    let output = flows(&[
        "run",
        &chat,
        "--type",
        "chat",
        "--message",
        "hello",
        "--max-steps",
        "50",
        "--format",
        "json",
    ]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["variables"]["answer"], "hello");
    assert_eq!(report["ended"], "budget");
    assert!(
        report["detail"].as_str().unwrap().contains("spin"),
        "{report}"
    );
}

#[test]
fn run_refuses_what_it_cannot_read() {
    let folder = tempfile::tempdir().unwrap();
    let broken = folder.path().join("broken.json");
    std::fs::write(&broken, "[{").unwrap();
    let output = flows(&["run", broken.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("broken.json"),
        "{}",
        text(&output.stderr)
    );
    let file = write(folder.path(), "ivr.json", &ivr(json!([])));
    let output = flows(&["run", &file, "--http", "https://x 200"]);
    assert!(!output.status.success());
    assert!(text(&output.stderr).contains("METHOD URLGLOB=STATUS BODY"));
}

#[test]
fn test_runs_the_saved_tests_and_fails_with_the_first_difference() {
    let folder = tempfile::tempdir().unwrap();
    let nothing = json!({"name": "nothing pressed", "inputs": ["silence", "silence"],
                         "expect": {"ended": "hangup"}});
    let file = write(
        folder.path(),
        "ivr.json",
        &ivr(json!([sales_test(), nothing])),
    );
    let junit = folder.path().join("results.xml");
    let output = flows(&["test", &file, "--junit", junit.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    let printed = text(&output.stdout);
    assert!(printed.contains("ivr.json: sales: pass"), "{printed}");
    assert!(printed.contains("2 passed, 0 failed"), "{printed}");
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.contains("tests=\"2\" failures=\"0\""), "{xml}");

    // The flow changed: sales now sets another route.
    let mut changed = ivr(json!([sales_test()]));
    changed["schema"][1]["switch"]["case"]["1"][1] = json!({"set": {"route": "marketing"}});
    let file = write(folder.path(), "changed.json", &changed);
    let output = flows(&["test", &file, "--junit", junit.to_str().unwrap()]);
    assert!(!output.status.success());
    let printed = text(&output.stdout);
    assert!(
        printed.contains(r#"sales: FAIL: variable route: expected "sales", got "marketing""#),
        "{printed}"
    );
    assert!(text(&output.stderr).contains("1 of 1 tests failed"));
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(
        xml.contains("<failure message=\"variable route: expected &quot;sales&quot;"),
        "{xml}"
    );
}

#[test]
fn run_gives_speech_to_prompts_that_recognise_it() {
    let folder = tempfile::tempdir().unwrap();
    let file = write(
        folder.path(),
        "speech.json",
        &json!([{"tts": {"text": "How can I help?", "getSpeech": {"setVar": "said"}}}]),
    );
    let output = flows(&["run", &file, "--speech", "billing", "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["variables"]["said"], "billing");
    assert_eq!(
        report["output"][0],
        json!({"kind": "say", "text": "How can I help?"})
    );
}

#[test]
fn run_shows_the_steps_the_runtime_would_skip() {
    let folder = tempfile::tempdir().unwrap();
    let file = write(
        folder.path(),
        "dropped.json",
        &json!([{"function": {"name": "f"}}, {"switch": {"case": {}}}, {"log": "runs"}]),
    );
    let output = flows(&["run", &file]);
    let printed = text(&output.stdout);
    assert!(
        printed.contains("/0 skipped by the runtime: a function needs a name and actions"),
        "{printed}"
    );
    assert!(
        printed.contains("/1 skipped by the runtime: a switch needs a variable and a case object"),
        "{printed}"
    );
    assert!(printed.contains("/2 log: ok"), "{printed}");
    let output = flows(&["run", &file, "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["dropped"][0]["path"], "/0");
}

#[test]
fn run_refuses_a_step_without_an_app_as_the_editors_do() {
    let folder = tempfile::tempdir().unwrap();
    let file = write(folder.path(), "no-app.json", &json!([{"tag": "orphan"}]));
    let output = flows(&["run", &file]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("invalid step at schema[0]: the step has no app key"),
        "{}",
        text(&output.stderr)
    );
}
