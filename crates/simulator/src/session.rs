//! A run driven from outside, one command at a time: what the editors' Run panel keeps in its
//! worker. Commands and updates are plain data (JSON between the page and the worker); a run
//! that goes on works in slices, so a pause (or anything else) can come in between them.

use crate::mocks::Mocks;
use crate::run::{Ended, Event, Input, Output, Simulator, StepRecord, Wait};
use crate::script::{Dropped, TestCase};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::rc::Rc;

/// The latest steps of a run kept in full: a log shows no more (a runaway flow takes a hundred
/// thousand steps, and each would cross to the page).
pub const LOG_TAIL: usize = 500;
/// Full steps an update carries while the run goes on: enough to see it move. When it stops,
/// the update brings the rest of the latest [`LOG_TAIL`].
const RUNNING_TAIL: usize = 20;
/// Changes of one variable an update carries at most: the latest.
pub const HISTORY_TAIL: usize = 100;

/// How far a run goes before it stops by itself.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Mode {
    /// One step, then a pause.
    Step,
    /// Until a breakpoint, a prompt or the end.
    #[default]
    Continue,
}

/// What the page asks of the run.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "command")]
pub enum Command {
    /// A new run of `schema` (whatever ran before is dropped).
    Start {
        schema: Value,
        mocks: Mocks,
        budget: usize,
        breakpoints: Vec<String>,
        mode: Mode,
    },
    Step,
    Continue,
    Pause,
    /// What the caller does (at the prompt that waits, or a hangup at any time).
    Input {
        input: Input,
    },
    Breakpoints {
        paths: Vec<String>,
    },
    /// Mocks changed during the run: the next steps see them (the channel's first variables and
    /// the cache were read at the start).
    Mocks {
        mocks: Mocks,
    },
    /// Runs saved test cases on `schema` (beside the run, which stays as it is).
    Test {
        schema: Value,
        tests: Vec<TestCase>,
        budget: usize,
    },
}

/// A saved test case's result: none when it passed, else the first difference.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Tested {
    pub name: String,
    pub difference: Option<String>,
}

/// Where the run is after a command or a slice of work.
#[derive(Clone, PartialEq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "state")]
pub enum RunState {
    /// Nothing runs yet.
    #[default]
    Idle,
    /// Working: more updates follow.
    Running,
    Paused,
    /// Stopped before the step at `path`.
    Breakpoint {
        path: String,
    },
    /// The step at `path` waits for the caller.
    Waiting {
        wait: Wait,
        path: String,
    },
    Ended {
        ended: Ended,
    },
    /// The flow cannot run at all.
    Failed {
        message: String,
    },
}

/// A variable's change at a step: the step's number (from 1) and its values around it.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct VariableChange {
    pub step: usize,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One variable's changes since the last update: how many there were, and the latest of them.
#[derive(Clone, PartialEq, Debug, Default, Serialize, Deserialize)]
pub struct Changes {
    pub count: usize,
    pub latest: VecDeque<VariableChange>,
}

/// What happened since the last update.
#[derive(Clone, PartialEq, Debug, Default, Serialize, Deserialize)]
pub struct Update {
    /// Steps taken since the run started.
    pub step_count: usize,
    /// Steps in full, by number (from 1): while the run goes on, the latest few; when it
    /// stops, those of the latest [`LOG_TAIL`] not sent before.
    pub steps: Vec<(usize, StepRecord)>,
    /// Places in the schema that steps reached for the first time: they take the next numbers
    /// (from 0, for the whole run).
    pub places: Vec<Rc<str>>,
    /// Every step since the last update, by its place's number.
    pub visits: Vec<u32>,
    /// The variables steps changed since the last update.
    pub changes: BTreeMap<String, Changes>,
    pub output: Vec<Output>,
    pub state: RunState,
    /// Every variable now.
    pub variables: BTreeMap<String, String>,
    /// Steps the runtime would drop (told once, when the run starts).
    pub dropped: Vec<Dropped>,
    /// The results of [`Command::Test`].
    pub tested: Vec<Tested>,
}

impl Update {
    /// The run cannot go on, and why.
    pub fn failed(message: String) -> Self {
        Self {
            state: RunState::Failed { message },
            ..Self::default()
        }
    }
}

/// What the session keeps of a run so that updates can be small: the places steps reached,
/// numbered, how many steps ran, and the latest of them not yet sent.
#[derive(Default)]
struct Journal {
    places: HashMap<Rc<str>, u32>,
    steps: usize,
    unsent: VecDeque<(usize, StepRecord)>,
}

impl Journal {
    /// Adds `step` to `update`: its place's number, its changes, and the step itself.
    fn record(&mut self, step: StepRecord, update: &mut Update) {
        self.steps += 1;
        let next = self.places.len() as u32;
        let place = *self.places.entry(Rc::clone(&step.path)).or_insert_with(|| {
            update.places.push(Rc::clone(&step.path));
            next
        });
        update.visits.push(place);
        for change in &step.changes {
            let variable = match update.changes.get_mut(&change.name) {
                Some(variable) => variable,
                None => update.changes.entry(change.name.clone()).or_default(),
            };
            variable.count += 1;
            variable.latest.push_back(VariableChange {
                step: self.steps,
                before: change.before.clone(),
                after: change.after.clone(),
            });
            if variable.latest.len() > HISTORY_TAIL {
                variable.latest.pop_front();
            }
        }
        self.unsent.push_back((self.steps, step));
        if self.unsent.len() > LOG_TAIL {
            self.unsent.pop_front();
        }
    }

    /// The steps `update` carries in full: the latest few of its own while the run goes on,
    /// else every one of the latest not sent yet.
    fn send(&mut self, update: &mut Update, running: bool) {
        let first = if running {
            let new = update.visits.len().min(RUNNING_TAIL);
            self.unsent.len() - new.min(self.unsent.len())
        } else {
            0
        };
        update.steps = self.unsent.drain(first..).collect();
        let sent_through = self.steps - LOG_TAIL.min(self.steps);
        // Older than the latest LOG_TAIL: never shown, never sent.
        self.unsent.retain(|(number, _)| *number > sent_through);
        update.step_count = self.steps;
    }
}

#[derive(Default)]
pub struct Session {
    simulator: Option<Simulator>,
    journal: Journal,
    mode: Mode,
    state: RunState,
}

impl Session {
    /// Whether the run goes on: the page's worker then calls [`Session::work`] again.
    pub fn is_running(&self) -> bool {
        self.state == RunState::Running
    }

    /// Takes a command; a command that runs does a first slice of `slice` events.
    pub fn handle(&mut self, command: Command, slice: usize) -> Update {
        match command {
            Command::Start {
                schema,
                mocks,
                budget,
                breakpoints,
                mode,
            } => return self.start(&schema, mocks, budget, breakpoints, mode, slice),
            Command::Step => self.mode = Mode::Step,
            Command::Continue => self.mode = Mode::Continue,
            Command::Pause => {
                if self.is_running() {
                    self.state = RunState::Paused;
                }
                return self.update(Update::default());
            }
            Command::Input { input } => {
                if let Some(simulator) = &mut self.simulator {
                    simulator.provide(input);
                }
            }
            Command::Breakpoints { paths } => {
                if let Some(simulator) = &mut self.simulator {
                    simulator.set_breakpoints(paths.into_iter().map(Rc::from));
                }
                return self.update(Update::default());
            }
            Command::Mocks { mocks } => {
                if let Some(simulator) = &mut self.simulator {
                    simulator.replace_mocks(mocks);
                }
                return self.update(Update::default());
            }
            Command::Test {
                schema,
                tests,
                budget,
            } => {
                let tested = tests
                    .iter()
                    .map(|test| Tested {
                        name: test.name.clone(),
                        difference: test
                            .check(&schema, budget)
                            .unwrap_or_else(|error| Some(error.to_string())),
                    })
                    .collect();
                // Only the results: the run's own steps wait for its next update.
                return Update {
                    tested,
                    ..Update::default()
                };
            }
        }
        self.work(slice)
    }

    fn start(
        &mut self,
        schema: &Value,
        mocks: Mocks,
        budget: usize,
        breakpoints: Vec<String>,
        mode: Mode,
        slice: usize,
    ) -> Update {
        self.mode = mode;
        self.journal = Journal::default();
        match Simulator::new(schema, mocks) {
            Ok(simulator) => {
                let mut simulator = simulator.with_budget(budget);
                simulator.set_breakpoints(breakpoints.into_iter().map(Rc::from));
                let dropped = simulator
                    .dropped()
                    .iter()
                    .map(|(path, reason)| Dropped {
                        path: path.clone(),
                        reason: reason.clone(),
                    })
                    .collect();
                self.simulator = Some(simulator);
                let mut update = self.work(slice);
                update.dropped = dropped;
                update
            }
            Err(error) => {
                self.simulator = None;
                self.state = RunState::Failed {
                    message: error.to_string(),
                };
                self.update(Update::default())
            }
        }
    }

    /// Runs at most `slice` events in the current mode.
    pub fn work(&mut self, slice: usize) -> Update {
        let mut update = Update::default();
        let Some(simulator) = &mut self.simulator else {
            return self.update(update);
        };
        self.state = RunState::Running;
        for _ in 0..slice {
            match simulator.next_event() {
                Some(Event::Step(step)) => {
                    self.journal.record(step, &mut update);
                    if self.mode == Mode::Step {
                        self.state = RunState::Paused;
                        break;
                    }
                }
                Some(Event::Output(output)) => update.output.push(output),
                // Told by the None that follows while no input is there.
                Some(Event::Waiting(_)) => {}
                Some(Event::Breakpoint(path)) => {
                    self.state = RunState::Breakpoint {
                        path: path.to_string(),
                    };
                    break;
                }
                Some(Event::Ended(ended)) => {
                    self.state = RunState::Ended { ended };
                    break;
                }
                None => {
                    self.state = match (simulator.ended(), simulator.waits_for()) {
                        (Some(ended), _) => RunState::Ended {
                            ended: ended.clone(),
                        },
                        (None, Some(wait)) => RunState::Waiting {
                            wait: wait.clone(),
                            path: simulator
                                .waiting_at()
                                .map(|path| path.to_string())
                                .unwrap_or_default(),
                        },
                        (None, None) => RunState::Paused,
                    };
                    break;
                }
            }
        }
        self.update(update)
    }

    /// `update` with the run's state, its latest steps, its step count and its variables now.
    fn update(&mut self, mut update: Update) -> Update {
        update.state = self.state.clone();
        self.journal.send(&mut update, self.is_running());
        if let Some(simulator) = &self.simulator {
            update.variables = simulator.variables().clone();
        }
        update
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn start(schema: Value, breakpoints: &[&str], mode: Mode) -> Command {
        Command::Start {
            schema,
            mocks: Mocks::default(),
            budget: 1000,
            breakpoints: breakpoints.iter().map(|path| (*path).to_owned()).collect(),
            mode,
        }
    }

    fn paths(update: &Update) -> Vec<&str> {
        update.steps.iter().map(|(_, step)| &*step.path).collect()
    }

    #[test]
    fn a_breakpoint_stops_before_its_step_and_continue_runs_it() {
        let schema = json!([
            {"set": {"a": "1"}},
            {"set": {"b": "2"}},
            {"set": {"c": "3"}}
        ]);
        let mut session = Session::default();
        let update = session.handle(start(schema, &["/1"], Mode::Continue), 100);
        assert_eq!(paths(&update), ["/0"]);
        assert_eq!(
            update.state,
            RunState::Breakpoint {
                path: "/1".to_owned()
            }
        );
        assert_eq!(update.variables.get("b"), None);
        let update = session.handle(Command::Continue, 100);
        assert_eq!(paths(&update), ["/1", "/2"]);
        assert!(matches!(
            update.state,
            RunState::Ended { ended: Ended::End }
        ));
        assert_eq!(update.variables["c"], "3");
    }

    #[test]
    fn step_runs_one_step_at_a_time() {
        let schema = json!([{"set": {"a": "1"}}, {"set": {"b": "2"}}]);
        let mut session = Session::default();
        let update = session.handle(start(schema, &[], Mode::Step), 100);
        assert_eq!(paths(&update), ["/0"]);
        assert_eq!(update.state, RunState::Paused);
        let update = session.handle(Command::Step, 100);
        assert_eq!(paths(&update), ["/1"]);
        let update = session.handle(Command::Step, 100);
        assert!(update.steps.is_empty());
        assert!(matches!(
            update.state,
            RunState::Ended { ended: Ended::End }
        ));
    }

    #[test]
    fn a_prompt_waits_for_input_then_the_run_goes_on() {
        let schema = json!([
            {"playback": {"files": [{"name": "menu.wav"}], "getDigits": {"setVar": "choice", "min": 1, "max": 1, "tries": 1, "timeout": 3000}}},
            {"set": {"picked": "${choice}"}}
        ]);
        let mut session = Session::default();
        let update = session.handle(start(schema, &[], Mode::Continue), 100);
        assert!(matches!(
            &update.state,
            RunState::Waiting { wait: Wait::Digits { .. }, path } if path == "/0"
        ));
        assert_eq!(update.output.len(), 1);
        let update = session.handle(
            Command::Input {
                input: Input::Digits("2".to_owned()),
            },
            100,
        );
        assert!(matches!(update.state, RunState::Ended { .. }));
        assert_eq!(update.variables["picked"], "2");
    }

    #[test]
    fn a_long_run_works_in_slices_and_a_pause_stops_it() {
        let schema = json!([
            {"tag": "loop", "set": {"n": "1"}},
            {"goto": "loop"}
        ]);
        let mut session = Session::default();
        let update = session.handle(start(schema, &[], Mode::Continue), 10);
        assert_eq!(update.state, RunState::Running);
        assert!(session.is_running());
        let update = session.handle(Command::Pause, 10);
        assert_eq!(update.state, RunState::Paused);
        assert!(!session.is_running());
    }

    #[test]
    fn a_long_run_tells_every_step_by_place_number_and_the_latest_in_full() {
        let schema = json!([
            {"tag": "loop", "set": {"n": "a"}},
            {"set": {"n": "b"}},
            {"goto": "loop"}
        ]);
        let mut session = Session::default();
        let first = session.handle(start(schema, &[], Mode::Continue), 900);
        assert_eq!(first.step_count, 900);
        assert_eq!(first.visits.len(), 900);
        assert_eq!(
            &*first.places,
            [Rc::from("/0"), Rc::from("/1"), Rc::from("/2")]
        );
        assert_eq!(first.visits[..4], [0, 1, 2, 0]);
        assert_eq!(first.state, RunState::Running);
        assert_eq!(
            first.steps.len(),
            RUNNING_TAIL,
            "the latest few while it runs"
        );
        assert_eq!(first.steps.last().unwrap().0, 900);
        assert_eq!(first.steps.last().unwrap().1.path, first.places[2]);
        let n = &first.changes["n"];
        assert_eq!(n.count, 600, "two sets a pass, three steps a pass");
        assert_eq!(n.latest.len(), HISTORY_TAIL);
        assert_eq!(n.latest.back().unwrap().step, 899);
        let second = session.handle(Command::Continue, 9);
        assert_eq!(second.step_count, 909);
        assert!(second.places.is_empty(), "places are told once");
        assert_eq!(second.visits, [0, 1, 2, 0, 1, 2, 0, 1, 2]);
        let paused = session.handle(Command::Pause, 9);
        assert_eq!(paused.state, RunState::Paused);
        let numbers: Vec<usize> = paused.steps.iter().map(|(number, _)| *number).collect();
        assert_eq!(numbers.len(), LOG_TAIL - RUNNING_TAIL - 9);
        assert_eq!(
            numbers[0],
            909 - LOG_TAIL + 1,
            "the rest of the latest LOG_TAIL"
        );
        assert!(!numbers.contains(&900), "sent before");
        assert!(
            session.handle(Command::Pause, 9).steps.is_empty(),
            "each step is sent once"
        );
    }

    #[test]
    fn a_schema_that_is_not_a_list_fails_with_why() {
        let mut session = Session::default();
        let update = session.handle(start(json!({"set": {}}), &[], Mode::Continue), 10);
        assert!(matches!(update.state, RunState::Failed { message } if message.contains("array")));
    }

    #[test]
    fn saved_tests_run_beside_the_run_and_tell_the_first_difference() {
        let schema = json!([{"set": {"a": "1"}}]);
        let test = |name: &str, value: &str| TestCase {
            name: name.to_owned(),
            mocks: Mocks::default(),
            inputs: Vec::new(),
            expect: crate::Expectation {
                variables: [("a".to_owned(), Some(value.to_owned()))].into(),
                ..Default::default()
            },
        };
        let mut session = Session::default();
        let update = session.handle(
            Command::Test {
                schema,
                tests: vec![test("passes", "1"), test("fails", "2")],
                budget: 100,
            },
            10,
        );
        assert_eq!(update.state, RunState::Idle);
        assert_eq!(update.tested[0].difference, None);
        assert_eq!(
            update.tested[1].difference.as_deref(),
            Some("variable a: expected \"2\", got \"1\"")
        );
    }

    #[test]
    fn a_hangup_ends_a_waiting_run() {
        let schema = json!([
            {"recvMessage": {"set": "reply", "timeout": 60}},
            {"set": {"after": "1"}}
        ]);
        let mut session = Session::default();
        let update = session.handle(start(schema, &[], Mode::Continue), 100);
        assert!(
            matches!(update.state, RunState::Waiting { .. }),
            "{update:?}"
        );
        let update = session.handle(
            Command::Input {
                input: Input::Hangup,
            },
            100,
        );
        assert!(matches!(
            update.state,
            RunState::Ended {
                ended: Ended::Hangup
            }
        ));
        assert_eq!(update.variables.get("after"), None);
    }

    #[test]
    fn commands_and_updates_travel_as_json() {
        let command = start(json!([{"set": {"a": "1"}}]), &["/0"], Mode::Step);
        let text = serde_json::to_string(&command).unwrap();
        assert_eq!(serde_json::from_str::<Command>(&text).unwrap(), command);
        let mut session = Session::default();
        let update = session.handle(command, 10);
        let text = serde_json::to_string(&update).unwrap();
        assert_eq!(serde_json::from_str::<Update>(&text).unwrap(), update);
    }
}
