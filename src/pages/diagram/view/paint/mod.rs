//! Paints a [`Scene`] on a 2D canvas: grid, edges, then nodes, only what the viewport shows.

mod layer;
mod parts;

pub use layer::{SceneLayer, Shown};

use crate::pages::diagram::editing::decorations::Decoration;
use crate::pages::diagram::scene::guides::Guide;
use crate::pages::diagram::scene::trail::Trail;
use crate::pages::diagram::scene::viewport::{Minimap, Rect, Vec2, Viewport};
use crate::pages::diagram::scene::Scene;
use flow_model::flow::{NodeId, Severity};
use leptos::wasm_bindgen::JsCast;
use parts::{draw_frame, draw_node, draw_note, js_dash};
use std::collections::BTreeSet;
use web_sys::{CanvasRenderingContext2d as Context, HtmlCanvasElement};

pub fn context_2d(canvas: &HtmlCanvasElement) -> Option<Context> {
    Some(canvas.get_context("2d").ok()??.unchecked_into())
}

/// A canvas off the page, to paint a picture on once and copy it often.
pub fn offscreen_canvas() -> Option<(HtmlCanvasElement, Context)> {
    let canvas: HtmlCanvasElement = web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .unchecked_into();
    let context = context_2d(&canvas)?;
    Some((canvas, context))
}

/// Colours read from the page's CSS variables, so the canvas follows light and dark.
pub struct Palette {
    pub background: String,
    pub surface: String,
    pub text: String,
    pub muted: String,
    pub border: String,
    pub accent: String,
    pub danger: String,
}

impl Palette {
    pub fn from_page() -> Self {
        let style = web_sys::window().and_then(|window| {
            let root = window.document()?.document_element()?;
            window.get_computed_style(&root).ok().flatten()
        });
        let read = |name: &str, fallback: &str| {
            style
                .as_ref()
                .and_then(|style| style.get_property_value(name).ok())
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
                .unwrap_or_else(|| fallback.to_owned())
        };
        Self {
            background: read("--bg", "#f5f7fa"),
            surface: read("--surface", "#ffffff"),
            text: read("--text", "#1c2330"),
            muted: read("--muted", "#5b6678"),
            border: read("--border", "#d8dee8"),
            accent: read("--accent", "#1f6feb"),
            danger: read("--danger", "#c62828"),
        }
    }
}

const GRID: f64 = 20.0;
pub(super) const WARNING: &str = "#d97706";
/// Sticky notes look like paper notes in light and dark alike.
pub(super) const NOTE_PAPER: &str = "#fff4b8";
pub(super) const NOTE_INK: &str = "#3d3500";
pub(super) const NOTE_EDGE: &str = "#e0c95a";
/// Where a run went, and the step it is at: green and amber in light and dark alike.
const RUN_TRAIL: &str = "#1f9d55";
const RUN_CURRENT: &str = "#f59e0b";

fn line(context: &Context, points: &[Vec2]) {
    context.begin_path();
    for (index, point) in points.iter().enumerate() {
        if index == 0 {
            context.move_to(point.x, point.y);
        } else {
            context.line_to(point.x, point.y);
        }
    }
    context.stroke();
}

/// What is drawn over the scene while the pointer works: a rubber band, a link being drawn
/// from a port, alignment guides (in world coordinates).
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Overlay {
    pub band: Option<Rect>,
    pub wire: Option<(Vec2, Vec2)>,
    pub guides: Vec<Guide>,
}

/// What each part is painted with: the canvas, the camera and the colours.
#[derive(Clone, Copy)]
pub(super) struct Brush<'a> {
    pub context: &'a Context,
    pub viewport: &'a Viewport,
    pub colors: &'a Palette,
}

impl Brush<'_> {
    /// Where a world rectangle is on screen: its top left corner and its size.
    pub(super) fn on_screen(&self, rect: &Rect) -> (Vec2, f64, f64) {
        let Rect {
            x,
            y,
            width,
            height,
        } = self.viewport.rect_to_screen(rect);
        (Vec2::new(x, y), width, height)
    }
}

/// What a run marks on the diagram, drawn over the picture of the scene (so a step of a run
/// repaints only its marks): the trail, and the steps with breakpoints.
pub struct RunMarks<'a> {
    pub trail: &'a Trail,
    pub breakpoints: &'a BTreeSet<NodeId>,
}

/// A canvas as the page shows it: `size` CSS pixels at `ratio` device pixels each, looking at
/// the world through `viewport`.
pub struct Screen {
    pub size: Vec2,
    pub ratio: f64,
    pub viewport: Viewport,
}

/// Draws the view on `screen` (its context already scaled for the device pixels): the grid,
/// the flow as `layer` holds it, and what the pointer is doing on top.
pub fn draw(
    context: &Context,
    screen: &Screen,
    layer: &mut SceneLayer,
    shown: &Shown,
    overlay: &Overlay,
    run: &RunMarks,
    colors: &Palette,
) {
    let Screen { size, viewport, .. } = screen;
    let (size, viewport) = (*size, viewport);
    context.set_fill_style_str(&colors.background);
    context.fill_rect(0.0, 0.0, size.x, size.y);

    // The grid, faded out when zoomed far away.
    if viewport.zoom > 0.35 {
        let visible = viewport.visible(size);
        context.set_fill_style_str(&colors.border);
        let first_x = (visible.x / GRID).floor() * GRID;
        let first_y = (visible.y / GRID).floor() * GRID;
        let mut x = first_x;
        while x < visible.x + visible.width {
            let mut y = first_y;
            while y < visible.y + visible.height {
                let dot = viewport.to_screen(Vec2::new(x, y));
                context.fill_rect(dot.x, dot.y, 1.5, 1.5);
                y += GRID;
            }
            x += GRID;
        }
    }
    layer.show(context, screen, shown, colors);
    if !run.trail.is_empty() || !run.breakpoints.is_empty() {
        draw_run(
            context,
            viewport,
            &viewport.visible(size),
            shown.scene,
            run,
            colors,
        );
    }
    if !overlay.guides.is_empty() {
        context.set_stroke_style_str(&colors.danger);
        context.set_line_width(1.0);
        for guide in &overlay.guides {
            let (a, b) = match *guide {
                Guide::Vertical { x, top, bottom } => (Vec2::new(x, top), Vec2::new(x, bottom)),
                Guide::Horizontal { y, left, right } => (Vec2::new(left, y), Vec2::new(right, y)),
            };
            line(context, &[viewport.to_screen(a), viewport.to_screen(b)]);
        }
    }
    if let Some((from, to)) = overlay.wire {
        // The link being drawn from a port.
        let _ = context.set_line_dash(&js_dash(&[5.0, 4.0]));
        context.set_stroke_style_str(&colors.accent);
        context.set_line_width(2.0);
        line(context, &[viewport.to_screen(from), viewport.to_screen(to)]);
        let _ = context.set_line_dash(&js_dash(&[]));
    }
    if let Some(band) = &overlay.band {
        // The rubber band being drawn.
        let corner = viewport.to_screen(Vec2::new(band.x, band.y));
        let _ = context.set_line_dash(&js_dash(&[4.0, 3.0]));
        context.set_stroke_style_str(&colors.accent);
        context.set_line_width(1.0);
        context.stroke_rect(
            corner.x,
            corner.y,
            band.width * viewport.zoom,
            band.height * viewport.zoom,
        );
        let _ = context.set_line_dash(&js_dash(&[]));
    }
}

/// Draws the run's marks on what `visible` (in the world) shows: the links it took and the
/// steps it visited, the step it is at, and the breakpoints.
fn draw_run(
    context: &Context,
    viewport: &Viewport,
    visible: &Rect,
    scene: &Scene,
    run: &RunMarks,
    colors: &Palette,
) {
    let RunMarks { trail, breakpoints } = run;
    context.set_stroke_style_str(RUN_TRAIL);
    context.set_line_width(3.0);
    for edge in scene
        .edges
        .iter()
        .filter(|edge| trail.taken.contains(&edge.link))
    {
        let points: Vec<Vec2> = edge.points.iter().map(|p| viewport.to_screen(*p)).collect();
        line(context, &points);
    }
    for node_box in scene.boxes.iter().filter(|b| b.rect.intersects(visible)) {
        let node = node_box.node;
        let rect = viewport.rect_to_screen(&node_box.rect);
        if trail.current == Some(node) {
            context.set_stroke_style_str(RUN_CURRENT);
            context.set_line_width(4.0);
            context.stroke_rect(
                rect.x - 4.0,
                rect.y - 4.0,
                rect.width + 8.0,
                rect.height + 8.0,
            );
        } else if trail.visited.contains(&node) {
            context.set_stroke_style_str(RUN_TRAIL);
            context.set_line_width(2.0);
            context.stroke_rect(
                rect.x - 2.0,
                rect.y - 2.0,
                rect.width + 4.0,
                rect.height + 4.0,
            );
        }
        if breakpoints.contains(&node) {
            let radius = (6.0 * viewport.zoom).clamp(3.0, 8.0);
            context.set_fill_style_str(&colors.danger);
            context.begin_path();
            let _ = context.arc(rect.x, rect.y, radius, 0.0, std::f64::consts::TAU);
            context.fill();
        }
    }
}

/// Draws what `area` (in the world) holds of the flow, as `viewport` shows it: groups, notes,
/// links, then steps.
fn draw_scene(
    context: &Context,
    viewport: &Viewport,
    area: &Rect,
    shown: &Shown,
    colors: &Palette,
) {
    let Shown {
        scene,
        selected,
        picked,
        ..
    } = *shown;
    let visible = *area;
    let brush = Brush {
        context,
        viewport,
        colors,
    };
    let picked = |decoration: Decoration| picked == Some(&decoration);
    // Open groups under their steps, collapsed ones where their steps would be.
    let frames = |collapsed: bool| {
        for frame in scene
            .frames
            .iter()
            .filter(|frame| frame.collapsed == collapsed && frame.rect.intersects(&visible))
        {
            draw_frame(brush, frame, picked(Decoration::Group(frame.id.clone())));
        }
    };
    frames(false);
    for note in scene
        .notes
        .iter()
        .filter(|note| note.rect.intersects(&visible))
    {
        draw_note(brush, note, picked(Decoration::Note(note.id.clone())));
    }
    context.set_line_width(1.5);
    context.set_font("12px system-ui, sans-serif");
    for edge in scene.edges.iter().filter(|edge| {
        Rect::around(
            edge.points
                .windows(2)
                .map(|pair| Rect::spanning(pair[0], pair[1])),
        )
        .is_some_and(|span| span.inflated(1.0).intersects(&visible))
    }) {
        let points: Vec<Vec2> = edge.points.iter().map(|p| viewport.to_screen(*p)).collect();
        let dash = js_dash(if edge.jump { &[6.0, 4.0] } else { &[] });
        let _ = context.set_line_dash(&dash);
        context.set_stroke_style_str(if edge.jump {
            &colors.muted
        } else {
            &colors.accent
        });
        line(context, &points);
        if let (Some(end), Some(before)) = (points.last(), points.get(points.len().wrapping_sub(2)))
        {
            // An arrowhead into the target.
            let direction = if end.x >= before.x { -1.0 } else { 1.0 };
            context.set_fill_style_str(if edge.jump {
                &colors.muted
            } else {
                &colors.accent
            });
            context.begin_path();
            context.move_to(end.x, end.y);
            context.line_to(end.x + direction * 8.0, end.y - 4.0);
            context.line_to(end.x + direction * 8.0, end.y + 4.0);
            context.close_path();
            context.fill();
        }
        if !edge.label.is_empty() && !edge.listed && viewport.zoom > 0.5 {
            let at = points[1];
            context.set_fill_style_str(&colors.muted);
            let _ = context.fill_text(&edge.label, at.x + 4.0, at.y - 4.0);
        }
    }
    let _ = context.set_line_dash(&js_dash(&[]));

    for node_box in scene.boxes.iter().filter(|b| b.rect.intersects(&visible)) {
        draw_node(brush, node_box, selected.contains(&node_box.node));
    }
    frames(true);
}

/// Paints the minimap's picture of the flow on a clear canvas: every step as a dot-sized box,
/// problems in their colours.
pub fn draw_minimap_steps(context: &Context, scene: &Scene, map: &Minimap, colors: &Palette) {
    for frame in scene.frames.iter().filter(|frame| frame.collapsed) {
        let rect = map.rect_to_map(&frame.rect);
        context.set_fill_style_str(&colors.muted);
        context.fill_rect(rect.x, rect.y, rect.width.max(2.0), rect.height.max(2.0));
    }
    for node_box in &scene.boxes {
        let rect = map.rect_to_map(&node_box.rect);
        context.set_fill_style_str(match node_box.problem {
            Some(Severity::Error) => colors.danger.as_str(),
            Some(Severity::Warning) => WARNING,
            None if node_box.start => colors.accent.as_str(),
            None => colors.muted.as_str(),
        });
        context.fill_rect(rect.x, rect.y, rect.width.max(2.0), rect.height.max(2.0));
    }
}

/// Draws the minimap: `picture` (of the world area `pictured`, [`draw_minimap_steps`]) where
/// `map` puts it, and the area the canvas shows as a frame.
pub fn draw_minimap(
    context: &Context,
    size: Vec2,
    picture: &HtmlCanvasElement,
    pictured: &Rect,
    map: &Minimap,
    visible: &Rect,
    colors: &Palette,
) {
    context.set_fill_style_str(&colors.surface);
    context.fill_rect(0.0, 0.0, size.x, size.y);
    let at = map.rect_to_map(pictured);
    let _ = context.draw_image_with_html_canvas_element_and_dw_and_dh(
        picture, at.x, at.y, at.width, at.height,
    );
    let frame = map.rect_to_map(visible);
    context.set_stroke_style_str(&colors.accent);
    context.set_line_width(1.5);
    context.stroke_rect(frame.x, frame.y, frame.width, frame.height);
}
