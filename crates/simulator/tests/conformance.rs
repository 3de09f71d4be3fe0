//! The runtime's behaviour, construct by construct and surprise by surprise
//! (`runtime-semantics.md`): each test runs a small flow and checks how it ended, the steps it
//! took and the variables it left.

use flow_simulator::{
    AppOutcome, CalendarState, Channel, Ended, Event, HttpAnswer, HttpMock, Input, Mocks, Output,
    QueueEvent, QueueScript, Simulator, StepRecord, Wait,
};
use serde_json::{json, Value};
use std::collections::BTreeMap;

struct Run {
    ended: Option<Ended>,
    steps: Vec<StepRecord>,
    outputs: Vec<Output>,
    variables: BTreeMap<String, String>,
}

impl Run {
    fn var(&self, name: &str) -> Option<&str> {
        self.variables.get(name).map(String::as_str)
    }

    /// The logs the flow wrote, in order: the path a test flow took.
    fn logs(&self) -> Vec<String> {
        self.steps
            .iter()
            .filter(|step| &*step.app == "log" && step.outcome == "ok")
            .map(|step| step.args.as_str().unwrap_or_default().to_owned())
            .collect()
    }

    fn outcome(&self, app: &str) -> &str {
        &self
            .steps
            .iter()
            .find(|step| &*step.app == app)
            .unwrap_or_else(|| panic!("no {app} step ran"))
            .outcome
    }
}

fn run_with(schema: Value, mocks: Mocks, inputs: Vec<Input>) -> Run {
    let mut simulator = Simulator::new(&schema, mocks).unwrap().with_budget(20_000);
    for input in inputs {
        simulator.provide(input);
    }
    let (mut steps, mut outputs) = (Vec::new(), Vec::new());
    while let Some(event) = simulator.next_event() {
        match event {
            Event::Step(step) => steps.push(step),
            Event::Output(output) => outputs.push(output),
            Event::Waiting(_) | Event::Breakpoint(_) | Event::Ended(_) => {}
        }
    }
    Run {
        ended: simulator.ended().cloned(),
        steps,
        outputs,
        variables: simulator.variables().clone(),
    }
}

fn run(schema: Value) -> Run {
    run_with(schema, Mocks::default(), Vec::new())
}

fn chat() -> Mocks {
    Mocks {
        channel: Channel::Chat,
        ..Mocks::default()
    }
}

fn log(text: &str) -> Value {
    json!({ "log": text })
}

#[test]
fn switch_matches_exactly_after_substitution_else_default_and_never_expands_globals() {
    let flow = |variable: &str| {
        json!([
            {"set": {"choice": "2"}},
            {"switch": {"variable": variable, "case": {
                "2": [log("two")],
                "G": [log("global")],
                "default": [log("default")]
            }}},
            log("after")
        ])
    };
    assert_eq!(run(flow("${choice}")).logs(), ["two", "after"]);
    // Case-sensitive, exact.
    assert_eq!(run(flow("${choice} ")).logs(), ["default", "after"]);
    // `$${g}` is left as it is here, even when the global is set.
    let mocks = Mocks {
        globals: BTreeMap::from([("g".to_owned(), "G".to_owned())]),
        ..Mocks::default()
    };
    assert_eq!(
        run_with(flow("$${g}"), mocks, vec![]).logs(),
        ["default", "after"]
    );
    // No match and no default: nothing runs, the flow goes on.
    let no_default = json!([
        {"switch": {"variable": "x", "case": {"y": [log("y")]}}},
        log("after")
    ]);
    assert_eq!(run(no_default).logs(), ["after"]);
}

#[test]
fn the_text_false_is_true_and_a_failing_condition_takes_no_branch() {
    let flow = |expression: &str| {
        json!([
            {"set": {"flag": "false"}},
            {"if": {"expression": expression, "then": [log("then")], "else": [log("else")]}},
            log("after")
        ])
    };
    assert_eq!(run(flow("${flag}")).logs(), ["then", "after"]);
    assert_eq!(run(flow("${flag} == 'false'")).logs(), ["then", "after"]);
    // Strings compare as strings.
    assert_eq!(run(flow("'10' > '9'")).logs(), ["else", "after"]);
    let failing = run(flow("${flag} ==="));
    assert_eq!(failing.logs(), ["after"]);
    assert!(
        failing.outcome("if").starts_with("error"),
        "{}",
        failing.outcome("if")
    );
    // An empty expression fails too.
    assert_eq!(run(flow("")).logs(), ["after"]);
    // ES5 only: an arrow function is refused as the runtime's engine would.
    let es6 = run(flow("[1].some((x) => x)"));
    assert_eq!(es6.logs(), ["after"]);
    assert!(es6.outcome("if").contains("not ES5"));
}

#[test]
fn protected_words_are_deleted_from_conditions_even_inside_strings() {
    let flow = json!([
        {"set": {"v": " "}},
        {"if": {"expression": "${v} == 'new'", "then": [log("then")], "else": [log("else")]}}
    ]);
    // `'new'` became `''`, and " " is not "".
    assert_eq!(run(flow).logs(), ["else"]);
}

#[test]
fn while_runs_its_body_before_testing_and_counts_max_steps_over_the_flows_life() {
    let flow = json!([
        {"set": {"n": "0"}},
        {"while": {"condition": "false", "do": [log("body")]}},
        log("after")
    ]);
    assert_eq!(run(flow).logs(), ["body", "after"]);

    // Three evaluations over the flow's life: an endless loop stops after three passes, and
    // entered again it does not run at all, not even its first pass.
    let lifetime = json!([
        {"tag": "loop", "while": {"condition": "true", "maxSteps": "3", "do": [log("pass")]}},
        {"if": {"expression": "${again} == ''", "then": [
            {"set": {"again": "1"}},
            log("again"),
            {"goto": "loop"}
        ]}},
        log("end")
    ]);
    assert_eq!(
        run(lifetime).logs(),
        ["pass", "pass", "pass", "again", "end"]
    );
}

#[test]
fn a_goto_to_an_unknown_tag_goes_on() {
    let flow = json!([{"goto": "nowhere"}, log("after")]);
    let done = run(flow);
    assert_eq!(done.logs(), ["after"]);
    assert_eq!(done.ended, Some(Ended::End));
}

#[test]
fn gotos_stop_working_after_1001() {
    let flow = json!([
        {"tag": "top", "log": "pass"},
        {"goto": "top"},
        log("out")
    ]);
    let done = run(flow);
    let passes = done.logs().iter().filter(|text| *text == "pass").count();
    assert_eq!(
        passes, 1002,
        "the first pass and one after each of 1,001 gotos"
    );
    assert_eq!(done.logs().last().map(String::as_str), Some("out"));
}

#[test]
fn a_goto_into_a_nested_body_restarts_the_top_level_when_that_body_ends() {
    let flow = json!([
        log("start"),
        {"if": {"expression": "false", "then": [], "else": [
            {"if": {"expression": "false", "then": [], "else": [
                {"tag": "deep", "log": "deep"}
            ]}},
            log("after inner")
        ]}},
        {"goto": "deep", "limit": {"max": 1, "failover": "fin"}},
        {"tag": "fin", "log": "end"}
    ]);
    // After the goto, "deep"'s own body and its parent go on as they should, but the top
    // level was reset by the goto: it starts again from its first step.
    assert_eq!(
        run(flow).logs(),
        [
            "start",
            "deep",
            "after inner",
            "deep",
            "after inner",
            "start",
            "deep",
            "after inner",
            "end"
        ]
    );
    // From inside a body, the top level keeps its place.
    let from_a_body = json!([
        {"if": {"expression": "false", "then": [], "else": [
            {"if": {"expression": "false", "then": [], "else": [{"tag": "deep", "log": "deep"}]}}
        ]}},
        {"if": {"expression": "${done} == ''", "then": [{"set": {"done": "1"}}, {"goto": "deep"}]}},
        log("end")
    ]);
    assert_eq!(run(from_a_body).logs(), ["deep", "deep", "end"]);
}

#[test]
fn a_limit_with_a_number_jumps_and_without_its_failover_ends_the_flow() {
    let flow = json!([
        {"tag": "ask", "limit": {"max": 2, "failover": "bye"}, "log": "ask"},
        {"goto": "ask"},
        {"tag": "bye", "log": "bye"}
    ]);
    assert_eq!(run(flow).logs(), ["ask", "ask", "bye"]);

    let missing = json!([
        {"tag": "ask", "limit": {"max": 1, "failover": "gone"}, "log": "ask"},
        {"goto": "ask"},
        log("never")
    ]);
    let done = run(missing);
    assert_eq!(done.logs(), ["ask"]);
    assert_eq!(done.ended, Some(Ended::End));

    // `max` as text is ignored: no limit (the goto cap ends the loop).
    let text = json!([
        {"tag": "ask", "limit": {"max": "1", "failover": "bye"}, "log": "ask"},
        {"goto": "ask"},
        {"tag": "bye", "log": "bye"}
    ]);
    assert_eq!(run(text).logs().len(), 1003);
}

#[test]
fn set_stores_what_go_prints() {
    let done = run(json!([
        {"set": {"big": 1000000, "small": 12, "map": {"a": 1, "b": "${x}"}, "list": [1, 2],
                 "text": "${missing}x", "yes": true}}
    ]));
    assert_eq!(done.var("big"), Some("1e+06"));
    assert_eq!(done.var("small"), Some("12"));
    // Strings inside an object are not substituted.
    assert_eq!(done.var("map"), Some("map[a:1 b:${x}]"));
    assert_eq!(done.var("list"), Some("[1 2]"));
    assert_eq!(done.var("text"), Some("x"));
    assert_eq!(done.var("yes"), Some("true"));
}

#[test]
fn js_reads_variables_when_it_runs_and_quoted_ones_are_text() {
    let done = run(json!([
        {"set": {"name": "Ann"}},
        {"js": {"data": "return ${name} + '/' + '${name}';", "setVar": "out"}},
        {"js": {"data": "var x = 1;", "setVar": "none"}},
        {"js": {"data": "let y = 2; return y;", "setVar": "refused"}},
        log("after")
    ]));
    // In quotes, `${name}` became the text of the call that reads it.
    assert_eq!(done.var("out"), Some(r#"Ann/_getChannelVar("name")"#));
    assert_eq!(done.var("none"), Some("undefined"));
    assert_eq!(done.var("refused"), None);
    assert_eq!(done.logs(), ["after"]);
}

#[test]
fn string_length_counts_bytes_and_others_run_as_javascript() {
    let done = run(json!([
        {"string": {"setVar": "bytes", "fn": "length", "data": "Привет"}},
        {"string": {"setVar": "upper", "fn": "toUpperCase", "data": "abc"}},
        {"string": {"setVar": "parts", "fn": "split", "data": "a-b", "args": ["-"]}},
        {"string": {"setVar": "b64", "fn": "base64", "data": "hi!", "args": ["encoder"]}},
        {"string": {"setVar": "match", "fn": "gomatch", "data": "id=42;x=7", "args": ["id=(\\d+);x=(\\d+)"]}},
        {"string": {"setVar": "md5", "fn": "MD5", "data": "abc"}},
        {"string": {"setVar": "sha", "fn": "SHA-256", "data": "abc"}}
    ]));
    assert_eq!(done.var("md5"), Some("900150983cd24fb0d6963f7d28e17f72"));
    assert_eq!(
        done.var("sha"),
        Some("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    );
    assert_eq!(done.var("bytes"), Some("12"));
    assert_eq!(done.var("upper"), Some("ABC"));
    assert_eq!(done.var("parts"), Some("a,b"));
    assert_eq!(done.var("b64"), Some("aGkh"));
    assert_eq!(done.var("match"), Some("42,7"));
}

fn menu(tries: u32, regexp: &str) -> Value {
    json!([
        {"playback": {"files": [{"name": "menu.wav"}], "getDigits": {
            "setVar": "choice", "min": 1, "max": 2, "tries": tries, "regexp": regexp}}},
        log("after")
    ])
}

#[test]
fn get_digits_tries_again_keeps_what_fails_the_pattern_and_ends_empty() {
    // A wrong key, then a right one on the second try.
    let done = run_with(
        menu(3, "^[1-3]$"),
        Mocks::default(),
        vec![Input::Digits("9#".into()), Input::Digits("2#".into())],
    );
    assert_eq!(done.var("choice"), Some("2"));
    assert_eq!(done.var("choice_invalid"), Some("9"));
    assert_eq!(done.outputs.len(), 2, "the prompt plays at each try");

    // Every try fails: empty, and the flow goes on.
    let done = run_with(
        menu(2, "^[1-3]$"),
        Mocks::default(),
        vec![Input::Silence, Input::Digits("77".into())],
    );
    assert_eq!(done.var("choice"), None);
    assert_eq!(done.var("choice_invalid"), Some("77"));
    assert_eq!(done.logs(), ["after"]);

    // More keys than `max`: only `max` are taken; the terminator is not stored.
    let done = run_with(
        menu(1, ".*"),
        Mocks::default(),
        vec![Input::Digits("123#".into())],
    );
    assert_eq!(done.var("choice"), Some("12"));
}

#[test]
fn a_prompt_without_input_waits() {
    let mut simulator = Simulator::new(&menu(1, ".*"), Mocks::default()).unwrap();
    let mut waited = false;
    while let Some(event) = simulator.next_event() {
        waited |= matches!(event, Event::Waiting(_));
    }
    assert!(waited);
    assert_eq!(simulator.ended(), None);
    simulator.provide(Input::Digits("5".into()));
    while simulator.next_event().is_some() {}
    assert_eq!(simulator.ended(), Some(&Ended::End));
    assert_eq!(simulator.variables()["choice"], "5");
}

#[test]
fn recv_message_times_out_empty_and_a_command_runs_while_it_waits() {
    let flow = json!([
        {"trigger": {"commands": {"/help": [{"sendText": "Help!"}]}}},
        {"recvMessage": {"set": "answer", "timeout": 30}},
        log("after")
    ]);
    let done = run_with(
        flow.clone(),
        chat(),
        vec![Input::Message("/help".into()), Input::Message("yes".into())],
    );
    assert_eq!(done.var("answer"), Some("yes"));
    assert_eq!(
        done.outputs,
        [Output::Message {
            text: "Help!".into(),
            buttons: vec![]
        }]
    );
    let done = run_with(flow, chat(), vec![Input::Silence]);
    assert_eq!(done.var("answer"), Some(""));
    assert_eq!(done.logs(), ["after"]);
}

fn queue_flow() -> Value {
    json!([
        {"joinQueue": {
            "queue": {"id": 1},
            "waiting": [log("waiting")],
            "offering": [log("offering ${cc_agent_name}")],
            "bridged": [log("bridged")],
            "missed": [log("missed")],
            "reporting": [log("reporting ${cc_result}")]
        }},
        log("after")
    ])
}

#[test]
fn join_queue_runs_its_hooks_in_the_channels_order() {
    let script = QueueScript {
        wait: 0,
        events: vec![
            QueueEvent::Offered {
                agent: "Ann".into(),
            },
            QueueEvent::Missed,
            QueueEvent::Offered {
                agent: "Bob".into(),
            },
            QueueEvent::Bridged,
        ],
        result: "success".into(),
    };
    let voice = run_with(
        queue_flow(),
        Mocks {
            queue: script.clone(),
            ..Mocks::default()
        },
        vec![],
    );
    assert_eq!(
        voice.logs(),
        [
            "waiting",
            "offering Ann",
            "offering Bob",
            "bridged",
            "reporting success",
            "after"
        ]
    );
    let chat = run_with(
        queue_flow(),
        Mocks {
            queue: script,
            ..chat()
        },
        vec![],
    );
    assert_eq!(
        chat.logs(),
        ["offering Ann", "missed", "offering Bob", "bridged", "after"]
    );
    assert_eq!(chat.var("cc_result"), Some("success"));
}

#[test]
fn hangup_stops_the_flow_then_disconnected_runs() {
    let flow = json!([
        {"trigger": {"disconnected": [log("bye"), {"set": {"reason": "hung up"}}]}},
        log("before"),
        {"hangup": "NORMAL_CLEARING"},
        log("never")
    ]);
    let done = run(flow);
    assert_eq!(done.logs(), ["before", "bye"]);
    assert_eq!(done.ended, Some(Ended::Hangup));
    assert_eq!(done.var("reason"), Some("hung up"));
}

#[test]
fn a_chat_flow_ending_closes_the_conversation_and_runs_disconnected() {
    let flow = json!([
        {"trigger": {"disconnected": [log("closed")]}},
        log("only")
    ]);
    let done = run_with(flow, chat(), vec![]);
    assert_eq!(done.logs(), ["only", "closed"]);
    assert_eq!(done.ended, Some(Ended::End));
}

#[test]
fn unknown_apps_and_failing_apps_are_logged_and_the_flow_goes_on() {
    let done = run(json!([
        {"break1": true},
        {"execute": {"name": "missing"}},
        {"math": {"fn": "random"}},
        log("after")
    ]));
    assert_eq!(done.logs(), ["after"]);
    assert!(done.outcome("break1").contains("unknown app"));
    assert!(done.outcome("execute").starts_with("error"));
    assert!(done.outcome("math").starts_with("error"));
    assert_eq!(done.ended, Some(Ended::End));
}

#[test]
fn an_outside_app_does_what_the_user_picks_or_its_recorded_default() {
    let flow = json!([
        {"memberInfo": {"set": {"member_name": "name"}}},
        {"userInfo": {"user": {"id": 7}, "set": {"status": "status"}}},
        {"getQueueAgents": {"queue": {"id": 1}, "set": {"agents": "agents"}}},
        log("after ${member_name} ${status} ${agents}")
    ]);
    // Asked: the first waits, naming the variables its arguments write.
    let asking = Mocks {
        ask_apps: true,
        apps: [(
            "userInfo".to_owned(),
            [("status".to_owned(), "online".to_owned())].into(),
        )]
        .into(),
        ..Mocks::default()
    };
    let mut simulator = Simulator::new(&flow, asking.clone()).unwrap();
    while simulator.next_event().is_some() {}
    assert_eq!(
        simulator.waits_for(),
        Some(&Wait::Outcome {
            app: "memberInfo".into(),
            args: json!({"set": {"member_name": "name"}}),
            variables: vec!["member_name".into()],
        })
    );
    let picked = |variables: &[(&str, &str)]| {
        Input::Outcome(AppOutcome {
            variables: variables
                .iter()
                .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
                .collect(),
            error: None,
        })
    };
    let failed = Input::Outcome(AppOutcome {
        error: Some("member not found".into()),
        ..AppOutcome::default()
    });
    let done = run_with(
        flow.clone(),
        asking,
        vec![picked(&[("member_name", "Ann")]), failed],
    );
    assert_eq!(done.outcome("memberInfo"), "ok (picked)");
    assert_eq!(
        done.outcome("userInfo"),
        "ok (mocked)",
        "a recorded default is not asked"
    );
    assert_eq!(
        done.outcome("getQueueAgents"),
        "error: member not found: the runtime logs it and goes on"
    );
    assert_eq!(done.logs(), ["after Ann online "]);
    // Not asked: each succeeds and writes nothing.
    let done = run(flow);
    assert_eq!(done.outcome("memberInfo"), "ok");
    assert_eq!(done.ended, Some(Ended::End));
}

#[test]
fn break_stops_the_flow_and_passes_up_from_a_function() {
    let flow = json!([
        {"function": {"name": "stop", "actions": [log("in"), {"break": true}]}},
        {"execute": {"name": "stop"}},
        log("never")
    ]);
    let done = run(flow);
    assert_eq!(done.logs(), ["in"]);
    assert_eq!(done.ended, Some(Ended::Break));
    // A step with `break: true` runs, then the flow stops.
    let flagged = run(json!([{"log": "last", "break": true}, log("never")]));
    assert_eq!(flagged.logs(), ["last"]);
    assert_eq!(flagged.ended, Some(Ended::Break));
}

#[test]
fn functions_have_their_own_tags_and_are_registered_wherever_they_are() {
    let flow = json!([
        {"execute": {"name": "later"}},
        {"if": {"expression": "false", "then": [
            {"function": {"name": "later", "actions": [{"tag": "t", "log": "in function"}, {"goto": "out"}]}}
        ]}},
        {"tag": "out", "log": "main"}
    ]);
    // The function is defined inside a branch that never runs, and its goto cannot reach
    // the main flow's tag.
    assert_eq!(run(flow).logs(), ["in function", "main"]);
}

#[test]
fn steps_the_runtime_drops_never_run() {
    let flow = json!([
        {"tag": "gone"},
        {"switch": {"case": {"a": []}}},
        {"goto": "gone"},
        log("after")
    ]);
    let simulator = Simulator::new(&flow, Mocks::default()).unwrap();
    assert_eq!(simulator.dropped().len(), 2);
    assert_eq!(simulator.dropped()[0].0, "/0");
    assert_eq!(run(flow).logs(), ["after"]);
}

#[test]
fn http_answers_come_from_the_mocks_and_fill_exported_variables() {
    let flow = json!([
        {"set": {"id": "7"}},
        {"httpRequest": {"url": "https://api.example.com/users/${id}", "method": "GET",
            "responseCode": "code", "exportVariables": {"name": "user.name", "first": "tags.0"}}},
        {"httpRequest": {"url": "https://down.example.com/", "responseCode": "down"}}
    ]);
    let mocks = Mocks {
        http: vec![HttpMock {
            method: Some("GET".into()),
            url: "https://api.example.com/users/*".into(),
            answer: HttpAnswer::Response {
                status: 200,
                content_type: "application/json".into(),
                body: r#"{"user": {"name": "Ann"}, "tags": ["vip"]}"#.into(),
            },
        }],
        ..Mocks::default()
    };
    let done = run_with(flow, mocks, vec![]);
    assert_eq!(done.var("code"), Some("200"));
    assert_eq!(done.var("name"), Some("Ann"));
    assert_eq!(done.var("first"), Some("vip"));
    // No answer: nothing set, the flow goes on.
    assert_eq!(done.var("down"), None);
}

#[test]
fn calendars_and_other_flows_come_from_the_mocks() {
    let flow = json!([
        {"calendar": {"name": "Office", "setVar": "open"}},
        {"calendar": {"name": "Office", "setVar": "why", "extended": true}},
        {"schema": {"id": 12}},
        log("back")
    ]);
    let mocks = Mocks {
        calendars: BTreeMap::from([("Office".to_owned(), CalendarState::Expired)]),
        flows: BTreeMap::from([(
            "12".to_owned(),
            json!([log("in 12"), {"set": {"from": "12"}}]),
        )]),
        ..Mocks::default()
    };
    let done = run_with(flow, mocks, vec![]);
    assert_eq!(done.var("open"), Some("false"));
    assert_eq!(done.var("why"), Some("expire"));
    assert_eq!(done.logs(), ["in 12", "back"]);
    assert_eq!(done.var("from"), Some("12"));
    let inner = done
        .steps
        .iter()
        .find(|step| step.path.starts_with("#12"))
        .unwrap();
    assert_eq!(&*inner.path, "#12/0");
}

#[test]
fn a_runaway_flow_stops_at_the_budget_naming_its_loop() {
    let flow = json!([
        {"while": {"condition": "true", "maxSteps": "1000000", "do": [{"tag": "spin", "log": "x"}]}}
    ]);
    let mut simulator = Simulator::new(&flow, Mocks::default())
        .unwrap()
        .with_budget(500);
    while simulator.next_event().is_some() {}
    let Some(Ended::Budget(message)) = simulator.ended() else {
        panic!("{:?}", simulator.ended());
    };
    assert!(message.contains("500 steps"), "{message}");
    assert!(message.contains("/0"), "{message}");
}

#[test]
fn steps_record_their_path_tag_substituted_arguments_and_changes() {
    let done = run(json!([
        {"set": {"who": "Ann"}},
        {"if": {"expression": "true", "then": [{"tag": "hi", "log": "Hello ${who}"}]}}
    ]));
    let hello = &done.steps[2];
    assert_eq!(&*hello.path, "/1/if/then/0");
    assert_eq!(hello.tag.as_deref(), Some("hi"));
    assert_eq!(hello.args, json!("Hello Ann"));
    let set = &done.steps[0];
    assert_eq!(set.changes[0].name, "who");
    assert_eq!(set.changes[0].after.as_deref(), Some("Ann"));
}

#[test]
fn queue_timers_fire_while_the_caller_waits() {
    let flow = json!([
        {"joinQueue": {
            "queue": {"id": 1},
            "timers": [{"interval": 30, "offset": 10, "tries": 2, "actions": [log("timer")]}],
            "bridged": [log("bridged")]
        }}
    ]);
    let fired = |wait: u64| {
        let mocks = Mocks {
            queue: QueueScript {
                wait,
                ..QueueScript::default()
            },
            ..Mocks::default()
        };
        run_with(flow.clone(), mocks, vec![]).logs()
    };
    assert_eq!(fired(5), ["bridged"]);
    assert_eq!(fired(15), ["timer", "bridged"]);
    // At 10 and 40 s; a third at 70 s is past its tries.
    assert_eq!(fired(100), ["timer", "timer", "bridged"]);
}

#[test]
fn speech_recognition_wins_over_digits() {
    let flow = json!([
        {"tts": {"text": "Say or press", "getSpeech": {"setVar": "said"}, "getDigits": {"setVar": "pressed"}}},
        {"playback": {"files": [], "getSpeech": {}}}
    ]);
    let done = run_with(
        flow,
        Mocks::default(),
        vec![Input::Speech("sales please".into()), Input::Silence],
    );
    assert_eq!(done.var("said"), Some("sales please"));
    assert_eq!(done.var("pressed"), None);
    // Nothing heard: the default variable is left empty (unset on a call).
    assert_eq!(done.var("google_transcript"), None);
    assert_eq!(done.ended, Some(Ended::End));
}

#[test]
fn an_outbound_call_replaces_dollar_numbers_with_its_route_captures() {
    let flow = json!([
        {"switch": {"variable": "$1", "case": {"044": [{"set": {"city": "Kyiv", "number": "+38$0"}}]}}}
    ]);
    let mocks = Mocks {
        captures: Some(vec!["0441234567".into(), "044".into()]),
        ..Mocks::default()
    };
    let done = run_with(flow.clone(), mocks, vec![]);
    assert_eq!(done.var("city"), Some("Kyiv"));
    assert_eq!(done.var("number"), Some("+380441234567"));
    // An inbound call leaves `$1` as it is.
    assert_eq!(run(flow).var("city"), None);
}

#[test]
fn the_classifier_finds_the_cluster_of_a_word_said() {
    let classify = |input: &str, match_type: &str| {
        let flow = json!([{"classifier": {
            "set": "topic", "input": input, "matchType": match_type,
            "cluster": {"billing": ["invoice", "pay"], "support": ["broken", "help"]}
        }}]);
        run_with(flow, chat(), vec![])
            .var("topic")
            .map(str::to_owned)
    };
    assert_eq!(
        classify("I need HELP, please", "full").as_deref(),
        Some("support")
    );
    assert_eq!(
        classify("paying my invoices", "part").as_deref(),
        Some("billing")
    );
    assert_eq!(classify("paying", "full").as_deref(), Some(""));
}
