//! The real build as the server sends it: every file named by its content's hash is kept by
//! browsers for good, the others are checked again on each use, a file the build precompressed
//! goes out as that copy to a browser that accepts it, and a first visit downloads the flow
//! list alone, the editors' WebAssembly chunks and texts coming when one opens, the simulator
//! when a run starts.

use flow_e2e::{create_through_the_add_modal, dist_dir, signed_in, AppServer, Browser};
use std::path::Path;

/// Files named the same in every build: the page, the code editor's bundle (made beside the
/// build by its hook), wasm-bindgen's snippets (their folder is named after the crate, not
/// after their content), the simulator's worker and the texts (fetched by their language's
/// folder and name). Every other file is named by its content's hash (by trunk, or, for the
/// app's split pieces, by the build).
fn named_the_same_in_every_build(file: &str) -> bool {
    // The simulator's worker is started by its name, which trunk leaves unhashed.
    file == "index.html"
        || file == "code-editor.js"
        || file.starts_with("snippets/")
        || file.starts_with("flow-simulator-worker")
        || file.starts_with("locales/")
}

/// The build's files under `folder`, as paths relative to `root`, without the precompressed
/// copies.
fn build_files(root: &Path, folder: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(folder).expect("the build's folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            build_files(root, &path, found);
            continue;
        }
        let file = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if !file.ends_with(".br") && !file.ends_with(".gz") {
            found.push(file);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_file_of_the_build_is_cached_as_its_name_allows() {
    let server = AppServer::start().await;
    let dist = dist_dir();
    let mut files = Vec::new();
    build_files(&dist, &dist, &mut files);
    let client = reqwest::Client::new();
    let mut hashed = Vec::new();
    for file in &files {
        let reply = client
            .get(format!("{}/{file}", server.base))
            .header("accept-encoding", "br, gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status(), 200, "{file}");
        let expected = if named_the_same_in_every_build(file) {
            "no-cache"
        } else {
            hashed.push(file.clone());
            "public, max-age=31536000, immutable"
        };
        assert_eq!(reply.headers()["cache-control"], expected, "{file}");
        assert_eq!(reply.headers()["vary"], "accept-encoding", "{file}");
        let copy = dist.join(format!("{file}.br"));
        let encoding = reply
            .headers()
            .get("content-encoding")
            .map(|value| value.to_str().unwrap().to_owned());
        let body = reply.bytes().await.unwrap();
        if copy.exists() {
            assert_eq!(encoding.as_deref(), Some("br"), "{file}");
            assert!(
                body == std::fs::read(&copy).unwrap(),
                "{file}: not its precompressed copy"
            );
        }
    }
    for output in ["_bg.wasm", ".js", ".css", ".svg"] {
        assert!(
            hashed.iter().any(|file| file.ends_with(output)),
            "no {output} named by its hash among {hashed:?}"
        );
    }
}

/// The app's files the page has fetched so far (not the API's answers): each one's path and
/// bytes on the wire, as Resource Timing counted them.
async fn app_files_fetched(browser: &Browser) -> Vec<(String, u64)> {
    let found = browser
        .client
        .execute(
            "return performance.getEntriesByType('navigation')
               .concat(performance.getEntriesByType('resource'))
               .map(entry => [new URL(entry.name).pathname, entry.transferSize])
               .filter(([path]) => !path.startsWith('/api/'));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_visit_downloads_the_flow_list_alone_an_editor_when_it_opens_and_the_simulator_when_a_run_starts(
) {
    let server = AppServer::start().await;
    let browser = signed_in(&server).await;
    browser.find(r#".table-area[aria-busy="false"]"#).await;
    let fetched = app_files_fetched(&browser).await;
    let total: u64 = fetched.iter().map(|(_, bytes)| bytes).sum();
    assert!(
        total <= 400 * 1024,
        "a first visit downloaded {total} B: {fetched:?}"
    );
    let is_chunk = |path: &str| path.ends_with(".wasm") && !path.ends_with("_bg.wasm");
    assert!(
        !fetched.iter().any(|(path, _)| is_chunk(path)),
        "the flow list fetched an editor's chunk: {fetched:?}"
    );
    let is_texts = |path: &str| path.starts_with("/locales/");
    assert!(
        !fetched.iter().any(|(path, _)| is_texts(path)),
        "the flow list fetched the editors' texts: {fetched:?}"
    );

    create_through_the_add_modal(&browser, "Diagram", "voice").await;
    browser.find(".canvas-area canvas").await;
    let fetched = app_files_fetched(&browser).await;
    assert!(
        fetched
            .iter()
            .any(|(path, _)| is_chunk(path) && path.contains("diagram_page")),
        "the diagram editor opened without its chunk: {fetched:?}"
    );
    let texts: Vec<&str> = fetched
        .iter()
        .map(|(path, _)| path.as_str())
        .filter(|path| is_texts(path))
        .collect();
    assert_eq!(
        texts,
        ["/locales/en/run.ftl"],
        "in English the editor fetches the Run panel's texts (the catalog's are its own)"
    );
    // The simulator comes only when a run starts: in its worker, not with the editor.
    let is_simulator = |path: &str| path.contains("flow-simulator-worker");
    browser.click(".run-toggle").await;
    browser.find(".run-panel").await;
    let fetched = app_files_fetched(&browser).await;
    assert!(
        !fetched.iter().any(|(path, _)| is_simulator(path)),
        "the simulator came before a run: {fetched:?}"
    );
    browser.click(".run-controls button.primary").await;
    browser.wait_for_text(".run-state", "The flow ended").await;
    let fetched = app_files_fetched(&browser).await;
    assert!(
        fetched.iter().any(|(path, _)| is_simulator(path)),
        "a run started without the simulator's worker: {fetched:?}"
    );
    browser.close().await;
}
