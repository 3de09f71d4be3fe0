//! Unsaved work kept in the browser: written while the user works (once they pause), offered
//! back when the same flow opens again after a crash or reload, dropped once saved or
//! discarded. Each editor keeps its own kind of draft under its own key.

use crate::browser::{format_time, Debouncer};
use crate::i18n::{use_i18n, Msg};
use crate::storage::Store;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Which flow a draft belongs to, per editor (`code`, `diagram`): a stored flow by id, or a
/// new one of a type.
pub fn draft_key(editor: &str, id: Option<i64>, new_kind: &str) -> String {
    let prefix = match editor {
        // The General tab's drafts predate the diagram's: their keys stay as they were.
        "code" => "flow-studio.draft.".to_owned(),
        other => format!("flow-studio.{other}-draft."),
    };
    match id {
        Some(id) => format!("{prefix}{id}"),
        None => format!("{prefix}new-{new_kind}"),
    }
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
pub struct Draft<T> {
    /// Epoch milliseconds.
    pub written_at: i64,
    #[serde(alias = "form")]
    pub content: T,
}

impl<T: Serialize + DeserializeOwned + PartialEq> Draft<T> {
    /// The draft worth offering when a flow opens as `loaded`: only one that differs.
    pub fn worth_offering(text: Option<String>, loaded: &T) -> Option<Draft<T>> {
        let draft: Draft<T> = serde_json::from_str(&text?).ok()?;
        (draft.content != *loaded).then_some(draft)
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).expect("a draft always serializes")
    }
}

/// An editor's draft: the one found when it opened (until answered), and the writing of new
/// ones.
pub struct DraftKeeper<T: Send + Sync + 'static> {
    key: StoredValue<String>,
    pub offered: RwSignal<Option<Draft<T>>>,
    pause: Debouncer,
}

impl<T: Send + Sync + 'static> Clone for DraftKeeper<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for DraftKeeper<T> {}

impl<T> DraftKeeper<T>
where
    T: Serialize + DeserializeOwned + PartialEq + Clone + Send + Sync + 'static,
{
    /// Looks for a draft under `key` that differs from the flow as `loaded`.
    pub fn new(key: String, loaded: &T) -> Self {
        let found = Store::Local.get(&key);
        Self {
            offered: RwSignal::new(Draft::worth_offering(found, loaded)),
            key: StoredValue::new(key),
            pause: Debouncer::new(Duration::from_millis(500)),
        }
    }

    /// While there are unsaved changes, keeps what `content` makes once the user pauses; with
    /// none, drops the draft. Nothing is written before the offer is answered, so an older
    /// draft is not overwritten before the user chose.
    pub fn keep(&self, unsaved: bool, content: impl FnOnce() -> T + 'static) {
        if self.offered.with_untracked(Option::is_some) {
            return;
        }
        if unsaved {
            let key = self.key;
            self.pause.run(move || {
                let draft = Draft {
                    written_at: web_sys::js_sys::Date::now() as i64,
                    content: content(),
                };
                Store::Local.set(&key.get_value(), &draft.to_text());
            });
        } else {
            self.forget();
        }
    }

    /// Drops the draft (saved, or discarded).
    pub fn forget(&self) {
        self.pause.cancel();
        Store::Local.remove(&self.key.get_value());
    }
}

/// "Unsaved changes from <when>": Restore them, or Discard them, while a draft is offered.
#[component]
pub fn DraftOffer<T>(keeper: DraftKeeper<T>, on_restore: Callback<T>) -> impl IntoView
where
    T: Serialize + DeserializeOwned + PartialEq + Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    move || {
        keeper.offered.get().map(|draft| {
            let when = format_time(draft.written_at, i18n.locale());
            let content = draft.content;
            view! {
                <div class="draft-offer" role="alert">
                    <span>{i18n.t(Msg::DraftFound(when))}</span>
                    <button class="primary" on:click=move |_| {
                        keeper.offered.set(None);
                        on_restore.run(content.clone());
                    }>{i18n.t(Msg::RestoreDraft)}</button>
                    <button on:click=move |_| {
                        keeper.forget();
                        keeper.offered.set(None);
                    }>{i18n.t(Msg::DiscardDraft)}</button>
                </div>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_keyed_by_editor_and_flow_and_offered_only_when_different() {
        assert_eq!(draft_key("code", Some(42), "voice"), "flow-studio.draft.42");
        assert_eq!(
            draft_key("code", None, "chat"),
            "flow-studio.draft.new-chat"
        );
        assert_eq!(
            draft_key("diagram", Some(42), "voice"),
            "flow-studio.diagram-draft.42"
        );
        let loaded = "as stored".to_owned();
        let draft = Draft {
            written_at: 1,
            content: "half-typed".to_owned(),
        };
        assert_eq!(
            Draft::worth_offering(Some(draft.to_text()), &loaded),
            Some(draft.clone())
        );
        assert_eq!(
            Draft::worth_offering(Some(draft.to_text()), &draft.content),
            None
        );
        assert_eq!(
            Draft::worth_offering(Some("not json".into()), &loaded),
            None
        );
        assert_eq!(Draft::<String>::worth_offering(None, &loaded), None);
        // Drafts written before the diagram's called their content `form`.
        let older: Draft<String> =
            serde_json::from_str(r#"{"written_at": 5, "form": "typed"}"#).unwrap();
        assert_eq!(older.content, "typed");
    }
}
