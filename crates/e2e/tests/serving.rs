//! The real build as the server sends it: every file trunk named by its content's hash is kept
//! by browsers for good, the others are checked again on each use, and a file the build
//! precompressed goes out as that copy to a browser that accepts it.

use flow_e2e::{dist_dir, AppServer};
use std::path::Path;

/// Files named the same in every build: the page, the code editor's bundle (made beside the
/// build by its hook) and wasm-bindgen's snippets (their folder is named after the crate, not
/// after their content). Trunk names every other file by its content's hash.
fn named_the_same_in_every_build(file: &str) -> bool {
    file == "index.html" || file == "code-editor.js" || file.starts_with("snippets/")
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
