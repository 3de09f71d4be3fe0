//! "Confirm deletion": names the flows, and the other flows that call them (with the step),
//! deletes them one by one (each guarded by the state it was listed in) and reports how many
//! went and which did not, and why. The server still deletes a flow others call, as Webitel's
//! does.

use super::use_registry;
use crate::api::{ApiClient, ApiError};
use crate::components::modal::Modal;
use crate::components::require_session::use_api_error_handler;
use crate::components::toast::use_toasts;
use crate::i18n::{fetch_editor_texts, use_i18n, Msg};
use crate::session::use_auth;
use flow_model::catalog::{self, Object};
use flow_model::l10n::Locale;
use flow_model::{ReferenceUse, RoutingSchema};
use leptos::prelude::*;

/// Each flow to delete that other flows call, with those calls: a flow calling itself, or
/// another flow deleted with it, is left out.
pub fn callers(
    deleted: &[RoutingSchema],
    uses: Vec<(String, Vec<ReferenceUse>)>,
) -> Vec<(String, Vec<ReferenceUse>)> {
    let going: Vec<i64> = deleted.iter().filter_map(|flow| flow.id).collect();
    uses.into_iter()
        .map(|(name, uses)| {
            let kept = uses
                .into_iter()
                .filter(|caller| !going.contains(&caller.id))
                .collect::<Vec<_>>();
            (name, kept)
        })
        .filter(|(_, uses)| !uses.is_empty())
        .collect()
}

/// The flows of `called` that are gone (not among `failed`), with who still runs them.
pub fn still_called(
    called: Vec<(String, Vec<ReferenceUse>)>,
    failed: &[String],
) -> Vec<(String, Vec<ReferenceUse>)> {
    called
        .into_iter()
        .filter(|(name, _)| !failed.contains(name))
        .collect()
}

/// A call as a person reads it: the caller's name and its step's app (`IVR main (Run flow)`).
pub fn call_text(caller: &ReferenceUse, locale: Locale) -> String {
    let step = catalog::app(&caller.app).map_or_else(
        || caller.app.clone(),
        |app| app.label_in(locale).into_owned(),
    );
    format!("{} ({step})", caller.name)
}

/// Asks the server who calls each of `flows`; none when it cannot say (Webitel's engine).
async fn ask_callers(
    client: ApiClient,
    flows: Vec<RoutingSchema>,
    locale: Locale,
) -> Option<Vec<(String, Vec<ReferenceUse>)>> {
    let mut uses = Vec::new();
    for flow in &flows {
        let Some(id) = flow.id else { continue };
        let found = client
            .reference_uses(Object::Flow, &id.to_string())
            .await
            .ok()?;
        uses.push((flow.name.clone().unwrap_or_default(), found.items));
    }
    let found = callers(&flows, uses);
    if !found.is_empty() {
        // The steps are named in the reader's language: the catalog's texts.
        fetch_editor_texts(locale).await;
    }
    Some(found)
}

/// Why one flow could not be deleted, when the page has its own words for it; otherwise the
/// server's detail is shown.
pub fn failure_reason(error: &ApiError) -> Option<Msg> {
    if error.is_stale() {
        Some(Msg::ChangedMeanwhile)
    } else if error.is_forbidden() {
        Some(Msg::NoPermission)
    } else {
        None
    }
}

#[component]
pub fn DeleteModal(flows: Vec<RoutingSchema>) -> impl IntoView {
    let registry = use_registry();
    let auth = use_auth();
    let i18n = use_i18n();
    let toasts = use_toasts();
    let on_error = use_api_error_handler();
    let names: Vec<String> = flows
        .iter()
        .map(|flow| flow.name.clone().unwrap_or_default())
        .collect();
    let close = Callback::new(move |()| registry.dialog.set(None));
    let delete = Action::new_local(move |flows: &Vec<RoutingSchema>| {
        let flows = flows.clone();
        let client = auth.client();
        async move {
            let mut deleted = 0;
            let mut failed = Vec::new();
            for flow in flows {
                match client.delete_flow(&flow).await {
                    Ok(_) => deleted += 1,
                    Err(error) => failed.push((flow.name.unwrap_or_default(), error)),
                }
            }
            (deleted, failed)
        }
    });
    let pending = delete.pending();
    let asked = flows.clone();
    let found = LocalResource::new(move || {
        ask_callers(auth.client(), asked.clone(), i18n.locale_untracked())
    });
    Effect::new(move |_| {
        if let Some((deleted, failed)) = delete.value().get() {
            // What failed is reported; nothing stays selected to be deleted by accident.
            registry.selected.set(Vec::new());
            if deleted > 0 {
                toasts.success(i18n.t(Msg::Deleted(deleted)));
            }
            // The report names the flows that still run what went: they fail at that step.
            let failed_names: Vec<String> = failed.iter().map(|(name, _)| name.clone()).collect();
            let called = found.get_untracked().flatten().unwrap_or_default();
            for (name, uses) in still_called(called, &failed_names) {
                let locale = i18n.locale_untracked();
                let users = uses
                    .iter()
                    .map(|caller| call_text(caller, locale))
                    .collect();
                toasts.error(i18n.t(Msg::DeletedButCalled { name, users }));
            }
            for (name, error) in failed {
                let reason = match failure_reason(&error) {
                    Some(reason) => i18n.t(reason),
                    None => on_error(error),
                };
                toasts.error(i18n.t(Msg::DeleteFailed { name, reason }));
            }
            registry.dialog.set(None);
            registry.refresh();
        }
    });
    let used_by = move || {
        found.get().map(|found| match found {
            Some(found) if !found.is_empty() => view! {
                <div class="used-by" role="alert">
                    <p>{move || i18n.t(Msg::UsedByOthers)}</p>
                    <ul>
                        {found.into_iter().map(|(name, uses)| {
                            let locale = i18n.locale();
                            let users = uses.iter().map(|caller| call_text(caller, locale)).collect();
                            view! { <li>{i18n.t(Msg::UsedBy { name, users })}</li> }
                        }).collect_view()}
                    </ul>
                </div>
            }
            .into_any(),
            Some(_) => ().into_any(),
            None => view! { <p class="hint">{move || i18n.t(Msg::UsesUnknown)}</p> }.into_any(),
        })
    };
    view! {
        <Modal title=Signal::derive(move || i18n.t(Msg::ConfirmDeletion)) on_close=close>
            <p class="question">{move || i18n.t(Msg::DeleteQuestion(names.clone()))}</p>
            {used_by}
            <div class="modal-actions">
                <button on:click=move |_| close.run(())>{move || i18n.t(Msg::Cancel)}</button>
                <button
                    class="danger"
                    disabled=pending
                    on:click=move |_| { delete.dispatch(flows.clone()); }
                >
                    {move || i18n.t(Msg::Delete)}
                </button>
            </div>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flow_model::FlowType;

    fn flow(id: i64, name: &str) -> RoutingSchema {
        RoutingSchema {
            id: Some(id),
            name: Some(name.into()),
            ..RoutingSchema::default()
        }
    }

    fn call(id: i64, name: &str) -> ReferenceUse {
        ReferenceUse {
            id,
            name: name.into(),
            flow_type: FlowType::Voice,
            path: "/0/schema/id".into(),
            app: "schema".into(),
        }
    }

    #[test]
    fn the_report_names_who_still_runs_what_went() {
        let called = vec![
            ("Billing".to_owned(), vec![call(3, "IVR main")]),
            ("Night".to_owned(), vec![call(4, "Day")]),
        ];
        let left = still_called(called, &["Night".to_owned()]);
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].0, "Billing");
    }

    #[test]
    fn callers_deleted_too_or_the_flow_itself_are_left_out() {
        let deleted = [flow(1, "Billing"), flow(2, "Night")];
        let found = callers(
            &deleted,
            vec![
                (
                    "Billing".into(),
                    vec![call(3, "IVR main"), call(2, "Night"), call(1, "Billing")],
                ),
                ("Night".into(), vec![call(1, "Billing")]),
            ],
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "Billing");
        assert_eq!(
            found[0]
                .1
                .iter()
                .map(|caller| call_text(caller, Locale::ENGLISH))
                .collect::<Vec<_>>(),
            ["IVR main (Run flow)"]
        );
    }
}
