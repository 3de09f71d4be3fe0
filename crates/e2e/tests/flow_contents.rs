//! Flows that know each other, as an operator uses it in headless Chromium against the real
//! server: searching inside flows and opening a match at its step (the diagram selects and
//! centres it, the code editor puts the cursor on its line), and the registry's "Uses" filter
//! kept in the URL. Through the Webitel double, both say why they are not there.

use fantoccini::key::Key;
use flow_e2e::{
    open_the_add_modal, signed_in, stored_flow, wait_for_rows, webitel_in_front_of, AppServer,
    Browser, ADMIN_PASSWORD,
};
use serde_json::json;

/// The diagram flow and the code flow the scenarios search.
async fn two_flows(server: &AppServer) -> (i64, i64) {
    let token = server.admin_token().await;
    let diagram = server
        .create_flow(
            &token,
            json!({"name": "IVR main", "type": "voice", "editor": true, "schema": [
                {"answer": ""},
                {"if": {"expression": "${caller} == 'x'", "then": [
                    {"playback": {"files": [{"name": "vip-greeting.wav", "type": "audio/wav"}]}},
                    {"joinQueue": {"queue": {"id": 12, "name": "VIP desk"}}}
                ]}},
                {"hangup": ""}
            ]}),
        )
        .await;
    let code = server
        .create_flow(
            &token,
            json!({"name": "Night line", "type": "voice", "description": "Closed hours", "schema": [
                {"answer": ""},
                {"log": "night mode"},
                {"playback": {"files": [{"name": "night-vip.wav"}]}},
                {"joinQueue": {"queue": {"id": 7, "name": "Night desk"}}}
            ]}),
        )
        .await;
    let id = |flow: &serde_json::Value| flow["id"].as_str().unwrap().parse::<i64>().unwrap();
    (id(&diagram), id(&code))
}

/// Waits until the page's address holds `part`.
async fn wait_for_location_holding(browser: &Browser, part: &str) {
    browser
        .wait_until(|| async {
            let location = browser.location().await;
            if location.contains(part) {
                Ok(())
            } else {
                Err(format!("{location} does not hold {part}"))
            }
        })
        .await;
}

/// How far the selected step is drawn from the middle of the canvas, in CSS pixels.
async fn selected_step_off_centre(browser: &Browser) -> Option<f64> {
    let distance = browser
        .client
        .execute(
            "const item = document.querySelector('.canvas-area ul.visually-hidden li[aria-current=true]');
             if (!item) return null;
             const canvas = document.querySelector('.canvas-area canvas');
             const [x, y, zoom] = canvas.dataset.view.split(' ').map(Number);
             const box = canvas.getBoundingClientRect();
             const at = [(Number(item.dataset.x) - x) * zoom, (Number(item.dataset.y) - y) * zoom];
             return Math.hypot(at[0] - box.width / 2, at[1] - box.height / 2);",
            vec![],
        )
        .await
        .unwrap();
    distance.as_f64()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_inside_flows_opens_the_diagram_at_the_step_and_the_code_at_its_line() {
    let server = AppServer::start().await;
    let (diagram, code) = two_flows(&server).await;
    let browser = signed_in(&server).await;
    browser.set_page_size(1440, 900).await;
    browser
        .click_button(".filters .segmented button", "Inside flows")
        .await;
    browser.type_into(".filters input[name=q]", "VIP").await;
    wait_for_location_holding(&browser, "inside=1").await;
    browser
        .wait_for_value(
            "the flows holding the text",
            &["IVR main", "Night line"],
            || browser.texts(".flow-matches h2 a"),
        )
        .await;
    browser
        .wait_for_value(
            "the steps holding the text",
            &["Playback", "Join queue", "Playback"],
            || browser.texts(".flow-matches .place"),
        )
        .await;
    assert_eq!(
        browser.texts(".flow-matches .snippet").await,
        ["vip-greeting.wav", "VIP desk", "night-vip.wav"]
    );
    assert_eq!(
        browser.texts(".flow-matches mark").await,
        ["vip", "VIP", "vip"]
    );
    browser.screenshot("search-inside-flows").await;

    // The diagram opens with the step selected, in the middle of the canvas.
    browser
        .click_button(".flow-matches li a", "Join queue")
        .await;
    browser
        .wait_for_location(&format!(
            "/flows/{diagram}/diagram?step=%2F1%2Fif%2Fthen%2F1"
        ))
        .await;
    browser
        .wait_until(|| async {
            match selected_step_off_centre(&browser).await {
                Some(distance) if distance < 80.0 => Ok(()),
                other => Err(format!("the selected step is {other:?} px off the centre")),
            }
        })
        .await;
    browser.wait_for_text(".side-panel", "Join queue").await;
    browser.screenshot("search-inside-opens-the-diagram").await;

    // Back to the results; the code flow opens with the cursor on the step's line.
    browser.client.back().await.unwrap();
    browser
        .click_button(".flow-matches li a", "night-vip")
        .await;
    browser
        .wait_for_location(&format!("/flows/{code}/code?step=%2F2"))
        .await;
    browser.find(".cm-content").await;
    browser
        .wait_until(|| async {
            let focused = browser
                .client
                .execute(
                    "return document.activeElement?.closest('.cm-editor') != null;",
                    vec![],
                )
                .await
                .unwrap();
            match focused.as_bool() {
                Some(true) => Ok(()),
                _ => Err("the code editor has no focus".to_owned()),
            }
        })
        .await;
    browser.type_in_editor("X").await;
    let text = browser.editor_text().await;
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.iter().position(|line| line.contains('X')).unwrap();
    assert_eq!(lines[at], "  X{", "{text}");
    assert!(lines[at + 1].contains("\"playback\""), "{text}");
    browser.assert_no_page_errors().await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_uses_filter_finds_the_flows_that_use_an_object_and_stays_in_the_url() {
    let server = AppServer::start().await;
    two_flows(&server).await;
    let browser = signed_in(&server).await;
    browser.click("button[data-sort=name]").await;
    wait_for_rows(&browser, &["IVR main", "Night line"]).await;
    browser
        .click_button(".filters button", "Expand filters")
        .await;
    browser
        .client
        .execute(
            "const select = document.querySelector('select[name=uses-kind]');
             select.value = 'queue';
             select.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![],
        )
        .await
        .unwrap();
    // The queues the flows use are suggested, with how many flows use each.
    browser.type_into("input[name=uses-key]", "1").await;
    browser
        .wait_until(|| async {
            let offered = browser
                .client
                .execute(
                    "return Array.from(document.querySelectorAll('#filter-uses-suggestions option'))
                       .map(option => option.value + ' ' + option.label);",
                    vec![],
                )
                .await
                .unwrap();
            if offered == json!(["12 used by 1 flow"]) {
                Ok(())
            } else {
                Err(format!("suggested {offered}"))
            }
        })
        .await;
    browser
        .type_into("input[name=uses-key]", &format!("2{}", Key::Enter))
        .await;
    wait_for_rows(&browser, &["IVR main"]).await;
    wait_for_location_holding(&browser, "uses=queue%3A12").await;
    browser.screenshot("uses-filter").await;

    // A reload keeps it; a reset clears it.
    browser.client.refresh().await.unwrap();
    wait_for_rows(&browser, &["IVR main"]).await;
    assert_eq!(
        browser
            .find("input[name=uses-key]")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("12")
    );
    browser
        .click_button(".filters button", "Reset filters")
        .await;
    wait_for_rows(&browser, &["IVR main", "Night line"]).await;
    browser.assert_no_page_errors().await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_webitel_the_registry_says_why_it_cannot_search_inside_or_filter_by_use() {
    let server = AppServer::start().await;
    two_flows(&server).await;
    let webitel = webitel_in_front_of(&server).await;
    let browser = Browser::start().await;
    browser.sign_in_at(&webitel, "admin", ADMIN_PASSWORD).await;
    browser.click("button[data-sort=name]").await;
    wait_for_rows(&browser, &["IVR main", "Night line"]).await;
    let inside = ".filters .segmented button[title]";
    browser.find(inside).await;
    assert_eq!(
        browser
            .find(inside)
            .await
            .attr("disabled")
            .await
            .unwrap()
            .as_deref(),
        Some("true")
    );
    let title = browser
        .find(inside)
        .await
        .attr("title")
        .await
        .unwrap()
        .unwrap();
    assert!(title.contains("cannot search inside flows"), "{title}");
    browser
        .click_button(".filters button", "Expand filters")
        .await;
    browser
        .wait_for_text(".uses-filter .hint", "does not tell what flows use")
        .await;
    browser.screenshot("webitel-no-inside-search").await;
    browser.assert_no_page_errors().await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_flow_step_picks_its_flow_by_name_and_opens_it() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let billing = server
        .create_flow(
            &token,
            json!({"name": "Billing", "type": "voice", "schema": [{"answer": ""}]}),
        )
        .await;
    let billing_id: i64 = billing["id"].as_str().unwrap().parse().unwrap();
    let caller = server
        .create_flow(
            &token,
            json!({"name": "Caller", "type": "voice", "editor": true, "schema": [
                {"answer": ""},
                {"schema": {"id": 999999}}
            ]}),
        )
        .await;
    let browser = signed_in(&server).await;
    browser.set_page_size(1440, 900).await;
    browser.open_editor(&server, &caller, "diagram").await;
    browser.find_step("Run flow").await;
    browser
        .wait_for_text(".flow-picker .runs.error", "No flow here has id 999999")
        .await;
    browser.type_into("#flow-picker-search", "bil").await;
    // The list follows the typing, and the search keeps its focus.
    browser
        .wait_for_value("the flows offered", vec!["Billing"], || {
            browser.texts(".flow-choices .name")
        })
        .await;
    let focused = browser
        .client
        .execute("return document.activeElement.id", vec![])
        .await
        .unwrap();
    assert_eq!(focused, json!("flow-picker-search"));
    browser
        .click_button(".flow-choices button", "Billing")
        .await;
    browser.wait_for_text(".flow-picker .runs", "Billing").await;
    browser.wait_for_text(".flow-picker .runs", "Voice").await;
    browser.screenshot("run-flow-picker").await;
    browser.click(".page-header button.primary").await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    let saved = stored_flow(&server, &token, "Caller").await;
    assert_eq!(
        saved["schema"][1]["schema"],
        json!({"id": billing_id, "name": "Billing"})
    );
    browser.click(".flow-picker .open-flow").await;
    browser
        .wait_for_location(&format!("/flows/{billing_id}/code"))
        .await;
    browser.assert_no_page_errors().await;
    browser.close().await;
}

/// Selects the first step whose label holds `label`, starting the search afresh.
async fn select_step(browser: &Browser, label: &str) {
    browser.find(".find input").await.clear().await.unwrap();
    browser.find_step(label).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_webitel_a_steps_calendar_queue_and_file_are_picked_by_name() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let flow = server
        .create_flow(
            &token,
            json!({"name": "Hours", "type": "voice", "editor": true, "schema": [
                {"calendar": {"setVar": "open"}},
                {"joinQueue": {"queue": {"id": 1}}},
                {"playback": {"files": [{"name": "10", "type": "silence"}]}}
            ]}),
        )
        .await;
    let id = flow["id"].as_str().unwrap();
    // Our own server keeps no directory: the fields stay free text.
    let ours = signed_in(&server).await;
    ours.open_editor(&server, &flow, "diagram").await;
    select_step(&ours, "Join queue").await;
    ours.find("textarea[name=queue]").await;
    // Time for the server to answer that it lists no queues.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(ours.texts(".lookup-search").await.is_empty());
    ours.close().await;

    let webitel = webitel_in_front_of(&server).await;
    let browser = Browser::start().await;
    browser.set_page_size(1440, 900).await;
    browser.sign_in_at(&webitel, "admin", ADMIN_PASSWORD).await;
    browser
        .client
        .goto(&format!("{webitel}/flows/{id}/diagram"))
        .await
        .unwrap();
    browser.find("canvas").await;
    select_step(&browser, "Calendar").await;
    browser.type_into(".lookup-search", "office").await;
    browser
        .click_button(".lookup-choices li", "Office hours")
        .await;
    select_step(&browser, "Join queue").await;
    browser.type_into(".lookup-search", "прод").await;
    browser
        .wait_for_text(".lookup-choices", "Продажи опт")
        .await;
    // Typed over, as a person does (clearing the field through WebDriver also leaves it).
    let erase = Key::Backspace.to_string().repeat(4);
    browser
        .type_into(".lookup-search", &format!("{erase}SAL"))
        .await;
    browser
        .wait_for_value("the queues offered", vec!["Sales"], || {
            browser.texts(".lookup-choices .name")
        })
        .await;
    browser.screenshot("webitel-pick-queue").await;
    browser.click_button(".lookup-choices li", "Sales").await;
    browser
        .wait_for_value(
            "the queue field",
            "{\n  \"id\": 12,\n  \"name\": \"Sales\"\n}".to_owned(),
            || async {
                browser
                    .find("textarea[name=queue]")
                    .await
                    .prop("value")
                    .await
                    .unwrap()
                    .unwrap_or_default()
            },
        )
        .await;
    select_step(&browser, "Playback").await;
    // From the keyboard: down to the file, Enter.
    browser.type_into(".lookup-search", "welc").await;
    browser
        .wait_for_value("the files offered", vec!["welcome.wav"], || {
            browser.texts(".lookup-choices .name")
        })
        .await;
    browser
        .type_into(".lookup-search", &format!("{}{}", Key::Down, Key::Enter))
        .await;
    browser.click(".page-header button.primary").await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    let saved = stored_flow(&server, &token, "Hours").await;
    assert_eq!(
        saved["schema"][0]["calendar"],
        json!({"setVar": "open", "id": 21, "name": "Office hours"})
    );
    assert_eq!(
        saved["schema"][1]["joinQueue"]["queue"],
        json!({"id": 12, "name": "Sales"})
    );
    assert_eq!(
        saved["schema"][2]["playback"]["files"][0],
        json!({"name": "welcome.wav", "id": 996, "type": "audio/wav"}),
        "the silence became the file, played by its type"
    );
    browser.assert_no_page_errors().await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_template_creates_a_flow_that_opens_with_no_errors() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let browser = signed_in(&server).await;
    browser.set_page_size(1440, 900).await;
    let templates = [
        (
            "voice",
            "ivr-menu",
            "IVR menu with business hours, queues and voicemail",
        ),
        ("voice", "callback-request", "Callback request"),
        (
            "chat",
            "chat-menu-bot",
            "Chat menu bot with hand-off to an operator",
        ),
        ("processing", "agent-form", "Agent form"),
        ("service", "dialer-result", "Dialer result hook"),
    ];
    for (kind, key, name) in templates {
        open_the_add_modal(&browser, "Diagram", kind).await;
        browser
            .click(&format!(".modal .start-choice[data-template={key}]"))
            .await;
        if key == "ivr-menu" {
            browser.screenshot("create-from-template").await;
        }
        browser.click(".modal button.primary").await;
        browser.find("canvas").await;
        let stored = stored_flow(&server, &token, name).await;
        let id = stored["id"].as_str().unwrap();
        browser
            .wait_for_location(&format!("/flows/{id}/diagram"))
            .await;
        assert_eq!(stored["type"], kind, "{key}");
        assert!(
            !stored["payload"]["tests"].as_array().unwrap().is_empty(),
            "{key}"
        );
        browser.wait_for_text(".problems", "No problems").await;
        if key == "ivr-menu" {
            browser.screenshot("template-ivr-menu").await;
        }
        browser.click_button(".page-header button", "Close").await;
        wait_for_registry(&browser).await;
    }
    // A second flow from the same template gets a numbered name.
    open_the_add_modal(&browser, "Code", "voice").await;
    browser
        .click(".modal .start-choice[data-template=callback-request]")
        .await;
    browser.click(".modal button.primary").await;
    browser.find(".cm-content").await;
    let again = stored_flow(&server, &token, "Callback request (2)").await;
    assert_eq!(again["editor"], false);
    browser.assert_no_page_errors().await;
    browser.close().await;
}

/// Waits for the registry's table.
async fn wait_for_registry(browser: &Browser) {
    browser.find("table.flows").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flow_shows_who_runs_it_and_what_it_runs_two_levels_deep() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let create = |body: serde_json::Value| {
        let (server, token) = (&server, &token);
        async move {
            let flow = server.create_flow(token, body).await;
            flow["id"].as_str().unwrap().parse::<i64>().unwrap()
        }
    };
    let payments =
        create(json!({"name": "Payments", "type": "voice", "schema": [{"answer": ""}]})).await;
    let billing = create(json!({"name": "Billing", "type": "voice", "editor": true,
        "schema": [{"schema": {"id": payments, "name": "Payments"}}]}))
    .await;
    let ivr = create(json!({"name": "IVR main", "type": "voice",
        "schema": [{"schema": {"id": billing, "name": "Billing"}}]}))
    .await;
    create(json!({"name": "Front door", "type": "voice",
        "schema": [{"schema": {"id": ivr, "name": "IVR main"}}]}))
    .await;
    let browser = signed_in(&server).await;
    browser.set_page_size(1440, 900).await;
    browser
        .client
        .goto(&format!("{}/flows/{billing}/diagram", server.base))
        .await
        .unwrap();
    browser
        .click(".page-header button[aria-label='Flow settings']")
        .await;
    browser
        .wait_for_value(
            "who runs Billing, and who runs them",
            &["IVR main", "Front door"],
            || browser.texts(".modal .used-by-list a"),
        )
        .await;
    assert_eq!(browser.texts(".modal .runs-list a").await, ["Payments"]);
    browser.screenshot("flow-dependencies").await;
    browser
        .click_button(".modal .used-by-list a", "IVR main")
        .await;
    browser
        .wait_for_location(&format!("/flows/{ivr}/code"))
        .await;
    browser
        .wait_for_value(
            "what IVR main runs, two levels deep",
            &["Billing", "Payments"],
            || browser.texts(".dependencies .runs-list a"),
        )
        .await;
    assert_eq!(
        browser.texts(".dependencies .used-by-list a").await,
        ["Front door"]
    );
    browser.assert_no_page_errors().await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_search_inside_uses_templates_picker_and_connected_flows_speak_russian() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let (diagram, _) = two_flows(&server).await;
    let caller = server
        .create_flow(
            &token,
            json!({"name": "Входящая линия", "type": "voice", "editor": true, "schema": [
                {"answer": ""},
                {"schema": {"id": diagram, "name": "IVR main"}}
            ]}),
        )
        .await;
    let caller = caller["id"].as_str().unwrap().to_owned();
    let browser = signed_in(&server).await;
    browser.set_page_size(1440, 900).await;
    browser.switch_to_russian().await;
    let open = |path: String| {
        let browser = &browser;
        let url = format!("{}{path}", server.base);
        async move { browser.client.goto(&url).await.unwrap() }
    };

    open("/?inside=1&q=VIP".to_owned()).await;
    browser
        .wait_for_value(
            "the steps holding the text, named in Russian",
            &["Воспроизведение", "Поставить в очередь", "Воспроизведение"],
            || browser.texts(".flow-matches .place"),
        )
        .await;
    browser.screenshot("search-inside-flows-russian").await;

    open("/?uses=queue%3A12".to_owned()).await;
    wait_for_rows(&browser, &["IVR main"]).await;
    // A filter in use keeps the filters open.
    browser.find("input[name=uses-key]").await;
    browser.screenshot("uses-filter-russian").await;

    browser
        .click_button(".page-header button", "Добавить")
        .await;
    browser.click_button(".modal .choice", "Диаграмма").await;
    browser
        .find(".modal select[name=type]")
        .await
        .select_by_value("voice")
        .await
        .unwrap();
    browser
        .wait_for_text(".modal", "IVR-меню с часами работы")
        .await;
    browser.screenshot("create-from-template-russian").await;
    browser.click_button(".modal button", "Закрыть").await;

    open(format!("/flows/{caller}/diagram?step=%2F1")).await;
    browser
        .wait_for_text(".flow-picker .runs", "IVR main")
        .await;
    browser
        .wait_for_text(".flow-picker", "Выберите схему по названию")
        .await;
    browser.screenshot("run-flow-picker-russian").await;
    open(format!("/flows/{diagram}/diagram")).await;
    browser
        .click(".page-header button[aria-label='Настройки схемы']")
        .await;
    browser
        .wait_for_value(
            "who runs IVR main",
            &["Входящая линия"],
            || browser.texts(".modal .used-by-list a"),
        )
        .await;
    assert!(
        browser.texts(".modal .suggestions").await.is_empty(),
        "no tag list before anything is typed, with no tag to offer"
    );
    browser.screenshot("connected-flows-russian").await;
    browser.assert_no_page_errors().await;
    browser.close().await;
}
