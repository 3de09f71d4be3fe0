//! One module per page.

pub mod code_flow;
pub mod diagram;
pub mod drop_in;
pub mod login;
pub mod registry;

use crate::i18n::{fetch_editor_texts, use_i18n};
use flow_model::l10n::Locale;
use leptos::prelude::*;
use leptos_router::LazyRoute;

// The production build (`split` feature) makes each editor its own WebAssembly chunk, fetched
// the first time one opens, with the texts only the editors read: a first visit to the flow
// list downloads only what the list needs.

/// The diagram editor's route, its page and its texts loaded on first use.
pub struct DiagramRoute {
    locale: Locale,
}

impl LazyRoute for DiagramRoute {
    fn data() -> Self {
        Self {
            locale: use_i18n().locale_untracked(),
        }
    }

    async fn view(this: Self) -> AnyView {
        fetch_editor_texts(this.locale).await;
        diagram_page().await
    }
}

/// The code editor's route, its page and its texts loaded on first use.
pub struct CodeFlowRoute {
    locale: Locale,
}

impl LazyRoute for CodeFlowRoute {
    fn data() -> Self {
        Self {
            locale: use_i18n().locale_untracked(),
        }
    }

    async fn view(this: Self) -> AnyView {
        fetch_editor_texts(this.locale).await;
        code_flow_page().await
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
