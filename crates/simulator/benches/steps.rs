//! How fast the simulator runs steps natively: a loop of pure steps (while, set, if, switch),
//! and the same loop whose `if` needs the script engine, as a ratio to it, same run.
//! `cargo bench -p flow-simulator --bench steps`

use flow_simulator::{Event, Mocks, Simulator};
use serde_json::{json, Value};
use std::time::Instant;

const PASSES: u32 = 100_000;

/// A do-while of `PASSES` passes over set, if and switch; `condition` is the if's.
fn looping(condition: &str) -> Value {
    json!([
        {"set": {"mode": "b"}},
        {"while": {"condition": "true", "maxSteps": PASSES.to_string(), "do": [
            {"set": {"seen": "${mode}"}},
            {"if": {"expression": condition, "then": [{"set": {"mode": "a"}}], "else": [{"set": {"mode": "b"}}]}},
            {"switch": {"variable": "${mode}", "case": {"a": [{"set": {"last": "a"}}], "default": [{"set": {"last": "b"}}]}}}
        ]}}
    ])
}

/// Steps a second, best of three runs.
fn steps_per_second(schema: &Value) -> f64 {
    (0..3)
        .map(|_| {
            let mut simulator = Simulator::new(schema, Mocks::default())
                .unwrap()
                .with_budget(10_000_000);
            let started = Instant::now();
            let mut steps = 0u64;
            while let Some(event) = simulator.next_event() {
                if matches!(event, Event::Step(_)) {
                    steps += 1;
                }
            }
            steps as f64 / started.elapsed().as_secs_f64()
        })
        .fold(0.0, f64::max)
}

fn main() {
    let pure = steps_per_second(&looping("${mode} == 'b'"));
    let scripted = steps_per_second(&looping("Math.max(${seen} == 'b' ? 1 : 0, 0) > 0"));
    println!("                                      steps/s      ratio     target");
    println!(
        "set/if/switch in a while           {:>12.0}                >= 1,000,000/s  {}",
        pure,
        if pure >= 1_000_000.0 {
            "holds"
        } else {
            "MISSED"
        }
    );
    println!(
        "the same, the if through the engine {:>11.0}   {:>6.3}x   (beside the pure loop)",
        scripted,
        scripted / pure
    );
}
