//! One error type for the command line: each says what went wrong, where, and what to do.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Error, Debug)]
pub enum CliError {
    #[error("{path}: {reason}")]
    File { path: PathBuf, reason: String },
    #[error("cannot reach {server}: {reason} (is the URL right and the server running?)")]
    Unreachable { server: String, reason: String },
    #[error("{server} refused {what}: {detail} ({id}, HTTP {code})")]
    Refused {
        server: String,
        what: String,
        id: String,
        code: u16,
        detail: String,
    },
    #[error("not signed in to {0}: run `flows login --server {0}` or pass --token")]
    NotSignedIn(String),
    #[error("{0}")]
    Usage(String),
    /// Problems were found and already printed.
    #[error("{0}")]
    Reported(String),
}

impl CliError {
    pub fn file(path: &std::path::Path, reason: impl ToString) -> Self {
        Self::File {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        }
    }
}
