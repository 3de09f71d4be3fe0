//! `/routing/schema`: search, create, read, replace, patch, delete, tags and versions; and this
//! server's extensions: what a flow uses outside itself, and who uses an object.

use super::params::{
    FlowId, IfMatch, PagingParameters, ReferenceParameters, SearchParameters, TagParameters,
    TextParameters, UsedObjectParameters,
};
use super::{has_nul, if_match, parse_id, query_pairs, FLOWS};
use crate::error::Result;
use crate::json::JsonBody;
use crate::responses::{
    CreateErrors, FlowDeleteErrors, FlowReadErrors, FlowWriteErrors, SearchErrors,
};
use crate::state::AppState;
use crate::store::{Account, FlowContent};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use flow_model::l10n::Text;
use flow_model::{
    contract, rules, transfer, FieldError, FlowReference, ListResponse, Paging, PatchField,
    Permission, ReferenceSearch, ReferenceUse, RoutingSchema, SchemaField, SchemaSearch,
    SchemaVersion, SchemaWrite, Tag, TagSearch, TextMatch, TextSearch, UsedObject,
    UsedObjectSearch,
};
use serde_json::{json, Value};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search, create))
        .routes(routes!(search_tags))
        .routes(routes!(read, replace, patch, remove))
        .routes(routes!(versions))
        .routes(routes!(flow_references))
        .routes(routes!(reference_uses))
        .routes(routes!(search_texts))
        .routes(routes!(used_objects))
}

/// The entity with its `ETag`, so a client can send it back as `If-Match`.
fn with_etag(flow: RoutingSchema) -> Response {
    let etag = flow.etag().and_then(|tag| HeaderValue::from_str(&tag).ok());
    let mut response = Json(flow).into_response();
    if let Some(etag) = etag {
        response.headers_mut().insert(header::ETAG, etag);
    }
    response
}

/// Searches the flows of the caller's domain.
#[utoipa::path(
    get,
    path = contract::SEARCH_FLOWS.path,
    tag = FLOWS,
    params(SearchParameters),
    responses(
        (status = 200, description = "A page of flows with the requested fields; `next` when another page exists", body = ListResponse<RoutingSchema>),
        SearchErrors,
    )
)]
async fn search(
    State(state): State<AppState>,
    account: Account,
    RawQuery(query): RawQuery,
) -> Result<Json<ListResponse<RoutingSchema>>> {
    account.require(&[Permission::Read])?;
    let search = SchemaSearch::from_pairs(query_pairs(query)?)?;
    let (items, next) = state.store.search_flows(account.domain_id, &search).await?;
    Ok(Json(ListResponse { items, next }))
}

/// Reads one flow, whole.
#[utoipa::path(
    get,
    path = contract::READ_FLOW.path,
    tag = FLOWS,
    params(FlowId),
    responses(
        (status = 200, description = "The flow", body = RoutingSchema, headers(("ETag" = String, description = "`\"<updated_at>\"`, for `If-Match`"))),
        FlowReadErrors,
    )
)]
async fn read(
    State(state): State<AppState>,
    account: Account,
    Path(id): Path<String>,
) -> Result<Response> {
    account.require(&[Permission::Read])?;
    let id = parse_id("id", &id)?;
    Ok(with_etag(state.store.flow(account.domain_id, id).await?))
}

/// A schema to store: an array whose items (and the items of every branch) are steps, each
/// with exactly one app; the first one that is not is named with its path.
fn schema(value: Option<Value>) -> Result<Value> {
    let schema = value.unwrap_or_else(|| json!([]));
    rules::schema_shape(&schema)?;
    transfer::check_steps(&schema).map_err(|error| {
        FieldError::new(
            "schema",
            Text::new("field-invalid-steps").with("reason", error.text()),
        )
    })?;
    Ok(schema)
}

fn payload(value: Option<Value>) -> Value {
    match value {
        None | Some(Value::Null) => json!({}),
        Some(payload) => payload,
    }
}

/// A description or note, which may hold any other character (names and tags refuse every
/// control character already).
fn free_text(
    field: &str,
    value: Option<&str>,
    rule: fn(&str) -> Result<String, FieldError>,
) -> Result<String> {
    let text = value.unwrap_or_default();
    if has_nul(text) {
        return Err(FieldError::new(field, Text::new("field-nul")).into());
    }
    Ok(rule(text)?)
}

fn tag_list(value: Option<Vec<Tag>>) -> Result<Vec<Tag>> {
    Ok(rules::tags(&value.unwrap_or_default())?)
}

/// The whole content from a create or PUT body; `editor` is the stored one on PUT.
fn full_content(body: SchemaWrite, editor: bool) -> Result<FlowContent> {
    Ok(FlowContent {
        name: rules::flow_name(body.name.as_deref().unwrap_or_default())?,
        description: free_text(
            "description",
            body.description.as_deref(),
            rules::description,
        )?,
        flow_type: body.flow_type.unwrap_or_default(),
        editor,
        schema: schema(body.schema)?,
        payload: payload(body.payload),
        debug: body.debug.unwrap_or(false),
        tags: tag_list(body.tags)?,
        note: free_text("note", body.note.as_deref(), rules::note)?,
    })
}

/// Creates a flow.
#[utoipa::path(
    post,
    path = contract::CREATE_FLOW.path,
    tag = FLOWS,
    request_body = SchemaWrite,
    responses(
        (status = 200, description = "The new flow", body = RoutingSchema,
            headers(("ETag" = String, description = "`\"<updated_at>\"`, for `If-Match`")),
            // What can be done with the new flow, for clients and stateful API testing.
            links(
                ("read" = (operation_id = "read", parameters(("id" = "$response.body#/id")))),
                ("versions" = (operation_id = "versions", parameters(("id" = "$response.body#/id")))),
                ("replace" = (operation_id = "replace", parameters(("id" = "$response.body#/id"), ("header.If-Match" = "$response.header.ETag")))),
                ("patch" = (operation_id = "patch", parameters(("id" = "$response.body#/id"), ("header.If-Match" = "$response.header.ETag")))),
                ("remove" = (operation_id = "remove", parameters(("id" = "$response.body#/id"), ("header.If-Match" = "$response.header.ETag")))),
            )
        ),
        CreateErrors,
    )
)]
async fn create(
    State(state): State<AppState>,
    account: Account,
    JsonBody(body): JsonBody<SchemaWrite>,
) -> Result<Response> {
    account.require(&[Permission::Create])?;
    let editor = body.editor.unwrap_or(false);
    let content = full_content(body, editor)?;
    Ok(with_etag(state.store.create_flow(&account, content).await?))
}

/// Replaces a flow's content (its editor is kept); an earlier schema or payload is kept as a
/// version.
#[utoipa::path(
    put,
    path = contract::REPLACE_FLOW.path,
    tag = FLOWS,
    params(FlowId, IfMatch),
    request_body = SchemaWrite,
    responses(
        (status = 200, description = "The flow as stored", body = RoutingSchema, headers(("ETag" = String, description = "`\"<updated_at>\"`, for `If-Match`"))),
        FlowWriteErrors,
    )
)]
async fn replace(
    State(state): State<AppState>,
    account: Account,
    Path(id): Path<String>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<SchemaWrite>,
) -> Result<Response> {
    account.require(&[Permission::Read, Permission::Update])?;
    let id = parse_id("id", &id)?;
    let if_match = if_match(&headers)?;
    // Check the body once up front, so a bad body is a 400 even for a flow that changes meanwhile.
    full_content(body.clone(), false)?;
    let flow = state
        .store
        .update_flow(&account, id, if_match, |current| {
            full_content(body.clone(), current.editor)
        })
        .await?;
    Ok(with_etag(flow))
}

/// Applies the fields a PATCH names (or, without `fields`, every field it carries). A name
/// that is no field a PATCH changes is ignored, as Webitel ignores it (webitel/engine
/// `grpc_api/flow_routing_schema.go`, `PatchRoutingSchema`).
fn apply_patch(mut content: FlowContent, body: &SchemaWrite) -> Result<FlowContent> {
    let carried: Vec<PatchField>;
    let named = match &body.fields {
        Some(fields) => fields,
        None => {
            carried = body.carried(
                SchemaField::ALL
                    .into_iter()
                    .filter(|field| field.is_patchable()),
            );
            &carried
        }
    };
    for field in named {
        let known = match field {
            PatchField::Field(known) => *known,
            // The note is kept with every change, named or not.
            PatchField::Note | PatchField::Unknown(_) => continue,
        };
        match known {
            SchemaField::Name => {
                content.name = rules::flow_name(body.name.as_deref().unwrap_or_default())?
            }
            SchemaField::Description => {
                content.description = free_text(
                    "description",
                    body.description.as_deref(),
                    rules::description,
                )?
            }
            SchemaField::Type => content.flow_type = body.flow_type.unwrap_or_default(),
            SchemaField::Editor => content.editor = body.editor.unwrap_or(false),
            SchemaField::Schema => content.schema = schema(body.schema.clone())?,
            SchemaField::Payload => content.payload = payload(body.payload.clone()),
            SchemaField::Debug => content.debug = body.debug.unwrap_or(false),
            SchemaField::Tags => content.tags = tag_list(body.tags.clone())?,
            // The server's own fields (a client may build such a name; none reads as one).
            SchemaField::Id
            | SchemaField::CreatedAt
            | SchemaField::CreatedBy
            | SchemaField::UpdatedAt
            | SchemaField::UpdatedBy => {}
        }
    }
    content.note = free_text("note", body.note.as_deref(), rules::note)?;
    Ok(content)
}

/// Changes the fields that `fields` names (without it, every field the body carries).
#[utoipa::path(
    patch,
    path = contract::PATCH_FLOW.path,
    tag = FLOWS,
    params(FlowId, IfMatch),
    request_body = SchemaWrite,
    responses(
        (status = 200, description = "The flow as stored", body = RoutingSchema, headers(("ETag" = String, description = "`\"<updated_at>\"`, for `If-Match`"))),
        FlowWriteErrors,
    )
)]
async fn patch(
    State(state): State<AppState>,
    account: Account,
    Path(id): Path<String>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<SchemaWrite>,
) -> Result<Response> {
    account.require(&[Permission::Read, Permission::Update])?;
    let id = parse_id("id", &id)?;
    let if_match = if_match(&headers)?;
    let flow = state
        .store
        .update_flow(&account, id, if_match, |current| {
            apply_patch(current, &body)
        })
        .await?;
    Ok(with_etag(flow))
}

/// Deletes a flow.
#[utoipa::path(
    delete,
    path = contract::DELETE_FLOW.path,
    tag = FLOWS,
    params(FlowId, IfMatch),
    responses(
        (status = 200, description = "The deleted flow", body = RoutingSchema),
        FlowDeleteErrors,
    )
)]
async fn remove(
    State(state): State<AppState>,
    account: Account,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<RoutingSchema>> {
    account.require(&[Permission::Delete])?;
    let id = parse_id("id", &id)?;
    let if_match = if_match(&headers)?;
    Ok(Json(state.store.delete_flow(&account, id, if_match).await?))
}

/// Lists the tags of the caller's domain's flows.
#[utoipa::path(
    get,
    path = contract::SEARCH_TAGS.path,
    tag = FLOWS,
    params(TagParameters),
    responses(
        (status = 200, description = "A page of tags", body = ListResponse<Tag>),
        SearchErrors,
    )
)]
async fn search_tags(
    State(state): State<AppState>,
    account: Account,
    RawQuery(query): RawQuery,
) -> Result<Json<ListResponse<Tag>>> {
    account.require(&[Permission::Read])?;
    let search = TagSearch::from_pairs(query_pairs(query)?)?;
    let (items, next) = state.store.search_tags(account.domain_id, &search).await?;
    Ok(Json(ListResponse { items, next }))
}

/// Lists a flow's earlier versions, newest first.
#[utoipa::path(
    get,
    path = contract::FLOW_VERSIONS.path,
    tag = FLOWS,
    params(FlowId, PagingParameters),
    responses(
        (status = 200, description = "A page of versions", body = ListResponse<SchemaVersion>),
        FlowReadErrors,
    )
)]
async fn versions(
    State(state): State<AppState>,
    account: Account,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<ListResponse<SchemaVersion>>> {
    account.require(&[Permission::Read])?;
    let id = parse_id("schema_id", &id)?;
    let paging = Paging::from_pairs(query_pairs(query)?)?;
    let (items, next) = state.store.versions(account.domain_id, id, paging).await?;
    Ok(Json(ListResponse { items, next }))
}

/// What a flow uses outside itself: other flows, queues, calendars, lists, media files, users
/// and gateways, mail and TTS profiles, AI bots, `$${globals}`, hosts; each with the place in
/// its schema of the value that names it. This server's extension: Webitel has no such
/// endpoint.
#[utoipa::path(
    get,
    path = contract::FLOW_REFERENCES.path,
    tag = FLOWS,
    params(FlowId),
    responses(
        (status = 200, description = "Every reference, in the order of their places", body = ListResponse<FlowReference>),
        FlowReadErrors,
    )
)]
async fn flow_references(
    State(state): State<AppState>,
    account: Account,
    Path(id): Path<String>,
) -> Result<Json<ListResponse<FlowReference>>> {
    account.require(&[Permission::Read])?;
    let id = parse_id("id", &id)?;
    let items = state.store.flow_references(account.domain_id, id).await?;
    Ok(Json(ListResponse { items, next: false }))
}

/// The flows of the caller's domain that use an object (`kind` and `key`), and where: by the
/// flow's name, then the place. This server's extension: Webitel has no such endpoint.
#[utoipa::path(
    get,
    path = contract::REFERENCE_USES.path,
    tag = FLOWS,
    params(ReferenceParameters),
    responses(
        (status = 200, description = "A page of uses", body = ListResponse<ReferenceUse>),
        SearchErrors,
    )
)]
async fn reference_uses(
    State(state): State<AppState>,
    account: Account,
    RawQuery(query): RawQuery,
) -> Result<Json<ListResponse<ReferenceUse>>> {
    account.require(&[Permission::Read])?;
    let search = ReferenceSearch::from_pairs(query_pairs(query)?)?;
    let (items, next) = state
        .store
        .reference_uses(account.domain_id, &search)
        .await?;
    Ok(Json(ListResponse { items, next }))
}

/// The objects of one kind the caller's domain's flows use (their keys starting with `q`, as
/// typed or in lower case), by key, each with how many flows use it: what a "Uses" filter suggests. This
/// server's extension: Webitel has no such endpoint.
#[utoipa::path(
    get,
    path = contract::USED_OBJECTS.path,
    tag = FLOWS,
    params(UsedObjectParameters),
    responses(
        (status = 200, description = "A page of objects", body = ListResponse<UsedObject>),
        SearchErrors,
    )
)]
async fn used_objects(
    State(state): State<AppState>,
    account: Account,
    RawQuery(query): RawQuery,
) -> Result<Json<ListResponse<UsedObject>>> {
    account.require(&[Permission::Read])?;
    let search = UsedObjectSearch::from_pairs(query_pairs(query)?)?;
    let (items, next) = state.store.used_objects(account.domain_id, &search).await?;
    Ok(Json(ListResponse { items, next }))
}

/// Where the caller's domain's flows hold a text (case folded, matched as written): in their
/// steps' values, descriptions, tags and diagram notes; by the flow's name, then the place,
/// each with the line the text is in. This server's extension: Webitel has no such endpoint.
#[utoipa::path(
    get,
    path = contract::TEXT_SEARCH.path,
    tag = FLOWS,
    params(TextParameters),
    responses(
        (status = 200, description = "A page of places", body = ListResponse<TextMatch>),
        SearchErrors,
    )
)]
async fn search_texts(
    State(state): State<AppState>,
    account: Account,
    RawQuery(query): RawQuery,
) -> Result<Json<ListResponse<TextMatch>>> {
    account.require(&[Permission::Read])?;
    let search = TextSearch::from_pairs(query_pairs(query)?)?;
    let (items, next) = state.store.search_texts(account.domain_id, &search).await?;
    Ok(Json(ListResponse { items, next }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use flow_model::FlowType;

    fn stored() -> FlowContent {
        full_content(
            SchemaWrite {
                name: Some("Main".into()),
                schema: Some(json!([{"answer": ""}])),
                tags: Some(vec![Tag::new("ivr")]),
                ..Default::default()
            },
            true,
        )
        .unwrap()
    }

    #[test]
    fn create_fills_defaults() {
        let content = stored();
        assert_eq!(content.flow_type, FlowType::Default);
        assert_eq!(content.payload, json!({}));
        assert_eq!(content.description, "");
        assert!(content.editor);
    }

    #[test]
    fn patch_applies_only_named_fields() {
        let body = SchemaWrite {
            name: Some("Renamed".into()),
            description: Some("ignored".into()),
            fields: Some(vec![SchemaField::Name.into()]),
            ..Default::default()
        };
        let patched = apply_patch(stored(), &body).unwrap();
        assert_eq!(patched.name, "Renamed");
        assert_eq!(patched.description, "");
        assert_eq!(patched.tags, vec![Tag::new("ivr")]);
    }

    #[test]
    fn patch_without_fields_applies_what_it_carries() {
        let body = SchemaWrite {
            flow_type: Some(FlowType::Chat),
            editor: Some(false),
            ..Default::default()
        };
        let patched = apply_patch(stored(), &body).unwrap();
        assert_eq!(
            (patched.flow_type, patched.editor, patched.name.as_str()),
            (FlowType::Chat, false, "Main")
        );
    }

    #[test]
    fn patch_ignores_unknown_fields_and_refuses_bad_values() {
        let unknown = SchemaWrite {
            name: Some("Other".into()),
            fields: Some(vec![
                SchemaField::Id.into(),
                PatchField::from_name("Name"),
                PatchField::from_name("created_by"),
            ]),
            ..Default::default()
        };
        assert_eq!(apply_patch(stored(), &unknown).unwrap(), stored());
        let not_array = SchemaWrite {
            schema: Some(json!("x")),
            ..Default::default()
        };
        assert!(matches!(
            apply_patch(stored(), &not_array),
            Err(Error::InvalidField(_))
        ));
    }
}
