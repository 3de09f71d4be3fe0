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

/// Lines `moving` up with `others` where one of its lines is within `reach` of theirs (per
/// axis, the nearest), and says along what.
pub fn align(moving: Rect, others: &[Rect], reach: f64) -> Alignment {
    let nudge_x = closest(
        lines(moving.x, moving.width),
        others.iter().map(|other| lines(other.x, other.width)),
        reach,
    );
    let nudge_y = closest(
        lines(moving.y, moving.height),
        others.iter().map(|other| lines(other.y, other.height)),
        reach,
    );
    let nudge = Vec2::new(nudge_x.unwrap_or(0.0), nudge_y.unwrap_or(0.0));
    let placed = Rect {
        x: moving.x + nudge.x,
        y: moving.y + nudge.y,
        ..moving
    };
    let mut guides = Vec::new();
    if nudge_x.is_some() {
        for x in lines(placed.x, placed.width) {
            let along: Vec<&Rect> = others
                .iter()
                .filter(|other| {
                    lines(other.x, other.width)
                        .iter()
                        .any(|line| same(*line, x))
                })
                .collect();
            if let Some(span) = Rect::around(along.into_iter().copied().chain([placed])) {
                guides.push(Guide::Vertical {
                    x,
                    top: span.y,
                    bottom: span.y + span.height,
                });
            }
        }
    }
    if nudge_y.is_some() {
        for y in lines(placed.y, placed.height) {
            let along: Vec<&Rect> = others
                .iter()
                .filter(|other| {
                    lines(other.y, other.height)
                        .iter()
                        .any(|line| same(*line, y))
                })
                .collect();
            if let Some(span) = Rect::around(along.into_iter().copied().chain([placed])) {
                guides.push(Guide::Horizontal {
                    y,
                    left: span.x,
                    right: span.x + span.width,
                });
            }
        }
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

    fn rect(x: f64, y: f64) -> Rect {
        Rect {
            x,
            y,
            width: 200.0,
            height: 58.0,
        }
    }

    #[test]
    fn a_near_left_edge_snaps_and_shows_a_vertical_line() {
        let others = [rect(100.0, 0.0), rect(600.0, 300.0)];
        let alignment = align(rect(104.0, 200.0), &others, 6.0);
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
        let alignment = align(rect(203.0, 500.0), &[wide], 6.0);
        assert_eq!(alignment.nudge, Vec2::new(-3.0, 0.0));
        assert!(matches!(
            alignment.guides[..],
            [Guide::Vertical { x: centre, .. }, Guide::Vertical { x: right, .. }]
                if centre == 200.0 && right == 400.0
        ));
        let middle = align(rect(700.0, 19.0), &[wide], 6.0);
        assert_eq!(middle.nudge, Vec2::new(0.0, 2.0), "middles: 50 and 19 + 29");
        assert!(matches!(
            middle.guides[..],
            [Guide::Horizontal { y, left, right }] if y == 50.0 && left == 0.0 && right == 900.0
        ));
    }

    #[test]
    fn nothing_within_reach_leaves_it_where_it_is() {
        let alignment = align(rect(150.0, 150.0), &[rect(0.0, 0.0)], 6.0);
        assert_eq!(alignment, Alignment::default());
        assert_eq!(align(rect(0.0, 0.0), &[], 6.0), Alignment::default());
    }
}
