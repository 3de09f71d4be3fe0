//! Flow Studio's developer commands: `cargo xtask <command>`.
//!
//! - `setup`  install what this machine lacks (quiet when everything is there)
//! - `build`  build the web app (trunk, release) into `dist/`, its editors split off into
//!   WebAssembly chunks loaded on first use, with Brotli and gzip copies of its files
//! - `start`  build everything and run the server on SQLite at http://127.0.0.1:8080
//! - `test`   every check and test: fmt, clippy, unit, API on SQLite and PostgreSQL, browser,
//!   fuzzing of the model and of the HTTP API, a short load and faults run
//! - `fuzz`   fuzz the model's decompile + compile (seconds after `--`, default 60)
//! - `api-fuzz`  fuzz the HTTP API against its OpenAPI document with Schemathesis (90 s)
//! - `openapi`  rewrite `crates/server/openapi.json` from the code
//! - `locales`  rewrite the English catalog texts, `crates/model/locales/en/catalog.ftl`
//! - `bench`  the model, simulator, layout beside ELK, search, who-uses and in-flow search, Flow
//!   page, code editor, diagram editor and Run panel benchmarks
//! - `resilience`  load and faults, every acknowledged write checked; the README's table
//!
//! Standard library only, so it compiles in seconds on a fresh machine.

mod api_fuzz;
mod precompress;
mod setup;
mod split;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The workspace root (this crate lives in `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .to_path_buf()
}

/// A command to run in the workspace root, announced the way a shell would echo it.
fn command(program: &str, args: &[&str], envs: &[(&str, String)]) -> Command {
    println!("$ {program} {}", args.join(" "));
    let mut command = Command::new(program);
    command
        .args(args)
        .envs(envs.iter().map(|(key, value)| (*key, value.as_str())))
        .current_dir(root());
    command
}

/// Whether a finished command succeeded, as this tool reports it.
fn check(program: &str, args: &[&str], status: std::process::ExitStatus) -> Result<(), String> {
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// Empties `folder` (making it if missing) for a step's fresh output.
pub fn empty_folder(folder: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(folder);
    std::fs::create_dir_all(folder).map_err(|error| format!("{}: {error}", folder.display()))
}

/// Runs a command in the workspace root, failing with its name when it fails.
pub fn run(program: &str, args: &[&str], envs: &[(&str, String)]) -> Result<(), String> {
    let status = command(program, args, envs)
        .status()
        .map_err(|error| format!("cannot run {program}: {error}"))?;
    check(program, args, status)
}

/// Runs a test command, passing its output through, and counts what its test runners report.
fn run_tests(
    args: &[&str],
    envs: &[(&str, String)],
    totals: &mut (u64, u64),
) -> Result<(), String> {
    use std::io::{BufRead, BufReader};
    let mut child = command("cargo", args, envs)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    let stdout = child.stdout.take().expect("piped");
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        println!("{line}");
        // "test result: ok. 12 passed; 0 failed; ..."
        if let Some(summary) = line.strip_prefix("test result: ") {
            let count = |word: &str| {
                summary
                    .split(';')
                    .find_map(|part| {
                        part.trim()
                            .trim_start_matches("ok. ")
                            .trim_start_matches("FAILED. ")
                            .strip_suffix(word)
                    })
                    .and_then(|number| number.trim().parse::<u64>().ok())
                    .unwrap_or(0)
            };
            totals.0 += count(" passed");
            totals.1 += count(" failed");
        }
    }
    let status = child.wait().map_err(|error| error.to_string())?;
    check("cargo", args, status)
}

/// PATH with the locally installed build tools (wasm-opt) first.
fn tool_path() -> String {
    let local = root().join("tools/node_modules/.bin");
    format!(
        "{}:{}",
        local.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// The web app into `dist/`, and the precompressed copies of its files the server sends.
fn build_web_app() -> Result<(), String> {
    run(
        "trunk",
        &["build", "--release", "--offline", "--skip-version-check"],
        &[("PATH", tool_path()), ("NO_COLOR", "true".into())],
    )?;
    split::split_web_app(&root().join("dist"))?;
    precompress::precompress(&root().join("dist"))
}

fn start(extra: &[String]) -> Result<(), String> {
    setup::tools()?;
    build_web_app()?;
    let mut args = vec![
        "run",
        "--release",
        "--package",
        "flow-server",
        "--",
        "--static-dir",
        "dist",
    ];
    args.extend(extra.iter().map(String::as_str));
    run("cargo", &args, &[])
}

fn test() -> Result<(), String> {
    setup::tools()?;
    setup::browser()?;
    setup::postgres()?;
    let browser_env = [
        ("CHROMEDRIVER", setup::CHROMEDRIVER.to_owned()),
        ("PATH", tool_path()),
    ];
    run("cargo", &["fmt", "--all", "--check"], &[])?;
    clippy(&["--workspace"])?;
    clippy(&[
        "--package",
        "flow-studio",
        "--target",
        "wasm32-unknown-unknown",
    ])?;
    // The production build's code: the editors behind their split points.
    clippy(&[
        "--package",
        "flow-studio",
        "--target",
        "wasm32-unknown-unknown",
        "--features",
        "split",
    ])?;
    // The browser scenarios serve the real build.
    build_web_app()?;
    let mut totals = (0, 0);
    run_tests(&["test", "--workspace"], &browser_env, &mut totals)?;
    run_tests(
        &[
            "test",
            "--package",
            "flow-studio",
            "--target",
            "wasm32-unknown-unknown",
        ],
        &browser_env,
        &mut totals,
    )?;
    fuzz(30)?;
    api_fuzz::api_fuzz()?;
    // Load and faults, short: that they still hold (the README's table is from 60 s runs).
    resilience(10, false)?;
    println!(
        "\nall checks and tests passed (and 30 s of model fuzzing, 90 s of API fuzzing, \
         load and faults)"
    );
    println!("tests: {} passed, {} failed", totals.0, totals.1);
    Ok(())
}

/// Rewrites `crates/server/openapi.json` with the document the server's code makes (a test
/// fails while the two differ).
fn openapi() -> Result<(), String> {
    write_generated(
        &[
            "--package",
            "flow-server",
            "--bin",
            "flow-studio-server",
            "--",
            "openapi",
        ],
        "crates/server/openapi.json",
    )
}

/// Rewrites the English catalog texts, which translators translate, from the catalog (a test
/// fails while the two differ).
fn locales() -> Result<(), String> {
    write_generated(
        &["--package", "flow-model", "--example", "english_catalog"],
        "crates/model/locales/en/catalog.ftl",
    )
}

/// Writes what `cargo run --quiet <what>` prints to `file` (from the workspace root).
fn write_generated(what: &[&str], file: &str) -> Result<(), String> {
    let mut args = vec!["run", "--quiet"];
    args.extend(what);
    let output = command("cargo", &args, &[])
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    check("cargo", &args, output.status)?;
    let file = root().join(file);
    std::fs::write(&file, output.stdout).map_err(|error| format!("{}: {error}", file.display()))?;
    println!("wrote {}", file.display());
    Ok(())
}

/// Clippy over `scope` (packages, target), every target, no warning allowed.
fn clippy(scope: &[&str]) -> Result<(), String> {
    let mut args = vec!["clippy"];
    args.extend_from_slice(scope);
    args.extend(["--all-targets", "--quiet", "--", "-D", "warnings"]);
    run("cargo", &args, &[])
}

/// Fuzzes decompile + compile for a bounded time, from the real flows as seeds. cargo-fuzz
/// passes sanitizer flags that only nightly compilers take; RUSTC_BOOTSTRAP lets this stable
/// toolchain accept them.
fn fuzz(seconds: u32) -> Result<(), String> {
    setup::cargo_fuzz()?;
    let seeds = root().join("crates/model/fuzz/corpus/round_trip");
    std::fs::create_dir_all(&seeds).map_err(|error| format!("{}: {error}", seeds.display()))?;
    let shared = root().join("../shared/corpus/webitel");
    let flows =
        std::fs::read_dir(&shared).map_err(|error| format!("{}: {error}", shared.display()))?;
    for entry in flows.flatten() {
        let _ = std::fs::copy(entry.path(), seeds.join(entry.file_name()));
    }
    let fuzz_dir = root().join("crates/model/fuzz");
    let limit = format!("-max_total_time={seconds}");
    run(
        "cargo",
        &[
            "fuzz",
            "run",
            "--fuzz-dir",
            &fuzz_dir.to_string_lossy(),
            "round_trip",
            "--",
            &limit,
        ],
        &[("RUSTC_BOOTSTRAP", "1".to_owned())],
    )
}

fn bench(extra: &[String]) -> Result<(), String> {
    setup::tools()?;
    setup::browser()?;
    setup::postgres()?;
    run(
        "cargo",
        &["bench", "--package", "flow-model", "--bench", "model"],
        &[],
    )?;
    run(
        "cargo",
        &["bench", "--package", "flow-simulator", "--bench", "steps"],
        &[],
    )?;
    // Arrange beside ELK's layered layout (elkjs in node).
    run(
        "cargo",
        &["bench", "--package", "flow-e2e", "--bench", "layout"],
        &[],
    )?;
    let mut args = vec![
        "bench",
        "--package",
        "flow-server",
        "--bench",
        "search",
        "--",
    ];
    args.extend(extra.iter().map(String::as_str));
    run("cargo", &args, &[])?;
    // Who uses an object, and the search inside flows, with 8 connections: their targets are
    // latencies, which more connections than cores only queue.
    let mut args = vec![
        "bench",
        "--package",
        "flow-server",
        "--bench",
        "references",
        "--",
        "--connections",
        "8",
    ];
    args.extend(extra.iter().map(String::as_str));
    run("cargo", &args, &[])?;
    // The page benchmarks measure the real build in the browser.
    build_web_app()?;
    for page in [
        "registry_page",
        "code_editor",
        "diagram_editor",
        "run_panel",
    ] {
        run(
            "cargo",
            &["bench", "--package", "flow-e2e", "--bench", page],
            &[("CHROMEDRIVER", setup::CHROMEDRIVER.to_owned())],
        )?;
    }
    Ok(())
}

/// Load and faults against the release server binary (`flow-resilience`), `seconds` per load
/// run; `readme`: write the results table into README.md.
fn resilience(seconds: u32, readme: bool) -> Result<(), String> {
    setup::postgres()?;
    run(
        "cargo",
        &[
            "build",
            "--release",
            "--package",
            "flow-server",
            "--package",
            "flow-resilience",
        ],
        &[],
    )?;
    let seconds = seconds.to_string();
    let mut args = vec!["--seconds", seconds.as_str()];
    if readme {
        args.push("--readme");
    }
    let binary = root().join("target/release/flow-resilience");
    run(&binary.to_string_lossy(), &args, &[])
}

const USAGE: &str =
    "usage: cargo xtask <setup|build|start|test|fuzz|api-fuzz|openapi|locales|bench|resilience> [arguments]
  setup   install what this machine lacks: wasm target, trunk, wasm-bindgen-cli, wasm-opt and
          the code editor's npm packages, Chromium and ChromeDriver for the browser tests
  build   build the web app into dist/, with Brotli and gzip copies of its files
  start   build and run the server on SQLite at http://127.0.0.1:8080 (server flags after --)
  test    fmt, clippy, and every test: unit, API on SQLite and PostgreSQL, browser, fuzz (30 s),
          API fuzzing (90 s), load and faults (10 s per load run)
  fuzz    fuzz decompile + compile (seconds after --, default 60)
  api-fuzz  fuzz the HTTP API against its OpenAPI document with Schemathesis (90 s)
  openapi   rewrite crates/server/openapi.json from the code
  locales   rewrite crates/model/locales/en/catalog.ftl from the catalog
  bench   the model benchmark, the layout beside ELK, the search benchmark (its flags after --,
          e.g. -- --flows 20000 --engine postgres), then the Flow page, code editor and
          diagram editor benchmarks in the browser
  resilience  load (64 connections, 60 s) and faults (kill -9, PostgreSQL restart, full disk)
          on SQLite and PostgreSQL, every acknowledged write checked; writes the README's
          results table (seconds per load run after --, default 60)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = args
        .split_first()
        .map(|(c, r)| (c.as_str(), r))
        .unwrap_or(("", &[]));
    let rest: Vec<String> = rest.iter().filter(|arg| *arg != "--").cloned().collect();
    let result = match command {
        "setup" => setup::tools().and_then(|()| setup::browser()),
        "build" => setup::tools().and_then(|()| build_web_app()),
        "start" => start(&rest),
        "test" => test(),
        "fuzz" => match rest.first().map(|seconds| seconds.parse::<u32>()) {
            None => fuzz(60),
            Some(Ok(seconds)) => fuzz(seconds),
            Some(Err(_)) => Err(format!("fuzz takes a number of seconds, not {:?}", rest[0])),
        },
        "bench" => bench(&rest),
        "api-fuzz" => api_fuzz::api_fuzz(),
        "openapi" => openapi(),
        "locales" => locales(),
        "resilience" => match rest.first().map(|seconds| seconds.parse::<u32>()) {
            None => resilience(60, true),
            Some(Ok(seconds)) => resilience(seconds, true),
            Some(Err(_)) => Err(format!(
                "resilience takes a number of seconds, not {:?}",
                rest[0]
            )),
        },
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask {command}: {error}");
            ExitCode::FAILURE
        }
    }
}
