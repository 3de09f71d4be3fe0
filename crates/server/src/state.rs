use crate::store::Store;
use std::sync::Arc;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub settings: Arc<Settings>,
}

/// Request handling limits, from the command line.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Largest accepted request body, in bytes.
    pub body_limit: usize,
    /// Deepest accepted nesting of arrays and objects in a request body.
    pub max_json_depth: usize,
    /// How long an access token lives, in milliseconds.
    pub token_lifetime_ms: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            body_limit: 10 * 1024 * 1024,
            max_json_depth: 100,
            token_lifetime_ms: 12 * 3600 * 1000,
        }
    }
}
