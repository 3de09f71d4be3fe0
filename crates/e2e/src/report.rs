//! How the browser benchmarks report: medians and p90s of samples, and one table row per
//! measure with its baseline from the same run, the ratio and whether the target holds.

use serde_json::Value;

/// The `--runs N` a benchmark was given (`default` without it); any other argument prints
/// `usage` and ends the run.
pub fn runs_from_args(default: usize, usage: &str) -> usize {
    let mut runs = default;
    let mut args = std::env::args().skip(1).filter(|arg| arg != "--bench");
    while let Some(flag) = args.next() {
        match (
            flag.as_str(),
            args.next().and_then(|value| value.parse().ok()),
        ) {
            ("--runs", Some(value)) => runs = value,
            _ => {
                eprintln!("{usage}");
                std::process::exit(2);
            }
        }
    }
    runs
}

/// The file of the Webitel corpus named `name`, beside the repository.
pub fn corpus_file(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/webitel")
        .join(name);
    std::fs::read_to_string(&path).expect("the corpus beside the repository")
}

/// A number the page answered.
pub fn number(value: Value) -> f64 {
    value.as_f64().expect("the page answers a number")
}

/// The median and 90th percentile of `samples`.
pub fn median_and_p90(mut samples: Vec<f64>) -> (f64, f64) {
    samples.sort_by(f64::total_cmp);
    let at = |quantile: f64| samples[((samples.len() - 1) as f64 * quantile).round() as usize];
    (at(0.5), at(0.9))
}

fn verdict(holds: bool) -> &'static str {
    if holds {
        "holds"
    } else {
        "MISSED"
    }
}

/// One table row: the measure, its figures, its baseline, ratio and target.
pub fn row(
    name: &str,
    median: String,
    p90: String,
    baseline: String,
    ratio: f64,
    target: &str,
    holds: bool,
) {
    println!(
        "{name:<15} {median:>9} {p90:>9} {baseline:>24} {ratio:>7.2}x {target:>10} {:>7}",
        verdict(holds)
    );
}

/// The table's heading, matching [`row`].
pub fn heading() {
    println!(
        "{:<15} {:>9} {:>9} {:>24} {:>8} {:>10} {:>7}",
        "", "median", "p90", "baseline (median)", "ratio", "target", ""
    );
}
