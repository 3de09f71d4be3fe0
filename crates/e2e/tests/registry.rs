//! The Flow page as an operator uses it, in headless Chromium against the real server and a
//! real database: create, edit, find, sort, page through, download, upload and delete flows.
//! Those scenarios run twice: on our server, and through the Webitel double in front of it.

use fantoccini::key::Key;
use fantoccini::Locator;
use flow_e2e::{
    corpus_flows, downloaded, row_names, signed_in, stored_flow, wait_for_rows,
    webitel_in_front_of, AppServer, Browser, ADMIN_PASSWORD,
};
use flow_model::contract::{CREATE_FLOW, PATCH_FLOW, READ_FLOW, REPLACE_FLOW};
use flow_model::Role;
use reqwest::Method;
use serde_json::{json, Value};

// The scenarios that also run through the Webitel double take `server` (to arrange and check
// data directly: the double is a proxy over the same database) and `base`, where the browser
// talks to: `server.base`, or the double's base URL when `base` differs from it.

/// Whether `base` is the Webitel double in front of `server` rather than `server` itself.
fn on_webitel(server: &AppServer, base: &str) -> bool {
    base != server.base
}

/// A screenshot's name, marked when taken through the double so that neither run's pictures
/// overwrite the other's.
fn shot_name(server: &AppServer, base: &str, name: &str) -> String {
    if on_webitel(server, base) {
        format!("webitel-{name}")
    } else {
        name.to_owned()
    }
}

/// A browser signed in as the first admin through the login page served at `base`.
async fn signed_in_at(base: &str) -> Browser {
    let browser = Browser::start().await;
    browser.sign_in_at(base, "admin", ADMIN_PASSWORD).await;
    browser
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creates_a_code_flow_and_finds_it_in_the_registry() {
    let server = AppServer::start().await;
    create_a_code_flow(&server, &server.base).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creates_a_code_flow_and_finds_it_in_the_registry_on_webitel() {
    let server = AppServer::start().await;
    let webitel = webitel_in_front_of(&server).await;
    create_a_code_flow(&server, &webitel).await;
}

/// Creates a code flow through the app served at `base` (our server, or the Webitel double in
/// front of `server`) and finds it in the registry.
async fn create_a_code_flow(server: &AppServer, base: &str) {
    let token = server.admin_token().await;
    let browser = signed_in_at(base).await;
    browser
        .wait_for_text(".empty-state", "There are no flows yet")
        .await;
    browser
        .screenshot(&shot_name(server, base, "registry-empty"))
        .await;

    browser.click_button(".empty-state button", "Add").await;
    let create = browser.find(".modal button.primary").await;
    assert!(
        !create.is_enabled().await.unwrap(),
        "Create waits for a choice"
    );
    browser.click_button(".modal .choice", "Code").await;
    assert!(!create.is_enabled().await.unwrap(), "and for a type");
    browser
        .find(".modal select[name=type]")
        .await
        .select_by_value("voice")
        .await
        .unwrap();
    assert!(create.is_enabled().await.unwrap());
    browser
        .screenshot(&shot_name(server, base, "create-modal"))
        .await;
    create.click().await.unwrap();
    browser
        .wait_for_location("/flows/new/code?type=voice")
        .await;

    browser.type_into("input[name=name]", "Support line").await;
    browser
        .replace_editor_text(r#"[{"answer": ""}, {"hangup": }]"#)
        .await;
    browser
        .wait_for_text(
            "#schema-problem",
            "not valid JSON at line 1, column 29: expected value",
        )
        .await;
    browser.click_button(".page-header button", "Save").await;
    browser
        .wait_for_text(".toast.error", "Not saved: 1 error to fix first. 1:29")
        .await;
    assert!(server.flow_names(&token).await.is_empty(), "nothing saved");
    browser
        .replace_editor_text(r#"[{"answer": ""}, {"hangup": ""}]"#)
        .await;
    browser.type_into(".tag-input input", "support").await;
    browser
        .type_into(".tag-input input", &Key::Enter.to_string())
        .await;
    browser.click_button(".page-header button", "Save").await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    browser
        .screenshot(&shot_name(server, base, "code-flow-saved"))
        .await;
    let saved = stored_flow(server, &token, "Support line").await;
    assert_eq!(saved["schema"], json!([{"answer": ""}, {"hangup": ""}]));
    assert_eq!(saved["type"], "voice");
    assert_eq!(saved["editor"], false);
    assert_eq!(saved["tags"], json!([{"name": "support"}]));
    let id = saved["id"].as_str().unwrap().to_owned();
    browser
        .wait_for_location(&format!("/flows/{id}/code"))
        .await;

    browser.click_button(".page-header button", "Close").await;
    wait_for_rows(&browser, &["Support line"]).await;
    let row = browser.texts("table.flows tbody tr").await.join(" ");
    assert!(
        row.contains("Code") && row.contains("Voice") && row.contains("support"),
        "{row}"
    );

    // The modal starts afresh every time.
    browser.click_button(".page-header button", "Add").await;
    browser.find(".modal").await;
    assert!(browser
        .client
        .find(Locator::Css(".modal .choice[aria-checked=true]"))
        .await
        .is_err());
    assert!(!browser
        .find(".modal button.primary")
        .await
        .is_enabled()
        .await
        .unwrap());
    browser.click_button(".modal button", "Close").await;
    browser.wait_gone(".modal").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creates_a_diagram_flow_in_the_diagram_editor() {
    let server = AppServer::start().await;
    create_a_diagram_flow(&server, &server.base).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creates_a_diagram_flow_in_the_diagram_editor_on_webitel() {
    let server = AppServer::start().await;
    let webitel = webitel_in_front_of(&server).await;
    create_a_diagram_flow(&server, &webitel).await;
}

/// Draws and saves a diagram flow through the app served at `base`.
async fn create_a_diagram_flow(server: &AppServer, base: &str) {
    let token = server.admin_token().await;
    let browser = signed_in_at(base).await;
    flow_e2e::create_through_the_add_modal(&browser, "Diagram", "voice").await;
    browser.find("canvas").await;
    browser
        .wait_for_text(".problems", "Start is not connected")
        .await;

    // Steps from the palette go one after another.
    for app in ["answer", "playback", "hangup"] {
        browser
            .click(&format!(".palette-item[data-app={app}]"))
            .await;
    }
    browser.wait_for_text(".problems", "No problems").await;
    // Undo and redo, from the keyboard and the toolbar.
    let nodes = ".canvas-area ul.visually-hidden li";
    assert_eq!(browser.texts(nodes).await.len(), 4, "Start and three steps");
    browser
        .type_into("canvas", &format!("{}z{}", Key::Control, Key::Null))
        .await;
    browser
        .wait_until(|| async {
            match browser.texts(nodes).await.len() {
                3 => Ok(()),
                other => Err(format!("{other} nodes after undo")),
            }
        })
        .await;
    browser.click("button[aria-label^=Redo]").await;
    browser
        .wait_until(|| async {
            match browser.texts(nodes).await.len() {
                4 => Ok(()),
                other => Err(format!("{other} nodes after redo")),
            }
        })
        .await;
    // Arrows walk to the last step; its properties are its JSON.
    browser
        .type_into("canvas", &format!("{}{}", Key::Left, Key::Left))
        .await;
    browser.click_button(".properties .tab", "JSON").await;
    browser
        .wait_for_text(".properties", "The step as JSON")
        .await;
    let raw = browser.find("textarea[name=step-json]").await;
    assert_eq!(
        raw.prop("value").await.unwrap().as_deref(),
        Some("{\n  \"hangup\": \"\"\n}")
    );
    raw.clear().await.unwrap();
    raw.send_keys(r#"{"hangup": "", "description": "#)
        .await
        .unwrap();
    browser.click_button(".properties button", "Apply").await;
    browser
        .wait_for_text(
            ".properties .error",
            "line 1, column 30: EOF while parsing a value",
        )
        .await;
    raw.clear().await.unwrap();
    raw.send_keys(r#"{"hangup": "", "description": "bye"}"#)
        .await
        .unwrap();
    browser.click_button(".properties button", "Apply").await;
    browser.type_into("input.flow-name", "Drawn IVR").await;
    browser
        .screenshot(&shot_name(server, base, "diagram-editor"))
        .await;
    browser.click(".page-header button.primary").await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    let saved = stored_flow(server, &token, "Drawn IVR").await;
    assert_eq!(saved["editor"], true);
    assert_eq!(saved["type"], "voice");
    assert_eq!(
        flow_model::flow::decompile::top_level_apps(&saved["schema"]),
        [Some("answer"), Some("playback"), Some("hangup")]
    );
    assert_eq!(
        saved["schema"][2]["description"], "bye",
        "{}",
        saved["schema"]
    );
    let id = saved["id"].as_str().unwrap().to_owned();
    browser
        .wait_for_location(&format!("/flows/{id}/diagram"))
        .await;

    browser.click_button(".page-header button", "Close").await;
    wait_for_rows(&browser, &["Drawn IVR"]).await;
    let row = browser.texts("table.flows tbody tr").await.join(" ");
    assert!(row.contains("Diagram"), "{row}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_corpus_flow_opens_as_a_diagram_and_saves_back_with_the_same_meaning() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let browser = signed_in(&server).await;
    for (name, body) in corpus_flows() {
        let schema = body["schema"].clone();
        let created = server.create_flow(&token, body).await;
        let id = created["id"].as_str().unwrap();
        browser
            .client
            .goto(&format!("{}/flows/{id}/diagram", server.base))
            .await
            .unwrap();
        browser.find("canvas").await;
        browser.wait_for_text(".palette", "Flow control").await;
        // Readable as it opens: at 100 % (never below 80 %), Start near the top left.
        let zoom = browser.texts(".canvas-controls .zoom-level").await.concat();
        let percent: u32 = zoom.trim_end_matches('%').parse().unwrap_or_default();
        assert!(percent >= 80, "{name} opens at {zoom}");
        browser.screenshot(&format!("diagram-open-{name}")).await;
        // A rename makes the flow dirty, so Save writes the diagram back.
        browser.type_into("input.flow-name", " 2").await;
        browser.click(".page-header button.primary").await;
        browser
            .wait_for_text(".toast", "Successfully updated")
            .await;
        let (_, stored) = server
            .api(&token, Method::GET, &READ_FLOW.path_for(id), None)
            .await;
        assert_eq!(stored["name"], format!("{name} 2"));
        assert!(
            flow_model::flow::semantically_identical(&schema, &stored["schema"]),
            "{name}: {:?}",
            flow_model::flow::semantic_difference(&schema, &stored["schema"])
        );
        assert_eq!(
            stored["payload"]["version"], 1,
            "{name}: the layout is saved"
        );
        if name == "call-001" {
            browser.screenshot("diagram-call-001").await;
        }
    }
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deletes_one_flow_and_several_reporting_what_failed() {
    let server = AppServer::start().await;
    delete_one_flow_and_several(&server, &server.base).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deletes_one_flow_and_several_reporting_what_failed_on_webitel() {
    let server = AppServer::start().await;
    let webitel = webitel_in_front_of(&server).await;
    delete_one_flow_and_several(&server, &webitel).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delete_names_the_flows_that_call_it_and_still_deletes() {
    let server = AppServer::start().await;
    delete_a_called_flow(&server, &server.base).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delete_on_webitel_says_it_cannot_tell_who_calls() {
    let server = AppServer::start().await;
    let webitel = webitel_in_front_of(&server).await;
    delete_a_called_flow(&server, &webitel).await;
}

/// Deletes a flow that another flow runs (`schema`), through the app served at `base`.
async fn delete_a_called_flow(server: &AppServer, base: &str) {
    let token = server.admin_token().await;
    let billing = server
        .create_flow(
            &token,
            json!({"name": "Billing", "type": "voice", "schema": []}),
        )
        .await;
    let called = billing["id"].as_str().unwrap().parse::<i64>().unwrap();
    server
        .create_flow(
            &token,
            json!({"name": "IVR main", "type": "voice", "schema": [{"schema": {"id": called, "name": "Billing"}}]}),
        )
        .await;
    let browser = signed_in_at(base).await;
    browser.click("button[data-sort=name]").await;
    wait_for_rows(&browser, &["Billing", "IVR main"]).await;
    browser
        .click("table.flows tbody tr:nth-child(1) button[aria-label=Delete]")
        .await;
    browser.wait_for_text(".modal", "Delete «Billing»?").await;
    if base == server.base {
        browser
            .wait_for_text(
                ".modal .used-by",
                "«Billing» is used by IVR main (Run flow)",
            )
            .await;
    } else {
        browser
            .wait_for_text(
                ".modal .hint",
                "This server does not tell which other flows call",
            )
            .await;
    }
    browser
        .screenshot(&shot_name(server, base, "delete-used-by"))
        .await;
    browser.click_button(".modal button", "Delete").await;
    browser.wait_for_text(".toast", "Deleted 1 flow").await;
    if base == server.base {
        // The report names who still runs it.
        browser
            .wait_for_text(
                ".toast",
                "«Billing» is deleted; IVR main (Run flow) still run it",
            )
            .await;
    }
    wait_for_rows(&browser, &["IVR main"]).await;
    browser.assert_no_page_errors().await;
    browser.close().await;
}

/// Deletes one flow and then several through the app served at `base`, one of them changed by
/// someone else meanwhile.
async fn delete_one_flow_and_several(server: &AppServer, base: &str) {
    let token = server.admin_token().await;
    server
        .create_empty_flows(&token, "voice", &["Alpha", "Bravo", "Charlie", "Delta"])
        .await;
    let browser = signed_in_at(base).await;
    browser.click("button[data-sort=name]").await;
    wait_for_rows(&browser, &["Alpha", "Bravo", "Charlie", "Delta"]).await;

    browser
        .click("table.flows tbody tr:nth-child(1) button[aria-label=Delete]")
        .await;
    browser.wait_for_text(".modal", "Delete «Alpha»?").await;
    browser.click_button(".modal button", "Delete").await;
    browser.wait_for_text(".toast", "Deleted 1 flow").await;
    wait_for_rows(&browser, &["Bravo", "Charlie", "Delta"]).await;

    // Select all three; then someone else changes Charlie before the bulk delete.
    browser
        .click("table.flows thead input[type=checkbox]")
        .await;
    browser
        .wait_for_text(".page-header", "Delete selected (3)")
        .await;
    let charlie = stored_flow(server, &token, "Charlie").await;
    let (status, _) = server
        .api(
            &token,
            Method::PATCH,
            &PATCH_FLOW.path_for(charlie["id"].as_str().unwrap()),
            Some(json!({"description": "changed meanwhile", "fields": ["description"]})),
        )
        .await;
    assert_eq!(status, 200);
    browser
        .click_button(".page-header button", "Delete selected")
        .await;
    browser
        .wait_for_text(".modal", "Delete «Bravo», «Charlie», «Delta»?")
        .await;
    browser.click_button(".modal button", "Delete").await;
    // Our server refuses the stale delete (If-Match); on Webitel's engine, which has none,
    // the app reads each flow just before deleting it and leaves a changed one alone.
    browser.wait_for_text(".toast", "Deleted 2 flows").await;
    browser
        .wait_for_text(
            ".toast.error",
            "«Charlie» was not deleted: it was changed by someone else meanwhile",
        )
        .await;
    wait_for_rows(&browser, &["Charlie"]).await;
    assert_eq!(server.flow_names(&token).await, ["Charlie"]);
    browser
        .screenshot(&shot_name(server, base, "bulk-delete-report"))
        .await;
    assert!(
        browser
            .client
            .find(Locator::Css(".page-header button.danger"))
            .await
            .is_err(),
        "nothing stays selected"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn searches_filters_sorts_pages_and_restores_the_view() {
    let server = AppServer::start().await;
    search_filter_sort_and_page(&server, &server.base).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn searches_filters_sorts_pages_and_restores_the_view_on_webitel() {
    let server = AppServer::start().await;
    let webitel = webitel_in_front_of(&server).await;
    search_filter_sort_and_page(&server, &webitel).await;
}

/// Searches, filters, sorts and pages the registry served at `base`; a reload and Back restore
/// the view.
async fn search_filter_sort_and_page(server: &AppServer, base: &str) {
    let token = server.admin_token().await;
    let types = ["voice", "chat", "processing", "service", "default"];
    for number in 1..=25 {
        let tag = if number % 2 == 0 { "even" } else { "odd" };
        server
            .create_flow(
                &token,
                json!({"name": format!("Flow {number:02}"), "type": types[number % 5],
                       "schema": [], "tags": [{"name": tag}]}),
            )
            .await;
    }
    let browser = signed_in_at(base).await;
    // Newest first by default, 20 rows.
    browser.wait_for_text("table.flows", "Flow 25").await;
    assert_eq!(row_names(&browser).await.len(), 20);
    browser
        .screenshot(&shot_name(server, base, "registry-rows"))
        .await;

    // Search: "starts with", debounced into the URL.
    browser.type_into("input[name=q]", "Flow 1").await;
    browser.wait_for_location("/?q=Flow%201").await;
    wait_for_rows(
        &browser,
        &[
            "Flow 19", "Flow 18", "Flow 17", "Flow 16", "Flow 15", "Flow 14", "Flow 13", "Flow 12",
            "Flow 11", "Flow 10",
        ],
    )
    .await;
    // Sort by name: ascending, descending, none.
    browser.click("button[data-sort=name]").await;
    browser.wait_for_location("/?q=Flow%201&sort=%2Bname").await;
    assert_eq!(
        row_names(&browser).await.first().map(String::as_str),
        Some("Flow 10")
    );
    browser.click("button[data-sort=name]").await;
    browser.wait_for_location("/?q=Flow%201&sort=-name").await;
    browser.click("button[data-sort=name]").await;
    browser.wait_for_location("/?q=Flow%201").await;

    // Types and tags.
    browser
        .click_button(".filters button", "Expand filters")
        .await;
    browser.click("input[name=type][value=chat]").await;
    browser.wait_for_location("/?q=Flow%201&type=chat").await;
    wait_for_rows(&browser, &["Flow 16", "Flow 11"]).await;
    browser.type_into("#filter-tags", "ev").await;
    browser.wait_for_text(".suggestions", "even").await;
    browser
        .type_into("#filter-tags", &format!("{}{}", Key::Down, Key::Enter))
        .await;
    browser
        .wait_for_location("/?q=Flow%201&type=chat&tag=even")
        .await;
    wait_for_rows(&browser, &["Flow 16"]).await;
    browser
        .screenshot(&shot_name(server, base, "registry-filtered"))
        .await;
    // Reset filters returns to everything.
    browser
        .click_button(".filters button", "Reset filters")
        .await;
    browser.wait_for_location("/").await;
    assert_eq!(
        browser
            .find("input[name=q]")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("")
    );

    // Pages of 10, sorted by name; a reload and Back restore the exact view.
    browser.click("button[data-sort=name]").await;
    browser
        .find("select[name=size]")
        .await
        .select_by_value("10")
        .await
        .unwrap();
    browser.wait_for_location("/?sort=%2Bname&size=10").await;
    assert!(!browser
        .find(".pagination button[aria-label='Previous page']")
        .await
        .is_enabled()
        .await
        .unwrap());
    browser
        .click(".pagination button[aria-label='Next page']")
        .await;
    browser
        .wait_for_location("/?sort=%2Bname&size=10&page=2")
        .await;
    wait_for_rows(
        &browser,
        &[
            "Flow 11", "Flow 12", "Flow 13", "Flow 14", "Flow 15", "Flow 16", "Flow 17", "Flow 18",
            "Flow 19", "Flow 20",
        ],
    )
    .await;
    browser.client.refresh().await.unwrap();
    wait_for_rows(
        &browser,
        &[
            "Flow 11", "Flow 12", "Flow 13", "Flow 14", "Flow 15", "Flow 16", "Flow 17", "Flow 18",
            "Flow 19", "Flow 20",
        ],
    )
    .await;
    browser.wait_for_text(".page-number", "Page 2").await;
    browser
        .click(".pagination button[aria-label='Next page']")
        .await;
    wait_for_rows(
        &browser,
        &["Flow 21", "Flow 22", "Flow 23", "Flow 24", "Flow 25"],
    )
    .await;
    assert!(!browser
        .find(".pagination button[aria-label='Next page']")
        .await
        .is_enabled()
        .await
        .unwrap());
    browser.client.back().await.unwrap();
    browser
        .wait_for_location("/?sort=%2Bname&size=10&page=2")
        .await;
    browser.wait_for_text(".page-number", "Page 2").await;
    browser.close().await;
}

async fn upload(
    browser: &Browser,
    folder: &std::path::Path,
    file_name: &str,
    content: impl AsRef<[u8]>,
) {
    let path = folder.join(file_name);
    std::fs::write(&path, content).unwrap();
    browser
        .find("input[type=file]")
        .await
        .send_keys(path.to_str().unwrap())
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn downloads_and_uploads_flows_in_both_modes() {
    let server = AppServer::start().await;
    download_and_upload(&server, &server.base).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn downloads_and_uploads_flows_in_both_modes_on_webitel() {
    let server = AppServer::start().await;
    let webitel = webitel_in_front_of(&server).await;
    download_and_upload(&server, &webitel).await;
}

/// Downloads a flow and uploads files in both modes (create new, replace) through the app
/// served at `base`.
async fn download_and_upload(server: &AppServer, base: &str) {
    let token = server.admin_token().await;
    server
        .create_flow(
            &token,
            json!({"name": "Inbound IVR", "type": "voice", "editor": false,
            "schema": [{"answer": ""}], "tags": [{"name": "ivr"}], "description": "main line"}),
        )
        .await;
    let browser = signed_in_at(base).await;
    browser
        .click("table.flows button[aria-label=Download]")
        .await;
    let text = downloaded(&browser, "Inbound IVR.json").await;
    assert!(
        text.starts_with("{\n  \"id\": "),
        "2-space indented: {text}"
    );
    let exported: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        exported["schema"],
        json!([{"answer": ""}]),
        "real JSON, not a string"
    );
    assert_eq!(exported["name"], "Inbound IVR");
    let webitel = on_webitel(server, base);
    // Webitel's engine answers a flow without its description (no read selects it).
    assert_eq!(exported.get("description").is_none(), webitel, "{text}");

    let files = tempfile::tempdir().unwrap();
    // Create new, with the file's name: taken, so nothing is created.
    upload(&browser, files.path(), "Inbound IVR.json", &text).await;
    browser.wait_for_text(".modal", "Import JSON").await;
    assert_eq!(
        browser
            .find(".modal input[name=name]")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("Inbound IVR")
    );
    browser.click_button(".modal button", "Add").await;
    browser
        .wait_for_text(".modal .error", "A flow named «Inbound IVR» already exists")
        .await;
    browser
        .screenshot(&shot_name(server, base, "import-name-taken"))
        .await;
    let name = browser.find(".modal input[name=name]").await;
    name.clear().await.unwrap();
    name.send_keys("Inbound IVR copy").await.unwrap();
    browser.click_button(".modal button", "Add").await;
    browser
        .wait_for_text(".toast", "Imported «Inbound IVR copy»")
        .await;
    let copy = stored_flow(server, &token, "Inbound IVR copy").await;
    assert_eq!(copy["schema"], json!([{"answer": ""}]));
    assert_eq!(copy["tags"], json!([{"name": "ivr"}]));
    // Webitel's create keeps no description (and the file had none to give).
    let description = if webitel { "" } else { "main line" };
    assert_eq!(
        copy["description"].as_str().unwrap_or_default(),
        description
    );

    // Replace: a bare schema array replaces the named flow's schema only.
    upload(
        &browser,
        files.path(),
        "new-steps.json",
        r#"[{"answer": ""}, {"playback": {"files": []}}]"#,
    )
    .await;
    browser.wait_for_text(".modal", "Import JSON").await;
    browser.click(".modal input[name=create_new]").await;
    let name = browser.find(".modal input[name=name]").await;
    name.clear().await.unwrap();
    name.send_keys("Inbound IVR").await.unwrap();
    browser
        .wait_for_text(
            ".modal .note",
            "The flow «Inbound IVR» will be replaced by the imported one",
        )
        .await;
    browser
        .screenshot(&shot_name(server, base, "import-replace"))
        .await;
    browser.click_button(".modal button", "Add").await;
    browser
        .wait_for_text(".toast", "Replaced «Inbound IVR»")
        .await;
    let replaced = stored_flow(server, &token, "Inbound IVR").await;
    assert_eq!(
        replaced["schema"],
        json!([{"answer": ""}, {"playback": {"files": []}}])
    );
    // What the file lacks stays; but Webitel's engine writes the flow back whole as read,
    // without its description, so a PATCH not naming `description` empties it there.
    assert_eq!(
        replaced["description"].as_str().unwrap_or_default(),
        description
    );

    // Close loads nothing.
    upload(&browser, files.path(), "other.json", "[]").await;
    browser.click_button(".modal button", "Close").await;
    browser.wait_gone(".modal").await;
    assert_eq!(
        server.flow_names(&token).await,
        ["Inbound IVR", "Inbound IVR copy"]
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_uploads_say_what_is_wrong_and_change_nothing() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let browser = signed_in(&server).await;
    let files = tempfile::tempdir().unwrap();
    let cases = [
        (
            "broken.json",
            "[\n  {\"answer\": \"\"},\n  oops\n]",
            "not valid JSON at line 3, column 3",
        ),
        ("number.json", "42", "not a flow: expected an exported flow"),
        (
            "object.json",
            r#"{"name": "x"}"#,
            "not a flow: an object without \"schema\"",
        ),
        (
            "steps.json",
            r#"[{"answer": "", "hangup": ""}]"#,
            "invalid step at schema[0]: the step has 2 app keys",
        ),
        (
            "deep.json",
            &format!("{}{}", "[".repeat(200), "]".repeat(200)),
            "nested deeper than 100 levels",
        ),
        ("empty.json", "", "the file is empty"),
        (
            "schema-object.json",
            r#"{"name": "x", "schema": {"answer": ""}}"#,
            "schema: must be a JSON array of steps, got an object",
        ),
        (
            "control.json",
            r#"{"name": "a\u0000b", "schema": []}"#,
            "name: must not contain control characters (found one at character 2)",
        ),
        (
            "long-name.json",
            &format!(r#"{{"name": "{}", "schema": []}}"#, "n".repeat(101)),
            "name: must be at most 100 characters, got 101",
        ),
    ];
    // Text that is not UTF-8.
    upload(
        &browser,
        files.path(),
        "latin1.json",
        b"[{\"log\": \"caf\xe9\"}]",
    )
    .await;
    browser
        .wait_for_text(".toast.error", "latin1.json: Cannot import this file: not UTF-8 text: the byte at line 1, column 14 is not (save the file as UTF-8)")
        .await;
    for (file, text, message) in cases {
        upload(&browser, files.path(), file, text).await;
        browser
            .wait_for_text(
                ".toast.error",
                &format!("{file}: Cannot import this file: {message}"),
            )
            .await;
        assert!(
            browser.client.find(Locator::Css(".modal")).await.is_err(),
            "{file}: no import offered"
        );
    }
    browser.screenshot("bad-uploads").await;
    assert!(server.flow_names(&token).await.is_empty());
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_sees_no_changing_actions_and_the_api_refuses_them() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let flow = server
        .create_flow(
            &token,
            json!({"name": "Read only", "type": "voice", "schema": []}),
        )
        .await;
    server.add_user("viewer", Role::Viewer).await;
    let browser = Browser::start().await;
    browser.sign_in(&server, "viewer", "viewerviewer").await;
    wait_for_rows(&browser, &["Read only"]).await;
    let header = browser.texts(".page-header button").await.join(" ");
    assert!(
        !header.contains("Add") && !header.contains("Upload"),
        "{header}"
    );
    for hidden in ["a[aria-label=Edit]", "button[aria-label=Delete]"] {
        assert!(
            browser.client.find(Locator::Css(hidden)).await.is_err(),
            "{hidden} is hidden"
        );
    }
    assert!(browser
        .client
        .find(Locator::Css("button[aria-label=Download]"))
        .await
        .is_ok());
    browser.screenshot("registry-viewer").await;

    let viewer = server.token_of("viewer", "viewerviewer").await;
    let id = flow["id"].as_str().unwrap();
    // Where the flow is replaced and deleted.
    let path = REPLACE_FLOW.path_for(id);
    let (create, _) = server
        .api(
            &viewer,
            Method::POST,
            CREATE_FLOW.path,
            Some(json!({"name": "x", "schema": []})),
        )
        .await;
    let (update, _) = server
        .api(
            &viewer,
            Method::PUT,
            &path,
            Some(json!({"name": "y", "schema": []})),
        )
        .await;
    let (delete, _) = server.api(&viewer, Method::DELETE, &path, None).await;
    assert_eq!((create, update, delete), (403, 403, 403));
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn speaks_russian_when_asked_and_remembers_it() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    server
        .create_flow(
            &token,
            json!({"name": "<img src=x onerror=alert(1)>", "type": "chat", "schema": [],
                                    "tags": [{"name": "<script>alert(2)</script>"}]}),
        )
        .await;
    let browser = signed_in(&server).await;
    browser
        .wait_for_text("table.flows", "<img src=x onerror=alert(1)>")
        .await;
    assert!(browser
        .client
        .find(Locator::Css("table.flows img"))
        .await
        .is_err());
    assert!(browser
        .client
        .find(Locator::Css("table.flows script"))
        .await
        .is_err());
    browser
        .wait_for_text("table.flows .chip", "<script>alert(2)</script>")
        .await;

    browser.switch_to_russian().await;
    browser.wait_for_text("table.flows", "Чат").await;
    browser.client.refresh().await.unwrap();
    browser.wait_for_text(".page-header h1", "Схемы").await;
    browser.wait_for_text(".page-header", "Добавить").await;
    browser.screenshot("registry-russian").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_returns_to_the_exact_view_asked_for() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    server
        .create_empty_flows(&token, "chat", &["Alpha", "Bravo"])
        .await;
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}/?type=chat&sort=-name&size=40", server.base))
        .await
        .unwrap();
    browser.find("form.login-card").await;
    browser.type_into("input[name=username]", "admin").await;
    browser
        .type_into("input[name=password]", ADMIN_PASSWORD)
        .await;
    let domain = browser.find("input[name=domain]").await;
    domain.clear().await.unwrap();
    domain.send_keys("main").await.unwrap();
    browser.click("button[type=submit]").await;
    browser
        .wait_for_location("/?type=chat&sort=-name&size=40")
        .await;
    wait_for_rows(&browser, &["Bravo", "Alpha"]).await;
    assert!(browser
        .find("input[name=type][value=chat]")
        .await
        .prop("checked")
        .await
        .unwrap()
        .is_some_and(|checked| checked == "true"));
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_flow_opens_as_a_diagram_and_becomes_one_only_after_confirming() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let flow = server
        .create_flow(
            &token,
            json!({"name": "Coded", "type": "voice", "editor": false,
                                    "schema": [{"answer": ""}]}),
        )
        .await;
    let id = flow["id"].as_str().unwrap().to_owned();
    let browser = signed_in(&server).await;
    browser
        .client
        .goto(&format!("{}/flows/{id}/code", server.base))
        .await
        .unwrap();
    browser
        .click_button(".page-header button", "Open as diagram")
        .await;
    browser
        .wait_for_location(&format!("/flows/{id}/diagram"))
        .await;
    browser.wait_for_text(".editor-badge", "Code").await;
    browser.click(".palette-item[data-app=hangup]").await;
    browser.click(".page-header button.primary").await;
    browser
        .wait_for_text(".modal", "Saving it here makes it a Diagram flow")
        .await;
    browser.click_button(".modal button", "Cancel").await;
    browser.wait_gone(".modal").await;
    assert_eq!(
        stored_flow(&server, &token, "Coded").await["editor"],
        false,
        "not yet"
    );

    browser.click(".page-header button.primary").await;
    browser
        .click_button(".modal button", "Make it a Diagram flow and save")
        .await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    let stored = stored_flow(&server, &token, "Coded").await;
    assert_eq!(stored["editor"], true);
    assert_eq!(
        flow_model::flow::decompile::top_level_apps(&stored["schema"]),
        [Some("answer"), Some("hangup")]
    );
    browser.wait_for_text(".editor-badge", "Diagram").await;
    browser.close().await;
}
