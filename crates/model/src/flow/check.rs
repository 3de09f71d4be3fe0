//! Validation of a diagram, for the editor's problems panel: what would not run as drawn.

use super::graph::{FlowGraph, Node, NodeId, Port};
use crate::api::FlowType;
use crate::catalog::{Kind, Scope};
use crate::l10n::{Locale, Text};
use crate::rules::json_kind_text;
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
    /// What is wrong, in any language (`locales/*/flow.ftl`, `problem-…`).
    pub text: Text,
}

impl Problem {
    fn error(kind: ProblemKind, node: NodeId, text: Text) -> Self {
        Self {
            severity: Severity::Error,
            kind,
            node: Some(node),
            text,
        }
    }

    fn warning(kind: ProblemKind, node: NodeId, text: Text) -> Self {
        Self {
            severity: Severity::Warning,
            kind,
            node: Some(node),
            text,
        }
    }

    /// What is wrong, in `locale`'s words.
    pub fn message(&self, locale: Locale) -> String {
        self.text.in_locale(locale)
    }
}

/// An app's label, in the reader's language (its name when the catalog does not know it).
fn app_label(app: &str) -> Text {
    Text::new(format!("app-{app}"))
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

/// A node as a problem names it: Start, its app (and tag), or an invalid step.
fn describe(flow: &FlowGraph, node: NodeId) -> Text {
    match &flow.graph[node] {
        Node::Start { .. } => Text::new("node-start"),
        Node::Step(step) => match step.tag() {
            Some(tag) => Text::new("step-tagged")
                .with("app", step.app.as_str())
                .with("tag", tag),
            None => Text::new("step-untagged").with("app", step.app.as_str()),
        },
        Node::Raw { .. } => Text::new("step-invalid"),
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
            text: Text::new("problem-start-not-connected"),
        });
    }
    for node in flow.graph.node_indices().filter(|node| *node != flow.start) {
        let name = describe(flow, node);
        if !reachable.contains(&node) {
            problems.push(Problem::warning(
                ProblemKind::Unreachable,
                node,
                Text::new("problem-never-reached").with("step", name),
            ));
        }
        let step = match &flow.graph[node] {
            Node::Step(step) => step,
            Node::Raw { .. } => {
                problems.push(Problem::error(
                    ProblemKind::InvalidStep,
                    node,
                    Text::new("problem-invalid-step"),
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
                    Text::new("problem-duplicate-tag")
                        .with("tag", tag)
                        .with("step", describe(flow, first)),
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
            problems.extend(jumps.unresolved(node, Text::new("jump-limit-failover"), target));
        }
        let Some(spec) = step.spec() else {
            if step.app == "goto" {
                problems.extend(jumps.goto(flow, node, step.argument()));
            } else {
                problems.push(Problem::warning(
                    ProblemKind::UnknownApp,
                    node,
                    Text::new("problem-unknown-app").with("app", step.app.as_str()),
                ));
            }
            continue;
        };
        if spec.name == "goto" {
            problems.extend(jumps.goto(flow, node, step.argument()));
        }
        if step.breaks() {
            problems.extend(never_after(flow, node, Text::new("why-break")));
        }
        if !spec.offered_for(flow_type) {
            problems.push(Problem::warning(
                ProblemKind::NotOffered,
                node,
                Text::new("problem-not-offered")
                    .with("app", app_label(spec.name))
                    .with("type", Text::new(format!("flow-type-{flow_type}"))),
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
                            Text::new("problem-required")
                                .with("app", app_label(spec.name))
                                .with("field", field.name),
                        ));
                    }
                }
                let mut shapes = Vec::new();
                field_shapes(fields, argument, "", &mut shapes);
                problems.extend(shapes.into_iter().map(|(severity, field, shape)| {
                    Problem {
                        severity,
                        kind: ProblemKind::WrongShape,
                        node: Some(node),
                        text: Text::new("problem-field-shape")
                            .with("app", app_label(spec.name))
                            .with("field", field)
                            .with("shape", shape),
                    }
                }));
            }
            (Kind::Object(_), other) => problems.push(Problem::error(
                ProblemKind::WrongShape,
                node,
                Text::new("problem-argument-not-object")
                    .with("app", app_label(spec.name))
                    .with("got", json_kind_text(other)),
            )),
            (kind, argument) => {
                if let Some((severity, shape)) = shape(&kind, argument) {
                    problems.push(Problem {
                        severity,
                        kind: ProblemKind::WrongShape,
                        node: Some(node),
                        text: Text::new("problem-argument-shape")
                            .with("app", app_label(spec.name))
                            .with("shape", shape),
                    });
                }
            }
        }
        for branch in required_branches(&step.app) {
            if flow.link_from(node, &Port::branch(&[branch])).is_none() {
                problems.push(Problem::warning(
                    ProblemKind::MissingBranch,
                    node,
                    Text::new("problem-branch-not-connected")
                        .with("app", app_label(spec.name))
                        .with("branch", *branch),
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
                    Text::new("problem-cross-scope-jump")
                        .with("from", describe(flow, from))
                        .with("to", describe(flow, to)),
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
fn shape(kind: &Kind, value: &Value) -> Option<(Severity, Text)> {
    let templated = value.as_str().is_some_and(|text| text.contains("${"));
    if value.is_null() || value == "" || templated {
        return None;
    }
    let got = json_kind_text(value);
    let mismatch = |severity, id: &str, expected: Text| {
        Some((
            severity,
            Text::new(id)
                .with("expected", expected)
                .with("got", got.clone()),
        ))
    };
    let converted = |expected| mismatch(Severity::Warning, "shape-converted", expected);
    let refused = |expected| mismatch(Severity::Error, "shape-refused", expected);
    let number = || Text::new("json-number");
    let text = || Text::new("expected-text");
    let boolean = || Text::new("expected-boolean");
    let list = || Text::new("expected-list");
    match (kind, value) {
        (Kind::Number, Value::Number(_))
        | (Kind::Text | Kind::Expression | Kind::Variable | Kind::NumericText, Value::String(_))
        | (Kind::Boolean, Value::Bool(_))
        | (Kind::List(_), Value::Array(_))
        | (Kind::Object(_) | Kind::Map(_) | Kind::Reference, Value::Object(_))
        | (Kind::Steps | Kind::Json | Kind::Empty, _) => None,
        (Kind::Number, Value::String(text)) if text.trim().parse::<f64>().is_ok() => {
            converted(number())
        }
        (Kind::Number, _) => refused(number()),
        (
            Kind::Text | Kind::Expression | Kind::Variable | Kind::NumericText,
            Value::Number(_) | Value::Bool(_),
        ) => converted(text()),
        (Kind::Text | Kind::Expression | Kind::Variable | Kind::NumericText, _) => refused(text()),
        (Kind::Boolean, Value::String(text)) if text == "true" || text == "false" => {
            converted(boolean())
        }
        (Kind::Boolean, _) => refused(boolean()),
        (Kind::Choice(values), Value::String(text)) => {
            (!values.contains(&text.as_str())).then(|| {
                (
                    Severity::Warning,
                    Text::new("shape-not-a-choice")
                        .with("value", text.as_str())
                        .with("choices", values.join(", ")),
                )
            })
        }
        (Kind::Choice(values), _) => {
            refused(Text::new("expected-one-of").with("choices", values.join(", ")))
        }
        (Kind::List(_), Value::Object(_)) => refused(list()),
        (Kind::List(_), _) => converted(list()),
        (Kind::Object(_) | Kind::Map(_) | Kind::Reference, _) => refused(Text::new("json-object")),
    }
}

/// The shape problems of an object argument's fields, nested objects and list items included.
fn field_shapes(
    fields: &[crate::catalog::Field],
    argument: &serde_json::Map<String, Value>,
    prefix: &str,
    found: &mut Vec<(Severity, String, Text)>,
) {
    for field in fields {
        let Some(value) = argument.get(field.name) else {
            continue;
        };
        let name = format!("{prefix}{}", field.name);
        if let Some((severity, shape)) = shape(&field.kind, value) {
            found.push((severity, name, shape));
            continue;
        }
        match (&field.kind, value) {
            (Kind::Object(inner), Value::Object(object)) => {
                field_shapes(inner, object, &format!("{name}."), found)
            }
            (Kind::List(item), Value::Array(items)) => {
                for (index, item_value) in items.iter().enumerate() {
                    if let Some((severity, shape)) = shape(item, item_value) {
                        found.push((severity, format!("{name}[{index}]"), shape));
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
                Text::new("problem-goto-not-text").with("got", target.to_string()),
            ));
        };
        if self.reaches(node, target) {
            never_after(flow, node, Text::new("why-goto"))
        } else {
            self.unresolved(node, Text::new("jump-goto"), target)
        }
    }

    /// A jump to `target` from `node`, if it cannot be followed. A tag that exists elsewhere
    /// cannot be reached from here: an error. A tag no step has is a leftover that jumps
    /// nowhere, which flows exported by Webitel's own designer carry after a target step was
    /// deleted: a warning.
    fn unresolved(&self, node: NodeId, what: Text, target: &str) -> Option<Problem> {
        if self.reaches(node, target) {
            None
        } else if self.tagged.contains_key(target) {
            Some(Problem::error(
                ProblemKind::JumpToNowhere,
                node,
                Text::new("problem-jump-out-of-reach")
                    .with("jump", what)
                    .with("tag", target),
            ))
        } else {
            Some(Problem::warning(
                ProblemKind::UnknownTag,
                node,
                Text::new("problem-unknown-tag")
                    .with("jump", what)
                    .with("tag", target),
            ))
        }
    }
}

/// The step written right after `node`, which never runs because `node` `why`.
fn never_after(flow: &FlowGraph, node: NodeId, why: Text) -> Option<Problem> {
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
        Text::new("problem-never-reached-after")
            .with("step", describe(flow, next))
            .with("why", why),
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
                Text::new("problem-endless-loop").with("count", component.len()),
            ));
        }
    }
    problems
}
