//! Nothing typed is lost without a warning: the browser asks before a tab with unsaved changes
//! closes or reloads, and leaving an editor asks Save / Don't save / Cancel.

use crate::components::modal::Modal;
use crate::i18n::{use_i18n, Msg};
use leptos::ev;
use leptos::prelude::*;

/// Makes the browser ask before unloading the page while `dirty()` holds.
pub fn guard_unload(dirty: impl Fn() -> bool + 'static) {
    let guard = window_event_listener(ev::beforeunload, move |event| {
        if dirty() {
            event.prevent_default();
            event.set_return_value("unsaved");
        }
    });
    on_cleanup(move || guard.remove());
}

/// "Unsaved changes": shown while `open`; each choice closes it first.
#[component]
pub fn UnsavedChangesModal(
    open: RwSignal<bool>,
    on_discard: Callback<()>,
    on_save: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || open.get()>
            <Modal title=Signal::derive(move || i18n.t(Msg::UnsavedChanges)) on_close=Callback::new(move |()| open.set(false))>
                <p class="question">{move || i18n.t(Msg::UnsavedQuestion)}</p>
                <div class="modal-actions">
                    <button on:click=move |_| open.set(false)>{move || i18n.t(Msg::Cancel)}</button>
                    <button on:click=move |_| {
                        open.set(false);
                        on_discard.run(());
                    }>{move || i18n.t(Msg::DontSave)}</button>
                    <button class="primary" on:click=move |_| {
                        open.set(false);
                        on_save.run(());
                    }>{move || i18n.t(Msg::Save)}</button>
                </div>
            </Modal>
        </Show>
    }
}
