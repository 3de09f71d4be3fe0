//! `run` and `test`: a flow file run by the simulator, from the command line's inputs and
//! mocks, or by the test cases saved in its payload.

use crate::error::CliError;
use crate::files::{flow_in, OutputFormat};
use flow_model::FlowType;
use flow_simulator::{
    tests_in, CalendarState, Channel, HttpAnswer, HttpMock, Inputs, Mocks, Report, DEFAULT_BUDGET,
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

fn channel_of(flow_type: FlowType) -> Channel {
    match flow_type {
        FlowType::Chat => Channel::Chat,
        FlowType::Processing => Channel::Form,
        FlowType::Service => Channel::Service,
        FlowType::Voice | FlowType::Default => Channel::Voice,
    }
}

/// `name=value`.
fn pair(option: &str, text: &str) -> Result<(String, String), CliError> {
    text.split_once('=')
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .ok_or_else(|| CliError::Usage(format!("{option} {text:?}: expected name=value")))
}

/// `METHOD URLGLOB=STATUS BODY` (the method and the body may be left out).
fn http_mock(text: &str) -> Result<HttpMock, CliError> {
    let wrong = || {
        CliError::Usage(format!(
            "--http {text:?}: expected 'METHOD URLGLOB=STATUS BODY', such as 'GET https://api/*=200 {{\"ok\":true}}'"
        ))
    };
    let (request, answer) = text.split_once('=').ok_or_else(wrong)?;
    let (method, url) = match request.trim().split_once(' ') {
        Some((method, url)) => (Some(method.to_uppercase()), url.trim().to_owned()),
        None => (None, request.trim().to_owned()),
    };
    let (status, body) = answer.trim().split_once(' ').unwrap_or((answer.trim(), ""));
    let status: u16 = status.parse().map_err(|_| wrong())?;
    let content_type = if serde_json::from_str::<serde_json::Value>(body).is_ok() {
        "application/json"
    } else {
        "text/plain"
    };
    Ok(HttpMock {
        method,
        url,
        answer: HttpAnswer::Response {
            status,
            content_type: content_type.to_owned(),
            body: body.to_owned(),
        },
    })
}

fn calendar_state(text: &str) -> Result<CalendarState, CliError> {
    match text {
        "open" => Ok(CalendarState::Open),
        "closed" => Ok(CalendarState::Closed),
        "expired" => Ok(CalendarState::Expired),
        "exception" => Ok(CalendarState::Exception),
        other => Err(CliError::Usage(format!(
            "--calendar …={other}: expected open, closed, expired or exception"
        ))),
    }
}

/// `flows run`: the report, as text or JSON.
pub fn run(path: &Path, options: RunOptions) -> Result<String, CliError> {
    let flow = flow_in(path)?;
    let flow_type = options
        .flow_type
        .or(flow.write.flow_type)
        .unwrap_or_default();
    let mut mocks = Mocks {
        channel: channel_of(flow_type),
        ..Mocks::default()
    };
    for text in &options.variables {
        let (name, value) = pair("--var", text)?;
        mocks.variables.insert(name, value);
    }
    for text in &options.globals {
        let (name, value) = pair("--global", text)?;
        mocks.globals.insert(name, value);
    }
    for text in &options.calendars {
        let (name, state) = pair("--calendar", text)?;
        mocks.calendars.insert(name, calendar_state(&state)?);
    }
    for text in &options.http {
        mocks.http.push(http_mock(text)?);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_mocks_read_from_one_option() {
        let mock = http_mock("get https://api.example.com/*=200 {\"ok\": true}").unwrap();
        assert_eq!(mock.method.as_deref(), Some("GET"));
        assert_eq!(mock.url, "https://api.example.com/*");
        assert_eq!(
            mock.answer,
            HttpAnswer::Response {
                status: 200,
                content_type: "application/json".into(),
                body: "{\"ok\": true}".into()
            }
        );
        let bare = http_mock("https://x/=404").unwrap();
        assert_eq!(bare.method, None);
        assert!(http_mock("https://x/ 200").is_err());
    }
}
