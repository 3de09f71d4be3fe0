//! What a search inside flows reads of each corpus flow: every step that holds a value, each
//! at a place that is that step, and each of its lines found again with its snippet.

mod common;

use common::corpus;
use flow_model::flow::{flow_texts, snippet, TextSource};
use serde_json::Value;

#[test]
fn every_corpus_step_is_searched_at_its_own_place() {
    for (name, schema) in corpus() {
        let texts = flow_texts(&schema, &Value::Null, "", &[]);
        assert!(texts.len() > 3, "{name}: {} texts", texts.len());
        for text in &texts {
            assert_eq!(text.source, TextSource::Step);
            let step = schema
                .pointer(&text.place)
                .unwrap_or_else(|| panic!("{name}: no step at {}", text.place));
            assert!(
                step.get(&text.app).is_some(),
                "{name}: {} is no {}",
                text.place,
                text.app
            );
            for line in text
                .text
                .lines()
                .filter(|line| line.trim().chars().count() > 1)
            {
                let found = snippet(&text.text, line).expect("each line is found");
                assert_eq!(found.matched.to_lowercase(), line.to_lowercase(), "{name}");
            }
        }
    }
}
