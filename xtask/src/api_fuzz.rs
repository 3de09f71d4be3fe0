//! Property-based fuzzing of the HTTP API with Schemathesis: the server binary, fresh on a
//! loopback port over a temporary SQLite file, is called as its first admin with requests made
//! from the OpenAPI document it serves. It must never answer 5xx, and every answer must be as
//! documented: status, content type, headers and body (so every error is the one error body).

use crate::{check, command, empty_folder, root, run, setup};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// What Schemathesis spends, in seconds: it repeats its phases (coverage, fuzzing, stateful
/// chains along the document's links) until this is used up.
const BUDGET_SECONDS: u64 = 90;
/// Test cases per operation in each round.
const EXAMPLES: &str = "100";
/// Past the budget by this much, the run is taken as hung and stopped.
const GRACE: Duration = Duration::from_secs(60);
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
                      response_headers_conformance,response_schema_conformance";
/// The first admin's password, known to the sign-in settings in `xtask/api-fuzz.toml`.
const ADMIN_PASSWORD: &str = "api-fuzz-admin-password";

/// Fuzzes the API for about [`BUDGET_SECONDS`]; fails when Schemathesis finds a problem, which
/// it prints with a `curl` command that reproduces it.
pub fn api_fuzz() -> Result<(), String> {
    let schemathesis = setup::schemathesis()?;
    run(
        "cargo",
        &[
            "build",
            "--quiet",
            "--package",
            "flow-server",
            "--bin",
            "flow-studio-server",
        ],
        &[],
    )?;
    let folder = root().join("target/api-fuzz");
    empty_folder(&folder)?;
    let server = Server::start(&folder)?;
    let base = format!("{}/api", server.address);
    let budget = BUDGET_SECONDS.to_string();
    let config = root().join("xtask/api-fuzz.toml");
    let config = config.to_string_lossy();
    let document = format!("{base}/openapi.json");
    let args = [
        "--config-file",
        &config,
        "run",
        &document,
        "--url",
        &base,
        "--checks",
        CHECKS,
        "--max-examples",
        EXAMPLES,
        "--max-time",
        &budget,
        "--request-timeout",
        "10",
        "--generation-database",
        "none",
        "--no-color",
    ];
    let program = schemathesis.to_string_lossy();
    let fuzzer = command(
        &program,
        &args,
        &[("FLOW_STUDIO_FUZZ_PASSWORD", ADMIN_PASSWORD.to_owned())],
    )
    .current_dir(&folder)
    .spawn()
    .map_err(|error| format!("cannot run {program}: {error}"))?;
    let deadline = Duration::from_secs(BUDGET_SECONDS) + GRACE;
    let status = wait_at_most(fuzzer, deadline)
        .map_err(|error| format!("{error}; the server's log is {}", server.log.display()))?;
    check(&program, &args, status).map_err(|_| {
        format!(
            "Schemathesis found the problems above in the API; the server's log is {}",
            server.log.display()
        )
    })
}

/// Waits for `child`, stopping it once `limit` has passed.
fn wait_at_most(mut child: Child, limit: Duration) -> Result<std::process::ExitStatus, String> {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().map_err(|error| error.to_string())? {
            return Ok(status);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "Schemathesis ran past {} s and was stopped",
                limit.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The server under test; stopped when dropped.
struct Server {
    process: Child,
    address: String,
    log: PathBuf,
}

impl Server {
    /// Starts the built server binary on a free loopback port over `folder/flows.db`, without
    /// the sign-in throttle getting in the fuzzer's way (429 stays documented).
    fn start(folder: &Path) -> Result<Self, String> {
        let log = folder.join("server.log");
        let output = std::fs::File::create(&log).map_err(|error| error.to_string())?;
        let errors = output.try_clone().map_err(|error| error.to_string())?;
        let database = format!("sqlite://{}", folder.join("flows.db").display());
        let process = Command::new(root().join("target/debug/flow-studio-server"))
            .args([
                "--database-url",
                &database,
                "--bind",
                "127.0.0.1:0",
                "--static-dir",
                &folder.join("no-web-app").to_string_lossy(),
                "--admin-password",
                ADMIN_PASSWORD,
                "--login-failures-per-user",
                "100000",
                "--login-failures-per-address",
                "100000",
                "--log-level",
                "warn",
            ])
            .stdout(output)
            .stderr(errors)
            .spawn()
            .map_err(|error| format!("cannot start flow-studio-server: {error}"))?;
        let mut server = Self {
            process,
            address: String::new(),
            log,
        };
        server.address = server.announced_address()?;
        Ok(server)
    }

    /// The address the server prints once it listens.
    fn announced_address(&mut self) -> Result<String, String> {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(30) {
            let text = std::fs::read_to_string(&self.log).unwrap_or_default();
            if let Some(address) = text
                .split_once("running at ")
                .and_then(|(_, rest)| rest.split_whitespace().next())
            {
                return Ok(address.to_owned());
            }
            if let Ok(Some(status)) = self.process.try_wait() {
                return Err(format!("flow-studio-server exited ({status}):\n{text}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!(
            "flow-studio-server did not start listening within 30 s; see {}",
            self.log.display()
        ))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}
