//! The browser services the pages share, in a real browser.

#![cfg(target_arch = "wasm32")]

mod support;

use flow_studio::browser::latest_answer;
use leptos::prelude::*;
use support::{mount, texts};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn an_answer_overtaken_by_a_newer_question_is_dropped() {
    let question = RwSignal::new("slow");
    let page = mount(move || {
        // The first question takes longer to answer than the second.
        let answer = latest_answer(
            move || question.get(),
            |asked| async move {
                support::wait(if asked == "slow" { 300 } else { 20 }).await;
                asked
            },
        );
        view! { <p>{move || answer.get().unwrap_or("waiting")}</p> }
    });
    assert_eq!(texts(&page, "p"), ["waiting"]);
    support::wait(50).await;
    question.set("fast");
    support::wait(100).await;
    assert_eq!(texts(&page, "p"), ["fast"]);
    support::wait(400).await;
    assert_eq!(
        texts(&page, "p"),
        ["fast"],
        "the slow answer came last and was dropped"
    );
}
