//! Test support: a real server on a loopback port over a fresh database of either engine.
//! SQLite gets a file in a temporary folder; PostgreSQL gets a uniquely named database that is
//! dropped when the server is dropped.

#![allow(dead_code)]

use flow_model::contract::{ACCESS_HEADER, CREATE_FLOW, LOGIN};
use flow_model::Role;
use flow_server::state::{AppState, Settings};
use flow_server::store::{NewUser, Store, StoreOptions};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use tokio::sync::oneshot;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// `text` as a query-string value.
pub fn url_encoded(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Where the test PostgreSQL server is: `FLOW_STUDIO_TEST_POSTGRES`, or the local one.
pub fn postgres_server_url() -> String {
    std::env::var("FLOW_STUDIO_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned())
}

/// A database of its own for one test.
pub struct TestDatabase {
    pub url: String,
    postgres_name: Option<String>,
    _folder: tempfile::TempDir,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

async fn admin_query(statement: &str) {
    use sqlx::Connection;
    let mut connection =
        sqlx::PgConnection::connect(&format!("{}/postgres", postgres_server_url()))
            .await
            .expect("the test PostgreSQL server is reachable");
    sqlx::Executor::execute(&mut connection, statement)
        .await
        .unwrap_or_else(|error| panic!("{statement}: {error}"));
}

impl TestDatabase {
    pub async fn new(engine: Engine) -> Self {
        let folder = tempfile::tempdir().expect("temporary folder");
        match engine {
            Engine::Sqlite => Self {
                url: format!("sqlite://{}", folder.path().join("flows.db").display()),
                postgres_name: None,
                _folder: folder,
            },
            Engine::Postgres => {
                let name = format!(
                    "flow_test_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::SeqCst),
                    flow_server::store::now_millis()
                );
                admin_query(&format!("CREATE DATABASE {name}")).await;
                Self {
                    url: format!("{}/{name}", postgres_server_url()),
                    postgres_name: Some(name),
                    _folder: folder,
                }
            }
        }
    }

    pub fn sqlite_path(&self) -> Option<PathBuf> {
        self.url.strip_prefix("sqlite://").map(PathBuf::from)
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(name) = self.postgres_name.take() {
            // Drop runs outside any runtime guarantee: use a thread with its own.
            let statement = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            let _ = std::thread::spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime")
                    .block_on(admin_query(&statement));
            })
            .join();
        }
    }
}

/// A running server over its own database.
pub struct TestServer {
    pub base: String,
    pub store: Store,
    pub client: reqwest::Client,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
    // Dropped last: the server must stop before its database goes.
    database: Option<TestDatabase>,
}

pub fn test_settings() -> Settings {
    Settings {
        body_limit: 10 * 1024 * 1024,
        max_json_depth: 100,
        token_lifetime_ms: 3600 * 1000,
        ..Settings::default()
    }
}

impl TestServer {
    pub async fn start(engine: Engine) -> Self {
        Self::start_with(engine, test_settings(), StoreOptions::default()).await
    }

    pub async fn start_with(engine: Engine, settings: Settings, options: StoreOptions) -> Self {
        let database = TestDatabase::new(engine).await;
        Self::start_on(database, settings, options).await
    }

    pub async fn start_on(
        database: TestDatabase,
        settings: Settings,
        options: StoreOptions,
    ) -> Self {
        let url = database.url.clone();
        Self::launch(&url, Some(database), settings, options).await
    }

    /// Another server over a database that something else owns (and drops, after this server):
    /// for several servers sharing one PostgreSQL database. Not for `stop` or `database`.
    pub async fn start_shared(url: &str) -> Self {
        Self::launch(url, None, test_settings(), StoreOptions::default()).await
    }

    async fn launch(
        url: &str,
        database: Option<TestDatabase>,
        settings: Settings,
        options: StoreOptions,
    ) -> Self {
        let store = Store::open(url, options).await.expect("store opens");
        let state = AppState {
            store: store.clone(),
            settings: Arc::new(settings),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let (shutdown, stop) = oneshot::channel::<()>();
        let app = flow_server::app(state, std::path::Path::new("/nonexistent"));
        let task = tokio::spawn(async move {
            flow_server::serve(listener, app, async {
                let _ = stop.await;
            })
            .await
            .expect("server runs");
        });
        Self {
            base,
            store,
            client: reqwest::Client::new(),
            shutdown: Some(shutdown),
            task: Some(task),
            database,
        }
    }

    /// Creates a user with `role` in `domain` and signs it in.
    pub async fn user(&self, domain: &str, username: &str, role: Role) -> Api {
        let password = format!("{username}-password");
        self.store
            .create_user(NewUser {
                domain,
                username,
                password_hash: flow_server::auth::hash_password(&password).unwrap(),
                permissions: role.permissions(),
                admin: role == Role::Admin,
            })
            .await
            .expect("user created");
        self.login(domain, username, &password).await
    }

    pub async fn login(&self, domain: &str, username: &str, password: &str) -> Api {
        let anonymous = self.anonymous();
        let reply = anonymous
            .call(
                Method::POST,
                LOGIN.served_path,
                Some(serde_json::json!({"username": username, "password": password, "domain": domain})),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "login: {}", reply.body);
        Api {
            token: Some(reply.body["access_token"].as_str().unwrap().to_owned()),
            ..anonymous
        }
    }

    pub fn anonymous(&self) -> Api {
        Api {
            base: self.base.clone(),
            client: self.client.clone(),
            token: None,
        }
    }

    /// Stops the server, letting requests in flight finish.
    pub async fn stop(mut self) -> TestDatabase {
        self.halt().await;
        self.store.close().await;
        self.database
            .take()
            .expect("database present until stopped")
    }

    pub fn database(&self) -> &TestDatabase {
        self.database
            .as_ref()
            .expect("database present until stopped")
    }

    async fn halt(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// What came back from one call.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    /// The error id of an error reply, after checking the error body's shape.
    pub fn error_id(&self) -> &str {
        assert_eq!(
            self.body["code"].as_u64(),
            Some(u64::from(self.status.as_u16())),
            "{}",
            self.body
        );
        assert!(
            self.body["status"].is_string() && self.body["detail"].is_string(),
            "{}",
            self.body
        );
        assert!(
            self.body["request_id"]
                .as_str()
                .is_some_and(|id| !id.is_empty()),
            "{}",
            self.body
        );
        self.body["id"].as_str().expect("error id")
    }

    /// Checks an error reply as a whole: its status, its error id, the error body's shape, and
    /// an `x-request-id` header equal to the body's `request_id`. Returns the detail.
    pub fn expect_error(&self, status: StatusCode, id: &str) -> &str {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(self.error_id(), id, "{}", self.body);
        let header = self
            .headers
            .get("x-request-id")
            .map(|value| value.to_str().unwrap());
        assert_eq!(
            header,
            self.body["request_id"].as_str(),
            "x-request-id header vs body"
        );
        self.body["detail"].as_str().unwrap()
    }

    pub fn etag(&self) -> String {
        self.headers["etag"].to_str().unwrap().to_owned()
    }
}

/// A signed-in (or anonymous) API client.
#[derive(Clone)]
pub struct Api {
    pub base: String,
    pub client: reqwest::Client,
    pub token: Option<String>,
}

impl Api {
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        self.call_with(method, path, body, &[]).await
    }

    pub async fn call_with(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = &self.token {
            request = request.header(ACCESS_HEADER, token);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        self.send(request).await
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> Reply {
        let response = request.send().await.expect("request sent");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body read");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None).await
    }

    /// Sends a body as it is, not necessarily JSON (as JSON's content type).
    pub async fn send_raw(
        &self,
        method: Method,
        path: &str,
        body: impl Into<reqwest::Body>,
    ) -> Reply {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("Content-Type", "application/json")
            .body(body);
        if let Some(token) = &self.token {
            request = request.header(ACCESS_HEADER, token);
        }
        self.send(request).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PUT, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.call(Method::DELETE, path, None).await
    }

    /// Creates a flow and returns it, failing the test unless it was created.
    pub async fn create_flow(&self, body: Value) -> Value {
        let reply = self.post(CREATE_FLOW.served_path, body).await;
        assert_eq!(reply.status, StatusCode::OK, "create: {}", reply.body);
        reply.body
    }
}

/// Runs an `async fn(Engine)` test once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_engines {
    ($($test:ident),* $(,)?) => {
        $(
            mod $test {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$test($crate::common::Engine::Sqlite).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$test($crate::common::Engine::Postgres).await;
                }
            }
        )*
    };
}
