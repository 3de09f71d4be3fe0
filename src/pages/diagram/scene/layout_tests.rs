//! The auto-layout as drawn: on every corpus flow, big synthetic flows and random flows, no
//! step on another, no line through a step, no two placing lines crossing, and flows over 30
//! steps screen-shaped.

use super::measure::{measure, Measures};
use super::Scene;
use flow_model::flow::generate::synthetic_flow;
use flow_model::flow::{auto_layout, decompile, FlowGraph, LayoutOptions};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::{json, Value};
use std::path::PathBuf;

fn laid_out(schema: &Value) -> FlowGraph {
    let mut flow = decompile(schema).expect("a flow");
    auto_layout(&mut flow, LayoutOptions::default());
    flow
}

/// The flow laid out, measured with every link and with placing links only.
fn measured(schema: &Value) -> (usize, Measures, Measures) {
    let flow = laid_out(schema);
    let scene = Scene::of(&flow, &[], flow_model::l10n::Locale::ENGLISH);
    let (boxes, placing) = scene.drawing(true);
    (
        flow.node_count(),
        scene.measures(),
        measure(&boxes, &placing),
    )
}

/// `screen_shaped`: also check the shape of flows over 30 steps (random trees of a dozen
/// nested cases are as tall as their leaves are many, whatever the layout), and that gotos
/// too pass no step (the router's way under a crowd may, in random tangles of them).
fn assert_readable(name: &str, schema: &Value, screen_shaped: bool) {
    let (steps, all, placing) = measured(schema);
    assert_eq!(all.overlaps, 0, "{name}: steps on top of each other");
    assert_eq!(
        placing.through_steps, 0,
        "{name}: a placing line through a step"
    );
    if screen_shaped {
        assert_eq!(all.through_steps, 0, "{name}: a line through a step");
    }
    assert_eq!(placing.crossings, 0, "{name}: placing lines cross");
    if screen_shaped && steps > 30 {
        assert!(
            (1.0 / 3.0..=3.0).contains(&all.aspect),
            "{name} ({steps} steps) is {:.2} times as wide as tall",
            all.aspect
        );
    }
}

#[test]
fn every_corpus_flow_is_laid_out_readably() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/webitel");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("the corpus beside the project")
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 6);
    for file in files {
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert_readable(&file.display().to_string(), &schema, true);
    }
}

/// The crossings of ELK's layered layout on each corpus flow, all lines counted
/// (`cargo bench -p flow-e2e --bench layout`, elkjs 0.12.1, README).
const ELK_CROSSINGS: [(&str, usize); 6] = [
    ("call-001", 213),
    ("call-002", 143),
    ("chat-001", 4),
    ("chat-002", 0),
    ("chat-003", 1),
    ("chat-004", 2),
];

#[test]
fn no_corpus_flow_is_drawn_with_more_crossings_than_elk_draws_it() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/webitel");
    for (name, elk) in ELK_CROSSINGS {
        let file = folder.join(format!("{name}.json"));
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let (_, all, _) = measured(&schema);
        assert!(
            all.crossings <= elk,
            "{name}: {} crossings, ELK {elk}",
            all.crossings
        );
    }
}

#[test]
fn big_flows_are_laid_out_readably() {
    for steps in [500, 2000] {
        assert_readable(&format!("{steps} steps"), &synthetic_flow(steps), true);
    }
}

/// Random flows: chains of logs, ifs and switches of up to a dozen cases, and gotos back to
/// tagged steps.
fn random_schema() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        "[a-z]{0,6}".prop_map(|text| json!({"log": text})),
        (0usize..40).prop_map(|tag| json!({"goto": format!("t{tag}")})),
    ];
    let step = leaf.prop_recursive(5, 120, 12, |inner| {
        let steps = || prop::collection::vec(inner.clone(), 0..6);
        prop_oneof![
            (steps(), steps()).prop_map(|(then, otherwise)| json!({"if": {"expression": "1", "then": then, "else": otherwise}})),
            prop::collection::vec(steps(), 1..12).prop_map(|cases| {
                let cases: serde_json::Map<String, Value> = cases
                    .into_iter()
                    .enumerate()
                    .map(|(case, steps)| (case.to_string(), Value::Array(steps)))
                    .collect();
                json!({"switch": {"variable": "${x}", "case": cases}})
            }),
        ]
    });
    prop::collection::vec(step, 0..40).prop_map(|steps| {
        let tagged = steps
            .into_iter()
            .enumerate()
            .map(|(index, mut step)| {
                step["tag"] = json!(format!("t{index}"));
                step
            })
            .collect();
        Value::Array(tagged)
    })
}

proptest! {
    // Failures are kept beside this file, not at the project's top level.
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..ProptestConfig::with_cases(64)
    })]

    #[test]
    fn random_flows_are_laid_out_readably_and_the_same_each_time(schema in random_schema()) {
        assert_readable("a random flow", &schema, false);
        let positions = |schema: &Value| {
            let flow = laid_out(schema);
            flow.graph
                .node_indices()
                .map(|node| flow.graph[node].position())
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(positions(&schema), positions(&schema));
    }
}
