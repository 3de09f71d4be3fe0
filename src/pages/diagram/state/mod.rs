//! The diagram editor's store: the flow graph and its history, the selection, the view, what
//! a gesture shows on top, and the save state, as one `Copy` value of signals provided as
//! context. Every change goes through its named actions (`actions.rs`); what is computed from
//! it (problems, the scene) lives in `derived.rs`. Reading the graph never changes it.

mod actions;
mod camera;
mod derived;
mod run;

pub use run::DiagramRun;

use super::document::FlowSettings;
use super::editing::decorations::Decoration;
use super::editing::history::History;
use super::editing::selection::Selection;
use super::scene::guides::Guide;
use super::scene::viewport::{Rect, Vec2, Viewport};
use super::scene::Scene;
use crate::nav::OpenAt;
use flow_model::flow::{FlowGraph, NodeId, Problem};
use flow_model::l10n::Locale;
use flow_model::FlowType;
use leptos::prelude::*;

/// What the scene follows cheaply instead of being rebuilt: the steps or the note a drag is
/// moving.
#[derive(Clone, PartialEq, Debug, Default)]
enum Following {
    #[default]
    Nothing,
    Steps(Vec<NodeId>),
    Note(String),
}

/// The diagram as last saved (or opened), to tell unsaved changes.
#[derive(Clone, PartialEq, Debug)]
struct SavedState {
    graph_version: u64,
    name: String,
    settings: FlowSettings,
}

#[derive(Clone, Copy)]
pub struct DiagramStore {
    pub kind: FlowType,
    /// Not reactive itself: every change bumps `graph_version`.
    graph: StoredValue<FlowGraph>,
    history: StoredValue<History>,
    /// Bumped by every change of the graph, the moves of a drag included: the canvas follows it.
    pub graph_version: RwSignal<u64>,
    /// Bumped by every change but the moves of a drag in progress: what the flow does (its
    /// problems, titles, links) follows it, so a drag does not validate the flow on each move.
    pub edit_version: RwSignal<u64>,
    /// Bumped when a drag ends: what shows where steps stand follows it.
    pub drags_ended: RwSignal<u64>,
    following: StoredValue<Following>,
    pub selection: RwSignal<Selection>,
    /// The selection's primary step, changing only when it does.
    primary: Memo<Option<NodeId>>,
    /// A note or group picked on the canvas (steps are selected instead).
    pub picked: RwSignal<Option<Decoration>>,
    pub viewport: RwSignal<Viewport>,
    /// The view the flow was saved with, if it can be shown: where it opens.
    saved_view: Option<Viewport>,
    /// The step or note the page was asked to open at (a search's result), shown instead.
    pub open_at: StoredValue<Option<OpenAt>>,
    /// The canvas's size in CSS pixels.
    pub canvas_size: RwSignal<Vec2>,
    /// Shown on top while a gesture runs: the rubber band, the wire from a port, the guides.
    pub band: RwSignal<Option<Rect>>,
    pub wire: RwSignal<Option<(Vec2, Vec2)>>,
    pub guides: RwSignal<Vec<Guide>>,
    pub name: RwSignal<String>,
    pub settings: RwSignal<FlowSettings>,
    saved: RwSignal<SavedState>,
    pub problems: Memo<Vec<Problem>>,
    pub scene: Memo<Scene>,
    /// Counts the scenes built or followed: a picture of the scene holds while it stays.
    pub scene_stamp: StoredValue<u64>,
    /// The language the model's texts are said in.
    pub locale: Signal<Locale>,
    pub run: DiagramRun,
}

impl DiagramStore {
    pub fn new(
        graph: FlowGraph,
        kind: FlowType,
        name: String,
        settings: FlowSettings,
        saved_view: Option<Viewport>,
        locale: Signal<Locale>,
    ) -> Self {
        let graph = StoredValue::new(graph);
        let graph_version = RwSignal::new(0);
        let edit_version = RwSignal::new(0);
        let following = StoredValue::new(Following::Nothing);
        let problems = derived::problems(graph, edit_version, kind);
        let scene_stamp = StoredValue::new(0);
        let scene = derived::scene(
            graph,
            graph_version,
            edit_version,
            following,
            problems,
            locale,
            scene_stamp,
        );
        let selection = RwSignal::new(Selection::default());
        let primary = Memo::new(move |_| selection.with(|selection| selection.primary));
        Self {
            kind,
            graph,
            history: StoredValue::new(History::default()),
            graph_version,
            edit_version,
            drags_ended: RwSignal::new(0),
            following,
            selection,
            primary,
            picked: RwSignal::new(None),
            viewport: RwSignal::new(Viewport::default()),
            saved_view,
            open_at: StoredValue::new(None),
            canvas_size: RwSignal::new(Vec2::new(800.0, 600.0)),
            band: RwSignal::new(None),
            wire: RwSignal::new(None),
            guides: RwSignal::new(Vec::new()),
            saved: RwSignal::new(SavedState {
                graph_version: 0,
                name: name.clone(),
                settings: settings.clone(),
            }),
            name: RwSignal::new(name),
            settings: RwSignal::new(settings),
            problems,
            scene,
            scene_stamp,
            locale,
            run: DiagramRun::new(graph, edit_version),
        }
    }

    /// Reads the graph (untracked: track `graph_version` or `edit_version` to follow it).
    pub fn with_graph<T>(&self, read: impl FnOnce(&FlowGraph) -> T) -> T {
        self.graph.with_value(read)
    }

    /// The step the panels show (tracked).
    pub fn selected(&self) -> Option<NodeId> {
        self.primary.get()
    }

    /// Every selected step (untracked).
    pub fn selected_steps(&self) -> Vec<NodeId> {
        self.selection.with_untracked(Selection::steps)
    }

    /// Whether anything differs from what was last saved (tracked).
    pub fn is_dirty(&self) -> bool {
        let version = self.graph_version.get();
        self.saved.with(|saved| {
            version != saved.graph_version
                || self.name.with(|name| *name != saved.name)
                || self.settings.with(|settings| *settings != saved.settings)
        })
    }

    /// What is shown now counts as saved (or deliberately left unsaved).
    pub fn mark_saved(&self) {
        self.saved.set(SavedState {
            graph_version: self.graph_version.get_untracked(),
            name: self.name.get_untracked(),
            settings: self.settings.get_untracked(),
        });
    }

    /// A save that began at `graph_version` with `name` and `settings` has been written.
    pub fn mark_saved_as(&self, graph_version: u64, name: String, settings: FlowSettings) {
        self.saved.set(SavedState {
            graph_version,
            name,
            settings,
        });
    }

    pub fn can_undo(&self) -> bool {
        self.graph_version.track();
        self.history.with_value(History::can_undo)
    }

    pub fn can_redo(&self) -> bool {
        self.graph_version.track();
        self.history.with_value(History::can_redo)
    }
}

/// The store of the diagram editor on show.
pub fn use_diagram() -> DiagramStore {
    expect_context::<DiagramStore>()
}

#[cfg(test)]
mod tests;
