//! A run driven from outside, one command at a time: what the editors' Run panel keeps in its
//! worker. Commands and updates are plain data (JSON between the page and the worker); a run
//! that goes on works in slices, so a pause (or anything else) can come in between them.

use crate::mocks::Mocks;
use crate::run::{Ended, Event, Input, Output, Simulator, StepRecord, Wait};
use crate::script::{Dropped, TestCase};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::rc::Rc;

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

/// What happened since the last update.
#[derive(Clone, PartialEq, Debug, Default, Serialize, Deserialize)]
pub struct Update {
    pub steps: Vec<StepRecord>,
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

#[derive(Default)]
pub struct Session {
    simulator: Option<Simulator>,
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
                return self.update(Update {
                    tested,
                    ..Update::default()
                });
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
                    update.steps.push(step);
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

    /// `update` with the run's state and variables now.
    fn update(&self, mut update: Update) -> Update {
        update.state = self.state.clone();
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
        update.steps.iter().map(|step| &*step.path).collect()
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
