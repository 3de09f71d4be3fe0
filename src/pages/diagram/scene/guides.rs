//! Alignment guides while dragging: when the dragged steps' edges or centre come near those of
//! another step, they snap to them and a line shows what they line up with.

use super::viewport::{Rect, Vec2};

/// A guide line, in world coordinates.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Guide {
    /// At `x`, from `top` to `bottom`.
    Vertical { x: f64, top: f64, bottom: f64 },
    /// At `y`, from `left` to `right`.
    Horizontal { y: f64, left: f64, right: f64 },
}

/// How to nudge the dragged rectangle to line up, and the lines that show it.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Alignment {
    pub nudge: Vec2,
    pub guides: Vec<Guide>,
}

/// Left, centre and right (or top, middle and bottom) of a span.
fn lines(start: f64, length: f64) -> [f64; 3] {
    [start, start + length / 2.0, start + length]
}

/// A rectangle's left, centre and right.
fn columns(rect: &Rect) -> [f64; 3] {
    lines(rect.x, rect.width)
}

/// A rectangle's top, middle and bottom.
fn rows(rect: &Rect) -> [f64; 3] {
    lines(rect.y, rect.height)
}

/// The smallest move within `reach` that puts one of `moving`'s lines on one of `others`'.
fn closest(moving: [f64; 3], others: impl Iterator<Item = [f64; 3]>, reach: f64) -> Option<f64> {
    let mut best: Option<f64> = None;
    for other in others {
        for mine in moving {
            for theirs in other {
                let nudge = theirs - mine;
                if nudge.abs() <= reach && best.is_none_or(|best| nudge.abs() < best.abs()) {
                    best = Some(nudge);
                }
            }
        }
    }
    best
}

/// Each of `placed`'s lines along one axis (`axis` picks them from a rectangle), with the
/// area of `placed` and the `others` that have a line there too.
fn spans_along(
    placed: Rect,
    others: &[Rect],
    axis: fn(&Rect) -> [f64; 3],
) -> impl Iterator<Item = (f64, Rect)> + '_ {
    axis(&placed).into_iter().filter_map(move |line| {
        let along = others
            .iter()
            .filter(|other| axis(other).iter().any(|theirs| same(*theirs, line)))
            .copied();
        Rect::around(along.chain([placed])).map(|span| (line, span))
    })
}

/// Lines `moving` up with `others` where one of its lines is within `reach` of theirs (per
/// axis, the nearest), and says along what.
pub fn align(moving: Rect, others: &[Rect], reach: f64) -> Alignment {
    let nudge_x = closest(columns(&moving), others.iter().map(columns), reach);
    let nudge_y = closest(rows(&moving), others.iter().map(rows), reach);
    let nudge = Vec2::new(nudge_x.unwrap_or(0.0), nudge_y.unwrap_or(0.0));
    let placed = Rect {
        x: moving.x + nudge.x,
        y: moving.y + nudge.y,
        ..moving
    };
    let mut guides = Vec::new();
    if nudge_x.is_some() {
        guides.extend(
            spans_along(placed, others, columns).map(|(x, span)| Guide::Vertical {
                x,
                top: span.y,
                bottom: span.y + span.height,
            }),
        );
    }
    if nudge_y.is_some() {
        guides.extend(
            spans_along(placed, others, rows).map(|(y, span)| Guide::Horizontal {
                y,
                left: span.x,
                right: span.x + span.width,
            }),
        );
    }
    // A line only the dragged rectangle itself is on says nothing.
    guides.retain(|guide| match guide {
        Guide::Vertical { top, bottom, .. } => bottom - top > placed.height + 0.5,
        Guide::Horizontal { left, right, .. } => right - left > placed.width + 0.5,
    });
    Alignment { nudge, guides }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.5
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::diagram::scene::viewport::step_box;

    #[test]
    fn a_near_left_edge_snaps_and_shows_a_vertical_line() {
        let others = [step_box(100.0, 0.0), step_box(600.0, 300.0)];
        let alignment = align(step_box(104.0, 200.0), &others, 6.0);
        assert_eq!(alignment.nudge, Vec2::new(-4.0, 0.0));
        assert_eq!(
            alignment.guides,
            [
                Guide::Vertical {
                    x: 100.0,
                    top: 0.0,
                    bottom: 258.0
                },
                Guide::Vertical {
                    x: 200.0,
                    top: 0.0,
                    bottom: 258.0
                },
                Guide::Vertical {
                    x: 300.0,
                    top: 0.0,
                    bottom: 258.0
                }
            ]
        );
    }

    #[test]
    fn centres_line_up_across_sizes_on_both_axes() {
        let wide = Rect {
            x: 0.0,
            y: 0.0,
            width: 400.0,
            height: 100.0,
        };
        // Its left side comes to the wide box's centre, and so its right side to the wide
        // box's right side: both lines show.
        let alignment = align(step_box(203.0, 500.0), &[wide], 6.0);
        assert_eq!(alignment.nudge, Vec2::new(-3.0, 0.0));
        assert!(matches!(
            alignment.guides[..],
            [Guide::Vertical { x: centre, .. }, Guide::Vertical { x: right, .. }]
                if centre == 200.0 && right == 400.0
        ));
        let middle = align(step_box(700.0, 19.0), &[wide], 6.0);
        assert_eq!(middle.nudge, Vec2::new(0.0, 2.0), "middles: 50 and 19 + 29");
        assert!(matches!(
            middle.guides[..],
            [Guide::Horizontal { y, left, right }] if y == 50.0 && left == 0.0 && right == 900.0
        ));
    }

    #[test]
    fn nothing_within_reach_leaves_it_where_it_is() {
        let alignment = align(step_box(150.0, 150.0), &[step_box(0.0, 0.0)], 6.0);
        assert_eq!(alignment, Alignment::default());
        assert_eq!(align(step_box(0.0, 0.0), &[], 6.0), Alignment::default());
    }
}
