//! The filtration block: the search (debounced; in names, "starts with" with a `*` wildcard,
//! or inside the flows), tags, types, what the flows use, reset and expand. Every change goes
//! to the URL.

use super::use_registry;
use crate::browser::{latest_answer, Debouncer};
use crate::components::icon::{lucide, Icon};
use crate::components::tag_input::TagInput;
use crate::i18n::{use_i18n, Msg};
use flow_model::catalog::Object;
use flow_model::{FlowType, Uses};
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
        !view.types.is_empty() || !view.tags.is_empty() || view.uses.is_some()
    });
    let inside = move || view.with(|view| view.inside);
    let search_in = move |searching_inside: bool| {
        debounce.cancel();
        let current = view.get_untracked();
        // What was typed and not sent yet goes with the change.
        registry.go(current
            .with_search(&typed.get_untracked())
            .searching_inside(searching_inside));
    };
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
                        placeholder=move || i18n.t(if inside() { Msg::SearchInsidePlaceholder } else { Msg::SearchPlaceholder })
                        prop:value=typed
                        on:input=on_search
                    />
                </label>
                <div class="segmented" role="group" aria-label=move || i18n.t(Msg::SearchWhere)>
                    <button
                        class="secondary"
                        aria-pressed=move || (!inside()).to_string()
                        on:click=move |_| search_in(false)
                    >
                        {move || i18n.t(Msg::SearchNames)}
                    </button>
                    <button
                        class="secondary"
                        aria-pressed=move || inside().to_string()
                        disabled=move || !registry.contents_known()
                        title=move || (!registry.contents_known()).then(|| i18n.t(Msg::InsideUnavailable))
                        on:click=move |_| search_in(true)
                    >
                        <Icon icon=lucide::LuTextSearch />
                        {move || i18n.t(Msg::SearchInside)}
                    </button>
                </div>
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
                <div class="field tags-filter" hidden=inside>
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
                <UsesFilter />
            </div>
        </section>
    }
}

/// "Uses…": only the flows that use an object, chosen by its kind, then its id or name (the
/// flows' names suggested for a flow; for the others, the ids and names the flows use, with
/// how many flows use each). Hidden, saying why, where the server cannot tell.
#[component]
fn UsesFilter() -> impl IntoView {
    let registry = use_registry();
    let i18n = use_i18n();
    let view = registry.view;
    let chosen = move || view.with(|view| view.uses.clone());
    let kind = RwSignal::new(chosen().map_or(Object::Flow, |uses| uses.kind));
    let key = RwSignal::new(chosen().map(|uses| uses.key).unwrap_or_default());
    // Back/forward or a reset changes the URL: show its choice.
    Effect::new(move |_| {
        if let Some(uses) = chosen() {
            kind.set(uses.kind);
            key.set(uses.key);
        } else {
            key.set(String::new());
        }
    });
    let apply = move || {
        let typed = key.get_untracked();
        let uses = Uses::parse("uses", &format!("{}:{typed}", kind.get_untracked().key())).ok();
        if uses != view.with_untracked(|view| view.uses.clone()) {
            registry.go(view.get_untracked().with_uses(uses));
        }
    };
    let suggestions = latest_answer(
        move || (kind.get(), key.get()),
        move |(kind, typed)| {
            let client = registry.client();
            async move {
                let offered: Vec<(String, String)> = match kind {
                    // A flow is known by its id: its name is the label.
                    Object::Flow => client
                        .flows_named_like(&typed)
                        .await
                        .unwrap_or_default()
                        .into_iter()
                        .filter_map(|flow| Some((flow.id?.to_string(), flow.name?)))
                        .collect(),
                    // Other objects by their id or name, with how many flows use each.
                    _ => client
                        .used_objects(kind, &typed)
                        .await
                        .unwrap_or_default()
                        .into_iter()
                        .map(|object| (object.key, i18n.t(Msg::UsedByFlows(object.flows))))
                        .collect(),
                };
                offered
            }
        },
    );
    view! {
        <div class="field uses-filter" hidden=move || view.with(|view| view.inside)>
            <label for="filter-uses-key">{move || i18n.t(Msg::UsesFilter)}</label>
            <Show
                when=move || registry.contents_known()
                fallback=move || view! { <p class="hint">{move || i18n.t(Msg::UsesUnavailable)}</p> }
            >
                <div class="uses-inputs">
                    <select
                        name="uses-kind"
                        aria-label=move || i18n.t(Msg::UsesKind)
                        on:change=move |event| {
                            if let Some(chosen) = Object::from_key(&event_target_value(&event)) {
                                kind.set(chosen);
                                if !key.get_untracked().is_empty() {
                                    apply();
                                }
                            }
                        }
                    >
                        {Object::ALL
                            .into_iter()
                            .map(|object| view! {
                                <option value=object.key() selected=move || kind.get() == object>
                                    {move || i18n.t(Msg::ObjectKind(object))}
                                </option>
                            })
                            .collect_view()}
                    </select>
                    <input
                        id="filter-uses-key"
                        name="uses-key"
                        type="search"
                        list="filter-uses-suggestions"
                        autocomplete="off"
                        placeholder=move || i18n.t(Msg::UsesKeyPlaceholder)
                        prop:value=key
                        on:input=move |event| {
                            let typed = event_target_value(&event);
                            // Cleared (its × too): the filter goes at once.
                            let cleared = typed.is_empty();
                            key.set(typed);
                            if cleared {
                                apply();
                            }
                        }
                        on:change=move |_| apply()
                    />
                    <datalist id="filter-uses-suggestions">
                        {move || suggestions.get().unwrap_or_default().into_iter().map(|(value, label)| view! {
                            <option value=value label=label></option>
                        }).collect_view()}
                    </datalist>
                </div>
            </Show>
        </div>
    }
}
