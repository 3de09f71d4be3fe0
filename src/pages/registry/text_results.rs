//! "Search inside flows": the places in the flows that hold the search text, grouped by flow,
//! each with the line it is in and a link that opens the flow's editor at that step or note.
//! On a server that cannot search inside flows (Webitel's engine), it says so.

use super::table::Pagination;
use super::use_registry;
use crate::components::require_session::use_api_error_handler;
use crate::i18n::{use_i18n, Msg};
use crate::nav::{self, flow_url, flow_url_at, EditorKind, OpenAt};
use flow_model::catalog;
use flow_model::flow::TextSource;
use flow_model::l10n::Locale;
use flow_model::{TextMatch, TextSearch};
use leptos::prelude::*;

/// The matches of one flow, in the order the server gave them.
#[derive(Clone, PartialEq, Debug)]
pub struct FlowMatches {
    pub id: i64,
    pub name: String,
    pub flow_type: flow_model::FlowType,
    pub editor: EditorKind,
    pub places: Vec<TextMatch>,
}

/// Consecutive matches of the same flow, together (the server orders them by flow).
pub fn group_by_flow(matches: Vec<TextMatch>) -> Vec<FlowMatches> {
    let mut groups: Vec<FlowMatches> = Vec::new();
    for found in matches {
        match groups.last_mut() {
            Some(group) if group.id == found.id => group.places.push(found),
            _ => groups.push(FlowMatches {
                id: found.id,
                name: found.name.clone(),
                flow_type: found.flow_type,
                editor: if found.editor {
                    EditorKind::Diagram
                } else {
                    EditorKind::Code
                },
                places: vec![found],
            }),
        }
    }
    groups
}

/// Where a match opens its flow: at its step or note; a description or tags open the flow.
pub fn match_url(group: &FlowMatches, found: &TextMatch) -> String {
    let at = match found.source {
        TextSource::Step => Some(OpenAt::Step(found.place.clone())),
        TextSource::Note => Some(OpenAt::Note(found.place.clone())),
        TextSource::Description | TextSource::Tags => None,
    };
    match at {
        Some(at) => flow_url_at(group.id, group.editor, &at),
        None => flow_url(group.id, group.editor),
    }
}

/// What holds a match, as a person reads it: a step by its app's name, else the part of the
/// flow.
fn place_label(found: &TextMatch, locale: Locale) -> String {
    match found.source {
        TextSource::Step => catalog::app(&found.app).map_or_else(
            || found.app.clone(),
            |app| app.label_in(locale).into_owned(),
        ),
        TextSource::Description => Msg::Description.text(locale),
        TextSource::Tags => Msg::Tags.text(locale),
        TextSource::Note => Msg::DiagramNote.text(locale),
    }
}

#[component]
pub fn TextResults() -> impl IntoView {
    let registry = use_registry();
    let i18n = use_i18n();
    let on_error = use_api_error_handler();
    let busy = RwSignal::new(false);
    let results = move || {
        let on_error = on_error.clone();
        if !registry.contents_known() {
            return Some(
                view! { <p class="hint" role="status">{move || i18n.t(Msg::InsideUnavailable)}</p> }
                    .into_any(),
            );
        }
        registry.texts.get().map(move |found| match found {
            None => view! {
                <p class="hint">{move || i18n.t(Msg::TypeToSearchInside(TextSearch::MIN_CHARS))}</p>
            }
            .into_any(),
            Some(Ok(page)) if page.items.is_empty() => view! {
                <p class="empty-state">{move || i18n.t(Msg::NothingInside)}</p>
            }
            .into_any(),
            Some(Ok(page)) => view! { <Groups groups=group_by_flow(page.items) /> }.into_any(),
            Some(Err(error)) => {
                let text = on_error(error);
                view! { <p class="error" role="alert">{text}</p> }.into_any()
            }
        })
    };
    view! {
        <section class="table-area text-results" aria-busy=move || busy.get().to_string()>
            <Transition set_pending=busy fallback=move || view! { <p class="hint">{move || i18n.t(Msg::Loading)}</p> }>
                {results.clone()}
            </Transition>
            <Pagination has_next=Signal::derive(move || {
                matches!(registry.texts.get(), Some(Some(Ok(page))) if page.next)
            }) />
        </section>
    }
}

#[component]
fn Groups(groups: Vec<FlowMatches>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="text-matches">
            {groups
                .into_iter()
                .map(|group| {
                    let flow_href = nav::href(&flow_url(group.id, group.editor));
                    let kind = group.flow_type;
                    let places = group
                        .places
                        .iter()
                        .map(|found| {
                            let href = nav::href(&match_url(&group, found));
                            let found = found.clone();
                            let label = {
                                let found = found.clone();
                                move || place_label(&found, i18n.locale())
                            };
                            let snippet = found.snippet;
                            view! {
                                <li>
                                    <a href=href>
                                        <span class="place">{label}</span>
                                        <span class="snippet">
                                            {snippet.before}
                                            <mark>{snippet.matched}</mark>
                                            {snippet.after}
                                        </span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <li class="flow-matches">
                            <h2>
                                <a href=flow_href>{group.name}</a>
                                <span class="type-badge">{move || i18n.t(Msg::FlowType(kind))}</span>
                            </h2>
                            <ul>{places}</ul>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flow_model::flow::Snippet;
    use flow_model::FlowType;

    fn found(id: i64, source: TextSource, place: &str, editor: bool) -> TextMatch {
        TextMatch {
            id,
            name: format!("Flow {id}"),
            flow_type: FlowType::Voice,
            editor,
            source,
            place: place.into(),
            app: "playback".into(),
            snippet: Snippet::default(),
        }
    }

    #[test]
    fn matches_are_grouped_by_flow_and_open_where_they_are() {
        let groups = group_by_flow(vec![
            found(1, TextSource::Description, "", true),
            found(1, TextSource::Step, "/2/if/then/0", true),
            found(2, TextSource::Note, "n1", false),
            found(1, TextSource::Note, "n1", true),
        ]);
        let shape: Vec<(i64, usize)> = groups.iter().map(|g| (g.id, g.places.len())).collect();
        assert_eq!(shape, [(1, 2), (2, 1), (1, 1)]);
        let urls: Vec<String> = groups
            .iter()
            .flat_map(|group| group.places.iter().map(|found| match_url(group, found)))
            .collect();
        assert_eq!(
            urls,
            [
                "/flows/1/diagram",
                "/flows/1/diagram?step=%2F2%2Fif%2Fthen%2F0",
                "/flows/2/code",
                "/flows/1/diagram?note=n1",
            ]
        );
        assert_eq!(
            place_label(&groups[0].places[1], Locale::ENGLISH),
            catalog::app("playback").unwrap().label_in(Locale::ENGLISH)
        );
    }
}
