//! The filtration block: name search (debounced, "starts with", `*` wildcard), tags, types,
//! reset and expand. Every change goes to the URL.

use super::use_registry;
use crate::browser::Debouncer;
use crate::components::icon::{lucide, Icon};
use crate::components::tag_input::TagInput;
use crate::i18n::{use_i18n, Msg};
use flow_model::FlowType;
use leptos::prelude::*;
use std::time::Duration;

const SEARCH_PAUSE: Duration = Duration::from_millis(250);

#[component]
pub fn Filters() -> impl IntoView {
    let registry = use_registry();
    let i18n = use_i18n();
    let view = registry.view;
    let typed = RwSignal::new(view.get_untracked().q);
    // Back/forward or a reset changes the URL: show its search text.
    Effect::new(move |_| {
        let q = view.with(|view| view.q.clone());
        if typed.get_untracked() != q {
            typed.set(q);
        }
    });
    let debounce = Debouncer::new(SEARCH_PAUSE);
    let on_search = move |event| {
        let text = event_target_value(&event);
        typed.set(text.clone());
        debounce.run(move || {
            let current = view.get_untracked();
            if current.q != text {
                registry.go(current.with_search(&text));
            }
        });
    };
    let expanded = RwSignal::new({
        let view = view.get_untracked();
        !view.types.is_empty() || !view.tags.is_empty()
    });
    let tags = Signal::derive(move || view.with(|view| view.tags.clone()));
    let types = Signal::derive(move || view.with(|view| view.types.clone()));

    view! {
        <section class="filters" aria-label=move || i18n.t(Msg::Search)>
            <div class="filter-row">
                <label class="search">
                    <span class="visually-hidden">{move || i18n.t(Msg::Search)}</span>
                    <Icon icon=lucide::LuSearch />
                    <input
                        type="search"
                        name="q"
                        placeholder=move || i18n.t(Msg::SearchPlaceholder)
                        prop:value=typed
                        on:input=on_search
                    />
                </label>
                <button
                    class="secondary"
                    aria-expanded=move || expanded.get().to_string()
                    aria-controls="more-filters"
                    on:click=move |_| expanded.update(|open| *open = !*open)
                >
                    <Icon icon=lucide::LuListFilter />
                    {move || i18n.t(if expanded.get() { Msg::CollapseFilters } else { Msg::ExpandFilters })}
                </button>
                <button
                    class="secondary"
                    disabled=move || !view.with(|view| view.has_filters())
                    on:click=move |_| {
                        debounce.cancel();
                        registry.go(view.get_untracked().without_filters());
                    }
                >
                    <Icon icon=lucide::LuRotateCcw />
                    {move || i18n.t(Msg::ResetFilters)}
                </button>
            </div>
            <div class="filter-row more" id="more-filters" hidden=move || !expanded.get()>
                <div class="field tags-filter">
                    <label for="filter-tags">{move || i18n.t(Msg::Tags)}</label>
                    <TagInput
                        tags
                        types
                        input_id="filter-tags"
                        on_change=Callback::new(move |tags| registry.go(view.get_untracked().with_tags(tags)))
                    />
                </div>
                <fieldset class="types">
                    <legend>{move || i18n.t(Msg::FlowTypes)}</legend>
                    {FlowType::ALL
                        .into_iter()
                        .map(|kind| view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    name="type"
                                    value=kind.as_str()
                                    prop:checked=move || view.with(|view| view.types.contains(&kind))
                                    on:change=move |_| registry.go(view.get_untracked().toggle_type(kind))
                                />
                                {move || i18n.t(Msg::FlowType(kind))}
                            </label>
                        })
                        .collect_view()}
                </fieldset>
            </div>
        </section>
    }
}
