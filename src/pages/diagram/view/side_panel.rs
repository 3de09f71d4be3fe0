//! The panel beside the canvas: the picked note or group, the selected step's links and
//! properties (as a form, or as JSON), and the flow's problems.

use super::decoration_panel::{DecorationPanel, Picked};
use super::links::{LinkRow, LinksPanel};
use super::panel_frame::PanelFrame;
use super::properties::PropertiesPanel;
use crate::components::problem_list::{ProblemList, ProblemRow};
use crate::components::toast::use_toasts;
use crate::i18n::{use_i18n, Msg, RunText};
use crate::pages::diagram::editing::decorations::Decoration;
use crate::pages::diagram::editing::edit;
use crate::pages::diagram::state::{use_diagram, DiagramStore};
use flow_model::flow::{NodeId, Port};
use flow_model::l10n::Text;
use leptos::prelude::*;

/// What the note and group panel shows of the picked one.
fn picked_view(store: DiagramStore) -> Memo<Option<Picked>> {
    Memo::new(move |_| {
        store.graph_version.track();
        let decoration = store.picked.get()?;
        store.with_graph(|flow| match decoration {
            Decoration::Note(id) => {
                flow.comments
                    .iter()
                    .find(|note| note.id == id)
                    .map(|note| Picked::Note {
                        text: note.text.clone(),
                    })
            }
            Decoration::Group(id) => flow
                .groups
                .iter()
                .find(|group| group.id == id)
                .map(|group| Picked::Group {
                    label: group.label.clone(),
                    collapsed: group.collapsed,
                    steps: group.nodes.len(),
                }),
        })
    })
}

/// The selected node's ports and where they lead.
fn links_of_selected(store: DiagramStore) -> Memo<Vec<LinkRow>> {
    Memo::new(move |_| {
        let Some(node) = store.selected() else {
            return Vec::new();
        };
        store.scene.with(|scene| {
            scene.box_of(node).map_or_else(Vec::new, |node_box| {
                store.with_graph(|flow| {
                    node_box
                        .ports
                        .iter()
                        .map(|dot| LinkRow {
                            port: dot.port.clone(),
                            label: dot.label.clone(),
                            target: flow.link_from(node, &dot.port).map(|(_, to, _)| to),
                        })
                        .collect()
                })
            })
        })
    })
}

/// The steps a port may lead to, titled. Titles do not change as steps move: recomputed on
/// edits only.
fn link_targets(store: DiagramStore) -> Memo<Vec<(NodeId, String)>> {
    Memo::new(move |_| {
        store.edit_version.track();
        store.scene.with_untracked(|scene| {
            scene
                .boxes
                .iter()
                .filter(|node_box| !node_box.start)
                .map(|node_box| {
                    let title = if node_box.summary.is_empty() {
                        node_box.title.clone()
                    } else {
                        format!("{}: {}", node_box.title, node_box.summary)
                    };
                    (node_box.node, title)
                })
                .collect()
        })
    })
}

/// The selected step as JSON, editable; Apply is one undoable change.
#[component]
fn StepJson() -> impl IntoView {
    let store = use_diagram();
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Text>);
    Effect::new(move |_| {
        store.graph_version.track();
        let shown = store
            .selected()
            .and_then(|node| store.with_graph(|flow| edit::step_text(flow, node)));
        text.set(shown.unwrap_or_default());
        error.set(None);
    });
    let apply = move |_| {
        error.set(store.replace_selected_step(&text.get_untracked()).err());
    };
    view! {
        <label>
            {move || i18n.t(Msg::StepJson)}
            <textarea
                class="code"
                name="step-json"
                rows="10"
                spellcheck="false"
                aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=text
                on:input=move |event| text.set(event_target_value(&event))
            ></textarea>
        </label>
        <span class="error" role="alert">{move || error.with(|error| error.as_ref().map(|reason| reason.in_locale(i18n.locale())))}</span>
        <button on:click=apply>{move || i18n.t(Msg::Apply)}</button>
    }
}

/// The flow's problems; a click on one goes to its step.
#[component]
fn Problems() -> impl IntoView {
    let store = use_diagram();
    let i18n = use_i18n();
    let rows = Signal::derive(move || {
        let locale = i18n.locale();
        store.problems.with(|problems| {
            problems
                .iter()
                .map(|problem| ProblemRow {
                    severity: problem.severity,
                    place: None,
                    message: problem.message(locale),
                    target: problem.node,
                })
                .collect()
        })
    });
    let go = Callback::new(move |node: Option<NodeId>| {
        if let Some(node) = node {
            store.focus(node);
        }
    });
    view! { <ProblemList rows on_go=go /> }
}

#[component]
pub fn SidePanel() -> impl IntoView {
    let store = use_diagram();
    let i18n = use_i18n();
    let toasts = use_toasts();
    let step_selected = move || {
        store.graph_version.track();
        store
            .selected()
            .is_some_and(|node| store.with_graph(|flow| flow.step(node).is_some()))
    };
    let selected_step = Memo::new(move |_| {
        store.graph_version.track();
        let node = store.selected()?;
        store.with_graph(|flow| {
            flow.step(node)
                .map(|step| (step.app.clone(), step.object.clone()))
        })
    });
    let link_port = move |(port, target): (Port, Option<NodeId>)| {
        if let Some(node) = store
            .selection
            .with_untracked(|selection| selection.primary)
        {
            if let Err(reason) = store.link(node, port, target) {
                toasts.error(reason.in_locale(i18n.locale_untracked()));
            }
        }
    };
    view! {
        <PanelFrame>
        <aside class="problems" aria-label=move || i18n.t(Msg::Problems)>
            <DecorationPanel picked=picked_view(store) on_action=Callback::new(move |action| store.decorate(action)) />
            <LinksPanel links=links_of_selected(store) steps=link_targets(store) on_link=Callback::new(link_port) />
            <Show when=step_selected>
                <label class="check breakpoint">
                    <input
                        type="checkbox"
                        name="breakpoint"
                        prop:checked=move || store.selected().is_some_and(|node| store.run.breakpoints.with(|set| set.contains(&node)))
                        on:change=move |_| store.toggle_breakpoints(&store.selected_steps())
                    />
                    {move || i18n.t(Msg::Run(RunText::ToggleBreakpoint))}
                    " (F9)"
                </label>
                <PropertiesPanel
                    step=selected_step
                    on_edit=Callback::new(move |change| store.edit_selected_step(change))
                    raw=view! { <StepJson /> }.into_any()
                />
            </Show>
            <Problems />
        </aside>
        </PanelFrame>
    }
}
