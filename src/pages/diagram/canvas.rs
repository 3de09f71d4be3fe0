//! Paints a [`Scene`] on a 2D canvas: grid, edges, then nodes, only what the viewport shows.

use super::decorations::Decoration;
use super::guides::Guide;
use super::scene::{GroupFrame, NodeBox, NoteBox, Scene, FRAME_HEADER};
use super::viewport::{Minimap, Rect, Vec2, Viewport};
use flow_model::flow::{NodeId, Severity};
use web_sys::CanvasRenderingContext2d as Context;

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
const WARNING: &str = "#d97706";
/// Sticky notes look like paper notes in light and dark alike.
const NOTE_PAPER: &str = "#fff4b8";
const NOTE_INK: &str = "#3d3500";
const NOTE_EDGE: &str = "#e0c95a";

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
/// from a port, alignment guides (in world coordinates); and what is picked.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Overlay {
    pub band: Option<Rect>,
    pub wire: Option<(Vec2, Vec2)>,
    pub guides: Vec<Guide>,
    pub picked: Option<Decoration>,
}

/// Draws the scene on a canvas of `size` CSS pixels (the context is already scaled for the
/// device pixel ratio).
pub fn draw(
    context: &Context,
    size: Vec2,
    scene: &Scene,
    viewport: &Viewport,
    selected: &[NodeId],
    overlay: &Overlay,
    colors: &Palette,
) {
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

    let visible = viewport.visible(size);
    let picked = |decoration: Decoration| overlay.picked.as_ref() == Some(&decoration);
    for frame in scene
        .frames
        .iter()
        .filter(|frame| !frame.collapsed && frame.rect.intersects(&visible))
    {
        draw_frame(
            context,
            frame,
            viewport,
            picked(Decoration::Group(frame.id.clone())),
            colors,
        );
    }
    for note in scene
        .notes
        .iter()
        .filter(|note| note.rect.intersects(&visible))
    {
        draw_note(
            context,
            note,
            viewport,
            picked(Decoration::Note(note.id.clone())),
            colors,
        );
    }
    context.set_line_width(1.5);
    context.set_font("12px system-ui, sans-serif");
    for edge in &scene.edges {
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
        if !edge.label.is_empty() && viewport.zoom > 0.5 {
            let at = points[1];
            context.set_fill_style_str(&colors.muted);
            let _ = context.fill_text(&edge.label, at.x + 4.0, at.y - 4.0);
        }
    }
    let _ = context.set_line_dash(&js_dash(&[]));

    for node_box in scene.boxes.iter().filter(|b| b.rect.intersects(&visible)) {
        draw_node(
            context,
            node_box,
            viewport,
            selected.contains(&node_box.node),
            colors,
        );
    }
    for frame in scene
        .frames
        .iter()
        .filter(|frame| frame.collapsed && frame.rect.intersects(&visible))
    {
        draw_frame(
            context,
            frame,
            viewport,
            picked(Decoration::Group(frame.id.clone())),
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

/// Draws the minimap: every step as a dot-sized box (problems in their colours), the area the
/// canvas shows as a frame.
pub fn draw_minimap(
    context: &Context,
    size: Vec2,
    scene: &Scene,
    map: &Minimap,
    visible: &Rect,
    colors: &Palette,
) {
    context.set_fill_style_str(&colors.surface);
    context.fill_rect(0.0, 0.0, size.x, size.y);
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
    let frame = map.rect_to_map(visible);
    context.set_stroke_style_str(&colors.accent);
    context.set_line_width(1.5);
    context.stroke_rect(frame.x, frame.y, frame.width, frame.height);
}

fn js_dash(pattern: &[f64]) -> web_sys::js_sys::Array {
    pattern
        .iter()
        .map(|value| wasm_bindgen::JsValue::from_f64(*value))
        .collect()
}

fn draw_node(
    context: &Context,
    node_box: &NodeBox,
    viewport: &Viewport,
    selected: bool,
    colors: &Palette,
) {
    let Rect {
        x,
        y,
        width,
        height,
    } = viewport.rect_to_screen(&node_box.rect);
    let corner = Vec2::new(x, y);
    context.set_fill_style_str(if node_box.start {
        &colors.accent
    } else {
        &colors.surface
    });
    context.fill_rect(corner.x, corner.y, width, height);
    let outline = match (selected, node_box.problem) {
        (true, _) => colors.accent.as_str(),
        (false, Some(Severity::Error)) => colors.danger.as_str(),
        (false, Some(Severity::Warning)) => WARNING,
        (false, None) => colors.border.as_str(),
    };
    context.set_stroke_style_str(outline);
    context.set_line_width(if selected || node_box.problem.is_some() {
        2.5
    } else {
        1.0
    });
    context.stroke_rect(corner.x, corner.y, width, height);
    if viewport.zoom < 0.4 {
        return; // too small to read, or to grab a port
    }
    for dot in &node_box.ports {
        let at = viewport.to_screen(dot.at);
        context.begin_path();
        let _ = context.arc(at.x, at.y, 4.5, 0.0, std::f64::consts::TAU);
        context.set_fill_style_str(if dot.linked {
            &colors.accent
        } else {
            &colors.surface
        });
        context.fill();
        context.set_stroke_style_str(&colors.accent);
        context.set_line_width(1.5);
        context.stroke();
        if !dot.linked && !dot.label.is_empty() && viewport.zoom > 0.6 {
            context.set_fill_style_str(&colors.muted);
            context.set_font("11px system-ui, sans-serif");
            let _ = context.fill_text(&dot.label, at.x + 6.0, at.y + 14.0);
        }
    }
    let (title_color, summary_color) = if node_box.start {
        ("#ffffff", "#ffffff")
    } else {
        (colors.text.as_str(), colors.muted.as_str())
    };
    let write = |text: &str, weight: &str, size: f64, color: &str, baseline: f64, left: f64| {
        context.set_fill_style_str(color);
        context.set_font(&format!(
            "{weight} {:.0}px system-ui, sans-serif",
            size * viewport.zoom
        ));
        let _ = context.fill_text_with_max_width(
            text,
            corner.x + left * viewport.zoom,
            corner.y + baseline * viewport.zoom,
            width - (left + 10.0) * viewport.zoom,
        );
    };
    let icon_color = if node_box.start {
        "#ffffff"
    } else {
        colors.accent.as_str()
    };
    draw_icon(
        context,
        node_box.icon,
        Vec2::new(
            corner.x + 9.0 * viewport.zoom,
            corner.y + 9.0 * viewport.zoom,
        ),
        16.0 * viewport.zoom,
        icon_color,
    );
    write(&node_box.title, "600", 13.0, title_color, 22.0, 31.0);
    write(&node_box.summary, "400", 12.0, summary_color, 42.0, 10.0);
}

thread_local! {
    /// Each icon's outline, made into a `Path2D` once.
    static OUTLINES: std::cell::RefCell<std::collections::HashMap<usize, web_sys::Path2d>> =
        Default::default();
}

/// Strokes `icon` in a `size` square with its top left at `at`.
fn draw_icon(context: &Context, icon: icondata_core::Icon, at: Vec2, size: f64, color: &str) {
    OUTLINES.with(|outlines| {
        let mut outlines = outlines.borrow_mut();
        let key = icon as *const icondata_core::IconData as usize;
        let path = match outlines.entry(key) {
            std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
            std::collections::hash_map::Entry::Vacant(new) => {
                let Ok(path) = web_sys::Path2d::new_with_path_string(&super::icons::outline(icon))
                else {
                    return;
                };
                new.insert(path)
            }
        };
        context.save();
        let _ = context.translate(at.x, at.y);
        let _ = context.scale(size / 24.0, size / 24.0);
        context.set_stroke_style_str(color);
        context.set_line_width(2.0);
        context.set_line_cap("round");
        context.set_line_join("round");
        context.stroke_with_path(path);
        context.restore();
    });
}

/// An open group: a tinted frame with its label on top. A collapsed one: a box standing for
/// its steps, with how many there are.
fn draw_frame(
    context: &Context,
    frame: &GroupFrame,
    viewport: &Viewport,
    picked: bool,
    colors: &Palette,
) {
    let Rect {
        x,
        y,
        width,
        height,
    } = viewport.rect_to_screen(&frame.rect);
    let corner = Vec2::new(x, y);
    context.set_fill_style_str(&colors.surface);
    if frame.collapsed {
        context.fill_rect(corner.x, corner.y, width, height);
    } else {
        context.set_global_alpha(0.55);
        context.fill_rect(corner.x, corner.y, width, height);
        context.set_global_alpha(1.0);
    }
    context.set_stroke_style_str(if picked {
        &colors.accent
    } else {
        &colors.muted
    });
    context.set_line_width(if picked { 2.5 } else { 1.0 });
    let _ = context.set_line_dash(&js_dash(if frame.collapsed { &[] } else { &[6.0, 3.0] }));
    context.stroke_rect(corner.x, corner.y, width, height);
    if frame.collapsed {
        // A second edge: a stack of steps.
        context.stroke_rect(corner.x + 4.0, corner.y + 4.0, width - 8.0, height - 8.0);
    }
    let _ = context.set_line_dash(&js_dash(&[]));
    if viewport.zoom < 0.4 {
        return;
    }
    let marker = if frame.collapsed { "▸" } else { "▾" };
    context.set_fill_style_str(&colors.text);
    context.set_font(&format!(
        "600 {:.0}px system-ui, sans-serif",
        13.0 * viewport.zoom
    ));
    let _ = context.fill_text_with_max_width(
        &format!("{marker} {}", frame.label),
        corner.x + 8.0 * viewport.zoom,
        corner.y + (FRAME_HEADER - 7.0) * viewport.zoom,
        width - 16.0 * viewport.zoom,
    );
    if frame.collapsed {
        context.set_fill_style_str(&colors.muted);
        context.set_font(&format!(
            "{:.0}px system-ui, sans-serif",
            12.0 * viewport.zoom
        ));
        let _ = context.fill_text(
            &format!("{} steps", frame.members.len()),
            corner.x + 22.0 * viewport.zoom,
            corner.y + 42.0 * viewport.zoom,
        );
    }
}

/// A sticky note: its text wrapped to its width, as many lines as fit, and a resize grip.
fn draw_note(
    context: &Context,
    note: &NoteBox,
    viewport: &Viewport,
    picked: bool,
    colors: &Palette,
) {
    let Rect {
        x,
        y,
        width,
        height,
    } = viewport.rect_to_screen(&note.rect);
    let corner = Vec2::new(x, y);
    context.set_fill_style_str(NOTE_PAPER);
    context.fill_rect(corner.x, corner.y, width, height);
    context.set_stroke_style_str(if picked { &colors.accent } else { NOTE_EDGE });
    context.set_line_width(if picked { 2.5 } else { 1.0 });
    context.stroke_rect(corner.x, corner.y, width, height);
    // The grip.
    context.set_fill_style_str(NOTE_EDGE);
    context.begin_path();
    context.move_to(corner.x + width, corner.y + height - 10.0);
    context.line_to(corner.x + width, corner.y + height);
    context.line_to(corner.x + width - 10.0, corner.y + height);
    context.close_path();
    context.fill();
    if viewport.zoom < 0.4 {
        return;
    }
    let size = 12.0 * viewport.zoom;
    context.set_font(&format!("{size:.0}px system-ui, sans-serif"));
    context.set_fill_style_str(NOTE_INK);
    let padding = 8.0 * viewport.zoom;
    let room = width - 2.0 * padding;
    let line_height = size * 1.35;
    let mut baseline = corner.y + padding + size;
    for text_line in wrapped(context, &note.text, room) {
        if baseline > corner.y + height - padding / 2.0 {
            break;
        }
        let _ = context.fill_text(&text_line, corner.x + padding, baseline);
        baseline += line_height;
    }
}

/// `text` broken into lines no wider than `room` at the context's font, at spaces where it can.
fn wrapped(context: &Context, text: &str, room: f64) -> Vec<String> {
    let width = |text: &str| {
        context
            .measure_text(text)
            .map_or(0.0, |metrics| metrics.width())
    };
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut current = String::new();
        for word in paragraph.split(' ') {
            let candidate = if current.is_empty() {
                word.to_owned()
            } else {
                format!("{current} {word}")
            };
            if width(&candidate) <= room || current.is_empty() {
                current = candidate;
            } else {
                lines.push(std::mem::take(&mut current));
                current = word.to_owned();
            }
        }
        lines.push(current);
    }
    lines
}
