//! The diagram's dialogs: Flow settings, the compiled schema (Show JSON), and the question
//! before a save that turns a code flow into a Diagram flow or keeps errors.

use super::settings::FlowSettingsModal;
use crate::components::icon::{lucide, Icon};
use crate::components::modal::Modal;
use crate::components::toast::use_toasts;
use crate::i18n::{use_i18n, Msg};
use crate::pages::diagram::state::{use_diagram, DiagramStore};
use flow_model::flow::compile;
use leptos::prelude::*;

/// Which dialogs are open.
#[derive(Clone, Copy, Default)]
pub struct DiagramDialogs {
    pub settings: RwSignal<bool>,
    pub compiled: RwSignal<bool>,
    /// The name typed for Save as, while its dialog is open.
    pub save_as: RwSignal<Option<String>>,
    /// A save waiting for the user's word: leave afterwards or not.
    pub confirm_save: RwSignal<Option<bool>>,
}

/// The schema the diagram saves, as text.
pub fn compiled_text(store: DiagramStore) -> String {
    store.with_graph(|flow| serde_json::to_string_pretty(&compile(flow).schema).unwrap_or_default())
}

#[component]
fn CompiledSchema(open: RwSignal<bool>) -> impl IntoView {
    let store = use_diagram();
    let i18n = use_i18n();
    let toasts = use_toasts();
    let text = move || compiled_text(store);
    view! {
        <Modal title=Signal::derive(move || i18n.t(Msg::CompiledSchema)) on_close=Callback::new(move |()| open.set(false))>
            <textarea class="code compiled" readonly rows="20" prop:value=text></textarea>
            <div class="modal-actions">
                <button on:click=move |_| {
                    let text = text();
                    wasm_bindgen_futures::spawn_local(async move {
                        match crate::browser::copy_text(&text).await {
                            Ok(()) => toasts.success(i18n.t(Msg::Copied)),
                            Err(reason) => toasts.error(i18n.t(Msg::CannotCopy(reason))),
                        }
                    });
                }>
                    <Icon icon=lucide::LuCopy />
                    {move || i18n.t(Msg::CopySchema)}
                </button>
                <button on:click=move |_| open.set(false)>{move || i18n.t(Msg::Close)}</button>
            </div>
        </Modal>
    }
}

/// What a save asks before it goes on.
struct SaveQuestion {
    leave_after: bool,
    /// It turns a code flow into a Diagram flow.
    converting: bool,
    errors: Vec<String>,
}

/// Asks before a save that turns a code flow into a Diagram flow, or keeps errors (naming
/// them); `on_save` saves (then leaves when asked to).
#[component]
fn ConfirmSave(
    question: SaveQuestion,
    open: RwSignal<Option<bool>>,
    on_save: Callback<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let SaveQuestion {
        leave_after,
        converting,
        errors,
    } = question;
    view! {
        <Modal
            title=Signal::derive(move || i18n.t(if converting { Msg::ConvertToDiagram } else { Msg::SaveWithErrors }))
            on_close=Callback::new(move |()| open.set(None))
        >
            {converting.then(|| view! { <p class="question">{move || i18n.t(Msg::ConvertQuestion)}</p> })}
            {(!errors.is_empty()).then(|| view! {
                <p class="question">{i18n.t(Msg::HasErrors(errors.len()))}</p>
                <ul class="save-errors">
                    {errors.iter().take(5).map(|message| view! { <li>{message.clone()}</li> }).collect_view()}
                </ul>
            })}
            <div class="modal-actions">
                <button on:click=move |_| open.set(None)>{move || i18n.t(Msg::Cancel)}</button>
                <button class="primary" on:click=move |_| {
                    open.set(None);
                    on_save.run(leave_after);
                }>{move || i18n.t(if converting { Msg::ConvertAndSave } else { Msg::SaveAnyway })}</button>
            </div>
        </Modal>
    }
}

#[component]
pub fn Dialogs(
    dialogs: DiagramDialogs,
    /// The flow is stored as a code flow: saving here converts it.
    #[prop(into)]
    converting: Signal<bool>,
    /// The flow's errors, named.
    errors: Memo<Vec<String>>,
    /// Saves without asking again.
    on_save: Callback<bool>,
    /// The stored flow's id; none while it is new.
    flow_id: Signal<Option<i64>>,
) -> impl IntoView {
    let store = use_diagram();
    view! {
        <Show when=move || dialogs.settings.get()>
            <FlowSettingsModal settings=store.settings kind=store.kind flow_id on_close=Callback::new(move |()| dialogs.settings.set(false)) />
        </Show>
        <Show when=move || dialogs.compiled.get()>
            <CompiledSchema open=dialogs.compiled />
        </Show>
        {move || dialogs.confirm_save.get().map(|leave_after| view! {
            <ConfirmSave
                question=SaveQuestion {
                    leave_after,
                    converting: converting.get_untracked(),
                    errors: errors.get_untracked(),
                }
                open=dialogs.confirm_save
                on_save
            />
        })}
    }
}
