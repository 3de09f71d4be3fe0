//! What both editors (the General tab and the diagram) do around their content, written once:
//! the flow as stored, unsaved work kept as a draft, the leave guard, the save itself (If-Match
//! on a stored flow), a conflict when someone saved meanwhile, and how a save ends. Each editor
//! supplies only how to build its write and what to do once it is saved.

use crate::api::{ApiError, WriteMode};
use crate::components::conflict::ConflictModal;
use crate::components::draft::{draft_key, DraftKeeper};
use crate::components::require_session::use_api_error_handler;
use crate::components::save_outcome::SaveOutcome;
use crate::components::toast::use_toasts;
use crate::components::unsaved::{LeaveGuard, UnsavedChangesModal};
use crate::i18n::use_i18n;
use crate::nav::{flow_url, registry_url, EditorKind};
use crate::session::use_auth;
use flow_model::{FlowType, RoutingSchema, SchemaWrite};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Why a save did not happen.
#[derive(Clone, Debug)]
pub enum SaveError {
    /// The name breaks the flow rules: said at the name field.
    Name(String),
    /// Something else typed breaks them: the editor says where.
    Invalid(String),
    /// Someone else saved first: their flow.
    Conflict(Box<RoutingSchema>),
    Api(ApiError),
}

/// A write an editor built: how a stored flow takes it (a new flow is created with it), and
/// what the editor needs to know once it is saved (`T`: what was typed when the save began).
pub struct Write<T> {
    pub mode: WriteMode,
    pub body: SchemaWrite,
    pub typed: T,
}

/// A save that went through.
#[derive(Clone, Debug)]
pub struct Saved<T> {
    /// The flow as stored now.
    pub flow: RoutingSchema,
    pub typed: T,
    /// It was a new flow.
    pub created: bool,
    /// Back to the registry now.
    pub leave_after: bool,
}

/// Builds a save's write from the flow as stored (none: a new flow), or says why not.
pub type BuildWrite<T> = Box<dyn Fn(Option<&RoutingSchema>) -> Result<Write<T>, SaveError>>;

/// Marks what a save wrote as saved.
pub type OnSaved<T> = Box<dyn Fn(&Saved<T>)>;

/// How one editor's saves go.
pub struct SaveSteps<T> {
    pub build: BuildWrite<T>,
    /// Marks what was saved as such.
    pub on_saved: OnSaved<T>,
    /// Says what a [`SaveError::Invalid`] names, where it is.
    pub on_invalid: Box<dyn Fn(String)>,
    /// The name as typed, for a refusal that names it.
    pub typed_name: Box<dyn Fn() -> String>,
}

type SaveResult<T> = Result<Saved<T>, SaveError>;

/// One editor's frame. `D`: the draft it keeps; `T`: what its saves remember of the typing.
pub struct EditorShell<D: Send + Sync + 'static, T: 'static> {
    pub editor: EditorKind,
    /// The flow as last read or saved (none: not saved yet).
    pub current: RwSignal<Option<RoutingSchema>>,
    pub drafts: DraftKeeper<D>,
    pub guard: LeaveGuard,
    /// Why the typed name cannot be saved.
    pub name_error: RwSignal<Option<String>>,
    /// Their flow, while the conflict question is asked.
    pub conflict: RwSignal<Option<RoutingSchema>>,
    save: Action<bool, SaveResult<T>>,
    /// Leaves for the registry (through the guard's history entry, when there is one).
    pub leave: Callback<()>,
}

impl<D: Send + Sync + 'static, T: 'static> Clone for EditorShell<D, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D: Send + Sync + 'static, T: 'static> Copy for EditorShell<D, T> {}

impl<D, T> EditorShell<D, T>
where
    D: Serialize + DeserializeOwned + PartialEq + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    /// The frame of an editor of `editor` kind for `flow` (none: a new flow of `new_kind`);
    /// `loaded` is its draft as stored (a draft equal to it is not offered), `dirty` tells
    /// whether anything typed is unsaved.
    pub fn new(
        editor: EditorKind,
        flow: Option<RoutingSchema>,
        new_kind: FlowType,
        loaded: &D,
        dirty: impl Fn() -> bool + Copy + 'static,
        steps: SaveSteps<T>,
    ) -> Self {
        let auth = use_auth();
        let toasts = use_toasts();
        let i18n = use_i18n();
        let on_error = use_api_error_handler();
        let navigate = use_navigate();
        let id = flow.as_ref().and_then(|flow| flow.id);
        let stored = flow.is_some();
        let current = RwSignal::new(flow);
        let drafts = DraftKeeper::new(draft_key(editor.as_str(), id, new_kind.as_str()), loaded);
        let name_error = RwSignal::new(None);
        let conflict = RwSignal::new(None);
        let SaveSteps {
            build,
            on_saved,
            on_invalid,
            typed_name,
        } = steps;
        let save = Action::new_local(move |leave_after: &bool| {
            let leave_after = *leave_after;
            let client = auth.client();
            let existing = current.get_untracked();
            let built = build(existing.as_ref());
            async move {
                let write = built?;
                let written = match &existing {
                    Some(existing) => client.write_flow(write.mode, existing, &write.body).await,
                    None => client.create_flow(&write.body).await,
                };
                match (written, &existing) {
                    (Ok(flow), _) => Ok(Saved {
                        flow,
                        typed: write.typed,
                        created: existing.is_none(),
                        leave_after,
                    }),
                    // Someone saved meanwhile: read their flow, for the user to choose.
                    (Err(error), Some(existing)) if error.is_stale() => {
                        match client.flow(existing.id.unwrap_or_default()).await {
                            Ok(theirs) => Err(SaveError::Conflict(Box::new(theirs))),
                            Err(error) => Err(SaveError::Api(error)),
                        }
                    }
                    (Err(error), _) => Err(SaveError::Api(error)),
                }
            }
        });
        let guard = LeaveGuard::new(dirty, stored);
        let outcome = SaveOutcome {
            toasts,
            i18n,
            name_error,
        };
        let leave = Callback::new({
            let navigate = navigate.clone();
            move |()| guard.navigate(&navigate, &registry_url(), NavigateOptions::default())
        });
        Effect::new(move |_| match save.value().get() {
            Some(Ok(saved)) => {
                drafts.forget();
                current.set(Some(saved.flow.clone()));
                on_saved(&saved);
                let created_at = saved
                    .created
                    .then(|| flow_url(saved.flow.id.unwrap_or_default(), editor));
                let leave_to =
                    |path: &str, options: NavigateOptions| guard.navigate(&navigate, path, options);
                outcome.saved(saved.leave_after, created_at, &leave_to);
            }
            Some(Err(SaveError::Name(reason))) => name_error.set(Some(reason)),
            Some(Err(SaveError::Invalid(reason))) => on_invalid(reason),
            Some(Err(SaveError::Conflict(theirs))) => conflict.set(Some(*theirs)),
            Some(Err(SaveError::Api(error))) => outcome.refused(error, &typed_name(), &on_error),
            None => {}
        });
        Self {
            editor,
            current,
            drafts,
            guard,
            name_error,
            conflict,
            save,
            leave,
        }
    }

    /// Saves, then back to the registry when `leave_after`.
    pub fn save(&self, leave_after: bool) {
        self.save.dispatch(leave_after);
    }

    /// A save is under way (tracked).
    pub fn saving(&self) -> bool {
        self.save.pending().get()
    }

    /// A save is under way (untracked).
    pub fn saving_now(&self) -> bool {
        self.save.pending().get_untracked()
    }

    /// Close: asks first while anything typed is unsaved.
    pub fn close(&self, dirty: bool) {
        let leave = self.leave;
        self.guard.close(dirty, move || leave.run(()));
    }
}

/// The questions around an editor: unsaved changes on leaving, and a conflict on saving.
#[component]
pub fn ShellDialogs<D, T>(
    shell: EditorShell<D, T>,
    /// Saves (then leaves when `true`), the way the editor's own Save button does.
    on_save: Callback<bool>,
    /// "Don't save": what is typed now counts as left behind.
    on_discard: Callback<()>,
    /// Replace what is typed with their flow.
    on_reload: Callback<RoutingSchema>,
    /// Put what is typed on the clipboard.
    on_copy: Callback<()>,
) -> impl IntoView
where
    D: Serialize + DeserializeOwned + PartialEq + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    let overwrite = Callback::new(move |theirs: RoutingSchema| {
        shell.current.set(Some(theirs));
        on_save.run(false);
    });
    let reload = Callback::new(move |theirs: RoutingSchema| {
        shell.current.set(Some(theirs.clone()));
        shell.name_error.set(None);
        on_reload.run(theirs);
    });
    view! {
        <UnsavedChangesModal
            open=shell.guard.asking
            on_discard=Callback::new(move |()| {
                shell.drafts.forget();
                on_discard.run(());
                shell.guard.discard(|| shell.leave.run(()));
            })
            on_save=Callback::new(move |()| on_save.run(true))
            on_cancel=Callback::new(move |()| shell.guard.stay())
        />
        <ConflictModal theirs=shell.conflict on_reload=reload on_overwrite=overwrite on_copy />
    }
}
