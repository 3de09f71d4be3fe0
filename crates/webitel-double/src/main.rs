//! `webitel-double --listen 127.0.0.1:0 --upstream http://127.0.0.1:8080`: Webitel's engine
//! wire in front of our server. Prints the address it listens on (`http://host:port`) as the
//! first line of its output, then serves until Ctrl-C.

use clap::Parser;
use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use webitel_double::{app_with, serve, Error, Options, Url};

#[derive(Parser, Debug)]
#[command(
    version,
    about = "A test double of Webitel's engine HTTP wire, in front of our server"
)]
struct Args {
    /// Where to listen; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Our server's base URL (its API is under /api).
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    upstream: Url,
    /// The domain of a sign-in whose username has no `@domain` and whose body names none.
    #[arg(long)]
    default_domain: Option<String>,
    /// A JSON file of Webitel's directories: `{"queue": [{"id": 12, "name": "Sales"}], …}`
    /// by kind (queue, calendar, list, media, email-profile).
    #[arg(long)]
    directory: Option<std::path::PathBuf>,
}

async fn run(args: Args) -> Result<(), Error> {
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|source| Error::Listen {
            address: args.listen.to_string(),
            source,
        })?;
    let address = listener.local_addr().map_err(|source| Error::Listen {
        address: args.listen.to_string(),
        source,
    })?;
    println!("http://{address}");
    let _ = std::io::stdout().flush();
    eprintln!(
        "webitel-double: Webitel's wire at http://{address}, in front of {}",
        args.upstream
    );
    let directory = match &args.directory {
        Some(file) => read_directory(file)?,
        None => Default::default(),
    };
    let options = Options {
        upstream: args.upstream,
        default_domain: args.default_domain,
        directory,
    };
    serve(listener, app_with(options), async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

fn read_directory(
    file: &std::path::Path,
) -> Result<serde_json::Map<String, serde_json::Value>, Error> {
    let unreadable = |reason: String| Error::Directory {
        file: file.display().to_string(),
        reason,
    };
    let text = std::fs::read_to_string(file).map_err(|error| unreadable(error.to_string()))?;
    serde_json::from_str(&text).map_err(|error| unreadable(error.to_string()))
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Args::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("webitel-double: {error}");
            ExitCode::FAILURE
        }
    }
}
