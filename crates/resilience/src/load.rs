//! The workload: connections each owning their flows, doing a realistic mix (70% search, 20%
//! read, 8% update with If-Match, 2% create or delete), and a ledger of every write the server
//! acknowledged, checked afterwards flow by flow.

use flow_model::contract::{
    Operation, ACCESS_HEADER, CREATE_FLOW, DELETE_FLOW, PATCH_FLOW, READ_FLOW, SEARCH_FLOWS,
};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long an answer may take before the request counts as hung.
const ANSWER_WITHIN: Duration = Duration::from_secs(10);

/// A flow a connection owns, as the server last acknowledged it.
#[derive(Clone, Debug)]
struct Known {
    id: String,
    name: String,
    /// The text of the flow's one `log` step: what every update changes.
    mark: String,
    etag: String,
    /// A write sent but not answered (a fault cut it): it may or may not have landed.
    pending: Option<Pending>,
}

#[derive(Clone, Debug)]
enum Pending {
    Update(String),
    Delete,
}

/// Everything the connections learnt, for the report and the check.
#[derive(Default)]
pub struct Ledger {
    live: Vec<Known>,
    deleted: Vec<String>,
    /// Creates sent but not answered: (name, mark).
    unanswered_creates: Vec<(String, String)>,
    pub counts: Counts,
    pub latencies_ms: Vec<f64>,
    /// Answers that must never happen (a 4xx/5xx other than 503, a content mismatch).
    pub errors: Vec<String>,
}

#[derive(Default, Clone, Copy, Debug)]
pub struct Counts {
    pub requests: u64,
    pub acknowledged_writes: u64,
    /// 503 answers: the database was away.
    pub unavailable: u64,
    /// No answer: the server was away (killed, restarting).
    pub unanswered: u64,
    /// No answer within ten seconds.
    pub hung: u64,
}

/// What happened to one request.
enum Answer {
    Ok(Value, Option<String>),
    Status(StatusCode, Value),
    Unavailable,
    Unanswered,
    Hung,
}

struct Connection {
    http: reqwest::Client,
    base: String,
    token: String,
    worker: usize,
    seed: u64,
    sequence: u64,
    own: Vec<Known>,
    deleted: Vec<String>,
    unanswered_creates: Vec<(String, String)>,
    counts: Counts,
    latencies_ms: Vec<f64>,
    errors: Vec<String>,
}

impl Connection {
    fn random(&mut self, below: u64) -> u64 {
        // xorshift: enough spread for choosing operations, and reproducible.
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        self.seed % below.max(1)
    }

    /// Sends `operation` at `path` (its own, or the one for a flow).
    async fn send(
        &mut self,
        operation: Operation,
        path: &str,
        body: Option<Value>,
        if_match: Option<&str>,
    ) -> Answer {
        self.counts.requests += 1;
        let method = Method::from_bytes(operation.method.as_str().as_bytes())
            .expect("the contract's methods are HTTP methods");
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header(ACCESS_HEADER, &self.token)
            .timeout(ANSWER_WITHIN);
        if let Some(body) = body {
            request = request.json(&body);
        }
        if let Some(etag) = if_match {
            request = request.header("If-Match", etag);
        }
        let started = Instant::now();
        let reply = match request.send().await {
            Ok(reply) => reply,
            Err(error) if error.is_timeout() => {
                self.counts.hung += 1;
                return Answer::Hung;
            }
            Err(_) => {
                self.counts.unanswered += 1;
                return Answer::Unanswered;
            }
        };
        let status = reply.status();
        let etag = reply
            .headers()
            .get("etag")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let body = match reply.bytes().await {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            Err(error) if error.is_timeout() => {
                self.counts.hung += 1;
                return Answer::Hung;
            }
            Err(_) => {
                self.counts.unanswered += 1;
                return Answer::Unanswered;
            }
        };
        self.latencies_ms
            .push(started.elapsed().as_secs_f64() * 1000.0);
        if status.is_success() {
            Answer::Ok(body, etag)
        } else if status == StatusCode::SERVICE_UNAVAILABLE {
            self.counts.unavailable += 1;
            Answer::Unavailable
        } else {
            Answer::Status(status, body)
        }
    }

    fn unexpected(&mut self, what: &str, status: StatusCode, body: &Value) {
        self.errors.push(format!("{what}: {status} {body}"));
    }

    fn mark(&mut self) -> String {
        self.sequence += 1;
        format!("w{}-{}", self.worker, self.sequence)
    }

    async fn create(&mut self) {
        let mark = self.mark();
        let name = format!("Load {mark}");
        let body = json!({"name": name, "type": "voice", "schema": [{"log": mark}]});
        match self
            .send(CREATE_FLOW, CREATE_FLOW.served_path, Some(body), None)
            .await
        {
            Answer::Ok(flow, _) => {
                self.counts.acknowledged_writes += 1;
                self.own.push(Known {
                    id: flow["id"].as_str().unwrap_or_default().to_owned(),
                    etag: format!("\"{}\"", flow["updated_at"].as_str().unwrap_or_default()),
                    name,
                    mark,
                    pending: None,
                });
            }
            Answer::Status(status, body) => self.unexpected("create", status, &body),
            _ => self.unanswered_creates.push((name, mark)),
        }
    }

    /// A flow this connection owns, re-read first when its last write went unanswered.
    async fn pick(&mut self) -> Option<usize> {
        if self.own.is_empty() {
            return None;
        }
        let at = self.random(self.own.len() as u64) as usize;
        if self.own[at].pending.is_some() {
            let id = self.own[at].id.clone();
            match self
                .send(READ_FLOW, &READ_FLOW.served_path_for(id), None, None)
                .await
            {
                Answer::Ok(flow, etag) => {
                    let known = &mut self.own[at];
                    known.mark = flow["schema"][0]["log"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned();
                    known.etag = etag.unwrap_or_default();
                    known.pending = None;
                }
                Answer::Status(StatusCode::NOT_FOUND, _) => {
                    // The unanswered delete landed.
                    let gone = self.own.remove(at);
                    self.deleted.push(gone.id);
                    return None;
                }
                _ => return None,
            }
        }
        Some(at)
    }

    async fn read(&mut self) {
        let Some(at) = self.pick().await else { return };
        let known = self.own[at].clone();
        match self
            .send(READ_FLOW, &READ_FLOW.served_path_for(&known.id), None, None)
            .await
        {
            // What this connection wrote last must be what it reads.
            Answer::Ok(flow, _)
                if flow["name"] != known.name || flow["schema"][0]["log"] != known.mark =>
            {
                self.errors.push(format!(
                    "read {}: expected {} / {}, got {flow}",
                    known.id, known.name, known.mark
                ));
            }
            Answer::Status(status, body) => self.unexpected("read", status, &body),
            _ => {}
        }
    }

    async fn update(&mut self) {
        let Some(at) = self.pick().await else { return };
        let mark = self.mark();
        let known = self.own[at].clone();
        self.own[at].pending = Some(Pending::Update(mark.clone()));
        let body = json!({"schema": [{"log": mark}]});
        let path = PATCH_FLOW.served_path_for(&known.id);
        match self
            .send(PATCH_FLOW, &path, Some(body), Some(&known.etag))
            .await
        {
            Answer::Ok(flow, etag) => {
                self.counts.acknowledged_writes += 1;
                let known = &mut self.own[at];
                known.mark = mark;
                known.etag = etag.unwrap_or_else(|| {
                    format!("\"{}\"", flow["updated_at"].as_str().unwrap_or_default())
                });
                known.pending = None;
            }
            Answer::Status(status, body) => {
                self.own[at].pending = None;
                self.unexpected("update", status, &body);
            }
            Answer::Unavailable => self.own[at].pending = None,
            _ => {}
        }
    }

    async fn delete(&mut self) {
        let Some(at) = self.pick().await else { return };
        let id = self.own[at].id.clone();
        self.own[at].pending = Some(Pending::Delete);
        match self
            .send(DELETE_FLOW, &DELETE_FLOW.served_path_for(&id), None, None)
            .await
        {
            Answer::Ok(..) => {
                self.counts.acknowledged_writes += 1;
                self.own.remove(at);
                self.deleted.push(id);
            }
            Answer::Status(status, body) => {
                self.own[at].pending = None;
                self.unexpected("delete", status, &body);
            }
            Answer::Unavailable => self.own[at].pending = None,
            _ => {}
        }
    }

    async fn search(&mut self) {
        let page = 1 + self.random(3);
        let path = format!(
            "{}?q=Load%20w{}*&size=20&page={page}&sort=%2Bname",
            SEARCH_FLOWS.served_path,
            self.random(64)
        );
        if let Answer::Status(status, body) = self.send(SEARCH_FLOWS, &path, None, None).await {
            self.unexpected("search", status, &body);
        }
    }

    /// One operation of the mix.
    async fn step(&mut self) {
        match self.random(100) {
            0..70 => self.search().await,
            70..90 => self.read().await,
            90..98 => self.update().await,
            _ if self.own.len() < 3 || self.random(2) == 0 => self.create().await,
            _ => self.delete().await,
        }
    }
}

/// Runs `connections` connections against `base` until `until`, each first creating a few
/// flows of its own; merges what they learnt.
pub async fn run(base: &str, token: &str, connections: usize, until: Instant) -> Ledger {
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let tasks: Vec<_> = (0..connections)
        .map(|worker| {
            let ledger = ledger.clone();
            let mut connection = Connection {
                http: reqwest::Client::new(),
                base: base.to_owned(),
                token: token.to_owned(),
                worker,
                seed: 0x9E37_79B9_7F4A_7C15
                    ^ (worker as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D),
                sequence: 0,
                own: Vec::new(),
                deleted: Vec::new(),
                unanswered_creates: Vec::new(),
                counts: Counts::default(),
                latencies_ms: Vec::new(),
                errors: Vec::new(),
            };
            tokio::spawn(async move {
                for _ in 0..3 {
                    connection.create().await;
                }
                while Instant::now() < until {
                    connection.step().await;
                    if connection.counts.unanswered > 0 {
                        // The server is away: do not spin while it comes back.
                        tokio::time::sleep(Duration::from_millis(5)).await;
                    }
                }
                let mut ledger = ledger.lock().expect("ledger");
                ledger.live.extend(connection.own);
                ledger.deleted.extend(connection.deleted);
                ledger
                    .unanswered_creates
                    .extend(connection.unanswered_creates);
                ledger.latencies_ms.extend(connection.latencies_ms);
                ledger.errors.extend(connection.errors);
                let counts = &mut ledger.counts;
                counts.requests += connection.counts.requests;
                counts.acknowledged_writes += connection.counts.acknowledged_writes;
                counts.unavailable += connection.counts.unavailable;
                counts.unanswered += connection.counts.unanswered;
                counts.hung += connection.counts.hung;
            })
        })
        .collect();
    for task in tasks {
        let _ = task.await;
    }
    Arc::try_unwrap(ledger)
        .ok()
        .expect("every connection has finished")
        .into_inner()
        .expect("ledger")
}

/// Checks every acknowledged write against what the server now holds: a live flow has its
/// last acknowledged content (or the one in flight when a fault cut the answer), a deleted one
/// is gone, an unanswered create is there at most once and whole. The problems found.
pub async fn verify(base: &str, token: &str, ledger: &Ledger) -> (usize, Vec<String>) {
    let http = reqwest::Client::new();
    let get = |path: String| {
        http.get(format!("{base}{path}"))
            .header(ACCESS_HEADER, token)
            .timeout(ANSWER_WITHIN)
            .send()
    };
    let mut problems = Vec::new();
    let mut checked = 0;
    for known in &ledger.live {
        checked += 1;
        let Ok(reply) = get(READ_FLOW.served_path_for(&known.id)).await else {
            problems.push(format!("{}: no answer", known.id));
            continue;
        };
        let status = reply.status();
        let flow: Value = reply.json().await.unwrap_or(Value::Null);
        let mark = flow["schema"][0]["log"].as_str().unwrap_or_default();
        let fits = match &known.pending {
            _ if status == StatusCode::NOT_FOUND => matches!(known.pending, Some(Pending::Delete)),
            Some(Pending::Update(next)) => mark == known.mark || mark == next,
            _ => mark == known.mark,
        };
        if !fits || (status.is_success() && flow["name"] != known.name) {
            problems.push(format!(
                "{}: acknowledged {} / {}, found {status} {flow}",
                known.id, known.name, known.mark
            ));
        }
    }
    for id in &ledger.deleted {
        checked += 1;
        match get(READ_FLOW.served_path_for(id)).await {
            Ok(reply) if reply.status() == StatusCode::NOT_FOUND => {}
            Ok(reply) => problems.push(format!("{id}: deleted, but answers {}", reply.status())),
            Err(error) => problems.push(format!("{id}: {error}")),
        }
    }
    for (name, mark) in &ledger.unanswered_creates {
        checked += 1;
        let path = format!(
            "{}?name={}&fields=schema",
            SEARCH_FLOWS.served_path,
            name.replace(' ', "%20")
        );
        let found: Value = match get(path).await {
            Ok(reply) => reply.json().await.unwrap_or(Value::Null),
            Err(error) => {
                problems.push(format!("{name}: {error}"));
                continue;
            }
        };
        let items = found["items"].as_array().cloned().unwrap_or_default();
        let whole = items
            .iter()
            .all(|item| item["schema"][0]["log"] == mark.as_str());
        if items.len() > 1 || !whole {
            problems.push(format!("{name}: an unanswered create left {found}"));
        }
    }
    (checked, problems)
}

/// The `p`-th percentile of `values` (sorted in place), in their unit.
pub fn percentile(values: &mut [f64], p: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let at = ((values.len() - 1) as f64 * p).round() as usize;
    values[at]
}
