//! "Import JSON": after a file is read, create a new flow from it (the name must be free) or
//! replace the flow of that name (shown before it happens). Close loads nothing.

use super::use_registry;
use crate::api::WriteMode;
use crate::browser::Debouncer;
use crate::components::modal::Modal;
use crate::components::require_session::{api_error_text, use_api_error_handler};
use crate::components::toast::use_toasts;
use crate::i18n::{use_i18n, Msg};
use crate::session::use_auth;
use flow_model::rules::flow_name;
use flow_model::transfer::{name_from_file, ImportedFlow};
use flow_model::RoutingSchema;
use leptos::prelude::*;
use std::time::Duration;

/// What Add will do with the name as typed.
#[derive(Clone, PartialEq, Debug)]
enum Target {
    /// Still looking the name up.
    Unknown,
    Create,
    Replace(Box<RoutingSchema>),
    NothingToReplace,
}

#[component]
pub fn ImportModal(file_name: String, flow: ImportedFlow) -> impl IntoView {
    let registry = use_registry();
    let auth = use_auth();
    let i18n = use_i18n();
    let toasts = use_toasts();
    let on_error = use_api_error_handler();
    let create_new = RwSignal::new(true);
    let name = RwSignal::new(
        flow.name
            .clone()
            .unwrap_or_else(|| name_from_file(&file_name)),
    );
    let problem = RwSignal::new(None::<String>);
    let target = RwSignal::new(Target::Create);
    let lookup = Debouncer::new(Duration::from_millis(200));
    let close = Callback::new(move |()| registry.dialog.set(None));

    // In replace mode, find the flow the name points at, so the user sees it before Add.
    let find_target = move || {
        if create_new.get_untracked() {
            target.set(Target::Create);
            return;
        }
        target.set(Target::Unknown);
        let client = auth.client();
        let wanted = name.get_untracked().trim().to_owned();
        lookup.run(move || {
            leptos::task::spawn_local(async move {
                let found = client.flow_named(&wanted).await;
                // The modal may have closed meanwhile (its signals gone), or the name changed.
                let still_asked = name.try_with_untracked(|typed| typed.trim() == wanted)
                    == Some(true)
                    && create_new.try_get_untracked() == Some(false);
                if !still_asked {
                    return;
                }
                match found {
                    Ok(Some(existing)) => target.set(Target::Replace(Box::new(existing))),
                    Ok(None) => target.set(Target::NothingToReplace),
                    Err(error) => {
                        target.set(Target::NothingToReplace);
                        problem.set(Some(api_error_text(&error, i18n.locale_untracked())));
                    }
                }
            })
        });
    };

    let import = Action::new_local(move |_: &()| {
        let client = auth.client();
        let flow = flow.clone();
        let target = target.get_untracked();
        let typed = name.get_untracked();
        let on_error = on_error.clone();
        let locale = i18n.locale_untracked();
        async move {
            let name = flow_name(&typed).map_err(|error| error.message(locale))?;
            let done = match target {
                Target::Replace(existing) => client
                    .write_flow(WriteMode::Patch, &existing, &flow.replace_body())
                    .await
                    .map(|_| Msg::Replaced(name.clone())),
                _ => client
                    .create_flow(&flow.create_body(&name))
                    .await
                    .map(|_| Msg::Imported(name.clone())),
            };
            done.map_err(|error| {
                if error.is_name_taken() {
                    i18n.t(Msg::NameTaken(name))
                } else {
                    on_error(error)
                }
            })
        }
    });
    Effect::new(move |_| match import.value().get() {
        Some(Ok(done)) => {
            toasts.success(i18n.t(done));
            registry.dialog.set(None);
            registry.refresh();
        }
        Some(Err(reason)) => problem.set(Some(reason)),
        None => {}
    });
    let can_add = move || {
        !import.pending().get()
            && !name.with(|name| name.trim().is_empty())
            && match target.get() {
                Target::Create => create_new.get(),
                Target::Replace(_) => !create_new.get(),
                _ => false,
            }
    };
    let replace_note = move || match target.get() {
        Target::Replace(existing) => {
            Some(i18n.t(Msg::WillReplace(existing.name.unwrap_or_default())))
        }
        Target::NothingToReplace => {
            Some(i18n.t(Msg::NoFlowNamed(name.get_untracked().trim().to_owned())))
        }
        _ => None,
    };

    view! {
        <Modal title=Signal::derive(move || i18n.t(Msg::ImportJson)) on_close=close>
            <p class="file-name">{file_name.clone()}</p>
            <label class="check">
                <input
                    type="checkbox"
                    name="create_new"
                    prop:checked=create_new
                    on:change=move |event| {
                        create_new.set(event_target_checked(&event));
                        problem.set(None);
                        find_target();
                    }
                />
                {move || i18n.t(Msg::CreateNew)}
            </label>
            <label>
                {move || i18n.t(Msg::Name)}
                <input
                    name="name"
                    prop:value=name
                    aria-invalid=move || problem.with(Option::is_some).to_string()
                    on:input=move |event| {
                        name.set(event_target_value(&event));
                        problem.set(None);
                        find_target();
                    }
                />
            </label>
            <p class="note" aria-live="polite">{replace_note}</p>
            <p class="error" role="alert">{move || problem.get()}</p>
            <div class="modal-actions">
                <button on:click=move |_| close.run(())>{move || i18n.t(Msg::Close)}</button>
                <button class="primary" disabled=move || !can_add() on:click=move |_| { import.dispatch(()); }>
                    {move || i18n.t(Msg::Add)}
                </button>
            </div>
        </Modal>
    }
}
