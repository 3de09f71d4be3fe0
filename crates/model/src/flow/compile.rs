//! Graph -> schema: the structure Webitel's runtime executes. Definitions (function, trigger)
//! first, then the chain from Start; each node once, where its placing edge puts it: chains as
//! consecutive steps, branches as nested arrays; any other edge into a node becomes
//! `{"goto": tag}`, a failover edge becomes `limit.failover`. Every step gets a stable tag.
//! Same graph, same bytes. Iterative, so deep graphs cannot overflow the stack.

use super::graph::{pointer, FlowGraph, Link, LinkId, Node, NodeId, PathSeg, Port, Step};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// The compiled schema, and the nodes it could not place.
#[derive(Clone, Debug, PartialEq)]
pub struct Compiled {
    pub schema: Value,
    /// Nodes no edge from Start or a definition reaches: not in the schema (the payload keeps
    /// them), reported so the editor can show them.
    pub disconnected: Vec<NodeId>,
}

/// A 64-bit FNV-1a hash: stable across runs and platforms, unlike the std hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Whether `tag` is one [`missing_tags`] made for a step of `app` (not a name a person gave).
pub fn is_generated_tag(app: &str, tag: &str) -> bool {
    tag.strip_prefix(app)
        .and_then(|rest| rest.strip_prefix("__"))
        .is_some_and(|hex| hex.len() == 16 && hex.bytes().all(|byte| byte.is_ascii_hexdigit()))
}

/// New tags for the steps that have none: `<app>__<16 hex>`, derived from the node's id (so
/// the same graph always gets the same tags) and unused elsewhere.
pub fn missing_tags(flow: &FlowGraph) -> HashMap<NodeId, String> {
    let untagged: Vec<(NodeId, &str)> = flow
        .steps()
        .filter(|(_, step)| step.tag().is_none())
        .map(|(node, step)| (node, step.app.as_str()))
        .collect();
    if untagged.is_empty() {
        return HashMap::new();
    }
    let mut taken: HashSet<String> = flow
        .steps()
        .filter_map(|(_, step)| step.tag().map(str::to_owned))
        .collect();
    let mut tags = HashMap::with_capacity(untagged.len());
    for (node, app) in untagged {
        let mut salt = 0u32;
        let tag = loop {
            let seed = format!("{app}/{}/{salt}", node.index());
            let tag = format!("{app}__{:016x}", fnv1a(seed.as_bytes()));
            if taken.insert(tag.clone()) {
                break tag;
            }
            salt += 1;
        };
        tags.insert(node, tag);
    }
    tags
}

/// The steps' tags written into the graph, so they stay the same from save to save.
pub fn assign_missing_tags(flow: &mut FlowGraph) {
    for (node, tag) in missing_tags(flow) {
        if let Node::Step(step) = &mut flow.graph[node] {
            step.set_tag(tag);
        }
    }
}

/// What a chain continues with.
#[derive(Clone, Copy)]
struct Target {
    node: NodeId,
    jump: bool,
}

/// What a failover edge makes of a step's `limit.failover`.
#[derive(Clone, Copy)]
enum Failover<'a> {
    /// No edge: written as the step has it, except the `null` an edge once stood for.
    NoEdge,
    /// Set to the target's tag.
    To(&'a str),
}

/// The compiled schema as a tree that borrows the graph's data: written straight to JSON text
/// (or to a `Value`) without copying every step first.
enum Out<'a> {
    Step {
        node: NodeId,
        step: &'a Step,
        /// A tag to write first, for a step that has none.
        new_tag: Option<&'a str>,
        failover: Failover<'a>,
        /// The compiled nested arrays, by their path in the argument.
        branches: Vec<(&'a [PathSeg], Vec<Out<'a>>)>,
    },
    Goto(&'a str),
    Raw(NodeId, &'a Value),
}

/// The edges leaving one node.
struct Links<'a> {
    branches: Vec<(&'a [PathSeg], Target)>,
    next: Option<Target>,
    failover: Option<Target>,
}

/// A node whose nested arrays are being compiled.
struct Building<'a> {
    node: NodeId,
    next: Option<Target>,
    failover: Option<Target>,
    done: Vec<(&'a [PathSeg], Vec<Out<'a>>)>,
    /// Branches still to compile, last first.
    remaining: Vec<(&'a [PathSeg], Target)>,
    /// The branch the frame above is compiling.
    waiting: Option<&'a [PathSeg]>,
}

/// One array under construction.
struct Frame<'a> {
    steps: Vec<Out<'a>>,
    building: Option<Building<'a>>,
    next: Option<Target>,
}

impl Frame<'_> {
    fn new(first: Option<Target>) -> Self {
        Self {
            steps: Vec::new(),
            building: None,
            next: first,
        }
    }
}

struct Compiler<'a, 'b> {
    flow: &'a FlowGraph,
    /// Tags for the steps that have none.
    new_tags: &'a HashMap<NodeId, String>,
    /// Nodes with a placing (non-jump) edge into them, by node index.
    placed_by_edge: &'b [bool],
    /// Nodes to place at their first jump even so (their placing edge is never reached).
    forced: &'b [bool],
    /// By node index.
    emitted: Vec<bool>,
    /// Targets of the gotos written so far.
    jumped_to: Vec<NodeId>,
}

impl<'a> Compiler<'a, '_> {
    fn tag(&self, node: NodeId) -> Option<&'a str> {
        let (flow, new_tags) = (self.flow, self.new_tags);
        flow.graph[node]
            .tag()
            .or_else(|| new_tags.get(&node).map(String::as_str))
    }

    fn is_emitted(&self, node: NodeId) -> bool {
        self.emitted.get(node.index()).copied().unwrap_or(false)
    }

    fn target(&self, node: NodeId, port: &Port) -> Option<Target> {
        self.flow
            .link_from(node, port)
            .map(|(_, target, link)| Target {
                node: target,
                jump: link.jump,
            })
    }

    /// Does this edge put its target here, or jump to it?
    fn places(&self, target: Target) -> bool {
        if self.is_emitted(target.node) || target.node == self.flow.start {
            return false;
        }
        // A jump places a node that nothing else places (its first jump, in emission order).
        !target.jump
            || !self.placed_by_edge[target.node.index()]
            || self.forced[target.node.index()]
    }

    /// The edges of `node`: its branches in the order the step writes them, its next and its
    /// failover.
    fn links(&self, node: NodeId) -> Links<'a> {
        let flow = self.flow;
        let target = |(_, node, link): (LinkId, NodeId, &Link)| Target {
            node,
            jump: link.jump,
        };
        Links {
            branches: flow
                .branch_links(node)
                .into_iter()
                .map(|(path, node, link)| {
                    (
                        path,
                        Target {
                            node,
                            jump: link.jump,
                        },
                    )
                })
                .collect(),
            next: flow.link_from(node, &Port::Next).map(target),
            failover: flow.link_from(node, &Port::Failover).map(target),
        }
    }

    fn begin(&mut self, node: NodeId) -> Building<'a> {
        if let Some(slot) = self.emitted.get_mut(node.index()) {
            *slot = true;
        }
        let Links {
            mut branches,
            next,
            failover,
        } = self.links(node);
        branches.reverse();
        Building {
            node,
            next,
            failover,
            done: Vec::new(),
            remaining: branches,
            waiting: None,
        }
    }

    fn finish(&self, building: Building<'a>) -> Out<'a> {
        let node = building.node;
        match &self.flow.graph[node] {
            Node::Step(step) => {
                let failover = match building.failover {
                    Some(target) => Failover::To(self.tag(target.node).unwrap_or_default()),
                    None => Failover::NoEdge,
                };
                Out::Step {
                    node,
                    step,
                    new_tag: self.new_tags.get(&node).map(String::as_str),
                    failover,
                    branches: building.done,
                }
            }
            Node::Raw { value, .. } => Out::Raw(node, value),
            Node::Start { .. } => Out::Raw(node, &Value::Null),
        }
    }

    /// Compiles the chain that starts at `first`.
    fn chain(&mut self, first: Option<Target>) -> Vec<Out<'a>> {
        let mut stack = vec![Frame::new(first)];
        loop {
            let frame = stack
                .last_mut()
                .expect("a frame until the outermost returns");
            if let Some(building) = &mut frame.building {
                if let Some((path, target)) = building.remaining.pop() {
                    building.waiting = Some(path);
                    stack.push(Frame::new(Some(target)));
                    continue;
                }
                let building = frame.building.take().expect("checked above");
                let next = building.next;
                let out = self.finish(building);
                let frame = stack.last_mut().expect("still there");
                frame.steps.push(out);
                frame.next = next;
                continue;
            }
            match frame.next.take() {
                Some(target) if self.places(target) => {
                    let building = self.begin(target.node);
                    stack.last_mut().expect("still there").building = Some(building);
                }
                Some(target) => {
                    if let Some(tag) = self.tag(target.node) {
                        stack
                            .last_mut()
                            .expect("still there")
                            .steps
                            .push(Out::Goto(tag));
                        self.jumped_to.push(target.node);
                    }
                }
                None => {
                    let done = stack.pop().expect("the frame just read");
                    let Some(parent) = stack.last_mut() else {
                        return done.steps;
                    };
                    let building = parent
                        .building
                        .as_mut()
                        .expect("a child frame has a building parent");
                    let path = building.waiting.take().expect("the child's branch");
                    building.done.push((path, done.steps));
                }
            }
        }
    }
}

/// The compiled tree of a diagram, and the nodes it could not place.
fn compile_tree<'a>(
    flow: &'a FlowGraph,
    new_tags: &'a HashMap<NodeId, String>,
) -> (Vec<Out<'a>>, Vec<NodeId>) {
    // Per node index (a stable graph's indices have holes: size by the largest).
    let slots = flow
        .graph
        .node_indices()
        .map(|node| node.index() + 1)
        .max()
        .unwrap_or(0);
    let mut placed_by_edge = vec![false; slots];
    for edge in flow
        .graph
        .edge_indices()
        .filter(|edge| !flow.graph[*edge].jump)
    {
        if let Some((_, to)) = flow.graph.edge_endpoints(edge) {
            placed_by_edge[to.index()] = true;
        }
    }
    let mut forced = vec![false; slots];
    // A goto must land on a step the schema holds: a node whose placing edge is never reached
    // (it hangs off a disconnected node, or a cycle of placing edges) is placed at its first
    // goto instead, and the schema compiled again. Each round places one more node at least.
    loop {
        let mut compiler = Compiler {
            flow,
            new_tags,
            placed_by_edge: &placed_by_edge,
            forced: &forced,
            emitted: vec![false; slots],
            jumped_to: Vec::new(),
        };
        let mut schema = Vec::new();
        for node in flow.definition_roots() {
            schema.extend(compiler.chain(Some(Target { node, jump: false })));
        }
        let first = compiler.target(flow.start, &Port::Next);
        schema.extend(compiler.chain(first));
        let stranded: Vec<NodeId> = compiler
            .jumped_to
            .iter()
            .filter(|node| !compiler.is_emitted(**node) && !forced[node.index()])
            .copied()
            .collect();
        if stranded.is_empty() {
            let disconnected = flow
                .graph
                .node_indices()
                .filter(|node| *node != flow.start && !compiler.is_emitted(*node))
                .collect();
            return (schema, disconnected);
        }
        for node in stranded {
            forced[node.index()] = true;
        }
    }
}

/// Compiles the diagram into the schema the runtime runs.
pub fn compile(flow: &FlowGraph) -> Compiled {
    let new_tags = missing_tags(flow);
    let (tree, disconnected) = compile_tree(flow, &new_tags);
    Compiled {
        schema: serde_json::to_value(Steps(&tree)).expect("JSON values serialize"),
        disconnected,
    }
}

/// Compiles the diagram straight to the schema's JSON text: what a save sends, without
/// building the schema as a value first.
pub fn compile_to_text(flow: &FlowGraph) -> (String, Vec<NodeId>) {
    let new_tags = missing_tags(flow);
    let (tree, disconnected) = compile_tree(flow, &new_tags);
    (
        serde_json::to_string(&Steps(&tree)).expect("JSON values serialize"),
        disconnected,
    )
}

/// Where each node is in the schema [`compile`] makes: a JSON pointer (`/3/if/then/0`), as a
/// run of the schema names its steps. Nodes it does not place are not there.
pub fn step_places(flow: &FlowGraph) -> HashMap<String, NodeId> {
    let new_tags = missing_tags(flow);
    let (tree, _) = compile_tree(flow, &new_tags);
    let mut places = HashMap::new();
    let mut arrays: Vec<(String, &[Out])> = vec![(String::new(), &tree)];
    while let Some((base, steps)) = arrays.pop() {
        for (index, out) in steps.iter().enumerate() {
            let place = format!("{base}/{index}");
            match out {
                Out::Step {
                    node,
                    step,
                    branches,
                    ..
                } => {
                    let in_step = pointer(&[PathSeg::Key(step.app.clone())]);
                    for (path, nested) in branches {
                        arrays.push((format!("{place}{in_step}{}", pointer(path)), nested));
                    }
                    places.insert(place, *node);
                }
                Out::Raw(node, _) => {
                    places.insert(place, *node);
                }
                Out::Goto(_) => {}
            }
        }
    }
    places
}

struct Steps<'t, 'a>(&'t [Out<'a>]);

impl Serialize for Steps<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0)
    }
}

impl Serialize for Out<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Out::Raw(_, value) => value.serialize(serializer),
            Out::Goto(tag) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("goto", tag)?;
                map.end()
            }
            Out::Step {
                step,
                new_tag,
                failover,
                branches,
                ..
            } => {
                let mut map = serializer.serialize_map(None)?;
                if let Some(tag) = new_tag {
                    map.serialize_entry("tag", tag)?;
                }
                // Most steps have no branches: no list to build for them.
                let branches: Vec<(&[PathSeg], &[Out])> = if branches.is_empty() {
                    Vec::new()
                } else {
                    branches
                        .iter()
                        .map(|(path, steps)| (*path, steps.as_slice()))
                        .collect()
                };
                let branches = branches.as_slice();
                let mut wrote_limit = false;
                for (key, value) in &step.object {
                    if key == &step.app {
                        map.serialize_entry(key, &WithBranches { value, branches })?;
                    } else if key == "limit" {
                        wrote_limit = true;
                        map.serialize_entry(
                            key,
                            &Limit {
                                value,
                                failover: *failover,
                            },
                        )?;
                    } else {
                        map.serialize_entry(key, value)?;
                    }
                }
                if let (false, Failover::To(tag)) = (wrote_limit, failover) {
                    map.serialize_entry("limit", &serde_json::json!({ "failover": tag }))?;
                }
                if !step.object.contains_key(&step.app) && !branches.is_empty() {
                    map.serialize_entry(
                        &step.app,
                        &WithBranches {
                            value: &Value::Null,
                            branches,
                        },
                    )?;
                }
                map.end()
            }
        }
    }
}

/// A step's `limit` with its failover as the edge says.
struct Limit<'a> {
    value: &'a Value,
    failover: Failover<'a>,
}

impl Serialize for Limit<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Value::Object(limit) = self.value else {
            return self.value.serialize(serializer);
        };
        let mut map = serializer.serialize_map(None)?;
        let mut wrote_failover = false;
        for (key, value) in limit {
            match (key.as_str(), self.failover) {
                ("failover", Failover::To(tag)) => {
                    wrote_failover = true;
                    map.serialize_entry(key, tag)?;
                }
                // The placeholder of a failover edge that was removed.
                ("failover", Failover::NoEdge) if value.is_null() => {}
                _ => map.serialize_entry(key, value)?,
            }
        }
        if let (false, Failover::To(tag)) = (wrote_failover, self.failover) {
            map.serialize_entry("failover", tag)?;
        }
        map.end()
    }
}

/// An argument with its nested step arrays put in at their paths (made where missing).
struct WithBranches<'t, 'a> {
    value: &'t Value,
    branches: &'t [(&'t [PathSeg], &'t [Out<'a>])],
}

impl Serialize for WithBranches<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Some((_, steps)) = self.branches.iter().find(|(path, _)| path.is_empty()) {
            return Steps(steps).serialize(serializer);
        }
        if self.branches.is_empty() {
            return self.value.serialize(serializer);
        }
        let below = |seg: &PathSeg| -> Vec<(&[PathSeg], &[Out])> {
            self.branches
                .iter()
                .filter(|(path, _)| path.first() == Some(seg))
                .map(|(path, steps)| (&path[1..], *steps))
                .collect()
        };
        let null = Value::Null;
        match self.value {
            Value::Array(items) => {
                let last = self
                    .branches
                    .iter()
                    .filter_map(|(path, _)| match path.first() {
                        Some(PathSeg::Index(index)) => Some(index + 1),
                        _ => None,
                    });
                let length = last.max().unwrap_or(0).max(items.len());
                let mut seq = serializer.serialize_seq(Some(length))?;
                for index in 0..length {
                    let empty = Value::Object(Map::new());
                    let value = items.get(index).unwrap_or(&empty);
                    seq.serialize_element(&WithBranches {
                        value,
                        branches: &below(&PathSeg::Index(index)),
                    })?;
                }
                seq.end()
            }
            value => {
                let object = value.as_object();
                let mut map = serializer.serialize_map(None)?;
                let mut written: Vec<&str> = Vec::new();
                for (key, child) in object.into_iter().flatten() {
                    written.push(key);
                    map.serialize_entry(
                        key,
                        &WithBranches {
                            value: child,
                            branches: &below(&PathSeg::Key(key.clone())),
                        },
                    )?;
                }
                for (path, _) in self.branches {
                    if let Some(PathSeg::Key(key)) = path.first() {
                        if !written.contains(&key.as_str()) {
                            written.push(key);
                            map.serialize_entry(
                                key,
                                &WithBranches {
                                    value: &null,
                                    branches: &below(&PathSeg::Key(key.clone())),
                                },
                            )?;
                        }
                    }
                }
                map.end()
            }
        }
    }
}
