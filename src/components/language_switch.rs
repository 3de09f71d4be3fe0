//! The language picker, on the login page and in the registry's header.

use crate::i18n::{use_i18n, Lang, Msg};
use leptos::prelude::*;

/// Switches the page's language (remembered by the browser).
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select
            class="language"
            aria-label=move || i18n.t(Msg::Language)
            on:change=move |event| {
                if let Some(lang) = Lang::from_code(&event_target_value(&event)) {
                    i18n.set(lang);
                }
            }
        >
            {Lang::ALL
                .into_iter()
                .map(|lang| view! {
                    <option value=lang.code() selected=move || i18n.lang.get() == lang>
                        {lang.native_name()}
                    </option>
                })
                .collect_view()}
        </select>
    }
}
