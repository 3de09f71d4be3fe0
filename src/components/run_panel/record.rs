//! A run as the Run panel shows it, gathered from the simulator's updates: the steps taken,
//! what the caller was told and did, the variables now and how each came to be, where the run
//! stands. Plain data, so a saved test is made from it the same way everywhere.

use flow_simulator::{
    Dropped, Ended, Expectation, Input, Mocks, Output, RunState, StepRecord, TestCase, Tested,
    Update,
};
use std::collections::{BTreeMap, BTreeSet};

/// One turn of the conversation: the flow says something, or the caller does something.
#[derive(Clone, PartialEq, Debug)]
pub enum Turn {
    Told(Output),
    Did(Input),
}

/// A variable's change at a step: the step's number (from 1) and its values around it.
#[derive(Clone, PartialEq, Debug)]
pub struct VariableChange {
    pub step: usize,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Clone, PartialEq, Debug, Default)]
pub struct RunRecord {
    /// The world the run started in.
    pub mocks: Mocks,
    pub steps: Vec<StepRecord>,
    pub conversation: Vec<Turn>,
    pub variables: BTreeMap<String, String>,
    /// Variables the last update changed.
    pub changed: BTreeSet<String>,
    pub state: RunState,
    pub dropped: Vec<Dropped>,
    /// The saved tests' results, when they were last run.
    pub tested: Vec<Tested>,
}

impl RunRecord {
    /// A run about to start in the world `mocks` describes.
    pub fn starting(mocks: Mocks) -> Self {
        Self {
            variables: mocks.variables.clone(),
            mocks,
            state: RunState::Running,
            ..Self::default()
        }
    }

    /// Takes in what the worker reports.
    pub fn apply(&mut self, update: Update) {
        // Tests run beside the run: their results leave it as it is.
        if !update.tested.is_empty() {
            self.tested = update.tested;
            return;
        }
        // What the last steps changed: an update that ran none (a breakpoint set, new mocks)
        // leaves the marks as they are.
        let mut changed: BTreeSet<String> = update
            .steps
            .iter()
            .flat_map(|step| step.changes.iter().map(|change| change.name.clone()))
            .collect();
        if update.state != RunState::Idle {
            // Variables set outside any step (a hook's results) count as changed too.
            for (name, value) in &update.variables {
                if self.variables.get(name) != Some(value) {
                    changed.insert(name.clone());
                }
            }
            for name in self.variables.keys() {
                if !update.variables.contains_key(name) {
                    changed.insert(name.clone());
                }
            }
        }
        if !update.steps.is_empty() || !changed.is_empty() {
            self.changed = changed;
        }
        self.steps.extend(update.steps);
        self.conversation
            .extend(update.output.into_iter().map(Turn::Told));
        if update.state != RunState::Idle {
            self.variables = update.variables;
            self.state = update.state;
        }
        if !update.dropped.is_empty() {
            self.dropped = update.dropped;
        }
    }

    /// The caller did `input`: kept in the conversation (and in a saved test).
    pub fn give(&mut self, input: Input) {
        self.conversation.push(Turn::Did(input));
        self.state = RunState::Running;
    }

    /// The inputs given so far, in order.
    pub fn inputs(&self) -> Vec<Input> {
        self.conversation
            .iter()
            .filter_map(|turn| match turn {
                Turn::Did(input) => Some(input.clone()),
                Turn::Told(_) => None,
            })
            .collect()
    }

    /// Each change of `name`, in order.
    pub fn history(&self, name: &str) -> Vec<VariableChange> {
        self.steps
            .iter()
            .enumerate()
            .flat_map(|(index, step)| {
                step.changes
                    .iter()
                    .filter(|change| change.name == name)
                    .map(move |change| VariableChange {
                        step: index + 1,
                        before: change.before.clone(),
                        after: change.after.clone(),
                    })
            })
            .collect()
    }

    /// The step the run is at: the one a breakpoint stopped before or that waits, else the
    /// last one run.
    pub fn current(&self) -> Option<&str> {
        match &self.state {
            RunState::Breakpoint { path } | RunState::Waiting { path, .. } => Some(path),
            _ => self.steps.last().map(|step| &*step.path),
        }
    }

    /// Every step's path, in the order run.
    pub fn paths(&self) -> Vec<String> {
        self.steps
            .iter()
            .map(|step| step.path.to_string())
            .collect()
    }

    /// How the run ended, if it did.
    pub fn ended(&self) -> Option<&Ended> {
        match &self.state {
            RunState::Ended { ended } => Some(ended),
            _ => None,
        }
    }

    /// A saved test of this run: its world, the caller's inputs, how it ended (or that it
    /// waits), the steps when `with_steps`, and the final values of `variables`.
    pub fn as_test(&self, name: &str, with_steps: bool, variables: &[String]) -> TestCase {
        let ended = match &self.state {
            RunState::Ended { ended } => Some(ended.key().to_owned()),
            RunState::Waiting { .. } => Some("waiting".to_owned()),
            _ => None,
        };
        TestCase {
            name: name.trim().to_owned(),
            mocks: self.mocks.clone(),
            inputs: self.inputs(),
            expect: Expectation {
                ended,
                steps: with_steps.then(|| self.paths()),
                variables: variables
                    .iter()
                    .map(|name| (name.clone(), self.variables.get(name).cloned()))
                    .collect(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flow_simulator::{Command, Mode, Session};
    use serde_json::json;

    /// A run of `schema` to its first stop, recorded as the panel records it.
    fn recorded(schema: serde_json::Value, mocks: Mocks) -> (Session, RunRecord) {
        let mut session = Session::default();
        let mut record = RunRecord::starting(mocks.clone());
        record.apply(session.handle(
            Command::Start {
                schema,
                mocks,
                budget: 1000,
                breakpoints: Vec::new(),
                mode: Mode::Continue,
            },
            1000,
        ));
        (session, record)
    }

    fn menu() -> serde_json::Value {
        json!([
            {"set": {"greeting": "hello"}},
            {"playback": {"files": [{"name": "menu.wav"}], "getDigits": {"setVar": "choice", "min": 1, "max": 1, "tries": 1, "timeout": 3000}}},
            {"set": {"greeting": "bye", "picked": "${choice}"}}
        ])
    }

    #[test]
    fn a_run_is_recorded_turn_by_turn_with_each_variables_history() {
        let (mut session, mut record) = recorded(menu(), Mocks::default());
        assert!(matches!(record.state, RunState::Waiting { .. }));
        assert_eq!(record.current(), Some("/1"));
        assert!(record.changed.contains("greeting"));
        record.give(Input::Digits("3".into()));
        record.apply(session.handle(
            Command::Input {
                input: Input::Digits("3".into()),
            },
            1000,
        ));
        assert_eq!(record.ended(), Some(&Ended::End));
        assert_eq!(record.variables["picked"], "3");
        assert_eq!(
            record.changed,
            BTreeSet::from(["choice".into(), "greeting".into(), "picked".into()])
        );
        assert_eq!(record.conversation.len(), 2, "told the menu, pressed 3");
        let history = record.history("greeting");
        assert_eq!(history.len(), 2);
        assert_eq!(
            (history[1].step, history[1].after.as_deref()),
            (3, Some("bye"))
        );
    }

    #[test]
    fn a_saved_test_of_a_run_passes_on_the_same_flow_and_fails_on_a_changed_one() {
        let (mut session, mut record) = recorded(menu(), Mocks::default());
        record.give(Input::Digits("3".into()));
        record.apply(session.handle(
            Command::Input {
                input: Input::Digits("3".into()),
            },
            1000,
        ));
        let test = record.as_test(" Picks 3 ", true, &["picked".into(), "missing".into()]);
        assert_eq!(test.name, "Picks 3");
        assert_eq!(test.inputs, [Input::Digits("3".into())]);
        assert_eq!(test.expect.ended.as_deref(), Some("end"));
        assert_eq!(test.expect.variables["missing"], None);
        assert_eq!(test.check(&menu(), 1000).unwrap(), None);
        let changed = json!([
            {"playback": {"files": [{"name": "menu.wav"}], "getDigits": {"setVar": "choice", "min": 1, "max": 1, "tries": 1, "timeout": 3000}}},
            {"set": {"picked": "x${choice}"}}
        ]);
        assert!(test.check(&changed, 1000).unwrap().is_some());
    }
}
