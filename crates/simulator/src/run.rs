//! A run of a flow: the runtime's loop (`flow/handler.go` Route) one step at a time, its forks
//! (functions, triggers, hooks, other flows) as a stack of frames, the channel's variables, and
//! what the run shows: a record per step, what the caller is told, what it waits for, how it
//! ended.

use crate::apps;
use crate::error::SimulatorError;
use crate::js::quick::{self, Variables};
use crate::js::{Env, Vm};
use crate::mocks::{Channel, Mocks};
use crate::program::{Actions, Args, FlowId, NodeId, Program, Registry, RequestId};
use crate::text::{self, Lookup};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::rc::Rc;

/// Gotos a flow may make in all (`MAX_GOTO`; the check runs before counting, so one more).
const MOST_GOTOS: u32 = 1000;
/// Steps a run may take before it counts as runaway.
pub const DEFAULT_BUDGET: usize = 100_000;

/// What the caller (or the user playing them) gives a waiting step.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Input {
    /// Keys pressed at a prompt, `#` ending them.
    Digits(String),
    /// A chat message (a command such as `/start` too).
    Message(String),
    /// What the caller says at a prompt that recognises speech, as text.
    Speech(String),
    /// Nothing before the step's timeout.
    Silence,
    /// The caller hangs up (a chat is closed): `disconnected` runs.
    Hangup,
    /// What an outside app that waits for it did ([`Wait::Outcome`]).
    Outcome(AppOutcome),
}

/// What an outside app did, as the user picks it: the variables it wrote, or the error it
/// failed with (the runtime logs it and the flow goes on).
#[derive(Clone, PartialEq, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AppOutcome {
    pub variables: BTreeMap<String, String>,
    pub error: Option<String>,
}

/// How a run ended.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "reason", content = "detail")]
pub enum Ended {
    /// Past its last step.
    End,
    /// A step with `break`.
    Break,
    /// A `hangup` (then `disconnected` ran).
    Hangup,
    /// Stopped at the step budget: which step ran most, a loop's likely head.
    Budget(String),
}

impl Ended {
    /// More about why, when there is more to say.
    pub fn detail(&self) -> Option<String> {
        match self {
            Ended::Budget(detail) => Some(detail.clone()),
            _ => None,
        }
    }

    pub fn key(&self) -> &'static str {
        match self {
            Ended::End => "end",
            Ended::Break => "break",
            Ended::Hangup => "hangup",
            Ended::Budget(_) => "budget",
        }
    }
}

/// What a waiting step waits for.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Wait {
    /// Keys, into `variable` (`min` to `max` of them), on try `attempt` of `tries`.
    Digits {
        variable: String,
        min: usize,
        max: usize,
        attempt: usize,
        tries: usize,
    },
    /// A chat message, into `variable`.
    Message { variable: String },
    /// Speech (as text), into `variable`.
    Speech { variable: String },
    /// What the outside app `app` (with its arguments `args`) does: the variables it writes
    /// (`variables` names those its arguments say), or an error.
    Outcome {
        app: String,
        args: Value,
        variables: Vec<String>,
    },
}

/// Something the caller is told or shown.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Output {
    /// Files played (by name, or `#id`).
    Play { files: Vec<String> },
    /// Text spoken.
    Say { text: String },
    /// A chat message, with buttons in rows.
    Message {
        text: String,
        buttons: Vec<Vec<String>>,
    },
    /// A form's component or whole form (forms), as the step describes it.
    Form { app: String, argument: Value },
    /// A result reported (service hooks, attempt results).
    Result { app: String, argument: Value },
}

/// A variable a step changed: its value before and after (none when unset).
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Change {
    pub name: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One step as it ran.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct StepRecord {
    /// Where it is in the schema (a JSON pointer; `#id/…` inside another flow).
    pub path: Rc<str>,
    pub tag: Option<Rc<str>>,
    pub app: Rc<str>,
    /// Its argument after `${}` substitution, as the app read it.
    pub args: Value,
    /// What came of it: `ok`, `then`, `case "1"`, `goto x`, `error: …` …
    pub outcome: String,
    pub changes: Vec<Change>,
    /// The simulated clock when it ended, in milliseconds from the start.
    pub clock: u64,
}

#[derive(Clone, PartialEq, Debug)]
pub enum Event {
    Step(StepRecord),
    Output(Output),
    /// The run waits: give it an [`Input`].
    Waiting(Wait),
    /// The run stopped before the step at this path, a breakpoint: the next event runs it.
    Breakpoint(Rc<str>),
    Ended(Ended),
}

/// A tag scope: the main flow, or a fork (function, trigger, hook, another flow).
pub(crate) struct Flow {
    pub tags: HashMap<String, (NodeId, usize)>,
    pub current: NodeId,
    previous: Option<RequestId>,
    gotos: u32,
    pub cancel: bool,
    vm: Option<Vm>,
    /// What the last condition evaluated without the engine gave `_result`, for the engine
    /// to see when it next runs.
    result: Option<quick::Value>,
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Started {
    /// The main flow.
    Main,
    /// Run to its end before the step that started it goes on; a break in it stops that
    /// flow too (as does a break on the starting step, set when it was recorded).
    Synchronous,
    /// In the background (async execute, hooks the caller does not wait for, commands): here
    /// it runs at once, its waiting steps get nothing, and its break stays inside.
    Background,
    /// A hook run synchronously whose break stays inside (`joinQueue` hooks).
    Hook,
}

pub(crate) enum Frame {
    Run {
        flow: FlowId,
        started: Started,
    },
    /// Variables set when the frames above it have run (a queue's result before `reporting`).
    Set(Vec<(String, String)>),
}

/// A waiting step: which, and what it has gathered.
pub(crate) struct Waiting {
    pub request: RequestId,
    pub flow: FlowId,
    pub wait: Wait,
    pub state: apps::WaitState,
}

pub struct Simulator {
    pub(crate) program: Program,
    pub(crate) flows: Vec<Flow>,
    pub(crate) frames: Vec<Frame>,
    pub(crate) functions: HashMap<String, Actions>,
    pub(crate) triggers: HashMap<String, Actions>,
    pub(crate) variables: BTreeMap<String, String>,
    pub(crate) exported: Vec<String>,
    pub(crate) mocks: Mocks,
    pub(crate) cache: BTreeMap<String, String>,
    inputs: VecDeque<Input>,
    pub(crate) clock: u64,
    steps: usize,
    budget: usize,
    visits: HashMap<RequestId, usize>,
    events: VecDeque<Event>,
    ended: Option<Ended>,
    pub(crate) waiting: Option<Waiting>,
    /// The step being run: its changes so far.
    pub(crate) changes: Vec<Change>,
    disconnected: bool,
    /// How the run ends once the frames left (`disconnected`) have run.
    ending: Option<Ended>,
    /// Steps the runtime drops while reading the schema, and why.
    dropped: Vec<(String, String)>,
    /// Paths of the steps to stop before.
    breakpoints: HashSet<Rc<str>>,
    /// The step a breakpoint stopped before: it runs next, without stopping again.
    held: Option<(FlowId, RequestId)>,
}

impl Lookup for Simulator {
    fn variable(&self, name: &str) -> Option<&str> {
        self.variables.get(name).map(String::as_str)
    }

    fn global(&self, name: &str) -> String {
        self.mocks.globals.get(name).cloned().unwrap_or_default()
    }

    fn captures(&self) -> Option<&[String]> {
        self.mocks
            .captures
            .as_deref()
            .filter(|_| self.mocks.channel == Channel::Voice)
    }
}

impl Variables for Simulator {
    fn variable(&self, name: &str) -> String {
        text::variable(self, name)
    }

    fn global(&self, name: &str) -> String {
        Lookup::global(self, name)
    }
}

impl Simulator {
    /// A run of `schema` (a JSON array of steps) in the world `mocks` describes.
    pub fn new(schema: &Value, mocks: Mocks) -> Result<Self, SimulatorError> {
        let steps = schema.as_array().ok_or(SimulatorError::NotAnArray)?;
        let mut simulator = Self {
            program: Program::default(),
            flows: Vec::new(),
            frames: Vec::new(),
            functions: HashMap::new(),
            triggers: HashMap::new(),
            variables: mocks.variables.clone(),
            exported: Vec::new(),
            cache: mocks.cache.clone(),
            mocks,
            inputs: VecDeque::new(),
            clock: 0,
            steps: 0,
            budget: DEFAULT_BUDGET,
            visits: HashMap::new(),
            events: VecDeque::new(),
            ended: None,
            waiting: None,
            changes: Vec::new(),
            disconnected: false,
            ending: None,
            dropped: Vec::new(),
            breakpoints: HashSet::new(),
            held: None,
        };
        let main = simulator.fork(steps, "");
        simulator.frames.push(Frame::Run {
            flow: main,
            started: Started::Main,
        });
        Ok(simulator)
    }

    /// Stops a run at `steps` steps.
    pub fn with_budget(mut self, steps: usize) -> Self {
        self.budget = steps;
        self
    }

    /// New mocks for the rest of the run (the first variables and the cache stay as read).
    pub fn replace_mocks(&mut self, mocks: Mocks) {
        self.mocks = mocks;
    }

    /// Stops before each step whose path (as [`StepRecord::path`]) is one of `paths`.
    pub fn set_breakpoints(&mut self, paths: impl IntoIterator<Item = Rc<str>>) {
        self.breakpoints = paths.into_iter().collect();
    }

    /// Steps the runtime drops while reading the schema (their path and why): they never run.
    pub fn dropped(&self) -> &[(String, String)] {
        &self.dropped
    }

    pub fn variables(&self) -> &BTreeMap<String, String> {
        &self.variables
    }

    pub fn ended(&self) -> Option<&Ended> {
        self.ended.as_ref()
    }

    /// What the run waits for, if it waits.
    pub fn waits_for(&self) -> Option<&Wait> {
        self.waiting.as_ref().map(|waiting| &waiting.wait)
    }

    /// Where the step that waits is, if one waits.
    pub fn waiting_at(&self) -> Option<&Rc<str>> {
        self.waiting
            .as_ref()
            .map(|waiting| &self.program.requests[waiting.request].path)
    }

    /// Queues an input for the prompts that wait, in order; a hangup comes at once.
    pub fn provide(&mut self, input: Input) {
        if input == Input::Hangup {
            self.hang_up();
        } else {
            self.inputs.push_back(input);
        }
    }

    /// The caller hangs up: the flow stops, `disconnected` runs.
    pub fn hang_up(&mut self) {
        if self.ended.is_none() {
            self.waiting = None;
            self.hang_up_now();
        }
    }

    /// The next thing that happens: None once the run ended (and that was told), or while it
    /// waits for an input it was not given.
    pub fn next_event(&mut self) -> Option<Event> {
        while self.events.is_empty() {
            if !self.advance() {
                break;
            }
        }
        self.events.pop_front()
    }

    /// A new flow scope running `steps` (found at `path`).
    pub(crate) fn fork(&mut self, steps: &[Value], path: &str) -> FlowId {
        let root = self.program.node(None);
        let mut tags = HashMap::new();
        let mut registry = Registry {
            tags: &mut tags,
            functions: &mut self.functions,
            triggers: &mut self.triggers,
            dropped: &mut self.dropped,
        };
        self.program.parse(&mut registry, root, steps, path);
        self.flows.push(Flow {
            tags,
            current: root,
            previous: None,
            gotos: 0,
            cancel: false,
            vm: None,
            result: None,
        });
        self.flows.len() - 1
    }

    /// Runs `actions` as a fork, `started` as said.
    pub(crate) fn start(&mut self, actions: &Actions, started: Started) {
        let flow = self.fork(&actions.steps, &actions.path);
        self.frames.push(Frame::Run { flow, started });
    }

    /// One unit of work: a step, a frame's end, a waiting step given its input. False when
    /// nothing more can happen now.
    fn advance(&mut self) -> bool {
        if self.ended.is_some() {
            return false;
        }
        // A waiting step goes on when the frames started above it (a command) have run.
        let waiting_on_top = self
            .waiting
            .as_ref()
            .is_some_and(|waiting| Some(waiting.flow) == self.running_flow());
        if let Some(waiting) = waiting_on_top.then(|| self.waiting.take()).flatten() {
            let background = matches!(self.running(), Some((_, Started::Background)));
            let input = if background {
                Some(Input::Silence)
            } else {
                self.inputs.pop_front()
            };
            match input {
                Some(input) => {
                    apps::resume(self, waiting, input);
                    return true;
                }
                None => {
                    self.waiting = Some(waiting);
                    return false;
                }
            }
        }
        let Some(frame) = self.frames.last() else {
            let ended = self.ending.take().unwrap_or(Ended::End);
            self.finish(ended);
            return true;
        };
        let flow = match frame {
            Frame::Set(_) => {
                if let Some(Frame::Set(values)) = self.frames.pop() {
                    for (name, value) in values {
                        self.set_variable(&name, value);
                    }
                    self.changes.clear();
                }
                return true;
            }
            Frame::Run { flow, .. } => *flow,
        };
        let held = self.held.take().filter(|(held_in, _)| *held_in == flow);
        let Some(request) = held
            .map(|(_, request)| request)
            .or_else(|| self.next_request(flow))
        else {
            self.end_frame();
            return true;
        };
        if held.is_none() && !self.breakpoints.is_empty() {
            let path = &self.program.requests[request].path;
            if self.breakpoints.contains(path) {
                self.held = Some((flow, request));
                self.events.push_back(Event::Breakpoint(path.clone()));
                return true;
            }
        }
        if self.flows[flow].cancel {
            self.end_frame();
            return true;
        }
        if let Some(limiter) = self.program.requests[request].limiter {
            let limiter = &mut self.program.limiters[limiter];
            if limiter.count >= limiter.max {
                let failover = limiter.failover.clone();
                let found = self.goto(flow, &failover);
                let outcome = if found {
                    format!("limit reached: goto {failover}")
                } else {
                    format!("limit reached, no step tagged {failover:?}: the flow ends")
                };
                self.record(request, Value::Null, outcome);
                if !found {
                    self.end_frame();
                }
                return true;
            }
            limiter.count += 1;
        }
        self.steps += 1;
        *self.visits.entry(request).or_default() += 1;
        if self.steps > self.budget {
            let message = self.runaway();
            self.finish(Ended::Budget(message));
            return true;
        }
        apps::run(self, flow, request);
        true
    }

    /// The step the budget stopped in most: a loop's head, named for the user.
    fn runaway(&self) -> String {
        let (request, times) = self
            .visits
            .iter()
            .max_by_key(|(request, times)| (**times, std::cmp::Reverse(**request)))
            .map(|(request, times)| (*request, *times))
            .unwrap_or_default();
        let step = self.program.requests.get(request);
        let name = step.map_or(String::new(), |step| {
            let tag = step
                .tag
                .as_ref()
                .map_or(String::new(), |tag| format!(" (tag {tag})"));
            format!("{} at {}{tag}", step.app, step.path)
        });
        format!(
            "stopped after {} steps: a loop runs through {name}, {times} times",
            self.budget
        )
    }

    /// The request to run next in `flow` (`Flow.NextRequest`), resetting finished arrays.
    fn next_request(&mut self, flow: FlowId) -> Option<RequestId> {
        loop {
            let node = self.flows[flow].current;
            let position = self.program.nodes[node].position;
            let children = &self.program.nodes[node].children;
            if position == 0 {
                self.flows[flow].previous = None;
            } else if !children.is_empty() {
                self.flows[flow].previous = Some(children[position - 1]);
            }
            if position < children.len() {
                let request = children[position];
                self.program.nodes[node].position += 1;
                return Some(request);
            }
            let parent = self.program.nodes[node].parent;
            self.program.nodes[node].position = 0;
            self.flows[flow].current = parent?;
        }
    }

    /// `Flow.Goto`: false when the tag is unknown or the flow made too many gotos.
    pub(crate) fn goto(&mut self, flow: FlowId, tag: &str) -> bool {
        if self.flows[flow].gotos > MOST_GOTOS {
            return false;
        }
        let Some(&(node, idx)) = self.flows[flow].tags.get(tag) else {
            return false;
        };
        let current = self.flows[flow].current;
        self.program.nodes[current].position = 0;
        self.flows[flow].current = node;
        self.program.nodes[node].position = idx;
        if let Some(parent) = self.program.nodes[node].parent {
            self.program.nodes[parent].position = self.program.nodes[node].idx + 1;
            // Higher ancestors not yet run are marked done, the others keep their positions.
            let mut above = self.program.nodes[parent].parent;
            while let Some(ancestor) = above {
                let node = &mut self.program.nodes[ancestor];
                if node.parent.is_none() || node.position != 0 {
                    break;
                }
                node.position = node.children.len();
                above = node.parent;
            }
        }
        self.flows[flow].gotos += 1;
        true
    }

    /// Enters `node` (a branch, a case, a loop's body) from its start.
    pub(crate) fn enter(&mut self, flow: FlowId, node: NodeId) {
        self.program.nodes[node].position = 0;
        self.flows[flow].current = node;
    }

    pub(crate) fn previous(&self, flow: FlowId) -> Option<RequestId> {
        self.flows[flow].previous
    }

    /// The running frame ended: what started it goes on.
    fn end_frame(&mut self) {
        let Some(Frame::Run { flow, started }) = self.frames.pop() else {
            return;
        };
        let cancelled = self.flows[flow].cancel;
        match started {
            Started::Main => {
                let ended = if cancelled { Ended::Break } else { Ended::End };
                // A chat's conversation closes when its flow ends.
                if self.mocks.channel == Channel::Chat && !self.disconnected {
                    self.disconnected = true;
                    if self.run_trigger("disconnected", Started::Hook) {
                        self.ending = Some(ended);
                        return;
                    }
                }
                self.finish(ended);
            }
            Started::Synchronous => {
                if let (true, Some(parent)) = (cancelled, self.running_flow()) {
                    self.flows[parent].cancel = true;
                }
            }
            Started::Background | Started::Hook => {}
        }
    }

    /// The flow of the frame on top, and how it was started, if any.
    fn running(&self) -> Option<(FlowId, Started)> {
        self.frames.iter().rev().find_map(|frame| match frame {
            Frame::Run { flow, started } => Some((*flow, *started)),
            Frame::Set(_) => None,
        })
    }

    /// The flow of the frame on top, if any.
    pub(crate) fn running_flow(&self) -> Option<FlowId> {
        self.running().map(|(flow, _)| flow)
    }

    /// Starts trigger `name` if the flow has one.
    pub(crate) fn run_trigger(&mut self, name: &str, started: Started) -> bool {
        match self.triggers.get(name).cloned() {
            Some(actions) => {
                self.start(&actions, started);
                true
            }
            None => false,
        }
    }

    /// A hang-up: every flow stops, then `disconnected` runs, then the run ends.
    pub(crate) fn hang_up_now(&mut self) {
        self.frames.clear();
        self.waiting = None;
        if !self.disconnected {
            self.disconnected = true;
            if self.run_trigger("disconnected", Started::Hook) {
                self.ending = Some(Ended::Hangup);
                return;
            }
        }
        self.finish(Ended::Hangup);
    }

    pub(crate) fn finish(&mut self, ended: Ended) {
        self.frames.clear();
        self.waiting = None;
        self.events.push_back(Event::Ended(ended.clone()));
        self.ended = Some(ended);
    }

    /// Sets a channel variable, noting the change for the step's record. On a call, `""`
    /// unsets it.
    pub(crate) fn set_variable(&mut self, name: &str, value: String) {
        let before = self.variables.get(name).cloned();
        let after = if value.is_empty() && self.mocks.channel == Channel::Voice {
            self.variables.remove(name);
            None
        } else {
            self.variables.insert(name.to_owned(), value.clone());
            Some(value)
        };
        if before != after {
            self.changes.push(Change {
                name: name.to_owned(),
                before,
                after,
            });
        }
    }

    pub(crate) fn output(&mut self, output: Output) {
        self.events.push_back(Event::Output(output));
    }

    pub(crate) fn wait(&mut self, waiting: Waiting) {
        self.events.push_back(Event::Waiting(waiting.wait.clone()));
        self.waiting = Some(waiting);
    }

    /// Records that `request` ran with `args`, its outcome and the changes it made.
    pub(crate) fn record(&mut self, request: RequestId, args: Value, outcome: String) {
        let step = &self.program.requests[request];
        let record = StepRecord {
            path: Rc::clone(&step.path),
            tag: step.tag.clone(),
            app: Rc::clone(&step.app),
            args,
            outcome,
            changes: std::mem::take(&mut self.changes),
            clock: self.clock,
        };
        if step.stop_after {
            if let Some(flow) = self.running_flow() {
                self.flows[flow].cancel = true;
            }
        }
        self.events.push_back(Event::Step(record));
    }

    /// What a script of `flow` sees, with the JSON paths `code` reads resolved.
    fn js_env(&self, code: &str) -> Env<'_> {
        let mut paths = BTreeMap::new();
        for call in ["getVariable(\"", "_getChannelVar(\""] {
            for piece in code.split(call).skip(1) {
                if let Some(name) = piece.split('"').next().filter(|name| name.contains('.')) {
                    paths.insert(name.to_owned(), text::variable(self, name));
                }
            }
        }
        Env {
            variables: &self.variables,
            paths,
            globals: &self.mocks.globals,
            now: crate::clock::parts(self.mocks.now.as_deref(), self.clock),
        }
    }

    /// Runs `run` on `flow`'s script engine (made on first use, as the runtime's).
    pub(crate) fn with_vm<T>(
        &mut self,
        flow: FlowId,
        code: &str,
        run: impl FnOnce(&mut Vm, &Env) -> T,
    ) -> T {
        let mut vm = self.flows[flow].vm.take().unwrap_or_default();
        if let Some(result) = self.flows[flow].result.take() {
            vm.set_result(&result);
        }
        let result = {
            let env = self.js_env(code);
            run(&mut vm, &env)
        };
        self.flows[flow].vm = Some(vm);
        result
    }

    /// An `if`'s or a `while`'s condition (compiled, variables substituted): evaluated here
    /// when it is a plain comparison, else by the flow's script engine.
    pub(crate) fn condition(&mut self, flow: FlowId, code: &str) -> Result<bool, String> {
        if let Some(value) = quick::evaluate(code, self) {
            let holds = value.truthy();
            self.flows[flow].result = Some(value);
            return Ok(holds);
        }
        self.with_vm(flow, code, |vm, env| vm.condition(code, env))
    }

    pub(crate) fn args(&self, request: RequestId) -> &Args {
        &self.program.requests[request].args
    }
}
