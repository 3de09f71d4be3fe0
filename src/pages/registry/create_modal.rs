//! "Create new flow": choose Diagram or Code and a type; Create opens the editor for a new,
//! unsaved flow. The modal is built anew on each opening, so it never keeps a past choice.

use crate::components::icon::{lucide, Icon};
use crate::components::modal::Modal;
use crate::i18n::{use_i18n, Msg};
use crate::nav::{new_flow_url, EditorKind};
use flow_model::FlowType;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

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
    let editor = RwSignal::new(None::<EditorKind>);
    let kind = RwSignal::new(None::<FlowType>);
    let close = on_close;
    let create = move |_| {
        if let (Some(editor), Some(kind)) = (editor.get_untracked(), kind.get_untracked()) {
            close.run(());
            navigate(&new_flow_url(kind, editor), NavigateOptions::default());
        }
    };
    let editor_choice = move |value: EditorKind, label: Msg| {
        view! {
            <button
                type="button"
                role="radio"
                class="choice"
                aria-checked=move || (editor.get() == Some(value)).to_string()
                on:click=move |_| editor.set(Some(value))
            >
                <Icon icon=match value {
                    EditorKind::Diagram => lucide::LuWorkflow,
                    EditorKind::Code => lucide::LuFileCode,
                } />
                <span>{move || i18n.t(label.clone())}</span>
            </button>
        }
    };
    view! {
        <Modal title=Signal::derive(move || i18n.t(Msg::CreateNewFlow)) on_close=close>
            <div class="choices" role="radiogroup" aria-label=move || i18n.t(Msg::Editor)>
                {editor_choice(EditorKind::Diagram, Msg::Diagram)}
                {editor_choice(EditorKind::Code, Msg::Code)}
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
                    disabled=move || editor.get().is_none() || kind.get().is_none()
                    on:click=create
                >
                    {move || i18n.t(Msg::Create)}
                </button>
            </div>
        </Modal>
    }
}
