//! The diagram editor's properties, as an operator fills them in, in headless Chromium against
//! the real server and database.

use fantoccini::key::Key;
use flow_e2e::{signed_in, stored_flow, AppServer, Browser};
use serde_json::json;

/// The value of the form field named `name`.
async fn field_value(browser: &Browser, name: &str) -> String {
    browser
        .find(&format!(".property-form [name={name}]"))
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_step_is_filled_in_through_its_typed_form_with_errors_at_the_field() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let browser = signed_in(&server).await;
    browser
        .client
        .goto(&format!("{}/flows/new/diagram?type=voice", server.base))
        .await
        .unwrap();
    browser.find("canvas").await;
    browser.click(".palette-item[data-app=answer]").await;
    browser.click(".palette-item[data-app=playback]").await;
    // The new step is selected; its form has its fields, required ones marked.
    browser.wait_for_text(".property-form", "files *").await;
    let labels = browser.texts(".property-form .property label").await;
    assert!(
        labels.starts_with(&["files *".to_owned(), "terminator".to_owned()]),
        "{labels:?}"
    );
    assert!(labels.ends_with(&[
        "tag".to_owned(),
        "break".to_owned(),
        "limit".to_owned(),
        "description".to_owned()
    ]));

    // A wrong value is named at its field while typing, and changes nothing.
    let files = browser.find(".property-form textarea[name=files]").await;
    files.clear().await.unwrap();
    files.send_keys(r#"{"id": 1}"#).await.unwrap();
    browser
        .wait_for_text(
            ".property:has([name=files]) .error",
            "must be a list [...], got an object",
        )
        .await;
    browser.screenshot("diagram-properties-error").await;
    files.clear().await.unwrap();
    files
        .send_keys(&format!(r#"[{{"id": 1}}]{}"#, Key::Tab))
        .await
        .unwrap();
    browser
        .wait_gone(".property:has([name=files]) .error:not(:empty)")
        .await;
    browser.wait_for_text(".problems", "No problems").await;

    // Each committed field is one undoable change.
    browser
        .type_into(
            ".property-form input[name=tag]",
            &format!("greeting{}", Key::Tab),
        )
        .await;
    browser
        .type_into(
            ".property-form input[name=limit]",
            &format!("3{}", Key::Tab),
        )
        .await;
    browser
        .type_into(
            ".property-form input[name=description]",
            &format!("Welcome{}", Key::Tab),
        )
        .await;
    browser.click(".property-form input[name=break]").await;
    browser.screenshot("diagram-properties").await;
    browser
        .type_into("canvas", &format!("{}z{}", Key::Control, Key::Null))
        .await;
    browser
        .wait_until(|| async {
            match browser
                .find(".property-form input[name=break]")
                .await
                .prop("checked")
                .await
                .unwrap()
                .as_deref()
            {
                Some("false") => Ok(()),
                other => Err(format!("break is {other:?} after undo")),
            }
        })
        .await;
    assert_eq!(field_value(&browser, "description").await, "Welcome");
    assert_eq!(field_value(&browser, "limit").await, "3");

    browser.type_into("input.flow-name", "Greeting line").await;
    browser.click_button(".page-header button", "Save").await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    let saved = stored_flow(&server, &token, "Greeting line").await;
    assert_eq!(
        saved["schema"][1],
        json!({"playback": {"files": [{"id": 1}]}, "tag": "greeting", "limit": {"max": 3}, "description": "Welcome"}),
        "{}",
        saved["schema"]
    );
    browser.close().await;
}
