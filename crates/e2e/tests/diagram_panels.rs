//! The diagram editor's panels at the widths operators' screens have: nothing sticks out of a
//! panel with the biggest switch of the corpus selected, and the side panel's width and
//! collapse are changed by the user and kept across reloads.

use flow_e2e::{corpus_flows, signed_in, AppServer, Browser};
use serde_json::{json, Value};

/// What sticks out horizontally: the page itself, any panel wider inside than it is, and any
/// visible element of a panel that reaches past the panel's edges.
async fn overflows(browser: &Browser) -> Vec<String> {
    let found = browser
        .client
        .execute(
            "const found = [];
             const root = document.documentElement;
             if (root.scrollWidth > root.clientWidth) {
               found.push(`the page: ${root.scrollWidth} > ${root.clientWidth}`);
             }
             const panels = ['.page-header', 'aside.palette', '.side-panel', 'aside.problems',
                             '.canvas-controls'];
             for (const css of panels) {
               for (const panel of document.querySelectorAll(css)) {
                 if (panel.scrollWidth > panel.clientWidth + 1) {
                   found.push(`${css}: ${panel.scrollWidth} > ${panel.clientWidth}`);
                 }
                 const edge = panel.getBoundingClientRect();
                 for (const inner of panel.querySelectorAll('*')) {
                   const box = inner.getBoundingClientRect();
                   if (box.width === 0 || inner.closest('[hidden]')) continue;
                   if (box.right > edge.right + 1 || box.left < edge.left - 1) {
                     const text = (inner.textContent || inner.value || '').slice(0, 40);
                     found.push(`${css} ${inner.tagName.toLowerCase()}.${inner.className} '${text}': ${Math.round(box.left)}..${Math.round(box.right)} outside ${Math.round(edge.left)}..${Math.round(edge.right)}`);
                   }
                 }
               }
             }
             return found;",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

/// The side panel's width as the page draws it, and as its splitter announces it.
async fn side_panel_width(browser: &Browser) -> (f64, String) {
    let answer = browser
        .client
        .execute(
            "const panel = document.querySelector('.side-panel');
             const splitter = document.querySelector('.panel-splitter');
             return [panel.getBoundingClientRect().width, splitter.getAttribute('aria-valuenow')];",
            vec![],
        )
        .await
        .unwrap();
    (
        answer[0].as_f64().unwrap(),
        answer[1].as_str().unwrap_or_default().to_owned(),
    )
}

/// Opens `flow` in the diagram editor and selects the first step that shows `text`.
async fn open_and_select(browser: &Browser, server: &AppServer, flow: &Value, text: &str) {
    browser.open_editor(server, flow, "diagram").await;
    browser.find_step(text).await;
    browser.find(".links select").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_panel_overflows_from_1280_to_1920_and_the_side_panel_resizes_collapses_and_remembers() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let (_, mut body) = corpus_flows()
        .into_iter()
        .find(|(name, _)| name == "call-002")
        .expect("call-002 is in the corpus");
    body["name"] = json!("Call-002, with its twenty-case switch");
    let flow = server.create_flow(&token, body).await;
    let browser = signed_in(&server).await;

    for width in [1280, 1440, 1920] {
        browser.set_page_size(width, 900).await;
        open_and_select(&browser, &server, &flow, "switch").await;
        let found = overflows(&browser).await;
        assert!(found.is_empty(), "at {width} px:\n{}", found.join("\n"));
        if width == 1280 {
            browser.screenshot("diagram-panels-1280").await;
        }
    }

    // Dragged left by 200 px, the panel is 200 px wider, and still after a reload.
    browser.set_page_size(1440, 900).await;
    let (before, _) = side_panel_width(&browser).await;
    let splitter = browser
        .client
        .execute(
            "const box = document.querySelector('.panel-splitter').getBoundingClientRect();
             return [box.left + box.width / 2, box.top + 200];",
            vec![],
        )
        .await
        .unwrap();
    let from = (splitter[0].as_f64().unwrap(), splitter[1].as_f64().unwrap());
    browser.press(from, (from.0 - 200.0, from.1), None).await;
    let (wider, announced) = side_panel_width(&browser).await;
    assert!((wider - before - 200.0).abs() <= 2.0, "{before} -> {wider}");
    assert_eq!(announced, format!("{}", wider.round()));
    open_and_select(&browser, &server, &flow, "switch").await;
    let (reloaded, _) = side_panel_width(&browser).await;
    assert!((reloaded - wider).abs() <= 1.0, "{wider} -> {reloaded}");
    assert!(overflows(&browser).await.is_empty());

    // The arrow keys move the focused splitter too.
    browser.click(".panel-splitter").await;
    browser
        .type_into(".panel-splitter", &fantoccini::key::Key::Right.to_string())
        .await;
    let (narrower, _) = side_panel_width(&browser).await;
    assert!(
        (reloaded - narrower - 20.0).abs() <= 1.0,
        "{reloaded} -> {narrower}"
    );

    // Collapsed, the canvas takes the room, and the panel stays collapsed after a reload until
    // it is shown again, at the width it had.
    let canvas_width = || async {
        browser
            .client
            .execute(
                "return document.querySelector('.canvas-area').getBoundingClientRect().width;",
                vec![],
            )
            .await
            .unwrap()
            .as_f64()
            .unwrap()
    };
    let canvas_before = canvas_width().await;
    browser.click("button.panel-toggle").await;
    browser.wait_gone(".side-panel-body:not([hidden])").await;
    assert!(canvas_width().await > canvas_before + narrower - 40.0);
    browser.open_editor(&server, &flow, "diagram").await;
    browser.find(".side-panel.collapsed").await;
    browser.click("button.panel-toggle").await;
    browser.find(".side-panel-body:not([hidden])").await;
    let (shown, _) = side_panel_width(&browser).await;
    assert!((shown - narrower).abs() <= 1.0, "{narrower} -> {shown}");
    browser.close().await;
}
