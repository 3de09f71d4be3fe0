//! What each corpus flow uses outside itself, pinned (`tests/references/<flow>.txt`; run with
//! `PIN_REFERENCES=1` to write them again after a deliberate change), and for any schema:
//! each reference's place holds the value that names it.

mod common;

use common::corpus;
use flow_model::catalog::Object;
use flow_model::flow::{references, Reference};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::path::PathBuf;

fn folder(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name)
}

/// One line per reference: kind, key, app, place.
fn pinned(found: &[Reference]) -> String {
    found
        .iter()
        .map(|reference| {
            format!(
                "{} {:?} {} {}\n",
                reference.kind.key(),
                reference.key,
                reference.app,
                reference.path
            )
        })
        .collect()
}

#[test]
fn each_corpus_flow_uses_what_is_pinned() {
    for (file, schema) in corpus() {
        let name = file.trim_end_matches(".json");
        let found = references(&schema);
        assert!(!found.is_empty(), "{name} uses nothing");
        let pin = folder("tests/references").join(format!("{name}.txt"));
        if std::env::var_os("PIN_REFERENCES").is_some() {
            std::fs::write(&pin, pinned(&found)).unwrap();
        }
        let expected = std::fs::read_to_string(&pin)
            .unwrap_or_else(|error| panic!("{}: {error}", pin.display()));
        assert_eq!(pinned(&found), expected, "{name}");
        for reference in &found {
            assert_names(&schema, reference);
        }
    }
}

/// The value at the reference's place names what it says.
fn assert_names(schema: &Value, reference: &Reference) {
    let value = schema
        .pointer(&reference.path)
        .unwrap_or_else(|| panic!("nothing at {reference:?}"));
    let text = match value {
        Value::String(text) => text.trim().to_owned(),
        Value::Number(number) => number.to_string(),
        other => panic!("{reference:?} points at {other}"),
    };
    match reference.kind {
        Object::Global => assert!(
            text.contains(&format!("$${{{}", reference.key)),
            "{reference:?}: {text}"
        ),
        Object::Host => assert!(
            text.to_ascii_lowercase().contains(&reference.key),
            "{reference:?}: {text}"
        ),
        _ => assert_eq!(text, reference.key, "{reference:?}"),
    }
}

/// A value that may name an object: an id, a name, made at run time, an object of either.
fn any_name() -> BoxedStrategy<Value> {
    let scalar = prop_oneof![
        (0u32..500).prop_map(Value::from),
        "[0-9]{1,3}".prop_map(Value::from),
        "[A-Za-z ]{0,6}".prop_map(Value::from),
        "\\$\\{[a-z]{1,3}\\}".prop_map(Value::from),
        Just(Value::Null),
    ];
    prop_oneof![
        scalar.clone(),
        (scalar.clone(), scalar.clone()).prop_map(|(id, name)| json!({"id": id, "name": name})),
        (
            scalar.clone(),
            prop::sample::select(vec!["silence", "tone", "audio/wav"])
        )
            .prop_map(|(name, kind)| json!({"name": name, "type": kind})),
        scalar.prop_map(|extension| json!({"type": "user", "extension": extension})),
    ]
    .boxed()
}

/// Steps of the apps whose fields name objects, with random values there (and in text).
fn any_step() -> BoxedStrategy<Value> {
    let text = "[a-z$:/{}. ]{0,16}";
    prop_oneof![
        (any_name(), any_name()).prop_map(|(id, name)| json!({"schema": {"id": id, "name": name}})),
        (any_name(), any_name()).prop_map(|(id, name)| json!({"calendar": {"id": id, "name": name, "setVar": "open"}})),
        (any_name(), any_name()).prop_map(|(queue, ringtone)| json!({"joinQueue": {"queue": queue, "ringtone": ringtone}})),
        prop::collection::vec(any_name(), 0..4).prop_map(|files| json!({"playback": {"files": files}})),
        (any_name(), any_name()).prop_map(|(user, gateway)| json!({"bridge": {"endpoints": [user, {"type": "gateway", "gateway": gateway}]}})),
        text.prop_map(|url| json!({"httpRequest": {"url": url}})),
        text.prop_map(|said| json!({"log": said})),
        (any_name(), any_name()).prop_map(|(list, flow)| json!({"list": {"list": list, "actions": [{"schema": {"id": flow}}]}})),
        (any_name(), any_name()).prop_map(|(queue, old)| json!({"callbackQueue": {"queue": queue, "queue_id": old}})),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_reference_points_at_the_value_that_names_it(
        steps in prop::collection::vec(any_step(), 0..8),
        nested in prop::collection::vec(any_step(), 0..4),
    ) {
        let mut schema = steps;
        schema.push(json!({"if": {"expression": "$${flag} == 1", "then": nested}}));
        let schema = Value::Array(schema);
        for reference in references(&schema) {
            assert_names(&schema, &reference);
        }
    }
}
