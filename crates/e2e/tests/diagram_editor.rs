//! The diagram editor's properties, as an operator fills them in, in headless Chromium against
//! the real server and database.

use fantoccini::key::Key;
use flow_e2e::{
    one_flow, signed_in, stored_flow, webitel_in_front_of, AppServer, Browser, OneFlow,
    ADMIN_PASSWORD,
};
use flow_model::contract::REPLACE_FLOW;
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

    // A list opens up: Add gives it an item with its own field. A wrong value is named at
    // its field while typing, and changes nothing.
    browser
        .click(".property.collection:has(label[for=property-files]) button.add-item")
        .await;
    let item = r#".property-form textarea[name="files[0]"]"#;
    let files = browser.find(item).await;
    files.clear().await.unwrap();
    files.send_keys("[]").await.unwrap();
    browser
        .wait_for_text(
            r#".property:has([name="files[0]"]) .error"#,
            "must be an object {...}, got an array",
        )
        .await;
    browser.screenshot("diagram-properties-error").await;
    files.clear().await.unwrap();
    files
        .send_keys(&format!(r#"{{"id": 1}}{}"#, Key::Tab))
        .await
        .unwrap();
    browser
        .wait_gone(r#".property:has([name="files[0]"]) .error:not(:empty)"#)
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

    // Enter on the canvas opens the selected step's properties.
    canvas_key(&browser, &Key::Enter.to_string()).await;
    let focused = browser
        .client
        .execute("return document.activeElement.name;", vec![])
        .await
        .unwrap();
    assert_eq!(
        focused,
        json!("files[0]"),
        "the first field there is to type"
    );

    // Saving with errors asks first, naming them.
    browser.find_step("answer").await;
    browser.wait_for_text(".match-count", "1 of 1").await;
    browser
        .type_into(
            ".property-form input[name=tag]",
            &format!("greeting{}", Key::Tab),
        )
        .await;
    browser.type_into("input.flow-name", "Greeting line").await;
    browser.click(".page-header button.primary").await;
    browser.wait_for_text(".modal", "Save with errors?").await;
    browser
        .wait_for_text(".modal .save-errors", "tag \"greeting\" is already used")
        .await;
    browser.screenshot("diagram-save-with-errors").await;
    browser.click_button(".modal button", "Cancel").await;
    browser.wait_gone(".modal").await;
    canvas_key(&browser, &format!("{}z{}", Key::Control, Key::Null)).await;
    browser.wait_for_text(".problems", "No problems").await;
    browser.click(".page-header button.primary").await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn find_arrange_to_start_drafts_and_back_keep_the_work_safe() {
    let OneFlow {
        server,
        token,
        flow,
        browser,
    } = one_flow(
        json!({"name": "Welcome line", "type": "voice", "editor": true, "schema": [
            {"answer": ""},
            {"playback": {"files": [{"name": "welcome.wav"}]}},
            {"log": "welcome done"},
            {"hangup": ""}
        ]}),
        "diagram",
    )
    .await;

    // Find steps by any text, Enter and Shift+Enter step through the matches.
    browser.find_step("WELCOME").await;
    browser.wait_for_text(".match-count", "1 of 2").await;
    browser.wait_for_text(".property-form", "files *").await;
    browser
        .type_into(".find input", &Key::Enter.to_string())
        .await;
    browser.wait_for_text(".match-count", "2 of 2").await;
    assert_eq!(field_value(&browser, "log").await, "welcome done");
    browser.screenshot("diagram-find").await;

    // To start selects Start (which has no properties); Arrange is one undoable change.
    browser.click("button[aria-label='To start']").await;
    browser.wait_gone(".property-form").await;
    assert!(!browser
        .find("button[aria-label^=Undo]")
        .await
        .is_enabled()
        .await
        .unwrap());
    browser.click("button[aria-label=Arrange]").await;
    assert!(browser
        .find("button[aria-label^=Undo]")
        .await
        .is_enabled()
        .await
        .unwrap());

    // Unsaved work survives a reload as a draft.
    browser
        .type_into(".find input", &format!("{0}{0}", Key::Enter))
        .await;
    browser.wait_for_text(".match-count", "2 of 2").await;
    browser
        .type_into(
            ".property-form input[name=description]",
            &format!("Logged{}", Key::Tab),
        )
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(900)).await;
    browser.client.refresh().await.unwrap();
    browser
        .wait_for_text(".draft-offer", "Unsaved changes from")
        .await;
    browser.screenshot("diagram-draft-offer").await;
    browser
        .click_button(".draft-offer button", "Restore them")
        .await;
    browser.find_step("done").await;
    browser.wait_for_text(".match-count", "1 of 1").await;
    assert_eq!(field_value(&browser, "description").await, "Logged");

    // Back with unsaved changes asks; Cancel stays, Don't save leaves.
    browser.client.back().await.unwrap();
    browser
        .wait_for_text(".modal", "Save your changes before leaving?")
        .await;
    browser.click_button(".modal button", "Cancel").await;
    browser.wait_gone(".modal").await;
    assert_eq!(
        browser.location().await,
        format!("/flows/{}/diagram", flow["id"].as_str().unwrap())
    );
    browser.click(".page-header button.primary").await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    assert_eq!(
        stored_flow(&server, &token, "Welcome line").await["schema"][2]["description"],
        "Logged"
    );
    browser.client.refresh().await.unwrap();
    browser.find("canvas").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(
        browser.texts(".draft-offer").await.is_empty(),
        "saved: no draft"
    );
    browser.close().await;
}

/// Focuses the canvas (where the editor's keys act) and presses `keys`.
async fn canvas_key(browser: &Browser, keys: &str) {
    browser
        .client
        .execute("document.querySelector('canvas').focus();", vec![])
        .await
        .unwrap();
    browser.type_into("canvas", keys).await;
}

/// Ctrl + `key` on the canvas.
async fn canvas_shortcut(browser: &Browser, key: char) {
    canvas_key(browser, &format!("{}{key}{}", Key::Control, Key::Null)).await;
}

/// The diagram's nodes as the accessible list tells them (its text, as a screen reader reads
/// it: the list is visually hidden).
async fn node_titles(browser: &Browser) -> Vec<String> {
    let titles = browser
        .client
        .execute(
            "return Array.from(document.querySelectorAll('.canvas-area ul.visually-hidden li'))\
             .map(li => li.textContent.split(/\\s+/).join(' ').trim());",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(titles).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn steps_copy_and_paste_between_two_flows_through_the_clipboard() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let source = server
        .create_flow(
            &token,
            json!({"name": "Promo", "type": "voice", "editor": true, "schema": [
                {"answer": ""},
                {"playback": {"files": [{"name": "promo.wav"}]}},
                {"hangup": ""}
            ]}),
        )
        .await;
    let target = server
        .create_flow(
            &token,
            json!({"name": "Support", "type": "voice", "editor": true, "schema": [
                {"answer": ""},
                {"hangup": ""}
            ]}),
        )
        .await;
    let browser = signed_in(&server).await;
    browser.open_editor(&server, &source, "diagram").await;
    browser.find_step("promo").await;
    browser.wait_for_text(".match-count", "1 of 1").await;
    canvas_shortcut(&browser, 'c').await;

    browser.open_editor(&server, &target, "diagram").await;
    browser.find_step("answer").await;
    browser.wait_for_text(".match-count", "1 of 1").await;
    canvas_shortcut(&browser, 'v').await;
    browser
        .wait_until(|| async {
            let titles = node_titles(&browser).await;
            match titles.len() {
                4 => Ok(()),
                _ => Err(format!("{titles:?} after paste")),
            }
        })
        .await;
    // The pasted step is selected, after the chosen one; Ctrl+D duplicates it, undo takes that
    // back.
    assert_eq!(
        field_value(&browser, r#""files[0]""#).await,
        "{\n  \"name\": \"promo.wav\"\n}"
    );
    canvas_shortcut(&browser, 'd').await;
    browser
        .wait_until(|| async {
            match node_titles(&browser).await.len() {
                5 => Ok(()),
                other => Err(format!("{other} nodes after duplicating")),
            }
        })
        .await;
    canvas_shortcut(&browser, 'z').await;
    browser
        .wait_until(|| async {
            match node_titles(&browser).await.len() {
                4 => Ok(()),
                other => Err(format!("{other} nodes after undo")),
            }
        })
        .await;
    browser.screenshot("diagram-pasted").await;

    // What is not steps is refused with a reason, and nothing changes.
    browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; navigator.clipboard.writeText('42').then(done, done);",
            vec![],
        )
        .await
        .unwrap();
    canvas_shortcut(&browser, 'v').await;
    browser
        .wait_for_text(
            ".toast.error",
            "Nothing pasted: paste steps as JSON (a step or a list of steps), not a number",
        )
        .await;
    assert_eq!(node_titles(&browser).await.len(), 4);

    browser.click(".page-header button.primary").await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    let support = stored_flow(&server, &token, "Support").await;
    assert_eq!(
        flow_model::flow::decompile::top_level_apps(&support["schema"]),
        [Some("answer"), Some("playback"), Some("hangup")]
    );

    // Save as makes a new Diagram flow of the same steps; a taken name is said in the dialog.
    browser.click_button(".page-header button", "Save as").await;
    let new_name = browser.find(".modal input[name=save-as-name]").await;
    assert_eq!(
        new_name.prop("value").await.unwrap().as_deref(),
        Some("Support (copy)")
    );
    new_name.clear().await.unwrap();
    new_name
        .send_keys(&format!("promo{}", Key::Enter))
        .await
        .unwrap();
    browser
        .wait_for_text(".modal .error", "A flow named «promo» already exists")
        .await;
    new_name.clear().await.unwrap();
    new_name
        .send_keys(&format!("Support, second line{}", Key::Enter))
        .await
        .unwrap();
    browser.wait_gone(".modal").await;
    let copy = stored_flow(&server, &token, "Support, second line").await;
    browser
        .wait_for_location(&format!("/flows/{}/diagram", copy["id"].as_str().unwrap()))
        .await;
    assert_eq!(copy["editor"], true);
    assert_eq!(copy["schema"], support["schema"]);
    browser.close().await;
}

/// Where on the page the step whose title starts with `title` is drawn (its centre).
async fn node_point(browser: &Browser, title: &str) -> (f64, f64) {
    let (x, y, _) = browser.step_place(title).await;
    (x, y)
}

/// A press from `from` to `to` (a click when they are the same), Shift held if `shift`.
async fn press(browser: &Browser, from: (f64, f64), to: (f64, f64), shift: bool) {
    browser.press(from, to, shift.then_some('\u{E008}')).await;
}

/// A voice flow named `name` of Answer, Log "first", Log "second" and Hang up, open in the
/// diagram editor with all its nodes drawn and in view.
async fn chain_flow(name: &str) -> OneFlow {
    let opened = one_flow(
        json!({"name": name, "type": "voice", "editor": true, "schema": [
            {"answer": ""}, {"log": "first"}, {"log": "second"}, {"hangup": ""}
        ]}),
        "diagram",
    )
    .await;
    wait_for_node_count(&opened.browser, 5).await;
    zoom_to_fit(&opened.browser).await;
    opened
}

/// The whole flow in view (a flow opens at 100 %, where a long one runs off the canvas).
async fn zoom_to_fit(browser: &Browser) {
    browser.click("button[aria-label='Zoom to fit']").await;
    browser
        .wait_until(|| async {
            if shown_zoom(browser).await == "100%" {
                Err("still at 100 %".to_owned())
            } else {
                Ok(())
            }
        })
        .await;
}

async fn wait_for_node_count(browser: &Browser, expected: usize) {
    browser
        .wait_until(|| async {
            match node_titles(browser).await.len() {
                count if count == expected => Ok(()),
                other => Err(format!("{other} nodes, expected {expected}")),
            }
        })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_steps_are_selected_by_shift_click_or_a_band_and_deleted_together() {
    let OneFlow {
        server: _server,
        token: _token,
        flow: _flow,
        browser,
    } = chain_flow("Chain").await;

    // Click the first log, Shift+click the second, Delete: both go, the chain closes.
    let first = node_point(&browser, "Log: first").await;
    let second = node_point(&browser, "Log: second").await;
    press(&browser, first, first, false).await;
    press(&browser, second, second, true).await;
    browser.screenshot("diagram-two-selected").await;
    browser.type_into("canvas", &Key::Delete.to_string()).await;
    wait_for_node_count(&browser, 3).await;
    browser.wait_for_text(".problems", "No problems").await;
    canvas_shortcut(&browser, 'z').await;
    wait_for_node_count(&browser, 5).await;

    // Shift+drag a band from empty space over both logs selects them, not their neighbours.
    let first = node_point(&browser, "Log: first").await;
    let second = node_point(&browser, "Log: second").await;
    press(
        &browser,
        (first.0 - 20.0, first.1 - 60.0),
        (second.0 + 20.0, second.1 + 10.0),
        true,
    )
    .await;
    browser.type_into("canvas", &Key::Delete.to_string()).await;
    wait_for_node_count(&browser, 3).await;
    let left = node_titles(&browser).await.join(" | ");
    assert!(
        left.contains("Answer") && left.contains("Hang up"),
        "{left}"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ports_are_dragged_onto_steps_to_make_branches() {
    let OneFlow {
        server,
        token,
        flow: _flow,
        browser,
    } = one_flow(
        json!({"name": "Branching", "type": "voice", "editor": true, "schema": [
            {"answer": ""},
            {"if": {"expression": "${vip}"}},
            {"log": "vip"},
            {"hangup": ""}
        ]}),
        "diagram",
    )
    .await;
    wait_for_node_count(&browser, 5).await;
    zoom_to_fit(&browser).await;

    // If's next port (the middle of its right side) onto Hang up; its `then` port (the first
    // along its bottom) onto the log.
    let (if_x, if_y, zoom) = browser.step_place("If").await;
    let hangup = node_point(&browser, "Hang up").await;
    press(&browser, (if_x + 100.0 * zoom, if_y), hangup, false).await;
    let log = node_point(&browser, "Log: vip").await;
    press(
        &browser,
        (if_x - 100.0 * zoom + 200.0 * zoom / 3.0, if_y + 29.0 * zoom),
        log,
        false,
    )
    .await;
    browser.screenshot("diagram-branch-linked").await;
    browser
        .wait_until(|| async {
            let titles = node_titles(&browser).await.join(" | ");
            if titles.contains("then → Log") {
                Ok(())
            } else {
                Err(format!("no then link yet: {titles}"))
            }
        })
        .await;
    browser.type_into("input.flow-name", " v2").await;
    browser.click(".page-header button.primary").await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    let saved = stored_flow(&server, &token, "Branching v2").await;
    // The log is the `then` branch; the hang-up, now reached both after the log and after the
    // If, is written once and jumped to the second time.
    let schema = &saved["schema"];
    assert_eq!(schema[1]["if"]["then"][0]["log"], "vip", "{schema}");
    assert_eq!(
        schema.to_string().matches("\"hangup\":").count(),
        1,
        "{schema}"
    );
    assert_eq!(
        schema.to_string().matches("\"goto\":").count(),
        1,
        "{schema}"
    );

    // Dropping a port on empty space unlinks it; undo links it again.
    let (if_x, if_y, zoom) = browser.step_place("If").await;
    press(
        &browser,
        (if_x - 100.0 * zoom + 200.0 * zoom / 3.0, if_y + 29.0 * zoom),
        (if_x, if_y + 300.0 * zoom),
        false,
    )
    .await;
    browser
        .wait_until(|| async {
            let titles = node_titles(&browser).await.join(" | ");
            if titles.contains("then →") {
                Err(format!("then still linked: {titles}"))
            } else {
                Ok(())
            }
        })
        .await;
    canvas_shortcut(&browser, 'z').await;
    browser
        .wait_until(|| async {
            let titles = node_titles(&browser).await.join(" | ");
            if titles.contains("then → Log") {
                Ok(())
            } else {
                Err(format!("then not back: {titles}"))
            }
        })
        .await;
    browser.close().await;
}

/// The element that has the keyboard focus, as `tag[name]`.
async fn focused(browser: &Browser) -> String {
    let found = browser
        .client
        .execute(
            "const e = document.activeElement; return e.tagName.toLowerCase() + '[' + (e.name || e.dataset.app || '') + ']';",
            vec![],
        )
        .await
        .unwrap();
    found.as_str().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_three_step_flow_is_made_with_the_keyboard_alone() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let browser = signed_in(&server).await;
    browser
        .client
        .goto(&format!("{}/flows/new/diagram?type=voice", server.base))
        .await
        .unwrap();
    browser.find("canvas").await;
    // Each step: type its name in the palette search, Tab to it, Enter adds it after the
    // selected one.
    for (search, app) in [
        ("answer", "answer"),
        ("playback", "playback"),
        ("hang", "hangup"),
    ] {
        let find = browser.find(".palette input[name=find-step]").await;
        find.clear().await.unwrap();
        find.send_keys(&format!("{search}{}", Key::Tab))
            .await
            .unwrap();
        assert_eq!(focused(&browser).await, format!("button[{app}]"));
        browser
            .type_into(
                &format!(".palette-item[data-app={app}]"),
                &Key::Enter.to_string(),
            )
            .await;
    }
    wait_for_node_count(&browser, 4).await;
    let chain = node_titles(&browser).await.join(" | ");
    assert!(
        chain.contains("Start: → Answer")
            && chain.contains("Answer: → Playback")
            && chain.contains("Playback: files: [] → Hang up"),
        "{chain}"
    );

    // The links of the selected step are lists: unlink the playback's next and link it again.
    browser.find_step("playback").await;
    browser.wait_for_text(".links", "next").await;
    let next = browser.find(".links select[name=link-next]").await;
    next.select_by_label("— not linked").await.unwrap();
    browser
        .wait_until(|| async {
            let titles = node_titles(&browser).await.join(" | ");
            if titles.contains("→ Hang up") {
                Err(format!("still linked: {titles}"))
            } else {
                Ok(())
            }
        })
        .await;
    browser
        .find(".links select[name=link-next]")
        .await
        .select_by_label("Hang up")
        .await
        .unwrap();
    browser
        .wait_until(|| async {
            let titles = node_titles(&browser).await.join(" | ");
            if titles.contains("Playback: files: [] → Hang up") {
                Ok(())
            } else {
                Err(format!("not linked again: {titles}"))
            }
        })
        .await;
    browser.screenshot("diagram-keyboard").await;

    // A file, by keyboard too (Enter on Add, then its field), then Ctrl+S.
    browser
        .type_into(
            ".property.collection:has(label[for=property-files]) button.add-item",
            &Key::Enter.to_string(),
        )
        .await;
    browser
        .type_into(
            r#".property-form textarea[name="files[0]"]"#,
            &format!("{0}a{1}{{\"id\": 7}}{2}", Key::Control, Key::Null, Key::Tab),
        )
        .await;
    browser
        .type_into(
            "input.flow-name",
            &format!("Typed flow{0}s{1}", Key::Control, Key::Null),
        )
        .await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    let saved = stored_flow(&server, &token, "Typed flow").await;
    assert_eq!(
        flow_model::flow::decompile::top_level_apps(&saved["schema"]),
        [Some("answer"), Some("playback"), Some("hangup")]
    );
    assert_eq!(saved["schema"][1]["playback"]["files"], json!([{"id": 7}]));
    browser.close().await;
}

/// Where the world point `world` of the diagram is on the page.
async fn screen_of(browser: &Browser, world: (f64, f64)) -> (f64, f64) {
    let point = browser
        .client
        .execute(
            "const [wx, wy] = arguments;
             const canvas = document.querySelector('.canvas-area canvas');
             const [x, y, zoom] = canvas.dataset.view.split(' ').map(Number);
             const box = canvas.getBoundingClientRect();
             return [box.left + (wx - x) * zoom, box.top + (wy - y) * zoom];",
            vec![json!(world.0), json!(world.1)],
        )
        .await
        .unwrap();
    (point[0].as_f64().unwrap(), point[1].as_f64().unwrap())
}

/// The centre of the node titled `title` in diagram coordinates.
async fn world_of(browser: &Browser, title: &str) -> (f64, f64) {
    let point = browser
        .client
        .execute(
            "const [title] = arguments;
             const item = Array.from(document.querySelectorAll('.canvas-area ul.visually-hidden li'))
               .find(li => li.textContent.startsWith(title));
             return [Number(item.dataset.x), Number(item.dataset.y)];",
            vec![json!(title)],
        )
        .await
        .unwrap();
    (point[0].as_f64().unwrap(), point[1].as_f64().unwrap())
}

/// Drags the palette's `app` and drops it at the world point `world`.
async fn drag_from_palette(browser: &Browser, app: &str, world: (f64, f64)) {
    let item = browser
        .client
        .execute(
            "const item = document.querySelector(`.palette-item[data-app=${arguments[0]}]`);
             item.scrollIntoView({block: 'center'});
             const box = item.getBoundingClientRect();
             return [box.left + box.width / 2, box.top + box.height / 2];",
            vec![json!(app)],
        )
        .await
        .unwrap();
    let from = (item[0].as_f64().unwrap(), item[1].as_f64().unwrap());
    let to = screen_of(browser, world).await;
    press(browser, from, to, false).await;
}

/// Waits until the accessible list's text (all nodes joined) contains `expected`.
async fn wait_for_link(browser: &Browser, expected: &str) {
    browser
        .wait_until(|| async {
            let titles = node_titles(browser).await.join(" | ");
            if titles.contains(expected) {
                Ok(())
            } else {
                Err(format!("no {expected:?} in {titles}"))
            }
        })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_voice_flow_is_drawn_by_dragging_steps_from_the_palette_and_linking_their_ports() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let browser = signed_in(&server).await;
    flow_e2e::create_through_the_add_modal(&browser, "Diagram", "voice").await;
    browser.find("canvas").await;
    // Room for five steps in a row: zoomed out, Start moved to the left.
    canvas_key(&browser, "----").await;
    let (x, y) = world_of(&browser, "Start").await;
    let below_start = screen_of(&browser, (x, y + 300.0)).await;
    let left = browser
        .client
        .execute(
            "return document.querySelector('.canvas-area canvas').getBoundingClientRect().left;",
            vec![],
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap();
    press(&browser, below_start, (left + 70.0, below_start.1), false).await;

    // Answer and Hang up dropped on the canvas stand alone; their ports link them.
    drag_from_palette(&browser, "answer", (x + 300.0, y)).await;
    drag_from_palette(&browser, "hangup", (x + 1200.0, y)).await;
    wait_for_node_count(&browser, 3).await;
    let start_port = screen_of(&browser, (x + 100.0, y)).await;
    let answer = screen_of(&browser, (x + 300.0, y)).await;
    press(&browser, start_port, answer, false).await;
    wait_for_link(&browser, "Start: → Answer").await;
    let answer_port = screen_of(&browser, (x + 400.0, y)).await;
    let hangup = screen_of(&browser, (x + 1200.0, y)).await;
    press(&browser, answer_port, hangup, false).await;
    wait_for_link(&browser, "Answer: → Hang up").await;

    // Playback and Switch dropped on a link go into it.
    drag_from_palette(&browser, "playback", (x + 700.0, y)).await;
    wait_for_link(&browser, "Answer: → Playback").await;
    drag_from_palette(&browser, "switch", (x + 960.0, y)).await;
    wait_for_link(&browser, "files: [] → Switch").await;
    drag_from_palette(&browser, "joinQueue", (x + 960.0, y + 260.0)).await;
    wait_for_node_count(&browser, 6).await;
    browser.screenshot("diagram-dropped-from-palette").await;

    // The playback's file and its digits, in its form.
    let playback = screen_of(&browser, (x + 700.0, y)).await;
    press(&browser, playback, playback, false).await;
    browser
        .click(".property.collection:has(label[for=property-files]) button.add-item")
        .await;
    browser
        .type_into(
            r#".property-form textarea[name="files[0]"]"#,
            &format!(
                "{0}a{1}{{\"name\": \"menu.wav\"}}{2}",
                Key::Control,
                Key::Null,
                Key::Tab
            ),
        )
        .await;
    browser
        .type_into(
            r#".property-form input[name="getDigits.setVar"]"#,
            &format!("digits{}", Key::Tab),
        )
        .await;
    browser
        .type_into(
            r#".property-form input[name="getDigits.max"]"#,
            &format!("1{}", Key::Tab),
        )
        .await;

    // The switch: its variable and two cases, whose ports appear as they are added.
    let switch = screen_of(&browser, (x + 960.0, y)).await;
    press(&browser, switch, switch, false).await;
    browser
        .type_into(
            ".property-form input[name=variable]",
            &format!("${{digits}}{}", Key::Tab),
        )
        .await;
    for case in ["1", "2"] {
        browser
            .type_into(
                ".property-form input[name=case-new]",
                &format!("{case}{}", Key::Enter),
            )
            .await;
        browser
            .wait_for_text(".property-form", "linked on the canvas")
            .await;
    }
    browser
        .find(r#".property.branch label[for="property-case.2"]"#)
        .await;
    browser.screenshot("diagram-switch-cases").await;
    // Case 1 (the first port along its bottom) to the queue; case 2 to Hang up.
    let case_port = |at: f64| screen_of(&browser, (x + 860.0 + 200.0 * at / 3.0, y + 29.0));
    let queue = screen_of(&browser, (x + 960.0, y + 260.0)).await;
    press(&browser, case_port(1.0).await, queue, false).await;
    wait_for_link(&browser, "1 → Join queue").await;
    press(&browser, case_port(2.0).await, hangup, false).await;
    wait_for_link(&browser, "2 → Hang up").await;

    // The queue: which one, then on to Hang up.
    press(&browser, queue, queue, false).await;
    browser
        .type_into(
            ".property-form textarea[name=queue]",
            &format!("{0}a{1}{{\"id\": 1}}{2}", Key::Control, Key::Null, Key::Tab),
        )
        .await;
    let queue_port = screen_of(&browser, (x + 1060.0, y + 260.0)).await;
    press(&browser, queue_port, hangup, false).await;
    wait_for_link(&browser, "Join queue: queue: {\"id\":1} → Hang up").await;
    browser.wait_for_text(".problems", "No problems").await;
    browser.screenshot("diagram-voice-flow-drawn").await;

    browser.type_into("input.flow-name", "Drawn menu").await;
    // Its tags and description, in Flow settings; a description too long is named at once.
    browser.click("button[aria-label='Flow settings']").await;
    browser.type_into(".modal .tag-input input", "ivr").await;
    browser
        .type_into(".modal .tag-input input", &Key::Enter.to_string())
        .await;
    browser
        .type_into(".modal textarea[name=description]", &"x".repeat(201))
        .await;
    browser.wait_for_text(".modal .error", "description").await;
    let description = browser.find(".modal textarea[name=description]").await;
    description.clear().await.unwrap();
    description.send_keys("Main menu by digits").await.unwrap();
    browser.wait_gone(".modal .error:not(:empty)").await;
    browser.screenshot("diagram-flow-settings").await;
    browser.click_button(".modal button", "Done").await;
    browser.click(".page-header button.primary").await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    let saved = stored_flow(&server, &token, "Drawn menu").await;
    assert_eq!(saved["tags"], json!([{"name": "ivr"}]));
    assert_eq!(saved["description"], "Main menu by digits");
    let schema = &saved["schema"];
    assert_eq!(
        flow_model::flow::decompile::top_level_apps(schema),
        [
            Some("answer"),
            Some("playback"),
            Some("switch"),
            Some("hangup")
        ],
        "{schema}"
    );
    assert_eq!(
        schema[1]["playback"]["files"],
        json!([{"name": "menu.wav"}])
    );
    assert_eq!(schema[1]["playback"]["getDigits"]["setVar"], "digits");
    assert_eq!(schema[1]["playback"]["getDigits"]["max"], 1);
    let cases = &schema[2]["switch"]["case"];
    assert_eq!(schema[2]["switch"]["variable"], "${digits}");
    assert_eq!(
        cases["1"][0]["joinQueue"]["queue"],
        json!({"id": 1}),
        "{schema}"
    );
    assert!(
        cases["1"][1]["goto"].is_string(),
        "then on to Hang up: {schema}"
    );
    assert!(cases["2"][0]["goto"].is_string(), "{schema}");
    // Show JSON: the compiled schema as saved, read-only, copied with one click.
    browser.click("button[aria-label='Show JSON']").await;
    let shown: serde_json::Value = serde_json::from_str(
        &browser
            .find(".modal textarea.compiled")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default(),
    )
    .unwrap();
    assert!(
        flow_model::flow::semantically_identical(&shown, schema),
        "{shown}"
    );
    browser.click_button(".modal button", "Copy").await;
    browser
        .wait_for_text(".toast", "Your schema is on the clipboard")
        .await;
    browser.click_button(".modal button", "Close").await;
    browser.wait_gone(".modal").await;
    browser.click_button(".page-header button", "Close").await;
    flow_e2e::wait_for_rows(&browser, &["Drawn menu"]).await;
    let row = browser.texts("table.flows tbody tr").await.join(" ");
    assert!(row.contains("Diagram"), "{row}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notes_and_collapsible_groups_are_kept_with_the_flow() {
    let OneFlow {
        server,
        token,
        flow,
        browser,
    } = chain_flow("Annotated").await;

    // A note, written in its panel.
    browser.click("button[aria-label='Add a note']").await;
    browser
        .type_into(
            "textarea[name=note-text]",
            &format!("Ask for the PIN before the menu{}", Key::Tab),
        )
        .await;
    wait_for_link(&browser, "Note: Ask for the PIN before the menu").await;

    // Two steps into a group (Ctrl+G), named, then collapsed into one box.
    let first = node_point(&browser, "Log: first").await;
    let second = node_point(&browser, "Log: second").await;
    press(&browser, first, first, false).await;
    press(&browser, second, second, true).await;
    canvas_shortcut(&browser, 'g').await;
    browser
        .type_into(
            ".group-panel input[name=group-name]",
            &format!("{0}a{1}Logging{2}", Key::Control, Key::Null, Key::Tab),
        )
        .await;
    wait_for_link(&browser, "Group Logging: 2 steps").await;
    browser.screenshot("diagram-group-open").await;
    browser
        .click_button(".group-panel button", "Collapse")
        .await;
    wait_for_link(&browser, "Group Logging: 2 steps, collapsed").await;
    let titles = node_titles(&browser).await.join(" | ");
    assert!(
        !titles.contains("Log: first"),
        "hidden in the group: {titles}"
    );
    assert!(
        titles.contains("Answer: → Logging"),
        "links lead into the group: {titles}"
    );
    browser.screenshot("diagram-group-collapsed").await;

    // Finding a step inside opens the group; undo closes it again.
    browser.find_step("second").await;
    wait_for_link(&browser, "Group Logging: 2 steps |").await;
    canvas_shortcut(&browser, 'z').await;
    wait_for_link(&browser, "Group Logging: 2 steps, collapsed").await;

    browser.click(".page-header button.primary").await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    let saved = stored_flow(&server, &token, "Annotated").await;
    let payload = &saved["payload"];
    assert_eq!(
        payload["comments"][0]["text"],
        "Ask for the PIN before the menu"
    );
    assert_eq!(payload["groups"][0]["label"], "Logging");
    assert_eq!(payload["groups"][0]["collapsed"], true);
    assert_eq!(payload["groups"][0]["nodes"].as_array().unwrap().len(), 2);
    assert!(
        flow_model::flow::semantically_identical(&saved["schema"], &flow["schema"]),
        "notes and groups change nothing the flow does: {}",
        saved["schema"]
    );

    // They are there again when the flow is opened again; a double click opens the group.
    browser.open_editor(&server, &saved, "diagram").await;
    wait_for_link(&browser, "Group Logging: 2 steps, collapsed").await;
    wait_for_link(&browser, "Note: Ask for the PIN").await;
    let (gx, gy) = world_of(&browser, "Group Logging").await;
    let group = screen_of(&browser, (gx, gy)).await;
    press(&browser, group, group, false).await;
    browser
        .client
        .execute(
            "const [x, y] = arguments;
             document.querySelector('.canvas-area canvas').dispatchEvent(new MouseEvent('dblclick',
               {bubbles: true, clientX: x, clientY: y}));",
            vec![json!(group.0), json!(group.1)],
        )
        .await
        .unwrap();
    wait_for_link(&browser, "Log: first").await;

    // Zoom to selection (F) frames the selected step, centred.
    let second = node_point(&browser, "Log: second").await;
    press(&browser, second, second, false).await;
    canvas_key(&browser, "f").await;
    let canvas = browser
        .client
        .execute(
            "const box = document.querySelector('.canvas-area canvas').getBoundingClientRect();
             return [box.left + box.width / 2, box.top + box.height / 2];",
            vec![],
        )
        .await
        .unwrap();
    browser
        .wait_until(|| async {
            let (x, y, zoom) = browser.step_place("Log: second").await;
            let (cx, cy) = (canvas[0].as_f64().unwrap(), canvas[1].as_f64().unwrap());
            if (x - cx).abs() < 2.0 && (y - cy).abs() < 2.0 && zoom == 1.0 {
                Ok(())
            } else {
                Err(format!("at {x},{y} zoom {zoom}, centre {cx},{cy}"))
            }
        })
        .await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_selected_steps_are_copied_together_in_order() {
    let OneFlow {
        server,
        token,
        flow: _flow,
        browser,
    } = chain_flow("Source").await;
    // Selected second first: the copy follows the diagram's order, not the clicks'.
    let first = node_point(&browser, "Log: first").await;
    let second = node_point(&browser, "Log: second").await;
    press(&browser, second, second, false).await;
    press(&browser, first, first, true).await;
    canvas_shortcut(&browser, 'c').await;
    let answer = node_point(&browser, "Answer").await;
    press(&browser, answer, answer, false).await;
    canvas_shortcut(&browser, 'v').await;
    wait_for_node_count(&browser, 7).await;
    browser.click(".page-header button.primary").await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    let saved = stored_flow(&server, &token, "Source").await;
    let logs: Vec<&str> = saved["schema"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|step| step["log"].as_str())
        .collect();
    assert_eq!(
        logs,
        ["first", "second", "first", "second"],
        "{}",
        saved["schema"]
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dragged_step_shows_alignment_guides_and_links_go_around_steps() {
    use fantoccini::actions::{
        Actions, InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT,
    };
    let OneFlow {
        server: _server,
        token: _token,
        flow: _flow,
        browser,
    } = chain_flow("Chain").await;
    let (first_x, first_y, zoom) = browser.step_place("Log: first").await;
    let second = node_point(&browser, "Log: second").await;
    let hangup = node_point(&browser, "Hang up").await;
    // The first log, held halfway between the second log and Hang up, a little lower: its
    // top lines up with theirs, shown while it is held.
    let held = ((second.0 + hangup.0) / 2.0, first_y + 3.0 * zoom);
    let mouse = MouseActions::new("mouse".to_owned())
        .then(PointerAction::MoveTo {
            duration: None,
            x: first_x,
            y: first_y,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::MoveTo {
            duration: Some(std::time::Duration::from_millis(200)),
            x: held.0,
            y: held.1,
        });
    browser
        .client
        .perform_actions(Actions::from(mouse))
        .await
        .unwrap();
    browser.screenshot("diagram-alignment-guides").await;
    let mouse = MouseActions::new("mouse".to_owned())
        .then(PointerAction::MoveTo {
            duration: Some(std::time::Duration::from_millis(50)),
            x: held.0,
            y: held.1 + 120.0 * zoom,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    browser
        .client
        .perform_actions(Actions::from(mouse))
        .await
        .unwrap();
    // Dropped below the others: Answer's link to it goes around the second log, not through.
    browser
        .wait_until(|| async {
            let (x, _, _) = browser.step_place("Log: first").await;
            if (x - held.0).abs() < 20.0 * zoom {
                Ok(())
            } else {
                Err(format!("the first log is at {x}, not near {}", held.0))
            }
        })
        .await;
    browser.screenshot("diagram-links-around-steps").await;
    // The whole drag is one undoable step.
    canvas_shortcut(&browser, 'z').await;
    browser
        .wait_until(|| async {
            let (x, _, _) = browser.step_place("Log: first").await;
            if (x - first_x).abs() < 1.0 {
                Ok(())
            } else {
                Err(format!("at {x} after undo, not {first_x}"))
            }
        })
        .await;
    browser.close().await;
}

/// The canvas's camera: its origin and zoom.
async fn camera(browser: &Browser) -> (f64, f64, f64) {
    let view = browser
        .client
        .execute(
            "return document.querySelector('.canvas-area canvas').dataset.view.split(' ').map(Number);",
            vec![],
        )
        .await
        .unwrap();
    (
        view[0].as_f64().unwrap(),
        view[1].as_f64().unwrap(),
        view[2].as_f64().unwrap(),
    )
}

/// A wheel turn of `delta_y` pixels at the page point `at`, Ctrl held if `ctrl`.
async fn wheel(browser: &Browser, at: (f64, f64), delta_y: f64, ctrl: bool) {
    browser
        .client
        .execute(
            "const [x, y, deltaY, ctrlKey] = arguments;
             document.querySelector('.canvas-area canvas').dispatchEvent(new WheelEvent('wheel',
               {bubbles: true, cancelable: true, clientX: x, clientY: y, deltaY, ctrlKey}));",
            vec![json!(at.0), json!(at.1), json!(delta_y), json!(ctrl)],
        )
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scrolling_pans_ctrl_scrolling_zooms_and_space_drag_pans_over_steps() {
    let OneFlow {
        server: _server,
        token: _token,
        flow: _flow,
        browser,
    } = one_flow(
        json!({"name": "Chain", "type": "voice", "editor": true, "schema": [
            {"answer": ""}, {"log": "first"}, {"hangup": ""}
        ]}),
        "diagram",
    )
    .await;
    wait_for_node_count(&browser, 4).await;
    zoom_to_fit(&browser).await;
    let log = node_point(&browser, "Log: first").await;
    let (_, y, zoom) = camera(&browser).await;
    // A scroll down moves the view down (the diagram up), at the same zoom.
    wheel(&browser, log, 120.0, false).await;
    let (_, scrolled_y, same_zoom) = camera(&browser).await;
    assert!(
        (scrolled_y - (y + 120.0 / zoom)).abs() < 0.01,
        "{y} -> {scrolled_y}"
    );
    assert_eq!(same_zoom, zoom);
    // Ctrl + scroll zooms, keeping the point under the pointer where it is.
    let before = node_point(&browser, "Log: first").await;
    wheel(&browser, before, -200.0, true).await;
    let (_, _, zoomed) = camera(&browser).await;
    assert!(zoomed > zoom, "{zoom} -> {zoomed}");
    let after = node_point(&browser, "Log: first").await;
    assert!((after.0 - before.0).abs() < 1.0 && (after.1 - before.1).abs() < 1.0);
    // Space + drag over a step pans instead of moving the step.
    let (x0, y0, zoom) = camera(&browser).await;
    let world_before = world_of(&browser, "Log: first").await;
    canvas_key(&browser, "").await;
    browser
        .press(after, (after.0 + 100.0, after.1 + 50.0), Some(' '))
        .await;
    let (x1, y1, _) = camera(&browser).await;
    assert!((x1 - (x0 - 100.0 / zoom)).abs() < 0.5, "{x0} -> {x1}");
    assert!((y1 - (y0 - 50.0 / zoom)).abs() < 0.5, "{y0} -> {y1}");
    assert_eq!(
        world_of(&browser, "Log: first").await,
        world_before,
        "the step stayed"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_diagram_saved_by_someone_else_meanwhile_asks_what_to_keep() {
    let server = AppServer::start().await;
    a_diagram_saved_meanwhile(&server, &server.base).await;
}

/// Webitel's engine has no ETag or If-Match: the app finds the change by reading the flow just
/// before it writes, and asks the same question.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_diagram_saved_by_someone_else_meanwhile_asks_what_to_keep_on_webitel() {
    let server = AppServer::start().await;
    let webitel = webitel_in_front_of(&server).await;
    a_diagram_saved_meanwhile(&server, &webitel).await;
}

/// A diagram opened through the app served at `base` (our server, or the Webitel double in
/// front of `server`) is saved by someone else meanwhile; saving ours asks what to keep.
async fn a_diagram_saved_meanwhile(server: &AppServer, base: &str) {
    let token = server.admin_token().await;
    let flow = server
        .create_flow(
            &token,
            json!({"name": "Shared diagram", "type": "voice", "editor": true, "schema": [
                {"answer": ""}, {"log": "first"}, {"log": "second"}, {"hangup": ""}
            ]}),
        )
        .await;
    let id = flow["id"].as_str().unwrap();
    let browser = Browser::start().await;
    browser.sign_in_at(base, "admin", ADMIN_PASSWORD).await;
    browser
        .client
        .goto(&format!("{base}/flows/{id}/diagram"))
        .await
        .unwrap();
    browser.find("canvas").await;
    wait_for_node_count(&browser, 5).await;
    // Someone saves it meanwhile, with the two log steps gone (through our own API: the
    // double's database is the same).
    let (status, body) = server
        .api(
            &token,
            reqwest::Method::PUT,
            &REPLACE_FLOW.path_for(id),
            Some(
                json!({"name": "Shared diagram", "type": "voice", "editor": true,
                        "schema": [{"answer": ""}, {"hangup": ""}]}),
            ),
        )
        .await;
    assert!((200..300).contains(&status), "{status} {body}");
    // A change of ours (the flow laid out again), saved over theirs: the question comes.
    browser.click("button[aria-label=Arrange]").await;
    browser.click(".page-header button.primary").await;
    browser
        .wait_for_text(".modal", "Someone else saved this flow")
        .await;
    let shot = if base == server.base {
        "diagram-conflict"
    } else {
        "webitel-diagram-conflict"
    };
    browser.screenshot(shot).await;
    browser.click_button(".modal button", "Reload theirs").await;
    browser.wait_gone(".modal").await;
    wait_for_node_count(&browser, 3).await;
    // Theirs is what is stored: Close leaves without asking.
    browser.click_button(".page-header button", "Close").await;
    browser.wait_for_text("table.flows", "Shared diagram").await;
    browser.close().await;
}

/// The zoom as the canvas controls show it (`100%`).
async fn shown_zoom(browser: &Browser) -> String {
    browser.texts(".canvas-controls .zoom-level").await.concat()
}

/// Waits until the canvas controls show the zoom `expected`.
async fn wait_for_zoom(browser: &Browser, expected: &str) {
    browser
        .wait_for_value("the zoom", expected, || shown_zoom(browser))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_diagram_opens_at_full_size_or_at_the_view_it_was_saved_with() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let flow = server
        .create_flow(
            &token,
            json!({"name": "IVR", "type": "voice", "editor": true,
                   "schema": [{"answer": ""}, {"playback": {"files": []}}, {"hangup": ""}],
                   "payload": {"tests": [{"name": "kept", "inputs": ["silence"]}]}}),
        )
        .await;
    let id = flow["id"].as_str().unwrap().to_owned();
    let browser = signed_in(&server).await;
    browser.open_editor(&server, &flow, "diagram").await;
    wait_for_zoom(&browser, "100%").await;

    // The percentage follows the zoom, and a click on it goes back to 100 %.
    for _ in 0..2 {
        browser.click("button[aria-label^='Zoom out']").await;
    }
    wait_for_zoom(&browser, "69%").await;
    browser.click(".canvas-controls .zoom-level").await;
    wait_for_zoom(&browser, "100%").await;

    // Saved at 83 %, it opens at 83 %.
    browser.click("button[aria-label^='Zoom out']").await;
    wait_for_zoom(&browser, "83%").await;
    browser.type_into("input.flow-name", " 2").await;
    browser.click(".page-header button.primary").await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    browser.open_editor(&server, &flow, "diagram").await;
    wait_for_zoom(&browser, "83%").await;

    // A saved zoom that cannot be shown is ignored: the flow opens at 100 %.
    let (_, mut stored) = server
        .api(
            &token,
            reqwest::Method::GET,
            &flow_model::contract::READ_FLOW.path_for(&id),
            None,
        )
        .await;
    // What another tool keeps in the payload (saved test cases) survives the diagram's save.
    assert_eq!(stored["payload"]["tests"][0]["name"], "kept", "{stored}");
    stored["payload"]["viewport"]["zoom"] = json!(0);
    let (status, body) = server
        .api(
            &token,
            reqwest::Method::PUT,
            &REPLACE_FLOW.path_for(&id),
            Some(
                json!({"name": stored["name"], "type": "voice", "editor": true,
                        "schema": stored["schema"], "payload": stored["payload"]}),
            ),
        )
        .await;
    assert!((200..300).contains(&status), "{status} {body}");
    browser.open_editor(&server, &flow, "diagram").await;
    wait_for_zoom(&browser, "100%").await;
    browser.close().await;
}
