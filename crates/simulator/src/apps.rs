//! What each app does when it runs, as the runtime's handlers do it, with the outside world
//! answered by the mocks. Every app ends by recording its step; an app that fails records the
//! error and the flow goes on, as on the runtime.

use crate::mocks::{CalendarState, Channel, HttpAnswer, QueueEvent};
use crate::program::{loose_text, Actions, Args, FlowId, RequestId};
use crate::run::{AppOutcome, Frame, Input, Output, Simulator, Started, Wait, Waiting};
use crate::text::{self, go_format, json_path};
use md5::Digest;
use serde_json::{json, Value};
use std::rc::Rc;

/// What a waiting step has gathered so far.
pub(crate) enum WaitState {
    Digits(Box<Digits>),
    Speech {
        variable: String,
    },
    Message {
        variable: String,
        timeout: u64,
    },
    /// An outside app, with its arguments as it read them.
    Outcome {
        args: Value,
    },
}

/// A prompt's `getDigits` (FreeSWITCH's `play_and_get_digits`).
#[derive(Clone)]
pub(crate) struct Digits {
    variable: String,
    min: usize,
    max: usize,
    tries: usize,
    attempt: usize,
    timeout: u64,
    terminators: String,
    pattern: String,
    args: Value,
    /// What the prompt plays, again at each try.
    prompt: Output,
}

/// Runs `request` in `flow`.
pub(crate) fn run(sim: &mut Simulator, flow: FlowId, request: RequestId) {
    match sim.args(request) {
        Args::If {
            expression,
            then_node,
            else_node,
        } => {
            let (expression, then_node, else_node) = (expression.clone(), *then_node, *else_node);
            if_step(sim, flow, request, &expression, then_node, else_node)
        }
        Args::Switch { variable, cases } => {
            let chosen = text::channel(sim, variable);
            let case = cases
                .iter()
                .find(|(name, _)| *name == chosen)
                .or_else(|| cases.iter().find(|(name, _)| name == "default"))
                .map(|(name, node)| (name.clone(), *node));
            let args = json!({ "variable": chosen });
            let outcome = match case {
                Some((name, node)) => {
                    sim.enter(flow, node);
                    format!("case {name:?}")
                }
                None => "no case matches, no default: goes on".to_owned(),
            };
            sim.record(request, args, outcome);
        }
        Args::While(state) => while_step(sim, flow, request, *state),
        Args::Break => {
            sim.flows[flow].cancel = true;
            sim.record(request, Value::Null, "break: the flow stops".to_owned());
        }
        Args::Plain(argument) => {
            let argument = Rc::clone(argument);
            let app = Rc::clone(&sim.program.requests[request].app);
            plain(sim, flow, request, &app, &argument);
        }
    }
}

fn if_step(
    sim: &mut Simulator,
    flow: FlowId,
    request: RequestId,
    expression: &str,
    then_node: usize,
    else_node: usize,
) {
    let code = text::channel(sim, expression);
    let result = sim.condition(flow, &code);
    let args = json!({ "expression": code });
    let outcome = match result {
        Ok(true) => {
            sim.enter(flow, then_node);
            "then".to_owned()
        }
        Ok(false) => {
            sim.enter(flow, else_node);
            "else".to_owned()
        }
        Err(error) => format!("error: {error}: neither branch runs"),
    };
    sim.record(request, args, outcome);
}

/// `flow/while.go`: a do-while whose body ends with the while itself.
fn while_step(sim: &mut Simulator, flow: FlowId, request: RequestId, state: usize) {
    let previous = sim.previous(flow);
    let looping = &mut sim.program.whiles[state];
    if looping.counter != 0 && previous == looping.before {
        // Entered again (fallen into, or a goto): a fresh first pass.
        looping.step = 0;
    }
    if looping.counter >= looping.max_steps {
        let most = looping.max_steps;
        sim.record(
            request,
            Value::Null,
            format!("maxSteps ({most}) reached over the flow's life: skipped"),
        );
        return;
    }
    let (first, condition, body) = (looping.step == 0, looping.condition.clone(), looping.body);
    let (holds, args) = if first {
        (Ok(true), json!({ "pass": "first, without the condition" }))
    } else {
        let code = text::channel(sim, &condition);
        let holds = sim.condition(flow, &code);
        (holds, json!({ "condition": code }))
    };
    let outcome = match holds {
        Ok(true) if sim.program.nodes[body].children.len() > 1 => {
            sim.program.whiles[state].step += 1;
            sim.enter(flow, body);
            "loop".to_owned()
        }
        Ok(true) => {
            sim.program.whiles[state].step = 0;
            "empty body".to_owned()
        }
        Ok(false) => {
            sim.program.whiles[state].step = 0;
            "done".to_owned()
        }
        Err(error) => {
            sim.program.whiles[state].step = 0;
            format!("error: {error}: the loop ends")
        }
    };
    sim.program.whiles[state].counter += 1;
    sim.record(request, args, outcome);
}

/// Text of field `key`, decoded loosely (a number is accepted as text).
fn field(argument: &Value, key: &str) -> String {
    argument.get(key).map(loose_text).unwrap_or_default()
}

/// Number in field `key` (numbers may be written as text; `""` is 0).
fn number(argument: &Value, key: &str) -> Option<f64> {
    match argument.get(key)? {
        Value::Number(number) => number.as_f64(),
        Value::String(text) if text.trim().is_empty() => Some(0.0),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

fn plain(sim: &mut Simulator, flow: FlowId, request: RequestId, app: &str, raw: &Value) {
    if app == "set" {
        // Its own reading: nested strings are not substituted.
        let (args, outcome) = set(sim, raw);
        sim.record(request, args, outcome);
        return;
    }
    // Every string substituted, as the runtime's decoding does (js reads its own).
    let args = text::substitute_all(sim, raw);
    let outcome = match app {
        "goto" => {
            let tag = loose_text(&args);
            if sim.goto(flow, &tag) {
                format!("goto {tag}")
            } else {
                format!("no step tagged {tag:?} (or too many gotos): goes on")
            }
        }
        "unSet" => match args.as_array() {
            Some(names) if !names.is_empty() => {
                for name in names.iter().map(loose_text) {
                    if sim.variables.contains_key(&name) {
                        sim.set_variable(&name, String::new());
                    }
                }
                "ok".to_owned()
            }
            _ => "error: unSet needs the names to unset".to_owned(),
        },
        "export" => {
            let names: Vec<String> = args
                .as_array()
                .map(|names| names.iter().map(loose_text).collect())
                .unwrap_or_default();
            for name in &names {
                let value = text::variable(sim, name);
                if sim.mocks.channel == Channel::Voice {
                    sim.set_variable(&format!("usr_{name}"), value);
                }
                sim.exported.push(name.clone());
            }
            "ok".to_owned()
        }
        "log" => "ok".to_owned(),
        "js" => js(sim, flow, raw),
        "math" => math(sim, flow, &args),
        "string" => string(sim, flow, &args),
        "calendar" => calendar(sim, &args),
        "classifier" => classifier(sim, &args),
        "httpRequest" => http(sim, raw),
        "cache" => cache(sim, &args),
        "global" => {
            if let Some(values) = args.as_object() {
                for (name, value) in values {
                    let value = value.get("value").map(loose_text).unwrap_or_default();
                    sim.mocks.globals.insert(name.clone(), value);
                }
            }
            "ok: globals written".to_owned()
        }
        "sleep" | "softSleep" => {
            let ms = match &args {
                Value::Object(_) => number(&args, "timeout"),
                other => number(&json!({ "ms": other }), "ms"),
            }
            .unwrap_or(0.0);
            sim.clock += ms.max(0.0) as u64;
            format!("slept {ms} ms")
        }
        "execute" => {
            let name = field(&args, "name");
            match sim.functions.get(&name).cloned() {
                Some(actions) => {
                    return call(
                        sim,
                        request,
                        args,
                        &actions,
                        format!("runs function {name}"),
                    )
                }
                None => format!("error: no function named {name:?}: goes on"),
            }
        }
        "schema" => {
            let id = field(&args, "id");
            match sim.mocks.flows.get(&id).cloned() {
                Some(schema) => {
                    let actions = Actions {
                        steps: schema.as_array().cloned().unwrap_or_default(),
                        path: format!("#{id}"),
                    };
                    return call(sim, request, args, &actions, format!("runs flow {id}"));
                }
                None => format!("error: flow {id} is not given to the run: goes on"),
            }
        }
        "list" => {
            let list = args.get("list").cloned().unwrap_or(Value::Null);
            let destination = field(&args, "destination");
            let members = [field(&list, "id"), field(&list, "name")]
                .into_iter()
                .filter(|key| !key.is_empty())
                .find_map(|key| sim.mocks.lists.get(&key).cloned())
                .unwrap_or_default();
            let actions = raw.get("actions").and_then(Value::as_array).cloned();
            match actions {
                None => "error: list needs actions".to_owned(),
                Some(steps) if members.contains(&destination) => {
                    let path = format!("{}/list/actions", sim.program.requests[request].path);
                    sim.record(
                        request,
                        args,
                        format!("{destination} is in the list: its actions run"),
                    );
                    sim.start(&Actions { steps, path }, Started::Synchronous);
                    return;
                }
                Some(_) => format!("{destination} is not in the list"),
            }
        }
        "playback" | "tts" | "say" => return prompt(sim, flow, request, app, args),
        "recvMessage" => {
            let variable = field(&args, "set");
            if variable.is_empty() {
                "nothing to set: goes on".to_owned()
            } else {
                let timeout = (number(&args, "timeout").unwrap_or(0.0) * 1000.0) as u64;
                wait_for_message(sim, flow, request, variable, timeout);
                return;
            }
        }
        "sendText" | "sendTts" => {
            sim.output(Output::Message {
                text: loose_text(&args),
                buttons: Vec::new(),
            });
            "sent".to_owned()
        }
        "sendMessage" | "menu" => {
            let buttons = args
                .get("buttons")
                .and_then(Value::as_array)
                .map(|rows| {
                    rows.iter()
                        .map(|row| match row {
                            Value::Array(cells) => {
                                cells.iter().map(|cell| field(cell, "caption")).collect()
                            }
                            cell => vec![field(cell, "caption")],
                        })
                        .collect()
                })
                .unwrap_or_default();
            sim.output(Output::Message {
                text: field(&args, "text"),
                buttons,
            });
            "sent".to_owned()
        }
        "sendFile" | "sendImage" => {
            let name = args
                .get("file")
                .map_or_else(|| field(&args, "name"), |file| field(file, "name"));
            sim.output(Output::Message {
                text: format!("[{name}]"),
                buttons: Vec::new(),
            });
            "sent".to_owned()
        }
        "joinQueue" => return join_queue(sim, request, raw, args),
        "bridge" => return bridge(sim, request, raw, args),
        "hangup" => {
            sim.record(request, args, "hangs up".to_owned());
            sim.hang_up_now();
            return;
        }
        "formComponent" | "generateForm" | "formFile" | "formTable" => {
            sim.output(Output::Form {
                app: app.to_owned(),
                argument: args.clone(),
            });
            "shown".to_owned()
        }
        "attemptResult" | "cancel" | "success" | "abandoned" | "retry" | "confirm" => {
            sim.output(Output::Result {
                app: app.to_owned(),
                argument: args.clone(),
            });
            "reported".to_owned()
        }
        _ => match flow_model::catalog::app(app) {
            None => format!("unknown app {app:?}: the runtime logs it and goes on"),
            Some(spec) if sim.mocks.ask_apps && !sim.mocks.apps.contains_key(app) => {
                let variables = spec.written_variables(&args);
                if variables.is_empty() {
                    "ok".to_owned()
                } else {
                    sim.wait(Waiting {
                        request,
                        flow,
                        wait: Wait::Outcome {
                            app: app.to_owned(),
                            args: args.clone(),
                            variables,
                        },
                        state: WaitState::Outcome { args },
                    });
                    return;
                }
            }
            Some(_) => outside_default(sim, app),
        },
    };
    sim.record(request, args, outcome);
}

/// An outside app the simulator does not play out: the variables its recorded default sets
/// (`mocks.apps`), else nothing, and it succeeds.
fn outside_default(sim: &mut Simulator, app: &str) -> String {
    match sim.mocks.apps.get(app).cloned() {
        Some(values) => {
            for (name, value) in values {
                sim.set_variable(&name, value);
            }
            "ok (mocked)".to_owned()
        }
        None => "ok".to_owned(),
    }
}

/// `execute` and `schema`: records the step, then runs `actions` as a fork, in the background
/// when `async` is set, else before the flow goes on.
fn call(sim: &mut Simulator, request: RequestId, args: Value, actions: &Actions, outcome: String) {
    let started = if args.get("async").and_then(Value::as_bool) == Some(true) {
        Started::Background
    } else {
        Started::Synchronous
    };
    sim.record(request, args, outcome);
    sim.start(actions, started);
}

/// `set`: each value stored as text, strings substituted, anything else as Go prints it. The
/// values as stored, and the outcome.
fn set(sim: &mut Simulator, raw: &Value) -> (Value, String) {
    let Some(values) = raw.as_object() else {
        return (
            raw.clone(),
            "error: set needs an object of variables".to_owned(),
        );
    };
    let mut stored = serde_json::Map::with_capacity(values.len());
    for (name, value) in values {
        let name = text::substitute(sim, name);
        let value = match value {
            Value::String(text) => text::substitute(sim, text),
            other => go_format(other),
        };
        stored.insert(name.clone(), Value::String(value.clone()));
        sim.set_variable(&name, value);
    }
    (Value::Object(stored), "ok".to_owned())
}

fn js(sim: &mut Simulator, flow: FlowId, raw: &Value) -> String {
    let code = field(raw, "data");
    let variable = field(raw, "setVar");
    // No substitution: `${v}` reads the variable when the script runs ('${v}' is text).
    let code = text::as_calls(&code, "$${", '}', "_getGlobalVar");
    let code = text::as_calls(&code, "${", '}', "_getChannelVar");
    let result = sim.with_vm(flow, &code, |vm, env| vm.function_body(&code, env));
    match result {
        Ok(value) => {
            sim.set_variable(&variable, value);
            "ok".to_owned()
        }
        Err(error) => format!("error: {error}: goes on"),
    }
}

fn math(sim: &mut Simulator, flow: FlowId, args: &Value) -> String {
    let variable = field(args, "setVar");
    if variable.is_empty() {
        return "error: math needs setVar".to_owned();
    }
    let data = args
        .get("data")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let function = field(args, "fn");
    let value = if function.is_empty() || function == "random" {
        if data.is_empty() {
            String::new()
        } else {
            go_format(&data[sim.mocks.random % data.len()])
        }
    } else {
        let code = format!(
            "var __fn = {name}, __args = {data};\
             var value = typeof Math[__fn] === 'function' ? Math[__fn].apply(null, __args) \
             : Math.hasOwnProperty(__fn) ? Math[__fn] : (function () {{ throw 'Bad Math function ' + __fn; }})();\
             if (isNaN(value)) {{ value = ''; }} value + '';",
            name = Value::String(function),
            data = Value::Array(data),
        );
        match sim.with_vm(flow, &code, |vm, env| vm.script(&code, env)) {
            Ok(value) => value,
            Err(error) => return format!("error: {error}: goes on"),
        }
    };
    sim.set_variable(&variable, value);
    "ok".to_owned()
}

fn string(sim: &mut Simulator, flow: FlowId, args: &Value) -> String {
    let variable = field(args, "setVar");
    let function = field(args, "fn");
    if variable.is_empty() || function.is_empty() {
        return "error: string needs setVar and fn".to_owned();
    }
    let data = field(args, "data");
    let list = args
        .get("args")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let first = list.first().map(loose_text).unwrap_or_default();
    let value = match function.as_str() {
        "reverse" => data.chars().rev().collect(),
        "charAt" => {
            let index = first.trim().parse::<usize>().unwrap_or(0);
            data.as_bytes()
                .get(index)
                .map(|byte| String::from_utf8_lossy(&[*byte]).into_owned())
                .unwrap_or_default()
        }
        // Bytes of UTF-8, as Go's len.
        "length" => data.len().to_string(),
        "base64" => match first.as_str() {
            "decoder" => String::from_utf8_lossy(&base64_decode(&data)).into_owned(),
            _ => base64_encode(data.as_bytes()),
        },
        "gomatch" => match regex::Regex::new(&first) {
            Ok(pattern) => pattern
                .captures(&data)
                .map(|found| {
                    found
                        .iter()
                        .skip(1)
                        .map(|group| group.map_or("", |group| group.as_str()))
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .unwrap_or_default(),
            Err(error) => return format!("error: {error}: goes on"),
        },
        // Lowercase hex, as Go's `%x` of the sum.
        "MD5" => hex(&md5::Md5::digest(data.as_bytes())),
        "SHA-256" => hex(&sha2::Sha256::digest(data.as_bytes())),
        "SHA-512" => hex(&sha2::Sha512::digest(data.as_bytes())),
        _ => {
            let arguments: Vec<String> = list
                .iter()
                .map(|argument| match argument {
                    Value::String(text)
                        if text.starts_with('/') && text.rfind('/').is_some_and(|end| end > 0) =>
                    {
                        text.clone()
                    }
                    other => other.to_string(),
                })
                .collect();
            let code = format!(
                "String(String.prototype[{name}].apply({data}, [{arguments}]))",
                name = Value::String(function.clone()),
                data = Value::String(data),
                arguments = arguments.join(", "),
            );
            match sim.with_vm(flow, &code, |vm, env| vm.script(&code, env)) {
                Ok(value) => value,
                Err(error) => return format!("error: {error}: goes on"),
            }
        }
    };
    sim.set_variable(&variable, value);
    "ok".to_owned()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].iter().enumerate() {
            if i <= chunk.len() {
                out.push(BASE64[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn base64_decode(text: &str) -> Vec<u8> {
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for byte in text.bytes() {
        let Some(value) = BASE64.iter().position(|known| *known == byte) else {
            continue;
        };
        bits = (bits << 6) | value as u32;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
}

/// `flow/classifier.go`: the first cluster with a phrase that matches the input (a whole word
/// of it, or a part with `matchType: part`; with `phraseSearch`, the input against each phrase).
/// Where several clusters match, the runtime's pick is random; here it is the first written.
fn classifier(sim: &mut Simulator, args: &Value) -> String {
    let variable = field(args, "set");
    let input = field(args, "input").to_lowercase();
    let part = field(args, "matchType").eq_ignore_ascii_case("part");
    let phrase_search = args.get("phraseSearch").and_then(Value::as_bool) == Some(true);
    let words: Vec<&str> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    let matches = |within: &str, what: &str| {
        if part {
            within.contains(what)
        } else {
            within == what
        }
    };
    let empty = serde_json::Map::new();
    let clusters = args
        .get("cluster")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let found = clusters.iter().find_map(|(cluster, phrases)| {
        let phrases = phrases.as_array()?;
        phrases
            .iter()
            .map(|phrase| loose_text(phrase).to_lowercase())
            .any(|phrase| {
                if phrase_search {
                    matches(&phrase, &input)
                } else {
                    words.iter().any(|word| matches(word, &phrase))
                }
            })
            .then(|| cluster.clone())
    });
    let found = found.unwrap_or_default();
    sim.set_variable(&variable, found.clone());
    format!("cluster {found:?}")
}

fn calendar(sim: &mut Simulator, args: &Value) -> String {
    let variable = field(args, "setVar");
    let state = [field(args, "name"), field(args, "id")]
        .into_iter()
        .filter(|key| !key.is_empty())
        .find_map(|key| sim.mocks.calendars.get(&key).copied())
        .unwrap_or_default();
    let extended = args.get("extended").and_then(Value::as_bool) == Some(true);
    let value = match (state, extended) {
        (CalendarState::Open, _) => "true",
        (CalendarState::Expired, true) => "expire",
        (CalendarState::Exception, true) => "exception",
        _ => "false",
    };
    sim.set_variable(&variable, value.to_owned());
    value.to_owned()
}

/// `flow/http.go`, against the mocked answers.
fn http(sim: &mut Simulator, raw: &Value) -> String {
    let url = text::channel(sim, &text::globals(sim, &field(raw, "url")));
    let method = match field(raw, "method") {
        method if method.is_empty() => "POST".to_owned(),
        method => method.to_uppercase(),
    };
    let answer = sim
        .mocks
        .http
        .iter()
        .find(|mock| mock.matches(&method, &url))
        .map(|mock| mock.answer.clone());
    let Some(HttpAnswer::Response {
        status,
        content_type,
        body,
    }) = answer
    else {
        return match answer {
            Some(HttpAnswer::Timeout) => format!("{method} {url}: timed out, nothing set"),
            _ => format!("{method} {url}: no answer (none mocked), nothing set"),
        };
    };
    let code_variable = field(raw, "responseCode");
    if !code_variable.is_empty() {
        sim.set_variable(&code_variable, status.to_string());
    }
    let exports = raw.get("exportVariables").and_then(Value::as_object);
    if let (Some(exports), false) = (exports, body.is_empty()) {
        let parser = match field(raw, "parser") {
            parser if parser.is_empty() => content_type.clone(),
            parser => parser,
        };
        if !parser.contains("json") {
            return format!("{method} {url}: {status}; error: a {parser} body is not read");
        }
        for (name, path) in exports {
            let value = json_path(&body, &loose_text(path));
            sim.set_variable(name, value);
        }
    }
    format!("{method} {url}: {status}")
}

fn cache(sim: &mut Simulator, args: &Value) -> String {
    let key = field(args, "key");
    match field(args, "method").as_str() {
        "set" | "Set" | "SET" => {
            sim.cache.insert(key, field(args, "value"));
            "stored".to_owned()
        }
        _ => {
            let variable = field(args, "setVar");
            let value = sim.cache.get(&key).cloned().unwrap_or_default();
            if !variable.is_empty() {
                sim.set_variable(&variable, value);
            }
            "read".to_owned()
        }
    }
}

/// playback / tts / say: tells the caller, then gathers digits if asked.
fn prompt(sim: &mut Simulator, flow: FlowId, request: RequestId, app: &str, args: Value) {
    if sim.mocks.channel != Channel::Voice {
        sim.record(
            request,
            args,
            format!("error: {app} plays on calls only: goes on"),
        );
        return;
    }
    let output = match app {
        "playback" => Output::Play {
            files: args
                .get("files")
                .and_then(Value::as_array)
                .map(|files| {
                    files
                        .iter()
                        .map(|file| match field(file, "name") {
                            name if name.is_empty() => format!("#{}", field(file, "id")),
                            name => name,
                        })
                        .collect()
                })
                .unwrap_or_default(),
        },
        _ => Output::Say {
            text: match &args {
                Value::Object(_) => field(&args, "text"),
                other => loose_text(other),
            },
        },
    };
    if let Some(speech) = args.get("getSpeech") {
        // Speech recognition wins over digits: what the caller says, as text.
        let variable = match field(speech, "setVar") {
            name if name.is_empty() => "google_transcript".to_owned(),
            name => name,
        };
        sim.output(output);
        sim.wait(Waiting {
            request,
            flow,
            wait: Wait::Speech {
                variable: variable.clone(),
            },
            state: WaitState::Speech { variable },
        });
        return;
    }
    match args.get("getDigits") {
        Some(digits) => {
            let settings = Digits {
                variable: match field(digits, "setVar") {
                    name if name.is_empty() => "MyVar".to_owned(),
                    name => name,
                },
                min: number(digits, "min").map_or(1, |n| n as usize),
                max: number(digits, "max").map_or(1, |n| n as usize).max(1),
                tries: number(digits, "tries").map_or(1, |n| n as usize).max(1),
                attempt: 1,
                timeout: number(digits, "timeout").map_or(3000, |n| n as u64),
                terminators: match field(digits, "terminator") {
                    terminators if terminators.is_empty() => "#".to_owned(),
                    terminators => terminators,
                },
                pattern: match field(digits, "regexp") {
                    pattern if pattern.is_empty() => ".*".to_owned(),
                    pattern => pattern,
                },
                args: args.clone(),
                prompt: output,
            };
            ask_digits(sim, flow, request, settings);
        }
        None => {
            sim.output(output);
            sim.record(request, args, "played".to_owned());
        }
    }
}

fn ask_digits(sim: &mut Simulator, flow: FlowId, request: RequestId, settings: Digits) {
    sim.output(settings.prompt.clone());
    // The variable is cleared at each try.
    sim.set_variable(&settings.variable, String::new());
    sim.wait(Waiting {
        request,
        flow,
        wait: Wait::Digits {
            variable: settings.variable.clone(),
            min: settings.min,
            max: settings.max,
            attempt: settings.attempt,
            tries: settings.tries,
        },
        state: WaitState::Digits(Box::new(settings)),
    });
}

/// `recvMessage` waits for a message into `variable`.
fn wait_for_message(
    sim: &mut Simulator,
    flow: FlowId,
    request: RequestId,
    variable: String,
    timeout: u64,
) {
    sim.wait(Waiting {
        request,
        flow,
        wait: Wait::Message {
            variable: variable.clone(),
        },
        state: WaitState::Message { variable, timeout },
    });
}

/// A waiting step given its input.
pub(crate) fn resume(sim: &mut Simulator, waiting: Waiting, input: Input) {
    let Waiting {
        request,
        flow,
        state,
        ..
    } = waiting;
    match state {
        WaitState::Digits(settings) => digits_given(sim, flow, request, *settings, input),
        WaitState::Speech { variable } => {
            let said = match input {
                Input::Speech(said) => said,
                Input::Digits(_)
                | Input::Message(_)
                | Input::Silence
                | Input::Hangup
                | Input::Outcome(_) => String::new(),
            };
            sim.set_variable(&variable, said.clone());
            sim.record(
                request,
                json!({ "said": said }),
                format!("heard {said:?} into {variable}"),
            );
        }
        WaitState::Message { variable, timeout } => match input {
            Input::Message(message) => {
                let command = format!("commands-{message}");
                if sim.triggers.contains_key(&command) {
                    // A command runs in the background, and the step waits again.
                    wait_for_message(sim, flow, request, variable, timeout);
                    sim.run_trigger(&command, Started::Background);
                } else {
                    sim.set_variable(&variable, message.clone());
                    sim.record(
                        request,
                        json!({ "message": message }),
                        format!("received into {variable}"),
                    );
                }
            }
            Input::Digits(_)
            | Input::Speech(_)
            | Input::Silence
            | Input::Hangup
            | Input::Outcome(_) => {
                sim.clock += timeout;
                sim.set_variable(&variable, String::new());
                sim.record(request, Value::Null, "timed out: empty".to_owned());
            }
        },
        WaitState::Outcome { args } => {
            let outcome = match input {
                Input::Outcome(AppOutcome {
                    error: Some(error), ..
                }) => format!("error: {error}: the runtime logs it and goes on"),
                Input::Outcome(AppOutcome {
                    variables,
                    error: None,
                }) => {
                    for (name, value) in variables {
                        sim.set_variable(&name, value);
                    }
                    "ok (picked)".to_owned()
                }
                // Not picked (a background fork does not wait): its default.
                _ => {
                    let app = Rc::clone(&sim.program.requests[request].app);
                    outside_default(sim, &app)
                }
            };
            sim.record(request, args, outcome);
        }
    }
}

fn digits_given(
    sim: &mut Simulator,
    flow: FlowId,
    request: RequestId,
    mut settings: Digits,
    input: Input,
) {
    let typed = match input {
        Input::Digits(digits) => digits,
        Input::Message(_)
        | Input::Speech(_)
        | Input::Silence
        | Input::Hangup
        | Input::Outcome(_) => String::new(),
    };
    // Up to a terminator (not kept), at most `max` digits.
    let entered: String = typed
        .chars()
        .take_while(|key| !settings.terminators.contains(*key))
        .take(settings.max)
        .collect();
    if entered.is_empty() {
        sim.clock += settings.timeout;
    }
    let matches = regex::Regex::new(&settings.pattern)
        .map(|pattern| pattern.is_match(&entered))
        .unwrap_or(false);
    let accepted = !entered.is_empty() && entered.chars().count() >= settings.min && matches;
    if accepted {
        sim.set_variable(&settings.variable, entered.clone());
        let args = settings.args.clone();
        sim.record(
            request,
            args,
            format!("got {entered:?} into {}", settings.variable),
        );
        return;
    }
    if !entered.is_empty() && !matches {
        sim.set_variable(&format!("{}_invalid", settings.variable), entered.clone());
    }
    if settings.attempt < settings.tries {
        settings.attempt += 1;
        ask_digits(sim, flow, request, settings);
        return;
    }
    // After the last try: empty, or the last input too short.
    let kept = if !entered.is_empty() && matches {
        entered
    } else {
        String::new()
    };
    sim.set_variable(&settings.variable, kept.clone());
    let args = settings.args.clone();
    sim.record(
        request,
        args,
        format!("no valid input after {} tries: {:?}", settings.tries, kept),
    );
}

/// joinQueue: the queue script's offers and bridge as hooks, then the result and `reporting`.
fn join_queue(sim: &mut Simulator, request: RequestId, raw: &Value, args: Value) {
    let path = sim.program.requests[request].path.clone();
    let hook = |name: &str| {
        raw.get(name)
            .and_then(Value::as_array)
            .map(|steps| Actions {
                steps: steps.clone(),
                path: format!("{path}/joinQueue/{name}"),
            })
    };
    let script = sim.mocks.queue.clone();
    let voice = sim.mocks.channel == Channel::Voice;
    sim.record(
        request,
        args,
        format!("joins the queue; leaves with cc_result {}", script.result),
    );
    // Frames run last pushed first: push the end first.
    let start = |sim: &mut Simulator, name: &str, started: Started| {
        if let Some(actions) = hook(name) {
            sim.start(&actions, started);
        }
    };
    if voice {
        start(sim, "reporting", Started::Hook);
    }
    sim.frames.push(Frame::Set(vec![(
        "cc_result".to_owned(),
        script.result.clone(),
    )]));
    let agent = |name: &str| {
        vec![
            ("cc_agent_name".to_owned(), name.to_owned()),
            (
                "cc_agent_id".to_owned(),
                if name.is_empty() { "" } else { "1" }.to_owned(),
            ),
            (
                "cc_agent_call_id".to_owned(),
                if name.is_empty() { "" } else { "agent-call" }.to_owned(),
            ),
        ]
    };
    for event in script.events.iter().rev() {
        match event {
            QueueEvent::Offered { agent: name } => {
                let started = if voice {
                    Started::Hook
                } else {
                    Started::Background
                };
                start(sim, "offering", started);
                sim.frames.push(Frame::Set(agent(name)));
            }
            QueueEvent::Missed if !voice => {
                start(sim, "missed", Started::Background);
                sim.frames.push(Frame::Set(agent("")));
            }
            QueueEvent::Missed => {}
            QueueEvent::Bridged => start(sim, "bridged", Started::Hook),
        }
    }
    if voice {
        // While the caller waits: each timer's actions every `interval` seconds from its
        // `offset`, at most `tries` times, in the background.
        let timers = raw
            .get("timers")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (index, timer) in timers.iter().enumerate().rev() {
            let interval = number(timer, "interval").unwrap_or(0.0).max(0.0) as u64;
            let offset = number(timer, "offset").unwrap_or(0.0).max(0.0) as u64;
            let tries = number(timer, "tries").map_or(999, |tries| tries.max(0.0) as u64);
            let fired = match (script.wait.checked_sub(offset), interval) {
                (Some(after), 0) => u64::from(after > 0).min(tries),
                (Some(after), interval) => (after / interval + 1).min(tries),
                (None, _) => 0,
            };
            if let Some(steps) = timer.get("actions").and_then(Value::as_array) {
                let actions = Actions {
                    steps: steps.clone(),
                    path: format!("{path}/joinQueue/timers/{index}/actions"),
                };
                for _ in 0..fired {
                    sim.start(&actions, Started::Background);
                }
            }
        }
        // `waiting` runs once in the background from joining.
        start(sim, "waiting", Started::Background);
    }
    sim.clock += script.wait * 1000;
}

/// bridge: the mocked outcome; `bridged` runs when answered; the flow stops after a transfer
/// or a normal clearing with `hangup_after_bridge`.
fn bridge(sim: &mut Simulator, request: RequestId, raw: &Value, args: Value) {
    let outcome = sim.mocks.bridge.clone();
    let hangs_up = outcome.transferred
        || (outcome.cause == "NORMAL_CLEARING"
            && sim.variables.get("hangup_after_bridge").map(String::as_str) == Some("true"));
    sim.set_variable("last_bridge_hangup_cause", outcome.cause.clone());
    sim.record(
        request,
        args,
        format!(
            "{} ({})",
            if outcome.answered {
                "bridged"
            } else {
                "not answered"
            },
            outcome.cause
        ),
    );
    if hangs_up {
        sim.hang_up_now();
        return;
    }
    if outcome.answered {
        if let Some(steps) = raw.get("bridged").and_then(Value::as_array) {
            let path = format!("{}/bridge/bridged", sim.program.requests[request].path);
            let actions = Actions {
                steps: steps.clone(),
                path,
            };
            sim.start(&actions, Started::Hook);
        }
    }
}
