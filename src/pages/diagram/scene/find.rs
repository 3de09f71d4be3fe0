//! Find in the diagram: the steps whose name, app or any argument text holds what was typed,
//! in reading order, and stepping through them.

use super::Scene;
use flow_model::flow::{FlowGraph, NodeId};

/// The steps matching `query` (case-insensitive), in the scene's reading order; none for an
/// empty query.
pub fn matches(flow: &FlowGraph, scene: &Scene, query: &str) -> Vec<NodeId> {
    let wanted = query.trim().to_lowercase();
    if wanted.is_empty() {
        return Vec::new();
    }
    // The steps on show, then those in collapsed groups (going to one opens its group).
    let shown = scene
        .boxes
        .iter()
        .map(|node_box| (node_box.node, Some(node_box.title.as_str())));
    let tucked = scene
        .frames
        .iter()
        .filter(|frame| frame.collapsed)
        .flat_map(|frame| frame.members.iter().map(|node| (*node, None)));
    shown
        .chain(tucked)
        .filter(|(node, title)| {
            title.is_some_and(|title| title.to_lowercase().contains(&wanted))
                || flow.step(*node).is_some_and(|step| {
                    step.app.to_lowercase().contains(&wanted)
                        || serde_json::Value::Object(step.object.clone())
                            .to_string()
                            .to_lowercase()
                            .contains(&wanted)
                })
        })
        .map(|(node, _)| node)
        .collect()
}

/// The match to go to from `current` (a match or not), forward or back, wrapping around.
pub fn next(found: &[NodeId], current: Option<NodeId>, forward: bool) -> Option<NodeId> {
    if found.is_empty() {
        return None;
    }
    let at = current.and_then(|node| found.iter().position(|found| *found == node));
    let index = match (at, forward) {
        (None, true) => 0,
        (None, false) => found.len() - 1,
        (Some(at), true) => (at + 1) % found.len(),
        (Some(at), false) => (at + found.len() - 1) % found.len(),
    };
    Some(found[index])
}

#[cfg(test)]
mod tests {
    use super::*;
    use flow_model::flow::decompile;
    use serde_json::json;

    fn flow_and_scene() -> (FlowGraph, Scene) {
        let flow = decompile(&json!([
            {"answer": ""},
            {"playback": {"files": [{"name": "Welcome.wav"}]}, "tag": "menu"},
            {"log": "welcome done"},
            {"hangup": ""}
        ]))
        .unwrap();
        let scene = Scene::of(&flow, &[], flow_model::l10n::Locale::ENGLISH);
        (flow, scene)
    }

    #[test]
    fn finds_by_app_tag_and_any_argument_text_ignoring_case() {
        let (flow, scene) = flow_and_scene();
        let apps = |query: &str| -> Vec<String> {
            matches(&flow, &scene, query)
                .into_iter()
                .map(|node| flow.step(node).unwrap().app.clone())
                .collect()
        };
        assert_eq!(apps("WELCOME"), ["playback", "log"]);
        assert_eq!(apps("menu"), ["playback"]);
        assert_eq!(apps("hang"), ["hangup"]);
        assert!(apps("  ").is_empty());
        assert!(apps("nothing like it").is_empty());
    }

    #[test]
    fn steps_in_a_collapsed_group_are_found_too() {
        let (mut flow, _) = flow_and_scene();
        let log = flow.steps().find(|(_, step)| step.app == "log").unwrap().0;
        flow.groups.push(flow_model::flow::NodeGroup {
            id: "group-1".into(),
            label: "End".into(),
            nodes: vec![log],
            collapsed: true,
        });
        let scene = Scene::of(&flow, &[], flow_model::l10n::Locale::ENGLISH);
        assert!(scene.box_of(log).is_none(), "hidden");
        assert_eq!(matches(&flow, &scene, "done"), [log]);
    }

    #[test]
    fn next_and_previous_wrap_around() {
        let (flow, scene) = flow_and_scene();
        let found = matches(&flow, &scene, "welcome");
        let [first, second] = found[..] else {
            panic!("two matches")
        };
        assert_eq!(next(&found, None, true), Some(first));
        assert_eq!(next(&found, None, false), Some(second));
        assert_eq!(next(&found, Some(first), true), Some(second));
        assert_eq!(next(&found, Some(second), true), Some(first));
        assert_eq!(next(&found, Some(first), false), Some(second));
        assert_eq!(next(&[], Some(first), true), None);
    }
}
