//! What every browser scenario needs: the built web app served by a real server over a fresh
//! SQLite file, a headless Chromium driven through ChromeDriver, and a signed-in admin.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use flow_model::Role;
use flow_server::state::{AppState, Settings};
use flow_server::store::{NewUser, Store, StoreOptions};
use hyper_util::client::legacy::connect::HttpConnector;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub const ADMIN_PASSWORD: &str = "admin-password";

/// The built app: `FLOW_STUDIO_DIST`, or the workspace's `dist`.
pub fn dist_dir() -> PathBuf {
    let dist = std::env::var_os("FLOW_STUDIO_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dist"));
    assert!(
        dist.join("index.html").exists(),
        "the web app is not built at {}: run `cargo xtask test` (it builds it first) or `trunk build --release`",
        dist.display()
    );
    dist
}

/// A server with the built app, over its own SQLite file, with an admin in domain `main`.
pub struct AppServer {
    pub base: String,
    pub store: Store,
    _folder: tempfile::TempDir,
}

impl AppServer {
    pub async fn start() -> Self {
        let folder = tempfile::tempdir().expect("temporary folder");
        let url = format!("sqlite://{}", folder.path().join("flows.db").display());
        let store = Store::open(&url, StoreOptions::default())
            .await
            .expect("store opens");
        store
            .create_user(NewUser {
                domain: "main",
                username: "admin",
                password_hash: flow_server::auth::hash_password(ADMIN_PASSWORD).unwrap(),
                permissions: Role::Admin.permissions(),
                admin: true,
            })
            .await
            .expect("admin created");
        let state = AppState {
            store: store.clone(),
            settings: Arc::new(Settings::default()),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let app = flow_server::app(state, &dist_dir());
        tokio::spawn(flow_server::serve(listener, app, std::future::pending()));
        Self {
            base,
            store,
            _folder: folder,
        }
    }

    /// An API token for the admin, for arranging data without the UI.
    pub async fn admin_token(&self) -> String {
        let reply: serde_json::Value = reqwest::Client::new()
            .post(format!("{}/api/login", self.base))
            .json(&serde_json::json!({"username": "admin", "password": ADMIN_PASSWORD, "domain": "main"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        reply["access_token"].as_str().unwrap().to_owned()
    }
}

/// ChromeDriver with a headless Chromium session; both end when this is dropped.
pub struct Browser {
    pub client: Client,
    driver: Child,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

impl Browser {
    pub async fn start() -> Self {
        let chromedriver =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned());
        let port = free_port();
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| {
                panic!("cannot start {chromedriver}: {error} (run `cargo xtask setup`)")
            });
        let capabilities = serde_json::json!({
            "goog:chromeOptions": {
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned()),
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--no-first-run",
                         "--disable-dev-shm-usage", "--window-size=1280,860"]
            }
        });
        let capabilities = capabilities.as_object().unwrap().clone();
        let started = Instant::now();
        let client = loop {
            // ChromeDriver is plain HTTP on loopback: no TLS stack needed.
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                Err(_) if started.elapsed() < Duration::from_secs(20) => {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(error) => panic!("ChromeDriver did not start: {error}"),
            }
        };
        Self { client, driver }
    }

    /// Waits for an element to appear (up to 10 s).
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|error| panic!("no element {css:?}: {error}"))
    }

    /// Waits until the element's text contains `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str) {
        let started = Instant::now();
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                if element.text().await.is_ok_and(|found| found.contains(text)) {
                    return;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{css:?} never showed {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        self.find(css).await.send_keys(text).await.expect("typing");
    }

    /// Saves a screenshot for a person to look at.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("screenshot");
        let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
        std::fs::create_dir_all(&folder).expect("screenshot folder");
        std::fs::write(folder.join(format!("{name}.png")), png).expect("screenshot written");
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}
