//! The server binary as a child process: started on a free loopback port with a known admin,
//! stopped by SIGKILL when asked (or when dropped).

use flow_model::contract::LOGIN;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub const ADMIN_PASSWORD: &str = "resilience-admin-password";

pub struct Server {
    child: Child,
    pub base: String,
}

/// The server binary to run (`cargo build --release -p flow-server` makes it).
pub fn binary() -> PathBuf {
    std::env::var_os("FLOW_SERVER_BIN").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/release/flow-studio-server"),
        PathBuf::from,
    )
}

impl Server {
    /// Starts the server on `database_url` and waits until it answers; `log` receives its
    /// output.
    pub async fn start(database_url: &str, log: &Path, port: Option<u16>) -> Result<Self, String> {
        let log_file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .map_err(|error| format!("{}: {error}", log.display()))?;
        let bind = format!("127.0.0.1:{}", port.unwrap_or(0));
        let mut child = Command::new(binary())
            .args(["--database-url", database_url])
            .args(["--admin-password", ADMIN_PASSWORD])
            .args(["--bind", &bind, "--log-level", "warn"])
            .args(["--static-dir", "/nonexistent", "--max-connections", "32"])
            // The load signs in once per connection; nothing here guesses passwords.
            .args(["--login-failures-per-address", "1000000"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log_file)
            .kill_on_drop(true)
            .spawn()
            .map_err(|error| format!("{}: {error}", binary().display()))?;
        let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
        let base = tokio::time::timeout(Duration::from_secs(60), async {
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(url) = line
                    .split_whitespace()
                    .find(|word| word.starts_with("http://"))
                {
                    return Some(url.to_owned());
                }
            }
            None
        })
        .await
        .ok()
        .flatten()
        .ok_or("the server did not start listening within 60 s")?;
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(Self { child, base })
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.base
            .rsplit(':')
            .next()
            .and_then(|port| port.parse().ok())
            .unwrap_or_default()
    }

    /// SIGKILL: no shutdown, no flushing.
    pub async fn kill(mut self) {
        let _ = self.child.kill().await;
    }
}

/// Signs in as the admin; the access token.
pub async fn sign_in(http: &reqwest::Client, base: &str) -> Result<String, String> {
    let reply = http
        .post(format!("{base}{}", LOGIN.served_path))
        .json(
            &serde_json::json!({"username": "admin", "password": ADMIN_PASSWORD, "domain": "main"}),
        )
        .send()
        .await
        .map_err(|error| format!("sign in: {error}"))?;
    let body: serde_json::Value = reply
        .json()
        .await
        .map_err(|error| format!("sign in: {error}"))?;
    body["access_token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("sign in refused: {body}"))
}
