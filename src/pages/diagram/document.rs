//! A diagram flow beside its graph: its name and settings, what the browser keeps of unsaved
//! work, and what a save writes.

use crate::components::editor_shell::SaveError;
use flow_model::flow::payload;
use flow_model::l10n::Locale;
use flow_model::rules;
use flow_model::{RoutingSchema, SchemaWrite, Tag};

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

    /// The tags and description a save writes, or why they cannot be saved (said in
    /// `locale`).
    pub fn checked(&self, locale: Locale) -> Result<(Vec<Tag>, String), String> {
        let tags: Vec<Tag> = self.tags.iter().map(Tag::new).collect();
        let tags = rules::tags(&tags).map_err(|error| error.message(locale))?;
        let description =
            rules::description(&self.description).map_err(|error| error.message(locale))?;
        Ok((tags, description))
    }
}

/// A diagram's unsaved work as the browser keeps it: what a save would write.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
pub struct DiagramDraft {
    pub name: String,
    /// Tags and description (drafts kept before they were part of one have none).
    #[serde(default)]
    pub settings: FlowSettings,
    pub schema: serde_json::Value,
    pub payload: serde_json::Value,
}

impl DiagramDraft {
    /// The flow as stored (a new flow: nothing yet).
    pub fn of_stored(flow: Option<&RoutingSchema>) -> Self {
        Self {
            name: flow.and_then(|flow| flow.name.clone()).unwrap_or_default(),
            settings: FlowSettings::of_stored(flow),
            schema: flow
                .and_then(|flow| flow.schema.clone())
                .unwrap_or_else(|| serde_json::json!([])),
            payload: flow
                .and_then(|flow| flow.payload.clone())
                .unwrap_or_else(|| serde_json::json!({})),
        }
    }
}

/// What both Save and Save as write: the name and flow settings as the flow rules take them,
/// with the compiled schema and the layout; or why they cannot be saved.
pub fn checked_write(
    typed_name: &str,
    settings: &FlowSettings,
    saved: payload::Saved,
    locale: Locale,
) -> Result<SchemaWrite, SaveError> {
    let name =
        rules::flow_name(typed_name).map_err(|error| SaveError::Name(error.message(locale)))?;
    let (tags, description) = settings.checked(locale).map_err(SaveError::Invalid)?;
    Ok(SchemaWrite {
        name: Some(name),
        schema: Some(saved.schema),
        payload: Some(saved.payload),
        tags: Some(tags),
        description: Some(description),
        ..SchemaWrite::default()
    })
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
        let (tags, description) = fine.checked(Locale::ENGLISH).unwrap();
        assert_eq!(tags.len(), 2);
        assert_eq!(description, "Main menu");
        let long = FlowSettings {
            description: "x".repeat(201),
            ..FlowSettings::default()
        };
        assert!(long
            .checked(Locale::ENGLISH)
            .unwrap_err()
            .contains("description"));
        let blank = FlowSettings {
            tags: vec!["  ".into()],
            ..FlowSettings::default()
        };
        assert!(blank
            .checked(Locale::ENGLISH)
            .unwrap_err()
            .contains("tags[0]"));
    }
}
