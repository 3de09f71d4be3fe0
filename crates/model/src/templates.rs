//! Flows to start from, one or more per type: each a schema written by hand with the test
//! cases that check what it does (`templates/source/<key>.json`), shipped laid out for the
//! diagram with its tests in the payload (`templates/<key>.json`, written from the source by
//! this module's tests with `PIN_TEMPLATES=1`), so the app reads a template without laying it
//! out. Their names and what they do are in the locale files (`template-<key>`,
//! `template-<key>-about`).

use crate::api::FlowType;
use serde_json::Value;

/// A flow to start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Template {
    /// Names its texts and file.
    pub key: &'static str,
    pub flow_type: FlowType,
    source: &'static str,
}

/// Every template, in the order offered.
pub const TEMPLATES: [Template; 5] = [
    Template {
        key: "ivr-menu",
        flow_type: FlowType::Voice,
        source: include_str!("../templates/ivr-menu.json"),
    },
    Template {
        key: "callback-request",
        flow_type: FlowType::Voice,
        source: include_str!("../templates/callback-request.json"),
    },
    Template {
        key: "chat-menu-bot",
        flow_type: FlowType::Chat,
        source: include_str!("../templates/chat-menu-bot.json"),
    },
    Template {
        key: "agent-form",
        flow_type: FlowType::Processing,
        source: include_str!("../templates/agent-form.json"),
    },
    Template {
        key: "dialer-result",
        flow_type: FlowType::Service,
        source: include_str!("../templates/dialer-result.json"),
    },
];

/// What a new flow made from a template holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Started {
    pub schema: Value,
    /// The diagram's layout, with the template's test cases.
    pub payload: Value,
}

/// A template file that does not read as a flow: the crate's own files are checked by its
/// tests, so this is a build gone wrong.
#[derive(thiserror::Error, Debug, Clone, PartialEq)]
#[error("template {key}: {reason}")]
pub struct TemplateError {
    pub key: &'static str,
    pub reason: String,
}

impl Template {
    /// The templates a new flow of `flow_type` can start from.
    pub fn for_type(flow_type: FlowType) -> impl Iterator<Item = Template> {
        TEMPLATES
            .into_iter()
            .filter(move |template| template.flow_type == flow_type)
    }

    pub fn by_key(key: &str) -> Option<Template> {
        TEMPLATES.into_iter().find(|template| template.key == key)
    }

    /// The locale files' message naming it.
    pub fn name_id(self) -> String {
        format!("template-{}", self.key)
    }

    /// The locale files' message saying what it does.
    pub fn about_id(self) -> String {
        format!("template-{}-about", self.key)
    }

    /// A new flow's schema (its steps tagged) and payload (laid out, with the test cases).
    pub fn start(self) -> Result<Started, TemplateError> {
        let wrong = |reason: String| TemplateError {
            key: self.key,
            reason,
        };
        let flow: Value =
            serde_json::from_str(self.source).map_err(|error| wrong(error.to_string()))?;
        let Value::Object(mut parts) = flow else {
            return Err(wrong("not an object".to_owned()));
        };
        match (parts.remove("schema"), parts.remove("payload")) {
            (Some(schema), Some(payload)) => Ok(Started { schema, payload }),
            _ => Err(wrong("no schema and payload".to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::layout::{auto_layout, LayoutOptions};
    use crate::flow::payload::{self, set_saved_tests};
    use crate::flow::{check, decompile, Severity};
    use crate::l10n::{Locale, Text};

    /// The shipped flow of a template, made from its source: laid out, tests in the payload.
    fn built_from_source(key: &str) -> Started {
        let path = format!("{}/templates/source/{key}.json", env!("CARGO_MANIFEST_DIR"));
        let source: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut flow = decompile(&source["schema"]).unwrap();
        auto_layout(&mut flow, LayoutOptions::default());
        let tests = source["tests"].as_array().cloned().unwrap_or_default();
        set_saved_tests(&mut flow.kept, tests);
        let saved = payload::save(&mut flow, None);
        Started {
            schema: saved.schema,
            payload: saved.payload,
        }
    }

    #[test]
    fn each_shipped_template_is_its_source_laid_out_with_its_tests() {
        for template in TEMPLATES {
            let built = built_from_source(template.key);
            let shipped = format!(
                "{}/templates/{}.json",
                env!("CARGO_MANIFEST_DIR"),
                template.key
            );
            if std::env::var_os("PIN_TEMPLATES").is_some() {
                // Compact: the web app carries these bytes.
                let text = serde_json::to_string(
                    &serde_json::json!({"schema": built.schema, "payload": built.payload}),
                )
                .unwrap();
                std::fs::write(&shipped, text + "\n").unwrap();
            }
        }
        for template in TEMPLATES {
            let built = built_from_source(template.key);
            assert_eq!(
                template.start().unwrap(),
                built,
                "{}: run the model's tests with PIN_TEMPLATES=1 to write it again",
                template.key
            );
        }
    }

    #[test]
    fn each_template_starts_a_flow_with_no_errors_laid_out_with_its_tests() {
        for template in TEMPLATES {
            let started = template.start().unwrap();
            let opened = payload::open(&started.schema, &started.payload).unwrap();
            let errors: Vec<String> = check(&opened, template.flow_type)
                .into_iter()
                .filter(|problem| problem.severity == Severity::Error)
                .map(|problem| problem.message(Locale::ENGLISH))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", template.key);
            assert!(
                !payload::saved_tests(&opened.kept).is_empty(),
                "{} has tests",
                template.key
            );
            let layout = &started.payload["nodes"];
            assert!(
                layout.as_object().is_some_and(|nodes| !nodes.is_empty()),
                "{} is laid out",
                template.key
            );
        }
    }

    #[test]
    fn each_template_is_named_and_explained_in_every_language() {
        for template in TEMPLATES {
            for code in ["en", "ru"] {
                let locale = Locale::from_code(code).unwrap();
                for id in [template.name_id(), template.about_id()] {
                    let said = Text::new(id.clone()).in_locale(locale);
                    assert_ne!(said, id, "{code} says {id}");
                }
            }
        }
        assert!(Template::for_type(FlowType::Voice).count() >= 2);
        for kind in [FlowType::Chat, FlowType::Processing, FlowType::Service] {
            assert!(Template::for_type(kind).count() >= 1, "{kind}");
        }
        assert_eq!(
            Template::by_key("ivr-menu").unwrap().flow_type,
            FlowType::Voice
        );
        assert_eq!(Template::by_key("nope"), None);
    }
}
