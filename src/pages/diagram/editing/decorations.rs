//! Sticky notes and groups: what the diagram shows beside the steps without changing what the
//! flow does. They live in the payload; every change here is one undoable edit like any other.

use flow_model::flow::{Comment, FlowGraph, NodeGroup, NodeId, Point};

pub const NOTE_WIDTH: f64 = 220.0;
pub const NOTE_HEIGHT: f64 = 100.0;
const NOTE_MIN_WIDTH: f64 = 120.0;
const NOTE_MIN_HEIGHT: f64 = 60.0;

/// A note or a group, picked on the canvas (by id).
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Decoration {
    Note(String),
    Group(String),
}

/// An id `prefix-N` no note or group has yet.
fn fresh_id(flow: &FlowGraph, prefix: &str) -> String {
    let taken = |id: &str| {
        flow.comments.iter().any(|note| note.id == id)
            || flow.groups.iter().any(|group| group.id == id)
    };
    (1..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|id| !taken(id))
        .expect("some number is free")
}

/// A new empty note with its top left at `at`; returns its id.
pub fn add_note(flow: &mut FlowGraph, at: Point) -> String {
    let id = fresh_id(flow, "note");
    flow.comments.push(Comment {
        id: id.clone(),
        text: String::new(),
        position: at,
        width: NOTE_WIDTH,
        height: NOTE_HEIGHT,
    });
    id
}

/// Puts `value` into `field`; false when there is no field (its note or group is gone) or it
/// holds that value already.
fn change<T: PartialEq<V>, V: Into<T>>(field: Option<&mut T>, value: V) -> bool {
    match field {
        Some(field) if *field != value => {
            *field = value.into();
            true
        }
        _ => false,
    }
}

fn note_mut<'a>(flow: &'a mut FlowGraph, id: &str) -> Option<&'a mut Comment> {
    flow.comments.iter_mut().find(|note| note.id == id)
}

/// Sets a note's text; false when it is gone or already says that.
pub fn set_note_text(flow: &mut FlowGraph, id: &str, text: &str) -> bool {
    change(note_mut(flow, id).map(|note| &mut note.text), text)
}

pub fn move_note(flow: &mut FlowGraph, id: &str, to: Point) -> bool {
    change(note_mut(flow, id).map(|note| &mut note.position), to)
}

/// Resizes a note, never below a size that still shows a line of text.
pub fn resize_note(flow: &mut FlowGraph, id: &str, width: f64, height: f64) -> bool {
    let (width, height) = (width.max(NOTE_MIN_WIDTH), height.max(NOTE_MIN_HEIGHT));
    match note_mut(flow, id) {
        Some(note) if (note.width, note.height) != (width, height) => {
            note.width = width;
            note.height = height;
            true
        }
        _ => false,
    }
}

pub fn remove_note(flow: &mut FlowGraph, id: &str) -> bool {
    let before = flow.comments.len();
    flow.comments.retain(|note| note.id != id);
    flow.comments.len() != before
}

/// Groups `nodes` (Start stays out) under `label`, taking them out of the groups they were in;
/// returns the new group's id, or None when there is no step to group.
pub fn group_nodes(flow: &mut FlowGraph, nodes: &[NodeId], label: &str) -> Option<String> {
    let mut members: Vec<NodeId> = nodes
        .iter()
        .copied()
        .filter(|node| *node != flow.start && flow.graph.node_weight(*node).is_some())
        .collect();
    members.dedup();
    if members.is_empty() {
        return None;
    }
    for group in &mut flow.groups {
        group.nodes.retain(|node| !members.contains(node));
    }
    flow.groups.retain(|group| !group.nodes.is_empty());
    let id = fresh_id(flow, "group");
    flow.groups.push(NodeGroup {
        id: id.clone(),
        label: label.to_owned(),
        nodes: members,
        collapsed: false,
    });
    Some(id)
}

fn group_mut<'a>(flow: &'a mut FlowGraph, id: &str) -> Option<&'a mut NodeGroup> {
    flow.groups.iter_mut().find(|group| group.id == id)
}

/// Removes the group; its steps stay where they are.
pub fn ungroup(flow: &mut FlowGraph, id: &str) -> bool {
    let before = flow.groups.len();
    flow.groups.retain(|group| group.id != id);
    flow.groups.len() != before
}

pub fn rename_group(flow: &mut FlowGraph, id: &str, label: &str) -> bool {
    change(group_mut(flow, id).map(|group| &mut group.label), label)
}

pub fn set_collapsed(flow: &mut FlowGraph, id: &str, collapsed: bool) -> bool {
    change(
        group_mut(flow, id).map(|group| &mut group.collapsed),
        collapsed,
    )
}

/// The group `node` is in, if any.
pub fn group_of(flow: &FlowGraph, node: NodeId) -> Option<&NodeGroup> {
    flow.groups.iter().find(|group| group.nodes.contains(&node))
}

/// Opens the collapsed group that hides `node`, so it can be shown; false when none does.
pub fn reveal(flow: &mut FlowGraph, node: NodeId) -> bool {
    let hiding = flow
        .groups
        .iter()
        .find(|group| group.collapsed && group.nodes.contains(&node))
        .map(|group| group.id.clone());
    hiding.is_some_and(|id| set_collapsed(flow, &id, false))
}

/// What the note and group panel (or a key) asks of the picked note or group.
#[derive(Clone, PartialEq, Debug)]
pub enum DecorationAction {
    NoteText(String),
    RemoveNote,
    Rename(String),
    Collapse(bool),
    SelectSteps,
    Ungroup,
}

#[cfg(test)]
mod tests {
    use super::*;
    use flow_model::flow::{decompile, payload};
    use serde_json::json;

    fn steps(flow: &FlowGraph) -> Vec<NodeId> {
        flow.steps().map(|(node, _)| node).collect()
    }

    #[test]
    fn notes_are_added_written_moved_resized_and_removed() {
        let mut flow = FlowGraph::new();
        let first = add_note(&mut flow, Point { x: 10.0, y: 20.0 });
        let second = add_note(&mut flow, Point::default());
        assert_eq!((first.as_str(), second.as_str()), ("note-1", "note-2"));
        assert!(set_note_text(&mut flow, &first, "Ask for the PIN first"));
        assert!(!set_note_text(&mut flow, &first, "Ask for the PIN first"));
        assert!(move_note(&mut flow, &first, Point { x: 40.0, y: 60.0 }));
        assert!(resize_note(&mut flow, &first, 10.0, 500.0));
        let note = &flow.comments[0];
        assert_eq!(note.position, Point { x: 40.0, y: 60.0 });
        assert_eq!((note.width, note.height), (NOTE_MIN_WIDTH, 500.0));
        assert!(remove_note(&mut flow, &second));
        assert!(!remove_note(&mut flow, &second));
        assert!(!set_note_text(&mut flow, &second, "gone"));
        // Kept by a save and back.
        let saved = payload::save(&mut flow, None);
        let reopened = payload::open(&saved.schema, &saved.payload).unwrap();
        assert_eq!(reopened.comments, flow.comments);
    }

    #[test]
    fn grouping_takes_steps_from_other_groups_and_collapsing_hides_them_until_revealed() {
        let mut flow = decompile(&json!([{"answer": ""}, {"log": "a"}, {"hangup": ""}])).unwrap();
        let nodes = steps(&flow);
        let start = flow.start;
        assert_eq!(group_nodes(&mut flow, &[start], "Nothing"), None);
        let menu = group_nodes(&mut flow, &[start, nodes[0], nodes[1]], "Menu").unwrap();
        assert_eq!(
            flow.groups[0].nodes,
            [nodes[0], nodes[1]],
            "Start stays out"
        );
        let end = group_nodes(&mut flow, &[nodes[1], nodes[2]], "End").unwrap();
        assert_eq!(group_of(&flow, nodes[1]).unwrap().id, end);
        assert_eq!(group_of(&flow, nodes[0]).unwrap().id, menu);
        assert!(rename_group(&mut flow, &menu, "Greeting"));
        assert!(set_collapsed(&mut flow, &menu, true));
        assert!(!set_collapsed(&mut flow, &menu, true));
        assert!(reveal(&mut flow, nodes[0]));
        assert!(!flow.groups[0].collapsed);
        assert!(!reveal(&mut flow, nodes[0]), "already shown");
        assert!(ungroup(&mut flow, &menu));
        assert_eq!(flow.groups.len(), 1);
        assert_eq!(steps(&flow).len(), 3, "ungrouping keeps the steps");
    }
}
