//! The names of a flow's fields, as a search's `fields` and a PATCH body's `fields` give them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A field of a flow: one that a search can return (`fields[]`), or a PATCH can name
/// (`SchemaWrite::fields`, through [`crate::PatchField`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum SchemaField {
    Id,
    Name,
    Description,
    Type,
    Editor,
    Schema,
    Payload,
    Debug,
    Tags,
    CreatedAt,
    CreatedBy,
    UpdatedAt,
    UpdatedBy,
}

impl SchemaField {
    pub const ALL: [SchemaField; 13] = [
        Self::Id,
        Self::Name,
        Self::Description,
        Self::Type,
        Self::Editor,
        Self::Schema,
        Self::Payload,
        Self::Debug,
        Self::Tags,
        Self::CreatedAt,
        Self::CreatedBy,
        Self::UpdatedAt,
        Self::UpdatedBy,
    ];
    pub const DEFAULT: [SchemaField; 5] =
        [Self::Id, Self::Name, Self::Editor, Self::Type, Self::Tags];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Name => "name",
            Self::Description => "description",
            Self::Type => "type",
            Self::Editor => "editor",
            Self::Schema => "schema",
            Self::Payload => "payload",
            Self::Debug => "debug",
            Self::Tags => "tags",
            Self::CreatedAt => "created_at",
            Self::CreatedBy => "created_by",
            Self::UpdatedAt => "updated_at",
            Self::UpdatedBy => "updated_by",
        }
    }

    /// Whether a PATCH can change this field (the others are the server's to set).
    pub fn is_patchable(self) -> bool {
        !matches!(
            self,
            Self::Id | Self::CreatedAt | Self::CreatedBy | Self::UpdatedAt | Self::UpdatedBy
        )
    }

    /// The field the API names `name`, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.as_str() == name)
    }
}

/// A name in a PATCH body's `fields`, read as Webitel reads it. Any name reads: one that
/// names nothing a PATCH changes is kept as it came (and written back so), to be ignored.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum PatchField {
    /// A field of the flow; a name that starts with `schema` or `payload` names that field.
    Field(SchemaField),
    /// `note`: the body's note is kept with every change, named or not.
    Note,
    /// Any other name, the server's own fields (`id`, `created_at`, …) included.
    Unknown(String),
}

impl PatchField {
    /// How Webitel reads a name of `fields`: the exact names of the fields a PATCH changes,
    /// `note`, then any name starting with `schema` or `payload`; the rest names nothing
    /// (webitel/engine `grpc_api/flow_routing_schema.go`, `PatchRoutingSchema`).
    pub fn from_name(name: &str) -> Self {
        match SchemaField::from_name(name).filter(|field| field.is_patchable()) {
            Some(field) => Self::Field(field),
            None if name == "note" => Self::Note,
            None if name.starts_with("schema") => Self::Field(SchemaField::Schema),
            None if name.starts_with("payload") => Self::Field(SchemaField::Payload),
            None => Self::Unknown(name.to_owned()),
        }
    }

    /// The name on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Field(field) => field.as_str(),
            Self::Note => "note",
            Self::Unknown(name) => name,
        }
    }
}

impl From<SchemaField> for PatchField {
    fn from(field: SchemaField) -> Self {
        Self::Field(field)
    }
}

impl Serialize for PatchField {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for PatchField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|name| Self::from_name(&name))
    }
}
