//! Schema -> graph: any valid schema (hand-written, or exported by Webitel's editor) becomes a
//! diagram. Nested arrays become branch edges, `goto` and `limit.failover` become jump edges to
//! the tagged step in reach, and everything else (unknown apps, unknown keys, items that are
//! not valid steps) is kept verbatim. Iterative: hostile nesting cannot overflow the stack.

use super::graph::{
    branch_paths, branch_scope, step_without_branches, FlowGraph, Link, Node, NodeId, PathSeg,
    Point, Port, Step,
};
use crate::catalog::{self, Scope};
use crate::l10n::Text;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet, VecDeque};
use thiserror::Error;

/// Why a schema cannot be drawn; `Display` is the English of [`DecompileError::text`]
/// (`locales/*/flow.ftl`), which a test holds equal.
#[derive(Error, Debug, Clone, PartialEq, Eq)]
pub enum DecompileError {
    /// `got` says what kind of JSON the schema is instead.
    #[error("a flow schema is a JSON array of steps, got {got}")]
    NotAnArray { got: Text },
    #[error("the schema nests deeper than {0} levels of arrays and objects")]
    TooDeep(usize),
}

impl DecompileError {
    /// Why, in any language.
    pub fn text(&self) -> Text {
        match self {
            Self::NotAnArray { got } => Text::new("schema-not-an-array").with("got", got.clone()),
            Self::TooDeep(limit) => Text::new("schema-too-deep").with("limit", *limit),
        }
    }
}

/// The deepest JSON nesting a schema may have. Walks over steps are iterative, but writing
/// JSON (serde's) recurses once per level: the bound keeps that well inside any thread's stack
/// (the server already refuses bodies deeper than 120).
pub const MAX_SCHEMA_DEPTH: usize = 512;

/// Is `value` nested deeper than `limit`? Iterative.
fn deeper_than(value: &Value, limit: usize) -> bool {
    let mut pending = vec![(value, 1)];
    while let Some((value, depth)) = pending.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match value {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => continue,
        };
        if depth > limit {
            return true;
        }
        pending.extend(children.map(|child| (child, depth + 1)));
    }
    false
}

/// Keys a `goto` step may carry and still be drawn as an edge: the rest would be lost.
const GOTO_EDGE_KEYS: [&str; 4] = ["goto", "tag", "break", "async"];

/// The one app key of a step object, if it has exactly one.
pub fn app_key(object: &Map<String, Value>) -> Option<&str> {
    let mut apps = object.keys().filter(|key| !catalog::is_meta_key(key));
    match (apps.next(), apps.next()) {
        (Some(app), None) => Some(app),
        _ => None,
    }
}

/// The app of each top-level step of a schema, in order (None for an item that is not a step):
/// what a flow does at a glance.
pub fn top_level_apps(schema: &Value) -> Vec<Option<&str>> {
    schema
        .as_array()
        .map(|steps| {
            steps
                .iter()
                .map(|step| step.as_object().and_then(app_key))
                .collect()
        })
        .unwrap_or_default()
}

/// Every tag some `goto` or failover names, anywhere in the schema.
fn jump_targets(schema: &Value) -> HashSet<String> {
    let mut targets = HashSet::new();
    let mut pending = vec![schema];
    while let Some(value) = pending.pop() {
        match value {
            Value::Array(items) => pending.extend(items),
            Value::Object(map) => {
                if let Some(Value::String(tag)) = map.get("goto") {
                    targets.insert(tag.clone());
                }
                if let Some(Value::String(tag)) =
                    map.get("limit").and_then(|limit| limit.get("failover"))
                {
                    targets.insert(tag.clone());
                }
                pending.extend(map.values());
            }
            _ => {}
        }
    }
    targets
}

enum Item {
    Node(NodeId),
    /// A trailing `goto` to draw as a jump edge, if its tag resolves.
    Goto {
        target: String,
        original: Value,
        source: Vec<PathSeg>,
    },
}

/// Where each node of a decompiled schema was written: its path in the schema array.
pub type Sources = HashMap<NodeId, Vec<PathSeg>>;

struct Chain {
    owner: (NodeId, Port),
    scope: usize,
    items: Vec<Item>,
}

struct Job<'a> {
    items: &'a [Value],
    /// Where `items` is in the schema.
    path: Vec<PathSeg>,
    owner: (NodeId, Port),
    scope: usize,
    top_level: bool,
}

/// Builds the diagram of a schema. Node positions are left at the origin: lay it out next.
pub fn decompile(schema: &Value) -> Result<FlowGraph, DecompileError> {
    decompile_with_sources(schema).map(|(flow, _)| flow)
}

/// [`decompile`], also telling where in the schema each node came from, so problems found on
/// the graph can be shown in the text.
pub fn decompile_with_sources(schema: &Value) -> Result<(FlowGraph, Sources), DecompileError> {
    let Value::Array(top) = schema else {
        return Err(DecompileError::NotAnArray {
            got: crate::rules::json_kind_text(schema),
        });
    };
    if deeper_than(schema, MAX_SCHEMA_DEPTH) {
        return Err(DecompileError::TooDeep(MAX_SCHEMA_DEPTH));
    }
    let referenced = jump_targets(schema);
    let mut flow = FlowGraph::new();
    let mut chains: Vec<Chain> = Vec::new();
    let mut tags: Vec<HashMap<String, NodeId>> = vec![HashMap::new()];
    let mut failovers: Vec<(NodeId, String, usize)> = Vec::new();
    // Arrays in document order, breadth first, so node ids follow the schema's reading order.
    let mut sources = Sources::new();
    let mut jobs = VecDeque::from([Job {
        items: top,
        path: Vec::new(),
        owner: (flow.start, Port::Next),
        scope: 0,
        top_level: true,
    }]);

    while let Some(job) = jobs.pop_front() {
        let mut chain = Chain {
            owner: job.owner,
            scope: job.scope,
            items: Vec::with_capacity(job.items.len()),
        };
        let last = job.items.len().saturating_sub(1);
        for (index, value) in job.items.iter().enumerate() {
            let mut source = job.path.clone();
            source.push(PathSeg::Index(index));
            let Some((object, app)) = value
                .as_object()
                .and_then(|object| app_key(object).map(|app| (object, app)))
            else {
                let node = flow.graph.add_node(Node::Raw {
                    value: value.clone(),
                    position: Point::default(),
                });
                sources.insert(node, source);
                chain.items.push(Item::Node(node));
                continue;
            };
            if app == "goto" && index == last {
                let drawable = object
                    .keys()
                    .all(|key| GOTO_EDGE_KEYS.contains(&key.as_str()))
                    && object
                        .get("break")
                        .is_none_or(|value| value == &Value::Bool(false))
                    && object
                        .get("tag")
                        .and_then(Value::as_str)
                        .is_none_or(|tag| !referenced.contains(tag));
                if let (true, Some(target)) = (drawable, object.get("goto").and_then(Value::as_str))
                {
                    chain.items.push(Item::Goto {
                        target: target.to_owned(),
                        original: value.clone(),
                        source,
                    });
                    continue;
                }
            }
            let step = Step {
                app: app.to_owned(),
                object: step_without_branches(object, app),
                position: Point::default(),
            };
            let node = flow.graph.add_node(Node::Step(step.clone()));
            for path in branch_paths(app, &object[app]) {
                let mut nested_path = source.clone();
                nested_path.push(PathSeg::Key(app.to_owned()));
                nested_path.extend(path.iter().cloned());
                let nested = super::graph::value_at(&object[app], &path)
                    .and_then(Value::as_array)
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                let scope = match branch_scope(app, &path) {
                    Some(Scope::Own) => {
                        tags.push(HashMap::new());
                        tags.len() - 1
                    }
                    _ => job.scope,
                };
                jobs.push_back(Job {
                    items: nested,
                    path: nested_path,
                    owner: (node, Port::Branch(path)),
                    scope,
                    top_level: false,
                });
            }
            if let Some(Value::String(target)) =
                object.get("limit").and_then(|limit| limit.get("failover"))
            {
                failovers.push((node, target.clone(), job.scope));
            }
            if let Some(tag) = step.tag() {
                tags[job.scope].entry(tag.to_owned()).or_insert(node);
            }
            let definition = job.top_level && catalog::is_definition(app);
            flow.graph[node] = Node::Step(step);
            sources.insert(node, source);
            if !definition {
                chain.items.push(Item::Node(node));
            }
        }
        chains.push(chain);
    }

    for chain in chains {
        let mut previous = Some(chain.owner);
        for item in chain.items {
            let (node, jump) = match item {
                Item::Node(node) => (node, false),
                Item::Goto {
                    target,
                    original,
                    source,
                } => match tags[chain.scope].get(&target) {
                    Some(&target) => (target, true),
                    None => {
                        // A jump to nowhere stays a visible step, so validation can point at it.
                        let object = original.as_object().cloned().unwrap_or_default();
                        let node = flow.add_step(Step {
                            app: "goto".to_owned(),
                            object,
                            position: Point::default(),
                        });
                        sources.insert(node, source);
                        (node, false)
                    }
                },
            };
            if let Some((from, port)) = previous.take() {
                flow.graph.add_edge(from, node, Link { port, jump });
            }
            if !jump {
                previous = Some((node, Port::Next));
            }
        }
    }
    for (node, target, scope) in failovers {
        if let Some(&target) = tags[scope].get(&target) {
            if let Node::Step(step) = &mut flow.graph[node] {
                if let Some(Value::Object(limit)) = step.object.get_mut("limit") {
                    limit.insert("failover".to_owned(), Value::Null);
                }
            }
            flow.connect(node, Port::Failover, target, true);
        }
    }
    Ok((flow, sources))
}
