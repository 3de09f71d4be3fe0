//! What the canvas draws, computed from the flow graph: a box per node with its title and a
//! one-line summary, and orthogonal edges between ports. Plain data, so hit testing and
//! culling are tested natively.

mod crossing;
pub mod find;
pub mod guides;
mod hit;
pub mod icons;
mod labels;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod layout_tests;
/// Counting a drawing's readability: the layout tests and the layout benchmark (beside ELK).
pub mod measure;
pub mod routing;
mod shapes;
pub mod trail;
pub mod viewport;
mod wraps;

pub use shapes::{
    entry, Edge, GroupFrame, NodeBox, NoteBox, PortDot, FRAME_HEADER, FRAME_PADDING, GRIP,
    PORT_REACH, STEP_HEIGHT, STEP_WIDTH,
};

use crate::components::icon::lucide;
use crossing::Drawn;
use flow_model::catalog;
use flow_model::flow::graph::LinkId;
use flow_model::flow::{is_generated_tag, shape, FlowGraph, Node, NodeId, Port, Problem, Severity};
use flow_model::l10n::Locale;
use labels::{port_label, short, summary};
use routing::{Ends, Obstacles};
use shapes::{frames_of, port_places, route};
use std::borrow::Cow;
use std::collections::HashMap;
use viewport::{Rect, Vec2};

#[derive(Clone, PartialEq, Debug, Default)]
pub struct Scene {
    /// The steps on show (those in collapsed groups are not).
    pub boxes: Vec<NodeBox>,
    pub edges: Vec<Edge>,
    pub notes: Vec<NoteBox>,
    pub frames: Vec<GroupFrame>,
}

/// Where a link ends on a box: its index among the obstacles and its rectangle, and for the
/// source, the port it leaves from.
struct End<'a> {
    index: usize,
    rect: Rect,
    ports: &'a [PortDot],
}

/// The route of a link out of `port` of box `from` (at index `source`) into box `to`: its plain
/// shape (`wrapped` when it wraps, [`wraps`]), or a way around the boxes in between; for a
/// jump, drawn after the lines `drawn` already has, the way that crosses the fewest of them.
fn routed(
    port: &Port,
    from: &End,
    to: &End,
    obstacles: &Obstacles,
    wrapped: Option<Vec<Vec2>>,
    jump_among: Option<&mut Drawn>,
) -> Vec<Vec2> {
    // Out of a collapsed group, every link leaves from its right side.
    let port = if from.ports.is_empty() {
        &Port::Next
    } else {
        port
    };
    let dot = from.ports.iter().find(|dot| dot.port == *port);
    let (a, b) = (&from.rect, &to.rect);
    let plain = wrapped.unwrap_or_else(|| route(port, a, b, dot));
    let ends = Ends {
        start: plain[0],
        down: *port != Port::Next && dot.is_none_or(|dot| dot.turn.is_none()),
        end: plain[plain.len() - 1],
        source: from.index,
        target: to.index,
    };
    let route = routing::around(plain, &ends, obstacles);
    match jump_among {
        Some(drawn) => crossing::fewest_crossings(route, &ends, a, b, obstacles, drawn),
        None => route,
    }
}

impl Scene {
    /// The scene of `flow`, its titles in `locale`.
    pub fn of(flow: &FlowGraph, problems: &[Problem], locale: Locale) -> Self {
        let mut worst: HashMap<NodeId, Severity> = HashMap::new();
        for problem in problems {
            if let Some(node) = problem.node {
                let entry = worst.entry(node).or_insert(problem.severity);
                *entry = (*entry).min(problem.severity);
            }
        }
        let boxes: Vec<NodeBox> = flow
            .graph
            .node_indices()
            .map(|node| {
                let position = flow.graph[node].position();
                let ports = flow.output_ports(node);
                let rect = Rect {
                    x: position.x,
                    y: position.y,
                    width: STEP_WIDTH,
                    height: shape::step_height(&ports),
                };
                let (icon, title, summary) = match &flow.graph[node] {
                    Node::Start { .. } => (
                        lucide::LuCirclePlay,
                        locale.say("node-start", None),
                        String::new(),
                    ),
                    Node::Step(step) => {
                        let label = catalog::app(&step.app)
                            .map_or(Cow::Borrowed(step.app.as_str()), |spec| {
                                spec.label_in(locale)
                            });
                        let title = match step.tag().filter(|tag| !is_generated_tag(&step.app, tag))
                        {
                            Some(tag) => format!("{label} · {tag}"),
                            None => label.into_owned(),
                        };
                        (
                            icons::app_icon(&step.app),
                            title,
                            summary(&step.app, step.argument()),
                        )
                    }
                    Node::Raw { value, .. } => (
                        lucide::LuCircleAlert,
                        locale.say("node-invalid-step", None),
                        short(value),
                    ),
                };
                let places = port_places(&rect, &ports);
                let ports = ports
                    .into_iter()
                    .zip(places)
                    .map(|(port, (at, turn))| PortDot {
                        label: port_label(flow, node, &port),
                        linked: flow.link_from(node, &port).is_some(),
                        port,
                        at,
                        turn,
                    })
                    .collect();
                NodeBox {
                    node,
                    rect,
                    icon,
                    title,
                    summary,
                    problem: worst.get(&node).copied(),
                    start: node == flow.start,
                    tint: flow.step(node).and_then(|step| icons::app_tint(&step.app)),
                    ports,
                }
            })
            .collect();
        let frames = frames_of(flow, &boxes, locale);
        let hidden: HashMap<NodeId, usize> = frames
            .iter()
            .enumerate()
            .filter(|(_, frame)| frame.collapsed)
            .flat_map(|(at, frame)| frame.members.iter().map(move |node| (*node, at)))
            .collect();
        let boxes: Vec<NodeBox> = boxes
            .into_iter()
            .filter(|node_box| !hidden.contains_key(&node_box.node))
            .collect();
        let mut scene = Self {
            boxes,
            edges: Vec::new(),
            notes: flow
                .comments
                .iter()
                .map(|note| NoteBox {
                    id: note.id.clone(),
                    rect: Rect {
                        x: note.position.x,
                        y: note.position.y,
                        width: note.width,
                        height: note.height,
                    },
                    text: note.text.clone(),
                })
                .collect(),
            frames,
        };
        // What links go around: the steps on show, then the collapsed groups (in the order
        // `End::index` counts them).
        let obstacles = Obstacles::new(scene.solid_rects());
        let index = scene.node_index();
        let hidden_index = |frame: usize| {
            scene.boxes.len()
                + scene.frames[..frame]
                    .iter()
                    .filter(|frame| frame.collapsed)
                    .count()
        };
        let end_of = |node: NodeId| -> Option<End> {
            match (index.get(&node), hidden.get(&node)) {
                (Some(&at), _) => Some(End {
                    index: at,
                    rect: scene.boxes[at].rect,
                    ports: &scene.boxes[at].ports,
                }),
                (None, Some(&frame)) => Some(End {
                    index: hidden_index(frame),
                    rect: scene.frames[frame].rect,
                    ports: &[],
                }),
                (None, None) => None,
            }
        };
        // Each link with its ends on show (none inside a collapsed group).
        let links: Vec<(LinkId, (NodeId, NodeId), End, End)> = flow
            .graph
            .edge_indices()
            .filter_map(|edge| {
                let (from, to) = flow.graph.edge_endpoints(edge)?;
                if hidden.contains_key(&from) && hidden.get(&from) == hidden.get(&to) {
                    return None;
                }
                Some((edge, (from, to), end_of(from)?, end_of(to)?))
            })
            .collect();
        // Out of a collapsed group, every link leaves from its right side, as what follows.
        let mut wrapped = wraps::wrap_routes(
            links
                .iter()
                .filter(|(edge, _, source, _)| {
                    let link = &flow.graph[*edge];
                    !link.jump && (link.port == Port::Next || source.ports.is_empty())
                })
                .map(|(edge, _, source, target)| wraps::NextLink {
                    key: *edge,
                    from: source.rect,
                    to: target.rect,
                })
                .collect(),
            &obstacles,
        );
        // The lines that place steps first, then the jumps, each taking the way that crosses
        // the fewest lines drawn before it.
        let mut drawn = Drawn::default();
        let mut edges = Vec::with_capacity(links.len());
        for jumps in [false, true] {
            for (edge, (from, to), source, target) in links
                .iter()
                .filter(|(edge, ..)| flow.graph[*edge].jump == jumps)
            {
                let link = &flow.graph[*edge];
                let points = routed(
                    &link.port,
                    source,
                    target,
                    &obstacles,
                    wrapped.remove(edge),
                    jumps.then_some(&mut drawn),
                );
                drawn.add(&points);
                edges.push(Edge {
                    from: *from,
                    to: *to,
                    label: port_label(flow, *from, &link.port),
                    listed: source
                        .ports
                        .iter()
                        .any(|dot| dot.port == link.port && dot.turn.is_some()),
                    jump: link.jump,
                    points,
                    port: link.port.clone(),
                    link: *edge,
                });
            }
        }
        edges.sort_unstable_by_key(|edge| edge.link);
        scene.edges = edges;
        scene
    }

    /// What links go around: the steps on show, then the collapsed groups.
    fn solid_rects(&self) -> Vec<Rect> {
        self.boxes
            .iter()
            .map(|node_box| node_box.rect)
            .chain(
                self.frames
                    .iter()
                    .filter(|frame| frame.collapsed)
                    .map(|frame| frame.rect),
            )
            .collect()
    }

    fn node_index(&self) -> HashMap<NodeId, usize> {
        self.boxes
            .iter()
            .enumerate()
            .map(|(at, node_box)| (node_box.node, at))
            .collect()
    }

    /// Can [`Scene::moved`] follow moves? Not while a group is collapsed: links into it end on
    /// its box, not on a step's, and the scene is rebuilt instead.
    pub fn can_follow(&self) -> bool {
        !self.frames.iter().any(|frame| frame.collapsed)
    }

    /// Follows steps that are being dragged (`nodes`, now at their places in `flow`): their
    /// boxes, ports and group frames, and their links in their plain shape. Links go around
    /// steps again when the steps are dropped (the scene is then rebuilt), so each move of a
    /// drag stays cheap however big the flow and however many steps move.
    pub fn moved(&mut self, flow: &FlowGraph, nodes: &[NodeId]) {
        let moving: std::collections::HashSet<NodeId> = nodes.iter().copied().collect();
        for node_box in self
            .boxes
            .iter_mut()
            .filter(|node_box| moving.contains(&node_box.node))
        {
            let Some(weight) = flow.graph.node_weight(node_box.node) else {
                continue;
            };
            let position = weight.position();
            let (right, down) = (position.x - node_box.rect.x, position.y - node_box.rect.y);
            node_box.rect.x = position.x;
            node_box.rect.y = position.y;
            for dot in &mut node_box.ports {
                dot.at = Vec2::new(dot.at.x + right, dot.at.y + down);
            }
        }
        let index = self.node_index();
        for frame in self
            .frames
            .iter_mut()
            .filter(|frame| frame.members.iter().any(|node| moving.contains(node)))
        {
            let members: Vec<Rect> = frame
                .members
                .iter()
                .filter_map(|node| index.get(node).map(|at| self.boxes[*at].rect))
                .collect();
            if let Some(rect) = GroupFrame::around(&members) {
                frame.rect = rect;
            }
        }
        for edge in self
            .edges
            .iter_mut()
            .filter(|edge| moving.contains(&edge.from) || moving.contains(&edge.to))
        {
            let (Some(&source), Some(&target)) = (index.get(&edge.from), index.get(&edge.to))
            else {
                continue;
            };
            let (from, to) = (&self.boxes[source], &self.boxes[target]);
            let dot = from.ports.iter().find(|dot| dot.port == edge.port);
            edge.points = route(&edge.port, &from.rect, &to.rect, dot);
        }
    }

    /// Follows a change of note `id` alone (moved, resized or rewritten).
    pub fn note_changed(&mut self, flow: &FlowGraph, id: &str) {
        let Some(note) = flow.comments.iter().find(|note| note.id == id) else {
            return;
        };
        if let Some(drawn) = self.notes.iter_mut().find(|drawn| drawn.id == id) {
            drawn.rect = Rect {
                x: note.position.x,
                y: note.position.y,
                width: note.width,
                height: note.height,
            };
            drawn.text.clone_from(&note.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::labels::SUMMARY_CHARS;
    use super::*;
    use crate::pages::diagram::editing::decorations::Decoration;
    use flow_model::flow::{auto_layout, check, decompile, LayoutOptions};
    use flow_model::FlowType;
    use serde_json::json;
    use serde_json::Value;

    fn edge_between(scene: &Scene, from: NodeId, to: NodeId) -> &Edge {
        scene
            .edges
            .iter()
            .find(|edge| edge.from == from && edge.to == to)
            .unwrap_or_else(|| panic!("no link from {from:?} to {to:?}"))
    }

    fn scene(schema: Value) -> (FlowGraph, Scene) {
        let mut flow = decompile(&schema).unwrap();
        auto_layout(&mut flow, LayoutOptions::default());
        let problems = check(&flow, FlowType::Voice);
        let scene = Scene::of(&flow, &problems, Locale::ENGLISH);
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
        assert!(bounds.width >= STEP_WIDTH * 2.0);
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

    /// A switch of `cases` cases, each leading to a step of its own, labelled the way
    /// operators write them (longer than a box is wide).
    fn many_cases(cases: usize) -> Value {
        let case: serde_json::Map<String, Value> = (1..=cases)
            .map(|case| {
                (
                    format!("{case:02} the caller asked to be called back later"),
                    json!([{"log": format!("case {case}")}]),
                )
            })
            .collect();
        json!([{"switch": {"variable": "${reason}", "case": case}}, {"hangup": ""}])
    }

    #[test]
    fn a_switch_of_forty_cases_lists_them_down_its_side_each_line_on_its_own() {
        let (_, scene) = scene(many_cases(40));
        let switch = scene.boxes.iter().find(|b| b.title == "Switch").unwrap();
        let rect = switch.rect;
        let listed: Vec<&PortDot> = switch
            .ports
            .iter()
            .filter(|dot| dot.turn.is_some())
            .collect();
        assert_eq!(listed.len(), 40);
        let mut turns = Vec::new();
        let mut previous_target = f64::NEG_INFINITY;
        for (row, dot) in listed.iter().enumerate() {
            // A row each down the right side, in written order, inside the box.
            assert_eq!(dot.at.x, rect.x + rect.width);
            assert!(rect.y + STEP_HEIGHT < dot.at.y && dot.at.y < rect.y + rect.height);
            assert!(dot.label.starts_with(&format!("{:02} ", row + 1)));
            // Its whole label under the pointer anywhere on its row, and its dot to drag from.
            let on_row = Vec2::new(rect.x + 40.0, dot.at.y + 5.0);
            assert_eq!(scene.listed_port_at(on_row), Some(*dot));
            assert_eq!(
                scene.port_at(dot.at, PORT_REACH),
                Some((switch.node, dot.port.clone()))
            );
            // Its line: out to the right, down at its own distance, into its step; the steps
            // in the order of the rows, so no line crosses another.
            let edge = scene
                .edges
                .iter()
                .find(|edge| edge.from == switch.node && edge.port == dot.port)
                .unwrap();
            assert!(edge.listed);
            assert_eq!(edge.points[0], dot.at);
            assert_eq!(edge.points[1].y, dot.at.y);
            turns.push(edge.points[1].x);
            let target = edge.points[edge.points.len() - 1].y;
            assert!(target > previous_target);
            previous_target = target;
        }
        assert!(turns.windows(2).all(|pair| pair[0] > pair[1]));
        let measures = scene.measures();
        assert_eq!((measures.crossings, measures.through_steps), (0, 0));
        assert_eq!(measures.overlaps, 0);
    }

    #[test]
    fn dragged_steps_take_their_boxes_ports_and_links_along() {
        let (mut flow, _) = scene(json!([
            {"answer": ""},
            {"if": {"expression": "1", "then": [{"log": "a"}], "else": [{"log": "b"}]}},
            {"hangup": ""}
        ]));
        let mut followed = Scene::of(&flow, &[], Locale::ENGLISH);
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
        let rebuilt = Scene::of(&flow, &[], Locale::ENGLISH);
        assert_eq!(followed.boxes, rebuilt.boxes);
        for (edge, again) in followed.edges.iter().zip(&rebuilt.edges) {
            // Each link still joins the same ports, orthogonally.
            assert_eq!(edge.points.first(), again.points.first());
            assert_eq!(edge.points.last(), again.points.last());
            assert!(edge
                .points
                .windows(2)
                .all(|pair| pair[0].x == pair[1].x || pair[0].y == pair[1].y));
        }
    }

    #[test]
    fn links_go_around_a_step_dropped_in_their_way() {
        let (mut flow, _) = scene(json!([
            {"answer": ""},
            {"log": "a"},
            {"hangup": ""}
        ]));
        let node_of = |flow: &FlowGraph, app: &str| {
            flow.steps()
                .find(|(_, step)| step.app == app)
                .map(|(node, _)| node)
                .unwrap()
        };
        let (answer, log, hangup) = (
            node_of(&flow, "answer"),
            node_of(&flow, "log"),
            node_of(&flow, "hangup"),
        );
        // Log further right, then hangup dropped right between answer and log.
        let (a, b) = (flow.graph[answer].position(), flow.graph[log].position());
        flow.graph[log].set_position(flow_model::flow::Point {
            x: b.x + 400.0,
            y: b.y,
        });
        flow.graph[hangup].set_position(flow_model::flow::Point {
            x: (a.x + b.x + 400.0) / 2.0,
            y: a.y - 10.0,
        });
        let dropped = Scene::of(&flow, &[], Locale::ENGLISH);
        let link = edge_between(&dropped, answer, log);
        let blocker = dropped.box_of(hangup).unwrap().rect;
        assert!(
            link.points.len() > 2,
            "no longer straight: {:?}",
            link.points
        );
        for pair in link.points.windows(2) {
            let span = Rect::spanning(pair[0], pair[1]);
            assert!(
                !span.intersects(&blocker),
                "{:?} crosses {blocker:?}",
                link.points
            );
        }
        // And when the blocker leaves, the link is plain again.
        flow.graph[hangup].set_position(flow_model::flow::Point {
            x: a.x,
            y: a.y + 600.0,
        });
        let cleared = Scene::of(&flow, &[], Locale::ENGLISH);
        let link = edge_between(&cleared, answer, log);
        assert!(link.points.len() <= 4, "{:?}", link.points);
    }

    fn with_decorations(collapsed: bool) -> (FlowGraph, Scene, Vec<NodeId>) {
        let (mut flow, _) = scene(json!([
            {"answer": ""},
            {"log": "a"},
            {"log": "b"},
            {"hangup": ""}
        ]));
        let steps: Vec<NodeId> = flow.steps().map(|(node, _)| node).collect();
        flow.groups.push(flow_model::flow::NodeGroup {
            id: "group-1".into(),
            label: "Logging".into(),
            nodes: vec![steps[1], steps[2]],
            collapsed,
        });
        flow.comments.push(flow_model::flow::Comment {
            id: "note-1".into(),
            text: "Why".into(),
            position: flow_model::flow::Point {
                x: -400.0,
                y: -400.0,
            },
            width: 220.0,
            height: 100.0,
        });
        let scene = Scene::of(&flow, &[], Locale::ENGLISH);
        (flow, scene, steps)
    }

    #[test]
    fn an_open_group_frames_its_steps_and_notes_are_drawn_and_picked() {
        let (_, scene, steps) = with_decorations(false);
        let [frame] = &scene.frames[..] else { panic!() };
        let members: Vec<Rect> = [steps[1], steps[2]]
            .iter()
            .map(|node| scene.box_of(*node).unwrap().rect)
            .collect();
        let span = Rect::around(members.iter().copied()).unwrap();
        assert_eq!(frame.rect.x, span.x - FRAME_PADDING);
        assert_eq!(frame.rect.y, span.y - FRAME_PADDING - FRAME_HEADER);
        let label_band = Vec2::new(frame.rect.x + 5.0, frame.rect.y + 5.0);
        assert_eq!(
            scene.decoration_at(label_band),
            Some(Decoration::Group("group-1".into()))
        );
        let inside = Vec2::new(frame.rect.x + 5.0, frame.rect.y + frame.rect.height - 5.0);
        assert_eq!(
            scene.decoration_at(inside),
            None,
            "the rest of a frame is canvas"
        );
        assert_eq!(
            scene.decoration_at(Vec2::new(-390.0, -390.0)),
            Some(Decoration::Note("note-1".into()))
        );
        assert_eq!(
            scene
                .note_grip_at(Vec2::new(-182.0, -298.0), GRIP)
                .map(|note| note.id.as_str()),
            Some("note-1")
        );
        assert!(scene
            .note_grip_at(Vec2::new(-390.0, -390.0), GRIP)
            .is_none());
        let bounds = scene.bounds().unwrap();
        assert!(
            bounds.x <= -400.0 && bounds.y <= -400.0,
            "notes count in the bounds"
        );
        assert!(scene.can_follow());
    }

    #[test]
    fn a_changed_note_is_followed_as_a_rebuild_would() {
        let (mut flow, mut followed, _) = with_decorations(false);
        crate::pages::diagram::editing::decorations::move_note(
            &mut flow,
            "note-1",
            flow_model::flow::Point { x: 40.0, y: 500.0 },
        );
        crate::pages::diagram::editing::decorations::resize_note(&mut flow, "note-1", 300.0, 90.0);
        crate::pages::diagram::editing::decorations::set_note_text(&mut flow, "note-1", "Later");
        followed.note_changed(&flow, "note-1");
        assert_eq!(followed.notes, Scene::of(&flow, &[], Locale::ENGLISH).notes);
    }

    #[test]
    fn a_collapsed_group_is_one_box_that_links_lead_into_and_out_of() {
        let (flow, scene, steps) = with_decorations(true);
        assert_eq!(scene.boxes.len(), flow.graph.node_count() - 2);
        assert!(scene.box_of(steps[1]).is_none());
        let frame = &scene.frames[0];
        assert_eq!(
            (frame.rect.width, frame.rect.height),
            (STEP_WIDTH, STEP_HEIGHT)
        );
        // answer → (log a → log b) → hangup: two links touch the group, the inner one is gone.
        assert_eq!(scene.edges.len(), flow.graph.edge_count() - 1);
        let into = scene.edges.iter().find(|edge| edge.to == steps[1]).unwrap();
        assert_eq!(
            *into.points.last().unwrap(),
            Vec2::new(frame.rect.x, frame.rect.y + frame.rect.height / 2.0)
        );
        let out = scene
            .edges
            .iter()
            .find(|edge| edge.from == steps[2])
            .unwrap();
        assert_eq!(
            out.points[0],
            Vec2::new(
                frame.rect.x + frame.rect.width,
                frame.rect.y + frame.rect.height / 2.0
            )
        );
        assert_eq!(
            scene.decoration_at(Vec2::new(frame.rect.x + 100.0, frame.rect.y + 40.0)),
            Some(Decoration::Group("group-1".into()))
        );
        assert!(!scene.can_follow());
    }

    #[test]
    fn a_new_box_goes_to_the_nearest_free_place() {
        let (flow, scene) = scene(json!([{"answer": ""}]));
        let start = scene.box_of(flow.start).unwrap().rect;
        let centre = Vec2::new(start.x + start.width / 2.0, start.y + start.height / 2.0);
        let size = Vec2::new(220.0, 100.0);
        let spot = scene.free_spot(centre, size, 20.0);
        let placed = Rect {
            x: spot.x,
            y: spot.y,
            width: size.x,
            height: size.y,
        };
        assert!(
            scene.boxes.iter().all(|b| !b.rect.intersects(&placed)),
            "{placed:?}"
        );
        let distance = (spot.x + 110.0 - centre.x).hypot(spot.y + 50.0 - centre.y);
        assert!(distance < 200.0, "near: {distance}");
        // Far from everything, it is right there.
        let far = Vec2::new(5000.0, 5000.0);
        assert_eq!(scene.free_spot(far, size, 20.0), Vec2::new(4900.0, 4960.0));
    }

    #[test]
    fn a_point_near_a_link_finds_it() {
        let (flow, scene) = scene(json!([{"answer": ""}, {"hangup": ""}]));
        let edge = scene
            .edges
            .iter()
            .find(|edge| edge.from != flow.start)
            .unwrap();
        let (a, b) = (edge.points[0], edge.points[1]);
        let near = Vec2::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0 + 3.0);
        assert_eq!(
            scene.edge_at(near, 6.0).map(|found| found.link),
            Some(edge.link)
        );
        assert!(scene.edge_at(Vec2::new(a.x, a.y + 300.0), 6.0).is_none());
    }
}
