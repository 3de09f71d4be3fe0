//! The web app on Webitel's wire: the built app in Chromium, talking to the Webitel double (a
//! proxy that answers as Webitel's engine does) in front of our real server. Sign-in with the
//! token-only answer and userinfo's scope, lists with zero values left out, saves without ETag
//! (a change in between still asks the conflict question), versions numbered as strings.

use flow_e2e::{create_through_the_add_modal, row_names, AppServer, Browser, ADMIN_PASSWORD};
use flow_model::contract::REPLACE_FLOW;
use flow_model::Role;
use serde_json::json;
use webitel_double::{Options, Url};

/// Starts the Webitel double in front of `server`; its base URL.
async fn webitel_in_front_of(server: &AppServer) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let options = Options {
        default_domain: Some("main".into()),
        ..Options::new(Url::parse(&server.base).unwrap())
    };
    tokio::spawn(webitel_double::serve(
        listener,
        webitel_double::app_with(options),
        std::future::pending(),
    ));
    base
}

/// Types `schema` into the code editor and presses Save.
async fn save_schema(browser: &Browser, schema: &str) {
    browser.replace_editor_text(schema).await;
    browser.click_button(".page-header button", "Save").await;
}

/// Waits until the registry's table shows every one of `names`.
async fn wait_for_names(browser: &Browser, names: &[&str]) {
    browser
        .wait_until(|| async {
            let shown = row_names(browser).await;
            match names
                .iter()
                .find(|name| !shown.iter().any(|row| row == *name))
            {
                None => Ok(()),
                Some(missing) => Err(format!("{missing} is not among {shown:?}")),
            }
        })
        .await
}

#[tokio::test]
async fn on_a_webitel_engine_flows_are_listed_created_saved_and_guarded_against_a_change_in_between(
) {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    server
        .create_flow(
            &token,
            json!({"name": "Inbound IVR", "type": "voice", "schema": [{"answer": ""}]}),
        )
        .await;
    server
        .create_flow(&token, json!({"name": "Untyped", "schema": []}))
        .await;
    let webitel = webitel_in_front_of(&server).await;
    let browser = Browser::start().await;
    browser.sign_in_at(&webitel, "admin", ADMIN_PASSWORD).await;
    // An untyped flow comes with no type at all (proto3 leaves the enum's zero value out).
    wait_for_names(&browser, &["Inbound IVR", "Untyped"]).await;

    create_through_the_add_modal(&browser, "Code", "voice").await;
    browser.type_into("input[name=name]", "Callback").await;
    browser
        .replace_editor_text(r#"[{"answer": ""}, {"hangup": ""}]"#)
        .await;
    browser.click_button(".page-header button", "Save").await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;
    browser
        .wait_until(|| async {
            let location = browser.location().await;
            if location.ends_with("/code") && !location.contains("/new/") {
                Ok(())
            } else {
                Err(format!("still at {location}"))
            }
        })
        .await;
    let location = browser.location().await;
    let id: i64 = location
        .trim_end_matches("/code")
        .rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("a flow's page: {location}"));

    // Saved again: Webitel's engine takes no If-Match, so the app reads the flow first.
    save_schema(&browser, r#"[{"answer": ""}, {"hangup": "USER_BUSY"}]"#).await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;

    // Someone saves it meanwhile, through our own API (the double has no ETag to give).
    let (status, body) = server
        .api(
            &token,
            reqwest::Method::PUT,
            &REPLACE_FLOW.path_for(id),
            Some(json!({"name": "Callback", "type": "voice", "schema": [{"hangup": ""}]})),
        )
        .await;
    assert!((200..300).contains(&status), "{status} {body}");
    save_schema(
        &browser,
        r#"[{"answer": ""}, {"hangup": "NORMAL_CLEARING"}]"#,
    )
    .await;
    browser
        .wait_for_text(".modal", "Someone else saved this flow")
        .await;
    browser
        .click_button(".modal button", "Overwrite with mine")
        .await;
    browser
        .wait_for_text(".toast", "Successfully updated")
        .await;

    // Its earlier versions, numbered as strings on Webitel's wire.
    browser.click_button(".tabs .tab", "Versions").await;
    browser.wait_for_text(".version-list", "Version 1").await;
    browser.close().await;
}

#[tokio::test]
async fn a_webitel_viewer_whose_scope_lacks_create_update_and_delete_only_reads() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    server
        .create_flow(&token, json!({"name": "Main menu", "type": "voice"}))
        .await;
    server.add_user("vera", Role::Viewer).await;
    let webitel = webitel_in_front_of(&server).await;
    let browser = Browser::start().await;
    browser.sign_in_at(&webitel, "vera", "veravera").await;
    wait_for_names(&browser, &["Main menu"]).await;
    let header = browser.texts(".page-header button").await;
    assert!(
        !header
            .iter()
            .any(|text| text.contains("Add") || text.contains("Upload")),
        "{header:?}"
    );
    let changes = browser
        .texts("table.flows [aria-label=Edit], table.flows [aria-label=Delete]")
        .await;
    assert!(changes.is_empty(), "{changes:?}");
    browser.close().await;
}
