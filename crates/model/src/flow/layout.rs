//! Auto-layout: each chain on one line, its branches stacked below it (left to right), or the
//! same turned by a quarter (top down): deterministic, no crossings among placing edges, and
//! linear in the number of nodes. Iterative, so long chains cannot overflow the stack.

use super::graph::{FlowGraph, NodeId, Point, Port};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Direction {
    #[default]
    LeftToRight,
    TopDown,
}

/// Grid spacing, in world units.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct LayoutOptions {
    pub direction: Direction,
    /// Distance between chain steps.
    pub step: f64,
    /// Distance between stacked branches.
    pub lane: f64,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            direction: Direction::LeftToRight,
            step: 260.0,
            lane: 110.0,
        }
    }
}

/// The placing tree: for each node, its branches (in the order compile writes them) and what
/// follows it.
struct Tree {
    branches: HashMap<NodeId, Vec<NodeId>>,
    next: HashMap<NodeId, NodeId>,
    roots: Vec<NodeId>,
}

impl Tree {
    fn of(flow: &FlowGraph) -> Self {
        let mut branches: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
        let mut next = HashMap::new();
        let mut placed = HashSet::new();
        for node in flow.graph.node_indices() {
            for (_, target, link) in flow.links_from(node) {
                // A second placing edge into a node (a malformed graph) is drawn, not followed.
                if link.jump || target == node || link.port != Port::Next || !placed.insert(target)
                {
                    continue;
                }
                next.insert(node, target);
            }
            let children = flow
                .branch_links(node)
                .into_iter()
                .filter(|(_, target, link)| !link.jump && *target != node && placed.insert(*target))
                .map(|(_, target, _)| target)
                .collect();
            branches.insert(node, children);
        }
        // Start first, then whatever nothing places (definitions, jump targets only, islands).
        let mut roots = vec![flow.start];
        roots.extend(
            flow.graph
                .node_indices()
                .filter(|node| *node != flow.start && !placed.contains(node)),
        );
        Self {
            branches,
            next,
            roots,
        }
    }

    fn children(&self, node: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.branches
            .get(&node)
            .into_iter()
            .flatten()
            .copied()
            .chain(self.next.get(&node).copied())
    }
}

/// Lays out every node of the diagram.
pub fn auto_layout(flow: &mut FlowGraph, options: LayoutOptions) {
    let tree = Tree::of(flow);
    // Pre-order over the placing forest; a node reached twice (a malformed graph) keeps its first place.
    let mut order = Vec::with_capacity(flow.graph.node_count());
    let mut seen = HashSet::new();
    for &root in &tree.roots {
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            if !seen.insert(node) {
                continue;
            }
            order.push(node);
            let children: Vec<NodeId> = tree.children(node).collect();
            stack.extend(children.into_iter().rev());
        }
    }
    // Sizes bottom-up: (columns, rows) of each node's chain from it on.
    let mut size: HashMap<NodeId, (usize, usize)> = HashMap::with_capacity(order.len());
    for &node in order.iter().rev() {
        let branches: Vec<(usize, usize)> = tree.branches[&node]
            .iter()
            .filter_map(|child| size.get(child).copied())
            .collect();
        let branch_columns = branches
            .iter()
            .map(|(columns, _)| *columns)
            .max()
            .unwrap_or(0);
        let branch_rows: usize = branches.iter().map(|(_, rows)| *rows).sum();
        let (next_columns, next_rows) = tree
            .next
            .get(&node)
            .and_then(|next| size.get(next).copied())
            .unwrap_or((0, 0));
        size.insert(
            node,
            (
                1 + branch_columns + next_columns,
                (1 + branch_rows).max(next_rows),
            ),
        );
    }
    // Places top-down: branches one below the other under the node, the chain on its line.
    let mut place: HashMap<NodeId, (usize, usize)> = HashMap::with_capacity(order.len());
    let mut top = 0;
    for &root in &tree.roots {
        if let (Some(&(_, rows)), Entry::Vacant(slot)) = (size.get(&root), place.entry(root)) {
            slot.insert((0, top));
            top += rows + 1;
        }
    }
    for &node in &order {
        let (column, row) = place[&node];
        let mut below = row + 1;
        let mut widest = 0;
        for child in &tree.branches[&node] {
            if let (Some(&(columns, rows)), false) = (size.get(child), place.contains_key(child)) {
                place.insert(*child, (column + 1, below));
                below += rows;
                widest = widest.max(columns);
            }
        }
        if let Some(next) = tree.next.get(&node) {
            place.entry(*next).or_insert((column + 1 + widest, row));
        }
    }
    for (node, (column, row)) in place {
        let (column, row) = (column as f64, row as f64);
        let point = match options.direction {
            Direction::LeftToRight => Point {
                x: column * options.step,
                y: row * options.lane,
            },
            // Chains run down, branches side by side.
            Direction::TopDown => Point {
                x: row * options.step,
                y: column * options.lane,
            },
        };
        if let Some(weight) = flow.graph.node_weight_mut(node) {
            weight.set_position(point);
        }
    }
}
