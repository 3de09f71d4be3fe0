//! How the diagram is saved through the editor shell: the compiled schema and the layout
//! (patched onto a stored flow, which becomes a Diagram flow), and what counts as saved after.

use super::document::{checked_write, DiagramDraft, FlowSettings};
use super::scene::viewport::Viewport;
use super::state::DiagramStore;
use crate::api::WriteMode;
use crate::components::editor_shell::{EditorShell, SaveSteps, Write};
use crate::nav::EditorKind;
use flow_model::l10n::Text;
use flow_model::{PatchField, RoutingSchema, SchemaField, SchemaWrite};
use leptos::prelude::*;

/// What a diagram save remembers of what was typed when it began.
#[derive(Clone, Debug)]
pub struct Typed {
    graph_version: u64,
    name: String,
    settings: FlowSettings,
}

pub type DiagramShell = EditorShell<DiagramDraft, Typed>;

/// What a save changes on a stored flow: everything the diagram holds.
const DIAGRAM_FIELDS: [SchemaField; 6] = [
    SchemaField::Name,
    SchemaField::Schema,
    SchemaField::Payload,
    SchemaField::Editor,
    SchemaField::Tags,
    SchemaField::Description,
];

/// The diagram editor's shell for `flow` (none: a new flow). `on_invalid_settings`: the tags
/// or description cannot be saved, and why.
pub fn diagram_shell(
    store: DiagramStore,
    flow: Option<RoutingSchema>,
    on_invalid_settings: impl Fn(String) + 'static,
) -> DiagramShell {
    let loaded = DiagramDraft::of_stored(flow.as_ref());
    let kind = store.kind;
    let build = move |existing: Option<&RoutingSchema>| {
        let typed = Typed {
            graph_version: store.graph_version.get_untracked(),
            name: store.name.get_untracked(),
            settings: store.settings.get_untracked(),
        };
        let write = checked_write(
            &typed.name,
            &typed.settings,
            store.lay_out_for_save(),
            store.locale.get_untracked(),
        )?;
        let body = match existing {
            // A code flow opened as a diagram becomes a Diagram flow by this save (the user
            // confirmed it).
            Some(_) => SchemaWrite {
                editor: Some(true),
                fields: Some(DIAGRAM_FIELDS.map(PatchField::from).to_vec()),
                ..write
            },
            None => SchemaWrite {
                flow_type: Some(kind),
                editor: Some(true),
                debug: Some(false),
                ..write
            },
        };
        Ok(Write {
            mode: WriteMode::Patch,
            body,
            typed,
        })
    };
    EditorShell::new(
        EditorKind::Diagram,
        flow,
        kind,
        &loaded,
        move || store.is_dirty(),
        SaveSteps {
            build: Box::new(build),
            on_saved: Box::new(move |saved| {
                let typed = saved.typed.clone();
                store.mark_saved_as(typed.graph_version, typed.name, typed.settings);
            }),
            on_invalid: Box::new(on_invalid_settings),
            typed_name: Box::new(move || store.name.get_untracked()),
        },
    )
}

/// Keeps unsaved work in the browser while there is any: the diagram as a save would write
/// it, made once the user pauses.
pub fn keep_drafts(store: DiagramStore, shell: DiagramShell) {
    Effect::new(move |_| {
        store.graph_version.track();
        let name = store.name.get();
        let settings = store.settings.get();
        shell.drafts.keep(store.is_dirty(), move || {
            let saved = store.draft_payload();
            DiagramDraft {
                name,
                settings,
                schema: saved.schema,
                payload: saved.payload,
            }
        });
    });
}

/// Puts `schema` and `payload` (a draft, or their flow after a conflict) in the editor as one
/// undoable change, with its name and settings; says why when it cannot be opened.
pub fn show_stored(store: DiagramStore, draft: DiagramDraft) -> Result<(), Text> {
    let graph = flow_model::flow::payload::open(&draft.schema, &draft.payload)
        .map_err(|error| error.text())?;
    store.replace_graph(graph);
    store.name.set(draft.name);
    store.settings.set(draft.settings);
    store.show_saved_or_start(Viewport::saved_in(&draft.payload));
    Ok(())
}
