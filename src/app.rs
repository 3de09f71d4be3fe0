use crate::components::toast::{Toaster, Toasts};
use crate::i18n::{use_i18n, I18n, Msg};
use crate::nav::{self, EditorKind};
use crate::pages::drop_in::DropInPage;
use crate::pages::login::LoginPage;
use crate::pages::registry::RegistryPage;
use crate::pages::{CodeFlowRoute, DiagramRoute};
use crate::session::Auth;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::Lazy;

/// The app: routes, with the signed-in state, language and notifications in context.
#[component]
pub fn App() -> impl IntoView {
    provide_context(Auth::load());
    let i18n = I18n::load();
    i18n.set(i18n.lang.get_untracked());
    provide_context(i18n);
    provide_context(Toasts::new());
    view! {
        <Router base=nav::base_path()>
            <Routes fallback=NotFound>
                <Route path=nav::LOGIN_ROUTE view=LoginPage />
                <Route path=nav::REGISTRY_ROUTE view=RegistryPage />
                <Route path=nav::new_flow_route(EditorKind::Code) view={Lazy::<CodeFlowRoute>::new()} />
                <Route path=nav::flow_route(EditorKind::Code) view={Lazy::<CodeFlowRoute>::new()} />
                <Route path=nav::new_flow_route(EditorKind::Diagram) view={Lazy::<DiagramRoute>::new()} />
                <Route path=nav::flow_route(EditorKind::Diagram) view={Lazy::<DiagramRoute>::new()} />
                // Last: its two free segments would match the paths above.
                <Route path=nav::DROP_IN_ROUTE view=DropInPage />
            </Routes>
        </Router>
        <Toaster />
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="not-found">
            {move || i18n.t(Msg::PageNotFound)}" "
            <a href=nav::href(nav::REGISTRY_PATH)>{move || i18n.t(Msg::GoToFlows)}</a>
        </p>
    }
}
