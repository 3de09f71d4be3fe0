//! The store's named actions on the view: fit, zoom, centre, follow a gesture.

use super::{DiagramStore, Following};
use crate::nav::OpenAt;
use crate::pages::diagram::editing::decorations::Decoration;
use crate::pages::diagram::input::pointer::Effect;
use crate::pages::diagram::scene::viewport::{Rect, Vec2, Viewport};
use crate::pages::diagram::scene::Scene;
use flow_model::l10n::Text;
use leptos::prelude::*;

impl DiagramStore {
    /// The whole flow, as large as fits.
    pub fn fit(&self) {
        if let Some(bounds) = self.scene.with_untracked(Scene::bounds) {
            self.viewport
                .set(Viewport::fitting(bounds, self.canvas_size.get_untracked()));
        }
    }

    /// Where the flow opens: at the step or note asked for, selected in the middle; else at the
    /// view it was saved with; without one, at 100 % with Start near the top left (the whole
    /// flow when it has no Start to show).
    pub fn show_opening(&self) {
        if !self.open_at.get_value().is_some_and(|at| self.show_at(&at)) {
            self.show_saved_or_start(self.saved_view);
        }
    }

    /// Selects the step or note `at` names and puts it in the middle; false when the flow has
    /// no such step or note.
    fn show_at(&self, at: &OpenAt) -> bool {
        match at {
            OpenAt::Step(place) => {
                let node = self
                    .run
                    .places
                    .with_untracked(|places| places.get(place).copied());
                node.inspect(|node| self.focus(*node)).is_some()
            }
            OpenAt::Note(id) => {
                let note = Decoration::Note(id.clone());
                let Some(rect) = self
                    .scene
                    .with_untracked(|scene| scene.decoration_rect(&note))
                else {
                    return false;
                };
                self.pick(Some(note));
                self.centre_on(Vec2::new(
                    rect.x + rect.width / 2.0,
                    rect.y + rect.height / 2.0,
                ));
                true
            }
        }
    }

    /// The view `saved` (a stored flow's, a draft's) when there is one, else the opening one.
    pub fn show_saved_or_start(&self, saved: Option<Viewport>) {
        let start = self.with_graph(|flow| flow.start);
        let opening = saved.or_else(|| {
            self.scene.with_untracked(|scene| {
                scene
                    .box_of(start)
                    .map(|start| Viewport::opening_at(&start.rect))
            })
        });
        match opening {
            Some(view) => self.viewport.set(view),
            None => self.fit(),
        }
    }

    /// Back to 100 %, around the middle of the canvas.
    pub fn zoom_to_actual_size(&self) {
        self.zoom_by(1.0 / self.viewport.get_untracked().zoom);
    }

    /// Zooms by `factor` around the middle of the canvas.
    pub fn zoom_by(&self, factor: f64) {
        let size = self.canvas_size.get_untracked();
        let middle = Vec2::new(size.x / 2.0, size.y / 2.0);
        self.viewport
            .update(|view| *view = view.zoomed_at(middle, factor));
    }

    /// Puts `world` in the middle of the canvas.
    pub fn centre_on(&self, world: Vec2) {
        let size = self.canvas_size.get_untracked();
        self.viewport
            .update(|view| *view = view.centred_on(world, size));
    }

    /// Moves the view by `delta` screen pixels.
    pub fn pan(&self, delta: Vec2) {
        self.viewport.update(|view| *view = view.panned(delta));
    }

    /// Shows what is selected (steps, a note, a group) as large as fits; nothing selected,
    /// the whole flow.
    pub fn zoom_to_selection(&self) {
        let steps = self.selected_steps();
        let picked = self.picked.get_untracked();
        let chosen = self.scene.with_untracked(|scene| {
            let steps = steps
                .into_iter()
                .filter_map(|node| scene.box_of(node).map(|node_box| node_box.rect));
            let decoration = picked.and_then(|decoration| scene.decoration_rect(&decoration));
            Rect::around(steps.chain(decoration))
        });
        match chosen {
            Some(bounds) => self
                .viewport
                .set(Viewport::fitting(bounds, self.canvas_size.get_untracked())),
            None => self.fit(),
        }
    }

    /// To the Start step, selected, at 100 % near the top left as a flow opens.
    pub fn to_start(&self) {
        let start = self.with_graph(|flow| flow.start);
        self.select_revealed(start);
        self.show_saved_or_start(None);
    }

    /// Carries out what a pointer gesture asks; a refused link says why.
    pub fn perform(&self, effect: Effect) -> Result<(), Text> {
        match effect {
            Effect::Select(selection) => self.select(selection),
            Effect::Pick(decoration) => self.pick(decoration),
            Effect::Pan(delta) => self.pan(delta),
            Effect::BeginMovingSteps(nodes) => self.begin_drag(if nodes.is_empty() {
                Following::Nothing
            } else {
                Following::Steps(nodes)
            }),
            Effect::BeginChangingNote(id) => self.begin_drag(Following::Note(id)),
            Effect::PlaceSteps { places, guides } => {
                self.place_steps(&places);
                self.guides.set(guides);
            }
            Effect::MoveNote { id, to } => self.change_note(|flow| {
                crate::pages::diagram::editing::decorations::move_note(flow, &id, to)
            }),
            Effect::ResizeNote { id, width, height } => self.change_note(|flow| {
                crate::pages::diagram::editing::decorations::resize_note(flow, &id, width, height)
            }),
            Effect::StepsDropped => self.drop_steps(),
            Effect::NoteDropped => self.drop_note(),
            Effect::ShowBand(band) => self.band.set(band),
            Effect::ShowWire(wire) => self.wire.set(wire),
            Effect::Relink { node, port, target } => return self.link(node, port, target),
        }
        Ok(())
    }
}
