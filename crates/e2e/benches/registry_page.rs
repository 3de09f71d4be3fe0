//! The Flow page with a big registry, in headless Chromium against the real server.
//!
//! `cargo bench -p flow-e2e --bench registry_page [-- --flows N --runs N --first-visit-only]`
//! (the web app must be built: `cargo xtask build`, which also precompresses it).
//!
//! Seeds N flows (default 100,000) into the domain, signs in, then measures in the page itself:
//! - first page: from navigation to the table being rendered and usable, against a baseline
//!   navigation to one static file of the same server;
//! - filter change: from ticking a type to the updated table, against the same search fetched
//!   straight from the API by the page;
//! - a first visit's bytes: everything the browser downloads to show the Flow page with an
//!   empty cache (signed in), as it counted them on the wire (Resource Timing `transferSize`),
//!   against the same files' raw size. `--first-visit-only` measures only this.
//!
//! Targets: first page < 400 ms, filter change < 150 ms, first visit <= 400 KB on the wire.

use flow_e2e::report::{heading, median_and_p90, number, row};
use flow_e2e::{dist_dir, AppServer, Browser, ADMIN_PASSWORD};
use flow_model::contract::{ACCESS_HEADER, API_BASE, SEARCH_FLOWS};
use flow_server::store::synthetic::seed_flows;
use serde_json::Value;
use std::time::Instant;

const USAGE: &str = "usage: registry_page [--flows N] [--runs N] [--first-visit-only]";

struct Options {
    flows: usize,
    runs: usize,
    first_visit_only: bool,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        flows: 100_000,
        runs: 15,
        first_visit_only: false,
    };
    let mut args = std::env::args().skip(1).filter(|arg| arg != "--bench");
    while let Some(flag) = args.next() {
        if flag == "--first-visit-only" {
            options.first_visit_only = true;
            continue;
        }
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

/// What the page downloaded since its navigation, as the browser counted it (Resource Timing),
/// once per address (a preload and its use are one download): for the app's files and for the
/// API (`arguments[0]`), `[on the wire with headers, bodies as sent, bodies decoded, files]`;
/// and each address with its bytes on the wire.
const DOWNLOADED: &str = r#"
const [api] = arguments;
const largest = new Map();
for (const entry of [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]) {
  const seen = largest.get(entry.name);
  if (!seen || entry.transferSize > seen.transferSize) largest.set(entry.name, entry);
}
const totals = { app: [0, 0, 0, 0], api: [0, 0, 0, 0], files: [] };
for (const entry of largest.values()) {
  const path = new URL(entry.name).pathname;
  const part = totals[path.startsWith(api + '/') ? 'api' : 'app'];
  part[0] += entry.transferSize;
  part[1] += entry.encodedBodySize;
  part[2] += entry.decodedBodySize;
  part[3] += 1;
  totals.files.push([path, entry.transferSize, entry.decodedBodySize]);
}
return totals;
"#;

/// Bytes of a first visit to the Flow page, signed in, with an empty cache, as the browser
/// counted them: `(app, api)`, each `[on the wire, bodies as sent, bodies decoded, files]`.
async fn first_visit(browser: &Browser, base: &str) -> ([f64; 4], [f64; 4]) {
    browser
        .devtools("Network.clearBrowserCache", serde_json::json!({}))
        .await;
    let client = &browser.client;
    client.goto(&format!("{base}/")).await.unwrap();
    client.execute_async(TABLE_READY, vec![]).await.unwrap();
    let totals = client
        .execute(DOWNLOADED, vec![Value::from(API_BASE)])
        .await
        .unwrap();
    for file in totals["files"].as_array().into_iter().flatten() {
        eprintln!(
            "  {:<60} {:>8} B on the wire, {:>8} B decoded",
            file[0].as_str().unwrap_or_default(),
            number(file[1].clone()),
            number(file[2].clone())
        );
    }
    let part = |name: &str| -> [f64; 4] {
        std::array::from_fn(|index| number(totals[name][index].clone()))
    };
    (part("app"), part("api"))
}

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
    eprintln!("a first visit to the Flow page, empty cache:");
    let (app, api) = first_visit(&browser, &server.base).await;
    let kb = |bytes: f64| format!("{:.0} KB", bytes / 1024.0);
    let wire = app[0] + api[0];
    let raw = app[2] + api[2];
    eprintln!(
        "  the app: {} files, {} on the wire ({} of bodies as sent), {} raw; the API: {} \
         answers, {} on the wire, {} raw",
        app[3],
        kb(app[0]),
        kb(app[1]),
        kb(app[2]),
        api[3],
        kb(api[0]),
        kb(api[2])
    );
    let first_visit_row = || {
        row(
            "first visit, on the wire",
            kb(wire),
            String::new(),
            format!("raw {}", kb(raw)),
            wire / raw.max(1.0),
            "<= 400 KB",
            wire <= 400.0 * 1024.0,
        )
    };
    if options.first_visit_only {
        browser.close().await;
        println!("\nFlow page, a first visit, headless Chromium");
        heading();
        first_visit_row();
        return;
    }
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
    first_visit_row();
}
