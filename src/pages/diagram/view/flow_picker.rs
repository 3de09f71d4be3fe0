//! A Run flow step's flow, by name: which flow it runs (its name and type, read from the
//! server, with a link that opens it), and a searchable list of the domain's flows to pick
//! another one from, which writes its id and name as one change.

use super::properties::StepData;
use crate::browser::{latest_answer, Debouncer};
use crate::i18n::{use_i18n, Msg};
use crate::nav::{self, flow_url, EditorKind};
use crate::session::use_auth;
use flow_model::catalog::form::FormEdit;
use flow_model::flow::PathSeg;
use flow_model::l10n::Text;
use flow_model::RoutingSchema;
use leptos::prelude::*;
use serde_json::{json, Value};
use std::time::Duration;

/// The app whose step runs another flow.
pub const RUN_FLOW_APP: &str = "schema";
const TYPING_PAUSE: Duration = Duration::from_millis(200);

/// The id of the flow a Run flow step runs, when it names one (a number, or digits).
pub fn called_flow_id(step: &StepData) -> Option<i64> {
    let (app, object) = step;
    if app != RUN_FLOW_APP {
        return None;
    }
    match object.get(app)?.get("id")? {
        Value::Number(number) => number.as_i64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// The change that makes a Run flow step run `flow`: its id and its name, together.
pub fn pick_flow(flow: &RoutingSchema) -> Option<FormEdit> {
    let key = |name: &str| vec![PathSeg::Key(name.to_owned())];
    Some(FormEdit::Pick(vec![
        (key("id"), json!(flow.id?)),
        (key("name"), json!(flow.name.clone()?)),
    ]))
}

#[component]
pub fn FlowPicker(
    step: Memo<Option<StepData>>,
    on_edit: Callback<FormEdit, Result<(), Text>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let called_id = Memo::new(move |_| step.with(|step| step.as_ref().and_then(called_flow_id)));
    let called = latest_answer(
        move || called_id.get(),
        move |id| {
            let client = auth.client();
            async move {
                match id {
                    Some(id) => client.flow_summary(id).await.map(|found| (id, found)).ok(),
                    None => None,
                }
            }
        },
    );
    let typed = RwSignal::new(String::new());
    let wanted = RwSignal::new(String::new());
    let pause = Debouncer::new(TYPING_PAUSE);
    let offered = latest_answer(
        move || wanted.get(),
        move |wanted| {
            let client = auth.client();
            async move { client.flows_named_like(&wanted).await }
        },
    );
    let error = RwSignal::new(None::<Text>);
    let choose = move |flow: RoutingSchema| {
        if let Some(edit) = pick_flow(&flow) {
            error.set(on_edit.run(edit).err());
        }
    };
    let current = move || {
        // Until the answer for the flow run now comes, the one for the flow run before is old.
        let called = called
            .get()
            .flatten()
            .filter(|(id, _)| Some(*id) == called_id.get());
        called.map(|(id, found)| match found {
            Some(flow) => {
                let href = nav::href(&flow_url(id, EditorKind::of_flow(&flow)));
                let kind = flow.flow_type.unwrap_or_default();
                view! {
                    <p class="runs">
                        <span>{move || i18n.t(Msg::RunsFlow)}</span>
                        <strong>{flow.name.clone().unwrap_or_default()}</strong>
                        <span class="type-badge">{move || i18n.t(Msg::FlowType(kind))}</span>
                        <a href=href class="open-flow">{move || i18n.t(Msg::OpenFlow)}</a>
                    </p>
                }
                .into_any()
            }
            None => view! {
                <p class="runs error" role="alert">{move || i18n.t(Msg::NoFlowWithId(id))}</p>
            }
            .into_any(),
        })
    };
    view! {
        <div class="flow-picker">
            {current}
            <label for="flow-picker-search">{move || i18n.t(Msg::PickFlow)}</label>
            <input
                id="flow-picker-search"
                type="search"
                autocomplete="off"
                placeholder=move || i18n.t(Msg::PickFlowPlaceholder)
                prop:value=typed
                on:input=move |event| {
                    let text = event_target_value(&event);
                    typed.set(text.clone());
                    pause.run(move || wanted.set(text));
                }
            />
            <ul class="flow-choices" role="listbox" aria-label=move || i18n.t(Msg::PickFlow)>
                {move || match offered.get() {
                    Some(Ok(flows)) if flows.is_empty() => view! {
                        <li class="hint">{move || i18n.t(Msg::NothingMatches)}</li>
                    }
                    .into_any(),
                    Some(Ok(flows)) => flows
                        .into_iter()
                        .map(|flow| {
                            let chosen = called_id.get() == flow.id;
                            let kind = flow.flow_type.unwrap_or_default();
                            let name = flow.name.clone().unwrap_or_default();
                            view! {
                                <li role="option" aria-selected=chosen.to_string()>
                                    <button type="button" on:click=move |_| choose(flow.clone())>
                                        <span class="name">{name}</span>
                                        <span class="type-badge">{move || i18n.t(Msg::FlowType(kind))}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any(),
                    Some(Err(reason)) => view! { <li class="error">{reason.to_string()}</li> }.into_any(),
                    None => ().into_any(),
                }}
            </ul>
            <span class="error" role="alert">
                {move || error.with(|error| error.as_ref().map(|reason| reason.in_locale(i18n.locale())))}
            </span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flow_model::FlowType;

    fn step(value: Value) -> StepData {
        let object = value.as_object().unwrap().clone();
        let app = object.keys().next().unwrap().clone();
        (app, object)
    }

    #[test]
    fn a_run_flow_step_names_its_flow_by_id() {
        assert_eq!(
            called_flow_id(&step(json!({"schema": {"id": 12}}))),
            Some(12)
        );
        assert_eq!(
            called_flow_id(&step(json!({"schema": {"id": " 7 "}}))),
            Some(7)
        );
        assert_eq!(
            called_flow_id(&step(json!({"schema": {"id": "${x}"}}))),
            None
        );
        assert_eq!(called_flow_id(&step(json!({"schema": {}}))), None);
        assert_eq!(called_flow_id(&step(json!({"execute": {"id": 3}}))), None);
    }

    #[test]
    fn picking_a_flow_writes_its_id_and_name_together() {
        let flow = RoutingSchema {
            id: Some(4),
            name: Some("Billing".into()),
            flow_type: Some(FlowType::Voice),
            ..RoutingSchema::default()
        };
        let Some(FormEdit::Pick(values)) = pick_flow(&flow) else {
            panic!("a pick");
        };
        assert_eq!(values.len(), 2);
        assert_eq!(values[0].1, json!(4));
        assert_eq!(values[1].1, json!("Billing"));
        assert_eq!(pick_flow(&RoutingSchema::default()), None);
    }
}
