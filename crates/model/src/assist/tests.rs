use super::positions::{
    byte_from_utf16, byte_offset, utf16_from_byte, utf16_from_bytes, utf16_offset,
};
use super::*;

/// `text` with the cursor marked by `|`: the text without it, and the cursor's byte offset.
fn at_cursor(marked: &str) -> (String, usize) {
    let at = marked.find('|').expect("a cursor mark");
    (marked.replacen('|', "", 1), at)
}

fn labels(marked: &str, flow_type: FlowType) -> Vec<String> {
    let (text, at) = at_cursor(marked);
    complete(&text, at, flow_type, Locale::ENGLISH)
        .map(|found| {
            found
                .options
                .into_iter()
                .map(|option| option.label)
                .collect()
        })
        .unwrap_or_default()
}

fn option(marked: &str, label: &str) -> (Completions, Completion) {
    let (text, at) = at_cursor(marked);
    let found = complete(&text, at, FlowType::Voice, Locale::ENGLISH).expect("completions");
    let option = found
        .options
        .iter()
        .find(|option| option.label == label)
        .cloned()
        .unwrap_or_else(|| panic!("{label} among {:?}", found.options));
    (found, option)
}

#[test]
fn a_key_in_a_step_offers_the_apps_of_the_type_and_step_keys() {
    let voice = labels(r#"[{"|"}]"#, FlowType::Voice);
    assert!(voice.contains(&"playback".to_owned()));
    assert!(voice.contains(&"tag".to_owned()));
    let chat = labels(r#"[{"|"}]"#, FlowType::Chat);
    assert!(!chat.contains(&"playback".to_owned()), "voice only");
    assert!(chat.contains(&"sendText".to_owned()));
}

#[test]
fn a_step_that_has_its_app_offers_only_step_keys_not_yet_there() {
    let offered = labels(r#"[{"answer": "", "tag": "a", |}]"#, FlowType::Voice);
    assert!(!offered.contains(&"playback".to_owned()));
    assert!(!offered.contains(&"tag".to_owned()));
    assert!(offered.contains(&"break".to_owned()));
    assert!(offered.contains(&"limit".to_owned()));
}

#[test]
fn an_app_snippet_holds_its_required_fields() {
    let (found, playback) = option(r#"[{"pl|"}]"#, "playback");
    assert_eq!(
        (found.from, found.quoted),
        (3, true),
        "the word after the quote"
    );
    assert_eq!(playback.snippet, "\"playback\": {\n\t\"files\": [${}]\n}");
    assert_eq!(playback.detail, "Media");
    assert!(!playback.info.is_empty());
}

#[test]
fn a_bare_word_completes_too() {
    let (found, goto) = option("[{go|}]", "goto");
    assert_eq!((found.from, found.quoted), (2, false));
    assert_eq!(goto.snippet, "\"goto\": \"${goto}\"");
}

#[test]
fn inside_an_argument_the_fields_not_yet_written_are_offered_required_first() {
    let (_, variable) = option(r#"[{"switch": {"case": {}, "|"}}]"#, "variable");
    assert_eq!(variable.boost, 1);
    assert_eq!(variable.detail, "text, required");
    let offered = labels(r#"[{"switch": {"case": {}, "|"}}]"#, FlowType::Voice);
    assert!(!offered.contains(&"case".to_owned()), "already written");
}

#[test]
fn nested_step_arrays_offer_steps_again() {
    let then = labels(
        r#"[{"if": {"expression": "1", "then": [{"|"}]}}]"#,
        FlowType::Voice,
    );
    assert!(then.contains(&"hangup".to_owned()));
    let case = labels(
        r#"[{"switch": {"variable": "x", "case": {"1": [{"ha|"}]}}}]"#,
        FlowType::Voice,
    );
    assert!(case.contains(&"hangup".to_owned()));
}

#[test]
fn a_whole_flow_document_completes_under_schema() {
    let offered = labels(r#"{"name": "x", "schema": [{"|"}]}"#, FlowType::Voice);
    assert!(offered.contains(&"answer".to_owned()));
    assert!(labels(r#"{"name": "x", "|"}"#, FlowType::Voice).is_empty());
}

#[test]
fn an_empty_place_in_a_step_array_offers_whole_steps() {
    let (text, at) = at_cursor("[\n  |\n]");
    let found = complete(&text, at, FlowType::Voice, Locale::ENGLISH).expect("steps");
    let hangup = found
        .options
        .iter()
        .find(|option| option.label == "hangup")
        .expect("hangup");
    assert!(hangup.snippet.starts_with("{\n\t\"hangup\": "));
    assert!(hangup.snippet.ends_with("\n}"));
}

#[test]
fn choice_fields_offer_their_values() {
    let Some(found) = crate::catalog::APPS.iter().find_map(|app| {
        app.fields().iter().find_map(|field| match field.kind {
            Kind::Choice(values) => Some((app.name, field.name, values)),
            _ => None,
        })
    }) else {
        panic!("the catalog has a choice field");
    };
    let (app, field, values) = found;
    let marked = format!(r#"[{{"{app}": {{"{field}": "|"}}}}]"#);
    assert_eq!(labels(&marked, FlowType::Default), values);
}

#[test]
fn keys_of_unknown_objects_and_positions_after_values_offer_nothing() {
    assert!(labels(r#"[{"unknownApp": {"|"}}]"#, FlowType::Voice).is_empty());
    assert!(labels(r#"[{"answer": ""|}]"#, FlowType::Voice).is_empty());
}

#[test]
fn broken_text_after_the_cursor_does_not_matter() {
    let offered = labels(r#"[{"pla|"  , ]]]] {{{ "#, FlowType::Voice);
    assert!(offered.contains(&"playback".to_owned()));
}

#[test]
fn strings_with_brackets_and_escapes_do_not_confuse_the_path() {
    let offered = labels(
        r#"[{"set": {"a": "]}{[\"x"}}, {"if": {"expression": "\"{", "then": [{"|"}]}}]"#,
        FlowType::Voice,
    );
    assert!(offered.contains(&"hangup".to_owned()));
}

#[test]
fn hovering_an_app_name_documents_it() {
    let text = r#"[{"playback": {"files": []}}]"#;
    let found = hover(text, 5, FlowType::Voice, Locale::ENGLISH).expect("a hover");
    assert_eq!((found.from, found.to), (2, 12));
    assert!(found.title.starts_with("playback — "));
    assert!(found.body.contains("\nfiles: "), "{}", found.body);
    assert!(found.body.contains(", required"), "{}", found.body);
    let chat = hover(text, 5, FlowType::Chat, Locale::ENGLISH).expect("a hover");
    assert!(
        chat.title.contains("not offered for Chat flows"),
        "{}",
        chat.title
    );
    // In Russian: the label, the help and the kinds, the names of code as written.
    let russian = Locale::from_code("ru").expect("Russian texts");
    let found = hover(text, 5, FlowType::Chat, russian).expect("a hover");
    assert!(
        found.title.starts_with("playback — Воспроизведение"),
        "{}",
        found.title
    );
    assert!(
        found.title.contains("недоступно для схем типа"),
        "{}",
        found.title
    );
    assert!(found.body.contains("\nfiles: "), "{}", found.body);
    assert!(found.body.contains("обязательное"), "{}", found.body);
}

#[test]
fn hovering_a_field_or_step_key_documents_it_and_values_say_nothing() {
    let text = r#"[{"switch": {"variable": "x", "case": {}}, "tag": "t"}]"#;
    let field = hover(
        text,
        text.find("variable").unwrap(),
        FlowType::Voice,
        Locale::ENGLISH,
    )
    .expect("field");
    assert!(field.title.starts_with("variable: text, required"));
    let tag = hover(
        text,
        text.find("\"tag").unwrap() + 1,
        FlowType::Voice,
        Locale::ENGLISH,
    )
    .expect("tag");
    assert_eq!(tag.title, "tag");
    assert!(hover(
        text,
        text.find("\"x\"").unwrap() + 1,
        FlowType::Voice,
        Locale::ENGLISH
    )
    .is_none());
}

#[test]
fn underlines_cover_the_key_naming_a_step_or_the_token_at_the_place() {
    let text = "[\n  {\"goto\": \"nowhere\"},\n  tru\n]";
    let at = |line, column| underline(text, byte_offset(text, line, column));
    let (from, to) = at(2, 3);
    assert_eq!(&text[from..to], "\"goto\"");
    let (from, to) = at(3, 3);
    assert_eq!(&text[from..to], "tru");
    let (from, to) = at(9, 1);
    assert_eq!(
        (from, to),
        (text.len() - 1, text.len()),
        "past the end: the last char"
    );
    assert_eq!(underline("[{ }]", 1), (1, 2));
}

#[test]
fn marks_place_diagnostics_in_utf16_units() {
    let text = "[\n  {\"say\": \"😀\"}, {\"goto\": \"x\"}\n]";
    let found = crate::flow::diagnose(text, FlowType::Voice);
    let marks = marks(text, &found, Locale::ENGLISH);
    let goto = marks
        .iter()
        .find(|mark| mark.message.contains("goto"))
        .expect("the goto's mark");
    let units: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(
        String::from_utf16(&units[goto.from..goto.to]).unwrap(),
        "\"goto\""
    );
    assert_eq!(goto.severity, Severity::Warning);
}

#[test]
fn positions_convert_between_bytes_lines_and_utf16() {
    let text = "ab\n😀é x\n";
    assert_eq!(byte_offset(text, 2, 1), 3);
    assert_eq!(byte_offset(text, 2, 3), 3 + 4 + 2);
    assert_eq!(
        byte_offset(text, 2, 99),
        text.len() - 1,
        "clamped to the line"
    );
    assert_eq!(byte_offset(text, 9, 1), text.len());
    assert_eq!(utf16_from_byte(text, 3 + 4), 3 + 2);
    assert_eq!(byte_from_utf16(text, 3 + 2), 3 + 4);
    assert_eq!(
        byte_from_utf16(text, 4),
        3,
        "inside a surrogate pair: its character"
    );
    assert_eq!(utf16_offset(text, 2, 3), 3 + 2 + 1);
    assert_eq!(byte_from_utf16(text, 1000), text.len());
    assert_eq!(
        utf16_from_bytes(text, &[text.len(), 0, 3 + 4, 3 + 1]),
        [text.encode_utf16().count(), 0, 3 + 2, 3],
        "any order; inside a character: its start"
    );
}

#[test]
fn every_corpus_flow_completes_and_hovers_everywhere_without_panicking() {
    let corpus =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/webitel");
    for entry in std::fs::read_dir(&corpus).expect("the corpus") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("file");
        let step = (text.len() / 400).max(1);
        for at in (0..text.len()).step_by(step) {
            let _ = complete(&text, at, FlowType::Voice, Locale::ENGLISH);
            let _ = hover(&text, at, FlowType::Voice, Locale::ENGLISH);
        }
    }
}
