//! How each thing on the canvas is painted: a step's box with its icon and ports, a group's
//! frame, a sticky note.

use super::{Brush, NOTE_EDGE, NOTE_INK, NOTE_PAPER, WARNING};
use crate::pages::diagram::scene::viewport::Vec2;
use crate::pages::diagram::scene::{GroupFrame, NodeBox, NoteBox, FRAME_HEADER, STEP_HEIGHT};
use flow_model::flow::Severity;
use web_sys::CanvasRenderingContext2d as Context;

pub(super) fn js_dash(pattern: &[f64]) -> web_sys::js_sys::Array {
    pattern
        .iter()
        .map(|value| wasm_bindgen::JsValue::from_f64(*value))
        .collect()
}

pub(super) fn draw_node(brush: Brush, node_box: &NodeBox, selected: bool) {
    let (context, viewport, colors) = (brush.context, brush.viewport, brush.colors);
    let (corner, width, height) = brush.on_screen(&node_box.rect);
    context.set_fill_style_str(if node_box.start {
        &colors.accent
    } else {
        &colors.surface
    });
    context.fill_rect(corner.x, corner.y, width, height);
    let overview = viewport.zoom < DETAIL_ZOOM;
    if let Some(tint) = node_box.tint.filter(|_| !node_box.start) {
        // Its group's colour: a band at its left edge, the whole box washed with it in
        // overview, so that steps are told apart at any zoom.
        context.set_fill_style_str(tint);
        if overview {
            context.set_global_alpha(0.22);
            context.fill_rect(corner.x, corner.y, width, height);
            context.set_global_alpha(1.0);
        }
        context.fill_rect(corner.x, corner.y, (4.0 * viewport.zoom).max(2.0), height);
    }
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
    if overview {
        // Too small to read or to grab a port: the app's icon, as large as the box allows.
        let size = (height * 0.8).min(width * 0.5);
        if size >= 6.0 {
            let color = match node_box.tint {
                _ if node_box.start => "#ffffff",
                Some(tint) => tint,
                None => colors.muted.as_str(),
            };
            let centre = Vec2::new(corner.x + width / 2.0, corner.y + height / 2.0);
            draw_icon(
                context,
                node_box.icon,
                Vec2::new(centre.x - size / 2.0, centre.y - size / 2.0),
                size,
                color,
            );
        }
        return;
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
        if !dot.linked && dot.turn.is_none() && !dot.label.is_empty() && viewport.zoom > 0.6 {
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
        let font = format!(
            "{weight} {:.0}px system-ui, sans-serif",
            size * viewport.zoom
        );
        let room = width - (left + 10.0) * viewport.zoom;
        let _ = context.fill_text(
            &fitted(context, font, text, room),
            corner.x + left * viewport.zoom,
            corner.y + baseline * viewport.zoom,
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
    draw_listed_ports(brush, node_box, corner.x + width);
}

/// The rows of a step that lists its ports: below a rule under its title band, each port's
/// label right-aligned beside its dot, shortened with an ellipsis when it does not fit (the
/// whole label shows on hover and in the Links panel).
fn draw_listed_ports(brush: Brush, node_box: &NodeBox, right: f64) {
    let (context, viewport, colors) = (brush.context, brush.viewport, brush.colors);
    let mut listed = node_box
        .ports
        .iter()
        .filter(|dot| dot.turn.is_some())
        .peekable();
    if listed.peek().is_none() {
        return;
    }
    let left = viewport.to_screen(Vec2::new(node_box.rect.x, 0.0)).x;
    let rule = viewport
        .to_screen(Vec2::new(0.0, node_box.rect.y + STEP_HEIGHT))
        .y;
    context.set_stroke_style_str(&colors.border);
    context.set_line_width(1.0);
    context.begin_path();
    context.move_to(left, rule);
    context.line_to(right, rule);
    context.stroke();
    let font = format!("400 {:.0}px system-ui, sans-serif", 12.0 * viewport.zoom);
    let room = right - left - 24.0 * viewport.zoom;
    context.set_fill_style_str(&colors.text);
    context.set_text_align("right");
    for dot in listed {
        let at = viewport.to_screen(dot.at);
        let _ = context.fill_text(
            &fitted(context, font.clone(), &dot.label, room),
            at.x - 10.0 * viewport.zoom,
            at.y + 4.0 * viewport.zoom,
        );
    }
    context.set_text_align("start");
}

/// Below this zoom steps show their group's colour and their app's icon instead of their
/// title and summary, which would be too small to read.
const DETAIL_ZOOM: f64 = 0.4;
/// The size in CSS pixels of group labels and notes' text in overview.
const OVERVIEW_TEXT: f64 = 11.0;

/// The longest start of `text` that, followed by an ellipsis, is at most `room` wide as
/// `width_of` measures it; `text` itself when it fits. Cut at characters, never inside one.
fn cut_to_fit(text: &str, room: f64, width_of: impl Fn(&str) -> f64) -> String {
    if width_of(text) <= room {
        return text.to_owned();
    }
    let ends: Vec<usize> = text.char_indices().map(|(at, _)| at).skip(1).collect();
    let with_ellipsis = |end: usize| format!("{}…", text[..end].trim_end());
    // The number of characters kept, found by halving: fits(kept) only gets harder as it grows.
    let (mut fits, mut fails) = (0, ends.len());
    while fails - fits > 1 {
        let middle = (fits + fails) / 2;
        if width_of(&with_ellipsis(ends[middle - 1])) <= room {
            fits = middle;
        } else {
            fails = middle;
        }
    }
    match fits {
        0 => "…".to_owned(),
        kept => with_ellipsis(ends[kept - 1]),
    }
}

/// Sets `font` on the context and gives [`cut_to_fit`] of `text` in it, remembered: the same
/// titles are drawn every frame of a pan (the font is the key as given, not read back from the
/// context, which would cost a call into JavaScript per text).
fn fitted(context: &Context, font: String, text: &str, room: f64) -> String {
    context.set_font(&font);
    thread_local! {
        static FITTED: std::cell::RefCell<std::collections::HashMap<(String, String, i64), String>> =
            Default::default();
    }
    let key = (text.to_owned(), font, room.floor() as i64);
    FITTED.with(|fitted| {
        let mut fitted = fitted.borrow_mut();
        if let Some(known) = fitted.get(&key) {
            return known.clone();
        }
        // Zooming makes new sizes all the time: forget them all now and then.
        if fitted.len() > 4096 {
            fitted.clear();
        }
        let width_of = |part: &str| {
            context
                .measure_text(part)
                .map_or(0.0, |metrics| metrics.width())
        };
        let cut = cut_to_fit(text, key.2 as f64, width_of);
        fitted.insert(key, cut.clone());
        cut
    })
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
                let Ok(path) = web_sys::Path2d::new_with_path_string(
                    &crate::pages::diagram::scene::icons::outline(icon),
                ) else {
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
pub(super) fn draw_frame(brush: Brush, frame: &GroupFrame, picked: bool) {
    let (context, viewport, colors) = (brush.context, brush.viewport, brush.colors);
    let (corner, width, height) = brush.on_screen(&frame.rect);
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
    let marker = if frame.collapsed { "▸" } else { "▾" };
    context.set_fill_style_str(&colors.text);
    // In overview the label keeps a readable size, over the frame's top edge.
    let (size, baseline) = if viewport.zoom < DETAIL_ZOOM {
        (OVERVIEW_TEXT, corner.y - 4.0)
    } else {
        (
            13.0 * viewport.zoom,
            corner.y + (FRAME_HEADER - 7.0) * viewport.zoom,
        )
    };
    let _ = context.fill_text(
        &fitted(
            context,
            format!("600 {size:.0}px system-ui, sans-serif"),
            &format!("{marker} {}", frame.label),
            width.max(160.0),
        ),
        corner.x + 8.0 * viewport.zoom,
        baseline,
    );
    if viewport.zoom < DETAIL_ZOOM {
        return;
    }
    if frame.collapsed {
        context.set_fill_style_str(&colors.muted);
        context.set_font(&format!(
            "{:.0}px system-ui, sans-serif",
            12.0 * viewport.zoom
        ));
        let _ = context.fill_text(
            &frame.count,
            corner.x + 22.0 * viewport.zoom,
            corner.y + 42.0 * viewport.zoom,
        );
    }
}

/// A sticky note: its text wrapped to its width, as many lines as fit, and a resize grip.
pub(super) fn draw_note(brush: Brush, note: &NoteBox, picked: bool) {
    let (context, viewport, colors) = (brush.context, brush.viewport, brush.colors);
    let (corner, width, height) = brush.on_screen(&note.rect);
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
    // In overview the text keeps a readable size: as much of it as the note's box holds.
    let size = (12.0 * viewport.zoom).max(OVERVIEW_TEXT);
    context.set_font(&format!("{size:.0}px system-ui, sans-serif"));
    context.set_fill_style_str(NOTE_INK);
    let padding = (8.0 * viewport.zoom).max(3.0);
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

#[cfg(test)]
mod tests {
    use super::cut_to_fit;

    /// Every character 10 wide.
    fn width_of(text: &str) -> f64 {
        text.chars().count() as f64 * 10.0
    }

    #[test]
    fn a_text_too_wide_is_cut_with_an_ellipsis_to_the_longest_start_that_fits() {
        assert_eq!(cut_to_fit("Switch", 60.0, width_of), "Switch");
        assert_eq!(cut_to_fit("Экспорт переменных", 80.0, width_of), "Экспорт…");
        assert_eq!(
            cut_to_fit("Export variables", 100.0, width_of),
            "Export va…"
        );
        assert_eq!(cut_to_fit("Export", 5.0, width_of), "…");
        let cut = cut_to_fit(
            "Экспорт переменных · 939-export-custom-tag",
            150.0,
            width_of,
        );
        assert!(width_of(&cut) <= 150.0 && cut.ends_with('…'), "{cut}");
    }
}
