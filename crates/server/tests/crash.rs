//! The server process's life: a graceful stop on SIGTERM finishes requests in flight; and crash
//! safety on SQLite: the real server binary is killed with SIGKILL while clients write as
//! fast as they can. After a restart on the same file, every write that was acknowledged with a
//! 200 must be there exactly as the 200 returned it. Writes in flight at the kill may or may not
//! have landed; when they did, they must have landed whole.

use flow_model::contract::{
    ACCESS_HEADER, CREATE_FLOW, CREATE_USER, HEALTH, LOGIN, READ_FLOW, REPLACE_FLOW, SEARCH_FLOWS,
};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::Path;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const PASSWORD: &str = "crash-test-password";
/// Clients writing side by side.
const WRITERS: usize = 4;
/// The kill comes after this many acknowledged writes, or after `WRITE_FOR`, whichever is first.
const ENOUGH_WRITES: usize = 500;
const WRITE_FOR: Duration = Duration::from_secs(2);
const TYPES: [&str; 4] = ["voice", "chat", "processing", "service"];

/// The server binary running as a child process; killed when dropped.
struct ServerProcess {
    child: Child,
    base: String,
    /// Everything it has written to its standard output and error so far.
    output: Arc<std::sync::Mutex<String>>,
}

impl ServerProcess {
    /// Starts the server on a free loopback port and waits until it answers.
    async fn start(database: &Path) -> Self {
        Self::start_logging(database, "warn").await
    }

    /// [`ServerProcess::start`], logging at `level`.
    async fn start_logging(database: &Path, level: &str) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_flow-studio-server"))
            .arg("--database-url")
            .arg(format!("sqlite://{}", database.display()))
            .args(["--admin-password", PASSWORD])
            .args(["--bind", "127.0.0.1:0", "--log-level", level])
            .args(["--static-dir", "/nonexistent"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the server binary starts");
        let output = Arc::new(std::sync::Mutex::new(String::new()));
        let mut errors = BufReader::new(child.stderr.take().expect("stderr")).lines();
        let kept = output.clone();
        tokio::spawn(async move {
            while let Ok(Some(line)) = errors.next_line().await {
                kept.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        // It prints "Flow Studio is running at http://127.0.0.1:<port>" once it listens.
        let kept = output.clone();
        let base = tokio::time::timeout(Duration::from_secs(30), async {
            while let Some(line) = lines.next_line().await.expect("server output") {
                kept.lock().unwrap().push_str(&format!("{line}\n"));
                if let Some(url) = line
                    .split_whitespace()
                    .find(|word| word.starts_with("http://"))
                {
                    return url.to_owned();
                }
            }
            panic!("the server exited before it listened");
        })
        .await
        .expect("the server listens within 30 s");
        // Keep reading its output, so that it never blocks on a full pipe.
        let kept = output.clone();
        tokio::spawn(async move {
            while let Ok(Some(line)) = lines.next_line().await {
                kept.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let health = reqwest::get(format!("{base}{}", HEALTH.served_path))
            .await
            .expect("health check");
        assert_eq!(health.status(), StatusCode::OK);
        Self {
            child,
            base,
            output,
        }
    }

    async fn sign_in(&self) -> Client {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .expect("client");
        let reply = http
            .post(format!("{}{}", self.base, LOGIN.served_path))
            .json(&json!({"username": "admin", "password": PASSWORD, "domain": "main"}))
            .send()
            .await
            .expect("login sent");
        assert_eq!(reply.status(), StatusCode::OK);
        let body: Value = reply.json().await.expect("login body");
        Client {
            http,
            base: self.base.clone(),
            token: body["access_token"].as_str().expect("token").to_owned(),
        }
    }

    /// SIGTERM, then waits for the process to end; its exit status.
    async fn terminate(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().expect("running").to_string();
        let sent = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status();
        assert!(sent.expect("kill runs").success());
        tokio::time::timeout(Duration::from_secs(15), self.child.wait())
            .await
            .expect("the server stops within 15 s")
            .expect("exit status")
    }

    /// SIGKILL: no shutdown, no flushing, no goodbye.
    async fn kill(mut self) {
        self.child.kill().await.expect("kill -9");
    }
}

#[derive(Clone)]
struct Client {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Client {
    /// Status and body text, or `None` when the server did not answer in full.
    async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        if_match: Option<String>,
    ) -> Option<(StatusCode, String)> {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header(ACCESS_HEADER, &self.token);
        if let Some(body) = body {
            request = request.json(body);
        }
        if let Some(tag) = if_match {
            request = request.header("If-Match", tag);
        }
        let response = request.send().await.ok()?;
        let status = response.status();
        Some((status, response.text().await.ok()?))
    }

    /// The body text of a GET that must succeed.
    async fn read(&self, path: &str) -> String {
        let (status, text) = self.call(Method::GET, path, None, None).await.expect(path);
        assert_eq!(status, StatusCode::OK, "{path}: {text}");
        text
    }

    async fn get(&self, path: &str) -> Value {
        serde_json::from_str(&self.read(path).await).expect("JSON")
    }
}

/// A write that was sent: a create (no id yet) or a PUT of an existing flow.
#[derive(Clone, Debug)]
struct Write {
    id: Option<String>,
    body: Value,
}

/// What one writer saw.
#[derive(Default)]
struct WriterLog {
    /// Each flow's entity as its last acknowledged write returned it, as text.
    acknowledged: HashMap<String, String>,
    /// The write that got no answer because of the kill.
    in_flight: Option<Write>,
    /// Anything but a 200 before the kill.
    failures: Vec<String>,
}

/// Distinct content for each write; a float, nesting and non-ASCII text to stress the round trip.
fn content(writer: usize, step: usize) -> Value {
    json!({
        "name": format!("Writer {writer} – step {step}"),
        "description": format!("written by client {writer} at step {step}"),
        "type": TYPES[step % TYPES.len()],
        "editor": true,
        "schema": [
            {"log": format!("writer {writer} step {step}")},
            {"set": {"step": step, "ratio": step as f64 / 7.0, "list": [writer, step]}},
        ],
        "payload": {"nodes": [{"id": step, "label": format!("ñode {step}")}], "zoom": 1.25},
        "debug": step % 2 == 1,
        "tags": [{"name": format!("writer-{writer}")}, {"name": format!("step-{}", step % 5)}],
    })
}

/// Creates and updates flows of its own (so its last acknowledged state of each is the stored
/// one) until the kill makes a request fail.
async fn writer(
    client: Client,
    number: usize,
    killing: Arc<AtomicBool>,
    acked: Arc<AtomicUsize>,
) -> WriterLog {
    let mut log = WriterLog::default();
    let mut ids: Vec<String> = Vec::new();
    for step in 0.. {
        if killing.load(Ordering::SeqCst) {
            break;
        }
        // One create in three, and each PUT on the next of the flows made so far.
        let write = Write {
            id: (step % 3 != 2 && !ids.is_empty()).then(|| ids[step % ids.len()].clone()),
            body: content(number, step),
        };
        let (method, path, if_match) = match &write.id {
            None => (Method::POST, CREATE_FLOW.served_path.to_owned(), None),
            Some(id) => {
                let last: Value = serde_json::from_str(&log.acknowledged[id]).expect("JSON");
                let tag = format!("\"{}\"", last["updated_at"].as_str().expect("updated_at"));
                (Method::PUT, REPLACE_FLOW.served_path_for(id), Some(tag))
            }
        };
        log.in_flight = Some(write.clone());
        match client
            .call(method, &path, Some(&write.body), if_match)
            .await
        {
            Some((StatusCode::OK, text)) => {
                let entity: Value = serde_json::from_str(&text).expect("JSON");
                let id = entity["id"].as_str().expect("id").to_owned();
                if write.id.is_none() {
                    ids.push(id.clone());
                }
                log.acknowledged.insert(id, text);
                log.in_flight = None;
                acked.fetch_add(1, Ordering::SeqCst);
            }
            Some((status, text)) => {
                log.failures.push(format!("{path}: {status} {text}"));
                break;
            }
            None if killing.load(Ordering::SeqCst) => break,
            None => {
                log.failures
                    .push(format!("{path}: no answer before the kill"));
                break;
            }
        }
    }
    log
}

/// The fields a write sets, as stored text, to compare a flow with what was sent.
fn written_fields(flow: &Value) -> Vec<String> {
    [
        "name",
        "description",
        "type",
        "schema",
        "payload",
        "debug",
        "tags",
    ]
    .iter()
    .map(|field| flow[field].to_string())
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_kill_9() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let database = folder.path().join("flows.db");
    let server = ServerProcess::start(&database).await;
    let client = server.sign_in().await;

    let killing = Arc::new(AtomicBool::new(false));
    let acked = Arc::new(AtomicUsize::new(0));
    let writers: Vec<_> = (0..WRITERS)
        .map(|number| {
            tokio::spawn(writer(
                client.clone(),
                number,
                killing.clone(),
                acked.clone(),
            ))
        })
        .collect();
    let started = Instant::now();
    while acked.load(Ordering::SeqCst) < ENOUGH_WRITES && started.elapsed() < WRITE_FOR {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // Raised before the kill, so that a writer seeing its request fail knows why.
    killing.store(true, Ordering::SeqCst);
    server.kill().await;
    let mut logs = Vec::new();
    for task in writers {
        logs.push(task.await.expect("writer"));
    }
    let failures: Vec<&String> = logs.iter().flat_map(|log| &log.failures).collect();
    assert!(
        failures.is_empty(),
        "writes refused before the kill: {failures:?}"
    );
    let acked = acked.load(Ordering::SeqCst);
    assert!(
        acked >= 50,
        "only {acked} writes were acknowledged before the kill"
    );
    eprintln!(
        "{acked} writes acknowledged in {:?} before the kill, {} in flight",
        started.elapsed(),
        logs.iter().filter(|log| log.in_flight.is_some()).count()
    );

    let server = ServerProcess::start(&database).await;
    let client = server.sign_in().await;
    let listed = client
        .get(&format!(
            "{}?size=20000&fields=id&fields=name",
            SEARCH_FLOWS.served_path
        ))
        .await;
    let mut stored: HashMap<&str, &str> = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| (item["id"].as_str().unwrap(), item["name"].as_str().unwrap()))
        .collect();
    for log in &logs {
        let in_flight = log.in_flight.as_ref();
        for (id, acknowledged) in &log.acknowledged {
            assert!(
                stored.remove(id.as_str()).is_some(),
                "acknowledged flow {id} is missing"
            );
            let now = client.read(&READ_FLOW.served_path_for(id)).await;
            let landed_in_flight = in_flight.is_some_and(|write| {
                let now: Value = serde_json::from_str(&now).expect("JSON");
                write.id.as_ref() == Some(id) && written_fields(&now) == written_fields(&write.body)
            });
            assert!(
                now == *acknowledged || landed_in_flight,
                "flow {id} is not as acknowledged:\n  acknowledged {acknowledged}\n  stored       {now}"
            );
        }
    }
    // Left over: at most the creates in flight at the kill, each whole.
    for (id, name) in stored {
        let create = logs
            .iter()
            .filter_map(|log| log.in_flight.as_ref())
            .find(|write| write.id.is_none() && write.body["name"] == name)
            .unwrap_or_else(|| panic!("flow {id} ({name}) was never written"));
        let now = client.get(&READ_FLOW.served_path_for(id)).await;
        assert_eq!(written_fields(&now), written_fields(&create.body));
    }
    server.kill().await;
    let check = sqlite_integrity(&database).await;
    assert_eq!(check, "ok");
}

async fn sqlite_integrity(database: &Path) -> String {
    use sqlx::{Connection, Row};
    let mut connection =
        sqlx::SqliteConnection::connect(&format!("sqlite://{}", database.display()))
            .await
            .expect("open the database file");
    sqlx::query("PRAGMA integrity_check")
        .fetch_one(&mut connection)
        .await
        .expect("integrity check")
        .get(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_requests_in_flight_then_exits() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let folder = tempfile::tempdir().expect("temporary folder");
    let server = ServerProcess::start(&folder.path().join("flows.db")).await;
    let client = server.sign_in().await;
    let address = server.base.trim_start_matches("http://").to_owned();

    // A create whose body is still arriving when the stop signal comes.
    let body = json!({"name": "Sent during shutdown", "schema": [{"answer": ""}]}).to_string();
    let (first, rest) = body.split_at(body.len() / 2);
    let mut stream = tokio::net::TcpStream::connect(&address)
        .await
        .expect("connect");
    let head = format!(
        "{} {} HTTP/1.1\r\nHost: {address}\r\n{ACCESS_HEADER}: {}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{first}",
        CREATE_FLOW.method,
        CREATE_FLOW.served_path,
        client.token,
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .await
        .expect("request head");
    tokio::time::sleep(Duration::from_millis(300)).await;

    let stopping = tokio::spawn(server.terminate());
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        tokio::net::TcpStream::connect(&address).await.is_err(),
        "a stopping server takes no new connections"
    );
    stream
        .write_all(rest.as_bytes())
        .await
        .expect("rest of the body");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).await.expect("reply");
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.contains("Sent during shutdown"), "{reply}");

    let status = stopping.await.expect("stop task");
    assert!(status.success(), "a graceful stop exits 0: {status}");

    // And the write is there after a restart.
    let restarted = ServerProcess::start(&folder.path().join("flows.db")).await;
    let client = restarted.sign_in().await;
    let found = client
        .get(&format!(
            "{}?name=Sent%20during%20shutdown",
            SEARCH_FLOWS.served_path
        ))
        .await;
    assert_eq!(found["items"].as_array().map(Vec::len), Some(1), "{found}");
    restarted.kill().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn passwords_never_reach_the_log_even_at_trace_level() {
    const WRONG: &str = "Wrong-guess-5150";
    const NEW_USER: &str = "Frank-secret-2024";
    let folder = tempfile::tempdir().expect("temporary folder");
    let server = ServerProcess::start_logging(&folder.path().join("flows.db"), "trace").await;
    let admin = server.sign_in().await;
    let login = |username: &str, password: &str| {
        admin
            .http
            .post(format!("{}{}", server.base, LOGIN.served_path))
            .json(&json!({"username": username, "password": password, "domain": "main"}))
            .send()
    };
    assert_eq!(
        login("admin", WRONG).await.expect("sent").status(),
        StatusCode::UNAUTHORIZED
    );
    let created = admin
        .call(
            Method::POST,
            CREATE_USER.served_path,
            Some(&json!({"username": "frank", "password": NEW_USER, "role": "editor"})),
            None,
        )
        .await;
    assert_eq!(created.map(|(status, _)| status), Some(StatusCode::OK));
    assert_eq!(
        login("frank", NEW_USER).await.expect("sent").status(),
        StatusCode::OK
    );
    let output = server.output.clone();
    assert!(server.terminate().await.success());
    let log = output.lock().unwrap().clone();
    assert!(log.contains("login refused"), "the log is written: {log}");
    assert!(
        log.contains(CREATE_USER.served_path),
        "requests are traced: {log}"
    );
    for secret in [PASSWORD, WRONG, NEW_USER] {
        assert!(!log.contains(secret), "{secret:?} is in the log");
    }
}
