//! The canvas's pointer gestures as plain data: a press starts a gesture (pan, move steps, move
//! or resize a note, a rubber band, a wire from a port), each move takes it on, and the release
//! ends it. Each step is a pure function of the gesture, the pointer and what is on the canvas,
//! returning the next gesture and the changes it asks of the editor, so every gesture is tested
//! without a browser.

use crate::pages::diagram::editing::decorations::Decoration;
use crate::pages::diagram::editing::selection::Selection;
use crate::pages::diagram::scene::guides::{self, Guide};
use crate::pages::diagram::scene::viewport::{Rect, Vec2, Viewport};
use crate::pages::diagram::scene::{self, Scene};
use flow_model::flow::{FlowGraph, NodeId, Point, Port};

/// The grid dragged steps and notes snap to.
pub const GRID: f64 = 20.0;
/// How near (in screen pixels) a dragged step's side or centre snaps to another's.
const ALIGN_REACH: f64 = 6.0;

/// What a pointer drag on the canvas is doing. `recorded`: the diagram as it was before the
/// drag is in the history (once per drag, so the whole drag is one undoable change).
#[derive(Clone, PartialEq, Debug)]
pub enum Gesture {
    Pan {
        last: Vec2,
    },
    /// Moves steps together (the selection, or a group's members).
    MoveSteps {
        grab: Vec2,
        starts: Vec<(NodeId, Point)>,
        recorded: bool,
    },
    MoveNote {
        id: String,
        grab: Vec2,
        start: Point,
        recorded: bool,
    },
    /// Resizes a note by its corner.
    ResizeNote {
        id: String,
        grab: Vec2,
        size: Vec2,
        recorded: bool,
    },
    /// Shift+drag on empty space: selects what the rectangle touches.
    Band {
        from: Vec2,
        to: Option<Vec2>,
    },
    /// From a port: dropped on a step, links the port to it; dropped on empty space, unlinks
    /// the port.
    Wire {
        node: NodeId,
        port: Port,
        from: Vec2,
    },
}

/// The pointer, in canvas pixels, and whether Shift is held.
#[derive(Clone, Copy, Debug)]
pub struct Pointer {
    pub at: Vec2,
    pub shift: bool,
}

/// What the canvas shows while a gesture runs.
pub struct Canvas<'a> {
    pub scene: &'a Scene,
    pub flow: &'a FlowGraph,
    pub view: Viewport,
    pub size: Vec2,
    pub selection: &'a Selection,
}

/// A change a gesture asks of the editor.
#[derive(Clone, PartialEq, Debug)]
pub enum Effect {
    Select(Selection),
    Pick(Option<Decoration>),
    /// Moves the view by screen pixels.
    Pan(Vec2),
    /// The drag's first move: the diagram as it is goes into the history, and the scene follows
    /// these steps instead of being rebuilt while they move.
    BeginMovingSteps(Vec<NodeId>),
    /// The same, for a note being moved or resized.
    BeginChangingNote(String),
    /// Steps moved to these places, lined up along these guides.
    PlaceSteps {
        places: Vec<(NodeId, Point)>,
        guides: Vec<Guide>,
    },
    MoveNote {
        id: String,
        to: Point,
    },
    ResizeNote {
        id: String,
        width: f64,
        height: f64,
    },
    /// Moved steps are dropped: links go around steps again.
    StepsDropped,
    NoteDropped,
    ShowBand(Option<Rect>),
    ShowWire(Option<(Vec2, Vec2)>),
    /// Links a port to a step, or unlinks it (no target).
    Relink {
        node: NodeId,
        port: Port,
        target: Option<NodeId>,
    },
}

fn snapped(value: f64) -> f64 {
    (value / GRID).round() * GRID
}

/// A point snapped to the grid.
pub fn snapped_point(x: f64, y: f64) -> Point {
    Point {
        x: snapped(x),
        y: snapped(y),
    }
}

/// Where the steps `nodes` stand now, to move them from there.
fn starts_of(flow: &FlowGraph, nodes: &[NodeId]) -> Vec<(NodeId, Point)> {
    nodes
        .iter()
        .filter_map(|node| {
            flow.graph
                .node_weight(*node)
                .map(|weight| (*node, weight.position()))
        })
        .collect()
}

/// A press on a note (its body or its corner grip) or a group (its label band, or its box when
/// collapsed) picks it and starts moving or resizing it.
fn press_decoration(canvas: &Canvas, world: Vec2) -> Option<(Decoration, Gesture)> {
    let reach = scene::GRIP / canvas.view.zoom.min(1.0);
    if let Some(note) = canvas.scene.note_grip_at(world, reach) {
        let gesture = Gesture::ResizeNote {
            id: note.id.clone(),
            grab: world,
            size: Vec2::new(note.rect.width, note.rect.height),
            recorded: false,
        };
        return Some((Decoration::Note(note.id.clone()), gesture));
    }
    match canvas.scene.decoration_at(world)? {
        Decoration::Note(id) => {
            let note = canvas.flow.comments.iter().find(|note| note.id == id)?;
            let gesture = Gesture::MoveNote {
                id: id.clone(),
                grab: world,
                start: note.position,
                recorded: false,
            };
            Some((Decoration::Note(id), gesture))
        }
        Decoration::Group(id) => {
            let group = canvas.flow.groups.iter().find(|group| group.id == id)?;
            let gesture = Gesture::MoveSteps {
                grab: world,
                starts: starts_of(canvas.flow, &group.nodes),
                recorded: false,
            };
            Some((Decoration::Group(id), gesture))
        }
    }
}

/// A press on the canvas: what it grabs (a port, a note or group, a step, empty space) and the
/// gesture it starts. `space_held`: the press pans wherever it is.
pub fn press(
    canvas: &Canvas,
    pointer: Pointer,
    space_held: bool,
) -> (Option<Gesture>, Vec<Effect>) {
    if space_held {
        return (Some(Gesture::Pan { last: pointer.at }), Vec::new());
    }
    let world = canvas.view.to_world(pointer.at);
    let reach = scene::PORT_REACH / canvas.view.zoom.min(1.0);
    if let (Some((node, port)), false) = (canvas.scene.port_at(world, reach), pointer.shift) {
        let from = canvas
            .scene
            .box_of(node)
            .and_then(|node_box| node_box.ports.iter().find(|dot| dot.port == port))
            .map_or(world, |dot| dot.at);
        let wire = Effect::ShowWire(Some((from, world)));
        return (Some(Gesture::Wire { node, port, from }), vec![wire]);
    }
    let hit = canvas.scene.hit(world);
    if let (None, false, Some((decoration, gesture))) =
        (hit, pointer.shift, press_decoration(canvas, world))
    {
        let effects = vec![
            Effect::Select(Selection::default()),
            Effect::Pick(Some(decoration)),
        ];
        return (Some(gesture), effects);
    }
    let mut effects = vec![Effect::Pick(None)];
    let gesture = match (hit, pointer.shift) {
        (Some(node), true) => {
            // Shift+click adds the step to the selection, or takes it out.
            effects.push(Effect::Select(canvas.selection.toggled(node)));
            None
        }
        (None, true) => Some(Gesture::Band {
            from: world,
            to: None,
        }),
        (Some(node), false) => {
            let selection = if canvas.selection.contains(node) {
                canvas.selection.clone()
            } else {
                let only = Selection::only(node);
                effects.push(Effect::Select(only.clone()));
                only
            };
            Some(Gesture::MoveSteps {
                grab: world,
                starts: starts_of(canvas.flow, &selection.steps()),
                recorded: false,
            })
        }
        (None, false) => {
            effects.push(Effect::Select(Selection::default()));
            Some(Gesture::Pan { last: pointer.at })
        }
    };
    (gesture, effects)
}

/// Steps dragged to `placed`, lined up with the other steps on show where they come near.
fn aligned(canvas: &Canvas, placed: &[(NodeId, Point)]) -> (Vec<(NodeId, Point)>, Vec<Guide>) {
    let moving = Rect::around(placed.iter().filter_map(|(node, at)| {
        canvas.scene.box_of(*node).map(|node_box| Rect {
            x: at.x,
            y: at.y,
            ..node_box.rect
        })
    }));
    let alignment = moving
        .map(|moving| {
            let visible = canvas.view.visible(canvas.size);
            let others: Vec<Rect> = canvas
                .scene
                .boxes
                .iter()
                .filter(|node_box| {
                    node_box.rect.intersects(&visible)
                        && !placed.iter().any(|(node, _)| *node == node_box.node)
                })
                .map(|node_box| node_box.rect)
                .collect();
            guides::align(moving, &others, ALIGN_REACH / canvas.view.zoom)
        })
        .unwrap_or_default();
    let places = placed
        .iter()
        .map(|(node, at)| {
            let at = Point {
                x: at.x + alignment.nudge.x,
                y: at.y + alignment.nudge.y,
            };
            (*node, at)
        })
        .collect();
    (places, alignment.guides)
}

impl Gesture {
    /// On a drag's first move, what it begins (so the history is written once per drag); the
    /// gesture then counts as begun.
    fn begin(&mut self) -> Option<Effect> {
        match self {
            Gesture::MoveSteps {
                starts, recorded, ..
            } if !*recorded => {
                *recorded = true;
                let nodes = starts.iter().map(|(node, _)| *node).collect();
                Some(Effect::BeginMovingSteps(nodes))
            }
            Gesture::MoveNote { id, recorded, .. } | Gesture::ResizeNote { id, recorded, .. }
                if !*recorded =>
            {
                *recorded = true;
                Some(Effect::BeginChangingNote(id.clone()))
            }
            _ => None,
        }
    }
}

/// The pointer moved while `gesture` runs.
pub fn drag(mut gesture: Gesture, canvas: &Canvas, pointer: Pointer) -> (Gesture, Vec<Effect>) {
    let world = canvas.view.to_world(pointer.at);
    let mut effects: Vec<Effect> = gesture.begin().into_iter().collect();
    let dragged = |from: Point, grab: Vec2| {
        snapped_point(from.x + world.x - grab.x, from.y + world.y - grab.y)
    };
    match &mut gesture {
        Gesture::Pan { last } => {
            effects.push(Effect::Pan(Vec2::new(
                pointer.at.x - last.x,
                pointer.at.y - last.y,
            )));
            *last = pointer.at;
        }
        Gesture::MoveSteps { grab, starts, .. } => {
            let placed: Vec<(NodeId, Point)> = starts
                .iter()
                .map(|(node, start)| (*node, dragged(*start, *grab)))
                .collect();
            let (places, guides) = aligned(canvas, &placed);
            effects.push(Effect::PlaceSteps { places, guides });
        }
        Gesture::MoveNote {
            id, grab, start, ..
        } => effects.push(Effect::MoveNote {
            id: id.clone(),
            to: dragged(*start, *grab),
        }),
        Gesture::ResizeNote { id, grab, size, .. } => effects.push(Effect::ResizeNote {
            id: id.clone(),
            width: size.x + world.x - grab.x,
            height: size.y + world.y - grab.y,
        }),
        Gesture::Band { from, to } => {
            *to = Some(world);
            effects.push(Effect::ShowBand(Some(Rect::spanning(*from, world))));
        }
        Gesture::Wire { from, .. } => effects.push(Effect::ShowWire(Some((*from, world)))),
    }
    (gesture, effects)
}

/// The pointer is released: what the gesture leaves behind.
pub fn release(gesture: Gesture, canvas: &Canvas, pointer: Pointer) -> Vec<Effect> {
    match gesture {
        Gesture::MoveSteps { recorded: true, .. } => vec![Effect::StepsDropped],
        Gesture::MoveNote { recorded: true, .. } | Gesture::ResizeNote { recorded: true, .. } => {
            vec![Effect::NoteDropped]
        }
        Gesture::Wire { node, port, .. } => {
            let world = canvas.view.to_world(pointer.at);
            match canvas.scene.hit(world) {
                // Back onto its own step: a slip, not a loop.
                Some(to) if to == node => vec![Effect::ShowWire(None)],
                target => vec![
                    Effect::ShowWire(None),
                    Effect::Relink { node, port, target },
                ],
            }
        }
        Gesture::Band { from, to: Some(to) } => {
            let touched = canvas.scene.touching(&Rect::spanning(from, to));
            vec![
                Effect::Select(Selection::of(touched)),
                Effect::ShowBand(None),
            ]
        }
        _ => Vec::new(),
    }
}

/// A wheel turn over the canvas at `at`, by `delta` pixels: scrolling pans (Shift turns it
/// sideways); with Ctrl or Cmd held (a pinch on a touchpad is one) it zooms around the pointer.
pub fn scrolled(view: Viewport, at: Vec2, delta: Vec2, zoom: bool, shift: bool) -> Viewport {
    if zoom {
        view.zoomed_at(at, (-delta.y * 0.0015).exp())
    } else {
        let (dx, dy) = if shift && delta.x == 0.0 {
            (delta.y, 0.0)
        } else {
            (delta.x, delta.y)
        };
        view.panned(Vec2::new(-dx, -dy))
    }
}

#[cfg(test)]
mod tests;
