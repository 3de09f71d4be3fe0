//! Every real flow exported by Webitel's own editor: decompiles, compiles back with the same
//! meaning, and compiles byte-identically from then on.

use flow_model::flow::{compile, decompile, semantic_difference};
use serde_json::Value;
use std::path::PathBuf;

fn corpus() -> Vec<(String, Value)> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/webitel");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 6, "the six corpus files");
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                serde_json::from_str(&text).unwrap(),
            )
        })
        .collect()
}

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
        println!(
            "{name}: {} nodes, {} links",
            graph.node_count(),
            graph.link_count()
        );
    }
}
