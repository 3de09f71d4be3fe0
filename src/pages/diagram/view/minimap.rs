//! The minimap: the whole flow, the visible area framed; a click or drag there moves the view.

use super::canvas::local_point;
use super::paint;
use crate::pages::diagram::scene::viewport::{Minimap as MinimapScale, Rect, Vec2};
use crate::pages::diagram::scene::Scene;
use crate::pages::diagram::state::use_diagram;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;

/// The minimap's size, in CSS pixels.
const SIZE: Vec2 = Vec2::new(200.0, 130.0);

#[component]
pub fn Minimap() -> impl IntoView {
    let store = use_diagram();
    let minimap_ref = NodeRef::<html::Canvas>::new();
    let colors = StoredValue::new(paint::Palette::from_page());
    let bounds = Memo::new(move |_| store.scene.with(Scene::bounds));
    let scale = Memo::new(move |_| {
        let size = store.canvas_size.get();
        let visible = store.viewport.get().visible(size);
        let bounds = bounds.get().unwrap_or(visible);
        (MinimapScale::new(bounds, visible, SIZE), visible)
    });
    // The flow's steps, painted once per scene and copied where the map puts them, so that a
    // pan redraws a picture and a frame, not every step.
    let picture = StoredValue::new_local(paint::offscreen_canvas());
    let pictured = StoredValue::new(None::<(u64, Rect)>);
    Effect::new(move |_| {
        let Some(canvas) = minimap_ref.get() else {
            return;
        };
        let (map, visible) = scale.get();
        let ratio = window().device_pixel_ratio();
        let (width, height) = ((SIZE.x * ratio) as u32, (SIZE.y * ratio) as u32);
        store.scene.with(|scene| {
            picture.with_value(|picture| {
                let Some((picture, picture_context)) = picture else {
                    return;
                };
                let stamp = store.scene_stamp.get_value();
                if pictured
                    .get_value()
                    .is_none_or(|(painted, _)| painted != stamp)
                {
                    let bounds = bounds.get_untracked().unwrap_or(visible);
                    let whole = MinimapScale::new(bounds, bounds, SIZE);
                    picture.set_width(width);
                    picture.set_height(height);
                    let _ = picture_context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
                    colors.with_value(|colors| {
                        paint::draw_minimap_steps(picture_context, scene, &whole, colors)
                    });
                    pictured.set_value(Some((stamp, whole.shows(SIZE))));
                }
                let Some((_, area)) = pictured.get_value() else {
                    return;
                };
                if (canvas.width(), canvas.height()) != (width, height) {
                    canvas.set_width(width);
                    canvas.set_height(height);
                }
                let Some(context) = paint::context_2d(&canvas) else {
                    return;
                };
                let _ = context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
                colors.with_value(|colors| {
                    paint::draw_minimap(&context, SIZE, picture, &area, &map, &visible, colors)
                });
            })
        });
    });
    let dragging = StoredValue::new(false);
    let move_there = move |event: &ev::PointerEvent| {
        let (map, _) = scale.get_untracked();
        store.centre_on(map.to_world(local_point(event)));
    };
    view! {
        <canvas
            class="minimap"
            node_ref=minimap_ref
            aria-hidden="true"
            on:pointerdown=move |event: ev::PointerEvent| {
                dragging.set_value(true);
                if let Some(canvas) = minimap_ref.get_untracked() {
                    let _ = canvas.set_pointer_capture(event.pointer_id());
                }
                move_there(&event);
            }
            on:pointermove=move |event: ev::PointerEvent| {
                if dragging.get_value() {
                    move_there(&event);
                }
            }
            on:pointerup=move |_| dragging.set_value(false)
        ></canvas>
    }
}
