//! Webitel's admin opens its Flow Diagram app at `{id}/{type}` (`new` for a new flow): served
//! in its place, the app sends those addresses on to the diagram editor.

use crate::app::NotFound;
use crate::nav::{self, FLOW_ID_PARAM};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

#[component]
pub fn DropInPage() -> impl IntoView {
    let params = use_params_map();
    let target = params.with_untracked(|params| {
        nav::drop_in_target(
            &params.get(FLOW_ID_PARAM).unwrap_or_default(),
            params.get(nav::DROP_IN_TYPE_PARAM).as_deref(),
        )
    });
    match target {
        Some(target) => {
            let navigate = use_navigate();
            // After the first render: the router may not navigate while it renders this page.
            request_animation_frame(move || {
                navigate(
                    &target,
                    NavigateOptions {
                        replace: true,
                        ..NavigateOptions::default()
                    },
                )
            });
            ().into_any()
        }
        None => view! { <NotFound /> }.into_any(),
    }
}
