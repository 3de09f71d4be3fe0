//! Auto-layout, layered for the shape flows have. Placing links (next and branches) form a
//! forest; gotos and failovers are back edges and never place a step. A step's branches go in
//! the next layer, below it: in reverse port order when their lines leave the bottom (down,
//! then right, so the last port's line must turn first for no two of them to cross), in port
//! order when the step lists its ports down its right side ([`shape`]), with room after its
//! layer for each line to turn down at its own distance. What follows the step goes on its row
//! once the deepest branch has ended, its link running above the branches, so a flow reads
//! left to right in the order it runs.
//!
//! Subtrees are packed as tightly as their outlines allow, layer by layer (each keeps the rows
//! it uses, including the channel its branch lines run down), and a flow much wider than tall is
//! wrapped into bands stacked one below the other, so the drawing stays screen-shaped: cut
//! where one link crosses, or two that run along their rows (a chain, and the link above it to
//! what follows its branch), which wrap nested. Deterministic, iterative (long chains cannot
//! overflow the stack), and linear in the number of steps but for the wrap search, which is
//! linear in layers.

use super::graph::{FlowGraph, NodeId, PathSeg, Point, Port};
use super::shape;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Grid spacing, in world units, and the shape a wrapped flow aims at.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct LayoutOptions {
    /// Distance between layers.
    pub step: f64,
    /// Distance between rows.
    pub lane: f64,
    /// Width over height a wrapped flow aims at (a screen's, about).
    pub aspect: f64,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            step: 260.0,
            lane: 110.0,
            aspect: 1.6,
        }
    }
}

/// A flow wider than this many times its height is wrapped,
const WIDEST: f64 = 2.0;
/// into bands at least this many layers wide (about a screen at 100 %).
const NARROWEST_BAND: usize = 6;

/// The placing forest: for each node, its branches (top to bottom) and what follows it, and
/// the steps that list their ports ([`shape::lists_ports`]).
struct Tree {
    branches: HashMap<NodeId, Vec<NodeId>>,
    next: HashMap<NodeId, NodeId>,
    roots: Vec<NodeId>,
    listing: HashMap<NodeId, Listing>,
}

/// What a step that lists its ports takes beyond a plain step's place.
#[derive(Clone, Copy)]
struct Listing {
    /// Rows below its own that its box reaches into.
    rows_below: i64,
    /// The space its lines need right of it.
    room: f64,
}

impl Tree {
    fn of(flow: &FlowGraph, options: &LayoutOptions) -> Self {
        let mut branches: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
        let mut next = HashMap::new();
        let mut listing = HashMap::new();
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
            let mut children: Vec<(&[PathSeg], NodeId)> = flow
                .branch_links(node)
                .into_iter()
                .filter(|(_, target, link)| !link.jump && *target != node && placed.insert(*target))
                .map(|(path, target, _)| (path, target))
                .collect();
            let ports = flow.output_ports(node);
            if shape::lists_ports(&ports) {
                // Listed down the right side: top to bottom in port order, each line turning
                // down before the one above it.
                children.sort_by_key(|(path, _)| {
                    ports
                        .iter()
                        .position(|port| matches!(port, Port::Branch(at) if at == path))
                });
                let below = shape::step_height(&ports) - shape::STEP_HEIGHT;
                listing.insert(
                    node,
                    Listing {
                        rows_below: (below / options.lane).ceil() as i64,
                        room: shape::room_right(&ports),
                    },
                );
            } else {
                // Along the bottom: the last port's line turns first, so its branch goes on top.
                children.reverse();
            }
            branches.insert(node, children.into_iter().map(|(_, node)| node).collect());
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
            listing,
        }
    }

    /// The branches of `node` top to bottom.
    fn branches(&self, node: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.branches.get(&node).into_iter().flatten().copied()
    }

    /// The children of `node`: what follows, then the branches top to bottom.
    fn children(&self, node: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.children_marked(node).map(|(child, _)| child)
    }

    /// Rows below its own that `node`'s box reaches into (a step that lists its ports).
    fn rows_below(&self, node: NodeId) -> i64 {
        self.listing
            .get(&node)
            .map_or(0, |listing| listing.rows_below)
    }

    /// [`Tree::children`], each marked whether it is a branch.
    fn children_marked(&self, node: NodeId) -> impl Iterator<Item = (NodeId, bool)> + '_ {
        self.next
            .get(&node)
            .map(|next| (*next, false))
            .into_iter()
            .chain(self.branches(node).map(|branch| (branch, true)))
    }
}

/// The rows a subtree uses on each layer from its root's down, relative to its root's row.
/// Kept deepest layer first, so a parent adds its own layer with a push, and shifted lazily,
/// so merging a shallow outline into a deep one costs the shallow one's depth only.
#[derive(Default)]
struct Outline {
    rows: Vec<(i64, i64)>,
    shift: i64,
}

impl Outline {
    fn depth(&self) -> usize {
        self.rows.len()
    }

    /// The first and last row used `layer` layers below the root.
    fn at(&self, layer: usize) -> (i64, i64) {
        let (top, bottom) = self.rows[self.rows.len() - 1 - layer];
        (top + self.shift, bottom + self.shift)
    }

    fn set(&mut self, layer: usize, (top, bottom): (i64, i64)) {
        let index = self.rows.len() - 1 - layer;
        self.rows[index] = (top - self.shift, bottom - self.shift);
    }

    fn shifted(mut self, rows: i64) -> Self {
        self.shift += rows;
        self
    }

    /// How far down `self` must move to lie below `above` on every layer both use.
    fn clearance_below(&self, above: &Outline) -> i64 {
        (0..self.depth().min(above.depth()))
            .map(|layer| above.at(layer).1 - self.at(layer).0 + 1)
            .max()
            .unwrap_or(0)
    }

    fn merged(self, other: Outline) -> Outline {
        let (mut deep, shallow) = if self.depth() >= other.depth() {
            (self, other)
        } else {
            (other, self)
        };
        for layer in 0..shallow.depth() {
            let (top, bottom) = deep.at(layer);
            let (other_top, other_bottom) = shallow.at(layer);
            deep.set(layer, (top.min(other_top), bottom.max(other_bottom)));
        }
        deep
    }

    /// `below` (starting one layer down) under a root layer that uses the rows `own`.
    fn topped(mut below: Outline, own: (i64, i64)) -> Outline {
        below.rows.push((own.0 - below.shift, own.1 - below.shift));
        below
    }
}

/// Puts `outline` below the outlines stacked so far, `gap` empty rows apart and at least
/// `least` rows down; returns how far down it went.
fn stack(stacked: &mut Option<Outline>, outline: Outline, least: i64, gap: i64) -> i64 {
    let down = stacked.as_ref().map_or(least, |above| {
        (outline.clearance_below(above) + gap).max(least)
    });
    let outline = outline.shifted(down);
    *stacked = Some(match stacked.take() {
        Some(above) => above.merged(outline),
        None => outline,
    });
    down
}

/// Every node's layer and row, before wrapping.
struct Grid {
    cell: HashMap<NodeId, (usize, i64)>,
}

impl Grid {
    fn of(tree: &Tree, flow: &FlowGraph) -> Self {
        // Pre-order over the placing forest; a node reached twice (a malformed graph) keeps its
        // first place.
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
        // Bottom-up: each child's layer and row relative to its parent. Branch subtrees are
        // packed top down from the row below; what follows starts on the parent's row once the
        // deepest branch has ended, its link running above the branches.
        let mut outlines: HashMap<NodeId, Outline> = HashMap::with_capacity(order.len());
        let mut offset: HashMap<NodeId, (usize, i64)> = HashMap::with_capacity(order.len());
        for &node in order.iter().rev() {
            let mut branches: Option<Outline> = None;
            let mut channel = 0;
            for child in tree.branches(node) {
                if let Some(outline) = outlines.remove(&child) {
                    // A branch line needs a row of its own below its step.
                    let down = stack(&mut branches, outline, 1, 0);
                    offset.insert(child, (1, down));
                    channel = channel.max(down);
                }
            }
            let branches = branches.unwrap_or_default();
            let next = tree.next.get(&node).copied();
            let mut outline = Outline::default();
            if let Some((next, next_outline)) =
                next.and_then(|next| Some((next, outlines.remove(&next)?)))
            {
                offset.insert(next, (1 + branches.depth(), 0));
                outline = next_outline;
            }
            // The branches' layers; with a link to what follows, its row too.
            for layer in (0..branches.depth()).rev() {
                let (top, bottom) = branches.at(layer);
                let top = if next.is_some() { 0 } else { top };
                outline = Outline::topped(outline, (top, bottom));
            }
            // Its own layer: its box, and the channel its branch lines run down.
            let own = channel.max(tree.rows_below(node));
            outlines.insert(node, Outline::topped(outline, (0, own)));
        }
        // Trees one below the other, a row apart, each as high as the ones above allow.
        let mut stacked: Option<Outline> = None;
        let mut root_row = HashMap::new();
        for root in &tree.roots {
            if let Some(outline) = outlines.remove(root) {
                root_row.insert(*root, stack(&mut stacked, outline, 0, 1));
            }
        }
        // Top-down: absolute places.
        let mut cell: HashMap<NodeId, (usize, i64)> = HashMap::with_capacity(order.len());
        for &node in &order {
            let (layer, row) = match root_row.get(&node) {
                Some(row) => (0, *row),
                None => match cell.get(&node) {
                    Some(place) => *place,
                    None => continue,
                },
            };
            cell.insert(node, (layer, row));
            for child in tree.children(node) {
                if let (Some((right, down)), false) =
                    (offset.get(&child), cell.contains_key(&child))
                {
                    cell.insert(child, (layer + right, row + down));
                }
            }
        }
        Self { cell }
    }
}

/// Per layer: the first and last row used, and, when a band may start there, how many placing
/// links then wrap, each along its row to the end of one band and back to the start of the
/// next. A band may start where one link alone wraps, or a few that all run along their rows
/// (what follows a step), which wrap nested one inside the other.
#[derive(Clone, Copy)]
struct LayerUse {
    top: i64,
    bottom: i64,
    wrapping: Option<usize>,
}

/// The most links a band may start with.
const MOST_WRAPPING: usize = 2;
/// How many layers further from the ideal place a cut may be to wrap one link fewer.
const WRAP_COST: usize = 4;

impl LayerUse {
    fn of(grid: &Grid, tree: &Tree) -> Vec<LayerUse> {
        let depth = grid
            .cell
            .values()
            .map(|(layer, _)| layer + 1)
            .max()
            .unwrap_or(0);
        let mut layers = vec![
            LayerUse {
                top: i64::MAX,
                bottom: i64::MIN,
                wrapping: None,
            };
            depth
        ];
        // Links, and branch links among them, that reach into or past each layer, as
        // differences.
        let mut reaching = vec![0i64; depth + 1];
        let mut branches_reaching = vec![0i64; depth + 1];
        for (node, &(layer, row)) in &grid.cell {
            let reach = tree.rows_below(*node);
            let used = &mut layers[layer];
            used.top = used.top.min(row);
            used.bottom = used.bottom.max(row + reach);
            for (child, branch) in tree.children_marked(*node) {
                if let Some(&(to, _)) = grid.cell.get(&child) {
                    reaching[layer + 1] += 1;
                    reaching[to + 1] -= 1;
                    if branch {
                        branches_reaching[layer + 1] += 1;
                        branches_reaching[to + 1] -= 1;
                    }
                }
            }
        }
        let (mut links, mut branches) = (0, 0);
        for (layer, used) in layers.iter_mut().enumerate() {
            links += reaching[layer];
            branches += branches_reaching[layer];
            let nested = branches == 0 && (2..=MOST_WRAPPING as i64).contains(&links);
            used.wrapping = (links == 1 || nested).then_some(links as usize);
        }
        layers
    }
}

/// Each band's first layer and its layers, given where each starts.
fn bands<'a>(
    layers: &'a [LayerUse],
    starts: &'a [usize],
) -> impl Iterator<Item = (usize, &'a [LayerUse])> + 'a {
    starts.iter().enumerate().map(|(band, start)| {
        let end = starts.get(band + 1).copied().unwrap_or(layers.len());
        (*start, &layers[*start..end])
    })
}

/// The first and last row used on `layers`.
fn rows_used(layers: &[LayerUse]) -> (i64, i64) {
    let top = layers.iter().map(|layer| layer.top).min().unwrap_or(0);
    let bottom = layers.iter().map(|layer| layer.bottom).max().unwrap_or(0);
    (top, bottom)
}

/// Where each band starts (its first layer), the first at 0: one band unless the flow is much
/// wider than tall, else as many as bring it nearest `options.aspect`.
fn band_starts(layers: &[LayerUse], options: &LayoutOptions) -> Vec<usize> {
    let aspect = |starts: &[usize]| {
        let (mut width, mut height) = (0usize, 0i64);
        for (_, band) in bands(layers, starts) {
            width = width.max(band.len());
            let (top, bottom) = rows_used(band);
            height += bottom - top + 2;
        }
        width as f64 * options.step / ((height - 1) as f64 * options.lane)
    };
    let mut best = vec![0];
    let unwrapped = aspect(&best);
    if unwrapped <= WIDEST {
        return best;
    }
    let mut best_miss = (unwrapped / options.aspect).ln().abs();
    for bands in 2..=layers.len() / NARROWEST_BAND {
        let starts = cuts(layers, bands);
        let shape = aspect(&starts);
        let miss = (shape / options.aspect).ln().abs();
        if miss < best_miss {
            (best, best_miss) = (starts, miss);
        }
        if shape < options.aspect / 2.0 {
            break;
        }
    }
    best
}

/// Cuts `layers` into `bands` of about equal width, each where a band may start nearest the
/// ideal, counting each link that wraps beyond the first as [`WRAP_COST`] layers further;
/// fewer bands when there are not enough such layers.
fn cuts(layers: &[LayerUse], bands: usize) -> Vec<usize> {
    let mut starts = vec![0];
    for band in 1..bands {
        let ideal = layers.len() * band / bands;
        let first = starts[starts.len() - 1] + NARROWEST_BAND;
        let last = layers.len().saturating_sub(NARROWEST_BAND);
        if let Some(cut) = (first..=last)
            .filter_map(|cut| {
                let wrapping = layers[cut].wrapping?;
                Some((cut, cut.abs_diff(ideal) + (wrapping - 1) * WRAP_COST))
            })
            .min_by_key(|(_, cost)| *cost)
            .map(|(cut, _)| cut)
        {
            starts.push(cut);
        }
    }
    starts
}

/// Lays out every node of the diagram.
pub fn auto_layout(flow: &mut FlowGraph, options: LayoutOptions) {
    let tree = Tree::of(flow, &options);
    let grid = Grid::of(&tree, flow);
    let layers = LayerUse::of(&grid, &tree);
    let starts = band_starts(&layers, &options);
    let mut band_of_layer = vec![0; layers.len()];
    for (index, (start, band)) in bands(&layers, &starts).enumerate() {
        band_of_layer[start..start + band.len()].fill(index);
    }
    // The rows each band's steps use (a step that lists its ports, the rows it reaches into).
    let mut used: Vec<BTreeSet<i64>> = vec![BTreeSet::new(); starts.len()];
    for (node, &(layer, row)) in &grid.cell {
        used[band_of_layer[layer]].extend(row..=row + tree.rows_below(*node));
    }
    // Each band below the one before it, two empty rows apart for the wrapping lines; within a
    // band, a run of rows it leaves empty (rows only other bands use) becomes one empty row, so
    // that only the gap between bands is wider than that, and steps keep their order.
    let mut band_rows: Vec<HashMap<i64, i64>> = Vec::with_capacity(starts.len());
    let mut next_free = 0;
    for rows in &used {
        let mut placed = HashMap::with_capacity(rows.len());
        let mut previous = None;
        for &row in rows {
            if let Some(previous) = previous {
                next_free += if row > previous + 1 { 2 } else { 1 };
            }
            placed.insert(row, next_free);
            previous = Some(row);
        }
        band_rows.push(placed);
        next_free += 3;
    }
    // Each layer's left edge as if unwrapped (a band starts at its first layer's): a layer
    // whose steps list their ports is followed by the room their lines need to turn down.
    let mut room = vec![0.0f64; layers.len()];
    for (node, listing) in &tree.listing {
        if let Some((layer, _)) = grid.cell.get(node) {
            room[*layer] = room[*layer].max(listing.room);
        }
    }
    let mut offsets = vec![0.0; layers.len() + 1];
    for layer in 0..layers.len() {
        offsets[layer + 1] = offsets[layer] + options.step.max(shape::STEP_WIDTH + room[layer]);
    }
    for (node, (layer, row)) in grid.cell {
        let band = band_of_layer[layer];
        let row = band_rows[band][&row] as f64;
        if let Some(weight) = flow.graph.node_weight_mut(node) {
            weight.set_position(Point {
                x: offsets[layer] - offsets[starts[band]],
                y: row * options.lane,
            });
        }
    }
}
