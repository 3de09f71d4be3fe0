//! `flows`: validate, format, convert and run flow files, and export or import a domain's flows,
//! with the same model and the same API as the web app.

mod error;
mod files;
mod remote;
mod simulate;

use clap::{CommandFactory, Parser, Subcommand};
use error::CliError;
use files::OutputFormat;
use flow_model::FlowType;
use remote::{ImportOptions, Remote};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "flows",
    version,
    about = "Validate, format, convert, run, test, export and import flows"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the server is and how to sign in to it.
#[derive(clap::Args)]
struct Server {
    /// The server (`http://host:port`, `/api` is added) or its API base URL.
    #[arg(long, env = "FLOWS_SERVER")]
    server: String,
    /// An access token; by default the one `flows login` kept for this server.
    #[arg(long, env = "FLOWS_TOKEN", hide_env_values = true)]
    token: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Check flow files (exported flows or bare schema arrays): prints
    /// `file:line:col: error|warning: message`; fails on any error.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Check as this flow type (default: the type the file declares, else none).
        #[arg(long = "type", value_parser = parse_type)]
        flow_type: Option<FlowType>,
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
    },
    /// Rewrite files in the canonical form: 2-space indented, keys as written.
    Fmt {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Only list the files that are not formatted (and fail if any).
        #[arg(long)]
        check: bool,
    },
    /// Print the diagram of a schema: `{"schema", "payload"}` with every step tagged and laid out.
    ToGraph { file: PathBuf },
    /// Print the schema of a diagram (`{"schema", "payload"}`, e.g. a downloaded Diagram flow).
    ToSchema { file: PathBuf },
    /// Decompile and compile a file's schema: succeeds if the meaning is the same, else shows
    /// the first difference with its JSON path.
    Roundtrip { file: PathBuf },
    /// Sign in and keep the token for the server (password from FLOWS_PASSWORD or stdin).
    Login {
        #[arg(long, env = "FLOWS_SERVER")]
        server: String,
        /// `user@domain`, or the user with --domain.
        #[arg(long)]
        username: String,
        #[arg(long)]
        domain: Option<String>,
    },
    /// Write every flow of the domain to DIR, one `<name>.json` each, the same way every time.
    Export {
        dir: PathBuf,
        #[command(flatten)]
        server: Server,
    },
    /// Make the domain's flows match DIR: create or replace by name; flows that already match
    /// are left alone, so it is safe to run again.
    Import {
        dir: PathBuf,
        #[command(flatten)]
        server: Server,
        /// Show what would change, change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Also delete the flows DIR lacks (asks first).
        #[arg(long)]
        prune: bool,
        /// Do not ask before deleting.
        #[arg(long)]
        yes: bool,
    },
    /// Run a flow in the simulator, as Webitel's runtime would: prints each step, what the
    /// caller is told, how it ended and the variables left (`--format json`: one object).
    /// Prompts take the inputs in order; a prompt left without one ends the run as `waiting`.
    Run {
        file: PathBuf,
        #[command(flatten)]
        options: simulate::RunOptions,
    },
    /// Run the test cases saved with each flow (`payload.tests`): a line per test and a
    /// summary; fails if any fails.
    Test {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Also write the results as JUnit XML to this file.
        #[arg(long)]
        junit: Option<PathBuf>,
    },
    /// Print a completion script for a shell.
    Completions { shell: clap_complete::Shell },
}

fn parse_type(text: &str) -> Result<FlowType, String> {
    text.parse()
}

fn run(command: Command) -> Result<Option<String>, CliError> {
    match command {
        Command::Check {
            files,
            flow_type,
            format,
        } => files::check(&files, flow_type, format).map(|()| None),
        Command::Fmt { files, check } => files::fmt(&files, check).map(|()| None),
        Command::ToGraph { file } => files::to_graph(&file).map(|text| {
            print!("{text}");
            None
        }),
        Command::ToSchema { file } => files::to_schema(&file).map(|text| {
            print!("{text}");
            None
        }),
        Command::Roundtrip { file } => files::roundtrip(&file).map(Some),
        Command::Login {
            server,
            username,
            domain,
        } => remote::login(&server, &username, domain.as_deref()).map(Some),
        Command::Export { dir, server } => {
            let remote = Remote::connect(&server.server, server.token)?;
            remote::export(&remote, &dir).map(Some)
        }
        Command::Import {
            dir,
            server,
            dry_run,
            prune,
            yes,
        } => {
            let remote = Remote::connect(&server.server, server.token)?;
            let options = ImportOptions {
                dry_run,
                prune,
                yes,
            };
            remote::import(&remote, &dir, &options).map(Some)
        }
        Command::Run { file, options } => simulate::run(&file, options).map(Some),
        Command::Test { files, junit } => simulate::test(&files, junit.as_deref()).map(Some),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "flows", &mut script);
            // A closed pipe (`| head`) is the reader's choice, not a failure.
            let _ = std::io::Write::write_all(&mut std::io::stdout(), &script);
            Ok(None)
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(message) => {
            if let Some(message) = message {
                println!("{message}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("flows: {error}");
            ExitCode::FAILURE
        }
    }
}
