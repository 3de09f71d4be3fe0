//! A schema as the runtime holds it while it runs (`flow/flow.go`, `flow/node.go`): every
//! step array is a node with a position, every step a request with its tag, limiter and break
//! flag. Ported literally, stale positions and all, because what runs next depends on them.

use crate::text::{as_calls, go_format};
use flow_model::flow::graph::pointer_key;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::rc::Rc;

pub type NodeId = usize;
pub type RequestId = usize;
pub type FlowId = usize;

/// An array of steps being run: `position` is the next child to run.
#[derive(Debug, Default)]
pub struct Node {
    pub parent: Option<NodeId>,
    /// Where the step that owns this array sits in the parent.
    pub idx: usize,
    pub position: usize,
    pub children: Vec<RequestId>,
}

/// A step, parsed.
#[derive(Debug)]
pub struct Request {
    pub app: Rc<str>,
    pub args: Args,
    /// Its place in the schema, as a JSON pointer (with the called flow's id for `schema`).
    pub path: Rc<str>,
    pub tag: Option<Rc<str>>,
    pub stop_after: bool,
    pub limiter: Option<usize>,
    /// Where it sits in its node.
    pub idx: usize,
}

#[derive(Debug)]
pub enum Args {
    /// What the app decodes, as written.
    Plain(Rc<Value>),
    If {
        /// After `${}` and `$${}` became `sys.` calls and the protected words were deleted.
        expression: String,
        then_node: NodeId,
        else_node: NodeId,
    },
    Switch {
        variable: String,
        cases: Vec<(String, NodeId)>,
    },
    While(usize),
    Break,
}

/// `limit`: before the step, once `count` reached `max`, go to `failover` instead.
#[derive(Debug)]
pub struct Limiter {
    pub count: u32,
    pub max: u32,
    pub failover: String,
}

/// A while's state, shared by the step in place and its copy at the end of its body.
#[derive(Debug)]
pub struct WhileState {
    pub condition: String,
    pub body: NodeId,
    /// Passes in the current entry.
    pub step: usize,
    /// Condition evaluations over the flow's life.
    pub counter: usize,
    pub max_steps: usize,
    /// The step before the while in its array: coming from it means entering again.
    pub before: Option<RequestId>,
}

/// A named array of steps and where it is in the schema: a function, a trigger, a hook.
#[derive(Clone, Debug)]
pub struct Actions {
    pub steps: Vec<Value>,
    pub path: String,
}

/// Everything parsed for one run: nodes, requests, limiters, whiles (all forks share them).
#[derive(Debug, Default)]
pub struct Program {
    pub nodes: Vec<Node>,
    pub requests: Vec<Request>,
    pub limiters: Vec<Limiter>,
    pub whiles: Vec<WhileState>,
}

/// What parsing a schema array registers beside its nodes.
pub struct Registry<'a> {
    pub tags: &'a mut HashMap<String, (NodeId, usize)>,
    pub functions: &'a mut HashMap<String, Actions>,
    pub triggers: &'a mut HashMap<String, Actions>,
    /// Steps the runtime drops while parsing: their path and why.
    pub dropped: &'a mut Vec<(String, String)>,
}

/// The words the runtime deletes from `if` and `while` conditions, wherever they are.
const PROTECTED: [&str; 14] = [
    "function", "case", "if", "return", "new", "switch", "var", "this", "typeof", "for", "while",
    "break", "do", "continue",
];

/// The time helpers a condition may call as `&name(args)`.
const TIME_HELPERS: [&str; 12] = [
    "year",
    "yday",
    "mon",
    "mday",
    "week",
    "mweek",
    "wday",
    "hour",
    "minute",
    "minute_of_day",
    "time_of_day",
    "date_time",
];

/// A condition as the runtime compiles it (`parseExpression`).
pub fn compile_condition(expression: &str) -> String {
    let text = as_calls(expression, "$${", '}', "sys.getGlobalVariable");
    let mut text = as_calls(&text, "${", '}', "sys.getVariable");
    // Longest names first: `&minute_of_day(` is not `&minute(`.
    for helper in TIME_HELPERS.iter().rev() {
        text = as_calls(&text, &format!("&{helper}("), ')', &format!("sys.{helper}"));
    }
    delete_words(&text, &PROTECTED)
}

/// `text` without the whole words `words` (Go's `\b` word boundaries: ASCII letters, digits
/// and `_`).
fn delete_words(text: &str, words: &[&str]) -> String {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    for char in text.chars().chain(std::iter::once('\0')) {
        if is_word(char) {
            word.push(char);
            continue;
        }
        if !words.contains(&word.as_str()) {
            out.push_str(&word);
        }
        word.clear();
        if char != '\0' {
            out.push(char);
        }
    }
    out
}

impl Program {
    pub fn node(&mut self, parent: Option<NodeId>) -> NodeId {
        let idx = parent.map_or(0, |parent| self.nodes[parent].children.len());
        self.nodes.push(Node {
            parent,
            idx,
            ..Node::default()
        });
        self.nodes.len() - 1
    }

    fn add(&mut self, node: NodeId, mut request: Request) -> RequestId {
        request.idx = self.nodes[node].children.len();
        self.requests.push(request);
        let id = self.requests.len() - 1;
        self.nodes[node].children.push(id);
        id
    }

    /// Parses `steps` into `node` (`parseFlowArray`), `path` being where the array is.
    pub fn parse(&mut self, registry: &mut Registry, node: NodeId, steps: &[Value], path: &str) {
        for (index, step) in steps.iter().enumerate() {
            let path = format!("{path}/{index}");
            let empty = Map::new();
            let object = step.as_object().unwrap_or(&empty);
            let Some(mut request) = parse_request(self, object, &path) else {
                registry
                    .dropped
                    .push((path, "a step with no app is dropped".to_owned()));
                continue;
            };
            let argument = match &request.args {
                Args::Plain(value) => Rc::clone(value),
                _ => Rc::new(Value::Null),
            };
            match &*request.app {
                "if" => {
                    let then_node = self.node(Some(node));
                    let else_node = self.node(Some(node));
                    let steps = |key: &str| argument.get(key).and_then(Value::as_array).cloned();
                    if let Some(then_steps) = steps("then") {
                        self.parse(registry, then_node, &then_steps, &format!("{path}/if/then"));
                    }
                    if let Some(else_steps) = steps("else") {
                        self.parse(registry, else_node, &else_steps, &format!("{path}/if/else"));
                    }
                    let expression = argument
                        .get("expression")
                        .and_then(Value::as_str)
                        .map(compile_condition)
                        .unwrap_or_default();
                    request.args = Args::If {
                        expression,
                        then_node,
                        else_node,
                    };
                }
                "while" => {
                    let body = self.node(Some(node));
                    if let Some(steps) = argument.get("do").and_then(Value::as_array) {
                        self.parse(registry, body, steps, &format!("{path}/while/do"));
                    }
                    let max_steps = argument
                        .get("maxSteps")
                        .and_then(Value::as_str)
                        .and_then(|text| text.parse().ok())
                        .unwrap_or(1000);
                    let before = self.nodes[node].children.last().copied();
                    self.whiles.push(WhileState {
                        condition: argument
                            .get("condition")
                            .and_then(Value::as_str)
                            .map(compile_condition)
                            .unwrap_or_default(),
                        body,
                        step: 0,
                        counter: 0,
                        max_steps,
                        before,
                    });
                    request.args = Args::While(self.whiles.len() - 1);
                    // The body ends with the while itself, which tests the condition again.
                    let again = Request {
                        app: request.app.clone(),
                        args: Args::While(self.whiles.len() - 1),
                        path: request.path.clone(),
                        tag: request.tag.clone(),
                        stop_after: request.stop_after,
                        limiter: request.limiter,
                        idx: 0,
                    };
                    self.add(body, again);
                }
                "function" => {
                    match (
                        argument.get("name").and_then(Value::as_str),
                        argument.get("actions").and_then(Value::as_array),
                    ) {
                        (Some(name), Some(actions)) => {
                            registry.functions.insert(
                                name.to_owned(),
                                Actions {
                                    steps: actions.clone(),
                                    path: format!("{path}/function/actions"),
                                },
                            );
                        }
                        _ => registry
                            .dropped
                            .push((path, "a function needs a name and actions".to_owned())),
                    }
                    continue;
                }
                "trigger" => {
                    register_triggers(registry, &argument, &path);
                    continue;
                }
                "switch" => {
                    let variable = argument.get("variable").and_then(Value::as_str);
                    let cases = argument.get("case").and_then(Value::as_object);
                    let (Some(variable), Some(cases)) =
                        (variable.filter(|variable| !variable.is_empty()), cases)
                    else {
                        registry.dropped.push((
                            path,
                            "a switch needs a variable and a case object".to_owned(),
                        ));
                        continue;
                    };
                    let mut parsed = Vec::new();
                    for (name, steps) in cases {
                        if let Some(steps) = steps.as_array() {
                            let case_node = self.node(Some(node));
                            let case_path = format!("{path}/switch/case/{}", pointer_key(name));
                            self.parse(registry, case_node, steps, &case_path);
                            parsed.push((name.clone(), case_node));
                        }
                    }
                    request.args = Args::Switch {
                        variable: variable.to_owned(),
                        cases: parsed,
                    };
                }
                "break" => request.args = Args::Break,
                _ => {}
            }
            let tag = request.tag.clone();
            let id = self.add(node, request);
            if let Some(tag) = tag {
                registry
                    .tags
                    .insert(tag.to_string(), (node, self.requests[id].idx));
            }
        }
    }
}

fn register_triggers(registry: &mut Registry, argument: &Value, path: &str) {
    let Some(triggers) = argument.as_object() else {
        return;
    };
    if let Some(steps) = triggers.get("disconnected").and_then(Value::as_array) {
        registry.triggers.insert(
            "disconnected".to_owned(),
            Actions {
                steps: steps.clone(),
                path: format!("{path}/trigger/disconnected"),
            },
        );
    }
    if let Some(commands) = triggers.get("commands").and_then(Value::as_object) {
        for (command, steps) in commands {
            if let Some(steps) = steps.as_array() {
                registry.triggers.insert(
                    format!("commands-{command}"),
                    Actions {
                        steps: steps.clone(),
                        path: format!("{path}/trigger/commands/{}", pointer_key(command)),
                    },
                );
            }
        }
    }
}

/// A step object as `parseReq` reads it: the meta keys, and the first other key as its app
/// (the schema's order: the runtime's is Go's random map order). None when it has no app and
/// is not `{"break": true}`.
fn parse_request(
    program: &mut Program,
    object: &Map<String, Value>,
    path: &str,
) -> Option<Request> {
    let mut app = None;
    let mut stop_after = false;
    let mut tag = None;
    let mut limiter = None;
    for (key, value) in object {
        match key.as_str() {
            "_id" | "async" | "trace" => {}
            "break" => stop_after = value.as_bool() == Some(true),
            "tag" => {
                tag = value.as_str().filter(|text| !text.is_empty()).map(Rc::from);
            }
            "limit" => {
                let max = value.get("max").and_then(Value::as_f64).unwrap_or(0.0);
                let failover = value.get("failover").and_then(Value::as_str).unwrap_or("");
                if max > 0.0 && !failover.is_empty() {
                    program.limiters.push(Limiter {
                        count: 0,
                        max: max as u32,
                        failover: failover.to_owned(),
                    });
                    limiter = Some(program.limiters.len() - 1);
                }
            }
            _ => {
                if app.is_none() {
                    app = Some((key.clone(), value.clone()));
                }
            }
        }
    }
    let (app, argument) = match app {
        Some(app) => app,
        None if stop_after => ("break".to_owned(), Value::Null),
        None => return None,
    };
    Some(Request {
        app: Rc::from(app),
        args: Args::Plain(Rc::new(argument)),
        path: Rc::from(path),
        tag,
        stop_after,
        limiter,
        idx: 0,
    })
}

/// A value's text as the runtime decodes it into a string field: strings as they are, numbers
/// and the rest as Go prints them.
pub fn loose_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => go_format(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_are_compiled_as_the_runtime_does() {
        assert_eq!(
            compile_condition("${a} == 'x' && $${g} != ''"),
            r#"sys.getVariable("a") == 'x' && sys.getGlobalVariable("g") != ''"#
        );
        // The protected words go, even inside strings.
        assert_eq!(
            compile_condition("${v} == 'new case'"),
            r#"sys.getVariable("v") == ' '"#
        );
        assert_eq!(compile_condition("&wday(2-6)"), r#"sys.wday("2-6")"#);
        assert_eq!(
            compile_condition("&time_of_day(09:00-18:00) && &minute_of_day()"),
            r#"sys.time_of_day("09:00-18:00") && sys.minute_of_day("")"#
        );
    }
}
