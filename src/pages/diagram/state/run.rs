//! The diagram's side of a run: the Run panel open or not, the run's record, the breakpoints
//! on steps, where each step is in the compiled schema, and the trail the canvas draws.

use super::DiagramStore;
use crate::components::run_panel::record::RunRecord;
use crate::pages::diagram::scene::trail::Trail;
use crate::pages::diagram::scene::viewport::{Rect, Vec2};
use flow_model::flow::{payload, step_places, FlowGraph, NodeId};
use flow_simulator::RunState;
use leptos::prelude::*;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

#[derive(Clone, Copy)]
pub struct DiagramRun {
    pub open: RwSignal<bool>,
    pub record: RwSignal<RunRecord, LocalStorage>,
    pub breakpoints: RwSignal<BTreeSet<NodeId>>,
    /// Each step's place in the schema a save (and a run) compiles: followed on edits.
    pub places: Memo<HashMap<String, NodeId>>,
    pub trail: Memo<Trail>,
}

impl DiagramRun {
    pub(super) fn new(graph: StoredValue<FlowGraph>, edit_version: RwSignal<u64>) -> Self {
        let record = RwSignal::new_local(RunRecord::default());
        let places = Memo::new(move |_| {
            edit_version.track();
            graph.with_value(step_places)
        });
        let trail = Memo::new(move |_| {
            places.with(|places| {
                record.with(|record| {
                    graph.with_value(|flow| {
                        Trail::of(
                            &record.visits,
                            &record.places,
                            record.current(),
                            places,
                            flow,
                        )
                    })
                })
            })
        });
        Self {
            open: RwSignal::new(false),
            record,
            breakpoints: RwSignal::new(BTreeSet::new()),
            places,
            trail,
        }
    }
}

impl DiagramStore {
    /// Sets or clears a breakpoint on each of `nodes` (all set when any was clear).
    pub fn toggle_breakpoints(&self, nodes: &[NodeId]) {
        self.run.breakpoints.update(|breakpoints| {
            if nodes.iter().all(|node| breakpoints.contains(node)) {
                for node in nodes {
                    breakpoints.remove(node);
                }
            } else {
                breakpoints.extend(nodes.iter().copied());
            }
        });
    }

    /// The breakpoints as the run names steps.
    pub fn breakpoint_paths(&self) -> Vec<String> {
        let breakpoints = self.run.breakpoints.get();
        self.run.places.with(|places| {
            places
                .iter()
                .filter(|(_, node)| breakpoints.contains(node))
                .map(|(path, _)| path.clone())
                .collect()
        })
    }

    /// The saved tests the flow carries (`payload.tests`), followed on edits.
    pub fn saved_tests(&self) -> Vec<Value> {
        self.edit_version.track();
        self.with_graph(|flow| payload::saved_tests(&flow.kept))
    }

    /// Replaces the flow's saved tests: one undoable change, saved with the flow.
    pub fn set_saved_tests(&self, tests: Vec<Value>) {
        self.apply(|flow| payload::set_saved_tests(&mut flow.kept, tests));
    }

    /// Keeps the step a run stopped at on screen: when it stops (a step, a breakpoint, a
    /// prompt, the end) at a step the canvas does not show, the view moves to it.
    pub fn follow_run(&self) {
        let store = *self;
        Effect::new(move |_| {
            let stopped = store
                .run
                .record
                .with(|record| record.state != RunState::Running && record.state != RunState::Idle);
            let Some(node) = store
                .run
                .trail
                .with(|trail| trail.current)
                .filter(|_| stopped)
            else {
                return;
            };
            let visible = store
                .viewport
                .with_untracked(|view| view.visible(store.canvas_size.get_untracked()));
            let place = store
                .scene
                .with_untracked(|scene| scene.box_of(node).map(|node_box| node_box.rect));
            let shown = |rect: &Rect| {
                visible.contains(Vec2::new(rect.x, rect.y))
                    && visible.contains(Vec2::new(rect.x + rect.width, rect.y + rect.height))
            };
            if let Some(rect) = place.filter(|rect| !shown(rect)) {
                store.centre_on(Vec2::new(
                    rect.x + rect.width / 2.0,
                    rect.y + rect.height / 2.0,
                ));
            }
        });
    }

    /// The step a run names by `path`, selected and shown.
    pub fn focus_run_step(&self, path: &str) {
        if let Some(node) = self
            .run
            .places
            .with_untracked(|places| places.get(path).copied())
        {
            self.focus(node);
        }
    }
}
