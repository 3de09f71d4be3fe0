//! The canvas camera: where the world (diagram coordinates) is on screen, and how pans, zooms
//! around the pointer and zoom-to-fit move it. Plain math, tested natively.

/// A point or size in some coordinate space.
#[derive(Clone, Copy, PartialEq, Debug, Default)]
pub struct Vec2 {
    pub x: f64,
    pub y: f64,
}

impl Vec2 {
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, PartialEq, Debug, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn contains(&self, point: Vec2) -> bool {
        point.x >= self.x
            && point.x <= self.x + self.width
            && point.y >= self.y
            && point.y <= self.y + self.height
    }

    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.x + other.width
            && other.x < self.x + self.width
            && self.y < other.y + other.height
            && other.y < self.y + self.height
    }

    /// Does `other` lie wholly inside?
    pub fn covers(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.x + other.width <= self.x + self.width
            && other.y + other.height <= self.y + self.height
    }

    /// Grown by `by` on every side.
    pub fn inflated(&self, by: f64) -> Rect {
        Rect {
            x: self.x - by,
            y: self.y - by,
            width: self.width + 2.0 * by,
            height: self.height + 2.0 * by,
        }
    }

    /// The part both share, if any.
    pub fn intersection(&self, other: &Rect) -> Option<Rect> {
        let (x, y) = (self.x.max(other.x), self.y.max(other.y));
        let right = (self.x + self.width).min(other.x + other.width);
        let bottom = (self.y + self.height).min(other.y + other.height);
        (right > x && bottom > y).then_some(Rect {
            x,
            y,
            width: right - x,
            height: bottom - y,
        })
    }

    /// The rectangle with corners `a` and `b`, whichever way they lie.
    pub fn spanning(a: Vec2, b: Vec2) -> Rect {
        Rect {
            x: a.x.min(b.x),
            y: a.y.min(b.y),
            width: (a.x - b.x).abs(),
            height: (a.y - b.y).abs(),
        }
    }

    /// The smallest rectangle around all of `rects`, if there are any.
    pub fn around(rects: impl IntoIterator<Item = Rect>) -> Option<Rect> {
        rects.into_iter().reduce(|a, b| {
            let x = a.x.min(b.x);
            let y = a.y.min(b.y);
            Rect {
                x,
                y,
                width: (a.x + a.width).max(b.x + b.width) - x,
                height: (a.y + a.height).max(b.y + b.height) - y,
            }
        })
    }
}

/// A box the size of a step (200 × 58) with its top left at (`x`, `y`): what the scene's
/// tests place, route around and line up.
#[cfg(test)]
pub fn step_box(x: f64, y: f64) -> Rect {
    Rect {
        x,
        y,
        width: 200.0,
        height: 58.0,
    }
}

pub const MIN_ZOOM: f64 = 0.1;
pub const MAX_ZOOM: f64 = 3.0;

/// `screen = (world - origin) * zoom`: `origin` is the world point at the canvas's top left.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Viewport {
    pub origin: Vec2,
    pub zoom: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Self {
            origin: Vec2::new(-40.0, -200.0),
            zoom: 1.0,
        }
    }
}

impl Viewport {
    pub fn to_screen(&self, world: Vec2) -> Vec2 {
        Vec2::new(
            (world.x - self.origin.x) * self.zoom,
            (world.y - self.origin.y) * self.zoom,
        )
    }

    /// Where a world rectangle is on screen.
    pub fn rect_to_screen(&self, rect: &Rect) -> Rect {
        let corner = self.to_screen(Vec2::new(rect.x, rect.y));
        Rect {
            x: corner.x,
            y: corner.y,
            width: rect.width * self.zoom,
            height: rect.height * self.zoom,
        }
    }

    pub fn to_world(&self, screen: Vec2) -> Vec2 {
        Vec2::new(
            screen.x / self.zoom + self.origin.x,
            screen.y / self.zoom + self.origin.y,
        )
    }

    /// The part of the world a canvas of `size` shows.
    pub fn visible(&self, size: Vec2) -> Rect {
        Rect {
            x: self.origin.x,
            y: self.origin.y,
            width: size.x / self.zoom,
            height: size.y / self.zoom,
        }
    }

    /// Moved by a drag of `screen_delta` pixels: the world follows the pointer.
    pub fn panned(&self, screen_delta: Vec2) -> Self {
        Self {
            origin: Vec2::new(
                self.origin.x - screen_delta.x / self.zoom,
                self.origin.y - screen_delta.y / self.zoom,
            ),
            ..*self
        }
    }

    /// Zoomed by `factor` keeping the world point under `screen` where it is.
    pub fn zoomed_at(&self, screen: Vec2, factor: f64) -> Self {
        let zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let anchor = self.to_world(screen);
        Self {
            zoom,
            origin: Vec2::new(anchor.x - screen.x / zoom, anchor.y - screen.y / zoom),
        }
    }

    /// Shows all of `bounds` in a canvas of `size`, with a margin, never closer than 1:1.
    pub fn fitting(bounds: Rect, size: Vec2) -> Self {
        const MARGIN: f64 = 40.0;
        let zoom = ((size.x - 2.0 * MARGIN) / bounds.width.max(1.0))
            .min((size.y - 2.0 * MARGIN) / bounds.height.max(1.0))
            .clamp(MIN_ZOOM, 1.0);
        let center = Vec2::new(
            bounds.x + bounds.width / 2.0,
            bounds.y + bounds.height / 2.0,
        );
        Self {
            zoom,
            origin: Vec2::new(
                center.x - size.x / 2.0 / zoom,
                center.y - size.y / 2.0 / zoom,
            ),
        }
    }

    /// A view a flow was saved with, when it can be shown: its numbers finite and its zoom
    /// within the allowed range (anything else is ignored, never applied).
    pub fn from_saved(x: f64, y: f64, zoom: f64) -> Option<Self> {
        (x.is_finite() && y.is_finite() && (MIN_ZOOM..=MAX_ZOOM).contains(&zoom)).then(|| Self {
            origin: Vec2::new(x, y),
            zoom,
        })
    }

    /// The view a diagram's payload was saved with, when it can be shown.
    pub fn saved_in(payload: &serde_json::Value) -> Option<Self> {
        let saved = flow_model::flow::payload::viewport(payload)?;
        Self::from_saved(saved.x, saved.y, saved.zoom)
    }

    /// How a flow without a saved view opens: at 100 %, readable, with `start` (the Start
    /// step's box) near the top left, so the steps after it (to its right and below) show.
    pub fn opening_at(start: &Rect) -> Self {
        const MARGIN: Vec2 = Vec2::new(48.0, 64.0);
        Self {
            origin: Vec2::new(start.x - MARGIN.x, start.y - MARGIN.y),
            zoom: 1.0,
        }
    }

    /// The zoom as a whole percentage, as the canvas controls show it.
    pub fn percent(&self) -> u32 {
        (self.zoom * 100.0).round() as u32
    }

    /// Centred on `world` at the current zoom.
    pub fn centred_on(&self, world: Vec2, size: Vec2) -> Self {
        Self {
            origin: Vec2::new(
                world.x - size.x / 2.0 / self.zoom,
                world.y - size.y / 2.0 / self.zoom,
            ),
            ..*self
        }
    }
}

/// The minimap's scale: the whole flow and the visible area, fitted into a small box.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Minimap {
    /// The map is a camera on the world: its top left is that of the area it shows, at the
    /// zoom that fits that area into the box.
    camera: Viewport,
}

impl Minimap {
    /// The map of `bounds` (the flow) and `visible` (what the canvas shows) in a box of `size`.
    pub fn new(bounds: Rect, visible: Rect, size: Vec2) -> Self {
        let area = Rect::around([bounds, visible]).unwrap_or(bounds);
        let scale = (size.x / area.width.max(1.0)).min(size.y / area.height.max(1.0));
        // Centred in the box along the axis with room to spare.
        let spare = Vec2::new(
            (size.x / scale - area.width) / 2.0,
            (size.y / scale - area.height) / 2.0,
        );
        Self {
            camera: Viewport {
                origin: Vec2::new(area.x - spare.x, area.y - spare.y),
                zoom: scale,
            },
        }
    }

    pub fn to_map(&self, world: Vec2) -> Vec2 {
        self.camera.to_screen(world)
    }

    pub fn to_world(&self, map: Vec2) -> Vec2 {
        self.camera.to_world(map)
    }

    pub fn rect_to_map(&self, rect: &Rect) -> Rect {
        self.camera.rect_to_screen(rect)
    }

    /// The world area a map of `size` shows.
    pub fn shows(&self, size: Vec2) -> Rect {
        self.camera.visible(size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rectangles_grow_share_and_cover() {
        let rect = Rect {
            x: 0.0,
            y: 0.0,
            width: 100.0,
            height: 50.0,
        };
        let grown = rect.inflated(10.0);
        assert_eq!((grown.x, grown.width, grown.height), (-10.0, 120.0, 70.0));
        assert!(grown.covers(&rect) && !rect.covers(&grown));
        let right = Rect { x: 80.0, ..rect };
        assert_eq!(
            rect.intersection(&right),
            Some(Rect {
                x: 80.0,
                width: 20.0,
                ..rect
            })
        );
        assert_eq!(rect.intersection(&Rect { x: 100.0, ..rect }), None);
    }

    #[test]
    fn a_saved_view_is_used_only_when_it_can_be_shown() {
        let saved = Viewport::from_saved(-120.0, 30.5, 0.75).unwrap();
        assert_eq!(saved.origin, Vec2::new(-120.0, 30.5));
        assert_eq!(saved.percent(), 75);
        for zoom in [
            0.0,
            -1.0,
            f64::NAN,
            f64::INFINITY,
            MIN_ZOOM / 2.0,
            MAX_ZOOM * 2.0,
        ] {
            assert_eq!(Viewport::from_saved(0.0, 0.0, zoom), None, "zoom {zoom}");
        }
        assert_eq!(Viewport::from_saved(f64::NAN, 0.0, 1.0), None);
        assert_eq!(Viewport::from_saved(0.0, f64::NEG_INFINITY, 1.0), None);
    }

    #[test]
    fn a_payload_gives_back_the_view_it_was_saved_with() {
        use flow_model::flow::payload;
        let mut flow = flow_model::flow::decompile::decompile(&serde_json::json!([{"answer": ""}]))
            .expect("a flow");
        let view = payload::Viewport {
            x: 10.0,
            y: -20.0,
            zoom: 1.5,
        };
        let saved = payload::save(&mut flow, Some(view));
        assert_eq!(
            Viewport::saved_in(&saved.payload),
            Some(Viewport {
                origin: Vec2::new(10.0, -20.0),
                zoom: 1.5
            })
        );
        let unusable = payload::save(&mut flow, Some(payload::Viewport { zoom: 0.0, ..view }));
        assert_eq!(Viewport::saved_in(&unusable.payload), None);
        assert_eq!(
            Viewport::saved_in(&payload::save(&mut flow, None).payload),
            None
        );
        assert_eq!(Viewport::saved_in(&serde_json::json!({})), None);
    }

    #[test]
    fn a_flow_opens_at_full_size_with_start_near_the_top_left() {
        let start = step_box(500.0, -300.0);
        let view = Viewport::opening_at(&start);
        assert_eq!(view.percent(), 100);
        let on_screen = view.rect_to_screen(&start);
        assert!((0.0..100.0).contains(&on_screen.x), "{on_screen:?}");
        assert!((0.0..100.0).contains(&on_screen.y), "{on_screen:?}");
        // A canvas of the smallest laptop still shows the next step in the chain.
        let next = step_box(500.0 + 260.0, -300.0);
        let visible = view.visible(Vec2::new(800.0, 500.0));
        assert!(visible.x + visible.width >= next.x + next.width);
    }

    fn rect(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    fn close(a: Vec2, b: Vec2) -> bool {
        (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9
    }

    #[test]
    fn screen_and_world_are_inverse() {
        let view = Viewport {
            origin: Vec2::new(100.0, -50.0),
            zoom: 1.5,
        };
        let world = Vec2::new(320.0, 75.0);
        assert!(close(view.to_world(view.to_screen(world)), world));
        assert!(close(
            view.to_screen(Vec2::new(100.0, -50.0)),
            Vec2::default()
        ));
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let view = Viewport::default();
        let pointer = Vec2::new(300.0, 200.0);
        let under = view.to_world(pointer);
        let zoomed = view.zoomed_at(pointer, 2.0);
        assert_eq!(zoomed.zoom, 2.0);
        assert!(close(zoomed.to_world(pointer), under));
        assert_eq!(view.zoomed_at(pointer, 1000.0).zoom, MAX_ZOOM);
        assert_eq!(view.zoomed_at(pointer, 0.0001).zoom, MIN_ZOOM);
    }

    #[test]
    fn panning_moves_the_world_with_the_pointer() {
        let view = Viewport {
            origin: Vec2::default(),
            zoom: 2.0,
        };
        let point = Vec2::new(10.0, 10.0);
        let before = view.to_screen(point);
        let after = view.panned(Vec2::new(30.0, -20.0)).to_screen(point);
        assert!(close(after, Vec2::new(before.x + 30.0, before.y - 20.0)));
    }

    #[test]
    fn rectangles_go_to_the_screen_scaled_from_their_corner() {
        let view = Viewport {
            origin: Vec2::new(100.0, 50.0),
            zoom: 2.0,
        };
        let on_screen = view.rect_to_screen(&step_box(110.0, 60.0));
        assert_eq!(on_screen, rect(20.0, 20.0, 400.0, 116.0));
    }

    #[test]
    fn fitting_shows_everything_centred() {
        let bounds = rect(0.0, 0.0, 2000.0, 500.0);
        let size = Vec2::new(1000.0, 600.0);
        let view = Viewport::fitting(bounds, size);
        assert!((view.zoom - 0.46).abs() < 1e-9);
        let visible = view.visible(size);
        assert!(visible.x <= 0.0 && visible.x + visible.width >= 2000.0);
        assert!(visible.y <= 0.0 && visible.y + visible.height >= 500.0);
        let small = Rect {
            width: 10.0,
            height: 10.0,
            ..bounds
        };
        assert_eq!(
            Viewport::fitting(small, size).zoom,
            1.0,
            "never magnified past 1:1"
        );
    }

    #[test]
    fn rectangles_contain_intersect_and_surround() {
        let a = rect(0.0, 0.0, 10.0, 10.0);
        let b = rect(5.0, 5.0, 10.0, 10.0);
        let far = Rect { x: 50.0, ..a };
        assert!(a.contains(Vec2::new(10.0, 0.0)) && !a.contains(Vec2::new(10.1, 0.0)));
        assert!(a.intersects(&b) && !a.intersects(&far));
        assert_eq!(Rect::around([a, far]), Some(Rect { width: 60.0, ..a }));
        assert_eq!(Rect::around([]), None);
    }

    #[test]
    fn the_minimap_fits_flow_and_view_and_maps_both_ways() {
        let bounds = rect(0.0, 0.0, 2000.0, 500.0);
        let visible = rect(1500.0, -500.0, 1000.0, 500.0);
        let map = Minimap::new(bounds, visible, Vec2::new(200.0, 100.0));
        // 2500 x 1000 of world into 200 x 100: the width decides.
        let view = map.rect_to_map(&visible);
        assert!((view.width - 80.0).abs() < 1e-9);
        let flow = map.rect_to_map(&bounds);
        assert!(flow.x >= 0.0 && flow.x + flow.width <= 200.0 + 1e-9);
        assert!(view.y >= 0.0 && flow.y + flow.height <= 100.0 + 1e-9);
        let point = Vec2::new(1234.0, 56.0);
        let back = map.to_world(map.to_map(point));
        assert!(close(back, point));
    }

    #[test]
    fn a_band_spans_its_corners_whichever_way_it_is_drawn() {
        let band = Rect::spanning(Vec2::new(100.0, 50.0), Vec2::new(20.0, 80.0));
        assert_eq!(band, rect(20.0, 50.0, 80.0, 30.0));
    }
}
