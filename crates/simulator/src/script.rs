//! A whole run from a script: the caller's inputs given up front, the run carried to its end
//! (or to a prompt the script has no answer for), and what it did as one report. Saved test
//! cases are scripts with expectations; they travel with a flow in its payload, under `tests`.

use crate::error::SimulatorError;
use crate::mocks::Mocks;
use crate::run::{Event, Input, Output, Simulator, Wait};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;

/// The caller's side of a run.
#[derive(Clone, PartialEq, Debug)]
pub enum Inputs {
    /// Each prompt that waits takes the next input, whatever it waits for.
    InOrder(Vec<Input>),
    /// Key prompts take the next digits, message prompts the next message, speech prompts
    /// the next words said.
    ByKind {
        digits: Vec<String>,
        messages: Vec<String>,
        speech: Vec<String>,
    },
}

/// A step of the report: where, which app, what it was given, what came of it.
#[derive(Clone, PartialEq, Debug, Serialize)]
pub struct ReportStep {
    pub path: Rc<str>,
    pub tag: Option<Rc<str>>,
    pub app: Rc<str>,
    pub args: Value,
    pub outcome: String,
}

/// What a run did.
#[derive(Clone, PartialEq, Debug, Serialize)]
pub struct Report {
    /// `end`, `break`, `hangup`, `waiting` (for an input the script lacks) or `budget`.
    pub ended: String,
    /// Why, when there is more to say (the loop a budget stopped).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub steps: Vec<ReportStep>,
    /// The channel's variables at the end, as the runtime holds them (text).
    pub variables: BTreeMap<String, String>,
    pub output: Vec<Output>,
    /// Steps the runtime drops while reading the schema (never run): where, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<Dropped>,
}

#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Dropped {
    pub path: String,
    pub reason: String,
}

/// Runs `schema` against `mocks` with `inputs`, at most `budget` steps.
pub fn run(
    schema: &Value,
    mocks: Mocks,
    inputs: Inputs,
    budget: usize,
) -> Result<Report, SimulatorError> {
    let mut simulator = Simulator::new(schema, mocks)?.with_budget(budget);
    let (mut in_order, mut digits, mut messages, mut speech) = match inputs {
        Inputs::InOrder(inputs) => (
            VecDeque::from(inputs),
            VecDeque::new(),
            VecDeque::new(),
            VecDeque::new(),
        ),
        Inputs::ByKind {
            digits,
            messages,
            speech,
        } => (
            VecDeque::new(),
            VecDeque::from(digits),
            VecDeque::from(messages),
            VecDeque::from(speech),
        ),
    };
    let (mut steps, mut output) = (Vec::new(), Vec::new());
    let mut ended = None;
    loop {
        match simulator.next_event() {
            Some(Event::Step(step)) => steps.push(ReportStep {
                path: step.path,
                tag: step.tag,
                app: step.app,
                args: step.args,
                outcome: step.outcome,
            }),
            Some(Event::Output(shown)) => output.push(shown),
            Some(Event::Waiting(_) | Event::Breakpoint(_)) => {}
            Some(Event::Ended(end)) => {
                ended = Some(end);
                break;
            }
            None => {
                let input = in_order
                    .pop_front()
                    .or_else(|| match simulator.waits_for() {
                        Some(Wait::Digits { .. }) => digits.pop_front().map(Input::Digits),
                        Some(Wait::Message { .. }) => messages.pop_front().map(Input::Message),
                        Some(Wait::Speech { .. }) => speech.pop_front().map(Input::Speech),
                        // Picked outcomes come with a saved test's inputs, in order.
                        Some(Wait::Outcome { .. }) | None => None,
                    });
                match input {
                    Some(input) => simulator.provide(input),
                    None => break,
                }
            }
        }
    }
    let (key, detail) = match &ended {
        Some(end) => (end.key(), end.detail()),
        None => ("waiting", None),
    };
    Ok(Report {
        ended: key.to_owned(),
        detail,
        steps,
        variables: simulator.variables().clone(),
        output,
        dropped: simulator
            .dropped()
            .iter()
            .map(|(path, reason)| Dropped {
                path: path.clone(),
                reason: reason.clone(),
            })
            .collect(),
    })
}

/// A saved run: its world, the caller's inputs in order, and what it should do.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestCase {
    pub name: String,
    #[serde(default)]
    pub mocks: Mocks,
    #[serde(default)]
    pub inputs: Vec<Input>,
    #[serde(default)]
    pub expect: Expectation,
}

#[derive(Clone, PartialEq, Debug, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Expectation {
    /// How the run ends (`end`, `hangup` …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended: Option<String>,
    /// The paths of the steps it takes, in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<String>>,
    /// Chosen variables' values at the end (`null`: not set).
    pub variables: BTreeMap<String, Option<String>>,
}

impl TestCase {
    /// Runs the case on `schema`: none when it passes, else the first difference.
    pub fn check(&self, schema: &Value, budget: usize) -> Result<Option<String>, SimulatorError> {
        let report = run(
            schema,
            self.mocks.clone(),
            Inputs::InOrder(self.inputs.clone()),
            budget,
        )?;
        Ok(self.expect.difference(&report))
    }
}

impl Expectation {
    /// The first way `report` differs from what is expected.
    pub fn difference(&self, report: &Report) -> Option<String> {
        if let Some(ended) = self.ended.as_ref().filter(|ended| **ended != report.ended) {
            return Some(format!("ended: expected {ended}, got {}", report.ended));
        }
        if let Some(steps) = &self.steps {
            let taken: Vec<&str> = report.steps.iter().map(|step| &*step.path).collect();
            let first = steps
                .iter()
                .zip(&taken)
                .position(|(expected, got)| expected != got);
            let say =
                |step: Option<&str>| step.map_or("no step".to_owned(), |step| step.to_owned());
            match first {
                Some(at) => {
                    return Some(format!(
                        "step {}: expected {}, got {}",
                        at + 1,
                        steps[at],
                        taken[at]
                    ))
                }
                None if steps.len() != taken.len() => {
                    let at = steps.len().min(taken.len());
                    return Some(format!(
                        "step {}: expected {}, got {}",
                        at + 1,
                        say(steps.get(at).map(String::as_str)),
                        say(taken.get(at).copied())
                    ));
                }
                None => {}
            }
        }
        self.variables.iter().find_map(|(name, expected)| {
            let got = report.variables.get(name);
            (got != expected.as_ref()).then(|| {
                let say =
                    |value: Option<&String>| value.map_or("unset".to_owned(), |v| format!("{v:?}"));
                format!(
                    "variable {name}: expected {}, got {}",
                    say(expected.as_ref()),
                    say(got)
                )
            })
        })
    }
}

/// The test cases a flow carries in its payload (`payload.tests`); an entry that is not a test
/// case is reported by its place.
pub fn tests_in(payload: &Value) -> Result<Vec<TestCase>, SimulatorError> {
    let Some(tests) = payload.get("tests") else {
        return Ok(Vec::new());
    };
    let tests = tests
        .as_array()
        .ok_or_else(|| SimulatorError::Tests("payload.tests is not an array".to_owned()))?;
    tests
        .iter()
        .enumerate()
        .map(|(at, test)| {
            serde_json::from_value(test.clone())
                .map_err(|error| SimulatorError::Tests(format!("payload.tests[{at}]: {error}")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn menu() -> Value {
        json!([
            {"playback": {"files": [{"name": "menu"}], "getDigits": {"setVar": "d", "tries": 1}}},
            {"switch": {"variable": "${d}", "case": {"1": [{"set": {"went": "sales"}}]}}}
        ])
    }

    #[test]
    fn a_script_runs_to_its_end_or_to_a_prompt_it_cannot_answer() {
        let report = run(
            &menu(),
            Mocks::default(),
            Inputs::ByKind {
                digits: vec!["1".into()],
                messages: vec![],
                speech: vec![],
            },
            1000,
        )
        .unwrap();
        assert_eq!(report.ended, "end");
        assert_eq!(report.variables["went"], "sales");
        assert_eq!(report.steps[1].outcome, "case \"1\"");
        let waiting = run(&menu(), Mocks::default(), Inputs::InOrder(vec![]), 1000).unwrap();
        assert_eq!(waiting.ended, "waiting");
    }

    #[test]
    fn test_cases_pass_or_say_the_first_difference() {
        let case: TestCase = serde_json::from_value(json!({
            "name": "sales",
            "inputs": [{"digits": "1"}],
            "expect": {"ended": "end", "steps": ["/0", "/1", "/1/switch/case/1/0"],
                       "variables": {"went": "sales", "other": null}}
        }))
        .unwrap();
        assert_eq!(case.check(&menu(), 1000).unwrap(), None);
        let changed = json!([
            {"playback": {"files": [{"name": "menu"}], "getDigits": {"setVar": "d", "tries": 1}}},
            {"switch": {"variable": "${d}", "case": {"1": [{"set": {"went": "support"}}]}}}
        ]);
        assert_eq!(
            case.check(&changed, 1000).unwrap().as_deref(),
            Some(r#"variable went: expected "sales", got "support""#)
        );
        let shorter = json!([{"playback": {"files": [], "getDigits": {"setVar": "d"}}}]);
        assert_eq!(
            case.check(&shorter, 1000).unwrap().as_deref(),
            Some("step 2: expected /1, got no step")
        );
        assert!(tests_in(&json!({"tests": [{"nope": 1}]})).is_err());
        assert_eq!(tests_in(&json!({})).unwrap(), vec![]);
    }
}
