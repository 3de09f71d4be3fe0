//! Entities and bodies of the routing-schema API (`../shared/docs/api-contract.md`), in the exact
//! field names and shapes Webitel uses, so either side can talk to the other.

use crate::access::Permission;
use crate::fields::{PatchField, SchemaField};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;
use std::str::FromStr;

/// What runs a flow: a voice call, a chat, an agent form, a dialer service hook, or any.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(
    Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Hash, Debug, Default, PartialOrd, Ord,
)]
// Read through a string, so that a value of another JSON type is named as such (serde's enum
// reading would only say "expected value").
#[serde(rename_all = "lowercase", try_from = "String")]
pub enum FlowType {
    #[default]
    Default,
    Voice,
    Chat,
    Processing,
    Service,
}

impl FlowType {
    pub const ALL: [FlowType; 5] = [
        Self::Voice,
        Self::Chat,
        Self::Processing,
        Self::Service,
        Self::Default,
    ];

    /// The API's value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Default => "default",
            Self::Voice => "voice",
            Self::Chat => "chat",
            Self::Processing => "processing",
            Self::Service => "service",
        }
    }

    /// What the page shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::Default => "No type",
            Self::Voice => "Voice",
            Self::Chat => "Chat",
            Self::Processing => "Forms",
            Self::Service => "Service",
        }
    }
}

impl fmt::Display for FlowType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for FlowType {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
            .ok_or_else(|| "expected one of default, voice, chat, processing, service".to_owned())
    }
}

impl TryFrom<String> for FlowType {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
            .map_err(|expected| format!("unknown variant `{text}`, {expected}"))
    }
}

/// Which editor owns a flow; the API carries it as `editor: bool` (true = Diagram).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Editor {
    Diagram,
    Code,
}

impl Editor {
    pub fn label(self) -> &'static str {
        match self {
            Self::Diagram => "Diagram",
            Self::Code => "Code",
        }
    }

    pub fn is_diagram(self) -> bool {
        self == Self::Diagram
    }
}

impl From<bool> for Editor {
    fn from(is_diagram: bool) -> Self {
        if is_diagram {
            Self::Diagram
        } else {
            Self::Code
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug, Hash, PartialOrd, Ord)]
pub struct Tag {
    /// Not blank, no control characters (`rules::tags`).
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 64,
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
        )
    )]
    pub name: String,
}

impl Tag {
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into() }
    }
}

/// A user as other entities refer to it (and, in userinfo's `roles`, a role: Webitel's
/// `apiObjectId` has the same `{id, name}`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug, Default)]
pub struct UserRef {
    // Webitel leaves out a lookup's zero values: no id reads as 0, no name as "". This
    // server always sends both.
    #[serde(default, with = "crate::int64")]
    #[cfg_attr(
        feature = "openapi",
        schema(schema_with = crate::int64::schema, required = true)
    )]
    pub id: i64,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub name: String,
}

/// A flow as the API returns it. Search answers carry only the requested `fields[]`, so every
/// field is optional; reading one flow returns all of them.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug, Default)]
pub struct RoutingSchema {
    #[serde(
        with = "crate::int64::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::int64::schema))]
    pub id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub flow_type: Option<FlowType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editor: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debug: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    #[serde(
        with = "crate::int64::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::int64::schema))]
    pub created_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<UserRef>,
    #[serde(
        with = "crate::int64::option",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::int64::schema))]
    pub updated_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<UserRef>,
    /// The content's version number and note (our extension, in whole-flow answers only; the
    /// versions endpoint lists the earlier ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl RoutingSchema {
    /// The `If-Match` value that guards a write against this state of the flow.
    pub fn etag(&self) -> Option<String> {
        self.updated_at.map(etag_for)
    }
}

/// The entity tag of a flow last changed at `updated_at` (epoch milliseconds).
pub fn etag_for(updated_at: i64) -> String {
    format!("\"{updated_at}\"")
}

/// The body of create, PUT and PATCH. Unknown fields (such as `id` or `created_at` in an
/// uploaded export) are ignored, so a downloaded flow can be sent back as it is.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug, Default)]
pub struct SchemaWrite {
    /// Required on create and PUT; unique per domain regardless of case; not blank, no control
    /// characters (`rules::flow_name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 100,
            pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
        )
    )]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub description: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub flow_type: Option<FlowType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editor: Option<bool>,
    /// The steps: each an object with exactly one app (`flow-language.md`), in branches too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<Object>>))]
    pub schema: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debug: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub tags: Option<Vec<Tag>>,
    /// A note kept with this content in the version history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub note: Option<String>,
    /// PATCH only: which of the fields above to apply: `name`, `description`, `type`, `editor`,
    /// `schema`, `payload`, `debug`, `tags`. As in Webitel, any name that starts with `schema`
    /// or `payload` names that field, `note` may be named (the note is always kept), and any
    /// other name is ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<String>>))]
    pub fields: Option<Vec<PatchField>>,
}

impl SchemaWrite {
    /// The fields of `among` that this body carries, in that order, as PATCH names them.
    pub fn carried(&self, among: impl IntoIterator<Item = SchemaField>) -> Vec<PatchField> {
        among
            .into_iter()
            .filter(|field| match field {
                SchemaField::Name => self.name.is_some(),
                SchemaField::Description => self.description.is_some(),
                SchemaField::Type => self.flow_type.is_some(),
                SchemaField::Editor => self.editor.is_some(),
                SchemaField::Schema => self.schema.is_some(),
                SchemaField::Payload => self.payload.is_some(),
                SchemaField::Debug => self.debug.is_some(),
                SchemaField::Tags => self.tags.is_some(),
                SchemaField::Id
                | SchemaField::CreatedAt
                | SchemaField::CreatedBy
                | SchemaField::UpdatedAt
                | SchemaField::UpdatedBy => false,
            })
            .map(PatchField::Field)
            .collect()
    }
}

/// A page of search results.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
pub struct ListResponse<T> {
    // Webitel leaves out an empty list: an empty page is `{}`. This server always sends it.
    #[serde(default = "Vec::new")]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub items: Vec<T>,
    #[serde(default)]
    pub next: bool,
}

/// One use of an outside object by a flow: what kind of object, its id (else its name), the
/// place in the schema of the value naming it, and the step's app. This server's extension of
/// the API: Webitel's engine has no such endpoint.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
pub struct FlowReference {
    /// `flow`, `queue`, `calendar`, `list`, `media`, `user`, `gateway`, `email-profile`,
    /// `tts-profile`, `chat-bot`, `global` or `host`.
    pub kind: String,
    pub key: String,
    /// A JSON pointer into the flow's schema.
    pub path: String,
    pub app: String,
}

impl From<crate::flow::Reference> for FlowReference {
    fn from(reference: crate::flow::Reference) -> Self {
        Self {
            kind: reference.kind.key().to_owned(),
            key: reference.key,
            path: reference.path,
            app: reference.app,
        }
    }
}

/// A flow that uses an object, and where (this server's extension of the API).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
pub struct ReferenceUse {
    #[serde(with = "crate::int64")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::int64::schema))]
    pub id: i64,
    pub name: String,
    #[serde(rename = "type")]
    pub flow_type: FlowType,
    /// A JSON pointer into that flow's schema.
    pub path: String,
    pub app: String,
}

/// An object of one kind that the flows use, and by how many flows (this server's extension).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
pub struct UsedObject {
    /// Its id, else its name.
    pub key: String,
    /// How many flows use it.
    pub flows: u64,
}

/// A place inside a flow where searched text was found (this server's extension of the API).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
pub struct TextMatch {
    #[serde(with = "crate::int64")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::int64::schema))]
    pub id: i64,
    pub name: String,
    #[serde(rename = "type")]
    pub flow_type: FlowType,
    /// Whether the flow is made with the diagram editor.
    pub editor: bool,
    pub source: crate::flow::TextSource,
    /// A step's JSON pointer into the schema, a note's id, else empty.
    pub place: String,
    /// The step's app; empty for the others.
    pub app: String,
    pub snippet: crate::flow::Snippet,
}

/// An earlier content of a flow, kept when its schema or payload changed.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
pub struct SchemaVersion {
    #[serde(with = "crate::int64")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::int64::schema))]
    pub id: i64,
    #[serde(with = "crate::int64")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::int64::schema))]
    pub schema_id: i64,
    /// A uint64 in Webitel's protos, so a string in proto3 JSON (webitel/protos
    /// `swagger/api.json`, `engine.SchemaVersion.version`); a number is read too.
    #[serde(with = "crate::int64")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::int64::schema))]
    pub version: i64,
    #[serde(with = "crate::int64")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::int64::schema))]
    pub created_at: i64,
    #[serde(default)]
    pub created_by: Option<UserRef>,
    // Webitel leaves out a null schema or payload; this server always sends both.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub schema: Value,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub payload: Value,
    #[serde(default)]
    pub note: String,
}

/// The one error body of every failed request.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
pub struct ErrorBody {
    /// A stable machine-readable key, e.g. `app.routing_schema.name.exists`.
    pub id: String,
    /// Equal to the HTTP status.
    pub code: u16,
    pub status: String,
    /// For people: what is wrong and where, in the language of the request's `Accept-Language`
    /// (English when it names none there are texts for).
    pub detail: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub request_id: String,
}

/// A sign-in. Webitel's sign-in page sends the domain inside the username, `user@domain`, and
/// no `domain` (webitel/web-client-auth `src/stores/auth.ts`, `login`;
/// `src/validations/validators.ts`, `loginValidator`); our own clients send both apart.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
pub struct LoginRequest {
    /// The login; without `domain`, `login@domain` (split at the last `@`).
    pub username: String,
    pub password: String,
    /// When given (not blank), `username` is the login as it is, `@` included.
    #[serde(default)]
    pub domain: String,
}

impl LoginRequest {
    /// The domain and the login this sign-in names, trimmed: the body's `domain` when it has
    /// one, else what follows the last `@` of `username` (a domain name has no `@`, a login
    /// may). Neither: an empty domain, which no account is in.
    pub fn domain_and_login(&self) -> (&str, &str) {
        let username = self.username.trim();
        match self.domain.trim() {
            "" => match username.rsplit_once('@') {
                Some((login, domain)) => (domain.trim(), login.trim()),
                None => ("", username),
            },
            domain => (domain, username),
        }
    }
}

/// Who is signed in and what they may do with flows: what a client makes of either server's
/// userinfo ([`crate::userinfo::session_of_userinfo`]).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Session {
    pub user: UserRef,
    pub domain: String,
    pub permissions: Vec<Permission>,
    pub admin: bool,
}

impl Session {
    pub fn can(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }
}

/// The rights on one object class (Webitel's `apiObjclass`, webitel/protos `swagger/api.json`;
/// fields in `webitel-go/authz.proto` `Objclass` order, `abac` "not implemented" left out).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug, Default)]
pub struct Objclass {
    // Webitel leaves out every zero value (proto3 JSON); this server always sends them all.
    #[serde(default, with = "crate::int64")]
    #[cfg_attr(
        feature = "openapi",
        schema(schema_with = crate::int64::schema, required = true)
    )]
    pub id: i64,
    /// The display name.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub name: String,
    /// The code name: flows are `schema`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub class: String,
    /// Operation-based access control: on, the `access` letters decide; off, all is allowed.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub obac: bool,
    /// Record-based access control (per object).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub rbac: bool,
    /// Letters of the rights granted: `x` create, `r` read, `w` update, `d` delete.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true, pattern = "^x?r?w?d?$"))]
    pub access: String,
}

/// A global permission (Webitel's `apiPermission`), e.g. `read`: select any object.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug, Default)]
pub struct GlobalPermission {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub id: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub usage: String,
}

/// Who is signed in, as `GET /userinfo` answers: Webitel's `apiUserinfo` (webitel/protos
/// `swagger/api.json`; fields in `webitel-go/authz.proto` `Userinfo` order, the user's
/// `extension`, `chat_name` and `license` left out: ours have none), then our own `user` and
/// `admin`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug, Default)]
pub struct Userinfo {
    // Webitel leaves out every zero value (proto3 JSON); this server always sends them all.
    /// The domain's id.
    #[serde(default, with = "crate::int64")]
    #[cfg_attr(
        feature = "openapi",
        schema(schema_with = crate::int64::schema, required = true)
    )]
    pub dc: i64,
    /// The domain's name.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub domain: String,
    #[serde(default, with = "crate::int64")]
    #[cfg_attr(
        feature = "openapi",
        schema(schema_with = crate::int64::schema, required = true)
    )]
    pub user_id: i64,
    /// The display name.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub name: String,
    /// The login.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub username: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub preferred_username: String,
    /// The rights per object class; the entry of class `schema` holds those on flows, and a
    /// class without read is not listed.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub scope: Vec<Objclass>,
    /// The user's roles, each `{id, name}`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub roles: Vec<UserRef>,
    /// Global permissions: a domain admin's `add`, `read`, `write`, `delete` (any object).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub permissions: Vec<GlobalPermission>,
    /// When the user last changed (epoch milliseconds).
    #[serde(default, with = "crate::int64")]
    #[cfg_attr(
        feature = "openapi",
        schema(schema_with = crate::int64::schema, required = true)
    )]
    pub updated_at: i64,
    /// When the access token expires (epoch milliseconds).
    #[serde(default, with = "crate::int64")]
    #[cfg_attr(
        feature = "openapi",
        schema(schema_with = crate::int64::schema, required = true)
    )]
    pub expires_at: i64,
    /// Ours: the user as other entities refer to it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub user: UserRef,
    /// Ours: whether the user manages its domain's users.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub admin: bool,
}

/// The token of a sign-in, read from either server's answer (Webitel's carries nothing else
/// that says who signed in: that comes from userinfo).
#[derive(Deserialize, Clone, PartialEq, Eq, Debug)]
pub struct AccessToken {
    pub access_token: String,
}

/// Our sign-in answer: the token, and the same `Userinfo` as `GET /userinfo` gives with it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
pub struct LoginResponse {
    pub access_token: String,
    #[serde(flatten)]
    pub userinfo: Userinfo,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flow_types_round_trip_and_label() {
        for kind in FlowType::ALL {
            assert_eq!(kind.as_str().parse::<FlowType>(), Ok(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.as_str()));
        }
        assert_eq!(FlowType::Processing.label(), "Forms");
        assert_eq!(FlowType::Default.label(), "No type");
        assert!("ivr".parse::<FlowType>().is_err());
    }

    #[test]
    fn entity_uses_webitel_field_shapes() {
        let flow = RoutingSchema {
            id: Some(42),
            name: Some("Inbound IVR".into()),
            flow_type: Some(FlowType::Voice),
            editor: Some(true),
            tags: Some(vec![Tag::new("ivr")]),
            created_at: Some(1_718_000_000_000),
            created_by: Some(UserRef {
                id: 1,
                name: "admin".into(),
            }),
            ..Default::default()
        };
        let value = serde_json::to_value(&flow).unwrap();
        assert_eq!(
            value,
            json!({"id": "42", "name": "Inbound IVR", "type": "voice", "editor": true,
                   "tags": [{"name": "ivr"}], "created_at": "1718000000000",
                   "created_by": {"id": "1", "name": "admin"}})
        );
        assert_eq!(
            serde_json::from_value::<RoutingSchema>(value).unwrap(),
            flow
        );
        assert_eq!(flow.etag(), None);
    }

    #[test]
    fn write_body_ignores_fields_it_does_not_take() {
        let body: SchemaWrite = serde_json::from_value(json!({
            "id": "9", "name": "x", "schema": [], "created_at": "1", "type": "chat"
        }))
        .unwrap();
        assert_eq!(body.name.as_deref(), Some("x"));
        assert_eq!(body.flow_type, Some(FlowType::Chat));
    }

    #[test]
    fn patch_fields_read_every_name_and_write_the_same_names() {
        let body: SchemaWrite = serde_json::from_value(json!({
            "fields": ["name", "schema", "payload", "tags", "note", "schema.steps", "payloads",
                       "id", "Name", "created_by"]
        }))
        .unwrap();
        let fields = body.fields.unwrap();
        assert_eq!(
            fields,
            [
                PatchField::Field(SchemaField::Name),
                PatchField::Field(SchemaField::Schema),
                PatchField::Field(SchemaField::Payload),
                PatchField::Field(SchemaField::Tags),
                PatchField::Note,
                PatchField::Field(SchemaField::Schema),
                PatchField::Field(SchemaField::Payload),
                PatchField::Unknown("id".into()),
                PatchField::Unknown("Name".into()),
                PatchField::Unknown("created_by".into()),
            ]
        );
        let written = SchemaWrite {
            fields: Some(
                [SchemaField::Name, SchemaField::Type, SchemaField::Editor]
                    .map(PatchField::from)
                    .to_vec(),
            ),
            ..SchemaWrite::default()
        };
        assert_eq!(
            serde_json::to_value(written).unwrap(),
            json!({"fields": ["name", "type", "editor"]})
        );
        assert!(serde_json::from_value::<SchemaWrite>(json!({"fields": [5]})).is_err());
    }

    #[test]
    fn a_sign_in_names_its_domain_apart_or_after_the_last_at() {
        let request = |username: &str, domain: &str| LoginRequest {
            username: username.into(),
            password: String::new(),
            domain: domain.into(),
        };
        assert_eq!(
            request(" ann ", " main ").domain_and_login(),
            ("main", "ann")
        );
        // A domain given: the username is the login, `@` and all.
        assert_eq!(
            request("ann@corp", "main").domain_and_login(),
            ("main", "ann@corp")
        );
        assert_eq!(
            request(" ann@main ", "").domain_and_login(),
            ("main", "ann")
        );
        assert_eq!(
            request("ann@corp.com@main", " ").domain_and_login(),
            ("main", "ann@corp.com")
        );
        assert_eq!(request("ann", "").domain_and_login(), ("", "ann"));
        let webitel: LoginRequest =
            serde_json::from_value(json!({"username": "ann@main", "password": "p"})).unwrap();
        assert_eq!(webitel.domain_and_login(), ("main", "ann"));
    }

    #[test]
    fn a_version_number_is_a_string_and_reads_from_a_number_too() {
        let version = SchemaVersion {
            id: 5,
            schema_id: 9,
            version: 3,
            created_at: 1,
            created_by: None,
            schema: json!([]),
            payload: json!({}),
            note: String::new(),
        };
        let written = serde_json::to_value(&version).unwrap();
        assert_eq!(written["version"], json!("3"));
        let mut numeric = written.clone();
        numeric["version"] = json!(3);
        for value in [written, numeric] {
            assert_eq!(
                serde_json::from_value::<SchemaVersion>(value).unwrap(),
                version
            );
        }
    }

    #[test]
    fn editor_labels() {
        assert_eq!(Editor::from(true).label(), "Diagram");
        assert_eq!(Editor::from(false).label(), "Code");
        assert_eq!(etag_for(5), "\"5\"");
    }

    #[test]
    fn webitel_answers_with_their_zero_values_left_out_are_read() {
        let empty: ListResponse<RoutingSchema> = serde_json::from_value(json!({})).unwrap();
        assert_eq!(empty.items, Vec::new());
        assert!(!empty.next);
        let version: SchemaVersion = serde_json::from_value(json!({
            "id": "5", "schema_id": "9", "version": "3", "created_at": "1764547200000",
            "created_by": {}
        }))
        .unwrap();
        assert_eq!(version.version, 3);
        assert_eq!(version.schema, Value::Null);
        assert_eq!(version.created_by, Some(UserRef::default()));
        // Code flow, no debug, no tags: all left out.
        let flow: RoutingSchema =
            serde_json::from_value(json!({"id": "9", "name": "IVR", "updated_at": "1"})).unwrap();
        assert_eq!((flow.editor, flow.debug, flow.tags), (None, None, None));
    }
}
