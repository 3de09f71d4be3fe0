//! The words on a step's box and on its ports: a one-line summary of its arguments, a
//! branch's name.

use flow_model::catalog;
use flow_model::flow::graph::path_text;
use flow_model::flow::{FlowGraph, NodeId, Port};
use serde_json::Value;

pub(super) const SUMMARY_CHARS: usize = 34;

/// A short text of a value, for one line.
pub(super) fn short(value: &Value) -> String {
    let text = match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let mut chars = text.chars();
    let mut line: String = chars.by_ref().take(SUMMARY_CHARS).collect();
    if chars.next().is_some() {
        line.push('…');
    }
    line.replace('\n', " ")
}

/// The key arguments of a step in one line: its required fields, else its whole argument. A
/// field naming an outside object by id shows the object's name first, when the step has it
/// (`Billing (id: 7)`).
pub(super) fn summary(app: &str, argument: &Value) -> String {
    if let (Some(spec), Value::Object(fields)) = (catalog::app(app), argument) {
        let name_of = |kind| {
            let field = spec
                .fields()
                .iter()
                .find(|field| field.name == "name" && field.refers == Some(kind))?;
            fields
                .get(field.name)?
                .as_str()
                .filter(|name| !name.trim().is_empty())
        };
        let key: Vec<String> = spec
            .fields()
            .iter()
            .filter(|field| field.required)
            .filter_map(|field| {
                let value = short(fields.get(field.name)?);
                Some(match field.refers.and_then(name_of) {
                    Some(name) if field.name != "name" => {
                        format!("{name} ({}: {value})", field.name)
                    }
                    _ => format!("{}: {value}", field.name),
                })
            })
            .collect();
        if !key.is_empty() {
            return short(&Value::String(key.join(", ")));
        }
    }
    short(argument)
}

pub(super) fn port_label(flow: &FlowGraph, from: NodeId, port: &Port) -> String {
    match port {
        Port::Next => String::new(),
        Port::Failover => "failover".to_owned(),
        Port::Branch(path) => {
            let app = flow
                .step(from)
                .map(|step| step.app.as_str())
                .unwrap_or_default();
            if app == "switch" || app == "if" {
                path.last().map_or_else(
                    || path_text(path),
                    |seg| match seg {
                        flow_model::flow::PathSeg::Key(key) => key.clone(),
                        flow_model::flow::PathSeg::Index(index) => index.to_string(),
                    },
                )
            } else {
                path_text(path)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_step_naming_an_object_by_id_shows_its_name_first() {
        assert_eq!(
            summary("schema", &json!({"id": 7, "name": "Billing"})),
            "Billing (id: 7)"
        );
        assert_eq!(summary("schema", &json!({"id": 7})), "id: 7");
        assert_eq!(summary("schema", &json!({"id": 7, "name": " "})), "id: 7");
    }
}
