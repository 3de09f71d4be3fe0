//! Decompile + layout and compile, on the largest corpus flow and on synthetic flows of 1,000,
//! 10,000 and 50,000 steps, each against serde_json on the same document as the floor (parse
//! for decompile, serialize for compile). After criterion's own report, a table of the ratios
//! and of the cost per step (flat per step means linear growth).

use criterion::{black_box, BenchmarkId, Criterion};
use flow_model::flow::compile::compile_to_text;
use flow_model::flow::generate::synthetic_flow;
use flow_model::flow::{auto_layout, decompile, diagnose, LayoutOptions};
use flow_model::FlowType;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn inputs() -> Vec<(String, Value)> {
    let corpus =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/webitel/call-001.json");
    let mut inputs = vec![(
        "call-001".to_owned(),
        serde_json::from_str(
            &std::fs::read_to_string(&corpus).expect("the corpus beside the repository"),
        )
        .unwrap(),
    )];
    for steps in [1_000, 10_000, 50_000] {
        inputs.push((format!("{steps}"), synthetic_flow(steps)));
    }
    inputs
}

fn steps_in(schema: &Value) -> usize {
    let mut count = 0;
    let mut pending = vec![schema];
    while let Some(value) = pending.pop() {
        match value {
            Value::Array(items) => pending.extend(items),
            Value::Object(map) => {
                count += usize::from(map.contains_key("tag"));
                pending.extend(map.values());
            }
            _ => {}
        }
    }
    count
}

/// The code editor's full check of call-001 as it shows it (pretty-printed), per edit.
fn diagnostics(c: &mut Criterion) {
    let (_, schema) = &inputs()[0];
    let text = serde_json::to_string_pretty(schema).unwrap();
    let mut group = c.benchmark_group("diagnose-call-001");
    group.bench_function("parse-floor", |b| {
        b.iter(|| serde_json::from_str::<Value>(black_box(&text)).unwrap())
    });
    group.bench_function("diagnose", |b| {
        b.iter(|| diagnose(black_box(&text), FlowType::Voice))
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    for (name, schema) in inputs() {
        let text = schema.to_string();
        let graph = decompile(&schema).unwrap();
        let mut group = c.benchmark_group(format!("flow-{name}"));
        group.sample_size(if name == "50000" { 10 } else { 30 });
        group.bench_function(BenchmarkId::new("parse-floor", &name), |b| {
            b.iter(|| serde_json::from_str::<Value>(black_box(&text)).unwrap())
        });
        group.bench_function(BenchmarkId::new("decompile-layout", &name), |b| {
            b.iter(|| {
                let mut graph = decompile(black_box(&schema)).unwrap();
                auto_layout(&mut graph, LayoutOptions::default());
                graph
            })
        });
        group.bench_function(BenchmarkId::new("serialize-floor", &name), |b| {
            b.iter(|| serde_json::to_string(black_box(&schema)).unwrap())
        });
        // What a save does: the diagram straight to JSON text.
        group.bench_function(BenchmarkId::new("compile", &name), |b| {
            b.iter(|| compile_to_text(black_box(&graph)))
        });
        group.finish();
    }
}

/// Criterion's point estimate (mean, nanoseconds) of one benchmark from this run.
fn estimate(group: &str, function: &str, input: &str) -> Option<f64> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "..",
        "target",
        "criterion",
        group,
        function,
        input,
        "new",
        "estimates.json",
    ]
    .iter()
    .collect();
    let estimates: Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    estimates["mean"]["point_estimate"].as_f64()
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion);
    diagnostics(&mut criterion);
    criterion.final_summary();

    if let (Some(check), Some(parse)) = (
        estimate("diagnose-call-001", "diagnose", ""),
        estimate("diagnose-call-001", "parse-floor", ""),
    ) {
        println!(
            "\nDiagnostics of call-001 (per edit in the code editor): {:.2} ms, {:.2}x parsing it (target < 50 ms)",
            check / 1e6,
            check / parse
        );
    }

    println!("\n| flow | steps | decompile+layout | vs parse | ns/step | compile | vs serialize | ns/step |");
    println!("|---|---|---|---|---|---|---|---|");
    for (name, schema) in inputs() {
        let group = format!("flow-{name}");
        let steps = steps_in(&schema);
        let values = [
            "decompile-layout",
            "parse-floor",
            "compile",
            "serialize-floor",
        ]
        .map(|function| estimate(&group, function, &name));
        let [Some(decompile), Some(parse), Some(compile), Some(serialize)] = values else {
            println!("| {name} | {steps} | (not measured in this run) |");
            continue;
        };
        println!(
            "| {name} | {steps} | {:.2} ms | {:.2}x | {:.0} | {:.2} ms | {:.2}x | {:.0} |",
            decompile / 1e6,
            decompile / parse,
            decompile / steps as f64,
            compile / 1e6,
            compile / serialize,
            compile / steps as f64,
        );
    }
    println!("\nTargets: compile at most 3x serialize; decompile + layout of 10,000 steps under 200 ms; ns/step flat or growing no faster than log n.");
}
