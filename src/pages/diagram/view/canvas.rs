//! The canvas: painted from the store's scene whenever it or the view changes, sized to its
//! box (sharp on any pixel ratio); its pointer gestures, wheel, keys and the clipboard go
//! through the store's actions.

use super::paint::{self, Overlay};
use crate::browser::{measured, performance_mark};
use crate::components::toast::{use_toasts, Toasts};
use crate::i18n::{use_i18n, I18n, Msg};
use crate::pages::diagram::editing::decorations::{Decoration, DecorationAction};
use crate::pages::diagram::input::keys::{self, Command};
use crate::pages::diagram::input::pointer::{self, Gesture, Pointer};
use crate::pages::diagram::scene::viewport::Vec2;
use crate::pages::diagram::state::{use_diagram, DiagramStore};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::JsCast;

/// The pointer's place in the canvas, in CSS pixels.
pub fn local_point(event: &web_sys::MouseEvent) -> Vec2 {
    Vec2::new(f64::from(event.offset_x()), f64::from(event.offset_y()))
}

/// Focuses the first element `selector` finds; says whether there was one.
fn focus_first(selector: &str) -> bool {
    let Some(field) = document().query_selector(selector).ok().flatten() else {
        return false;
    };
    let _ = field.unchecked_into::<web_sys::HtmlElement>().focus();
    true
}

/// Puts the cursor in the picked note's text, once the panel shows it.
pub fn focus_note_text() {
    request_animation_frame(|| {
        focus_first("textarea[name=note-text]");
    });
}

/// Paints the store's scene on `canvas` whenever the scene, the view or what a gesture shows
/// changes; marks the first full frame.
fn paint_on_change(
    store: DiagramStore,
    canvas_ref: NodeRef<html::Canvas>,
    placed: StoredValue<bool>,
) {
    // Read once: reading computed styles on every frame would force a style pass each time.
    let colors = StoredValue::new(paint::Palette::from_page());
    let layer = StoredValue::new_local(paint::SceneLayer::new());
    let first_frame = StoredValue::new(false);
    Effect::new(move |_| {
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let size = store.canvas_size.get();
        let view = store.viewport.get();
        let chosen = store.selection.with(|selection| selection.steps());
        let overlay = Overlay {
            band: store.band.get(),
            wire: store.wire.get(),
            guides: store.guides.get(),
        };
        let picked = store.picked.get();
        let breakpoints = store.run.breakpoints.get();
        let Some(context) = paint::context_2d(&canvas) else {
            return;
        };
        let ratio = window().device_pixel_ratio();
        let _ = context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
        // The camera, for tools that point at steps (screen = (world - origin) * zoom).
        let _ = canvas.set_attribute(
            "data-view",
            &format!("{} {} {}", view.origin.x, view.origin.y, view.zoom),
        );
        let screen = paint::Screen {
            size,
            ratio,
            viewport: view,
        };
        store.scene.with(|scene| {
            let shown = paint::Shown {
                scene,
                stamp: store.scene_stamp.get_value(),
                selected: &chosen,
                picked: picked.as_ref(),
            };
            store.run.trail.with(|trail| {
                let run = paint::RunMarks {
                    trail,
                    breakpoints: &breakpoints,
                };
                layer.update_value(|layer| {
                    if let Some(layer) = layer {
                        colors.with_value(|colors| {
                            measured("diagram-paint", || {
                                paint::draw(
                                    &context, &screen, layer, &shown, &overlay, &run, colors,
                                )
                            })
                        });
                    }
                });
            });
        });
        // The first frame of the whole flow, sized and fitted.
        if placed.get_value() && !first_frame.get_value() {
            first_frame.set_value(true);
            performance_mark("diagram-drawn");
        }
    });
}

/// Sizes the canvas to its box whenever that box changes: with the window, with the panels
/// beside it, and when the canvas enters the page, which may come after it is created (under
/// `Suspense`, say). The first time it has a size, shows where the flow opens. Says when that is
/// done.
fn size_to_box(store: DiagramStore, canvas_ref: NodeRef<html::Canvas>) -> StoredValue<bool> {
    let placed = StoredValue::new(false);
    let measure = move || {
        let Some(canvas) = canvas_ref.get_untracked() else {
            return;
        };
        let (width, height) = (
            f64::from(canvas.client_width()),
            f64::from(canvas.client_height()),
        );
        // Not laid out yet: a flow fitted into nothing would open at the smallest zoom.
        if width == 0.0 || height == 0.0 {
            return;
        }
        let ratio = window().device_pixel_ratio();
        canvas.set_width((width * ratio) as u32);
        canvas.set_height((height * ratio) as u32);
        store.canvas_size.set(Vec2::new(width, height));
        if !placed.get_value() {
            placed.set_value(true);
            store.show_opening();
        }
    };
    let watch = StoredValue::new_local(None::<BoxWatch>);
    Effect::new(move |_| {
        if let Some(canvas) = canvas_ref.get() {
            if watch.with_value(Option::is_none) {
                // Resized in the next frame, not inside the observer's callback: a canvas
                // resized there changes layout the observer is still reporting on, which the
                // browser reports as an error (while the side panel is dragged, say).
                // The page may be gone by then.
                let measure_if_shown = move || {
                    if placed.try_get_value().is_some()
                        && canvas_ref.try_get_untracked().flatten().is_some()
                    {
                        measure();
                    }
                };
                watch.set_value(BoxWatch::new(&canvas, move || {
                    request_animation_frame(measure_if_shown)
                }));
                measure();
            }
        }
    });
    placed
}

/// A `ResizeObserver` on one element, disconnected when dropped (with the component).
struct BoxWatch {
    observer: web_sys::ResizeObserver,
    _on_resize: Closure<dyn FnMut()>,
}

impl BoxWatch {
    fn new(element: &web_sys::Element, on_resize: impl FnMut() + 'static) -> Option<Self> {
        let on_resize = Closure::<dyn FnMut()>::new(on_resize);
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
        observer.observe(element);
        Some(Self {
            observer,
            _on_resize: on_resize,
        })
    }
}

impl Drop for BoxWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Copy, cut and paste (Ctrl/Cmd+C, X, V) while the canvas has the focus: the browser's own
/// clipboard events, so no permission is asked.
fn clipboard_while_focused(store: DiagramStore, canvas_ref: NodeRef<html::Canvas>) {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let focused = move || {
        let active = document().active_element();
        canvas_ref
            .get_untracked()
            .is_some_and(|canvas| active.is_some_and(|active| active == **canvas))
    };
    let on_copy = move |event: web_sys::ClipboardEvent, cut: bool| {
        if !focused() {
            return;
        }
        let (Some(text), Some(data)) = (store.copy_selection(), event.clipboard_data()) else {
            return;
        };
        if data.set_data("text/plain", &text).is_ok() {
            event.prevent_default();
            if cut {
                store.remove_selection();
            }
        }
    };
    let listeners = [
        window_event_listener(ev::copy, move |event| on_copy(event, false)),
        window_event_listener(ev::cut, move |event| on_copy(event, true)),
        window_event_listener(ev::paste, move |event| {
            if !focused() {
                return;
            }
            if let Some(text) = event
                .clipboard_data()
                .and_then(|data| data.get_data("text/plain").ok())
            {
                event.prevent_default();
                if let Err(reason) = store.paste(&text) {
                    toasts
                        .error(i18n.t(Msg::CannotPaste(reason.in_locale(i18n.locale_untracked()))));
                }
            }
        }),
    ];
    on_cleanup(move || listeners.into_iter().for_each(|listener| listener.remove()));
}

/// What a key's command needs besides the store.
#[derive(Clone, Copy)]
struct KeyContext {
    i18n: I18n,
    toasts: Toasts,
    space_held: StoredValue<bool>,
}

/// Carries out a key's command; says whether the key's own meaning (scrolling, typing) gives
/// way to it.
fn run_command(store: DiagramStore, command: Command, context: KeyContext) -> bool {
    let KeyContext {
        i18n,
        toasts,
        space_held,
    } = context;
    match command {
        Command::Undo => store.undo(),
        Command::Redo => store.redo(),
        // Enter opens the selected step's properties: focus on their first field.
        Command::OpenProperties => {
            return focus_first(
                ".property-form input, .property-form textarea, .property-form select",
            )
        }
        Command::Duplicate => {
            if let Some(text) = store.copy_selection() {
                if let Err(reason) = store.paste(&text) {
                    toasts
                        .error(i18n.t(Msg::CannotPaste(reason.in_locale(i18n.locale_untracked()))));
                }
            }
        }
        Command::Delete => match store.picked.get_untracked() {
            // A note goes; a group lets its steps go free (they stay).
            Some(Decoration::Note(_)) => store.decorate(DecorationAction::RemoveNote),
            Some(Decoration::Group(_)) => store.decorate(DecorationAction::Ungroup),
            None if store
                .selection
                .with_untracked(|selection| !selection.is_empty()) =>
            {
                store.remove_selection();
            }
            None => return false,
        },
        Command::Group => {
            let label = i18n.t(Msg::NewGroupName(
                store.with_graph(|flow| flow.groups.len()) + 1,
            ));
            store.group_selection(&label);
        }
        Command::Ungroup => store.decorate(DecorationAction::Ungroup),
        // F, + and - leave the key to the page as well.
        Command::ZoomToSelection => {
            store.zoom_to_selection();
            return false;
        }
        Command::ZoomIn => {
            store.zoom_by(1.2);
            return false;
        }
        Command::ZoomOut => {
            store.zoom_by(1.0 / 1.2);
            return false;
        }
        Command::HoldSpace => space_held.set_value(true),
        Command::ToggleBreakpoint => store.toggle_breakpoints(&store.selected_steps()),
        Command::Walk { forward } => {
            let order: Vec<_> = store
                .scene
                .with_untracked(|scene| scene.boxes.iter().map(|b| b.node).collect());
            let current = store
                .selection
                .with_untracked(|selection| selection.primary);
            if let Some(next) = keys::walk(&order, current, forward) {
                store.focus(next);
            }
        }
    }
    true
}

#[component]
pub fn DiagramCanvas(canvas_ref: NodeRef<html::Canvas>) -> impl IntoView {
    let store = use_diagram();
    let i18n = use_i18n();
    let toasts = use_toasts();
    let placed = size_to_box(store, canvas_ref);
    paint_on_change(store, canvas_ref, placed);
    clipboard_while_focused(store, canvas_ref);
    let gesture = StoredValue::new(None::<Gesture>);
    // Space held: a drag anywhere pans, over steps too.
    let space_held = StoredValue::new(false);
    // Runs one step of the gesture machine over what the canvas shows now.
    let step = move |run: &dyn Fn(&pointer::Canvas) -> Vec<pointer::Effect>| {
        let effects = store.scene.with_untracked(|scene| {
            store.with_graph(|flow| {
                store.selection.with_untracked(|selection| {
                    run(&pointer::Canvas {
                        scene,
                        flow,
                        view: store.viewport.get_untracked(),
                        size: store.canvas_size.get_untracked(),
                        selection,
                    })
                })
            })
        });
        for effect in effects {
            if let Err(reason) = store.perform(effect) {
                toasts.error(reason.in_locale(i18n.locale_untracked()));
            }
        }
    };
    let pointer_of = |event: &ev::PointerEvent| Pointer {
        at: local_point(event),
        shift: event.shift_key(),
    };
    let on_pointer_down = move |event: ev::PointerEvent| {
        let at = pointer_of(&event);
        step(&|canvas| {
            let (next, effects) = pointer::press(canvas, at, space_held.get_value());
            gesture.set_value(next);
            effects
        });
        if let Some(canvas) = canvas_ref.get_untracked() {
            let _ = canvas.set_pointer_capture(event.pointer_id());
            let _ = canvas.focus();
        }
    };
    // The whole label of a listed port under the pointer, which its row may show shortened.
    let hover_title = move |event: &ev::PointerEvent| {
        let world = store.viewport.get_untracked().to_world(local_point(event));
        let title = store.scene.with_untracked(|scene| {
            scene
                .listed_port_at(world)
                .map(|dot| dot.label.clone())
                .unwrap_or_default()
        });
        if let Some(canvas) = canvas_ref.get_untracked() {
            if canvas.title() != title {
                canvas.set_title(&title);
            }
        }
    };
    let on_pointer_move = move |event: ev::PointerEvent| {
        let Some(running) = gesture.get_value() else {
            hover_title(&event);
            return;
        };
        let at = pointer_of(&event);
        step(&|canvas| {
            let (next, effects) = pointer::drag(running.clone(), canvas, at);
            gesture.set_value(Some(next));
            effects
        });
    };
    let on_pointer_up = move |event: ev::PointerEvent| {
        let Some(ended) = gesture.get_value() else {
            return;
        };
        gesture.set_value(None);
        let at = pointer_of(&event);
        step(&|canvas| pointer::release(ended.clone(), canvas, at));
    };
    let on_wheel = move |event: ev::WheelEvent| {
        event.prevent_default();
        let pixels = match event.delta_mode() {
            web_sys::WheelEvent::DOM_DELTA_LINE => 16.0,
            web_sys::WheelEvent::DOM_DELTA_PAGE => store.canvas_size.get_untracked().y,
            _ => 1.0,
        };
        let delta = Vec2::new(event.delta_x() * pixels, event.delta_y() * pixels);
        let zoom = event.ctrl_key() || event.meta_key();
        let at = local_point(&event);
        store
            .viewport
            .update(|view| *view = pointer::scrolled(*view, at, delta, zoom, event.shift_key()));
    };
    // A double click opens or closes a group, or goes to write a note.
    let on_double_click = move |event: ev::MouseEvent| {
        let world = store.viewport.get_untracked().to_world(local_point(&event));
        let under = store.scene.with_untracked(|scene| {
            scene
                .hit(world)
                .is_none()
                .then(|| scene.decoration_at(world))
                .flatten()
        });
        match under {
            Some(Decoration::Group(id)) => {
                let collapsed = store.with_graph(|flow| {
                    flow.groups
                        .iter()
                        .any(|group| group.id == id && group.collapsed)
                });
                store.pick(Some(Decoration::Group(id)));
                store.decorate(DecorationAction::Collapse(!collapsed));
            }
            Some(Decoration::Note(_)) => focus_note_text(),
            None => {}
        }
    };
    let on_key = move |event: ev::KeyboardEvent| {
        let command_key = event.ctrl_key() || event.meta_key();
        let context = KeyContext {
            i18n,
            toasts,
            space_held,
        };
        if let Some(command) = keys::command(&event.key(), command_key, event.shift_key()) {
            if run_command(store, command, context) {
                event.prevent_default();
            }
        }
    };
    view! {
        <canvas
            node_ref=canvas_ref
            tabindex="0"
            role="application"
            aria-label=move || i18n.t(Msg::DiagramCanvas)
            on:pointerdown=on_pointer_down
            on:pointermove=on_pointer_move
            on:pointerup=on_pointer_up
            on:wheel=on_wheel
            on:dblclick=on_double_click
            on:keydown=on_key
            on:keyup=move |event: ev::KeyboardEvent| if event.key() == " " { space_held.set_value(false) }
            on:blur=move |_| space_held.set_value(false)
        ></canvas>
    }
}
