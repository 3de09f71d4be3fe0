//! A test double of Webitel's engine HTTP wire, built as a proxy in front of our own server.
//!
//! The real engine cannot run in our tests, so this answers the way it does: a client (our
//! web app, `flows`, a test) talks to the double exactly as it would talk to Webitel; the
//! double forwards each call to our server (whose base URL it is given) and turns the request
//! and the answer into what Webitel's engine would take and give. What each rule reproduces,
//! and the public source it was read from, is in [`wire`] and in this crate's `README.md`.
//!
//! ```no_run
//! # async fn run() -> Result<(), webitel_double::Error> {
//! let upstream = "http://127.0.0.1:8080".parse().expect("a URL");
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
//! println!("Webitel's wire at http://{}", listener.local_addr().expect("an address"));
//! webitel_double::serve(listener, webitel_double::app(upstream), std::future::pending()).await
//! # }
//! ```

mod error;
mod proxy;
pub mod wire;

pub use error::Error;
pub use proxy::{app, app_with, Options};
pub use reqwest::Url;

use std::future::Future;

/// Serves `app` on `listener` until `shutdown` completes, then finishes the calls in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(Error::Serve)
}
