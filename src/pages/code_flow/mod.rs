//! A flow's General tab: name, type, tags, description, debug and the schema in the code
//! editor, with live problems; and its Versions tab. Saves are refused while the schema has
//! errors and guarded by If-Match (a conflict asks what to keep); leaving with unsaved changes
//! asks first, and unsaved typing is kept in the browser.

mod form;
mod versions;

pub use form::{FlowForm, FormError};

use crate::api::WriteMode;
use crate::browser::{copy_text, download_text, measured, Debouncer};
use crate::components::code_editor::{CodeEditor, CodeEditorControl};
use crate::components::dependencies::FlowDependencies;
use crate::components::draft::DraftOffer;
use crate::components::editor_shell::{EditorShell, SaveError, SaveSteps, ShellDialogs, Write};
use crate::components::flow_loader::{FlowLoader, Opened};
use crate::components::icon::{lucide, Icon};
use crate::components::problem_list::{ProblemList, ProblemRow};
use crate::components::require_session::RequireSession;
use crate::components::run_panel::record::RunRecord;
use crate::components::run_panel::{RunLink, RunPanel};
use crate::components::tag_input::TagInput;
use crate::components::toast::use_toasts;
use crate::i18n::{use_i18n, Msg, RunText};
use crate::nav::{flow_url, EditorKind, STEP_PARAM};
use crate::session::use_auth;
use flow_model::flow::{diagnose, payload, step_lines, Severity};
use flow_model::transfer::{export_file_name, export_text, parse_schema};
use flow_model::{FlowType, PatchField, Permission, RoutingSchema, SchemaField, SchemaWrite};
use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::time::Duration;
use versions::VersionsPanel;

#[component]
pub fn CodeFlowPage() -> impl IntoView {
    view! {
        <RequireSession>
            <FlowLoader editor=|opened: Opened| view! { <GeneralTab flow=opened.flow new_kind=opened.new_kind /> }.into_any() />
        </RequireSession>
    }
}

/// The fields a diagram flow's General tab may change: its schema is the diagram's to write.
const DIAGRAM_GENERAL_FIELDS: [SchemaField; 5] = [
    SchemaField::Name,
    SchemaField::Description,
    SchemaField::Type,
    SchemaField::Tags,
    SchemaField::Debug,
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tab {
    General,
    Versions,
}

#[component]
fn GeneralTab(flow: Option<RoutingSchema>, new_kind: FlowType) -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let initial = flow
        .as_ref()
        .map(FlowForm::from_flow)
        .unwrap_or_else(|| FlowForm::new_flow(new_kind));
    let diagram = flow.as_ref().and_then(|flow| flow.editor).unwrap_or(false);
    let saved = RwSignal::new(initial.clone());
    let form = RwSignal::new(initial.clone());
    let editor = CodeEditorControl::default();
    let note = RwSignal::new(String::new());
    let saves = RwSignal::new(0u32);
    let tab = RwSignal::new(Tab::General);
    let fullscreen = RwSignal::new(false);
    let dirty = move || form.with(|form| saved.with(|saved| form != saved));
    let build = move |existing: Option<&RoutingSchema>| {
        let typed = form.get_untracked();
        let mut body = if diagram {
            typed_general_fields(&typed)
        } else {
            typed.to_write()
        }
        .map_err(|error| save_error(error, i18n))?;
        let typed_note = note.get_untracked();
        let typed_note = typed_note.trim();
        body.note = (!typed_note.is_empty()).then(|| typed_note.to_owned());
        let mode = match existing {
            Some(_) if diagram => {
                body.schema = None;
                body.payload = None;
                body.note = None;
                body.fields = Some(DIAGRAM_GENERAL_FIELDS.map(PatchField::from).to_vec());
                WriteMode::Patch
            }
            _ => WriteMode::Replace,
        };
        Ok(Write { mode, body, typed })
    };
    let shell = EditorShell::new(
        EditorKind::Code,
        flow,
        new_kind,
        &initial,
        dirty,
        SaveSteps {
            build: Box::new(build),
            on_saved: Box::new(move |done| {
                saved.set(done.typed.clone());
                note.set(String::new());
                saves.update(|saves| *saves += 1);
            }),
            on_invalid: Box::new(move |reason| toasts.error(reason)),
            typed_name: Box::new(move || form.with_untracked(|form| form.name.clone())),
        },
    );
    let current = shell.current;
    let name_error = shell.name_error;
    // While there are unsaved changes, the browser keeps them.
    Effect::new(move |_| {
        let typed = form.get();
        let unsaved = saved.with(|saved| typed != *saved);
        shell.drafts.keep(unsaved, move || typed);
    });
    let can_save = move || {
        let allowed = auth.session.with(|session| {
            session.as_ref().is_some_and(|session| {
                session.can(if current.with(Option::is_some) {
                    Permission::Update
                } else {
                    Permission::Create
                })
            })
        });
        allowed && dirty()
    };
    let close = move |_| shell.close(dirty());
    // Problems follow the text once typing pauses, so typing itself stays instant; each check
    // is of one numbered state of the editor's text, and its underlines go to that state only.
    let checked = RwSignal::new((form.with_untracked(|form| form.schema_text.clone()), 0u32));
    let check_pause = Debouncer::new(Duration::from_millis(200));
    let schema_problem = Memo::new(move |_| checked.with(|(text, _)| parse_schema(text).err()));
    let diagnostics = Memo::new(move |_| {
        let kind = form.with(|form| form.kind);
        checked.with(|(text, _)| measured("flow-diagnostics", || diagnose(text, kind)))
    });
    Effect::new(move |_| {
        editor.ready.track();
        let locale = i18n.locale();
        diagnostics.with(|found| {
            checked.with_untracked(|(text, version)| {
                editor.show_problems(text, found, *version, locale)
            })
        });
    });
    let on_change = Callback::new(move |(text, version): (String, u32)| {
        form.update(|form| form.schema_text = text.clone());
        check_pause.run(move || checked.set((text, version)));
    });
    let problem_rows = Signal::derive(move || {
        let locale = i18n.locale();
        diagnostics.with(|found| {
            found
                .iter()
                .map(|problem| ProblemRow {
                    severity: problem.severity,
                    place: Some(format!("{}:{}", problem.line, problem.column)),
                    message: problem.message(locale),
                    target: (problem.line, problem.column),
                })
                .collect::<Vec<_>>()
        })
    });
    let go_to = move |line: usize, column: usize| {
        form.with_untracked(|form| editor.go_to(&form.schema_text, line, column));
    };
    // Opened at a step (a search's result): the cursor goes to its line once the editor is there.
    let open_at = use_query_map()
        .with_untracked(|query| query.get(STEP_PARAM))
        .filter(|place| !place.is_empty());
    if let Some(place) = open_at {
        Effect::new(move |went: Option<bool>| {
            if went == Some(true) || !editor.ready.get() {
                return went.unwrap_or(false);
            }
            // At the step's first character, after the line's indent.
            let found = form.with_untracked(|form| {
                let line = step_lines(&form.schema_text)
                    .into_iter()
                    .find_map(|(at, line)| (at == place).then_some(line))?;
                let text = form.schema_text.lines().nth(line - 1)?;
                let indent = text.chars().take_while(|c| c.is_whitespace()).count();
                Some((line, indent + 1))
            });
            if let Some((line, column)) = found {
                go_to(line, column);
            }
            true
        });
    }
    // Saving is refused while the schema has errors: the first one is named and shown.
    let request_save = Callback::new(move |leave_after: bool| {
        if !can_save() || shell.saving_now() {
            return;
        }
        if !diagram {
            let (text, kind) = form.with_untracked(|form| (form.schema_text.clone(), form.kind));
            let errors: Vec<_> = diagnose(&text, kind)
                .into_iter()
                .filter(|found| found.severity == Severity::Error)
                .collect();
            if let Some(first) = errors.first() {
                toasts.error(i18n.t(Msg::SaveBlocked {
                    count: errors.len(),
                    first: format!(
                        "{}:{}: {}",
                        first.line,
                        first.column,
                        first.message(i18n.locale_untracked())
                    ),
                }));
                tab.set(Tab::General);
                editor.go_to(&text, first.line, first.column);
                return;
            }
        }
        shell.save(leave_after);
    });
    let on_key = move |event: ev::KeyboardEvent| {
        // The code editor handles its own Ctrl/Cmd+S (and marks the event handled).
        if (event.ctrl_key() || event.meta_key())
            && event.key().eq_ignore_ascii_case("s")
            && !event.default_prevented()
        {
            event.prevent_default();
            request_save.run(false);
        }
    };
    let format = move |_| {
        if let Some(text) = form.with_untracked(FlowForm::formatted_schema) {
            editor.set_text(&text);
        }
    };
    let download = move |_| {
        let flow = form.with_untracked(|form| {
            current.with_untracked(|stored| form.as_download(stored.as_ref()))
        });
        let file = export_file_name(flow.name.as_deref().unwrap_or_default());
        if let Err(reason) = download_text(&file, &export_text(&flow)) {
            toasts.error(reason);
        }
    };
    let copy_mine = Callback::new(move |()| {
        let text = form.with_untracked(|form| form.schema_text.clone());
        wasm_bindgen_futures::spawn_local(async move {
            match copy_text(&text).await {
                Ok(()) => toasts.success(i18n.t(Msg::Copied)),
                Err(reason) => toasts.error(i18n.t(Msg::CannotCopy(reason))),
            }
        });
    });
    let reload_theirs = Callback::new(move |theirs: RoutingSchema| {
        let loaded = FlowForm::from_flow(&theirs);
        saved.set(loaded.clone());
        // As one change in the editor: Undo there brings the typed text back.
        editor.set_text(&loaded.schema_text);
        form.set(loaded);
    });
    let restore = Callback::new(move |(number, text): (i64, String)| {
        editor.set_text(&text);
        note.set(i18n.t(Msg::RestoredNote(number)));
        request_save.run(false);
    });
    let toggle_fullscreen = move |_| {
        fullscreen.update(|on| *on = !*on);
        editor.refresh();
        editor.focus();
    };
    let title = move || {
        let name = form.with(|form| form.name.trim().to_owned());
        if name.is_empty() {
            i18n.t(Msg::NewFlow)
        } else {
            name
        }
    };
    let run_open = RwSignal::new(false);
    let run_link = code_run_link(form, editor, go_to, i18n);
    let tags = Signal::derive(move || form.with(|form| form.tags.clone()));
    let kind_only = Signal::derive(move || vec![form.with(|form| form.kind)]);

    view! {
        <header class="page-header">
            <h1>{title}</h1>
            <span class="editor-badge">{move || i18n.t(Msg::EditorKind(diagram))}</span>
            <div class="actions">
                <Show when=move || !diagram && current.with(Option::is_some)>
                    <button
                        disabled=dirty
                        title=move || i18n.t(Msg::OpenAsDiagram)
                        on:click={
                            let navigate = navigate.clone();
                            move |_| {
                                let id = current.with_untracked(|flow| flow.as_ref().and_then(|flow| flow.id)).unwrap_or_default();
                                navigate(&flow_url(id, EditorKind::Diagram), NavigateOptions::default());
                            }
                        }
                    >
                        <Icon icon=lucide::LuWorkflow />
                        {move || i18n.t(Msg::OpenAsDiagram)}
                    </button>
                </Show>
                <Show when=move || !diagram>
                    <button
                        class="run-toggle"
                        aria-pressed=move || run_open.get().to_string()
                        on:click=move |_| run_open.update(|open| *open = !*open)
                    >
                        <Icon icon=lucide::LuPlay />
                        {move || i18n.t(Msg::Run(RunText::Title))}
                    </button>
                </Show>
                <button on:click=download>
                    <Icon icon=lucide::LuDownload />
                    {move || i18n.t(Msg::Download)}
                </button>
                <button on:click=close>
                    <Icon icon=lucide::LuX />
                    {move || i18n.t(Msg::Close)}
                </button>
                <Show when=move || !diagram && current.with(Option::is_some)>
                    <input
                        class="version-note"
                        name="note"
                        maxlength="200"
                        placeholder=move || i18n.t(Msg::VersionNote)
                        aria-label=move || i18n.t(Msg::VersionNote)
                        prop:value=move || note.get()
                        on:input=move |event| note.set(event_target_value(&event))
                    />
                </Show>
                <button class="primary" disabled=move || !can_save() || shell.saving()
                    on:click=move |_| request_save.run(false)>
                    {move || i18n.t(if shell.saving() { Msg::Saving } else { Msg::Save })}
                </button>
            </div>
        </header>
        <main class="flow-page" on:keydown=on_key>
            <DraftOffer keeper=shell.drafts on_restore=Callback::new(move |restored: FlowForm| {
                editor.set_text(&restored.schema_text);
                form.set(restored);
            }) />
            <nav class="tabs" role="tablist">
                <button
                    type="button"
                    role="tab"
                    class="tab"
                    aria-selected=move || (tab.get() == Tab::General).to_string()
                    on:click=move |_| {
                        tab.set(Tab::General);
                        editor.refresh();
                    }
                >{move || i18n.t(Msg::General)}</button>
                <Show when=move || current.with(|flow| flow.as_ref().and_then(|flow| flow.id).is_some())>
                    <button
                        type="button"
                        role="tab"
                        class="tab"
                        aria-selected=move || (tab.get() == Tab::Versions).to_string()
                        on:click=move |_| tab.set(Tab::Versions)
                    >{move || i18n.t(Msg::Versions)}</button>
                </Show>
            </nav>
            {move || (tab.get() == Tab::Versions).then(|| {
                let flow_id = current.with_untracked(|flow| flow.as_ref().and_then(|flow| flow.id)).unwrap_or_default();
                view! {
                    <VersionsPanel
                        flow_id
                        head=Signal::derive(move || current.with(|flow| flow.as_ref().and_then(versions::Head::of)))
                        current=Signal::derive(move || form.with(|form| form.schema_text.clone()))
                        dirty=Signal::derive(dirty)
                        saves=saves.into()
                        on_restore=restore
                    />
                }
            })}
            // Kept mounted while hidden, so the editor keeps its state and undo history.
            <form class="general" hidden=move || tab.get() != Tab::General on:submit=|event| event.prevent_default()>
                <label>
                    {move || i18n.t(Msg::Name)}" *"
                    <input
                        name="name"
                        required
                        maxlength="100"
                        aria-invalid=move || name_error.with(Option::is_some).to_string()
                        aria-describedby="name-error"
                        prop:value=move || form.with(|form| form.name.clone())
                        on:input=move |event| {
                            let text = event_target_value(&event);
                            form.update(|form| form.name = text);
                            name_error.set(None);
                        }
                    />
                    <span class="error" id="name-error">{move || name_error.get()}</span>
                </label>
                <label>
                    {move || i18n.t(Msg::Type)}
                    <select name="type" on:change=move |event| {
                        if let Ok(kind) = event_target_value(&event).parse() {
                            form.update(|form| form.kind = kind);
                        }
                    }>
                        {FlowType::ALL
                            .into_iter()
                            .map(|kind| view! {
                                <option value=kind.as_str() selected=move || form.with(|form| form.kind == kind)>
                                    {move || i18n.t(Msg::FlowType(kind))}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </label>
                <div class="field">
                    <label for="flow-tags">{move || i18n.t(Msg::Tags)}</label>
                    <TagInput
                        tags
                        types=kind_only
                        input_id="flow-tags"
                        on_change=Callback::new(move |tags| form.update(|form| form.tags = tags))
                    />
                </div>
                <label>
                    {move || i18n.t(Msg::Description)}
                    <textarea
                        name="description"
                        rows="2"
                        maxlength="200"
                        prop:value=move || form.with(|form| form.description.clone())
                        on:input=move |event| {
                            let text = event_target_value(&event);
                            form.update(|form| form.description = text);
                        }
                    ></textarea>
                </label>
                <label class="check">
                    <input
                        type="checkbox"
                        name="debug"
                        prop:checked=move || form.with(|form| form.debug)
                        on:change=move |event| {
                            let on = event_target_checked(&event);
                            form.update(|form| form.debug = on);
                        }
                    />
                    {move || i18n.t(Msg::Debug)}
                </label>
                <div class="schema" class:fullscreen=move || fullscreen.get() on:keydown=move |event: ev::KeyboardEvent| {
                    if event.key() == "Escape" && fullscreen.get_untracked() && !event.default_prevented() {
                        fullscreen.set(false);
                        editor.refresh();
                    }
                }>
                    <div class="schema-heading">
                        <span id="schema-label">{move || i18n.t(Msg::FlowSchema)}</span>
                        <button type="button" disabled=diagram on:click=format>
                            <Icon icon=lucide::LuBraces />
                            {move || i18n.t(Msg::Format)}
                        </button>
                        <button
                            type="button"
                            class="fullscreen-toggle"
                            aria-pressed=move || fullscreen.get().to_string()
                            on:click=toggle_fullscreen
                        >
                            <Icon icon=lucide::LuMaximize />
                            {move || i18n.t(if fullscreen.get() { Msg::ExitFullscreen } else { Msg::Fullscreen })}
                        </button>
                    </div>
                    <CodeEditor
                        text=form.with_untracked(|form| form.schema_text.clone())
                        flow_type=Signal::derive(move || form.with(|form| form.kind))
                        read_only=diagram
                        on_change
                        on_save=Callback::new(move |()| request_save.run(false))
                        control=editor
                        label=Signal::derive(move || i18n.t(Msg::FlowSchema))
                    />
                    <span class="error" id="schema-problem" role="status">
                        {move || schema_problem.get().map(|problem| i18n.t(Msg::SchemaError(problem.message(i18n.locale()))))}
                    </span>
                </div>
                <section class="schema-problems" aria-label=move || i18n.t(Msg::Problems)>
                    <ProblemList rows=problem_rows on_go=Callback::new(move |(line, column)| go_to(line, column)) />
                </section>
                {move || current.with(|flow| flow.as_ref().and_then(|flow| flow.id)).map(|id| view! { <FlowDependencies id /> })}
            </form>
            <Show when=move || run_open.get() && tab.get() == Tab::General>
                <RunPanel
                    flow_type=Signal::derive(move || form.with(|form| form.kind))
                    link=run_link
                    on_close=Callback::new(move |()| run_open.set(false))
                />
            </Show>
        </main>
        <ShellDialogs
            shell
            on_save=request_save
            on_discard=Callback::new(move |()| saved.set(form.get_untracked()))
            on_reload=reload_theirs
            on_copy=copy_mine
        />
    }
}

/// The Run panel's link to the code editor: the schema as typed, breakpoints from the editor's
/// gutter, the saved tests in the form's payload, and the run's lines marked in the editor.
fn code_run_link(
    form: RwSignal<FlowForm>,
    editor: CodeEditorControl,
    go_to: impl Fn(usize, usize) + Copy + Send + Sync + 'static,
    i18n: crate::i18n::I18n,
) -> RunLink {
    let record = RwSignal::new_local(RunRecord::default());
    let lines = Memo::new(move |_| form.with(|form| step_lines(&form.schema_text)));
    let line_of = move |path: &str| {
        lines.with_untracked(|lines| {
            lines
                .iter()
                .find(|(place, _)| place == path)
                .map(|(_, line)| *line)
        })
    };
    Effect::new(move |_| {
        editor.ready.track();
        lines.track();
        let (current, visited) = record.with(|record| {
            let visited: Vec<usize> = record
                .places
                .iter()
                .filter_map(|path| line_of(path))
                .collect();
            (record.current().and_then(line_of), visited)
        });
        editor.show_run(current, &visited);
    });
    RunLink {
        schema: Callback::new(move |()| {
            form.with_untracked(|form| parse_schema(&form.schema_text))
                .map(|schema| schema.get("schema").cloned().unwrap_or(schema))
                .map_err(|error| i18n.t(Msg::SchemaError(error.message(i18n.locale_untracked()))))
        }),
        breakpoints: Signal::derive(move || {
            let marked = editor.breakpoint_lines.get();
            lines.with(|lines| {
                lines
                    .iter()
                    .filter(|(_, line)| marked.contains(line))
                    .map(|(place, _)| place.clone())
                    .collect()
            })
        }),
        tests: Signal::derive(move || form.with(|form| payload::saved_tests(&form.kept))),
        on_tests: Callback::new(move |tests: Vec<serde_json::Value>| {
            form.update(|form| {
                payload::set_saved_tests(&mut form.kept, tests);
            })
        }),
        on_select: Callback::new(move |path: String| {
            if let Some(line) = line_of(&path) {
                go_to(line, 1);
            }
        }),
        record,
    }
}

/// The general fields of the form, checked, for a flow whose schema is not written here.
fn typed_general_fields(form: &FlowForm) -> Result<SchemaWrite, FormError> {
    let with_empty_schema = FlowForm {
        schema_text: "[]".to_owned(),
        ..form.clone()
    };
    with_empty_schema.to_write()
}

/// Why the form cannot be saved: the name at its field, the rest said in the page's language.
fn save_error(error: FormError, i18n: crate::i18n::I18n) -> SaveError {
    match error {
        FormError::Name(error) => SaveError::Name(error.message(i18n.locale_untracked())),
        FormError::Description(error) | FormError::Tags(error) => {
            SaveError::Invalid(error.message(i18n.locale_untracked()))
        }
        FormError::Schema(error) => {
            SaveError::Invalid(i18n.t(Msg::SchemaError(error.message(i18n.locale_untracked()))))
        }
    }
}
