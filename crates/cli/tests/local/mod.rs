//! What the tests of `flows` on local files share: running it, reading what it printed.

use std::process::{Command, Output};

pub fn flows(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flows"))
        .args(args)
        .output()
        .expect("flows runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
