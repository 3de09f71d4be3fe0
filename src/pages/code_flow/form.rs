//! The General tab's fields as plain data: what was loaded, what is typed, whether it changed,
//! and the body that saves it.

use flow_model::flow::payload;
use flow_model::rules::{self, FieldError};
use flow_model::transfer::{parse_schema, ImportError};
use flow_model::{FlowType, RoutingSchema, SchemaWrite, Tag};
use serde_json::Value;

#[derive(Clone, PartialEq, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct FlowForm {
    pub name: String,
    pub kind: FlowType,
    pub tags: Vec<String>,
    pub description: String,
    pub debug: bool,
    pub schema_text: String,
    /// What the stored payload holds (another tool's keys, such as saved test cases), written
    /// back as it was: a code flow has no diagram of its own there.
    #[serde(default)]
    pub kept: serde_json::Map<String, Value>,
}

/// Why the form cannot be saved as it is.
#[derive(Clone, PartialEq, Debug)]
pub enum FormError {
    Name(FieldError),
    Description(FieldError),
    Tags(FieldError),
    Schema(ImportError),
}

/// A schema as the editor shows it: 2-space indented.
pub fn schema_text(schema: &Value) -> String {
    serde_json::to_string_pretty(schema).expect("a JSON value always serializes")
}

impl FlowForm {
    /// A new flow of `kind`: no steps yet.
    pub fn new_flow(kind: FlowType) -> Self {
        Self {
            kind,
            schema_text: "[]".to_owned(),
            ..Self::default()
        }
    }

    pub fn from_flow(flow: &RoutingSchema) -> Self {
        Self {
            name: flow.name.clone().unwrap_or_default(),
            kind: flow.flow_type.unwrap_or_default(),
            tags: flow
                .tags
                .iter()
                .flatten()
                .map(|tag| tag.name.clone())
                .collect(),
            description: flow.description.clone().unwrap_or_default(),
            debug: flow.debug.unwrap_or(false),
            schema_text: schema_text(flow.schema.as_ref().unwrap_or(&Value::Array(Vec::new()))),
            kept: flow
                .payload
                .as_ref()
                .map(payload::foreign_keys)
                .unwrap_or_default(),
        }
    }

    /// The schema text pretty-printed (keys as written), if it is JSON.
    pub fn formatted_schema(&self) -> Option<String> {
        serde_json::from_str::<Value>(&self.schema_text)
            .ok()
            .map(|schema| schema_text(&schema))
    }

    /// The flow as Download writes it: the stored one with what is typed now.
    pub fn as_download(&self, stored: Option<&RoutingSchema>) -> RoutingSchema {
        let mut flow = stored.cloned().unwrap_or_default();
        flow.name = Some(self.name.trim().to_owned());
        flow.flow_type = Some(self.kind);
        flow.description = Some(self.description.clone());
        flow.debug = Some(self.debug);
        flow.tags = Some(self.tags.iter().map(Tag::new).collect());
        flow.editor = Some(flow.editor.unwrap_or(false));
        if let Ok(schema) = serde_json::from_str(&self.schema_text) {
            flow.schema = Some(schema);
        }
        flow
    }

    /// The schema as typed, checked.
    pub fn schema(&self) -> Result<Value, ImportError> {
        parse_schema(&self.schema_text)
    }

    /// The body of a save, or the first reason it cannot be saved. Code flows carry no
    /// diagram in their payload, only what other tools keep there.
    pub fn to_write(&self) -> Result<SchemaWrite, FormError> {
        let name = rules::flow_name(&self.name).map_err(FormError::Name)?;
        let description = rules::description(&self.description).map_err(FormError::Description)?;
        let tags: Vec<Tag> = self.tags.iter().map(Tag::new).collect();
        let tags = rules::tags(&tags).map_err(FormError::Tags)?;
        let schema = self.schema().map_err(FormError::Schema)?;
        Ok(SchemaWrite {
            name: Some(name),
            description: Some(description),
            flow_type: Some(self.kind),
            editor: Some(false),
            schema: Some(schema),
            payload: Some(Value::Object(self.kept.clone())),
            debug: Some(self.debug),
            tags: Some(tags),
            ..SchemaWrite::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_loaded_flow_fills_every_field() {
        let flow = RoutingSchema {
            name: Some("IVR".into()),
            flow_type: Some(FlowType::Voice),
            tags: Some(vec![Tag::new("a")]),
            description: Some("d".into()),
            debug: Some(true),
            schema: Some(json!([{"answer": ""}])),
            payload: Some(json!({"tests": [{"name": "t"}], "version": 1, "nodes": {}})),
            ..RoutingSchema::default()
        };
        let form = FlowForm::from_flow(&flow);
        assert_eq!(form.schema_text, "[\n  {\n    \"answer\": \"\"\n  }\n]");
        let write = form.to_write().unwrap();
        assert_eq!(write.name.as_deref(), Some("IVR"));
        assert_eq!(write.flow_type, Some(FlowType::Voice));
        assert_eq!(write.tags, Some(vec![Tag::new("a")]));
        assert_eq!(write.debug, Some(true));
        assert_eq!(write.editor, Some(false));
        assert_eq!(write.schema, flow.schema);
        // Saved test cases stay; a diagram's layout does not (a code flow has none).
        assert_eq!(write.payload, Some(json!({"tests": [{"name": "t"}]})));
    }

    #[test]
    fn format_and_download_use_what_is_typed() {
        let mut form = FlowForm::new_flow(FlowType::Voice);
        form.name = " IVR ".into();
        form.schema_text = "[{\"b\":1,\"a\":2}]".into();
        assert_eq!(
            form.formatted_schema().unwrap(),
            "[\n  {\n    \"b\": 1,\n    \"a\": 2\n  }\n]"
        );
        let stored = RoutingSchema {
            id: Some(5),
            ..RoutingSchema::default()
        };
        let download = form.as_download(Some(&stored));
        assert_eq!(download.id, Some(5));
        assert_eq!(download.name.as_deref(), Some("IVR"));
        assert_eq!(download.schema, Some(json!([{"b": 1, "a": 2}])));
        form.schema_text = "[".into();
        assert_eq!(form.formatted_schema(), None);
    }

    #[test]
    fn what_blocks_a_save_is_named() {
        let mut form = FlowForm::new_flow(FlowType::Chat);
        assert!(matches!(form.to_write(), Err(FormError::Name(_))));
        form.name = "Chat bot".into();
        assert!(form.to_write().is_ok());
        form.schema_text = "[{\"answer\": }]".into();
        match form.to_write() {
            Err(FormError::Schema(error)) => assert_eq!(
                error.to_string(),
                "not valid JSON at line 1, column 13: expected value"
            ),
            other => panic!("{other:?}"),
        }
        form.schema_text = "[]".into();
        form.description = "x".repeat(201);
        assert!(matches!(form.to_write(), Err(FormError::Description(_))));
    }
}
