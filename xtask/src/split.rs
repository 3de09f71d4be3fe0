//! The web app's WebAssembly in pieces: the editors (marked `lazy` behind the `split` feature)
//! become chunks fetched when one first opens, so a first visit to the flow list downloads only
//! what the list needs. Trunk builds the page, its styles and an unsplit app into `dist/`; this
//! builds the app again with `split`, cuts it with `wasm-split-cli`, binds and optimises each
//! piece, and puts the pieces in place of trunk's app files (`tools/wasm-split/assemble.mjs`).

use crate::{empty_folder, root, run, tool_path};
use std::path::Path;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The app's name in file names, as trunk and wasm-bindgen write it.
const APP: &str = "flow-studio";

/// Replaces the unsplit app in `dist` with its split pieces.
pub fn split_web_app(dist: &Path) -> Result<(), String> {
    // The splitter needs the linker's relocations to move code between pieces; `cargo rustc`
    // gives the flag to the app alone, so the dependencies trunk built are reused as they are.
    run(
        "cargo",
        &[
            "rustc",
            "--release",
            "--target",
            WASM_TARGET,
            "--bin",
            APP,
            "--features",
            "split",
            "--",
            "-Clink-args=--emit-relocs",
        ],
        &[],
    )?;
    let pieces = root().join("target/wasm-split");
    empty_folder(&pieces)?;
    let linked = root().join(format!("target/{WASM_TARGET}/release/{APP}.wasm"));
    let pieces_arg = pieces.display().to_string();
    run(
        "wasm-split-cli",
        &[
            &linked.display().to_string(),
            &pieces_arg,
            "--target",
            "web",
            "--out-name",
            APP,
        ],
        &[],
    )?;
    let main_piece = pieces.join(format!("{APP}.wasm"));
    let bound = pieces.join("bound");
    run(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            // The chunks call into the main piece through what the linker exported.
            "--keep-lld-exports",
            "--no-typescript",
            "--out-dir",
            &bound.display().to_string(),
            &main_piece.display().to_string(),
        ],
        &[],
    )?;
    // What is left in `pieces` are the chunks.
    std::fs::remove_file(&main_piece).map_err(|error| error.to_string())?;
    let mut wasm_files = vec![bound.join(format!("{APP}_bg.wasm"))];
    wasm_files.extend(
        std::fs::read_dir(&pieces)
            .map_err(|error| error.to_string())?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| {
                path.extension()
                    .is_some_and(|extension| extension == "wasm")
            }),
    );
    for wasm in &wasm_files {
        let file = wasm.display().to_string();
        run(
            "wasm-opt",
            &[
                "-Oz",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "--enable-reference-types",
                "--enable-multivalue",
                &file,
                "-o",
                &file,
            ],
            &[("PATH", tool_path())],
        )?;
    }
    run(
        "node",
        &[
            "tools/wasm-split/assemble.mjs",
            &dist.display().to_string(),
            &pieces_arg,
            APP,
        ],
        &[],
    )
}
