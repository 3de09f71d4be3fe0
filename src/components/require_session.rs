//! Keeps a page behind sign-in: without a valid token it sends the user to the login page and
//! back to the same place afterwards.

use crate::api::{encode_component, ApiError};
use crate::session::use_auth;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// The login URL that returns to `here` afterwards.
pub fn login_path(here: &str) -> String {
    if here.is_empty() || here == "/" || here.starts_with("/login") {
        "/login".to_owned()
    } else {
        format!("/login?next={}", encode_component(here))
    }
}

/// The page's path with its query (the router gives the query without its `?`).
pub fn path_and_query(path: &str, search: &str) -> String {
    match search.trim_start_matches('?') {
        "" => path.to_owned(),
        query => format!("{path}?{query}"),
    }
}

/// Returns a function that handles an API error the same way on every page: a 401 signs out
/// and goes to login; anything else is returned as text to show.
pub fn use_api_error_handler() -> impl Fn(ApiError) -> String + Clone {
    let auth = use_auth();
    let navigate = use_navigate();
    let location = use_location();
    move |error: ApiError| {
        if let ApiError::Unauthorized(_) = error {
            auth.signed_out();
            let here = path_and_query(
                &location.pathname.get_untracked(),
                &location.search.get_untracked(),
            );
            navigate(&login_path(&here), NavigateOptions::default());
        }
        error.to_string()
    }
}

/// Renders `children` once the session is known; signs in first when there is no token.
#[component]
pub fn RequireSession(children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    let on_error = use_api_error_handler();
    let navigate = use_navigate();
    let location = use_location();
    Effect::new(move |_| {
        if auth.token.get().is_none() {
            let here = path_and_query(
                &location.pathname.get_untracked(),
                &location.search.get_untracked(),
            );
            navigate(&login_path(&here), NavigateOptions::default());
        }
    });
    let session = LocalResource::new(move || {
        let client = auth.client();
        let has_token = auth.token.get().is_some();
        async move {
            if has_token {
                Some(client.userinfo().await)
            } else {
                None
            }
        }
    });
    Effect::new(move |_| match session.get() {
        Some(Some(Ok(session))) => auth.session.set(Some(session)),
        Some(Some(Err(error))) => {
            on_error(error);
        }
        _ => {}
    });
    let loaded = move || auth.session.with(Option::is_some);
    view! {
        <Show when=loaded fallback=|| view! { <p class="loading" aria-busy="true">"Loading…"</p> }>
            {children()}
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_keeps_its_question_mark() {
        assert_eq!(path_and_query("/", "type=chat"), "/?type=chat");
        assert_eq!(path_and_query("/", "?type=chat"), "/?type=chat");
        assert_eq!(path_and_query("/flows/1/code", ""), "/flows/1/code");
    }

    #[test]
    fn login_path_returns_to_the_page() {
        assert_eq!(login_path("/"), "/login");
        assert_eq!(login_path("/login?next=%2F"), "/login");
        assert_eq!(
            login_path("/?page=2&type=voice"),
            "/login?next=%2F%3Fpage%3D2%26type%3Dvoice"
        );
    }
}
