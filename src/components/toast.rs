//! Notifications: short-lived toasts for successes, lasting ones for errors (they carry the
//! server's detail and stay until dismissed, so no failure goes unseen).

use crate::i18n::{use_i18n, Msg};
use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ToastKind {
    Success,
    Error,
}

#[derive(Clone, PartialEq, Debug)]
pub struct Toast {
    id: u64,
    pub kind: ToastKind,
    pub text: String,
}

/// The toasts on screen, shared through context.
#[derive(Clone, Copy)]
pub struct Toasts {
    list: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

const SUCCESS_SHOWN_FOR: Duration = Duration::from_secs(4);

impl Toasts {
    pub fn new() -> Self {
        Self {
            list: RwSignal::new(Vec::new()),
            next: StoredValue::new(0),
        }
    }

    fn push(&self, kind: ToastKind, text: String) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.list.update(|list| list.push(Toast { id, kind, text }));
        if kind == ToastKind::Success {
            let toasts = *self;
            set_timeout(move || toasts.dismiss(id), SUCCESS_SHOWN_FOR);
        }
    }

    pub fn success(&self, text: String) {
        self.push(ToastKind::Success, text);
    }

    pub fn error(&self, text: String) {
        self.push(ToastKind::Error, text);
    }

    /// Removes the errors shown so far: a later success has made them moot.
    pub fn clear_errors(&self) {
        self.list
            .update(|list| list.retain(|toast| toast.kind != ToastKind::Error));
    }

    pub fn dismiss(&self, id: u64) {
        self.list.update(|list| list.retain(|toast| toast.id != id));
    }
}

impl Default for Toasts {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

/// Where the toasts appear: a live region, so screen readers announce them.
#[component]
pub fn Toaster() -> impl IntoView {
    let toasts = use_toasts();
    let i18n = use_i18n();
    view! {
        <div class="toaster" aria-live="polite">
            <For each=move || toasts.list.get() key=|toast| toast.id let:toast>
                <div
                    class="toast"
                    class:error=toast.kind == ToastKind::Error
                    role=if toast.kind == ToastKind::Error { "alert" } else { "status" }
                >
                    <span>{toast.text.clone()}</span>
                    <button
                        class="icon-button"
                        aria-label=move || i18n.t(Msg::Dismiss)
                        on:click=move |_| toasts.dismiss(toast.id)
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
