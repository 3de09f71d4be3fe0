//! The diagram editor in Russian, on every corpus flow at 1440×900: the palette, the steps on
//! the canvas, the selected step's form and the problems are all in Russian words; only names
//! that are code (app and field keys, tags, values) stay as written.

use flow_e2e::{corpus_flows, signed_in, without_cyrillic, AppServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_corpus_flow_reads_in_russian() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let browser = signed_in(&server).await;
    browser.set_page_size(1440, 900).await;
    browser
        .client
        .execute("localStorage.setItem('flow-studio.lang', 'ru')", vec![])
        .await
        .unwrap();
    let mut call_002 = None;
    for (name, body) in corpus_flows() {
        let flow = server.create_flow(&token, body).await;
        browser.open_editor(&server, &flow, "diagram").await;
        browser.wait_for_text(".palette", "Управление схемой").await;
        for css in [
            ".palette-item .app-label",
            ".palette-item .app-group",
            ".canvas-area ul.visually-hidden li",
            "aside.problems .problem",
        ] {
            let english = without_cyrillic(&browser, css).await;
            assert!(english.is_empty(), "{name}, {css}: {english:#?}");
        }
        browser.screenshot(&format!("diagram-ru-{name}")).await;
        if name == "call-002" {
            call_002 = Some(flow);
        }
    }

    // The biggest switch of the corpus, selected: its form's help in Russian, its field names
    // as the flow writes them.
    let call_002 = call_002.expect("call-002 is in the corpus");
    browser.open_editor(&server, &call_002, "diagram").await;
    browser.find_step("switch").await;
    browser.find(".property-form").await;
    let english = without_cyrillic(&browser, ".property-form .hint").await;
    assert!(english.is_empty(), "{english:#?}");
    let labels = browser.texts(".property-form .property > label").await;
    assert!(
        labels.iter().any(|label| label.starts_with("variable")),
        "{labels:?}"
    );
    browser.screenshot("diagram-ru-switch").await;
    browser.close().await;
}
