//! Installing what a fresh machine lacks, idempotently: each step first checks whether the
//! tool is already there at the right version and stays silent if so.

use crate::{root, run};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";
/// The splitter of the web app's WebAssembly: the one that reads what Leptos's `lazy` marks.
pub const WASM_SPLIT_VERSION: &str = "0.2.4";

/// The first line a tool prints for `--version`, if it runs.
fn version_of(program: &str) -> Option<String> {
    let output = Command::new(program).arg("--version").output().ok()?;
    output.status.success().then(|| {
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned()
    })
}

/// The version of `package` that Cargo.lock resolved.
fn locked_version(package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|error| format!("Cargo.lock: {error}"))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .ok_or_else(|| format!("{package} is not in Cargo.lock"))?
        + needle.len();
    Ok(lock[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned())
}

/// `cargo install` at an exact version; `--locked` first, since newer dependencies may not
/// build, then without it, since the registry mirror may lack a locked version.
fn cargo_install(package: &str, version: &str, extra: &[&str]) -> Result<(), String> {
    let args = [&["install", package, "--version", version], extra].concat();
    run("cargo", &[args.as_slice(), &["--locked"]].concat(), &[])
        .or_else(|_| run("cargo", &args, &[]))
}

/// Whether `cargo install` put `package` at `version` on this machine.
fn installed(package: &str, version: &str) -> bool {
    Command::new("cargo")
        .args(["install", "--list"])
        .output()
        .is_ok_and(|output| {
            String::from_utf8_lossy(&output.stdout)
                .lines()
                .any(|line| line.starts_with(&format!("{package} v{version}:")))
        })
}

/// The wasm target, trunk, wasm-bindgen-cli at the locked version, the splitter, and wasm-opt.
pub fn tools() -> Result<(), String> {
    let targets = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|error| format!("rustup: {error}"))?;
    if !String::from_utf8_lossy(&targets.stdout).contains("wasm32-unknown-unknown") {
        run("rustup", &["target", "add", "wasm32-unknown-unknown"], &[])?;
    }
    for (component, program) in [("rustfmt", "cargo-fmt"), ("clippy", "cargo-clippy")] {
        if version_of(program).is_none() {
            run("rustup", &["component", "add", component], &[])?;
        }
    }
    if !version_of("trunk").is_some_and(|version| version.ends_with(TRUNK_VERSION)) {
        cargo_install("trunk", TRUNK_VERSION, &[])?;
    }
    let bindgen = locked_version("wasm-bindgen")?;
    if !version_of("wasm-bindgen").is_some_and(|version| version.ends_with(&bindgen)) {
        cargo_install("wasm-bindgen-cli", &bindgen, &[])?;
    }
    if !installed("wasm_split_cli_support", WASM_SPLIT_VERSION) {
        cargo_install(
            "wasm_split_cli_support",
            WASM_SPLIT_VERSION,
            &["--features", "build-binary"],
        )?;
    }
    if node_tools_outdated() {
        run(
            "npm",
            &["ci", "--prefix", "tools", "--no-audit", "--no-fund"],
            &[],
        )?;
    }
    Ok(())
}

/// Whether `tools/node_modules` lacks a tool or predates `tools/package-lock.json`.
fn node_tools_outdated() -> bool {
    let tools = root().join("tools");
    let modified = |path: &Path| {
        std::fs::metadata(path)
            .and_then(|meta| meta.modified())
            .ok()
    };
    let missing = ["wasm-opt", "esbuild"]
        .iter()
        .any(|tool| !tools.join("node_modules/.bin").join(tool).exists());
    missing
        || modified(&tools.join("package-lock.json"))
            > modified(&tools.join("node_modules/.package-lock.json"))
}

/// cargo-fuzz, for the fuzz run.
pub fn cargo_fuzz() -> Result<(), String> {
    if version_of("cargo-fuzz").is_none() {
        let output = Command::new("cargo").args(["fuzz", "--version"]).output();
        if !output.is_ok_and(|output| output.status.success()) {
            run("cargo", &["install", "cargo-fuzz", "--locked"], &[])
                .or_else(|_| run("cargo", &["install", "cargo-fuzz"], &[]))?;
        }
    }
    Ok(())
}

/// Schemathesis, the API fuzzer, from PyPI into a virtual environment of its own in the user's
/// cache (kept across clones, one per version); returns the path of its program.
pub fn schemathesis() -> Result<PathBuf, String> {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cache")))
        .ok_or("neither XDG_CACHE_HOME nor HOME is set: nowhere to install Schemathesis")?;
    let environment = cache
        .join("flow-studio")
        .join(format!("schemathesis-{SCHEMATHESIS_VERSION}"));
    let program = environment.join("bin/schemathesis");
    let program_text = program.to_string_lossy().into_owned();
    if version_of(&program_text).is_some_and(|version| version.ends_with(SCHEMATHESIS_VERSION)) {
        return Ok(program);
    }
    let environment_text = environment.to_string_lossy().into_owned();
    let make_environment = || run("python3", &["-m", "venv", &environment_text], &[]);
    // Debian's Python keeps `venv` in a package of its own.
    make_environment().or_else(|_| {
        run("apt-get", &["install", "-y", "-qq", "python3-venv"], &[])?;
        make_environment()
    })?;
    run(
        &environment.join("bin/pip").to_string_lossy(),
        &[
            "install",
            "--quiet",
            "--disable-pip-version-check",
            &format!("schemathesis=={SCHEMATHESIS_VERSION}"),
        ],
        &[],
    )?;
    Ok(program)
}

/// Chromium and ChromeDriver from the distribution's packages, for the browser tests.
pub fn browser() -> Result<(), String> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    run("apt-get", &["update", "-qq"], &[])?;
    run(
        "apt-get",
        &["install", "-y", "-qq", "chromium", "chromium-driver"],
        &[("DEBIAN_FRONTEND", "noninteractive".into())],
    )
}

fn postgres_answers() -> bool {
    TcpStream::connect_timeout(
        &"127.0.0.1:5432".parse().expect("address"),
        Duration::from_secs(2),
    )
    .is_ok()
}

/// The local PostgreSQL the API tests use: started when it is installed but not running.
pub fn postgres() -> Result<(), String> {
    if std::env::var_os("FLOW_STUDIO_TEST_POSTGRES").is_some() || postgres_answers() {
        return Ok(());
    }
    let versions = std::fs::read_dir("/etc/postgresql")
        .map_err(|_| "PostgreSQL is not installed: the API tests need one at 127.0.0.1:5432 (or set FLOW_STUDIO_TEST_POSTGRES)".to_owned())?;
    for version in versions.flatten() {
        let version = version.file_name().to_string_lossy().into_owned();
        let _ = run(
            "pg_ctlcluster",
            &["--skip-systemctl-redirect", &version, "main", "start"],
            &[],
        );
    }
    for _ in 0..20 {
        if postgres_answers() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    Err("PostgreSQL does not answer at 127.0.0.1:5432".to_owned())
}
