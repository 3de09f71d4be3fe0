//! Save as: the diagram as a new Diagram flow of the same type, tags and description, under a
//! name checked in the dialog; the flow open here stays as it was stored.

use super::dialogs::DiagramDialogs;
use crate::components::editor_shell::SaveError;
use crate::components::modal::Modal;
use crate::components::require_session::use_api_error_handler;
use crate::components::toast::use_toasts;
use crate::i18n::{use_i18n, Msg};
use crate::nav::{flow_url, EditorKind};
use crate::pages::diagram::document::checked_write;
use crate::pages::diagram::state::use_diagram;
use crate::session::use_auth;
use flow_model::SchemaWrite;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

#[component]
pub fn SaveAsDialog(dialogs: DiagramDialogs) -> impl IntoView {
    let store = use_diagram();
    let auth = use_auth();
    let i18n = use_i18n();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let on_error = use_api_error_handler();
    let typed = dialogs.save_as;
    let error = RwSignal::new(None::<String>);
    // Each time the dialog opens, it opens without the last refusal.
    Effect::new(move |_| {
        if typed.with(Option::is_none) {
            error.set(None);
        }
    });
    let save_as = Action::new_local(move |name: &String| {
        let client = auth.client();
        let write = checked_write(
            name,
            &store.settings.get_untracked(),
            store.lay_out_for_save(),
            store.locale.get_untracked(),
        );
        async move {
            let write = SchemaWrite {
                flow_type: Some(store.kind),
                editor: Some(true),
                debug: Some(false),
                ..write?
            };
            client.create_flow(&write).await.map_err(SaveError::Api)
        }
    });
    Effect::new(move |_| match save_as.value().get() {
        Some(Ok(created)) => {
            // The work went to the new flow; this one stays as stored.
            store.mark_saved();
            typed.set(None);
            toasts.success(i18n.t(Msg::SuccessfullyUpdated));
            navigate(
                &flow_url(created.id.unwrap_or_default(), EditorKind::Diagram),
                NavigateOptions::default(),
            );
        }
        Some(Err(SaveError::Name(reason) | SaveError::Invalid(reason))) => error.set(Some(reason)),
        Some(Err(SaveError::Api(refused))) if refused.is_name_taken() => error.set(Some(i18n.t(
            Msg::NameTaken(typed.get_untracked().unwrap_or_default().trim().to_owned()),
        ))),
        Some(Err(SaveError::Api(refused))) => toasts.error(on_error(refused)),
        Some(Err(SaveError::Conflict(_))) | None => {}
    });
    view! {
        {move || typed.get().is_some().then(|| view! {
            <Modal title=Signal::derive(move || i18n.t(Msg::SaveAs)) on_close=Callback::new(move |()| typed.set(None))>
                <form class="save-as" on:submit=move |event| {
                    event.prevent_default();
                    save_as.dispatch(typed.get_untracked().unwrap_or_default());
                }>
                    <label>
                        {move || i18n.t(Msg::Name)}
                        <input
                            name="save-as-name"
                            required
                            maxlength="100"
                            aria-invalid=move || error.with(Option::is_some).to_string()
                            prop:value=move || typed.get().unwrap_or_default()
                            on:input=move |event| {
                                typed.set(Some(event_target_value(&event)));
                                error.set(None);
                            }
                        />
                    </label>
                    <span class="error" role="alert">{move || error.get()}</span>
                    <div class="modal-actions">
                        <button type="button" on:click=move |_| typed.set(None)>{move || i18n.t(Msg::Cancel)}</button>
                        <button type="submit" class="primary" disabled=move || save_as.pending().get()>{move || i18n.t(Msg::Save)}</button>
                    </div>
                </form>
            </Modal>
        })}
    }
}
