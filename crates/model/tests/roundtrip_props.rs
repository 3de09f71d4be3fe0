//! Property tests of the round-trip promises on generated flows: random well-formed schemas
//! (nesting, switch cases, loops, hooks, definitions, unknown apps, tags, gotos and limits in
//! scope) and random diagrams (any wiring, jumps included).

use flow_model::flow::{
    assign_missing_tags, compile, decompile, semantic_difference, FlowGraph, Port, Step,
};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// A step tree without tags or jumps.
fn step() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        "[a-z ]{0,8}".prop_map(|text| json!({"log": text})),
        (0u32..50).prop_map(|id| json!({"playback": {"files": [{"id": id}]}})),
        Just(json!({"answer": ""})),
        "[A-Z_]{0,6}".prop_map(|cause| json!({"hangup": cause})),
        ("[a-z]{1,4}", any::<i32>()).prop_map(|(name, value)| json!({"set": {name: value}})),
        any::<bool>().prop_map(
            |flag| json!({"customApp": {"flag": flag, "then": [{"log": "inside"}]}, "_id": "x"})
        ),
    ];
    leaf.prop_recursive(4, 40, 4, |inner| {
        let steps = || prop::collection::vec(inner.clone(), 0..4);
        prop_oneof![
            (steps(), steps()).prop_map(|(then, otherwise)| json!({"if": {"expression": "${a} > 1", "then": then, "else": otherwise}})),
            prop::collection::btree_map("[0-9a-z]{1,3}", steps(), 1..4)
                .prop_map(|cases| json!({"switch": {"variable": "${x}", "case": cases}})),
            steps().prop_map(|body| json!({"while": {"condition": "${i} < 3", "do": body, "maxSteps": "10"}})),
            (steps(), steps()).prop_map(|(offering, timer)| {
                json!({"joinQueue": {"queue": {"id": 1}, "offering": offering, "timers": [{"interval": 5, "actions": timer}]}})
            }),
        ]
    })
}

/// Top level: definitions anywhere among the steps.
fn schema() -> impl Strategy<Value = (Value, Vec<u8>)> {
    let definition = prop_oneof![
        ("[a-z]{1,5}", prop::collection::vec(step(), 0..3))
            .prop_map(|(name, body)| json!({"function": {"name": name, "actions": body}})),
        prop::collection::vec(step(), 0..3)
            .prop_map(|body| json!({"trigger": {"disconnected": body}})),
    ];
    let item = prop_oneof![4 => step(), 1 => definition];
    (
        prop::collection::vec(item, 0..8),
        prop::collection::vec(any::<u8>(), 64),
    )
        .prop_map(|(steps, dice)| (Value::Array(steps), dice))
}

/// Every step array of a schema as a JSON pointer, with its goto scope (0 = top level; each
/// function, trigger and hook body is a scope of its own).
fn arrays_with_scopes(schema: &Value) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    let mut scopes = 1;
    let mut pending = vec![(String::new(), 0)];
    while let Some((pointer, scope)) = pending.pop() {
        let items = schema
            .pointer(&pointer)
            .and_then(Value::as_array)
            .expect("an array");
        for (index, item) in items.iter().enumerate() {
            let Some(step) = item.as_object() else {
                continue;
            };
            for (app, argument) in step {
                let base = format!("{pointer}/{index}/{app}");
                let mut nested = |suffix: String, own: bool| {
                    let scope = if own {
                        scopes += 1;
                        scopes - 1
                    } else {
                        scope
                    };
                    pending.push((format!("{base}/{suffix}"), scope));
                };
                match app.as_str() {
                    "if" => ["then", "else"]
                        .into_iter()
                        .for_each(|key| nested(key.to_owned(), false)),
                    "while" => nested("do".to_owned(), false),
                    "switch" => argument["case"]
                        .as_object()
                        .into_iter()
                        .flat_map(|cases| cases.keys())
                        .for_each(|key| nested(format!("case/{key}"), false)),
                    "function" => nested("actions".to_owned(), true),
                    "trigger" => nested("disconnected".to_owned(), true),
                    "joinQueue" => {
                        nested("offering".to_owned(), true);
                        nested("timers/0/actions".to_owned(), true);
                    }
                    _ => {}
                }
            }
        }
        found.push((pointer, scope));
    }
    found
}

/// Adds tags, trailing gotos and limit failovers, each only to tags in the same scope.
fn add_jumps(schema: &mut Value, dice: &[u8]) {
    let mut roll = dice.iter().cycle().map(|&die| usize::from(die));
    let arrays = arrays_with_scopes(schema);
    let mut tags: Vec<Vec<String>> = Vec::new();
    for (number, (pointer, scope)) in arrays.iter().enumerate() {
        let items = schema
            .pointer_mut(pointer)
            .and_then(Value::as_array_mut)
            .unwrap();
        for (index, item) in items.iter_mut().enumerate() {
            // Gotos to definitions (function, trigger) are not something flows do.
            let definition = item
                .get("function")
                .or_else(|| item.get("trigger"))
                .is_some();
            if roll.next().unwrap() % 2 == 0 && !definition {
                let tag = format!("t{number}_{index}");
                item.as_object_mut()
                    .unwrap()
                    .insert("tag".into(), json!(tag));
                tags.resize(tags.len().max(scope + 1), Vec::new());
                tags[*scope].push(tag);
            }
        }
    }
    for (pointer, scope) in &arrays {
        let Some(in_scope) = tags.get(*scope).filter(|tags| !tags.is_empty()) else {
            continue;
        };
        let items = schema
            .pointer_mut(pointer)
            .and_then(Value::as_array_mut)
            .unwrap();
        for item in items.iter_mut() {
            if roll.next().unwrap() % 5 == 0 {
                let target = &in_scope[roll.next().unwrap() % in_scope.len()];
                item.as_object_mut()
                    .unwrap()
                    .insert("limit".into(), json!({"max": 2, "failover": target}));
            }
        }
        if roll.next().unwrap() % 3 == 0 {
            items.push(json!({"goto": in_scope[roll.next().unwrap() % in_scope.len()]}));
        }
    }
}

/// An edge as comparable data: from tag, port, to tag, jump.
type LinkShape = (String, String, String, bool);

/// The diagram as comparable data: each step (by tag) and each edge.
fn shape(flow: &FlowGraph) -> (BTreeSet<String>, BTreeSet<LinkShape>) {
    let name = |node: flow_model::flow::NodeId| match flow.graph[node].tag() {
        Some(tag) => tag.to_owned(),
        None => "start".to_owned(),
    };
    let steps = flow
        .steps()
        .map(|(_, step)| serde_json::to_string(&step.object).unwrap())
        .collect();
    let links = flow
        .graph
        .edge_indices()
        .map(|edge| {
            let (from, to) = flow.graph.edge_endpoints(edge).unwrap();
            let link = &flow.graph[edge];
            (name(from), link.port.to_string(), name(to), link.jump)
        })
        .collect();
    (steps, links)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn schema_to_graph_and_back_keeps_the_meaning((schema, dice) in schema()) {
        let mut schema = schema;
        add_jumps(&mut schema, &dice);
        let graph = decompile(&schema).unwrap();
        let compiled = compile(&graph);
        prop_assert!(compiled.disconnected.is_empty());
        if let Some(difference) = semantic_difference(&schema, &compiled.schema) {
            return Err(TestCaseError::fail(format!("{difference}\n{schema}\n{}", compiled.schema)));
        }
        let again = compile(&decompile(&compiled.schema).unwrap());
        prop_assert_eq!(again.schema.to_string(), compiled.schema.to_string());
    }

    #[test]
    fn graph_to_schema_and_back_is_the_same_graph((schema, dice) in schema()) {
        let mut schema = schema;
        add_jumps(&mut schema, &dice);
        let mut graph = decompile(&schema).unwrap();
        assign_missing_tags(&mut graph);
        let compiled = compile(&graph);
        let back = decompile(&compiled.schema).unwrap();
        prop_assert_eq!(shape(&back), shape(&graph));
    }

    #[test]
    fn any_wiring_compiles_to_a_fixed_point(
        apps in prop::collection::vec(0usize..3, 1..12),
        wiring in prop::collection::vec((0usize..12, 0usize..3, 0usize..12, any::<bool>()), 0..24),
    ) {
        let mut graph = FlowGraph::new();
        let nodes: Vec<_> = apps
            .iter()
            .map(|app| match app {
                0 => graph.add_step(Step::new("log", json!("x"))),
                1 => graph.add_step(Step::new("if", json!({"expression": "1"}))),
                _ => graph.add_step(Step::new("switch", json!({"variable": "v", "case": {"a": [], "b": []}}))),
            })
            .collect();
        graph.connect(graph.start, Port::Next, nodes[0], false);
        for (from, port, to, jump) in wiring {
            let (from, to) = (nodes[from % nodes.len()], nodes[to % nodes.len()]);
            let app = graph.step(from).unwrap().app.clone();
            let port = match (port, app.as_str()) {
                (1, "if") => Port::branch(&["then"]),
                (2, "if") => Port::branch(&["else"]),
                (1, "switch") => Port::branch(&["case", "a"]),
                (2, "switch") => Port::branch(&["case", "b"]),
                (0, _) => Port::Next,
                _ => Port::Failover,
            };
            if graph.link_from(from, &port).is_none() {
                graph.connect(from, port, to, jump);
            }
        }
        let compiled = compile(&graph);
        let again = compile(&decompile(&compiled.schema).unwrap());
        prop_assert_eq!(again.schema.to_string(), compiled.schema.to_string());
        prop_assert!(semantic_difference(&compiled.schema, &again.schema).is_none());
        // Every node is either in the schema or reported.
        let placed = compiled.schema.to_string().matches("__").count();
        prop_assert!(placed + compiled.disconnected.len() >= graph.node_count());
    }
}
