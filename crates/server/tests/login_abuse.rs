//! Login abuse, on both engines: failed sign-ins throttled per user and per client address
//! with a clear 429 (counted in the database, so every server behind a balancer agrees),
//! tokens revoked everywhere, and passwords never written to the log.

mod common;

use common::{test_settings, Engine, TestServer};
use flow_model::contract::{LOGIN, LOGOUT, USERINFO};
use flow_model::Role;
use flow_server::state::{LoginThrottle, Settings};
use flow_server::store::StoreOptions;
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::time::Duration;

fn throttled(per_user: i64, per_address: i64, window: Duration) -> Settings {
    Settings {
        login_throttle: LoginThrottle {
            per_user,
            per_address,
            window_ms: i64::try_from(window.as_millis()).unwrap(),
        },
        ..test_settings()
    }
}

async fn sign_in(server: &TestServer, username: &str, password: &str) -> common::Reply {
    server
        .anonymous()
        .call(
            Method::POST,
            LOGIN.served_path,
            Some(json!({"username": username, "password": password, "domain": "main"})),
        )
        .await
}

async fn failed_sign_ins_of_a_user_are_throttled_with_a_clear_429(engine: Engine) {
    let window = Duration::from_secs(2);
    let server =
        TestServer::start_with(engine, throttled(3, 100, window), StoreOptions::default()).await;
    server.user("main", "alice", Role::Editor).await;
    server.user("main", "bob", Role::Editor).await;
    sign_in(&server, "alice", "guess")
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "app.auth.login.invalid");
    // The same user, named the way Webitel's sign-in page names it: the same count.
    for username in ["alice@main", " Alice@MAIN "] {
        server
            .anonymous()
            .post(
                LOGIN.served_path,
                json!({"username": username, "password": "guess"}),
            )
            .await
            .expect_error(StatusCode::UNAUTHORIZED, "app.auth.login.invalid");
    }
    // Now even the right password waits: the guesser learns nothing more.
    let refused = sign_in(&server, "ALICE", "alice-password").await;
    refused.expect_error(
        StatusCode::TOO_MANY_REQUESTS,
        "app.auth.login.too_many_attempts",
    );
    assert_eq!(
        refused.body["detail"],
        "too many failed sign-ins for this user; try again in 1 minute(s)"
    );
    let retry_after: u64 = refused.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&retry_after), "{retry_after}");
    // Another user is not held up by it.
    assert_eq!(
        sign_in(&server, "bob", "bob-password").await.status,
        StatusCode::OK
    );
    // Once the window has passed, the right password works, and the count starts afresh.
    tokio::time::sleep(window + Duration::from_millis(200)).await;
    assert_eq!(
        sign_in(&server, "alice", "alice-password").await.status,
        StatusCode::OK
    );
    for _ in 0..2 {
        sign_in(&server, "alice", "guess").await;
    }
    assert_eq!(
        sign_in(&server, "alice", "alice-password").await.status,
        StatusCode::OK,
        "a success forgets the user's failures"
    );
}

async fn failed_sign_ins_from_one_address_are_throttled_across_users(engine: Engine) {
    let server = TestServer::start_with(
        engine,
        throttled(100, 4, Duration::from_secs(60)),
        StoreOptions::default(),
    )
    .await;
    server.user("main", "carol", Role::Viewer).await;
    for name in ["a", "b", "c", "d"] {
        sign_in(&server, name, "guess")
            .await
            .expect_error(StatusCode::UNAUTHORIZED, "app.auth.login.invalid");
    }
    let refused = sign_in(&server, "carol", "carol-password").await;
    refused.expect_error(
        StatusCode::TOO_MANY_REQUESTS,
        "app.auth.login.too_many_attempts",
    );
    assert!(
        refused.body["detail"]
            .as_str()
            .unwrap()
            .contains("from this address"),
        "{}",
        refused.body
    );
}

async fn signing_out_everywhere_revokes_every_token_of_the_user(engine: Engine) {
    let server = TestServer::start(engine).await;
    let first = server.user("main", "dave", Role::Editor).await;
    let second = server.login("main", "dave", "dave-password").await;
    let other = server.user("main", "erin", Role::Editor).await;
    assert_eq!(
        second.get(USERINFO.served_path).await.status,
        StatusCode::OK
    );
    first
        .call(
            Method::POST,
            &format!("{}?everywhere=true", LOGOUT.served_path),
            None,
        )
        .await;
    for api in [&first, &second] {
        api.get(USERINFO.served_path)
            .await
            .expect_error(StatusCode::UNAUTHORIZED, "app.auth.unauthorized");
    }
    assert_eq!(
        other.get(USERINFO.served_path).await.status,
        StatusCode::OK,
        "other users stay signed in"
    );
}

on_both_engines!(
    failed_sign_ins_of_a_user_are_throttled_with_a_clear_429,
    failed_sign_ins_from_one_address_are_throttled_across_users,
    signing_out_everywhere_revokes_every_token_of_the_user,
);
