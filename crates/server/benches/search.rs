//! The flow search under load: the API over HTTP against the same query run on the store directly.
//!
//! `cargo bench -p flow-server --bench search [-- --flows N --engine sqlite|postgres]`
//!
//! Seeds N flows into one domain, starts the real app on a loopback port, then for a fixed time
//! keeps 32 keep-alive connections busy with
//! `GET /api/routing/schema?size=40&type=voice&tags=<tag>&sort=%2Bname&q=<prefix>*`
//! (varying tag and prefix), and 32 tasks calling `Store::search_flows` with the same searches
//! as the floor. Prints requests/s, latencies and errors, and whether the targets hold:
//! API >= 50% of the direct rate, API p99 < 20 ms, no errors. Exits non-zero on errors only.

use flow_model::contract::{ACCESS_HEADER, SEARCH_FLOWS};
use flow_model::{Role, SchemaSearch};
use flow_server::auth::{hash_password, new_token, token_hash};
use flow_server::state::{AppState, Settings};
use flow_server::store::synthetic::{seed_flows, TAGS, WORDS};
use flow_server::store::{now_millis, NewUser, Store, StoreOptions};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::error::Error;
use std::future::Future;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

type BoxError = Box<dyn Error + Send + Sync>;

/// Distinct searches the load cycles through.
const QUERY_VARIANTS: usize = 512;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Engine {
    Sqlite,
    Postgres,
}

struct Options {
    flows: usize,
    engine: Engine,
    connections: usize,
    warmup: Duration,
    measure: Duration,
}

const USAGE: &str = "usage: search [--flows N] [--engine sqlite|postgres] [--connections N] [--seconds S] [--warmup S]";

impl Options {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Self, String> {
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
                "--help" | "-h" => return Err(USAGE.to_owned()),
                other => return Err(format!("unknown argument {other}\n{USAGE}")),
            }
        }
        Ok(options)
    }
}

/// A database for this run only: a temporary SQLite file, or a uniquely named PostgreSQL
/// database that [`BenchDatabase::remove`] drops.
struct BenchDatabase {
    url: String,
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
    async fn create(engine: Engine) -> Result<Self, BoxError> {
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

    async fn remove(self) {
        if let Some(name) = &self.postgres_name {
            let statement = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            if let Err(error) = postgres_admin(&statement).await {
                eprintln!("could not drop the bench database {name}: {error}");
            }
        }
    }
}

/// A SQL string literal.
/// One search of the load, as a URL and as the parsed search the server would run.
struct Query {
    url: String,
    search: SchemaSearch,
}

fn queries(base: &str) -> Result<Vec<Query>, BoxError> {
    let mut rng = StdRng::seed_from_u64(11);
    (0..QUERY_VARIANTS)
        .map(|_| {
            let word = WORDS[rng.gen_range(0..WORDS.len())];
            let prefix = &word[..rng.gen_range(1..=4).min(word.len())];
            let pairs = [
                ("size", "40".to_owned()),
                ("type", "voice".to_owned()),
                ("tags", TAGS[rng.gen_range(0..TAGS.len())].to_owned()),
                ("sort", "+name".to_owned()),
                ("q", format!("{prefix}*")),
            ];
            let query = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&pairs)
                .finish();
            Ok(Query {
                url: format!("{base}{}?{query}", SEARCH_FLOWS.served_path),
                search: SchemaSearch::from_pairs(pairs)?,
            })
        })
        .collect()
}

/// What one load phase measured.
#[derive(Default)]
struct Outcome {
    /// Requests that started and ended inside the measured window.
    completed: u64,
    /// Failed requests, warm-up included.
    errors: u64,
    /// Of the measured requests, in microseconds.
    latencies: Vec<u32>,
}

impl Outcome {
    fn merge(&mut self, other: Outcome) {
        self.completed += other.completed;
        self.errors += other.errors;
        self.latencies.extend(other.latencies);
    }

    fn rate(&self, window: Duration) -> f64 {
        self.completed as f64 / window.as_secs_f64()
    }

    /// The `quantile` latency in milliseconds (after `finish`).
    fn latency_ms(&self, quantile: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let at = ((self.latencies.len() - 1) as f64 * quantile).round() as usize;
        f64::from(self.latencies[at]) / 1000.0
    }
}

/// Keeps one task per worker state busy with `call` over the queries, for the warm-up and
/// then the measured window.
async fn load<S, F, Fut>(
    options: &Options,
    workers: Vec<S>,
    queries: &'static [Query],
    call: F,
) -> Outcome
where
    S: Clone + Send + 'static,
    F: Fn(S, &'static Query) -> Fut + Clone + Send + 'static,
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
fn client(token: &str) -> Result<reqwest::Client, BoxError> {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(ACCESS_HEADER, token.parse()?);
    Ok(reqwest::Client::builder()
        .default_headers(headers)
        .pool_max_idle_per_host(1)
        .build()?)
}

async fn api_search(client: reqwest::Client, query: &Query) -> bool {
    match client.get(&query.url).send().await {
        Ok(response) if response.status() == reqwest::StatusCode::OK => response
            .bytes()
            .await
            .is_ok_and(|body| body.starts_with(b"{\"items\":")),
        _ => false,
    }
}

/// The ids a search's items carry: from the API's JSON, or from the store.
async fn agree(
    client: &reqwest::Client,
    store: &Store,
    domain_id: i64,
    query: &Query,
) -> Result<usize, BoxError> {
    let body: serde_json::Value = client.get(&query.url).send().await?.json().await?;
    let over_http: Vec<String> = body["items"]
        .as_array()
        .ok_or("no items")?
        .iter()
        .map(|item| item["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    let (items, _) = store.search_flows(domain_id, &query.search).await?;
    let direct: Vec<String> = items
        .iter()
        .map(|flow| flow.id.unwrap_or_default().to_string())
        .collect();
    if over_http != direct {
        return Err(format!("API and store disagree on {}", query.url).into());
    }
    Ok(direct.len())
}

fn verdict(holds: bool) -> &'static str {
    if holds {
        "met"
    } else {
        "NOT met"
    }
}

async fn bench(options: &Options, url: &str) -> Result<u64, BoxError> {
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
    seed_flows(&store, domain_id, user_id, options.flows).await?;
    if options.engine == Engine::Postgres {
        sqlx::raw_sql("ANALYZE").execute(store.pool()).await?;
    }
    eprintln!(
        "seeded {} flows in {:.1} s",
        options.flows,
        seeding.elapsed().as_secs_f64()
    );

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

    let queries: &'static [Query] = Vec::leak(queries(&base)?);
    let probe = client(&token)?;
    let mut found = 0;
    for query in queries {
        found += agree(&probe, &store, domain_id, query).await?;
    }
    eprintln!(
        "API and store agree on all {} searches; {:.1} items per page on average",
        queries.len(),
        found as f64 / queries.len() as f64
    );

    let stores = vec![store.clone(); options.connections];
    let direct = load(
        options,
        stores,
        queries,
        move |store: Store, query| async move {
            store.search_flows(domain_id, &query.search).await.is_ok()
        },
    )
    .await;
    let clients = (0..options.connections)
        .map(|_| client(&token))
        .collect::<Result<Vec<_>, _>>()?;
    let api = load(options, clients, queries, api_search).await;

    let _ = stop.send(());
    server.await??;
    store.close().await;

    let window = options.measure;
    let ratio = api.rate(window) / direct.rate(window);
    let p99 = api.latency_ms(0.99);
    let errors = api.errors + direct.errors;
    println!(
        "\nsearch: {} flows on {:?}, {} connections, {} s measured after {} s warm-up",
        options.flows,
        options.engine,
        options.connections,
        window.as_secs(),
        options.warmup.as_secs()
    );
    println!(
        "{} {}?size=40&type=voice&tags=<tag>&sort=%2Bname&q=<prefix>*  ({QUERY_VARIANTS} variants)\n",
        SEARCH_FLOWS.method, SEARCH_FLOWS.served_path
    );
    println!(
        "{:<22} {:>12} {:>9} {:>9} {:>8}",
        "", "requests/s", "p50 ms", "p99 ms", "errors"
    );
    for (label, outcome) in [("store.search_flows", &direct), ("API over HTTP", &api)] {
        println!(
            "{label:<22} {:>12.1} {:>9.2} {:>9.2} {:>8}",
            outcome.rate(window),
            outcome.latency_ms(0.5),
            outcome.latency_ms(0.99),
            outcome.errors
        );
    }
    println!("\nAPI / direct: {:.1} %", ratio * 100.0);
    println!(
        "target API >= 50% of direct: {} ({:.1} %)",
        verdict(ratio >= 0.5),
        ratio * 100.0
    );
    println!(
        "target API p99 < 20 ms:      {} ({p99:.2} ms)",
        verdict(p99 < 20.0)
    );
    println!(
        "target zero errors:          {} ({errors})",
        verdict(errors == 0)
    );
    Ok(errors)
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match Options::parse(std::env::args().skip(1)) {
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
    let result = bench(&options, &database.url).await;
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
