//! Hostile text in the browser: names, tags and descriptions with markup, script, right-to-left
//! marks and emoji are shown as the text they are, on the Flow page and in both editors, and
//! no script of theirs ever runs.

use flow_e2e::{signed_in, wait_for_rows, AppServer, Browser};
use serde_json::json;

const MARKUP_NAME: &str = "<img src=x onerror=\"window.pwned='name'\">";
const SCRIPT_TAG: &str = "<script>window.pwned='tag'</script>";
const SVG_DESCRIPTION: &str = "\"><svg onload=\"window.pwned='description'\">";
const WORLD_NAME: &str = "\u{202E}مرحبا 👩‍👩‍👧 e\u{301}";

/// Fails when any hostile text has run as script.
async fn nothing_ran(browser: &Browser) {
    let ran = browser
        .client
        .execute("return window.pwned || null;", vec![])
        .await
        .unwrap();
    assert_eq!(ran, json!(null), "a script from the data ran");
    let injected = browser
        .client
        .execute(
            "return document.querySelectorAll('img[src=x], svg[onload], script:not([src]):not([type])').length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(injected, json!(0), "markup from the data became elements");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_names_tags_and_descriptions_show_as_text_everywhere() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let marked = server
        .create_flow(
            &token,
            json!({"name": MARKUP_NAME, "type": "voice", "editor": true,
                   "tags": [{"name": SCRIPT_TAG}], "description": SVG_DESCRIPTION,
                   "schema": [{"log": "<b>not bold</b>"}]}),
        )
        .await;
    let world = server
        .create_flow(
            &token,
            json!({"name": WORLD_NAME, "type": "chat", "editor": false, "schema": []}),
        )
        .await;
    let browser = signed_in(&server).await;
    wait_for_rows(&browser, &[WORLD_NAME, MARKUP_NAME]).await;
    let rows = browser.texts("table.flows tbody tr").await.join(" | ");
    assert!(rows.contains(SCRIPT_TAG), "the tag as text: {rows}");
    nothing_ran(&browser).await;
    browser.screenshot("hostile-registry").await;

    // The diagram editor: the name in its field, the log's text in the step list.
    browser.open_editor(&server, &marked, "diagram").await;
    let name = browser
        .find("input.flow-name")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(name.as_deref(), Some(MARKUP_NAME));
    browser.wait_for_text(".problems", "No problems").await;
    let steps = browser
        .client
        .execute(
            "return document.querySelector('.canvas-area ul.visually-hidden').textContent;",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        steps.as_str().unwrap().contains("<b>not bold</b>"),
        "{steps}"
    );
    nothing_ran(&browser).await;

    // The code editor, with the description and tag in its form.
    browser.open_editor(&server, &world, "code").await;
    let name = browser
        .find("input[name=name]")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(name.as_deref(), Some(WORLD_NAME));
    browser.open_editor(&server, &marked, "code").await;
    let description = browser
        .find("textarea[name=description]")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(description.as_deref(), Some(SVG_DESCRIPTION));
    browser.wait_for_text(".tag-input", SCRIPT_TAG).await;
    nothing_ran(&browser).await;
    browser.screenshot("hostile-code-editor").await;
    browser.close().await;
}
