//! The diagram's graph: steps as nodes (each keeps its step object, minus what edges carry),
//! typed edges for what runs next, nested branches, jumps and limit failovers.

use crate::catalog::{self, Scope, Seg};
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableGraph};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde_json::{Map, Value};
use std::fmt;

pub type NodeId = NodeIndex<u32>;
pub type LinkId = EdgeIndex<u32>;

/// A point on the canvas, in world units.
#[derive(Clone, Copy, PartialEq, Debug, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// One segment of a JSON path inside a step's argument.
#[derive(Clone, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

/// Where an edge leaves its node.
#[derive(Clone, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub enum Port {
    /// What runs after this step.
    Next,
    /// A nested step array inside the argument (then, else, a switch case, a hook, …).
    Branch(Vec<PathSeg>),
    /// Where the step's `limit` sends the flow once `max` runs are used up.
    Failover,
}

impl Port {
    pub fn branch(path: &[&str]) -> Self {
        Self::Branch(
            path.iter()
                .map(|key| PathSeg::Key((*key).to_owned()))
                .collect(),
        )
    }
}

/// A key as a JSON pointer writes it (`~` and `/` escaped).
pub fn pointer_key(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The path as a JSON pointer (`/case/1`, `/timers/0/actions`): how a run names the place of
/// a step. A key's `~` and `/` are escaped as RFC 6901 says.
pub fn pointer(path: &[PathSeg]) -> String {
    path.iter()
        .map(|seg| match seg {
            PathSeg::Key(key) => format!("/{}", pointer_key(key)),
            PathSeg::Index(index) => format!("/{index}"),
        })
        .collect()
}

/// The path as written in JSON: `case.1`, `timers[0].actions`.
pub fn path_text(path: &[PathSeg]) -> String {
    let mut text = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            PathSeg::Index(index) => text.push_str(&format!("[{index}]")),
        }
    }
    text
}

/// An edge: the port it leaves from, and whether it is a jump (`goto`, failover) rather than
/// the place where the target stands in the schema.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Link {
    pub port: Port,
    pub jump: bool,
}

/// A step of the flow as the diagram holds it.
#[derive(Clone, PartialEq, Debug)]
pub struct Step {
    /// The app key (`playback`, `if`, or an unknown app kept as it is).
    pub app: String,
    /// The step object as written, in its key order, with unknown keys kept; each nested step
    /// array an edge carries is left as `[]`, and a failover an edge carries is removed.
    pub object: Map<String, Value>,
    pub position: Point,
}

impl Step {
    /// A new step of `app` with its argument.
    pub fn new(app: &str, argument: Value) -> Self {
        let mut object = Map::new();
        object.insert(app.to_owned(), argument);
        Self {
            app: app.to_owned(),
            object,
            position: Point::default(),
        }
    }

    pub fn tag(&self) -> Option<&str> {
        self.object.get("tag").and_then(Value::as_str)
    }

    pub fn set_tag(&mut self, tag: String) {
        // Webitel writes the tag first: keep that order for new tags too.
        let mut object = Map::with_capacity(self.object.len() + 1);
        object.insert("tag".to_owned(), Value::String(tag));
        for (key, value) in std::mem::take(&mut self.object) {
            if key != "tag" {
                object.insert(key, value);
            }
        }
        self.object = object;
    }

    pub fn argument(&self) -> &Value {
        self.object.get(&self.app).unwrap_or(&Value::Null)
    }

    pub fn argument_mut(&mut self) -> &mut Value {
        self.object.entry(self.app.clone()).or_insert(Value::Null)
    }

    pub fn spec(&self) -> Option<&'static catalog::AppSpec> {
        catalog::app(&self.app)
    }

    /// Does this step stop the whole flow (`break: true`)?
    pub fn breaks(&self) -> bool {
        self.object.get("break").and_then(Value::as_bool) == Some(true)
    }
}

/// A node of the diagram.
#[derive(Clone, PartialEq, Debug)]
pub enum Node {
    /// Where the flow begins (diagram only).
    Start {
        position: Point,
    },
    Step(Step),
    /// An array item that is not a valid step (not an object, or not exactly one app key):
    /// kept verbatim so nothing is lost, and reported by validation.
    Raw {
        value: Value,
        position: Point,
    },
}

impl Node {
    pub fn position(&self) -> Point {
        match self {
            Self::Start { position } | Self::Raw { position, .. } => *position,
            Self::Step(step) => step.position,
        }
    }

    pub fn set_position(&mut self, point: Point) {
        match self {
            Self::Start { position } | Self::Raw { position, .. } => *position = point,
            Self::Step(step) => step.position = point,
        }
    }

    pub fn step(&self) -> Option<&Step> {
        match self {
            Self::Step(step) => Some(step),
            _ => None,
        }
    }

    pub fn tag(&self) -> Option<&str> {
        self.step().and_then(Step::tag)
    }
}

/// A sticky note on the canvas.
#[derive(Clone, PartialEq, Debug)]
pub struct Comment {
    pub id: String,
    pub text: String,
    pub position: Point,
    pub width: f64,
    pub height: f64,
}

/// A named, collapsible group of nodes.
#[derive(Clone, PartialEq, Debug)]
pub struct NodeGroup {
    pub id: String,
    pub label: String,
    pub nodes: Vec<NodeId>,
    pub collapsed: bool,
}

/// The whole diagram.
#[derive(Clone, Debug)]
pub struct FlowGraph {
    pub graph: StableGraph<Node, Link>,
    pub start: NodeId,
    pub comments: Vec<Comment>,
    pub groups: Vec<NodeGroup>,
    /// What the payload holds besides the diagram (another tool's keys, such as the saved
    /// test cases), written back as it was.
    pub kept: serde_json::Map<String, serde_json::Value>,
}

impl Default for FlowGraph {
    fn default() -> Self {
        Self::new()
    }
}

impl FlowGraph {
    /// An empty diagram: just Start.
    pub fn new() -> Self {
        let mut graph = StableGraph::new();
        let start = graph.add_node(Node::Start {
            position: Point::default(),
        });
        Self {
            graph,
            start,
            comments: Vec::new(),
            groups: Vec::new(),
            kept: serde_json::Map::new(),
        }
    }

    pub fn add_step(&mut self, step: Step) -> NodeId {
        self.graph.add_node(Node::Step(step))
    }

    /// Removes a node with its links, and takes it out of its group: node ids are reused, so a
    /// group must not keep one (a group left empty goes too).
    pub fn remove_node(&mut self, node: NodeId) -> Option<Node> {
        let removed = self.graph.remove_node(node);
        for group in &mut self.groups {
            group.nodes.retain(|member| *member != node);
        }
        self.groups.retain(|group| !group.nodes.is_empty());
        removed
    }

    pub fn connect(&mut self, from: NodeId, port: Port, to: NodeId, jump: bool) -> LinkId {
        self.graph.add_edge(from, to, Link { port, jump })
    }

    pub fn step(&self, node: NodeId) -> Option<&Step> {
        self.graph.node_weight(node).and_then(Node::step)
    }

    /// Steps and raw items (everything but Start).
    pub fn node_count(&self) -> usize {
        self.graph.node_count() - 1
    }

    pub fn link_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The edge leaving `node` from `port`, if any.
    pub fn link_from(&self, node: NodeId, port: &Port) -> Option<(LinkId, NodeId, &Link)> {
        self.graph
            .edges_directed(node, Direction::Outgoing)
            .find(|edge| &edge.weight().port == port)
            .map(|edge| (edge.id(), edge.target(), edge.weight()))
    }

    /// Edges leaving `node`, in a stable order (creation order).
    pub fn links_from(&self, node: NodeId) -> Vec<(LinkId, NodeId, &Link)> {
        let mut links: Vec<_> = self
            .graph
            .edges_directed(node, Direction::Outgoing)
            .map(|edge| (edge.id(), edge.target(), edge.weight()))
            .collect();
        links.sort_unstable_by_key(|(id, _, _)| *id);
        links
    }

    pub fn links_into(&self, node: NodeId) -> Vec<(LinkId, NodeId, &Link)> {
        let mut links: Vec<_> = self
            .graph
            .edges_directed(node, Direction::Incoming)
            .map(|edge| (edge.id(), edge.source(), edge.weight()))
            .collect();
        links.sort_by_key(|(id, _, _)| *id);
        links
    }

    /// The ports of `node`, in the order they are drawn: next, the branches its argument writes,
    /// the fixed branches its app has but does not write yet (`then`, `else`, …), any other
    /// linked branch, and failover when the step has a limit.
    pub fn output_ports(&self, node: NodeId) -> Vec<Port> {
        if node == self.start {
            return vec![Port::Next];
        }
        let Some(Node::Step(step)) = self.graph.node_weight(node) else {
            return Vec::new();
        };
        let mut ports = vec![Port::Next];
        let mut add = |port: Port| {
            if !ports.contains(&port) {
                ports.push(port);
            }
        };
        for path in branch_paths(&step.app, step.argument()) {
            add(Port::Branch(path));
        }
        if let Some(spec) = catalog::app(&step.app) {
            for port in spec.ports {
                let fixed: Option<Vec<PathSeg>> = port
                    .path
                    .iter()
                    .map(|seg| match seg {
                        Seg::Key(key) => Some(PathSeg::Key((*key).to_owned())),
                        Seg::AnyKey | Seg::AnyIndex => None,
                    })
                    .collect();
                if let Some(path) = fixed {
                    add(Port::Branch(path));
                }
            }
        }
        for (path, _, _) in self.branch_links(node) {
            add(Port::Branch(path.to_vec()));
        }
        if step.object.contains_key("limit") {
            add(Port::Failover);
        }
        ports
    }

    /// The branch edges of `node`: the arrays its step writes, in written order, then branches
    /// the step does not write yet (new in the editor), in edge order.
    pub fn branch_links(&self, node: NodeId) -> Vec<(&[PathSeg], NodeId, &Link)> {
        let mut links: Vec<(LinkId, &[PathSeg], NodeId, &Link)> = self
            .graph
            .edges_directed(node, Direction::Outgoing)
            .filter_map(|edge| match &edge.weight().port {
                Port::Branch(path) => {
                    Some((edge.id(), path.as_slice(), edge.target(), edge.weight()))
                }
                _ => None,
            })
            .collect();
        links.sort_unstable_by_key(|(id, ..)| *id);
        if let (true, Some(step)) = (links.len() > 1, self.step(node)) {
            // Stable: branches the argument does not write keep their edge order, last.
            links.sort_by_cached_key(|(_, path, ..)| written_position(step.argument(), path));
        }
        links
            .into_iter()
            .map(|(_, path, target, link)| (path, target, link))
            .collect()
    }

    /// Every edge of `node` in a stable, meaningful order: branches as the step writes them,
    /// then next, then failover.
    pub fn ordered_links(&self, node: NodeId) -> Vec<(NodeId, &Link)> {
        let mut links: Vec<(NodeId, &Link)> = self
            .branch_links(node)
            .into_iter()
            .map(|(_, target, link)| (target, link))
            .collect();
        for port in [Port::Next, Port::Failover] {
            links.extend(
                self.link_from(node, &port)
                    .map(|(_, target, link)| (target, link)),
            );
        }
        links
    }

    /// Definitions (function, trigger) that no placing edge puts anywhere: they stand first in
    /// the schema, in creation order.
    pub fn definition_roots(&self) -> Vec<NodeId> {
        self.steps()
            .filter(|(node, step)| {
                crate::catalog::is_definition(&step.app)
                    && self.links_into(*node).iter().all(|(_, _, link)| link.jump)
            })
            .map(|(node, _)| node)
            .collect()
    }

    /// The node tagged `tag`.
    pub fn find_tag(&self, tag: &str) -> Option<NodeId> {
        self.graph
            .node_indices()
            .find(|node| self.graph[*node].tag() == Some(tag))
    }

    /// Step nodes in creation order.
    pub fn steps(&self) -> impl Iterator<Item = (NodeId, &Step)> {
        self.graph
            .node_indices()
            .filter_map(|node| self.graph[node].step().map(|step| (node, step)))
    }
}

/// How the runtime treats the nested array at `path` of a step of `app`.
pub fn branch_scope(app: &str, path: &[PathSeg]) -> Option<Scope> {
    let spec = catalog::app(app)?;
    spec.ports
        .iter()
        .find(|port| pattern_matches(port.path, path))
        .map(|port| port.scope)
}

fn pattern_matches(pattern: &[Seg], path: &[PathSeg]) -> bool {
    pattern.len() == path.len()
        && pattern
            .iter()
            .zip(path)
            .all(|(seg, actual)| match (seg, actual) {
                (Seg::Key(key), PathSeg::Key(actual)) => key == actual,
                (Seg::AnyKey, PathSeg::Key(_)) | (Seg::AnyIndex, PathSeg::Index(_)) => true,
                _ => false,
            })
}

/// The nested step arrays in an argument, in the order they are written: for each port
/// pattern of the app, every path that matches and holds an array.
pub fn branch_paths(app: &str, argument: &Value) -> Vec<Vec<PathSeg>> {
    let Some(spec) = catalog::app(app) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for port in spec.ports {
        collect_matches(argument, port.path, &mut Vec::new(), &mut found);
    }
    // Written order: sort by where each path first appears in the argument.
    let order = written_order(argument, &found);
    let mut paired: Vec<_> = found.into_iter().zip(order).collect();
    paired.sort_by(|(_, a), (_, b)| a.cmp(b));
    paired.into_iter().map(|(path, _)| path).collect()
}

fn collect_matches(
    value: &Value,
    pattern: &[Seg],
    prefix: &mut Vec<PathSeg>,
    found: &mut Vec<Vec<PathSeg>>,
) {
    let Some((first, rest)) = pattern.split_first() else {
        if value.is_array() {
            found.push(prefix.clone());
        }
        return;
    };
    match (first, value) {
        (Seg::Key(key), Value::Object(map)) => {
            if let Some(child) = map.get(*key) {
                prefix.push(PathSeg::Key((*key).to_owned()));
                collect_matches(child, rest, prefix, found);
                prefix.pop();
            }
        }
        (Seg::AnyKey, Value::Object(map)) => {
            for (key, child) in map {
                prefix.push(PathSeg::Key(key.clone()));
                collect_matches(child, rest, prefix, found);
                prefix.pop();
            }
        }
        (Seg::AnyIndex, Value::Array(items)) => {
            for (index, child) in items.iter().enumerate() {
                prefix.push(PathSeg::Index(index));
                collect_matches(child, rest, prefix, found);
                prefix.pop();
            }
        }
        _ => {}
    }
}

/// For each path, a sort key giving the order its segments appear in the argument.
fn written_order(argument: &Value, paths: &[Vec<PathSeg>]) -> Vec<Vec<usize>> {
    paths
        .iter()
        .map(|path| written_position(argument, path))
        .collect()
}

/// Where `path` stands in `argument`, as the position of each of its segments: sorting paths
/// by it gives the order the argument writes them (missing ones last).
pub fn written_position(argument: &Value, path: &[PathSeg]) -> Vec<usize> {
    let mut value = argument;
    let mut order = Vec::with_capacity(path.len());
    for seg in path {
        match (seg, value) {
            (PathSeg::Key(key), Value::Object(map)) => {
                order.push(map.keys().position(|k| k == key).unwrap_or(usize::MAX));
                value = map.get(key).unwrap_or(&Value::Null);
            }
            (PathSeg::Index(index), Value::Array(items)) => {
                order.push(*index);
                value = items.get(*index).unwrap_or(&Value::Null);
            }
            _ => order.push(usize::MAX),
        }
    }
    order
}

/// A copy of `value` in which the arrays at `paths` are left empty: a step without its nested
/// steps, copied without copying them (they can be large and deep).
pub fn clone_without(value: &Value, paths: &[Vec<PathSeg>]) -> Value {
    if paths.iter().any(Vec::is_empty) {
        return Value::Array(Vec::new());
    }
    if paths.is_empty() {
        return value.clone();
    }
    let below = |seg: &PathSeg| -> Vec<Vec<PathSeg>> {
        paths
            .iter()
            .filter(|path| path.first() == Some(seg))
            .map(|path| path[1..].to_vec())
            .collect()
    };
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, child)| {
                    (
                        key.clone(),
                        clone_without(child, &below(&PathSeg::Key(key.clone()))),
                    )
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(index, child)| clone_without(child, &below(&PathSeg::Index(index))))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The step object with its nested step arrays (those the catalog knows for `app`) emptied.
pub fn step_without_branches(object: &Map<String, Value>, app: &str) -> Map<String, Value> {
    object
        .iter()
        .map(|(key, value)| {
            let value = if key == app {
                clone_without(value, &branch_paths(app, value))
            } else {
                value.clone()
            };
            (key.clone(), value)
        })
        .collect()
}

/// The value at `path`, if present.
pub fn value_at<'a>(value: &'a Value, path: &[PathSeg]) -> Option<&'a Value> {
    path.iter()
        .try_fold(value, |value, seg| match (seg, value) {
            (PathSeg::Key(key), Value::Object(map)) => map.get(key),
            (PathSeg::Index(index), Value::Array(items)) => items.get(*index),
            _ => None,
        })
}

/// Puts `new` at `path`, creating objects (and padding arrays) on the way.
pub fn set_at(value: &mut Value, path: &[PathSeg], new: Value) {
    let Some((first, rest)) = path.split_first() else {
        *value = new;
        return;
    };
    match first {
        PathSeg::Key(key) => {
            if !value.is_object() {
                *value = Value::Object(Map::new());
            }
            let map = value.as_object_mut().expect("made an object");
            set_at(map.entry(key.clone()).or_insert(Value::Null), rest, new);
        }
        PathSeg::Index(index) => {
            if !value.is_array() {
                *value = Value::Array(Vec::new());
            }
            let items = value.as_array_mut().expect("made an array");
            while items.len() <= *index {
                items.push(Value::Object(Map::new()));
            }
            set_at(&mut items[*index], rest, new);
        }
    }
}

impl fmt::Display for Port {
    /// The port's name as the editor shows it: next, then, else, case:1, hook:offering,
    /// hook:timers[0].actions, failover.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Next => f.write_str("next"),
            Self::Failover => f.write_str("failover"),
            Self::Branch(path) => match path.as_slice() {
                [PathSeg::Key(case), PathSeg::Key(key)] if case == "case" => {
                    write!(f, "case:{key}")
                }
                [PathSeg::Key(key)] if matches!(key.as_str(), "then" | "else" | "do") => {
                    f.write_str(key)
                }
                path => write!(f, "hook:{}", path_text(path)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_branch_arrays_in_written_order() {
        let argument =
            json!({"variable": "${x}", "case": {"2": [], "1": [{"a": 1}], "default": []}});
        let paths = branch_paths("switch", &argument);
        let names: Vec<String> = paths
            .into_iter()
            .map(|path| Port::Branch(path).to_string())
            .collect();
        assert_eq!(names, ["case:2", "case:1", "case:default"]);

        let queue =
            json!({"queue": {"id": 1}, "timers": [{"interval": 5, "actions": []}], "offering": []});
        let names: Vec<String> = branch_paths("joinQueue", &queue)
            .into_iter()
            .map(|path| Port::Branch(path).to_string())
            .collect();
        assert_eq!(names, ["hook:timers[0].actions", "hook:offering"]);
        assert!(branch_paths("unknownApp", &json!({"then": []})).is_empty());
    }

    #[test]
    fn scopes_follow_the_catalog() {
        assert_eq!(
            branch_scope("if", &[PathSeg::Key("then".into())]),
            Some(Scope::Inline)
        );
        assert_eq!(
            branch_scope("function", &[PathSeg::Key("actions".into())]),
            Some(Scope::Own)
        );
        assert_eq!(branch_scope("if", &[PathSeg::Key("other".into())]), None);
    }

    #[test]
    fn sets_and_reads_nested_paths() {
        let mut value = json!({});
        let path = vec![
            PathSeg::Key("timers".into()),
            PathSeg::Index(1),
            PathSeg::Key("actions".into()),
        ];
        set_at(&mut value, &path, json!([1]));
        assert_eq!(value, json!({"timers": [{}, {"actions": [1]}]}));
        assert_eq!(value_at(&value, &path), Some(&json!([1])));
        assert_eq!(path_text(&path), "timers[1].actions");
    }

    #[test]
    fn new_tags_go_first() {
        let mut step = Step::new("answer", json!(""));
        step.object.insert("break".into(), json!(false));
        step.set_tag("answer__0000000000000001".into());
        let keys: Vec<&String> = step.object.keys().collect();
        assert_eq!(keys, ["tag", "answer", "break"]);
        assert_eq!(step.tag(), Some("answer__0000000000000001"));
    }
}
