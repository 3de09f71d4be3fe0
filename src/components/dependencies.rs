//! A flow among the others: the flows that run it ("Used by", from the server, which Webitel's
//! engine cannot tell) and the flows it runs (read from its schema), each two levels deep, each
//! a link to its editor.

use crate::api::{ApiClient, ApiError};
use crate::i18n::{use_i18n, Msg};
use crate::nav::{self, flow_url, EditorKind};
use crate::session::use_auth;
use flow_model::catalog::Object;
use flow_model::flow::references;
use flow_model::{RoutingSchema, SchemaField, SchemaSearch};
use leptos::prelude::*;

/// Flows shown at each level at most.
const SHOWN: usize = 20;

/// A flow next to another, and the flows next to it one level further.
#[derive(Clone, PartialEq, Debug)]
pub struct Neighbour {
    pub id: i64,
    pub name: String,
    pub editor: EditorKind,
    pub next: Vec<Neighbour>,
}

/// Both sides of a flow.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Dependencies {
    /// None: the server cannot tell (Webitel's engine).
    pub callers: Option<Vec<Neighbour>>,
    pub callees: Vec<Neighbour>,
}

/// The ids of the stored flows `schema` runs, each once, in the order written.
pub fn called_ids(schema: &serde_json::Value) -> Vec<i64> {
    let mut ids = Vec::new();
    for reference in references(schema) {
        if let Ok(id) = reference.key.parse::<i64>() {
            if reference.kind == Object::Flow && !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

/// The flows of the domain among `ids`, with their names and editors, in the order of `ids`.
async fn flows_among(client: &ApiClient, ids: &[i64]) -> Result<Vec<RoutingSchema>, ApiError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let search = SchemaSearch {
        size: ids.len() as u32,
        ids: ids.to_vec(),
        fields: vec![SchemaField::Id, SchemaField::Name, SchemaField::Editor],
        ..SchemaSearch::default()
    };
    let mut found = client.search_flows(&search).await?.items;
    found.sort_by_key(|flow| ids.iter().position(|id| Some(*id) == flow.id));
    Ok(found)
}

fn neighbour(flow: &RoutingSchema, next: Vec<Neighbour>) -> Option<Neighbour> {
    Some(Neighbour {
        id: flow.id?,
        name: flow.name.clone().unwrap_or_default(),
        editor: EditorKind::of_flow(flow),
        next,
    })
}

/// The flows flow `id` runs, as its stored schema says.
async fn callees_of(client: &ApiClient, id: i64) -> Result<Vec<RoutingSchema>, ApiError> {
    let flow = client.flow(id).await?;
    let mut ids = called_ids(flow.schema.as_ref().unwrap_or(&serde_json::Value::Null));
    ids.truncate(SHOWN);
    flows_among(client, &ids).await
}

/// The flows that run flow `id`, each once; none when the server cannot tell.
async fn callers_of(client: &ApiClient, id: i64) -> Option<Vec<(i64, String)>> {
    let uses = client
        .reference_uses(Object::Flow, &id.to_string())
        .await
        .ok()?;
    let mut callers: Vec<(i64, String)> = Vec::new();
    for caller in uses.items {
        if caller.id != id && !callers.iter().any(|(known, _)| *known == caller.id) {
            callers.push((caller.id, caller.name));
        }
    }
    callers.truncate(SHOWN);
    Some(callers)
}

/// Both sides of flow `id`, two levels deep.
pub async fn dependencies_of(client: ApiClient, id: i64) -> Result<Dependencies, ApiError> {
    let mut callees = Vec::new();
    for flow in callees_of(&client, id).await? {
        let Some(callee) = flow.id else { continue };
        let next = callees_of(&client, callee)
            .await
            .unwrap_or_default()
            .iter()
            .filter_map(|flow| neighbour(flow, Vec::new()))
            .collect();
        callees.extend(neighbour(&flow, next));
    }
    let callers = match callers_of(&client, id).await {
        None => None,
        Some(found) => {
            let ids: Vec<i64> = found.iter().map(|(id, _)| *id).collect();
            let flows = flows_among(&client, &ids).await?;
            let mut callers = Vec::new();
            for flow in &flows {
                let Some(caller) = flow.id else { continue };
                let above = callers_of(&client, caller).await.unwrap_or_default();
                let ids: Vec<i64> = above.iter().map(|(id, _)| *id).collect();
                let next = flows_among(&client, &ids)
                    .await?
                    .iter()
                    .filter_map(|flow| neighbour(flow, Vec::new()))
                    .collect();
                callers.extend(neighbour(flow, next));
            }
            Some(callers)
        }
    };
    Ok(Dependencies { callers, callees })
}

/// Neighbours as nested lists of links.
fn tree(neighbours: Vec<Neighbour>) -> AnyView {
    view! {
        <ul>
            {neighbours
                .into_iter()
                .map(|found| {
                    let href = nav::href(&flow_url(found.id, found.editor));
                    let next = (!found.next.is_empty()).then(|| tree(found.next));
                    view! {
                        <li>
                            <a href=href>{found.name}</a>
                            {next}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn FlowDependencies(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let found = LocalResource::new(move || dependencies_of(auth.client(), id));
    let shown = move || {
        found.get().map(|found| match found {
            Ok(Dependencies { callers, callees }) => {
                let callers = match callers {
                    None => view! { <p class="hint">{move || i18n.t(Msg::UsedByUnknown)}</p> }
                        .into_any(),
                    Some(callers) if callers.is_empty() => {
                        view! { <p class="hint">{move || i18n.t(Msg::UsedByNone)}</p> }.into_any()
                    }
                    Some(callers) => tree(callers),
                };
                let callees = if callees.is_empty() {
                    view! { <p class="hint">{move || i18n.t(Msg::RunsNone)}</p> }.into_any()
                } else {
                    tree(callees)
                };
                view! {
                    <div class="used-by-list">
                        <h3>{move || i18n.t(Msg::UsedByHeading)}</h3>
                        {callers}
                    </div>
                    <div class="runs-list">
                        <h3>{move || i18n.t(Msg::RunsHeading)}</h3>
                        {callees}
                    </div>
                }
                .into_any()
            }
            Err(error) => {
                view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any()
            }
        })
    };
    view! {
        <section class="dependencies" aria-label=move || i18n.t(Msg::Dependencies)>
            <h2>{move || i18n.t(Msg::Dependencies)}</h2>
            <Transition fallback=move || view! { <p class="hint">{move || i18n.t(Msg::Loading)}</p> }>
                {shown}
            </Transition>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_flow_runs_the_flows_its_run_flow_steps_name_each_once() {
        let schema = json!([
            {"schema": {"id": 7, "name": "Billing"}},
            {"if": {"expression": "1", "then": [{"schema": {"id": "9"}}, {"schema": {"id": 7}}]}},
            {"schema": {"id": "${next}"}},
            {"joinQueue": {"queue": {"id": 12}}}
        ]);
        assert_eq!(called_ids(&schema), [7, 9]);
    }
}
