//! Every real flow exported by Webitel's own editor: decompiles, compiles back with the same
//! meaning, and compiles byte-identically from then on.

mod common;

use common::{corpus, corpus_texts};
use flow_model::flow::{
    check, compile, decompile, payload, semantic_difference, step_places, ProblemKind,
};
use flow_model::FlowType;
use serde_json::Value;

#[test]
fn corpus_round_trips_with_the_same_meaning() {
    for (name, schema) in corpus() {
        let graph = decompile(&schema).unwrap();
        let compiled = compile(&graph);
        assert!(
            compiled.disconnected.is_empty(),
            "{name}: {:?}",
            compiled.disconnected
        );
        if let Some(difference) = semantic_difference(&schema, &compiled.schema) {
            panic!("{name}: {difference}");
        }
        let again = compile(&decompile(&compiled.schema).unwrap());
        assert_eq!(
            serde_json::to_string(&again.schema).unwrap(),
            serde_json::to_string(&compiled.schema).unwrap(),
            "{name}: the compiler's own output compiles byte-identically"
        );
    }
}

/// A run names its steps by their place in the schema; the diagram finds its nodes by them.
#[test]
fn corpus_step_places_point_at_their_steps_in_the_compiled_schema() {
    for (name, schema) in corpus() {
        let graph = decompile(&schema).unwrap();
        let compiled = compile(&graph);
        let places = step_places(&graph);
        assert_eq!(
            places.len(),
            graph.steps().count(),
            "{name}: every step has a place"
        );
        for (place, node) in places {
            let found = compiled.schema.pointer(&place);
            let step = graph.step(node).expect("a step node");
            assert!(
                found.and_then(|value| value.get(&step.app)).is_some(),
                "{name}: {place} is not the {} step",
                step.app
            );
        }
    }
}

#[test]
fn corpus_graphs_have_the_expected_shape() {
    // (file, nodes, links): nodes are steps (gotos become links, except the 7 in chat-001
    // whose tags exist nowhere: those stay visible steps); links are placing edges, gotos and failovers.
    let expected = [
        ("call-001.json", 472, 534),
        ("call-002.json", 37, 50),
        ("chat-001.json", 35, 40),
        ("chat-002.json", 8, 8),
        ("chat-003.json", 35, 37),
        ("chat-004.json", 29, 30),
    ];
    for ((name, schema), (file, nodes, links)) in corpus().into_iter().zip(expected) {
        assert_eq!(name, file);
        let graph = decompile(&schema).unwrap();
        assert_eq!(
            (graph.node_count(), graph.link_count()),
            (nodes, links),
            "{name}"
        );
    }
}

#[test]
fn corpus_opens_lays_out_saves_and_validates() {
    for (name, schema) in corpus() {
        let flow_type = if name.starts_with("call") {
            FlowType::Voice
        } else {
            FlowType::Chat
        };
        let mut graph = payload::open(&schema, &serde_json::json!({})).unwrap();
        let mut places: Vec<(i64, i64)> = graph
            .graph
            .node_indices()
            .map(|node| {
                let point = graph.graph[node].position();
                (point.x as i64, point.y as i64)
            })
            .collect();
        places.sort_unstable();
        places.dedup();
        assert_eq!(
            places.len(),
            graph.graph.node_count(),
            "{name}: every node has its own place"
        );

        let saved = payload::save(&mut graph, None);
        assert!(saved.disconnected.is_empty(), "{name}");
        assert!(
            semantic_difference(&schema, &saved.schema).is_none(),
            "{name}"
        );
        let reopened = payload::open(&saved.schema, &saved.payload).unwrap();
        for (node, step) in reopened.steps() {
            let original = graph.find_tag(step.tag().unwrap()).unwrap();
            assert_eq!(
                reopened.graph[node].position(),
                graph.graph[original].position(),
                "{name}"
            );
        }

        let problems = check(&graph, flow_type);
        // chat-001 holds seven gotos and one failover to tags of steps deleted in the designer.
        let leftovers = problems
            .iter()
            .filter(|problem| problem.kind == ProblemKind::UnknownTag)
            .count();
        assert_eq!(
            leftovers,
            if name == "chat-001.json" { 8 } else { 0 },
            "{name}: {problems:#?}"
        );
        assert!(
            problems
                .iter()
                .all(|problem| problem.kind != ProblemKind::DuplicateTag
                    && problem.kind != ProblemKind::InvalidStep),
            "{name}: {problems:#?}"
        );
    }
}

#[test]
fn corpus_files_import_as_bare_schemas_and_as_downloads() {
    use flow_model::transfer::{export_text, parse_import};
    use flow_model::RoutingSchema;
    for (name, schema) in corpus() {
        let bare = parse_import(&serde_json::to_string_pretty(&schema).unwrap())
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(bare.write.schema.as_ref(), Some(&schema), "{name}");
        let download = export_text(&RoutingSchema {
            name: Some(name.clone()),
            schema: Some(schema.clone()),
            ..RoutingSchema::default()
        });
        let again = parse_import(&download).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(again.name.as_deref(), Some(name.as_str()));
        assert_eq!(again.write.schema, Some(schema), "{name}");
    }
}

/// The code editor's diagnostics on every corpus flow: no errors, and only warnings that are
/// right about the file (each kind explained below).
#[test]
fn corpus_diagnostics_have_no_errors_and_only_expected_warnings() {
    use flow_model::flow::{diagnose, Severity};
    for (name, text) in corpus_texts() {
        let flow_type = if name.starts_with("call") {
            FlowType::Voice
        } else {
            FlowType::Chat
        };
        let found = diagnose(&text, flow_type);
        let errors: Vec<_> = found
            .iter()
            .filter(|found| found.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        // Each warning is true of the file:
        // - numbers written as text (calendar, queue and flow ids, hold seconds), which the
        //   runtime converts;
        // - call-001 has two `if` steps whose `then` is an empty array;
        // - chat-001 has seven gotos and one limit failover naming tags no step has (their
        //   steps were deleted in the designer, the jumps were left behind);
        // - chat-003 has a sendText right after a step with `"break": true`, which stops the
        //   flow, and no jump leads to it;
        // - chat-004 has a step whose app is `break1`, which no runtime knows.
        let numeric_text = "should be a number, got a string (the runtime converts it)";
        let expected: &[(&str, usize)] = match name.as_str() {
            "call-001.json" => &[("nothing is connected to then", 2), (numeric_text, 9)],
            "chat-001.json" => &[
                ("leads nowhere: no step has that tag", 8),
                (numeric_text, 1),
            ],
            "chat-003.json" => &[
                (
                    "is never reached: the step before it stops the flow (break)",
                    1,
                ),
                (numeric_text, 1),
            ],
            "chat-004.json" => &[("unknown app \"break1\"", 1)],
            _ => &[],
        };
        assert_eq!(
            found.len(),
            expected.iter().map(|(_, count)| count).sum::<usize>(),
            "{name}: {found:#?}"
        );
        for (text, count) in expected {
            assert_eq!(
                found
                    .iter()
                    .filter(|found| found
                        .message(flow_model::l10n::Locale::ENGLISH)
                        .contains(text))
                    .count(),
                *count,
                "{name}: {found:#?}"
            );
        }
    }
}

#[test]
fn every_corpus_step_opens_in_the_form_and_typing_back_what_it_shows_changes_nothing() {
    use flow_model::catalog::form::{properties, set_property, Input, Target};
    use flow_model::flow::graph::value_at;
    let mut rows = 0;
    for (name, schema) in corpus() {
        let graph = decompile(&schema).unwrap();
        for (_, step) in graph.steps() {
            for property in properties(&step.app, &step.object) {
                rows += 1;
                // A number written as text (which the runtime converts) becomes a number once
                // typed in a number field: that is the one change typing it back may make.
                let number_as_text = match &property.target {
                    Target::Field(path) => {
                        value_at(step.argument(), path).is_some_and(Value::is_string)
                    }
                    _ => false,
                };
                let typed_back = match property.input {
                    Input::Text | Input::Choice(_) | Input::Json => true,
                    Input::Number => !number_as_text,
                    _ => false,
                } && !property.text.is_empty();
                if !typed_back {
                    continue;
                }
                let mut object = step.object.clone();
                set_property(&step.app, &mut object, &property.target, &property.text)
                    .unwrap_or_else(|error| {
                        panic!("{name}: {} {}: {error}", step.app, property.name)
                    });
                {
                    assert_eq!(
                        Value::Object(object),
                        Value::Object(step.object.clone()),
                        "{name}: {} {}",
                        step.app,
                        property.name
                    );
                }
            }
        }
    }
    assert!(rows > 500, "{rows} rows");
}

/// Every problem the checks find in the corpus, and in a flow made to have one of each kind, is
/// said in Russian in Russian words: nothing of it is left in English, and every value is put
/// in (no `{ $name }` left unfilled).
#[test]
fn every_problem_reads_in_russian() {
    let russian = flow_model::l10n::Locale::from_code("ru").expect("Russian texts");
    let faulty = serde_json::json!([
        {"goto": "nowhere"},
        {"hangup": ""},
        {"tag": "a", "answer": ""},
        {"tag": "a", "if": {"expression": "1"}},
        {"playback": {"files": "one.wav", "getDigits": {"min": "two"}}},
        {"sendText": 5},
        {"teleport": {}},
        {"joinQueue": {"queue": {"id": 1}, "timeout": "soon"}},
        {"switch": {"variable": "x", "case": {"1": [{"goto": "a"}]}}},
        7
    ]);
    let mut flows = corpus();
    flows.push(("faulty".into(), faulty));
    let mut said = 0;
    for (name, schema) in flows {
        let flow = decompile(&schema).unwrap();
        for flow_type in [FlowType::Voice, FlowType::Chat] {
            for problem in check(&flow, flow_type) {
                let message = problem.message(russian);
                said += 1;
                assert!(
                    message
                        .chars()
                        .any(|letter| matches!(letter, 'а'..='я' | 'А'..='Я')),
                    "{name}: {message}"
                );
                assert!(
                    !message.contains('$') || message.contains("${"),
                    "{name}: {message}"
                );
                assert_ne!(message, problem.message(flow_model::l10n::Locale::ENGLISH));
            }
        }
    }
    assert!(said > 20, "only {said} problems were checked");
}
