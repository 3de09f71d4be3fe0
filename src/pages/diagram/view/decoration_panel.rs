//! The right-hand panel for a picked note (its text) or group (its name, collapse, its steps,
//! ungroup). Each committed field is one undoable change, as in the step form.

use crate::i18n::{use_i18n, Msg};
use crate::pages::diagram::editing::decorations::DecorationAction;
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

/// The frame of the panel for a picked `kind` of decoration (`note` or `group`), headed by
/// `title`.
#[component]
fn PanelFrame(kind: &'static str, title: Msg, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class=format!("decoration {kind}-panel")>
            <h2>{move || i18n.t(title.clone())}</h2>
            {children()}
        </section>
    }
}

#[component]
pub fn DecorationPanel(
    picked: Memo<Option<Picked>>,
    on_action: Callback<DecorationAction>,
) -> impl IntoView {
    let i18n = use_i18n();
    // A field commits what it holds as the action `make` builds from it.
    let commit = move |make: fn(String) -> DecorationAction| {
        move |event| on_action.run(make(event_target_value(&event)))
    };
    move || {
        picked.get().map(|picked| match picked {
            Picked::Note { text } => view! {
                <PanelFrame kind="note" title=Msg::Note>
                    <label>
                        {move || i18n.t(Msg::Note)}
                        <textarea
                            name="note-text"
                            rows="6"
                            prop:value=text
                            on:change=commit(DecorationAction::NoteText)
                        ></textarea>
                    </label>
                    <button on:click=move |_| on_action.run(DecorationAction::RemoveNote)>
                        {move || i18n.t(Msg::Delete)}
                    </button>
                </PanelFrame>
            }
            .into_any(),
            Picked::Group { label, collapsed, steps } => view! {
                <PanelFrame kind="group" title=Msg::Group>
                    <label>
                        {move || i18n.t(Msg::GroupName)}
                        <input
                            name="group-name"
                            prop:value=label.clone()
                            on:change=commit(DecorationAction::Rename)
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
                </PanelFrame>
            }
            .into_any(),
        })
    }
}
