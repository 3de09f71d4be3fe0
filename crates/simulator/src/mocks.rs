//! The outside world of a run, as the user sets it up: the channel and its first variables,
//! answers to HTTP requests, calendars, globals, lists, the cache, other stored flows, how a
//! queue and a bridge go. Plain data (saved with a flow's test cases), each with a default that
//! lets a flow run on.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

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
    /// Variables an external app sets when it runs (`memberInfo`, `userInfo`, …), by app.
    pub apps: BTreeMap<String, BTreeMap<String, String>>,
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
