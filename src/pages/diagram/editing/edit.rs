//! Changes to the diagram that keep it connected: adding a step after another (into the chain,
//! before what followed) and removing one (joining what was before and after it).

use flow_model::catalog;
use flow_model::flow::graph::LinkId;
use flow_model::flow::{auto_layout, FlowGraph, LayoutOptions, NodeId, Point, Port, Step};
use flow_model::l10n::Text;
use petgraph::visit::EdgeRef;
use serde_json::Value;

/// The last node of the chain that starts at `from`, following `next` links.
pub fn chain_end(flow: &FlowGraph, from: NodeId) -> NodeId {
    let mut at = from;
    let mut steps = 0;
    while let Some((_, next, link)) = flow.link_from(at, &Port::Next) {
        if link.jump || steps > flow.graph.node_count() {
            break; // a jump back, or a loop: the chain ends here
        }
        at = next;
        steps += 1;
    }
    at
}

/// A new step of `app` with its required fields started.
fn starting_step(app: &str) -> Step {
    let argument = catalog::app(app)
        .map(|spec| spec.argument.starting_value())
        .unwrap_or(Value::String(String::new()));
    Step::new(app, argument)
}

/// Puts `node` on the way out of `from` by `port`: what that led to now follows `node`.
fn splice(flow: &mut FlowGraph, from: NodeId, port: Port, node: NodeId) {
    match flow.link_from(from, &port) {
        Some((link, following, kept)) => {
            let jump = kept.jump;
            flow.graph.remove_edge(link);
            flow.connect(from, port, node, false);
            flow.connect(node, Port::Next, following, jump);
        }
        None => {
            flow.connect(from, port, node, false);
        }
    }
}

/// Adds a step of `app` right after `after` (or at the end of the main chain), lays the
/// diagram out again and returns the new node.
pub fn add_step(flow: &mut FlowGraph, after: Option<NodeId>, app: &str) -> NodeId {
    let anchor = after.unwrap_or_else(|| chain_end(flow, flow.start));
    let node = flow.add_step(starting_step(app));
    splice(flow, anchor, Port::Next, node);
    auto_layout(flow, LayoutOptions::default());
    node
}

/// Adds a step of `app` with its top left at `at`, linked to nothing yet (dropped on the
/// canvas from the palette).
pub fn place_step(flow: &mut FlowGraph, app: &str, at: Point) -> NodeId {
    let mut step = starting_step(app);
    step.position = at;
    flow.add_step(step)
}

/// Adds a step of `app` at `at` into `link` (dropped on it from the palette): the link now
/// leads to the new step, and what it led to follows it.
pub fn insert_into_link(
    flow: &mut FlowGraph,
    link: LinkId,
    app: &str,
    at: Point,
) -> Option<NodeId> {
    let (from, _) = flow.graph.edge_endpoints(link)?;
    let port = flow.graph[link].port.clone();
    let node = place_step(flow, app, at);
    splice(flow, from, port, node);
    Some(node)
}

/// Removes a step; the link into it now leads to what followed it. Start stays.
pub fn remove_node(flow: &mut FlowGraph, node: NodeId) -> bool {
    if node == flow.start || flow.graph.node_weight(node).is_none() {
        return false;
    }
    let following = flow
        .link_from(node, &Port::Next)
        .map(|(_, following, link)| (following, link.jump));
    let incoming: Vec<(NodeId, Port, bool)> = flow
        .graph
        .edges_directed(node, petgraph::Direction::Incoming)
        .map(|edge| {
            (
                edge.source(),
                edge.weight().port.clone(),
                edge.weight().jump,
            )
        })
        .collect();
    flow.remove_node(node);
    if let Some((following, following_jump)) = following {
        for (from, port, jump) in incoming.into_iter().filter(|(from, ..)| *from != node) {
            flow.connect(from, port, following, jump || following_jump);
        }
    }
    true
}

/// The step object of `node` as the raw-JSON field shows it (branches are the canvas's edges,
/// shown as empty arrays).
pub fn step_text(flow: &FlowGraph, node: NodeId) -> Option<String> {
    let step = flow.step(node)?;
    serde_json::to_string_pretty(&step.object).ok()
}

/// Replaces the step of `node` with the object typed in the raw-JSON field; says what is wrong
/// (with line and column for broken JSON) and changes nothing otherwise.
pub fn replace_step(flow: &mut FlowGraph, node: NodeId, text: &str) -> Result<(), Text> {
    let value = flow_model::catalog::form::json_value(text)?;
    let Value::Object(object) = value else {
        return Err(Text::new("editing-step-not-an-object"));
    };
    let Some(step) = flow.step(node) else {
        return Err(Text::new("editing-not-a-step"));
    };
    let app = flow_model::flow::decompile::app_key(&object)
        .ok_or_else(|| Text::new("editing-one-app-key"))?
        .to_owned();
    if app != step.app {
        return Err(Text::new("editing-app-stays")
            .with("app", format!("{:?}", step.app))
            .with("other", format!("{app:?}")));
    }
    for path in flow_model::flow::graph::branch_paths(&app, &object[&app]) {
        let nested = flow_model::flow::graph::value_at(&object[&app], &path);
        if nested
            .and_then(Value::as_array)
            .is_some_and(|steps| !steps.is_empty())
        {
            return Err(Text::new("editing-branches-on-canvas")
                .with("path", flow_model::flow::graph::path_text(&path)));
        }
    }
    if let Some(flow_model::flow::Node::Step(step)) = flow.graph.node_weight_mut(node) {
        step.object = object;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use flow_model::flow::{compile, decompile, semantically_identical};
    use serde_json::json;

    fn apps(flow: &FlowGraph) -> Value {
        compile(flow).schema
    }

    #[test]
    fn adding_goes_to_the_end_or_after_the_chosen_step() {
        let mut flow = FlowGraph::new();
        let answer = add_step(&mut flow, None, "answer");
        add_step(&mut flow, None, "hangup");
        add_step(&mut flow, Some(answer), "playback");
        let schema = apps(&flow);
        let names = flow_model::flow::decompile::top_level_apps(&schema);
        assert_eq!(names, [Some("answer"), Some("playback"), Some("hangup")]);
        let playback = &schema[1]["playback"];
        assert!(
            playback.is_object(),
            "starts with its required fields: {playback}"
        );
    }

    #[test]
    fn a_step_dropped_on_a_link_goes_between_its_ends_where_it_was_dropped() {
        let mut flow = decompile(&json!([
            {"if": {"expression": "1", "then": [{"hangup": ""}]}},
            {"tag": "end", "log": "end"},
            {"goto": "end"}
        ]))
        .unwrap();
        let condition = flow.steps().find(|(_, step)| step.app == "if").unwrap().0;
        let (then, _, _) = flow.link_from(condition, &Port::branch(&["then"])).unwrap();
        let at = Point { x: 140.0, y: 220.0 };
        let node = insert_into_link(&mut flow, then, "playback", at).unwrap();
        assert_eq!(
            flow.graph[node].position(),
            at,
            "stays where it was dropped"
        );
        assert!(semantically_identical(
            &apps(&flow),
            &json!([
                {"if": {"expression": "1", "then": [
                    {"playback": flow.step(node).unwrap().argument().clone()},
                    {"hangup": ""}
                ]}},
                {"tag": "end", "log": "end"},
                {"goto": "end"}
            ])
        ));
        // Into a jump (the trailing goto is one): the new step stands where the jump was; it
        // then jumps on.
        let jump = flow
            .graph
            .edge_indices()
            .find(|link| flow.graph[*link].jump)
            .unwrap();
        let log = insert_into_link(&mut flow, jump, "log", at).unwrap();
        let (_, target, link) = flow.link_from(log, &Port::Next).unwrap();
        assert!(link.jump && flow.graph[target].tag() == Some("end"));
    }

    #[test]
    fn a_step_dropped_on_the_canvas_stands_alone_where_it_was_dropped() {
        let mut flow = FlowGraph::new();
        let node = place_step(&mut flow, "answer", Point { x: 300.0, y: 40.0 });
        assert_eq!(flow.graph[node].position(), Point { x: 300.0, y: 40.0 });
        assert!(flow.links_into(node).is_empty() && flow.links_from(node).is_empty());
    }

    #[test]
    fn removing_joins_before_and_after() {
        let mut flow = decompile(&json!([{"answer": ""}, {"log": "x"}, {"hangup": ""}])).unwrap();
        let log = flow.steps().find(|(_, step)| step.app == "log").unwrap().0;
        assert!(remove_node(&mut flow, log));
        assert!(semantically_identical(
            &apps(&flow),
            &json!([{"answer": ""}, {"hangup": ""}])
        ));
        let start = flow.start;
        assert!(!remove_node(&mut flow, start), "Start stays");
    }

    #[test]
    fn raw_json_replaces_a_step_or_says_why_not() {
        let mut flow = decompile(
            &json!([{"log": "a"}, {"if": {"expression": "1", "then": [{"hangup": ""}]}}]),
        )
        .unwrap();
        let log = flow.steps().find(|(_, step)| step.app == "log").unwrap().0;
        let condition = flow.steps().find(|(_, step)| step.app == "if").unwrap().0;
        assert_eq!(step_text(&flow, log).unwrap(), "{\n  \"log\": \"a\"\n}");
        replace_step(&mut flow, log, r#"{"log": "b", "break": true}"#).unwrap();
        assert_eq!(flow.step(log).unwrap().object["log"], "b");
        let refusals = [
            (
                log,
                "{\"log\": ",
                "line 1, column 8: EOF while parsing a value",
            ),
            (log, "[]", "a step is a JSON object"),
            (
                log,
                r#"{"log": "", "hangup": ""}"#,
                "a step has exactly one app key",
            ),
            (
                log,
                r#"{"hangup": ""}"#,
                "the app stays \"log\" here: add a \"hangup\" step from the palette instead",
            ),
            (
                condition,
                r#"{"if": {"expression": "1", "then": [{"log": "x"}]}}"#,
                "then: branches are drawn on the canvas; leave this array empty here",
            ),
        ];
        for (node, text, expected) in refusals {
            assert_eq!(
                replace_step(&mut flow, node, text).unwrap_err().to_string(),
                expected
            );
        }
        assert_eq!(
            flow.step(log).unwrap().object["log"],
            "b",
            "refusals change nothing"
        );
        let start = flow.start;
        assert_eq!(
            replace_step(&mut flow, start, "{}")
                .unwrap_err()
                .to_string(),
            "only steps have properties"
        );
    }

    #[test]
    fn the_chain_end_stops_at_loops() {
        let flow = decompile(&json!([{"tag": "a", "answer": ""}, {"goto": "a"}])).unwrap();
        let end = chain_end(&flow, flow.start);
        assert_eq!(flow.step(end).map(|step| step.app.as_str()), Some("answer"));
    }
}
