//! Node-RED's editor, the baseline the diagram editor benchmark measures beside ours: the
//! version locked in `tools/node-red`, installed on demand, run on loopback over a flow written
//! for the run, with nothing reaching the network.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// The performance mark the editor page sets at the first animation frame that finds every node
/// of the flow drawn, so after the frame that built them was styled, laid out and painted.
pub const DRAWN_MARK: &str = "node-red-drawn";

/// Node-RED's workspace is a fixed 8000 × 8000 px; nodes outside it cannot be scrolled to.
const WORKSPACE: f64 = 8000.0;
/// Node-RED draws a node with a short label 100 × 30 px, half our 200 × 58 boxes; its nodes are
/// spaced at half our layout's spacing (260 × 110) so the flow is about as dense, rows closer
/// together when that many rows would not fit the workspace.
const CELL_WIDTH: f64 = 130.0;
const CELL_HEIGHT: f64 = 55.0;
const MARGIN: f64 = 20.0;

/// Where Node-RED is locked (`package.json`, `package-lock.json`) and installed.
fn package_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/node-red")
}

/// The Node-RED version `tools/node-red/package.json` pins.
pub fn version() -> String {
    let package = std::fs::read_to_string(package_dir().join("package.json"))
        .expect("tools/node-red/package.json");
    let package: Value = serde_json::from_str(&package).expect("package.json is JSON");
    package["dependencies"]["node-red"]
        .as_str()
        .expect("node-red is pinned")
        .to_owned()
}

/// Runs `npm ci` in `tools/node-red` unless Node-RED is installed from the current lockfile.
pub fn install() {
    let package = package_dir();
    let modified = |path: PathBuf| {
        std::fs::metadata(path)
            .and_then(|meta| meta.modified())
            .ok()
    };
    let installed = modified(package.join("node_modules/.package-lock.json"));
    if package.join("node_modules/node-red/red.js").exists()
        && installed >= modified(package.join("package-lock.json"))
    {
        return;
    }
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&package)
        .status()
        .unwrap_or_else(|error| panic!("cannot run npm (Node.js is needed for Node-RED): {error}"));
    assert!(status.success(), "`npm ci` in {} failed", package.display());
}

/// A flow of `nodes` `change` nodes in one tab, each wired to the next, in rows filling the
/// workspace's width from the top left corner (the part the editor shows first).
pub fn chain_flow(nodes: usize) -> Value {
    let columns = ((WORKSPACE - 2.0 * MARGIN) / CELL_WIDTH).floor() as usize;
    let rows = nodes.div_ceil(columns).max(1);
    let row_height = CELL_HEIGHT.min((WORKSPACE - 2.0 * MARGIN) / rows as f64);
    let id = |index: usize| format!("{:016x}", index + 1);
    let tab = "bench-tab";
    let mut flow = vec![json!({"id": tab, "type": "tab", "label": "bench"})];
    flow.extend((0..nodes).map(|index| {
        let wires: Vec<String> = (index + 1 < nodes).then(|| id(index + 1)).into_iter().collect();
        json!({
            "id": id(index),
            "type": "change",
            "z": tab,
            // Short, so every node is Node-RED's narrowest (100 px).
            "name": format!("s{index}"),
            "rules": [{"t": "set", "p": "step", "pt": "msg", "to": index.to_string(), "tot": "num"}],
            "x": MARGIN + CELL_WIDTH * ((index % columns) as f64 + 0.5),
            "y": MARGIN + row_height * ((index / columns) as f64 + 0.5),
            "wires": [wires],
        })
    }));
    Value::Array(flow)
}

/// Marks [`DRAWN_MARK`] once `nodes` node groups are in the workspace. Loaded by the editor page
/// after Node-RED's scripts and before it starts, checking once per animation frame.
fn drawn_mark_script(nodes: usize) -> String {
    // A larger resource timing buffer keeps the `/flows` request listed, for timing from it.
    format!(
        "performance.setResourceTimingBufferSize(1000);
const groups = document.getElementsByClassName('red-ui-flow-node-group');
function watch() {{
  if (groups.length >= {nodes}) performance.mark('{DRAWN_MARK}');
  else requestAnimationFrame(watch);
}}
requestAnimationFrame(watch);
"
    )
}

/// Node-RED running on loopback with one flow; stopped when dropped.
pub struct NodeRed {
    /// The editor's address, e.g. `http://127.0.0.1:41234`.
    pub base: String,
    process: Child,
    /// Settings, flows, Node-RED's own files and its log.
    user_dir: tempfile::TempDir,
}

impl NodeRed {
    /// Installs Node-RED if needed, starts it over `flow` (whose `change` nodes the editor
    /// page counts for [`DRAWN_MARK`]) and waits until its admin API serves the flow.
    pub async fn start(flow: &Value) -> Self {
        install();
        let user_dir = tempfile::tempdir().expect("temporary folder");
        let write = |name: &str, text: String| {
            let path = user_dir.path().join(name);
            std::fs::write(&path, text).expect("Node-RED's files written");
            path
        };
        let nodes = flow
            .as_array()
            .expect("a flow is a list")
            .iter()
            .filter(|node| node["type"] == "change")
            .count();
        let flows = write("flows.json", flow.to_string());
        let script = write("drawn-mark.js", drawn_mark_script(nodes));
        let port = super::free_port();
        let settings = json!({
            "uiHost": "127.0.0.1",
            "uiPort": port,
            "userDir": user_dir.path(),
            "flowFile": flows,
            "flowFilePretty": false,
            // No credentials to encrypt, so no generated key and no warning about it.
            "credentialSecret": false,
            // Nothing phones home: no telemetry or update check, no palette catalogue or
            // module installs.
            "telemetry": {"enabled": false, "updateNotification": false},
            "diagnostics": {"enabled": false, "ui": false},
            "externalModules": {
                "autoInstall": false,
                "palette": {"allowInstall": false, "allowUpdate": false, "allowUpload": false},
                "modules": {"allowInstall": false}
            },
            "functionExternalModules": false,
            "logging": {"console": {"level": "warn", "metrics": false, "audit": false}},
            "editorTheme": {
                "tours": false,
                "projects": {"enabled": false},
                "multiplayer": {"enabled": false},
                "palette": {"catalogues": []},
                "page": {"scripts": [script]}
            }
        });
        let settings = write("settings.js", format!("module.exports = {settings};\n"));
        let log = std::fs::File::create(user_dir.path().join("node-red.log")).expect("log file");
        let process = Command::new("node")
            .arg(package_dir().join("node_modules/node-red/red.js"))
            .arg("--settings")
            .arg(&settings)
            .arg("--userDir")
            .arg(user_dir.path())
            .stdout(log.try_clone().expect("log file"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start Node-RED with node: {error}"));
        let mut node_red = Self {
            base: format!("http://127.0.0.1:{port}"),
            process,
            user_dir,
        };
        node_red.wait_until_serving().await;
        node_red
    }

    /// Waits (up to 60 s) for the admin API to answer with the flow.
    async fn wait_until_serving(&mut self) {
        let started = Instant::now();
        let flows = format!("{}/flows", self.base);
        loop {
            if let Ok(reply) = reqwest::get(&flows).await {
                if reply.status().is_success() {
                    return;
                }
            }
            let log = || {
                std::fs::read_to_string(self.user_dir.path().join("node-red.log"))
                    .unwrap_or_default()
            };
            if let Ok(Some(status)) = self.process.try_wait() {
                panic!("Node-RED ended ({status}):\n{}", log());
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "Node-RED did not answer within 60 s:\n{}",
                log()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

impl Drop for NodeRed {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}
