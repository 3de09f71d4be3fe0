//! Who is signed in: the token lives in session storage (gone with the tab), the API base URL
//! in local storage (a lasting preference).

use crate::api::{ApiClient, DEFAULT_API_BASE};
use flow_model::Session;
use leptos::prelude::*;

const TOKEN_KEY: &str = "flow-studio.token";
const API_BASE_KEY: &str = "flow-studio.api-base";
const DOMAIN_KEY: &str = "flow-studio.domain";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read(storage: Option<web_sys::Storage>, key: &str) -> Option<String> {
    storage?
        .get_item(key)
        .ok()
        .flatten()
        .filter(|value| !value.is_empty())
}

fn write(storage: Option<web_sys::Storage>, key: &str, value: Option<&str>) {
    if let Some(storage) = storage {
        let _ = match value {
            Some(value) => storage.set_item(key, value),
            None => storage.remove_item(key),
        };
    }
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
            token: RwSignal::new(read(session_storage(), TOKEN_KEY)),
            session: RwSignal::new(None),
            api_base: RwSignal::new(
                read(local_storage(), API_BASE_KEY).unwrap_or_else(|| DEFAULT_API_BASE.to_owned()),
            ),
        }
    }

    pub fn client(&self) -> ApiClient {
        ApiClient::new(self.api_base.get_untracked(), self.token.get_untracked())
    }

    pub fn signed_in(&self, token: String, session: Session) {
        write(session_storage(), TOKEN_KEY, Some(&token));
        write(local_storage(), DOMAIN_KEY, Some(&session.domain));
        self.token.set(Some(token));
        self.session.set(Some(session));
    }

    pub fn signed_out(&self) {
        write(session_storage(), TOKEN_KEY, None);
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
        write(local_storage(), API_BASE_KEY, Some(base));
        self.api_base.set(base.to_owned());
    }

    /// The domain of the last sign-in, to fill the login form.
    pub fn last_domain() -> Option<String> {
        read(local_storage(), DOMAIN_KEY)
    }
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
