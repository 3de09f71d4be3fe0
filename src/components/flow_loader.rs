//! Loads the flow an editor's URL names (`/flows/:id/...`), or starts a new one of the URL's
//! `type` (`/flows/new/...?type=voice`), and hands it to the editor.

use crate::browser::performance_mark;
use crate::components::require_session::use_api_error_handler;
use crate::i18n::{use_i18n, Msg};
use crate::nav::{self, registry_url, FLOW_ID_PARAM, NEW_FLOW_TYPE_PARAM};
use crate::session::use_auth;
use flow_model::{FlowType, RoutingSchema};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// What an editor is opened with: the stored flow, or none and the type of the new one.
#[derive(Clone, Debug)]
pub struct Opened {
    pub flow: Option<RoutingSchema>,
    pub new_kind: FlowType,
}

#[component]
pub fn FlowLoader(
    /// The editor for the loaded (or new) flow.
    editor: fn(Opened) -> AnyView,
) -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let on_error = use_api_error_handler();
    let id = move || params.with(|params| params.get_str(FLOW_ID_PARAM)?.parse::<i64>().ok());
    let loaded = LocalResource::new(move || {
        let id = id();
        let client = auth.client();
        async move {
            match id {
                Some(id) => {
                    let flow = client.flow(id).await.map(Some);
                    performance_mark("flow-data");
                    flow
                }
                None => Ok(None),
            }
        }
    });
    let new_kind = move || {
        query
            .with_untracked(|query| query.get_str(NEW_FLOW_TYPE_PARAM)?.parse().ok())
            .unwrap_or(FlowType::Voice)
    };
    view! {
        <Suspense fallback=move || view! { <p class="loading" aria-busy="true">{move || i18n.t(Msg::Loading)}</p> }>
            {move || {
                let on_error = on_error.clone();
                loaded.get().map(move |result| match result {
                    Ok(flow) => editor(Opened { flow, new_kind: new_kind() }),
                    Err(error) => view! {
                        <main class="flow-page">
                            <p class="error" role="alert">{on_error(error)}</p>
                            <a href=nav::href(&registry_url())>{move || i18n.t(Msg::GoToFlows)}</a>
                        </main>
                    }
                    .into_any(),
                })
            }}
        </Suspense>
    }
}
