//! The Flow page: the registry of a domain's flows.

use crate::components::require_session::{use_api_error_handler, RequireSession};
use crate::session::use_auth;
use flow_model::{Editor, SchemaSearch};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

#[component]
pub fn RegistryPage() -> impl IntoView {
    view! {
        <RequireSession>
            <Header />
            <FlowList />
        </RequireSession>
    }
}

#[component]
fn Header() -> impl IntoView {
    let auth = use_auth();
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
            navigate("/login", NavigateOptions::default());
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
        <header class="page-header">
            <h1>"Flow"</h1>
            <span class="user">{user}</span>
            <button class="secondary" on:click=move |_| { sign_out.dispatch(()); }>"Sign out"</button>
        </header>
    }
}

#[component]
fn FlowList() -> impl IntoView {
    let auth = use_auth();
    let on_error = use_api_error_handler();
    let flows = LocalResource::new(move || {
        let client = auth.client();
        async move { client.search_flows(&SchemaSearch::default()).await }
    });
    view! {
        <section class="registry">
            <Transition fallback=|| view! { <p class="loading">"Loading flows…"</p> }>
                {move || {
                    let on_error = on_error.clone();
                    flows.get().map(move |result| match result {
                        Ok(page) if page.items.is_empty() => view! { <p class="empty">"No flows yet."</p> }.into_any(),
                        Ok(page) => view! {
                            <table class="flows">
                                <thead><tr><th>"Name"</th><th>"Editor"</th><th>"Type"</th></tr></thead>
                                <tbody>
                                    {page.items.into_iter().map(|flow| view! {
                                        <tr>
                                            <td>{flow.name.unwrap_or_default()}</td>
                                            <td>{flow.editor.map(|editor| Editor::from(editor).label())}</td>
                                            <td>{flow.flow_type.map(|kind| kind.label())}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(error) => view! { <p class="error" role="alert">{on_error(error)}</p> }.into_any(),
                    })
                }}
            </Transition>
        </section>
    }
}
