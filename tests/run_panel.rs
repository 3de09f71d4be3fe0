//! The Run panel's components in a real browser, given a run as the worker reports it: the
//! phone's keypad, the variables and their history, and mocks refused at their field.

#![cfg(target_arch = "wasm32")]

mod support;

use flow_model::FlowType;
use flow_simulator::{AppOutcome, Command, Input, Mocks, Mode, RunState, Session};
use flow_studio::components::run_panel::record::RunRecord;
use flow_studio::components::run_panel::{RunLink, RunPanel};
use leptos::prelude::*;
use serde_json::{json, Value};
use support::{click, exists, find, mount, texts, type_into};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A call that set `greeting` twice and waits at its menu, as the worker's session reports it.
fn waiting_at_the_menu() -> (Session, RunRecord) {
    let schema = json!([
        {"set": {"greeting": "hi"}},
        {"set": {"greeting": "menu"}},
        {"playback": {"files": [{"name": "menu.wav"}], "getDigits": {"setVar": "choice", "min": 1, "max": 2, "tries": 3, "timeout": 3000}}},
        {"hangup": {}}
    ]);
    let mut session = Session::default();
    let mut record = RunRecord::starting(Mocks::default());
    record.apply(session.handle(
        Command::Start {
            schema,
            mocks: Mocks::default(),
            budget: 100,
            breakpoints: Vec::new(),
            mode: Mode::Continue,
        },
        100,
    ));
    assert!(matches!(record.state, RunState::Waiting { .. }));
    (session, record)
}

fn panel(
    record: RwSignal<RunRecord, LocalStorage>,
    tests: RwSignal<Vec<Value>>,
) -> web_sys::HtmlElement {
    mount(move || {
        support::provide_app(&[]);
        let link = RunLink {
            schema: Callback::new(|()| Ok(json!([]))),
            breakpoints: Signal::stored(Vec::new()),
            tests: tests.into(),
            on_tests: Callback::new(move |new| tests.set(new)),
            on_select: Callback::new(|_| {}),
            record,
        };
        view! { <RunPanel flow_type=Signal::stored(FlowType::Voice) link on_close=Callback::new(|()| {}) /> }
    })
}

#[wasm_bindgen_test]
async fn a_waiting_call_shows_what_the_caller_hears_and_takes_keys_from_the_keypad() {
    let record = RwSignal::new_local(waiting_at_the_menu().1);
    let page = panel(record, RwSignal::new(Vec::new()));
    support::wait(0).await;
    assert_eq!(texts(&page, ".conversation .told"), ["Playsmenu.wav"]);
    assert_eq!(
        texts(&page, ".conversation .prompt"),
        ["Press 1–2 keys (try 1 of 3), # ends them"]
    );
    assert_eq!(
        texts(&page, ".run-state"),
        ["Waiting for the caller after 2 steps"]
    );
    let keys = page.query_selector_all(".keypad .key").unwrap();
    assert_eq!(keys.length(), 12);
    keys.item(0)
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    keys.item(1)
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    support::wait(0).await;
    assert_eq!(texts(&page, ".keypad .typed"), ["12"]);
    click(&page, ".keypad .send");
    support::wait(0).await;
    assert_eq!(
        record.with_untracked(RunRecord::inputs),
        [Input::Digits("12".into())],
        "what the caller did is kept for a saved test"
    );
    assert_eq!(texts(&page, ".conversation .did"), ["⌨ 12"]);
}

#[wasm_bindgen_test]
async fn a_variable_shows_its_history_on_click() {
    let record = RwSignal::new_local(waiting_at_the_menu().1);
    let page = panel(record, RwSignal::new(Vec::new()));
    support::wait(0).await;
    assert_eq!(texts(&page, ".variables li.changed .name"), ["greeting"]);
    click(&page, ".variables .variable");
    support::wait(0).await;
    assert_eq!(
        texts(&page, ".variables .history li"),
        ["#1∅ → hi", "#2hi → menu"]
    );
    assert_eq!(texts(&page, ".step-log tbody tr").len(), 2);
}

#[wasm_bindgen_test]
async fn a_mock_that_does_not_read_is_refused_at_its_field_with_its_line() {
    let record = RwSignal::new_local(RunRecord::default());
    let page = panel(record, RwSignal::new(Vec::new()));
    support::wait(0).await;
    click(&page, ".run-panel .tabs button:nth-child(2)");
    type_into(
        &page,
        "textarea[name=mock-http]",
        "GET https://crm/*=200 {}\nhttps://crm 200",
    );
    support::wait(0).await;
    let field: web_sys::HtmlElement = find(&page, "textarea[name=mock-http]");
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    let errors: Vec<String> = texts(&page, ".mocks-form .error")
        .into_iter()
        .filter(|text| !text.is_empty())
        .collect();
    assert_eq!(
        errors,
        ["Line 2: expected METHOD URL=STATUS BODY, such as GET https://api/*=200 {\"ok\": true}"]
    );
    // A run does not start on refused mocks: it says where to look.
    click(&page, ".run-controls button.primary");
    support::wait(0).await;
    assert_eq!(
        texts(&page, ".run-state"),
        ["Cannot run: A mock is not valid: see the field marked in Mocks"]
    );
    type_into(
        &page,
        "textarea[name=mock-http]",
        "GET https://crm/*=200 {}",
    );
    support::wait(0).await;
    assert_eq!(
        field.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    assert!(!exists(&page, ".mocks-form .error:not(:empty)"));
}

#[wasm_bindgen_test]
async fn an_ended_run_is_saved_as_a_test_and_listed() {
    let (mut session, mut ended) = waiting_at_the_menu();
    ended.give(Input::Digits("1".into()));
    ended.apply(session.handle(
        Command::Input {
            input: Input::Digits("1".into()),
        },
        100,
    ));
    assert!(ended.ended().is_some());
    let record = RwSignal::new_local(ended);
    let tests = RwSignal::new(Vec::new());
    let page = panel(record, tests);
    support::wait(0).await;
    click(&page, ".run-panel .tabs button:nth-child(3)");
    support::wait(0).await;
    assert_eq!(texts(&page, ".tests-list .hint"), ["No saved tests yet. A test keeps a run's mocks, the caller's inputs and how it ended, with the flow."]);
    let name: web_sys::HtmlInputElement = find(&page, ".save-test input[name=test-name]");
    assert_eq!(name.value(), "Test 1");
    click(&page, ".save-test button.primary");
    support::wait(0).await;
    let saved = tests.get_untracked();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0]["name"], "Test 1");
    assert_eq!(saved[0]["inputs"], json!([{"digits": "1"}]));
    assert_eq!(saved[0]["expect"]["ended"], "hangup");
    assert_eq!(
        saved[0]["expect"]["variables"],
        json!({"choice": "1", "greeting": "menu"}),
        "the variables the run changed"
    );
    assert_eq!(texts(&page, ".tests-list .test .name"), ["Test 1"]);
}

#[wasm_bindgen_test]
async fn an_outside_app_waits_for_the_outcome_the_user_picks_and_keeps_it_as_its_default() {
    let mocks = Mocks {
        ask_apps: true,
        ..Mocks::default()
    };
    let mut session = Session::default();
    let mut waiting = RunRecord::starting(mocks.clone());
    waiting.apply(session.handle(
        Command::Start {
            schema: json!([{"memberInfo": {"set": {"member_name": "name"}}}]),
            mocks,
            budget: 100,
            breakpoints: Vec::new(),
            mode: Mode::Continue,
        },
        100,
    ));
    let record = RwSignal::new_local(waiting);
    let page = panel(record, RwSignal::new(Vec::new()));
    support::wait(0).await;
    assert_eq!(
        texts(&page, ".conversation .prompt"),
        ["memberInfo waits for you: what did it do?"]
    );
    assert_eq!(
        texts(&page, ".run-state"),
        ["Waiting for your pick after 0 steps"]
    );
    let values: web_sys::HtmlTextAreaElement = find(&page, "textarea[name=outcome-values]");
    assert_eq!(
        values.value(),
        "member_name=\n",
        "the variables its arguments write"
    );
    type_into(&page, "textarea[name=outcome-values]", "member_name Ann");
    support::wait(0).await;
    assert_eq!(
        texts(&page, ".outcome-picker .error"),
        ["Line 1: expected name=value"]
    );
    let succeeds: web_sys::HtmlButtonElement = find(&page, ".outcome-actions .primary");
    assert!(succeeds.disabled(), "a line that does not read is not sent");
    type_into(&page, "textarea[name=outcome-values]", "member_name=Ann");
    click(&page, "input[name=remember-outcome]");
    support::wait(0).await;
    click(&page, ".outcome-actions .primary");
    support::wait(0).await;
    assert_eq!(
        record.with_untracked(RunRecord::inputs),
        [Input::Outcome(AppOutcome {
            variables: [("member_name".to_owned(), "Ann".to_owned())].into(),
            error: None,
        })]
    );
    assert_eq!(texts(&page, ".conversation .did"), ["✓ member_name=Ann"]);
    let more: web_sys::HtmlTextAreaElement = find(&page, "textarea[name=mock-more]");
    let kept: serde_json::Value = serde_json::from_str(&more.value()).unwrap();
    assert_eq!(kept["apps"]["memberInfo"], json!({"member_name": "Ann"}));
}
