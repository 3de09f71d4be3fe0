//! The off-canvas list a screen reader reads: each node, what it shows and where it leads (and
//! where it is drawn, for tools that point at steps; where a run went, and the breakpoints).

use crate::i18n::{use_i18n, I18n, Msg};
use crate::pages::diagram::scene::viewport::Rect;
use crate::pages::diagram::scene::Scene;
use crate::pages::diagram::state::use_diagram;
use flow_model::flow::NodeId;
use leptos::prelude::*;
use std::collections::HashMap;

/// One node as the list tells it.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
struct NodeItem {
    /// None for notes and groups.
    node: Option<NodeId>,
    text: String,
    /// Its centre in the diagram.
    x: i64,
    y: i64,
}

fn centre(rect: &Rect) -> (i64, i64) {
    (
        (rect.x + rect.width / 2.0) as i64,
        (rect.y + rect.height / 2.0) as i64,
    )
}

fn items(scene: &Scene, i18n: I18n) -> Vec<NodeItem> {
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
        .map(|node_box| {
            let (x, y) = centre(&node_box.rect);
            let links = outgoing
                .get(&node_box.node)
                .map(|links| links.join(", "))
                .unwrap_or_default();
            NodeItem {
                node: Some(node_box.node),
                text: format!("{}: {} {links}", node_box.title, node_box.summary),
                x,
                y,
            }
        })
        .chain(frames)
        .chain(notes)
        .collect()
}

#[component]
pub fn NodeList() -> impl IntoView {
    let store = use_diagram();
    let i18n = use_i18n();
    // Keyed, so a change re-renders only the nodes it touched; a drag updates it once, when
    // the steps are dropped.
    let list = Memo::new(move |_| {
        store.edit_version.track();
        store.drags_ended.track();
        store.scene.with_untracked(|scene| items(scene, i18n))
    });
    view! {
        <ul class="visually-hidden" aria-label=move || i18n.t(Msg::DiagramNodes) aria-live="polite">
            <For
                each=move || list.get()
                key=|item| item.clone()
                children=move |item: NodeItem| {
                    let node = item.node;
                    // Where a run went: the step it is at, those it visited.
                    let run = move || {
                        let node = node?;
                        store.run.trail.with(|trail| {
                            if trail.current == Some(node) {
                                Some("current")
                            } else {
                                trail.visited.contains(&node).then_some("visited")
                            }
                        })
                    };
                    let breakpoint = move || node.is_some_and(|node| store.run.breakpoints.with(|set| set.contains(&node)));
                    view! {
                        <li
                            data-run=run
                            data-breakpoint=move || breakpoint().then_some("true")
                            aria-current=move || (node.is_some() && store.selected() == node).to_string()
                            data-x=item.x
                            data-y=item.y
                        >{item.text}</li>
                    }
                }
            />
        </ul>
    }
}
