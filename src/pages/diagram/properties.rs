//! The selected step's properties: a form generated from the catalog (typed fields, required
//! marks, choices, JSON for nested values, and the settings every step has), or the step as
//! raw JSON. Each committed field is one undoable change; a wrong value is named at its field
//! as it is typed and changes nothing.

use crate::i18n::{use_i18n, Msg};
use flow_model::catalog::form::{properties, set_property, Input, Property, Target};
use leptos::prelude::*;
use serde_json::{Map, Value};

/// The selected step as the panel reads it: its app and object.
pub type StepData = (String, Map<String, Value>);

/// Whether `typed` would be accepted for `target`, and why not.
fn check(step: &StepData, target: &Target, typed: &str) -> Result<(), String> {
    let (app, object) = step;
    set_property(app, &mut object.clone(), target, typed)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    Form,
    Json,
}

#[component]
pub fn PropertiesPanel(
    /// The selected step (none while nothing, or Start, is selected).
    step: Memo<Option<StepData>>,
    /// Writes a typed value as one undoable change, or says why not.
    on_set: Callback<(Target, String), Result<(), String>>,
    /// The raw JSON editor of the step (the JSON tab).
    raw: AnyView,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(View::Form);
    let fields = Memo::new(move |_| {
        step.with(|step| {
            step.as_ref()
                .map(|(app, object)| properties(app, object))
                .unwrap_or_default()
        })
    });
    let row = move |property: Property| {
        let name = property.name.clone();
        let target = property.target.clone();
        let text = Signal::derive({
            let name = name.clone();
            move || {
                fields.with(|fields| {
                    fields
                        .iter()
                        .find(|field| field.name == name)
                        .map(|field| field.text.clone())
                        .unwrap_or_default()
                })
            }
        });
        let error = RwSignal::new(None::<String>);
        // Step changes (another node, undo) drop a message about what was typed before.
        Effect::new(move |_| {
            text.track();
            error.set(None);
        });
        let validate = {
            let target = target.clone();
            move |typed: String| {
                error.set(
                    step.with_untracked(|step| {
                        step.as_ref().map(|step| check(step, &target, &typed))
                    })
                    .and_then(Result::err),
                );
            }
        };
        let commit = {
            let target = target.clone();
            move |typed: String| {
                if let Err(reason) = on_set.run((target.clone(), typed)) {
                    error.set(Some(reason));
                }
            }
        };
        let id = format!("property-{name}");
        let field = match property.input {
            Input::Checkbox => {
                let commit = commit.clone();
                view! {
                    <input type="checkbox" id=id.clone() name=name.clone()
                        prop:checked=move || text.get() == "true"
                        on:change=move |event| commit(event_target_checked(&event).to_string()) />
                }
                .into_any()
            }
            Input::Choice(values) => {
                let commit = commit.clone();
                let required = property.required;
                view! {
                    <select id=id.clone() name=name.clone() prop:value=move || text.get()
                        on:change=move |event| commit(event_target_value(&event))>
                        {(!required).then(|| view! { <option value="">"—"</option> })}
                        {values.iter().map(|value| view! {
                            <option value=*value selected=move || text.get() == *value>{*value}</option>
                        }).collect_view()}
                    </select>
                }
                .into_any()
            }
            Input::Json => {
                let (validate, commit) = (validate.clone(), commit.clone());
                view! {
                    <textarea class="code" id=id.clone() name=name.clone() rows="3" spellcheck="false"
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        prop:value=move || text.get()
                        on:input=move |event| validate(event_target_value(&event))
                        on:change=move |event| commit(event_target_value(&event))></textarea>
                }
                .into_any()
            }
            Input::Text | Input::Number => {
                let (validate, commit) = (validate.clone(), commit.clone());
                let numeric = property.input == Input::Number;
                view! {
                    <input id=id.clone() name=name.clone()
                        inputmode=if numeric { "decimal" } else { "text" }
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        prop:value=move || text.get()
                        on:input=move |event| validate(event_target_value(&event))
                        on:change=move |event| commit(event_target_value(&event)) />
                }
                .into_any()
            }
        };
        view! {
            <div class="property" class:check=property.input == Input::Checkbox>
                <label for=id title=property.help>
                    {name.clone()}
                    {property.required.then_some(" *")}
                </label>
                {field}
                <span class="hint">{property.help}</span>
                <span class="error" role="alert">{move || error.get()}</span>
            </div>
        }
    };
    view! {
        <section class="properties">
            <h2>{move || i18n.t(Msg::Properties)}</h2>
            <div class="tabs" role="tablist">
                <button type="button" role="tab" class="tab"
                    aria-selected=move || (shown.get() == View::Form).to_string()
                    on:click=move |_| shown.set(View::Form)>{move || i18n.t(Msg::Form)}</button>
                <button type="button" role="tab" class="tab"
                    aria-selected=move || (shown.get() == View::Json).to_string()
                    on:click=move |_| shown.set(View::Json)>"JSON"</button>
            </div>
            <div class="property-form" hidden=move || shown.get() != View::Form>
                <For
                    each=move || fields.get()
                    key=|property| (property.name.clone(), format!("{:?}", property.input))
                    children=row
                />
            </div>
            <div hidden=move || shown.get() != View::Json>{raw}</div>
        </section>
    }
}
