//! Leaving a flow's General tab the moment Save is pressed, as people do: the save goes
//! through, and nothing the page had started (the draft's pause, the problems' pause, the
//! editor's callbacks) runs after the page is gone. The shared browser helper fails every
//! scenario on an uncaught page error; this one looks after each round, to name it.

use flow_e2e::{create_through_the_add_modal, signed_in, AppServer, Browser};
use serde_json::json;
use std::time::Duration;

/// Waits until the registry is shown again, past the longest pause the page had started (the
/// draft is written 0.5 s after typing stops), and fails on any error the page raised.
async fn back_on_the_registry_without_errors(browser: &Browser, round: &str) {
    browser.wait_for_location("/").await;
    browser.find("table.flows").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let errors = browser.page_errors(false).await;
    assert!(
        errors.is_empty(),
        "{round}: the page raised {} error(s):\n{}",
        errors.len(),
        errors.join("\n---\n")
    );
}

/// Each round starts from a freshly opened Flow page, whatever the last one's Back left.
async fn freshly_opened_flow_page(browser: &Browser, server: &AppServer) {
    browser
        .client
        .goto(&format!("{}/", server.base))
        .await
        .unwrap();
    browser.find("table.flows").await;
}

/// Waits until the server has the flow `name`.
async fn saved(browser: &Browser, server: &AppServer, token: &str, name: &str) {
    browser
        .wait_until(|| async {
            let stored = server.flow_names(token).await;
            if stored.iter().any(|stored| stored == name) {
                Ok(())
            } else {
                Err(format!(
                    "{name} was never saved (the server has {stored:?})"
                ))
            }
        })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leaving_right_after_save_leaves_nothing_running() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let stored = server
        .create_flow(
            &token,
            json!({"name": "Stored", "type": "voice", "editor": false, "schema": [{"answer": ""}]}),
        )
        .await;
    let browser = signed_in(&server).await;

    // A new flow: named, saved, and left with the browser's Back at once, mostly before the
    // save's answer (a new flow's Back is not guarded: its work is kept as a draft).
    let mut names = vec!["Stored".to_owned()];
    for round in 1..=10 {
        freshly_opened_flow_page(&browser, &server).await;
        create_through_the_add_modal(&browser, "Code", "voice").await;
        browser.find(".cm-content").await;
        let name = format!("Quick exit {round:02}");
        browser.type_into("input[name=name]", &name).await;
        browser.click_button(".page-header button", "Save").await;
        browser.client.back().await.unwrap();
        back_on_the_registry_without_errors(&browser, &format!("new flow, round {round}")).await;
        // The next round starts once this save has landed, so no answer of one round arrives
        // during the next.
        saved(&browser, &server, &token, &name).await;
        names.push(name);
    }

    // A stored flow: the schema typed, saved, and left by Back as soon as the save is done.
    let id = stored["id"].as_str().unwrap();
    for round in 1..=3 {
        freshly_opened_flow_page(&browser, &server).await;
        browser
            .click(&format!("table.flows a[href='/flows/{id}/code']"))
            .await;
        browser.find(".cm-content").await;
        browser.type_in_editor(" ").await;
        browser.click_button(".page-header button", "Save").await;
        browser
            .wait_for_text(".toast", "Successfully updated")
            .await;
        browser.client.back().await.unwrap();
        back_on_the_registry_without_errors(&browser, &format!("stored flow, round {round}")).await;
    }

    // Every save went through, though no page was left to hear its answer.
    names.sort();
    assert_eq!(server.flow_names(&token).await, names);
    browser.close().await;
}
