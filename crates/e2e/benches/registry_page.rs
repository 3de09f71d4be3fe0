//! The Flow page with a big registry, in headless Chromium against the real server.
//!
//! `cargo bench -p flow-e2e --bench registry_page [-- --flows N --runs N]` (the web app must be
//! built: `cargo xtask build`).
//!
//! Seeds N flows (default 100,000) into the domain, signs in, then measures in the page itself:
//! - first page: from navigation to the table being rendered and usable, against a baseline
//!   navigation to one static file of the same server;
//! - filter change: from ticking a type to the updated table, against the same search fetched
//!   straight from the API by the page;
//! - the app's size as served (Brotli), against its raw size.
//!
//! Targets: first page < 400 ms, filter change < 150 ms, app <= 600 KB compressed.

use flow_e2e::report::{heading, median_and_p90, number, row};
use flow_e2e::{dist_dir, AppServer, Browser, ADMIN_PASSWORD};
use flow_model::contract::{ACCESS_HEADER, SEARCH_FLOWS};
use flow_server::store::synthetic::seed_flows;
use serde_json::Value;
use std::time::Instant;

const USAGE: &str = "usage: registry_page [--flows N] [--runs N]";

struct Options {
    flows: usize,
    runs: usize,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        flows: 100_000,
        runs: 15,
    };
    let mut args = std::env::args().skip(1).filter(|arg| arg != "--bench");
    while let Some(flag) = args.next() {
        let value = args.next().and_then(|value| value.parse().ok());
        let value = value.ok_or_else(|| format!("{flag} needs a number\n{USAGE}"))?;
        match flag.as_str() {
            "--flows" => options.flows = value,
            "--runs" => options.runs = value,
            _ => return Err(format!("unknown argument {flag}\n{USAGE}")),
        }
    }
    Ok(options)
}

/// Waits in the page for the registry table and answers the time since navigation started.
const TABLE_READY: &str = r#"
const done = arguments[arguments.length - 1];
function ready() {
  const row = document.querySelector('table.flows tbody tr');
  const area = document.querySelector('.table-area');
  return row && area && area.getAttribute('aria-busy') === 'false';
}
if (ready()) { done(performance.now()); }
else {
  const observer = new MutationObserver(() => {
    if (ready()) { observer.disconnect(); done(performance.now()); }
  });
  observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true });
}
"#;

/// Ticks the type checkbox `arguments[0]` and answers the milliseconds until the table shows
/// the new result.
const FILTER_CHANGE: &str = r#"
const [kind, done] = [arguments[0], arguments[arguments.length - 1]];
const before = document.querySelector('table.flows tbody').innerHTML;
const started = performance.now();
function updated() {
  const body = document.querySelector('table.flows tbody');
  const area = document.querySelector('.table-area');
  return body && body.innerHTML !== before && area.getAttribute('aria-busy') === 'false';
}
const observer = new MutationObserver(() => {
  if (updated()) { observer.disconnect(); done(performance.now() - started); }
});
observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
document.querySelector(`input[name=type][value=${kind}]`).click();
"#;

/// Fetches the search the page would run for `arguments[0]` (a query string) straight from
/// the API, at `arguments[1]` with the token in the header `arguments[2]`, and answers the
/// milliseconds it took, body read.
const API_FETCH: &str = r#"
const [query, path, header, done] = [arguments[0], arguments[1], arguments[2], arguments[arguments.length - 1]];
const token = sessionStorage.getItem('flow-studio.token');
const started = performance.now();
fetch(path + '?' + query, { headers: { [header]: token } })
  .then(reply => reply.json())
  .then(() => done(performance.now() - started));
"#;

/// The app's own files: what a browser downloads to show the page (the code editor's module
/// loads only on a flow's General tab).
fn app_files() -> Vec<String> {
    std::fs::read_dir(dist_dir())
        .expect("dist")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| {
            name != "code-editor.js"
                && (name.ends_with(".wasm")
                    || name.ends_with(".js")
                    || name.ends_with(".css")
                    || name == "index.html")
        })
        .collect()
}

/// Bytes of the app's files as the server sends them with Brotli, and raw.
async fn app_size(base: &str) -> (usize, usize) {
    let client = reqwest::Client::new();
    let mut compressed = 0;
    let mut raw = 0;
    for name in app_files() {
        let reply = client
            .get(format!("{base}/{name}"))
            .header("Accept-Encoding", "br")
            .send()
            .await
            .expect("served");
        compressed += reply.bytes().await.expect("body").len();
        raw += std::fs::metadata(dist_dir().join(&name))
            .expect("file")
            .len() as usize;
    }
    (compressed, raw)
}

#[tokio::main]
async fn main() {
    let options = match options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let server = AppServer::start().await;
    let account = server.store.account(1).await.unwrap().expect("the admin");
    let seeding = Instant::now();
    seed_flows(&server.store, account.domain_id, 1, options.flows)
        .await
        .expect("seeded");
    eprintln!(
        "seeded {} flows in {:.1} s",
        options.flows,
        seeding.elapsed().as_secs_f64()
    );

    let browser = Browser::start().await;
    browser.sign_in(&server, "admin", ADMIN_PASSWORD).await;
    let static_file = app_files()
        .into_iter()
        .find(|name| name.ends_with(".css"))
        .expect("a stylesheet in dist");

    let mut first_page = Vec::new();
    let mut navigation = Vec::new();
    for _ in 0..options.runs {
        let client = &browser.client;
        client
            .goto(&format!("{}/{static_file}", server.base))
            .await
            .unwrap();
        let loaded = client.execute("return performance.now();", vec![]).await;
        navigation.push(number(loaded.unwrap()));
        client.goto(&format!("{}/", server.base)).await.unwrap();
        let ready = client.execute_async(TABLE_READY, vec![]).await;
        first_page.push(number(ready.unwrap()));
    }

    let mut filter_change = Vec::new();
    let mut fetch = Vec::new();
    for run in 0..options.runs {
        let client = &browser.client;
        let kind = ["voice", "chat", "service", "processing"][run % 4];
        let change = client
            .execute_async(FILTER_CHANGE, vec![Value::from(kind)])
            .await;
        filter_change.push(number(change.unwrap()));
        let query = format!(
            "page=1&size=20&type={kind}&sort=-created_at&fields=id&fields=name&fields=editor\
             &fields=type&fields=tags&fields=created_at&fields=updated_at"
        );
        let fetched = client
            .execute_async(
                API_FETCH,
                vec![
                    Value::from(query),
                    Value::from(SEARCH_FLOWS.served_path),
                    Value::from(ACCESS_HEADER),
                ],
            )
            .await;
        fetch.push(number(fetched.unwrap()));
        // Untick, back to all types, so the next run changes one filter again.
        client
            .execute_async(FILTER_CHANGE, vec![Value::from(kind)])
            .await
            .unwrap();
    }
    let (compressed, raw) = app_size(&server.base).await;
    browser.close().await;

    let (page_median, page_p90) = median_and_p90(first_page);
    let (navigation_median, _) = median_and_p90(navigation);
    let (filter_median, filter_p90) = median_and_p90(filter_change);
    let (fetch_median, _) = median_and_p90(fetch);
    println!(
        "\nFlow page, {} flows in the domain, headless Chromium, {} runs each",
        options.flows, options.runs
    );
    heading();
    let ms = |value: f64| format!("{value:.0} ms");
    row(
        "first page",
        ms(page_median),
        ms(page_p90),
        format!("static file {}", ms(navigation_median)),
        page_median / navigation_median.max(1.0),
        "< 400 ms",
        page_p90 < 400.0,
    );
    row(
        "filter change",
        ms(filter_median),
        ms(filter_p90),
        format!("API fetch {}", ms(fetch_median)),
        filter_median / fetch_median.max(1.0),
        "< 150 ms",
        filter_p90 < 150.0,
    );
    row(
        "app (brotli)",
        format!("{} KB", compressed / 1024),
        String::new(),
        format!("raw {} KB", raw / 1024),
        compressed as f64 / raw as f64,
        "<= 600 KB",
        compressed <= 600 * 1024,
    );
}
