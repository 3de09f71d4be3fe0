//! What the canvas draws, computed from the flow graph: a box per node with its title and a
//! one-line summary, and orthogonal edges between ports. Plain data, so hit testing and
//! culling are tested natively.

use super::viewport::{Rect, Vec2};
use super::wiring;
use flow_model::catalog;
use flow_model::flow::graph::path_text;
use flow_model::flow::{is_generated_tag, FlowGraph, Node, NodeId, Port, Problem, Severity};
use serde_json::Value;
use std::collections::HashMap;

pub const NODE_WIDTH: f64 = 200.0;
pub const NODE_HEIGHT: f64 = 58.0;
const SUMMARY_CHARS: usize = 34;

#[derive(Clone, PartialEq, Debug)]
pub struct NodeBox {
    pub node: NodeId,
    pub rect: Rect,
    pub title: String,
    pub summary: String,
    pub problem: Option<Severity>,
    pub start: bool,
    /// Where links leave: next on the right, branches and failover along the bottom.
    pub ports: Vec<PortDot>,
}

/// A port drawn on a node.
#[derive(Clone, PartialEq, Debug)]
pub struct PortDot {
    pub port: Port,
    pub at: Vec2,
    pub label: String,
    pub linked: bool,
}

/// How near (in world units at zoom 1) a press must be to grab a port.
pub const PORT_REACH: f64 = 9.0;

/// Where each port of a node of `rect` sits: next at the middle of the right side, the others
/// spread along the bottom.
fn port_places(rect: &Rect, ports: &[Port]) -> Vec<Vec2> {
    let below = ports.iter().filter(|port| **port != Port::Next).count();
    let mut index = 0;
    ports
        .iter()
        .map(|port| {
            if *port == Port::Next {
                Vec2::new(rect.x + rect.width, rect.y + rect.height / 2.0)
            } else {
                index += 1;
                Vec2::new(
                    rect.x + rect.width * index as f64 / (below + 1) as f64,
                    rect.y + rect.height,
                )
            }
        })
        .collect()
}

#[derive(Clone, PartialEq, Debug)]
pub struct Edge {
    pub from: NodeId,
    pub to: NodeId,
    pub label: String,
    /// A goto or failover: drawn dashed.
    pub jump: bool,
    pub points: Vec<Vec2>,
    /// The port it leaves from.
    pub port: Port,
}

/// The orthogonal path of a link out of `port` of a node at `a` into a node at `b`: from the
/// right side (next) or from its port on the bottom (`port_at`, branches), into `b`'s left side.
fn route(port: &Port, a: &Rect, b: &Rect, port_at: Option<Vec2>) -> Vec<Vec2> {
    let end = Vec2::new(b.x, b.y + b.height / 2.0);
    if *port != Port::Next {
        // From a port on the bottom: down, across, into the target's left side.
        let start = port_at.unwrap_or(Vec2::new(a.x + a.width / 2.0, a.y + a.height));
        let level = if end.y > start.y + 16.0 {
            end.y
        } else {
            start.y + 16.0
        };
        let approach = end.x - 20.0;
        return vec![
            start,
            Vec2::new(start.x, level),
            Vec2::new(approach, level),
            Vec2::new(approach, end.y),
            end,
        ];
    }
    let start = Vec2::new(a.x + a.width, a.y + a.height / 2.0);
    if end.x > start.x + 20.0 {
        let middle = (start.x + end.x) / 2.0;
        vec![
            start,
            Vec2::new(middle, start.y),
            Vec2::new(middle, end.y),
            end,
        ]
    } else {
        // Backwards (a loop or a jump back): around below the source.
        let middle = start.x + 20.0;
        let below = a.y.max(b.y) + a.height + 24.0;
        vec![
            start,
            Vec2::new(middle, start.y),
            Vec2::new(middle, below),
            Vec2::new(end.x - 20.0, below),
            Vec2::new(end.x - 20.0, end.y),
            end,
        ]
    }
}

#[derive(Clone, PartialEq, Debug, Default)]
pub struct Scene {
    pub boxes: Vec<NodeBox>,
    pub edges: Vec<Edge>,
}

/// A short text of a value, for one line.
fn short(value: &Value) -> String {
    let text = match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let mut chars = text.chars();
    let mut line: String = chars.by_ref().take(SUMMARY_CHARS).collect();
    if chars.next().is_some() {
        line.push('…');
    }
    line.replace('\n', " ")
}

/// The key arguments of a step in one line: its required fields, else its whole argument.
fn summary(app: &str, argument: &Value) -> String {
    if let (Some(spec), Value::Object(fields)) = (catalog::app(app), argument) {
        let key: Vec<String> = spec
            .fields()
            .iter()
            .filter(|field| field.required)
            .filter_map(|field| {
                fields
                    .get(field.name)
                    .map(|value| format!("{}: {}", field.name, short(value)))
            })
            .collect();
        if !key.is_empty() {
            return short(&Value::String(key.join(", ")));
        }
    }
    short(argument)
}

fn port_label(flow: &FlowGraph, from: NodeId, port: &Port) -> String {
    match port {
        Port::Next => String::new(),
        Port::Failover => "failover".to_owned(),
        Port::Branch(path) => {
            let app = flow
                .step(from)
                .map(|step| step.app.as_str())
                .unwrap_or_default();
            if app == "switch" || app == "if" {
                path.last().map_or_else(
                    || path_text(path),
                    |seg| match seg {
                        flow_model::flow::PathSeg::Key(key) => key.clone(),
                        flow_model::flow::PathSeg::Index(index) => index.to_string(),
                    },
                )
            } else {
                path_text(path)
            }
        }
    }
}

impl Scene {
    pub fn of(flow: &FlowGraph, problems: &[Problem]) -> Self {
        let mut worst: HashMap<NodeId, Severity> = HashMap::new();
        for problem in problems {
            if let Some(node) = problem.node {
                let entry = worst.entry(node).or_insert(problem.severity);
                *entry = (*entry).min(problem.severity);
            }
        }
        let mut rects = HashMap::new();
        let boxes: Vec<NodeBox> = flow
            .graph
            .node_indices()
            .map(|node| {
                let position = flow.graph[node].position();
                let rect = Rect {
                    x: position.x,
                    y: position.y,
                    width: NODE_WIDTH,
                    height: NODE_HEIGHT,
                };
                rects.insert(node, rect);
                let (title, summary) = match &flow.graph[node] {
                    Node::Start { .. } => ("Start".to_owned(), String::new()),
                    Node::Step(step) => {
                        let label =
                            catalog::app(&step.app).map_or(step.app.as_str(), |spec| spec.label);
                        let title = match step.tag().filter(|tag| !is_generated_tag(&step.app, tag))
                        {
                            Some(tag) => format!("{label} · {tag}"),
                            None => label.to_owned(),
                        };
                        (title, summary(&step.app, step.argument()))
                    }
                    Node::Raw { value, .. } => ("Invalid step".to_owned(), short(value)),
                };
                let ports = wiring::output_ports(flow, node);
                let places = port_places(&rect, &ports);
                let ports = ports
                    .into_iter()
                    .zip(places)
                    .map(|(port, at)| PortDot {
                        label: port_label(flow, node, &port),
                        linked: flow.link_from(node, &port).is_some(),
                        port,
                        at,
                    })
                    .collect();
                NodeBox {
                    node,
                    rect,
                    title,
                    summary,
                    problem: worst.get(&node).copied(),
                    start: node == flow.start,
                    ports,
                }
            })
            .collect();
        let index: HashMap<NodeId, usize> = boxes
            .iter()
            .enumerate()
            .map(|(at, node_box)| (node_box.node, at))
            .collect();
        let edges = flow
            .graph
            .edge_indices()
            .filter_map(|edge| {
                let (from, to) = flow.graph.edge_endpoints(edge)?;
                let link = &flow.graph[edge];
                let port_at = index
                    .get(&from)
                    .and_then(|at| boxes[*at].ports.iter().find(|dot| dot.port == link.port))
                    .map(|dot| dot.at);
                Some(Edge {
                    from,
                    to,
                    label: port_label(flow, from, &link.port),
                    jump: link.jump,
                    points: route(&link.port, &rects[&from], &rects[&to], port_at),
                    port: link.port.clone(),
                })
            })
            .collect();
        Self { boxes, edges }
    }

    /// Follows steps that only moved (`nodes`, now at their places in `flow`): their boxes,
    /// ports and links, without rebuilding the rest, so a drag of a few steps stays cheap in
    /// a big flow.
    pub fn moved(&mut self, flow: &FlowGraph, nodes: &[NodeId]) {
        let moving: std::collections::HashSet<NodeId> = nodes.iter().copied().collect();
        for node_box in self.boxes.iter_mut().filter(|b| moving.contains(&b.node)) {
            let Some(weight) = flow.graph.node_weight(node_box.node) else {
                continue;
            };
            let position = weight.position();
            node_box.rect.x = position.x;
            node_box.rect.y = position.y;
            let ports: Vec<Port> = node_box.ports.iter().map(|dot| dot.port.clone()).collect();
            for (dot, at) in node_box
                .ports
                .iter_mut()
                .zip(port_places(&node_box.rect, &ports))
            {
                dot.at = at;
            }
        }
        let places: HashMap<NodeId, &NodeBox> = self
            .boxes
            .iter()
            .map(|node_box| (node_box.node, node_box))
            .collect();
        for edge in self
            .edges
            .iter_mut()
            .filter(|edge| moving.contains(&edge.from) || moving.contains(&edge.to))
        {
            let (Some(a), Some(b)) = (places.get(&edge.from), places.get(&edge.to)) else {
                continue;
            };
            let port_at = a
                .ports
                .iter()
                .find(|dot| dot.port == edge.port)
                .map(|dot| dot.at);
            edge.points = route(&edge.port, &a.rect, &b.rect, port_at);
        }
    }

    /// The port within reach of a world point (`reach` in world units), if any.
    pub fn port_at(&self, world: Vec2, reach: f64) -> Option<(NodeId, Port)> {
        self.boxes.iter().rev().find_map(|node_box| {
            node_box
                .ports
                .iter()
                .find(|dot| (dot.at.x - world.x).hypot(dot.at.y - world.y) <= reach)
                .map(|dot| (node_box.node, dot.port.clone()))
        })
    }

    /// The node at a world point, the one drawn last (on top) first.
    pub fn hit(&self, world: Vec2) -> Option<NodeId> {
        self.boxes
            .iter()
            .rev()
            .find(|node_box| node_box.rect.contains(world))
            .map(|node_box| node_box.node)
    }

    /// The nodes a world rectangle touches, in reading order.
    pub fn touching(&self, area: &Rect) -> Vec<NodeId> {
        self.boxes
            .iter()
            .filter(|node_box| node_box.rect.intersects(area))
            .map(|node_box| node_box.node)
            .collect()
    }

    pub fn bounds(&self) -> Option<Rect> {
        Rect::around(self.boxes.iter().map(|node_box| node_box.rect))
    }

    pub fn box_of(&self, node: NodeId) -> Option<&NodeBox> {
        self.boxes.iter().find(|node_box| node_box.node == node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flow_model::flow::{auto_layout, check, decompile, LayoutOptions};
    use flow_model::FlowType;
    use serde_json::json;

    fn scene(schema: Value) -> (FlowGraph, Scene) {
        let mut flow = decompile(&schema).unwrap();
        auto_layout(&mut flow, LayoutOptions::default());
        let problems = check(&flow, FlowType::Voice);
        let scene = Scene::of(&flow, &problems);
        (flow, scene)
    }

    #[test]
    fn every_node_gets_a_box_and_every_link_an_edge() {
        let (flow, scene) = scene(json!([
            {"answer": ""},
            {"if": {"expression": "${x} == 1", "then": [{"hangup": ""}]}},
            {"playback": {"files": [{"name": "hello.wav"}]}}
        ]));
        assert_eq!(scene.boxes.len(), flow.graph.node_count());
        assert_eq!(scene.edges.len(), flow.graph.edge_count());
        assert!(scene.boxes.iter().any(|b| b.start && b.title == "Start"));
        let condition = scene
            .boxes
            .iter()
            .find(|b| b.summary.contains("expression"))
            .unwrap();
        assert_eq!(condition.summary, "expression: ${x} == 1");
        assert!(scene.edges.iter().any(|edge| edge.label == "then"));
        for edge in &scene.edges {
            for pair in edge.points.windows(2) {
                assert!(
                    pair[0].x == pair[1].x || pair[0].y == pair[1].y,
                    "orthogonal segments"
                );
            }
        }
    }

    #[test]
    fn hits_find_the_box_under_a_point() {
        let (flow, scene) = scene(json!([{"answer": ""}]));
        let start = flow.graph[flow.start].position();
        assert_eq!(
            scene.hit(Vec2::new(start.x + 5.0, start.y + 5.0)),
            Some(flow.start)
        );
        assert_eq!(scene.hit(Vec2::new(start.x - 500.0, start.y)), None);
        let bounds = scene.bounds().unwrap();
        assert!(bounds.width >= NODE_WIDTH * 2.0);
    }

    #[test]
    fn problems_mark_their_nodes_and_long_arguments_are_cut() {
        let (_, scene) = scene(json!([
            {"goto": "nowhere"},
            {"log": "a very long message that certainly does not fit on one line of a node"}
        ]));
        assert!(scene
            .boxes
            .iter()
            .any(|b| b.problem == Some(Severity::Warning)));
        let log = scene
            .boxes
            .iter()
            .find(|b| b.title.starts_with("Log") || b.title.starts_with("log"))
            .unwrap();
        assert!(log.summary.ends_with('…'));
        assert_eq!(log.summary.chars().count(), SUMMARY_CHARS + 1);
    }

    #[test]
    fn a_rectangle_selects_the_nodes_it_touches_in_reading_order() {
        let (flow, scene) = scene(json!([{"answer": ""}, {"log": "a"}, {"hangup": ""}]));
        let boxes: Vec<&NodeBox> = scene.boxes.iter().filter(|b| !b.start).collect();
        let (first, last) = (boxes[0].rect, boxes[2].rect);
        let area = Rect::spanning(
            Vec2::new(first.x + 5.0, first.y + 5.0),
            Vec2::new(last.x - 5.0, last.y + 5.0),
        );
        let touched = scene.touching(&area);
        assert_eq!(
            touched,
            [boxes[0].node, boxes[1].node],
            "the last one is not reached"
        );
        assert!(flow.step(touched[0]).is_some());
        assert!(scene
            .touching(&Rect {
                x: -5000.0,
                y: -5000.0,
                width: 1.0,
                height: 1.0
            })
            .is_empty());
    }

    #[test]
    fn ports_sit_on_the_right_and_along_the_bottom_and_are_hit_within_reach() {
        let (flow, scene) = scene(json!([{"if": {"expression": "1", "then": [{"log": "a"}]}}]));
        let node_box = scene
            .boxes
            .iter()
            .find(|b| flow.step(b.node).is_some_and(|step| step.app == "if"))
            .unwrap();
        let rect = node_box.rect;
        let places: Vec<(Port, Vec2, bool)> = node_box
            .ports
            .iter()
            .map(|dot| (dot.port.clone(), dot.at, dot.linked))
            .collect();
        assert_eq!(
            places,
            [
                (
                    Port::Next,
                    Vec2::new(rect.x + rect.width, rect.y + rect.height / 2.0),
                    false
                ),
                (
                    Port::branch(&["then"]),
                    Vec2::new(rect.x + rect.width / 3.0, rect.y + rect.height),
                    true
                ),
                (
                    Port::branch(&["else"]),
                    Vec2::new(rect.x + rect.width * 2.0 / 3.0, rect.y + rect.height),
                    false
                ),
            ]
        );
        let then = places[1].1;
        assert_eq!(
            scene.port_at(Vec2::new(then.x + 5.0, then.y - 5.0), PORT_REACH),
            Some((node_box.node, Port::branch(&["then"])))
        );
        assert_eq!(
            scene.port_at(Vec2::new(then.x + 30.0, then.y), PORT_REACH),
            None
        );
    }

    #[test]
    fn moving_steps_updates_the_scene_as_a_rebuild_would() {
        let (mut flow, _) = scene(json!([
            {"answer": ""},
            {"if": {"expression": "1", "then": [{"log": "a"}], "else": [{"log": "b"}]}},
            {"hangup": ""}
        ]));
        let mut followed = Scene::of(&flow, &[]);
        let moving: Vec<NodeId> = flow
            .steps()
            .filter(|(_, step)| step.app == "if" || step.app == "hangup")
            .map(|(node, _)| node)
            .collect();
        for node in &moving {
            let at = flow.graph[*node].position();
            flow.graph[*node].set_position(flow_model::flow::Point {
                x: at.x + 140.0,
                y: at.y - 60.0,
            });
        }
        followed.moved(&flow, &moving);
        assert_eq!(followed, Scene::of(&flow, &[]));
    }
}
