//! Flows that know each other, at scale: "who uses this object" and the search inside flows,
//! over HTTP beside the same calls on the store directly.
//!
//! `cargo bench -p flow-server --bench references [-- --flows N --engine sqlite|postgres
//! --connections N --seconds S]`
//!
//! Seeds N connected flows into one domain (each using about a dozen outside objects, so
//! 100,000 flows hold about 1,000,000 references and as many searched texts), starts the real
//! app on a loopback port, then keeps the connections busy, in turn, with
//! `GET /api/routing/schema/references?kind=<kind>&key=<key>&size=40` and
//! `GET /api/routing/schema/texts?q=<text>&size=40`, and with `Store::reference_uses` and
//! `Store::search_texts` on the same questions as the floor. Prints requests/s and latencies
//! and whether the targets hold: who-uses p99 < 20 ms, in-flow search p50 < 200 ms, no
//! errors. Exits non-zero on errors only.

mod support;

use flow_model::catalog::Object;
use flow_model::contract::{REFERENCE_USES, TEXT_SEARCH};
use flow_model::{ReferenceSearch, TextSearch};
use flow_server::store::synthetic::{seed_connected_flows, HOSTS, OBJECTS_PER_KIND, WORDS};
use flow_server::store::Store;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::process::ExitCode;
use support::{client, load, print_table, run_bench, verdict, BoxError, Options, Outcome, Served};

const USAGE: &str = "usage: references [--flows N] [--engine sqlite|postgres] [--connections N] [--seconds S] [--warmup S]";

/// Distinct questions of each kind the load cycles through.
const QUERY_VARIANTS: usize = 256;

/// One question of the load, as a URL and as the parsed search the server would run.
struct Query<S> {
    url: String,
    search: S,
}

fn url_of(base: &str, path: &str, pairs: &[(&str, String)]) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    format!("{base}{path}?{query}")
}

/// "Who uses": queues, calendars, media, flows, hosts and the global every flow reads.
fn who_uses(base: &str, flows: usize) -> Result<Vec<Query<ReferenceSearch>>, BoxError> {
    let mut rng = StdRng::seed_from_u64(13);
    (0..QUERY_VARIANTS)
        .map(|variant| {
            let (kind, key) = match variant % 6 {
                0 => (
                    Object::Queue,
                    rng.gen_range(1..=OBJECTS_PER_KIND).to_string(),
                ),
                1 => (
                    Object::Calendar,
                    rng.gen_range(1..=OBJECTS_PER_KIND).to_string(),
                ),
                2 => (
                    Object::Media,
                    rng.gen_range(1..=OBJECTS_PER_KIND).to_string(),
                ),
                3 => (Object::Flow, rng.gen_range(1..=flows.max(1)).to_string()),
                4 => (
                    Object::Host,
                    format!("crm-{}.example.com", rng.gen_range(1..=HOSTS)),
                ),
                _ => (Object::Global, "crm_token".to_owned()),
            };
            let pairs = [
                ("kind", kind.key().to_owned()),
                ("key", key),
                ("size", "40".to_owned()),
            ];
            Ok(Query {
                url: url_of(base, REFERENCE_USES.served_path, &pairs),
                search: ReferenceSearch::from_pairs(pairs)?,
            })
        })
        .collect()
}

/// Texts operators look for: a media file, a host, a calendar, a phrase of the logs.
fn texts(base: &str) -> Result<Vec<Query<TextSearch>>, BoxError> {
    let mut rng = StdRng::seed_from_u64(17);
    (0..QUERY_VARIANTS)
        .map(|variant| {
            let q = match variant % 4 {
                0 => format!("welcome-{}.wav", rng.gen_range(1..=OBJECTS_PER_KIND)),
                1 => format!("crm-{}.example", rng.gen_range(1..=HOSTS)),
                2 => format!("Hours {}", rng.gen_range(1..=OBJECTS_PER_KIND)),
                _ => format!("{} caller", WORDS[rng.gen_range(0..WORDS.len())]),
            };
            let pairs = [("q", q), ("size", "40".to_owned())];
            Ok(Query {
                url: url_of(base, TEXT_SEARCH.served_path, &pairs),
                search: TextSearch::from_pairs(pairs)?,
            })
        })
        .collect()
}

/// A GET whose answer is a page of items.
async fn api_get<S>(client: reqwest::Client, query: &Query<S>) -> bool {
    match client.get(&query.url).send().await {
        Ok(response) if response.status() == reqwest::StatusCode::OK => response
            .bytes()
            .await
            .is_ok_and(|body| body.starts_with(b"{\"items\":")),
        _ => false,
    }
}

/// How many items the API answers for `query`, checked against the store's.
async fn agree<S>(
    client: &reqwest::Client,
    query: &Query<S>,
    direct: usize,
) -> Result<usize, BoxError> {
    let body: serde_json::Value = client.get(&query.url).send().await?.json().await?;
    let over_http = body["items"].as_array().ok_or("no items")?.len();
    if over_http != direct {
        return Err(format!("API and store disagree on {}", query.url).into());
    }
    Ok(direct)
}

/// The API's load beside the store's on `queries`.
async fn measure<S, Direct, Fut>(
    options: &Options,
    served: &Served,
    queries: &'static [Query<S>],
    direct: Direct,
) -> Result<(Outcome, Outcome), BoxError>
where
    S: Sync + 'static,
    Direct: Fn(Store, &'static Query<S>) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let stores = vec![served.store.clone(); options.connections];
    let floor = load(options, stores, queries, direct).await;
    let clients = (0..options.connections)
        .map(|_| client(&served.token))
        .collect::<Result<Vec<_>, _>>()?;
    let api = load(options, clients, queries, api_get).await;
    Ok((floor, api))
}

async fn bench(options: Options, url: String) -> Result<u64, BoxError> {
    let flows = options.flows;
    let served = Served::start(
        options.engine,
        &url,
        move |store, domain_id, user_id| async move {
            seed_connected_flows(&store, domain_id, user_id, flows).await?;
            Ok(())
        },
    )
    .await?;
    let (store, domain_id) = (served.store.clone(), served.domain_id);
    let uses: &'static [Query<ReferenceSearch>] = Vec::leak(who_uses(&served.base, flows)?);
    let found: &'static [Query<TextSearch>] = Vec::leak(texts(&served.base)?);
    let probe = client(&served.token)?;
    let (mut used, mut matched) = (0, 0);
    for query in uses {
        let (items, _) = store.reference_uses(domain_id, &query.search).await?;
        used += agree(&probe, query, items.len()).await?;
    }
    for query in found {
        let (items, _) = store.search_texts(domain_id, &query.search).await?;
        matched += agree(&probe, query, items.len()).await?;
    }
    eprintln!(
        "API and store agree on every question; {:.1} uses and {:.1} matches per page on average",
        used as f64 / uses.len() as f64,
        matched as f64 / found.len() as f64
    );

    let (uses_direct, uses_api) = measure(
        &options,
        &served,
        uses,
        move |store: Store, query: &'static Query<ReferenceSearch>| async move {
            store.reference_uses(domain_id, &query.search).await.is_ok()
        },
    )
    .await?;
    let (texts_direct, texts_api) = measure(
        &options,
        &served,
        found,
        move |store: Store, query: &'static Query<TextSearch>| async move {
            store.search_texts(domain_id, &query.search).await.is_ok()
        },
    )
    .await?;
    let references: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM routing_schema_reference")
        .fetch_one(store.pool())
        .await?;
    served.stop().await?;

    let window = options.measure;
    println!(
        "\nreferences: {} flows, {references} references, on {:?}; {} connections, {} s measured after {} s warm-up",
        options.flows,
        options.engine,
        options.connections,
        window.as_secs(),
        options.warmup.as_secs()
    );
    println!(
        "{} {}?kind=<kind>&key=<key>&size=40  /  {} {}?q=<text>&size=40  ({QUERY_VARIANTS} variants each)\n",
        REFERENCE_USES.method, REFERENCE_USES.served_path, TEXT_SEARCH.method, TEXT_SEARCH.served_path
    );
    print_table(
        window,
        &[
            ("store.reference_uses", &uses_direct),
            ("who uses, API over HTTP", &uses_api),
            ("store.search_texts", &texts_direct),
            ("in-flow search, API", &texts_api),
        ],
    );
    let ratio = |api: &Outcome, direct: &Outcome| api.rate(window) / direct.rate(window) * 100.0;
    println!(
        "\nAPI / direct: who uses {:.1} %, in-flow search {:.1} %",
        ratio(&uses_api, &uses_direct),
        ratio(&texts_api, &texts_direct)
    );
    let (uses_p99, texts_p50) = (uses_api.latency_ms(0.99), texts_api.latency_ms(0.5));
    let errors = uses_api.errors + uses_direct.errors + texts_api.errors + texts_direct.errors;
    println!(
        "target who-uses p99 < 20 ms:        {} ({uses_p99:.2} ms)",
        verdict(uses_p99 < 20.0)
    );
    println!(
        "target in-flow search p50 < 200 ms: {} ({texts_p50:.2} ms)",
        verdict(texts_p50 < 200.0)
    );
    println!(
        "target zero errors:                 {} ({errors})",
        verdict(errors == 0)
    );
    Ok(errors)
}

#[tokio::main]
async fn main() -> ExitCode {
    run_bench(USAGE, bench).await
}
