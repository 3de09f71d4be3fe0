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

mod support;

use flow_model::contract::SEARCH_FLOWS;
use flow_model::SchemaSearch;
use flow_server::store::synthetic::{seed_flows, TAGS, WORDS};
use flow_server::store::Store;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::process::ExitCode;
use support::{client, load, print_table, run_bench, verdict, BoxError, Options, Served};

const USAGE: &str = "usage: search [--flows N] [--engine sqlite|postgres] [--connections N] [--seconds S] [--warmup S]";

/// Distinct searches the load cycles through.
const QUERY_VARIANTS: usize = 512;

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

async fn bench(options: Options, url: String) -> Result<u64, BoxError> {
    let flows = options.flows;
    let served = Served::start(
        options.engine,
        &url,
        move |store, domain_id, user_id| async move {
            seed_flows(&store, domain_id, user_id, flows).await?;
            Ok(())
        },
    )
    .await?;
    let (store, domain_id) = (served.store.clone(), served.domain_id);
    let queries: &'static [Query] = Vec::leak(queries(&served.base)?);
    let probe = client(&served.token)?;
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
        &options,
        stores,
        queries,
        move |store: Store, query: &'static Query| async move {
            store.search_flows(domain_id, &query.search).await.is_ok()
        },
    )
    .await;
    let clients = (0..options.connections)
        .map(|_| client(&served.token))
        .collect::<Result<Vec<_>, _>>()?;
    let api = load(&options, clients, queries, api_search).await;
    served.stop().await?;

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
    print_table(
        window,
        &[("store.search_flows", &direct), ("API over HTTP", &api)],
    );
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
    run_bench(USAGE, bench).await
}
