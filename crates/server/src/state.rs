use crate::store::Store;
use crate::web::BasePath;
use std::sync::Arc;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub settings: Arc<Settings>,
}

/// Request handling limits and where the web app is served, from the command line.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The path the web app is served under.
    pub base_path: BasePath,
    /// Largest accepted request body, in bytes.
    pub body_limit: usize,
    /// Deepest accepted nesting of arrays and objects in a request body.
    pub max_json_depth: usize,
    /// How long an access token lives, in milliseconds.
    pub token_lifetime_ms: i64,
    pub login_throttle: LoginThrottle,
}

/// How many failed sign-ins are allowed, per user and per client address, within a window;
/// past that, sign-ins are refused (429) until the oldest failure leaves the window.
#[derive(Clone, Copy, Debug)]
pub struct LoginThrottle {
    pub per_user: i64,
    pub per_address: i64,
    pub window_ms: i64,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self {
            per_user: 5,
            per_address: 20,
            window_ms: 15 * 60 * 1000,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            base_path: BasePath::default(),
            body_limit: 10 * 1024 * 1024,
            max_json_depth: 100,
            token_lifetime_ms: 12 * 3600 * 1000,
            login_throttle: LoginThrottle::default(),
        }
    }
}
