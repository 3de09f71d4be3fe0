//! The double's one error type: what goes wrong between it and our server, or with its socket.

use crate::wire::errors::WireError;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

#[derive(thiserror::Error, Debug)]
pub enum Error {
    #[error("the upstream server did not answer: {0}")]
    Upstream(#[from] reqwest::Error),
    #[error("the upstream server answered {status} with a body that is not JSON: {source}")]
    UpstreamBody {
        status: u16,
        #[source]
        source: serde_json::Error,
    },
    #[error("the upstream server's userinfo is not our server's: {0}")]
    UpstreamSession(#[source] flow_model::userinfo::UserinfoError),
    #[error("the upstream URL and the path {path:?} make no URL: {reason}")]
    UpstreamUrl { path: String, reason: String },
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read the directory {file}: {reason}")]
    Directory { file: String, reason: String },
    #[error("serving stopped: {0}")]
    Serve(#[source] std::io::Error),
}

impl IntoResponse for Error {
    /// A fault of the double or of our server behind it: a 502 in the engine's error shape,
    /// with an id that says it is the double's.
    fn into_response(self) -> Response {
        let error = WireError::new(502, "webitel_double.upstream", self.to_string());
        (
            StatusCode::BAD_GATEWAY,
            [(header::CONTENT_TYPE, "application/json")],
            error.body().to_string(),
        )
            .into_response()
    }
}
