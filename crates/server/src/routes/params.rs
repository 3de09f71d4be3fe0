//! The routes' parameters as the OpenAPI document describes them; the names of sort and result
//! fields, and the page sizes, come from the model.

use flow_model::catalog::Object;
use flow_model::query::{API_DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use flow_model::{FlowType, SchemaField, SortField, TextSearch};
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn, ParameterStyle};
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::{RefOr, Required};
use utoipa::{IntoParams, PartialSchema};

fn parameter(
    name: &str,
    place: ParameterIn,
    schema: impl Into<RefOr<Schema>>,
    description: &str,
) -> Parameter {
    let required = if place == ParameterIn::Path {
        Required::True
    } else {
        Required::False
    };
    ParameterBuilder::new()
        .name(name)
        .parameter_in(place)
        .required(required)
        .schema(Some(schema))
        .description(Some(description))
        .build()
}

fn query(name: &str, schema: impl Into<RefOr<Schema>>, description: &str) -> Parameter {
    parameter(name, ParameterIn::Query, schema, description)
}

/// A list parameter: repeated keys (`type=voice&type=chat`); `name[]` and `a,b` are read too.
fn query_list(name: &str, items: impl Into<RefOr<Schema>>, description: &str) -> Parameter {
    let mut list = query(name, ArrayBuilder::new().items(items.into()), description);
    list.style = Some(ParameterStyle::Form);
    list.explode = Some(true);
    list
}

fn string_of(values: impl IntoIterator<Item = String>) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values))
}

fn paging() -> Vec<Parameter> {
    vec![
        query(
            "page",
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(0))
                .maximum(Some(u32::MAX)),
            "The page, from 1 (0 means 1)",
        ),
        query(
            "size",
            ObjectBuilder::new().schema_type(Type::Integer).format(Some(
                utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Int64),
            )),
            &format!(
                "Items per page, 1 to {MAX_PAGE_SIZE}; any other number means {API_DEFAULT_PAGE_SIZE}"
            ),
        ),
    ]
}

/// `page` and `size`, the parameters of plain listings (a flow's versions).
pub struct PagingParameters;

impl IntoParams for PagingParameters {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        paging()
    }
}

/// The flow search's parameters.
pub struct SearchParameters;

impl IntoParams for SearchParameters {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let sorts = SortField::ALL.into_iter().flat_map(|field| {
            let name = field.as_str();
            [format!("+{name}"), format!("-{name}"), name.to_owned()]
        });
        let fields = SchemaField::ALL
            .into_iter()
            .map(|field| field.as_str().to_owned());
        let mut parameters = paging();
        parameters.extend([
            query(
                "q",
                String::schema(),
                "Case-insensitive match on the name; `*` is a wildcard (`text*`: starts with)",
            ),
            query("name", String::schema(), "The exact name"),
            query_list("id", i64::schema(), "Only flows with these ids"),
            query_list("type", FlowType::schema(), "Only flows of these types"),
            query("editor", bool::schema(), "`true`: only diagram flows"),
            query_list("tags", String::schema(), "Flows with any of these tags"),
            query(
                "uses",
                String::schema(),
                "Only flows that use this object: `kind:key`, such as `queue:12` or \
                 `global:token` (this server's extension)",
            ),
            query(
                "sort",
                string_of(sorts),
                "`+field` ascending (also without the sign), `-field` descending; the default is \
                 `-created_at`; ties are broken by id",
            ),
            query_list(
                "fields",
                string_of(fields),
                "The fields each item carries; by default id, name, editor, type and tags",
            ),
        ]);
        parameters
    }
}

/// The parameters of "who uses this object".
pub struct ReferenceParameters;

impl IntoParams for ReferenceParameters {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let kinds = Object::ALL.into_iter().map(|kind| kind.key().to_owned());
        let mut parameters = vec![
            query("kind", string_of(kinds), "The kind of object"),
            query(
                "key",
                String::schema(),
                "Its id, else its name (a global's name, a host)",
            ),
        ];
        for wanted in &mut parameters {
            wanted.required = Required::True;
        }
        parameters.extend(paging());
        parameters
    }
}

/// The parameters of the objects of one kind the flows use.
pub struct UsedObjectParameters;

impl IntoParams for UsedObjectParameters {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let kinds = Object::ALL.into_iter().map(|kind| kind.key().to_owned());
        let mut kind = query("kind", string_of(kinds), "The kind of object");
        kind.required = Required::True;
        let mut parameters = vec![
            kind,
            query(
                "q",
                String::schema(),
                "The start of the key (id or name), as typed or in lower case",
            ),
        ];
        parameters.extend(paging());
        parameters
    }
}

/// The parameters of a search inside flows.
pub struct TextParameters;

impl IntoParams for TextParameters {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let mut text = query(
            "q",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(TextSearch::MIN_CHARS)),
            "The text, trimmed: matched as written (no wildcards), case folded",
        );
        text.required = Required::True;
        let mut parameters = vec![
            text,
            query_list("type", FlowType::schema(), "Only flows of these types"),
        ];
        parameters.extend(paging());
        parameters
    }
}

/// The tag listing's parameters.
pub struct TagParameters;

impl IntoParams for TagParameters {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let sorts = ["+name", "-name", "name"].map(str::to_owned);
        let mut parameters = paging();
        parameters.extend([
            query(
                "q",
                String::schema(),
                "Case-insensitive match on the tag; `*` is a wildcard",
            ),
            query("sort", string_of(sorts), "By name, ascending by default"),
            query_list(
                "type",
                FlowType::schema(),
                "Only tags of flows of these types",
            ),
        ]);
        parameters
    }
}

/// The `{id}` of a flow in a path.
pub struct FlowId;

impl IntoParams for FlowId {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![parameter(
            "id",
            ParameterIn::Path,
            i64::schema(),
            "The flow's id",
        )]
    }
}

/// The lost-update guard of PUT, PATCH and DELETE.
pub struct IfMatch;

impl IntoParams for IfMatch {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let etag = ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(r#"^(\*|(W/)?"-?[0-9]+")$"#));
        vec![parameter(
            "If-Match",
            ParameterIn::Header,
            etag,
            "The flow's `updated_at` in quotes, as its `ETag` gave it (`\"1719000000000\"`); when \
             the stored one differs the answer is 409 and nothing changes. `*` or none: no check",
        )]
    }
}
