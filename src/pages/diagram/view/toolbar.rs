//! The diagram's header: the flow's name, what kind of flow it is, undo and redo, find, and
//! the flow-wide commands (arrange, to start, settings, JSON, run, save as, close, save).

use super::dialogs::DiagramDialogs;
use super::find_bar::FindBar;
use crate::components::icon::{lucide, Icon};
use crate::i18n::{use_i18n, Msg, RunText};
use crate::pages::diagram::state::use_diagram;
use leptos::prelude::*;

#[component]
pub fn Toolbar(
    dialogs: DiagramDialogs,
    name_error: RwSignal<Option<String>>,
    /// Stored as a Diagram flow (or new).
    #[prop(into)]
    stored_as_diagram: Signal<bool>,
    #[prop(into)] saving: Signal<bool>,
    on_save: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let store = use_diagram();
    let i18n = use_i18n();
    let open_save_as = move |_| {
        let typed = store.name.get_untracked();
        dialogs.save_as.set(Some(if typed.trim().is_empty() {
            typed
        } else {
            i18n.t(Msg::CopyName(typed.trim().to_owned()))
        }));
    };
    view! {
        <header class="page-header">
            <input
                class="flow-name"
                name="name"
                aria-label=move || i18n.t(Msg::Name)
                placeholder=move || i18n.t(Msg::NewFlow)
                aria-invalid=move || name_error.with(Option::is_some).to_string()
                prop:value=store.name
                on:input=move |event| {
                    store.name.set(event_target_value(&event));
                    name_error.set(None);
                }
            />
            <span class="error" role="alert">{move || name_error.get()}</span>
            <span class="editor-badge">
                {move || i18n.t(Msg::EditorKind(stored_as_diagram.get()))}
                " · "{move || i18n.t(Msg::FlowType(store.kind))}
            </span>
            <div class="actions">
                <button aria-label=move || i18n.t(Msg::Undo) title=move || i18n.t(Msg::Undo)
                    disabled=move || !store.can_undo() on:click=move |_| store.undo()>
                    <Icon icon=lucide::LuUndo2 />
                </button>
                <button aria-label=move || i18n.t(Msg::Redo) title=move || i18n.t(Msg::Redo)
                    disabled=move || !store.can_redo() on:click=move |_| store.redo()>
                    <Icon icon=lucide::LuRedo2 />
                </button>
                <FindBar />
                <button aria-label=move || i18n.t(Msg::Arrange) title=move || i18n.t(Msg::Arrange) on:click=move |_| store.arrange()>
                    <Icon icon=lucide::LuLayoutGrid />
                </button>
                <button aria-label=move || i18n.t(Msg::ToStart) title=move || i18n.t(Msg::ToStart) on:click=move |_| store.to_start()>
                    <Icon icon=lucide::LuFlag />
                </button>
                <button aria-label=move || i18n.t(Msg::FlowSettings) title=move || i18n.t(Msg::FlowSettings) on:click=move |_| dialogs.settings.set(true)>
                    <Icon icon=lucide::LuSettings />
                </button>
                <button aria-label=move || i18n.t(Msg::ShowJson) title=move || i18n.t(Msg::ShowJson) on:click=move |_| dialogs.compiled.set(true)>
                    <Icon icon=lucide::LuBraces />
                </button>
                <button
                    class="run-toggle"
                    aria-pressed=move || store.run.open.get().to_string()
                    on:click=move |_| store.run.open.update(|open| *open = !*open)
                >
                    <Icon icon=lucide::LuPlay />
                    {move || i18n.t(Msg::Run(RunText::Title))}
                </button>
                <button on:click=open_save_as>
                    <Icon icon=lucide::LuCopyPlus />
                    {move || i18n.t(Msg::SaveAs)}
                </button>
                <button on:click=move |_| on_close.run(())>
                    <Icon icon=lucide::LuX />
                    {move || i18n.t(Msg::Close)}
                </button>
                <button class="primary" disabled=move || !store.is_dirty() || saving.get()
                    on:click=move |_| on_save.run(())>
                    {move || i18n.t(if saving.get() { Msg::Saving } else { Msg::Save })}
                </button>
            </div>
        </header>
    }
}
