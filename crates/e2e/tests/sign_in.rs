//! Signing in and out in a real browser against the real server.

use fantoccini::Locator;
use flow_e2e::{AppServer, Browser, ADMIN_PASSWORD};
use flow_model::contract::{ACCESS_HEADER, CREATE_FLOW, LOGIN, LOGOUT};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signs_in_sees_flows_and_signs_out() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    reqwest::Client::new()
        .post(format!("{}{}", server.base, CREATE_FLOW.served_path))
        .header(ACCESS_HEADER, token)
        .json(&serde_json::json!({"name": "<b>Inbound</b> IVR", "type": "voice", "editor": true}))
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap();
    let browser = Browser::start().await;

    // The Flow page needs a session: it sends the visitor to sign in first.
    browser.client.goto(&server.base).await.unwrap();
    browser.find("form.login-card").await;
    assert!(browser
        .client
        .current_url()
        .await
        .unwrap()
        .path()
        .starts_with("/login"));
    let submit = browser.find("button[type=submit]").await;
    assert!(
        !submit.is_enabled().await.unwrap(),
        "Sign in stays disabled until every field is filled"
    );

    browser.type_into("input[name=username]", "admin").await;
    browser
        .type_into("input[name=password]", "wrong password")
        .await;
    browser.type_into("input[name=domain]", "main").await;
    submit.click().await.unwrap();
    browser
        .wait_for_text(".error", "username, password or domain is wrong")
        .await;

    let password = browser.find("input[name=password]").await;
    password.clear().await.unwrap();
    password.send_keys(ADMIN_PASSWORD).await.unwrap();
    browser
        .find("button[type=submit]")
        .await
        .click()
        .await
        .unwrap();

    browser.wait_for_text(".page-header", "admin @ main").await;
    browser
        .wait_for_text("table.flows", "<b>Inbound</b> IVR")
        .await;
    let cells = browser
        .client
        .find_all(Locator::Css("table.flows td b"))
        .await
        .unwrap();
    assert!(cells.is_empty(), "names render as text, never as markup");
    browser.screenshot("registry-signed-in").await;

    // A reload keeps the session (the token lives in session storage).
    browser.client.refresh().await.unwrap();
    browser.wait_for_text(".page-header", "admin @ main").await;

    browser.find(".account button").await.click().await.unwrap();
    browser.find("form.login-card").await;
    browser.client.goto(&server.base).await.unwrap();
    browser.find("form.login-card").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_wrong_passwords_are_refused_for_a_while_with_a_clear_message() {
    let server = AppServer::start().await;
    // Five wrong guesses for the admin.
    let http = reqwest::Client::new();
    for attempt in 1..=5 {
        let reply = http
            .post(format!("{}{}", server.base, LOGIN.served_path))
            .json(&serde_json::json!({"username": "admin", "password": format!("guess {attempt}"), "domain": "main"}))
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status(), reqwest::StatusCode::UNAUTHORIZED);
    }
    // Then even the right password, typed in the page, is told to wait.
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}/login", server.base))
        .await
        .unwrap();
    browser.type_into("input[name=username]", "admin").await;
    browser
        .type_into("input[name=password]", ADMIN_PASSWORD)
        .await;
    browser.type_into("input[name=domain]", "main").await;
    browser.click("button[type=submit]").await;
    browser
        .wait_for_text(
            ".error",
            "too many failed sign-ins for this user; try again in 15 minute(s)",
        )
        .await;
    browser.screenshot("sign-in-throttled").await;
    assert!(browser
        .client
        .current_url()
        .await
        .unwrap()
        .path()
        .starts_with("/login"));
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_token_leads_to_sign_in_which_says_so_and_returns_to_the_page() {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let flow = server
        .create_flow(
            &token,
            serde_json::json!({"name": "Queue", "type": "voice"}),
        )
        .await;
    let id = flow["id"].as_str().expect("an id");
    let browser = Browser::start().await;
    browser.sign_in(&server, "admin", ADMIN_PASSWORD).await;
    let page = format!("/flows/{id}/code");
    browser
        .client
        .goto(&format!("{}{page}", server.base))
        .await
        .unwrap();
    browser.find(".cm-content").await;

    // Signed out everywhere from elsewhere: the page's token is refused on its next call.
    let (status, body) = server
        .api(
            &token,
            reqwest::Method::POST,
            &format!("{}?everywhere=true", LOGOUT.path),
            None,
        )
        .await;
    assert!((200..300).contains(&status), "{status} {body}");
    browser.client.refresh().await.unwrap();
    browser
        .wait_for_text(".login-card .notice", "Your session has ended")
        .await;

    // The domain may come with the username, as Webitel takes it.
    browser
        .type_into("input[name=username]", "admin@main")
        .await;
    browser
        .type_into("input[name=password]", ADMIN_PASSWORD)
        .await;
    let domain = browser.find("input[name=domain]").await;
    assert!(
        !domain.is_enabled().await.unwrap(),
        "the username carries it"
    );
    browser.click("button[type=submit]").await;
    browser.wait_for_location(&page).await;
    browser.find(".cm-content").await;
    browser.close().await;
}
