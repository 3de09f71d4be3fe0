//! Serving the web app: deep links get the app, build outputs are cached for good, and every
//! response carries the security headers.

use flow_model::contract::API_BASE;
use flow_server::state::{AppState, Settings};
use flow_server::store::{Store, StoreOptions};
use std::sync::Arc;

const INDEX: &str = r#"<!doctype html><html><head><script type="module">import init from '/app-0123456789abcdef.js'; await init();</script></head><body></body></html>"#;

async fn serve_app(static_dir: &std::path::Path, database: &std::path::Path) -> String {
    let store = Store::open(
        &format!("sqlite://{}", database.display()),
        StoreOptions::default(),
    )
    .await
    .unwrap();
    let state = AppState {
        store,
        settings: Arc::new(Settings::default()),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(flow_server::serve(
        listener,
        flow_server::app(state, static_dir),
        std::future::pending(),
    ));
    base
}

#[tokio::test]
async fn serves_the_app_with_cache_and_security_headers() {
    let folder = tempfile::tempdir().unwrap();
    let dist = folder.path().join("dist");
    std::fs::create_dir(&dist).unwrap();
    std::fs::write(dist.join("index.html"), INDEX).unwrap();
    std::fs::write(
        dist.join("app-0123456789abcdef.js"),
        "export default function init() {}".repeat(50),
    )
    .unwrap();
    let base = serve_app(&dist, &folder.path().join("flows.db")).await;
    let client = reqwest::Client::new();

    for path in ["/", "/login", "/flows/42/edit?tab=general"] {
        let response = client.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let headers = response.headers().clone();
        assert_eq!(headers["cache-control"], "no-cache", "{path}");
        let csp = headers["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'"),
            "{csp}"
        );
        assert!(!csp.contains("'unsafe-eval'"), "{csp}");
        assert!(
            csp.contains("'sha256-"),
            "the inline loader is allowed by its hash: {csp}"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(response.text().await.unwrap(), INDEX);
    }

    let asset = client
        .get(format!("{base}/app-0123456789abcdef.js"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(asset.status(), 200);
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(asset.headers()["content-encoding"], "gzip");

    let api = client
        .get(format!("{base}{API_BASE}/nowhere"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        api.status(),
        404,
        "unknown API paths are API errors, not the app"
    );
    assert_eq!(api.headers()["content-type"], "application/json");
    assert!(api.headers().get("cache-control").is_none());
}

#[tokio::test]
async fn says_how_to_build_the_app_when_it_is_missing() {
    let folder = tempfile::tempdir().unwrap();
    let base = serve_app(
        &folder.path().join("no-dist"),
        &folder.path().join("flows.db"),
    )
    .await;
    let response = reqwest::get(format!("{base}/")).await.unwrap();
    assert_eq!(response.status(), 503);
    assert!(response.text().await.unwrap().contains("cargo xtask start"));
}
