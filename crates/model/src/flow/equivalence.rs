//! Semantic identity of two schemas: the same steps (arguments and meta, tags aside) in the same
//! execution structure. Each schema becomes a control-flow graph (steps; edges for what runs
//! next, each branch, the fall-through out of blocks, gotos and failovers resolved to their
//! targets) walked from its entries (the main chain, each function, each trigger) and the two
//! are compared pair by pair. Unreachable steps do not count; only added tags may differ.

use super::decompile::app_key;
use super::graph::{branch_paths, branch_scope, path_text, step_without_branches, value_at, Port};
use crate::catalog::{is_definition, Scope};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt;

/// Where two schemas first differ, as JSON paths into each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub left: String,
    pub right: String,
    pub reason: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (left at {}, right at {})",
            self.reason, self.left, self.right
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    Node(usize),
    End,
    /// A goto whose tag is not in reach.
    Dangling(String),
    /// A goto to resolve once every tag is known.
    Goto {
        tag: String,
        scope: usize,
    },
}

struct CfgNode {
    path: String,
    label: Value,
    edges: BTreeMap<String, Target>,
}

#[derive(Default)]
struct Cfg {
    nodes: Vec<CfgNode>,
    entries: BTreeMap<String, Target>,
    /// Per scope: tag -> what the tagged item leads to.
    tags: Vec<HashMap<String, Target>>,
}

struct ArrayJob<'a> {
    items: &'a [Value],
    path: String,
    scope: usize,
    /// Where execution goes after the last item.
    after: Target,
    top_level: bool,
    /// The block and port whose branch this array is.
    owner: Option<(usize, String)>,
}

fn goto_tag(item: &Value) -> Option<&str> {
    let object = item.as_object()?;
    (app_key(object) == Some("goto")).then(|| object["goto"].as_str())?
}

/// What the step object means, without what edges carry: tag, failover and nested steps.
fn label(object: &Map<String, Value>, app: &str) -> Value {
    let mut object = step_without_branches(object, app);
    object.remove("tag");
    if let Some(Value::Object(limit)) = object.get_mut("limit") {
        if limit.get("failover").is_some_and(Value::is_string) {
            limit.remove("failover");
        }
    }
    Value::Object(object)
}

impl Cfg {
    fn build(schema: &[Value]) -> Self {
        let mut cfg = Cfg {
            tags: vec![HashMap::new()],
            ..Default::default()
        };
        let mut jobs = VecDeque::from([ArrayJob {
            items: schema,
            path: String::new(),
            scope: 0,
            after: Target::End,
            top_level: true,
            owner: None,
        }]);
        while let Some(job) = jobs.pop_front() {
            cfg.add_array(job, &mut jobs);
        }
        cfg.resolve();
        cfg
    }

    fn add_array<'a>(&mut self, job: ArrayJob<'a>, jobs: &mut VecDeque<ArrayJob<'a>>) {
        // Ids first, so an item can point at the ones after it.
        let ids: Vec<Option<usize>> = job
            .items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                goto_tag(item).is_none().then(|| {
                    self.nodes.push(CfgNode {
                        path: format!("{}[{index}]", job.path),
                        label: Value::Null,
                        edges: BTreeMap::new(),
                    });
                    self.nodes.len() - 1
                })
            })
            .collect();
        let runs_in_place = |index: usize| {
            !(job.top_level
                && job.items[index]
                    .as_object()
                    .and_then(app_key)
                    .is_some_and(is_definition))
        };
        // What runs from position `index` on.
        let from = |index: usize| -> Target {
            (index..job.items.len())
                .find(|&index| runs_in_place(index))
                .map(|index| match (ids[index], goto_tag(&job.items[index])) {
                    (Some(id), _) => Target::Node(id),
                    (None, tag) => Target::Goto {
                        tag: tag.unwrap_or_default().to_owned(),
                        scope: job.scope,
                    },
                })
                .unwrap_or_else(|| job.after.clone())
        };
        match &job.owner {
            Some((block, port)) => {
                self.nodes[*block].edges.insert(port.clone(), from(0));
            }
            None => {
                self.entries.insert("main".to_owned(), from(0));
            }
        }
        let mut triggers = 0;
        for (index, item) in job.items.iter().enumerate() {
            if let Some(tag) = item.get("tag").and_then(Value::as_str) {
                let own = ids[index].map(Target::Node).unwrap_or_else(|| from(index));
                self.tags[job.scope].entry(tag.to_owned()).or_insert(own);
            }
            let Some(id) = ids[index] else { continue };
            let next = from(index + 1);
            let definition = job.top_level
                && item
                    .as_object()
                    .and_then(app_key)
                    .is_some_and(is_definition);
            // A definition does not run where it stands, so nothing follows it.
            if !definition {
                self.nodes[id].edges.insert("next".to_owned(), next.clone());
            }
            let Some((object, app)) = item
                .as_object()
                .and_then(|object| app_key(object).map(|app| (object, app)))
            else {
                // Anything but a valid step is compared verbatim.
                self.nodes[id].label = item.clone();
                continue;
            };
            if definition {
                let key = match app {
                    "function" => format!(
                        "function:{}",
                        object[app]
                            .get("name")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                    ),
                    _ => {
                        triggers += 1;
                        format!("trigger:{triggers}")
                    }
                };
                self.entries.insert(key, Target::Node(id));
            }
            self.nodes[id].label = label(object, app);
            if let Some(Value::String(tag)) =
                object.get("limit").and_then(|limit| limit.get("failover"))
            {
                let failover = Target::Goto {
                    tag: tag.clone(),
                    scope: job.scope,
                };
                self.nodes[id].edges.insert("failover".to_owned(), failover);
            }
            for path in branch_paths(app, &object[app]) {
                let nested = value_at(&object[app], &path)
                    .and_then(Value::as_array)
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                if nested.is_empty() {
                    continue;
                }
                let (scope, after) = match branch_scope(app, &path) {
                    Some(Scope::Own) => {
                        self.tags.push(HashMap::new());
                        (self.tags.len() - 1, Target::End)
                    }
                    // A while body ends by testing the condition again.
                    _ if app == "while" => (job.scope, Target::Node(id)),
                    _ => (job.scope, next.clone()),
                };
                jobs.push_back(ArrayJob {
                    items: nested,
                    path: format!("{}[{index}].{app}.{}", job.path, path_text(&path)),
                    scope,
                    after,
                    top_level: false,
                    owner: Some((id, Port::Branch(path).to_string())),
                });
            }
        }
    }

    /// Replaces every goto by the step it reaches (following gotos to gotos).
    fn resolve(&mut self) {
        let resolve = |tags: &[HashMap<String, Target>], target: &Target| -> Target {
            let mut current = target.clone();
            for _ in 0..=tags.iter().map(HashMap::len).sum::<usize>() {
                match current {
                    Target::Goto { ref tag, scope } => {
                        match tags.get(scope).and_then(|scope| scope.get(tag)) {
                            Some(found) => current = found.clone(),
                            None => return Target::Dangling(tag.clone()),
                        }
                    }
                    resolved => return resolved,
                }
            }
            // Gotos that only lead to each other: a loop with no step in it.
            Target::Dangling("<endless goto loop>".to_owned())
        };
        let tags = std::mem::take(&mut self.tags);
        for node in &mut self.nodes {
            for target in node.edges.values_mut() {
                *target = resolve(&tags, target);
            }
        }
        for target in self.entries.values_mut() {
            *target = resolve(&tags, target);
        }
    }
}

fn describe(cfg: &Cfg, target: &Target) -> String {
    match target {
        Target::Node(id) => cfg.nodes[*id].path.clone(),
        Target::End => "the end".to_owned(),
        Target::Dangling(tag) => format!("goto {tag:?} (not found)"),
        Target::Goto { tag, .. } => format!("goto {tag:?}"),
    }
}

/// The first difference in meaning between two schemas, or none when they are identical.
pub fn semantic_difference(left: &Value, right: &Value) -> Option<Difference> {
    let (Value::Array(left_steps), Value::Array(right_steps)) = (left, right) else {
        return (left != right).then(|| Difference {
            left: String::new(),
            right: String::new(),
            reason: "a schema is not an array".to_owned(),
        });
    };
    let (left, right) = (Cfg::build(left_steps), Cfg::build(right_steps));
    let differ = |left_target: &Target, right_target: &Target, reason: String| Difference {
        left: describe(&left, left_target),
        right: describe(&right, right_target),
        reason,
    };
    let left_keys: Vec<&String> = left.entries.keys().collect();
    let right_keys: Vec<&String> = right.entries.keys().collect();
    if left_keys != right_keys {
        return Some(Difference {
            left: String::new(),
            right: String::new(),
            reason: format!("different entries: {left_keys:?} vs {right_keys:?}"),
        });
    }
    let mut paired: HashMap<usize, usize> = HashMap::new();
    let mut paired_back: HashMap<usize, usize> = HashMap::new();
    let mut queue: VecDeque<(Target, Target, String)> = left
        .entries
        .iter()
        .map(|(key, target)| {
            (
                target.clone(),
                right.entries[key].clone(),
                format!("entry {key}"),
            )
        })
        .collect();
    while let Some((a, b, via)) = queue.pop_front() {
        match (&a, &b) {
            (Target::End, Target::End) => {}
            (Target::Dangling(x), Target::Dangling(y)) if x == y => {}
            (Target::Node(x), Target::Node(y)) => {
                match (paired.get(x), paired_back.get(y)) {
                    (Some(partner), _) if partner == y => continue,
                    (None, None) => {}
                    _ => return Some(differ(&a, &b, format!("{via} leads to different steps"))),
                }
                paired.insert(*x, *y);
                paired_back.insert(*y, *x);
                let (node_a, node_b) = (&left.nodes[*x], &right.nodes[*y]);
                if node_a.label != node_b.label {
                    return Some(differ(&a, &b, "the steps differ".to_owned()));
                }
                let (ports_a, ports_b): (Vec<&String>, Vec<&String>) =
                    (node_a.edges.keys().collect(), node_b.edges.keys().collect());
                if ports_a != ports_b {
                    return Some(differ(
                        &a,
                        &b,
                        format!("different branches: {ports_a:?} vs {ports_b:?}"),
                    ));
                }
                for (port, target) in &node_a.edges {
                    queue.push_back((
                        target.clone(),
                        node_b.edges[port].clone(),
                        format!("{port} of {}", node_a.path),
                    ));
                }
            }
            _ => return Some(differ(&a, &b, format!("{via} leads to different places"))),
        }
    }
    None
}

/// Do the two schemas run the same way?
pub fn semantically_identical(left: &Value, right: &Value) -> bool {
    semantic_difference(left, right).is_none()
}
