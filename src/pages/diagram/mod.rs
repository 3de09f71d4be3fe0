//! The diagram editor: a canvas drawn from the flow graph (only what is on screen), pan and
//! zoom, a palette of the steps offered for the flow's type, live problems, and Save writing
//! both the compiled schema and the layout.

pub mod canvas;
pub mod clipboard;
pub mod decoration_panel;
pub mod decorations;
pub mod edit;
pub mod find;
pub mod guides;
pub mod history;
pub mod icons;
pub mod links;
pub mod properties;
pub mod routing;
pub mod scene;
pub mod settings;
pub mod viewport;
pub mod wiring;

use crate::api::{ApiError, WriteMode};
use crate::browser::performance_mark;
use crate::components::draft::{draft_key, DraftKeeper, DraftOffer};
use crate::components::flow_loader::{FlowLoader, Opened};
use crate::components::icon::{lucide, Icon};
use crate::components::modal::Modal;
use crate::components::require_session::{use_api_error_handler, RequireSession};
use crate::components::save_outcome::SaveOutcome;
use crate::components::toast::use_toasts;
use crate::components::unsaved::{LeaveGuard, UnsavedChangesModal};
use crate::i18n::{use_i18n, Msg};
use crate::pages::registry::registry_url;
use crate::session::use_auth;
use decoration_panel::{DecorationAction, DecorationPanel, Picked};
use decorations::Decoration;
use flow_model::catalog::{self, form, form::FormEdit};
use flow_model::flow::Point;
use flow_model::flow::{
    auto_layout, check, compile, payload, FlowGraph, LayoutOptions, Node, NodeId, Severity,
};
use flow_model::{FlowType, RoutingSchema, SchemaWrite};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use links::{LinkRow, LinksPanel};
use properties::PropertiesPanel;
use scene::Scene;
use settings::{FlowSettings, FlowSettingsModal};
use std::collections::HashMap;
use viewport::{Minimap, Rect, Vec2, Viewport};

#[component]
pub fn DiagramPage() -> impl IntoView {
    view! {
        <RequireSession>
            <FlowLoader editor=|opened: Opened| view! { <DiagramEditor opened /> }.into_any() />
        </RequireSession>
    }
}

/// What a pointer drag on the canvas is doing.
#[derive(Clone)]
enum Drag {
    Pan {
        last: Vec2,
    },
    /// Moves the selected steps together. `recorded`: the positions before the drag are in
    /// the history (once per drag).
    Move {
        grab: Vec2,
        starts: Vec<(NodeId, Point)>,
        recorded: bool,
    },
    /// Moves a note.
    Note {
        id: String,
        grab: Vec2,
        start: Point,
        recorded: bool,
    },
    /// Resizes a note by its corner.
    Resize {
        id: String,
        grab: Vec2,
        size: Vec2,
        recorded: bool,
    },
    /// Shift+drag on empty space: selects what the rectangle touches.
    Band {
        from: Vec2,
    },
    /// From a port: dropped on a step, links the port to it; dropped on empty space, unlinks
    /// the port.
    Wire {
        node: NodeId,
        port: flow_model::flow::Port,
        from: Vec2,
    },
}

const GRID: f64 = 20.0;
/// How near (in screen pixels) a dragged step's side or centre snaps to another's.
const ALIGN_REACH: f64 = 6.0;

/// A step being dragged from the palette: where the press was, and where the pointer is once
/// it has moved (client pixels).
#[derive(Clone, Copy)]
struct PaletteDrag {
    app: &'static str,
    from: Vec2,
    at: Option<Vec2>,
}

/// Puts the cursor in the picked note's text, once the panel shows it.
fn focus_note_text() {
    request_animation_frame(|| {
        if let Some(field) = document()
            .query_selector("textarea[name=note-text]")
            .ok()
            .flatten()
        {
            let _ = field.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}

fn client_point(event: &web_sys::MouseEvent) -> Vec2 {
    Vec2::new(f64::from(event.client_x()), f64::from(event.client_y()))
}
/// The minimap's size, in CSS pixels.
const MINIMAP: Vec2 = Vec2::new(200.0, 130.0);

fn snapped(value: f64) -> f64 {
    (value / GRID).round() * GRID
}

/// The pointer's place in the canvas, in CSS pixels.
fn local_point(event: &web_sys::MouseEvent) -> Vec2 {
    Vec2::new(f64::from(event.offset_x()), f64::from(event.offset_y()))
}

#[component]
fn DiagramEditor(opened: Opened) -> impl IntoView {
    let kind = opened
        .flow
        .as_ref()
        .and_then(|flow| flow.flow_type)
        .unwrap_or(opened.new_kind);
    let graph = match &opened.flow {
        Some(flow) => payload::open(
            flow.schema.as_ref().unwrap_or(&serde_json::json!([])),
            flow.payload.as_ref().unwrap_or(&serde_json::json!({})),
        ),
        None => Ok(FlowGraph::new()),
    };
    match graph {
        Ok(graph) => view! { <Editor graph flow=opened.flow kind /> }.into_any(),
        // Opening must not quietly show less than there is: say why and change nothing.
        Err(error) => view! {
            <main class="flow-page">
                <p class="error" role="alert">{error.to_string()}</p>
                <a href=registry_url()>"←"</a>
            </main>
        }
        .into_any(),
    }
}

#[component]
fn Editor(graph: FlowGraph, flow: Option<RoutingSchema>, kind: FlowType) -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let on_error = use_api_error_handler();

    let name = RwSignal::new(
        flow.as_ref()
            .and_then(|flow| flow.name.clone())
            .unwrap_or_default(),
    );
    let saved_name = RwSignal::new(name.get_untracked());
    let settings = RwSignal::new(FlowSettings::of_stored(flow.as_ref()));
    let saved_settings = RwSignal::new(settings.get_untracked());
    let settings_open = RwSignal::new(false);
    let current = RwSignal::new(flow);
    let graph = StoredValue::new(graph);
    let revision = RwSignal::new(0u64);
    let saved_revision = RwSignal::new(0u64);
    let viewport = RwSignal::new(Viewport::default());
    let selected = RwSignal::new(None::<NodeId>);
    // Steps selected along with `selected` (Shift+click, or a rubber band): moved and deleted
    // together with it.
    let group = RwSignal::new(Vec::<NodeId>::new());
    let band = RwSignal::new(None::<viewport::Rect>);
    let wire = RwSignal::new(None::<(Vec2, Vec2)>);
    // A note or group picked on the canvas (a step is picked with `selected` instead).
    let picked = RwSignal::new(None::<Decoration>);
    let alignment_guides = RwSignal::new(Vec::<guides::Guide>::new());
    let size = RwSignal::new(Vec2::new(800.0, 600.0));
    let name_error = RwSignal::new(None::<String>);
    let show_json = RwSignal::new(false);
    let dirty = move || {
        revision.get() != saved_revision.get()
            || name.get() != saved_name.get()
            || settings.with(|settings| saved_settings.with(|saved| settings != saved))
    };
    let drafts = DraftKeeper::new(
        draft_key(
            "diagram",
            current.with_untracked(|flow| flow.as_ref().and_then(|flow| flow.id)),
            kind.as_str(),
        ),
        &current.with_untracked(|flow| DiagramDraft::of_stored(flow.as_ref())),
    );

    // The graph itself is not reactive: every change bumps `revision`; a change of what the
    // flow does (not just where a step is drawn) also bumps `structure`, so dragging a step
    // redraws without validating the whole flow on every pointer move.
    let structure = RwSignal::new(0u64);
    let problems = Memo::new(move |_| {
        structure.track();
        graph.with_value(|flow| check(flow, kind))
    });
    // Steps being dragged: while there are, a change only moved them, and the scene follows
    // them instead of being rebuilt (it is, whenever what the flow does changes).
    let dragging = StoredValue::new(Vec::<NodeId>::new());
    // A note being moved or resized: the same, for it.
    let dragging_note = StoredValue::new(None::<String>);
    let scene_structure = StoredValue::new(None::<u64>);
    let scene = Memo::new_owning(move |previous: Option<Scene>| {
        revision.track();
        let problems = problems.get();
        let now = structure.get_untracked();
        let same_structure = scene_structure.get_value() == Some(now);
        let moved_only = !dragging.with_value(Vec::is_empty) && same_structure;
        let note_only = dragging_note.with_value(Option::is_some) && same_structure;
        let scene = match previous {
            Some(mut scene) if moved_only && scene.can_follow() => {
                dragging.with_value(|nodes| graph.with_value(|flow| scene.moved(flow, nodes)));
                scene
            }
            Some(mut scene) if note_only => {
                if let Some(id) = dragging_note.get_value() {
                    graph.with_value(|flow| scene.note_changed(flow, &id));
                }
                scene
            }
            _ => {
                scene_structure.set_value(Some(now));
                graph.with_value(|flow| Scene::of(flow, &problems))
            }
        };
        (scene, true)
    });
    // The off-canvas list a screen reader reads: each node, what it shows and where it leads
    // (and where it is drawn, for tools that point at steps). Keyed, so a change re-renders
    // only the nodes it touched; a drag updates it once, when the steps are dropped.
    let settled = RwSignal::new(0u64);
    let node_list = Memo::new(move |_| {
        structure.track();
        settled.track();
        scene.with_untracked(|scene| {
            // A step inside a collapsed group is reached through the group.
            let titles: HashMap<NodeId, &str> = scene
                .boxes
                .iter()
                .map(|node_box| (node_box.node, node_box.title.as_str()))
                .chain(
                    scene
                        .frames
                        .iter()
                        .filter(|frame| frame.collapsed)
                        .flat_map(|frame| {
                            frame
                                .members
                                .iter()
                                .map(|node| (*node, frame.label.as_str()))
                        }),
                )
                .collect();
            let mut outgoing: HashMap<NodeId, Vec<String>> = HashMap::new();
            for edge in &scene.edges {
                if let Some(target) = titles.get(&edge.to) {
                    outgoing
                        .entry(edge.from)
                        .or_default()
                        .push(format!("{} → {target}", edge.label));
                }
            }
            let centre = |rect: &Rect| {
                (
                    (rect.x + rect.width / 2.0) as i64,
                    (rect.y + rect.height / 2.0) as i64,
                )
            };
            let notes = scene.notes.iter().map(|note| {
                let (x, y) = centre(&note.rect);
                NodeItem {
                    node: None,
                    text: i18n.t(Msg::NoteOnCanvas(note.text.clone())),
                    x,
                    y,
                }
            });
            let frames = scene.frames.iter().map(|frame| {
                let (x, y) = centre(&frame.rect);
                NodeItem {
                    node: None,
                    text: i18n.t(Msg::GroupOnCanvas {
                        label: frame.label.clone(),
                        steps: frame.members.len(),
                        collapsed: frame.collapsed,
                    }),
                    x,
                    y,
                }
            });
            scene
                .boxes
                .iter()
                .map(|node_box| NodeItem {
                    node: Some(node_box.node),
                    text: format!(
                        "{}: {} {}",
                        node_box.title,
                        node_box.summary,
                        outgoing
                            .get(&node_box.node)
                            .map(|links| links.join(", "))
                            .unwrap_or_default()
                    ),
                    x: (node_box.rect.x + node_box.rect.width / 2.0) as i64,
                    y: (node_box.rect.y + node_box.rect.height / 2.0) as i64,
                })
                .chain(frames)
                .chain(notes)
                .collect::<Vec<_>>()
        })
    });
    let moved = move || revision.update(|revision| *revision += 1);
    let changed = move || {
        structure.update(|structure| *structure += 1);
        moved();
    };
    let history = StoredValue::new(history::History::default());
    // Every change goes through here, so each is one undoable step.
    let change = move |edit: &dyn Fn(&mut FlowGraph) -> bool| -> bool {
        let before = graph.with_value(FlowGraph::clone);
        let done = graph.try_update_value(|flow| edit(flow)).unwrap_or(false);
        if done {
            history.update_value(|history| history.record(before));
            changed();
        }
        done
    };
    let travel = move |forward: bool| {
        let current_graph = graph.with_value(FlowGraph::clone);
        let other = history
            .try_update_value(|history| {
                if forward {
                    history.redo(current_graph)
                } else {
                    history.undo(current_graph)
                }
            })
            .flatten();
        if let Some(other) = other {
            // The selection stays on its step while the step is still there.
            if selected
                .get_untracked()
                .is_some_and(|node| other.graph.node_weight(node).is_none())
            {
                selected.set(None);
            }
            group.update(|group| group.retain(|node| other.graph.node_weight(*node).is_some()));
            graph.set_value(other);
            changed();
        }
    };
    let can_travel = move |forward: bool| {
        revision.track();
        history.with_value(|history| {
            if forward {
                history.can_redo()
            } else {
                history.can_undo()
            }
        })
    };

    // While there are unsaved changes, the browser keeps them: the diagram as a save would
    // write it, made once the user pauses.
    Effect::new(move |_| {
        revision.track();
        let typed_name = name.get();
        let typed_settings = settings.get();
        drafts.keep(dirty(), move || {
            let mut copy = graph.with_value(FlowGraph::clone);
            let saved = payload::save(&mut copy, None);
            DiagramDraft {
                name: typed_name,
                settings: typed_settings,
                schema: saved.schema,
                payload: saved.payload,
            }
        });
    });
    // The canvas: sized to its box (sharp on any pixel ratio), redrawn on any change.
    let canvas_ref = NodeRef::<html::Canvas>::new();
    // Read once: reading computed styles on every frame would force a style pass each time.
    let colors = StoredValue::new(canvas::Palette::from_page());
    let measure = move || {
        let Some(canvas) = canvas_ref.get_untracked() else {
            return;
        };
        let ratio = window().device_pixel_ratio();
        let (width, height) = (
            f64::from(canvas.client_width()),
            f64::from(canvas.client_height()),
        );
        canvas.set_width((width * ratio) as u32);
        canvas.set_height((height * ratio) as u32);
        size.set(Vec2::new(width, height));
    };
    let resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    let fit = move || {
        if let Some(bounds) = scene.with_untracked(Scene::bounds) {
            viewport.set(Viewport::fitting(bounds, size.get_untracked()));
        }
    };
    let restore_draft =
        move |draft: DiagramDraft| match payload::open(&draft.schema, &draft.payload) {
            Ok(restored) => {
                change(&|flow| {
                    *flow = restored.clone();
                    true
                });
                name.set(draft.name);
                settings.set(draft.settings);
                selected.set(None);
                fit();
            }
            Err(error) => toasts.error(error.to_string()),
        };
    // Once the canvas is in the page: size it and show the whole flow.
    let placed = StoredValue::new(false);
    Effect::new(move |_| {
        if canvas_ref.get().is_some() && !placed.get_value() {
            placed.set_value(true);
            measure();
            fit();
        }
    });
    let first_frame = StoredValue::new(false);
    Effect::new(move |_| {
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let size = size.get();
        let view = viewport.get();
        let chosen: Vec<NodeId> = selected.get().into_iter().chain(group.get()).collect();
        let overlay = canvas::Overlay {
            band: band.get(),
            wire: wire.get(),
            guides: alignment_guides.get(),
            picked: picked.get(),
        };
        let Ok(Some(context)) = canvas.get_context("2d") else {
            return;
        };
        let context: web_sys::CanvasRenderingContext2d = context.unchecked_into();
        let ratio = window().device_pixel_ratio();
        let _ = context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
        // The camera, for tools that point at steps (screen = (world - origin) * zoom).
        let _ = canvas.set_attribute(
            "data-view",
            &format!("{} {} {}", view.origin.x, view.origin.y, view.zoom),
        );
        scene.with(|scene| {
            colors.with_value(|colors| {
                canvas::draw(&context, size, scene, &view, &chosen, &overlay, colors)
            })
        });
        // The first frame of the whole flow, sized and fitted.
        if placed.get_value() && !first_frame.get_value() {
            first_frame.set_value(true);
            performance_mark("diagram-drawn");
        }
    });

    // The minimap: the whole flow, the visible area framed; a click or drag there moves the
    // view.
    let minimap_ref = NodeRef::<html::Canvas>::new();
    let minimap = Memo::new(move |_| {
        let size = size.get();
        let visible = viewport.get().visible(size);
        let bounds = scene.with(Scene::bounds).unwrap_or(visible);
        (Minimap::new(bounds, visible, MINIMAP), visible)
    });
    Effect::new(move |_| {
        let Some(canvas) = minimap_ref.get() else {
            return;
        };
        let (map, visible) = minimap.get();
        let ratio = window().device_pixel_ratio();
        canvas.set_width((MINIMAP.x * ratio) as u32);
        canvas.set_height((MINIMAP.y * ratio) as u32);
        let Ok(Some(context)) = canvas.get_context("2d") else {
            return;
        };
        let context: web_sys::CanvasRenderingContext2d = context.unchecked_into();
        let _ = context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
        scene.with(|scene| {
            colors.with_value(|colors| {
                canvas::draw_minimap(&context, MINIMAP, scene, &map, &visible, colors)
            })
        });
    });
    let minimap_dragging = StoredValue::new(false);
    let minimap_move = move |event: &web_sys::PointerEvent| {
        let (map, _) = minimap.get_untracked();
        let world = map.to_world(local_point(event));
        viewport.update(|view| *view = view.centred_on(world, size.get_untracked()));
    };
    let drag = StoredValue::new(None::<Drag>);
    // Space held: a drag anywhere pans, over steps too.
    let space_held = StoredValue::new(false);
    let selection = move || -> Vec<NodeId> {
        selected
            .get_untracked()
            .into_iter()
            .chain(group.get_untracked())
            .collect()
    };
    let capture = move |event: &ev::PointerEvent| {
        if let Some(canvas) = canvas_ref.get_untracked() {
            let _ = canvas.set_pointer_capture(event.pointer_id());
            let _ = canvas.focus();
        }
    };
    // Where the steps `nodes` stand now, to move them from there.
    let starts_of = move |nodes: &[NodeId]| -> Vec<(NodeId, Point)> {
        graph.with_value(|flow| {
            nodes
                .iter()
                .filter_map(|node| {
                    flow.graph
                        .node_weight(*node)
                        .map(|weight| (*node, weight.position()))
                })
                .collect()
        })
    };
    // A press on a note (its body or its corner grip) or a group (its label band, or its box
    // when collapsed) picks it and starts moving or resizing it.
    let pick_decoration = move |world: Vec2| -> Option<(Decoration, Drag)> {
        let reach = scene::GRIP / viewport.get_untracked().zoom.min(1.0);
        let grip = scene.with_untracked(|scene| {
            scene
                .note_grip_at(world, reach)
                .map(|note| (note.id.clone(), note.rect))
        });
        if let Some((id, rect)) = grip {
            let drag = Drag::Resize {
                id: id.clone(),
                grab: world,
                size: Vec2::new(rect.width, rect.height),
                recorded: false,
            };
            return Some((Decoration::Note(id), drag));
        }
        match scene.with_untracked(|scene| scene.decoration_at(world))? {
            Decoration::Note(id) => {
                let start = graph.with_value(|flow| {
                    flow.comments
                        .iter()
                        .find(|note| note.id == id)
                        .map(|note| note.position)
                })?;
                let drag = Drag::Note {
                    id: id.clone(),
                    grab: world,
                    start,
                    recorded: false,
                };
                Some((Decoration::Note(id), drag))
            }
            Decoration::Group(id) => {
                let members = graph.with_value(|flow| {
                    flow.groups
                        .iter()
                        .find(|group| group.id == id)
                        .map(|group| group.nodes.clone())
                })?;
                let drag = Drag::Move {
                    grab: world,
                    starts: starts_of(&members),
                    recorded: false,
                };
                Some((Decoration::Group(id), drag))
            }
        }
    };
    let on_pointer_down = move |event: ev::PointerEvent| {
        let point = local_point(&event);
        if space_held.get_value() {
            drag.set_value(Some(Drag::Pan { last: point }));
            capture(&event);
            return;
        }
        let world = viewport.get_untracked().to_world(point);
        let reach = scene::PORT_REACH / viewport.get_untracked().zoom.min(1.0);
        let port = scene.with_untracked(|scene| scene.port_at(world, reach));
        if let (Some((node, port)), false) = (port, event.shift_key()) {
            let from = scene.with_untracked(|scene| {
                scene
                    .box_of(node)
                    .and_then(|node_box| node_box.ports.iter().find(|dot| dot.port == port))
                    .map_or(world, |dot| dot.at)
            });
            wire.set(Some((from, world)));
            drag.set_value(Some(Drag::Wire { node, port, from }));
            capture(&event);
            return;
        }
        let hit = scene.with_untracked(|scene| scene.hit(world));
        if let (None, false, Some((decoration, next))) =
            (hit, event.shift_key(), pick_decoration(world))
        {
            selected.set(None);
            group.set(Vec::new());
            picked.set(Some(decoration));
            drag.set_value(Some(next));
            capture(&event);
            return;
        }
        picked.set(None);
        let next = match (hit, event.shift_key()) {
            (Some(node), true) => {
                // Shift+click adds the step to the selection, or takes it out.
                if selected.get_untracked().is_none() {
                    selected.set(Some(node));
                } else if selected.get_untracked() != Some(node) {
                    group.update(|group| match group.iter().position(|n| *n == node) {
                        Some(at) => {
                            group.remove(at);
                        }
                        None => group.push(node),
                    });
                }
                None
            }
            (None, true) => Some(Drag::Band { from: world }),
            (Some(node), false) => {
                if !selection().contains(&node) {
                    selected.set(Some(node));
                    group.set(Vec::new());
                }
                Some(Drag::Move {
                    grab: world,
                    starts: starts_of(&selection()),
                    recorded: false,
                })
            }
            (None, false) => {
                selected.set(None);
                group.set(Vec::new());
                Some(Drag::Pan { last: point })
            }
        };
        drag.set_value(next);
        capture(&event);
    };
    // The first move of a drag puts the diagram as it was into the history: the whole drag is
    // one undoable step.
    let record_once = move |recorded: bool| {
        if !recorded {
            history.update_value(|history| history.record(graph.with_value(FlowGraph::clone)));
        }
    };
    let on_pointer_move = move |event: ev::PointerEvent| {
        let point = local_point(&event);
        let view = viewport.get_untracked();
        let world = view.to_world(point);
        match drag.get_value() {
            Some(Drag::Pan { last }) => {
                viewport.update(|view| {
                    *view = view.panned(Vec2::new(point.x - last.x, point.y - last.y))
                });
                drag.set_value(Some(Drag::Pan { last: point }));
            }
            Some(Drag::Move {
                grab,
                starts,
                recorded,
            }) => {
                record_once(recorded);
                if !recorded {
                    dragging.set_value(starts.iter().map(|(node, _)| *node).collect());
                }
                let placed: Vec<(NodeId, Point)> = starts
                    .iter()
                    .map(|(node, start)| {
                        let at = Point {
                            x: snapped(start.x + world.x - grab.x),
                            y: snapped(start.y + world.y - grab.y),
                        };
                        (*node, at)
                    })
                    .collect();
                // Lined up with the steps on show, where they come near.
                let alignment = scene.with_untracked(|scene| {
                    let moving = Rect::around(placed.iter().filter_map(|(node, at)| {
                        scene.box_of(*node).map(|node_box| Rect {
                            x: at.x,
                            y: at.y,
                            ..node_box.rect
                        })
                    }))?;
                    let visible = view.visible(size.get_untracked());
                    let others: Vec<Rect> = scene
                        .boxes
                        .iter()
                        .filter(|node_box| {
                            node_box.rect.intersects(&visible)
                                && !starts.iter().any(|(node, _)| *node == node_box.node)
                        })
                        .map(|node_box| node_box.rect)
                        .collect();
                    Some(guides::align(moving, &others, ALIGN_REACH / view.zoom))
                });
                let alignment = alignment.unwrap_or_default();
                graph.update_value(|flow| {
                    for (node, at) in &placed {
                        if let Some(weight) = flow.graph.node_weight_mut(*node) {
                            weight.set_position(Point {
                                x: at.x + alignment.nudge.x,
                                y: at.y + alignment.nudge.y,
                            });
                        }
                    }
                });
                alignment_guides.set(alignment.guides);
                drag.set_value(Some(Drag::Move {
                    grab,
                    starts,
                    recorded: true,
                }));
                moved();
            }
            Some(Drag::Note {
                id,
                grab,
                start,
                recorded,
            }) => {
                record_once(recorded);
                dragging_note.set_value(Some(id.clone()));
                let to = Point {
                    x: snapped(start.x + world.x - grab.x),
                    y: snapped(start.y + world.y - grab.y),
                };
                graph.update_value(|flow| {
                    decorations::move_note(flow, &id, to);
                });
                drag.set_value(Some(Drag::Note {
                    id,
                    grab,
                    start,
                    recorded: true,
                }));
                moved();
            }
            Some(Drag::Resize {
                id,
                grab,
                size: from,
                recorded,
            }) => {
                record_once(recorded);
                dragging_note.set_value(Some(id.clone()));
                graph.update_value(|flow| {
                    decorations::resize_note(
                        flow,
                        &id,
                        from.x + world.x - grab.x,
                        from.y + world.y - grab.y,
                    );
                });
                drag.set_value(Some(Drag::Resize {
                    id,
                    grab,
                    size: from,
                    recorded: true,
                }));
                moved();
            }
            Some(Drag::Band { from }) => band.set(Some(viewport::Rect::spanning(from, world))),
            Some(Drag::Wire { from, .. }) => wire.set(Some((from, world))),
            None => {}
        }
    };
    // Links `port` of `node` to `target` (or unlinks it), as one undoable change; a refusal is
    // said in a toast. Dragging a port and the Links panel both come here.
    let relink = move |node: NodeId, port: flow_model::flow::Port, target: Option<NodeId>| {
        let refused = std::cell::Cell::new(None);
        change(&|flow| match target {
            Some(to) => match wiring::connect(flow, node, port.clone(), to) {
                Ok(()) => true,
                Err(reason) => {
                    refused.set(Some(reason));
                    false
                }
            },
            None => wiring::disconnect(flow, node, &port),
        });
        if let Some(reason) = refused.take() {
            toasts.error(reason);
        }
    };
    let on_pointer_up = move |event: ev::PointerEvent| {
        match drag.get_value() {
            Some(Drag::Move { recorded: true, .. }) => {
                // Dropped: the scene is built again, links going around steps once more.
                dragging.set_value(Vec::new());
                alignment_guides.set(Vec::new());
                moved();
                settled.update(|settled| *settled += 1);
            }
            Some(Drag::Note { recorded: true, .. } | Drag::Resize { recorded: true, .. }) => {
                dragging_note.set_value(None);
                settled.update(|settled| *settled += 1);
            }
            _ => {}
        }
        if let Some(Drag::Wire { node, port, .. }) = drag.get_value() {
            wire.set(None);
            let world = viewport.get_untracked().to_world(local_point(&event));
            let target = scene.with_untracked(|scene| scene.hit(world));
            match target {
                // Back onto its own step: a slip, not a loop.
                Some(to) if to == node => {}
                target => relink(node, port, target),
            }
            drag.set_value(None);
            return;
        }
        if let Some(area) = band.get_untracked() {
            let touched = scene.with_untracked(|scene| scene.touching(&area));
            selected.set(touched.first().copied());
            group.set(touched.into_iter().skip(1).collect());
            band.set(None);
        }
        drag.set_value(None);
    };
    // Scrolling pans (Shift turns it sideways); with Ctrl or Cmd held (a pinch on a touchpad
    // is one) it zooms around the pointer.
    let on_wheel = move |event: ev::WheelEvent| {
        event.prevent_default();
        let point = local_point(&event);
        let pixels = match event.delta_mode() {
            web_sys::WheelEvent::DOM_DELTA_LINE => 16.0,
            web_sys::WheelEvent::DOM_DELTA_PAGE => size.get_untracked().y,
            _ => 1.0,
        };
        let (dx, dy) = (event.delta_x() * pixels, event.delta_y() * pixels);
        if event.ctrl_key() || event.meta_key() {
            let factor = (-dy * 0.0015).exp();
            viewport.update(|view| *view = view.zoomed_at(point, factor));
        } else {
            let (dx, dy) = if event.shift_key() && dx == 0.0 {
                (dy, 0.0)
            } else {
                (dx, dy)
            };
            viewport.update(|view| *view = view.panned(Vec2::new(-dx, -dy)));
        }
    };

    let focus_node = move |node: NodeId| {
        // A step inside a collapsed group: open the group to show it.
        if scene.with_untracked(|scene| scene.box_of(node).is_none()) {
            change(&|flow| decorations::reveal(flow, node));
        }
        picked.set(None);
        selected.set(Some(node));
        group.set(Vec::new());
        if let Some(node_box) = scene.with_untracked(|scene| scene.box_of(node).cloned()) {
            let center = Vec2::new(
                node_box.rect.x + node_box.rect.width / 2.0,
                node_box.rect.y + node_box.rect.height / 2.0,
            );
            viewport.update(|view| *view = view.centred_on(center, size.get_untracked()));
        }
    };
    // Copy, cut and paste (Ctrl/Cmd+C, X, V) while the canvas has the focus: the browser's own
    // clipboard events, so no permission is asked; Ctrl/Cmd+D duplicates.
    let canvas_focused = move || {
        let active = document().active_element();
        canvas_ref
            .get_untracked()
            .is_some_and(|canvas| active.is_some_and(|active| active == **canvas))
    };
    let paste_text = move |text: String| {
        let pasted = std::cell::Cell::new(None);
        let refused = std::cell::Cell::new(None);
        change(
            &|flow| match clipboard::paste(flow, selected.get_untracked(), &text) {
                Ok(node) => {
                    pasted.set(Some(node));
                    true
                }
                Err(reason) => {
                    refused.set(Some(reason));
                    false
                }
            },
        );
        match (pasted.get(), refused.take()) {
            (Some(node), _) => focus_node(node),
            (None, Some(reason)) => toasts.error(i18n.t(Msg::CannotPaste(reason))),
            (None, None) => {}
        }
    };
    // Deletes the selected steps (every one of them, not only up to the first removed).
    let remove_selection = move || {
        let doomed = selection();
        let removed = change(&|flow| {
            let mut any = false;
            for node in &doomed {
                any |= edit::remove_node(flow, *node);
            }
            any
        });
        if removed {
            selected.set(None);
            group.set(Vec::new());
        }
        removed
    };
    let copied = move || graph.with_value(|flow| clipboard::copy(flow, &selection()));
    let on_copy = move |event: web_sys::ClipboardEvent, cut: bool| {
        if !canvas_focused() {
            return;
        }
        let (Some(text), Some(data)) = (copied(), event.clipboard_data()) else {
            return;
        };
        if data.set_data("text/plain", &text).is_ok() {
            event.prevent_default();
            if cut {
                remove_selection();
            }
        }
    };
    let clipboard_listeners = [
        window_event_listener(ev::copy, move |event| on_copy(event, false)),
        window_event_listener(ev::cut, move |event| on_copy(event, true)),
        window_event_listener(ev::paste, move |event| {
            if !canvas_focused() {
                return;
            }
            if let Some(text) = event
                .clipboard_data()
                .and_then(|data| data.get_data("text/plain").ok())
            {
                event.prevent_default();
                paste_text(text);
            }
        }),
    ];
    on_cleanup(move || {
        clipboard_listeners
            .into_iter()
            .for_each(|listener| listener.remove())
    });
    let arrange = move |_| {
        change(&|flow| {
            auto_layout(flow, LayoutOptions::default());
            true
        });
        fit();
    };
    let to_start = move |_| focus_node(graph.with_value(|flow| flow.start));
    let query = RwSignal::new(String::new());
    let found = Memo::new(move |_| {
        revision.track();
        let query = query.get();
        scene.with(|scene| graph.with_value(|flow| find::matches(flow, scene, &query)))
    });
    let find_next = move |forward: bool| {
        let next =
            found.with_untracked(|found| find::next(found, selected.get_untracked(), forward));
        if let Some(node) = next {
            focus_node(node);
        }
    };
    let match_count = move || {
        let at = found.with(|found| {
            selected
                .get()
                .and_then(|node| found.iter().position(|found| *found == node))
                .map_or(0, |at| at + 1)
        });
        i18n.t(Msg::MatchCount {
            at,
            of: found.with(Vec::len),
        })
    };
    // Zooms around the middle of the canvas.
    let zoom_by = move |factor: f64| {
        let middle = Vec2::new(size.get_untracked().x / 2.0, size.get_untracked().y / 2.0);
        viewport.update(|view| *view = view.zoomed_at(middle, factor));
    };
    // The selected steps into a new group, which is then picked (to name it).
    let group_selection = move || {
        let nodes = selection();
        let label = i18n.t(Msg::NewGroupName(
            graph.with_value(|flow| flow.groups.len()) + 1,
        ));
        let made = std::cell::RefCell::new(None);
        change(&|flow| {
            *made.borrow_mut() = decorations::group_nodes(flow, &nodes, &label);
            made.borrow().is_some()
        });
        if let Some(id) = made.into_inner() {
            selected.set(None);
            group.set(Vec::new());
            picked.set(Some(Decoration::Group(id)));
        }
    };
    // What the panel (or a key) asks of the picked note or group; for Ungroup with a step
    // selected instead, its group.
    let decorate = move |action: DecorationAction| {
        let target = picked.get_untracked().or_else(|| {
            let node = selected.get_untracked()?;
            graph.with_value(|flow| {
                decorations::group_of(flow, node).map(|group| Decoration::Group(group.id.clone()))
            })
        });
        let Some(target) = target else {
            return;
        };
        match (&target, action) {
            (Decoration::Note(id), DecorationAction::NoteText(text)) => {
                change(&|flow| decorations::set_note_text(flow, id, &text));
            }
            (Decoration::Note(id), DecorationAction::RemoveNote) => {
                // Removed now, or already gone: nothing is picked either way.
                change(&|flow| decorations::remove_note(flow, id));
                picked.set(None);
            }
            (Decoration::Group(id), DecorationAction::Rename(label)) => {
                change(&|flow| decorations::rename_group(flow, id, label.trim()));
            }
            (Decoration::Group(id), DecorationAction::Collapse(collapsed)) => {
                change(&|flow| decorations::set_collapsed(flow, id, collapsed));
            }
            (Decoration::Group(id), DecorationAction::SelectSteps) => {
                let members = graph.with_value(|flow| {
                    flow.groups
                        .iter()
                        .find(|group| &group.id == id)
                        .map(|group| group.nodes.clone())
                        .unwrap_or_default()
                });
                change(&|flow| decorations::set_collapsed(flow, id, false));
                picked.set(None);
                selected.set(members.first().copied());
                group.set(members.into_iter().skip(1).collect());
            }
            (Decoration::Group(id), DecorationAction::Ungroup) => {
                change(&|flow| decorations::ungroup(flow, id));
                picked.set(None);
            }
            _ => {}
        }
    };
    let picked_view = Memo::new(move |_| {
        revision.track();
        let decoration = picked.get()?;
        graph.with_value(|flow| match decoration {
            Decoration::Note(id) => {
                flow.comments
                    .iter()
                    .find(|note| note.id == id)
                    .map(|note| Picked::Note {
                        text: note.text.clone(),
                    })
            }
            Decoration::Group(id) => flow
                .groups
                .iter()
                .find(|group| group.id == id)
                .map(|group| Picked::Group {
                    label: group.label.clone(),
                    collapsed: group.collapsed,
                    steps: group.nodes.len(),
                }),
        })
    });
    // Shows what is selected (steps, a note, a group) as large as fits; nothing selected,
    // the whole flow.
    let zoom_to_selection = move || {
        let chosen = scene.with_untracked(|scene| {
            let mut rects: Vec<Rect> = selection()
                .into_iter()
                .filter_map(|node| scene.box_of(node).map(|node_box| node_box.rect))
                .collect();
            match picked.get_untracked() {
                Some(Decoration::Note(id)) => rects.extend(
                    scene
                        .notes
                        .iter()
                        .filter(|note| note.id == id)
                        .map(|note| note.rect),
                ),
                Some(Decoration::Group(id)) => rects.extend(
                    scene
                        .frames
                        .iter()
                        .filter(|frame| frame.id == id)
                        .map(|frame| frame.rect),
                ),
                None => {}
            }
            Rect::around(rects)
        });
        match chosen {
            Some(bounds) => viewport.set(Viewport::fitting(bounds, size.get_untracked())),
            None => fit(),
        }
    };
    // A new note in the middle of the view, picked to be written.
    let add_note = move |_| {
        let view = viewport.get_untracked();
        let centre = view.to_world(Vec2::new(
            size.get_untracked().x / 2.0,
            size.get_untracked().y / 2.0,
        ));
        let spot = scene.with_untracked(|scene| {
            scene.free_spot(
                centre,
                Vec2::new(decorations::NOTE_WIDTH, decorations::NOTE_HEIGHT),
                GRID,
            )
        });
        let at = Point {
            x: spot.x,
            y: spot.y,
        };
        let made = std::cell::RefCell::new(None);
        change(&|flow| {
            *made.borrow_mut() = Some(decorations::add_note(flow, at));
            true
        });
        if let Some(id) = made.into_inner() {
            selected.set(None);
            group.set(Vec::new());
            picked.set(Some(Decoration::Note(id)));
            focus_note_text();
        }
    };
    // A double click opens or closes a group, or goes to write a note.
    let on_double_click = move |event: ev::MouseEvent| {
        let world = viewport.get_untracked().to_world(local_point(&event));
        if scene.with_untracked(|scene| scene.hit(world)).is_some() {
            return;
        }
        match scene.with_untracked(|scene| scene.decoration_at(world)) {
            Some(Decoration::Group(id)) => {
                let collapsed = graph.with_value(|flow| {
                    flow.groups
                        .iter()
                        .any(|group| group.id == id && group.collapsed)
                });
                picked.set(Some(Decoration::Group(id)));
                decorate(DecorationAction::Collapse(!collapsed));
            }
            Some(Decoration::Note(_)) => focus_note_text(),
            None => {}
        }
    };
    let on_key = move |event: ev::KeyboardEvent| match event.key().as_str() {
        "z" | "Z" if event.ctrl_key() || event.meta_key() => {
            event.prevent_default();
            travel(event.shift_key());
        }
        "Enter" => {
            // Enter opens the selected step's properties: focus on their first field.
            if let Some(field) = document()
                .query_selector(
                    ".property-form input, .property-form textarea, .property-form select",
                )
                .ok()
                .flatten()
            {
                event.prevent_default();
                let _ = field.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
        "d" | "D" if event.ctrl_key() || event.meta_key() => {
            event.prevent_default();
            if let Some(text) = copied() {
                paste_text(text);
            }
        }
        "y" | "Y" if event.ctrl_key() || event.meta_key() => {
            event.prevent_default();
            travel(true);
        }
        "Delete" | "Backspace" => {
            if let Some(decoration) = picked.get_untracked() {
                event.prevent_default();
                // A note goes; a group lets its steps go free (they stay).
                decorate(match decoration {
                    Decoration::Note(_) => DecorationAction::RemoveNote,
                    Decoration::Group(_) => DecorationAction::Ungroup,
                });
            } else if !selection().is_empty() {
                event.prevent_default();
                remove_selection();
            }
        }
        "g" | "G" if event.ctrl_key() || event.meta_key() => {
            event.prevent_default();
            if event.shift_key() {
                decorate(DecorationAction::Ungroup);
            } else {
                group_selection();
            }
        }
        "f" | "F" if !(event.ctrl_key() || event.meta_key()) => zoom_to_selection(),
        " " => {
            event.prevent_default();
            space_held.set_value(true);
        }
        "+" | "=" => zoom_by(1.2),
        "-" => zoom_by(1.0 / 1.2),
        "ArrowRight" | "ArrowLeft" | "ArrowDown" | "ArrowUp" => {
            // Arrows walk the steps in reading order.
            event.prevent_default();
            let order: Vec<NodeId> =
                scene.with_untracked(|scene| scene.boxes.iter().map(|b| b.node).collect());
            if order.is_empty() {
                return;
            }
            let at = selected
                .get_untracked()
                .and_then(|node| order.iter().position(|n| *n == node));
            let forward = matches!(event.key().as_str(), "ArrowRight" | "ArrowDown");
            let next = match (at, forward) {
                (None, _) => 0,
                (Some(at), true) => (at + 1) % order.len(),
                (Some(at), false) => (at + order.len() - 1) % order.len(),
            };
            focus_node(order[next]);
        }
        _ => {}
    };

    let add = move |app: &'static str| {
        let after = selected.get_untracked();
        let added = std::cell::Cell::new(None);
        change(&|flow| {
            added.set(Some(edit::add_step(flow, after, app)));
            true
        });
        if let Some(node) = added.get() {
            focus_node(node);
        }
    };

    // Dragging a step from the palette: dropped on a link, it goes into it; on the canvas, it
    // stands where it was dropped, to be linked from a port.
    let palette_drag = RwSignal::new(None::<PaletteDrag>);
    // A drag that ends on its own palette button must not also count as a click there.
    let palette_dragged = StoredValue::new(false);
    let drop_app = move |app: &'static str, local: Vec2| {
        let view = viewport.get_untracked();
        let world = view.to_world(local);
        let at = Point {
            x: snapped(world.x - scene::NODE_WIDTH / 2.0),
            y: snapped(world.y - scene::NODE_HEIGHT / 2.0),
        };
        let link = scene.with_untracked(|scene| {
            if scene.hit(world).is_some() {
                return None;
            }
            scene
                .edge_at(world, scene::PORT_REACH / view.zoom.min(1.0))
                .map(|edge| edge.link)
        });
        let added = std::cell::Cell::new(None);
        change(&|flow| {
            added.set(match link {
                Some(link) => edit::insert_into_link(flow, link, app, at),
                None => Some(edit::place_step(flow, app, at)),
            });
            added.get().is_some()
        });
        if let Some(node) = added.get() {
            picked.set(None);
            selected.set(Some(node));
            group.set(Vec::new());
            if let Some(canvas) = canvas_ref.get_untracked() {
                let _ = canvas.focus();
            }
        }
    };
    let palette_listeners = [
        window_event_listener(ev::pointermove, move |event| {
            let Some(mut dragged) = palette_drag.get_untracked() else {
                return;
            };
            let at = client_point(&event);
            let far = (at.x - dragged.from.x).hypot(at.y - dragged.from.y) > 4.0;
            if dragged.at.is_some() || far {
                dragged.at = Some(at);
                palette_drag.set(Some(dragged));
            }
        }),
        window_event_listener(ev::pointerup, move |event| {
            let Some(dragged) = palette_drag.get_untracked() else {
                return;
            };
            palette_drag.set(None);
            if dragged.at.is_none() {
                return; // a click: the button adds the step
            }
            palette_dragged.set_value(true);
            set_timeout(
                move || palette_dragged.set_value(false),
                std::time::Duration::ZERO,
            );
            let Some(canvas) = canvas_ref.get_untracked() else {
                return;
            };
            let area = canvas.get_bounding_client_rect();
            let at = client_point(&event);
            let local = Vec2::new(at.x - area.left(), at.y - area.top());
            if local.x >= 0.0
                && local.y >= 0.0
                && local.x <= area.width()
                && local.y <= area.height()
            {
                drop_app(dragged.app, local);
            }
        }),
    ];
    on_cleanup(move || {
        palette_listeners
            .into_iter()
            .for_each(|listener| listener.remove())
    });

    // The selected step as raw JSON, editable; Apply is one undoable change.
    let raw = RwSignal::new(String::new());
    let raw_error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        revision.track();
        let text = selected
            .get()
            .and_then(|node| graph.with_value(|flow| edit::step_text(flow, node)));
        raw.set(text.unwrap_or_default());
        raw_error.set(None);
    });
    let step_selected = move || {
        revision.track();
        selected
            .get()
            .is_some_and(|node| graph.with_value(|flow| flow.step(node).is_some()))
    };
    let selected_step = Memo::new(move |_| {
        revision.track();
        let node = selected.get()?;
        graph.with_value(|flow| {
            flow.step(node)
                .map(|step| (step.app.clone(), step.object.clone()))
        })
    });
    // One edit of the form (a field, an item added or removed), as one undoable change;
    // nothing is recorded when it is refused or changes nothing. A removed branch (a switch
    // case) takes its link with it.
    let edit_property = move |edit: FormEdit| -> Result<(), String> {
        let node = selected.get_untracked().ok_or("no step is selected")?;
        let outcome = std::cell::Cell::new(Ok(()));
        change(&|flow| {
            let Some((app, before)) = flow
                .step(node)
                .map(|step| (step.app.clone(), step.object.clone()))
            else {
                return false;
            };
            let mut object = before.clone();
            let done = form::apply(&app, &mut object, &edit).and_then(|()| match &edit {
                FormEdit::Remove(path) => wiring::unlink_under(flow, node, path),
                _ => Ok(()),
            });
            match (done, flow.graph.node_weight_mut(node)) {
                (Ok(()), Some(Node::Step(step))) => {
                    step.object = object;
                    step.object != before || matches!(edit, FormEdit::Remove(_))
                }
                (Err(reason), _) => {
                    outcome.set(Err(reason));
                    false
                }
                _ => false,
            }
        });
        outcome.into_inner()
    };
    // The selected node's ports and where they lead, and the steps they may lead to.
    let links = Memo::new(move |_| {
        let Some(node) = selected.get() else {
            return Vec::new();
        };
        scene.with(|scene| {
            scene.box_of(node).map_or_else(Vec::new, |node_box| {
                graph.with_value(|flow| {
                    node_box
                        .ports
                        .iter()
                        .map(|dot| LinkRow {
                            port: dot.port.clone(),
                            label: dot.label.clone(),
                            target: flow.link_from(node, &dot.port).map(|(_, to, _)| to),
                        })
                        .collect()
                })
            })
        })
    });
    // Titles do not change as steps move: recomputed on changes of what the flow does only.
    let link_steps = Memo::new(move |_| {
        structure.track();
        scene.with_untracked(|scene| {
            scene
                .boxes
                .iter()
                .filter(|node_box| !node_box.start)
                .map(|node_box| {
                    let title = if node_box.summary.is_empty() {
                        node_box.title.clone()
                    } else {
                        format!("{}: {}", node_box.title, node_box.summary)
                    };
                    (node_box.node, title)
                })
                .collect::<Vec<_>>()
        })
    });
    let link_port = move |(port, target): (flow_model::flow::Port, Option<NodeId>)| {
        if let Some(node) = selected.get_untracked() {
            relink(node, port, target);
        }
    };
    let apply = move |_| {
        let Some(node) = selected.get_untracked() else {
            return;
        };
        let text = raw.get_untracked();
        let problem = std::cell::Cell::new(None);
        change(&|flow| match edit::replace_step(flow, node, &text) {
            Ok(()) => true,
            Err(reason) => {
                problem.set(Some(reason));
                false
            }
        });
        raw_error.set(problem.take());
    };

    // What a save writes: the compiled schema and the layout with the current view.
    let snapshot = move || {
        let view = viewport.get_untracked();
        graph
            .try_update_value(|flow| {
                payload::save(
                    flow,
                    Some(payload::Viewport {
                        x: view.origin.x,
                        y: view.origin.y,
                        zoom: view.zoom,
                    }),
                )
            })
            .expect("the graph is alive while the editor is")
    };
    // Save as: the diagram as a new Diagram flow of the same type, tags and description; this
    // one stays as it was stored.
    let save_as_name = RwSignal::new(None::<String>);
    let save_as_error = RwSignal::new(None::<String>);
    let save_as = Action::new_local(move |typed: &String| {
        let client = auth.client();
        let typed = typed.clone();
        let typed_settings = settings.get_untracked();
        let saved = snapshot();
        async move {
            let write = SchemaWrite {
                flow_type: Some(kind),
                editor: Some(true),
                debug: Some(false),
                ..checked_write(&typed, &typed_settings, saved)?
            };
            client.create_flow(&write).await.map_err(SaveError::Api)
        }
    });
    let save = Action::new_local(move |leave_after: &bool| {
        let leave_after = *leave_after;
        let client = auth.client();
        let existing = current.get_untracked();
        let typed = name.get_untracked();
        let typed_settings = settings.get_untracked();
        let at_revision = revision.get_untracked();
        let saved = snapshot();
        async move {
            let write = checked_write(&typed, &typed_settings, saved)?;
            let name = write.name.clone().unwrap_or_default();
            let stored = match &existing {
                Some(existing) => {
                    // A code flow opened as a diagram becomes a Diagram flow by this save
                    // (the user confirmed it).
                    let write = SchemaWrite {
                        editor: Some(true),
                        fields: Some(
                            ["name", "schema", "payload", "editor", "tags", "description"]
                                .map(str::to_owned)
                                .to_vec(),
                        ),
                        ..write
                    };
                    client.write_flow(WriteMode::Patch, existing, &write).await
                }
                None => {
                    let write = SchemaWrite {
                        flow_type: Some(kind),
                        editor: Some(true),
                        debug: Some(false),
                        ..write
                    };
                    client.create_flow(&write).await
                }
            }
            .map_err(SaveError::Api)?;
            Ok((
                stored,
                name,
                typed_settings,
                at_revision,
                existing.is_none(),
                leave_after,
            ))
        }
    });
    let guard = LeaveGuard::new(dirty, current.with_untracked(Option::is_some));
    let leave_to = {
        let navigate = navigate.clone();
        move |path: &str, options: NavigateOptions| guard.navigate(&navigate, path, options)
    };
    let outcome = SaveOutcome {
        toasts,
        i18n,
        name_error,
    };
    Effect::new({
        let leave_to = leave_to.clone();
        let on_error = on_error.clone();
        move |_| match save.value().get() {
            Some(Ok((stored, saved_as, settings_saved, at_revision, created, leave_after))) => {
                let created_at =
                    created.then(|| format!("/flows/{}/diagram", stored.id.unwrap_or_default()));
                drafts.forget();
                current.set(Some(stored));
                saved_revision.set(at_revision);
                saved_name.set(saved_as);
                saved_settings.set(settings_saved);
                outcome.saved(leave_after, created_at, &leave_to);
            }
            Some(Err(SaveError::Name(reason))) => name_error.set(Some(reason)),
            Some(Err(SaveError::Settings(reason))) => {
                toasts.error(reason);
                settings_open.set(true);
            }
            Some(Err(SaveError::Api(error))) => {
                outcome.refused(error, &name.get_untracked(), &on_error)
            }
            None => {}
        }
    });

    Effect::new({
        let navigate = navigate.clone();
        let on_error = on_error.clone();
        move |_| match save_as.value().get() {
            Some(Ok(created)) => {
                // The work went to the new flow; this one stays as stored.
                drafts.forget();
                saved_revision.set(revision.get_untracked());
                saved_name.set(name.get_untracked());
                saved_settings.set(settings.get_untracked());
                save_as_name.set(None);
                toasts.success(i18n.t(Msg::SuccessfullyUpdated));
                navigate(
                    &format!("/flows/{}/diagram", created.id.unwrap_or_default()),
                    NavigateOptions::default(),
                );
            }
            Some(Err(SaveError::Name(reason) | SaveError::Settings(reason))) => {
                save_as_error.set(Some(reason))
            }
            Some(Err(SaveError::Api(error))) if error.is_name_taken() => save_as_error.set(Some(
                i18n.t(Msg::NameTaken(
                    save_as_name
                        .get_untracked()
                        .unwrap_or_default()
                        .trim()
                        .to_owned(),
                )),
            )),
            Some(Err(SaveError::Api(error))) => toasts.error(on_error(error)),
            None => {}
        }
    });
    let stored_as_diagram =
        move || current.with(|flow| flow.as_ref().is_none_or(|flow| flow.editor != Some(false)));
    // Saving asks first when it turns a code flow into a Diagram flow, or when the flow has
    // errors (saying which).
    let confirm_save = RwSignal::new(None::<bool>);
    let errors = Memo::new(move |_| {
        problems.with(|problems| {
            problems
                .iter()
                .filter(|problem| problem.severity == Severity::Error)
                .map(|problem| problem.message.clone())
                .collect::<Vec<_>>()
        })
    });
    let request_save = move |leave_after: bool| {
        if !stored_as_diagram() || errors.with_untracked(|errors| !errors.is_empty()) {
            confirm_save.set(Some(leave_after));
        } else {
            save.dispatch(leave_after);
        }
    };

    // Ctrl/Cmd+S saves from anywhere on the page (the name field, the canvas, the forms).
    let save_keys = window_event_listener(ev::keydown, move |event| {
        if (event.ctrl_key() || event.meta_key()) && event.key().eq_ignore_ascii_case("s") {
            event.prevent_default();
            if dirty() && !save.pending().get_untracked() {
                request_save(false);
            }
        }
    });
    on_cleanup(move || save_keys.remove());
    let leave = Callback::new({
        let leave_to = leave_to.clone();
        move |()| leave_to(&registry_url(), NavigateOptions::default())
    });

    let search = RwSignal::new(String::new());
    let palette = move || catalog::find_in_palette(kind, &search.get());
    let compiled_text = move || {
        graph.with_value(|flow| {
            serde_json::to_string_pretty(&compile(flow).schema).unwrap_or_default()
        })
    };

    view! {
        <header class="page-header">
            <input
                class="flow-name"
                name="name"
                aria-label=move || i18n.t(Msg::Name)
                placeholder=move || i18n.t(Msg::NewFlow)
                aria-invalid=move || name_error.with(Option::is_some).to_string()
                prop:value=name
                on:input=move |event| {
                    name.set(event_target_value(&event));
                    name_error.set(None);
                }
            />
            <span class="error" role="alert">{move || name_error.get()}</span>
            <span class="editor-badge">
                {move || i18n.t(Msg::EditorKind(stored_as_diagram()))}
                " · "{move || i18n.t(Msg::FlowType(kind))}
            </span>
            <div class="actions">
                <button aria-label=move || i18n.t(Msg::Undo) title=move || i18n.t(Msg::Undo)
                    disabled=move || !can_travel(false) on:click=move |_| travel(false)>
                    <Icon icon=lucide::LuUndo2 />
                </button>
                <button aria-label=move || i18n.t(Msg::Redo) title=move || i18n.t(Msg::Redo)
                    disabled=move || !can_travel(true) on:click=move |_| travel(true)>
                    <Icon icon=lucide::LuRedo2 />
                </button>
                <div class="find" role="search">
                    <input
                        type="search"
                        name="find"
                        placeholder=move || i18n.t(Msg::FindInFlow)
                        aria-label=move || i18n.t(Msg::FindInFlow)
                        prop:value=query
                        on:input=move |event| query.set(event_target_value(&event))
                        on:keydown=move |event: ev::KeyboardEvent| {
                            if event.key() == "Enter" {
                                event.prevent_default();
                                find_next(!event.shift_key());
                            }
                        }
                    />
                    <Show when=move || !query.with(|query| query.trim().is_empty())>
                        <span class="match-count" aria-live="polite">{match_count}</span>
                    </Show>
                    <button class="icon-button" aria-label=move || i18n.t(Msg::FindPrevious) title=move || i18n.t(Msg::FindPrevious)
                        disabled=move || found.with(Vec::is_empty) on:click=move |_| find_next(false)>
                        <Icon icon=lucide::LuChevronUp />
                    </button>
                    <button class="icon-button" aria-label=move || i18n.t(Msg::FindNext) title=move || i18n.t(Msg::FindNext)
                        disabled=move || found.with(Vec::is_empty) on:click=move |_| find_next(true)>
                        <Icon icon=lucide::LuChevronDown />
                    </button>
                </div>
                <button aria-label=move || i18n.t(Msg::Arrange) title=move || i18n.t(Msg::Arrange) on:click=arrange>
                    <Icon icon=lucide::LuLayoutGrid />
                </button>
                <button aria-label=move || i18n.t(Msg::ToStart) title=move || i18n.t(Msg::ToStart) on:click=to_start>
                    <Icon icon=lucide::LuFlag />
                </button>
                <button aria-label=move || i18n.t(Msg::FlowSettings) title=move || i18n.t(Msg::FlowSettings) on:click=move |_| settings_open.set(true)>
                    <Icon icon=lucide::LuSettings />
                </button>
                <button aria-label=move || i18n.t(Msg::ShowJson) title=move || i18n.t(Msg::ShowJson) on:click=move |_| show_json.set(true)>
                    <Icon icon=lucide::LuBraces />
                </button>
                <button on:click=move |_| {
                    save_as_error.set(None);
                    let typed = name.get_untracked();
                    save_as_name.set(Some(if typed.trim().is_empty() { typed } else { i18n.t(Msg::CopyName(typed.trim().to_owned())) }));
                }>
                    <Icon icon=lucide::LuCopyPlus />
                    {move || i18n.t(Msg::SaveAs)}
                </button>
                <button on:click=move |_| guard.close(dirty(), || leave.run(()))>
                    <Icon icon=lucide::LuX />
                    {move || i18n.t(Msg::Close)}
                </button>
                <button class="primary" disabled=move || !dirty() || save.pending().get()
                    on:click=move |_| request_save(false)>
                    {move || i18n.t(if save.pending().get() { Msg::Saving } else { Msg::Save })}
                </button>
            </div>
        </header>
        <main class="diagram">
            <aside class="palette" aria-label=move || i18n.t(Msg::Palette)>
                <input type="search" name="find-step" placeholder=move || i18n.t(Msg::FindApp)
                    prop:value=search on:input=move |event| search.set(event_target_value(&event)) />
                <ul>
                    {move || palette().into_iter().map(|app| view! {
                        <li>
                            <button
                                class="palette-item"
                                title=app.help
                                data-app=app.name
                                on:pointerdown=move |event: ev::PointerEvent| {
                                    if event.button() == 0 {
                                        let from = client_point(&event);
                                        palette_drag.set(Some(PaletteDrag { app: app.name, from, at: None }));
                                    }
                                }
                                on:click=move |_| if !palette_dragged.get_value() { add(app.name) }
                            >
                                <span class="app-label"><Icon icon=icons::app_icon(app.name) />{app.label}</span>
                                <span class="app-group">{app.group.label()}</span>
                            </button>
                        </li>
                    }).collect_view()}
                </ul>
            </aside>
            {move || palette_drag.get().and_then(|dragged| {
                let at = dragged.at?;
                let label = catalog::app(dragged.app).map_or(dragged.app, |spec| spec.label);
                Some(view! {
                    <div class="palette-ghost" aria-hidden="true" style=format!("left: {}px; top: {}px", at.x, at.y)>
                        {label}
                    </div>
                })
            })}
            <div class="canvas-area">
                <DraftOffer keeper=drafts on_restore=Callback::new(restore_draft) />
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
                // The camera and the canvas's own things, where a canvas tool keeps them.
                <div class="canvas-controls" role="toolbar" aria-label=move || i18n.t(Msg::DiagramCanvas)>
                    <button aria-label=move || i18n.t(Msg::ZoomIn) title=move || i18n.t(Msg::ZoomIn) on:click=move |_| zoom_by(1.2)>
                        <Icon icon=lucide::LuZoomIn />
                    </button>
                    <button aria-label=move || i18n.t(Msg::ZoomOut) title=move || i18n.t(Msg::ZoomOut) on:click=move |_| zoom_by(1.0 / 1.2)>
                        <Icon icon=lucide::LuZoomOut />
                    </button>
                    <button aria-label=move || i18n.t(Msg::ZoomToFit) title=move || i18n.t(Msg::ZoomToFit) on:click=move |_| fit()>
                        <Icon icon=lucide::LuMaximize />
                    </button>
                    <button aria-label=move || i18n.t(Msg::ZoomToSelection) title=move || i18n.t(Msg::ZoomToSelection)
                        disabled=move || selected.get().is_none() && picked.get().is_none()
                        on:click=move |_| zoom_to_selection()>
                        <Icon icon=lucide::LuScanSearch />
                    </button>
                    <span class="separator" aria-hidden="true"></span>
                    <button aria-label=move || i18n.t(Msg::AddNote) title=move || i18n.t(Msg::AddNote) on:click=add_note>
                        <Icon icon=lucide::LuStickyNote />
                    </button>
                    <button aria-label=move || i18n.t(Msg::GroupSteps) title=move || i18n.t(Msg::GroupSteps)
                        disabled=move || selected.get().is_none()
                        on:click=move |_| group_selection()>
                        <Icon icon=lucide::LuGroup />
                    </button>
                </div>
                <canvas
                    class="minimap"
                    node_ref=minimap_ref
                    aria-hidden="true"
                    on:pointerdown=move |event: ev::PointerEvent| {
                        minimap_dragging.set_value(true);
                        if let Some(canvas) = minimap_ref.get_untracked() {
                            let _ = canvas.set_pointer_capture(event.pointer_id());
                        }
                        minimap_move(&event);
                    }
                    on:pointermove=move |event: ev::PointerEvent| {
                        if minimap_dragging.get_value() {
                            minimap_move(&event);
                        }
                    }
                    on:pointerup=move |_| minimap_dragging.set_value(false)
                ></canvas>
                <ul class="visually-hidden" aria-label=move || i18n.t(Msg::DiagramNodes) aria-live="polite">
                    <For
                        each=move || node_list.get()
                        key=|item| item.clone()
                        children=move |item: NodeItem| {
                            let node = item.node;
                            view! {
                                <li
                                    aria-current=move || (node.is_some() && selected.get() == node).to_string()
                                    data-x=item.x
                                    data-y=item.y
                                >{item.text}</li>
                            }
                        }
                    />
                </ul>
            </div>
            <aside class="problems" aria-label=move || i18n.t(Msg::Problems)>
                <DecorationPanel picked=picked_view on_action=Callback::new(decorate) />
                <LinksPanel links steps=link_steps on_link=Callback::new(link_port) />
                <Show when=step_selected>
                    <PropertiesPanel
                        step=selected_step
                        on_edit=Callback::new(edit_property)
                        raw=view! {
                            <label>
                                {move || i18n.t(Msg::StepJson)}
                                <textarea
                                    class="code"
                                    name="step-json"
                                    rows="10"
                                    spellcheck="false"
                                    aria-invalid=move || raw_error.with(Option::is_some).to_string()
                                    prop:value=raw
                                    on:input=move |event| raw.set(event_target_value(&event))
                                ></textarea>
                            </label>
                            <span class="error" role="alert">{move || raw_error.get()}</span>
                            <button on:click=apply>{move || i18n.t(Msg::Apply)}</button>
                        }
                        .into_any()
                    />
                </Show>
                <h2>{move || i18n.t(Msg::Problems)}</h2>
                <ul>
                    {move || {
                        let problems = problems.get();
                        if problems.is_empty() {
                            return view! { <li class="none">{i18n.t(Msg::NoProblems)}</li> }.into_any();
                        }
                        problems.into_iter().map(|problem| {
                            let node = problem.node;
                            view! {
                                <li>
                                    <button
                                        class="problem"
                                        class:error=problem.severity == Severity::Error
                                        on:click=move |_| if let Some(node) = node { focus_node(node) }
                                    >
                                        {problem.message}
                                    </button>
                                </li>
                            }
                        }).collect_view().into_any()
                    }}
                </ul>
            </aside>
        </main>
        <Show when=move || settings_open.get()>
            <FlowSettingsModal settings kind on_close=Callback::new(move |()| settings_open.set(false)) />
        </Show>
        <Show when=move || show_json.get()>
            <Modal title=Signal::derive(move || i18n.t(Msg::CompiledSchema)) on_close=Callback::new(move |()| show_json.set(false))>
                <textarea class="code compiled" readonly rows="20" prop:value=compiled_text></textarea>
                <div class="modal-actions">
                    <button on:click=move |_| {
                        let text = compiled_text();
                        wasm_bindgen_futures::spawn_local(async move {
                            match crate::browser::copy_text(&text).await {
                                Ok(()) => toasts.success(i18n.t(Msg::Copied)),
                                Err(reason) => toasts.error(i18n.t(Msg::CannotCopy(reason))),
                            }
                        });
                    }>
                        <Icon icon=lucide::LuCopy />
                        {move || i18n.t(Msg::CopySchema)}
                    </button>
                    <button on:click=move |_| show_json.set(false)>{move || i18n.t(Msg::Close)}</button>
                </div>
            </Modal>
        </Show>
        {move || save_as_name.get().is_some().then(|| view! {
            <Modal title=Signal::derive(move || i18n.t(Msg::SaveAs)) on_close=Callback::new(move |()| save_as_name.set(None))>
                <form class="save-as" on:submit=move |event| {
                    event.prevent_default();
                    save_as.dispatch(save_as_name.get_untracked().unwrap_or_default());
                }>
                    <label>
                        {move || i18n.t(Msg::Name)}
                        <input
                            name="save-as-name"
                            required
                            maxlength="100"
                            aria-invalid=move || save_as_error.with(Option::is_some).to_string()
                            prop:value=move || save_as_name.get().unwrap_or_default()
                            on:input=move |event| {
                                save_as_name.set(Some(event_target_value(&event)));
                                save_as_error.set(None);
                            }
                        />
                    </label>
                    <span class="error" role="alert">{move || save_as_error.get()}</span>
                    <div class="modal-actions">
                        <button type="button" on:click=move |_| save_as_name.set(None)>{move || i18n.t(Msg::Cancel)}</button>
                        <button type="submit" class="primary" disabled=move || save_as.pending().get()>{move || i18n.t(Msg::Save)}</button>
                    </div>
                </form>
            </Modal>
        })}
        <UnsavedChangesModal
            open=guard.asking
            on_discard=Callback::new(move |()| {
                drafts.forget();
                saved_revision.set(revision.get_untracked());
                saved_name.set(name.get_untracked());
                saved_settings.set(settings.get_untracked());
                guard.discard(|| leave.run(()));
            })
            on_save=Callback::new(move |()| request_save(true))
            on_cancel=Callback::new(move |()| guard.stay())
        />
        {move || confirm_save.get().map(|leave_after| {
            let converting = !stored_as_diagram();
            let found = errors.get();
            view! {
                <Modal
                    title=Signal::derive(move || i18n.t(if converting { Msg::ConvertToDiagram } else { Msg::SaveWithErrors }))
                    on_close=Callback::new(move |()| confirm_save.set(None))
                >
                    {converting.then(|| view! { <p class="question">{move || i18n.t(Msg::ConvertQuestion)}</p> })}
                    {(!found.is_empty()).then(|| view! {
                        <p class="question">{i18n.t(Msg::HasErrors(found.len()))}</p>
                        <ul class="save-errors">
                            {found.iter().take(5).map(|message| view! { <li>{message.clone()}</li> }).collect_view()}
                        </ul>
                    })}
                    <div class="modal-actions">
                        <button on:click=move |_| confirm_save.set(None)>{move || i18n.t(Msg::Cancel)}</button>
                        <button class="primary" on:click=move |_| {
                            confirm_save.set(None);
                            save.dispatch(leave_after);
                        }>{move || i18n.t(if converting { Msg::ConvertAndSave } else { Msg::SaveAnyway })}</button>
                    </div>
                </Modal>
            }
        })}
    }
}

/// One node as the off-canvas list tells it.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
struct NodeItem {
    /// None for notes and groups.
    node: Option<NodeId>,
    text: String,
    /// Its centre in the diagram, for tools that point at steps.
    x: i64,
    y: i64,
}

/// A diagram's unsaved work as the browser keeps it: what a save would write.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
struct DiagramDraft {
    name: String,
    /// Tags and description (drafts kept before they were part of one have none).
    #[serde(default)]
    settings: FlowSettings,
    schema: serde_json::Value,
    payload: serde_json::Value,
}

impl DiagramDraft {
    /// The flow as stored (a new flow: nothing yet).
    fn of_stored(flow: Option<&RoutingSchema>) -> Self {
        Self {
            name: flow.and_then(|flow| flow.name.clone()).unwrap_or_default(),
            settings: FlowSettings::of_stored(flow),
            schema: flow
                .and_then(|flow| flow.schema.clone())
                .unwrap_or_else(|| serde_json::json!([])),
            payload: flow
                .and_then(|flow| flow.payload.clone())
                .unwrap_or_else(|| serde_json::json!({})),
        }
    }
}

/// What both Save and Save as write: the name and flow settings as the flow rules take them,
/// with the compiled schema and the layout; or why they cannot be saved.
fn checked_write(
    typed_name: &str,
    settings: &FlowSettings,
    saved: payload::Saved,
) -> Result<SchemaWrite, SaveError> {
    let name = flow_model::rules::flow_name(typed_name)
        .map_err(|error| SaveError::Name(error.to_string()))?;
    let (tags, description) = settings.checked().map_err(SaveError::Settings)?;
    Ok(SchemaWrite {
        name: Some(name),
        schema: Some(saved.schema),
        payload: Some(saved.payload),
        tags: Some(tags),
        description: Some(description),
        ..SchemaWrite::default()
    })
}

/// Why a save did not happen.
#[derive(Clone)]
enum SaveError {
    Name(String),
    /// Tags or description break the flow rules.
    Settings(String),
    Api(ApiError),
}
