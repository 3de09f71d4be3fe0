//! Command-line and environment configuration.

use crate::web::BasePath;
use clap::{Args, Parser, Subcommand};
use flow_model::Role;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "flow-studio-server",
    version,
    about = "Flow Studio: the flow API and the web app"
)]
pub struct Cli {
    /// Where flows are stored: a SQLite file (`sqlite://path` or a plain path) or `postgres://…`.
    #[arg(
        long,
        env = "FLOW_STUDIO_DATABASE_URL",
        default_value = "sqlite://data/flow-studio.db",
        global = true
    )]
    pub database_url: String,

    /// Log filter: error, warn, info, debug, trace, or a tracing directive list.
    #[arg(long, env = "FLOW_STUDIO_LOG", default_value = "info", global = true)]
    pub log_level: String,

    /// Write logs as JSON lines instead of text.
    #[arg(long, env = "FLOW_STUDIO_LOG_JSON", global = true)]
    pub log_json: bool,

    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the API and the web app (what runs without a command).
    Serve,
    /// Add a user to a domain (the domain is created when new).
    AddUser(AddUser),
    /// Print the API's OpenAPI document (what `/api/openapi.json` serves) and exit.
    Openapi,
}

#[derive(Args, Debug)]
pub struct AddUser {
    #[arg(long)]
    pub domain: String,
    #[arg(long)]
    pub username: String,
    /// The password; read from FLOW_STUDIO_PASSWORD when not given.
    #[arg(long, env = "FLOW_STUDIO_PASSWORD", hide_env_values = true)]
    pub password: String,
    #[arg(long, value_parser = RoleParser, default_value = "editor")]
    pub role: Role,
}

/// Lets clap read a [`Role`] by name.
#[derive(Clone)]
pub struct RoleParser;

impl clap::builder::TypedValueParser for RoleParser {
    type Value = Role;

    fn parse_ref(
        &self,
        _: &clap::Command,
        _: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Role, clap::Error> {
        value
            .to_str()
            .unwrap_or_default()
            .parse()
            .map_err(|reason: String| {
                clap::Error::raw(clap::error::ErrorKind::InvalidValue, format!("{reason}\n"))
            })
    }
}

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "FLOW_STUDIO_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// The built web app (trunk's `dist`).
    #[arg(long, env = "FLOW_STUDIO_STATIC_DIR", default_value = "dist")]
    pub static_dir: PathBuf,

    /// The path the web app is served under (the API stays at `/api`): `/flow-diagram` serves
    /// it where Webitel's admin opens its Flow Diagram app.
    #[arg(long, env = "FLOW_STUDIO_BASE_PATH", default_value = "")]
    pub base_path: BasePath,

    /// Largest request body in bytes; larger ones get 413.
    #[arg(long, env = "FLOW_STUDIO_BODY_LIMIT", default_value_t = 10 * 1024 * 1024)]
    pub body_limit: usize,

    /// Deepest nesting of arrays and objects accepted in a request body (1-120). Kept below
    /// serde_json's default limit of 128 with room for the list wrappers, so every client can
    /// read back what was stored.
    #[arg(long, env = "FLOW_STUDIO_MAX_JSON_DEPTH", default_value_t = 100, value_parser = clap::value_parser!(u16).range(1..=120))]
    pub max_json_depth: u16,

    /// How many earlier versions of each flow to keep.
    #[arg(long, env = "FLOW_STUDIO_VERSIONS_KEPT", default_value_t = 100, value_parser = clap::value_parser!(i64).range(1..))]
    pub versions_kept: i64,

    /// Hours an access token stays valid.
    #[arg(long, env = "FLOW_STUDIO_TOKEN_HOURS", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=8760))]
    pub token_hours: u32,

    /// Failed sign-ins of one user allowed within the throttle window (then 429 until it
    /// passes).
    #[arg(long, env = "FLOW_STUDIO_LOGIN_FAILURES_PER_USER", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    pub login_failures_per_user: u32,

    /// Failed sign-ins from one client address allowed within the throttle window.
    #[arg(long, env = "FLOW_STUDIO_LOGIN_FAILURES_PER_ADDRESS", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub login_failures_per_address: u32,

    /// The sign-in throttle window, in minutes.
    #[arg(long, env = "FLOW_STUDIO_LOGIN_THROTTLE_MINUTES", default_value_t = 15, value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub login_throttle_minutes: u32,

    /// Database connections per server.
    #[arg(long, env = "FLOW_STUDIO_MAX_CONNECTIONS", default_value_t = 16)]
    pub max_connections: u32,

    /// First start only: the domain of the admin user created in an empty database.
    #[arg(long, env = "FLOW_STUDIO_ADMIN_DOMAIN", default_value = "main")]
    pub admin_domain: String,

    /// First start only: the admin's username.
    #[arg(long, env = "FLOW_STUDIO_ADMIN_USERNAME", default_value = "admin")]
    pub admin_username: String,

    /// First start only: the admin's password (a random one is made and printed when not given).
    #[arg(long, env = "FLOW_STUDIO_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn reads_add_user() {
        let cli = Cli::try_parse_from([
            "flow-studio-server",
            "--database-url",
            "x.db",
            "add-user",
            "--domain",
            "acme",
            "--username",
            "ann",
            "--password",
            "secret-pass",
            "--role",
            "viewer",
        ])
        .unwrap();
        let Some(Command::AddUser(add)) = cli.command else {
            panic!("not add-user")
        };
        assert_eq!(
            (add.role, cli.database_url.as_str()),
            (Role::Viewer, "x.db")
        );
        assert!(Cli::try_parse_from([
            "s",
            "add-user",
            "--domain",
            "a",
            "--username",
            "b",
            "--password",
            "c",
            "--role",
            "root"
        ])
        .is_err());
    }
}
