//! Validation of a diagram, for the editor's problems panel: what would not run as drawn.

use super::graph::{FlowGraph, Node, NodeId, Port};
use crate::api::FlowType;
use crate::catalog::{Kind, Scope};
use petgraph::algo::tarjan_scc;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde_json::Value;
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
    /// A goto or failover to a tag that a step has, but out of the jump's reach.
    JumpToNowhere,
    /// A goto or failover to a tag no step has (a leftover of a deleted step, typically).
    UnknownTag,
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
    let mut tagged: HashMap<&str, Vec<NodeId>> = HashMap::new();
    for (node, step) in flow.steps() {
        if let Some(tag) = step.tag() {
            tagged.entry(tag).or_default().push(node);
        }
    }
    let jumps = Jumps {
        tagged: &tagged,
        scopes: &scopes,
    };

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
        if let Some(target) = step
            .object
            .get("limit")
            .and_then(|limit| limit.get("failover"))
            .and_then(serde_json::Value::as_str)
            .filter(|target| !target.is_empty())
        {
            problems.extend(jumps.unresolved(node, "limit failover", target));
        }
        let Some(spec) = step.spec() else {
            if step.app == "goto" {
                problems.extend(jumps.goto(flow, node, step.argument()));
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
            problems.extend(jumps.goto(flow, node, step.argument()));
        }
        if step.breaks() {
            problems.extend(never_after(flow, node, "stops the flow (break)"));
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
                let mut shapes = Vec::new();
                field_shapes(fields, argument, "", &mut shapes);
                problems.extend(shapes.into_iter().map(|(severity, message)| Problem {
                    severity,
                    kind: ProblemKind::WrongShape,
                    node: Some(node),
                    message: format!("{}: {message}", spec.label),
                }));
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
            (kind, argument) => {
                if let Some((severity, message)) = shape(&kind, argument) {
                    problems.push(Problem {
                        severity,
                        kind: ProblemKind::WrongShape,
                        node: Some(node),
                        message: format!("{}: the argument {message}", spec.label),
                    });
                }
            }
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
/// How `value` fits `kind`: `None` when it does; a warning when the runtime still converts it
/// (numeric text for a number, a number for text, one value for a list); an error when it
/// cannot. Empty values and `${templates}` are left to run time.
fn shape(kind: &Kind, value: &Value) -> Option<(Severity, String)> {
    let templated = value.as_str().is_some_and(|text| text.contains("${"));
    if value.is_null() || value == "" || templated {
        return None;
    }
    let got = crate::rules::json_kind(value);
    let converted = |expected: &str| {
        Some((
            Severity::Warning,
            format!("should be {expected}, got {got} (the runtime converts it)"),
        ))
    };
    let refused =
        |expected: &str| Some((Severity::Error, format!("must be {expected}, got {got}")));
    match (kind, value) {
        (Kind::Number, Value::Number(_))
        | (Kind::Text | Kind::Expression | Kind::Variable | Kind::NumericText, Value::String(_))
        | (Kind::Boolean, Value::Bool(_))
        | (Kind::List(_), Value::Array(_))
        | (Kind::Object(_) | Kind::Map(_) | Kind::Reference, Value::Object(_))
        | (Kind::Steps | Kind::Json | Kind::Empty, _) => None,
        (Kind::Number, Value::String(text)) if text.trim().parse::<f64>().is_ok() => {
            converted("a number")
        }
        (Kind::Number, _) => refused("a number"),
        (
            Kind::Text | Kind::Expression | Kind::Variable | Kind::NumericText,
            Value::Number(_) | Value::Bool(_),
        ) => converted("text"),
        (Kind::Text | Kind::Expression | Kind::Variable | Kind::NumericText, _) => refused("text"),
        (Kind::Boolean, Value::String(text)) if text == "true" || text == "false" => {
            converted("true or false")
        }
        (Kind::Boolean, _) => refused("true or false"),
        (Kind::Choice(values), Value::String(text)) => {
            (!values.contains(&text.as_str())).then(|| {
                (
                    Severity::Warning,
                    format!("is {text:?}, not one of {}", values.join(", ")),
                )
            })
        }
        (Kind::Choice(values), _) => refused(&format!("one of {}", values.join(", "))),
        (Kind::List(_), Value::Object(_)) => refused("a list"),
        (Kind::List(_), _) => converted("a list"),
        (Kind::Object(_) | Kind::Map(_) | Kind::Reference, _) => refused("an object"),
    }
}

/// The shape problems of an object argument's fields, nested objects and list items included.
fn field_shapes(
    fields: &[crate::catalog::Field],
    argument: &serde_json::Map<String, Value>,
    prefix: &str,
    found: &mut Vec<(Severity, String)>,
) {
    for field in fields {
        let Some(value) = argument.get(field.name) else {
            continue;
        };
        let name = format!("{prefix}{}", field.name);
        if let Some((severity, message)) = shape(&field.kind, value) {
            found.push((severity, format!("{name} {message}")));
            continue;
        }
        match (&field.kind, value) {
            (Kind::Object(inner), Value::Object(object)) => {
                field_shapes(inner, object, &format!("{name}."), found)
            }
            (Kind::List(item), Value::Array(items)) => {
                for (index, item_value) in items.iter().enumerate() {
                    if let Some((severity, message)) = shape(item, item_value) {
                        found.push((severity, format!("{name}[{index}] {message}")));
                    }
                }
            }
            _ => {}
        }
    }
}

/// Resolves the jumps left as steps: gotos in the middle of an array, and jumps whose tag
/// was not found in their scope.
struct Jumps<'a> {
    tagged: &'a HashMap<&'a str, Vec<NodeId>>,
    scopes: &'a HashMap<NodeId, usize>,
}

impl Jumps<'_> {
    /// Whether a step tagged `target` is in `node`'s scope (any, for a node not reached).
    fn reaches(&self, node: NodeId, target: &str) -> bool {
        self.tagged.get(target).is_some_and(|nodes| {
            nodes.iter().any(|tagged| {
                self.scopes.get(&node).is_none()
                    || self.scopes.get(tagged) == self.scopes.get(&node)
            })
        })
    }

    /// A goto step: a problem with its target, or, when it jumps fine, the step written after
    /// it, which never runs.
    fn goto(&self, flow: &FlowGraph, node: NodeId, target: &Value) -> Option<Problem> {
        let Some(target) = target.as_str() else {
            return Some(Problem::error(
                ProblemKind::WrongShape,
                node,
                format!("goto needs a tag name as text, got {target}"),
            ));
        };
        if self.reaches(node, target) {
            never_after(flow, node, "jumps away (goto)")
        } else {
            self.unresolved(node, "goto", target)
        }
    }

    /// A jump to `target` from `node`, if it cannot be followed. A tag that exists elsewhere
    /// cannot be reached from here: an error. A tag no step has is a leftover that jumps
    /// nowhere, which flows exported by Webitel's own designer carry after a target step was
    /// deleted: a warning.
    fn unresolved(&self, node: NodeId, what: &str, target: &str) -> Option<Problem> {
        if self.reaches(node, target) {
            None
        } else if self.tagged.contains_key(target) {
            Some(Problem::error(
                ProblemKind::JumpToNowhere,
                node,
                format!(
                    "{what} {target:?} leads to no step in reach: that tag is inside another function, trigger or hook"
                ),
            ))
        } else {
            Some(Problem::warning(
                ProblemKind::UnknownTag,
                node,
                format!("{what} {target:?} leads nowhere: no step has that tag (was it deleted?)"),
            ))
        }
    }
}

/// The step written right after `node`, which never runs because `node` `why`.
fn never_after(flow: &FlowGraph, node: NodeId, why: &str) -> Option<Problem> {
    let (_, next, _) = flow.link_from(node, &Port::Next)?;
    // A step some jump leads to still runs, from there.
    if flow
        .links_into(next)
        .iter()
        .any(|(_, from, _)| *from != node)
    {
        return None;
    }
    Some(Problem::warning(
        ProblemKind::Unreachable,
        next,
        format!(
            "{} is never reached: the step before it {why}",
            describe(flow, next)
        ),
    ))
}

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
