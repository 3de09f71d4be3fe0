//! "Someone else saved this flow": shown when a save finds the flow changed since it was read.
//! Nothing is decided for the user: reload theirs, overwrite with mine, or copy mine first.

use crate::browser::format_time;
use crate::components::modal::Modal;
use crate::i18n::{use_i18n, Msg};
use flow_model::RoutingSchema;
use leptos::prelude::*;

#[component]
pub fn ConflictModal(
    /// The flow as the other save left it; the modal shows while there is one.
    theirs: RwSignal<Option<RoutingSchema>>,
    /// Replace what is typed with their flow.
    on_reload: Callback<RoutingSchema>,
    /// Save what is typed over their flow.
    on_overwrite: Callback<RoutingSchema>,
    /// Put what is typed on the clipboard (the modal stays).
    on_copy: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let choose = move |choice: Callback<RoutingSchema>| {
        move |_| {
            if let Some(flow) = theirs.get_untracked() {
                theirs.set(None);
                choice.run(flow);
            }
        }
    };
    view! {
        <Show when=move || theirs.with(Option::is_some)>
            <Modal
                title=Signal::derive(move || i18n.t(Msg::ConflictTitle))
                on_close=Callback::new(move |()| theirs.set(None))
            >
                <p class="question">{move || {
                    theirs.with(|flow| {
                        let flow = flow.as_ref();
                        let who = flow
                            .and_then(|flow| flow.updated_by.as_ref())
                            .map(|user| user.name.clone())
                            .unwrap_or_else(|| i18n.t(Msg::Someone));
                        let when = flow
                            .and_then(|flow| flow.updated_at)
                            .map(|at| format_time(at, i18n.locale()))
                            .unwrap_or_default();
                        i18n.t(Msg::ConflictText { who, when })
                    })
                }}</p>
                <div class="modal-actions">
                    <button on:click=move |_| theirs.set(None)>{move || i18n.t(Msg::Cancel)}</button>
                    <button on:click=move |_| on_copy.run(())>{move || i18n.t(Msg::CopyMine)}</button>
                    <button on:click=choose(on_reload)>{move || i18n.t(Msg::ReloadTheirs)}</button>
                    <button class="primary" on:click=choose(on_overwrite)>
                        {move || i18n.t(Msg::OverwriteWithMine)}
                    </button>
                </div>
            </Modal>
        </Show>
    }
}
