//! The caller's side of a run: a phone for a call (what the caller hears, a keypad when keys
//! are awaited, hang up), a chat window for a bot (its messages and buttons, a reply box), the
//! form an agent sees, or the result a service hook reports; and what an outside app did,
//! when the run asks.

use super::record::{RunRecord, Turn};
use crate::components::icon::{lucide, Icon};
use crate::i18n::{use_i18n, Msg, RunText};
use flow_simulator::{
    name_and_value, read_lines, AppOutcome, Channel, Input, Output, RunState, Wait,
};
use leptos::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

const KEYS: [&str; 12] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];

/// What the user can give the run now.
fn awaited(record: &RunRecord) -> Option<Wait> {
    match &record.state {
        RunState::Waiting { wait, .. } => Some(wait.clone()),
        _ => None,
    }
}

fn told_view(output: Output, on_input: Callback<Input>, waiting_message: Signal<bool>) -> AnyView {
    let i18n = use_i18n();
    match output {
        Output::Play { files } => view! {
            <li class="told play">
                <span class="who">{move || i18n.t(Msg::Run(RunText::Plays))}</span>
                {files.join(", ")}
            </li>
        }
        .into_any(),
        Output::Say { text } => view! {
            <li class="told say">
                <span class="who">{move || i18n.t(Msg::Run(RunText::Says))}</span>
                {text}
            </li>
        }
        .into_any(),
        Output::Message { text, buttons } => view! {
            <li class="told message">
                <p>{text}</p>
                {(!buttons.is_empty()).then(|| view! {
                    <div class="buttons">
                        {buttons.into_iter().map(|row| view! {
                            <div class="button-row">
                                {row.into_iter().map(|caption| {
                                    let sent = caption.clone();
                                    view! {
                                        <button
                                            type="button"
                                            disabled=move || !waiting_message.get()
                                            on:click=move |_| on_input.run(Input::Message(sent.clone()))
                                        >{caption}</button>
                                    }
                                }).collect_view()}
                            </div>
                        }).collect_view()}
                    </div>
                })}
            </li>
        }
        .into_any(),
        Output::Form { app, argument } => view! {
            <li class="told form">
                <span class="who">{app}</span>
                <pre>{serde_json::to_string_pretty(&argument).unwrap_or_default()}</pre>
            </li>
        }
        .into_any(),
        Output::Result { app, argument } => view! {
            <li class="told result">
                <span class="who">{move || i18n.t(Msg::Run(RunText::Reported))}</span>
                <code>{app}</code>
                " "
                <code>{argument.to_string()}</code>
            </li>
        }
        .into_any(),
    }
}

fn did_text(input: &Input, locale_says: impl Fn(RunText) -> String) -> String {
    match input {
        Input::Digits(keys) => format!("⌨ {keys}"),
        Input::Message(text) | Input::Speech(text) => text.clone(),
        Input::Silence => locale_says(RunText::NoAnswer),
        Input::Hangup => locale_says(RunText::HangUp),
        Input::Outcome(AppOutcome {
            error: Some(error), ..
        }) => format!("✗ {error}"),
        Input::Outcome(AppOutcome { variables, .. }) => {
            let written: Vec<String> = variables
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect();
            format!("✓ {}", written.join(", "))
        }
    }
}

/// What an outside app did, as the user picks it: the variables it writes (one `name=value`
/// a line, its arguments' names filled in), or an error; kept as the app's default if asked.
#[component]
fn OutcomePicker(
    app: String,
    args: Value,
    variables: Vec<String>,
    on_input: Callback<Input>,
    on_remember: Callback<(String, BTreeMap<String, String>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let values = RwSignal::new(
        variables
            .iter()
            .map(|name| format!("{name}=\n"))
            .collect::<String>(),
    );
    let error = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let read = move || {
        values.with(|text| {
            read_lines(text, name_and_value)
                .map(|pairs| pairs.into_iter().collect::<BTreeMap<_, _>>())
        })
    };
    let problem = Memo::new(move |_| {
        read().err().map(|(line, _)| RunText::WrongLine {
            line,
            expected: Box::new(RunText::ExpectedPair),
        })
    });
    let succeed = move |_| {
        if let Ok(variables) = read() {
            if remember.get_untracked() {
                on_remember.run((app.clone(), variables.clone()));
            }
            on_input.run(Input::Outcome(AppOutcome {
                variables,
                error: None,
            }));
        }
    };
    let fail = move |_| {
        let typed = error.get_untracked();
        on_input.run(Input::Outcome(AppOutcome {
            variables: BTreeMap::new(),
            error: Some(if typed.trim().is_empty() {
                "failed".to_owned()
            } else {
                typed.trim().to_owned()
            }),
        }));
    };
    view! {
        <div class="outcome-picker">
            <code class="args" title=args.to_string()>{args.to_string()}</code>
            <label>
                <span>{move || i18n.t(Msg::Run(RunText::OutcomeValues))}</span>
                <textarea
                    class="code"
                    name="outcome-values"
                    rows="2"
                    spellcheck="false"
                    aria-invalid=move || problem.with(Option::is_some).to_string()
                    prop:value=values
                    on:input=move |event| values.set(event_target_value(&event))
                ></textarea>
                <span class="error" role="alert">{move || problem.get().map(|problem| i18n.t(Msg::Run(problem)))}</span>
            </label>
            <label class="check">
                <input type="checkbox" name="remember-outcome" prop:checked=remember on:change=move |_| remember.update(|on| *on = !*on) />
                {move || i18n.t(Msg::Run(RunText::RememberOutcome))}
            </label>
            <div class="outcome-actions">
                <button type="button" class="primary" disabled=move || problem.with(Option::is_some) on:click=succeed>
                    {move || i18n.t(Msg::Run(RunText::Succeeds))}
                </button>
                <input
                    name="outcome-error"
                    autocomplete="off"
                    placeholder=move || i18n.t(Msg::Run(RunText::OutcomeError))
                    prop:value=error
                    on:input=move |event| error.set(event_target_value(&event))
                />
                <button type="button" class="danger" on:click=fail>{move || i18n.t(Msg::Run(RunText::Fails))}</button>
            </div>
        </div>
    }
}

/// The keys typed on the phone, sent at `#` or with Send.
#[component]
fn Keypad(waiting: Signal<bool>, on_input: Callback<Input>) -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let send = move || {
        let keys = typed.get_untracked();
        if !keys.is_empty() {
            typed.set(String::new());
            on_input.run(Input::Digits(keys));
        }
    };
    view! {
        <div class="keypad" role="group" aria-label=move || i18n.t(Msg::Run(RunText::Keypad))>
            <output class="typed" aria-live="polite">{move || typed.get()}</output>
            {KEYS.map(|key| view! {
                <button
                    type="button"
                    class="key"
                    disabled=move || !waiting.get()
                    on:click=move |_| {
                        typed.update(|typed| typed.push_str(key));
                        if key == "#" {
                            send();
                        }
                    }
                >{key}</button>
            }).collect_view()}
            <button
                type="button"
                class="send"
                aria-label=move || i18n.t(Msg::Run(RunText::Send))
                title=move || i18n.t(Msg::Run(RunText::Send))
                disabled=move || !waiting.get() || typed.with(String::is_empty)
                on:click=move |_| send()
            >
                <Icon icon=lucide::LuSendHorizontal />
            </button>
        </div>
    }
}

/// The reply box of a chat (and of a prompt that recognises speech).
#[component]
fn ReplyBox(
    waiting: Signal<bool>,
    speech: Signal<bool>,
    on_input: Callback<Input>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let send = move || {
        let said = text.get_untracked();
        if said.trim().is_empty() {
            return;
        }
        text.set(String::new());
        on_input.run(if speech.get_untracked() {
            Input::Speech(said)
        } else {
            Input::Message(said)
        });
    };
    view! {
        <form class="reply" on:submit=move |event| { event.prevent_default(); send(); }>
            <input
                name="reply"
                autocomplete="off"
                placeholder=move || i18n.t(Msg::Run(if speech.get() { RunText::SaySomething } else { RunText::ReplyPlaceholder }))
                disabled=move || !waiting.get()
                prop:value=text
                on:input=move |event| text.set(event_target_value(&event))
            />
            <button type="submit" disabled=move || !waiting.get()>{move || i18n.t(Msg::Run(RunText::Send))}</button>
        </form>
    }
}

#[component]
pub fn Conversation(
    #[prop(into)] channel: Signal<Channel>,
    record: RwSignal<RunRecord, LocalStorage>,
    on_input: Callback<Input>,
    /// An outside app's picked outcome is to be its default from now on.
    on_remember: Callback<(String, BTreeMap<String, String>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wait = Memo::new(move |_| record.with(awaited));
    let waiting_outcome = Signal::derive(move || matches!(wait.get(), Some(Wait::Outcome { .. })));
    let waiting_digits = Signal::derive(move || matches!(wait.get(), Some(Wait::Digits { .. })));
    let waiting_message = Signal::derive(move || matches!(wait.get(), Some(Wait::Message { .. })));
    let waiting_speech = Signal::derive(move || matches!(wait.get(), Some(Wait::Speech { .. })));
    let waiting_text = Signal::derive(move || waiting_message.get() || waiting_speech.get());
    let running =
        move || record.with(|record| record.ended().is_none() && record.state != RunState::Idle);
    let turns = move || {
        record.with(|record| {
            let says = |text| i18n.t(Msg::Run(text));
            record
                .conversation
                .iter()
                .map(|turn| match turn {
                    Turn::Told(output) => told_view(output.clone(), on_input, waiting_message),
                    Turn::Did(input) => {
                        let text = did_text(input, says);
                        view! { <li class="did">{text}</li> }.into_any()
                    }
                })
                .collect_view()
        })
    };
    let prompt = move || {
        wait.get().map(|wait| match wait {
            Wait::Digits {
                min,
                max,
                attempt,
                tries,
                ..
            } => i18n.t(Msg::Run(RunText::WaitsForKeys {
                min,
                max,
                attempt,
                tries,
            })),
            Wait::Message { .. } => i18n.t(Msg::Run(RunText::WaitsForReply)),
            Wait::Speech { .. } => i18n.t(Msg::Run(RunText::WaitsForSpeech)),
            Wait::Outcome { app, .. } => i18n.t(Msg::Run(RunText::WaitsForOutcome(app))),
        })
    };
    let picker = move || {
        wait.get().and_then(|wait| match wait {
            Wait::Outcome {
                app,
                args,
                variables,
            } => Some(view! { <OutcomePicker app args variables on_input on_remember /> }),
            _ => None,
        })
    };
    view! {
        <section class="conversation" class:phone=move || channel.get() == Channel::Voice>
            <ol class="turns" aria-live="polite">{turns}</ol>
            <p class="prompt">{prompt}</p>
            {picker}
            <Show when=move || channel.get() != Channel::Voice || waiting_speech.get()>
                <ReplyBox waiting=waiting_text speech=waiting_speech on_input />
            </Show>
            <div class="call-actions">
                <Show when=move || channel.get() == Channel::Voice>
                    <Keypad waiting=waiting_digits on_input />
                </Show>
                <button type="button" disabled=move || wait.with(Option::is_none) || waiting_outcome.get() on:click=move |_| on_input.run(Input::Silence)>
                    {move || i18n.t(Msg::Run(RunText::NoAnswer))}
                </button>
                <Show when=move || matches!(channel.get(), Channel::Voice | Channel::Chat)>
                    <button type="button" class="danger hang-up" disabled=move || !running() on:click=move |_| on_input.run(Input::Hangup)>
                        {move || i18n.t(Msg::Run(if channel.get() == Channel::Voice { RunText::HangUp } else { RunText::CloseChat }))}
                    </button>
                </Show>
            </div>
        </section>
    }
}
