//! What every browser scenario needs: the built web app served by a real server over a fresh
//! SQLite file, a headless Chromium driven through ChromeDriver, and a signed-in admin.

pub mod node_red;
pub mod report;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use flow_model::contract::{ACCESS_HEADER, API_BASE, CREATE_FLOW, LOGIN, SEARCH_FLOWS};
use flow_model::Role;
use flow_server::state::{AppState, Settings};
use flow_server::store::{NewUser, Store, StoreOptions};
use hyper_util::client::legacy::connect::HttpConnector;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub const ADMIN_PASSWORD: &str = "admin-password";

/// The real flows of `../shared/corpus/webitel` in name order: each file's name (without
/// `.json`) and the create body of a Diagram flow of that name holding it (calls are voice
/// flows, chats chat flows), with an empty payload, so it opens laid out afresh.
pub fn corpus_flows() -> Vec<(String, serde_json::Value)> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/webitel");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
        .map(|entry| entry.expect("a corpus file").path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).expect("a corpus file");
            let schema: serde_json::Value = serde_json::from_str(&text).expect("corpus JSON");
            let kind = if name.starts_with("call") {
                "voice"
            } else {
                "chat"
            };
            let body = serde_json::json!({"name": name, "type": kind, "editor": true,
                                          "schema": schema, "payload": {}});
            (name, body)
        })
        .collect()
}

/// The built app: `FLOW_STUDIO_DIST`, or the workspace's `dist`.
pub fn dist_dir() -> PathBuf {
    let dist = std::env::var_os("FLOW_STUDIO_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dist"));
    assert!(
        dist.join("index.html").exists(),
        "the web app is not built at {}: run `cargo xtask build` (`cargo xtask test` builds it first)",
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
        Self::start_with(Settings::default()).await
    }

    /// A server with `settings` (such as a base path for the web app).
    pub async fn start_with(settings: Settings) -> Self {
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
            settings: Arc::new(settings),
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
        self.token_of("admin", ADMIN_PASSWORD).await
    }

    /// An API token for a user of domain `main`.
    pub async fn token_of(&self, username: &str, password: &str) -> String {
        let reply: serde_json::Value = reqwest::Client::new()
            .post(format!("{}{}", self.base, LOGIN.served_path))
            .json(
                &serde_json::json!({"username": username, "password": password, "domain": "main"}),
            )
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        reply["access_token"].as_str().unwrap().to_owned()
    }

    /// Adds a user of domain `main` with `role`; the password is the username twice.
    pub async fn add_user(&self, username: &str, role: Role) {
        self.store
            .create_user(NewUser {
                domain: "main",
                username,
                password_hash: flow_server::auth::hash_password(&username.repeat(2)).unwrap(),
                permissions: role.permissions(),
                admin: false,
            })
            .await
            .expect("user created");
    }

    /// Calls the API as `token` and returns the status and body, for arranging and checking
    /// data without the UI.
    pub async fn api(
        &self,
        token: &str,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        let mut request = reqwest::Client::new()
            .request(method, format!("{}{API_BASE}{path}", self.base))
            .header(ACCESS_HEADER, token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let reply = request.send().await.expect("the API answers");
        let status = reply.status().as_u16();
        (
            status,
            reply.json().await.unwrap_or(serde_json::Value::Null),
        )
    }

    /// Creates a flow through the API; returns it as stored.
    pub async fn create_flow(&self, token: &str, flow: serde_json::Value) -> serde_json::Value {
        let (status, body) = self
            .api(token, reqwest::Method::POST, CREATE_FLOW.path, Some(flow))
            .await;
        assert_eq!(status, 200, "flow created: {body}");
        body
    }

    /// Creates empty flows of type `kind`, one per name.
    pub async fn create_empty_flows(&self, token: &str, kind: &str, names: &[&str]) {
        for name in names {
            self.create_flow(
                token,
                serde_json::json!({"name": name, "type": kind, "schema": []}),
            )
            .await;
        }
    }

    /// The names of the domain's flows, sorted.
    pub async fn flow_names(&self, token: &str) -> Vec<String> {
        let (_, body) = self
            .api(
                token,
                reqwest::Method::GET,
                &format!("{}?size=1000&sort=%2Bname", SEARCH_FLOWS.path),
                None,
            )
            .await;
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|flow| flow["name"].as_str().unwrap().to_owned())
            .collect()
    }
}

/// Starts the Webitel double (`webitel-double`: a proxy that answers as Webitel's engine does)
/// in front of `server`; its base URL. The double serves the web app too, so a browser pointed
/// at this base uses Webitel's wire on the same origin, over `server`'s database: data may
/// still be arranged through `server` directly. A username without `@domain` signs in to
/// `main`, the domain of every user an [`AppServer`] makes.
pub async fn webitel_in_front_of(server: &AppServer) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let options = webitel_double::Options {
        default_domain: Some("main".into()),
        directory: webitel_directory(),
        ..webitel_double::Options::new(webitel_double::Url::parse(&server.base).unwrap())
    };
    tokio::spawn(webitel_double::serve(
        listener,
        webitel_double::app_with(options),
        std::future::pending(),
    ));
    base
}

/// The queues, calendars, lists, media files and mail profiles the Webitel double lists.
pub fn webitel_directory() -> serde_json::Map<String, serde_json::Value> {
    let directory = serde_json::json!({
        "queue": [
            {"id": 12, "name": "Sales", "type": 1},
            {"id": 14, "name": "Продажи опт", "type": 1},
            {"id": 3, "name": "Support", "type": 0}
        ],
        "calendar": [{"id": 21, "name": "Office hours"}, {"id": 22, "name": "Holidays"}],
        "list": [{"id": 5, "name": "Do not call"}],
        "media": [
            {"id": 996, "name": "welcome.wav", "mime_type": "audio/wav"},
            {"id": 997, "name": "hold-music.mp3", "mime_type": "audio/mpeg"}
        ],
        "email-profile": [{"id": 2, "name": "Support mailbox"}]
    });
    directory.as_object().cloned().expect("an object")
}

/// Records every uncaught error and unhandled promise rejection of each page, before the page's
/// own scripts run (installed for every new document through the DevTools protocol, see
/// [`Browser::start`]). Kept in the tab's `sessionStorage`, so that a reload or another page of
/// the same server loses none; in `window` where a page has no storage (`about:blank`).
const RECORD_PAGE_ERRORS: &str = r#"(() => {
  const key = 'flow-e2e.page-errors';
  const record = (text) => {
    try {
      const list = JSON.parse(sessionStorage.getItem(key) || '[]');
      list.push(text);
      sessionStorage.setItem(key, JSON.stringify(list));
    } catch (_) {
      (window.__flowE2ePageErrors = window.__flowE2ePageErrors || []).push(text);
    }
  };
  const describe = (value) => {
    if (value instanceof Error) {
      const stack = value.stack || '';
      return stack.includes(value.message) ? stack : `${value.name}: ${value.message}\n${stack}`;
    }
    try { return typeof value === 'string' ? value : JSON.stringify(value); } catch (_) { return String(value); }
  };
  // What the page wrote to console.error just before (a Rust panic's message comes there,
  // then the WebAssembly trap that is the uncaught error).
  let logged = [];
  const consoleError = console.error.bind(console);
  console.error = (...args) => {
    logged = logged.concat(args.map(describe).join(' ')).slice(-3);
    consoleError(...args);
  };
  const withLogged = (text) => {
    const before = logged.length ? `\nconsole.error before it:\n${logged.join('\n')}` : '';
    logged = [];
    return `${location.pathname}: ${text}${before}`;
  };
  // Not capturing: a resource that fails to load is not an uncaught error.
  window.addEventListener('error', (event) => {
    const where = event.filename ? ` (${event.filename}:${event.lineno}:${event.colno})` : '';
    const detail = event.error ? `\n${describe(event.error)}` : '';
    record(withLogged(`uncaught ${event.message}${where}${detail}`));
  });
  window.addEventListener('unhandledrejection', (event) => {
    record(withLogged(`unhandled promise rejection: ${describe(event.reason)}`));
  });
})();"#;

/// The page errors recorded so far in the tab (see [`RECORD_PAGE_ERRORS`]), emptied when
/// `arguments[0]` is true.
const READ_PAGE_ERRORS: &str = r#"
const key = 'flow-e2e.page-errors';
let found = window.__flowE2ePageErrors || [];
try { found = JSON.parse(sessionStorage.getItem(key) || '[]').concat(found); } catch (_) {}
if (arguments[0]) {
  window.__flowE2ePageErrors = [];
  try { sessionStorage.removeItem(key); } catch (_) {}
}
return found;
"#;

/// ChromeDriver with a headless Chromium session; both end when this is dropped. Every
/// scenario fails on an uncaught error or unhandled promise rejection in its pages: checked by
/// [`Browser::close`], or when the browser is dropped unclosed.
pub struct Browser {
    pub client: Client,
    /// ChromeDriver's address and the session's id, for DevTools commands.
    driver_url: String,
    session: String,
    /// The page errors were looked at (by `close`, or by a test that expected some).
    errors_checked: bool,
    /// One test's browsers at a time: on two cores, parallel Chromiums make every wait flaky.
    /// A pair's second browser shares the first one's turn.
    _turn: Option<tokio::sync::SemaphorePermit<'static>>,
    driver: Child,
    /// Where downloads land.
    pub downloads: tempfile::TempDir,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

static BROWSER_TURNS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);

impl Browser {
    pub async fn start() -> Self {
        let turn = BROWSER_TURNS.acquire().await.expect("never closed");
        Self::start_in_turn(Some(turn)).await
    }

    /// Two independent browsers (own cookies and storage), for two people at once.
    pub async fn pair() -> (Self, Self) {
        let first = Self::start().await;
        let second = Self::start_in_turn(None).await;
        (first, second)
    }

    async fn start_in_turn(turn: Option<tokio::sync::SemaphorePermit<'static>>) -> Self {
        let chromedriver =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned());
        let port = free_port();
        let downloads = tempfile::tempdir().expect("download folder");
        // In a process group of its own, with the Chromium it starts, so that a test that
        // fails half way leaves no browser behind (see `Drop`).
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|error| {
                panic!("cannot start {chromedriver}: {error} (run `cargo xtask setup`)")
            });
        let capabilities = serde_json::json!({
            // "Leave site?" is answered yes, so a reload can stand in for a crash.
            "unhandledPromptBehavior": "accept",
            "goog:chromeOptions": {
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned()),
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--no-first-run",
                         "--disable-dev-shm-usage", "--window-size=1280,860", "--lang=en-US"],
                "prefs": {
                    "download.default_directory": downloads.path(),
                    "download.prompt_for_download": false
                }
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
        let session = client
            .session_id()
            .await
            .ok()
            .flatten()
            .expect("ChromeDriver names the session");
        let browser = Self {
            client,
            driver_url: format!("http://127.0.0.1:{port}"),
            session,
            errors_checked: false,
            _turn: turn,
            driver,
            downloads,
        };
        browser
            .devtools(
                "Page.addScriptToEvaluateOnNewDocument",
                serde_json::json!({ "source": RECORD_PAGE_ERRORS }),
            )
            .await;
        // The page itself is 1280×860 whatever Chromium's build takes off its window for
        // toolbars (some headless builds do), so positions on the canvas mean the same.
        browser.set_page_size(1280, 860).await;
        browser
    }

    /// Shows the page at `width`×`height` CSS pixels, at one device pixel per CSS pixel.
    pub async fn set_page_size(&self, width: u32, height: u32) {
        self.devtools(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        )
        .await;
    }

    /// Types `text` and Enter into the diagram editor's Find box: the first step showing it is
    /// selected.
    pub async fn find_step(&self, text: &str) {
        self.type_into(
            ".find input",
            &format!("{text}{}", fantoccini::key::Key::Enter),
        )
        .await;
    }

    /// Runs a DevTools protocol command in the browser's tab (through ChromeDriver) and
    /// answers its result.
    pub async fn devtools(&self, command: &str, params: serde_json::Value) -> serde_json::Value {
        let reply = reqwest::Client::new()
            .post(format!(
                "{}/session/{}/goog/cdp/execute",
                self.driver_url, self.session
            ))
            .json(&serde_json::json!({ "cmd": command, "params": params }))
            .send()
            .await
            .unwrap_or_else(|error| panic!("DevTools {command}: {error}"));
        let status = reply.status();
        let body: serde_json::Value = reply.json().await.unwrap_or_default();
        assert!(status.is_success(), "DevTools {command}: {status} {body}");
        body["value"].clone()
    }

    /// The uncaught errors and unhandled promise rejections of the tab's pages so far (of the
    /// pages of the origin shown now), oldest first; `take` empties the record, for a scenario
    /// that expects some.
    pub async fn page_errors(&self, take: bool) -> Vec<String> {
        let found = self
            .client
            .execute(READ_PAGE_ERRORS, vec![serde_json::Value::Bool(take)])
            .await
            .unwrap_or_default();
        found
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|error| error.as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Fails with their text if the pages raised errors nobody caught.
    pub async fn assert_no_page_errors(&self) {
        let errors = self.page_errors(false).await;
        assert!(errors.is_empty(), "{}", page_errors_report(&errors));
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

    /// Checks again and again (up to 10 s) until `check` passes; fails with its last complaint.
    pub async fn wait_until<F, Fut>(&self, mut check: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<(), String>>,
    {
        let started = Instant::now();
        loop {
            match check().await {
                Ok(()) => return,
                Err(complaint) => {
                    assert!(started.elapsed() < Duration::from_secs(10), "{complaint}")
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until `read` gives `expected`; `what` names what is read when it never does.
    pub async fn wait_for_value<Found, Expected, Read, Reading>(
        &self,
        what: &str,
        expected: Expected,
        mut read: Read,
    ) where
        Found: PartialEq<Expected> + std::fmt::Debug,
        Expected: std::fmt::Debug,
        Read: FnMut() -> Reading,
        Reading: std::future::Future<Output = Found>,
    {
        let expected = &expected;
        self.wait_until(|| {
            let reading = read();
            async move {
                let found = reading.await;
                if found == *expected {
                    Ok(())
                } else {
                    Err(format!("{what} shows {found:?}, expected {expected:?}"))
                }
            }
        })
        .await
    }

    /// Waits until some element matching `css` has a text containing `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str) {
        self.wait_until(|| async {
            let texts = self.texts(css).await;
            if texts.iter().any(|found| found.contains(text)) {
                Ok(())
            } else {
                Err(format!(
                    "{css:?} never showed {text:?} (it shows {texts:?})"
                ))
            }
        })
        .await
    }

    /// Waits until no element matches `css`.
    pub async fn wait_gone(&self, css: &str) {
        self.wait_until(|| async {
            match self.client.find(Locator::Css(css)).await {
                Ok(_) => Err(format!("{css:?} never went away")),
                Err(_) => Ok(()),
            }
        })
        .await
    }

    /// Signs in through the login page and waits for the Flow page.
    pub async fn sign_in(&self, server: &AppServer, username: &str, password: &str) {
        self.sign_in_at(&server.base, username, password).await;
    }

    /// Switches the flow list to Russian with its language picker and waits for it to speak
    /// Russian.
    pub async fn switch_to_russian(&self) {
        self.find("select.language")
            .await
            .select_by_value("ru")
            .await
            .unwrap();
        self.wait_for_text(".page-header h1", "Схемы").await;
    }

    /// Signs in through the login page served at `base` (our server, or a double in front of
    /// it) and waits for the Flow page.
    pub async fn sign_in_at(&self, base: &str, username: &str, password: &str) {
        self.client.goto(&format!("{base}/login")).await.unwrap();
        self.type_into("input[name=username]", username).await;
        self.type_into("input[name=password]", password).await;
        let domain = self.find("input[name=domain]").await;
        domain.clear().await.unwrap();
        domain.send_keys("main").await.unwrap();
        self.find("button[type=submit]")
            .await
            .click()
            .await
            .unwrap();
        self.wait_for_text(".page-header .user", username).await;
    }

    /// A press of the left button at `from`, moved to `to` and released there (a click when
    /// they are the same), with the key `held` (a WebDriver key) down all along.
    pub async fn press(&self, from: (f64, f64), to: (f64, f64), held: Option<char>) {
        use fantoccini::actions::{
            Actions, InputSource, KeyAction, KeyActions, MouseActions, PointerAction,
            MOUSE_BUTTON_LEFT,
        };
        let tick = std::time::Duration::from_millis(50);
        let mut keys = KeyActions::new("keys".to_owned()).then(match held {
            Some(value) => KeyAction::Down { value },
            None => KeyAction::Pause { duration: tick },
        });
        for _ in 0..4 {
            keys = keys.then(KeyAction::Pause { duration: tick });
        }
        let keys = keys.then(match held {
            Some(value) => KeyAction::Up { value },
            None => KeyAction::Pause { duration: tick },
        });
        let mouse = MouseActions::new("mouse".to_owned())
            .then(PointerAction::MoveTo {
                duration: None,
                x: from.0,
                y: from.1,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::MoveTo {
                duration: Some(std::time::Duration::from_millis(150)),
                x: to.0,
                y: to.1,
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::Pause { duration: tick });
        self.client
            .perform_actions(Actions::from(keys).and(mouse))
            .await
            .unwrap();
    }

    /// Where on the page the diagram step whose text starts with `title` (as the canvas's
    /// screen-reader list tells it) is drawn, its centre; and the canvas's zoom.
    pub async fn step_place(&self, title: &str) -> (f64, f64, f64) {
        let place = self
            .client
            .execute(
                "const [title] = arguments;
                 const item = Array.from(document.querySelectorAll('.canvas-area ul.visually-hidden li'))
                   .find(li => li.textContent.startsWith(title));
                 const canvas = document.querySelector('.canvas-area canvas');
                 const [x, y, zoom] = canvas.dataset.view.split(' ').map(Number);
                 const box = canvas.getBoundingClientRect();
                 return [box.left + (Number(item.dataset.x) - x) * zoom,
                         box.top + (Number(item.dataset.y) - y) * zoom, zoom];",
                vec![serde_json::json!(title)],
            )
            .await
            .unwrap();
        let number = |at: usize| place[at].as_f64().expect("a number");
        (number(0), number(1), number(2))
    }

    /// Moves the mouse to `at` (page coordinates), no button down.
    pub async fn hover(&self, at: (f64, f64)) {
        use fantoccini::actions::{InputSource, MouseActions, PointerAction};
        let mouse = MouseActions::new("mouse".to_owned()).then(PointerAction::MoveTo {
            duration: None,
            x: at.0,
            y: at.1,
        });
        self.client.perform_actions(mouse).await.unwrap();
    }

    /// Clicks the first element matching `css`.
    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|error| panic!("cannot click {css:?}: {error}"));
    }

    /// Clicks the button whose text contains `text`, among those matching `css`.
    pub async fn click_button(&self, css: &str, text: &str) {
        self.wait_until(|| async {
            for button in self.client.find_all(Locator::Css(css)).await.unwrap() {
                if button.text().await.is_ok_and(|found| found.contains(text)) {
                    button.click().await.map_err(|error| error.to_string())?;
                    return Ok(());
                }
            }
            Err(format!("no {css:?} reading {text:?}"))
        })
        .await
    }

    /// The texts of every element matching `css`.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut texts = Vec::new();
        for element in self.client.find_all(Locator::Css(css)).await.unwrap() {
            texts.push(element.text().await.unwrap_or_default());
        }
        texts
    }

    /// The path and query of the page shown.
    pub async fn location(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// Waits until the page's path and query are `expected`.
    pub async fn wait_for_location(&self, expected: &str) {
        self.wait_for_value("the page's location", expected, || self.location())
            .await
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        self.find(css).await.send_keys(text).await.expect("typing");
    }

    /// Opens the flow `flow` (as the API returned it) in its `editor` (`code` or `diagram`) and
    /// waits for the editor to be there.
    pub async fn open_editor(&self, server: &AppServer, flow: &serde_json::Value, editor: &str) {
        let id = flow["id"].as_str().expect("a stored flow");
        self.client
            .goto(&format!("{}/flows/{id}/{editor}", server.base))
            .await
            .unwrap();
        self.find(if editor == "code" {
            ".cm-content"
        } else {
            "canvas"
        })
        .await;
    }

    /// The text of the code editor, line by line as it shows them (all of a short text).
    pub async fn editor_text(&self) -> String {
        self.find(".cm-content").await;
        let text = self
            .client
            .execute(
                "return Array.from(document.querySelectorAll('.cm-content .cm-line'))\
                 .map(line => line.textContent).join('\\n');",
                vec![],
            )
            .await
            .expect("the editor's text");
        text.as_str().unwrap_or_default().to_owned()
    }

    /// Types `keys` into the code editor where its cursor is.
    pub async fn type_in_editor(&self, keys: &str) {
        self.find(".cm-content")
            .await
            .send_keys(keys)
            .await
            .expect("typing in the editor");
    }

    /// Replaces everything in the code editor with `text`, as a paste would.
    pub async fn replace_editor_text(&self, text: &str) {
        let content = self.find(".cm-content").await;
        content.click().await.expect("focus the editor");
        content
            .send_keys(&format!(
                "{}a{}",
                fantoccini::key::Key::Control,
                fantoccini::key::Key::Null
            ))
            .await
            .expect("select all");
        self.client
            .execute(
                "document.execCommand('insertText', false, arguments[0]);",
                vec![serde_json::Value::from(text)],
            )
            .await
            .expect("insert the text");
    }

    /// Saves a screenshot for a person to look at.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("screenshot");
        let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
        std::fs::create_dir_all(&folder).expect("screenshot folder");
        std::fs::write(folder.join(format!("{name}.png")), png).expect("screenshot written");
    }

    /// Ends the session; fails if its pages raised errors nobody caught.
    pub async fn close(mut self) {
        let errors = self.page_errors(false).await;
        self.errors_checked = true;
        let _ = self.client.clone().close().await;
        assert!(errors.is_empty(), "{}", page_errors_report(&errors));
    }
}

/// What a scenario fails with when its pages raised errors.
fn page_errors_report(errors: &[String]) -> String {
    format!(
        "the page raised {} error(s) that nothing caught:\n{}",
        errors.len(),
        errors.join("\n---\n")
    )
}

impl Drop for Browser {
    /// ChromeDriver and every Chromium process it started go, however the test ended. A
    /// scenario that ended without [`Browser::close`] (and is not failing already) still fails
    /// on its pages' uncaught errors, where the runtime allows waiting here.
    fn drop(&mut self) {
        let mut errors = Vec::new();
        if !self.errors_checked && !std::thread::panicking() {
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                if runtime.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread {
                    errors =
                        tokio::task::block_in_place(|| runtime.block_on(self.page_errors(false)));
                }
            }
        }
        let group = format!("-{}", self.driver.id());
        let _ = std::process::Command::new("kill")
            .args(["-KILL", "--", &group])
            .status();
        let _ = self.driver.wait();
        assert!(errors.is_empty(), "{}", page_errors_report(&errors));
    }
}

// What the browser scenarios share.

/// A browser signed in as the first admin, on the Flow page.
pub async fn signed_in(server: &AppServer) -> Browser {
    let browser = Browser::start().await;
    browser.sign_in(server, "admin", ADMIN_PASSWORD).await;
    browser
}

/// A server with one stored flow, and an admin's browser showing it in its editor.
pub struct OneFlow {
    pub server: AppServer,
    pub token: String,
    /// The flow as the API returned it.
    pub flow: serde_json::Value,
    pub browser: Browser,
}

/// Stores the flow `body` (a create body) and opens it in `editor` (`code` or `diagram`) as the
/// first admin.
pub async fn one_flow(body: serde_json::Value, editor: &str) -> OneFlow {
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let flow = server.create_flow(&token, body).await;
    let browser = signed_in(&server).await;
    browser.open_editor(&server, &flow, editor).await;
    OneFlow {
        server,
        token,
        flow,
        browser,
    }
}

/// The texts of every element `css` finds that have no Cyrillic letter: what a page in Russian
/// left in another language.
pub async fn without_cyrillic(browser: &Browser, css: &str) -> Vec<String> {
    let found = browser
        .client
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0]))
               .map(element => element.textContent.trim())
               .filter(text => text !== '' && !/[а-яё]/i.test(text));",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

/// The names in the registry table, top to bottom.
pub async fn row_names(browser: &Browser) -> Vec<String> {
    browser.texts("table.flows td.name").await
}

/// Waits until the table shows exactly `expected`, top to bottom.
pub async fn wait_for_rows(browser: &Browser, expected: &[&str]) {
    browser
        .wait_for_value("the table", expected, || row_names(browser))
        .await
}

/// Creates a flow as a user does: Add, the editor (`Diagram` or `Code`) and the type in the
/// "Create new flow" modal, Create; waits for the editor's page.
pub async fn create_through_the_add_modal(browser: &Browser, editor: &str, kind: &str) {
    open_the_add_modal(browser, editor, kind).await;
    browser.click(".modal button.primary").await;
    browser
        .wait_for_location(&format!("/flows/new/{}?type={kind}", editor.to_lowercase()))
        .await;
}

/// Opens "Create new flow" from the registry and chooses the `editor` ("Diagram", "Code")
/// and the flow type `kind`, leaving the modal open.
pub async fn open_the_add_modal(browser: &Browser, editor: &str, kind: &str) {
    browser.click_button(".page-header button", "Add").await;
    browser.click_button(".modal .choice", editor).await;
    browser
        .find(".modal select[name=type]")
        .await
        .select_by_value(kind)
        .await
        .unwrap();
}

/// The flow named `name` as the API stores it (id, schema, payload, type, editor, tags,
/// description).
pub async fn stored_flow(server: &AppServer, token: &str, name: &str) -> serde_json::Value {
    let path = format!(
        "{}?name={}&fields=id&fields=schema&fields=payload&fields=type&fields=editor&fields=tags&fields=description",
        SEARCH_FLOWS.path,
        name.replace(' ', "%20")
    );
    let (_, body) = server.api(token, reqwest::Method::GET, &path, None).await;
    body["items"][0].clone()
}

/// Waits for a downloaded file and returns its text.
pub async fn downloaded(browser: &Browser, file_name: &str) -> String {
    let path = browser.downloads.path().join(file_name);
    for _ in 0..100 {
        if let Ok(text) = std::fs::read_to_string(&path) {
            if !text.is_empty() {
                return text;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{file_name} was never downloaded");
}
