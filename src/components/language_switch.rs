//! The language picker, on the login page and in the registry's header.

use crate::i18n::{use_i18n, Msg};
use flow_model::l10n::Locale;
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
                if let Some(locale) = Locale::from_code(&event_target_value(&event)) {
                    i18n.set(locale);
                }
            }
        >
            {Locale::all()
                .map(|locale| view! {
                    <option value=locale.code() selected=move || i18n.locale() == locale>
                        {Msg::LanguageName.text(locale)}
                    </option>
                })
                .collect_view()}
        </select>
    }
}
