//! Graph -> schema: the structure Webitel's runtime executes. Definitions (function, trigger)
//! first, then the chain from Start; each node once, where its placing edge puts it: chains as
//! consecutive steps, branches as nested arrays; any other edge into a node becomes
//! `{"goto": tag}`, a failover edge becomes `limit.failover`. Every step gets a stable tag.
//! Same graph, same bytes. Iterative, so deep graphs cannot overflow the stack.

use super::graph::{set_at, FlowGraph, Node, NodeId, PathSeg, Port};
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

/// Tags for every step: its own, or a new `<app>__<16 hex>` derived from its id (so the same
/// graph always gets the same tags) and unused elsewhere.
pub fn tags_of(flow: &FlowGraph) -> HashMap<NodeId, String> {
    let mut taken: HashSet<String> = flow
        .steps()
        .filter_map(|(_, step)| step.tag().map(str::to_owned))
        .collect();
    let mut tags = HashMap::new();
    for (node, step) in flow.steps() {
        let tag = match step.tag() {
            Some(tag) => tag.to_owned(),
            None => {
                let mut salt = 0u32;
                loop {
                    let seed = format!("{}/{}/{salt}", step.app, node.index());
                    let tag = format!("{}__{:016x}", step.app, fnv1a(seed.as_bytes()));
                    if taken.insert(tag.clone()) {
                        break tag;
                    }
                    salt += 1;
                }
            }
        };
        tags.insert(node, tag);
    }
    tags
}

/// The steps' tags written into the graph, so they stay the same from save to save.
pub fn assign_missing_tags(flow: &mut FlowGraph) {
    for (node, tag) in tags_of(flow) {
        if let Node::Step(step) = &mut flow.graph[node] {
            if step.tag().is_none() {
                step.set_tag(tag);
            }
        }
    }
}

/// What a chain continues with.
#[derive(Clone, Copy)]
struct Target {
    node: NodeId,
    jump: bool,
}

/// A node whose nested arrays are being compiled.
struct Building {
    node: NodeId,
    object: Map<String, Value>,
    /// Branches still to compile, last first.
    remaining: Vec<(Vec<PathSeg>, Target)>,
    /// The branch the frame above is compiling.
    waiting: Option<Vec<PathSeg>>,
}

/// One array under construction.
struct Frame {
    steps: Vec<Value>,
    building: Option<Building>,
    next: Option<Target>,
}

impl Frame {
    fn new(first: Option<Target>) -> Self {
        Self {
            steps: Vec::new(),
            building: None,
            next: first,
        }
    }
}

struct Compiler<'a> {
    flow: &'a FlowGraph,
    tags: HashMap<NodeId, String>,
    /// Nodes with a placing (non-jump) edge into them.
    placed_by_edge: HashSet<NodeId>,
    /// Nodes to place at their first jump even so (their placing edge is never reached).
    forced: HashSet<NodeId>,
    emitted: HashSet<NodeId>,
    /// Targets of the gotos written so far.
    jumped_to: Vec<NodeId>,
}

fn goto(tag: &str) -> Value {
    let mut object = Map::new();
    object.insert("goto".to_owned(), Value::String(tag.to_owned()));
    Value::Object(object)
}

impl Compiler<'_> {
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
        if self.emitted.contains(&target.node) || target.node == self.flow.start {
            return false;
        }
        // A jump places a node that nothing else places (its first jump, in emission order).
        !target.jump
            || !self.placed_by_edge.contains(&target.node)
            || self.forced.contains(&target.node)
    }

    /// The step object of `node` with its tag, failover and (still empty) branch arrays.
    fn begin(&mut self, node: NodeId) -> Building {
        self.emitted.insert(node);
        let flow = self.flow;
        let object = match &flow.graph[node] {
            Node::Step(step) => {
                let mut step = step.clone();
                if step.tag().is_none() {
                    step.set_tag(self.tags[&node].clone());
                }
                match self.target(node, &Port::Failover) {
                    Some(target) => {
                        let tag = self.tags.get(&target.node).cloned().unwrap_or_default();
                        let limit = step
                            .object
                            .entry("limit")
                            .or_insert_with(|| Value::Object(Map::new()));
                        if let Value::Object(limit) = limit {
                            limit.insert("failover".to_owned(), Value::String(tag));
                        }
                    }
                    None => {
                        if let Some(Value::Object(limit)) = step.object.get_mut("limit") {
                            if limit.get("failover") == Some(&Value::Null) {
                                limit.remove("failover");
                            }
                        }
                    }
                }
                step.object
            }
            // Raw items are written back as they were (see `finish`).
            _ => Map::new(),
        };
        let mut remaining: Vec<_> = flow
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
            .collect();
        remaining.reverse();
        Building {
            node,
            object,
            remaining,
            waiting: None,
        }
    }

    fn finish(&self, building: Building) -> Value {
        match &self.flow.graph[building.node] {
            Node::Raw { value, .. } => value.clone(),
            _ => Value::Object(building.object),
        }
    }

    /// Compiles the chain that starts at `first`.
    fn chain(&mut self, first: Option<Target>) -> Vec<Value> {
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
                let node = building.node;
                let value = self.finish(building);
                let frame = stack.last_mut().expect("still there");
                frame.steps.push(value);
                frame.next = self.target(node, &Port::Next);
                continue;
            }
            match frame.next.take() {
                Some(target) if self.places(target) => {
                    let building = self.begin(target.node);
                    stack.last_mut().expect("still there").building = Some(building);
                }
                Some(target) => {
                    if let Some(tag) = self.tags.get(&target.node) {
                        frame.steps.push(goto(tag));
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
                    let node = building.node;
                    if let Some(Node::Step(step)) = self.flow.graph.node_weight(node) {
                        let argument = building
                            .object
                            .entry(step.app.clone())
                            .or_insert(Value::Null);
                        set_at(argument, &path, Value::Array(done.steps));
                    }
                }
            }
        }
    }
}

/// Compiles the diagram into the schema the runtime runs.
pub fn compile(flow: &FlowGraph) -> Compiled {
    let placed_by_edge: HashSet<NodeId> = flow
        .graph
        .edge_indices()
        .filter(|edge| !flow.graph[*edge].jump)
        .filter_map(|edge| flow.graph.edge_endpoints(edge).map(|(_, to)| to))
        .collect();
    let tags = tags_of(flow);
    let mut forced = HashSet::new();
    // A goto must land on a step the schema holds: a node whose placing edge is never reached
    // (it hangs off a disconnected node, or a cycle of placing edges) is placed at its first
    // goto instead, and the schema compiled again. Each round places one more node at least.
    loop {
        let mut compiler = Compiler {
            flow,
            tags: tags.clone(),
            placed_by_edge: placed_by_edge.clone(),
            forced: forced.clone(),
            emitted: HashSet::new(),
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
            .filter(|node| !compiler.emitted.contains(node) && !forced.contains(*node))
            .copied()
            .collect();
        if stranded.is_empty() {
            let disconnected = flow
                .graph
                .node_indices()
                .filter(|node| *node != flow.start && !compiler.emitted.contains(node))
                .collect();
            return Compiled {
                schema: Value::Array(schema),
                disconnected,
            };
        }
        forced.extend(stranded);
    }
}
