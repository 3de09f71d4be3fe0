//! The outside world of a run, as the user sets it up: the channel and its first variables,
//! answers to HTTP requests, calendars, globals, lists, the cache, other stored flows, how a
//! queue and a bridge go. Plain data (saved with a flow's test cases), each with a default that
//! lets a flow run on.

use crate::error::SimulatorError;
use flow_model::FlowType;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::str::FromStr;

/// Which kind of conversation runs the flow: it decides what waiting apps wait for.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    #[default]
    Voice,
    Chat,
    /// An agent's form (`processing`).
    Form,
    /// A dialer's service hook.
    Service,
}

impl Channel {
    /// The channel a flow of `flow_type` runs on.
    pub fn of(flow_type: FlowType) -> Self {
        match flow_type {
            FlowType::Chat => Channel::Chat,
            FlowType::Processing => Channel::Form,
            FlowType::Service => Channel::Service,
            FlowType::Voice | FlowType::Default => Channel::Voice,
        }
    }
}

#[derive(Clone, PartialEq, Debug, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Mocks {
    pub channel: Channel,
    /// The channel's variables when the flow starts (`caller_id_number`, …).
    pub variables: BTreeMap<String, String>,
    /// `$${name}` values.
    pub globals: BTreeMap<String, String>,
    pub http: Vec<HttpMock>,
    /// Calendars by name or id.
    pub calendars: BTreeMap<String, CalendarState>,
    /// Lists by name or id, with the numbers in each.
    pub lists: BTreeMap<String, Vec<String>>,
    pub cache: BTreeMap<String, String>,
    /// Other stored flows by id, for `schema` steps.
    pub flows: BTreeMap<String, Value>,
    pub queue: QueueScript,
    pub bridge: BridgeOutcome,
    /// Variables an external app sets when it runs (`memberInfo`, `userInfo`, …), by app:
    /// its recorded default.
    pub apps: BTreeMap<String, BTreeMap<String, String>>,
    /// An outside app with no recorded default waits for the user to pick what it did
    /// ([`crate::Wait::Outcome`]); else it succeeds and writes nothing.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ask_apps: bool,
    /// Which element `math`'s `random` picks: the index, modulo the choices.
    pub random: usize,
    /// The simulated clock at the start, as local date and time `YYYY-MM-DD HH:MM:SS`.
    pub now: Option<String>,
    /// An outbound call's route captures (`$0` the whole match, `$1` … its groups), which
    /// replace `$1` … in the call's texts; none for an inbound call.
    pub captures: Option<Vec<String>>,
}

/// An answer to the HTTP requests whose method and URL match.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpMock {
    /// `GET`, `POST` …; none matches any.
    #[serde(default)]
    pub method: Option<String>,
    /// The URL, `*` matching any run of characters.
    pub url: String,
    #[serde(flatten)]
    pub answer: HttpAnswer,
}

#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum HttpAnswer {
    Response {
        #[serde(default = "ok_status")]
        status: u16,
        #[serde(default = "json_type")]
        content_type: String,
        #[serde(default)]
        body: String,
    },
    /// The request times out: nothing is set.
    Timeout,
    /// The connection fails: nothing is set.
    NetworkError,
}

fn ok_status() -> u16 {
    200
}

fn json_type() -> String {
    "application/json".to_owned()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CalendarState {
    #[default]
    Open,
    Closed,
    Expired,
    /// In an exception (the `extended` result is its name, [`Mocks`] keeps none: "exception").
    Exception,
}

/// How a queue treats the caller: the offers, then how they leave.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct QueueScript {
    /// Seconds the caller waits in the queue before the first offer (the `timers` fire while
    /// they wait).
    pub wait: u64,
    pub events: Vec<QueueEvent>,
    /// `cc_result` when leaving: `success`, `abandoned`, `timeout` …
    pub result: String,
}

impl Default for QueueScript {
    fn default() -> Self {
        Self {
            wait: 0,
            events: vec![
                QueueEvent::Offered {
                    agent: "Agent".to_owned(),
                },
                QueueEvent::Bridged,
            ],
            result: "success".to_owned(),
        }
    }
}

#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum QueueEvent {
    /// Offered to an agent (`offering` runs with `cc_agent_name` set).
    Offered { agent: String },
    /// The agent did not take it (chat's `missed`).
    Missed,
    /// Connected to the agent (`bridged`).
    Bridged,
}

/// How a bridge ends.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BridgeOutcome {
    /// Whether the other side answered (then `bridged` runs).
    pub answered: bool,
    /// The hangup cause (`NORMAL_CLEARING`, `USER_BUSY`, `NO_ANSWER` …).
    pub cause: String,
    pub transferred: bool,
}

impl Default for BridgeOutcome {
    fn default() -> Self {
        Self {
            answered: true,
            cause: "NORMAL_CLEARING".to_owned(),
            transferred: false,
        }
    }
}

/// The ids of the stored flows `schema` runs (its `schema` steps, at any depth), once each,
/// in the order written: what [`Mocks::flows`] needs for the run to step into them.
pub fn called_flows(schema: &Value) -> Vec<String> {
    let mut ids = Vec::new();
    let mut values = vec![schema];
    while let Some(value) = values.pop() {
        match value {
            Value::Array(items) => values.extend(items.iter().rev()),
            Value::Object(object) => {
                let id = object
                    .get("schema")
                    .and_then(|called| match called.get("id")? {
                        Value::Number(number) => Some(number.to_string()),
                        Value::String(text) => Some(text.clone()),
                        _ => None,
                    });
                if let Some(id) = id.filter(|id| !ids.contains(id)) {
                    ids.push(id);
                }
                values.extend(object.values().rev());
            }
            _ => {}
        }
    }
    ids
}

/// `name=value`.
pub fn name_and_value(text: &str) -> Result<(String, String), SimulatorError> {
    text.split_once('=')
        .filter(|(name, _)| !name.trim().is_empty())
        .map(|(name, value)| (name.trim().to_owned(), value.to_owned()))
        .ok_or_else(|| SimulatorError::NotAPair(text.to_owned()))
}

/// Every non-blank line of `text` read by `read`, or the first line it refuses, numbered from 1.
pub fn read_lines<T>(
    text: &str,
    read: impl Fn(&str) -> Result<T, SimulatorError>,
) -> Result<Vec<T>, (usize, SimulatorError)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| read(line.trim()).map_err(|error| (index + 1, error)))
        .collect()
}

impl FromStr for HttpMock {
    type Err = SimulatorError;

    /// `METHOD URLGLOB=STATUS BODY`, or `=timeout` / `=error` for a request that gets no
    /// answer (the method and the body may be left out).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wrong = || SimulatorError::NotAnHttpAnswer(text.to_owned());
        let (request, answer) = text.split_once('=').ok_or_else(wrong)?;
        let (method, url) = match request.trim().split_once(' ') {
            Some((method, url)) => (Some(method.to_uppercase()), url.trim().to_owned()),
            None => (None, request.trim().to_owned()),
        };
        if url.is_empty() {
            return Err(wrong());
        }
        let answer = match answer.trim() {
            "timeout" => HttpAnswer::Timeout,
            "error" => HttpAnswer::NetworkError,
            answer => {
                let (status, body) = answer.split_once(' ').unwrap_or((answer, ""));
                let status: u16 = status.parse().map_err(|_| wrong())?;
                let content_type = if serde_json::from_str::<Value>(body).is_ok() {
                    "application/json"
                } else {
                    "text/plain"
                };
                HttpAnswer::Response {
                    status,
                    content_type: content_type.to_owned(),
                    body: body.to_owned(),
                }
            }
        };
        Ok(HttpMock {
            method,
            url,
            answer,
        })
    }
}

impl std::fmt::Display for HttpMock {
    /// As [`HttpMock::from_str`] reads it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(method) = &self.method {
            write!(f, "{method} ")?;
        }
        match &self.answer {
            HttpAnswer::Response { status, body, .. } if body.is_empty() => {
                write!(f, "{}={status}", self.url)
            }
            HttpAnswer::Response { status, body, .. } => write!(f, "{}={status} {body}", self.url),
            HttpAnswer::Timeout => write!(f, "{}=timeout", self.url),
            HttpAnswer::NetworkError => write!(f, "{}=error", self.url),
        }
    }
}

impl FromStr for CalendarState {
    type Err = SimulatorError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim() {
            "open" => Ok(CalendarState::Open),
            "closed" => Ok(CalendarState::Closed),
            "expired" => Ok(CalendarState::Expired),
            "exception" => Ok(CalendarState::Exception),
            other => Err(SimulatorError::NotACalendarState(other.to_owned())),
        }
    }
}

impl CalendarState {
    pub fn key(self) -> &'static str {
        match self {
            CalendarState::Open => "open",
            CalendarState::Closed => "closed",
            CalendarState::Expired => "expired",
            CalendarState::Exception => "exception",
        }
    }
}

impl HttpMock {
    pub fn matches(&self, method: &str, url: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|wanted| wanted.eq_ignore_ascii_case(method))
            && glob(&self.url, url)
    }
}

/// Does `text` match `pattern`, where `*` stands for any run of characters?
pub fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_match_with_stars() {
        assert!(glob(
            "https://api.example.com/*",
            "https://api.example.com/users/1"
        ));
        assert!(glob("*/users/*/orders", "https://x/users/7/orders"));
        assert!(!glob("*/users/*/orders", "https://x/users/7/items"));
        assert!(glob("exact", "exact") && !glob("exact", "exactly"));
    }

    #[test]
    fn http_answers_read_from_one_line_and_write_back_the_same() {
        let mock: HttpMock = "get https://api.example.com/*=200 {\"ok\": true}"
            .parse()
            .unwrap();
        assert_eq!(mock.method.as_deref(), Some("GET"));
        assert_eq!(mock.url, "https://api.example.com/*");
        assert!(matches!(
            &mock.answer,
            HttpAnswer::Response { status: 200, content_type, .. } if content_type == "application/json"
        ));
        for line in [
            "GET https://x/*=200 {\"ok\": true}",
            "https://x/=404",
            "POST *=timeout",
            "*=error",
        ] {
            assert_eq!(line.parse::<HttpMock>().unwrap().to_string(), line);
        }
        assert!("https://x/ 200".parse::<HttpMock>().is_err());
        assert!("=200".parse::<HttpMock>().is_err());
    }

    #[test]
    fn called_flows_are_found_at_any_depth_once_each() {
        let schema = serde_json::json!([
            {"schema": {"id": 12}},
            {"if": {"expression": "1", "then": [{"schema": {"id": "7"}}, {"schema": {"id": 12}}]}}
        ]);
        assert_eq!(called_flows(&schema), ["12", "7"]);
    }

    #[test]
    fn lines_are_read_until_the_first_wrong_one() {
        let read = read_lines("a=1\n\n b=2 \nc", name_and_value);
        assert_eq!(read, Err((4, SimulatorError::NotAPair("c".into()))));
        assert_eq!(
            read_lines("a=1\n", name_and_value).unwrap(),
            [("a".into(), "1".into())]
        );
        assert_eq!(
            read_lines("Office=closed", |line| {
                let (name, state) = name_and_value(line)?;
                Ok((name, state.parse::<CalendarState>()?))
            })
            .unwrap(),
            [("Office".to_owned(), CalendarState::Closed)]
        );
        assert!("shut".parse::<CalendarState>().is_err());
    }

    #[test]
    fn mocks_read_from_json_with_defaults() {
        let mocks: Mocks = serde_json::from_value(serde_json::json!({
            "channel": "chat",
            "http": [{"url": "https://x/*", "kind": "response", "body": "{}"},
                     {"method": "GET", "url": "*", "kind": "timeout"}],
            "calendars": {"Office": "closed"}
        }))
        .unwrap();
        assert_eq!(mocks.channel, Channel::Chat);
        assert_eq!(
            mocks.http[0].answer,
            HttpAnswer::Response {
                status: 200,
                content_type: "application/json".into(),
                body: "{}".into()
            }
        );
        assert_eq!(mocks.calendars["Office"], CalendarState::Closed);
        assert_eq!(mocks.queue.result, "success");
    }
}
