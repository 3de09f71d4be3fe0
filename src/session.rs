//! Who is signed in: the token lives in session storage (gone with the tab), the API base URL
//! in local storage (a lasting preference).

use crate::api::{ApiClient, DEFAULT_API_BASE};
use crate::storage::Store;
use flow_model::Session;
use leptos::prelude::*;

const TOKEN_KEY: &str = "flow-studio.token";
const API_BASE_KEY: &str = "flow-studio.api-base";
const DOMAIN_KEY: &str = "flow-studio.domain";

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
}

impl Auth {
    /// Restores what the browser kept.
    pub fn load() -> Self {
        Self {
            token: RwSignal::new(read(Store::Session, TOKEN_KEY)),
            session: RwSignal::new(None),
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
    }

    pub fn signed_out(&self) {
        Store::Session.remove(TOKEN_KEY);
        self.token.set(None);
        self.session.set(None);
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

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
