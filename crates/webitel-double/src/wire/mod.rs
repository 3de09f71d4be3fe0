//! Webitel's wire as pure transformations of JSON values: what our server says, turned into
//! what Webitel's engine says (and what a Webitel client sends, into what our server takes).
//!
//! Every rule names the public source it was read from. Where no source answers, the rule says
//! so and does the most conservative thing.
//!
//! Common ground, used by every module here:
//! - Webitel's HTTP API is a JSON gateway in front of the engine's gRPC services
//!   (webitel/engine `grpc_api/flow_routing_schema.go` implements `engine.RoutingSchemaService`;
//!   webitel/protos `swagger/api.json` is its HTTP description). Its answers are proto3 JSON with
//!   the proto field names (`created_at`, not `createdAt`: webitel/protos `swagger/api.json`,
//!   definition `engine.RoutingSchema`), int64 as decimal strings (`"format": "int64"` on
//!   `"type": "string"` there), and zero values left out: Webitel's own clients fill in
//!   `editor: false`, `type: "default"`, `tags: []` for what is missing (webitel/webitel-ui-sdk
//!   `packages/api-services/src/api/clients/flows/flow.ts`, `getFlow` and `getFlowList`; the same
//!   for `scope`, `permissions`, `license` in `src/modules/Userinfo/api/UserinfoAPI.ts`).
//! - Keys come in the proto's field-number order (Go's protojson writes them so); the double
//!   rebuilds each message in that order.

pub mod auth;
pub mod directories;
pub mod errors;
pub mod flows;
pub mod versions;

use serde_json::{Map, Value};

/// Fields whose values are `google.protobuf.Value`: any JSON, written as it is, never thinned
/// (webitel/engine `gen/engine/acr_routing_schema.pb.go`, `RoutingSchema.Schema` and
/// `.Payload` are `*structpb.Value`; the same in `gen/engine/schema_version.pb.go`). Only a
/// missing (null) value is left out (`grpc_api/utils.go`, `UnmarshalJsonpb` gives nil for no
/// bytes).
pub const OPAQUE_FIELDS: [&str; 2] = ["schema", "payload"];

/// Fields that are int64 or uint64 in the protos: proto3 JSON writes them as decimal strings,
/// and leaves out `"0"` (webitel/protos `swagger/api.json`: `id`, `created_at`, `updated_at`,
/// `schema_id`, `version` of `engine.RoutingSchema`/`engine.SchemaVersion`; `dc`, `user_id`,
/// `updated_at`, `expires_at` of `apiUserinfo`).
pub const INT64_FIELDS: [&str; 8] = [
    "id",
    "created_at",
    "updated_at",
    "schema_id",
    "version",
    "dc",
    "user_id",
    "expires_at",
];

/// Enum fields and the name of their zero value, which proto3 JSON leaves out
/// (webitel/engine `gen/engine/acr_routing_schema.pb.go`: `RoutingSchemaType_name[0] =
/// "default"`).
pub const ENUM_ZEROS: [(&str, &str); 1] = [("type", "default")];

/// Leaves out of `value` (a message, or anything holding messages) every field at its zero
/// value, as proto3 JSON does: `null`, `false`, `""`, `0`, `"0"` for an int64, an empty array,
/// and an enum's zero name. A nested message stays even when it ends up empty (a set message
/// field is written as `{}`), and [`OPAQUE_FIELDS`] are never looked into.
pub fn omit_zero_values(value: &mut Value) {
    match value {
        Value::Object(message) => omit_in_message(message),
        Value::Array(items) => items.iter_mut().for_each(omit_zero_values),
        _ => {}
    }
}

fn omit_in_message(message: &mut Map<String, Value>) {
    message.retain(|key, value| {
        if OPAQUE_FIELDS.contains(&key.as_str()) {
            return !value.is_null();
        }
        match value {
            Value::Null => false,
            Value::Bool(set) => *set,
            Value::Number(number) => number.as_f64() != Some(0.0),
            Value::String(text) => {
                !(text.is_empty()
                    || (text == "0" && INT64_FIELDS.contains(&key.as_str()))
                    || ENUM_ZEROS.contains(&(key.as_str(), text.as_str())))
            }
            Value::Array(items) => {
                items.iter_mut().for_each(omit_zero_values);
                !items.is_empty()
            }
            Value::Object(nested) => {
                omit_in_message(nested);
                true
            }
        }
    });
}

/// The `fields` of `message`, in that order; a field `message` lacks is left out. Anything
/// but an object comes back as it is.
pub fn project(message: &Value, fields: &[&str]) -> Value {
    let Value::Object(source) = message else {
        return message.clone();
    };
    Value::Object(
        fields
            .iter()
            .filter_map(|field| {
                source
                    .get(*field)
                    .map(|value| ((*field).to_owned(), value.clone()))
            })
            .collect(),
    )
}

/// An int64 the way proto3 JSON writes it: a number becomes its decimal string.
pub fn int64_string(value: &Value) -> Value {
    match value {
        Value::Number(number) => Value::String(number.to_string()),
        other => other.clone(),
    }
}

/// A lookup (`engine.Lookup`: `id` int64, `name`), as a message of its own
/// (webitel/engine `gen/engine/const.pb.go`, `Lookup`). Anything but an object (a null lookup)
/// comes back as it is, to be left out.
pub fn lookup(value: &Value) -> Value {
    let mut lookup = project(value, &["id", "name"]);
    if let Some(id) = lookup.get_mut("id") {
        *id = int64_string(id);
    }
    lookup
}

/// A page of a search as Webitel writes it: `{next, items}` in that field order
/// (webitel/engine `gen/engine/acr_routing_schema.pb.go`, `ListRoutingSchema`: `next` = 1,
/// `items` = 2), so an empty last page is `{}`.
pub fn list(items: Vec<Value>, next: bool) -> Value {
    let mut page = Map::new();
    page.insert("next".to_owned(), Value::Bool(next));
    page.insert("items".to_owned(), Value::Array(items));
    let mut page = Value::Object(page);
    omit_zero_values(&mut page);
    page
}

/// The `next` and `items` of a list answer of ours (missing ones read as empty).
pub fn items_of(answer: &Value) -> (Vec<Value>, bool) {
    let items = answer
        .get("items")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let next = answer.get("next").and_then(Value::as_bool).unwrap_or(false);
    (items, next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn zero_values_are_left_out_but_not_inside_schema_or_payload() {
        let mut flow = json!({
            "id": "7", "name": "", "description": "", "type": "default", "debug": false,
            "editor": false, "tags": [], "created_at": "0", "count": 0,
            "created_by": {"id": "0", "name": ""}, "updated_by": null,
            "schema": [{"answer": ""}, {"if": {"expression": "0", "then": []}}],
            "payload": {}
        });
        omit_zero_values(&mut flow);
        assert_eq!(
            flow,
            json!({"id": "7", "created_by": {},
                   "schema": [{"answer": ""}, {"if": {"expression": "0", "then": []}}],
                   "payload": {}})
        );
    }

    #[test]
    fn a_zero_like_string_is_kept_where_the_field_is_no_number() {
        let mut flow = json!({"name": "0", "type": "voice", "note": "default", "debug": true});
        omit_zero_values(&mut flow);
        assert_eq!(
            flow,
            json!({"name": "0", "type": "voice", "note": "default", "debug": true})
        );
    }

    #[test]
    fn a_null_schema_is_left_out() {
        let mut version = json!({"schema": null, "payload": null, "id": "1"});
        omit_zero_values(&mut version);
        assert_eq!(version, json!({"id": "1"}));
    }

    #[test]
    fn an_empty_page_is_an_empty_object() {
        assert_eq!(list(Vec::new(), false), json!({}));
        assert_eq!(
            list(vec![json!({"id": "1"})], true),
            json!({"next": true, "items": [{"id": "1"}]})
        );
        let keys: Vec<String> = list(vec![json!({})], true)
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(keys, ["next", "items"]);
    }

    #[test]
    fn projects_in_the_given_order() {
        let message = json!({"b": 2, "a": 1, "c": 3});
        let projected = project(&message, &["c", "a", "missing"]);
        let keys: Vec<&String> = projected.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["c", "a"]);
        assert_eq!(project(&json!([1]), &["a"]), json!([1]));
    }

    #[test]
    fn lookups_keep_id_and_name_with_the_id_a_string() {
        assert_eq!(
            lookup(&json!({"id": 5, "name": "admin", "extra": true})),
            json!({"id": "5", "name": "admin"})
        );
        assert_eq!(lookup(&Value::Null), Value::Null);
        assert_eq!(int64_string(&json!("9")), json!("9"));
    }

    #[test]
    fn reads_our_list_answers() {
        let (items, next) = items_of(&json!({"items": [{"id": "1"}], "next": true}));
        assert_eq!((items.len(), next), (1, true));
        assert_eq!(items_of(&json!({})), (Vec::new(), false));
    }
}
