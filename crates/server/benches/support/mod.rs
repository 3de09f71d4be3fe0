//! What the server's load benchmarks share: their options, a database of their own, the
//! signed-in app served on a loopback port over a seeded store, the load loop measuring the
//! API beside the store called directly, and the printed comparison.

use flow_model::contract::ACCESS_HEADER;
use flow_model::Role;
use flow_server::auth::{hash_password, new_token, token_hash};
use flow_server::state::{AppState, Settings};
use flow_server::store::{now_millis, NewUser, Store, StoreOptions};
use std::error::Error;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub type BoxError = Box<dyn Error + Send + Sync>;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Engine {
    Sqlite,
    Postgres,
}

pub struct Options {
    pub flows: usize,
    pub engine: Engine,
    pub connections: usize,
    pub warmup: Duration,
    pub measure: Duration,
}

impl Options {
    pub fn parse(usage: &str, mut args: impl Iterator<Item = String>) -> Result<Self, String> {
        let mut options = Self {
            flows: 100_000,
            engine: Engine::Sqlite,
            connections: 32,
            warmup: Duration::from_secs(2),
            measure: Duration::from_secs(10),
        };
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
            let number = |text: String| {
                text.parse::<u64>()
                    .map_err(|_| format!("not a number: {text}"))
            };
            match arg.as_str() {
                "--flows" => options.flows = number(value("--flows")?)? as usize,
                "--connections" => {
                    options.connections = number(value("--connections")?)?.max(1) as usize
                }
                "--seconds" => {
                    options.measure = Duration::from_secs(number(value("--seconds")?)?.max(1))
                }
                "--warmup" => options.warmup = Duration::from_secs(number(value("--warmup")?)?),
                "--engine" => {
                    options.engine = match value("--engine")?.as_str() {
                        "sqlite" => Engine::Sqlite,
                        "postgres" => Engine::Postgres,
                        other => return Err(format!("unknown engine {other}")),
                    }
                }
                // `cargo bench` passes `--bench` to every bench target.
                "--bench" => {}
                "--help" | "-h" => return Err(usage.to_owned()),
                other => return Err(format!("unknown argument {other}\n{usage}")),
            }
        }
        Ok(options)
    }
}

/// A database for this run only: a temporary SQLite file, or a uniquely named PostgreSQL
/// database that [`BenchDatabase::remove`] drops.
pub struct BenchDatabase {
    pub url: String,
    postgres_name: Option<String>,
    _folder: tempfile::TempDir,
}

fn postgres_server_url() -> String {
    std::env::var("FLOW_STUDIO_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned())
}

async fn postgres_admin(statement: &str) -> Result<(), BoxError> {
    use sqlx::Connection;
    let url = format!("{}/postgres", postgres_server_url());
    let mut connection = sqlx::PgConnection::connect(&url).await?;
    sqlx::Executor::execute(&mut connection, statement).await?;
    connection.close().await?;
    Ok(())
}

impl BenchDatabase {
    pub async fn create(engine: Engine) -> Result<Self, BoxError> {
        let folder = tempfile::tempdir()?;
        Ok(match engine {
            Engine::Sqlite => Self {
                url: format!("sqlite://{}", folder.path().join("bench.db").display()),
                postgres_name: None,
                _folder: folder,
            },
            Engine::Postgres => {
                let name = format!("flow_bench_{}_{}", std::process::id(), now_millis());
                postgres_admin(&format!("CREATE DATABASE {name}")).await?;
                Self {
                    url: format!("{}/{name}", postgres_server_url()),
                    postgres_name: Some(name),
                    _folder: folder,
                }
            }
        })
    }

    pub async fn remove(self) {
        if let Some(name) = &self.postgres_name {
            let statement = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            if let Err(error) = postgres_admin(&statement).await {
                eprintln!("could not drop the bench database {name}: {error}");
            }
        }
    }
}

/// What one load phase measured.
#[derive(Default)]
pub struct Outcome {
    /// Requests that started and ended inside the measured window.
    pub completed: u64,
    /// Failed requests, warm-up included.
    pub errors: u64,
    /// Of the measured requests, in microseconds.
    pub latencies: Vec<u32>,
}

impl Outcome {
    fn merge(&mut self, other: Outcome) {
        self.completed += other.completed;
        self.errors += other.errors;
        self.latencies.extend(other.latencies);
    }

    pub fn rate(&self, window: Duration) -> f64 {
        self.completed as f64 / window.as_secs_f64()
    }

    /// The `quantile` latency in milliseconds (after `finish`).
    pub fn latency_ms(&self, quantile: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let at = ((self.latencies.len() - 1) as f64 * quantile).round() as usize;
        f64::from(self.latencies[at]) / 1000.0
    }
}

/// Keeps one task per worker state busy with `call` over the queries, for the warm-up and
/// then the measured window.
pub async fn load<S, Q, F, Fut>(
    options: &Options,
    workers: Vec<S>,
    queries: &'static [Q],
    call: F,
) -> Outcome
where
    S: Clone + Send + 'static,
    Q: Sync + 'static,
    F: Fn(S, &'static Q) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = bool> + Send,
{
    let count = workers.len();
    let measure_from = Instant::now() + options.warmup;
    let end = measure_from + options.measure;
    let tasks: Vec<_> = workers
        .into_iter()
        .enumerate()
        .map(|(worker, state)| {
            let call = call.clone();
            tokio::spawn(async move {
                let mut outcome = Outcome::default();
                let mut next = worker;
                loop {
                    let began = Instant::now();
                    if began >= end {
                        break outcome;
                    }
                    let ok = call(state.clone(), &queries[next % queries.len()]).await;
                    next += count;
                    let took = began.elapsed();
                    if !ok {
                        outcome.errors += 1;
                    } else if began >= measure_from && began + took <= end {
                        outcome.completed += 1;
                        outcome
                            .latencies
                            .push(took.as_micros().min(u128::from(u32::MAX)) as u32);
                    }
                }
            })
        })
        .collect();
    let mut total = Outcome::default();
    for task in tasks {
        match task.await {
            Ok(outcome) => total.merge(outcome),
            Err(_) => total.errors += 1,
        }
    }
    total.latencies.sort_unstable();
    total
}

/// A client with one keep-alive connection of its own, signed in.
pub fn client(token: &str) -> Result<reqwest::Client, BoxError> {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(ACCESS_HEADER, token.parse()?);
    Ok(reqwest::Client::builder()
        .default_headers(headers)
        .pool_max_idle_per_host(1)
        .build()?)
}

pub fn verdict(holds: bool) -> &'static str {
    if holds {
        "met"
    } else {
        "NOT met"
    }
}

/// The real app served on a loopback port over a seeded store, and a signed-in admin's token.
pub struct Served {
    pub store: Store,
    pub domain_id: i64,
    pub token: String,
    /// Where the app answers: `http://127.0.0.1:<port>`.
    pub base: String,
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<Result<(), flow_server::error::Error>>,
}

impl Served {
    /// Opens the store at `url`, adds an admin, lets `seed` fill the domain (timed), and
    /// serves the app.
    pub async fn start<F, Fut>(engine: Engine, url: &str, seed: F) -> Result<Self, BoxError>
    where
        F: FnOnce(Store, i64, i64) -> Fut,
        Fut: Future<Output = Result<(), BoxError>>,
    {
        let store = Store::open(url, StoreOptions::default()).await?;
        let user_id = store
            .create_user(NewUser {
                domain: "bench",
                username: "bench",
                password_hash: hash_password("bench-password")?,
                permissions: Role::Admin.permissions(),
                admin: true,
            })
            .await?;
        let domain_id = store.account(user_id).await?.ok_or("no account")?.domain_id;
        let token = new_token();
        store
            .insert_token(
                &token_hash(&token),
                user_id,
                now_millis() + 24 * 3600 * 1000,
            )
            .await?;
        let seeding = Instant::now();
        seed(store.clone(), domain_id, user_id).await?;
        if engine == Engine::Postgres {
            sqlx::raw_sql("ANALYZE").execute(store.pool()).await?;
        }
        eprintln!("seeded in {:.1} s", seeding.elapsed().as_secs_f64());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let base = format!("http://{}", listener.local_addr()?);
        let state = AppState {
            store: store.clone(),
            settings: Arc::new(Settings::default()),
        };
        let app = flow_server::app(state, std::path::Path::new("/nonexistent"));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(flow_server::serve(listener, app, async {
            let _ = stopped.await;
        }));
        Ok(Self {
            store,
            domain_id,
            token,
            base,
            stop,
            server,
        })
    }

    pub async fn stop(self) -> Result<(), BoxError> {
        let _ = self.stop.send(());
        self.server.await??;
        self.store.close().await;
        Ok(())
    }
}

/// The table of what was measured: one row per path, the window's rate and latencies.
pub fn print_table(window: Duration, rows: &[(&str, &Outcome)]) {
    println!(
        "{:<26} {:>12} {:>9} {:>9} {:>8}",
        "", "requests/s", "p50 ms", "p99 ms", "errors"
    );
    for (label, outcome) in rows {
        println!(
            "{label:<26} {:>12.1} {:>9.2} {:>9.2} {:>8}",
            outcome.rate(window),
            outcome.latency_ms(0.5),
            outcome.latency_ms(0.99),
            outcome.errors
        );
    }
}

/// Runs a bench's body on a database of its own, removed after; the exit code says whether
/// there were errors.
pub async fn run_bench<F, Fut>(usage: &str, body: F) -> std::process::ExitCode
where
    F: FnOnce(Options, String) -> Fut,
    Fut: Future<Output = Result<u64, BoxError>>,
{
    use std::process::ExitCode;
    let options = match Options::parse(usage, std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let database = match BenchDatabase::create(options.engine).await {
        Ok(database) => database,
        Err(error) => {
            eprintln!("cannot create the bench database: {error}");
            return ExitCode::FAILURE;
        }
    };
    let url = database.url.clone();
    let result = body(options, url).await;
    database.remove().await;
    match result {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("bench failed: {error}");
            ExitCode::FAILURE
        }
    }
}
