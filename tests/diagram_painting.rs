//! The canvas's painting in a real browser: a pan copies the flow's picture instead of painting
//! every step again, and the copy looks the same as painting afresh; a changed flow is painted
//! again, never shown from the old picture; a run's marks are drawn over the picture.

#![cfg(target_arch = "wasm32")]

use flow_model::flow::{auto_layout, decompile, LayoutOptions};
use flow_model::l10n::Locale;
use flow_studio::pages::diagram::scene::trail::Trail;
use flow_studio::pages::diagram::scene::viewport::{Vec2, Viewport};
use flow_studio::pages::diagram::scene::Scene;
use flow_studio::pages::diagram::view::paint::{
    self, Overlay, Palette, RunMarks, SceneLayer, Screen, Shown,
};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::CanvasRenderingContext2d as Context;

wasm_bindgen_test_configure!(run_in_browser);

const SIZE: Vec2 = Vec2::new(480.0, 320.0);

fn scene_of(schema: Value) -> Scene {
    let mut flow = decompile(&schema).unwrap();
    auto_layout(&mut flow, LayoutOptions::default());
    Scene::of(&flow, &[], Locale::ENGLISH)
}

fn menu() -> Scene {
    scene_of(json!([
        {"answer": ""},
        {"switch": {"variable": "${digits}", "case": {
            "1": [{"log": "sales"}], "2": [{"log": "support"}], "3": [{"log": "billing"}],
            "4": [{"log": "operator"}], "5": [{"log": "repeat"}]
        }}},
        {"hangup": ""}
    ]))
}

fn context() -> Context {
    let canvas: web_sys::HtmlCanvasElement = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .create_element("canvas")
        .unwrap()
        .unchecked_into();
    canvas.set_width(SIZE.x as u32);
    canvas.set_height(SIZE.y as u32);
    paint::context_2d(&canvas).unwrap()
}

/// Paints `scene` (told apart by `stamp`) through `layer` at `origin`, zoom 1, and answers
/// the canvas's pixels.
fn painted(
    context: &Context,
    layer: &mut SceneLayer,
    scene: &Scene,
    stamp: u64,
    origin: Vec2,
) -> Vec<u8> {
    painted_with_run(context, layer, scene, stamp, origin, &Trail::default())
}

/// [`painted`], with a run's `trail` marked.
fn painted_with_run(
    context: &Context,
    layer: &mut SceneLayer,
    scene: &Scene,
    stamp: u64,
    origin: Vec2,
    trail: &Trail,
) -> Vec<u8> {
    let screen = Screen {
        size: SIZE,
        ratio: 1.0,
        viewport: Viewport { origin, zoom: 1.0 },
    };
    let shown = Shown {
        scene,
        stamp,
        selected: &[],
        picked: None,
    };
    paint::draw(
        context,
        &screen,
        layer,
        &shown,
        &Overlay::default(),
        &RunMarks {
            trail,
            breakpoints: &BTreeSet::new(),
        },
        &Palette::from_page(),
    );
    context
        .get_image_data(0.0, 0.0, SIZE.x, SIZE.y)
        .unwrap()
        .data()
        .to_vec()
}

/// The share of pixels that differ clearly in some channel.
fn differing(a: &[u8], b: &[u8]) -> f64 {
    let pixels = a.len() / 4;
    let differ = a
        .chunks(4)
        .zip(b.chunks(4))
        .filter(|(a, b)| a.iter().zip(*b).any(|(a, b)| a.abs_diff(*b) > 8))
        .count();
    differ as f64 / pixels as f64
}

#[wasm_bindgen_test]
fn a_pan_shows_the_same_as_painting_the_flow_afresh_there() {
    let scene = menu();
    let context = context();
    let mut layer = SceneLayer::new().unwrap();
    let before = painted(&context, &mut layer, &scene, 1, Vec2::new(-40.0, -40.0));
    let panned = Vec2::new(-3.0, -17.0);
    let copied = painted(&context, &mut layer, &scene, 1, panned);
    let fresh = painted(&context, &mut SceneLayer::new().unwrap(), &scene, 1, panned);
    let moved = differing(&before, &copied);
    assert!(moved > 0.02, "the pan moved the flow: {moved}");
    let apart = differing(&copied, &fresh);
    assert!(apart < 0.005, "{:.2} % of the pixels differ", apart * 100.0);
}

#[wasm_bindgen_test]
fn a_changed_flow_is_painted_again_not_copied() {
    let context = context();
    let mut layer = SceneLayer::new().unwrap();
    // Answer, and the switch or Hang up after it.
    let origin = Vec2::new(200.0, -40.0);
    let menu = menu();
    painted(&context, &mut layer, &menu, 1, origin);
    let chain = scene_of(json!([{"answer": ""}, {"hangup": ""}]));
    let shown = painted(&context, &mut layer, &chain, 2, origin);
    let fresh = painted(&context, &mut SceneLayer::new().unwrap(), &chain, 2, origin);
    assert!(differing(&shown, &fresh) < 0.005);
    let old = painted(&context, &mut SceneLayer::new().unwrap(), &menu, 1, origin);
    let changed = differing(&shown, &old);
    assert!(changed > 0.02, "the old flow is gone: {changed}");
}

#[wasm_bindgen_test]
fn a_run_marks_its_steps_over_the_picture_and_leaves_it_as_it_was() {
    let scene = menu();
    let context = context();
    let mut layer = SceneLayer::new().unwrap();
    let origin = Vec2::new(-40.0, -40.0);
    let plain = painted(&context, &mut layer, &scene, 1, origin);
    let answer = scene
        .boxes
        .iter()
        .find(|node_box| node_box.title == "Answer")
        .unwrap();
    let trail = Trail {
        current: Some(answer.node),
        ..Trail::default()
    };
    let marked = painted_with_run(&context, &mut layer, &scene, 1, origin, &trail);
    // The current step's outline, amber, just outside its box.
    let at = |x: f64, y: f64| {
        let index = ((y as usize) * SIZE.x as usize + x as usize) * 4;
        marked[index..index + 3].to_vec()
    };
    let rect = answer.rect;
    let (x, y) = (
        rect.x - origin.x - 3.0,
        rect.y - origin.y + rect.height / 2.0,
    );
    assert_eq!(at(x, y), [0xf5, 0x9e, 0x0b]);
    let changed = differing(&plain, &marked);
    assert!(changed > 0.0 && changed < 0.05, "only the marks: {changed}");
    // The picture under the marks is the same: without them, the plain flow again.
    let again = painted(&context, &mut layer, &scene, 1, origin);
    assert!(differing(&again, &plain) < 0.001);
}
