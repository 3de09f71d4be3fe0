//! A modal dialog: a labelled `dialog` role over a dimmed page. Escape or the backdrop close
//! it; focus moves into it when it opens.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn Modal(
    /// The heading, also the dialog's accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// Called on Escape or a click on the backdrop.
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Div>::new();
    let title_id = format!("modal-title-{}", next_id());
    let labelled_by = title_id.clone();
    // Focus the first field or button, so the keyboard starts inside the dialog.
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get() {
            let first = dialog
                .query_selector("input:not([disabled]), select, textarea, button:not([disabled])")
                .ok()
                .flatten();
            if let Some(element) = first.and_then(|e| {
                use leptos::wasm_bindgen::JsCast;
                e.dyn_into::<web_sys::HtmlElement>().ok()
            }) {
                let _ = element.focus();
            }
        }
    });
    let on_key = move |event: ev::KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            on_close.run(());
        }
    };
    view! {
        <div class="modal-backdrop" on:click=move |_| on_close.run(())>
            <div
                class="modal"
                role="dialog"
                aria-modal="true"
                aria-labelledby=labelled_by
                node_ref=dialog
                on:keydown=on_key
                on:click=|event: ev::MouseEvent| event.stop_propagation()
            >
                <h2 id=title_id>{move || title.get()}</h2>
                {children()}
            </div>
        </div>
    }
}

fn next_id() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
