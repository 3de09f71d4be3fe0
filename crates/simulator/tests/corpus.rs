//! Every real flow of the corpus runs to an end under a scripted caller, and no flow, input or
//! mock makes the simulator panic.

use flow_simulator::{AppOutcome, Channel, Ended, Event, Input, Mocks, Simulator, Wait};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::path::PathBuf;

fn corpus() -> Vec<(String, Value)> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/webitel");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("the corpus beside the project")
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let name = file.file_stem().unwrap().to_string_lossy().into_owned();
            let schema = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            (name, schema)
        })
        .collect()
}

/// Runs `simulator` answering each wait from `answers` in turn, then with silence; how it ended
/// and how many steps it took.
fn run_scripted(mut simulator: Simulator, answers: &[&str]) -> (Ended, usize) {
    let mut answers = answers.iter();
    let mut steps = 0;
    loop {
        match simulator.next_event() {
            Some(Event::Step(_)) => steps += 1,
            Some(Event::Ended(ended)) => return (ended, steps),
            Some(_) => {}
            None => {
                let input = match (simulator.waits_for(), answers.next()) {
                    (Some(Wait::Digits { .. }), Some(answer)) => Input::Digits(answer.to_string()),
                    (Some(Wait::Message { .. }), Some(answer)) => {
                        Input::Message(answer.to_string())
                    }
                    (Some(Wait::Speech { .. }), Some(answer)) => Input::Speech(answer.to_string()),
                    (Some(Wait::Outcome { variables, .. }), Some(answer)) => {
                        Input::Outcome(AppOutcome {
                            variables: variables
                                .iter()
                                .map(|name| (name.clone(), answer.to_string()))
                                .collect(),
                            error: None,
                        })
                    }
                    (Some(_), None) => Input::Silence,
                    (None, _) => panic!("no event, no wait, no end"),
                };
                simulator.provide(input);
            }
        }
    }
}

#[test]
fn every_corpus_flow_runs_to_an_end_under_a_scripted_caller() {
    let flows = corpus();
    assert!(flows.len() >= 6);
    for (name, schema) in flows {
        let channel = if name.starts_with("chat") {
            Channel::Chat
        } else {
            Channel::Voice
        };
        let mocks = Mocks {
            channel,
            variables: [
                ("caller_id_number", "380441234567"),
                ("destination_number", "100"),
            ]
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect(),
            ..Mocks::default()
        };
        let simulator = Simulator::new(&schema, mocks).unwrap().with_budget(50_000);
        let (ended, steps) = run_scripted(simulator, &["1", "2#", "Ann", "ann@example.com", "3"]);
        assert!(
            !matches!(ended, Ended::Budget(_)),
            "{name} ran away: {ended:?}"
        );
        assert!(steps > 3, "{name} took only {steps} steps");
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
        "[a-z${}.#/ ]{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[a-z]{1,6}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Steps of the apps that branch, loop, jump, wait and call, with random arguments.
fn any_step() -> impl Strategy<Value = Value> {
    let apps = prop::sample::select(vec![
        "if",
        "switch",
        "while",
        "goto",
        "set",
        "js",
        "string",
        "math",
        "playback",
        "recvMessage",
        "joinQueue",
        "execute",
        "function",
        "trigger",
        "hangup",
        "break",
        "httpRequest",
        "calendar",
        "schema",
        "list",
        "limit",
        "memberInfo",
        "userInfo",
        "nonsense",
    ]);
    (apps, any_json(), prop::option::of("[a-c]")).prop_map(|(app, argument, tag)| {
        let mut step = json!({ app: argument });
        if let Some(tag) = tag {
            step["tag"] = json!(tag);
        }
        step
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_flow_input_or_mock_makes_it_panic(
        steps in prop::collection::vec(any_step(), 0..12),
        nested in prop::collection::vec(any_step(), 0..6),
        answers in prop::collection::vec("[0-9#]{0,4}", 0..4),
        chat in any::<bool>(),
        ask_apps in any::<bool>(),
    ) {
        // Some bodies to branch into and loop over.
        let mut schema = steps;
        schema.push(json!({"if": {"expression": "${a} == ''", "then": nested.clone(), "else": []}}));
        schema.push(json!({"while": {"condition": "${b} != 'x'", "maxSteps": "5", "do": nested}}));
        let mocks = Mocks {
            channel: if chat { Channel::Chat } else { Channel::Voice },
            ask_apps,
            ..Mocks::default()
        };
        let simulator = Simulator::new(&Value::Array(schema), mocks).unwrap().with_budget(2_000);
        let answers: Vec<&str> = answers.iter().map(String::as_str).collect();
        let _ = run_scripted(simulator, &answers);
    }
}
