//! Flows as files: the Download format (the API's own shape, 2-space indented, ready to upload
//! again) and the reading of an uploaded file, which accepts a full exported flow or a bare
//! schema array and says precisely what is wrong with anything else.

use crate::api::{FlowType, RoutingSchema, SchemaWrite, Tag};
use crate::fields::SchemaField;
use crate::flow::decompile::app_key;
use crate::flow::graph::{branch_paths, path_text, PathSeg};
use crate::l10n::{Locale, Text};
use crate::rules::{self, json_kind_text, FieldError};
use serde_json::{Map, Value};
use thiserror::Error;

/// The largest file the page imports: the server's default body limit.
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;
/// The deepest nesting the page imports: the server's default bound.
pub const MAX_IMPORT_DEPTH: usize = 100;

/// Why a file cannot be imported. Each message says what and where; `Display` is the English
/// of [`ImportError::text`] (`locales/*/import.ftl`), which a test holds equal.
#[derive(Error, Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error(
        "not UTF-8 text: the byte at line {line}, column {column} is not (save the file as UTF-8)"
    )]
    NotUtf8 { line: usize, column: usize },
    #[error("the file is {size} bytes; at most {limit} bytes can be imported")]
    TooBig { size: usize, limit: usize },
    /// `message` is serde_json's own, in English.
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("nested deeper than {limit} levels at line {line}, column {column}")]
    TooDeep {
        limit: usize,
        line: usize,
        column: usize,
    },
    /// The file holds JSON that is neither an object nor an array: `got` says what kind.
    #[error("not a flow: expected an exported flow (an object with \"schema\") or a schema array, got {got}")]
    NotAFlow { got: Text },
    /// The file holds an object without `schema`.
    #[error(
        "not a flow: an object without \"schema\": expected an exported flow or a schema array"
    )]
    NoSchema,
    #[error("{0}")]
    Field(#[from] FieldError),
    #[error("invalid step at {path}: {reason}")]
    InvalidStep { path: String, reason: Text },
}

impl ImportError {
    /// What is wrong, in any language.
    pub fn text(&self) -> Text {
        // Lines and columns are places, not counts: they go in as written.
        let at = |text: Text, line: &usize, column: &usize| {
            text.with("line", line.to_string())
                .with("column", column.to_string())
        };
        match self {
            Self::Empty => Text::new("import-empty"),
            Self::NotUtf8 { line, column } => at(Text::new("import-not-utf8"), line, column),
            Self::TooBig { size, limit } => Text::new("import-too-big")
                .with("size", *size)
                .with("limit", *limit),
            Self::Syntax {
                line,
                column,
                message,
            } => {
                at(Text::new("import-invalid-json"), line, column).with("message", message.as_str())
            }
            Self::TooDeep {
                limit,
                line,
                column,
            } => at(Text::new("import-too-deep"), line, column).with("limit", *limit),
            Self::NotAFlow { got } => Text::new("import-not-a-flow").with("got", got.clone()),
            Self::NoSchema => Text::new("import-no-schema"),
            Self::Field(error) => Text::new("import-field")
                .with("field", error.field.as_str())
                .with("reason", error.reason.clone()),
            Self::InvalidStep { path, reason } => Text::new("import-invalid-step")
                .with("path", path.as_str())
                .with("reason", reason.clone()),
        }
    }

    /// What is wrong, in `locale`'s words.
    pub fn message(&self, locale: Locale) -> String {
        self.text().in_locale(locale)
    }
}

/// A flow read from a file, ready to create or to replace another with.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedFlow {
    /// The name the file gives, if it is a full exported flow.
    pub name: Option<String>,
    /// Everything else the file holds; `fields` lists what it sets, for a replacing PATCH.
    pub write: SchemaWrite,
}

impl ImportedFlow {
    /// The body that creates the flow under `name`, every field given (what the file lacks
    /// takes its default), so it can be compared with a stored flow.
    pub fn create_body(&self, name: &str) -> SchemaWrite {
        SchemaWrite {
            name: Some(name.to_owned()),
            fields: None,
            description: Some(self.write.description.clone().unwrap_or_default()),
            flow_type: Some(self.write.flow_type.unwrap_or_default()),
            editor: Some(self.write.editor.unwrap_or(false)),
            debug: Some(self.write.debug.unwrap_or(false)),
            tags: Some(self.write.tags.clone().unwrap_or_default()),
            payload: Some(
                self.write
                    .payload
                    .clone()
                    .unwrap_or_else(|| Value::Object(Map::new())),
            ),
            ..self.write.clone()
        }
    }

    /// The PATCH body that replaces another flow's content with this one, keeping its name
    /// and id; only the fields the file holds are applied.
    pub fn replace_body(&self) -> SchemaWrite {
        let write = &self.write;
        SchemaWrite {
            fields: Some(write.carried([
                SchemaField::Schema,
                SchemaField::Payload,
                SchemaField::Type,
                SchemaField::Tags,
                SchemaField::Description,
                SchemaField::Debug,
            ])),
            ..write.clone()
        }
    }
}

/// The text of a downloaded flow: the API's shape, `schema` and `payload` as real JSON, without
/// the version bookkeeping (which belongs to where the flow is stored).
pub fn export_text(flow: &RoutingSchema) -> String {
    let flow = RoutingSchema {
        version: None,
        note: None,
        ..flow.clone()
    };
    let mut text = serde_json::to_string_pretty(&flow).expect("a flow always serializes");
    text.push('\n');
    text
}

/// `<name>.json`, with the characters file systems refuse replaced by `_`.
pub fn export_file_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let safe = safe.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if safe.is_empty() {
        "flow.json".to_owned()
    } else {
        format!("{safe}.json")
    }
}

/// A file name without its `.json` ending: the name offered for a bare schema array.
pub fn name_from_file(file_name: &str) -> String {
    let stem = file_name
        .strip_suffix(".json")
        .or_else(|| file_name.strip_suffix(".JSON"))
        .unwrap_or(file_name);
    stem.trim()
        .chars()
        .take(crate::Limits::NAME_CHARS)
        .collect()
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Parses JSON text within the import limits, saying where it is broken.
pub(crate) fn parse_json(text: &str) -> Result<Value, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooBig {
            size: text.len(),
            limit: MAX_IMPORT_BYTES,
        });
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if let Some(offset) = rules::nesting_beyond(text.as_bytes(), MAX_IMPORT_DEPTH) {
        let (line, column) = line_and_column(text, offset);
        return Err(ImportError::TooDeep {
            limit: MAX_IMPORT_DEPTH,
            line,
            column,
        });
    }
    serde_json::from_str(text).map_err(|error| {
        let message = error.to_string();
        // serde_json appends " at line L column C"; the position is reported separately.
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        ImportError::Syntax {
            line: error.line(),
            column: error.column(),
            message,
        }
    })
}

/// Reads a schema as typed in the code editor: a JSON array of valid steps.
pub fn parse_schema(text: &str) -> Result<Value, ImportError> {
    let schema = parse_json(text)?;
    rules::schema_shape(&schema)?;
    check_steps(&schema)?;
    Ok(schema)
}

/// The text of a file as it was read, byte for byte: UTF-8 (a leading byte-order mark is
/// dropped), or where it is not; a file in another encoding is refused rather than imported
/// with its letters replaced.
pub fn file_text(bytes: &[u8]) -> Result<&str, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
        let (line, column) = line_and_column(valid, valid.len());
        ImportError::NotUtf8 { line, column }
    })
}

/// Reads an uploaded file.
pub fn parse_import(text: &str) -> Result<ImportedFlow, ImportError> {
    let value = parse_json(text)?;
    match value {
        Value::Array(_) => {
            check_steps(&value)?;
            Ok(ImportedFlow {
                name: None,
                write: SchemaWrite {
                    schema: Some(value),
                    ..SchemaWrite::default()
                },
            })
        }
        Value::Object(object) => flow_from_object(object),
        other => Err(ImportError::NotAFlow {
            got: json_kind_text(&other),
        }),
    }
}

/// A JSON value that older exports wrote as a string holding JSON.
fn unstringify(value: Value) -> Value {
    match value {
        Value::String(text) => serde_json::from_str(&text).unwrap_or(Value::String(text)),
        other => other,
    }
}

fn string_field(
    object: &mut Map<String, Value>,
    field: &str,
) -> Result<Option<String>, ImportError> {
    match object.remove(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(other) => Err(FieldError::new(
            field,
            Text::new("field-not-string").with("got", json_kind_text(&other)),
        )
        .into()),
    }
}

fn bool_field(object: &mut Map<String, Value>, field: &str) -> Result<Option<bool>, ImportError> {
    match object.remove(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(flag)) => Ok(Some(flag)),
        Some(other) => Err(FieldError::new(
            field,
            Text::new("field-not-boolean").with("got", json_kind_text(&other)),
        )
        .into()),
    }
}

fn tags_field(object: &mut Map<String, Value>) -> Result<Option<Vec<Tag>>, ImportError> {
    let items = match object.remove("tags") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(items)) => items,
        Some(other) => {
            return Err(FieldError::new(
                "tags",
                Text::new("field-not-array").with("got", json_kind_text(&other)),
            )
            .into())
        }
    };
    let mut tags = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let name = match item {
            Value::String(name) => name,
            Value::Object(mut tag) => match tag.remove("name") {
                Some(Value::String(name)) => name,
                _ => {
                    return Err(FieldError::new(
                        format!("tags[{index}]"),
                        Text::new("field-tag-without-name"),
                    )
                    .into())
                }
            },
            other => {
                return Err(FieldError::new(
                    format!("tags[{index}]"),
                    Text::new("field-not-a-tag").with("got", json_kind_text(&other)),
                )
                .into())
            }
        };
        tags.push(Tag::new(name));
    }
    Ok(Some(rules::tags(&tags)?))
}

fn flow_from_object(mut object: Map<String, Value>) -> Result<ImportedFlow, ImportError> {
    let Some(schema) = object.remove("schema").map(unstringify) else {
        return Err(ImportError::NoSchema);
    };
    rules::schema_shape(&schema)?;
    check_steps(&schema)?;
    let name = string_field(&mut object, "name")?
        .map(|name| rules::flow_name(&name))
        .transpose()?;
    let description = string_field(&mut object, "description")?
        .map(|text| rules::description(&text))
        .transpose()?;
    let flow_type = string_field(&mut object, "type")?
        .map(|text| {
            text.parse::<FlowType>().map_err(|_| {
                FieldError::new("type", Text::new("field-unknown-type").with("value", text))
            })
        })
        .transpose()?;
    Ok(ImportedFlow {
        name,
        write: SchemaWrite {
            description,
            flow_type,
            editor: bool_field(&mut object, "editor")?,
            debug: bool_field(&mut object, "debug")?,
            tags: tags_field(&mut object)?,
            payload: object.remove("payload").map(unstringify),
            schema: Some(schema),
            ..SchemaWrite::default()
        },
    })
}

/// Why one item of a step array is not a step, if it is not.
fn step_problem(item: &Value) -> Option<Text> {
    let Value::Object(object) = item else {
        return Some(Text::new("import-step-not-an-object").with("got", json_kind_text(item)));
    };
    if app_key(object).is_some() {
        return None;
    }
    let apps: Vec<&str> = object
        .keys()
        .filter(|key| !crate::catalog::is_meta_key(key))
        .map(String::as_str)
        .collect();
    Some(if apps.is_empty() {
        Text::new("import-step-no-app")
    } else {
        Text::new("import-step-many-apps")
            .with("count", apps.len())
            .with("apps", apps.join(", "))
    })
}

/// The first item of the schema, or of a branch inside it, that is not a step.
pub fn check_steps(schema: &Value) -> Result<(), ImportError> {
    // (path of the array, the array) pairs still to look at, in document order.
    let mut pending: Vec<(Vec<PathSeg>, &Value)> = vec![(Vec::new(), schema)];
    while let Some((path, array)) = pending.pop() {
        let Value::Array(items) = array else { continue };
        let mut nested = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let mut item_path = path.clone();
            item_path.push(PathSeg::Index(index));
            if let Some(reason) = step_problem(item) {
                return Err(ImportError::InvalidStep {
                    path: format!("schema{}", path_text(&item_path)),
                    reason,
                });
            }
            let object = item.as_object().expect("a step is an object");
            let app = app_key(object).expect("a step has one app");
            let argument = &object[app];
            for branch in branch_paths(app, argument) {
                let mut value = argument;
                for seg in &branch {
                    value = match seg {
                        PathSeg::Key(key) => &value[key.as_str()],
                        PathSeg::Index(index) => &value[*index],
                    };
                }
                let mut branch_path = item_path.clone();
                branch_path.push(PathSeg::Key(app.to_owned()));
                branch_path.extend(branch);
                nested.push((branch_path, value));
            }
        }
        // Last pushed is looked at first: push in reverse to keep document order.
        pending.extend(nested.into_iter().rev());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::PatchField;
    use serde_json::json;

    #[test]
    fn export_is_the_api_shape_two_space_indented() {
        let flow = RoutingSchema {
            id: Some(7),
            name: Some("IVR".into()),
            schema: Some(json!([{"answer": ""}])),
            payload: Some(json!({})),
            ..RoutingSchema::default()
        };
        let text = export_text(&flow);
        assert!(text.starts_with("{\n  \"id\": \"7\",\n  \"name\": \"IVR\""));
        assert!(text.contains("\"schema\": [\n    {\n      \"answer\": \"\""));
        assert!(text.ends_with("}\n"));
        let again = parse_import(&text).unwrap();
        assert_eq!(again.name.as_deref(), Some("IVR"));
        assert_eq!(again.write.schema, flow.schema);
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(export_file_name("Inbound IVR"), "Inbound IVR.json");
        assert_eq!(export_file_name("a/b:c*?"), "a_b_c__.json");
        assert_eq!(export_file_name(" .. "), "flow.json");
        assert_eq!(name_from_file("support.json"), "support");
        assert_eq!(name_from_file("notes"), "notes");
    }

    #[test]
    fn a_bare_array_is_a_schema() {
        let flow = parse_import(r#"[{"answer": ""}, {"hangup": ""}]"#).unwrap();
        assert_eq!(flow.name, None);
        let body = flow.create_body("From file");
        assert_eq!(body.name.as_deref(), Some("From file"));
        assert_eq!(body.flow_type, Some(FlowType::Default));
        assert_eq!(body.editor, Some(false));
        assert_eq!(body.payload, Some(json!({})));
        assert_eq!(
            flow.replace_body().fields,
            Some(vec![PatchField::Field(SchemaField::Schema)])
        );
    }

    #[test]
    fn a_full_flow_keeps_its_fields() {
        let flow = parse_import(
            r#"{"id": "3", "name": " Sales ", "type": "chat", "editor": true, "debug": true,
                "description": "d", "tags": [{"name": "a"}, "b"], "payload": "{\"x\": 1}",
                "schema": "[{\"answer\": \"\"}]", "created_at": "1"}"#,
        )
        .unwrap();
        assert_eq!(flow.name.as_deref(), Some("Sales"));
        let write = &flow.write;
        assert_eq!(write.flow_type, Some(FlowType::Chat));
        assert_eq!(write.editor, Some(true));
        assert_eq!(write.debug, Some(true));
        assert_eq!(write.tags, Some(vec![Tag::new("a"), Tag::new("b")]));
        assert_eq!(write.payload, Some(json!({"x": 1})));
        assert_eq!(write.schema, Some(json!([{"answer": ""}])));
        assert_eq!(
            flow.replace_body().fields.unwrap(),
            [
                SchemaField::Schema,
                SchemaField::Payload,
                SchemaField::Type,
                SchemaField::Tags,
                SchemaField::Description,
                SchemaField::Debug
            ]
            .map(PatchField::Field)
        );
    }

    #[test]
    fn syntax_errors_say_line_and_column() {
        let error = parse_import("[\n  {\"answer\": \"\"},\n  oops\n]").unwrap_err();
        assert_eq!(
            error.to_string(),
            "not valid JSON at line 3, column 3: expected value"
        );
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let cases = [
            ("", "the file is empty"),
            ("  \n", "the file is empty"),
            ("42", "not a flow: expected an exported flow (an object with \"schema\") or a schema array, got a number"),
            (r#"{"name": "x"}"#, "not a flow: an object without \"schema\": expected an exported flow or a schema array"),
            (r#"{"schema": {}}"#, "schema: must be a JSON array of steps, got an object"),
            (r#"{"schema": [], "type": "fax"}"#, "type: unknown flow type \"fax\"; expected one of default, voice, chat, processing, service"),
            (r#"{"schema": [], "name": " "}"#, "name: is required and must not be blank"),
            (r#"{"schema": [], "tags": [1]}"#, "tags[0]: must be a tag object or a string, got a number"),
            (r#"{"schema": [], "editor": "yes"}"#, "editor: must be true or false, got a string"),
            ("[1]", "invalid step at schema[0]: a step is an object with one app key, got a number"),
            (r#"[{"tag": "x"}]"#, "invalid step at schema[0]: the step has no app key"),
            (r#"[{"answer": "", "hangup": ""}]"#, "invalid step at schema[0]: the step has 2 app keys (answer, hangup); a step runs exactly one app"),
            (r#"[{"if": {"expression": "1", "then": [{"answer": ""}, 7]}}]"#, "invalid step at schema[0].if.then[1]: a step is an object with one app key, got a number"),
        ];
        for (text, expected) in cases {
            let error = parse_import(text).unwrap_err();
            assert_eq!(error.to_string(), expected, "for {text}");
        }
    }

    #[test]
    fn typed_schemas_must_be_arrays_of_steps() {
        assert_eq!(parse_schema("[]").unwrap(), json!([]));
        assert_eq!(
            parse_schema("{}").unwrap_err().to_string(),
            "schema: must be a JSON array of steps, got an object"
        );
        assert_eq!(
            parse_schema("[\n  {\"answer\": \"\"},\n]")
                .unwrap_err()
                .to_string(),
            "not valid JSON at line 3, column 1: trailing comma"
        );
    }

    #[test]
    fn limits_are_enforced_before_parsing() {
        let deep = format!("{}{}", "[".repeat(150), "]".repeat(150));
        assert_eq!(
            parse_import(&deep).unwrap_err(),
            ImportError::TooDeep {
                limit: 100,
                line: 1,
                column: 101
            }
        );
        let big = format!("[{}]", " ".repeat(MAX_IMPORT_BYTES));
        assert!(matches!(
            parse_import(&big).unwrap_err(),
            ImportError::TooBig { .. }
        ));
    }

    /// One error of each kind, and of each reason an item is not a step, with counts that
    /// take different plural forms in Russian.
    fn samples() -> Vec<ImportError> {
        let mut samples: Vec<ImportError> = [
            "",
            "[\n  oops\n]",
            "42",
            "null",
            r#"{"name": "x"}"#,
            r#"{"schema": {}}"#,
            r#"{"schema": [], "type": "fax"}"#,
            r#"{"schema": [], "tags": [{}]}"#,
            "[1]",
            r#"[{"tag": "x"}]"#,
            r#"[{"answer": "", "hangup": ""}]"#,
            r#"[{"if": {"expression": "1", "then": [{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}]}}]"#,
        ]
        .into_iter()
        .map(|text| parse_import(text).unwrap_err())
        .collect();
        samples.push(file_text(b"[\"caf\xe9\"]").unwrap_err());
        samples.extend([1, 2, 100].map(|limit| ImportError::TooDeep {
            limit,
            line: 1,
            column: limit + 1,
        }));
        samples.extend([1, 3, 10_485_762].map(|size| ImportError::TooBig {
            size,
            limit: MAX_IMPORT_BYTES,
        }));
        samples
    }

    #[test]
    fn the_english_text_is_what_the_error_says() {
        for error in samples() {
            assert_eq!(error.to_string(), error.text().to_string(), "{error:?}");
        }
    }

    #[test]
    fn the_russian_text_is_russian_with_counted_words_agreeing() {
        let russian = Locale::from_code("ru").expect("Russian texts");
        for error in samples() {
            let text = error.message(russian);
            assert!(
                text.chars()
                    .any(|letter| matches!(letter, 'а'..='я' | 'А'..='Я')),
                "{error:?}: {text}"
            );
        }
        let said = |text: &str| parse_import(text).unwrap_err().message(russian);
        assert_eq!(
            said(r#"[{"answer": "", "hangup": ""}]"#),
            "некорректный шаг в schema[0]: в шаге 2 ключа с именами приложений (answer, hangup); \
             шаг выполняет ровно одно приложение"
        );
        assert_eq!(
            said("true"),
            "не схема: ожидается экспортированная схема (объект с полем \"schema\") или массив \
             шагов (schema), а получено: логическое значение"
        );
        let too_big = ImportError::TooBig {
            size: 10_485_762,
            limit: MAX_IMPORT_BYTES,
        };
        assert_eq!(
            too_big.message(russian),
            "размер файла — 10485762 байта; импортировать можно не больше 10485760 байт"
        );
    }

    #[test]
    fn file_text_is_utf8_or_says_where_it_is_not() {
        assert_eq!(file_text(b"[1]").unwrap(), "[1]");
        assert_eq!(
            file_text(b"\xEF\xBB\xBF[1]").unwrap(),
            "[1]",
            "a BOM is dropped"
        );
        assert_eq!(file_text("[\"café\"]".as_bytes()).unwrap(), "[\"café\"]");
        assert_eq!(
            file_text(b"[\n  {\"log\": \"caf\xe9\"}]")
                .unwrap_err()
                .to_string(),
            "not UTF-8 text: the byte at line 2, column 15 is not (save the file as UTF-8)"
        );
    }
}
