//! The side panel's frame: a splitter on its left edge that resizes it (drag, or arrow keys
//! when focused), a button that collapses it to a strip and opens it again, and the browser
//! remembering both.

use super::panel_size::{PanelSize, MAX_WIDTH, MIN_WIDTH};
use crate::i18n::{use_i18n, Msg};
use crate::storage::Store;
use leptos::ev::{KeyboardEvent, PointerEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const PANEL_SIZE_KEY: &str = "flow-studio.side-panel";

#[component]
pub fn PanelFrame(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let size = RwSignal::new(PanelSize::from_stored(
        Store::Local.get(PANEL_SIZE_KEY).as_deref(),
    ));
    let keep = move |next: PanelSize| {
        size.set(next);
        Store::Local.set(PANEL_SIZE_KEY, &next.stored());
    };
    // Where the drag started: the pointer's x and the panel's width then.
    let drag_start = StoredValue::new(None::<(f64, u32)>);
    let splitter = |event: &PointerEvent| {
        event
            .current_target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
    };
    let press = move |event: PointerEvent| {
        if event.button() != 0 {
            return;
        }
        event.prevent_default();
        if let Some(element) = splitter(&event) {
            let _ = element.set_pointer_capture(event.pointer_id());
        }
        drag_start.set_value(Some((
            f64::from(event.client_x()),
            size.get_untracked().width,
        )));
    };
    let drag = move |event: PointerEvent| {
        if let Some((start_x, start_width)) = drag_start.get_value() {
            let dx = f64::from(event.client_x()) - start_x;
            size.set(size.get_untracked().dragged(start_width, dx));
        }
    };
    let release = move |_: PointerEvent| {
        if drag_start.get_value().is_some() {
            drag_start.set_value(None);
            keep(size.get_untracked());
        }
    };
    let key = move |event: KeyboardEvent| {
        if let Some(next) = size.get_untracked().keyed(&event.key()) {
            event.prevent_default();
            keep(next);
        }
    };
    let collapsed = move || size.get().collapsed;
    let toggle_label = move || {
        i18n.t(if collapsed() {
            Msg::ShowPanel
        } else {
            Msg::HidePanel
        })
    };
    view! {
        <div
            class="side-panel"
            class:collapsed=collapsed
            style:width=move || (!collapsed()).then(|| format!("{}px", size.get().width))
        >
            <div
                class="panel-splitter"
                role="separator"
                tabindex="0"
                aria-orientation="vertical"
                aria-label=move || i18n.t(Msg::ResizePanel)
                aria-valuemin=MIN_WIDTH
                aria-valuemax=MAX_WIDTH
                aria-valuenow=move || size.get().width
                hidden=collapsed
                on:pointerdown=press
                on:pointermove=drag
                on:pointerup=release
                on:pointercancel=release
                on:keydown=key
            ></div>
            <button
                type="button"
                class="panel-toggle"
                aria-expanded=move || (!collapsed()).to_string()
                aria-label=toggle_label
                title=toggle_label
                on:click=move |_| keep(size.get_untracked().toggled())
            >
                {move || if collapsed() { "\u{2039}" } else { "\u{203a}" }}
            </button>
            <div class="side-panel-body" hidden=collapsed>
                {children()}
            </div>
        </div>
    }
}
