//! Lines that wrap: what follows a step in one band of a wrapped flow (the model's layout),
//! placed in the band below. Such a line goes right past the steps of its band, down into the
//! gap between the bands, along it and down just before its target. Several that wrap across
//! one gap nest: the top one outermost on the right, lowest in the gap and innermost on the
//! left (the layout keeps a line's own row free up to its target, so one further in may pass
//! down beside the band's first steps and along its row).

use super::routing::{Obstacles, ARRIVE};
use super::shapes::{self, entry, exit};
use super::viewport::{Rect, Vec2};
use std::collections::HashMap;
use std::hash::Hash;

/// How far apart lines that wrap together run.
const SPACING: f64 = 16.0;
/// The least height of a gap between bands: the layout leaves two empty rows between bands
/// (272 world units) and at most one within a band (162).
const GAP: f64 = 220.0;

/// A link out of the right side of box `from` (what follows it) into box `to`.
pub(super) struct NextLink<K> {
    pub key: K,
    pub from: Rect,
    pub to: Rect,
}

/// The horizontal gaps (top and bottom) across the whole drawing that no box reaches into,
/// top to bottom.
fn gaps(boxes: &[Rect]) -> Vec<(f64, f64)> {
    let mut spans: Vec<(f64, f64)> = boxes
        .iter()
        .map(|rect| (rect.y, rect.y + rect.height))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut gaps = Vec::new();
    let mut reached = f64::NEG_INFINITY;
    for (top, bottom) in spans {
        if top - reached >= GAP && reached.is_finite() {
            gaps.push((reached, top));
        }
        reached = reached.max(bottom);
    }
    gaps
}

impl<K> NextLink<K> {
    /// Which gap between bands the link wraps across, if it wraps: the lowest between its boxes
    /// (it goes into the band just below it). A link back behind its start into a box well
    /// below wraps too, across no such gap, alone.
    fn wraps_across(&self, gaps: &[(f64, f64)]) -> Option<Option<usize>> {
        let (top, bottom) = (self.from.y + self.from.height, self.to.y);
        let gap = gaps[..gaps.partition_point(|(_, below)| *below <= bottom)]
            .iter()
            .rposition(|(above, _)| *above >= top);
        let back =
            bottom > top + 2.0 * ARRIVE && !shapes::leads_ahead(exit(&self.from), entry(&self.to));
        match gap {
            Some(gap) => Some(Some(gap)),
            None => back.then_some(None),
        }
    }
}

/// The routes of those of `links` that wrap, by key, among the boxes lines go around.
pub(super) fn wrap_routes<K: Eq + Hash>(
    links: Vec<NextLink<K>>,
    obstacles: &Obstacles,
) -> HashMap<K, Vec<Vec2>> {
    let gaps = gaps(obstacles.boxes());
    let mut across: HashMap<usize, Vec<NextLink<K>>> = HashMap::new();
    let mut routes = HashMap::new();
    for link in links {
        match link.wraps_across(&gaps) {
            Some(Some(gap)) => across.entry(gap).or_default().push(link),
            Some(None) => routes.extend(bundle_routes(vec![link], obstacles)),
            None => {}
        }
    }
    for (_, bundle) in across {
        routes.extend(bundle_routes(bundle, obstacles));
    }
    routes
}

/// The nested routes of links that wrap together.
fn bundle_routes<K>(mut bundle: Vec<NextLink<K>>, obstacles: &Obstacles) -> Vec<(K, Vec<Vec2>)> {
    bundle.sort_by(|a, b| a.from.y.total_cmp(&b.from.y));
    let last = (bundle.len() - 1) as f64;
    let lowest = bundle
        .iter()
        .map(|link| link.to.y)
        .fold(f64::INFINITY, f64::min)
        - ARRIVE;
    let highest = lowest - last * SPACING;
    let right = bundle
        .iter()
        .map(|link| {
            let start = exit(&link.from).x;
            obstacles
                .right_end(link.from.x + link.from.width, link.from.y, highest)
                .map_or(start, |right| right.max(start))
        })
        .fold(f64::NEG_INFINITY, f64::max);
    // Each goes down just before its target, left of the one outside it.
    let mut back = f64::INFINITY;
    bundle
        .into_iter()
        .enumerate()
        .map(|(inner, link)| {
            let nested = inner as f64 * SPACING;
            let out = right + shapes::NEXT_TURN + last * SPACING - nested;
            let across = lowest - nested;
            back = (link.to.x - ARRIVE).min(back - SPACING);
            let (start, end) = (exit(&link.from), entry(&link.to));
            let points = vec![
                start,
                Vec2::new(out, start.y),
                Vec2::new(out, across),
                Vec2::new(back, across),
                Vec2::new(back, end.y),
                end,
            ];
            (link.key, points)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::diagram::scene::measure::{measure, Line};
    use crate::pages::diagram::scene::routing::{self, Ends};
    use crate::pages::diagram::scene::viewport::step_box;

    /// Routes `links` (pairs of indices into `boxes`) as the scene does.
    fn routed(boxes: &[Rect], links: &[(usize, usize)]) -> HashMap<usize, Vec<Vec2>> {
        let obstacles = Obstacles::new(boxes.iter().copied());
        let links = links
            .iter()
            .enumerate()
            .map(|(key, (from, to))| NextLink {
                key,
                from: boxes[*from],
                to: boxes[*to],
            })
            .collect();
        wrap_routes(links, &obstacles)
    }

    #[test]
    fn two_lines_that_wrap_together_nest_without_crossing() {
        // Band A: a step whose next lies beyond the cut (ahead of it, in band B), and below it
        // the end of a chain; band B below two empty rows: the chain goes on, then what
        // follows.
        let boxes = [
            step_box(0.0, 0.0),
            step_box(520.0, 110.0),
            step_box(520.0, 440.0),
            step_box(0.0, 550.0),
        ];
        let links = [(0, 2), (1, 3)];
        let routes = routed(&boxes, &links);
        assert_eq!(routes.len(), 2, "both wrap");
        let lines: Vec<Line> = links
            .iter()
            .enumerate()
            .map(|(key, (from, to))| Line {
                from: *from,
                to: *to,
                points: routes[&key].clone(),
            })
            .collect();
        let drawn = measure(&boxes, &lines);
        assert_eq!((drawn.crossings, drawn.through_steps), (0, 0), "{routes:?}");
        // The top one outermost on the right, lowest in the gap, innermost on the left.
        let (outer, inner) = (&routes[&0], &routes[&1]);
        assert!(outer[1].x > inner[1].x && outer[2].y > inner[2].y && outer[3].x > inner[3].x);
        // Each goes down just before its target.
        assert_eq!((outer[3].x, inner[3].x), (520.0 - ARRIVE, -ARRIVE));
        let obstacles = Obstacles::new(boxes);
        for (key, (from, to)) in links.iter().enumerate() {
            let ends = Ends {
                start: routes[&key][0],
                down: false,
                end: routes[&key][5],
                source: *from,
                target: *to,
            };
            assert!(routing::clear(&routes[&key], &ends, &obstacles));
        }
    }

    #[test]
    fn a_line_ahead_and_down_within_a_band_does_not_wrap() {
        // No empty row between: the step is just placed lower, a line turns down half way.
        let boxes = [step_box(0.0, 0.0), step_box(520.0, 110.0)];
        assert!(routed(&boxes, &[(0, 1)]).is_empty());
    }

    #[test]
    fn a_line_back_to_a_step_below_wraps_alone_around_the_steps_in_between() {
        // Back to the start of the row below, past a step further right on its row.
        let boxes = [
            step_box(0.0, 0.0),
            step_box(260.0, 0.0),
            step_box(520.0, 0.0),
            step_box(0.0, 110.0),
        ];
        let routes = routed(&boxes, &[(1, 3)]);
        let route = &routes[&0];
        assert_eq!(
            route[1].x,
            720.0 + shapes::NEXT_TURN,
            "right of the steps on its row"
        );
        assert_eq!(route[2].y, 110.0 - ARRIVE, "across just above its target");
        assert_eq!(route[3].x, -ARRIVE);
    }
}
