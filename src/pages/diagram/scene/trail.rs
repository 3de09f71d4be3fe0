//! Where a run went, on the diagram: the steps it visited, the links it took between them, the
//! step it is at. A run names its steps by their place in the compiled schema
//! ([`flow_model::flow::step_places`]); a step that is no node here (a goto, a step of another
//! flow) is passed over. The link taken into a step is the one from the step before, else (the
//! run came back out of a branch, or jumped) those from steps already visited.

use flow_model::flow::graph::LinkId;
use flow_model::flow::{FlowGraph, NodeId};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

#[derive(Clone, PartialEq, Debug, Default)]
pub struct Trail {
    pub visited: HashSet<NodeId>,
    pub taken: HashSet<LinkId>,
    pub current: Option<NodeId>,
}

impl Trail {
    /// The trail of a run that took the steps at `visits` (place numbers, `places` naming
    /// each) and is at `current`.
    pub fn of(
        visits: &[u32],
        places: &[Rc<str>],
        current: Option<&str>,
        nodes: &HashMap<String, NodeId>,
        flow: &FlowGraph,
    ) -> Self {
        let mut trail = Trail {
            current: current.and_then(|path| nodes.get(path).copied()),
            ..Trail::default()
        };
        let node_of: Vec<Option<NodeId>> = places
            .iter()
            .map(|path| nodes.get(&**path).copied())
            .collect();
        // A run repeats itself (a loop of a hundred thousand steps): a move is looked at
        // again only when the steps visited before it grew.
        let mut looked_at = HashSet::new();
        let mut before: Option<NodeId> = None;
        for node in visits.iter().filter_map(|&place| node_of[place as usize]) {
            if let Some(from) = before {
                if looked_at.insert((from, node, trail.visited.len())) {
                    trail.take(from, node, flow);
                }
            }
            trail.visited.insert(node);
            before = Some(node);
        }
        trail
    }

    /// Marks the link the run took from `from` into `node`.
    fn take(&mut self, from: NodeId, node: NodeId, flow: &FlowGraph) {
        let direct: Vec<LinkId> = flow
            .links_from(from)
            .into_iter()
            .filter(|(_, to, _)| *to == node)
            .map(|(link, _, _)| link)
            .collect();
        if direct.is_empty() {
            let visited = &self.visited;
            let from_visited: Vec<LinkId> = flow
                .links_into(node)
                .into_iter()
                .filter(|(_, source, _)| visited.contains(source))
                .map(|(link, _, _)| link)
                .collect();
            self.taken.extend(from_visited);
        } else {
            self.taken.extend(direct);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.visited.is_empty() && self.current.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flow_model::flow::{decompile, step_places};
    use serde_json::json;

    #[test]
    fn a_trail_marks_the_steps_and_links_taken_and_passes_over_gotos() {
        let schema = json!([
            {"tag": "ask", "set": {"a": "1"}},
            {"if": {"expression": "1 == 1", "then": [{"set": {"b": "2"}}], "else": [{"set": {"c": "3"}}]}},
            {"goto": "ask"}
        ]);
        let flow = decompile(&schema).unwrap();
        let places = step_places(&flow);
        let set_a = places["/0"];
        let branch = places["/1"];
        let then = places["/1/if/then/0"];
        let reached: Vec<Rc<str>> = ["/0", "/1", "/1/if/then/0", "/2"]
            .into_iter()
            .map(Rc::from)
            .collect();
        let trail = Trail::of(&[0, 1, 2, 3, 0], &reached, Some("/0"), &places, &flow);
        assert_eq!(trail.visited, HashSet::from([set_a, branch, then]));
        assert_eq!(trail.current, Some(set_a));
        let into = |from, to| {
            flow.links_from(from)
                .into_iter()
                .find(|(_, target, _)| *target == to)
                .map(|(link, _, _)| link)
                .unwrap()
        };
        assert!(trail.taken.contains(&into(set_a, branch)));
        assert!(trail.taken.contains(&into(branch, then)));
        assert!(
            trail.taken.contains(&into(branch, set_a)),
            "the goto's jump back"
        );
        assert_eq!(trail.taken.len(), 3);
        let else_step = places["/1/if/else/0"];
        assert!(!trail.visited.contains(&else_step));
    }
}
