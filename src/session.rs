//! Who is signed in: the token lives in session storage (gone with the tab), the API base URL
//! in local storage (a lasting preference). Served as Webitel's Flow Diagram, the app also
//! takes the token of Webitel's admin on the same site: from an `accessToken` query parameter,
//! or from the `access-token` key that webitel/web-client-auth keeps in local storage.

use crate::api::{ApiClient, DEFAULT_API_BASE};
use crate::storage::Store;
use flow_model::Session;
use leptos::prelude::*;

const TOKEN_KEY: &str = "flow-studio.token";
const API_BASE_KEY: &str = "flow-studio.api-base";
const DOMAIN_KEY: &str = "flow-studio.domain";
/// Where Webitel's admin keeps its session token (webitel/web-client-auth).
const WEBITEL_TOKEN_KEY: &str = "access-token";
/// The query parameter a link may hand the token in.
const TOKEN_PARAM: &str = "accessToken";

/// A kept value, where an empty one counts as none.
fn read(store: Store, key: &str) -> Option<String> {
    store.get(key).filter(|value| !value.is_empty())
}

/// The signed-in state, shared through context.
#[derive(Clone, Copy)]
pub struct Auth {
    pub token: RwSignal<Option<String>>,
    pub session: RwSignal<Option<Session>>,
    pub api_base: RwSignal<String>,
    /// The server refused the token on a page (it expired, or was revoked), as opposed to a
    /// sign-out: the login page says so.
    pub ended: RwSignal<bool>,
}

impl Auth {
    /// Restores what the browser kept.
    pub fn load() -> Self {
        let handed = token_in_address();
        if let Some(token) = &handed {
            // Kept, so that a reload once the address has moved on stays signed in.
            Store::Session.set(TOKEN_KEY, token);
        }
        let token = first_token([
            handed,
            read(Store::Session, TOKEN_KEY),
            read(Store::Local, WEBITEL_TOKEN_KEY),
        ]);
        Self {
            token: RwSignal::new(token),
            session: RwSignal::new(None),
            ended: RwSignal::new(false),
            api_base: RwSignal::new(
                read(Store::Local, API_BASE_KEY).unwrap_or_else(|| DEFAULT_API_BASE.to_owned()),
            ),
        }
    }

    pub fn client(&self) -> ApiClient {
        ApiClient::new(self.api_base.get_untracked(), self.token.get_untracked())
    }

    pub fn signed_in(&self, token: String, session: Session) {
        Store::Session.set(TOKEN_KEY, &token);
        Store::Local.set(DOMAIN_KEY, &session.domain);
        self.token.set(Some(token));
        self.session.set(Some(session));
        self.ended.set(false);
    }

    pub fn signed_out(&self) {
        Store::Session.remove(TOKEN_KEY);
        self.token.set(None);
        self.session.set(None);
    }

    /// The server no longer takes the token: signed out, and the login page says why.
    pub fn session_ended(&self) {
        self.signed_out();
        self.ended.set(true);
    }

    pub fn set_api_base(&self, base: &str) {
        let base = base.trim();
        let base = if base.is_empty() {
            DEFAULT_API_BASE
        } else {
            base
        };
        Store::Local.set(API_BASE_KEY, base);
        self.api_base.set(base.to_owned());
    }

    /// The domain of the last sign-in, to fill the login form.
    pub fn last_domain() -> Option<String> {
        read(Store::Local, DOMAIN_KEY)
    }
}

/// The token handed in the page's address, if any.
fn token_in_address() -> Option<String> {
    let href = window().location().href().ok()?;
    let url = web_sys::Url::new(&href).ok()?;
    url.search_params().get(TOKEN_PARAM)
}

/// The first token that is there, in order of preference: one handed in the address (the
/// newest word), then this tab's own sign-in, then the one Webitel's admin keeps.
fn first_token(candidates: [Option<String>; 3]) -> Option<String> {
    candidates
        .into_iter()
        .flatten()
        .map(|token| token.trim().to_owned())
        .find(|token| !token.is_empty())
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

#[cfg(test)]
mod tests {
    use super::first_token;

    #[test]
    fn a_handed_token_wins_then_this_tabs_then_webitels() {
        let some = |token: &str| Some(token.to_owned());
        assert_eq!(
            first_token([some("handed"), some("tab"), some("webitel")]),
            some("handed")
        );
        assert_eq!(
            first_token([None, some("tab"), some("webitel")]),
            some("tab")
        );
        assert_eq!(
            first_token([some(" "), None, some("webitel")]),
            some("webitel")
        );
        assert_eq!(first_token([None, None, None]), None);
    }
}
