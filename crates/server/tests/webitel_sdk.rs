//! Webitel's own npm client, `webitel-sdk` (locked in `tools/package-lock.json`), against our
//! server: `tests/webitel-sdk/roundtrip.mjs` signs in, reads userinfo and walks a flow through
//! create, search, read, update, patch, versions and delete with the SDK's classes.

mod common;

use common::{Engine, TestServer};
use flow_model::contract::API_BASE;
use flow_model::Role;
use std::path::Path;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webitels_npm_client_works_against_our_server() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sdk = root.join("../../tools/node_modules/webitel-sdk/index.mjs");
    assert!(
        sdk.exists(),
        "{} is missing: run `cargo xtask setup`, which installs the npm packages of tools/",
        sdk.display()
    );
    // The wire is the same on either engine; SQLite needs no database server.
    let server = TestServer::start(Engine::Sqlite).await;
    server.user("main", "admin", Role::Admin).await;

    let output = tokio::process::Command::new("node")
        .arg(root.join("tests/webitel-sdk/roundtrip.mjs"))
        .env("WEBITEL_SDK", &sdk)
        .env("FLOW_STUDIO_API", format!("{}{API_BASE}", server.base))
        .env("FLOW_STUDIO_LOGIN", "admin@main")
        .env("FLOW_STUDIO_PASSWORD", "admin-password")
        .output()
        .await
        .unwrap_or_else(|error| panic!("cannot run node (Node.js 18 or later is needed): {error}"));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{}\n{said}", output.status);
}
