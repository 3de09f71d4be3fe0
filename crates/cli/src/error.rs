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
    #[error("{server} does not answer as Webitel's API does ({what}: {reason}); is it the API's base URL, such as https://host/api?")]
    NotTheApi {
        server: String,
        what: String,
        reason: String,
    },
    #[error("{server} refused the sign-in as {account}: {detail} ({id}, HTTP {code}); check the username, domain and password")]
    WrongCredentials {
        server: String,
        account: String,
        id: String,
        code: u16,
        detail: String,
    },
    #[error("not signed in to {0}: run `flows login --server {0}` or pass --token")]
    NotSignedIn(String),
    #[error("{server} already has a flow named {name:?}, made after this import read the flows: nothing was written; rename the file's flow, or run the import again to replace that one")]
    NameTaken { server: String, name: String },
    #[error("{name:?} changed on {server} after this import read it ({detail}): nothing was written to it; run the import again to compare anew")]
    Changed {
        server: String,
        name: String,
        detail: String,
    },
    #[error("{server} accepted {name:?} but holds something else when read back: {fields} differ")]
    NotKept {
        server: String,
        name: String,
        fields: String,
    },
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
