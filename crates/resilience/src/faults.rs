//! The runs of the results table: steady load, a killed server, a restarted PostgreSQL, a full
//! disk. Each returns its row, failing it with the reason when it cannot even run.

use crate::load::{self, Ledger};
use crate::server::{self, Server};
use crate::{Database, Row, CONNECTIONS};
use flow_model::contract::{ACCESS_HEADER, CREATE_FLOW, HEALTH};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const LOCAL_POSTGRES: &str = "127.0.0.1:5432";

fn failed_row(tried: &str, engine: &'static str, reason: String) -> Row {
    Row {
        tried: tried.to_owned(),
        engine,
        ledger: Ledger::default(),
        seconds: 0.0,
        checked: 0,
        lost: Vec::new(),
        held: Vec::new(),
        failed: vec![reason],
    }
}

fn database(engine: &str, folder: &Path, tag: &str) -> Result<Database, String> {
    if engine == "SQLite" {
        Ok(Database::sqlite(folder))
    } else {
        Database::postgres(LOCAL_POSTGRES, tag)
    }
}

fn engine_name(engine: &str) -> &'static str {
    if engine == "SQLite" {
        "SQLite"
    } else {
        "PostgreSQL"
    }
}

fn folder_in(work: &Path, name: &str) -> PathBuf {
    let folder = work.join(name);
    let _ = std::fs::create_dir_all(&folder);
    folder
}

/// Waits until the server at `base` answers its health check; how long that took.
async fn healthy_within(base: &str, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    let http = reqwest::Client::new();
    while started.elapsed() < limit {
        let answer = http
            .get(format!("{base}{}", HEALTH.served_path))
            .timeout(Duration::from_secs(2))
            .send()
            .await;
        if answer.is_ok_and(|reply| reply.status().is_success()) {
            return Some(started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}

pub async fn steady_load(engine: &str, duration: Duration, work: &Path) -> Row {
    let tried = "steady load: 70% search, 20% read, 8% update with If-Match, 2% create or delete";
    let engine = engine_name(engine);
    let folder = folder_in(work, &format!("steady-{engine}"));
    let run = async {
        let database = database(engine, &folder, "steady")?;
        let server = Server::start(&database.url, &folder.join("server.log"), None).await?;
        let token = server::sign_in(&reqwest::Client::new(), &server.base).await?;
        let started = Instant::now();
        let ledger = load::run(&server.base, &token, CONNECTIONS, started + duration).await;
        let seconds = started.elapsed().as_secs_f64();
        let (checked, lost) = load::verify(&server.base, &token, &ledger).await;
        let mut failed = Vec::new();
        if ledger.counts.unavailable + ledger.counts.unanswered > 0 {
            failed.push(format!(
                "{} requests answered 503 or not at all, with no fault",
                ledger.counts.unavailable + ledger.counts.unanswered
            ));
        }
        server.kill().await;
        Ok::<_, String>(Row {
            tried: tried.to_owned(),
            engine,
            held: vec![format!(
                "{} writes acknowledged",
                ledger.counts.acknowledged_writes
            )],
            ledger,
            seconds,
            checked,
            lost,
            failed,
        })
    };
    run.await
        .unwrap_or_else(|reason| failed_row(tried, engine, reason))
}

pub async fn killed_and_restarted(engine: &str, duration: Duration, work: &Path) -> Row {
    let tried = "the same load, the server killed (SIGKILL) a third of the way in and restarted";
    let engine = engine_name(engine);
    let folder = folder_in(work, &format!("killed-{engine}"));
    let run = async {
        let database = database(engine, &folder, "killed")?;
        let log = folder.join("server.log");
        let server = Server::start(&database.url, &log, None).await?;
        let port = server.port();
        let base = server.base.clone();
        let token = server::sign_in(&reqwest::Client::new(), &base).await?;
        let started = Instant::now();
        let url = database.url.clone();
        let restarter = tokio::spawn(async move {
            tokio::time::sleep(duration / 3).await;
            server.kill().await;
            let killed = Instant::now();
            let restarted = Server::start(&url, &log, Some(port)).await;
            (restarted, killed.elapsed())
        });
        let ledger = load::run(&base, &token, CONNECTIONS, started + duration).await;
        let seconds = started.elapsed().as_secs_f64();
        let (restarted, gap) = restarter.await.map_err(|error| error.to_string())?;
        let restarted = restarted?;
        let (checked, lost) = load::verify(&restarted.base, &token, &ledger).await;
        restarted.kill().await;
        Ok::<_, String>(Row {
            tried: tried.to_owned(),
            engine,
            held: vec![
                format!("serving again {:.1} s after the kill", gap.as_secs_f64()),
                format!(
                    "{} requests unanswered while it was down",
                    ledger.counts.unanswered
                ),
            ],
            ledger,
            seconds,
            checked,
            lost,
            failed: Vec::new(),
        })
    };
    run.await
        .unwrap_or_else(|reason| failed_row(tried, engine, reason))
}

/// A PostgreSQL of our own (the machine's `initdb` and `pg_ctl`, as the `postgres` user), so
/// that restarting it disturbs nothing else.
struct PrivatePostgres {
    /// Owned by the `postgres` user, outside our own (private) temporary folder.
    home: PathBuf,
    port: u16,
}

fn pg_binary(name: &str) -> Result<PathBuf, String> {
    let found = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|error| format!("no PostgreSQL installation: {error}"))?
        .filter_map(Result::ok)
        .map(|entry| entry.path().join("bin").join(name))
        .find(|path| path.exists());
    found.ok_or_else(|| format!("no PostgreSQL {name}"))
}

fn as_postgres(program: &Path, args: &[&str]) -> Result<(), String> {
    let output = Command::new("runuser")
        .args(["-u", "postgres", "--"])
        .arg(program)
        .args(args)
        .output()
        .map_err(|error| format!("runuser: {error}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} {}: {}",
            program.display(),
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

impl PrivatePostgres {
    fn start() -> Result<Self, String> {
        let home =
            std::env::temp_dir().join(format!("flow-resilience-postgres-{}", std::process::id()));
        let status = Command::new("install")
            .args(["-d", "-o", "postgres", "-m", "700"])
            .arg(&home)
            .status()
            .map_err(|error| error.to_string())?;
        if !status.success() {
            return Err("cannot make a folder for PostgreSQL".into());
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map_err(|error| error.to_string())?
            .port();
        let postgres = Self { home, port };
        let data = postgres.data();
        as_postgres(
            &pg_binary("initdb")?,
            &["-D", &data, "-A", "trust", "-U", "postgres"],
        )?;
        postgres.pg_ctl(&["start"])?;
        Ok(postgres)
    }

    fn data(&self) -> String {
        self.home.join("data").display().to_string()
    }

    fn pg_ctl(&self, action: &[&str]) -> Result<(), String> {
        let data = self.data();
        let options = format!("-p {} -k /tmp -c listen_addresses=127.0.0.1", self.port);
        let log = self.home.join("server.log").display().to_string();
        let mut args = vec!["-D", &data, "-o", &options, "-l", &log, "-w", "-m", "fast"];
        args.extend(action);
        as_postgres(&pg_binary("pg_ctl")?, &args)
    }

    fn host_port(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let _ = self.pg_ctl(&["stop"]);
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

pub async fn postgres_restarted(duration: Duration, work: &Path) -> Row {
    let tried = "the same load, PostgreSQL stopped for 3 s under the server and started again";
    let folder = folder_in(work, "postgres-restart");
    let run = async {
        let postgres = PrivatePostgres::start()?;
        let database = Database::postgres(&postgres.host_port(), "restart")?;
        let server = Server::start(&database.url, &folder.join("server.log"), None).await?;
        let token = server::sign_in(&reqwest::Client::new(), &server.base).await?;
        let started = Instant::now();
        let base = server.base.clone();
        let load = tokio::spawn({
            let token = token.clone();
            let base = base.clone();
            async move { load::run(&base, &token, CONNECTIONS, started + duration).await }
        });
        tokio::time::sleep(duration / 3).await;
        postgres.pg_ctl(&["stop"])?;
        tokio::time::sleep(Duration::from_secs(3)).await;
        postgres.pg_ctl(&["start"])?;
        let back = healthy_within(&base, Duration::from_secs(30)).await;
        let ledger = load.await.map_err(|error| error.to_string())?;
        let seconds = started.elapsed().as_secs_f64();
        let (checked, lost) = load::verify(&base, &token, &ledger).await;
        let mut failed = Vec::new();
        let mut held = vec![format!(
            "{} requests answered 503 while it was away, none unanswered",
            ledger.counts.unavailable
        )];
        match back {
            Some(after) => held.push(format!(
                "serving again {:.1} s after PostgreSQL was",
                after.as_secs_f64()
            )),
            None => failed.push("not serving 30 s after PostgreSQL was back".to_owned()),
        }
        if ledger.counts.unanswered > 0 {
            failed.push(format!("{} requests unanswered", ledger.counts.unanswered));
        }
        server.kill().await;
        drop(database);
        Ok::<_, String>(Row {
            tried: tried.to_owned(),
            engine: "PostgreSQL",
            ledger,
            seconds,
            checked,
            lost,
            held,
            failed,
        })
    };
    run.await
        .unwrap_or_else(|reason| failed_row(tried, "PostgreSQL", reason))
}

/// Fills the free space of the file system at `folder` with a file; the file.
fn fill(folder: &Path) -> PathBuf {
    use std::io::Write;
    let filler = folder.join("filler");
    if let Ok(mut file) = std::fs::File::create(&filler) {
        let block = vec![0u8; 64 * 1024];
        while file.write_all(&block).is_ok() {}
        let _ = file.sync_all();
    }
    filler
}

/// Where the server on the small disk logs (kept after the run, to read what it said).
fn small_disk_log() -> PathBuf {
    std::env::temp_dir().join("flow-resilience-small-disk.log")
}

pub async fn disk_full(work: &Path) -> Row {
    let tried = "SQLite on a disk that fills up (a 16 MB file system), then has room again";
    let folder = folder_in(work, "small-disk");
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=16m", "tmpfs"])
        .arg(&folder)
        .status();
    if !mounted.is_ok_and(|status| status.success()) {
        return failed_row(
            tried,
            "SQLite",
            "cannot mount a small file system (needs root)".into(),
        );
    }
    let run = async {
        let database = Database::sqlite(&folder);
        let server = Server::start(&database.url, &small_disk_log(), None).await?;
        let http = reqwest::Client::new();
        let token = server::sign_in(&http, &server.base).await?;
        // Some flows while there is room: they must survive what follows.
        let before = load::run(
            &server.base,
            &token,
            4,
            Instant::now() + Duration::from_secs(2),
        )
        .await;
        let filler = fill(&folder);
        let big = serde_json::json!([{"log": "x".repeat(256 * 1024)}]);
        let mut refusals = std::collections::BTreeMap::new();
        for at in 0..20 {
            let reply = http
                .post(format!("{}{}", server.base, CREATE_FLOW.served_path))
                .header(ACCESS_HEADER, &token)
                .json(&serde_json::json!({"name": format!("Big {at}"), "schema": big}))
                .timeout(Duration::from_secs(10))
                .send()
                .await
                .map_err(|error| format!("a write on a full disk got no answer: {error}"))?;
            let status = reply.status();
            let body: serde_json::Value = reply.json().await.unwrap_or_default();
            let answer = if status.is_success() {
                "200 written".to_owned()
            } else {
                format!("{} {}", status.as_u16(), body["id"].as_str().unwrap_or("?"))
            };
            *refusals.entry(answer).or_insert(0) += 1;
        }
        let _ = std::fs::remove_file(&filler);
        let after = http
            .post(format!("{}{}", server.base, CREATE_FLOW.served_path))
            .header(ACCESS_HEADER, &token)
            .json(&serde_json::json!({"name": "After the disk had room", "schema": []}))
            .send()
            .await
            .map_err(|error| error.to_string())?;
        let (checked, lost) = load::verify(&server.base, &token, &before).await;
        let mut failed = Vec::new();
        let answers: Vec<String> = refusals
            .iter()
            .map(|(answer, count)| format!("{count}× {answer}"))
            .collect();
        if !refusals.keys().all(|answer| {
            answer.starts_with("507 app.database.storage_full") || answer.starts_with("200")
        }) {
            failed.push(format!("answers on a full disk: {}", answers.join(", ")));
        }
        if !refusals.keys().any(|answer| answer.starts_with("507")) {
            failed.push("the disk never filled up".to_owned());
        }
        if !after.status().is_success() {
            failed.push(format!(
                "with room again, a write answered {}",
                after.status()
            ));
        }
        server.kill().await;
        Ok::<_, String>(Row {
            tried: tried.to_owned(),
            engine: "SQLite",
            held: vec![
                format!("on the full disk: {}", answers.join(", ")),
                "writes work again once there is room".to_owned(),
            ],
            ledger: before,
            seconds: 2.0,
            checked,
            lost,
            failed,
        })
    };
    let row = run
        .await
        .unwrap_or_else(|reason| failed_row(tried, "SQLite", reason));
    let _ = Command::new("umount").args(["-l"]).arg(&folder).status();
    row
}
