//! Flow Studio's server: the Webitel-compatible routing-schema API over SQLite or PostgreSQL,
//! and the built web app.

pub mod auth;
pub mod config;
pub mod error;
pub mod json;
pub mod openapi;
pub mod responses;
mod routes;
pub mod state;
pub mod store;
pub mod web;

use crate::config::{AddUser, Cli, Command, ServeArgs};
use crate::error::{Error, Result};
use crate::state::{AppState, Settings};
use crate::store::{NewUser, Store, StoreOptions};
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Request};
use axum::{middleware, Router};
use flow_model::{contract, Role};
use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// The whole HTTP application: `/api` and the web app from `static_dir`.
pub fn app(state: AppState, static_dir: &Path) -> Router {
    let index_html = std::fs::read_to_string(static_dir.join("index.html")).ok();
    let csp = HeaderValue::from_str(&web::content_security_policy(index_html.as_deref()))
        .expect("the policy is plain ASCII");
    let body_limit = state.settings.body_limit;
    let router = Router::new().nest(
        contract::API_BASE,
        routes::api_router(openapi::documented_router()),
    );
    let router = if let Some(index_html) = &index_html {
        let base = &state.settings.base_path;
        router.merge(web::spa_router(
            static_dir,
            web::page_under(index_html, base),
            base,
        ))
    } else {
        let static_dir = static_dir.to_owned();
        router.fallback(move || web::spa_missing(static_dir.clone()))
    };
    router
        .layer(DefaultBodyLimit::max(body_limit))
        .with_state(state)
        .layer(middleware::from_fn(move |request, next| {
            web::page_headers(csp.clone(), request, next)
        }))
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<_>| {
                    let request_id = request
                        .headers()
                        .get("x-request-id")
                        .and_then(|value| value.to_str().ok())
                        .unwrap_or_default();
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id)
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

fn settings(args: &ServeArgs) -> Settings {
    Settings {
        base_path: args.base_path.clone(),
        body_limit: args.body_limit,
        max_json_depth: usize::from(args.max_json_depth),
        token_lifetime_ms: i64::from(args.token_hours) * 3600 * 1000,
        login_throttle: state::LoginThrottle {
            per_user: i64::from(args.login_failures_per_user),
            per_address: i64::from(args.login_failures_per_address),
            window_ms: i64::from(args.login_throttle_minutes) * 60 * 1000,
        },
    }
}

async fn open_store(cli: &Cli) -> Result<Store> {
    Store::open(
        &cli.database_url,
        StoreOptions {
            max_connections: cli.serve.max_connections,
            versions_kept: cli.serve.versions_kept,
        },
    )
    .await
}

/// On an empty database, creates the first admin and prints how to sign in (once).
async fn create_first_admin(store: &Store, args: &ServeArgs) -> Result<()> {
    if store.count_users().await? > 0 {
        return Ok(());
    }
    let (password, shown) = match &args.admin_password {
        Some(password) => (
            password.clone(),
            "(the one given in FLOW_STUDIO_ADMIN_PASSWORD / --admin-password)".to_owned(),
        ),
        None => {
            let password = auth::new_password();
            (password.clone(), password)
        }
    };
    store
        .create_user(NewUser {
            domain: &args.admin_domain,
            username: &args.admin_username,
            password_hash: auth::hash_password(&password)?,
            permissions: Role::Admin.permissions(),
            admin: true,
        })
        .await?;
    println!(
        "\nFlow Studio: created the first admin account (shown only this once)\n  domain:   {}\n  username: {}\n  password: {}\n",
        args.admin_domain, args.admin_username, shown
    );
    Ok(())
}

async fn add_user(store: &Store, add: &AddUser) -> Result<()> {
    store
        .create_user(NewUser {
            domain: add.domain.trim(),
            username: add.username.trim(),
            password_hash: auth::hash_password(&add.password)?,
            permissions: add.role.permissions(),
            admin: add.role == Role::Admin,
        })
        .await?;
    println!(
        "added {} ({}) to domain {}",
        add.username.trim(),
        add.role,
        add.domain.trim()
    );
    Ok(())
}

/// Serves on `listener` until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    // Each request knows the client's address (sign-ins are throttled per address too).
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .map_err(|error| Error::Internal(format!("server: {error}")))
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Runs what the command line asks for.
pub async fn run(cli: Cli) -> Result<()> {
    match &cli.command {
        Some(Command::Openapi) => {
            print!("{}", openapi::document());
            Ok(())
        }
        Some(Command::AddUser(add)) => add_user(&open_store(&cli).await?, add).await,
        Some(Command::Serve) | None => {
            let store = open_store(&cli).await?;
            create_first_admin(&store, &cli.serve).await?;
            let state = AppState {
                store: store.clone(),
                settings: Arc::new(settings(&cli.serve)),
            };
            let listener = TcpListener::bind(cli.serve.bind).await.map_err(|error| {
                Error::Internal(format!("cannot listen on {}: {error}", cli.serve.bind))
            })?;
            let address = listener
                .local_addr()
                .map_err(|error| Error::Internal(error.to_string()))?;
            tracing::info!(backend = ?store.backend(), "listening on http://{address}");
            println!("Flow Studio is running at http://{address}  (Ctrl-C stops it)");
            serve(
                listener,
                app(state, &cli.serve.static_dir),
                shutdown_signal(),
            )
            .await?;
            store.close().await;
            Ok(())
        }
    }
}
