use super::*;
use crate::pages::diagram::editing::decorations;
use flow_model::flow::{auto_layout, check, decompile, LayoutOptions};
use flow_model::FlowType;
use serde_json::json;

/// A laid-out flow of answer → if (then: hangup) → playback and a note, its scene, and a view
/// where screen and world points are the same.
struct Board {
    flow: FlowGraph,
    scene: Scene,
    view: Viewport,
}

/// Nothing selected.
static NOTHING: Selection = Selection {
    primary: None,
    others: Vec::new(),
};

impl Board {
    fn new() -> Self {
        let mut flow = decompile(&json!([
            {"answer": ""},
            {"if": {"expression": "${x} == 1", "then": [{"hangup": ""}]}},
            {"playback": {"files": [{"name": "hello.wav"}]}}
        ]))
        .unwrap();
        auto_layout(&mut flow, LayoutOptions::default());
        decorations::add_note(&mut flow, Point { x: 0.0, y: 600.0 });
        let scene = Scene::of(
            &flow,
            &check(&flow, FlowType::Voice),
            flow_model::l10n::Locale::ENGLISH,
        );
        let view = Viewport {
            origin: Vec2::new(0.0, 0.0),
            zoom: 1.0,
        };
        Self { flow, scene, view }
    }

    fn canvas<'a>(&'a self, selection: &'a Selection) -> Canvas<'a> {
        Canvas {
            scene: &self.scene,
            flow: &self.flow,
            view: self.view,
            size: Vec2::new(1200.0, 800.0),
            selection,
        }
    }

    /// The step titled `title`, and the middle of its box.
    fn centre(&self, title: &str) -> (NodeId, Vec2) {
        let node_box = self
            .scene
            .boxes
            .iter()
            .find(|node_box| node_box.title == title)
            .unwrap_or_else(|| panic!("no step titled {title}"));
        let rect = node_box.rect;
        (
            node_box.node,
            Vec2::new(rect.x + rect.width / 2.0, rect.y + rect.height / 2.0),
        )
    }
}

/// Somewhere nothing is.
const EMPTY: Vec2 = Vec2::new(-300.0, -300.0);

fn at(point: Vec2) -> Pointer {
    Pointer {
        at: point,
        shift: false,
    }
}

fn shifted(point: Vec2) -> Pointer {
    Pointer {
        at: point,
        shift: true,
    }
}

#[test]
fn a_press_on_empty_space_clears_the_selection_and_pans() {
    let board = Board::new();
    let (answer, _) = board.centre("Answer");
    let selection = Selection::only(answer);
    let canvas = board.canvas(&selection);
    let (gesture, effects) = press(&canvas, at(EMPTY), false);
    assert_eq!(gesture, Some(Gesture::Pan { last: EMPTY }));
    assert!(effects.contains(&Effect::Select(Selection::default())));
    let (gesture, effects) = drag(gesture.unwrap(), &canvas, at(Vec2::new(-290.0, -305.0)));
    assert_eq!(effects, vec![Effect::Pan(Vec2::new(10.0, -5.0))]);
    assert_eq!(release(gesture, &canvas, at(EMPTY)), Vec::new());
}

#[test]
fn dragging_a_step_selects_it_moves_it_on_the_grid_and_drops_it_once() {
    let board = Board::new();
    let (playback, centre) = board.centre("Playback");
    let start = board.flow.graph[playback].position();
    let canvas = board.canvas(&NOTHING);
    let (gesture, effects) = press(&canvas, at(centre), false);
    assert!(effects.contains(&Effect::Select(Selection::only(playback))));
    let gesture = gesture.unwrap();
    assert!(matches!(
        gesture,
        Gesture::MoveSteps {
            recorded: false,
            ..
        }
    ));
    // Far from the other steps, so nothing lines up with them.
    let moved = Vec2::new(centre.x + 3000.0 + 7.0, centre.y + 2000.0 - 3.0);
    let (gesture, effects) = drag(gesture, &canvas, at(moved));
    assert_eq!(effects[0], Effect::BeginMovingSteps(vec![playback]));
    let Effect::PlaceSteps { places, guides } = &effects[1] else {
        panic!("steps placed: {effects:?}");
    };
    assert!(guides.is_empty());
    assert_eq!(
        places,
        &vec![(playback, snapped_point(start.x + 3007.0, start.y + 1997.0))]
    );
    assert_eq!(places[0].1.x % GRID, 0.0);
    // The history is written once per drag.
    let (gesture, effects) = drag(gesture, &canvas, at(moved));
    assert!(!effects
        .iter()
        .any(|effect| matches!(effect, Effect::BeginMovingSteps(_))));
    assert_eq!(
        release(gesture, &canvas, at(moved)),
        vec![Effect::StepsDropped]
    );
}

#[test]
fn a_press_on_a_step_without_a_move_drops_nothing_and_with_space_held_pans() {
    let board = Board::new();
    let (_, centre) = board.centre("Playback");
    let canvas = board.canvas(&NOTHING);
    let (gesture, _) = press(&canvas, at(centre), false);
    assert_eq!(release(gesture.unwrap(), &canvas, at(centre)), Vec::new());
    let (gesture, effects) = press(&canvas, at(centre), true);
    assert_eq!(gesture, Some(Gesture::Pan { last: centre }));
    assert!(effects.is_empty());
}

#[test]
fn a_dragged_step_snaps_to_a_step_it_comes_near() {
    let board = Board::new();
    let (answer, answer_centre) = board.centre("Answer");
    let (_, playback_centre) = board.centre("Playback");
    let canvas = board.canvas(&NOTHING);
    let (gesture, _) = press(&canvas, at(answer_centre), false);
    // Below Playback, a few pixels off its centre line.
    let target = Vec2::new(playback_centre.x + 3.0, playback_centre.y + 400.0);
    let (_, effects) = drag(gesture.unwrap(), &canvas, at(target));
    let Some(Effect::PlaceSteps { places, guides }) = effects.last() else {
        panic!("steps placed: {effects:?}");
    };
    let playback_box = board
        .scene
        .boxes
        .iter()
        .find(|b| b.title == "Playback")
        .unwrap();
    assert_eq!(places[0].0, answer);
    assert_eq!(places[0].1.x, playback_box.rect.x);
    assert!(!guides.is_empty());
}

#[test]
fn shift_click_toggles_a_step_in_the_selection_without_a_gesture() {
    let board = Board::new();
    let (answer, _) = board.centre("Answer");
    let (playback, centre) = board.centre("Playback");
    let selection = Selection::only(answer);
    let canvas = board.canvas(&selection);
    let (gesture, effects) = press(&canvas, shifted(centre), false);
    assert_eq!(gesture, None);
    assert!(effects.contains(&Effect::Select(Selection::of(vec![answer, playback]))));
}

#[test]
fn a_press_on_a_selected_step_moves_the_whole_selection() {
    let board = Board::new();
    let (answer, _) = board.centre("Answer");
    let (playback, centre) = board.centre("Playback");
    let selection = Selection::of(vec![answer, playback]);
    let canvas = board.canvas(&selection);
    let (gesture, effects) = press(&canvas, at(centre), false);
    assert_eq!(effects, vec![Effect::Pick(None)]);
    let Some(Gesture::MoveSteps { starts, .. }) = gesture else {
        panic!("a move: {gesture:?}");
    };
    let moving: Vec<NodeId> = starts.iter().map(|(node, _)| *node).collect();
    assert_eq!(moving, vec![answer, playback]);
}

#[test]
fn a_rubber_band_selects_what_it_touches_once_it_has_been_drawn() {
    let board = Board::new();
    let canvas = board.canvas(&NOTHING);
    let (gesture, _) = press(&canvas, shifted(EMPTY), false);
    let gesture = gesture.unwrap();
    assert_eq!(
        gesture,
        Gesture::Band {
            from: EMPTY,
            to: None
        }
    );
    // Released where it began, never drawn: the selection stays.
    assert_eq!(
        release(gesture.clone(), &canvas, shifted(EMPTY)),
        Vec::new()
    );
    let corner = Vec2::new(3000.0, 3000.0);
    let (gesture, effects) = drag(gesture, &canvas, shifted(corner));
    assert_eq!(
        effects,
        vec![Effect::ShowBand(Some(Rect::spanning(EMPTY, corner)))]
    );
    let effects = release(gesture, &canvas, shifted(corner));
    let Effect::Select(selected) = &effects[0] else {
        panic!("a selection: {effects:?}");
    };
    assert_eq!(
        selected.steps().len(),
        board.scene.touching(&Rect::spanning(EMPTY, corner)).len()
    );
    assert!(selected.steps().len() >= 4);
    assert_eq!(effects[1], Effect::ShowBand(None));
}

#[test]
fn a_wire_from_a_port_links_to_the_step_it_is_dropped_on() {
    let board = Board::new();
    let (condition, _) = board.centre("If");
    let (playback, playback_centre) = board.centre("Playback");
    let dot = board.scene.box_of(condition).unwrap().ports[0].clone();
    let canvas = board.canvas(&NOTHING);
    let (gesture, effects) = press(&canvas, at(dot.at), false);
    assert_eq!(effects, vec![Effect::ShowWire(Some((dot.at, dot.at)))]);
    let gesture = gesture.unwrap();
    let (gesture, effects) = drag(gesture, &canvas, at(playback_centre));
    assert_eq!(
        effects,
        vec![Effect::ShowWire(Some((dot.at, playback_centre)))]
    );
    let relinked = |target| {
        vec![
            Effect::ShowWire(None),
            Effect::Relink {
                node: condition,
                port: dot.port.clone(),
                target,
            },
        ]
    };
    assert_eq!(
        release(gesture.clone(), &canvas, at(playback_centre)),
        relinked(Some(playback))
    );
    // Dropped on empty space, it unlinks; back on its own step, nothing happens.
    assert_eq!(release(gesture.clone(), &canvas, at(EMPTY)), relinked(None));
    let (_, own) = board.centre("If");
    assert_eq!(
        release(gesture, &canvas, at(own)),
        vec![Effect::ShowWire(None)]
    );
}

#[test]
fn a_note_is_picked_moved_on_the_grid_and_resized_by_its_corner() {
    let board = Board::new();
    let note = board.scene.notes[0].clone();
    let canvas = board.canvas(&NOTHING);
    let inside = Vec2::new(note.rect.x + 30.0, note.rect.y + 30.0);
    let (gesture, effects) = press(&canvas, at(inside), false);
    assert_eq!(
        effects,
        vec![
            Effect::Select(Selection::default()),
            Effect::Pick(Some(Decoration::Note(note.id.clone())))
        ]
    );
    let (gesture, effects) = drag(
        gesture.unwrap(),
        &canvas,
        at(Vec2::new(inside.x + 41.0, inside.y + 19.0)),
    );
    assert_eq!(
        effects,
        vec![
            Effect::BeginChangingNote(note.id.clone()),
            Effect::MoveNote {
                id: note.id.clone(),
                to: snapped_point(note.rect.x + 41.0, note.rect.y + 19.0)
            }
        ]
    );
    assert_eq!(
        release(gesture, &canvas, at(inside)),
        vec![Effect::NoteDropped]
    );
    let corner = Vec2::new(
        note.rect.x + note.rect.width,
        note.rect.y + note.rect.height,
    );
    let (gesture, _) = press(&canvas, at(corner), false);
    let (_, effects) = drag(
        gesture.unwrap(),
        &canvas,
        at(Vec2::new(corner.x + 50.0, corner.y + 10.0)),
    );
    assert_eq!(
        effects[1],
        Effect::ResizeNote {
            id: note.id.clone(),
            width: note.rect.width + 50.0,
            height: note.rect.height + 10.0
        }
    );
}

#[test]
fn the_wheel_pans_sideways_with_shift_and_zooms_with_ctrl() {
    let view = Viewport {
        origin: Vec2::new(0.0, 0.0),
        zoom: 1.0,
    };
    let at = Vec2::new(100.0, 100.0);
    let down = scrolled(view, at, Vec2::new(0.0, 30.0), false, false);
    assert_eq!(down.origin, Vec2::new(0.0, 30.0));
    let sideways = scrolled(view, at, Vec2::new(0.0, 30.0), false, true);
    assert_eq!(sideways.origin, Vec2::new(30.0, 0.0));
    let closer = scrolled(view, at, Vec2::new(0.0, -100.0), true, false);
    assert!(closer.zoom > 1.0);
    // Around the pointer: the world point under it stays there.
    let under = view.to_world(at);
    let after = closer.to_screen(under);
    assert!((after.x - at.x).abs() < 1e-9 && (after.y - at.y).abs() < 1e-9);
}
