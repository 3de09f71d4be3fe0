//! What the store computes from the graph: its problems, and the scene the canvas draws.

use super::Following;
use crate::pages::diagram::scene::Scene;
use flow_model::flow::{check, FlowGraph, Problem};
use flow_model::l10n::Locale;
use flow_model::FlowType;
use leptos::prelude::*;

/// The flow's problems, checked again after each edit (not on each move of a drag).
pub(super) fn problems(
    graph: StoredValue<FlowGraph>,
    edit_version: RwSignal<u64>,
    kind: FlowType,
) -> Memo<Vec<Problem>> {
    Memo::new(move |_| {
        edit_version.track();
        graph.with_value(|flow| check(flow, kind))
    })
}

/// The scene: built again when what the flow does changes, and while a drag moves steps or a
/// note, following just them (the scene is rebuilt once they are dropped).
pub(super) fn scene(
    graph: StoredValue<FlowGraph>,
    graph_version: RwSignal<u64>,
    edit_version: RwSignal<u64>,
    following: StoredValue<Following>,
    problems: Memo<Vec<Problem>>,
    locale: Signal<Locale>,
    stamp: StoredValue<u64>,
) -> Memo<Scene> {
    // The edit the scene was last built for.
    let built_for = StoredValue::new(None::<u64>);
    Memo::new_owning(move |previous: Option<Scene>| {
        graph_version.track();
        let problems = problems.get();
        let locale = locale.get();
        let now = edit_version.get_untracked();
        let same_edit = built_for.get_value() == Some(now);
        let scene = match (previous, following.get_value()) {
            (Some(mut scene), Following::Steps(nodes)) if same_edit && scene.can_follow() => {
                graph.with_value(|flow| scene.moved(flow, &nodes));
                scene
            }
            (Some(mut scene), Following::Note(id)) if same_edit => {
                graph.with_value(|flow| scene.note_changed(flow, &id));
                scene
            }
            _ => {
                built_for.set_value(Some(now));
                graph.with_value(|flow| Scene::of(flow, &problems, locale))
            }
        };
        stamp.update_value(|stamp| *stamp += 1);
        (scene, true)
    })
}
