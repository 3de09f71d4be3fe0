use crate::components::toast::{Toaster, Toasts};
use crate::i18n::{use_i18n, I18n, Msg};
use crate::pages::code_flow::CodeFlowPage;
use crate::pages::diagram::DiagramPage;
use crate::pages::login::LoginPage;
use crate::pages::registry::RegistryPage;
use crate::session::Auth;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The app: routes, with the signed-in state, language and notifications in context.
#[component]
pub fn App() -> impl IntoView {
    provide_context(Auth::load());
    let i18n = I18n::load();
    i18n.set(i18n.lang.get_untracked());
    provide_context(i18n);
    provide_context(Toasts::new());
    view! {
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/") view=RegistryPage />
                <Route path=path!("/flows/new/code") view=CodeFlowPage />
                <Route path=path!("/flows/:id/code") view=CodeFlowPage />
                <Route path=path!("/flows/new/diagram") view=DiagramPage />
                <Route path=path!("/flows/:id/diagram") view=DiagramPage />
            </Routes>
        </Router>
        <Toaster />
    }
}

#[component]
fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="not-found">
            {move || i18n.t(Msg::PageNotFound)}" "
            <a href="/">{move || i18n.t(Msg::GoToFlows)}</a>
        </p>
    }
}
