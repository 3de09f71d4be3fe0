//! What valid input is: flow names, descriptions, tags, schema shape and JSON nesting.
//! The server enforces these; the SPA uses the same functions to warn while the user types.

use crate::api::Tag;
use crate::l10n::{Locale, Text};
use serde_json::Value;
use thiserror::Error;

/// Size limits of a flow's fields.
pub struct Limits;

impl Limits {
    pub const NAME_CHARS: usize = 100;
    pub const DESCRIPTION_CHARS: usize = 200;
    pub const TAG_CHARS: usize = 64;
    pub const TAGS_PER_FLOW: usize = 50;
    pub const NOTE_CHARS: usize = 500;
}

/// A field that is not acceptable, and why (`locales/*/rules.ftl`).
#[derive(Error, Debug, Clone, PartialEq, Eq)]
#[error("{field}: {reason}")]
pub struct FieldError {
    pub field: String,
    pub reason: Text,
}

impl FieldError {
    pub fn new(field: impl Into<String>, reason: Text) -> Self {
        Self {
            field: field.into(),
            reason,
        }
    }

    /// The field and why, in `locale`'s words.
    pub fn message(&self, locale: Locale) -> String {
        format!("{}: {}", self.field, self.reason.in_locale(locale))
    }
}

fn no_control_characters(field: &str, text: &str) -> Result<(), FieldError> {
    match text.chars().position(char::is_control) {
        Some(at) => Err(FieldError::new(
            field,
            Text::new("field-control-character").with("at", (at + 1).to_string()),
        )),
        None => Ok(()),
    }
}

fn at_most(field: &str, text: &str, limit: usize) -> Result<(), FieldError> {
    let length = text.chars().count();
    if length > limit {
        return Err(FieldError::new(
            field,
            Text::new("field-too-long")
                .with("limit", limit)
                .with("length", length.to_string()),
        ));
    }
    Ok(())
}

/// A flow name, trimmed: 1 to 100 characters, no control characters.
pub fn flow_name(raw: &str) -> Result<String, FieldError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(FieldError::new("name", Text::new("field-name-required")));
    }
    at_most("name", name, Limits::NAME_CHARS)?;
    no_control_characters("name", name)?;
    Ok(name.to_owned())
}

/// The key that makes names unique per domain regardless of case.
pub fn name_key(name: &str) -> String {
    name.to_lowercase()
}

/// A description: at most 200 characters (line breaks allowed).
pub fn description(raw: &str) -> Result<String, FieldError> {
    at_most("description", raw, Limits::DESCRIPTION_CHARS)?;
    Ok(raw.to_owned())
}

/// A version note: at most 500 characters.
pub fn note(raw: &str) -> Result<String, FieldError> {
    let note = raw.trim();
    at_most("note", note, Limits::NOTE_CHARS)?;
    Ok(note.to_owned())
}

/// Tags, each trimmed and non-empty, at most 64 characters, at most 50; repeats are dropped
/// and the first spelling kept in order.
pub fn tags(raw: &[Tag]) -> Result<Vec<Tag>, FieldError> {
    let mut tags: Vec<Tag> = Vec::with_capacity(raw.len());
    for (index, tag) in raw.iter().enumerate() {
        let field = format!("tags[{index}].name");
        let name = tag.name.trim();
        if name.is_empty() {
            return Err(FieldError::new(field, Text::new("field-blank")));
        }
        at_most(&field, name, Limits::TAG_CHARS)?;
        no_control_characters(&field, name)?;
        if !tags.iter().any(|kept| kept.name == name) {
            tags.push(Tag::new(name));
        }
    }
    if tags.len() > Limits::TAGS_PER_FLOW {
        return Err(FieldError::new(
            "tags",
            Text::new("field-too-many-tags")
                .with("limit", Limits::TAGS_PER_FLOW)
                .with("count", tags.len().to_string()),
        ));
    }
    Ok(tags)
}

/// What kind of JSON value `value` is ("a number", "an object" …).
pub fn json_kind_text(value: &Value) -> Text {
    Text::new(match value {
        Value::Null => "json-null",
        Value::Bool(_) => "json-boolean",
        Value::Number(_) => "json-number",
        Value::String(_) => "json-string",
        Value::Array(_) => "json-array",
        Value::Object(_) => "json-object",
    })
}

/// A flow's `schema` must be a JSON array of steps.
pub fn schema_shape(schema: &Value) -> Result<(), FieldError> {
    if schema.is_array() {
        Ok(())
    } else {
        Err(FieldError::new(
            "schema",
            Text::new("field-schema-not-array").with("got", json_kind_text(schema)),
        ))
    }
}

/// Where JSON text nests arrays and objects deeper than `max_depth`: the byte offset of the
/// first bracket past the bound. A linear scan with no recursion, so hostile input is cheap.
pub fn nesting_beyond(text: &[u8], max_depth: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (offset, &byte) in text.iter().enumerate() {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max_depth {
                    return Some(offset);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(flow_name("  Inbound IVR \n").unwrap(), "Inbound IVR");
        assert_eq!(flow_name(&"я".repeat(100)).unwrap().chars().count(), 100);
        assert_eq!(
            flow_name(&"x".repeat(101)).unwrap_err().to_string(),
            "name: must be at most 100 characters, got 101"
        );
        assert_eq!(
            flow_name(" \t ").unwrap_err().to_string(),
            "name: is required and must not be blank"
        );
        assert!(flow_name("a\0b")
            .unwrap_err()
            .reason
            .to_string()
            .contains("character 2"));
        assert_eq!(
            flow_name("<script>alert(1)</script>").unwrap(),
            "<script>alert(1)</script>"
        );
    }

    #[test]
    fn name_keys_fold_case_beyond_ascii() {
        assert_eq!(name_key("Меню IVR"), name_key("меню ivr"));
    }

    #[test]
    fn descriptions_and_notes_are_bounded() {
        assert!(description(&"d".repeat(200)).is_ok());
        assert_eq!(
            description(&"d".repeat(201)).unwrap_err().field,
            "description"
        );
        assert_eq!(note(" fixed menu ").unwrap(), "fixed menu");
        assert!(note(&"n".repeat(501)).is_err());
    }

    #[test]
    fn tags_are_trimmed_deduplicated_and_bounded() {
        let kept = tags(&[Tag::new(" ivr "), Tag::new("sales"), Tag::new("ivr")]).unwrap();
        assert_eq!(kept, vec![Tag::new("ivr"), Tag::new("sales")]);
        assert_eq!(
            tags(&[Tag::new("ok"), Tag::new(" ")]).unwrap_err().field,
            "tags[1].name"
        );
        let too_long = tags(&[Tag::new("t".repeat(65))]).unwrap_err();
        assert!(too_long.reason.to_string().contains("64"));
        // In Russian, with the count's plural form.
        let russian = Locale::from_code("ru").expect("Russian texts");
        assert_eq!(
            too_long.message(russian),
            "tags[0].name: должно быть не длиннее 64 символов, а в нём 65"
        );
        let many: Vec<Tag> = (0..51).map(|n| Tag::new(format!("t{n}"))).collect();
        assert_eq!(tags(&many).unwrap_err().field, "tags");
        assert!(tags(&many[..50]).is_ok());
    }

    #[test]
    fn schema_must_be_an_array() {
        assert!(schema_shape(&json!([])).is_ok());
        assert_eq!(
            schema_shape(&json!({"a": 1})).unwrap_err().to_string(),
            "schema: must be a JSON array of steps, got an object"
        );
    }

    #[test]
    fn nesting_is_measured_outside_strings() {
        assert_eq!(nesting_beyond(br#"[[{"a": "[[[[["}]]"#, 3), None);
        assert_eq!(nesting_beyond(b"[[[[", 3), Some(3));
        assert_eq!(nesting_beyond(br#"["\"[[[[", []]"#, 1), Some(11));
        let deep = "[".repeat(10_000);
        assert_eq!(nesting_beyond(deep.as_bytes(), 128), Some(128));
    }
}
