//! Problems of a flow written as JSON text, each at the line and column where it is written:
//! broken JSON first, then what the graph validation finds, traced back from each node to the
//! step it came from.

use super::check::{check, Severity};
use super::decompile::decompile_with_sources;
use super::graph::{path_text, pointer, PathSeg};
use crate::api::FlowType;
use crate::l10n::{Locale, Text};
use crate::rules::json_kind_text;
use crate::transfer::{line_and_column, parse_json, ImportError};
use serde_json::Value;
use std::collections::HashMap;

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// Where in the document, as `schema[3].if.then[0]` (empty for the document itself).
    pub path: String,
    /// What is wrong, in any language (`locales/*/flow.ftl`).
    pub text: Text,
}

impl Diagnostic {
    fn error_at_start(text: Text) -> Self {
        Self {
            severity: Severity::Error,
            line: 1,
            column: 1,
            path: String::new(),
            text,
        }
    }

    /// What is wrong, in `locale`'s words.
    pub fn message(&self, locale: Locale) -> String {
        self.text.in_locale(locale)
    }
}

/// What a file is: a bare schema array, or a whole flow holding one under `schema`.
fn schema_of(document: &Value) -> Result<(&Value, Vec<PathSeg>), Text> {
    match document {
        Value::Array(_) => Ok((document, Vec::new())),
        Value::Object(object) => match object.get("schema") {
            Some(schema @ Value::Array(_)) => Ok((schema, vec![PathSeg::Key("schema".into())])),
            Some(other) => {
                Err(Text::new("diagnostic-schema-not-array").with("got", json_kind_text(other)))
            }
            None => Err(Text::new("diagnostic-no-schema")),
        },
        other => Err(Text::new("diagnostic-not-a-flow").with("got", json_kind_text(other))),
    }
}

/// The flow type a whole-flow document declares, if any.
pub fn declared_type(document: &Value) -> Option<FlowType> {
    document.get("type")?.as_str()?.parse().ok()
}

/// Every problem of `text` (a schema array, or a flow object with one), checked as a flow of
/// `flow_type`; errors and warnings in the order they are written.
pub fn diagnose(text: &str, flow_type: FlowType) -> Vec<Diagnostic> {
    let document = match parse_json(text) {
        Ok(document) => document,
        Err(error) => return vec![unreadable(error)],
    };
    let (schema, prefix) = match schema_of(&document) {
        Ok(found) => found,
        Err(text) => return vec![Diagnostic::error_at_start(text)],
    };
    let (flow, sources) = match decompile_with_sources(schema) {
        Ok(decompiled) => decompiled,
        Err(error) => {
            return vec![Diagnostic::error_at_start(
                Text::new("diagnostic-unreadable").with("reason", error.to_string()),
            )]
        }
    };
    let offsets = value_offsets(text);
    let mut diagnostics: Vec<Diagnostic> = check(&flow, flow_type)
        .into_iter()
        .map(|problem| {
            let mut path = prefix.clone();
            if let Some(source) = problem.node.and_then(|node| sources.get(&node)) {
                path.extend(source.iter().cloned());
            }
            let offset = offsets.get(&path).copied().unwrap_or(0);
            let (line, column) = line_and_column(text, offset);
            Diagnostic {
                severity: problem.severity,
                line,
                column,
                path: path_text(&path),
                text: problem.text,
            }
        })
        .collect();
    diagnostics.sort_by_key(|diagnostic| (diagnostic.line, diagnostic.column));
    diagnostics
}

/// Where each step of a flow's text is written: its place in the schema as a run names it (a
/// JSON pointer, `/3/if/then/0`) and its 1-based line, in the order written. Empty while the
/// text does not read as a flow.
pub fn step_lines(text: &str) -> Vec<(String, usize)> {
    let Ok(document) = parse_json(text) else {
        return Vec::new();
    };
    let Ok((schema, prefix)) = schema_of(&document) else {
        return Vec::new();
    };
    let Ok((_, sources)) = decompile_with_sources(schema) else {
        return Vec::new();
    };
    let offsets = value_offsets(text);
    let mut lines: Vec<(String, usize)> = sources
        .values()
        .filter_map(|source| {
            let mut path = prefix.clone();
            path.extend(source.iter().cloned());
            let offset = *offsets.get(&path)?;
            Some((pointer(source), line_and_column(text, offset).0))
        })
        .collect();
    lines.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    lines
}

fn unreadable(error: ImportError) -> Diagnostic {
    match error {
        ImportError::Syntax {
            line,
            column,
            message,
        } => Diagnostic {
            line,
            column,
            ..Diagnostic::error_at_start(
                Text::new("diagnostic-invalid-json").with("reason", message),
            )
        },
        ImportError::TooDeep {
            limit,
            line,
            column,
        } => Diagnostic {
            line,
            column,
            ..Diagnostic::error_at_start(Text::new("diagnostic-too-deep").with("limit", limit))
        },
        other => Diagnostic::error_at_start(
            Text::new("diagnostic-unreadable").with("reason", other.text()),
        ),
    }
}

/// The byte offset where every value of a valid JSON text starts, by its path.
fn value_offsets(text: &str) -> HashMap<Vec<PathSeg>, usize> {
    let mut scanner = Scanner {
        text,
        at: 0,
        path: Vec::new(),
        offsets: HashMap::new(),
    };
    scanner.value();
    scanner.offsets
}

/// Walks JSON text that serde_json has already accepted (and whose depth is bounded), so it
/// needs no error handling of its own.
struct Scanner<'a> {
    text: &'a str,
    at: usize,
    path: Vec<PathSeg>,
    offsets: HashMap<Vec<PathSeg>, usize>,
}

impl Scanner<'_> {
    fn peek(&self) -> u8 {
        self.text.as_bytes().get(self.at).copied().unwrap_or(b']')
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), b' ' | b'\t' | b'\n' | b'\r') {
            self.at += 1;
        }
    }

    /// Steps over a string (at its opening quote) and returns its decoded text.
    fn string(&mut self) -> String {
        let start = self.at;
        self.at += 1;
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() && bytes[self.at] != b'"' {
            self.at += if bytes[self.at] == b'\\' { 2 } else { 1 };
        }
        self.at += 1;
        serde_json::from_str(&self.text[start..self.at.min(bytes.len())]).unwrap_or_default()
    }

    fn value(&mut self) {
        self.skip_whitespace();
        self.offsets.insert(self.path.clone(), self.at);
        match self.peek() {
            b'{' => self.members(),
            b'[' => self.elements(),
            b'"' => {
                self.string();
            }
            _ => {
                while !matches!(
                    self.peek(),
                    b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'
                ) {
                    self.at += 1;
                }
            }
        }
    }

    fn members(&mut self) {
        self.at += 1;
        loop {
            self.skip_whitespace();
            if self.peek() != b'"' {
                self.at += 1; // the closing brace
                return;
            }
            let key = self.string();
            self.skip_whitespace();
            self.at += 1; // the colon
            self.path.push(PathSeg::Key(key));
            self.value();
            self.path.pop();
            self.skip_whitespace();
            if self.peek() == b',' {
                self.at += 1;
            }
        }
    }

    fn elements(&mut self) {
        self.at += 1;
        let mut index = 0;
        loop {
            self.skip_whitespace();
            if self.peek() == b']' {
                self.at += 1;
                return;
            }
            self.path.push(PathSeg::Index(index));
            self.value();
            self.path.pop();
            index += 1;
            self.skip_whitespace();
            if self.peek() == b',' {
                self.at += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_step_is_found_at_its_line_by_the_place_a_run_names() {
        let text = r#"{
  "name": "x",
  "schema": [
    {"set": {"a": "1"}},
    {
      "switch": {
        "variable": "${a}",
        "case": {
          "1/2": [
            {"answer": ""}
          ]
        }
      }
    }
  ]
}"#;
        assert_eq!(
            step_lines(text),
            [
                ("/0".to_owned(), 4),
                ("/1".to_owned(), 5),
                ("/1/switch/case/1~12/0".to_owned(), 10)
            ]
        );
        assert!(step_lines("[{").is_empty());
    }

    fn messages(text: &str, flow_type: FlowType) -> Vec<String> {
        diagnose(text, flow_type)
            .into_iter()
            .map(|d| {
                let severity = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                format!(
                    "{}:{}: {severity}: {} [{}]",
                    d.line,
                    d.column,
                    d.message(Locale::ENGLISH),
                    d.path
                )
            })
            .collect()
    }

    #[test]
    fn broken_json_is_one_error_at_its_place() {
        assert_eq!(
            messages("[\n  {\"answer\": \"\"},\n  oops\n]", FlowType::Voice),
            ["3:3: error: invalid JSON: expected value []"]
        );
        assert_eq!(
            messages("{\"name\": \"x\"}", FlowType::Voice),
            ["1:1: error: not a flow: an object without \"schema\" []"]
        );
    }

    #[test]
    fn a_text_that_cannot_be_read_says_why_in_the_readers_language() {
        let found = diagnose(" \n", FlowType::Voice);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message(Locale::ENGLISH), "the file is empty");
        let russian = Locale::from_code("ru").expect("Russian texts");
        assert_eq!(found[0].message(russian), "не удалось прочитать: файл пуст");
    }

    #[test]
    fn graph_problems_point_at_their_steps() {
        let text = "[\n  {\"answer\": \"\"},\n  {\"goto\": \"missing\"},\n  {\"if\": {\"expression\": \"1\", \"then\": [\n    7\n  ]}}\n]";
        let found = messages(text, FlowType::Voice);
        assert!(
            found.contains(
                &"3:3: warning: goto \"missing\" leads nowhere: no step has that tag (was it deleted?) [[1]]"
                    .to_owned()
            ),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|line| line.starts_with("5:5: error: not a valid step")
                    && line.ends_with("[[2].if.then[0]]")),
            "{found:#?}"
        );
    }

    #[test]
    fn a_whole_flow_is_checked_under_its_schema_key() {
        let text = "{\n  \"name\": \"x\",\n  \"schema\": [\n    {\"tag\": \"a\", \"answer\": \"\"},\n    {\"tag\": \"a\", \"hangup\": \"\"}\n  ]\n}";
        let document: Value = serde_json::from_str(text).unwrap();
        assert_eq!(declared_type(&document), None);
        let found = messages(text, FlowType::Voice);
        assert!(
            found.iter().any(
                |line| line.starts_with("5:5: error: tag \"a\" is already used")
                    && line.ends_with("[schema[1]]")
            ),
            "{found:#?}"
        );
    }

    #[test]
    fn offsets_follow_paths_through_strings_with_brackets() {
        let text = r#"{"a": "[x]", "b\"c": [1, {"d": [true]}]}"#;
        let offsets = value_offsets(text);
        let at = |path: Vec<PathSeg>| offsets[&path];
        assert_eq!(&text[at(vec![PathSeg::Key("b\"c".into())])..][..1], "[");
        let d = vec![
            PathSeg::Key("b\"c".into()),
            PathSeg::Index(1),
            PathSeg::Key("d".into()),
            PathSeg::Index(0),
        ];
        assert_eq!(&text[at(d)..][..4], "true");
    }

    /// Every diagnostic the code editor promises, each on a small hand-written flow: where it
    /// is reported and how severe it is.
    #[test]
    fn every_kind_of_problem_is_found_where_it_is_written() {
        let cases: [(&str, FlowType, &str); 12] = [
            ("[\n  {\"answer\": \"\"\n]", FlowType::Voice, "3:1: error: invalid JSON"),
            ("[\n  {\"break\": true}\n]", FlowType::Voice, "2:3: error: not a valid step"),
            ("[\n  {\"answer\": \"\", \"hangup\": \"\"}\n]", FlowType::Voice, "2:3: error: not a valid step"),
            ("[\n  {\"playback\": {\"files\": [{\"id\": 1}]}}\n]", FlowType::Chat, "2:3: warning: Playback is not offered for Chat flows"),
            ("[\n  {\"switch\": {\"case\": {}}}\n]", FlowType::Voice, "2:3: error: Switch: variable is required"),
            ("[\n  {\"sleep\": \"1000\"}\n]", FlowType::Voice, "2:3: warning: Sleep: the argument should be a number, got a string (the runtime converts it)"),
            ("[\n  {\"sleep\": \"soon\"}\n]", FlowType::Voice, "2:3: error: Sleep: the argument must be a number, got a string"),
            ("[\n  {\"goto\": \"gone\"}\n]", FlowType::Voice, "2:3: warning: goto \"gone\" leads nowhere"),
            ("[\n  {\"tag\": \"t\", \"function\": {\"name\": \"f\", \"actions\": [{\"tag\": \"in\", \"answer\": \"\"}]}},\n  {\"answer\": \"\", \"limit\": {\"max\": 2, \"failover\": \"in\"}}\n]", FlowType::Voice, "3:3: error: limit failover \"in\" leads to no step in reach"),
            ("[\n  {\"tag\": \"a\", \"answer\": \"\"},\n  {\"tag\": \"a\", \"hangup\": \"\"}\n]", FlowType::Voice, "3:3: error: tag \"a\" is already used"),
            ("[\n  {\"tag\": \"a\", \"answer\": \"\"},\n  {\"goto\": \"a\"},\n  {\"hangup\": \"\"}\n]", FlowType::Voice, "4:3: warning: hangup is never reached: the step before it jumps away (goto)"),
            ("[\n  {\"answer\": \"\", \"break\": true},\n  {\"hangup\": \"\"}\n]", FlowType::Voice, "3:3: warning: hangup is never reached: the step before it stops the flow (break)"),
        ];
        for (text, flow_type, expected) in cases {
            let found = messages(text, flow_type);
            assert!(
                found.iter().any(|line| line.starts_with(expected)),
                "{text}: expected {expected:?} among {found:#?}"
            );
        }
    }
}
