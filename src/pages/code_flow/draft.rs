//! Unsaved typing kept in the browser: written while the user types, offered back when the same
//! flow opens again after a crash or reload, dropped once saved or discarded.

use super::form::FlowForm;
use serde::{Deserialize, Serialize};

const PREFIX: &str = "flow-studio.draft.";

/// Which flow a draft belongs to: a stored one by id, or a new one of a type.
pub fn draft_key(id: Option<i64>, new_kind: &str) -> String {
    match id {
        Some(id) => format!("{PREFIX}{id}"),
        None => format!("{PREFIX}new-{new_kind}"),
    }
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
pub struct Draft {
    /// Epoch milliseconds.
    pub written_at: i64,
    pub form: FlowForm,
}

impl Draft {
    /// The draft worth offering when a flow opens as `loaded`: only one that differs.
    pub fn worth_offering(text: Option<String>, loaded: &FlowForm) -> Option<Draft> {
        let draft: Draft = serde_json::from_str(&text?).ok()?;
        (draft.form != *loaded).then_some(draft)
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).expect("a draft always serializes")
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn write(key: &str, draft: &Draft) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, &draft.to_text());
    }
}

pub fn forget(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flow_model::FlowType;

    #[test]
    fn drafts_are_keyed_by_flow_and_offered_only_when_different() {
        assert_eq!(draft_key(Some(42), "voice"), "flow-studio.draft.42");
        assert_eq!(draft_key(None, "chat"), "flow-studio.draft.new-chat");
        let loaded = FlowForm::new_flow(FlowType::Voice);
        let mut typed = loaded.clone();
        typed.name = "Half-typed".into();
        let draft = Draft {
            written_at: 1,
            form: typed,
        };
        assert_eq!(
            Draft::worth_offering(Some(draft.to_text()), &loaded),
            Some(draft.clone())
        );
        assert_eq!(
            Draft::worth_offering(Some(draft.to_text()), &draft.form),
            None
        );
        assert_eq!(
            Draft::worth_offering(Some("not json".into()), &loaded),
            None
        );
        assert_eq!(Draft::worth_offering(None, &loaded), None);
    }
}
