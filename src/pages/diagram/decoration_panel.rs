//! The right-hand panel for a picked note (its text) or group (its name, collapse, its steps,
//! ungroup). Each committed field is one undoable change, as in the step form.

use crate::i18n::{use_i18n, Msg};
use leptos::prelude::*;

/// What the panel shows of the picked note or group.
#[derive(Clone, PartialEq, Debug)]
pub enum Picked {
    Note {
        text: String,
    },
    Group {
        label: String,
        collapsed: bool,
        steps: usize,
    },
}

/// What the panel asks the editor to do to the picked note or group.
#[derive(Clone, PartialEq, Debug)]
pub enum DecorationAction {
    NoteText(String),
    RemoveNote,
    Rename(String),
    Collapse(bool),
    SelectSteps,
    Ungroup,
}

#[component]
pub fn DecorationPanel(
    picked: Memo<Option<Picked>>,
    on_action: Callback<DecorationAction>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        picked.get().map(|picked| match picked {
            Picked::Note { text } => view! {
                <section class="decoration note-panel">
                    <h2>{move || i18n.t(Msg::Note)}</h2>
                    <label>
                        {move || i18n.t(Msg::Note)}
                        <textarea
                            name="note-text"
                            rows="6"
                            prop:value=text
                            on:change=move |event| on_action.run(DecorationAction::NoteText(event_target_value(&event)))
                        ></textarea>
                    </label>
                    <button on:click=move |_| on_action.run(DecorationAction::RemoveNote)>
                        {move || i18n.t(Msg::Delete)}
                    </button>
                </section>
            }
            .into_any(),
            Picked::Group { label, collapsed, steps } => view! {
                <section class="decoration group-panel">
                    <h2>{move || i18n.t(Msg::Group)}</h2>
                    <label>
                        {move || i18n.t(Msg::GroupName)}
                        <input
                            name="group-name"
                            prop:value=label.clone()
                            on:change=move |event| on_action.run(DecorationAction::Rename(event_target_value(&event)))
                        />
                    </label>
                    <p class="muted">
                        {move || i18n.t(Msg::GroupOnCanvas { label: label.clone(), steps, collapsed })}
                    </p>
                    <div class="decoration-actions">
                        <button on:click=move |_| on_action.run(DecorationAction::Collapse(!collapsed))>
                            {move || i18n.t(if collapsed { Msg::Expand } else { Msg::Collapse })}
                        </button>
                        <button on:click=move |_| on_action.run(DecorationAction::SelectSteps)>
                            {move || i18n.t(Msg::SelectSteps)}
                        </button>
                        <button on:click=move |_| on_action.run(DecorationAction::Ungroup)>
                            {move || i18n.t(Msg::Ungroup)}
                        </button>
                    </div>
                </section>
            }
            .into_any(),
        })
    }
}
