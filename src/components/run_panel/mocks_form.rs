//! The mocks' fields: each refuses a wrong line where it is typed, saying which line and what
//! it takes; the run keeps the last good mocks meanwhile.

use super::mock_fields::{MockField, MockFields, MockProblem};
use crate::i18n::{use_i18n, Msg, RunText};
use flow_simulator::SimulatorError;
use leptos::prelude::*;

/// The words for a refused field.
fn problem_text(problem: &MockProblem) -> RunText {
    match problem {
        MockProblem::Line { line, error } => {
            let expected = match error {
                SimulatorError::NotAnHttpAnswer(_) => RunText::ExpectedHttp,
                SimulatorError::NotACalendarState(_) => RunText::ExpectedCalendar,
                _ => RunText::ExpectedPair,
            };
            RunText::WrongLine {
                line: *line,
                expected: Box::new(expected),
            }
        }
        MockProblem::Json(reason) => RunText::WrongJson(reason.clone()),
    }
}

/// One field: its label, a hint of what it takes, its text, and why it is refused.
#[component]
fn MockInput(
    fields: RwSignal<MockFields>,
    field: MockField,
    label: RunText,
    #[prop(optional)] hint: Option<RunText>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let read = move |fields: &MockFields| match field {
        MockField::Caller => fields.caller.clone(),
        MockField::Dialled => fields.dialled.clone(),
        MockField::Variables => fields.variables.clone(),
        MockField::Globals => fields.globals.clone(),
        MockField::Http => fields.http.clone(),
        MockField::Calendars => fields.calendars.clone(),
        MockField::More => fields.more.clone(),
    };
    let write = move |text: String| {
        fields.update(|fields| {
            let slot = match field {
                MockField::Caller => &mut fields.caller,
                MockField::Dialled => &mut fields.dialled,
                MockField::Variables => &mut fields.variables,
                MockField::Globals => &mut fields.globals,
                MockField::Http => &mut fields.http,
                MockField::Calendars => &mut fields.calendars,
                MockField::More => &mut fields.more,
            };
            *slot = text;
        });
        if fields.with_untracked(|fields| fields.problem(field).is_none()) {
            on_change.run(());
        }
    };
    let problem = Memo::new(move |_| fields.with(|fields| fields.problem(field)));
    let one_line = matches!(field, MockField::Caller | MockField::Dialled);
    let name = format!("mock-{field:?}").to_lowercase();
    let label_text = label.clone();
    let control = if one_line {
        view! {
            <input
                name=name
                autocomplete="off"
                prop:value=move || fields.with(read)
                on:input=move |event| write(event_target_value(&event))
            />
        }
        .into_any()
    } else {
        view! {
            <textarea
                class="code"
                name=name
                rows=if field == MockField::More { "8" } else { "3" }
                spellcheck="false"
                aria-invalid=move || problem.with(Option::is_some).to_string()
                prop:value=move || fields.with(read)
                on:input=move |event| write(event_target_value(&event))
            ></textarea>
        }
        .into_any()
    };
    view! {
        <label class="mock">
            <span>{move || i18n.t(Msg::Run(label_text.clone()))}</span>
            {control}
            {hint.map(|hint| view! { <small class="hint">{move || i18n.t(Msg::Run(hint.clone()))}</small> })}
            <span class="error" role="alert">
                {move || problem.get().map(|problem| i18n.t(Msg::Run(problem_text(&problem))))}
            </span>
        </label>
    }
}

#[component]
pub fn MocksForm(
    fields: RwSignal<MockFields>,
    #[prop(into)] voice: Signal<bool>,
    /// A field changed and reads well: the run takes the new mocks.
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="mocks-form">
            <Show when=move || voice.get()>
                <MockInput fields field=MockField::Caller label=RunText::CallerNumber on_change />
                <MockInput fields field=MockField::Dialled label=RunText::DialledNumber on_change />
            </Show>
            <MockInput fields field=MockField::Variables label=RunText::ChannelVariables hint=RunText::PairHint on_change />
            <MockInput fields field=MockField::Globals label=RunText::Globals hint=RunText::PairHint on_change />
            <MockInput fields field=MockField::Http label=RunText::HttpAnswers hint=RunText::HttpHint on_change />
            <MockInput fields field=MockField::Calendars label=RunText::Calendars hint=RunText::CalendarHint on_change />
            <MockInput fields field=MockField::More label=RunText::MoreMocks hint=RunText::MoreHint on_change />
            <label class="mock check">
                <input
                    type="checkbox"
                    name="mock-ask-apps"
                    prop:checked=move || fields.with(|fields| fields.ask_apps)
                    on:change=move |_| {
                        fields.update(|fields| fields.ask_apps = !fields.ask_apps);
                        on_change.run(());
                    }
                />
                <span>{move || i18n.t(Msg::Run(RunText::AskApps))}</span>
                <small class="hint">{move || i18n.t(Msg::Run(RunText::AskAppsHint))}</small>
            </label>
        </div>
    }
}
