//! The selected node's links as lists: for each of its ports, the step it leads to, chosen from
//! all steps. The keyboard's and screen reader's way to connect, next to dragging ports.

use crate::i18n::{use_i18n, Msg};
use flow_model::flow::{NodeId, Port};
use leptos::prelude::*;

/// One port of the selected node and where it leads.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct LinkRow {
    pub port: Port,
    pub label: String,
    pub target: Option<NodeId>,
}

#[component]
pub fn LinksPanel(
    /// The selected node's ports (none: nothing is selected).
    links: Memo<Vec<LinkRow>>,
    /// Every step a port may lead to, titled.
    steps: Memo<Vec<(NodeId, String)>>,
    /// Link a port to a step, or (`None`) unlink it.
    on_link: Callback<(Port, Option<NodeId>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || !links.with(Vec::is_empty)>
            <section class="links">
                <h2>{move || i18n.t(Msg::Links)}</h2>
                <For
                    each=move || links.get()
                    key=|row| row.clone()
                    children=move |row: LinkRow| {
                        let label = if row.port == Port::Next {
                            i18n.t(Msg::NextStep)
                        } else {
                            row.label.clone()
                        };
                        let id = format!("link-{label}");
                        let port = row.port.clone();
                        let chosen = row.target.map(|node| node.index().to_string()).unwrap_or_default();
                        // A long step title is cut off in the select: the whole one on hover.
                        let chosen_title = move || {
                            let target = row.target?;
                            steps.with(|steps| {
                                steps.iter().find(|(node, _)| *node == target).map(|(_, title)| title.clone())
                            })
                        };
                        view! {
                            <div class="link">
                                <label for=id.clone() title=label.clone()>{label.clone()}</label>
                                <select
                                    id=id
                                    title=chosen_title
                                    name=format!("link-{label}")
                                    on:change=move |event| {
                                        let target = event_target_value(&event)
                                            .parse::<usize>()
                                            .ok()
                                            .map(NodeId::new);
                                        on_link.run((port.clone(), target));
                                    }
                                >
                                    <option value="" selected=chosen.is_empty()>{move || i18n.t(Msg::NotLinked)}</option>
                                    {move || steps.get().into_iter().map(|(node, title)| {
                                        let value = node.index().to_string();
                                        let selected = value == chosen;
                                        view! { <option value=value selected=selected>{title}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                        }
                    }
                />
            </section>
        </Show>
    }
}
