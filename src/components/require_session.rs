//! Keeps a page behind sign-in: without a valid token it sends the user to the login page and
//! back to the same place afterwards.

use crate::api::ApiError;
use crate::i18n::{use_i18n, Msg};
use crate::nav::{app_path, base_path, login_url};
use crate::session::use_auth;
use flow_model::l10n::Locale;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// The page's path with its query (the router gives the query without its `?`).
pub fn path_and_query(path: &str, search: &str) -> String {
    match search.trim_start_matches('?') {
        "" => path.to_owned(),
        query => format!("{path}?{query}"),
    }
}

/// Returns a function that sends the user to the login page, which brings them back to the
/// page they are on now.
fn use_sign_in_again() -> impl Fn() + Clone {
    let navigate = use_navigate();
    let location = use_location();
    move || {
        let path = location.pathname.get_untracked();
        let here = path_and_query(
            app_path(&path, base_path()),
            &location.search.get_untracked(),
        );
        navigate(&login_url(&here), NavigateOptions::default());
    }
}

/// What went wrong with a request, in `locale`: the server's own words when it answered (it
/// was asked for them in the page's language), the page's when there was no answer to read.
pub fn api_error_text(error: &ApiError, locale: Locale) -> String {
    match error {
        ApiError::Unauthorized(detail) => detail.clone(),
        ApiError::Refused(body) => body.detail.clone(),
        ApiError::Network(reason) => Msg::ServerUnreachable(reason.clone()).text(locale),
        ApiError::Unexpected(reason) => Msg::UnexpectedAnswer(reason.clone()).text(locale),
        ApiError::Changed => Msg::ChangedSinceOpened.text(locale),
    }
}

/// Returns a function that handles an API error the same way on every page: a 401 signs out
/// and goes to login; anything else is returned as text to show.
pub fn use_api_error_handler() -> impl Fn(ApiError) -> String + Clone {
    let auth = use_auth();
    let i18n = use_i18n();
    let sign_in_again = use_sign_in_again();
    move |error: ApiError| {
        if let ApiError::Unauthorized(_) = error {
            auth.session_ended();
            sign_in_again();
        }
        api_error_text(&error, i18n.locale_untracked())
    }
}

/// Renders `children` once the session is known; signs in first when there is no token.
#[component]
pub fn RequireSession(children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    let on_error = use_api_error_handler();
    let sign_in_again = use_sign_in_again();
    Effect::new(move |_| {
        if auth.token.get().is_none() {
            sign_in_again();
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
    fn the_pages_own_words_for_a_failed_request_are_what_the_error_says_in_english() {
        let russian = Locale::from_code("ru").expect("Russian texts");
        for error in [
            ApiError::Network("connection refused".into()),
            ApiError::Unexpected("not JSON".into()),
            ApiError::Changed,
        ] {
            assert_eq!(api_error_text(&error, Locale::ENGLISH), error.to_string());
            let said = api_error_text(&error, russian);
            assert!(
                said.chars().any(|letter| matches!(letter, 'а'..='я')),
                "{said}"
            );
        }
    }
}
