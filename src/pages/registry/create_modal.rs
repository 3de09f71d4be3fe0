//! "Create new flow": choose Diagram or Code and a type; Create opens the editor for a new,
//! unsaved flow. The modal is built anew on each opening, so it never keeps a past choice.

use crate::components::icon::{lucide, Icon};
use crate::components::modal::Modal;
use crate::i18n::{use_i18n, Msg};
use flow_model::FlowType;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// The page of a new flow made with `diagram` or code, of type `kind`.
pub fn new_flow_path(diagram: bool, kind: FlowType) -> String {
    let editor = if diagram { "diagram" } else { "code" };
    format!("/flows/new/{editor}?type={}", kind.as_str())
}

/// The types a new flow can have ("No type" is only for flows made before types existed).
const NEW_FLOW_TYPES: [FlowType; 4] = [
    FlowType::Voice,
    FlowType::Chat,
    FlowType::Processing,
    FlowType::Service,
];

#[component]
pub fn CreateModal(on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let diagram = RwSignal::new(None::<bool>);
    let kind = RwSignal::new(None::<FlowType>);
    let close = on_close;
    let create = move |_| {
        if let (Some(diagram), Some(kind)) = (diagram.get_untracked(), kind.get_untracked()) {
            close.run(());
            navigate(&new_flow_path(diagram, kind), NavigateOptions::default());
        }
    };
    let editor_choice = move |value: bool, label: Msg| {
        view! {
            <button
                type="button"
                role="radio"
                class="choice"
                aria-checked=move || (diagram.get() == Some(value)).to_string()
                on:click=move |_| diagram.set(Some(value))
            >
                <Icon icon=if value { lucide::LuWorkflow } else { lucide::LuFileCode } />
                <span>{move || i18n.t(label.clone())}</span>
            </button>
        }
    };
    view! {
        <Modal title=Signal::derive(move || i18n.t(Msg::CreateNewFlow)) on_close=close>
            <div class="choices" role="radiogroup" aria-label=move || i18n.t(Msg::Editor)>
                {editor_choice(true, Msg::Diagram)}
                {editor_choice(false, Msg::Code)}
            </div>
            <label>
                {move || i18n.t(Msg::Type)}
                <select
                    name="type"
                    on:change=move |event| kind.set(event_target_value(&event).parse().ok())
                >
                    <option value="" selected=true disabled=true>{move || i18n.t(Msg::ChooseType)}</option>
                    {NEW_FLOW_TYPES
                        .into_iter()
                        .map(|kind| view! { <option value=kind.as_str()>{move || i18n.t(Msg::FlowType(kind))}</option> })
                        .collect_view()}
                </select>
            </label>
            <div class="modal-actions">
                <button on:click=move |_| close.run(())>{move || i18n.t(Msg::Close)}</button>
                <button
                    class="primary"
                    disabled=move || diagram.get().is_none() || kind.get().is_none()
                    on:click=create
                >
                    {move || i18n.t(Msg::Create)}
                </button>
            </div>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_flows_open_in_their_editor() {
        assert_eq!(
            new_flow_path(true, FlowType::Voice),
            "/flows/new/diagram?type=voice"
        );
        assert_eq!(
            new_flow_path(false, FlowType::Processing),
            "/flows/new/code?type=processing"
        );
    }
}
