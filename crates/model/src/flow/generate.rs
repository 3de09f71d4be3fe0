//! Synthetic flows of any size, shaped like real IVRs (chains of steps with ifs, switches,
//! loops, hooks and gotos), for benchmarks and load tests.

use serde_json::{json, Value};

/// A flow of about `steps` steps. Deterministic: the same size gives the same flow.
pub fn synthetic_flow(steps: usize) -> Value {
    let mut made = 0;
    let mut top = Vec::new();
    let mut block = 0;
    while made < steps {
        block += 1;
        let tag = |kind: &str, n: usize| format!("{kind}__{:016x}", (block * 31 + n) as u64);
        let menu = tag("playback", 0);
        top.push(
            json!({"tag": menu, "playback": {"files": [{"id": block, "type": "audio/wav"}],
            "getDigits": {"setVar": "digits", "min": 1, "max": 1, "timeout": 5000}}}),
        );
        top.push(json!({"tag": tag("set", 1), "set": {"attempt": format!("${{attempt}}+{block}"), "menu": block}}));
        top.push(json!({"tag": tag("switch", 2), "switch": {"variable": "${digits}", "case": {
            "1": [{"tag": tag("log", 3), "log": "sales"}, {"tag": tag("joinQueue", 4), "joinQueue": {"queue": {"id": 1, "name": "Sales"},
                "offering": [{"tag": tag("log", 5), "log": "offered"}]}}],
            "2": [{"tag": tag("httpRequest", 6), "httpRequest": {"url": "https://crm.example/api", "method": "POST",
                "data": {"phone": "${caller_id_number}"}, "exportVariables": {"name": "data.name"}}},
                {"tag": tag("if", 7), "if": {"expression": "${name} != ''", "then": [{"tag": tag("tts", 8), "tts": {"text": "Hello ${name}"}}],
                    "else": [{"tag": tag("goto", 9), "goto": menu}]}}],
            "default": [{"tag": tag("hangup", 10), "hangup": "NORMAL_CLEARING"}]
        }}}));
        made += 11;
    }
    Value::Array(top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_flows_of_the_asked_size_that_round_trip() {
        let flow = synthetic_flow(1000);
        assert_eq!(flow, synthetic_flow(1000));
        let graph = super::super::decompile(&flow).unwrap();
        // 91 blocks of 11 steps; each block's goto is a link, not a node.
        assert_eq!(graph.node_count(), 91 * 10);
        let compiled = super::super::compile(&graph);
        assert!(super::super::semantically_identical(
            &flow,
            &compiled.schema
        ));
    }
}
