//! Load and faults against the real server binary, and the README's results table.
//!
//! `cargo run --release -p flow-resilience -- [--seconds N] [--readme]` (or
//! `cargo xtask resilience`): for SQLite and PostgreSQL, a 64-connection run of the realistic
//! mix, then the same load with the server killed (SIGKILL) and restarted in the middle; a
//! PostgreSQL restarted under a running server; SQLite on a disk that fills up and frees again.
//! After each, every acknowledged write is checked. Prints the table; `--readme` also writes it
//! into README.md between its markers. Exits non-zero when anything did not hold.

mod faults;
mod load;
mod server;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

const CONNECTIONS: usize = 64;
const README_START: &str = "<!-- resilience:start -->";
const README_END: &str = "<!-- resilience:end -->";

/// One line of the results table.
pub struct Row {
    pub tried: String,
    pub engine: &'static str,
    pub ledger: load::Ledger,
    pub seconds: f64,
    pub checked: usize,
    pub lost: Vec<String>,
    /// What held (or did not), beyond the numbers.
    pub held: Vec<String>,
    pub failed: Vec<String>,
}

impl Row {
    fn passed(&self) -> bool {
        self.lost.is_empty()
            && self.failed.is_empty()
            && self.ledger.errors.is_empty()
            && self.ledger.counts.hung == 0
    }

    fn markdown(&mut self) -> String {
        let counts = self.ledger.counts;
        let p50 = load::percentile(&mut self.ledger.latencies_ms, 0.5);
        let p99 = load::percentile(&mut self.ledger.latencies_ms, 0.99);
        let mut notes = self.held.clone();
        notes.extend(self.failed.iter().map(|failure| format!("**{failure}**")));
        notes.extend(
            self.ledger
                .errors
                .iter()
                .take(3)
                .map(|error| format!("**{error}**")),
        );
        notes.extend(
            self.lost
                .iter()
                .take(3)
                .map(|lost| format!("**lost: {lost}**")),
        );
        format!(
            "| {} | {} | {:.0} | {:.1} / {:.1} | {} | {} / {} / {} | {} of {} | {} | {} |",
            self.tried,
            self.engine,
            counts.requests as f64 / self.seconds.max(0.001),
            p50,
            p99,
            self.ledger.errors.len(),
            counts.unavailable,
            counts.unanswered,
            counts.hung,
            self.checked - self.lost.len(),
            self.checked,
            if self.passed() { "held" } else { "**failed**" },
            notes.join("; ")
        )
    }
}

/// A database for one run: a SQLite file in `folder`, or a new PostgreSQL database (dropped
/// afterwards).
pub struct Database {
    pub url: String,
    postgres_name: Option<String>,
}

impl Database {
    pub fn sqlite(folder: &Path) -> Self {
        Self {
            url: format!("sqlite://{}", folder.join("flows.db").display()),
            postgres_name: None,
        }
    }

    pub fn postgres(host_port: &str, tag: &str) -> Result<Self, String> {
        let name = format!("resilience_{tag}_{}", std::process::id());
        psql(host_port, &format!("CREATE DATABASE {name}"))?;
        Ok(Self {
            url: format!("postgres://postgres@{host_port}/{name}"),
            postgres_name: Some(name),
        })
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let (Some(name), Some(host_port)) = (
            &self.postgres_name,
            self.url
                .strip_prefix("postgres://postgres@")
                .and_then(|rest| rest.split('/').next()),
        ) {
            let _ = psql(
                host_port,
                &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            );
        }
    }
}

/// Runs one statement as the `postgres` user.
pub fn psql(host_port: &str, statement: &str) -> Result<(), String> {
    let (host, port) = host_port.split_once(':').unwrap_or((host_port, "5432"));
    let status = std::process::Command::new("psql")
        .args([
            "-h", host, "-p", port, "-U", "postgres", "-q", "-c", statement,
        ])
        .status()
        .map_err(|error| format!("psql: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("psql {statement:?} failed ({status})"))
    }
}

fn readme() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md")
}

fn write_readme(table: &str) -> Result<(), String> {
    let path = readme();
    let text = std::fs::read_to_string(&path).map_err(|error| format!("README: {error}"))?;
    let (before, rest) = text
        .split_once(README_START)
        .ok_or("README has no resilience:start marker")?;
    let (_, after) = rest
        .split_once(README_END)
        .ok_or("README has no resilience:end marker")?;
    std::fs::write(
        &path,
        format!("{before}{README_START}\n{table}{README_END}{after}"),
    )
    .map_err(|error| format!("README: {error}"))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seconds = args
        .iter()
        .position(|arg| arg == "--seconds")
        .and_then(|at| args.get(at + 1))
        .and_then(|value| value.parse().ok())
        .unwrap_or(60u64);
    let duration = Duration::from_secs(seconds);
    // `--only steady|killed|postgres|disk`: one kind of run (while working on it).
    let only = args
        .iter()
        .position(|arg| arg == "--only")
        .and_then(|at| args.get(at + 1))
        .map(String::as_str);
    let wanted = |kind: &str| only.is_none_or(|only| only == kind);
    let work = tempfile::tempdir().expect("a temporary folder");
    let mut rows = Vec::new();
    for engine in ["SQLite", "PostgreSQL"] {
        if wanted("steady") {
            rows.push(faults::steady_load(engine, duration, work.path()).await);
        }
        if wanted("killed") {
            rows.push(faults::killed_and_restarted(engine, duration, work.path()).await);
        }
    }
    if wanted("postgres") {
        rows.push(faults::postgres_restarted(duration, work.path()).await);
    }
    if wanted("disk") {
        rows.push(faults::disk_full(work.path()).await);
    }
    let mut table = format!(
        "Run with `cargo xtask resilience` ({CONNECTIONS} connections, {seconds} s per load run, on this machine):\n\n\
         | what was tried | engine | requests/s | p50 / p99 ms | errors | 503 / unanswered / hung | flows checked: last acknowledged state found | result | notes |\n\
         |---|---|---|---|---|---|---|---|---|\n"
    );
    for row in &mut rows {
        table.push_str(&row.markdown());
        table.push('\n');
    }
    println!("\n{table}");
    if args.iter().any(|arg| arg == "--readme") {
        if let Err(error) = write_readme(&table) {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
        println!("README.md updated");
    }
    if rows.iter().all(Row::passed) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
