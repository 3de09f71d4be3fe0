//! Flows to start from, one or more per type: each a schema written by hand with the test
//! cases that check what it does (`templates/<key>.json`), laid out for the diagram when it is
//! made. Their names and what they do are in the locale files (`template-<key>`,
//! `template-<key>-about`).

use crate::api::FlowType;
use crate::flow::layout::{auto_layout, LayoutOptions};
use crate::flow::payload::{self, set_saved_tests};
use crate::flow::{decompile, DecompileError};
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

    fn source(self) -> Value {
        // The files are the crate's own, checked by its tests: one that does not read is a bug.
        serde_json::from_str(self.source).expect("a template file is JSON")
    }

    /// The test cases it carries, as saved in a payload.
    pub fn tests(self) -> Vec<Value> {
        self.source()["tests"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// A new flow's schema and payload: its steps tagged and laid out, its tests kept.
    pub fn start(self) -> Result<Started, DecompileError> {
        let mut flow = decompile(&self.source()["schema"])?;
        auto_layout(&mut flow, LayoutOptions::default());
        set_saved_tests(&mut flow.kept, self.tests());
        let saved = payload::save(&mut flow, None);
        Ok(Started {
            schema: saved.schema,
            payload: saved.payload,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::{check, semantically_identical, Severity};
    use crate::l10n::{Locale, Text};

    #[test]
    fn each_template_starts_a_flow_with_no_errors_laid_out_with_its_tests() {
        for template in TEMPLATES {
            let started = template.start().unwrap();
            let source = &template.source()["schema"];
            assert!(
                semantically_identical(source, &started.schema),
                "{}: the steps are the template's",
                template.key
            );
            let opened = payload::open(&started.schema, &started.payload).unwrap();
            let errors: Vec<String> = check(&opened, template.flow_type)
                .into_iter()
                .filter(|problem| problem.severity == Severity::Error)
                .map(|problem| problem.message(Locale::ENGLISH))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", template.key);
            assert_eq!(
                payload::saved_tests(&opened.kept).len(),
                template.tests().len()
            );
            assert!(!template.tests().is_empty(), "{} has tests", template.key);
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
