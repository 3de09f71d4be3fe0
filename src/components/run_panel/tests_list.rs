//! The flow's saved tests (`payload.tests`): Save as test keeps the run that just ended (its
//! mocks, the caller's inputs, how it ended, optionally its steps, the chosen variables); the
//! list runs one or all, and says pass or the first difference.

use super::record::RunRecord;
use super::RunLink;
use crate::i18n::{use_i18n, Msg, RunText};
use flow_simulator::{RunState, TestCase};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The variables a saved test checks unless told otherwise: those the run changed.
fn changed_variables(record: &RunRecord) -> BTreeSet<String> {
    record.histories.keys().cloned().collect()
}

#[component]
fn SaveAsTest(link: RunLink) -> impl IntoView {
    let i18n = use_i18n();
    let record = link.record;
    let name = RwSignal::new(String::new());
    let with_steps = RwSignal::new(true);
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    // A new run proposes its own choice of variables and a fresh name.
    Effect::new(move |_| {
        let finished = record.with(|record| {
            matches!(
                record.state,
                RunState::Ended { .. } | RunState::Waiting { .. }
            )
        });
        if finished {
            chosen.set(record.with_untracked(changed_variables));
            let count = link.tests.with_untracked(Vec::len);
            name.set(i18n.t(Msg::Run(RunText::DefaultTestName(count + 1))));
        }
    });
    let can_save = move || {
        record.with(|record| {
            matches!(
                record.state,
                RunState::Ended { .. } | RunState::Waiting { .. }
            )
        }) && !name.with(|name| name.trim().is_empty())
    };
    let save = move |_| {
        let variables: Vec<String> = chosen.get_untracked().into_iter().collect();
        let test = record.with_untracked(|record| {
            record.as_test(
                &name.get_untracked(),
                with_steps.get_untracked(),
                &variables,
            )
        });
        let mut tests = link.tests.get_untracked();
        tests.push(serde_json::to_value(test).expect("a test case serializes"));
        link.on_tests.run(tests);
    };
    let variable_boxes = move || {
        record.with(|record| {
            record
                .variables
                .keys()
                .map(|variable| {
                    let (checked, toggled) = (variable.clone(), variable.clone());
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=move || chosen.with(|chosen| chosen.contains(&checked))
                                on:change=move |_| chosen.update(|chosen| {
                                    if !chosen.remove(&toggled) {
                                        chosen.insert(toggled.clone());
                                    }
                                })
                            />
                            {variable.clone()}
                        </label>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <form class="save-test" on:submit=move |event| { event.prevent_default(); if can_save() { save(()); } }>
            <h3>{move || i18n.t(Msg::Run(RunText::SaveAsTest))}</h3>
            <Show
                when=move || record.with(|record| matches!(record.state, RunState::Ended { .. } | RunState::Waiting { .. }))
                fallback=move || view! { <p class="hint">{move || i18n.t(Msg::Run(RunText::RunFirst))}</p> }
            >
                <label>
                    {move || i18n.t(Msg::Run(RunText::TestName))}
                    <input name="test-name" prop:value=name on:input=move |event| name.set(event_target_value(&event)) />
                </label>
                <label class="check">
                    <input type="checkbox" prop:checked=with_steps on:change=move |_| with_steps.update(|on| *on = !*on) />
                    {move || i18n.t(Msg::Run(RunText::ExpectSteps))}
                </label>
                <fieldset>
                    <legend>{move || i18n.t(Msg::Run(RunText::ExpectVariables))}</legend>
                    {variable_boxes}
                </fieldset>
                <button type="submit" class="primary" disabled=move || !can_save()>{move || i18n.t(Msg::Run(RunText::SaveAsTest))}</button>
            </Show>
        </form>
    }
}

#[component]
pub fn TestsList(link: RunLink, on_run: Callback<Vec<TestCase>>) -> impl IntoView {
    let i18n = use_i18n();
    let cases = Memo::new(move |_| {
        link.tests.with(|tests| {
            tests
                .iter()
                .map(|test| {
                    serde_json::from_value::<TestCase>(test.clone())
                        .map_err(|error| error.to_string())
                })
                .collect::<Vec<_>>()
        })
    });
    let run_all = move |_| {
        let tests: Vec<TestCase> = cases
            .with_untracked(|cases| cases.iter().filter_map(|case| case.clone().ok()).collect());
        if !tests.is_empty() {
            on_run.run(tests);
        }
    };
    let result = move |name: &str| {
        link.record.with(|record| {
            record
                .tested
                .iter()
                .find(|tested| tested.name == name)
                .map(|tested| tested.difference.clone())
        })
    };
    let rows = move || {
        cases.get().into_iter().enumerate().map(|(index, case)| {
            let remove = move |_| {
                let mut tests = link.tests.get_untracked();
                if index < tests.len() {
                    tests.remove(index);
                    link.on_tests.run(tests);
                }
            };
            match case {
                Ok(case) => {
                    let (name, run_one) = (case.name.clone(), case.clone());
                    let outcome = move || match result(&name) {
                        None => view! { <span class="outcome">"—"</span> }.into_any(),
                        Some(None) => view! { <span class="outcome passed">{i18n.t(Msg::Run(RunText::Passed))}</span> }.into_any(),
                        Some(Some(difference)) => view! {
                            <span class="outcome failed">{i18n.t(Msg::Run(RunText::FailedWith(difference)))}</span>
                        }.into_any(),
                    };
                    view! {
                        <li class="test">
                            <span class="name">{case.name.clone()}</span>
                            {outcome}
                            <button type="button" on:click=move |_| on_run.run(vec![run_one.clone()])>{move || i18n.t(Msg::Run(RunText::RunTest))}</button>
                            <button type="button" class="danger" on:click=remove>{move || i18n.t(Msg::Delete)}</button>
                        </li>
                    }
                    .into_any()
                }
                Err(reason) => view! {
                    <li class="test">
                        <span class="outcome failed">{i18n.t(Msg::Run(RunText::NotATest(reason)))}</span>
                        <button type="button" class="danger" on:click=remove>{move || i18n.t(Msg::Delete)}</button>
                    </li>
                }
                .into_any(),
            }
        }).collect_view()
    };
    view! {
        <section class="tests-list">
            <header>
                <h3>{move || i18n.t(Msg::Run(RunText::TestsTab(link.tests.with(Vec::len))))}</h3>
                <button type="button" disabled=move || cases.with(Vec::is_empty) on:click=run_all>{move || i18n.t(Msg::Run(RunText::RunAllTests))}</button>
            </header>
            <Show when=move || !cases.with(Vec::is_empty) fallback=move || view! { <p class="hint">{move || i18n.t(Msg::Run(RunText::NoTests))}</p> }>
                <ul>{rows}</ul>
            </Show>
        </section>
        <SaveAsTest link />
    }
}
