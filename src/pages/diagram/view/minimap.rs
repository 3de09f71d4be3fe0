//! The minimap: the whole flow, the visible area framed; a click or drag there moves the view.

use super::canvas::local_point;
use super::paint;
use crate::pages::diagram::scene::viewport::{Minimap as MinimapScale, Vec2};
use crate::pages::diagram::scene::Scene;
use crate::pages::diagram::state::use_diagram;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// The minimap's size, in CSS pixels.
const SIZE: Vec2 = Vec2::new(200.0, 130.0);

#[component]
pub fn Minimap() -> impl IntoView {
    let store = use_diagram();
    let minimap_ref = NodeRef::<html::Canvas>::new();
    let colors = StoredValue::new(paint::Palette::from_page());
    let scale = Memo::new(move |_| {
        let size = store.canvas_size.get();
        let visible = store.viewport.get().visible(size);
        let bounds = store.scene.with(Scene::bounds).unwrap_or(visible);
        (MinimapScale::new(bounds, visible, SIZE), visible)
    });
    Effect::new(move |_| {
        let Some(canvas) = minimap_ref.get() else {
            return;
        };
        let (map, visible) = scale.get();
        let ratio = window().device_pixel_ratio();
        canvas.set_width((SIZE.x * ratio) as u32);
        canvas.set_height((SIZE.y * ratio) as u32);
        let Ok(Some(context)) = canvas.get_context("2d") else {
            return;
        };
        let context: web_sys::CanvasRenderingContext2d = context.unchecked_into();
        let _ = context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
        store.scene.with(|scene| {
            colors.with_value(|colors| {
                paint::draw_minimap(&context, SIZE, scene, &map, &visible, colors)
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
