//! How an editor's save ends, said the same way in every editor: a success toast (older errors
//! are moot then) and the next place to be; a refusal at the name field when the name is taken,
//! otherwise as a toast with the reason.

use crate::api::ApiError;
use crate::components::toast::Toasts;
use crate::i18n::{I18n, Msg};
use crate::nav::registry_url;
use leptos::prelude::*;
use leptos_router::NavigateOptions;

#[derive(Clone, Copy)]
pub struct SaveOutcome {
    pub toasts: Toasts,
    pub i18n: I18n,
    /// Where a taken name is reported.
    pub name_error: RwSignal<Option<String>>,
}

impl SaveOutcome {
    /// After a save: back to the registry when leaving, else to the new flow's own page
    /// (`created_at`, replacing the "new" URL in the history).
    pub fn saved(
        &self,
        leave_after: bool,
        created_at: Option<String>,
        navigate: &impl Fn(&str, NavigateOptions),
    ) {
        self.toasts.clear_errors();
        self.toasts.success(self.i18n.t(Msg::SuccessfullyUpdated));
        if leave_after {
            navigate(&registry_url(), NavigateOptions::default());
        } else if let Some(path) = created_at {
            navigate(
                &path,
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    }

    /// The server refused the save of a flow named `typed_name`.
    pub fn refused(
        &self,
        error: ApiError,
        typed_name: &str,
        describe: &impl Fn(ApiError) -> String,
    ) {
        if error.is_name_taken() {
            self.name_error.set(Some(
                self.i18n.t(Msg::NameTaken(typed_name.trim().to_owned())),
            ));
        } else if error.is_stale() {
            self.toasts.error(self.i18n.t(Msg::StaleWrite));
        } else {
            self.toasts.error(describe(error));
        }
    }
}
