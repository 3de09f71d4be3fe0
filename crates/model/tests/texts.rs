//! What a search inside flows reads of each corpus flow: every step that holds a value, each
//! at a place that is that step, and each of its lines found again with its snippet.

use flow_model::flow::{flow_texts, snippet, TextSource};
use serde_json::Value;
use std::path::PathBuf;

#[test]
fn every_corpus_step_is_searched_at_its_own_place() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/webitel");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("the corpus beside the project")
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 6);
    for file in files {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
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
