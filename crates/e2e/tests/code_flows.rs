//! Code flows on their General and Versions tabs, as an operator uses them, in headless
//! Chromium against the real server and database: the code editor's help and problems, saving
//! (refused while there are errors), conflicts between two people, versions, leaving safely and
//! drafts.

use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use fantoccini::key::Key;
use fantoccini::Locator;
use flow_e2e::{
    downloaded, one_flow, signed_in, stored_flow, wait_for_rows, AppServer, Browser, OneFlow,
    ADMIN_PASSWORD,
};
use flow_model::contract::REPLACE_FLOW;
use flow_model::Role;
use reqwest::Method;
use serde_json::{json, Value};
use std::time::Duration;

/// Replaces a flow's schema through the API, with a note for its version.
async fn save_through_api(
    server: &AppServer,
    token: &str,
    flow: &Value,
    schema: Value,
    note: &str,
) {
    let (status, body) = server
        .api(
            token,
            Method::PUT,
            &REPLACE_FLOW.path_for(flow["id"].as_str().unwrap()),
            Some(
                json!({"name": flow["name"], "type": flow["type"], "schema": schema, "note": note}),
            ),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_editor_underlines_problems_goes_to_them_formats_and_downloads() {
    let OneFlow {
        server: _server,
        token: _token,
        flow: _flow,
        browser,
    } = one_flow(json!({"name": "Jumper", "type": "voice", "editor": false, "schema": [{"answer": ""}, {"goto": "nowhere"}]}), "code").await;
    browser
        .wait_for_text(
            ".schema-problems",
            "5:3goto \"nowhere\" leads nowhere: no step has that tag (was it deleted?)",
        )
        .await;
    // Underlined in the text, as a warning.
    let underline = browser.find(".cm-lintRange-warning").await;
    assert_eq!(underline.text().await.unwrap(), "\"goto\"");
    browser.screenshot("general-tab-problems").await;

    // A click on the problem puts the cursor at the step.
    browser.click(".schema-problems .problem").await;
    browser.type_in_editor("X").await;
    assert!(
        browser.editor_text().await.contains("  X{\n    \"goto\""),
        "{}",
        browser.editor_text().await
    );
    browser
        .type_in_editor(&format!("{}z{}", Key::Control, Key::Null))
        .await;

    browser
        .replace_editor_text(r#"[{"answer":"","tag":"a"}]"#)
        .await;
    browser
        .wait_for_text(".schema-problems", "No problems")
        .await;
    browser
        .click_button(".schema-heading button", "Format")
        .await;
    assert_eq!(
        browser.editor_text().await,
        "[\n  {\n    \"answer\": \"\",\n    \"tag\": \"a\"\n  }\n]"
    );
    // Format is one change: Undo takes it back.
    browser
        .type_in_editor(&format!("{}z{}", Key::Control, Key::Null))
        .await;
    assert_eq!(browser.editor_text().await, r#"[{"answer":"","tag":"a"}]"#);

    browser
        .click_button(".page-header button", "Download")
        .await;
    let text = downloaded(&browser, "Jumper.json").await;
    let downloaded: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        downloaded["schema"],
        json!([{"answer": "", "tag": "a"}]),
        "what is typed"
    );

    // Full screen, and Escape back.
    browser.click(".fullscreen-toggle").await;
    browser.find(".schema.fullscreen").await;
    browser.screenshot("code-editor-fullscreen").await;
    browser.type_in_editor(&Key::Escape.to_string()).await;
    browser.wait_gone(".schema.fullscreen").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_block_saving_with_their_place_and_a_fixed_flow_saves() {
    let OneFlow {
        server,
        token,
        flow: _flow,
        browser,
    } = one_flow(
        json!({"name": "Front desk", "type": "voice", "editor": false, "schema": [{"answer": ""}]}),
        "code",
    )
    .await;

    browser
        .replace_editor_text("[\n  {\"answer\": \"\"},\n  {\"hangup\": }\n]")
        .await;
    browser
        .wait_for_text(".schema-problems", "3:14invalid JSON: expected value")
        .await;
    browser.find(".cm-lintRange-error").await;
    browser.click_button(".page-header button", "Save").await;
    browser
        .wait_for_text(
            ".toast.error",
            "Not saved: 1 error to fix first. 3:14: invalid JSON: expected value",
        )
        .await;
    browser.screenshot("save-refused-syntax").await;

    // A structural error blocks too; a warning does not.
    browser
        .replace_editor_text(
            "[\n  {\"tag\": \"a\", \"answer\": \"\"},\n  {\"tag\": \"a\", \"hangup\": \"\"}\n]",
        )
        .await;
    browser.click_button(".page-header button", "Save").await;
    browser
        .wait_for_text(".toast.error", "3:3: tag \"a\" is already used")
        .await;
    assert_eq!(
        stored_flow(&server, &token, "Front desk").await["schema"],
        json!([{"answer": ""}]),
        "nothing saved"
    );

    browser
        .replace_editor_text(
            "[\n  {\"answer\": \"\"},\n  {\"sleep\": \"1000\"},\n  {\"hangup\": \"\"}\n]",
        )
        .await;
    browser
        .wait_for_text(".schema-problems", "should be a number")
        .await;
    browser
        .type_into("input[name=note]", "Pause before hanging up")
        .await;
    browser.click_button(".page-header button", "Save").await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    assert_eq!(
        stored_flow(&server, &token, "Front desk").await["schema"],
        json!([{"answer": ""}, {"sleep": "1000"}, {"hangup": ""}])
    );
    browser.click_button(".page-header button", "Close").await;
    wait_for_rows(&browser, &["Front desk"]).await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_inserts_a_snippet_and_hover_explains_the_app() {
    let OneFlow {
        server: _server,
        token: _token,
        flow: _flow,
        browser,
    } = one_flow(
        json!({"name": "Menu", "type": "voice", "editor": false, "schema": []}),
        "code",
    )
    .await;
    browser.replace_editor_text("[\n  {}\n]").await;
    // The cursor goes inside the braces, and a key is begun.
    browser
        .type_in_editor(&format!("{0}{0}{0}\"pla", Key::Left))
        .await;
    browser
        .wait_for_text(".cm-tooltip-autocomplete", "playback")
        .await;
    let offered = browser.texts(".cm-tooltip-autocomplete li").await;
    assert!(
        offered
            .iter()
            .any(|option| option.contains("playback") && option.contains("Media")),
        "{offered:?}"
    );
    browser.screenshot("code-editor-completion").await;
    browser.type_in_editor(&Key::Enter.to_string()).await;
    assert_eq!(
        browser.editor_text().await,
        "[\n  {\"playback\": {\n    \"files\": []\n  }}\n]"
    );
    browser
        .wait_for_text(".schema-problems", "No problems")
        .await;

    // Hovering the app's name shows its documentation.
    let name = browser
        .client
        .find(Locator::XPath(
            "//div[contains(@class,'cm-line')]//span[text()='\"playback\"']",
        ))
        .await
        .expect("the app name in the text");
    browser
        .client
        .perform_actions(
            MouseActions::new("mouse".to_owned()).then(PointerAction::MoveToElement {
                element: name,
                duration: Some(Duration::from_millis(100)),
                x: 5.0,
                y: 0.0,
            }),
        )
        .await
        .unwrap();
    browser
        .wait_for_text(".cm-tooltip-hover", "playback — Playback")
        .await;
    let help = browser.texts(".cm-tooltip-hover").await.join(" ");
    assert!(
        help.contains("files: ") && help.contains(", required"),
        "{help}"
    );
    browser.screenshot("code-editor-hover").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conflict_between_two_people_offers_theirs_mine_or_a_copy() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    server.add_user("maria", Role::Editor).await;
    let flow = server
        .create_flow(
            &token,
            json!({"name": "Shared", "type": "voice", "editor": false, "schema": [{"answer": ""}]}),
        )
        .await;
    let (admin, maria) = Browser::pair().await;
    admin.sign_in(&server, "admin", ADMIN_PASSWORD).await;
    maria.sign_in(&server, "maria", "mariamaria").await;
    admin.open_editor(&server, &flow, "code").await;
    maria.open_editor(&server, &flow, "code").await;

    maria
        .replace_editor_text(r#"[{"answer": ""}, {"hangup": "maria"}]"#)
        .await;
    maria.click_button(".page-header button", "Save").await;
    maria.wait_for_text(".toast", "Successfully updated").await;

    admin
        .replace_editor_text(r#"[{"answer": ""}, {"hangup": "admin"}]"#)
        .await;
    admin.click_button(".page-header button", "Save").await;
    admin
        .wait_for_text(".modal", "Someone else saved this flow")
        .await;
    admin.wait_for_text(".modal", "maria saved it at").await;
    admin.screenshot("conflict").await;

    // Copy mine keeps the question open.
    admin.click_button(".modal button", "Copy mine").await;
    admin
        .wait_for_text(".toast", "Your schema is on the clipboard")
        .await;
    // Reload theirs shows theirs; Undo brings mine back.
    admin.click_button(".modal button", "Reload theirs").await;
    admin.wait_gone(".modal").await;
    // What was copied pastes back.
    let note = admin.find("input[name=note]").await;
    note.send_keys(&format!("{}v{}", Key::Control, Key::Null))
        .await
        .unwrap();
    assert_eq!(
        note.prop("value").await.unwrap().as_deref(),
        Some(r#"[{"answer": ""}, {"hangup": "admin"}]"#)
    );
    note.clear().await.unwrap();
    assert_eq!(
        admin.editor_text().await,
        "[\n  {\n    \"answer\": \"\"\n  },\n  {\n    \"hangup\": \"maria\"\n  }\n]"
    );
    admin
        .type_in_editor(&format!("{}z{}", Key::Control, Key::Null))
        .await;
    assert_eq!(
        admin.editor_text().await,
        r#"[{"answer": ""}, {"hangup": "admin"}]"#
    );

    // Maria saves again; this time the admin overwrites.
    maria
        .replace_editor_text(r#"[{"answer": ""}, {"hangup": "maria again"}]"#)
        .await;
    maria.click_button(".page-header button", "Save").await;
    maria.wait_for_text(".toast", "Successfully updated").await;
    admin.click_button(".page-header button", "Save").await;
    admin
        .click_button(".modal button", "Overwrite with mine")
        .await;
    admin.wait_for_text(".toast", "Successfully updated").await;
    assert_eq!(
        stored_flow(&server, &token, "Shared").await["schema"],
        json!([{"answer": ""}, {"hangup": "admin"}])
    );
    maria.close().await;
    admin.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn versions_compare_side_by_side_and_restore_as_a_new_save() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let flow = server
        .create_flow(
            &token,
            json!({"name": "Evolving", "type": "voice", "editor": false, "schema": [{"answer": ""}]}),
        )
        .await;
    save_through_api(
        &server,
        &token,
        &flow,
        json!([{"answer": ""}, {"hangup": ""}]),
        "Hang up at the end",
    )
    .await;
    save_through_api(
        &server,
        &token,
        &flow,
        json!([{"answer": ""}, {"playback": {"files": [{"id": 1}]}}, {"hangup": ""}]),
        "Greeting",
    )
    .await;
    let browser = signed_in(&server).await;
    browser.open_editor(&server, &flow, "code").await;
    browser.click_button(".tabs .tab", "Versions").await;
    browser
        .wait_for_text(".version-list", "Version 3 (current)")
        .await;
    let entries = browser.texts(".version-list li").await;
    assert_eq!(entries.len(), 3, "{entries:?}");
    assert!(
        entries[0].contains("Greeting") && entries[0].contains("admin"),
        "{entries:?}"
    );
    assert!(
        entries[1].starts_with("Version 2") && entries[1].contains("Hang up at the end"),
        "{entries:?}"
    );
    assert!(entries[2].starts_with("Version 1"), "{entries:?}");

    browser
        .click_button(".version-list button.version", "Version 1")
        .await;
    browser
        .wait_for_text(".version-diff .summary", "−0 +12 lines")
        .await;
    let added = browser.texts("table.diff td.added").await.join("\n");
    assert!(added.contains("\"playback\""), "{added}");
    browser.screenshot("versions-diff").await;

    browser
        .click_button(".version-diff button", "Restore this version")
        .await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    assert_eq!(
        stored_flow(&server, &token, "Evolving").await["schema"],
        json!([{"answer": ""}])
    );
    browser
        .wait_for_text(".version-list", "Version 4 (current)")
        .await;
    browser
        .wait_for_text(".version-list li.current", "Restored version 1")
        .await;
    // The restore is a save like any other: version 3 is still there to go back to.
    assert!(browser
        .texts(".version-list li")
        .await
        .iter()
        .any(|entry| entry.starts_with("Version 3")));
    browser.click_button(".tabs .tab", "General").await;
    assert_eq!(
        browser.editor_text().await,
        "[\n  {\n    \"answer\": \"\"\n  }\n]"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_a_code_flow_and_guards_unsaved_changes() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    server
        .create_flow(&token, json!({"name": "Chat bot", "type": "chat", "editor": false, "schema": [{"sendText": "hi"}]}))
        .await;
    let browser = signed_in(&server).await;
    browser.click("table.flows a[aria-label=Edit]").await;
    let description = browser.find("textarea[name=description]").await;
    description.send_keys("Greets every visitor").await.unwrap();
    // Ctrl+S saves.
    description
        .send_keys(&format!("{}s{}", Key::Control, Key::Null))
        .await
        .unwrap();
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    assert_eq!(
        stored_flow(&server, &token, "Chat bot").await["description"],
        "Greets every visitor"
    );

    // Leaving with unsaved changes asks first; Cancel stays.
    browser.type_into("input[name=name]", " v2").await;
    browser.click_button(".page-header button", "Close").await;
    browser
        .wait_for_text(".modal", "Save your changes before leaving?")
        .await;
    browser.screenshot("leave-guard").await;
    browser.click_button(".modal button", "Cancel").await;
    browser.wait_gone(".modal").await;
    assert_eq!(
        browser
            .find("input[name=name]")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("Chat bot v2")
    );
    // Save from the question saves and leaves.
    browser.click_button(".page-header button", "Close").await;
    browser.click_button(".modal button", "Save").await;
    wait_for_rows(&browser, &["Chat bot v2"]).await;

    // Don't save leaves without saving.
    browser.click("table.flows a[aria-label=Edit]").await;
    browser.type_into("input[name=name]", " draft").await;
    browser.click_button(".page-header button", "Close").await;
    browser.click_button(".modal button", "Don't save").await;
    wait_for_rows(&browser, &["Chat bot v2"]).await;

    // The browser's Back asks the same question.
    browser.click("table.flows a[aria-label=Edit]").await;
    browser.type_into("input[name=name]", " (back)").await;
    browser.client.back().await.unwrap();
    browser
        .wait_for_text(".modal", "Save your changes before leaving?")
        .await;
    browser.click_button(".modal button", "Cancel").await;
    browser.wait_gone(".modal").await;
    assert_eq!(
        browser
            .find("input[name=name]")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("Chat bot v2 (back)"),
        "Cancel stays, typing kept"
    );
    browser.client.back().await.unwrap();
    browser.click_button(".modal button", "Don't save").await;
    wait_for_rows(&browser, &["Chat bot v2"]).await;
    browser.click("table.flows a[aria-label=Edit]").await;
    browser.type_into("input[name=name]", " final").await;
    browser.client.back().await.unwrap();
    browser.click_button(".modal button", "Save").await;
    wait_for_rows(&browser, &["Chat bot v2 final"]).await;
    // Saved: Back leaves without a question. (The last save's toast may still be showing,
    // so the stored flow says when this save has landed.)
    browser.click("table.flows a[aria-label=Edit]").await;
    browser.type_into("textarea[name=description]", ".").await;
    browser.click_button(".page-header button", "Save").await;
    browser
        .wait_until(|| async {
            let stored = stored_flow(&server, &token, "Chat bot v2 final").await;
            match stored["description"].as_str() {
                Some(text) if text.ends_with('.') => Ok(()),
                _ => Err(format!("not saved yet: {stored}")),
            }
        })
        .await;
    browser
        .wait_until(|| async {
            let buttons = browser.texts(".page-header button.primary").await;
            if buttons.iter().any(|text| text.starts_with("Saving")) {
                Err(format!("still saving: {buttons:?}"))
            } else {
                Ok(())
            }
        })
        .await;
    browser.client.back().await.unwrap();
    wait_for_rows(&browser, &["Chat bot v2 final"]).await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsaved_typing_survives_a_reload_as_a_draft() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let flow = server
        .create_flow(
            &token,
            json!({"name": "Drafty", "type": "voice", "schema": []}),
        )
        .await;
    let id = flow["id"].as_str().unwrap().to_owned();
    let browser = signed_in(&server).await;
    let page = format!("{}/flows/{id}/code", server.base);
    browser.client.goto(&page).await.unwrap();
    browser
        .type_into("textarea[name=description]", "typed, never saved")
        .await;
    browser.replace_editor_text(r#"[{"answer": ""}]"#).await;
    // The draft is written once typing pauses.
    tokio::time::sleep(Duration::from_millis(900)).await;
    browser.client.refresh().await.unwrap();
    browser
        .wait_for_text(".draft-offer", "Unsaved changes from")
        .await;
    browser.screenshot("draft-offer").await;
    let description = browser.find("textarea[name=description]").await;
    assert_eq!(
        description.prop("value").await.unwrap().as_deref(),
        Some("")
    );
    browser
        .click_button(".draft-offer button", "Restore them")
        .await;
    assert_eq!(
        browser
            .find("textarea[name=description]")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("typed, never saved")
    );
    assert_eq!(browser.editor_text().await, r#"[{"answer": ""}]"#);
    browser.click_button(".page-header button", "Save").await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    let stored = stored_flow(&server, &token, "Drafty").await;
    assert_eq!(stored["description"], "typed, never saved");
    assert_eq!(stored["schema"], json!([{"answer": ""}]));
    // Saved: nothing is offered any more.
    browser.client.refresh().await.unwrap();
    browser.find("textarea[name=description]").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(browser
        .client
        .find(fantoccini::Locator::Css(".draft-offer"))
        .await
        .is_err());
    let kept = browser
        .client
        .execute(
            &format!("return localStorage.getItem('flow-studio.draft.{id}');"),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(kept, Value::Null);
    browser.close().await;
}
