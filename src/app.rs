use crate::pages::login::LoginPage;
use crate::pages::registry::RegistryPage;
use crate::session::Auth;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The app: routes, with the signed-in state in context.
#[component]
pub fn App() -> impl IntoView {
    provide_context(Auth::load());
    view! {
        <Router>
            <Routes fallback=|| view! { <p class="not-found">"This page does not exist. " <a href="/">"Go to Flow"</a></p> }>
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/") view=RegistryPage />
            </Routes>
        </Router>
    }
}
