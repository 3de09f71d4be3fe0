//! The Versions tab: a flow's earlier versions (who, when, note), any one compared side by side
//! with the text as typed now, and restored as a new save.

use super::form::schema_text;
use crate::browser::format_time;
use crate::components::require_session::use_api_error_handler;
use crate::i18n::{use_i18n, Msg};
use crate::session::use_auth;
use flow_model::text_diff::{side_by_side, Row};
use flow_model::{RoutingSchema, SchemaVersion};
use leptos::prelude::*;

const VERSIONS_PER_PAGE: u32 = 20;
/// Unchanged lines kept around each change.
const CONTEXT_LINES: usize = 3;

/// The stored content's own entry: its number, note, and who saved it when.
#[derive(Clone, PartialEq, Debug)]
pub struct Head {
    pub version: i64,
    pub note: String,
    pub who: Option<String>,
    pub at: Option<i64>,
}

impl Head {
    /// Of a flow read whole from a server that numbers versions (ours; not every engine).
    pub fn of(flow: &RoutingSchema) -> Option<Head> {
        Some(Head {
            version: flow.version?,
            note: flow.note.clone().unwrap_or_default(),
            who: flow.updated_by.as_ref().map(|user| user.name.clone()),
            at: flow.updated_at,
        })
    }
}

/// A text as compared: pretty-printed when it is JSON, so layout alone never shows as a change.
fn comparable(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text)
        .map(|value| schema_text(&value))
        .unwrap_or_else(|_| text.to_owned())
}

#[component]
pub fn VersionsPanel(
    flow_id: i64,
    /// The stored content's entry, above the earlier ones.
    head: Signal<Option<Head>>,
    /// The schema as typed now.
    current: Signal<String>,
    /// Whether anything typed is unsaved (restoring needs a saved state).
    dirty: Signal<bool>,
    /// Changes with every save, to list the version it made.
    saves: Signal<u32>,
    /// Restore this version's schema (number, text) as a new save.
    on_restore: Callback<(i64, String)>,
) -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let on_error = use_api_error_handler();
    let versions = RwSignal::new(Vec::<SchemaVersion>::new());
    let more = RwSignal::new(false);
    let pages = RwSignal::new(1u32);
    let failure = RwSignal::new(None::<String>);
    let chosen = RwSignal::new(None::<i64>);
    let load = Action::new_local(move |page: &u32| {
        let client = auth.client();
        let page = *page;
        async move {
            (
                page,
                client.versions(flow_id, page, VERSIONS_PER_PAGE).await,
            )
        }
    });
    Effect::new(move |_| {
        saves.track();
        pages.set(1);
        load.dispatch(1);
    });
    Effect::new({
        let on_error = on_error.clone();
        move |_| match load.value().get() {
            Some((page, Ok(list))) => {
                failure.set(None);
                more.set(list.next);
                if page == 1 {
                    versions.set(list.items);
                } else {
                    versions.update(|versions| versions.extend(list.items));
                }
            }
            Some((_, Err(error))) => failure.set(Some(on_error(error))),
            None => {}
        }
    });
    let chosen_version = Memo::new(move |_| {
        let number = chosen.get()?;
        versions.with(|versions| {
            versions
                .iter()
                .find(|version| version.version == number)
                .cloned()
        })
    });
    let comparison = Memo::new(move |_| {
        let version = chosen_version.get()?;
        let old = schema_text(&version.schema);
        let new = current.with(|text| comparable(text));
        Some(side_by_side(&old, &new, CONTEXT_LINES))
    });

    view! {
        <section class="versions" aria-label=move || i18n.t(Msg::Versions)>
            <div class="version-list">
                {move || failure.get().map(|reason| view! { <p class="error" role="alert">{reason}</p> })}
                <Show when=move || versions.with(Vec::is_empty) && load.value().with(Option::is_some)>
                    <p class="empty">{move || i18n.t(Msg::NoVersions)}</p>
                </Show>
                <ul>
                    {move || head.get().map(|head| {
                        let who = head.who.unwrap_or_else(|| i18n.t(Msg::Someone));
                        view! {
                            <li class="version current">
                                <strong>{move || i18n.t(Msg::CurrentVersion(head.version))}</strong>
                                <span class="who">{move || i18n.t(Msg::SavedBy {
                                    who: who.clone(),
                                    when: head.at.map(|at| format_time(at, i18n.locale())).unwrap_or_default(),
                                })}</span>
                                <span class="note">{head.note}</span>
                            </li>
                        }
                    })}
                    <For
                        each=move || versions.get()
                        key=|version| version.id
                        children=move |version| {
                            let number = version.version;
                            let who = version
                                .created_by
                                .as_ref()
                                .map(|user| user.name.clone())
                                .unwrap_or_else(|| i18n.t(Msg::Someone));
                            let created_at = version.created_at;
                            let note = version.note.clone();
                            view! {
                                <li>
                                    <button
                                        class="version"
                                        aria-pressed=move || (chosen.get() == Some(number)).to_string()
                                        on:click=move |_| chosen.set(Some(number))
                                    >
                                        <strong>{move || i18n.t(Msg::VersionNumber(number))}</strong>
                                        <span class="who">{move || i18n.t(Msg::SavedBy {
                                            who: who.clone(),
                                            when: format_time(created_at, i18n.locale()),
                                        })}</span>
                                        <span class="note">{note}</span>
                                    </button>
                                </li>
                            }
                        }
                    />
                </ul>
                <Show when=move || more.get()>
                    <button disabled=move || load.pending().get() on:click=move |_| {
                        pages.update(|pages| *pages += 1);
                        load.dispatch(pages.get_untracked());
                    }>{move || i18n.t(Msg::LoadMore)}</button>
                </Show>
            </div>
            <div class="version-diff">
                {move || match (chosen_version.get(), comparison.get()) {
                    (Some(version), Some((rows, summary))) => {
                        let number = version.version;
                        let text = schema_text(&version.schema);
                        view! {
                            <header>
                                <h3>{move || i18n.t(Msg::VersionNumber(number))}</h3>
                                <span class="summary">{move || i18n.t(Msg::LinesChanged {
                                    removed: summary.removed,
                                    added: summary.added,
                                })}</span>
                                <h3>{move || i18n.t(Msg::CurrentText)}</h3>
                                <button
                                    class="primary"
                                    disabled=move || dirty.get()
                                    title=move || if dirty.get() { i18n.t(Msg::RestoreNeedsSaved) } else { String::new() }
                                    on:click=move |_| on_restore.run((number, text.clone()))
                                >{move || i18n.t(Msg::RestoreVersion)}</button>
                            </header>
                            <Show when=move || dirty.get()>
                                <p class="hint">{move || i18n.t(Msg::RestoreNeedsSaved)}</p>
                            </Show>
                            <DiffTable rows />
                        }
                        .into_any()
                    }
                    _ => view! { <p class="hint">{move || i18n.t(Msg::ChooseVersion)}</p> }.into_any(),
                }}
            </div>
        </section>
    }
}

#[component]
fn DiffTable(rows: Vec<Row>) -> impl IntoView {
    let i18n = use_i18n();
    let only_folded = rows.iter().all(|row| matches!(row, Row::Folded { .. }));
    if only_folded {
        return view! { <p class="hint no-differences">{move || i18n.t(Msg::NoDifferences)}</p> }
            .into_any();
    }
    let side = |line: Option<(usize, String)>, class: &'static str| match line {
        Some((number, text)) => view! {
            <td class="number">{number}</td>
            <td class=class>{text}</td>
        }
        .into_any(),
        None => view! { <td class="number"></td><td class="blank"></td> }.into_any(),
    };
    view! {
        <table class="diff">
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| match row {
                        Row::Same { left, right, text } => view! {
                            <tr>
                                <td class="number">{left}</td>
                                <td>{text.clone()}</td>
                                <td class="number">{right}</td>
                                <td>{text}</td>
                            </tr>
                        }
                        .into_any(),
                        Row::Changed { left, right } => view! {
                            <tr class="changed">
                                {side(left, "removed")}
                                {side(right, "added")}
                            </tr>
                        }
                        .into_any(),
                        Row::Folded { lines } => view! {
                            <tr class="folded">
                                <td colspan="4">{move || i18n.t(Msg::UnchangedLines(lines))}</td>
                            </tr>
                        }
                        .into_any(),
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
