//! The page header: title, Add, Upload, Refresh, delete-selected, language and sign out.

use super::{use_registry, Dialog};
use crate::browser::read_file_bytes;
use crate::components::icon::{lucide, Icon};
use crate::components::language_switch::LanguageSwitch;
use crate::components::toast::use_toasts;
use crate::i18n::{use_i18n, Msg};
use crate::nav;
use crate::session::use_auth;
use flow_model::transfer::{file_text, parse_import};
use flow_model::Permission;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

#[component]
pub fn Header() -> impl IntoView {
    let registry = use_registry();
    let i18n = use_i18n();
    let toasts = use_toasts();
    let file_input = NodeRef::<html::Input>::new();
    let can_create = move || registry.can(Permission::Create);
    let can_delete = move || registry.can(Permission::Delete);

    let on_file = move |event: ev::Event| {
        let input: web_sys::HtmlInputElement = event.target().expect("input").unchecked_into();
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Picking the same file again must fire again.
        input.set_value("");
        spawn_local(async move {
            let file_name = file.name();
            let parsed = read_file_bytes(&file).await.and_then(|bytes| {
                file_text(&bytes)
                    .and_then(parse_import)
                    .map_err(|error| error.message(i18n.locale_untracked()))
            });
            match parsed {
                Ok(flow) => registry.dialog.set(Some(Dialog::Import {
                    file_name,
                    flow: Box::new(flow),
                })),
                Err(reason) => toasts.error(format!(
                    "{file_name}: {}",
                    i18n.t(Msg::CannotImport(reason))
                )),
            }
        });
    };
    let delete_selected = move |_| {
        let selected = registry.selected.get_untracked();
        let flows: Vec<_> = registry
            .items()
            .into_iter()
            .filter(|flow| flow.id.is_some_and(|id| selected.contains(&id)))
            .collect();
        if !flows.is_empty() {
            registry.dialog.set(Some(Dialog::Delete(flows)));
        }
    };
    let selected_count = move || registry.selected.with(Vec::len);

    view! {
        <header class="page-header">
            <h1>{move || i18n.t(Msg::Flow)}</h1>
            <div class="actions">
                <Show when=move || can_delete() && selected_count() != 0>
                    <button class="danger" on:click=delete_selected>
                        <Icon icon=lucide::LuTrash2 />
                        {move || i18n.t(Msg::DeleteSelected(selected_count()))}
                    </button>
                </Show>
                <button on:click=move |_| registry.refresh()>
                    <Icon icon=lucide::LuRefreshCw />
                    {move || i18n.t(Msg::Refresh)}
                </button>
                <Show when=can_create>
                    <button on:click=move |_| {
                        if let Some(input) = file_input.get() {
                            input.click();
                        }
                    }>
                        <Icon icon=lucide::LuUpload />
                        {move || i18n.t(Msg::Upload)}
                    </button>
                    <button class="primary" on:click=move |_| registry.dialog.set(Some(Dialog::Create))>
                        <Icon icon=lucide::LuPlus />
                        {move || i18n.t(Msg::Add)}
                    </button>
                </Show>
                <input
                    type="file"
                    accept=".json,application/json"
                    class="hidden"
                    data-testid="upload-input"
                    node_ref=file_input
                    on:change=on_file
                />
            </div>
            <Account />
        </header>
    }
}

/// Who is signed in, the language switch and sign out.
#[component]
pub fn Account() -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let sign_out = Action::new_local(move |_: &()| {
        let client = auth.client();
        async move {
            // Signing out locally matters most; the server forgets the token if it can.
            let _ = client.logout().await;
        }
    });
    Effect::new(move |_| {
        if sign_out.value().get().is_some() {
            auth.signed_out();
            navigate(
                &nav::login_url(nav::REGISTRY_PATH),
                NavigateOptions::default(),
            );
        }
    });
    let user = move || {
        auth.session.with(|session| {
            session
                .as_ref()
                .map(|s| format!("{} @ {}", s.user.name, s.domain))
        })
    };
    view! {
        <div class="account">
            <span class="user">{user}</span>
            <LanguageSwitch />
            <button class="secondary" on:click=move |_| { sign_out.dispatch(()); }>
                <Icon icon=lucide::LuLogOut />
                {move || i18n.t(Msg::SignOut)}
            </button>
        </div>
    }
}
