//! The store's named actions on the graph: every edit is one undoable change (`apply`), and
//! undo and redo travel through them; the selection and the picked note or group follow.

use super::{DiagramStore, Following};
use crate::pages::diagram::editing::decorations::{self, Decoration, DecorationAction};
use crate::pages::diagram::editing::selection::Selection;
use crate::pages::diagram::editing::{clipboard, edit, wiring};
use crate::pages::diagram::input::pointer::{snapped_point, GRID};
use crate::pages::diagram::scene::viewport::Vec2;
use crate::pages::diagram::scene::{self};
use flow_model::catalog::form::{self, FormEdit};
use flow_model::flow::{auto_layout, payload, FlowGraph, LayoutOptions, Node, NodeId, Point, Port};
use flow_model::l10n::Text;
use leptos::prelude::*;

impl DiagramStore {
    /// Every edit goes through here, so each is one undoable change: `edit` says whether it
    /// changed the graph, and only then is the graph as it was recorded.
    pub fn apply(&self, edit: impl FnOnce(&mut FlowGraph) -> bool) -> bool {
        let before = self.graph.with_value(FlowGraph::clone);
        let done = self.graph.try_update_value(edit).unwrap_or(false);
        if done {
            self.history.update_value(|history| history.record(before));
            self.edited();
        }
        done
    }

    /// An edit that may be refused: recorded when it is done, its reason handed back when not.
    pub fn apply_or_refuse<T>(
        &self,
        edit: impl FnOnce(&mut FlowGraph) -> Result<T, Text>,
    ) -> Result<T, Text> {
        let mut outcome = None;
        self.apply(|flow| {
            let done = edit(flow);
            let changed = done.is_ok();
            outcome = Some(done);
            changed
        });
        outcome.expect("the graph is alive while the editor is")
    }

    /// What the flow does may have changed: everything follows.
    fn edited(&self) {
        self.edit_version.update(|version| *version += 1);
        self.graph_version.update(|version| *version += 1);
    }

    pub fn undo(&self) {
        self.travel(false);
    }

    pub fn redo(&self) {
        self.travel(true);
    }

    fn travel(&self, forward: bool) {
        let now = self.graph.with_value(FlowGraph::clone);
        let other = self
            .history
            .try_update_value(|history| {
                if forward {
                    history.redo(now)
                } else {
                    history.undo(now)
                }
            })
            .flatten();
        if let Some(other) = other {
            // The selection stays on the steps that are still there.
            self.selection.update(|selection| {
                *selection = selection.without(|node| other.graph.node_weight(node).is_none())
            });
            self.graph.set_value(other);
            self.edited();
        }
    }

    /// Replaces the whole diagram (a draft restored, their flow reloaded), as one undoable
    /// change.
    pub fn replace_graph(&self, graph: FlowGraph) {
        self.apply(|flow| {
            *flow = graph;
            true
        });
        self.selection.set(Selection::default());
        self.picked.set(None);
    }

    /// The first move of a drag: the diagram as it is goes into the history, so the whole drag
    /// is one undoable change; the scene follows what moves until it is dropped.
    pub(super) fn begin_drag(&self, what: Following) {
        let before = self.graph.with_value(FlowGraph::clone);
        self.history.update_value(|history| history.record(before));
        self.following.set_value(what);
    }

    /// Steps dragged to `places` (not an edit of their own: the drag is one).
    pub fn place_steps(&self, places: &[(NodeId, Point)]) {
        self.graph.update_value(|flow| {
            for (node, at) in places {
                if let Some(weight) = flow.graph.node_weight_mut(*node) {
                    weight.set_position(*at);
                }
            }
        });
        self.graph_version.update(|version| *version += 1);
    }

    /// A dragged note moved or resized (not an edit of its own: the drag is one).
    pub fn change_note(&self, change: impl FnOnce(&mut FlowGraph) -> bool) {
        self.graph.update_value(|flow| {
            change(flow);
        });
        self.graph_version.update(|version| *version += 1);
    }

    /// Dragged steps dropped: the scene is built again, links going around steps once more.
    pub fn drop_steps(&self) {
        self.following.set_value(Following::Nothing);
        self.guides.set(Vec::new());
        self.graph_version.update(|version| *version += 1);
        self.drags_ended.update(|count| *count += 1);
    }

    /// A dragged note dropped.
    pub fn drop_note(&self) {
        self.following.set_value(Following::Nothing);
        self.drags_ended.update(|count| *count += 1);
    }

    pub fn select(&self, selection: Selection) {
        self.selection.set(selection);
    }

    /// Picks a note or group (or nothing); steps are then not selected.
    pub fn pick(&self, decoration: Option<Decoration>) {
        if decoration.is_some() {
            self.selection.set(Selection::default());
        }
        self.picked.set(decoration);
    }

    /// Selects `node` alone and shows it in the middle of the canvas, opening the collapsed
    /// group it is in.
    pub fn focus(&self, node: NodeId) {
        self.select_revealed(node);
        if let Some(rect) = self
            .scene
            .with_untracked(|scene| scene.box_of(node).map(|node_box| node_box.rect))
        {
            self.centre_on(Vec2::new(
                rect.x + rect.width / 2.0,
                rect.y + rect.height / 2.0,
            ));
        }
    }

    /// Selects `node` alone, opening the collapsed group it is in; the view stays.
    pub fn select_revealed(&self, node: NodeId) {
        if self
            .scene
            .with_untracked(|scene| scene.box_of(node).is_none())
        {
            self.apply(|flow| decorations::reveal(flow, node));
        }
        self.picked.set(None);
        self.selection.set(Selection::only(node));
    }

    /// Links `port` of `node` to `target`, or unlinks it; a refusal says why.
    pub fn link(&self, node: NodeId, port: Port, target: Option<NodeId>) -> Result<(), Text> {
        match target {
            Some(to) => self.apply_or_refuse(|flow| wiring::connect(flow, node, port, to)),
            None => {
                self.apply(|flow| wiring::disconnect(flow, node, &port));
                Ok(())
            }
        }
    }

    /// Adds a step of `app` after the selected one (or at the end), and goes to it.
    pub fn add_step(&self, app: &str) {
        let after = self.selection.with_untracked(|selection| selection.primary);
        let mut added = None;
        self.apply(|flow| {
            added = Some(edit::add_step(flow, after, app));
            true
        });
        if let Some(node) = added {
            self.focus(node);
        }
    }

    /// A step of `app` dropped at canvas point `at`: into the link there, or standing alone.
    /// Says which step it is.
    pub fn drop_step(&self, app: &str, at: Vec2) -> Option<NodeId> {
        let view = self.viewport.get_untracked();
        let world = view.to_world(at);
        let place = snapped_point(
            world.x - scene::STEP_WIDTH / 2.0,
            world.y - scene::STEP_HEIGHT / 2.0,
        );
        let link = self.scene.with_untracked(|scene| {
            if scene.hit(world).is_some() {
                return None;
            }
            scene
                .edge_at(world, scene::PORT_REACH / view.zoom.min(1.0))
                .map(|edge| edge.link)
        });
        let mut added = None;
        self.apply(|flow| {
            added = match link {
                Some(link) => edit::insert_into_link(flow, link, app, place),
                None => Some(edit::place_step(flow, app, place)),
            };
            added.is_some()
        });
        if let Some(node) = added {
            self.picked.set(None);
            self.selection.set(Selection::only(node));
        }
        added
    }

    /// Deletes every selected step, joining what was before and after each.
    pub fn remove_selection(&self) -> bool {
        let doomed = self.selected_steps();
        let removed = self.apply(|flow| {
            let mut any = false;
            for node in &doomed {
                any |= edit::remove_node(flow, *node);
            }
            any
        });
        if removed {
            self.selection.set(Selection::default());
        }
        removed
    }

    /// The selected steps as flow JSON, for the clipboard.
    pub fn copy_selection(&self) -> Option<String> {
        let nodes = self.selected_steps();
        self.with_graph(|flow| clipboard::copy(flow, &nodes))
    }

    /// Pastes flow JSON after the selected step and goes to what was pasted.
    pub fn paste(&self, text: &str) -> Result<(), Text> {
        let after = self.selection.with_untracked(|selection| selection.primary);
        let pasted = self.apply_or_refuse(|flow| clipboard::paste(flow, after, text))?;
        self.focus(pasted);
        Ok(())
    }

    /// The selected steps into a new group named `label`, which is then picked (to name it).
    pub fn group_selection(&self, label: &str) {
        let nodes = self.selected_steps();
        let mut made = None;
        self.apply(|flow| {
            made = decorations::group_nodes(flow, &nodes, label);
            made.is_some()
        });
        if let Some(id) = made {
            self.pick(Some(Decoration::Group(id)));
        }
    }

    /// A new note where nothing is, around the middle of the view, picked to be written.
    pub fn add_note(&self) -> bool {
        let size = self.canvas_size.get_untracked();
        let centre = self
            .viewport
            .get_untracked()
            .to_world(Vec2::new(size.x / 2.0, size.y / 2.0));
        let spot = self.scene.with_untracked(|scene| {
            scene.free_spot(
                centre,
                Vec2::new(decorations::NOTE_WIDTH, decorations::NOTE_HEIGHT),
                GRID,
            )
        });
        let mut made = None;
        self.apply(|flow| {
            made = Some(decorations::add_note(
                flow,
                Point {
                    x: spot.x,
                    y: spot.y,
                },
            ));
            true
        });
        made.map(|id| self.pick(Some(Decoration::Note(id))))
            .is_some()
    }

    /// What the panel (or a key) asks of the picked note or group; for Ungroup with a step
    /// selected instead, its group.
    pub fn decorate(&self, action: DecorationAction) {
        let target = self.picked.get_untracked().or_else(|| {
            let node = self
                .selection
                .with_untracked(|selection| selection.primary)?;
            self.with_graph(|flow| {
                decorations::group_of(flow, node).map(|group| Decoration::Group(group.id.clone()))
            })
        });
        match (target, action) {
            (Some(Decoration::Note(id)), DecorationAction::NoteText(text)) => {
                self.apply(|flow| decorations::set_note_text(flow, &id, &text));
            }
            (Some(Decoration::Note(id)), DecorationAction::RemoveNote) => {
                // Removed now, or already gone: nothing is picked either way.
                self.apply(|flow| decorations::remove_note(flow, &id));
                self.picked.set(None);
            }
            (Some(Decoration::Group(id)), DecorationAction::Rename(label)) => {
                self.apply(|flow| decorations::rename_group(flow, &id, label.trim()));
            }
            (Some(Decoration::Group(id)), DecorationAction::Collapse(collapsed)) => {
                self.apply(|flow| decorations::set_collapsed(flow, &id, collapsed));
            }
            (Some(Decoration::Group(id)), DecorationAction::SelectSteps) => {
                let members = self.with_graph(|flow| {
                    flow.groups
                        .iter()
                        .find(|group| group.id == id)
                        .map(|group| group.nodes.clone())
                        .unwrap_or_default()
                });
                self.apply(|flow| decorations::set_collapsed(flow, &id, false));
                self.picked.set(None);
                self.selection.set(Selection::of(members));
            }
            (Some(Decoration::Group(id)), DecorationAction::Ungroup) => {
                self.apply(|flow| decorations::ungroup(flow, &id));
                self.picked.set(None);
            }
            _ => {}
        }
    }

    /// One edit of the selected step's form (a field, an item added or removed), as one
    /// undoable change; nothing is recorded when it is refused or changes nothing. A removed
    /// branch (a switch case) takes its link with it.
    pub fn edit_selected_step(&self, change: FormEdit) -> Result<(), Text> {
        let node = self
            .selection
            .with_untracked(|selection| selection.primary)
            .ok_or_else(|| Text::new("editing-no-step-selected"))?;
        let mut outcome = Ok(());
        self.apply(|flow| {
            let Some((app, before)) = flow
                .step(node)
                .map(|step| (step.app.clone(), step.object.clone()))
            else {
                return false;
            };
            let mut object = before.clone();
            let done = form::apply(&app, &mut object, &change).and_then(|()| match &change {
                FormEdit::Remove(path) => wiring::unlink_under(flow, node, path),
                _ => Ok(()),
            });
            match (done, flow.graph.node_weight_mut(node)) {
                (Ok(()), Some(Node::Step(step))) => {
                    step.object = object;
                    step.object != before || matches!(change, FormEdit::Remove(_))
                }
                (Err(reason), _) => {
                    outcome = Err(reason);
                    false
                }
                _ => false,
            }
        });
        outcome
    }

    /// The selected step replaced by the step JSON `text`, or why it cannot be.
    pub fn replace_selected_step(&self, text: &str) -> Result<(), Text> {
        let Some(node) = self.selection.with_untracked(|selection| selection.primary) else {
            return Ok(());
        };
        self.apply_or_refuse(|flow| edit::replace_step(flow, node, text))
    }

    /// The names of the functions the flow defines, sorted, each once.
    pub fn function_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.with_graph(|flow| {
            flow.steps()
                .filter(|(_, step)| step.app == "function")
                .filter_map(|(_, step)| Some(step.argument().get("name")?.as_str()?.to_owned()))
                .collect()
        });
        names.sort();
        names.dedup();
        names
    }

    /// Lays the whole flow out again.
    pub fn arrange(&self) {
        self.apply(|flow| {
            auto_layout(flow, LayoutOptions::default());
            true
        });
        self.fit();
    }

    /// What a save writes: the compiled schema and the layout, with the current view. Laying
    /// it out gives every step its tag, which changes the graph (not what it does).
    pub fn lay_out_for_save(&self) -> payload::Saved {
        let view = self.viewport.get_untracked();
        let viewport = payload::Viewport {
            x: view.origin.x,
            y: view.origin.y,
            zoom: view.zoom,
        };
        self.graph
            .try_update_value(|flow| payload::save(flow, Some(viewport)))
            .expect("the graph is alive while the editor is")
    }

    /// What the browser keeps of unsaved work: the diagram as a save would write it, laid out
    /// on a copy so the graph itself stays as it is.
    pub fn draft_payload(&self) -> payload::Saved {
        let mut copy = self.graph.with_value(FlowGraph::clone);
        payload::save(&mut copy, None)
    }
}
