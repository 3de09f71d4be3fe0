//! A run as the Run panel shows it, gathered from the simulator's updates: the steps taken,
//! what the caller was told and did, the variables now and how each came to be, where the run
//! stands. Plain data, so a saved test is made from it the same way everywhere.

use flow_simulator::{
    Dropped, Ended, Expectation, Input, Mocks, Output, RunState, StepRecord, TestCase, Tested,
    Update, VariableChange, HISTORY_TAIL, LOG_TAIL,
};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::rc::Rc;

/// One turn of the conversation: the flow says something, or the caller does something.
#[derive(Clone, PartialEq, Debug)]
pub enum Turn {
    Told(Output),
    Did(Input),
}

/// A variable's latest changes, and how many came before them.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct History {
    pub earlier: usize,
    pub changes: VecDeque<VariableChange>,
}

#[derive(Clone, PartialEq, Debug, Default)]
pub struct RunRecord {
    /// The world the run started in.
    pub mocks: Mocks,
    /// Steps taken in all.
    pub step_count: usize,
    /// Steps in full by number (from 1): the latest [`LOG_TAIL`] once the run stops, a few
    /// of the latest while it goes on.
    pub log: BTreeMap<usize, StepRecord>,
    /// The places in the schema steps reached, by number.
    pub places: Vec<Rc<str>>,
    /// Every step taken, by its place's number.
    pub visits: Vec<u32>,
    /// Each variable the steps changed, with its latest changes ([`HISTORY_TAIL`] at most).
    pub histories: BTreeMap<String, History>,
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
        let mut changed: BTreeSet<String> = update.changes.keys().cloned().collect();
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
        for (name, changes) in update.changes {
            let history = self.histories.entry(name).or_default();
            history.earlier += changes.count - changes.latest.len();
            history.changes.extend(changes.latest);
            let over = history.changes.len().saturating_sub(HISTORY_TAIL);
            history.changes.drain(..over);
            history.earlier += over;
        }
        self.log.extend(update.steps);
        while self.log.len() > LOG_TAIL {
            self.log.pop_first();
        }
        self.places.extend(update.places);
        self.visits.extend(update.visits);
        self.conversation
            .extend(update.output.into_iter().map(Turn::Told));
        if update.state != RunState::Idle {
            self.step_count = update.step_count;
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

    /// The step the run is at: the one a breakpoint stopped before or that waits, else the
    /// last one run.
    pub fn current(&self) -> Option<&str> {
        match &self.state {
            RunState::Breakpoint { path } | RunState::Waiting { path, .. } => Some(path),
            _ => self
                .visits
                .last()
                .map(|&place| &*self.places[place as usize]),
        }
    }

    /// Every step's path, in the order run.
    pub fn paths(&self) -> Vec<String> {
        self.visits
            .iter()
            .map(|&place| self.places[place as usize].to_string())
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
        let history = &record.histories["greeting"];
        assert_eq!((history.earlier, history.changes.len()), (0, 2));
        assert_eq!(
            (history.changes[1].step, history.changes[1].after.as_deref()),
            (3, Some("bye"))
        );
        assert_eq!(record.paths(), ["/0", "/1", "/2"]);
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

    #[test]
    fn a_long_run_keeps_its_latest_steps_and_changes_and_counts_the_rest() {
        let looping = json!([
            {"tag": "loop", "set": {"n": "a"}},
            {"set": {"n": "b"}},
            {"goto": "loop"}
        ]);
        let (mut session, mut record) = recorded(looping, Mocks::default());
        record.apply(session.handle(Command::Continue, 1000));
        assert_eq!(record.step_count, 1000, "the budget");
        assert_eq!(record.visits.len(), 1000);
        assert_eq!(record.places.len(), 3);
        assert_eq!(record.log.len(), LOG_TAIL);
        let numbers: Vec<usize> = record.log.keys().copied().collect();
        assert_eq!(numbers, (1000 - LOG_TAIL + 1..=1000).collect::<Vec<_>>());
        let history = &record.histories["n"];
        assert_eq!(history.changes.len(), HISTORY_TAIL);
        assert_eq!(history.earlier + history.changes.len(), 667);
        assert_eq!(record.current(), Some("/0"));
    }
}
