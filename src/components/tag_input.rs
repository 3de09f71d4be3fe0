//! Tags as chips, with suggestions from the tags in use (of the given flow types) as you type.
//! Enter or a click adds; Backspace in the empty field or a chip's × removes.

use crate::browser::{latest_answer, Debouncer};
use crate::components::icon::{lucide, Icon};
use crate::i18n::{use_i18n, Msg};
use crate::session::use_auth;
use flow_model::FlowType;
use leptos::ev;
use leptos::prelude::*;
use std::time::Duration;

/// Adds `tag` (trimmed) unless it is empty or already there.
pub fn with_tag(tags: &[String], tag: &str) -> Vec<String> {
    let tag = tag.trim();
    let mut tags = tags.to_vec();
    if !tag.is_empty() && !tags.iter().any(|kept| kept == tag) {
        tags.push(tag.to_owned());
    }
    tags
}

#[component]
pub fn TagInput(
    #[prop(into)] tags: Signal<Vec<String>>,
    on_change: Callback<Vec<String>>,
    /// Suggest only tags of flows of these types (all when empty).
    #[prop(into)]
    types: Signal<Vec<FlowType>>,
    /// The id of the text field, for its label.
    #[prop(into)]
    input_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let typed = RwSignal::new(String::new());
    let query = RwSignal::new(None::<String>);
    let active = RwSignal::new(None::<usize>);
    let debounce = Debouncer::new(Duration::from_millis(150));
    let listbox_id = format!("{input_id}-suggestions");

    let suggestions = latest_answer(
        move || query.get().map(|text| (text, types.get())),
        move |asked| {
            let client = auth.client();
            async move {
                match asked {
                    Some((text, types)) => client.tags(&text, &types).await.unwrap_or_default(),
                    None => Vec::new(),
                }
            }
        },
    );
    let shown = Memo::new(move |_| {
        let chosen = tags.get();
        suggestions
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|tag| tag.name)
            .filter(|name| !chosen.contains(name))
            .collect::<Vec<_>>()
    });
    // Nothing to say before anything is typed, when no tag is there to offer.
    let open = move || {
        query.with(Option::is_some) && !(shown.with(Vec::is_empty) && typed.with(String::is_empty))
    };

    let add = move |tag: String| {
        on_change.run(with_tag(&tags.get_untracked(), &tag));
        typed.set(String::new());
        query.set(None);
        active.set(None);
    };
    let remove = move |tag: String| {
        let mut kept = tags.get_untracked();
        kept.retain(|kept| *kept != tag);
        on_change.run(kept);
    };
    let on_input = move |event: ev::Event| {
        let text = event_target_value(&event);
        typed.set(text.clone());
        active.set(None);
        debounce.run(move || query.set(Some(text)));
    };
    let on_key = move |event: ev::KeyboardEvent| {
        let count = shown.with_untracked(Vec::len);
        match event.key().as_str() {
            "ArrowDown" if count > 0 => {
                event.prevent_default();
                active.update(|at| *at = Some(at.map_or(0, |at| (at + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                event.prevent_default();
                active.update(|at| *at = Some(at.map_or(count - 1, |at| (at + count - 1) % count)));
            }
            "Enter" => {
                event.prevent_default();
                let picked = active
                    .get_untracked()
                    .and_then(|at| shown.with_untracked(|shown| shown.get(at).cloned()));
                add(picked.unwrap_or_else(|| typed.get_untracked()));
            }
            "Escape" if open() => {
                event.stop_propagation();
                query.set(None);
            }
            "Backspace" if typed.with_untracked(String::is_empty) => {
                if let Some(last) = tags.get_untracked().pop() {
                    remove(last);
                }
            }
            _ => {}
        }
    };

    view! {
        <div class="tag-input">
            <ul class="chips">
                <For each=move || tags.get() key=|tag| tag.clone() let:tag>
                    <li class="chip">
                        <span>{tag.clone()}</span>
                        <button
                            type="button"
                            class="chip-remove"
                            aria-label={
                                let tag = tag.clone();
                                move || i18n.t(Msg::RemoveTag(tag.clone()))
                            }
                            on:click={
                                let tag = tag.clone();
                                move |_| remove(tag.clone())
                            }
                        >
                            <Icon icon=lucide::LuX />
                        </button>
                    </li>
                </For>
            </ul>
            <input
                id=input_id
                type="text"
                role="combobox"
                autocomplete="off"
                aria-autocomplete="list"
                aria-controls=listbox_id.clone()
                aria-expanded=move || open().to_string()
                placeholder=move || i18n.t(Msg::TagsPlaceholder)
                prop:value=typed
                on:input=on_input
                on:keydown=on_key
                on:focus=move |_| query.set(Some(typed.get_untracked()))
                on:blur=move |_| set_timeout(move || query.set(None), Duration::from_millis(150))
            />
            <Show when=open>
                <ul class="suggestions" role="listbox" id=listbox_id.clone()>
                    {move || {
                        let shown = shown.get();
                        if shown.is_empty() {
                            return view! { <li class="none">{i18n.t(Msg::NoSuggestions)}</li> }.into_any();
                        }
                        shown
                            .into_iter()
                            .enumerate()
                            .map(|(at, name)| {
                                let picked = name.clone();
                                view! {
                                    <li
                                        role="option"
                                        aria-selected=move || (active.get() == Some(at)).to_string()
                                        on:mousedown=move |event: ev::MouseEvent| {
                                            // Before the field's blur closes the list.
                                            event.prevent_default();
                                            add(picked.clone());
                                        }
                                    >
                                        {name}
                                    </li>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }}
                </ul>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_trims_and_skips_duplicates_and_blanks() {
        let tags = vec!["ivr".to_owned()];
        assert_eq!(with_tag(&tags, " sales "), ["ivr", "sales"]);
        assert_eq!(with_tag(&tags, "ivr"), ["ivr"]);
        assert_eq!(with_tag(&tags, "  "), ["ivr"]);
    }
}
