//! A field that names an object of one of Webitel's directories (a queue, a calendar, a list,
//! a media file, a mail profile) picks it by name: a search over the directory beside the
//! field, whose pick writes the object as one undoable change. It is there only where the
//! server lists that directory (ours lists none: the field stays free text), and asks the
//! directory only while its list is open.

use crate::browser::{latest_answer, Debouncer};
use crate::i18n::{use_i18n, Msg};
use crate::session::use_auth;
use flow_model::catalog::form::FormEdit;
use flow_model::flow::graph::path_text;
use flow_model::lookup::{self, Listed, PickTarget};
use leptos::prelude::*;
use std::time::Duration;

const TYPING_PAUSE: Duration = Duration::from_millis(200);

#[component]
pub fn LookupPicker(
    target: PickTarget,
    /// What the field's label says, for the search's accessible name.
    label: String,
    /// Whether the server lists the directory of the target's kind.
    listed: Signal<bool>,
    on_pick: Callback<FormEdit>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let directory = lookup::directory(target.kind);
    let list_id = StoredValue::new(format!("lookup-{}", path_text(&target.object)));
    let option_id = move |at: usize| format!("{}-{at}", list_id.get_value());
    let target = StoredValue::new(target);
    let label = StoredValue::new(label);
    let typed = RwSignal::new(String::new());
    let wanted = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    // The option the arrow keys are on.
    let active = RwSignal::new(None::<usize>);
    let pause = Debouncer::new(TYPING_PAUSE);
    let offered = latest_answer(
        move || open.get().then(|| wanted.get()),
        move |asked| {
            let client = auth.client();
            async move {
                match (asked, directory) {
                    (Some(wanted), Some(directory)) => {
                        client.lookup(directory, &wanted).await.map(Some)
                    }
                    _ => Ok(None),
                }
            }
        },
    );
    let found = move || match offered.get() {
        Some(Ok(Some(found))) => found,
        _ => Vec::new(),
    };
    let pick = move |listed: Listed| {
        on_pick.run(FormEdit::Pick(
            target.with_value(|target| target.values(&listed)),
        ));
        open.set(false);
        active.set(None);
        typed.set(String::new());
        wanted.set(String::new());
    };
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        let count = found().len();
        match event.key().as_str() {
            "ArrowDown" | "ArrowUp" if count > 0 => {
                event.prevent_default();
                open.set(true);
                let down = event.key() == "ArrowDown";
                active.update(|at| {
                    *at = Some(match (*at, down) {
                        (None, true) => 0,
                        (None, false) => count - 1,
                        (Some(at), true) => (at + 1) % count,
                        (Some(at), false) => (at + count - 1) % count,
                    })
                });
            }
            "Enter" => {
                event.prevent_default();
                let found = found();
                let chosen = active.get_untracked().or((found.len() == 1).then_some(0));
                if let Some(listed) = chosen.and_then(|at| found.into_iter().nth(at)) {
                    pick(listed);
                }
            }
            "Escape" => {
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };
    let choices = move || match offered.get() {
        Some(Ok(Some(found))) if found.is_empty() => view! {
            <li class="hint">{move || i18n.t(Msg::NothingMatches)}</li>
        }
        .into_any(),
        Some(Ok(Some(found))) => found
            .into_iter()
            .enumerate()
            .map(|(at, listed)| {
                let name = listed.name.clone();
                let id = format!("id {}", listed.id);
                view! {
                    <li role="option" id=option_id(at)
                        aria-selected=move || (active.get() == Some(at)).to_string()
                        // Keeps the search focused, so the list is still there for the click.
                        on:mousedown=|event| event.prevent_default()
                        on:click=move |_| pick(listed.clone())>
                        <span class="name">{name}</span>
                        <span class="object-id">{id}</span>
                    </li>
                }
            })
            .collect_view()
            .into_any(),
        Some(Err(reason)) => view! { <li class="error">{reason.to_string()}</li> }.into_any(),
        _ => ().into_any(),
    };
    let spoken = move || format!("{}: {}", label.get_value(), i18n.t(Msg::PickByName));
    view! {
        <Show when=move || listed.get()>
            <div class="lookup">
                <input type="search" class="lookup-search" autocomplete="off" role="combobox"
                    aria-label=spoken
                    aria-autocomplete="list"
                    aria-controls=list_id.get_value()
                    aria-expanded=move || open.get().to_string()
                    aria-activedescendant=move || active.get().map(option_id)
                    placeholder=move || i18n.t(Msg::PickByNamePlaceholder)
                    prop:value=typed
                    on:focus=move |_| open.set(true)
                    on:click=move |_| open.set(true)
                    on:blur=move |_| {
                        open.set(false);
                        active.set(None);
                    }
                    on:keydown=on_key
                    on:input=move |event| {
                        let text = event_target_value(&event);
                        typed.set(text.clone());
                        open.set(true);
                        active.set(None);
                        pause.run(move || wanted.set(text));
                    } />
                <Show when=move || open.get()>
                    <ul class="lookup-choices" role="listbox" id=list_id.get_value() aria-label=spoken>
                        {choices}
                    </ul>
                </Show>
            </div>
        </Show>
    }
}
