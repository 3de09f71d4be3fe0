//! Find in the flow: any step name, app or argument text; Enter and Shift+Enter step through
//! the matches.

use crate::components::icon::{lucide, Icon};
use crate::i18n::{use_i18n, Msg};
use crate::pages::diagram::scene::find;
use crate::pages::diagram::state::use_diagram;
use leptos::ev;
use leptos::prelude::*;

#[component]
pub fn FindBar() -> impl IntoView {
    let store = use_diagram();
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let found = Memo::new(move |_| {
        store.graph_version.track();
        let query = query.get();
        store
            .scene
            .with(|scene| store.with_graph(|flow| find::matches(flow, scene, &query)))
    });
    let find_next = move |forward: bool| {
        let current = store
            .selection
            .with_untracked(|selection| selection.primary);
        if let Some(node) = found.with_untracked(|found| find::next(found, current, forward)) {
            store.focus(node);
        }
    };
    let match_count = move || {
        let at = found.with(|found| {
            store
                .selected()
                .and_then(|node| found.iter().position(|found| *found == node))
                .map_or(0, |at| at + 1)
        });
        i18n.t(Msg::MatchCount {
            at,
            of: found.with(Vec::len),
        })
    };
    view! {
        <div class="find" role="search">
            <input
                type="search"
                name="find"
                placeholder=move || i18n.t(Msg::FindInFlow)
                aria-label=move || i18n.t(Msg::FindInFlow)
                prop:value=query
                on:input=move |event| query.set(event_target_value(&event))
                on:keydown=move |event: ev::KeyboardEvent| {
                    if event.key() == "Enter" {
                        event.prevent_default();
                        find_next(!event.shift_key());
                    }
                }
            />
            <Show when=move || !query.with(|query| query.trim().is_empty())>
                <span class="match-count" aria-live="polite">{match_count}</span>
            </Show>
            <button class="icon-button" aria-label=move || i18n.t(Msg::FindPrevious) title=move || i18n.t(Msg::FindPrevious)
                disabled=move || found.with(Vec::is_empty) on:click=move |_| find_next(false)>
                <Icon icon=lucide::LuChevronUp />
            </button>
            <button class="icon-button" aria-label=move || i18n.t(Msg::FindNext) title=move || i18n.t(Msg::FindNext)
                disabled=move || found.with(Vec::is_empty) on:click=move |_| find_next(true)>
                <Icon icon=lucide::LuChevronDown />
            </button>
        </div>
    }
}
