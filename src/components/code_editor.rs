//! The schema's code editor: CodeMirror 6, bundled with the app as `/code-editor.js` and
//! loaded the first time a General tab opens, with the flow-language help (completions, hover,
//! underlined problems) from the model. Should the module fail to load, a plain text area takes
//! its place, so typing is never blocked.

use crate::browser::performance_mark;
use crate::i18n::{use_i18n, Msg};
use flow_model::assist::{self, positions};
use flow_model::flow::{Diagnostic, Severity};
use flow_model::l10n::Locale;
use flow_model::FlowType;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::js_sys;

/// Where the build puts the bundled editor (see `tools/code-editor/build.mjs`), beside the app.
const MODULE_PATH: &str = "/code-editor.js";

#[wasm_bindgen(inline_js = "export function import_module(url) { return import(url); }")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn import_module(url: &str) -> Result<js_sys::Promise, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    type EditorModule;
    #[wasm_bindgen(method, js_name = createEditor)]
    fn create_editor(
        this: &EditorModule,
        parent: &web_sys::HtmlElement,
        options: &js_sys::Object,
    ) -> EditorHandle;

    /// One editor, as `createEditor` in `tools/code-editor/editor.js` returns it.
    type EditorHandle;
    #[wasm_bindgen(method, js_name = setText)]
    fn set_text(this: &EditorHandle, text: &str);
    #[wasm_bindgen(method, js_name = setDiagnostics)]
    fn set_diagnostics(this: &EditorHandle, diagnostics: &JsValue, version: u32) -> bool;
    #[wasm_bindgen(method, js_name = goTo)]
    fn go_to(this: &EditorHandle, position: u32);
    #[wasm_bindgen(method, js_name = setRunLines)]
    fn set_run_lines(this: &EditorHandle, current: u32, visited: &str);
    #[wasm_bindgen(method)]
    fn refresh(this: &EditorHandle);
    #[wasm_bindgen(method)]
    fn focus(this: &EditorHandle);
    #[wasm_bindgen(method)]
    fn destroy(this: &EditorHandle);
}

/// The Rust functions the editor calls; they live as long as the editor.
struct Callbacks {
    _change: Closure<dyn FnMut(String, u32)>,
    _complete: Closure<dyn FnMut(String, u32) -> Option<String>>,
    _hover: Closure<dyn FnMut(String, u32) -> Option<String>>,
    _save: Closure<dyn FnMut()>,
    _breakpoints: Closure<dyn FnMut(String)>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Loading {
    Pending,
    Ready,
    /// The module did not load: the plain text area is shown.
    Failed,
}

/// What a page does with its code editor: replace the text (undoably), move the cursor, show
/// problems. Made by the page, handed to [`CodeEditor`].
#[derive(Clone, Copy)]
pub struct CodeEditorControl {
    editor: StoredValue<Option<EditorHandle>, LocalStorage>,
    callbacks: StoredValue<Option<Callbacks>, LocalStorage>,
    fallback: NodeRef<html::Textarea>,
    on_change: StoredValue<Option<Callback<(String, u32)>>>,
    /// Counts the fallback's changes, as the editor counts its own.
    fallback_version: StoredValue<u32>,
    /// Set once the editor is there (to show what was computed before it loaded).
    pub ready: RwSignal<bool>,
    /// The lines with breakpoints (set in the editor's gutter, or with F9).
    pub breakpoint_lines: RwSignal<Vec<usize>>,
}

impl Default for CodeEditorControl {
    fn default() -> Self {
        Self {
            editor: StoredValue::new_local(None),
            callbacks: StoredValue::new_local(None),
            fallback: NodeRef::new(),
            on_change: StoredValue::new(None),
            fallback_version: StoredValue::new(0),
            ready: RwSignal::new(false),
            breakpoint_lines: RwSignal::new(Vec::new()),
        }
    }
}

impl CodeEditorControl {
    fn with_editor(&self, act: impl FnOnce(&EditorHandle)) -> bool {
        self.editor
            .with_value(|editor| editor.as_ref().map(act))
            .is_some()
    }

    fn fallback_changed(&self, text: String) {
        self.fallback_version.update_value(|version| *version += 1);
        let version = self.fallback_version.get_value();
        if let Some(on_change) = self.on_change.get_value() {
            on_change.run((text, version));
        }
    }

    /// Replaces the whole text as one change (the editor's undo takes it back).
    pub fn set_text(&self, text: &str) {
        if !self.with_editor(|editor| editor.set_text(text)) {
            if let Some(area) = self.fallback.get_untracked() {
                area.set_value(text);
            }
            self.fallback_changed(text.to_owned());
        }
    }

    /// Puts the cursor at `line:column` of `text` (the text shown) and focuses the editor.
    pub fn go_to(&self, text: &str, line: usize, column: usize) {
        let at = positions::utf16_offset(text, line, column) as u32;
        if !self.with_editor(|editor| editor.go_to(at)) {
            if let Some(area) = self.fallback.get_untracked() {
                let _ = area.focus();
                let _ = area.set_selection_range(at, at);
            }
        }
    }

    /// Underlines `found`, the problems of `text` as it was at change `version`, said in
    /// `locale`; nothing happens if the text changed since (the next check brings fresh ones).
    pub fn show_problems(&self, text: &str, found: &[Diagnostic], version: u32, locale: Locale) {
        let marks: Vec<serde_json::Value> = assist::marks(text, found, locale)
            .into_iter()
            .map(|mark| {
                serde_json::json!({
                    "from": mark.from,
                    "to": mark.to,
                    "severity": match mark.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    },
                    "message": mark.message,
                })
            })
            .collect();
        let marks = js_sys::JSON::parse(&serde_json::Value::Array(marks).to_string())
            .unwrap_or(JsValue::NULL);
        self.with_editor(|editor| {
            editor.set_diagnostics(&marks, version);
        });
    }

    /// Marks a run's lines: those of the steps it went through, and the one it is at.
    pub fn show_run(&self, current: Option<usize>, visited: &[usize]) {
        let visited = serde_json::to_string(visited).expect("numbers serialize");
        self.with_editor(|editor| editor.set_run_lines(current.unwrap_or(0) as u32, &visited));
    }

    /// Measures again after the editor's box changed size.
    pub fn refresh(&self) {
        self.with_editor(EditorHandle::refresh);
    }

    pub fn focus(&self) {
        if !self.with_editor(EditorHandle::focus) {
            if let Some(area) = self.fallback.get_untracked() {
                let _ = area.focus();
            }
        }
    }
}

/// Asks the language help `ask` about UTF-16 offset `at` of `text` (the editor counts in UTF-16
/// units, the model in bytes).
fn assist_at<T>(
    ask: fn(&str, usize, FlowType, Locale) -> Option<T>,
    text: &str,
    at: u32,
    flow_type: FlowType,
    locale: Locale,
) -> Option<T> {
    ask(
        text,
        positions::byte_from_utf16(text, at as usize),
        flow_type,
        locale,
    )
}

/// Completions at UTF-16 offset `at` of `text`, as the JSON the editor module reads.
fn completions_json(text: &str, at: u32, flow_type: FlowType, locale: Locale) -> Option<String> {
    let found = assist_at(assist::complete, text, at, flow_type, locale)?;
    let options: Vec<serde_json::Value> = found
        .options
        .into_iter()
        .map(|option| {
            serde_json::json!({
                "label": option.label,
                "kind": format!("{:?}", option.kind),
                "detail": option.detail,
                "info": option.info,
                "snippet": option.snippet,
                "boost": option.boost,
            })
        })
        .collect();
    Some(
        serde_json::json!({
            "from": positions::utf16_from_byte(text, found.from),
            "quoted": found.quoted,
            "options": options,
        })
        .to_string(),
    )
}

/// Hover documentation at UTF-16 offset `at` of `text`, as JSON.
fn hover_json(text: &str, at: u32, flow_type: FlowType, locale: Locale) -> Option<String> {
    let found = assist_at(assist::hover, text, at, flow_type, locale)?;
    let span = positions::utf16_from_bytes(text, &[found.from, found.to]);
    Some(
        serde_json::json!({"from": span[0], "to": span[1], "title": found.title, "body": found.body})
            .to_string(),
    )
}

fn set(options: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(options, &JsValue::from_str(key), value);
}

async fn load_module() -> Result<EditorModule, JsValue> {
    let module =
        wasm_bindgen_futures::JsFuture::from(import_module(&crate::nav::href(MODULE_PATH))?)
            .await?;
    Ok(module.unchecked_into())
}

#[component]
pub fn CodeEditor(
    /// The starting text.
    text: String,
    /// The flow type the language help is for.
    flow_type: Signal<FlowType>,
    read_only: bool,
    /// After each change: the whole text and the change's number.
    on_change: Callback<(String, u32)>,
    /// Ctrl/Cmd+S in the editor.
    on_save: Callback<()>,
    control: CodeEditorControl,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let host = NodeRef::<html::Div>::new();
    let loading = RwSignal::new(Loading::Pending);
    control.on_change.set_value(Some(on_change));
    let initial = StoredValue::new(text);
    let started = StoredValue::new(false);
    Effect::new(move |_| {
        let Some(host) = host.get() else {
            return;
        };
        if started.get_value() {
            return;
        }
        started.set_value(true);
        wasm_bindgen_futures::spawn_local(async move {
            let module = match load_module().await {
                Ok(module) => module,
                Err(_) => {
                    loading.set(Loading::Failed);
                    return;
                }
            };
            // The page may have been left while the module loaded: an editor made now would
            // outlive it, calling into callbacks that nothing owns any more.
            if !host.is_connected() || control.callbacks.is_disposed() {
                return;
            }
            let callbacks = Callbacks {
                _change: Closure::new(move |text: String, version: u32| {
                    on_change.run((text, version))
                }),
                _complete: Closure::new(move |text: String, at: u32| {
                    completions_json(
                        &text,
                        at,
                        flow_type.get_untracked(),
                        i18n.locale_untracked(),
                    )
                }),
                _hover: Closure::new(move |text: String, at: u32| {
                    hover_json(
                        &text,
                        at,
                        flow_type.get_untracked(),
                        i18n.locale_untracked(),
                    )
                }),
                _save: Closure::new(move || on_save.run(())),
                _breakpoints: Closure::new(move |lines: String| {
                    control
                        .breakpoint_lines
                        .set(serde_json::from_str(&lines).unwrap_or_default())
                }),
            };
            let options = js_sys::Object::new();
            set(&options, "text", &JsValue::from_str(&initial.get_value()));
            set(&options, "readOnly", &JsValue::from_bool(read_only));
            set(
                &options,
                "label",
                &JsValue::from_str(&label.get_untracked()),
            );
            set(&options, "onChange", callbacks._change.as_ref());
            set(&options, "complete", callbacks._complete.as_ref());
            set(&options, "hover", callbacks._hover.as_ref());
            set(&options, "onSave", callbacks._save.as_ref());
            set(&options, "onBreakpoints", callbacks._breakpoints.as_ref());
            let editor = module.create_editor(&host, &options);
            control.editor.set_value(Some(editor));
            control.callbacks.set_value(Some(callbacks));
            loading.set(Loading::Ready);
            control.ready.set(true);
            performance_mark("code-editor-ready");
        });
    });
    on_cleanup(move || {
        control.editor.update_value(|editor| {
            if let Some(editor) = editor.take() {
                editor.destroy();
            }
        });
        control.callbacks.set_value(None);
    });

    view! {
        <div
            class="code-editor"
            class:loading=move || loading.get() == Loading::Pending
            hidden=move || loading.get() == Loading::Failed
            node_ref=host
            aria-busy=move || (loading.get() == Loading::Pending).to_string()
        ></div>
        <Show when=move || loading.get() == Loading::Failed>
            <p class="hint" role="status">{move || i18n.t(Msg::EditorUnavailable)}</p>
            <textarea
                class="code"
                spellcheck="false"
                rows="20"
                readonly=read_only
                aria-label=move || label.get()
                node_ref=control.fallback
                prop:value=move || initial.get_value()
                on:input=move |event| control.fallback_changed(event_target_value(&event))
            ></textarea>
        </Show>
    }
}
