//! "Confirm deletion": names the flows, deletes them one by one (each guarded by the state it
//! was listed in) and reports how many went and which did not, and why.

use super::use_registry;
use crate::api::ApiError;
use crate::components::modal::Modal;
use crate::components::require_session::use_api_error_handler;
use crate::components::toast::use_toasts;
use crate::i18n::{use_i18n, Msg};
use crate::session::use_auth;
use flow_model::RoutingSchema;
use leptos::prelude::*;

/// Why one flow could not be deleted, when the page has its own words for it; otherwise the
/// server's detail is shown.
pub fn failure_reason(error: &ApiError) -> Option<Msg> {
    if error.is_stale() {
        Some(Msg::ChangedMeanwhile)
    } else if error.is_forbidden() {
        Some(Msg::NoPermission)
    } else {
        None
    }
}

#[component]
pub fn DeleteModal(flows: Vec<RoutingSchema>) -> impl IntoView {
    let registry = use_registry();
    let auth = use_auth();
    let i18n = use_i18n();
    let toasts = use_toasts();
    let on_error = use_api_error_handler();
    let names: Vec<String> = flows
        .iter()
        .map(|flow| flow.name.clone().unwrap_or_default())
        .collect();
    let close = Callback::new(move |()| registry.dialog.set(None));
    let delete = Action::new_local(move |flows: &Vec<RoutingSchema>| {
        let flows = flows.clone();
        let client = auth.client();
        async move {
            let mut deleted = 0;
            let mut failed = Vec::new();
            for flow in flows {
                match client.delete_flow(&flow).await {
                    Ok(_) => deleted += 1,
                    Err(error) => failed.push((flow.name.unwrap_or_default(), error)),
                }
            }
            (deleted, failed)
        }
    });
    Effect::new(move |_| {
        if let Some((deleted, failed)) = delete.value().get() {
            // What failed is reported; nothing stays selected to be deleted by accident.
            registry.selected.set(Vec::new());
            if deleted > 0 {
                toasts.success(i18n.t(Msg::Deleted(deleted)));
            }
            for (name, error) in failed {
                let reason = match failure_reason(&error) {
                    Some(reason) => i18n.t(reason),
                    None => on_error(error),
                };
                toasts.error(i18n.t(Msg::DeleteFailed { name, reason }));
            }
            registry.dialog.set(None);
            registry.refresh();
        }
    });
    let pending = delete.pending();
    view! {
        <Modal title=Signal::derive(move || i18n.t(Msg::ConfirmDeletion)) on_close=close>
            <p class="question">{move || i18n.t(Msg::DeleteQuestion(names.clone()))}</p>
            <div class="modal-actions">
                <button on:click=move |_| close.run(())>{move || i18n.t(Msg::Cancel)}</button>
                <button
                    class="danger"
                    disabled=pending
                    on:click=move |_| { delete.dispatch(flows.clone()); }
                >
                    {move || i18n.t(Msg::Delete)}
                </button>
            </div>
        </Modal>
    }
}
