//! Serving the web app: deep links get the app, build outputs are cached for good (by the names
//! trunk really gives them), the build's precompressed copies are sent to browsers that accept
//! them, and every response carries the security headers.

use flow_model::contract::API_BASE;
use flow_server::state::{AppState, Settings};
use flow_server::store::{Store, StoreOptions};
use std::sync::Arc;

const INDEX: &str = r#"<!doctype html><html><head><base href="/"><script type="module">import init from './app-0123456789abcdef.js'; await init();</script></head><body></body></html>"#;

/// The page as served under `base`: the build's with its `<base href>` pointing there.
fn page_under(base: &str) -> String {
    INDEX.replace(r#"<base href="/">"#, &format!(r#"<base href="{base}/">"#))
}

async fn serve_app(static_dir: &std::path::Path, database: &std::path::Path) -> String {
    serve_app_with(static_dir, database, Settings::default()).await
}

async fn serve_app_with(
    static_dir: &std::path::Path,
    database: &std::path::Path,
    settings: Settings,
) -> String {
    let store = Store::open(
        &format!("sqlite://{}", database.display()),
        StoreOptions::default(),
    )
    .await
    .unwrap();
    let state = AppState {
        store,
        settings: Arc::new(settings),
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
        assert_eq!(response.text().await.unwrap(), page_under(""));
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
    // No precompressed copy beside it: compressed on the fly.
    assert_eq!(asset.headers()["content-encoding"], "gzip");
    assert_eq!(asset.headers()["vary"], "accept-encoding");

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

/// Names trunk 0.21.14 gave this app's build outputs in real builds. Trunk writes the 64-bit
/// seahash of the content as `format!("{hash:x}")`: no leading zeros, so 16 hex digits or fewer
/// (15 in one build of 16).
const HASHED_IN_REAL_BUILDS: [&str; 7] = [
    "flow-studio-a2ce2c0e07b69f6_bg.wasm",
    "flow-studio-a2ce2c0e07b69f6.js",
    "flow-studio-a8dbce3671e796a0_bg.wasm",
    "flow-studio-a8dbce3671e796a0.js",
    "flow-studio-ec149f6356f44848_bg.wasm",
    "main-710c80ea69e4c416.css",
    "favicon-31784e436de4d4fd.svg",
];

/// The rest of a real build: named the same in every build, so always checked again. A
/// snippet's folder is named after the crate, not after the snippet's content.
const UNHASHED_IN_REAL_BUILDS: [&str; 3] = [
    "index.html",
    "code-editor.js",
    "snippets/flow-studio-1f8d65bf73538412/inline0.js",
];

#[tokio::test]
async fn build_outputs_named_by_their_hash_are_cached_for_good() {
    let folder = tempfile::tempdir().unwrap();
    let dist = folder.path().join("dist");
    std::fs::create_dir_all(dist.join("snippets/flow-studio-1f8d65bf73538412")).unwrap();
    for name in HASHED_IN_REAL_BUILDS.iter().chain(&UNHASHED_IN_REAL_BUILDS) {
        let content = if *name == "index.html" {
            INDEX.to_owned()
        } else {
            format!("the content of {name}")
        };
        std::fs::write(dist.join(name), content).unwrap();
    }
    let base = serve_app(&dist, &folder.path().join("flows.db")).await;
    let client = reqwest::Client::new();
    for (names, expected) in [
        (
            &HASHED_IN_REAL_BUILDS[..],
            "public, max-age=31536000, immutable",
        ),
        (&UNHASHED_IN_REAL_BUILDS[..], "no-cache"),
    ] {
        for name in names {
            let reply = client.get(format!("{base}/{name}")).send().await.unwrap();
            assert_eq!(reply.status(), 200, "{name}");
            assert_eq!(reply.headers()["cache-control"], expected, "{name}");
            let body = reply.text().await.unwrap();
            if *name != "index.html" {
                assert_eq!(body, format!("the content of {name}"));
            }
        }
    }

    // An older build's output is not there: not found, rather than the app's page kept for
    // good under its name.
    let missing = client
        .get(format!("{base}/flow-studio-5d0c1b2a3e4f567_bg.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.headers()["cache-control"], "no-cache");
}

#[tokio::test]
async fn sends_the_precompressed_copy_the_browser_accepts() {
    let folder = tempfile::tempdir().unwrap();
    let dist = folder.path().join("dist");
    std::fs::create_dir(&dist).unwrap();
    let script = "export default function init() {}".repeat(50);
    std::fs::write(dist.join("index.html"), INDEX).unwrap();
    std::fs::write(dist.join("app-0123456789abcdef.js"), &script).unwrap();
    // Not real compressed data: what is sent must be these very bytes, not compressed anew.
    std::fs::write(dist.join("app-0123456789abcdef.js.br"), "script, Brotli").unwrap();
    std::fs::write(dist.join("app-0123456789abcdef.js.gz"), "script, gzip").unwrap();
    let base = serve_app(&dist, &folder.path().join("flows.db")).await;
    let client = reqwest::Client::new();
    let get = |accept: Option<&str>| {
        let mut request = client.get(format!("{base}/app-0123456789abcdef.js"));
        if let Some(accept) = accept {
            request = request.header("accept-encoding", accept);
        }
        request
    };

    for (accept, encoding, body) in [
        (
            Some("gzip, deflate, br, zstd"),
            Some("br"),
            "script, Brotli",
        ),
        (Some("br"), Some("br"), "script, Brotli"),
        (Some("gzip"), Some("gzip"), "script, gzip"),
        (Some("gzip;q=1.0, br;q=0.5"), Some("gzip"), "script, gzip"),
        (Some("br;q=0, gzip"), Some("gzip"), "script, gzip"),
        (Some("identity"), None, script.as_str()),
        (None, None, script.as_str()),
    ] {
        let reply = get(accept).send().await.unwrap();
        assert_eq!(reply.status(), 200, "{accept:?}");
        let headers = reply.headers().clone();
        assert_eq!(
            headers
                .get("content-encoding")
                .map(|value| value.to_str().unwrap()),
            encoding,
            "{accept:?}"
        );
        assert_eq!(headers["vary"], "accept-encoding", "{accept:?}");
        assert_eq!(
            headers["cache-control"], "public, max-age=31536000, immutable",
            "{accept:?}"
        );
        assert_eq!(headers["content-type"], "text/javascript", "{accept:?}");
        assert_eq!(
            headers["content-length"],
            body.len().to_string(),
            "{accept:?}"
        );
        assert!(headers.contains_key("last-modified"), "{accept:?}");
        assert_eq!(reply.text().await.unwrap(), body, "{accept:?}");
    }

    // A range is of the file itself, whatever the browser accepts.
    let range = get(Some("gzip, br"))
        .header("range", "bytes=7-13")
        .send()
        .await
        .unwrap();
    assert_eq!(range.status(), 206);
    assert!(range.headers().get("content-encoding").is_none());
    assert_eq!(
        range.headers()["content-range"],
        format!("bytes 7-13/{}", script.len())
    );
    assert_eq!(range.text().await.unwrap(), &script[7..14]);

    // Asked again with the date it was sent with: not modified, still cached for good.
    let first = get(Some("br")).send().await.unwrap();
    let last_modified = first.headers()["last-modified"].clone();
    let again = get(Some("br"))
        .header("if-modified-since", last_modified)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(
        again.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(again.headers()["vary"], "accept-encoding");

    // The app's page for a route (written for its base path at startup): compressed as it is
    // sent, checked again each time.
    let page = client
        .get(format!("{base}/flows/42/code"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["content-encoding"], "br");
    assert_eq!(page.headers()["cache-control"], "no-cache");
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    assert_ne!(page.text().await.unwrap(), page_under(""), "compressed");
}

#[tokio::test]
async fn serves_the_app_under_a_base_path_with_the_api_where_it_was() {
    let folder = tempfile::tempdir().unwrap();
    let dist = folder.path().join("dist");
    std::fs::create_dir(&dist).unwrap();
    std::fs::write(dist.join("index.html"), INDEX).unwrap();
    std::fs::write(dist.join("app-0123456789abcdef.js"), "export default 1;").unwrap();
    let settings = Settings {
        base_path: "/flow-diagram".parse().unwrap(),
        ..Settings::default()
    };
    let base = serve_app_with(&dist, &folder.path().join("flows.db"), settings).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let get = |path: &str| client.get(format!("{base}{path}")).send();

    // Webitel's admin opens `{base}/{id}/{type}`: a route of the app, whose page resolves the
    // build's relative file names under the base path.
    for path in [
        "/flow-diagram",
        "/flow-diagram/",
        "/flow-diagram/index.html",
        "/flow-diagram/42/",
        "/flow-diagram/new/voice",
        "/flow-diagram/flows/42/diagram",
    ] {
        let page = get(path).await.unwrap();
        assert_eq!(page.status(), 200, "{path}");
        assert_eq!(page.headers()["cache-control"], "no-cache", "{path}");
        assert_eq!(
            page.text().await.unwrap(),
            page_under("/flow-diagram"),
            "{path}"
        );
    }
    let asset = get("/flow-diagram/app-0123456789abcdef.js").await.unwrap();
    assert_eq!(asset.status(), 200);
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(asset.text().await.unwrap(), "export default 1;");

    // The site's root leads to the app; other paths are not the app's.
    let root = get("/").await.unwrap();
    assert!(root.status().is_redirection(), "{}", root.status());
    assert_eq!(root.headers()["location"], "/flow-diagram/");
    assert_eq!(get("/login").await.unwrap().status(), 404);
    assert_eq!(get("/app-0123456789abcdef.js").await.unwrap().status(), 404);
    let health = get(&format!("{API_BASE}/health")).await.unwrap();
    assert_eq!(health.status(), 200);
}
