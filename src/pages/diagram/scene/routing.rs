//! Orthogonal link routes that go around the steps between their ends. A link first tries its
//! plain shape; only when that crosses a box does it search a path through the channels
//! between the boxes near it (A* on a sparse grid of their sides, bends cost extra), so a big
//! flow pays for the few links that need it.

use super::viewport::{Rect, Vec2};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

/// The space a route keeps from every box.
const CLEARANCE: f64 = 12.0;
/// How far a route goes straight out of its port, and straight into its target.
pub const LEAVE: f64 = 16.0;
pub const ARRIVE: f64 = 20.0;
/// What a bend costs, in world units of length: fewer bends read better than shorter lines.
const BEND_COST: f64 = 40.0;
/// How far around its ends (or the lines in its way) a route may wander to find a way.
pub const SEARCH_MARGIN: f64 = 120.0;
/// Beyond this many boxes near a link (a far jump across a big flow), it goes below them all
/// instead of searching through them.
const MOST_SEARCHED: usize = 28;
/// When the way below them all runs through a step (down a column of steps), a search through
/// this many is worth its cost.
const MOST_SEARCHED_WHEN_BLOCKED: usize = 40;
/// The side of a spatial-index cell, in world units.
const CELL: f64 = 400.0;

/// The boxes a route avoids, indexed by place so a query looks at its neighbourhood only.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Obstacles {
    rects: Vec<Rect>,
    cells: HashMap<(i64, i64), Vec<usize>>,
    /// The right side of the rightmost box.
    right: f64,
}

fn cell_range(rect: &Rect) -> impl Iterator<Item = (i64, i64)> {
    let (left, top) = (
        (rect.x / CELL).floor() as i64,
        (rect.y / CELL).floor() as i64,
    );
    let (right, bottom) = (
        ((rect.x + rect.width) / CELL).floor() as i64,
        ((rect.y + rect.height) / CELL).floor() as i64,
    );
    (left..=right).flat_map(move |x| (top..=bottom).map(move |y| (x, y)))
}

impl Obstacles {
    /// The boxes, as given.
    pub fn boxes(&self) -> &[Rect] {
        &self.rects
    }

    pub fn new(rects: impl IntoIterator<Item = Rect>) -> Self {
        let rects: Vec<Rect> = rects.into_iter().collect();
        let mut cells: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        for (index, rect) in rects.iter().enumerate() {
            for cell in cell_range(&rect.inflated(CLEARANCE)) {
                cells.entry(cell).or_default().push(index);
            }
        }
        let right = rects
            .iter()
            .map(|rect| rect.x + rect.width)
            .fold(f64::NEG_INFINITY, f64::max);
        Self {
            rects,
            cells,
            right,
        }
    }

    /// The right side of the furthest box right of `left` between the heights `top` and
    /// `bottom`, if any: a link back to a step below passes right of the steps in between
    /// before it goes down.
    pub fn right_end(&self, left: f64, top: f64, bottom: f64) -> Option<f64> {
        if self.right <= left || bottom <= top {
            return None;
        }
        let area = Rect {
            x: left,
            y: top,
            width: self.right - left,
            height: bottom - top,
        };
        self.near(&area)
            .into_iter()
            .map(|index| self.rects[index])
            .filter(|rect| rect.intersects(&area))
            .map(|rect| rect.x + rect.width)
            .reduce(f64::max)
    }

    /// The boxes (as indices) whose clearance reaches into `area`.
    fn near(&self, area: &Rect) -> Vec<usize> {
        let mut found: Vec<usize> = cell_range(area)
            .filter_map(|cell| self.cells.get(&cell))
            .flatten()
            .copied()
            .filter(|index| self.rects[*index].inflated(CLEARANCE).intersects(area))
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The boxes (but those `ignoring`) whose clearance the axis-aligned segment `a`–`b`
    /// passes through.
    fn in_the_way<'a>(
        &'a self,
        a: Vec2,
        b: Vec2,
        ignoring: &'a [usize],
    ) -> impl Iterator<Item = Rect> + 'a {
        self.near(&Rect::spanning(a, b))
            .into_iter()
            .filter(|index| !ignoring.contains(index))
            .map(|index| self.rects[index])
            .filter(move |rect| crosses(&rect.inflated(CLEARANCE), a, b))
    }

    /// Does the axis-aligned segment `a`–`b` pass through a box's clearance (`ignoring` some)?
    fn blocks(&self, a: Vec2, b: Vec2, ignoring: &[usize]) -> bool {
        self.in_the_way(a, b, ignoring).next().is_some()
    }

    /// The bottom of the lowest box whose clearance the segment `a`–`b` passes through.
    fn lowest_in_the_way(&self, a: Vec2, b: Vec2) -> Option<f64> {
        self.in_the_way(a, b, &[])
            .map(|rect| rect.y + rect.height)
            .reduce(f64::max)
    }
}

/// Does the axis-aligned segment `a`–`b` enter the inside of `rect` (running along its edge
/// does not)?
fn crosses(rect: &Rect, a: Vec2, b: Vec2) -> bool {
    let (left, right) = (a.x.min(b.x), a.x.max(b.x));
    let (top, bottom) = (a.y.min(b.y), a.y.max(b.y));
    let inside_x = |x: f64| rect.x < x && x < rect.x + rect.width;
    let inside_y = |y: f64| rect.y < y && y < rect.y + rect.height;
    if top == bottom {
        inside_y(top) && left.max(rect.x) < right.min(rect.x + rect.width)
    } else {
        inside_x(left) && top.max(rect.y) < bottom.min(rect.y + rect.height)
    }
}

/// Where a link starts and ends, and which boxes are its own ends (the route may touch them
/// at its port and its arrival only).
#[derive(Clone, Copy, Debug)]
pub struct Ends {
    pub start: Vec2,
    /// Leaves downwards (a port on the bottom) rather than to the right.
    pub down: bool,
    /// Arrives into the target's left side, moving right.
    pub end: Vec2,
    pub source: usize,
    pub target: usize,
}

impl Ends {
    fn leave(&self) -> Vec2 {
        if self.down {
            Vec2::new(self.start.x, self.start.y + LEAVE)
        } else {
            Vec2::new(self.start.x + LEAVE, self.start.y)
        }
    }

    fn arrive(&self) -> Vec2 {
        Vec2::new(self.end.x - ARRIVE, self.end.y)
    }
}

/// Is the route free of every box but its own ends where it leaves and arrives?
pub fn clear(points: &[Vec2], ends: &Ends, obstacles: &Obstacles) -> bool {
    let last = points.len().saturating_sub(2);
    points.windows(2).enumerate().all(|(at, pair)| {
        // The first segment starts on the source, the last ends on the target.
        let mut own = vec![];
        if at == 0 {
            own.push(ends.source);
        }
        if at == last {
            own.push(ends.target);
        }
        if ends.source == ends.target {
            own = vec![ends.source];
        }
        !obstacles.blocks(pair[0], pair[1], &own)
    })
}

/// Where a search for a link's way looks: around its ends, as far as a way may wander.
pub fn search_area(ends: &Ends) -> Rect {
    Rect::spanning(ends.leave(), ends.arrive()).inflated(SEARCH_MARGIN)
}

/// The route of a link: `plain` when it crosses no box, else a way around them.
pub fn around(plain: Vec<Vec2>, ends: &Ends, obstacles: &Obstacles) -> Vec<Vec2> {
    if clear(&plain, ends, obstacles) {
        return plain;
    }
    let area = search_area(ends);
    let nearby = obstacles.near(&area);
    let searched = |most: usize| {
        (nearby.len() <= most)
            .then(|| search(ends, &area, &nearby, obstacles, &|_, _| 0))
            .flatten()
    };
    let under = || below(ends, &nearby, obstacles);
    searched(MOST_SEARCHED)
        .or_else(|| Some(under()).filter(|path| clear(path, ends, obstacles)))
        .or_else(|| searched(MOST_SEARCHED_WHEN_BLOCKED))
        .unwrap_or_else(under)
}

/// A way under every box near the link and every box its way across runs into: for far
/// jumps across a big flow, where a search would cost more than it shows.
fn below(ends: &Ends, nearby: &[usize], obstacles: &Obstacles) -> Vec<Vec2> {
    let (leave, arrive) = (ends.leave(), ends.arrive());
    let mut floor = nearby
        .iter()
        .map(|index| {
            let rect = obstacles.rects[*index];
            rect.y + rect.height
        })
        .fold(leave.y.max(arrive.y), f64::max)
        + 2.0 * CLEARANCE;
    // Each box in the way moves the floor below it, so this ends.
    while let Some(bottom) =
        obstacles.lowest_in_the_way(Vec2::new(leave.x, floor), Vec2::new(arrive.x, floor))
    {
        floor = bottom + 2.0 * CLEARANCE;
    }
    simplified(vec![
        ends.start,
        leave,
        Vec2::new(leave.x, floor),
        Vec2::new(arrive.x, floor),
        arrive,
        ends.end,
    ])
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Heading {
    Right,
    Left,
    Down,
    Up,
}

impl Heading {
    const ALL: [Heading; 4] = [Heading::Right, Heading::Left, Heading::Down, Heading::Up];

    fn reverse(self) -> Heading {
        match self {
            Heading::Right => Heading::Left,
            Heading::Left => Heading::Right,
            Heading::Down => Heading::Up,
            Heading::Up => Heading::Down,
        }
    }
}

/// An open state of the search, cheapest estimate first.
#[derive(PartialEq)]
struct Open {
    estimate: f64,
    state: usize,
}

impl Eq for Open {}

impl Ord for Open {
    fn cmp(&self, other: &Self) -> Ordering {
        other.estimate.total_cmp(&self.estimate)
    }
}

impl PartialOrd for Open {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn sorted_lines(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    values.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    // Channel middles too, so routes run between boxes rather than hugging one.
    let middles: Vec<f64> = values.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect();
    values.extend(middles);
    values.sort_by(f64::total_cmp);
    values
}

/// What crossing a line costs a searched way, in world units of length: a longer way round
/// reads better than a crossing.
const CROSSING_COST: f64 = 400.0;

/// A way around the boxes in `area` that crosses as few lines as it can: `crossed` counts the
/// lines a piece of the way, from its first point (not counted) to its second, crosses. None
/// when too many boxes are near to search.
pub fn search_crossing_few(
    ends: &Ends,
    area: &Rect,
    obstacles: &Obstacles,
    crossed: &dyn Fn(Vec2, Vec2) -> usize,
) -> Option<Vec<Vec2>> {
    let nearby = obstacles.near(area);
    (nearby.len() <= MOST_SEARCHED)
        .then(|| search(ends, area, &nearby, obstacles, crossed))
        .flatten()
}

/// A* over the grid the nearby boxes' sides (with clearance) and the channels between them
/// make, from just out of the port to just before the target; each line a step of the way
/// crosses (`crossed`) costs [`CROSSING_COST`].
fn search(
    ends: &Ends,
    area: &Rect,
    nearby: &[usize],
    obstacles: &Obstacles,
    crossed: &dyn Fn(Vec2, Vec2) -> usize,
) -> Option<Vec<Vec2>> {
    let (leave, arrive) = (ends.leave(), ends.arrive());
    let walls: Vec<Rect> = nearby
        .iter()
        .map(|index| obstacles.rects[*index].inflated(CLEARANCE))
        .collect();
    let mut xs = vec![leave.x, arrive.x, area.x, area.x + area.width];
    let mut ys = vec![leave.y, arrive.y, area.y, area.y + area.height];
    for wall in &walls {
        xs.extend([wall.x, wall.x + wall.width]);
        ys.extend([wall.y, wall.y + wall.height]);
    }
    let (xs, ys) = (sorted_lines(xs), sorted_lines(ys));
    let column = |x: f64| xs.iter().position(|line| (line - x).abs() < 0.5);
    let row = |y: f64| ys.iter().position(|line| (line - y).abs() < 0.5);
    let (from, to) = (
        (column(leave.x)?, row(leave.y)?),
        (column(arrive.x)?, row(arrive.y)?),
    );
    let point = |(i, j): (usize, usize)| Vec2::new(xs[i], ys[j]);
    let inside = |p: Vec2| {
        walls.iter().any(|wall| {
            wall.x < p.x && p.x < wall.x + wall.width && wall.y < p.y && p.y < wall.y + wall.height
        })
    };
    // Which grid points, and which middles of the steps between them, lie in a wall: asked
    // once each rather than at every step of the search.
    let (columns, rows) = (xs.len(), ys.len());
    let cell = |(i, j): (usize, usize)| i * rows + j;
    let mut walled = vec![false; columns * rows];
    let mut walled_across = vec![false; columns * rows];
    let mut walled_down = vec![false; columns * rows];
    for i in 0..columns {
        for j in 0..rows {
            walled[cell((i, j))] = inside(point((i, j)));
            if i + 1 < columns {
                walled_across[cell((i, j))] = inside(Vec2::new((xs[i] + xs[i + 1]) / 2.0, ys[j]));
            }
            if j + 1 < rows {
                walled_down[cell((i, j))] = inside(Vec2::new(xs[i], (ys[j] + ys[j + 1]) / 2.0));
            }
        }
    }
    let step = |(i, j): (usize, usize), heading: Heading| -> Option<(usize, usize)> {
        let (next, middle_walled) = match heading {
            Heading::Right => (
                (i + 1 < columns).then(|| (i + 1, j))?,
                walled_across[cell((i, j))],
            ),
            Heading::Left => {
                let next = (i.checked_sub(1)?, j);
                (next, walled_across[cell(next)])
            }
            Heading::Down => (
                (j + 1 < rows).then(|| (i, j + 1))?,
                walled_down[cell((i, j))],
            ),
            Heading::Up => {
                let next = (i, j.checked_sub(1)?);
                (next, walled_down[cell(next)])
            }
        };
        (!walled[cell(next)] && !middle_walled).then_some(next)
    };
    let state = |at: (usize, usize), heading: Heading| {
        cell(at) * 4 + Heading::ALL.iter().position(|h| *h == heading).unwrap_or(0)
    };
    let cell_of = |state: usize| {
        let cell = state / 4;
        ((cell / rows, cell % rows), Heading::ALL[state % 4])
    };
    let distance = |a: Vec2, b: Vec2| (a.x - b.x).abs() + (a.y - b.y).abs();
    let first = if ends.down {
        Heading::Down
    } else {
        Heading::Right
    };
    let mut cost = vec![f64::INFINITY; columns * rows * 4];
    let mut came_from = vec![usize::MAX; columns * rows * 4];
    let mut open = BinaryHeap::new();
    let start = state(from, first);
    cost[start] = 0.0;
    open.push(Open {
        estimate: distance(leave, arrive),
        state: start,
    });
    let goal = loop {
        let Open {
            state: current,
            estimate,
        } = open.pop()?;
        let (cell, heading) = cell_of(current);
        // Into the target moving right; arriving moving left would turn back on itself.
        if cell == to && heading != Heading::Left {
            break current;
        }
        let spent = cost[current];
        if estimate > spent + distance(point(cell), arrive) + 1e-6 {
            continue; // reached more cheaply since this was queued
        }
        for next_heading in Heading::ALL {
            if next_heading == heading.reverse() {
                continue;
            }
            let Some(next) = step(cell, next_heading) else {
                continue;
            };
            let bend = if next_heading == heading {
                0.0
            } else {
                BEND_COST
            };
            let arriving_bend = if next == to && next_heading != Heading::Right {
                BEND_COST
            } else {
                0.0
            };
            let crossings = crossed(point(cell), point(next)) as f64 * CROSSING_COST;
            let total =
                spent + distance(point(cell), point(next)) + bend + arriving_bend + crossings;
            let next_state = state(next, next_heading);
            if total < cost[next_state] {
                cost[next_state] = total;
                came_from[next_state] = current;
                open.push(Open {
                    estimate: total + distance(point(next), arrive),
                    state: next_state,
                });
            }
        }
    };
    let mut cells = vec![goal];
    while let Some(previous) = came_from
        .get(*cells.last()?)
        .filter(|at| **at != usize::MAX)
    {
        cells.push(*previous);
    }
    let mut points = vec![ends.end];
    points.extend(cells.into_iter().map(|state| point(cell_of(state).0)));
    points.push(ends.start);
    points.reverse();
    Some(simplified(points))
}

/// Without repeated points and without points in the middle of a straight run.
pub fn simplified(points: Vec<Vec2>) -> Vec<Vec2> {
    let mut kept: Vec<Vec2> = Vec::with_capacity(points.len());
    for point in points {
        if kept.last() == Some(&point) {
            continue;
        }
        if let [.., before, last] = kept.as_slice() {
            let straight = (before.x == last.x && last.x == point.x)
                || (before.y == last.y && last.y == point.y);
            if straight {
                kept.pop();
            }
        }
        kept.push(point);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::diagram::scene::viewport::step_box;

    fn orthogonal(points: &[Vec2]) -> bool {
        points
            .windows(2)
            .all(|pair| pair[0].x == pair[1].x || pair[0].y == pair[1].y)
    }

    /// A link from the right side of box 0 into the left side of box 1.
    fn ends_between(boxes: &[Rect], source: usize, target: usize) -> Ends {
        let (a, b) = (boxes[source], boxes[target]);
        Ends {
            start: Vec2::new(a.x + a.width, a.y + a.height / 2.0),
            down: false,
            end: Vec2::new(b.x, b.y + b.height / 2.0),
            source,
            target,
        }
    }

    fn straight(ends: &Ends) -> Vec<Vec2> {
        vec![ends.start, ends.end]
    }

    fn crosses_any(points: &[Vec2], boxes: &[Rect], except: &[usize]) -> bool {
        points.windows(2).any(|pair| {
            boxes
                .iter()
                .enumerate()
                .filter(|(index, _)| !except.contains(index))
                .any(|(_, rect)| crosses(rect, pair[0], pair[1]))
        })
    }

    /// The route of a straight link from box 0 into box 1, around all of `boxes`.
    fn route_between_first_two(boxes: &[Rect]) -> (Ends, Vec<Vec2>) {
        let obstacles = Obstacles::new(boxes.iter().copied());
        let ends = ends_between(boxes, 0, 1);
        let route = around(straight(&ends), &ends, &obstacles);
        (ends, route)
    }

    /// The route runs in horizontal and vertical lines only and enters none of `boxes`.
    fn assert_clear_of(route: &[Vec2], boxes: &[Rect]) {
        assert!(orthogonal(route), "{route:?}");
        assert!(!crosses_any(route, boxes, &[]), "{route:?}");
    }

    #[test]
    fn a_clear_route_is_kept_as_it_is() {
        let (ends, route) = route_between_first_two(&[step_box(0.0, 0.0), step_box(400.0, 0.0)]);
        assert_eq!(route, straight(&ends));
    }

    #[test]
    fn a_box_in_the_way_is_gone_around_with_few_bends() {
        let boxes = [
            step_box(0.0, 0.0),
            step_box(800.0, 0.0),
            step_box(400.0, -20.0),
        ];
        let (ends, route) = route_between_first_two(&boxes);
        assert!(crosses_any(&straight(&ends), &boxes, &[0, 1]));
        assert_clear_of(&route, &boxes);
        assert_eq!(route.first(), Some(&ends.start));
        assert_eq!(route.last(), Some(&ends.end));
        assert!(route.len() <= 6, "around in four bends at most: {route:?}");
        // It arrives moving right, into the target's left side.
        let [.., before, last] = route.as_slice() else {
            panic!()
        };
        assert!(before.y == last.y && before.x < last.x);
    }

    #[test]
    fn a_wall_of_boxes_is_passed_through_a_gap() {
        // Three boxes stacked with a channel between the middle and the lower one.
        let mut boxes = vec![step_box(0.0, 100.0), step_box(800.0, 100.0)];
        boxes.extend([
            step_box(400.0, 20.0),
            step_box(400.0, 90.0),
            step_box(400.0, 240.0),
        ]);
        let (_, route) = route_between_first_two(&boxes);
        assert_clear_of(&route, &boxes);
    }

    #[test]
    fn a_branch_leaves_downwards_and_a_loop_back_goes_around_its_own_box() {
        // The target is a little lower than the source: the plain way under the source
        // runs through it.
        let boxes = [step_box(400.0, 0.0), step_box(0.0, 40.0)];
        let obstacles = Obstacles::new(boxes);
        let ends = Ends {
            start: Vec2::new(500.0, 58.0),
            down: true,
            end: Vec2::new(0.0, 69.0),
            source: 0,
            target: 1,
        };
        let plain = vec![
            ends.start,
            Vec2::new(500.0, 74.0),
            Vec2::new(-20.0, 74.0),
            Vec2::new(-20.0, 69.0),
            ends.end,
        ];
        assert!(crosses_any(&plain, &boxes, &[]));
        let route = around(plain, &ends, &obstacles);
        assert_clear_of(&route, &boxes);
        assert_eq!(route[1].x, 500.0, "straight down out of the port first");
        assert!(route[1].y > 58.0);
    }

    #[test]
    fn far_jumps_over_crowds_go_below_them() {
        let mut boxes = vec![step_box(0.0, 0.0), step_box(9500.0, 0.0)];
        boxes.extend((1..=30).map(|at| step_box(f64::from(at) * 300.0, 0.0)));
        let (_, route) = route_between_first_two(&boxes);
        assert_clear_of(&route, &boxes);
    }

    #[test]
    fn simplifying_drops_repeats_and_straight_middles() {
        let points = vec![
            Vec2::new(0.0, 0.0),
            Vec2::new(5.0, 0.0),
            Vec2::new(5.0, 0.0),
            Vec2::new(10.0, 0.0),
            Vec2::new(10.0, 10.0),
        ];
        assert_eq!(
            simplified(points),
            [
                Vec2::new(0.0, 0.0),
                Vec2::new(10.0, 0.0),
                Vec2::new(10.0, 10.0)
            ]
        );
    }
}
