//! `run` and `test`: a flow file run by the simulator, from the command line's inputs and
//! mocks, or by the test cases saved in its payload.

use crate::error::CliError;
use crate::files::{flow_in, OutputFormat};
use flow_model::FlowType;
use flow_simulator::{
    name_and_value, tests_in, CalendarState, Channel, Inputs, Mocks, Report, DEFAULT_BUDGET,
};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What `flows run` is given beside the file.
#[derive(clap::Args)]
pub struct RunOptions {
    /// Run as this flow type (default: the type the file declares, else voice).
    #[arg(long = "type", value_parser = parse_type)]
    pub flow_type: Option<FlowType>,
    /// A channel variable at the start, `name=value`.
    #[arg(long = "var", value_name = "NAME=VALUE")]
    pub variables: Vec<String>,
    /// Keys pressed at the next key prompt, `#` ending them.
    #[arg(long)]
    pub digits: Vec<String>,
    /// The next chat message.
    #[arg(long = "message")]
    pub messages: Vec<String>,
    /// What the caller says at the next prompt that recognises speech.
    #[arg(long)]
    pub speech: Vec<String>,
    /// An HTTP answer: 'METHOD URLGLOB=STATUS BODY' (`*` matches anything).
    #[arg(long)]
    pub http: Vec<String>,
    /// A calendar's state: NAME=open|closed|expired|exception.
    #[arg(long = "calendar")]
    pub calendars: Vec<String>,
    /// A domain variable (`$${name}`), `name=value`.
    #[arg(long = "global", value_name = "NAME=VALUE")]
    pub globals: Vec<String>,
    /// Stop after this many steps (default 100,000).
    #[arg(long)]
    pub max_steps: Option<usize>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
}

fn parse_type(text: &str) -> Result<FlowType, String> {
    text.parse()
}

/// A mock option's value, read by the simulator's own reader (the Run panel's fields use it
/// too); a wrong one names its option.
fn mock<T>(
    option: &str,
    text: &str,
    read: impl Fn(&str) -> Result<T, flow_simulator::SimulatorError>,
) -> Result<T, CliError> {
    read(text).map_err(|error| CliError::Usage(format!("{option} {error}")))
}

/// `flows run`: the report, as text or JSON.
pub fn run(path: &Path, options: RunOptions) -> Result<String, CliError> {
    let flow = flow_in(path)?;
    let flow_type = options
        .flow_type
        .or(flow.write.flow_type)
        .unwrap_or_default();
    let mut mocks = Mocks {
        channel: Channel::of(flow_type),
        ..Mocks::default()
    };
    for text in &options.variables {
        let (name, value) = mock("--var", text, name_and_value)?;
        mocks.variables.insert(name, value);
    }
    for text in &options.globals {
        let (name, value) = mock("--global", text, name_and_value)?;
        mocks.globals.insert(name, value);
    }
    for text in &options.calendars {
        let (name, state) = mock("--calendar", text, |text| {
            let (name, state) = name_and_value(text)?;
            Ok((name, state.parse::<CalendarState>()?))
        })?;
        mocks.calendars.insert(name, state);
    }
    for text in &options.http {
        mocks.http.push(mock("--http", text, str::parse)?);
    }
    let schema = flow.write.schema.expect("a read flow has a schema");
    let inputs = Inputs::ByKind {
        digits: options.digits,
        messages: options.messages,
        speech: options.speech,
    };
    let budget = options.max_steps.unwrap_or(DEFAULT_BUDGET);
    let report = flow_simulator::run(&schema, mocks, inputs, budget)
        .map_err(|error| CliError::file(path, error))?;
    Ok(match options.format {
        OutputFormat::Json => {
            serde_json::to_string_pretty(&report).expect("a report always serializes")
        }
        OutputFormat::Text => report_text(&report),
    })
}

fn report_text(report: &Report) -> String {
    let mut text = String::new();
    for dropped in &report.dropped {
        let _ = writeln!(
            text,
            "{} skipped by the runtime: {}",
            dropped.path, dropped.reason
        );
    }
    for step in &report.steps {
        let tag = step
            .tag
            .as_deref()
            .map_or(String::new(), |tag| format!(" [{tag}]"));
        let _ = writeln!(text, "{} {}{tag}: {}", step.path, step.app, step.outcome);
    }
    for shown in &report.output {
        let _ = writeln!(
            text,
            "> {}",
            serde_json::to_string(shown).expect("output always serializes")
        );
    }
    let _ = writeln!(text, "ended: {}", report.ended);
    if let Some(detail) = &report.detail {
        let _ = writeln!(text, "  {detail}");
    }
    for (name, value) in &report.variables {
        let _ = writeln!(text, "{name} = {value}");
    }
    text.trim_end().to_owned()
}

/// One saved test's result.
struct Outcome {
    file: String,
    name: String,
    failure: Option<String>,
}

/// `flows test`: every saved test of every file, a line each and a summary; fails if any
/// test fails. With `junit`, also writes JUnit XML there.
pub fn test(files: &[PathBuf], junit: Option<&Path>) -> Result<String, CliError> {
    let mut outcomes = Vec::new();
    for path in files {
        let flow = flow_in(path)?;
        let schema = flow.write.schema.expect("a read flow has a schema");
        let payload = flow.write.payload.unwrap_or_default();
        let cases = tests_in(&payload).map_err(|error| CliError::file(path, error))?;
        for case in cases {
            let failure = case
                .check(&schema, DEFAULT_BUDGET)
                .map_err(|error| CliError::file(path, error))?;
            outcomes.push(Outcome {
                file: path.display().to_string(),
                name: case.name,
                failure,
            });
        }
    }
    if let Some(junit) = junit {
        std::fs::write(junit, junit_xml(&outcomes))
            .map_err(|error| CliError::file(junit, error))?;
    }
    let mut text = String::new();
    for outcome in &outcomes {
        match &outcome.failure {
            None => {
                let _ = writeln!(text, "{}: {}: pass", outcome.file, outcome.name);
            }
            Some(difference) => {
                let _ = writeln!(
                    text,
                    "{}: {}: FAIL: {difference}",
                    outcome.file, outcome.name
                );
            }
        }
    }
    let failed = outcomes
        .iter()
        .filter(|outcome| outcome.failure.is_some())
        .count();
    let _ = write!(text, "{} passed, {failed} failed", outcomes.len() - failed);
    if failed > 0 {
        println!("{text}");
        return Err(CliError::Reported(format!(
            "{failed} of {} tests failed",
            outcomes.len()
        )));
    }
    Ok(text)
}

fn xml_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn junit_xml(outcomes: &[Outcome]) -> String {
    let failures = outcomes
        .iter()
        .filter(|outcome| outcome.failure.is_some())
        .count();
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"flows\" tests=\"{}\" failures=\"{failures}\">\n",
        outcomes.len()
    );
    for outcome in outcomes {
        let _ = write!(
            xml,
            "  <testcase classname=\"{}\" name=\"{}\"",
            xml_escaped(&outcome.file),
            xml_escaped(&outcome.name)
        );
        match &outcome.failure {
            None => xml.push_str("/>\n"),
            Some(difference) => {
                let _ = write!(
                    xml,
                    ">\n    <failure message=\"{}\"/>\n  </testcase>\n",
                    xml_escaped(difference)
                );
            }
        }
    }
    xml.push_str("</testsuite>\n");
    xml
}
