//! The Run panel, as an operator tries a flow before it goes live: in headless Chromium
//! against the real server, the simulator in its worker.

use fantoccini::key::Key;
use flow_e2e::{downloaded, one_flow, stored_flow, without_cyrillic, Browser, OneFlow};
use serde_json::json;
use std::path::PathBuf;

fn ivr() -> serde_json::Value {
    json!({
        "name": "IVR main",
        "type": "voice",
        "editor": true,
        "schema": [
            {"answer": ""},
            {"set": {"greeting": "menu"}},
            {"playback": {"files": [{"name": "menu.wav"}],
                          "getDigits": {"setVar": "choice", "min": 1, "max": 1, "tries": 2, "timeout": 5000}}},
            {"switch": {"variable": "${choice}", "case": {
                "1": [{"set": {"dept": "sales"}}],
                "2": [{"set": {"dept": "support"}}]
            }}},
            {"hangup": ""}
        ]
    })
}

/// Opens the Run panel and starts a run.
async fn start_run(browser: &Browser) {
    browser.click(".run-toggle").await;
    browser.find(".run-panel").await;
    browser.click(".run-controls button.primary").await;
}

/// Presses `key` on the phone's keypad once the run waits for keys, then Send.
async fn press_key(browser: &Browser, key: &str) {
    browser.find(".keypad .key:not([disabled])").await;
    browser.click_button(".keypad .key", key).await;
    browser.click(".keypad .send").await;
}

/// The node-list items (what the canvas draws) a run marked, and how.
async fn run_marks(browser: &Browser) -> Vec<(String, String)> {
    let marks = browser
        .client
        .execute(
            "return Array.from(document.querySelectorAll('.canvas-area ul.visually-hidden li[data-run]'))
               .map(li => [li.dataset.run, li.textContent]);",
            vec![],
        )
        .await
        .unwrap();
    marks
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| {
            (
                pair[0].as_str().unwrap().to_owned(),
                pair[1].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_voice_run_takes_the_branch_the_keypad_chooses_and_draws_its_path() {
    let OneFlow {
        browser, server, ..
    } = one_flow(ivr(), "diagram").await;
    browser.set_page_size(1440, 900).await;
    start_run(&browser).await;
    browser
        .wait_for_text(".conversation .turns", "menu.wav")
        .await;
    browser
        .wait_for_text(".conversation .prompt", "Press 1–1 keys")
        .await;
    press_key(&browser, "2").await;
    browser.wait_for_text(".run-state", "Hung up after").await;
    let variables = browser.texts(".variables .variable").await.join("\n");
    assert!(
        variables.contains("dept\nsupport") || variables.contains("dept support"),
        "{variables}"
    );
    let log = browser.texts(".step-log tbody tr").await;
    assert!(
        log.iter()
            .any(|row| row.contains("switch") && row.contains("case \"2\"")),
        "{log:?}"
    );

    // The path is drawn: the branch taken, not the other; the hangup is where it is now.
    let marks = run_marks(&browser).await;
    assert!(
        marks.iter().any(|(_, text)| text.contains("support")),
        "{marks:?}"
    );
    assert!(
        !marks.iter().any(|(_, text)| text.contains("sales")),
        "{marks:?}"
    );
    assert_eq!(
        marks.iter().filter(|(how, _)| how == "current").count(),
        1,
        "{marks:?}"
    );
    browser.screenshot("run-voice-ivr").await;

    // A click on a log row selects its step on the diagram.
    browser.click_button(".step-log tbody tr", "playback").await;
    browser.wait_for_text(".property-form", "files").await;
    browser.assert_no_page_errors().await;
    drop(server);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chat_bot_run_offers_its_buttons_and_takes_a_typed_reply() {
    let OneFlow { browser, .. } = one_flow(
        json!({
            "name": "Chat bot",
            "type": "chat",
            "schema": [
                {"menu": {"text": "How can we help?",
                          "buttons": [[{"caption": "Orders", "code": "orders"}], [{"caption": "Operator", "code": "op"}]]}},
                {"recvMessage": {"set": "choice", "timeout": 60}},
                {"switch": {"variable": "${choice}", "case": {
                    "Orders": [
                        {"sendText": "Your order number?"},
                        {"recvMessage": {"set": "order", "timeout": 60}},
                        {"sendText": "Order ${order} is on its way"}
                    ]
                }}}
            ]
        }),
        "code",
    )
    .await;
    browser.set_page_size(1440, 900).await;
    start_run(&browser).await;
    browser
        .wait_for_text(".conversation .turns", "How can we help?")
        .await;
    browser
        .click_button(".conversation .buttons button", "Orders")
        .await;
    browser
        .wait_for_text(".conversation .turns", "Your order number?")
        .await;
    browser
        .type_into(".reply input[name=reply]", &format!("42{}", Key::Enter))
        .await;
    browser
        .wait_for_text(".conversation .turns", "Order 42 is on its way")
        .await;
    browser.wait_for_text(".run-state", "The flow ended").await;
    // The code editor marks the lines the run went through, and the one it ended at.
    browser.find(".cm-run-current").await;
    assert!(browser.texts(".cm-run-visited").await.len() >= 3);
    browser.screenshot("run-chat-bot").await;
    browser.assert_no_page_errors().await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_breakpoint_stops_the_run_before_its_step_with_the_variables_so_far() {
    let OneFlow { browser, .. } = one_flow(ivr(), "diagram").await;
    browser.set_page_size(1440, 900).await;
    // A breakpoint on the switch (F9 on the selected step).
    browser.find_step("Switch").await;
    browser.click(".breakpoint input[name=breakpoint]").await;
    browser
        .wait_until(|| async {
            let count = browser
                .texts(".canvas-area li[data-breakpoint]")
                .await
                .len();
            if count == 1 {
                Ok(())
            } else {
                Err(format!("{count} breakpoints"))
            }
        })
        .await;
    start_run(&browser).await;
    press_key(&browser, "1").await;
    browser
        .wait_for_text(".run-state", "Stopped at a breakpoint")
        .await;
    // The variables so far, the last changes marked; each has its history.
    let changed = browser
        .texts(".variables li.changed .variable")
        .await
        .join(" ");
    assert!(changed.contains("choice"), "{changed}");
    assert!(browser
        .texts(".variables .variable")
        .await
        .join(" ")
        .contains("greeting"));
    assert!(!browser
        .texts(".variables .variable")
        .await
        .join(" ")
        .contains("dept"));
    let marks = run_marks(&browser).await;
    assert!(
        marks
            .iter()
            .any(|(how, text)| how == "current" && text.starts_with("Switch")),
        "the step about to run: {marks:?}"
    );
    browser
        .click_button(".variables .variable", "greeting")
        .await;
    browser
        .wait_for_text(".variables .history", "∅ → menu")
        .await;
    browser.screenshot("run-breakpoint").await;
    // Continue runs the held step and on to the end.
    browser.click(".run-controls button.primary").await;
    browser.wait_for_text(".run-state", "Hung up after").await;
    assert!(browser
        .texts(".variables .variable")
        .await
        .join(" ")
        .contains("sales"));
    browser.close().await;
}

/// The command-line tool, as the workspace's tests build it.
fn flows_command() -> PathBuf {
    let tool = std::env::current_exe()
        .unwrap()
        .parent()
        .and_then(|deps| deps.parent())
        .map(|debug| debug.join("flows"))
        .unwrap();
    assert!(
        tool.exists(),
        "{} is missing: `cargo build -p flow-cli` (the workspace's tests build it)",
        tool.display()
    );
    tool
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_saved_as_a_test_passes_flows_test_until_the_flow_changes() {
    let OneFlow {
        browser,
        server,
        token,
        ..
    } = one_flow(ivr(), "diagram").await;
    browser.set_page_size(1440, 900).await;
    start_run(&browser).await;
    press_key(&browser, "2").await;
    browser.wait_for_text(".run-state", "Hung up after").await;
    browser
        .click_button(".run-panel .tabs button", "Tests")
        .await;
    let name = browser.find(".save-test input[name=test-name]").await;
    name.clear().await.unwrap();
    name.send_keys("Support on 2").await.unwrap();
    browser.click(".save-test button.primary").await;
    browser.wait_for_text(".tests-list", "Support on 2").await;
    browser.click_button(".tests-list button", "Run all").await;
    browser
        .wait_for_text(".tests-list .outcome", "Passed")
        .await;
    browser.screenshot("run-tests").await;
    browser.click(".page-header button.primary").await;
    browser
        .wait_gone(".page-header button.primary:not([disabled])")
        .await;

    // The test travels with the flow: in its payload, and in the file Download writes.
    let stored = stored_flow(&server, &token, "IVR main").await;
    assert_eq!(stored["payload"]["tests"][0]["name"], "Support on 2");
    browser.open_editor(&server, &stored, "code").await;
    browser
        .click_button(".page-header button", "Download")
        .await;
    let file = browser.downloads.path().join("IVR main.json");
    let text = downloaded(&browser, "IVR main.json").await;
    assert!(text.contains("Support on 2"));
    let output = std::process::Command::new(flows_command())
        .args(["test", file.to_str().unwrap()])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{said}");
    assert!(said.contains("Support on 2"), "{said}");

    // A changed flow fails the same test, saying where it differs.
    let mut changed: serde_json::Value = serde_json::from_str(&text).unwrap();
    changed["schema"][3]["switch"]["case"]["2"][0]["set"]["dept"] = json!("helpdesk");
    std::fs::write(&file, changed.to_string()).unwrap();
    let output = std::process::Command::new(flows_command())
        .args(["test", file.to_str().unwrap()])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(
        said.contains("expected \"support\", got \"helpdesk\""),
        "{said}"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_corpus_call_runs_in_a_panel_that_reads_in_russian() {
    let (_, body) = flow_e2e::corpus_flows()
        .into_iter()
        .find(|(name, _)| name.starts_with("call-001"))
        .expect("call-001 in the corpus");
    let OneFlow { browser, .. } = one_flow(body, "diagram").await;
    browser
        .client
        .execute("localStorage.setItem('flow-studio.lang', 'ru')", vec![])
        .await
        .unwrap();
    browser.client.refresh().await.unwrap();
    browser.find("canvas").await;
    browser.set_page_size(1440, 900).await;
    start_run(&browser).await;
    // The call reaches its first prompt (or its end): the panel says where in Russian.
    browser
        .wait_until(|| async {
            let state = browser.texts(".run-state").await.join("");
            if state.starts_with("Ждёт")
                || state.contains("после") && !state.starts_with("Выполняется")
            {
                Ok(())
            } else {
                Err(state)
            }
        })
        .await;
    let english = without_cyrillic(
        &browser,
        ".run-panel h2, .run-panel h3, .run-controls button, .run-state, .run-panel .tabs button, .call-actions > button, .step-log th:not(:first-child)",
    )
    .await;
    assert!(english.is_empty(), "{english:?}");
    assert!(browser.texts(".step-log tbody tr").await.len() > 1);
    browser.screenshot("run-call-001-ru").await;
    browser.close().await;
}

#[tokio::test]
async fn an_outside_app_waits_for_the_outcome_the_user_picks() {
    let flow = json!({
        "name": "Member check",
        "type": "voice",
        "editor": true,
        "schema": [
            {"memberInfo": {"set": {"tier": "variables.tier"}}},
            {"switch": {"variable": "${tier}", "case": {
                "vip": [{"set": {"route": "priority"}}]
            }, "default": [{"set": {"route": "common"}}]}},
            {"hangup": ""}
        ]
    });
    let OneFlow { browser, .. } = one_flow(flow, "diagram").await;
    browser.set_page_size(1440, 900).await;
    browser.click(".run-toggle").await;
    browser.find(".run-panel").await;
    browser.click(".run-panel .tabs button:nth-child(2)").await;
    browser.click("input[name=mock-ask-apps]").await;
    browser.click(".run-panel .tabs button:nth-child(1)").await;
    browser.click(".run-controls button.primary").await;
    browser
        .wait_for_text(".conversation .prompt", "memberInfo waits for you")
        .await;
    browser
        .type_into("textarea[name=outcome-values]", "tier=vip")
        .await;
    browser.screenshot("run-outcome-picker").await;
    browser.click(".outcome-actions .primary").await;
    browser.wait_for_text(".run-state", "Hung up after").await;
    let variables = browser.texts(".variables .variable").await.join(" ");
    assert!(variables.contains("route\npriority"), "{variables}");
    assert_eq!(browser.texts(".conversation .did").await, ["✓ tier=vip"]);
    browser.assert_no_page_errors().await;
}
