//! The diagram editor: a canvas drawn from the flow graph (only what is on screen), pan and
//! zoom, a palette of the steps offered for the flow's type, live problems, and Save writing
//! both the compiled schema and the layout.
//!
//! Its rooms: `state` (the store and its named actions), `input` (pointer gestures and keys
//! as plain data), `scene` (what the canvas draws and where), `editing` (changes to the graph),
//! `view` (the components, each reading the store), `document` and `saving` (what is kept and
//! written). This module only assembles them.

pub mod document;
pub mod editing;
pub mod input;
pub mod saving;
pub mod scene;
pub mod state;
pub mod view;

use crate::components::draft::DraftOffer;
use crate::components::editor_shell::ShellDialogs;
use crate::components::flow_loader::{FlowLoader, Opened};
use crate::components::require_session::RequireSession;
use crate::components::run_panel::{RunLink, RunPanel};
use crate::components::toast::use_toasts;
use crate::i18n::{use_i18n, Msg};
use crate::nav::{self, registry_url, OpenAt};
use document::{DiagramDraft, FlowSettings};
use flow_model::flow::{compile, payload, FlowGraph, Severity};
use flow_model::{FlowType, RoutingSchema};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use scene::viewport::Viewport;
use state::DiagramStore;
use view::canvas::DiagramCanvas;
use view::canvas_controls::CanvasControls;
use view::dialogs::{compiled_text, DiagramDialogs, Dialogs};
use view::minimap::Minimap;
use view::node_list::NodeList;
use view::palette::Palette;
use view::save_as::SaveAsDialog;
use view::side_panel::SidePanel;
use view::toolbar::Toolbar;

#[component]
pub fn DiagramPage() -> impl IntoView {
    view! {
        <RequireSession>
            <FlowLoader editor=|opened: Opened| view! { <DiagramEditor opened /> }.into_any() />
        </RequireSession>
    }
}

#[component]
fn DiagramEditor(opened: Opened) -> impl IntoView {
    let kind = opened
        .flow
        .as_ref()
        .and_then(|flow| flow.flow_type)
        .unwrap_or(opened.new_kind);
    let graph = match &opened.flow {
        Some(flow) => payload::open(
            flow.schema.as_ref().unwrap_or(&serde_json::json!([])),
            flow.payload.as_ref().unwrap_or(&serde_json::json!({})),
        ),
        None => Ok(FlowGraph::new()),
    };
    match graph {
        Ok(graph) => view! { <Editor graph flow=opened.flow kind /> }.into_any(),
        // Opening must not quietly show less than there is: say why and change nothing.
        Err(error) => {
            let i18n = use_i18n();
            view! {
            <main class="flow-page">
                <p class="error" role="alert">{move || error.text().in_locale(i18n.locale())}</p>
                <a href=nav::href(&registry_url())>"←"</a>
            </main>
            }
            .into_any()
        }
    }
}

#[component]
fn Editor(graph: FlowGraph, flow: Option<RoutingSchema>, kind: FlowType) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let name = flow
        .as_ref()
        .and_then(|flow| flow.name.clone())
        .unwrap_or_default();
    let saved_view = flow
        .as_ref()
        .and_then(|flow| flow.payload.as_ref())
        .and_then(Viewport::saved_in);
    let store = DiagramStore::new(
        graph,
        kind,
        name,
        FlowSettings::of_stored(flow.as_ref()),
        saved_view,
        Signal::derive(move || i18n.locale()),
    );
    provide_context(store);
    let query = use_query_map();
    store.open_at.set_value(query.with_untracked(|query| {
        OpenAt::from_query(query.get(nav::STEP_PARAM), query.get(nav::NOTE_PARAM))
    }));
    let dialogs = DiagramDialogs::default();
    let shell = saving::diagram_shell(store, flow, move |reason| {
        toasts.error(reason);
        dialogs.settings.set(true);
    });
    saving::keep_drafts(store, shell);

    let stored_as_diagram = Signal::derive(move || {
        shell
            .current
            .with(|flow| flow.as_ref().is_none_or(|flow| flow.editor != Some(false)))
    });
    let errors = Memo::new(move |_| {
        let locale = i18n.locale();
        store.problems.with(|problems| {
            problems
                .iter()
                .filter(|problem| problem.severity == Severity::Error)
                .map(|problem| problem.message(locale))
                .collect::<Vec<_>>()
        })
    });
    // Saving asks first when it turns a code flow into a Diagram flow, or when the flow has
    // errors (saying which).
    let request_save = move |leave_after: bool| {
        if !stored_as_diagram.get_untracked() || errors.with_untracked(|errors| !errors.is_empty())
        {
            dialogs.confirm_save.set(Some(leave_after));
        } else {
            shell.save(leave_after);
        }
    };
    // Ctrl/Cmd+S saves from anywhere on the page (the name field, the canvas, the forms).
    let save_keys = window_event_listener(ev::keydown, move |event| {
        if (event.ctrl_key() || event.meta_key()) && event.key().eq_ignore_ascii_case("s") {
            event.prevent_default();
            if store.is_dirty() && !shell.saving_now() {
                request_save(false);
            }
        }
    });
    on_cleanup(move || save_keys.remove());
    let show = move |draft: DiagramDraft| {
        if let Err(reason) = saving::show_stored(store, draft) {
            toasts.error(reason.in_locale(i18n.locale_untracked()));
        }
    };
    let reload_theirs = move |theirs: RoutingSchema| {
        show(DiagramDraft::of_stored(Some(&theirs)));
        store.mark_saved();
    };
    let copy_mine = move |()| {
        let text = compiled_text(store);
        wasm_bindgen_futures::spawn_local(async move {
            match crate::browser::copy_text(&text).await {
                Ok(()) => toasts.success(i18n.t(Msg::Copied)),
                Err(reason) => toasts.error(i18n.t(Msg::CannotCopy(reason))),
            }
        });
    };
    let canvas_ref = NodeRef::<html::Canvas>::new();
    store.follow_run();
    let run_link = RunLink {
        schema: Callback::new(move |()| Ok(store.with_graph(|flow| compile(flow).schema))),
        breakpoints: Signal::derive(move || store.breakpoint_paths()),
        tests: Signal::derive(move || store.saved_tests()),
        on_tests: Callback::new(move |tests| store.set_saved_tests(tests)),
        on_select: Callback::new(move |path: String| store.focus_run_step(&path)),
        record: store.run.record,
    };

    view! {
        <Toolbar
            dialogs
            name_error=shell.name_error
            stored_as_diagram
            saving=Signal::derive(move || shell.saving())
            on_save=Callback::new(move |()| request_save(false))
            on_close=Callback::new(move |()| shell.close(store.is_dirty()))
        />
        <main class="diagram">
            <Palette canvas_ref />
            <div class="canvas-area">
                <DraftOffer keeper=shell.drafts on_restore=Callback::new(show) />
                <DiagramCanvas canvas_ref />
                <CanvasControls />
                <Minimap />
                <NodeList />
            </div>
            <SidePanel />
            <Show when=move || store.run.open.get()>
                <RunPanel flow_type=kind link=run_link on_close=Callback::new(move |()| store.run.open.set(false)) />
            </Show>
        </main>
        <Dialogs
            dialogs
            converting=Signal::derive(move || !stored_as_diagram.get())
            errors
            on_save=Callback::new(move |leave_after| shell.save(leave_after))
            flow_id=Signal::derive(move || shell.current.with(|flow| flow.as_ref().and_then(|flow| flow.id)))
        />
        <SaveAsDialog dialogs />
        <ShellDialogs
            shell
            on_save=Callback::new(request_save)
            on_discard=Callback::new(move |()| store.mark_saved())
            on_reload=Callback::new(reload_theirs)
            on_copy=Callback::new(copy_mine)
        />
    }
}
