//! How readable a drawing is, in numbers: crossings, bends, length and shape, and the faults a
//! layout must never have (steps on top of each other, lines through steps). Works on any
//! drawing given as boxes and routed lines, so another layout engine's drawing can be counted
//! the same way.

use super::viewport::{Rect, Vec2};
use super::Scene;

/// A routed line between two boxes (indices into the drawing's boxes).
#[derive(Clone, PartialEq, Debug)]
pub struct Line {
    pub from: usize,
    pub to: usize,
    pub points: Vec<Vec2>,
}

#[derive(Clone, Copy, PartialEq, Debug, Default)]
pub struct Measures {
    /// Places where two lines cross at right angles.
    pub crossings: usize,
    pub bends: usize,
    pub length: f64,
    /// Width over height of the boxes' bounds.
    pub aspect: f64,
    /// Pairs of boxes that overlap.
    pub overlaps: usize,
    /// Lines that pass through a box other than their own ends.
    pub through_steps: usize,
}

/// A horizontal or vertical piece of a line: `at` is its y (horizontal) or x (vertical), it
/// spans `from..to`.
#[derive(Clone, Copy)]
struct Segment {
    line: usize,
    at: f64,
    from: f64,
    to: f64,
}

fn segments(lines: &[Line]) -> (Vec<Segment>, Vec<Segment>) {
    let (mut horizontal, mut vertical) = (Vec::new(), Vec::new());
    for (line, drawn) in lines.iter().enumerate() {
        for pair in drawn.points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a.y == b.y && a.x != b.x {
                horizontal.push(Segment {
                    line,
                    at: a.y,
                    from: a.x.min(b.x),
                    to: a.x.max(b.x),
                });
            } else if a.x == b.x && a.y != b.y {
                vertical.push(Segment {
                    line,
                    at: a.x,
                    from: a.y.min(b.y),
                    to: a.y.max(b.y),
                });
            }
        }
    }
    (horizontal, vertical)
}

/// Right-angle crossings strictly inside both segments (touching ends and running together
/// are not crossings).
fn crossings(horizontal: &[Segment], vertical: &[Segment]) -> usize {
    let mut vertical = vertical.to_vec();
    vertical.sort_by(|a, b| a.at.total_cmp(&b.at));
    horizontal
        .iter()
        .map(|across| {
            let first = vertical.partition_point(|down| down.at <= across.from);
            vertical[first..]
                .iter()
                .take_while(|down| down.at < across.to)
                .filter(|down| {
                    down.line != across.line && down.from < across.at && across.at < down.to
                })
                .count()
        })
        .sum()
}

fn bends(line: &Line) -> usize {
    let mut points: Vec<Vec2> = line.points.clone();
    points.dedup();
    points
        .windows(3)
        .filter(|three| {
            let (a, b, c) = (three[0], three[1], three[2]);
            (b.x - a.x) * (c.y - b.y) != (b.y - a.y) * (c.x - b.x)
        })
        .count()
}

fn length(line: &Line) -> f64 {
    line.points
        .windows(2)
        .map(|pair| (pair[1].x - pair[0].x).hypot(pair[1].y - pair[0].y))
        .sum()
}

/// Boxes sorted by their left side, to find the ones a span may touch.
struct ByLeft<'a> {
    boxes: &'a [Rect],
    order: Vec<usize>,
    widest: f64,
}

impl<'a> ByLeft<'a> {
    fn new(boxes: &'a [Rect]) -> Self {
        let mut order: Vec<usize> = (0..boxes.len()).collect();
        order.sort_by(|a, b| boxes[*a].x.total_cmp(&boxes[*b].x));
        let widest = boxes.iter().map(|rect| rect.width).fold(0.0, f64::max);
        Self {
            boxes,
            order,
            widest,
        }
    }

    /// The boxes whose x range may meet `left..right`.
    fn near(&self, left: f64, right: f64) -> impl Iterator<Item = usize> + '_ {
        let first = self
            .order
            .partition_point(|index| self.boxes[*index].x + self.widest <= left);
        self.order[first..]
            .iter()
            .copied()
            .take_while(move |index| self.boxes[*index].x < right)
    }
}

fn overlaps(boxes: &ByLeft) -> usize {
    boxes
        .order
        .iter()
        .map(|index| {
            let rect = &boxes.boxes[*index];
            boxes
                .near(rect.x, rect.x + rect.width)
                .filter(|other| other > index && boxes.boxes[*other].intersects(rect))
                .count()
        })
        .sum()
}

/// Does the segment enter the inside of `rect` (running along its side does not)?
fn enters(rect: &Rect, segment: &Segment, horizontal: bool) -> bool {
    let (across_from, across_to, along_from, along_to) = if horizontal {
        (rect.y, rect.y + rect.height, rect.x, rect.x + rect.width)
    } else {
        (rect.x, rect.x + rect.width, rect.y, rect.y + rect.height)
    };
    across_from < segment.at
        && segment.at < across_to
        && segment.from.max(along_from) < segment.to.min(along_to)
}

fn through_steps(
    lines: &[Line],
    (horizontal, vertical): (&[Segment], &[Segment]),
    boxes: &ByLeft,
) -> usize {
    let mut through = vec![false; lines.len()];
    for (segments, horizontal) in [(horizontal, true), (vertical, false)] {
        for &segment in segments {
            let (left, right) = if horizontal {
                (segment.from, segment.to)
            } else {
                (segment.at, segment.at)
            };
            let line = &lines[segment.line];
            through[segment.line] |= boxes.near(left, right + f64::EPSILON).any(|index| {
                index != line.from
                    && index != line.to
                    && enters(&boxes.boxes[index], &segment, horizontal)
            });
        }
    }
    through.into_iter().filter(|through| *through).count()
}

pub fn measure(boxes: &[Rect], lines: &[Line]) -> Measures {
    let by_left = ByLeft::new(boxes);
    let (horizontal, vertical) = segments(lines);
    let aspect =
        Rect::around(boxes.iter().copied()).map_or(1.0, |bounds| bounds.width / bounds.height);
    Measures {
        crossings: crossings(&horizontal, &vertical),
        bends: lines.iter().map(bends).sum(),
        length: lines.iter().map(length).sum(),
        aspect,
        overlaps: overlaps(&by_left),
        through_steps: through_steps(lines, (&horizontal, &vertical), &by_left),
    }
}

impl Scene {
    /// The scene's boxes, and its links as lines between them (those whose ends are both on
    /// show); `placing_only` leaves gotos and failovers out.
    pub fn drawing(&self, placing_only: bool) -> (Vec<Rect>, Vec<Line>) {
        let index = self.node_index();
        let boxes = self.boxes.iter().map(|node_box| node_box.rect).collect();
        let lines = self
            .edges
            .iter()
            .filter(|edge| !(placing_only && edge.jump))
            .filter_map(|edge| {
                Some(Line {
                    from: *index.get(&edge.from)?,
                    to: *index.get(&edge.to)?,
                    points: edge.points.clone(),
                })
            })
            .collect();
        (boxes, lines)
    }

    pub fn measures(&self) -> Measures {
        let (boxes, lines) = self.drawing(false);
        measure(&boxes, &lines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::diagram::scene::viewport::step_box;

    fn line(from: usize, to: usize, points: &[(f64, f64)]) -> Line {
        Line {
            from,
            to,
            points: points.iter().map(|(x, y)| Vec2::new(*x, *y)).collect(),
        }
    }

    #[test]
    fn counts_right_angle_crossings_but_not_touching_or_shared_runs() {
        let boxes = [step_box(0.0, 0.0), step_box(1000.0, 0.0)];
        let lines = [
            line(0, 1, &[(0.0, 100.0), (500.0, 100.0)]),
            line(0, 1, &[(50.0, 50.0), (50.0, 150.0)]),
            // Ends on the first line: a touch, not a crossing.
            line(0, 1, &[(300.0, 50.0), (300.0, 100.0)]),
            // Runs along the first line.
            line(0, 1, &[(100.0, 100.0), (400.0, 100.0)]),
        ];
        let measures = measure(&boxes, &lines);
        assert_eq!(measures.crossings, 1);
        assert_eq!(measures.bends, 0);
        assert_eq!(measures.length, 500.0 + 100.0 + 50.0 + 300.0);
    }

    #[test]
    fn finds_overlapping_boxes_and_lines_through_other_boxes() {
        let boxes = [
            step_box(0.0, 0.0),
            step_box(100.0, 20.0),
            step_box(600.0, 0.0),
            step_box(300.0, 200.0),
        ];
        let lines = [
            // From box 0 to box 2 straight through box 1: through a step.
            line(0, 2, &[(200.0, 29.0), (600.0, 29.0)]),
            // Around below everything, with two bends: clear.
            line(0, 3, &[(100.0, 58.0), (100.0, 229.0), (300.0, 229.0)]),
        ];
        let measures = measure(&boxes, &lines);
        assert_eq!(measures.overlaps, 1);
        assert_eq!(measures.through_steps, 1);
        assert_eq!(measures.bends, 1);
        assert_eq!(measures.aspect, 800.0 / 258.0);
    }
}
