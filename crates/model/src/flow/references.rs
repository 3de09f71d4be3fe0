//! What a flow uses outside itself: other flows, queues, calendars, lists, media files, users
//! and gateways it bridges to, mail and TTS profiles, AI bots (the fields the catalog marks
//! with [`Field::refers`]), the `$${globals}` it reads and the hosts it calls. Each with the
//! place of the value that names it, so a search can open the step and a test can check it.

use super::decompile::decompile_with_sources;
use super::graph::{pointer, pointer_key};
use super::texts::place_order;
use crate::catalog::{self, Field, Kind, Object};
use serde_json::Value;

/// One use of an outside object.
#[derive(Clone, PartialEq, Eq, Debug, PartialOrd, Ord)]
pub struct Reference {
    /// Where the value that names it is in the schema (a JSON pointer).
    pub path: String,
    pub kind: Object,
    /// Its id, else its name (a global's name, a host).
    pub key: String,
    /// The app of the step that uses it.
    pub app: String,
}

/// Every outside object `schema` uses, in the order of their places. A schema that is not a
/// list of steps uses nothing; a value made at run time (`${…}`) names nothing yet.
pub fn references(schema: &Value) -> Vec<Reference> {
    let Ok((flow, sources)) = decompile_with_sources(schema) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (node, source) in &sources {
        let Some(step) = flow.step(*node) else {
            continue;
        };
        let at = |key: &str| format!("{}/{}", pointer(source), pointer_key(key));
        let mut uses = Uses {
            app: &step.app,
            found: &mut found,
        };
        let argument = step
            .object
            .get(&step.app)
            .filter(|argument| argument.is_object());
        if let (Some(spec), Some(argument)) = (catalog::app(&step.app), argument) {
            uses.fields(spec.fields(), argument, &at(&step.app));
        }
        for (key, value) in &step.object {
            uses.globals(value, &at(key));
        }
    }
    found.sort_by(|a, b| {
        place_order(&a.path)
            .cmp(&place_order(&b.path))
            .then(a.kind.cmp(&b.kind))
    });
    found
}

struct Uses<'a> {
    app: &'a str,
    found: &'a mut Vec<Reference>,
}

impl Uses<'_> {
    fn add(&mut self, kind: Object, key: String, path: String) {
        self.found.push(Reference {
            path,
            kind,
            key,
            app: self.app.to_owned(),
        });
    }

    /// The objects the marked `fields` of `object` name. Fields of one object that name the
    /// same kind (a calendar's `id` and `name`) name one object: by id when one is given.
    fn fields(&mut self, fields: &[Field], object: &Value, path: &str) {
        let mut named: Vec<(Object, String, String)> = Vec::new();
        for field in fields {
            let Some(value) = object.get(field.name) else {
                continue;
            };
            let at = format!("{path}/{}", pointer_key(field.name));
            match (field.refers, field.kind) {
                (Some(Object::Host), _) => {
                    if let Some(host) = value.as_str().and_then(host_of) {
                        self.add(Object::Host, host, at);
                    }
                }
                (Some(kind), Kind::List(_)) => {
                    for (index, item) in value.as_array().into_iter().flatten().enumerate() {
                        if let Some((key, place)) = named_by(kind, item) {
                            self.add(kind, key, format!("{at}/{index}{place}"));
                        }
                    }
                }
                (Some(kind), _) => {
                    if let Some((key, place)) = named_by(kind, value) {
                        named.push((kind, key, format!("{at}{place}")));
                    }
                }
                (None, Kind::Object(inner)) if value.is_object() => self.fields(inner, value, &at),
                (None, Kind::List(Kind::Object(inner))) => {
                    for (index, item) in value.as_array().into_iter().flatten().enumerate() {
                        if item.is_object() {
                            self.fields(inner, item, &format!("{at}/{index}"));
                        }
                    }
                }
                (None, _) => {}
            }
        }
        // By id: a field `id` or `…_id`, or an object's `id`.
        let by_id = |at: &str| {
            let last = at.rsplit('/').next().unwrap_or_default();
            last == "id" || last.ends_with("_id")
        };
        for (kind, key, at) in &named {
            let has_id = named
                .iter()
                .any(|(other, _, place)| other == kind && by_id(place));
            if by_id(at) || !has_id {
                self.add(*kind, key.clone(), at.clone());
            }
        }
    }

    /// Each `$${name}` in the strings of `value`.
    fn globals(&mut self, value: &Value, path: &str) {
        match value {
            Value::String(text) => {
                for name in global_names(text) {
                    self.add(Object::Global, name, path.to_owned());
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    self.globals(item, &format!("{path}/{index}"));
                }
            }
            Value::Object(map) => {
                for (key, item) in map {
                    self.globals(item, &format!("{path}/{}", pointer_key(key)));
                }
            }
            _ => {}
        }
    }
}

/// The key `value` names an object of `kind` by, and the place of that key under it: a
/// number or a text as it is, an object by its `id`, else its `name` (a user by `extension`
/// too). Nothing for a value made at run time, or for a file the player makes itself (silence,
/// a tone).
fn named_by(kind: Object, value: &Value) -> Option<(String, String)> {
    let key_of = |value: &Value| match value {
        Value::Number(number) => Some(number.to_string()),
        Value::String(text) if !text.trim().is_empty() && !text.contains("${") => {
            Some(text.trim().to_owned())
        }
        _ => None,
    };
    match value {
        Value::Object(object) => {
            let generated = matches!(
                object.get("type").and_then(Value::as_str),
                Some("silence" | "tone")
            );
            if kind == Object::Media && generated {
                return None;
            }
            let keys: &[&str] = if kind == Object::User {
                &["id", "extension", "name"]
            } else {
                &["id", "name"]
            };
            keys.iter().find_map(|key| {
                let found = key_of(object.get(*key)?)?;
                Some((found, format!("/{key}")))
            })
        }
        other => key_of(other).map(|key| (key, String::new())),
    }
}

/// The host of a link (`https://crm.example.com:8443/x` → `crm.example.com:8443`), unless it
/// is made at run time.
fn host_of(url: &str) -> Option<String> {
    let rest = url
        .trim()
        .split_once("://")
        .map_or(url.trim(), |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    (!host.is_empty() && !host.contains('$') && !host.contains('{'))
        .then(|| host.to_ascii_lowercase())
}

/// The names of the `$${name}` in `text`, in order.
fn global_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("$${") {
        let after = &rest[start + 3..];
        let Some(end) = after.find('}') else {
            break;
        };
        let name = after[..end].trim();
        if !name.is_empty() {
            names.push(name.to_owned());
        }
        rest = &after[end + 1..];
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn uses(schema: Value) -> Vec<(Object, String, String)> {
        references(&schema)
            .into_iter()
            .map(|found| (found.kind, found.key, found.path))
            .collect()
    }

    #[test]
    fn marked_fields_name_objects_by_id_else_name() {
        let found = uses(json!([
            {"schema": {"id": 20, "name": "Billing"}},
            {"calendar": {"name": "Office", "setVar": "open"}},
            {"joinQueue": {"queue": {"id": "168", "name": "Support"}, "ringtone": {"name": "ring.wav"}}},
            {"playback": {"files": [{"name": "10", "type": "silence"}, {"id": 7, "name": "hi.wav"}, {"name": "${file}"}]}},
            {"bridge": {"endpoints": [{"type": "user", "extension": "101"}, {"type": "gateway", "gateway": {"name": "sip-out"}, "dialString": "123"}, {"type": "user", "id": 7, "extension": "102"}]}},
            {"httpRequest": {"url": "https://User@CRM.example.com:8443/api?x=$${token}"}},
        ]));
        assert_eq!(
            found,
            [
                (Object::Flow, "20".into(), "/0/schema/id".into()),
                (Object::Calendar, "Office".into(), "/1/calendar/name".into()),
                (Object::Queue, "168".into(), "/2/joinQueue/queue/id".into()),
                (
                    Object::Media,
                    "ring.wav".into(),
                    "/2/joinQueue/ringtone/name".into()
                ),
                (Object::Media, "7".into(), "/3/playback/files/1/id".into()),
                (
                    Object::User,
                    "101".into(),
                    "/4/bridge/endpoints/0/extension".into()
                ),
                (
                    Object::Gateway,
                    "sip-out".into(),
                    "/4/bridge/endpoints/1/gateway/name".into()
                ),
                (Object::User, "7".into(), "/4/bridge/endpoints/2/id".into()),
                (Object::Global, "token".into(), "/5/httpRequest/url".into()),
                (
                    Object::Host,
                    "crm.example.com:8443".into(),
                    "/5/httpRequest/url".into()
                ),
            ]
        );
    }

    #[test]
    fn steps_inside_branches_and_hooks_are_read_once() {
        let found = uses(json!([
            {"if": {"expression": "$${vip} == 'yes'", "then": [
                {"list": {"list": {"id": 3}, "actions": [{"schema": {"id": 9}}]}}
            ]}}
        ]));
        assert_eq!(
            found,
            [
                (Object::Global, "vip".into(), "/0/if/expression".into()),
                (
                    Object::Flow,
                    "9".into(),
                    "/0/if/then/0/list/actions/0/schema/id".into()
                ),
                (Object::List, "3".into(), "/0/if/then/0/list/list/id".into()),
            ]
        );
    }

    #[test]
    fn a_schema_that_is_not_steps_uses_nothing() {
        assert!(references(&json!({"schema": 1})).is_empty());
        assert!(references(&json!([{"calendar": {"id": "${which}"}}])).is_empty());
    }
}
