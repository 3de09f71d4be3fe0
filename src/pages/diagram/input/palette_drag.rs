//! A step dragged from the palette, as plain data: a press that becomes a drag once the pointer
//! goes far enough, and where it ends.

use crate::pages::diagram::scene::viewport::{Rect, Vec2};

/// A step being dragged from the palette: where the press was, and where the pointer is once
/// it has moved far enough to be a drag rather than a click (client pixels).
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct PaletteDrag {
    pub app: &'static str,
    pub from: Vec2,
    pub at: Option<Vec2>,
}

/// How far the pointer goes before a press on a palette button is a drag.
const PALETTE_SLOP: f64 = 4.0;

/// Where a palette drag ends.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum PaletteDrop {
    /// It never moved: a click, which the button handles.
    Click,
    /// Dropped off the canvas: nothing happens.
    Outside,
    /// Dropped on the canvas, at this canvas point.
    Canvas(Vec2),
}

impl PaletteDrag {
    pub fn new(app: &'static str, from: Vec2) -> Self {
        Self {
            app,
            from,
            at: None,
        }
    }

    /// The pointer moved to `at` (client pixels).
    pub fn moved(self, at: Vec2) -> Self {
        let far = (at.x - self.from.x).hypot(at.y - self.from.y) > PALETTE_SLOP;
        if self.at.is_some() || far {
            Self {
                at: Some(at),
                ..self
            }
        } else {
            self
        }
    }

    /// Released at `at` (client pixels) over a canvas whose box on the page is `canvas`.
    pub fn dropped(&self, at: Vec2, canvas: Rect) -> PaletteDrop {
        if self.at.is_none() {
            return PaletteDrop::Click;
        }
        let local = Vec2::new(at.x - canvas.x, at.y - canvas.y);
        if local.x >= 0.0 && local.y >= 0.0 && local.x <= canvas.width && local.y <= canvas.height {
            PaletteDrop::Canvas(local)
        } else {
            PaletteDrop::Outside
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_palette_press_is_a_click_until_the_pointer_goes_far_enough() {
        let drag = PaletteDrag::new("playback", Vec2::new(10.0, 10.0));
        let canvas = Rect {
            x: 200.0,
            y: 50.0,
            width: 800.0,
            height: 600.0,
        };
        let nudged = drag.moved(Vec2::new(12.0, 12.0));
        assert_eq!(nudged.at, None);
        assert_eq!(
            nudged.dropped(Vec2::new(300.0, 100.0), canvas),
            PaletteDrop::Click
        );
        let dragged = nudged.moved(Vec2::new(20.0, 10.0));
        assert_eq!(dragged.at, Some(Vec2::new(20.0, 10.0)));
        // Once a drag, it follows every move, however small.
        assert_eq!(
            dragged.moved(Vec2::new(21.0, 10.0)).at,
            Some(Vec2::new(21.0, 10.0))
        );
        assert_eq!(
            dragged.dropped(Vec2::new(300.0, 100.0), canvas),
            PaletteDrop::Canvas(Vec2::new(100.0, 50.0))
        );
        assert_eq!(
            dragged.dropped(Vec2::new(100.0, 100.0), canvas),
            PaletteDrop::Outside
        );
    }
}
