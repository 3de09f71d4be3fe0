//! The selected step's properties: a form generated from the catalog (typed fields, required
//! marks, choices, nested lists, objects and maps opened up with add and remove, switch cases
//! as named branches, and the settings every step has), or the step as raw JSON. Each
//! committed field, added or removed item is one undoable change; a wrong value is named at
//! its field as it is typed and changes nothing.

use super::flow_picker::{FlowPicker, RUN_FLOW_APP};
use super::lookup_picker::LookupPicker;
use crate::browser::latest_answer;
use crate::i18n::{use_i18n, Msg};
use crate::pages::diagram::state::DiagramStore;
use crate::session::use_auth;
use flow_model::catalog;
use flow_model::catalog::form::{properties, set_property, FormEdit, Input, Property, Target};
use flow_model::catalog::Object;
use flow_model::flow::graph::path_text;
use flow_model::l10n::Text;
use flow_model::lookup;
use leptos::prelude::*;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// The app that calls one of the flow's functions by name.
const EXECUTE_APP: &str = "execute";
/// The list of the flow's function names an Execute function step's name offers.
const FUNCTION_CHOICES: &str = "flow-functions";

/// The selected step as the panel reads it: its app and object.
pub type StepData = (String, Map<String, Value>);

/// Whether `typed` would be accepted for `target`, and why not.
fn check(step: &StepData, target: &Target, typed: &str) -> Result<(), Text> {
    let (app, object) = step;
    set_property(app, &mut object.clone(), target, typed)
}

/// What makes a row the same row when another step is selected: all but the value it shows
/// (a `profile` of a mail step is not the `profile` of a speech step: other help, other picks).
fn row_key(property: &Property) -> String {
    let Property {
        target: _,
        name,
        label: _,
        depth: _,
        help,
        required,
        input,
        text: _,
        removable,
        pick,
    } = property;
    format!("{name}|{input:?}|{help}|{required}|{removable}|{pick:?}")
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
    /// Applies an edit (a typed value, an item added or removed) as one undoable change, or
    /// says why not.
    on_edit: Callback<FormEdit, Result<(), Text>>,
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
    // Which of Webitel's directories the server lists, of those the fields pick from.
    let auth = use_auth();
    let picked_kinds = Memo::new(move |_| {
        fields.with(|fields| {
            fields
                .iter()
                .filter_map(|property| property.pick.as_ref().map(|pick| pick.kind))
                .collect::<BTreeSet<Object>>()
        })
    });
    let listed_kinds = latest_answer(
        move || picked_kinds.get(),
        move |kinds| {
            let client = auth.client();
            async move {
                let mut listed = BTreeSet::new();
                for directory in kinds.into_iter().filter_map(lookup::directory) {
                    if client.lists_directory(directory).await {
                        listed.insert(directory.kind);
                    }
                }
                listed
            }
        },
    );
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
        let error = RwSignal::new(None::<Text>);
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
        let edit = move |change: FormEdit| {
            if let Err(reason) = on_edit.run(change) {
                error.set(Some(reason));
            }
        };
        let commit = {
            let target = target.clone();
            move |typed: String| edit(FormEdit::Set(target.clone(), typed))
        };
        let path = match &target {
            Target::Field(path) => path.clone(),
            _ => Vec::new(),
        };
        let remove = property.removable.then(|| {
            let spoken = format!("{} {}", i18n.t(Msg::RemoveItem), path_text(&path));
            let path = path.clone();
            view! {
                <button type="button" class="remove-item" title=move || i18n.t(Msg::RemoveItem)
                    aria-label=spoken
                    on:click=move |_| edit(FormEdit::Remove(path.clone()))>"×"</button>
            }
        });
        let id = format!("property-{name}");
        let field = match property.input {
            Input::Collection { keyed } => {
                let new_key = RwSignal::new(String::new());
                let add = move || {
                    edit(FormEdit::Add(path.clone(), new_key.get_untracked()));
                    if error.with_untracked(Option::is_none) {
                        new_key.set(String::new());
                    }
                };
                let add_on_enter = add.clone();
                view! {
                    <span class="count">{move || text.get()}</span>
                    {keyed.then(|| view! {
                        <input id=id.clone() name=format!("{name}-new") class="new-key"
                            placeholder=move || i18n.t(Msg::NewEntryName)
                            prop:value=new_key
                            on:input=move |event| { new_key.set(event_target_value(&event)); error.set(None); }
                            on:keydown=move |event: leptos::ev::KeyboardEvent| if event.key() == "Enter" {
                                event.prevent_default();
                                add_on_enter();
                            } />
                    })}
                    <button type="button" class="add-item" on:click=move |_| add()>
                        {move || i18n.t(Msg::AddItem)}
                    </button>
                }
                .into_any()
            }
            Input::Heading => view! { <span></span> }.into_any(),
            Input::Branch => view! {
                <span class="hint">{move || i18n.t(Msg::LinkedOnCanvas)}</span>
            }
            .into_any(),
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
                let choices = (name == "name").then_some(FUNCTION_CHOICES);
                view! {
                    <input id=id.clone() name=name.clone() list=choices
                        inputmode=if numeric { "decimal" } else { "text" }
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        prop:value=move || text.get()
                        on:input=move |event| validate(event_target_value(&event))
                        on:change=move |event| commit(event_target_value(&event)) />
                }
                .into_any()
            }
        };
        let picker = property.pick.clone().map(|target| {
            let kind = target.kind;
            let listed = Signal::derive(move || {
                listed_kinds.with(|listed| listed.as_ref().is_some_and(|listed| listed.contains(&kind)))
            });
            view! { <LookupPicker target label=property.label.clone() listed on_pick=Callback::new(edit) /> }
        });
        let nested = property.depth > 0;
        let kind_class = match property.input {
            Input::Collection { .. } => "collection",
            Input::Heading => "heading",
            Input::Branch => "branch",
            _ => "",
        };
        view! {
            <div class=format!("property {kind_class}")
                class:check=property.input == Input::Checkbox
                style=format!("margin-left: {}px", property.depth * 14)>
                <label for=id title=move || catalog::help_in(i18n.locale(), property.help).into_owned()>
                    {property.label.clone()}
                    {property.required.then_some(" *")}
                    {remove}
                </label>
                {field}
                {picker}
                {(!nested && kind_class.is_empty()).then(|| view! { <span class="hint">{move || catalog::help_in(i18n.locale(), property.help).into_owned()}</span> })}
                <span class="error" role="alert">{move || error.with(|error| error.as_ref().map(|reason| reason.in_locale(i18n.locale())))}</span>
            </div>
        }
    };
    // An Execute function step picks from the functions this flow defines.
    let store = use_context::<DiagramStore>();
    let functions = Memo::new(move |_| {
        let executes = step.with(|step| step.as_ref().is_some_and(|(app, _)| app == EXECUTE_APP));
        match store {
            Some(store) if executes => {
                store.edit_version.track();
                store.function_names()
            }
            _ => Vec::new(),
        }
    });
    let runs_a_flow = Memo::new(move |_| {
        step.with(|step| step.as_ref().is_some_and(|(app, _)| app == RUN_FLOW_APP))
    });
    view! {
        <section class="properties">
            <h2>{move || i18n.t(Msg::Properties)}</h2>
            <Show when=move || runs_a_flow.get()>
                <FlowPicker step on_edit />
            </Show>
            <div class="tabs" role="tablist">
                <button type="button" role="tab" class="tab"
                    aria-selected=move || (shown.get() == View::Form).to_string()
                    on:click=move |_| shown.set(View::Form)>{move || i18n.t(Msg::Form)}</button>
                <button type="button" role="tab" class="tab"
                    aria-selected=move || (shown.get() == View::Json).to_string()
                    on:click=move |_| shown.set(View::Json)>"JSON"</button>
            </div>
            <datalist id=FUNCTION_CHOICES>
                {move || functions.get().into_iter().map(|name| view! { <option value=name></option> }).collect_view()}
            </datalist>
            <div class="property-form" hidden=move || shown.get() != View::Form>
                <For
                    each=move || fields.get()
                    key=row_key
                    children=row
                />
            </div>
            <div hidden=move || shown.get() != View::Json>{raw}</div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn profile_row_key(app: &str) -> String {
        let step = json!({ app: {"profile": {"id": 1}} });
        let rows = properties(app, step.as_object().unwrap());
        let profile = rows.iter().find(|row| row.name == "profile").unwrap();
        row_key(profile)
    }

    #[test]
    fn a_field_of_another_apps_step_is_another_row() {
        // A mail profile is picked from the mail profiles; a speech profile is not.
        assert_ne!(profile_row_key("sendEmail"), profile_row_key("tts"));
        assert_eq!(profile_row_key("sendEmail"), profile_row_key("sendEmail"));
    }
}
