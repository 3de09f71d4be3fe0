//! Validation of a diagram, for the editor's problems panel: what would not run as drawn.

use super::graph::{FlowGraph, Node, NodeId, Port};
use crate::api::FlowType;
use crate::catalog::{Kind, Scope};
use petgraph::algo::tarjan_scc;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// What is wrong, for the problems panel.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ProblemKind {
    Unreachable,
    MissingBranch,
    EndlessLoop,
    MissingField,
    WrongShape,
    NotOffered,
    UnknownApp,
    DuplicateTag,
    CrossScopeJump,
    InvalidStep,
    JumpToNowhere,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Problem {
    pub severity: Severity,
    pub kind: ProblemKind,
    /// The node to focus; none for the flow as a whole.
    pub node: Option<NodeId>,
    pub message: String,
}

impl Problem {
    fn error(kind: ProblemKind, node: NodeId, message: String) -> Self {
        Self {
            severity: Severity::Error,
            kind,
            node: Some(node),
            message,
        }
    }

    fn warning(kind: ProblemKind, node: NodeId, message: String) -> Self {
        Self {
            severity: Severity::Warning,
            kind,
            node: Some(node),
            message,
        }
    }
}

/// Branches a block cannot do without.
fn required_branches(app: &str) -> &'static [&'static str] {
    match app {
        "if" => &["then"],
        "while" => &["do"],
        "function" => &["actions"],
        _ => &[],
    }
}

fn describe(flow: &FlowGraph, node: NodeId) -> String {
    match &flow.graph[node] {
        Node::Start { .. } => "Start".to_owned(),
        Node::Step(step) => match step.tag() {
            Some(tag) => format!("{} ({tag})", step.app),
            None => step.app.clone(),
        },
        Node::Raw { .. } => "an invalid step".to_owned(),
    }
}

/// Every problem of the diagram, errors first, then in node order.
pub fn check(flow: &FlowGraph, flow_type: FlowType) -> Vec<Problem> {
    let mut problems = Vec::new();
    let scopes = scopes(flow);
    let reachable = reachable(flow);
    let mut tags: HashMap<&str, NodeId> = HashMap::new();

    if flow.link_from(flow.start, &Port::Next).is_none() {
        problems.push(Problem {
            severity: Severity::Warning,
            kind: ProblemKind::MissingBranch,
            node: Some(flow.start),
            message: "Start is not connected: the flow does nothing".to_owned(),
        });
    }
    for node in flow.graph.node_indices().filter(|node| *node != flow.start) {
        let name = describe(flow, node);
        if !reachable.contains(&node) {
            problems.push(Problem::warning(
                ProblemKind::Unreachable,
                node,
                format!("{name} is never reached"),
            ));
        }
        let step = match &flow.graph[node] {
            Node::Step(step) => step,
            Node::Raw { .. } => {
                problems.push(Problem::error(
                    ProblemKind::InvalidStep,
                    node,
                    "not a valid step: a step is an object with exactly one app key".to_owned(),
                ));
                continue;
            }
            Node::Start { .. } => continue,
        };
        if let Some(tag) = step.tag() {
            if let Some(first) = tags.insert(tag, node) {
                problems.push(Problem::error(
                    ProblemKind::DuplicateTag,
                    node,
                    format!("tag {tag:?} is already used by {}", describe(flow, first)),
                ));
            }
        }
        let Some(spec) = step.spec() else {
            if step.app == "goto" {
                problems.push(Problem::error(
                    ProblemKind::JumpToNowhere,
                    node,
                    format!("goto {} leads to no step in reach", step.argument()),
                ));
            } else {
                problems.push(Problem::warning(
                    ProblemKind::UnknownApp,
                    node,
                    format!(
                        "unknown app {:?}: kept as it is; the runtime skips it",
                        step.app
                    ),
                ));
            }
            continue;
        };
        if spec.name == "goto" {
            problems.push(Problem::error(
                ProblemKind::JumpToNowhere,
                node,
                format!("goto {} leads to no step in reach", step.argument()),
            ));
        }
        if !spec.offered_for(flow_type) {
            problems.push(Problem::warning(
                ProblemKind::NotOffered,
                node,
                format!(
                    "{} is not offered for {} flows",
                    spec.label,
                    flow_type.label()
                ),
            ));
        }
        match (spec.argument, step.argument()) {
            (Kind::Object(fields), serde_json::Value::Object(argument)) => {
                for field in fields
                    .iter()
                    .filter(|field| field.required && field.kind != Kind::Steps)
                {
                    if argument
                        .get(field.name)
                        .is_none_or(|value| value.is_null() || value == "")
                    {
                        problems.push(Problem::error(
                            ProblemKind::MissingField,
                            node,
                            format!("{}: {} is required", spec.label, field.name),
                        ));
                    }
                }
            }
            (Kind::Object(_), other) => problems.push(Problem::error(
                ProblemKind::WrongShape,
                node,
                format!(
                    "{}: the argument must be an object, got {}",
                    spec.label,
                    crate::rules::json_kind(other)
                ),
            )),
            _ => {}
        }
        for branch in required_branches(&step.app) {
            if flow.link_from(node, &Port::branch(&[branch])).is_none() {
                problems.push(Problem::warning(
                    ProblemKind::MissingBranch,
                    node,
                    format!("{}: nothing is connected to {branch}", spec.label),
                ));
            }
        }
    }
    for edge in (&flow.graph)
        .edge_references()
        .filter(|edge| edge.weight().jump)
    {
        let (from, to) = (edge.source(), edge.target());
        if let (Some(a), Some(b)) = (scopes.get(&from), scopes.get(&to)) {
            if a != b {
                problems.push(Problem::error(
                    ProblemKind::CrossScopeJump,
                    from,
                    format!(
                        "{} jumps to {}, which is inside another function, trigger or hook: a goto cannot reach it",
                        describe(flow, from),
                        describe(flow, to)
                    ),
                ));
            }
        }
    }
    problems.extend(endless_loops(flow));
    problems.sort_by_key(|problem| (problem.severity, problem.node.map(NodeId::index)));
    problems
}

/// Nodes reached from Start or a definition, along any edge.
fn reachable(flow: &FlowGraph) -> HashSet<NodeId> {
    let mut seen = HashSet::new();
    let mut pending = vec![flow.start];
    pending.extend(flow.definition_roots());
    while let Some(node) = pending.pop() {
        if seen.insert(node) {
            pending.extend(flow.graph.neighbors(node));
        }
    }
    seen
}

/// The goto scope of each placed node: a new one below every function, trigger or hook branch.
fn scopes(flow: &FlowGraph) -> HashMap<NodeId, usize> {
    let mut scope_of = HashMap::new();
    let mut next_scope = 1;
    let mut pending: Vec<(NodeId, usize)> = vec![(flow.start, 0)];
    pending.extend(flow.definition_roots().into_iter().map(|node| (node, 0)));
    while let Some((node, scope)) = pending.pop() {
        if scope_of.insert(node, scope).is_some() {
            continue;
        }
        for (_, target, link) in flow.links_from(node) {
            if link.jump {
                continue;
            }
            let own = match (&link.port, flow.step(node)) {
                (Port::Branch(path), Some(step)) => {
                    super::graph::branch_scope(&step.app, path) == Some(Scope::Own)
                }
                _ => false,
            };
            let target_scope = if own {
                next_scope += 1;
                next_scope - 1
            } else {
                scope
            };
            pending.push((target, target_scope));
        }
    }
    scope_of
}

/// Cycles that nothing can leave: every edge out of every member stays inside, and no member
/// branches, has a limit or stops the flow.
fn endless_loops(flow: &FlowGraph) -> Vec<Problem> {
    let mut problems = Vec::new();
    for component in tarjan_scc(&flow.graph) {
        let members: HashSet<NodeId> = component.iter().copied().collect();
        let cyclic = component.len() > 1 || flow.graph.contains_edge(component[0], component[0]);
        if !cyclic {
            continue;
        }
        let can_leave = component.iter().any(|&node| {
            let step = flow.step(node);
            step.is_some_and(|step| {
                step.breaks()
                    || step.object.contains_key("limit")
                    || !step.spec().is_some_and(|spec| spec.ports.is_empty())
            }) || flow
                .links_from(node)
                .iter()
                .any(|(_, target, _)| !members.contains(target))
                || flow.link_from(node, &Port::Next).is_none()
        });
        if !can_leave {
            let first = *component.iter().min().expect("a component has a node");
            problems.push(Problem::error(
                ProblemKind::EndlessLoop,
                first,
                format!(
                    "{} steps loop forever: nothing in the loop branches, stops or has a limit",
                    component.len()
                ),
            ));
        }
    }
    problems
}
