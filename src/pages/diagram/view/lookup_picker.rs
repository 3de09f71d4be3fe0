//! A field that names an object of one of Webitel's directories (a queue, a calendar, a list,
//! a media file, a mail profile) picks it by name: a search over the directory beside the
//! field, whose pick writes the object's id and name as one undoable change. Where the server
//! keeps no such directory (ours keeps none), nothing shows and the field stays free text.

use crate::browser::{latest_answer, Debouncer};
use crate::i18n::{use_i18n, Msg};
use crate::session::use_auth;
use flow_model::catalog::form::FormEdit;
use flow_model::lookup::{self, Listed, PickTarget};
use leptos::prelude::*;
use std::time::Duration;

const TYPING_PAUSE: Duration = Duration::from_millis(200);

#[component]
pub fn LookupPicker(
    target: PickTarget,
    /// What the field's label says, for the search's accessible name.
    label: String,
    on_pick: Callback<FormEdit>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let directory = lookup::directory(target.kind);
    let target = StoredValue::new(target);
    let label = StoredValue::new(label);
    let typed = RwSignal::new(String::new());
    let wanted = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let pause = Debouncer::new(TYPING_PAUSE);
    let offered = latest_answer(
        move || wanted.get(),
        move |wanted| {
            let client = auth.client();
            async move {
                match directory {
                    Some(directory) => client.lookup(directory, &wanted).await,
                    None => Ok(None),
                }
            }
        },
    );
    // Shown once the server answers with its directory (or fails to).
    let listed_here = move || !matches!(offered.get(), None | Some(Ok(None)));
    let pick = move |listed: Listed| {
        on_pick.run(FormEdit::Pick(
            target.with_value(|target| target.values(&listed)),
        ));
        open.set(false);
        typed.set(String::new());
        wanted.set(String::new());
    };
    let choices = move || match offered.get() {
        Some(Ok(Some(found))) if found.is_empty() => view! {
            <li class="hint">{move || i18n.t(Msg::NothingMatches)}</li>
        }
        .into_any(),
        Some(Ok(Some(found))) => found
            .into_iter()
            .map(|listed| {
                let name = listed.name.clone();
                let id = format!("id {}", listed.id);
                view! {
                    <li role="option" aria-selected="false">
                        // Keeps the search focused, so the list is still there for the click.
                        <button type="button"
                            on:mousedown=|event| event.prevent_default()
                            on:click=move |_| pick(listed.clone())>
                            <span class="name">{name}</span>
                            <span class="object-id">{id}</span>
                        </button>
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
        <Show when=listed_here>
            <div class="lookup">
                <input type="search" class="lookup-search" autocomplete="off"
                    aria-label=spoken
                    placeholder=move || i18n.t(Msg::PickByNamePlaceholder)
                    prop:value=typed
                    on:focus=move |_| open.set(true)
                    on:click=move |_| open.set(true)
                    on:blur=move |_| open.set(false)
                    on:keydown=move |event: leptos::ev::KeyboardEvent| if event.key() == "Escape" {
                        open.set(false);
                    }
                    on:input=move |event| {
                        let text = event_target_value(&event);
                        typed.set(text.clone());
                        open.set(true);
                        pause.run(move || wanted.set(text));
                    } />
                <Show when=move || open.get()>
                    <ul class="flow-choices lookup-choices" role="listbox" aria-label=spoken>
                        {choices}
                    </ul>
                </Show>
            </div>
        </Show>
    }
}
