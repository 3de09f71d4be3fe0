//! Flows (`engine.RoutingSchema`): the answers of search, create, read, replace, patch, delete
//! and tags, and the bodies and queries a Webitel client sends, as our server must get them.

use super::{items_of, list, lookup, omit_zero_values, project};
use serde_json::{Map, Value};

/// `engine.RoutingSchema`'s fields in field-number order (webitel/engine
/// `gen/engine/acr_routing_schema.pb.go`, `RoutingSchema`: id = 1 … tags = 13). There is no
/// `note` and no `version`: our extensions never reach a Webitel client.
pub const ROUTING_SCHEMA_FIELDS: [&str; 13] = [
    "id",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "name",
    "description",
    "type",
    "schema",
    "payload",
    "debug",
    "editor",
    "tags",
];

/// Which answer of the engine a flow comes back in. Each is what its SQL statement selects:
/// a column it does not select reaches the client as a zero value, that is not at all.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FlowAnswer {
    /// Create: webitel/engine `store/sqlstore/flow_routing_scheme_store.go`, `Create`, selects
    /// `s.id, s.domain_id, s.name, s.created_at, created_by, s.updated_at, updated_by,
    /// s.scheme as schema, s.payload, debug, s.type`: no `editor`, `tags`, `description`.
    Created,
    /// PUT and PATCH: the same file, `Update`, selects `s.id, s.domain_id, s.description,
    /// s.name, s.created_at, created_by, s.updated_at, updated_by, s.scheme as schema,
    /// s.payload, s.debug, s.type, s.tags` into a fresh struct (gorp's `SelectOne` replaces
    /// the whole value): no `editor`.
    Updated,
    /// Read and delete: the same file, `Get`, selects every field but `description`
    /// (`app/flow_routing_schema.go`, `RemoveRoutingSchema`, answers what `Get` read before
    /// deleting).
    Read,
}

impl FlowAnswer {
    /// The fields of [`ROUTING_SCHEMA_FIELDS`] this answer's statement does not select.
    pub fn omitted(self) -> &'static [&'static str] {
        match self {
            Self::Created => &["description", "editor", "tags"],
            Self::Updated => &["editor"],
            Self::Read => &["description"],
        }
    }

    /// The fields this answer carries, in field-number order.
    pub fn fields(self) -> Vec<&'static str> {
        all_but(&ROUTING_SCHEMA_FIELDS, self.omitted())
    }
}

/// `all` less `omitted`, in `all`'s order.
fn all_but(all: &[&'static str], omitted: &[&str]) -> Vec<&'static str> {
    all.iter()
        .copied()
        .filter(|field| !omitted.contains(field))
        .collect()
}

/// One flow of ours as `engine.RoutingSchema` carrying only `fields`: in field order, lookups
/// as `{id, name}`, tags as `{name}`, zero values left out (webitel/engine
/// `grpc_api/flow_routing_schema.go`, `transformRoutingSchema`).
pub fn routing_schema(ours: &Value, fields: &[&str]) -> Value {
    let kept: Vec<&str> = ROUTING_SCHEMA_FIELDS
        .into_iter()
        .filter(|field| fields.contains(field))
        .collect();
    let mut flow = project(ours, &kept);
    if let Value::Object(message) = &mut flow {
        for by in ["created_by", "updated_by"] {
            if let Some(user) = message.get_mut(by) {
                *user = lookup(user);
            }
        }
        if let Some(Value::Array(tags)) = message.get_mut("tags") {
            for tag in tags {
                *tag = project(tag, &["name"]);
            }
        }
    }
    omit_zero_values(&mut flow);
    flow
}

/// A whole-flow answer of ours (create, read, replace, patch, delete) as the engine gives it.
pub fn flow_answer(kind: FlowAnswer, ours: &Value) -> Value {
    routing_schema(ours, &kind.fields())
}

/// The fields a search can return: the entity's `AllowFields` (webitel/engine `model/flow.go`,
/// `RoutingSchema.AllowFields`: `id, domain_id, name, created_at, created_by, updated_at,
/// updated_by, debug, schema, payload, editor, type, tags`) less `domain_id`, which
/// `engine.RoutingSchema` has no field for: every field of [`ROUTING_SCHEMA_FIELDS`] but
/// these. There is no `description`.
pub const SEARCH_OMITTED: [&str; 1] = ["description"];

/// Whether a search may return `field` (see [`SEARCH_OMITTED`]).
pub fn is_search_field(field: &str) -> bool {
    ROUTING_SCHEMA_FIELDS.contains(&field) && !SEARCH_OMITTED.contains(&field)
}

/// A search as our server must get it, and how to turn its answer into the engine's.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Search {
    /// The query pairs to send to our server.
    pub forward: Vec<(String, String)>,
    /// Every `fields` name the client gave was one the engine ignores: each item comes back
    /// as `{}`.
    pub blank_items: bool,
}

/// A parameter name in our bracket form (`type[]`). The engine's gateway reads repeated keys
/// only (webitel/protos `swagger/api.json`, `/routing/schema` GET: `"collectionFormat":
/// "multi"`), and a name that is no field of the request names nothing. How the gateway
/// treats such a name is not in any public source: the double drops it, as if ignored.
fn is_bracketed(key: &str) -> bool {
    key.ends_with("[]")
}

/// The query of a Webitel flow search, as our server must get it.
///
/// `fields`: the engine keeps the names it allows and drops any other without a word
/// (webitel/engine `store/sqlstore/list_query.go`, `GetFields`); a name `schema.x` selects
/// part of that JSON column there, which the double answers with the whole column (not
/// reproduced). When none is left the engine selects no column at all, and every item
/// comes back empty: the double asks for `id` and blanks each item.
pub fn search_query(pairs: &[(String, String)]) -> Search {
    let mut forward = Vec::new();
    let mut asked_fields = false;
    let mut fields: Vec<String> = Vec::new();
    for (key, value) in pairs {
        if is_bracketed(key) {
            continue;
        }
        if key == "fields" {
            asked_fields = true;
            let base = value
                .split_once('.')
                .map_or(value.as_str(), |(base, _)| base);
            if is_search_field(base) && !fields.iter().any(|field| field == base) {
                fields.push(base.to_owned());
            }
            continue;
        }
        forward.push((key.clone(), value.clone()));
    }
    let blank_items = asked_fields && fields.is_empty();
    if blank_items {
        fields.push("id".to_owned());
    }
    forward.extend(fields.into_iter().map(|field| ("fields".to_owned(), field)));
    Search {
        forward,
        blank_items,
    }
}

/// Our search answer as the engine's `engine.ListRoutingSchema` (an empty page is `{}`).
pub fn search_answer(ours: &Value, search: &Search) -> Value {
    let (items, next) = items_of(ours);
    let fields = all_but(&ROUTING_SCHEMA_FIELDS, &SEARCH_OMITTED);
    let items = items
        .iter()
        .map(|item| {
            if search.blank_items {
                Value::Object(Map::new())
            } else {
                routing_schema(item, &fields)
            }
        })
        .collect();
    list(items, next)
}

/// The query of a Webitel tag search, as our server must get it (bracketed names dropped, as
/// in [`search_query`]; the engine's tag store reads only `q`, `type`, `sort`, `page` and
/// `size`: webitel/engine `store/sqlstore/flow_routing_scheme_store.go`, `ListTags`).
pub fn tags_query(pairs: &[(String, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .filter(|(key, _)| !is_bracketed(key) && key != "fields")
        .cloned()
        .collect()
}

/// Our tag answer as `engine.ListRoutingSchemaTags`: `{next, items: [{name}]}`, the count
/// left out (webitel/engine `grpc_api/flow_routing_schema.go`, `SearchRoutingSchemaTags`).
pub fn tags_answer(ours: &Value) -> Value {
    let (items, next) = items_of(ours);
    let items = items
        .iter()
        .map(|tag| {
            let mut tag = project(tag, &["name"]);
            omit_zero_values(&mut tag);
            tag
        })
        .collect();
    list(items, next)
}

/// `type` by number too: proto3 JSON reads an enum from its number as well as its name
/// (webitel/engine `gen/engine/acr_routing_schema.pb.go`, `RoutingSchemaType_name`).
fn type_by_name(body: &mut Value) {
    if let Some(kind) = body.get_mut("type") {
        let name = kind.as_u64().and_then(|number| match number {
            0 => Some("default"),
            1 => Some("voice"),
            2 => Some("chat"),
            3 => Some("processing"),
            4 => Some("service"),
            _ => None,
        });
        if let Some(name) = name {
            *kind = Value::String(name.to_owned());
        }
    }
}

/// The fields of [`ROUTING_SCHEMA_FIELDS`] the engine sets itself and a request never writes.
pub const SET_BY_THE_ENGINE: [&str; 5] =
    ["id", "created_at", "created_by", "updated_at", "updated_by"];

/// The fields a flow is written with: [`ROUTING_SCHEMA_FIELDS`] less [`SET_BY_THE_ENGINE`],
/// which is `engine.CreateRoutingSchemaRequest` in its order (webitel/protos
/// `swagger/api.json`: name, description, type, schema, payload, debug, editor, tags); any
/// other name, `note` among them, is no field of it.
pub fn writable_fields() -> Vec<&'static str> {
    all_but(&ROUTING_SCHEMA_FIELDS, &SET_BY_THE_ENGINE)
}

/// A write body of [`writable_fields`] less `omitted`, `type` by name.
fn write_body(body: &Value, omitted: &[&str]) -> Value {
    let mut body = project(body, &all_but(&writable_fields(), omitted));
    type_by_name(&mut body);
    body
}

/// A create body as our server must get it: [`writable_fields`] but `description`. The
/// store's `insert` names no `description` column, so a description sent on create is never
/// kept (webitel/engine `store/sqlstore/flow_routing_scheme_store.go`, `Create`): the double
/// drops it.
pub fn create_body(body: &Value) -> Value {
    write_body(body, &["description"])
}

/// A PUT body as our server must get it: [`writable_fields`] but `editor`. The engine copies
/// name, type, debug, description, payload, schema and tags onto the stored flow and keeps its
/// editor; the body's `note` is read (webitel/engine `grpc_api/flow_routing_schema.go`,
/// `UpdateRoutingSchema`) but never copied (`app/flow_routing_schema.go`,
/// `UpdateRoutingSchema`), and the flow read back has none (`Get` selects no note), so
/// `update … note = :Note` writes `''`: a PUT drops the note. Without an `If-Match` (the proxy
/// strips it) the last write wins.
pub fn replace_body(body: &Value) -> Value {
    write_body(body, &["editor"])
}

/// The names a PATCH's `fields` may carry: webitel/engine `grpc_api/flow_routing_schema.go`,
/// `PatchRoutingSchema` switches on `name`, `type`, `description`, `note`, `tags`, `debug`,
/// `editor`, and takes any other name that starts with `schema` or `payload` for that field;
/// every other name is ignored.
pub fn patch_field(name: &str) -> Option<&'static str> {
    Some(match name {
        "name" => "name",
        "type" => "type",
        "description" => "description",
        "note" => "note",
        "tags" => "tags",
        "debug" => "debug",
        "editor" => "editor",
        other if other.starts_with("schema") => "schema",
        other if other.starts_with("payload") => "payload",
        _ => return None,
    })
}

/// A PATCH body as our server must get it: only what the engine would apply, in our words.
///
/// - Each name of `fields` that [`patch_field`] knows, once; unknown names are dropped (our
///   server refuses them; the engine ignores them).
/// - A named field the body lacks gets the engine's zero value (`""`, `"default"`, `false`,
///   no tags: the request message's defaults, and `patch.Tags` becomes an empty list). A
///   named `schema` or `payload` the body lacks changes nothing: `MarshalJsonpb` of a nil
///   value gives no bytes and the patch leaves it (webitel/engine `grpc_api/utils.go`).
/// - The flow is read back without `description` and `note` (`Get` selects neither) and
///   written whole (`app/flow_routing_schema.go`, `PatchRoutingSchema`, then `Update`), so a
///   PATCH that does not name `description` empties it, and the note is kept only when
///   `fields` names `note`.
pub fn patch_body(body: &Value) -> Value {
    let Value::Object(source) = body else {
        return body.clone();
    };
    let mut named: Vec<&'static str> = Vec::new();
    for name in source
        .get("fields")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if let Some(field) = patch_field(name) {
            if !named.contains(&field) {
                named.push(field);
            }
        }
    }
    let mut out = Map::new();
    let mut applied: Vec<&'static str> = Vec::new();
    for field in named {
        let given = source.get(field).filter(|value| !value.is_null());
        let value = match (field, given) {
            (_, Some(value)) => value.clone(),
            ("schema" | "payload", None) => continue,
            ("name" | "description" | "note", None) => Value::String(String::new()),
            ("type", None) => Value::String("default".to_owned()),
            ("debug" | "editor", None) => Value::Bool(false),
            ("tags", None) => Value::Array(Vec::new()),
            (_, None) => continue,
        };
        out.insert(field.to_owned(), value);
        applied.push(field);
    }
    if !applied.contains(&"description") {
        out.insert("description".to_owned(), Value::String(String::new()));
        applied.push("description");
    }
    out.insert(
        "fields".to_owned(),
        Value::Array(
            applied
                .into_iter()
                .map(|field| Value::String(field.to_owned()))
                .collect(),
        ),
    );
    let mut out = Value::Object(out);
    type_by_name(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ours() -> Value {
        json!({
            "id": "42", "name": "Inbound IVR", "description": "Main line", "type": "default",
            "editor": true, "schema": [{"answer": ""}], "payload": {}, "debug": false,
            "tags": [{"name": "ivr"}], "created_at": "1718000000000",
            "created_by": {"id": "1", "name": "admin"}, "updated_at": "1719000000000",
            "updated_by": {"id": "1", "name": ""}, "version": 3, "note": "first"
        })
    }

    fn keys(value: &Value) -> Vec<String> {
        value.as_object().unwrap().keys().cloned().collect()
    }

    #[test]
    fn create_answers_without_editor_tags_description_or_our_extensions() {
        let created = flow_answer(FlowAnswer::Created, &ours());
        assert_eq!(
            keys(&created).join(" "),
            "id created_at created_by updated_at updated_by name schema payload"
        );
        assert_eq!(created["updated_by"], json!({"id": "1"}));
    }

    #[test]
    fn each_answer_carries_what_its_statement_selects() {
        for (kind, fields) in [
            (
                FlowAnswer::Created,
                "id created_at created_by updated_at updated_by name type schema payload debug",
            ),
            (
                FlowAnswer::Updated,
                "id created_at created_by updated_at updated_by name description type schema \
                 payload debug tags",
            ),
            (
                FlowAnswer::Read,
                "id created_at created_by updated_at updated_by name type schema payload debug \
                 editor tags",
            ),
        ] {
            assert_eq!(kind.fields().join(" "), fields, "{kind:?}");
        }
        let searched: Vec<&str> = ROUTING_SCHEMA_FIELDS
            .into_iter()
            .filter(|field| is_search_field(field))
            .collect();
        assert_eq!(
            searched.join(" "),
            "id created_at created_by updated_at updated_by name type schema payload debug \
             editor tags"
        );
        assert!(!is_search_field("domain_id") && !is_search_field("note"));
        assert_eq!(
            writable_fields().join(" "),
            "name description type schema payload debug editor tags"
        );
    }

    #[test]
    fn update_answers_without_editor_but_with_description_and_tags() {
        let updated = flow_answer(FlowAnswer::Updated, &ours());
        assert!(updated.get("editor").is_none());
        assert_eq!(updated["description"], "Main line");
        assert_eq!(updated["tags"], json!([{"name": "ivr"}]));
        assert!(updated.get("note").is_none() && updated.get("version").is_none());
    }

    #[test]
    fn read_answers_without_description() {
        let read = flow_answer(FlowAnswer::Read, &ours());
        assert!(read.get("description").is_none());
        assert_eq!(read["editor"], true);
        assert!(
            read.get("type").is_none(),
            "the enum's zero value is left out"
        );
        assert!(read.get("debug").is_none());
        let mut voice = ours();
        voice["type"] = json!("voice");
        voice["tags"] = json!([]);
        let read = flow_answer(FlowAnswer::Read, &voice);
        assert_eq!(read["type"], "voice");
        assert!(read.get("tags").is_none());
    }

    #[test]
    fn search_keeps_known_fields_and_blanks_items_when_none_is() {
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(key, value)| (key.to_string(), value.to_string()))
                .collect()
        };
        let search = search_query(&pairs(&[
            ("q", "ivr*"),
            ("fields", "name"),
            ("fields", "description"),
            ("fields", "domain_id"),
            ("fields", "schema.steps"),
            ("fields", "name"),
            ("type[]", "voice"),
            ("sort", "-name"),
        ]));
        assert_eq!(
            search.forward,
            pairs(&[
                ("q", "ivr*"),
                ("sort", "-name"),
                ("fields", "name"),
                ("fields", "schema")
            ])
        );
        assert!(!search.blank_items);
        let blank = search_query(&pairs(&[("fields", "description"), ("fields", "x")]));
        assert!(blank.blank_items);
        assert_eq!(blank.forward, pairs(&[("fields", "id")]));
        assert_eq!(
            search_answer(&json!({"items": [{"id": "1"}], "next": false}), &blank),
            json!({"items": [{}]})
        );
        let none = search_query(&pairs(&[("page", "2")]));
        assert_eq!(none.forward, pairs(&[("page", "2")]));
    }

    #[test]
    fn an_empty_search_answers_an_empty_object() {
        let search = search_query(&[]);
        assert_eq!(
            search_answer(&json!({"items": [], "next": false}), &search),
            json!({})
        );
        let page = search_answer(
            &json!({"items": [{"id": "1", "name": "A", "editor": false, "type": "default",
                                "tags": []}], "next": true}),
            &search,
        );
        assert_eq!(
            page,
            json!({"next": true, "items": [{"id": "1", "name": "A"}]})
        );
    }

    #[test]
    fn tags_answer_names_only() {
        assert_eq!(
            tags_answer(&json!({"items": [{"name": "ivr", "count": 2}], "next": false})),
            json!({"items": [{"name": "ivr"}]})
        );
        assert_eq!(tags_answer(&json!({"items": []})), json!({}));
        let query = tags_query(&[
            ("q".into(), "a*".into()),
            ("type[]".into(), "chat".into()),
            ("fields".into(), "name".into()),
        ]);
        assert_eq!(query, [("q".to_owned(), "a*".to_owned())]);
    }

    #[test]
    fn create_drops_description_note_and_unknown_names() {
        let body = json!({"name": "A", "description": "d", "note": "n", "type": 1,
                          "editor": true, "schema": [], "id": "9"});
        assert_eq!(
            create_body(&body),
            json!({"name": "A", "type": "voice", "schema": [], "editor": true})
        );
    }

    #[test]
    fn put_drops_note_and_editor() {
        let body = json!({"name": "A", "note": "why", "editor": false, "tags": []});
        assert_eq!(replace_body(&body), json!({"name": "A", "tags": []}));
    }

    #[test]
    fn patch_applies_only_known_names_and_keeps_note_only_when_named() {
        let body = json!({"name": "B", "note": "why", "schema": [1], "description": "kept",
                          "fields": ["name", "note", "schema.steps", "Name", "id", "schema",
                                     "description"]});
        assert_eq!(
            patch_body(&body),
            json!({"name": "B", "note": "why", "schema": [1], "description": "kept",
                   "fields": ["name", "note", "schema", "description"]})
        );
        let without_note = json!({"name": "B", "note": "why", "fields": ["name", "unknown"]});
        assert_eq!(
            patch_body(&without_note),
            json!({"name": "B", "description": "", "fields": ["name", "description"]})
        );
    }

    #[test]
    fn patch_gives_named_but_missing_fields_their_zero_values() {
        let body = json!({"fields": ["type", "debug", "tags", "payload", "note"]});
        assert_eq!(
            patch_body(&body),
            json!({"type": "default", "debug": false, "tags": [], "note": "",
                   "description": "", "fields": ["type", "debug", "tags", "note", "description"]})
        );
        assert_eq!(patch_body(&json!([1])), json!([1]));
        assert_eq!(
            patch_body(&json!({})),
            json!({"description": "", "fields": ["description"]})
        );
    }

    #[test]
    fn patch_names_follow_the_engine() {
        assert_eq!(patch_field("payload.nodes"), Some("payload"));
        assert_eq!(patch_field("schemas"), Some("schema"));
        assert_eq!(patch_field("created_at"), None);
        assert_eq!(patch_field("Name"), None);
    }
}
