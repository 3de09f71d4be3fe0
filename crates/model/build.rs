//! Embeds every Fluent file under `locales/<language>/` so that a language is added by adding
//! its folder: the model lists the languages it finds here, and its tests refuse a language
//! that lacks any text English has. With the `fetched-editor-texts` feature (the web app), the
//! files only the editors read are listed but not embedded: the editors fetch them.

use std::fmt::Write as _;
use std::path::Path;

/// The files only the editors read: the catalog's texts (the palette, the forms, the help) and
/// the Run panel's.
const EDITOR_FILES: [&str; 2] = ["catalog.ftl", "run.ftl"];

fn main() {
    let fetched = std::env::var_os("CARGO_FEATURE_FETCHED_EDITOR_TEXTS").is_some();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut languages: Vec<_> = std::fs::read_dir(&root)
        .expect("crates/model/locales")
        .map(|entry| entry.expect("a locale folder").path())
        .filter(|path| path.is_dir())
        .collect();
    languages.sort();
    let mut table = String::from("&[\n");
    for folder in languages {
        println!("cargo::rerun-if-changed={}", folder.display());
        let code = folder.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(&folder)
            .expect("a locale folder")
            .map(|entry| entry.expect("a locale file").path())
            .filter(|path| path.extension().is_some_and(|extension| extension == "ftl"))
            .collect();
        files.sort();
        write!(table, "    ({code:?}, &[").unwrap();
        for file in files {
            println!("cargo::rerun-if-changed={}", file.display());
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            if fetched && code == "en" && name == "catalog.ftl" {
                // Written from the catalog itself, which holds its English: never read.
                continue;
            }
            if fetched && EDITOR_FILES.contains(&name.as_str()) {
                write!(table, "({name:?}, None), ").unwrap();
            } else {
                write!(
                    table,
                    "({name:?}, Some(include_str!({:?}))), ",
                    file.display().to_string()
                )
                .unwrap();
            }
        }
        table.push_str("]),\n");
    }
    table.push(']');
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("locales.rs");
    std::fs::write(out, table).expect("the locale table");
}
