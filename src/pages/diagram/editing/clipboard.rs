//! Copy and paste of steps as text in the flow language itself (a schema array), so steps move
//! between flows, browser tabs and code editors.

use super::edit::chain_end;
use flow_model::catalog::form::json_value;
use flow_model::flow::{
    auto_layout, compile, decompile, is_generated_tag, FlowGraph, LayoutOptions, NodeId, Port, Step,
};
use flow_model::l10n::Text;
use flow_model::rules::json_kind_text;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// The steps `nodes` (each with everything under its branches) as one pretty schema array, in
/// reading order along the diagram (left to right, then top to bottom); a step already under
/// another copied step's branch goes along once. A jump out of the copied pieces stays a
/// `goto` to its tag.
pub fn copy(flow: &FlowGraph, nodes: &[NodeId]) -> Option<String> {
    let mut order: Vec<NodeId> = nodes
        .iter()
        .copied()
        .filter(|node| flow.step(*node).is_some())
        .collect();
    order.sort_by(|a, b| {
        let (a, b) = (flow.graph[*a].position(), flow.graph[*b].position());
        a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y))
    });
    let mut covered = HashSet::new();
    let mut items = Vec::new();
    for node in order {
        if covered.contains(&node) {
            continue;
        }
        let (piece, reached) = piece_of(flow, node);
        covered.extend(reached);
        items.extend(piece);
    }
    if items.is_empty() {
        return None;
    }
    let mut schema = Value::Array(items);
    drop_unneeded_generated_tags(&mut schema);
    serde_json::to_string_pretty(&schema).ok()
}

/// The schema items of step `node` with what its branches reach, and the nodes that took.
fn piece_of(flow: &FlowGraph, node: NodeId) -> (Vec<Value>, Vec<NodeId>) {
    // What goes along: the step, and what its branches reach (not what follows it).
    let leaves =
        |from: NodeId, port: &Port, jump: bool| jump || (from == node && *port == Port::Next);
    let mut piece = FlowGraph::new();
    let mut mapped = HashMap::new();
    let mut pending = vec![node];
    while let Some(at) = pending.pop() {
        if mapped.contains_key(&at) {
            continue;
        }
        mapped.insert(at, piece.graph.add_node(flow.graph[at].clone()));
        for (_, to, link) in flow.links_from(at) {
            if !leaves(at, &link.port, link.jump) {
                pending.push(to);
            }
        }
    }
    let copied: Vec<NodeId> = mapped.keys().copied().collect();
    for from in copied {
        for (_, to, link) in flow.links_from(from) {
            if from == node && link.port == Port::Next {
                continue;
            }
            match (mapped.get(&to), flow.graph[to].tag()) {
                (Some(&target), _) => {
                    piece.connect(mapped[&from], link.port.clone(), target, link.jump);
                }
                (None, Some(tag)) => {
                    let goto = piece.add_step(Step::new("goto", Value::String(tag.to_owned())));
                    piece.connect(mapped[&from], link.port.clone(), goto, false);
                }
                (None, None) => {}
            }
        }
    }
    piece.connect(piece.start, Port::Next, mapped[&node], false);
    let items = match compile(&piece).schema {
        Value::Array(items) => items,
        other => vec![other],
    };
    (items, mapped.into_keys().collect())
}

/// Removes the tags that saving made up (`<app>__<hex>`) which no jump in `schema` names: in
/// another flow they would only be noise.
fn drop_unneeded_generated_tags(schema: &mut Value) {
    let mut targets = HashSet::new();
    let mut pending = vec![&*schema];
    while let Some(value) = pending.pop() {
        match value {
            Value::Array(items) => pending.extend(items),
            Value::Object(object) => {
                let jump = object
                    .get("goto")
                    .or_else(|| object.get("limit").and_then(|limit| limit.get("failover")));
                if let Some(Value::String(target)) = jump {
                    targets.insert(target.clone());
                }
                pending.extend(object.values());
            }
            _ => {}
        }
    }
    let mut pending = vec![schema];
    while let Some(value) = pending.pop() {
        match value {
            Value::Array(items) => pending.extend(items.iter_mut()),
            Value::Object(object) => {
                let generated = object
                    .get("tag")
                    .and_then(Value::as_str)
                    .is_some_and(|tag| {
                        !targets.contains(tag)
                            && decompile::app_key(object)
                                .is_some_and(|app| is_generated_tag(app, tag))
                    });
                if generated {
                    object.remove("tag");
                }
                pending.extend(object.values_mut());
            }
            _ => {}
        }
    }
}

/// Inserts the steps of `text` (a schema array, a whole flow or one step) after `after`, or at
/// the end of the main chain, and lays the diagram out; returns the first pasted step. Tags
/// the flow already has are dropped from the pasted steps: the jumps inside the piece are
/// links by then, and new tags are given on save where needed.
pub fn paste(flow: &mut FlowGraph, after: Option<NodeId>, text: &str) -> Result<NodeId, Text> {
    let schema = match json_value(text)? {
        Value::Object(mut object) if object.contains_key("schema") => {
            object.remove("schema").unwrap_or_default()
        }
        step @ Value::Object(_) => Value::Array(vec![step]),
        steps @ Value::Array(_) => steps,
        other => {
            return Err(Text::new("editing-paste-not-steps").with("got", json_kind_text(&other)))
        }
    };
    let piece = decompile::decompile(&schema).map_err(|error| error.text())?;
    let (_, first, _) = piece
        .link_from(piece.start, &Port::Next)
        .ok_or_else(|| Text::new("editing-nothing-to-paste"))?;
    let anchor = after.unwrap_or_else(|| chain_end(flow, flow.start));
    let taken: HashSet<String> = flow
        .steps()
        .filter_map(|(_, step)| step.tag().map(str::to_owned))
        .collect();
    let mut mapped = HashMap::new();
    for node in piece
        .graph
        .node_indices()
        .filter(|node| *node != piece.start)
    {
        let mut weight = piece.graph[node].clone();
        if let flow_model::flow::Node::Step(step) = &mut weight {
            if step.tag().is_some_and(|tag| taken.contains(tag)) {
                step.object.remove("tag");
            }
        }
        mapped.insert(node, flow.graph.add_node(weight));
    }
    for node in piece
        .graph
        .node_indices()
        .filter(|node| *node != piece.start)
    {
        for (_, to, link) in piece.links_from(node) {
            flow.connect(mapped[&node], link.port.clone(), mapped[&to], link.jump);
        }
    }
    let first = mapped[&first];
    let last = chain_end(flow, first);
    // A piece that ends in a jump goes there; what followed the anchor is then reached only
    // if something else leads to it, as in the text.
    let ends_in_jump = flow.link_from(last, &Port::Next).is_some();
    match flow.link_from(anchor, &Port::Next) {
        Some((link, following, kept)) => {
            let jump = kept.jump;
            flow.graph.remove_edge(link);
            flow.connect(anchor, Port::Next, first, false);
            if !ends_in_jump {
                flow.connect(last, Port::Next, following, jump);
            }
        }
        None => {
            flow.connect(anchor, Port::Next, first, false);
        }
    }
    auto_layout(flow, LayoutOptions::default());
    Ok(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flow_model::flow::semantically_identical;
    use serde_json::json;

    fn node_with_app(flow: &FlowGraph, app: &str) -> NodeId {
        flow.steps()
            .find(|(_, step)| step.app == app)
            .map(|(node, _)| node)
            .unwrap()
    }

    #[test]
    fn a_copy_holds_the_step_and_its_branches_but_not_what_follows() {
        let flow = decompile::decompile(&json!([
            {"tag": "top", "answer": ""},
            {"if": {"expression": "${x}", "then": [{"log": "yes"}, {"goto": "top"}], "else": [{"log": "no"}]}},
            {"hangup": ""}
        ]))
        .unwrap();
        let text = copy(&flow, &[node_with_app(&flow, "if")]).unwrap();
        let copied: Value = serde_json::from_str(&text).unwrap();
        assert!(
            semantically_identical(
                &copied,
                &json!([{"if": {"expression": "${x}", "then": [{"log": "yes"}, {"goto": "top"}], "else": [{"log": "no"}]}}])
            ),
            "{text}"
        );
        assert!(!text.contains("__"), "no made-up tags: {text}");
        assert_eq!(copy(&flow, &[flow.start]), None, "Start is not a step");
    }

    #[test]
    fn several_steps_are_copied_in_reading_order_each_once() {
        let mut flow = decompile::decompile(&json!([
            {"answer": ""},
            {"if": {"expression": "${x}", "then": [{"log": "yes"}]}},
            {"hangup": ""}
        ]))
        .unwrap();
        auto_layout(&mut flow, LayoutOptions::default());
        let chosen = [
            node_with_app(&flow, "hangup"),
            node_with_app(&flow, "log"),
            node_with_app(&flow, "answer"),
            node_with_app(&flow, "if"),
            flow.start,
        ];
        let copied: Value = serde_json::from_str(&copy(&flow, &chosen).unwrap()).unwrap();
        assert!(
            semantically_identical(
                &copied,
                &json!([
                    {"answer": ""},
                    {"if": {"expression": "${x}", "then": [{"log": "yes"}]}},
                    {"hangup": ""}
                ])
            ),
            "the log under then goes along once: {copied}"
        );
    }

    #[test]
    fn paste_goes_after_the_chosen_step_and_drops_tags_the_flow_has() {
        let mut flow =
            decompile::decompile(&json!([{"tag": "a", "answer": ""}, {"hangup": ""}])).unwrap();
        let answer = node_with_app(&flow, "answer");
        let first = paste(
            &mut flow,
            Some(answer),
            r#"[{"tag": "a", "log": "one"}, {"tag": "b", "log": "two"}]"#,
        )
        .unwrap();
        assert_eq!(flow.step(first).unwrap().argument(), "one");
        let schema = compile(&flow).schema;
        assert!(
            semantically_identical(
                &schema,
                &json!([{"tag": "a", "answer": ""}, {"log": "one"}, {"tag": "b", "log": "two"}, {"hangup": ""}])
            ),
            "{schema}"
        );
    }

    #[test]
    fn paste_takes_one_step_or_a_whole_flow_and_refuses_anything_else() {
        let mut flow = decompile::decompile(&json!([{"answer": ""}])).unwrap();
        paste(&mut flow, None, r#"{"hangup": ""}"#).unwrap();
        paste(
            &mut flow,
            None,
            r#"{"name": "x", "schema": [{"log": "end"}]}"#,
        )
        .unwrap();
        assert!(semantically_identical(
            &compile(&flow).schema,
            &json!([{"answer": ""}, {"hangup": ""}, {"log": "end"}])
        ));
        let before = compile(&flow).schema;
        assert_eq!(
            paste(&mut flow, None, "42").map_err(|reason| reason.to_string()),
            Err("paste steps as JSON (a step or a list of steps), not a number".to_owned())
        );
        assert_eq!(
            paste(&mut flow, None, "[]").map_err(|reason| reason.to_string()),
            Err("there are no steps to paste".to_owned())
        );
        assert!(paste(&mut flow, None, "[{")
            .unwrap_err()
            .to_string()
            .starts_with("line 1, column 2"));
        assert_eq!(compile(&flow).schema, before, "nothing changed");
    }
}
