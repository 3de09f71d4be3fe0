//! What the tests of `flows` against a server share: our server on loopback, alone or behind
//! the Webitel double, and `flows` run signed in to it.

use flow_model::Role;
use flow_server::state::{AppState, Settings};
use flow_server::store::{NewUser, Store, StoreOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

pub const PASSWORD: &str = "secret-password";

/// Our server on loopback with an admin in domains `main` and `copy`, and what `flows` talks
/// to: the server itself, or the Webitel double in front of it.
pub struct Server {
    /// Where `flows` goes.
    pub base: String,
    /// Our server itself, to look behind the double (the same as `base` without one).
    #[allow(dead_code)] // read by the Webitel wire's tests only
    pub upstream: String,
    pub config: tempfile::TempDir,
    /// `flows` signs in Webitel's way, `user@domain`.
    webitel: bool,
    _data: tempfile::TempDir,
    _runtime: tokio::runtime::Runtime,
}

impl Server {
    /// Our server alone, taking JSON bodies `max_json_depth` deep.
    #[allow(dead_code)] // the Webitel wire's tests start the double instead
    pub fn start(max_json_depth: usize) -> Self {
        Self::launch(max_json_depth, None::<fn(axum::Router) -> axum::Router>)
    }

    /// Our server behind the Webitel double, whose routes `around` may wrap.
    #[allow(dead_code)] // used by the Webitel wire's tests only
    pub fn behind_webitel(around: impl FnOnce(axum::Router) -> axum::Router) -> Self {
        Self::launch(100, Some(around))
    }

    fn launch(
        max_json_depth: usize,
        webitel: Option<impl FnOnce(axum::Router) -> axum::Router>,
    ) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let data = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", data.path().join("flows.db").display());
        let webitel_wire = webitel.is_some();
        let (base, upstream) = runtime.block_on(async {
            let store = Store::open(&url, StoreOptions::default()).await.unwrap();
            for domain in ["main", "copy"] {
                store
                    .create_user(NewUser {
                        domain,
                        username: "admin",
                        password_hash: flow_server::auth::hash_password(PASSWORD).unwrap(),
                        permissions: Role::Admin.permissions(),
                        admin: true,
                    })
                    .await
                    .unwrap();
            }
            let state = AppState {
                store,
                settings: Arc::new(Settings {
                    max_json_depth,
                    ..Settings::default()
                }),
            };
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let upstream = format!("http://{}", listener.local_addr().unwrap());
            let app = flow_server::app(state, Path::new("/nonexistent"));
            tokio::spawn(flow_server::serve(listener, app, std::future::pending()));
            let Some(around) = webitel else {
                return (upstream.clone(), upstream);
            };
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let base = format!("http://{}", listener.local_addr().unwrap());
            let app = around(webitel_double::app(upstream.parse().unwrap()));
            tokio::spawn(webitel_double::serve(listener, app, std::future::pending()));
            (base, upstream)
        });
        Self {
            base,
            upstream,
            config: tempfile::tempdir().unwrap(),
            webitel: webitel_wire,
            _data: data,
            _runtime: runtime,
        }
    }

    /// Runs `flows` signed in to `domain` (each domain keeps its token in its own file).
    pub fn flows(&self, domain: &str, args: &[&str]) -> Output {
        let config = self.config.path().join(format!("{domain}.json"));
        if !config.exists() {
            let account = format!("admin@{domain}");
            let username: &[&str] = if self.webitel {
                &["--username", &account]
            } else {
                &["--username", "admin", "--domain", domain]
            };
            let login = self.run(
                &config,
                &[&["login", "--server", &self.base], username].concat(),
            );
            assert!(login.status.success(), "{}", text(&login.stderr));
            assert!(text(&login.stdout).contains("signed in to"));
        }
        self.run(&config, args)
    }

    pub fn run(&self, config: &Path, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_flows"))
            .args(args)
            .env("FLOWS_CONFIG", config)
            .env("FLOWS_PASSWORD", PASSWORD)
            .env("FLOWS_SERVER", &self.base)
            .env_remove("FLOWS_TOKEN")
            .stdin(Stdio::null())
            .output()
            .expect("flows runs")
    }
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn succeeded(output: &Output) -> String {
    assert!(
        output.status.success(),
        "stdout: {}\nstderr: {}",
        text(&output.stdout),
        text(&output.stderr)
    );
    text(&output.stdout)
}

/// `flows` failed; its error output.
pub fn failed(output: &Output) -> String {
    assert!(
        !output.status.success(),
        "stdout: {}\nstderr: {}",
        text(&output.stdout),
        text(&output.stderr)
    );
    text(&output.stderr)
}

/// Every file of a folder, by name.
pub fn files(folder: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&path).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/webitel")
}

pub fn folder_arg(folder: &Path) -> &str {
    folder.to_str().unwrap()
}
