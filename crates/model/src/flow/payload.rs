//! The diagram payload (`payload` of a Diagram flow): layout and editor state only. The
//! schema stays the single source of behaviour, so a flow whose payload is missing, stale or
//! from another editor still opens: decompile, then lay out what the payload does not place.
//!
//! Format, version 1 (see `crates/model/docs/diagram-payload.md`):
//! ```json
//! {"version": 1,
//!  "start": {"x": 0, "y": 0},
//!  "nodes": {"<tag>": {"x": 260, "y": 0}},
//!  "detached": [{"id": "<tag>|raw-<n>", "item": {step object or raw item}, "x": 0, "y": 400}],
//!  "detached_links": [{"from": "<id>", "port": "next"|"failover"|["case","1"], "to": "<id>", "jump": false}],
//!  "comments": [{"id": "c1", "text": "…", "x": 0, "y": 0, "width": 200, "height": 80}],
//!  "groups": [{"id": "g1", "label": "Menu", "nodes": ["<id>"], "collapsed": false}],
//!  "viewport": {"x": 0, "y": 0, "zoom": 1}}
//! ```

use super::compile::{assign_missing_tags, compile};
use super::decompile::{decompile, DecompileError};
use super::graph::{Comment, FlowGraph, Node, NodeGroup, NodeId, PathSeg, Point, Port, Step};
use super::layout::{auto_layout, LayoutOptions};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

pub const PAYLOAD_VERSION: u64 = 1;

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Debug, Default)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

impl From<Point> for Position {
    fn from(point: Point) -> Self {
        Self {
            x: point.x,
            y: point.y,
        }
    }
}

impl From<Position> for Point {
    fn from(position: Position) -> Self {
        Self {
            x: position.x,
            y: position.y,
        }
    }
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug, Default)]
pub struct NodeLayout {
    pub x: f64,
    pub y: f64,
}

/// A node the schema does not hold (nothing connects it yet).
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
pub struct DetachedNode {
    pub id: String,
    pub item: Value,
    pub x: f64,
    pub y: f64,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
pub struct DetachedLink {
    pub from: String,
    pub port: Value,
    pub to: String,
    #[serde(default)]
    pub jump: bool,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
pub struct CommentLayout {
    pub id: String,
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
pub struct GroupLayout {
    pub id: String,
    pub label: String,
    pub nodes: Vec<String>,
    #[serde(default)]
    pub collapsed: bool,
}

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Debug)]
pub struct Viewport {
    pub x: f64,
    pub y: f64,
    pub zoom: f64,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
pub struct DiagramPayload {
    pub version: u64,
    #[serde(default)]
    pub start: Position,
    #[serde(default)]
    pub nodes: BTreeMap<String, NodeLayout>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub detached: Vec<DetachedNode>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub detached_links: Vec<DetachedLink>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<CommentLayout>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupLayout>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub viewport: Option<Viewport>,
}

/// The payload's keys the diagram writes (every field of [`DiagramPayload`]); any other key is
/// another tool's and is kept as it is.
const DIAGRAM_KEYS: [&str; 8] = [
    "version",
    "start",
    "nodes",
    "detached",
    "detached_links",
    "comments",
    "groups",
    "viewport",
];

/// The keys of `payload` that are not the diagram's (saved test cases …), as they are.
pub fn foreign_keys(payload: &Value) -> Map<String, Value> {
    payload
        .as_object()
        .map(|object| {
            object
                .iter()
                .filter(|(key, _)| !DIAGRAM_KEYS.contains(&key.as_str()))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// Where a payload keeps a flow's saved test cases.
const TESTS_KEY: &str = "tests";

/// The saved test cases among a payload's foreign keys ([`foreign_keys`]), as they are.
pub fn saved_tests(kept: &Map<String, Value>) -> Vec<Value> {
    kept.get(TESTS_KEY)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// Replaces the saved test cases among a payload's foreign keys (none: the key goes);
/// whether that changed anything.
pub fn set_saved_tests(kept: &mut Map<String, Value>, tests: Vec<Value>) -> bool {
    if tests.is_empty() {
        kept.remove(TESTS_KEY).is_some()
    } else {
        kept.insert(TESTS_KEY.to_owned(), Value::Array(tests));
        true
    }
}

fn port_value(port: &Port) -> Value {
    match port {
        Port::Next => Value::from("next"),
        Port::Failover => Value::from("failover"),
        Port::Branch(path) => Value::Array(
            path.iter()
                .map(|seg| match seg {
                    PathSeg::Key(key) => Value::from(key.as_str()),
                    PathSeg::Index(index) => Value::from(*index),
                })
                .collect(),
        ),
    }
}

fn port_from(value: &Value) -> Option<Port> {
    match value {
        Value::String(name) if name == "next" => Some(Port::Next),
        Value::String(name) if name == "failover" => Some(Port::Failover),
        Value::Array(segs) => segs
            .iter()
            .map(|seg| match seg {
                Value::String(key) => Some(PathSeg::Key(key.clone())),
                Value::Number(index) => index.as_u64().map(|index| PathSeg::Index(index as usize)),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .map(Port::Branch),
        _ => None,
    }
}

/// What a save writes: the compiled schema and the payload, and the nodes the schema could
/// not hold (kept in the payload as detached).
pub struct Saved {
    pub schema: Value,
    pub payload: Value,
    pub disconnected: Vec<NodeId>,
}

/// Compiles the diagram and records its layout. Gives every step its tag first, so the
/// payload and later saves refer to the same nodes.
pub fn save(flow: &mut FlowGraph, viewport: Option<Viewport>) -> Saved {
    assign_missing_tags(flow);
    let compiled = compile(flow);
    let detached_ids: HashMap<NodeId, String> = compiled
        .disconnected
        .iter()
        .enumerate()
        .map(|(index, node)| {
            let id = flow.graph[*node]
                .tag()
                .map(str::to_owned)
                .unwrap_or_else(|| format!("raw-{index}"));
            (*node, id)
        })
        .collect();
    let id_of = |node: NodeId| -> Option<String> {
        detached_ids
            .get(&node)
            .cloned()
            .or_else(|| flow.graph[node].tag().map(str::to_owned))
    };
    let mut payload = DiagramPayload {
        version: PAYLOAD_VERSION,
        start: flow.graph[flow.start].position().into(),
        nodes: BTreeMap::new(),
        detached: Vec::new(),
        detached_links: Vec::new(),
        comments: flow
            .comments
            .iter()
            .map(|comment| CommentLayout {
                id: comment.id.clone(),
                text: comment.text.clone(),
                x: comment.position.x,
                y: comment.position.y,
                width: comment.width,
                height: comment.height,
            })
            .collect(),
        groups: flow
            .groups
            .iter()
            .map(|group| GroupLayout {
                id: group.id.clone(),
                label: group.label.clone(),
                nodes: group.nodes.iter().filter_map(|node| id_of(*node)).collect(),
                collapsed: group.collapsed,
            })
            .collect(),
        viewport,
    };
    for node in flow.graph.node_indices().filter(|node| *node != flow.start) {
        let weight = &flow.graph[node];
        let position = weight.position();
        match detached_ids.get(&node) {
            Some(id) => payload.detached.push(DetachedNode {
                id: id.clone(),
                item: match weight {
                    Node::Step(step) => Value::Object(step.object.clone()),
                    Node::Raw { value, .. } => value.clone(),
                    Node::Start { .. } => Value::Null,
                },
                x: position.x,
                y: position.y,
            }),
            None => {
                if let Some(tag) = weight.tag() {
                    payload.nodes.insert(
                        tag.to_owned(),
                        NodeLayout {
                            x: position.x,
                            y: position.y,
                        },
                    );
                }
            }
        }
    }
    for node in &compiled.disconnected {
        for (_, target, link) in flow.links_from(*node) {
            if let (Some(from), Some(to)) = (id_of(*node), id_of(target)) {
                payload.detached_links.push(DetachedLink {
                    from,
                    port: port_value(&link.port),
                    to,
                    jump: link.jump,
                });
            }
        }
    }
    let mut payload = serde_json::to_value(&payload).expect("the payload is plain data");
    if let Value::Object(written) = &mut payload {
        for (key, value) in &flow.kept {
            written.entry(key.clone()).or_insert_with(|| value.clone());
        }
    }
    Saved {
        schema: compiled.schema,
        payload,
        disconnected: compiled.disconnected,
    }
}

/// Opens a flow for the diagram: decompiles the schema, lays it out, then applies whatever the
/// payload still places (a payload of another version or shape is ignored, never an error).
pub fn open(schema: &Value, payload: &Value) -> Result<FlowGraph, DecompileError> {
    let mut flow = decompile(schema)?;
    flow.kept = foreign_keys(payload);
    let payload: Option<DiagramPayload> = serde_json::from_value(payload.clone())
        .ok()
        .filter(|payload: &DiagramPayload| payload.version == PAYLOAD_VERSION);
    let mut ids: HashMap<String, NodeId> = flow
        .steps()
        .filter_map(|(node, step)| step.tag().map(|tag| (tag.to_owned(), node)))
        .collect();
    if let Some(payload) = &payload {
        for detached in &payload.detached {
            let node = match detached.item.as_object().and_then(|object| {
                super::decompile::app_key(object).map(|app| Step {
                    app: app.to_owned(),
                    object: object.clone(),
                    position: Point::default(),
                })
            }) {
                Some(step) => flow.add_step(step),
                None => flow.graph.add_node(Node::Raw {
                    value: detached.item.clone(),
                    position: Point::default(),
                }),
            };
            ids.insert(detached.id.clone(), node);
        }
        for link in &payload.detached_links {
            if let (Some(&from), Some(&to), Some(port)) = (
                ids.get(&link.from),
                ids.get(&link.to),
                port_from(&link.port),
            ) {
                flow.connect(from, port, to, link.jump);
            }
        }
    }
    auto_layout(&mut flow, LayoutOptions::default());
    let Some(payload) = payload else {
        return Ok(flow);
    };
    flow.graph[flow.start].set_position(payload.start.into());
    for (tag, layout) in &payload.nodes {
        if let Some(&node) = ids.get(tag) {
            flow.graph[node].set_position(Point {
                x: layout.x,
                y: layout.y,
            });
        }
    }
    for detached in &payload.detached {
        if let Some(&node) = ids.get(&detached.id) {
            flow.graph[node].set_position(Point {
                x: detached.x,
                y: detached.y,
            });
        }
    }
    flow.comments = payload
        .comments
        .iter()
        .map(|comment| Comment {
            id: comment.id.clone(),
            text: comment.text.clone(),
            position: Point {
                x: comment.x,
                y: comment.y,
            },
            width: comment.width,
            height: comment.height,
        })
        .collect();
    flow.groups = payload
        .groups
        .iter()
        .map(|group| NodeGroup {
            id: group.id.clone(),
            label: group.label.clone(),
            nodes: group
                .nodes
                .iter()
                .filter_map(|id| ids.get(id).copied())
                .collect(),
            collapsed: group.collapsed,
        })
        // A group whose steps are all gone (the schema changed elsewhere) has nothing to hold.
        .filter(|group| !group.nodes.is_empty())
        .collect();
    Ok(flow)
}

/// The viewport a payload stored, if any.
pub fn viewport(payload: &Value) -> Option<Viewport> {
    serde_json::from_value::<DiagramPayload>(payload.clone())
        .ok()?
        .viewport
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn saved_tests_are_read_and_replaced_among_the_foreign_keys() {
        let mut kept = foreign_keys(&json!({"viewport": {}, "tests": [{"name": "a"}], "x": 1}));
        assert_eq!(saved_tests(&kept), [json!({"name": "a"})]);
        assert!(set_saved_tests(&mut kept, vec![json!({"name": "b"})]));
        assert_eq!(kept["tests"], json!([{"name": "b"}]));
        assert!(set_saved_tests(&mut kept, Vec::new()));
        assert!(!kept.contains_key("tests") && kept["x"] == 1);
        assert!(!set_saved_tests(&mut kept, Vec::new()), "nothing to remove");
        assert!(saved_tests(&Map::new()).is_empty());
    }
}
