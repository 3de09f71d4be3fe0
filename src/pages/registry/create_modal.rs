//! "Create new flow": choose Diagram or Code, a type, and what to start from. Blank opens the
//! editor for a new, unsaved flow; a template is stored at once (under its name in the page's
//! language, numbered when taken) and opened. The modal is built anew on each opening, so it
//! never keeps a past choice.

use crate::api::{ApiClient, ApiError};
use crate::components::icon::{lucide, Icon};
use crate::components::modal::Modal;
use crate::components::require_session::use_api_error_handler;
use crate::i18n::{use_i18n, Msg};
use crate::nav::{flow_url, new_flow_url, EditorKind};
use crate::session::use_auth;
use flow_model::l10n::Locale;
use flow_model::templates::Template;
use flow_model::{FlowType, SchemaWrite};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// Names tried for a flow made from a template before giving up: its name, then numbered.
const NAMES_TRIED: usize = 20;

/// The `attempt`-th name tried for a flow called `name` (the first is the name itself).
pub fn numbered_name(name: &str, attempt: usize) -> String {
    if attempt <= 1 {
        name.to_owned()
    } else {
        format!("{name} ({attempt})")
    }
}

/// Stores a new flow made from `template` in `editor`, named in `locale` (numbered when the
/// name is taken); answers its id.
async fn create_from_template(
    client: ApiClient,
    template: Template,
    editor: EditorKind,
    locale: Locale,
) -> Result<i64, ApiError> {
    let started = template
        .start()
        .map_err(|error| ApiError::Unexpected(error.to_string()))?;
    let name = flow_model::l10n::Text::new(template.name_id()).in_locale(locale);
    let mut attempt = 1;
    loop {
        let body = SchemaWrite {
            name: Some(numbered_name(&name, attempt)),
            flow_type: Some(template.flow_type),
            editor: Some(editor == EditorKind::Diagram),
            schema: Some(started.schema.clone()),
            payload: Some(started.payload.clone()),
            ..SchemaWrite::default()
        };
        match client.create_flow(&body).await {
            Err(error) if error.is_name_taken() && attempt < NAMES_TRIED => attempt += 1,
            Err(error) => return Err(error),
            Ok(flow) => {
                return flow
                    .id
                    .ok_or_else(|| ApiError::Unexpected("the new flow has no id".into()))
            }
        }
    }
}

/// The types a new flow can have ("No type" is only for flows made before types existed).
const NEW_FLOW_TYPES: [FlowType; 4] = [
    FlowType::Voice,
    FlowType::Chat,
    FlowType::Processing,
    FlowType::Service,
];

#[component]
pub fn CreateModal(on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let auth = use_auth();
    let on_error = use_api_error_handler();
    let editor = RwSignal::new(None::<EditorKind>);
    let kind = RwSignal::new(None::<FlowType>);
    // None: a blank flow.
    let template = RwSignal::new(None::<Template>);
    let failure = RwSignal::new(None::<String>);
    let close = on_close;
    let navigate = StoredValue::new(navigate);
    let from_template = Action::new_local(move |(chosen, editor): &(Template, EditorKind)| {
        let (chosen, editor) = (*chosen, *editor);
        let client = auth.client();
        let locale = i18n.locale_untracked();
        async move {
            create_from_template(client, chosen, editor, locale)
                .await
                .map(|id| (id, editor))
        }
    });
    Effect::new(move |_| match from_template.value().get() {
        Some(Ok((id, editor))) => {
            close.run(());
            navigate
                .with_value(|navigate| navigate(&flow_url(id, editor), NavigateOptions::default()));
        }
        Some(Err(error)) => failure.set(Some(on_error(error))),
        None => {}
    });
    let create = move |_| {
        let (Some(editor), Some(kind)) = (editor.get_untracked(), kind.get_untracked()) else {
            return;
        };
        match template.get_untracked() {
            Some(chosen) => {
                failure.set(None);
                from_template.dispatch((chosen, editor));
            }
            None => {
                close.run(());
                navigate.with_value(|navigate| {
                    navigate(&new_flow_url(kind, editor), NavigateOptions::default())
                });
            }
        }
    };
    let start_choice = move |chosen: Option<Template>| {
        view! {
            <button
                type="button"
                role="radio"
                class="start-choice"
                data-template=chosen.map_or("", |chosen| chosen.key)
                aria-checked=move || (template.get() == chosen).to_string()
                on:click=move |_| template.set(chosen)
            >
                <strong>{move || i18n.t(Msg::TemplateName(chosen))}</strong>
                <span>{move || i18n.t(Msg::TemplateAbout(chosen))}</span>
            </button>
        }
    };
    let editor_choice = move |value: EditorKind, label: Msg| {
        view! {
            <button
                type="button"
                role="radio"
                class="choice"
                aria-checked=move || (editor.get() == Some(value)).to_string()
                on:click=move |_| editor.set(Some(value))
            >
                <Icon icon=match value {
                    EditorKind::Diagram => lucide::LuWorkflow,
                    EditorKind::Code => lucide::LuFileCode,
                } />
                <span>{move || i18n.t(label.clone())}</span>
            </button>
        }
    };
    view! {
        <Modal title=Signal::derive(move || i18n.t(Msg::CreateNewFlow)) on_close=close>
            <div class="choices" role="radiogroup" aria-label=move || i18n.t(Msg::Editor)>
                {editor_choice(EditorKind::Diagram, Msg::Diagram)}
                {editor_choice(EditorKind::Code, Msg::Code)}
            </div>
            <label>
                {move || i18n.t(Msg::Type)}
                <select
                    name="type"
                    on:change=move |event| {
                        kind.set(event_target_value(&event).parse().ok());
                        template.set(None);
                    }
                >
                    <option value="" selected=true disabled=true>{move || i18n.t(Msg::ChooseType)}</option>
                    {NEW_FLOW_TYPES
                        .into_iter()
                        .map(|kind| view! { <option value=kind.as_str()>{move || i18n.t(Msg::FlowType(kind))}</option> })
                        .collect_view()}
                </select>
            </label>
            <Show when=move || kind.get().is_some()>
                <fieldset class="start-from">
                    <legend>{move || i18n.t(Msg::StartFrom)}</legend>
                    <div class="start-choices" role="radiogroup" aria-label=move || i18n.t(Msg::StartFrom)>
                        {start_choice(None)}
                        {move || kind.get().map(|kind| Template::for_type(kind).map(|chosen| start_choice(Some(chosen))).collect_view())}
                    </div>
                </fieldset>
            </Show>
            {move || failure.get().map(|reason| view! { <p class="error" role="alert">{reason}</p> })}
            <div class="modal-actions">
                <button on:click=move |_| close.run(())>{move || i18n.t(Msg::Close)}</button>
                <button
                    class="primary"
                    disabled=move || editor.get().is_none() || kind.get().is_none() || from_template.pending().get()
                    on:click=create
                >
                    {move || i18n.t(Msg::Create)}
                </button>
            </div>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_name_is_numbered() {
        assert_eq!(numbered_name("Callback request", 1), "Callback request");
        assert_eq!(numbered_name("Callback request", 2), "Callback request (2)");
    }
}
