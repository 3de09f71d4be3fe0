//! The diagram editor's properties, as an operator fills them in, in headless Chromium against
//! the real server and database.

use fantoccini::key::Key;
use flow_e2e::{one_flow, signed_in, stored_flow, AppServer, Browser, OneFlow};
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

    // Enter on the canvas opens the selected step's properties.
    canvas_key(&browser, &Key::Enter.to_string()).await;
    let focused = browser
        .client
        .execute("return document.activeElement.name;", vec![])
        .await
        .unwrap();
    assert_eq!(focused, json!("files"));

    // Saving with errors asks first, naming them.
    browser
        .type_into(".find input", &format!("answer{}", Key::Enter))
        .await;
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
    browser
        .type_into(".find input", &format!("WELCOME{}", Key::Enter))
        .await;
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
    browser
        .type_into(".find input", &format!("done{}", Key::Enter))
        .await;
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
    browser
        .type_into(".find input", &format!("promo{}", Key::Enter))
        .await;
    browser.wait_for_text(".match-count", "1 of 1").await;
    canvas_shortcut(&browser, 'c').await;

    browser.open_editor(&server, &target, "diagram").await;
    browser
        .type_into(".find input", &format!("answer{}", Key::Enter))
        .await;
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
        field_value(&browser, "files").await,
        "[\n  {\n    \"name\": \"promo.wav\"\n  }\n]"
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
    let (x, y, _) = node_place(browser, title).await;
    (x, y)
}

/// [`node_point`], and the canvas's zoom.
async fn node_place(browser: &Browser, title: &str) -> (f64, f64, f64) {
    let point = browser
        .client
        .execute(
            "const [title] = arguments;
             const item = Array.from(document.querySelectorAll('.canvas-area ul.visually-hidden li'))
               .find(li => li.textContent.startsWith(title));
             const canvas = document.querySelector('.canvas-area canvas');
             const [x, y, zoom] = canvas.dataset.view.split(' ').map(Number);
             const box = canvas.getBoundingClientRect();
             return [box.left + (Number(item.dataset.x) - x) * zoom,
                     box.top + (Number(item.dataset.y) - y) * zoom, zoom];",
            vec![json!(title)],
        )
        .await
        .unwrap();
    (
        point[0].as_f64().unwrap(),
        point[1].as_f64().unwrap(),
        point[2].as_f64().unwrap(),
    )
}

/// A press from `from` to `to` (a click when they are the same), Shift held if `shift`.
async fn press(browser: &Browser, from: (f64, f64), to: (f64, f64), shift: bool) {
    use fantoccini::actions::{
        Actions, InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT,
    };
    let tick = std::time::Duration::from_millis(50);
    let keys = KeyActions::new("keys".to_owned());
    let keys = if shift {
        keys.then(KeyAction::Down { value: '\u{E008}' })
    } else {
        keys.then(KeyAction::Pause { duration: tick })
    };
    let mut keys = keys;
    for _ in 0..4 {
        keys = keys.then(KeyAction::Pause { duration: tick });
    }
    let keys = if shift {
        keys.then(KeyAction::Up { value: '\u{E008}' })
    } else {
        keys.then(KeyAction::Pause { duration: tick })
    };
    let mouse = MouseActions::new("mouse".to_owned())
        .then(PointerAction::MoveTo {
            duration: None,
            x: from.0,
            y: from.1,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::MoveTo {
            duration: Some(std::time::Duration::from_millis(150)),
            x: to.0,
            y: to.1,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Pause { duration: tick });
    browser
        .client
        .perform_actions(Actions::from(keys).and(mouse))
        .await
        .unwrap();
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
    } = one_flow(
        json!({"name": "Chain", "type": "voice", "editor": true, "schema": [
            {"answer": ""}, {"log": "first"}, {"log": "second"}, {"hangup": ""}
        ]}),
        "diagram",
    )
    .await;
    wait_for_node_count(&browser, 5).await;

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

    // If's next port (the middle of its right side) onto Hang up; its `then` port (the first
    // along its bottom) onto the log.
    let (if_x, if_y, zoom) = node_place(&browser, "If").await;
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
    let (if_x, if_y, zoom) = node_place(&browser, "If").await;
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
    browser
        .type_into(".find input", &format!("playback{}", Key::Enter))
        .await;
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

    // The files, by keyboard too, then Ctrl+S.
    browser
        .type_into(
            ".property-form textarea[name=files]",
            &format!(
                "{0}a{1}[{{\"id\": 7}}]{2}",
                Key::Control,
                Key::Null,
                Key::Tab
            ),
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
