//! The real flows exported by Webitel's own editor, from `../shared/corpus/webitel`.

#![allow(dead_code)]

use serde_json::Value;
use std::path::PathBuf;

/// Each corpus file as written, by file name, in name order.
pub fn corpus_texts() -> Vec<(String, String)> {
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
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&path).unwrap(),
            )
        })
        .collect()
}

/// Each corpus flow, by file name.
pub fn corpus() -> Vec<(String, Value)> {
    corpus_texts()
        .into_iter()
        .map(|(name, text)| (name, serde_json::from_str(&text).unwrap()))
        .collect()
}
