//! The Run panel's mocks as the user types them: a field per kind of answer, one entry per
//! line in the same syntax as `flows run` takes (`name=value`, `GET https://api/*=200 {…}`,
//! `Office=closed`), and the rest as JSON. Each field is read on its own, so a wrong line is
//! refused at its field, with its line number, and the run keeps the last good mocks.

use flow_simulator::{
    name_and_value, read_lines, CalendarState, Channel, HttpMock, Mocks, SimulatorError,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The channel variables a call's phone shows as its own fields.
pub const CALLER: &str = "caller_id_number";
pub const DIALLED: &str = "destination_number";

#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum MockField {
    Caller,
    Dialled,
    Variables,
    Globals,
    Http,
    Calendars,
    /// Lists, cache, queue, bridge, other apps, the clock: as JSON.
    More,
}

/// Why a field is refused.
#[derive(Clone, PartialEq, Debug)]
pub enum MockProblem {
    /// Line `line` is not what the field takes.
    Line { line: usize, error: SimulatorError },
    /// The JSON field does not read as mocks.
    Json(String),
}

/// What the JSON field holds: every mock without a field of its own.
#[derive(Clone, PartialEq, Debug, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct MoreMocks {
    lists: BTreeMap<String, Vec<String>>,
    cache: BTreeMap<String, String>,
    flows: BTreeMap<String, serde_json::Value>,
    queue: flow_simulator::QueueScript,
    bridge: flow_simulator::BridgeOutcome,
    apps: BTreeMap<String, BTreeMap<String, String>>,
    random: usize,
    now: Option<String>,
    captures: Option<Vec<String>>,
}

#[derive(Clone, PartialEq, Debug, Default)]
pub struct MockFields {
    pub caller: String,
    pub dialled: String,
    pub variables: String,
    pub globals: String,
    pub http: String,
    pub calendars: String,
    pub more: String,
    /// Outside apps with no recorded default wait for the user to pick what they did.
    pub ask_apps: bool,
}

fn pairs_text<'a>(pairs: impl Iterator<Item = (&'a String, &'a String)>) -> String {
    pairs
        .map(|(name, value)| format!("{name}={value}\n"))
        .collect()
}

fn pairs(text: &str) -> Result<BTreeMap<String, String>, MockProblem> {
    read_lines(text, name_and_value)
        .map(|pairs| pairs.into_iter().collect())
        .map_err(|(line, error)| MockProblem::Line { line, error })
}

impl MockFields {
    /// The fields showing `mocks` (a voice call's numbers in their own fields).
    pub fn of(mocks: &Mocks) -> Self {
        let voice = mocks.channel == Channel::Voice;
        let own_field = |name: &str| voice && (name == CALLER || name == DIALLED);
        let more = MoreMocks {
            lists: mocks.lists.clone(),
            cache: mocks.cache.clone(),
            flows: BTreeMap::new(),
            queue: mocks.queue.clone(),
            bridge: mocks.bridge.clone(),
            apps: mocks.apps.clone(),
            random: mocks.random,
            now: mocks.now.clone(),
            captures: mocks.captures.clone(),
        };
        Self {
            caller: mocks.variables.get(CALLER).cloned().unwrap_or_default(),
            dialled: mocks.variables.get(DIALLED).cloned().unwrap_or_default(),
            variables: pairs_text(mocks.variables.iter().filter(|(name, _)| !own_field(name))),
            globals: pairs_text(mocks.globals.iter()),
            http: mocks.http.iter().map(|mock| format!("{mock}\n")).collect(),
            calendars: mocks
                .calendars
                .iter()
                .map(|(name, state)| format!("{name}={}\n", state.key()))
                .collect(),
            more: serde_json::to_string_pretty(&more).expect("mocks serialize"),
            ask_apps: mocks.ask_apps,
        }
    }

    /// Keeps what the user picked for `app` as its recorded default (in the JSON field); a
    /// JSON field that does not read is left as it is, and says so.
    pub fn remember_app(
        &mut self,
        app: &str,
        values: BTreeMap<String, String>,
    ) -> Result<(), MockProblem> {
        let mut more = more(&self.more)?;
        more.apps.insert(app.to_owned(), values);
        self.more = serde_json::to_string_pretty(&more).expect("mocks serialize");
        Ok(())
    }

    /// The mocks of a new run on `channel`: a caller and a number dialled to start from.
    pub fn new_run(channel: Channel) -> Self {
        let mut mocks = Mocks {
            channel,
            ..Mocks::default()
        };
        if channel == Channel::Voice {
            mocks
                .variables
                .insert(CALLER.to_owned(), "380501234567".to_owned());
            mocks
                .variables
                .insert(DIALLED.to_owned(), "1000".to_owned());
        }
        Self::of(&mocks)
    }

    /// Why `field` is refused, if it is.
    pub fn problem(&self, field: MockField) -> Option<MockProblem> {
        match field {
            MockField::Caller | MockField::Dialled => None,
            MockField::Variables => pairs(&self.variables).err(),
            MockField::Globals => pairs(&self.globals).err(),
            MockField::Http => read_lines(&self.http, str::parse::<HttpMock>)
                .err()
                .map(|(line, error)| MockProblem::Line { line, error }),
            MockField::Calendars => calendars(&self.calendars).err(),
            MockField::More => more(&self.more).err(),
        }
    }

    /// The mocks of a run on `channel`, or the first field that refuses its text.
    pub fn mocks(&self, channel: Channel) -> Result<Mocks, (MockField, MockProblem)> {
        let at = |field| move |problem| (field, problem);
        let mut variables = pairs(&self.variables).map_err(at(MockField::Variables))?;
        if channel == Channel::Voice {
            for (name, value) in [(CALLER, &self.caller), (DIALLED, &self.dialled)] {
                if !value.trim().is_empty() {
                    variables.insert(name.to_owned(), value.trim().to_owned());
                }
            }
        }
        let more = more(&self.more).map_err(at(MockField::More))?;
        Ok(Mocks {
            channel,
            variables,
            globals: pairs(&self.globals).map_err(at(MockField::Globals))?,
            http: read_lines(&self.http, str::parse::<HttpMock>)
                .map_err(|(line, error)| (MockField::Http, MockProblem::Line { line, error }))?,
            calendars: calendars(&self.calendars).map_err(at(MockField::Calendars))?,
            lists: more.lists,
            cache: more.cache,
            flows: more.flows,
            queue: more.queue,
            bridge: more.bridge,
            apps: more.apps,
            random: more.random,
            now: more.now,
            captures: more.captures,
            ask_apps: self.ask_apps,
        })
    }
}

fn calendars(text: &str) -> Result<BTreeMap<String, CalendarState>, MockProblem> {
    read_lines(text, |line| {
        let (name, state) = name_and_value(line)?;
        Ok((name, state.parse::<CalendarState>()?))
    })
    .map(|calendars| calendars.into_iter().collect())
    .map_err(|(line, error)| MockProblem::Line { line, error })
}

fn more(text: &str) -> Result<MoreMocks, MockProblem> {
    if text.trim().is_empty() {
        return Ok(MoreMocks::default());
    }
    serde_json::from_str(text).map_err(|error| MockProblem::Json(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mocks_shown_in_fields_read_back_the_same() {
        let mut fields = MockFields::new_run(Channel::Voice);
        fields.globals = "company=Acme\n".into();
        fields.http = "GET https://crm/*=200 {\"vip\": true}\nPOST *=timeout\n".into();
        fields.calendars = "Office=closed\n".into();
        let mocks = fields.mocks(Channel::Voice).unwrap();
        assert_eq!(mocks.variables[CALLER], "380501234567");
        assert_eq!(mocks.globals["company"], "Acme");
        assert_eq!(mocks.http.len(), 2);
        assert_eq!(mocks.calendars["Office"], CalendarState::Closed);
        assert_eq!(MockFields::of(&mocks), fields);
        assert_eq!(mocks.queue.result, "success", "the JSON field's defaults");
    }

    #[test]
    fn a_wrong_line_is_refused_at_its_field_with_its_number() {
        let mut fields = MockFields::new_run(Channel::Chat);
        fields.http = "GET https://crm/*=200\nhttps://crm 200\n".into();
        assert_eq!(
            fields.mocks(Channel::Chat).unwrap_err(),
            (
                MockField::Http,
                MockProblem::Line {
                    line: 2,
                    error: SimulatorError::NotAnHttpAnswer("https://crm 200".into())
                }
            )
        );
        assert!(fields.problem(MockField::Http).is_some());
        assert_eq!(fields.problem(MockField::Variables), None);
        fields.calendars = "Office=shut".into();
        assert!(matches!(
            fields.problem(MockField::Calendars),
            Some(MockProblem::Line {
                line: 1,
                error: SimulatorError::NotACalendarState(_)
            })
        ));
        fields.more = "{\"queue\": 5}".into();
        assert!(matches!(
            fields.problem(MockField::More),
            Some(MockProblem::Json(_))
        ));
    }

    #[test]
    fn an_outcome_picked_for_an_app_becomes_its_recorded_default() {
        let mut fields = MockFields::new_run(Channel::Voice);
        fields.ask_apps = true;
        let values = BTreeMap::from([("member_name".to_owned(), "Ann".to_owned())]);
        fields.remember_app("memberInfo", values.clone()).unwrap();
        let mocks = fields.mocks(Channel::Voice).unwrap();
        assert_eq!(mocks.apps["memberInfo"], values);
        assert!(mocks.ask_apps);
        assert_eq!(MockFields::of(&mocks), fields);
        fields.more = "{".into();
        assert!(fields.remember_app("userInfo", BTreeMap::new()).is_err());
        assert_eq!(
            fields.more, "{",
            "a field that does not read is left as typed"
        );
    }

    #[test]
    fn a_chat_has_no_phone_numbers() {
        let fields = MockFields::new_run(Channel::Chat);
        let mocks = fields.mocks(Channel::Chat).unwrap();
        assert!(mocks.variables.is_empty());
    }
}
