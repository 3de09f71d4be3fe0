//! Nothing typed is lost without a warning: the browser asks before a tab with unsaved changes
//! closes or reloads, and leaving an editor (Close, or the browser's Back) asks Save / Don't
//! save / Cancel.

use crate::components::modal::Modal;
use crate::i18n::{use_i18n, Msg};
use leptos::ev;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsValue;
use leptos_router::NavigateOptions;

/// Makes the browser ask before unloading the page while `dirty()` holds.
fn guard_unload(dirty: impl Fn() -> bool + 'static) {
    let guard = window_event_listener(ev::beforeunload, move |event| {
        if dirty() {
            event.prevent_default();
            event.set_return_value("unsaved");
        }
    });
    on_cleanup(move || guard.remove());
}

/// What a history entry of ours holds: the editor's extra entry (see [`guard_history`]).
const GUARD_STATE: &str = "flow-studio.unsaved-guard";

/// Back and Forward while an editor has unsaved changes: once there are changes, the editor
/// adds a history entry of its own page on top, so the browser's Back first lands on the same
/// page, where the editor asks. Made by [`guard_history`].
#[derive(Clone, Copy)]
struct HistoryGuard {
    /// Whether the page is on its own extra entry.
    on_top: StoredValue<bool>,
}

fn history() -> Option<web_sys::History> {
    window().history().ok()
}

impl HistoryGuard {
    /// Adds the extra entry (again), unless the page is on it.
    pub fn arm(&self) {
        if !self.on_top.get_value() {
            if let Some(history) = history() {
                let pushed = history.push_state(&JsValue::from_str(GUARD_STATE), "");
                self.on_top.set_value(pushed.is_ok());
            }
        }
    }

    /// Goes on where the browser's Back was going.
    pub fn go_back(&self) {
        if let Some(history) = history() {
            let _ = history.back();
        }
    }

    /// Navigates away from the editor, replacing its extra entry if the page is on it (so
    /// Back from where it goes returns to the editor, not to a duplicate of it).
    pub fn leave(
        &self,
        navigate: &impl Fn(&str, NavigateOptions),
        path: &str,
        mut options: NavigateOptions,
    ) {
        options.replace |= self.on_top.get_value();
        self.on_top.set_value(false);
        navigate(path, options);
    }
}

/// Guards Back and Forward while `dirty()`: `ask` runs when the user steps back off the page's
/// extra entry with changes unsaved (then [`HistoryGuard::go_back`] leaves, and
/// [`HistoryGuard::arm`] stays); with nothing unsaved the step goes on by itself.
fn guard_history(dirty: impl Fn() -> bool + Copy + 'static, ask: Callback<()>) -> HistoryGuard {
    // After a reload the page may already be on its extra entry.
    let reloaded_on_top = history()
        .and_then(|history| history.state().ok())
        .and_then(|state| state.as_string())
        .is_some_and(|state| state == GUARD_STATE);
    let guard = HistoryGuard {
        on_top: StoredValue::new(reloaded_on_top),
    };
    Effect::new(move |_| {
        if dirty() {
            guard.arm();
        }
    });
    let listener = window_event_listener(ev::popstate, move |event| {
        if event.state().as_string().as_deref() == Some(GUARD_STATE) {
            // Forward onto the extra entry.
            guard.on_top.set_value(true);
            return;
        }
        if !guard.on_top.get_value() {
            return;
        }
        guard.on_top.set_value(false);
        if dirty() {
            ask.run(());
        } else {
            guard.go_back();
        }
    });
    on_cleanup(move || listener.remove());
    guard
}

/// An editor's ways out while it may have unsaved changes: Close and the browser's Back both
/// ask first, and closing the tab makes the browser ask. Back is guarded for a stored flow
/// only: a new one's work is kept as a draft, and its first save replaces the page's URL,
/// which an extra history entry would outlive.
#[derive(Clone, Copy)]
pub struct LeaveGuard {
    /// The question is showing.
    pub asking: RwSignal<bool>,
    /// Whether the question came from Back (else from Close).
    by_back: StoredValue<bool>,
    history: Option<HistoryGuard>,
}

impl LeaveGuard {
    pub fn new(dirty: impl Fn() -> bool + Copy + 'static, stored: bool) -> Self {
        guard_unload(dirty);
        let asking = RwSignal::new(false);
        let by_back = StoredValue::new(false);
        let history = stored.then(|| {
            guard_history(
                dirty,
                Callback::new(move |()| {
                    by_back.set_value(true);
                    asking.set(true);
                }),
            )
        });
        Self {
            asking,
            by_back,
            history,
        }
    }

    /// Close: asks while there are unsaved changes, else leaves by `leave`.
    pub fn close(&self, dirty: bool, leave: impl FnOnce()) {
        if dirty {
            self.by_back.set_value(false);
            self.asking.set(true);
        } else {
            leave();
        }
    }

    /// Navigates away from the editor (replacing its extra history entry when on it).
    pub fn navigate(
        &self,
        navigate: &impl Fn(&str, NavigateOptions),
        path: &str,
        options: NavigateOptions,
    ) {
        match self.history {
            Some(history) => history.leave(navigate, path, options),
            None => navigate(path, options),
        }
    }

    /// "Don't save": goes on where the user was going: back, or by `leave`.
    pub fn discard(&self, leave: impl FnOnce()) {
        match self.history {
            Some(history) if self.by_back.get_value() => history.go_back(),
            _ => leave(),
        }
    }

    /// "Cancel" after Back: Back stays guarded.
    pub fn stay(&self) {
        if let (Some(history), true) = (self.history, self.by_back.get_value()) {
            history.arm();
        }
    }
}

/// "Unsaved changes": shown while `open`; each choice closes it first.
#[component]
pub fn UnsavedChangesModal(
    open: RwSignal<bool>,
    on_discard: Callback<()>,
    on_save: Callback<()>,
    /// Cancel, Escape or a click beside the question: staying.
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let cancel = move || {
        open.set(false);
        if let Some(on_cancel) = on_cancel {
            on_cancel.run(());
        }
    };
    view! {
        <Show when=move || open.get()>
            <Modal title=Signal::derive(move || i18n.t(Msg::UnsavedChanges)) on_close=Callback::new(move |()| cancel())>
                <p class="question">{move || i18n.t(Msg::UnsavedQuestion)}</p>
                <div class="modal-actions">
                    <button on:click=move |_| cancel()>{move || i18n.t(Msg::Cancel)}</button>
                    <button on:click=move |_| {
                        open.set(false);
                        on_discard.run(());
                    }>{move || i18n.t(Msg::DontSave)}</button>
                    <button class="primary" on:click=move |_| {
                        open.set(false);
                        on_save.run(());
                    }>{move || i18n.t(Msg::Save)}</button>
                </div>
            </Modal>
        </Show>
    }
}
