//! The scene painted once onto a canvas of its own and copied onto the screen while only the
//! view moves: a pan copies one picture, however many steps the flow has. It is painted again
//! when what it shows changes (the scene, the zoom, the selection, the picked note or group)
//! or the view leaves the area it covers, which reaches past the view on every side so that a
//! pan goes on copying for a while.

use super::{draw_scene, offscreen_canvas, Palette, Screen};
use crate::pages::diagram::editing::decorations::Decoration;
use crate::pages::diagram::scene::viewport::{Rect, Vec2, Viewport};
use crate::pages::diagram::scene::Scene;
use flow_model::flow::NodeId;
use web_sys::{CanvasRenderingContext2d as Context, HtmlCanvasElement};

/// The share of the view painted beyond it on each side.
const MARGIN: f64 = 0.25;
/// How far, in world units, what a step draws may reach past its box and a line's bends:
/// outlines, port dots, arrowheads, labels.
const INK: f64 = 32.0;

/// What the picture shows, besides where.
#[derive(Clone, PartialEq)]
struct Content {
    stamp: u64,
    zoom: f64,
    ratio: f64,
    selected: Vec<NodeId>,
    picked: Option<Decoration>,
}

/// What the screen shows of the flow: the scene (`stamp` tells one from the next,
/// [`crate::pages::diagram::state::DiagramStore::scene_stamp`]), the selected steps and the
/// picked note or group.
pub struct Shown<'a> {
    pub scene: &'a Scene,
    pub stamp: u64,
    pub selected: &'a [NodeId],
    pub picked: Option<&'a Decoration>,
}

struct Painted {
    content: Content,
    /// The world area the picture covers (none when the view is far from the flow).
    area: Option<Rect>,
    /// Everything the scene draws, in the world.
    extent: Option<Rect>,
}

pub struct SceneLayer {
    canvas: HtmlCanvasElement,
    context: Context,
    painted: Option<Painted>,
}

/// The world area every line and box of `scene` draws in.
fn extent(scene: &Scene) -> Option<Rect> {
    let lines = scene
        .edges
        .iter()
        .flat_map(|edge| edge.points.windows(2))
        .map(|pair| Rect::spanning(pair[0], pair[1]));
    Rect::around(scene.bounds().into_iter().chain(lines)).map(|rect| rect.inflated(INK))
}

/// What the screen is to show of `extent`: all of it within the view, nothing outside.
fn needed(visible: &Rect, extent: Option<Rect>) -> Option<Rect> {
    extent.and_then(|extent| extent.intersection(visible))
}

/// The area to paint for a view of `visible`: the view and its margins, as far as the scene
/// reaches.
fn area_for(visible: &Rect, extent: Option<Rect>) -> Option<Rect> {
    let margin = visible.width.max(visible.height) * MARGIN;
    needed(&visible.inflated(margin), extent)
}

impl SceneLayer {
    pub fn new() -> Option<Self> {
        let (canvas, context) = offscreen_canvas()?;
        Some(Self {
            canvas,
            context,
            painted: None,
        })
    }

    /// Copies `shown` onto `context`, which shows `screen`; paints the picture first when it
    /// no longer holds.
    pub fn show(&mut self, context: &Context, screen: &Screen, shown: &Shown, colors: &Palette) {
        let Screen {
            size,
            ratio,
            viewport,
        } = screen;
        let (ratio, visible) = (*ratio, viewport.visible(*size));
        let content = Content {
            stamp: shown.stamp,
            zoom: viewport.zoom,
            ratio,
            selected: shown.selected.to_vec(),
            picked: shown.picked.cloned(),
        };
        let same = self
            .painted
            .as_ref()
            .filter(|painted| painted.content == content);
        let holds = same.is_some_and(|painted| {
            needed(&visible, painted.extent)
                .is_none_or(|needed| painted.area.is_some_and(|area| area.covers(&needed)))
        });
        if !holds {
            let extent = match &self.painted {
                Some(painted) if painted.content.stamp == shown.stamp => painted.extent,
                _ => extent(shown.scene),
            };
            // The view moved past the picture: its margins too, for the pan to go on copying.
            // What it shows changed (a drag moving steps, say): the view alone, as the next
            // move of the drag changes it again.
            let area = if same.is_some() {
                area_for(&visible, extent)
            } else {
                needed(&visible, extent)
            };
            if let Some(area) = &area {
                self.paint(shown, area, &content, colors);
            }
            self.painted = Some(Painted {
                content,
                area,
                extent,
            });
        }
        let Some(area) = self.painted.as_ref().and_then(|painted| painted.area) else {
            return;
        };
        // At whole device pixels, so the copy stays as sharp as the picture.
        let corner = viewport.to_screen(Vec2::new(area.x, area.y));
        let snap = |value: f64| (value * ratio).round() / ratio;
        let _ = context.draw_image_with_html_canvas_element_and_dw_and_dh(
            &self.canvas,
            snap(corner.x),
            snap(corner.y),
            f64::from(self.canvas.width()) / ratio,
            f64::from(self.canvas.height()) / ratio,
        );
    }

    fn paint(&self, shown: &Shown, area: &Rect, content: &Content, colors: &Palette) {
        let (zoom, ratio) = (content.zoom, content.ratio);
        let width = (area.width * zoom * ratio).ceil() as u32;
        let height = (area.height * zoom * ratio).ceil() as u32;
        if (self.canvas.width(), self.canvas.height()) == (width, height) {
            let _ = self.context.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
            self.context
                .clear_rect(0.0, 0.0, f64::from(width), f64::from(height));
        } else {
            // A new size clears the canvas too.
            self.canvas.set_width(width);
            self.canvas.set_height(height);
        }
        let _ = self.context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
        let camera = Viewport {
            origin: Vec2::new(area.x, area.y),
            zoom,
        };
        draw_scene(&self.context, &camera, area, shown, colors);
    }
}
