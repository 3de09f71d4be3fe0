//! Any bytes that parse as a JSON array: decompile, lay out, compile, compare meanings, and
//! compile again. Nothing may panic or overflow the stack, and the promises must hold.

#![no_main]

use flow_model::flow::{auto_layout, check, compile, decompile, semantic_difference, LayoutOptions};
use flow_model::FlowType;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(schema) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let Ok(mut graph) = decompile(&schema) else {
        return;
    };
    auto_layout(&mut graph, LayoutOptions::default());
    let _ = check(&graph, FlowType::Default);
    let compiled = compile(&graph);
    assert!(compiled.disconnected.is_empty(), "a decompiled schema compiles whole");
    if let Some(difference) = semantic_difference(&schema, &compiled.schema) {
        panic!("meaning changed: {difference}");
    }
    let again = compile(&decompile(&compiled.schema).expect("compiled schemas are arrays"));
    assert_eq!(again.schema, compiled.schema, "the compiler's output is a fixed point");
});
