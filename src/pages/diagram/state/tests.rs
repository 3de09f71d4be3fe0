//! The store's actions, natively: the reactive graph runs without a browser.

use super::*;
use crate::pages::diagram::editing::decorations::DecorationAction;
use crate::pages::diagram::input::pointer::Effect;
use flow_model::catalog::form::FormEdit;
use flow_model::flow::{compile, decompile, Point, Port};
use serde_json::json;

/// A store over answer → playback → hangup, run inside its own reactive owner.
fn with_store(test: impl FnOnce(DiagramStore)) {
    let owner = Owner::new();
    owner.with(|| {
        let flow = decompile(&json!([
            {"answer": ""},
            {"playback": {"files": [{"name": "hello.wav"}]}},
            {"hangup": ""}
        ]))
        .unwrap();
        let store = DiagramStore::new(
            flow,
            FlowType::Voice,
            "IVR".into(),
            FlowSettings::default(),
            None,
            Signal::stored(Locale::ENGLISH),
        );
        test(store);
    });
}

fn apps(store: &DiagramStore) -> Vec<String> {
    store.with_graph(|flow| flow.steps().map(|(_, step)| step.app.clone()).collect())
}

fn step_of(store: &DiagramStore, app: &str) -> NodeId {
    store.with_graph(|flow| {
        flow.steps()
            .find(|(_, step)| step.app == app)
            .map(|(node, _)| node)
            .unwrap_or_else(|| panic!("no {app} step"))
    })
}

/// Selects the playback and hangup steps, and says which they are.
fn select_the_last_two(store: &DiagramStore) -> [NodeId; 2] {
    let steps = [step_of(store, "playback"), step_of(store, "hangup")];
    store.select(Selection::of(steps.to_vec()));
    steps
}

#[test]
fn an_edit_is_one_undoable_change_and_marks_the_flow_unsaved() {
    with_store(|store| {
        assert!(!store.is_dirty());
        assert!(!store.can_undo());
        store.add_step("log");
        assert!(apps(&store).contains(&"log".to_owned()));
        assert!(store.is_dirty());
        assert_eq!(store.selected(), Some(step_of(&store, "log")));
        store.undo();
        assert!(!apps(&store).contains(&"log".to_owned()));
        // The step the selection was on is gone: nothing is selected.
        assert_eq!(store.selected(), None);
        assert!(store.can_redo());
        store.redo();
        assert!(apps(&store).contains(&"log".to_owned()));
    });
}

#[test]
fn an_edit_that_changes_nothing_is_not_recorded() {
    with_store(|store| {
        let version = store.edit_version.get_untracked();
        assert!(!store.apply(|_| false));
        assert!(!store.can_undo());
        assert_eq!(store.edit_version.get_untracked(), version);
    });
}

#[test]
fn saving_marks_what_was_typed_then_as_saved() {
    with_store(|store| {
        store.name.set("IVR main".into());
        assert!(store.is_dirty());
        let version = store.graph_version.get_untracked();
        store.mark_saved_as(version, "IVR main".into(), FlowSettings::default());
        assert!(!store.is_dirty());
        // Typing on after the save began is still unsaved.
        store.add_step("log");
        assert!(store.is_dirty());
        store.mark_saved();
        assert!(!store.is_dirty());
    });
}

#[test]
fn deleting_the_selection_removes_every_selected_step_at_once() {
    with_store(|store| {
        select_the_last_two(&store);
        assert!(store.remove_selection());
        assert_eq!(apps(&store), vec!["answer".to_owned()]);
        assert!(store.selection.get_untracked().is_empty());
        store.undo();
        assert_eq!(apps(&store).len(), 3);
        // Nothing selected: nothing to delete.
        assert!(!store.remove_selection());
    });
}

#[test]
fn a_refused_link_says_why_and_changes_nothing() {
    with_store(|store| {
        let answer = step_of(&store, "answer");
        let start = store.with_graph(|flow| flow.start);
        let version = store.edit_version.get_untracked();
        let refused = store.link(answer, Port::Next, Some(start));
        assert_eq!(
            refused.map_err(|reason| reason.to_string()),
            Err("nothing can lead into Start".to_owned())
        );
        assert_eq!(store.edit_version.get_untracked(), version);
        assert!(!store.can_undo());
        // Unlinking is always possible.
        assert_eq!(store.link(answer, Port::Next, None), Ok(()));
        assert!(store.can_undo());
    });
}

#[test]
fn copy_and_paste_put_the_selected_steps_after_the_selection() {
    with_store(|store| {
        let playback = step_of(&store, "playback");
        store.select(Selection::only(playback));
        let copied = store.copy_selection().expect("a step is selected");
        store.paste(&copied).unwrap();
        let playbacks = apps(&store).iter().filter(|app| *app == "playback").count();
        assert_eq!(playbacks, 2);
        assert_ne!(store.selected(), Some(playback));
        assert!(store.paste("not a flow").is_err());
    });
}

#[test]
fn groups_and_notes_are_picked_renamed_collapsed_and_removed() {
    with_store(|store| {
        let [playback, hangup] = select_the_last_two(&store);
        store.group_selection("Goodbye");
        let Some(Decoration::Group(id)) = store.picked.get_untracked() else {
            panic!("the new group is picked");
        };
        assert!(store.selection.get_untracked().is_empty());
        store.decorate(DecorationAction::Rename("  Farewell ".into()));
        store.decorate(DecorationAction::Collapse(true));
        store.with_graph(|flow| {
            let group = flow.groups.iter().find(|group| group.id == id).unwrap();
            assert_eq!(group.label, "Farewell");
            assert!(group.collapsed);
        });
        store.decorate(DecorationAction::SelectSteps);
        assert_eq!(store.selected_steps(), vec![playback, hangup]);
        store.decorate(DecorationAction::Ungroup);
        assert!(store.with_graph(|flow| flow.groups.is_empty()));

        assert!(store.add_note());
        let Some(Decoration::Note(note)) = store.picked.get_untracked() else {
            panic!("the new note is picked");
        };
        store.decorate(DecorationAction::NoteText("Call back".into()));
        assert_eq!(
            store.with_graph(|flow| flow.comments[0].text.clone()),
            "Call back"
        );
        store.decorate(DecorationAction::RemoveNote);
        assert!(store.with_graph(|flow| flow.comments.iter().all(|n| n.id != note)));
        assert_eq!(store.picked.get_untracked(), None);
    });
}

#[test]
fn the_form_edits_the_selected_step_and_refuses_a_wrong_value() {
    with_store(|store| {
        // No step selected: nothing to edit.
        assert_eq!(
            store
                .edit_selected_step(FormEdit::Remove(Vec::new()))
                .map_err(|reason| reason.to_string()),
            Err("no step is selected".to_owned())
        );
        let playback = step_of(&store, "playback");
        store.select(Selection::only(playback));
        let text = r#"{"playback": {"files": [{"name": "bye.wav"}]}}"#;
        store.replace_selected_step(text).unwrap();
        let file = store.with_graph(|flow| {
            flow.step(playback).unwrap().object["playback"]["files"][0]["name"].clone()
        });
        assert_eq!(file, json!("bye.wav"));
        assert!(store.replace_selected_step("{").is_err());
    });
}

#[test]
fn a_drag_moves_steps_as_one_undoable_change_and_the_scene_follows() {
    with_store(|store| {
        let playback = step_of(&store, "playback");
        let before = store.with_graph(|flow| flow.graph[playback].position());
        let to = Point {
            x: before.x + 400.0,
            y: before.y + 200.0,
        };
        store
            .perform(Effect::BeginMovingSteps(vec![playback]))
            .unwrap();
        store
            .perform(Effect::PlaceSteps {
                places: vec![(playback, to)],
                guides: Vec::new(),
            })
            .unwrap();
        // Mid-drag, what the flow does has not changed: no new check of it.
        let drawn = store
            .scene
            .with_untracked(|scene| scene.box_of(playback).unwrap().rect);
        assert_eq!((drawn.x, drawn.y), (to.x, to.y));
        store.perform(Effect::StepsDropped).unwrap();
        assert_eq!(store.drags_ended.get_untracked(), 1);
        assert!(store.is_dirty());
        store.undo();
        assert_eq!(
            store.with_graph(|flow| flow.graph[playback].position()),
            before
        );
    });
}

#[test]
fn laying_out_for_a_save_keeps_the_view_and_a_draft_leaves_the_graph_alone() {
    with_store(|store| {
        store
            .viewport
            .set(crate::pages::diagram::scene::viewport::Viewport {
                origin: Vec2::new(10.0, 20.0),
                zoom: 0.5,
            });
        let schema = || store.with_graph(|flow| compile(flow).schema);
        let before = schema();
        let draft = store.draft_payload();
        assert_eq!(schema(), before);
        assert!(draft
            .payload
            .get("viewport")
            .is_none_or(serde_json::Value::is_null));
        let saved = store.lay_out_for_save();
        assert_eq!(saved.payload["viewport"]["zoom"], json!(0.5));
        assert_eq!(saved.schema, draft.schema);
    });
}

#[test]
fn the_functions_a_flow_defines_are_offered_by_name() {
    let owner = Owner::new();
    owner.with(|| {
        let flow = decompile(&json!([
            {"function": {"name": "greet", "actions": [{"answer": ""}]}},
            {"function": {"name": "announce", "actions": []}},
            {"if": {"expression": "1", "then": [{"function": {"name": "greet", "actions": []}}]}},
            {"execute": {"name": "greet"}}
        ]))
        .unwrap();
        let store = DiagramStore::new(
            flow,
            FlowType::Voice,
            "IVR".into(),
            FlowSettings::default(),
            None,
            Signal::stored(Locale::ENGLISH),
        );
        assert_eq!(store.function_names(), ["announce", "greet"]);
    });
}

#[test]
fn a_flow_opens_at_the_step_or_note_it_is_asked_for() {
    with_store(|store| {
        store.canvas_size.set(Vec2::new(1000.0, 600.0));
        store.open_at.set_value(Some(OpenAt::Step("/1".into())));
        store.show_opening();
        let playback = step_of(&store, "playback");
        assert_eq!(store.selected_steps(), [playback]);
        let place = store
            .scene
            .with_untracked(|scene| scene.box_of(playback).map(|found| found.rect))
            .unwrap();
        let view = store.viewport.get_untracked();
        let middle = view.to_screen(Vec2::new(
            place.x + place.width / 2.0,
            place.y + place.height / 2.0,
        ));
        assert!(
            (middle.x - 500.0).abs() < 1.0 && (middle.y - 300.0).abs() < 1.0,
            "{middle:?}"
        );

        // A place the flow does not have opens where it would have.
        store.selection.set(Selection::default());
        store.open_at.set_value(Some(OpenAt::Step("/9".into())));
        store.show_opening();
        assert!(store.selected_steps().is_empty());
    });
}
