//! The commands that work on flow files alone: check, fmt, to-graph, to-schema, roundtrip.

use crate::error::CliError;
use flow_model::flow::diagnose::declared_type;
use flow_model::flow::{diagnose, payload, semantic_difference, Diagnostic, Severity};
use flow_model::l10n::{Locale, Text};
use flow_model::transfer::{parse_import, ImportedFlow};
use flow_model::FlowType;
use serde::Serialize;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn read(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|error| CliError::file(path, error))
}

/// A JSON document as the canonical text: 2-space indented, keys in written order, a final
/// newline.
pub fn canonical(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("JSON always serializes");
    text.push('\n');
    text
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Serialize)]
struct Reported<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    severity: &'static str,
    path: &'a str,
    message: String,
}

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The problems of one file, checked as `flow_type` or else as the type the file declares.
pub fn file_problems(path: &Path, flow_type: Option<FlowType>) -> Vec<Diagnostic> {
    let text = match read(path) {
        Ok(text) => text,
        Err(error) => {
            return vec![Diagnostic {
                severity: Severity::Error,
                line: 1,
                column: 1,
                path: String::new(),
                text: Text::new("diagnostic-unreadable").with("reason", error.to_string()),
            }]
        }
    };
    let declared = || {
        serde_json::from_str::<Value>(&text)
            .ok()
            .and_then(|document| declared_type(&document))
    };
    let flow_type = flow_type.or_else(declared).unwrap_or_default();
    diagnose(&text, flow_type)
}

/// `check`: prints every problem; fails when any is an error.
pub fn check(
    files: &[PathBuf],
    flow_type: Option<FlowType>,
    format: OutputFormat,
) -> Result<(), CliError> {
    let mut errors = 0;
    let mut reported = Vec::new();
    for path in files {
        let name = path.display().to_string();
        for problem in file_problems(path, flow_type) {
            if problem.severity == Severity::Error {
                errors += 1;
            }
            match format {
                OutputFormat::Text => println!(
                    "{name}:{}:{}: {}: {}",
                    problem.line,
                    problem.column,
                    severity_name(problem.severity),
                    problem.message(Locale::ENGLISH)
                ),
                OutputFormat::Json => reported.push((name.clone(), problem)),
            }
        }
    }
    if format == OutputFormat::Json {
        let rows: Vec<Reported> = reported
            .iter()
            .map(|(file, problem)| Reported {
                file,
                line: problem.line,
                column: problem.column,
                severity: severity_name(problem.severity),
                path: &problem.path,
                message: problem.message(Locale::ENGLISH),
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).expect("serializes")
        );
    }
    match errors {
        0 => Ok(()),
        count => Err(CliError::Reported(format!(
            "{count} error(s) in {} file(s)",
            files.len()
        ))),
    }
}

fn parse(path: &Path, text: &str) -> Result<Value, CliError> {
    serde_json::from_str(text).map_err(|error| {
        CliError::file(
            path,
            format!("{}:{}: invalid JSON: {error}", error.line(), error.column()),
        )
    })
}

/// `fmt`: rewrites each file in the canonical form, or with `check_only` lists those that are
/// not and fails.
pub fn fmt(files: &[PathBuf], check_only: bool) -> Result<(), CliError> {
    let mut unformatted = 0;
    for path in files {
        let text = read(path)?;
        let formatted = canonical(&parse(path, &text)?);
        if formatted == text {
            continue;
        }
        if check_only {
            println!("{}: not formatted", path.display());
            unformatted += 1;
        } else {
            std::fs::write(path, formatted).map_err(|error| CliError::file(path, error))?;
            println!("{}: formatted", path.display());
        }
    }
    match unformatted {
        0 => Ok(()),
        count => Err(CliError::Reported(format!(
            "{count} file(s) not formatted: run `flows fmt` on them"
        ))),
    }
}

/// The flow a file holds: an exported flow, or a bare schema array.
pub fn flow_in(path: &Path) -> Result<ImportedFlow, CliError> {
    parse_import(&read(path)?).map_err(|error| CliError::file(path, error))
}

/// The schema a file holds: a flow's `schema`, or a bare array.
fn schema_in(path: &Path) -> Result<Value, CliError> {
    Ok(flow_in(path)?
        .write
        .schema
        .expect("an import always has a schema"))
}

/// The diagram of a schema file: `{"schema", "payload"}` as a Diagram flow stores them (the
/// schema with every step tagged, the payload with the layout).
pub fn to_graph(path: &Path) -> Result<String, CliError> {
    let schema = schema_in(path)?;
    let mut graph =
        payload::open(&schema, &json!({})).map_err(|error| CliError::file(path, error))?;
    let saved = payload::save(&mut graph, None);
    Ok(canonical(
        &json!({"schema": saved.schema, "payload": saved.payload}),
    ))
}

/// The schema of a diagram file (`{"schema", "payload"}`, such as a downloaded Diagram flow).
pub fn to_schema(path: &Path) -> Result<String, CliError> {
    let document = parse(path, &read(path)?)?;
    let schema = document.get("schema").cloned().ok_or_else(|| {
        CliError::file(
            path,
            "not a diagram: expected an object with \"schema\" and \"payload\"",
        )
    })?;
    let layout = document
        .get("payload")
        .cloned()
        .unwrap_or_else(|| json!({}));
    let mut graph = payload::open(&schema, &layout).map_err(|error| CliError::file(path, error))?;
    Ok(canonical(&payload::save(&mut graph, None).schema))
}

/// `roundtrip`: decompiles and compiles the file's schema and says whether the meaning held.
pub fn roundtrip(path: &Path) -> Result<String, CliError> {
    let schema = schema_in(path)?;
    let mut graph =
        payload::open(&schema, &json!({})).map_err(|error| CliError::file(path, error))?;
    let saved = payload::save(&mut graph, None);
    match semantic_difference(&schema, &saved.schema) {
        None => Ok(format!(
            "{}: same meaning after decompile and compile",
            path.display()
        )),
        Some(difference) => Err(CliError::Reported(format!(
            "{}: the meaning changed: {difference}",
            path.display()
        ))),
    }
}
