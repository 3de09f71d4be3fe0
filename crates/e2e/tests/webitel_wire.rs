//! The web app on Webitel's wire: the built app in Chromium, talking to the Webitel double (a
//! proxy that answers as Webitel's engine does) in front of our real server. Sign-in with the
//! token-only answer and userinfo's scope, lists with zero values left out, saves without ETag
//! (a change in between still asks the conflict question), versions numbered as strings; and
//! the app served as Webitel's Flow Diagram, opening the admin's URLs with the admin's token.

use flow_e2e::{
    create_through_the_add_modal, row_names, webitel_in_front_of, AppServer, Browser,
    ADMIN_PASSWORD,
};
use flow_model::contract::{LOGIN, READ_FLOW, REPLACE_FLOW};
use flow_model::Role;
use flow_server::state::Settings;
use serde_json::json;

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
    // Landed (the first save's toast may still be showing, so the flow itself is asked).
    browser
        .wait_until(|| async {
            let (_, flow) = server
                .api(&token, reqwest::Method::GET, &READ_FLOW.path_for(id), None)
                .await;
            if flow["schema"].to_string().contains("USER_BUSY") {
                Ok(())
            } else {
                Err(format!("the second save has not landed: {flow}"))
            }
        })
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

/// The base path Webitel's admin opens its Flow Diagram app under (`VITE_FLOW_DIAGRAM_URL` in
/// webitel/client's `.env`).
const FLOW_DIAGRAM: &str = "/flow-diagram";

/// Signs in on Webitel's wire as the admin's `user@domain`; the token.
async fn webitel_token(webitel: &str) -> String {
    let answer: serde_json::Value = reqwest::Client::new()
        .post(format!("{webitel}{}", LOGIN.served_path))
        .json(&json!({"username": "admin@main", "password": ADMIN_PASSWORD}))
        .send()
        .await
        .expect("login answers")
        .json()
        .await
        .expect("a JSON answer");
    answer["access_token"]
        .as_str()
        .unwrap_or_else(|| panic!("a token in {answer}"))
        .to_owned()
}

#[tokio::test]
async fn as_webitels_flow_diagram_the_app_opens_the_admins_urls_with_the_admins_token() {
    let server = AppServer::start_with(Settings {
        base_path: FLOW_DIAGRAM.parse().unwrap(),
        ..Settings::default()
    })
    .await;
    let token = server.admin_token().await;
    let diagram = server
        .create_flow(
            &token,
            json!({"name": "Greeting", "type": "voice", "editor": true, "schema": [{"answer": ""}]}),
        )
        .await;
    let code = server
        .create_flow(
            &token,
            json!({"name": "Plain code", "type": "chat", "schema": [{"hangup": ""}]}),
        )
        .await;
    let webitel = webitel_in_front_of(&server).await;
    let admin_token = webitel_token(&webitel).await;
    let browser = Browser::start().await;
    let at = |path: String| format!("{webitel}{FLOW_DIAGRAM}{path}");

    // Webitel's admin has signed in on this site: its token is in local storage.
    browser.client.goto(&at("/".into())).await.unwrap();
    browser
        .wait_for_location(&format!("{FLOW_DIAGRAM}/login"))
        .await;
    browser
        .client
        .execute(
            "localStorage.setItem('access-token', arguments[0])",
            vec![json!(admin_token)],
        )
        .await
        .unwrap();

    // A stored flow, as the admin opens it: `{id}/` (the type is left empty).
    let id = diagram["id"].as_str().expect("an id");
    browser.client.goto(&at(format!("/{id}/"))).await.unwrap();
    browser
        .wait_for_location(&format!("{FLOW_DIAGRAM}/flows/{id}/diagram"))
        .await;
    browser.find("canvas").await;
    let name = browser.find("input.flow-name").await;
    assert_eq!(
        name.prop("value").await.unwrap().as_deref(),
        Some("Greeting")
    );

    // A new flow of a type.
    browser.client.goto(&at("/new/chat".into())).await.unwrap();
    browser
        .wait_for_location(&format!("{FLOW_DIAGRAM}/flows/new/diagram?type=chat"))
        .await;
    browser.find("canvas").await;

    // The registry under the base path links every flow under it; the code editor's bundle
    // loads from there too.
    browser.client.goto(&at("/".into())).await.unwrap();
    wait_for_names(&browser, &["Greeting", "Plain code"]).await;
    browser
        .click_button("table.flows td.name a", "Plain code")
        .await;
    let code_id = code["id"].as_str().expect("an id");
    browser
        .wait_for_location(&format!("{FLOW_DIAGRAM}/flows/{code_id}/code"))
        .await;
    browser.find(".cm-content").await;

    // A token handed in the address works without local storage.
    browser
        .client
        .execute("localStorage.clear(); sessionStorage.clear();", vec![])
        .await
        .unwrap();
    browser
        .client
        .goto(&at(format!("/{id}/voice?accessToken={admin_token}")))
        .await
        .unwrap();
    browser
        .wait_for_location(&format!("{FLOW_DIAGRAM}/flows/{id}/diagram"))
        .await;
    browser.find("canvas").await;
    browser.close().await;
}
