//! Sign in: username, password and domain; optionally which API server to use.

use crate::api::ApiError;
use crate::components::language_switch::LanguageSwitch;
use crate::i18n::I18n;
use crate::i18n::{use_i18n, Msg};
use crate::nav::{after_login, AFTER_LOGIN_PARAM};
use crate::session::{use_auth, Auth};
use flow_model::{LoginRequest, Permission};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let query = use_query_map();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let domain = RwSignal::new(Auth::last_domain().unwrap_or_default());
    let api_base = RwSignal::new(auth.api_base.get_untracked());
    let show_server = RwSignal::new(false);

    let sign_in = Action::new_local(move |request: &LoginRequest| {
        let request = request.clone();
        async move {
            auth.set_api_base(&api_base.get_untracked());
            auth.client().sign_in(&request).await
        }
    });
    Effect::new(move |_| {
        if let Some(Ok((token, session))) = sign_in.value().get() {
            if !session.can(Permission::Read) {
                return;
            }
            auth.signed_in(token, session);
            navigate(
                &after_login(query.get_untracked().get(AFTER_LOGIN_PARAM)),
                NavigateOptions::default(),
            );
        }
    });
    let error = move || match sign_in.value().get() {
        Some(Err(error)) => Some(sign_in_problem(&error, i18n)),
        Some(Ok((_, session))) if !session.can(Permission::Read) => Some(i18n.t(Msg::NoFlowAccess)),
        _ => None,
    };
    let filled = |field: RwSignal<String>| field.with(|text| !text.trim().is_empty());
    // Webitel takes the domain in the username too (`user@domain`, split at the last `@`):
    // then the domain field is not used.
    let domain_in_username = move || username.with(|name| name.contains('@'));
    let can_submit = move || {
        !sign_in.pending().get()
            && filled(username)
            && filled(password)
            && (filled(domain) || domain_in_username())
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if can_submit() {
            sign_in.dispatch(LoginRequest {
                username: username.get_untracked().trim().to_owned(),
                password: password.get_untracked(),
                domain: if domain_in_username() {
                    String::new()
                } else {
                    domain.get_untracked().trim().to_owned()
                },
            });
        }
    };

    view! {
        <main class="login">
            <form class="login-card" on:submit=submit>
                <h1>"Flow Studio"</h1>
                <LanguageSwitch />
                <Show when=move || auth.ended.get() && sign_in.value().with(Option::is_none)>
                    <p class="notice" role="status">{move || i18n.t(Msg::SessionEnded)}</p>
                </Show>
                <label>
                    {move || i18n.t(Msg::Username)}
                    <input name="username" autocomplete="username" required prop:value=username
                        on:input=move |event| username.set(event_target_value(&event)) />
                </label>
                <label>
                    {move || i18n.t(Msg::Password)}
                    <input name="password" type="password" autocomplete="current-password" required prop:value=password
                        on:input=move |event| password.set(event_target_value(&event)) />
                </label>
                <label>
                    {move || i18n.t(Msg::Domain)}
                    <input name="domain" autocomplete="organization" prop:value=domain
                        disabled=domain_in_username
                        on:input=move |event| domain.set(event_target_value(&event)) />
                    <small>{move || i18n.t(Msg::DomainHint)}</small>
                </label>
                <button type="button" class="link" on:click=move |_| show_server.update(|shown| *shown = !*shown)
                    aria-expanded=move || show_server.get().to_string()>
                    {move || i18n.t(Msg::ApiBaseUrl)}
                </button>
                <Show when=move || show_server.get()>
                    <label>
                        {move || i18n.t(Msg::ApiBaseUrl)}
                        <input name="api_base" placeholder="/api" prop:value=api_base
                            on:input=move |event| api_base.set(event_target_value(&event)) />
                        <small>{move || i18n.t(Msg::ApiBaseHint)}</small>
                    </label>
                </Show>
                <p class="error" role="alert">{error}</p>
                <button type="submit" class="primary" disabled=move || !can_submit()>
                    {move || i18n.t(if sign_in.pending().get() { Msg::SigningIn } else { Msg::SignIn })}
                </button>
            </form>
        </main>
    }
}

/// Why signing in failed, in the page's language where the reason is known; otherwise the
/// server's own words.
fn sign_in_problem(error: &ApiError, i18n: I18n) -> String {
    match error {
        ApiError::Unauthorized(_) => i18n.t(Msg::WrongSignIn),
        ApiError::Unexpected(_) => i18n.t(Msg::NotWebitelApi),
        other => other.to_string(),
    }
}
