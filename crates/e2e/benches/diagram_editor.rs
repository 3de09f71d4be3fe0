//! The diagram editor in headless Chromium against the real server, on generated flows of 500,
//! 2,000 and 10,000 steps and on the corpus's call-001.
//!
//! `cargo bench -p flow-e2e --bench diagram_editor [-- --runs N]` (the web app must be built:
//! `cargo xtask build`).
//!
//! For each flow, stored as a Diagram flow with its layout, measured in the page:
//! - open: from the flow's data arriving to the first full frame, against fetching the same
//!   flow from the API in the page;
//! - pan: all the page does for one pointer move while dragging the view (handlers, scene,
//!   canvas, minimap), against the same on a flow of nothing but Start;
//! - drag: the same while dragging 50 selected steps;
//! - memory: the JavaScript heap and the WebAssembly memory once open.
//!
//! Targets: 2,000 steps open < 500 ms with frames <= 16 ms; 10,000 open < 2 s, frames <= 33 ms.

use fantoccini::Client;
use flow_e2e::report::{corpus_file, heading, median_and_p90, number, row, runs_from_args};
use flow_e2e::{AppServer, Browser, ADMIN_PASSWORD};
use flow_model::flow::generate::synthetic_flow;
use flow_model::flow::{auto_layout, decompile, payload, LayoutOptions};
use serde_json::{json, Value};

const USAGE: &str = "usage: diagram_editor [--runs N]";

/// Waits for the first full frame and answers the milliseconds since the data arrived.
const OPENED: &str = r#"
const done = arguments[arguments.length - 1];
function measure() {
  const data = performance.getEntriesByName('flow-data').pop();
  const drawn = performance.getEntriesByName('diagram-drawn').pop();
  if (data && drawn) { done(drawn.startTime - data.startTime); return true; }
  return false;
}
if (!measure()) { const timer = setInterval(() => { if (measure()) clearInterval(timer); }, 2); }
"#;

/// Fetches the flow `arguments[0]` from the API in the page: the floor of opening it.
const FETCH: &str = r#"
const [id, done] = [arguments[0], arguments[arguments.length - 1]];
const token = sessionStorage.getItem('flow-studio.token');
const started = performance.now();
fetch('/api/routing/schema/' + id, { headers: { 'X-Webitel-Access': token } })
  .then(reply => reply.json())
  .then(() => done(performance.now() - started));
"#;

/// Drags on the canvas from `arguments[0..2]` by `arguments[2..4]` in 60 moves, one per
/// animation frame (Shift held if `arguments[4]`), and answers, for each move, the
/// milliseconds from the event to the page having done all it does for it (handlers, then
/// every effect they wake: the scene, the canvas and the minimap).
const DRAG: &str = r#"
const [x, y, dx, dy, shift, done] = [...arguments];
const canvas = document.querySelector('.canvas-area canvas');
const box = canvas.getBoundingClientRect();
const event = (type, step) => canvas.dispatchEvent(new PointerEvent(type, {
  bubbles: true, pointerId: 1, isPrimary: true, shiftKey: shift, buttons: 1,
  clientX: box.left + x + dx * step / 60, clientY: box.top + y + dy * step / 60 }));
// A task after the event's: by then every microtask it queued (the effects) has run.
const settled = () => new Promise(resolve => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve();
  channel.port2.postMessage(0);
});
(async () => {
  event('pointerdown', 0);
  await settled();
  const times = [];
  for (let step = 1; step <= 60; step++) {
    await new Promise(requestAnimationFrame);
    const started = performance.now();
    event('pointermove', step);
    await settled();
    times.push(performance.now() - started);
  }
  event('pointerup', 60);
  await settled();
  done(times);
})();
"#;

/// The selection band's corners (canvas pixels) around the first `arguments[0]` steps, and a
/// point on one of them to drag by.
const FIRST_STEPS: &str = r#"
const count = arguments[0];
const canvas = document.querySelector('.canvas-area canvas');
const [ox, oy, zoom] = canvas.dataset.view.split(' ').map(Number);
const items = Array.from(document.querySelectorAll('.canvas-area ul.visually-hidden li')).slice(1, count + 1);
const points = items.map(li => [(Number(li.dataset.x) - ox) * zoom, (Number(li.dataset.y) - oy) * zoom]);
const xs = points.map(p => p[0]), ys = points.map(p => p[1]);
return [Math.min(...xs) - 150 * zoom, Math.min(...ys) - 60 * zoom,
        Math.max(...xs) + 110 * zoom, Math.max(...ys) + 40 * zoom, points[0][0], points[0][1]];
"#;

const MEMORY: &str = r#"
return (performance.memory ? performance.memory.usedJSHeapSize : 0) / 1048576;
"#;

fn times(value: Value) -> Vec<f64> {
    value
        .as_array()
        .expect("a list of times")
        .iter()
        .map(|time| time.as_f64().expect("a time"))
        .collect()
}

/// Runs [`DRAG`] from canvas point `from` by `by`, Shift held if `shift`: the work of each move.
async fn drag(client: &Client, from: (f64, f64), by: (f64, f64), shift: bool) -> Vec<f64> {
    let arguments = vec![
        json!(from.0),
        json!(from.1),
        json!(by.0),
        json!(by.1),
        json!(shift),
    ];
    times(client.execute_async(DRAG, arguments).await.unwrap())
}

/// The flow as a saved diagram: its schema and its layout.
fn as_diagram(schema: &Value) -> (Value, Value, usize) {
    let mut graph = decompile(schema).expect("a valid flow");
    auto_layout(&mut graph, LayoutOptions::default());
    let nodes = graph.node_count();
    let saved = payload::save(&mut graph, None);
    (saved.schema, saved.payload, nodes)
}

#[tokio::main]
async fn main() {
    let runs = runs_from_args(5, USAGE);
    let call: Value = serde_json::from_str(&corpus_file("call-001.json")).unwrap();
    let flows = [
        ("500 steps".to_owned(), synthetic_flow(500)),
        ("2,000 steps".to_owned(), synthetic_flow(2_000)),
        ("10,000 steps".to_owned(), synthetic_flow(10_000)),
        ("call-001".to_owned(), call),
    ];
    let server = AppServer::start().await;
    let token = server.admin_token().await;
    let browser = Browser::start().await;
    browser.sign_in(&server, "admin", ADMIN_PASSWORD).await;
    let client = &browser.client;

    // The floor of a frame: the editor's own, panning a flow of nothing but Start.
    client
        .goto(&format!("{}/flows/new/diagram?type=voice", server.base))
        .await
        .unwrap();
    browser.find("canvas").await;
    let mut empty = Vec::new();
    for _ in 0..runs {
        empty.extend(drag(client, (5.0, 5.0), (300.0, 200.0), false).await);
    }
    let (empty_median, _) = median_and_p90(empty);

    println!("\nDiagram editor, headless Chromium, {runs} runs each (frames: 60 per drag)");
    heading();
    for (index, (name, schema)) in flows.iter().enumerate() {
        let (schema, layout, nodes) = as_diagram(schema);
        let flow = server
            .create_flow(
                &token,
                json!({"name": format!("bench {index}"), "type": "voice", "editor": true,
                       "schema": schema, "payload": layout}),
            )
            .await;
        let id = flow["id"].as_str().unwrap().to_owned();
        let (mut open, mut fetch, mut pan, mut dragged, mut memory) =
            (vec![], vec![], vec![], vec![], vec![]);
        for _ in 0..runs {
            client
                .goto(&format!("{}/flows/{id}/diagram", server.base))
                .await
                .unwrap();
            open.push(number(client.execute_async(OPENED, vec![]).await.unwrap()));
            fetch.push(number(
                client.execute_async(FETCH, vec![json!(id)]).await.unwrap(),
            ));
            memory.push(number(client.execute(MEMORY, vec![]).await.unwrap()));
            // Drag 50 steps: select them with a band, then drag one of them.
            let corners = client.execute(FIRST_STEPS, vec![json!(50)]).await.unwrap();
            let corner = |at: usize| corners[at].as_f64().unwrap();
            drag(
                client,
                (corner(0), corner(1)),
                (corner(2) - corner(0), corner(3) - corner(1)),
                true,
            )
            .await;
            dragged.extend(drag(client, (corner(4), corner(5)), (120.0, 80.0), false).await);
            // Pan: drag empty space (the top left corner, left of the flow after fitting).
            pan.extend(drag(client, (5.0, 5.0), (300.0, 200.0), false).await);
        }
        let ms = |value: f64| format!("{value:.1} ms");
        let (open_target, frame_target) = if nodes > 5_000 {
            (2_000.0, 33.0)
        } else {
            (500.0, 16.0)
        };
        let (open_median, open_p90) = median_and_p90(open);
        let (fetch_median, _) = median_and_p90(fetch);
        row(
            &format!("{name}: open"),
            ms(open_median),
            ms(open_p90),
            format!("API fetch {}", ms(fetch_median)),
            open_median / fetch_median.max(0.1),
            &format!("< {open_target:.0} ms"),
            open_p90 < open_target,
        );
        for (what, samples) in [("pan", pan), ("drag 50", dragged)] {
            let (median, p90) = median_and_p90(samples);
            row(
                &format!("{name}: {what}"),
                ms(median),
                ms(p90),
                format!("empty flow's frame {}", ms(empty_median)),
                median / empty_median.max(0.01),
                &format!("<= {frame_target:.0} ms"),
                p90 <= frame_target,
            );
        }
        let (heap, _) = median_and_p90(memory);
        println!(
            "{:<15} JS heap {heap:.0} MB ({nodes} nodes)",
            format!("{name}:")
        );
    }
    browser.close().await;
}
