//! The Run panel in headless Chromium against the real server, the simulator in its worker.
//!
//! `cargo bench -p flow-e2e --bench run_panel [-- --runs N]` (the web app must be built:
//! `cargo xtask build`). Measures, each beside a baseline from the same run:
//! - steps a second in the worker: a loop of set / if / switch run to 100,000 steps, from Run
//!   to the end shown in the panel, against a bare worker counting as many passes in plain
//!   JavaScript (the floor of any worker);
//! - Run to the first step shown, on call-001, against a bare worker's start and first answer;
//! - a step's highlight on a 2,000-step diagram: the canvas's repaint after each Step, against
//!   its repaint for a pan of the same view;
//! - the simulator's download, compressed, against a first visit to the Flow page.
//!
//! Targets: >= 300,000 steps/s in the worker, first step < 100 ms, highlight < 16 ms.

use flow_e2e::report::{corpus_file, heading, median_and_p90, number, row, runs_from_args};
use flow_e2e::{dist_dir, AppServer, Browser, ADMIN_PASSWORD};
use serde_json::{json, Value};

const USAGE: &str = "usage: run_panel [--runs N]";
/// Passes of the loop: about 100,000 steps, the panel's budget.
const PASSES: usize = 19_900;

/// Milliseconds between the last two marks named `from` and `to` (waiting for `to` to come
/// after `from`).
const BETWEEN_MARKS: &str = r#"
const [from, to] = arguments;
const done = arguments[arguments.length - 1];
function measure() {
  const start = performance.getEntriesByName(from).pop();
  const end = performance.getEntriesByName(to).pop();
  if (start && end && end.startTime >= start.startTime) { done(end.startTime - start.startTime); return true; }
  return false;
}
if (!measure()) { const timer = setInterval(() => { if (measure()) clearInterval(timer); }, 2); }
"#;

/// A bare worker (from a blob) that counts `arguments[0]` passes of a set / if / switch loop
/// in plain JavaScript and answers: milliseconds from its creation to its answer.
const BARE_WORKER: &str = r#"
const [passes] = arguments;
const done = arguments[arguments.length - 1];
const source = `onmessage = (event) => {
  const vars = { mode: 'b' }; let steps = 0;
  for (let pass = 0; pass < event.data; pass++) {
    vars.seen = String(vars.mode); steps++;
    if (vars.mode == 'b') { vars.mode = 'a'; } else { vars.mode = 'b'; } steps += 2;
    switch (vars.mode) { case 'a': vars.last = 'a'; break; default: vars.last = 'b'; } steps += 2;
  }
  postMessage(steps);
};`;
const started = performance.now();
const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
worker.onmessage = (event) => { done([performance.now() - started, event.data]); worker.terminate(); };
worker.postMessage(passes);
"#;

/// The repaints recorded since the last call, in milliseconds.
const PAINTS: &str = r#"
const entries = performance.getEntriesByName('diagram-paint').map(entry => entry.duration);
performance.clearMeasures('diagram-paint');
return entries;
"#;

fn looping() -> Value {
    json!([
        {"set": {"mode": "b"}},
        {"while": {"condition": "true", "maxSteps": PASSES.to_string(), "do": [
            {"set": {"seen": "${mode}"}},
            {"if": {"expression": "${mode} == 'b'", "then": [{"set": {"mode": "a"}}], "else": [{"set": {"mode": "b"}}]}},
            {"switch": {"variable": "${mode}", "case": {"a": [{"set": {"last": "a"}}], "default": [{"set": {"last": "b"}}]}}}
        ]}}
    ])
}

fn long_chain(steps: usize) -> Value {
    Value::Array(
        (0..steps)
            .map(|step| json!({"set": {format!("v{step}"): step.to_string()}}))
            .collect(),
    )
}

async fn open_run_panel(browser: &Browser, page: &str) {
    browser.client.goto(page).await.unwrap();
    browser.find("canvas").await;
    browser.click(".run-toggle").await;
    browser.find(".run-panel").await;
}

/// Starts a run (or runs again) and answers the milliseconds from Run to `mark`.
async fn run_until(browser: &Browser, mark: &str) -> f64 {
    browser
        .client
        .execute("performance.clearMarks();", vec![])
        .await
        .unwrap();
    browser.click(".run-controls button.primary").await;
    number(
        browser
            .client
            .execute_async(BETWEEN_MARKS, vec![json!("run-start"), json!(mark)])
            .await
            .unwrap(),
    )
}

fn file_size(name: &str) -> u64 {
    std::fs::metadata(dist_dir().join(name))
        .map(|meta| meta.len())
        .unwrap_or_else(|error| panic!("{name}: {error}"))
}

#[tokio::main]
async fn main() {
    let runs = runs_from_args(5, USAGE);
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let store = |name: &str, schema: Value| {
        let server = &server;
        let token = token.clone();
        let name = name.to_owned();
        async move {
            let flow = server
                .create_flow(
                    &token,
                    json!({"name": name, "type": "voice", "editor": true, "schema": schema}),
                )
                .await;
            format!(
                "{}/flows/{}/diagram",
                server.base,
                flow["id"].as_str().unwrap()
            )
        }
    };
    let call = store(
        "call-001",
        serde_json::from_str(&corpus_file("call-001.json")).unwrap(),
    )
    .await;
    let loop_page = store("loop", looping()).await;
    let chain = store("chain", long_chain(2000)).await;

    let browser = Browser::start().await;
    browser.sign_in(&server, "admin", ADMIN_PASSWORD).await;
    browser.set_page_size(1440, 900).await;
    let client = &browser.client;

    // Steps a second: one warm-up run starts the worker, then each run reuses it.
    open_run_panel(&browser, &loop_page).await;
    run_until(&browser, "run-stopped").await;
    let mut speed = Vec::new();
    let mut bare_speed = Vec::new();
    for _ in 0..runs {
        let took = run_until(&browser, "run-stopped").await;
        let steps = browser.texts(".run-state").await.join(" ");
        let count: f64 = steps
            .split_whitespace()
            .filter_map(|word| word.replace(',', "").parse::<f64>().ok())
            .next_back()
            .expect("the state says how many steps");
        speed.push(count / took * 1000.0);
        let bare = client
            .execute_async(BARE_WORKER, vec![json!(PASSES)])
            .await
            .unwrap();
        bare_speed.push(number(bare[1].clone()) / number(bare[0].clone()) * 1000.0);
    }

    // Run to the first step, on call-001: a new page (and worker) each time.
    let (mut first, mut bare_start) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        open_run_panel(&browser, &call).await;
        first.push(run_until(&browser, "run-first-step").await);
        let bare = client
            .execute_async(BARE_WORKER, vec![json!(1)])
            .await
            .unwrap();
        bare_start.push(number(bare[0].clone()));
    }

    // A step's highlight on 2,000 steps: Step, Step, …; and pans of the same view.
    open_run_panel(&browser, &chain).await;
    let canvas = browser.find(".canvas-area canvas").await;
    let place = canvas.rectangle().await.unwrap();
    let middle = (place.0 + place.2 / 2.0, place.1 + place.3 / 2.0);
    client.execute(PAINTS, vec![]).await.unwrap();
    let mut pans = Vec::new();
    for pass in 0..runs * 4 {
        let to = (middle.0 + 3.0 * (pass % 2) as f64, middle.1);
        browser.press(middle, to, Some(' ')).await;
        pans.extend(
            client
                .execute(PAINTS, vec![])
                .await
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|paint| paint.as_f64().unwrap()),
        );
    }
    let mut highlights = Vec::new();
    for _ in 0..runs * 4 {
        browser.click_button(".run-controls button", "Step").await;
        browser.find(".run-controls button:not([disabled])").await;
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        highlights.extend(
            client
                .execute(PAINTS, vec![])
                .await
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|paint| paint.as_f64().unwrap()),
        );
    }
    browser.close().await;

    // The simulator's download beside a first visit's app files (Brotli, as served).
    let dist = std::fs::read_dir(dist_dir()).unwrap();
    let mut first_visit = 0;
    for entry in dist.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let app = name.starts_with("flow-studio-")
            || name.starts_with("main-")
            || name.starts_with("__wasm_split");
        if app && name.ends_with(".br") {
            first_visit += entry.metadata().unwrap().len();
        }
    }
    let worker_br = file_size("flow-simulator-worker_bg.wasm.br")
        + file_size("flow-simulator-worker.js.br")
        + file_size("flow-simulator-worker_loader.js.br");
    let worker_gz = file_size("flow-simulator-worker_bg.wasm.gz")
        + file_size("flow-simulator-worker.js.gz")
        + file_size("flow-simulator-worker_loader.js.gz");

    println!("\nRun panel, headless Chromium, {runs} runs");
    heading();
    let (speed_median, speed_p90) = median_and_p90(speed);
    let (bare_median, _) = median_and_p90(bare_speed);
    let thousands = |value: f64| format!("{:.0}k/s", value / 1000.0);
    row(
        "worker steps",
        thousands(speed_median),
        thousands(speed_p90),
        format!("bare JS worker {}", thousands(bare_median)),
        speed_median / bare_median,
        ">= 300k/s",
        speed_median >= 300_000.0,
    );
    let ms = |value: f64| format!("{value:.1} ms");
    let (first_median, first_p90) = median_and_p90(first);
    let (bare_start_median, _) = median_and_p90(bare_start);
    row(
        "first step",
        ms(first_median),
        ms(first_p90),
        format!("bare worker {}", ms(bare_start_median)),
        first_median / bare_start_median.max(0.1),
        "< 100 ms",
        first_p90 < 100.0,
    );
    let (highlight_median, highlight_p90) = median_and_p90(highlights);
    let (pan_median, _) = median_and_p90(pans);
    row(
        "highlight",
        ms(highlight_median),
        ms(highlight_p90),
        format!("pan repaint {}", ms(pan_median)),
        highlight_median / pan_median.max(0.01),
        "< 16 ms",
        highlight_p90 < 16.0,
    );
    println!(
        "simulator download: {} KB Brotli ({} KB gzip), {:.2}x a first visit's app files ({} KB), fetched only when a run starts",
        worker_br / 1024,
        worker_gz / 1024,
        worker_br as f64 / first_visit as f64,
        first_visit / 1024
    );
}
