//! One test per construct of the language, through decompile, compile, semantic identity,
//! layout, payload and validation.

use super::*;
use crate::api::FlowType;
use serde_json::{json, Value};

/// Decompiles, compiles, and checks both round-trip promises; returns the graph and schema.
fn round_trip(schema: Value) -> (FlowGraph, Value) {
    let graph = decompile(&schema).expect("a schema array");
    let compiled = compile(&graph);
    assert!(compiled.disconnected.is_empty(), "nothing disconnected");
    if let Some(difference) = semantic_difference(&schema, &compiled.schema) {
        panic!("meaning changed: {difference}\n{}", compiled.schema);
    }
    let again = compile(&decompile(&compiled.schema).unwrap());
    assert_eq!(
        again.schema.to_string(),
        compiled.schema.to_string(),
        "compiler output is a fixed point"
    );
    (graph, compiled.schema)
}

fn ports_of(graph: &FlowGraph, node: NodeId) -> Vec<String> {
    graph
        .ordered_links(node)
        .into_iter()
        .map(|(_, link)| format!("{}{}", link.port, if link.jump { " (jump)" } else { "" }))
        .collect()
}

fn node_with_app(graph: &FlowGraph, app: &str) -> NodeId {
    graph
        .steps()
        .find(|(_, step)| step.app == app)
        .map(|(node, _)| node)
        .expect(app)
}

#[test]
fn a_chain_becomes_next_edges_and_gets_tags() {
    let (graph, schema) = round_trip(
        json!([{"answer": ""}, {"playback": {"files": [{"id": 1}]}}, {"hangup": "NORMAL_CLEARING"}]),
    );
    assert_eq!((graph.node_count(), graph.link_count()), (3, 3));
    assert_eq!(ports_of(&graph, graph.start), ["next"]);
    let tags: Vec<&str> = schema
        .as_array()
        .unwrap()
        .iter()
        .map(|step| step["tag"].as_str().unwrap())
        .collect();
    for (tag, app) in tags.iter().zip(["answer", "playback", "hangup"]) {
        let (prefix, hex) = tag.split_once("__").unwrap();
        assert_eq!(prefix, app);
        assert!(
            hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit()),
            "{tag}"
        );
    }
    assert_eq!(schema[1]["playback"], json!({"files": [{"id": 1}]}));
}

#[test]
fn if_branches_are_nested_chains_and_the_block_continues() {
    let schema = json!([
        {"if": {"expression": "${a} == 1", "then": [{"log": "one"}, {"log": "uno"}], "else": [{"log": "other"}]}},
        {"hangup": ""}
    ]);
    let (graph, compiled) = round_trip(schema);
    let block = node_with_app(&graph, "if");
    assert_eq!(ports_of(&graph, block), ["then", "else", "next"]);
    assert_eq!((graph.node_count(), graph.link_count()), (5, 5));
    assert_eq!(compiled[0]["if"]["then"].as_array().unwrap().len(), 2);
    assert_eq!(compiled[0]["if"]["expression"], "${a} == 1");
}

#[test]
fn switch_cases_keep_their_order_and_empty_cases() {
    let schema = json!([{"switch": {"variable": "${d}", "case": {"2": [{"log": "b"}], "1": [{"log": "a"}], "9": [], "default": [{"log": "?"}]}}}]);
    let (graph, compiled) = round_trip(schema);
    let block = node_with_app(&graph, "switch");
    assert_eq!(
        ports_of(&graph, block),
        ["case:2", "case:1", "case:default"]
    );
    let keys: Vec<&String> = compiled[0]["switch"]["case"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(keys, ["2", "1", "9", "default"]);
}

#[test]
fn while_bodies_and_hooks_become_branches() {
    let schema = json!([
        {"while": {"condition": "${i} < 3", "do": [{"math": {"setVar": "i", "fn": "inc"}}], "maxSteps": "10"}},
        {"joinQueue": {"queue": {"id": 7, "name": "Sales"}, "offering": [{"log": "ring"}],
                       "timers": [{"interval": 30, "actions": [{"playback": {"files": [{"id": 2}]}}]}]}}
    ]);
    let (graph, compiled) = round_trip(schema);
    assert_eq!(
        ports_of(&graph, node_with_app(&graph, "while")),
        ["do", "next"]
    );
    assert_eq!(
        ports_of(&graph, node_with_app(&graph, "joinQueue")),
        ["hook:offering", "hook:timers[0].actions"]
    );
    assert_eq!(
        compiled[1]["joinQueue"]["queue"],
        json!({"id": 7, "name": "Sales"})
    );
    assert_eq!(compiled[1]["joinQueue"]["timers"][0]["interval"], 30);
}

#[test]
fn gotos_become_jump_edges_to_the_tagged_step() {
    let schema = json!([
        {"tag": "menu", "playback": {"files": [{"id": 1}]}},
        {"if": {"expression": "${digits} == ''", "then": [{"goto": "menu"}]}},
        {"hangup": ""}
    ]);
    let (graph, compiled) = round_trip(schema);
    let block = node_with_app(&graph, "if");
    assert_eq!(ports_of(&graph, block), ["then (jump)", "next"]);
    assert_eq!(graph.node_count(), 3, "the goto is an edge, not a node");
    assert_eq!(compiled[1]["if"]["then"], json!([{"goto": "menu"}]));
}

#[test]
fn a_second_edge_into_a_placed_node_compiles_to_goto() {
    let mut graph = FlowGraph::new();
    let a = graph.add_step(Step::new("log", json!("a")));
    let b = graph.add_step(Step::new("log", json!("b")));
    let c = graph.add_step(Step::new("if", json!({"expression": "true"})));
    graph.connect(graph.start, Port::Next, a, false);
    graph.connect(a, Port::Next, c, false);
    graph.connect(c, Port::branch(&["then"]), b, false);
    graph.connect(c, Port::Next, b, false);
    let compiled = compile(&graph);
    let b_tag = compiled.schema[1]["if"]["then"][0]["tag"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(compiled.schema[2], json!({"goto": b_tag}));
    assert!(compiled.disconnected.is_empty());
    let again = compile(&graph);
    assert_eq!(
        again.schema.to_string(),
        compiled.schema.to_string(),
        "same graph, same bytes"
    );
}

#[test]
fn a_node_reached_only_by_a_jump_is_placed_at_its_first_jump() {
    let mut graph = FlowGraph::new();
    let a = graph.add_step(Step::new("log", json!("a")));
    let b = graph.add_step(Step::new("log", json!("b")));
    graph.connect(graph.start, Port::Next, a, false);
    graph.connect(a, Port::Next, b, true);
    let compiled = compile(&graph);
    assert_eq!(compiled.schema.as_array().unwrap().len(), 2);
    assert_eq!(compiled.schema[1]["log"], "b");
}

#[test]
fn disconnected_nodes_are_reported_not_dropped_silently() {
    let mut graph = FlowGraph::new();
    let a = graph.add_step(Step::new("log", json!("a")));
    let island = graph.add_step(Step::new("log", json!("island")));
    graph.connect(graph.start, Port::Next, a, false);
    let compiled = compile(&graph);
    assert_eq!(compiled.disconnected, vec![island]);
    assert_eq!(compiled.schema.as_array().unwrap().len(), 1);
}

#[test]
fn a_goto_followed_by_steps_stays_a_node_so_nothing_is_lost() {
    let schema = json!([{"tag": "t", "log": "x"}, {"goto": "t"}, {"log": "dead"}]);
    let (graph, compiled) = round_trip(schema);
    assert_eq!(graph.node_count(), 3);
    assert_eq!(compiled[2]["log"], "dead");
    assert_eq!(compiled[1]["goto"], "t");
}

#[test]
fn failover_becomes_an_edge_and_back_a_tag() {
    let schema = json!([
        {"tag": "ask", "limit": {"max": 3, "failover": "bye"}, "playback": {"files": [{"id": 1}]}},
        {"goto": "ask"},
    ]);
    let mut schema = schema;
    schema
        .as_array_mut()
        .unwrap()
        .insert(1, json!({"tag": "bye", "hangup": ""}));
    let schema =
        json!([schema[0], {"if": {"expression": "1", "then": [{"goto": "ask"}]}}, schema[1]]);
    let (graph, compiled) = round_trip(schema);
    let ask = graph.find_tag("ask").unwrap();
    assert_eq!(ports_of(&graph, ask), ["next", "failover (jump)"]);
    assert_eq!(compiled[0]["limit"], json!({"max": 3, "failover": "bye"}));
}

#[test]
fn definitions_come_first_and_run_nowhere_else() {
    let schema = json!([
        {"log": "start"},
        {"function": {"name": "greet", "actions": [{"sendText": "hi"}]}},
        {"execute": {"name": "greet"}},
        {"trigger": {"disconnected": [{"log": "bye"}]}}
    ]);
    let (graph, compiled) = round_trip(schema);
    let apps: Vec<&str> = super::decompile::top_level_apps(&compiled)
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(apps, ["function", "trigger", "log", "execute"]);
    assert!(graph
        .links_into(node_with_app(&graph, "function"))
        .is_empty());
}

#[test]
fn gotos_reach_only_their_own_scope() {
    let schema = json!([
        {"tag": "top", "log": "top"},
        {"function": {"name": "f", "actions": [{"log": "in f"}, {"goto": "top"}]}},
        {"if": {"expression": "1", "then": [{"tag": "inner", "log": "inner"}]}},
        {"goto": "inner"}
    ]);
    let (graph, _) = round_trip(schema);
    // In the function, "top" is out of reach: that goto stays a visible step.
    let kept: Vec<&Step> = graph
        .steps()
        .map(|(_, step)| step)
        .filter(|step| step.app == "goto")
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].argument(), "top");
    // If bodies share the enclosing scope: the last goto is an edge.
    let inner = graph.find_tag("inner").unwrap();
    assert!(graph.links_into(inner).iter().any(|(_, _, link)| link.jump));
    let problems = check(&graph, FlowType::Voice);
    assert!(problems
        .iter()
        .any(|problem| problem.kind == ProblemKind::JumpToNowhere));
}

#[test]
fn unknown_apps_keys_and_invalid_items_survive() {
    let schema = json!([
        {"tag": "x1", "break1": {"then": [{"log": "kept inside"}]}, "_id": "abc", "trace": {"name": "t"}, "async": true},
        {"log": "a", "color": "red"},
        5,
        "text",
        {},
        {"log": "a", "hangup": ""}
    ]);
    let (graph, compiled) = round_trip(schema.clone());
    assert_eq!(graph.node_count(), 6);
    assert_eq!(compiled[0]["break1"], schema[0]["break1"]);
    assert_eq!(compiled[0]["_id"], "abc");
    assert_eq!(
        compiled[1], schema[1],
        "two app keys: invalid, kept verbatim"
    );
    assert_eq!(
        &compiled.as_array().unwrap()[2..],
        &schema.as_array().unwrap()[2..]
    );
    let kinds: Vec<ProblemKind> = check(&graph, FlowType::Voice)
        .into_iter()
        .map(|problem| problem.kind)
        .collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|kind| **kind == ProblemKind::InvalidStep)
            .count(),
        5
    );
    assert!(kinds.contains(&ProblemKind::UnknownApp));
}

#[test]
fn semantic_identity_sees_every_change_but_tags() {
    let base = json!([
        {"tag": "a", "playback": {"files": [{"id": 1}]}},
        {"if": {"expression": "x", "then": [{"log": "t"}], "else": [{"goto": "a"}]}},
        {"hangup": ""}
    ]);
    let retagged = json!([
        {"tag": "zz", "playback": {"files": [{"id": 1}]}},
        {"tag": "if1", "if": {"expression": "x", "then": [{"log": "t"}], "else": [{"goto": "zz"}]}},
        {"hangup": ""}
    ]);
    assert!(semantically_identical(&base, &retagged));
    let changes = [
        json!([{"tag": "a", "playback": {"files": [{"id": 2}]}}, base[1], base[2]]),
        json!([base[0], {"if": {"expression": "x", "then": [{"goto": "a"}], "else": [{"log": "t"}]}}, base[2]]),
        json!([base[0], base[1]]),
        json!([base[0], base[2], base[1]]),
        json!([base[0], {"if": {"expression": "x", "then": [{"log": "t"}], "else": [{"goto": "nowhere"}]}}, base[2]]),
        json!([base[0], {"if": {"expression": "x", "then": [{"log": "t"}, {"goto": "a"}], "else": [{"goto": "a"}]}}, base[2]]),
    ];
    for changed in changes {
        let difference =
            semantic_difference(&base, &changed).unwrap_or_else(|| panic!("not seen: {changed}"));
        assert!(!difference.reason.is_empty());
    }
    let difference = semantic_difference(
        &base,
        &json!([{"tag": "a", "playback": {"files": [{"id": 2}]}}, base[1], base[2]]),
    )
    .unwrap();
    assert_eq!(difference.left, "[0]");
}

#[test]
fn unreachable_code_does_not_count_for_meaning() {
    let with_dead = json!([{"tag": "t", "log": "x"}, {"goto": "t"}, {"log": "dead"}]);
    let without = json!([{"tag": "t", "log": "x"}, {"goto": "t"}]);
    assert!(semantically_identical(&with_dead, &without));
}

#[test]
fn layout_puts_chains_on_a_line_and_branches_below() {
    let schema = json!([
        {"log": "a"},
        {"if": {"expression": "1", "then": [{"log": "t1"}, {"log": "t2"}], "else": [{"log": "e"}]}},
        {"log": "after"}
    ]);
    let mut graph = decompile(&schema).unwrap();
    auto_layout(&mut graph, LayoutOptions::default());
    let at = |text: &str| {
        graph
            .steps()
            .find(|(_, step)| step.argument() == text)
            .map(|(node, _)| graph.graph[node].position())
            .unwrap()
    };
    let block = graph.graph[node_with_app(&graph, "if")].position();
    assert_eq!(at("a").y, block.y);
    assert_eq!(at("after").y, block.y, "the chain continues on its line");
    assert!(at("after").x > at("t2").x, "after the deepest branch");
    assert!(
        at("e").y > block.y && at("t1").y > at("e").y,
        "branches below, the last port's first, so their lines nest"
    );
    assert_eq!(at("t1").y, at("t2").y);
    let positions: std::collections::HashSet<(i64, i64)> = graph
        .graph
        .node_indices()
        .map(|node| {
            let point = graph.graph[node].position();
            (point.x as i64, point.y as i64)
        })
        .collect();
    assert_eq!(
        positions.len(),
        graph.graph.node_count(),
        "no two nodes share a place"
    );
}

#[test]
fn a_long_branch_chain_wraps_with_the_line_that_runs_above_it() {
    // The only places to wrap are inside the chain, where the if's link to what follows runs
    // above it: both lines wrap there, and the flow is not a long strip.
    let chain: Vec<Value> = (0..40).map(|at| json!({"log": format!("c{at}")})).collect();
    let schema = json!([
        {"log": "a"},
        {"if": {"expression": "1", "then": chain}},
        {"log": "after"}
    ]);
    let mut graph = decompile(&schema).unwrap();
    auto_layout(&mut graph, LayoutOptions::default());
    let places: Vec<Point> = graph
        .graph
        .node_indices()
        .map(|node| graph.graph[node].position())
        .collect();
    let span = |values: &mut dyn Iterator<Item = f64>| {
        let values: Vec<f64> = values.collect();
        let (low, high) = values.iter().fold((f64::MAX, f64::MIN), |(low, high), v| {
            (low.min(*v), high.max(*v))
        });
        high - low
    };
    let width = span(&mut places.iter().map(|place| place.x)) + shape::STEP_WIDTH;
    let height = span(&mut places.iter().map(|place| place.y)) + shape::STEP_HEIGHT;
    assert!(width / height <= 3.0, "{width} x {height}");
    let block = graph.graph[node_with_app(&graph, "if")].position();
    let after = graph
        .steps()
        .find(|(_, step)| step.argument() == "after")
        .map(|(node, _)| graph.graph[node].position())
        .unwrap();
    assert!(
        after.y > block.y,
        "what follows the if wrapped into a band below"
    );
}

#[test]
fn payload_keys_of_other_tools_survive_a_diagram_save() {
    let tests = json!([{"name": "sales", "inputs": [{"digits": "1"}]}]);
    let stored = json!({"version": 1, "nodes": {}, "tests": tests, "groups": [{"id": "old"}]});
    let mut graph = payload::open(&json!([{"log": "a"}]), &stored).unwrap();
    let saved = payload::save(&mut graph, None);
    assert_eq!(saved.payload["tests"], tests);
    // The diagram's own keys are its to write: a group no longer there stays gone.
    assert!(saved.payload.get("groups").is_none());
    assert_eq!(payload::foreign_keys(&saved.payload)["tests"], tests);

    // Every key the diagram writes is its own (none is taken for another tool's).
    let mut full = decompile(&json!([{"log": "a"}, {"log": "b"}])).unwrap();
    let first = full.steps().next().unwrap().0;
    full.groups.push(NodeGroup {
        id: "g".into(),
        label: "G".into(),
        nodes: vec![first],
        collapsed: false,
    });
    full.comments.push(Comment {
        id: "c".into(),
        text: "note".into(),
        position: Point::default(),
        width: 1.0,
        height: 1.0,
    });
    let lone = full.add_step(Step::new("log", json!("lone")));
    let other = full.add_step(Step::new("log", json!("other")));
    full.connect(lone, Port::Next, other, false);
    let viewport = payload::Viewport {
        x: 0.0,
        y: 0.0,
        zoom: 1.0,
    };
    let written = payload::save(&mut full, Some(viewport)).payload;
    assert!(written["detached_links"].is_array());
    assert!(payload::foreign_keys(&written).is_empty(), "{written}");
}

#[test]
fn payload_keeps_positions_comments_and_detached_nodes() {
    let mut graph = decompile(&json!([{"log": "a"}, {"log": "b"}])).unwrap();
    let first = graph.steps().next().unwrap().0;
    graph.graph[first].set_position(Point { x: 11.0, y: 22.0 });
    let island = graph.add_step(Step::new("hangup", json!("")));
    let island_next = graph.add_step(Step::new("log", json!("c")));
    graph.connect(island, Port::Next, island_next, false);
    graph.graph[island].set_position(Point { x: -5.0, y: 99.0 });
    graph.comments.push(Comment {
        id: "c1".into(),
        text: "Main menu".into(),
        position: Point { x: 1.0, y: 2.0 },
        width: 200.0,
        height: 80.0,
    });
    graph.groups.push(NodeGroup {
        id: "g1".into(),
        label: "Greeting".into(),
        nodes: vec![first, island],
        collapsed: true,
    });
    let saved = payload::save(
        &mut graph,
        Some(payload::Viewport {
            x: 3.0,
            y: 4.0,
            zoom: 1.5,
        }),
    );
    assert_eq!(saved.disconnected.len(), 2);
    assert_eq!(saved.payload["version"], 1);
    assert_eq!(saved.schema.as_array().unwrap().len(), 2);

    let reopened = payload::open(&saved.schema, &saved.payload).unwrap();
    assert_eq!(reopened.node_count(), 4);
    let tag = graph.graph[first].tag().unwrap();
    assert_eq!(
        reopened.graph[reopened.find_tag(tag).unwrap()].position(),
        Point { x: 11.0, y: 22.0 }
    );
    let island_tag = graph.graph[island].tag().unwrap();
    let reopened_island = reopened.find_tag(island_tag).unwrap();
    assert_eq!(
        reopened.graph[reopened_island].position(),
        Point { x: -5.0, y: 99.0 }
    );
    assert_eq!(ports_of(&reopened, reopened_island), ["next"]);
    assert_eq!(reopened.comments, graph.comments);
    let [group] = &reopened.groups[..] else {
        panic!("one group: {:?}", reopened.groups)
    };
    assert_eq!((group.label.as_str(), group.collapsed), ("Greeting", true));
    let members: Vec<Option<&str>> = group
        .nodes
        .iter()
        .map(|node| reopened.graph[*node].tag())
        .collect();
    assert_eq!(members, [Some(tag), Some(island_tag)]);
    assert_eq!(payload::viewport(&saved.payload).unwrap().zoom, 1.5);
    let resaved = payload::save(&mut reopened.clone(), None);
    assert_eq!(resaved.schema, saved.schema);
}

#[test]
fn a_removed_node_leaves_its_group_and_an_emptied_group_goes() {
    let mut graph = decompile(&json!([{"log": "a"}, {"log": "b"}])).unwrap();
    let nodes: Vec<NodeId> = graph.steps().map(|(node, _)| node).collect();
    graph.groups.push(NodeGroup {
        id: "both".into(),
        label: "Both".into(),
        nodes: nodes.clone(),
        collapsed: false,
    });
    graph.groups.push(NodeGroup {
        id: "one".into(),
        label: "One".into(),
        nodes: vec![nodes[1]],
        collapsed: false,
    });
    assert!(graph.remove_node(nodes[1]).is_some());
    assert_eq!(graph.groups.len(), 1);
    assert_eq!(graph.groups[0].nodes, [nodes[0]]);
    // A new node may take the freed id: it is in no group.
    let new = graph.add_step(Step::new("hangup", json!("")));
    assert!(graph.groups.iter().all(|group| !group.nodes.contains(&new)));
}

#[test]
fn a_missing_or_foreign_payload_still_opens() {
    let schema = json!([{"log": "a"}, {"log": "b"}]);
    for payload in [
        json!({}),
        json!(null),
        json!({"version": 99, "nodes": 5}),
        json!("junk"),
    ] {
        let graph = payload::open(&schema, &payload).unwrap();
        assert_eq!(graph.node_count(), 2, "{payload}");
        let second = graph.steps().nth(1).unwrap().0;
        assert!(graph.graph[second].position().x > 0.0, "laid out");
    }
}

#[test]
fn validation_finds_each_kind_of_problem() {
    let schema = json!([
        {"tag": "dup", "playback": {}},
        {"tag": "dup", "sendText": "chat only"},
        {"if": {"expression": "1"}},
        {"tag": "spin", "log": "loop"},
        {"goto": "spin"}
    ]);
    let mut graph = decompile(&schema).unwrap();
    graph.add_step(Step::new("log", json!("orphan")));
    let problems = check(&graph, FlowType::Voice);
    let kinds: Vec<ProblemKind> = problems.iter().map(|problem| problem.kind).collect();
    for kind in [
        ProblemKind::DuplicateTag,
        ProblemKind::MissingField,
        ProblemKind::NotOffered,
        ProblemKind::MissingBranch,
        ProblemKind::EndlessLoop,
        ProblemKind::Unreachable,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} in {problems:#?}");
    }
    assert_eq!(problems[0].severity, Severity::Error, "errors first");
    assert!(check(&graph, FlowType::Default)
        .iter()
        .all(|problem| problem.kind != ProblemKind::NotOffered));
}

#[test]
fn jumps_across_scopes_are_errors() {
    let mut graph = decompile(&json!([{"tag": "top", "log": "x"}, {"function": {"name": "f", "actions": [{"log": "in"}]}}])).unwrap();
    let inside = graph
        .steps()
        .find(|(_, step)| step.argument() == "in")
        .unwrap()
        .0;
    let top = graph.find_tag("top").unwrap();
    graph.connect(inside, Port::Next, top, true);
    let problems = check(&graph, FlowType::Voice);
    assert!(
        problems
            .iter()
            .any(|problem| problem.kind == ProblemKind::CrossScopeJump),
        "{problems:#?}"
    );
}

/// Drops a deeply nested value without serde_json's recursive drop.
fn dismantle(value: Value) {
    let mut pending = vec![value];
    while let Some(mut value) = pending.pop() {
        match &mut value {
            Value::Array(items) => pending.append(items),
            Value::Object(map) => {
                pending.extend(std::mem::take(map).into_iter().map(|(_, child)| child))
            }
            _ => {}
        }
    }
}

fn nested_ifs(levels: usize) -> Value {
    let mut schema = json!([{"log": "core"}]);
    for level in 0..levels {
        // Moved in, not through json!, which would copy (recursively) at every level.
        let mut block = serde_json::Map::new();
        block.insert("expression".into(), Value::from(level.to_string()));
        block.insert("then".into(), schema);
        let mut step = serde_json::Map::new();
        step.insert("if".into(), Value::Object(block));
        schema = Value::Array(vec![Value::Object(step)]);
    }
    schema
}

#[test]
fn nesting_is_bounded_and_deep_flows_fit_a_small_stack() {
    // 170 nested ifs (JSON 511 deep, just inside the bound) on a 2 MiB stack.
    let result = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            let schema = nested_ifs(170);
            let mut graph = decompile(&schema).unwrap();
            let compiled = compile(&graph);
            let same = semantically_identical(&schema, &compiled.schema);
            auto_layout(&mut graph, LayoutOptions::default());
            dismantle(schema);
            dismantle(compiled.schema);
            (graph.node_count(), same)
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(result, (171, true));

    // Past the bound, and far past it: a clear error, quickly, without recursion.
    for levels in [171, 100_000] {
        let schema = nested_ifs(levels);
        assert_eq!(
            decompile(&schema).unwrap_err(),
            DecompileError::TooDeep(512)
        );
        dismantle(schema);
    }
}

#[test]
fn not_an_array_is_refused() {
    assert_eq!(
        decompile(&json!({"a": 1})).unwrap_err().to_string(),
        "a flow schema is a JSON array of steps, got an object"
    );
}

#[test]
fn compiling_to_text_writes_the_same_schema() {
    for schema in [
        json!([{"tag": "ask", "limit": {"max": 3, "failover": "bye"}, "playback": {"files": []}}, {"tag": "bye", "hangup": ""}]),
        super::generate::synthetic_flow(200),
    ] {
        let mut graph = decompile(&schema).unwrap();
        // A branch the step does not write yet, and a failover edge the limit does not name.
        let block = graph.add_step(Step::new("if", json!({"expression": "1"})));
        let inside = graph.add_step(Step::new("log", json!("in")));
        let first = graph.link_from(graph.start, &Port::Next).unwrap().1;
        graph.connect(block, Port::branch(&["else"]), inside, false);
        graph.connect(inside, Port::Failover, first, true);
        let old_first = graph.link_from(graph.start, &Port::Next).unwrap().0;
        graph.graph.remove_edge(old_first);
        graph.connect(graph.start, Port::Next, block, false);
        graph.connect(block, Port::Next, first, false);
        let (text, disconnected) = compile::compile_to_text(&graph);
        let compiled = compile(&graph);
        assert_eq!(text, compiled.schema.to_string());
        assert_eq!(disconnected, compiled.disconnected);
        assert_eq!(
            compiled.schema[0]["if"]["else"][0]["limit"]["failover"],
            compiled.schema[1]["tag"]
        );
    }
}

#[test]
fn made_up_tags_are_told_from_given_ones() {
    let mut graph = decompile(&json!([{"answer": ""}, {"tag": "menu", "hangup": ""}])).unwrap();
    assign_missing_tags(&mut graph);
    for (_, step) in graph.steps() {
        let tag = step.tag().unwrap();
        assert_eq!(
            is_generated_tag(&step.app, tag),
            step.app == "answer",
            "{tag}"
        );
    }
    assert!(!is_generated_tag("answer", "answer__xyz"));
    assert!(!is_generated_tag("answer", "hangup__0123456789abcdef"));
}

#[test]
fn an_if_offers_then_and_else_even_before_it_writes_them_and_a_switch_its_cases() {
    let flow = decompile(&json!([
        {"if": {"expression": "1"}},
        {"switch": {"variable": "x", "case": {"1": [], "2": []}}, "limit": {"max": 2}}
    ]))
    .unwrap();
    let branch = |keys: &[&str]| Port::branch(keys);
    assert_eq!(
        flow.output_ports(node_with_app(&flow, "if")),
        [Port::Next, branch(&["then"]), branch(&["else"])]
    );
    assert_eq!(
        flow.output_ports(node_with_app(&flow, "switch")),
        [
            Port::Next,
            branch(&["case", "1"]),
            branch(&["case", "2"]),
            Port::Failover
        ]
    );
    assert_eq!(flow.output_ports(flow.start), [Port::Next]);
}

#[test]
fn why_a_schema_cannot_be_drawn_is_said_in_each_language() {
    let russian = crate::l10n::Locale::from_code("ru").expect("Russian texts");
    for error in [
        decompile(&json!({"answer": ""})).unwrap_err(),
        DecompileError::TooDeep(512),
    ] {
        assert_eq!(error.text().to_string(), error.to_string());
        let said = error.text().in_locale(russian);
        assert!(
            said.chars().any(|letter| matches!(letter, 'а'..='я')),
            "{said}"
        );
    }
    assert_eq!(
        decompile(&json!(7)).unwrap_err().to_string(),
        "a flow schema is a JSON array of steps, got a number"
    );
}
