//! Flow settings of a diagram: its tags and description, typed in a dialog and saved with the
//! diagram (the name is typed in the toolbar). Wrong values are named at their field at once.

use crate::components::modal::Modal;
use crate::components::tag_input::TagInput;
use crate::i18n::{use_i18n, Msg};
use flow_model::rules;
use flow_model::{FlowType, Tag};
use leptos::prelude::*;

/// A flow's tags and description as typed.
#[derive(Clone, PartialEq, Eq, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct FlowSettings {
    pub tags: Vec<String>,
    pub description: String,
}

impl FlowSettings {
    /// The tags and description of a stored flow (a new one: none).
    pub fn of_stored(flow: Option<&flow_model::RoutingSchema>) -> Self {
        Self {
            tags: flow
                .iter()
                .flat_map(|flow| flow.tags.iter().flatten())
                .map(|tag| tag.name.clone())
                .collect(),
            description: flow
                .and_then(|flow| flow.description.clone())
                .unwrap_or_default(),
        }
    }

    /// The tags and description a save writes, or why they cannot be saved.
    pub fn checked(&self) -> Result<(Vec<Tag>, String), String> {
        let tags: Vec<Tag> = self.tags.iter().map(Tag::new).collect();
        let tags = rules::tags(&tags).map_err(|error| error.to_string())?;
        let description =
            rules::description(&self.description).map_err(|error| error.to_string())?;
        Ok((tags, description))
    }
}

#[component]
pub fn FlowSettingsModal(
    settings: RwSignal<FlowSettings>,
    kind: FlowType,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tags = Signal::derive(move || settings.with(|settings| settings.tags.clone()));
    let problem = move || settings.with(|settings| settings.checked().err());
    view! {
        <Modal title=Signal::derive(move || i18n.t(Msg::FlowSettings)) on_close>
            <div class="flow-settings">
                <div class="field">
                    <label for="diagram-tags">{move || i18n.t(Msg::Tags)}</label>
                    <TagInput
                        tags
                        types=Signal::derive(move || vec![kind])
                        input_id="diagram-tags"
                        on_change=Callback::new(move |tags| settings.update(|settings| settings.tags = tags))
                    />
                </div>
                <label>
                    {move || i18n.t(Msg::Description)}
                    <textarea
                        name="description"
                        rows="4"
                        aria-invalid=move || problem().is_some().to_string()
                        prop:value=move || settings.with(|settings| settings.description.clone())
                        on:input=move |event| {
                            let typed = event_target_value(&event);
                            settings.update(|settings| settings.description = typed);
                        }
                    ></textarea>
                </label>
                <span class="error" role="alert">{problem}</span>
                <div class="modal-actions">
                    <button class="primary" on:click=move |_| on_close.run(())>{move || i18n.t(Msg::Done)}</button>
                </div>
            </div>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_checked_by_the_flow_rules() {
        let fine = FlowSettings {
            tags: vec!["ivr".into(), " sales ".into()],
            description: "Main menu".into(),
        };
        let (tags, description) = fine.checked().unwrap();
        assert_eq!(tags.len(), 2);
        assert_eq!(description, "Main menu");
        let long = FlowSettings {
            description: "x".repeat(201),
            ..FlowSettings::default()
        };
        assert!(long.checked().unwrap_err().contains("description"));
        let blank = FlowSettings {
            tags: vec!["  ".into()],
            ..FlowSettings::default()
        };
        assert!(blank.checked().unwrap_err().contains("tags[0]"));
    }
}
