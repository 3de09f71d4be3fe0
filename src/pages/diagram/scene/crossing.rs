//! The lines already drawn, indexed by place, to count how many a new line would cross: a jump
//! (a goto or a failover, drawn after the lines that place steps) takes whichever of its ways
//! crosses the fewest, as a layered layout minimises crossings for every edge.

use super::routing::{self, Ends, Obstacles};
use super::viewport::{Rect, Vec2};
use std::collections::HashMap;

/// A jump whose ways all cross this many lines or more searches for a way that crosses fewer,
const WORTH_A_SEARCH: usize = 2;
/// as long as a scene made fewer searches than this: each looks at thousands of places, and a
/// big flow has hundreds of jumps (the first ones get the searches, so the drawing stays the
/// same each time).
const SEARCHES: usize = 32;
/// The side of an index cell, in world units.
const CELL: f64 = 400.0;

fn cell(value: f64) -> i64 {
    (value / CELL).floor() as i64
}

fn cell_of(x: f64, y: f64) -> (i64, i64) {
    (cell(x), cell(y))
}

/// A horizontal or vertical piece of a drawn line: at `at` (its y, or its x), from `from` to
/// `to` along it.
#[derive(Clone, Copy)]
struct Piece {
    horizontal: bool,
    at: f64,
    from: f64,
    to: f64,
}

impl Piece {
    fn of(a: Vec2, b: Vec2) -> Option<Piece> {
        if a.y == b.y && a.x != b.x {
            Some(Piece {
                horizontal: true,
                at: a.y,
                from: a.x.min(b.x),
                to: a.x.max(b.x),
            })
        } else if a.x == b.x && a.y != b.y {
            Some(Piece {
                horizontal: false,
                at: a.x,
                from: a.y.min(b.y),
                to: a.y.max(b.y),
            })
        } else {
            None
        }
    }

    /// Do the two cross at right angles, strictly inside both (touching ends is no crossing)?
    fn crosses(&self, other: &Piece) -> bool {
        self.horizontal != other.horizontal
            && self.from < other.at
            && other.at < self.to
            && other.from < self.at
            && self.at < other.to
    }

    /// Is the point where the two cross in `cell`?
    fn meets_in(&self, other: &Piece, cell: (i64, i64)) -> bool {
        let (x, y) = if self.horizontal {
            (other.at, self.at)
        } else {
            (self.at, other.at)
        };
        cell_of(x, y) == cell
    }

    fn cells(&self) -> impl Iterator<Item = (i64, i64)> {
        let (along, across) = ((cell(self.from)..=cell(self.to)), cell(self.at));
        let horizontal = self.horizontal;
        along.map(move |step| {
            if horizontal {
                (step, across)
            } else {
                (across, step)
            }
        })
    }
}

#[derive(Default)]
pub struct Drawn {
    pieces: Vec<Piece>,
    cells: HashMap<(i64, i64), Vec<usize>>,
    /// How many searches for fewer crossings were made: a scene makes at most [`SEARCHES`].
    searches: usize,
}

impl Drawn {
    pub fn add(&mut self, points: &[Vec2]) {
        for pair in points.windows(2) {
            if let Some(piece) = Piece::of(pair[0], pair[1]) {
                let index = self.pieces.len();
                self.pieces.push(piece);
                for cell in piece.cells() {
                    self.cells.entry(cell).or_default().push(index);
                }
            }
        }
    }

    /// The drawn pieces `piece` crosses, each counted in the one cell where they cross.
    fn crossing(&self, piece: Piece) -> impl Iterator<Item = &Piece> + '_ {
        piece
            .cells()
            .filter_map(|cell| Some((cell, self.cells.get(&cell)?)))
            .flat_map(move |(cell, indices)| {
                indices
                    .iter()
                    .map(|index| &self.pieces[*index])
                    .filter(move |other| piece.crosses(other) && piece.meets_in(other, cell))
            })
    }

    /// The lines drawn through `area`, ready for a search there to count what each of its
    /// steps crosses.
    fn near(&self, area: &Rect) -> Nearby {
        let (left, top) = cell_of(area.x, area.y);
        let (right, bottom) = cell_of(area.x + area.width, area.y + area.height);
        let mut indices: Vec<usize> = (left..=right)
            .flat_map(|x| (top..=bottom).map(move |y| (x, y)))
            .filter_map(|cell| self.cells.get(&cell))
            .flatten()
            .copied()
            .collect();
        indices.sort_unstable();
        indices.dedup();
        let (mut horizontal, mut vertical): (Vec<Piece>, Vec<Piece>) = indices
            .into_iter()
            .map(|index| self.pieces[index])
            .partition(|piece| piece.horizontal);
        horizontal.sort_by(|a, b| a.at.total_cmp(&b.at));
        vertical.sort_by(|a, b| a.at.total_cmp(&b.at));
        Nearby {
            horizontal,
            vertical,
        }
    }

    /// The lines drawn that a line through `points` would cross (a line as often as it is
    /// crossed).
    fn crossed<'a>(&'a self, points: &'a [Vec2]) -> impl Iterator<Item = &'a Piece> + 'a {
        points
            .windows(2)
            .filter_map(|pair| Piece::of(pair[0], pair[1]))
            .flat_map(|piece| self.crossing(piece))
    }

    /// How many times a line through `points` would cross the lines drawn.
    pub fn crossings(&self, points: &[Vec2]) -> usize {
        self.crossed(points).count()
    }

    /// Where the lines drawn that a line through `points` would cross run.
    fn crossed_extent(&self, points: &[Vec2]) -> Option<Rect> {
        Rect::around(self.crossed(points).map(|piece| {
            let (a, b) = if piece.horizontal {
                (
                    Vec2::new(piece.from, piece.at),
                    Vec2::new(piece.to, piece.at),
                )
            } else {
                (
                    Vec2::new(piece.at, piece.from),
                    Vec2::new(piece.at, piece.to),
                )
            };
            Rect::spanning(a, b)
        }))
    }
}

/// The lines drawn near a search, each way sorted by where it runs.
struct Nearby {
    horizontal: Vec<Piece>,
    vertical: Vec<Piece>,
}

impl Nearby {
    /// How many lines a step of a searched way from `a` to `b` crosses, counting a line at `b`
    /// but not one at `a`, so that consecutive steps count each crossing once.
    fn crossed_by_step(&self, a: Vec2, b: Vec2) -> usize {
        let Some(piece) = Piece::of(a, b) else {
            return 0;
        };
        let (others, start) = if piece.horizontal {
            (&self.vertical, a.x)
        } else {
            (&self.horizontal, a.y)
        };
        let first = others.partition_point(|other| other.at < piece.from);
        others[first..]
            .iter()
            .take_while(|other| other.at <= piece.to)
            .filter(|other| other.at != start && other.from < piece.at && piece.at < other.to)
            .count()
    }
}

/// The other ways a jump from `a` into `b` may take, beside its plain one (`plain`, which
/// starts and ends where all of them do): turning down late, near its target, rather than
/// early; around above both steps; around below them.
fn ways(plain: &[Vec2], a: &Rect, b: &Rect, leaves_down: bool) -> Vec<Vec<Vec2>> {
    let (start, end) = (plain[0], plain[plain.len() - 1]);
    let leave = if leaves_down {
        Vec2::new(start.x, start.y + routing::LEAVE)
    } else {
        Vec2::new(start.x + routing::LEAVE, start.y)
    };
    let approach = end.x - routing::ARRIVE;
    let level = |y: f64| {
        vec![
            start,
            leave,
            Vec2::new(leave.x, y),
            Vec2::new(approach, y),
            Vec2::new(approach, end.y),
            end,
        ]
    };
    let above = a.y.min(b.y) - routing::ARRIVE;
    let below = (a.y + a.height).max(b.y + b.height) + routing::ARRIVE;
    let mut ways = vec![level(below)];
    if !leaves_down {
        // Up from a port on the bottom would run through its own step.
        ways.push(level(above));
    }
    if approach > leave.x {
        ways.push(level(leave.y));
    }
    ways
}

/// The way of a jump that crosses the fewest lines drawn so far, the plain one (`plain`, already
/// clear of steps) when none crosses fewer; ways through a step are not taken.
pub fn fewest_crossings(
    plain: Vec<Vec2>,
    ends: &Ends,
    a: &Rect,
    b: &Rect,
    obstacles: &Obstacles,
    drawn: &mut Drawn,
) -> Vec<Vec2> {
    let mut best_crossings = drawn.crossings(&plain);
    let mut best = plain;
    if best_crossings == 0 {
        return best;
    }
    for way in ways(&best, a, b, ends.down) {
        let way = routing::simplified(way);
        if !routing::clear(&way, ends, obstacles) {
            continue;
        }
        let crossings = drawn.crossings(&way);
        if crossings < best_crossings {
            (best, best_crossings) = (way, crossings);
        }
    }
    if best_crossings < WORTH_A_SEARCH || drawn.searches >= SEARCHES {
        return best;
    }
    // A search costs more than the ways above: only when those all cross several lines. It
    // looks near the ends first, then, if lines are still in the way, as far as they run, to
    // find a way round their ends.
    drawn.searches += 1;
    let near_the_ends = routing::search_area(ends);
    let search_in = |area: &Rect, best: &mut Vec<Vec2>, best_crossings: &mut usize| {
        let nearby = drawn.near(area);
        let searched = routing::search_crossing_few(ends, area, obstacles, &|a, b| {
            nearby.crossed_by_step(a, b)
        });
        if let Some(way) = searched.filter(|way| routing::clear(way, ends, obstacles)) {
            let crossings = drawn.crossings(&way);
            if crossings < *best_crossings {
                (*best, *best_crossings) = (way, crossings);
            }
        }
    };
    search_in(&near_the_ends, &mut best, &mut best_crossings);
    if best_crossings >= WORTH_A_SEARCH {
        let wider = drawn.crossed_extent(&best).and_then(|extent| {
            Rect::around([near_the_ends, extent.inflated(routing::SEARCH_MARGIN)])
        });
        if let Some(wider) = wider.filter(|wider| *wider != near_the_ends) {
            search_in(&wider, &mut best, &mut best_crossings);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::diagram::scene::viewport::step_box;

    fn points(points: &[(f64, f64)]) -> Vec<Vec2> {
        points.iter().map(|(x, y)| Vec2::new(*x, *y)).collect()
    }

    #[test]
    fn crossings_are_counted_once_however_many_cells_a_line_spans() {
        let mut drawn = Drawn::default();
        // A wall across many cells, and a line along it that only touches it.
        drawn.add(&points(&[(0.0, -2000.0), (0.0, 2000.0)]));
        drawn.add(&points(&[(-500.0, 900.0), (0.0, 900.0)]));
        assert_eq!(
            drawn.crossings(&points(&[(-300.0, 10.0), (300.0, 10.0)])),
            1
        );
        assert_eq!(drawn.crossings(&points(&[(-300.0, 10.0), (0.0, 10.0)])), 0);
        // A searched way's steps: the line at the end of a step counts, at its start not.
        let nearby = drawn.near(&step_box(-100.0, 0.0));
        let step =
            |from: f64, to: f64| nearby.crossed_by_step(Vec2::new(from, 10.0), Vec2::new(to, 10.0));
        assert_eq!((step(-20.0, 0.0), step(0.0, 20.0)), (1, 0));
        assert_eq!((step(20.0, 0.0), step(0.0, -20.0)), (1, 0));
    }

    /// The way a jump from box `a` (index 0) into box `b` (index 1), whose plain route is
    /// `plain`, takes among the lines `drawn` (asserting it is clear of both boxes).
    fn jump_among(a: Rect, b: Rect, plain: &[(f64, f64)], drawn: &mut Drawn) -> Vec<Vec2> {
        let obstacles = Obstacles::new([a, b]);
        let plain = points(plain);
        let ends = Ends {
            start: plain[0],
            down: false,
            end: plain[plain.len() - 1],
            source: 0,
            target: 1,
        };
        let way = fewest_crossings(plain, &ends, &a, &b, &obstacles, drawn);
        assert!(routing::clear(&way, &ends, &obstacles));
        way
    }

    #[test]
    fn a_jump_goes_around_the_lines_in_its_way_when_it_can() {
        // From the right side of a step to a step below-left of it, a wall of lines between.
        let plain = [
            (200.0, 29.0),
            (220.0, 29.0),
            (220.0, 260.0),
            (-420.0, 260.0),
            (-420.0, 329.0),
            (-400.0, 329.0),
        ];
        let mut drawn = Drawn::default();
        for x in [-300.0, -200.0, -100.0] {
            drawn.add(&points(&[(x, 200.0), (x, 280.0)]));
        }
        assert_eq!(drawn.crossings(&points(&plain)), 3);
        let (a, b) = (step_box(0.0, 0.0), step_box(-400.0, 300.0));
        let way = jump_among(a, b, &plain, &mut drawn);
        assert_eq!(drawn.crossings(&way), 0, "{way:?}");
    }

    #[test]
    fn a_jump_goes_round_the_far_end_of_the_lines_in_its_way() {
        // Up to a step above, three long lines between that end right of both steps, beyond
        // where a search near the steps looks.
        let plain = [
            (200.0, 629.0),
            (220.0, 629.0),
            (220.0, -40.0),
            (-20.0, -40.0),
            (-20.0, 29.0),
            (0.0, 29.0),
        ];
        let mut drawn = Drawn::default();
        for y in [300.0, 320.0, 340.0] {
            drawn.add(&points(&[(-1000.0, y), (400.0, y)]));
        }
        assert_eq!(drawn.crossings(&points(&plain)), 3);
        let (a, b) = (step_box(0.0, 600.0), step_box(0.0, 0.0));
        let way = jump_among(a, b, &plain, &mut drawn);
        assert_eq!(drawn.crossings(&way), 0, "{way:?}");
        assert!(way.iter().any(|point| point.x > 400.0), "{way:?}");
    }
}
