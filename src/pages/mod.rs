//! One module per page.

pub mod code_flow;
pub mod diagram;
pub mod drop_in;
pub mod login;
pub mod registry;

use leptos::prelude::*;
use leptos_router::LazyRoute;
use std::future::Future;

// The production build (`split` feature) makes each editor its own WebAssembly chunk, fetched
// the first time one opens: a first visit to the flow list downloads only what the list needs.

/// The diagram editor's route, its page loaded on first use.
pub struct DiagramRoute;

impl LazyRoute for DiagramRoute {
    fn data() -> Self {
        Self
    }

    fn view(_: Self) -> impl Future<Output = AnyView> {
        diagram_page()
    }
}

/// The code editor's route, its page loaded on first use.
pub struct CodeFlowRoute;

impl LazyRoute for CodeFlowRoute {
    fn data() -> Self {
        Self
    }

    fn view(_: Self) -> impl Future<Output = AnyView> {
        code_flow_page()
    }
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn diagram_page() -> AnyView {
    view! { <diagram::DiagramPage /> }.into_any()
}

#[cfg_attr(feature = "split", leptos::lazy)]
async fn code_flow_page() -> AnyView {
    view! { <code_flow::CodeFlowPage /> }.into_any()
}
