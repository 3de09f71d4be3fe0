//! The camera and the canvas's own things, where a canvas tool keeps them: zoom in and out, the
//! zoom in percent (back to 100 % on a click), to fit, to the selection, a new note, a group of
//! the selected steps.

use super::canvas::focus_note_text;
use crate::components::icon::{lucide, Icon};
use crate::i18n::{use_i18n, Msg};
use crate::pages::diagram::scene::viewport::Viewport;
use crate::pages::diagram::state::use_diagram;
use leptos::prelude::*;

#[component]
pub fn CanvasControls() -> impl IntoView {
    let store = use_diagram();
    let i18n = use_i18n();
    let group_selection = move || {
        let label = i18n.t(Msg::NewGroupName(
            store.with_graph(|flow| flow.groups.len()) + 1,
        ));
        store.group_selection(&label);
    };
    // Changes with the zoom only: a pan (every frame of a drag) leaves the controls alone.
    let percent = Memo::new(move |_| store.viewport.with(Viewport::percent));
    view! {
        <div class="canvas-controls" role="toolbar" aria-label=move || i18n.t(Msg::DiagramCanvas)>
            <button aria-label=move || i18n.t(Msg::ZoomIn) title=move || i18n.t(Msg::ZoomIn) on:click=move |_| store.zoom_by(1.2)>
                <Icon icon=lucide::LuZoomIn />
            </button>
            <button aria-label=move || i18n.t(Msg::ZoomOut) title=move || i18n.t(Msg::ZoomOut) on:click=move |_| store.zoom_by(1.0 / 1.2)>
                <Icon icon=lucide::LuZoomOut />
            </button>
            <button class="zoom-level"
                aria-label=move || i18n.t(Msg::ZoomActualSize(percent.get()))
                title=move || i18n.t(Msg::ZoomActualSize(percent.get()))
                on:click=move |_| store.zoom_to_actual_size()>
                {move || format!("{}%", percent.get())}
            </button>
            <button aria-label=move || i18n.t(Msg::ZoomToFit) title=move || i18n.t(Msg::ZoomToFit) on:click=move |_| store.fit()>
                <Icon icon=lucide::LuMaximize />
            </button>
            <button aria-label=move || i18n.t(Msg::ZoomToSelection) title=move || i18n.t(Msg::ZoomToSelection)
                disabled=move || store.selected().is_none() && store.picked.get().is_none()
                on:click=move |_| store.zoom_to_selection()>
                <Icon icon=lucide::LuScanSearch />
            </button>
            <span class="separator" aria-hidden="true"></span>
            <button aria-label=move || i18n.t(Msg::AddNote) title=move || i18n.t(Msg::AddNote) on:click=move |_| {
                if store.add_note() {
                    focus_note_text();
                }
            }>
                <Icon icon=lucide::LuStickyNote />
            </button>
            <button aria-label=move || i18n.t(Msg::GroupSteps) title=move || i18n.t(Msg::GroupSteps)
                disabled=move || store.selected().is_none()
                on:click=move |_| group_selection()>
                <Icon icon=lucide::LuGroup />
            </button>
        </div>
    }
}
