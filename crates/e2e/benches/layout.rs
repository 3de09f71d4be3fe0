//! The diagram's layout beside ELK's layered layout (elkjs, `tools/elk-layout`), on every
//! corpus flow and on generated flows of 500 and 2,000 steps.
//!
//! `cargo bench -p flow-e2e --bench layout [-- --runs N]` (needs `cargo xtask setup` for node
//! and elkjs).
//!
//! Both lay out the same graph: the same boxes (200×58, taller for a step that lists its
//! ports), the same ports (next on the right, branches along the bottom or listed down the
//! right side, in the same order, fixed where the editor draws them), every link a line into
//! the left side of its target, gotos and failovers included.
//! ELK is told what the editor does: layered, left to right, orthogonal lines, 52 between
//! steps, 60 between layers. Each drawing is counted by the same code as the layout tests
//! (`scene::measure`): crossings, bends, total line length, width over height, overlapping
//! steps and lines through steps; and timed: ours is the model's layout plus the scene's line
//! routing, natively, ELK's its `layout()` in node; both the median of `--runs` (default 5).

use flow_model::flow::generate::synthetic_flow;
use flow_model::flow::{auto_layout, decompile, LayoutOptions};
use flow_model::l10n::Locale;
use flow_studio::pages::diagram::scene::measure::{measure, Line, Measures};
use flow_studio::pages::diagram::scene::viewport::{Rect, Vec2};
use flow_studio::pages::diagram::scene::{entry, Scene};
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// The median of `runs` timings of `work`, in milliseconds, and its last result.
fn median_ms<T>(runs: usize, mut work: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = work();
    for _ in 0..runs {
        let started = Instant::now();
        last = work();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], last)
}

/// Our drawing of `schema`: laid out and routed as the editor does it.
fn ours(schema: &Value) -> Scene {
    let mut flow = decompile(schema).expect("a flow");
    auto_layout(&mut flow, LayoutOptions::default());
    Scene::of(&flow, &[], Locale::ENGLISH)
}

fn port_id(node: usize, index: usize) -> String {
    format!("n{node}p{index}")
}

/// The scene's graph as ELK takes it: its boxes' sizes and ports, its links, none placed.
fn elk_graph(scene: &Scene) -> Value {
    let index_of = |node| {
        scene
            .boxes
            .iter()
            .position(|node_box| node_box.node == node)
            .expect("a link between boxes on show")
    };
    let children: Vec<Value> = scene
        .boxes
        .iter()
        .enumerate()
        .map(|(index, node_box)| {
            let rect = node_box.rect;
            let mut ports: Vec<Value> = node_box
                .ports
                .iter()
                .enumerate()
                .map(|(port, dot)| {
                    let side = if dot.at.x >= rect.x + rect.width {
                        "EAST"
                    } else {
                        "SOUTH"
                    };
                    json!({"id": port_id(index, port), "width": 1, "height": 1,
                           "x": dot.at.x - rect.x, "y": dot.at.y - rect.y,
                           "layoutOptions": {"elk.port.side": side}})
                })
                .collect();
            ports.push(json!({"id": format!("n{index}in"), "width": 1, "height": 1,
                              "x": 0, "y": entry(&rect).y - rect.y,
                              "layoutOptions": {"elk.port.side": "WEST"}}));
            json!({"id": format!("n{index}"), "width": rect.width, "height": rect.height,
                   "ports": ports,
                   "layoutOptions": {"elk.portConstraints": "FIXED_POS"}})
        })
        .collect();
    let edges: Vec<Value> = scene
        .edges
        .iter()
        .enumerate()
        .filter_map(|(number, edge)| {
            let from = index_of(edge.from);
            let port = scene.boxes[from]
                .ports
                .iter()
                .position(|dot| dot.port == edge.port)?;
            Some(json!({"id": format!("e{number}"),
                        "sources": [port_id(from, port)],
                        "targets": [format!("n{}in", index_of(edge.to))]}))
        })
        .collect();
    json!({
        "id": "root",
        "layoutOptions": {
            "elk.algorithm": "layered",
            "elk.direction": "RIGHT",
            "elk.edgeRouting": "ORTHOGONAL",
            "elk.spacing.nodeNode": "52",
            "elk.layered.spacing.nodeNodeBetweenLayers": "60",
            "elk.spacing.edgeNode": "12",
            "elk.spacing.edgeEdge": "8"
        },
        "children": children,
        "edges": edges
    })
}

/// ELK's drawing, as boxes and lines the measure counts.
fn elk_drawing(laid_out: &Value) -> (Vec<Rect>, Vec<Line>) {
    let number = |value: &Value| value.as_f64().unwrap_or_default();
    let point = |value: &Value| Vec2::new(number(&value["x"]), number(&value["y"]));
    let children = laid_out["children"].as_array().expect("ELK's nodes");
    let boxes = children
        .iter()
        .map(|child| Rect {
            x: number(&child["x"]),
            y: number(&child["y"]),
            width: number(&child["width"]),
            height: number(&child["height"]),
        })
        .collect();
    let node_of = |port: &Value| -> usize {
        let id = port.as_str().unwrap_or_default();
        id[1..]
            .split(['p', 'i'])
            .next()
            .and_then(|index| index.parse().ok())
            .expect("a port id made here")
    };
    let lines = laid_out["edges"]
        .as_array()
        .expect("ELK's edges")
        .iter()
        .map(|edge| {
            let mut points = Vec::new();
            for section in edge["sections"].as_array().into_iter().flatten() {
                points.push(point(&section["startPoint"]));
                points.extend(
                    section["bendPoints"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(point),
                );
                points.push(point(&section["endPoint"]));
            }
            Line {
                from: node_of(&edge["sources"][0]),
                to: node_of(&edge["targets"][0]),
                points,
            }
        })
        .collect();
    (boxes, lines)
}

/// Runs elkjs in node on every graph: for each, its laid out graph and median milliseconds.
fn elk(graphs: &[(String, Value)], runs: usize) -> Vec<(f64, Value)> {
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools");
    let input = json!({
        "runs": runs,
        "graphs": graphs.iter().map(|(name, graph)| json!({"name": name, "graph": graph})).collect::<Vec<_>>()
    });
    let mut node = Command::new("node")
        .arg(tools.join("elk-layout/layout.mjs"))
        .current_dir(&tools)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("cannot run node (run `cargo xtask setup`): {error}"));
    node.stdin
        .take()
        .expect("node's input")
        .write_all(input.to_string().as_bytes())
        .expect("graphs written to node");
    let output = node.wait_with_output().expect("node's answer");
    assert!(
        output.status.success(),
        "elkjs failed (is tools/node_modules/elkjs there? run `cargo xtask setup`)"
    );
    let results: Vec<Value> = serde_json::from_slice(&output.stdout).expect("ELK's JSON");
    results
        .into_iter()
        .map(|result| {
            (
                result["ms"].as_f64().unwrap_or_default(),
                result["graph"].clone(),
            )
        })
        .collect()
}

fn flows() -> Vec<(String, Value)> {
    let mut flows: Vec<(String, Value)> = flow_e2e::corpus_flows()
        .into_iter()
        .map(|(name, body)| (name, body["schema"].clone()))
        .collect();
    flows.push(("generated 500".into(), synthetic_flow(500)));
    flows.push(("generated 2,000".into(), synthetic_flow(2000)));
    flows
}

fn pair(ours: f64, theirs: f64, decimals: usize) -> String {
    format!("{ours:.decimals$} / {theirs:.decimals$}")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs = args
        .iter()
        .position(|arg| arg == "--runs")
        .and_then(|at| args.get(at + 1))
        .and_then(|runs| runs.parse().ok())
        .unwrap_or(5);
    let flows = flows();
    let mine: Vec<(usize, f64, Scene)> = flows
        .iter()
        .map(|(_, schema)| {
            let (ms, scene) = median_ms(runs, || ours(schema));
            (scene.boxes.len(), ms, scene)
        })
        .collect();
    let graphs: Vec<(String, Value)> = flows
        .iter()
        .zip(&mine)
        .map(|((name, _), (_, _, scene))| (name.clone(), elk_graph(scene)))
        .collect();
    let theirs = elk(&graphs, runs);

    println!("Layout: ours / ELK layered (elkjs 0.12.1), the median of {runs} runs each\n");
    println!("| flow | steps | crossings | bends | line length, thousands | aspect (w/h) | overlaps | lines through steps | time, ms |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for (((name, _), (steps, our_ms, scene)), (elk_ms, laid_out)) in
        flows.iter().zip(&mine).zip(&theirs)
    {
        let ours: Measures = scene.measures();
        let (boxes, lines) = elk_drawing(laid_out);
        let elk = measure(&boxes, &lines);
        println!(
            "| {name} | {steps} | {} | {} | {} | {} | {} | {} | {} |",
            pair(ours.crossings as f64, elk.crossings as f64, 0),
            pair(ours.bends as f64, elk.bends as f64, 0),
            pair(ours.length / 1000.0, elk.length / 1000.0, 1),
            pair(ours.aspect, elk.aspect, 2),
            pair(ours.overlaps as f64, elk.overlaps as f64, 0),
            pair(ours.through_steps as f64, elk.through_steps as f64, 0),
            pair(*our_ms, *elk_ms, 1),
        );
    }
}
