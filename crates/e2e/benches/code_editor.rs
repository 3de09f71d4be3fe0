//! The General tab's code editor on the biggest corpus flow, in headless Chromium against the
//! real server.
//!
//! `cargo bench -p flow-e2e --bench code_editor [-- --runs N]` (the web app must be built:
//! `cargo xtask build`).
//!
//! Stores `call-001.json` (325 KB, ~800 steps) as a code flow, then measures in the page:
//! - editor ready: from the flow's data arriving to the editor showing it, against a plain text
//!   area taking the same text in the same page;
//! - diagnostics: one full check of the text, in the page (WebAssembly), against parsing the
//!   same text with the browser's own `JSON.parse`;
//! - typing: from a key press to the editor's text changing (all the page does per keystroke,
//!   the checks wait for a pause), against typing into a plain input of the same page.
//!
//! Targets: editor ready < 300 ms, diagnostics < 50 ms, typing under one frame (16 ms).

use flow_e2e::report::{corpus_file, heading, median_and_p90, number, row, runs_from_args};
use flow_e2e::{AppServer, Browser, ADMIN_PASSWORD};
use serde_json::{json, Value};

const USAGE: &str = "usage: code_editor [--runs N]";

/// Waits for the editor to be ready and answers the milliseconds from the flow's data to it.
const EDITOR_READY: &str = r#"
const done = arguments[arguments.length - 1];
function measure() {
  const data = performance.getEntriesByName('flow-data').pop();
  const ready = performance.getEntriesByName('code-editor-ready').pop();
  if (data && ready && document.querySelector('.cm-content')) {
    done(ready.startTime - data.startTime);
    return true;
  }
  return false;
}
if (!measure()) {
  const timer = setInterval(() => { if (measure()) clearInterval(timer); }, 5);
}
"#;

/// A plain text area taking the editor's text, laid out: the floor of showing it at all.
const PLAIN_TEXT_AREA: &str = r#"
const text = arguments[0];
const started = performance.now();
const area = document.createElement('textarea');
area.style.height = '480px';
area.value = text;
document.body.appendChild(area);
area.getBoundingClientRect();
area.scrollTop;
const took = performance.now() - started;
area.remove();
return took;
"#;

/// The last full check's duration, after the page checked the text once typing paused.
const DIAGNOSTICS: &str = r#"
const done = arguments[arguments.length - 1];
const seen = performance.getEntriesByName('flow-diagnostics').length;
function measure() {
  const entries = performance.getEntriesByName('flow-diagnostics');
  if (entries.length > seen) { done(entries[entries.length - 1].duration); return true; }
  return false;
}
const timer = setInterval(() => { if (measure()) clearInterval(timer); }, 10);
"#;

/// `JSON.parse` of the same text: the browser's own floor for reading it.
const PARSE_FLOOR: &str = r#"
const started = performance.now();
JSON.parse(arguments[0]);
return performance.now() - started;
"#;

/// Arms a measurement of the next key press in `arguments[0]`: from keydown to the element's
/// content changing (a mutation for the editor, an input event for a plain field).
const ARM_KEY_TIMING: &str = r#"
const target = document.querySelector(arguments[0]);
window.__keyTimes = window.__keyTimes || [];
let pressed = null;
const finish = () => {
  if (pressed !== null) { window.__keyTimes.push(performance.now() - pressed); pressed = null; }
};
target.addEventListener('keydown', () => { pressed = performance.now(); }, { capture: true });
if (target.isContentEditable) {
  new MutationObserver(finish).observe(target, { subtree: true, childList: true, characterData: true });
} else {
  target.addEventListener('input', finish);
}
"#;

#[tokio::main]
async fn main() {
    let runs = runs_from_args(15, USAGE);
    let text = corpus_file("call-001.json");
    let schema: Value = serde_json::from_str(&text).unwrap();
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let flow = server
        .create_flow(
            &token,
            json!({"name": "call-001", "type": "voice", "editor": false, "schema": schema}),
        )
        .await;
    let page = format!(
        "{}/flows/{}/code",
        server.base,
        flow["id"].as_str().unwrap()
    );
    let shown = serde_json::to_string_pretty(&schema).unwrap();

    let browser = Browser::start().await;
    browser.sign_in(&server, "admin", ADMIN_PASSWORD).await;
    let client = &browser.client;
    let (mut ready, mut plain, mut checks, mut parse) = (vec![], vec![], vec![], vec![]);
    for run in 0..runs {
        client.goto(&page).await.unwrap();
        ready.push(number(
            client.execute_async(EDITOR_READY, vec![]).await.unwrap(),
        ));
        let argument = vec![Value::from(shown.clone())];
        plain.push(number(
            client
                .execute(PLAIN_TEXT_AREA, argument.clone())
                .await
                .unwrap(),
        ));
        parse.push(number(client.execute(PARSE_FLOOR, argument).await.unwrap()));
        // An edit, then the check that follows the pause.
        let check = client.execute_async(DIAGNOSTICS, vec![]);
        browser
            .type_in_editor(if run % 2 == 0 { " " } else { "\n" })
            .await;
        checks.push(number(check.await.unwrap()));
    }

    // Typing: 40 keys into the editor (at its end, as a user adding steps), 40 into the note.
    client.goto(&page).await.unwrap();
    client.execute_async(EDITOR_READY, vec![]).await.unwrap();
    let mut typing = Vec::new();
    let mut typing_plain = Vec::new();
    for (css, samples) in [
        (".cm-content", &mut typing),
        ("input[name=note]", &mut typing_plain),
    ] {
        client
            .execute("window.__keyTimes = [];", vec![])
            .await
            .unwrap();
        client
            .execute(ARM_KEY_TIMING, vec![Value::from(css)])
            .await
            .unwrap();
        let field = browser.find(css).await;
        for key in "abcdefghijklmnopqrstuvwxyzabcdefghijklmn".chars() {
            field.send_keys(&key.to_string()).await.unwrap();
        }
        let times = client
            .execute("return window.__keyTimes;", vec![])
            .await
            .unwrap();
        samples.extend(
            times
                .as_array()
                .unwrap()
                .iter()
                .map(|time| time.as_f64().unwrap()),
        );
    }
    browser.close().await;

    let ms = |value: f64| format!("{value:.1} ms");
    println!(
        "\nCode editor on call-001.json ({} KB), headless Chromium, {runs} runs ({} keys typed)",
        text.len() / 1024,
        typing.len()
    );
    heading();
    let (ready_median, ready_p90) = median_and_p90(ready);
    let (plain_median, _) = median_and_p90(plain);
    row(
        "editor ready",
        ms(ready_median),
        ms(ready_p90),
        format!("text area {}", ms(plain_median)),
        ready_median / plain_median.max(0.1),
        "< 300 ms",
        ready_p90 < 300.0,
    );
    let (check_median, check_p90) = median_and_p90(checks);
    let (parse_median, _) = median_and_p90(parse);
    row(
        "diagnostics",
        ms(check_median),
        ms(check_p90),
        format!("JSON.parse {}", ms(parse_median)),
        check_median / parse_median.max(0.1),
        "< 50 ms",
        check_p90 < 50.0,
    );
    let (typing_median, typing_p90) = median_and_p90(typing);
    let (plain_typing_median, _) = median_and_p90(typing_plain);
    row(
        "typing",
        ms(typing_median),
        ms(typing_p90),
        format!("plain input {}", ms(plain_typing_median)),
        typing_median / plain_typing_median.max(0.1),
        "< 16 ms",
        typing_p90 < 16.0,
    );
}
