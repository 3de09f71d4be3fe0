//! Flows (routing schemas), their tags and their earlier versions.

use super::{flag, is_unique_violation, now_millis, Backend, Sql, Store};
use crate::error::{Error, Result};
use crate::store::Account;
use flow_model::flow::texts::fold;
use flow_model::flow::{flow_texts, references, snippet, TextSource};
use flow_model::query::{contains_pattern, like_pattern};
use flow_model::rules::name_key;
use flow_model::{
    FlowReference, FlowType, Paging, ReferenceSearch, ReferenceUse, RoutingSchema, SchemaField,
    SchemaSearch, SchemaVersion, SortField, Tag, TagSearch, TextMatch, TextSearch, UsedObject,
    UsedObjectSearch, UserRef,
};
use serde_json::Value;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// What a user edits in a flow; everything else is kept by the server.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowContent {
    pub name: String,
    pub description: String,
    pub flow_type: FlowType,
    pub editor: bool,
    pub schema: Value,
    pub payload: Value,
    pub debug: bool,
    pub tags: Vec<Tag>,
    /// Describes this content in the version history.
    pub note: String,
}

/// A row as stored, with its JSON still as text (to compare contents cheaply).
struct StoredFlow {
    content: FlowContent,
    schema_text: String,
    payload_text: String,
    version: i64,
    updated_at: i64,
    /// When and by whom `schema` and `payload` were last saved: what their version credits.
    content_at: i64,
    content_by: Option<i64>,
}

fn column_list(fields: &[SchemaField]) -> String {
    let mut columns = vec!["s.id"];
    for field in fields {
        columns.push(match field {
            SchemaField::Id => continue,
            SchemaField::Name => "s.name",
            SchemaField::Description => "s.description",
            SchemaField::Type => "s.type",
            SchemaField::Editor => "s.editor",
            SchemaField::Schema => "s.schema",
            SchemaField::Payload => "s.payload",
            SchemaField::Debug => "s.debug",
            SchemaField::Tags => continue,
            SchemaField::CreatedAt => "s.created_at",
            SchemaField::CreatedBy => "s.created_by, cu.username AS created_by_name",
            SchemaField::UpdatedAt => "s.updated_at",
            SchemaField::UpdatedBy => "s.updated_by, uu.username AS updated_by_name",
        });
    }
    columns.join(", ")
}

fn sort_column(field: SortField) -> &'static str {
    match field {
        SortField::Name => "s.name_key",
        SortField::Type => "s.type",
        SortField::Editor => "s.editor",
        SortField::CreatedAt => "s.created_at",
        SortField::UpdatedAt => "s.updated_at",
        SortField::CreatedBy => "COALESCE(cu.username, '')",
        SortField::UpdatedBy => "COALESCE(uu.username, '')",
    }
}

fn parse_json(text: &str, column: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|error| Error::Corrupt(format!("{column}: {error}")))
}

fn user_ref(row: &AnyRow, id_column: &str, name_column: &str) -> Result<Option<UserRef>> {
    let id: Option<i64> = row.try_get(id_column)?;
    let name: Option<String> = row.try_get(name_column)?;
    Ok(id.map(|id| UserRef {
        id,
        name: name.unwrap_or_default(),
    }))
}

fn flow_type(text: &str) -> Result<FlowType> {
    text.parse()
        .map_err(|_| Error::Corrupt(format!("type {text:?}")))
}

/// Builds the API entity from a row selected with [`column_list`]`(fields)`.
fn entity_from_row(row: &AnyRow, fields: &[SchemaField]) -> Result<RoutingSchema> {
    let mut flow = RoutingSchema::default();
    let id: i64 = row.try_get("id")?;
    for field in fields {
        match field {
            SchemaField::Id => flow.id = Some(id),
            SchemaField::Name => flow.name = Some(row.try_get("name")?),
            SchemaField::Description => flow.description = Some(row.try_get("description")?),
            SchemaField::Type => {
                flow.flow_type = Some(flow_type(&row.try_get::<String, _>("type")?)?)
            }
            SchemaField::Editor => flow.editor = Some(flag(row, "editor")?),
            SchemaField::Schema => {
                flow.schema = Some(parse_json(&row.try_get::<String, _>("schema")?, "schema")?)
            }
            SchemaField::Payload => {
                flow.payload = Some(parse_json(
                    &row.try_get::<String, _>("payload")?,
                    "payload",
                )?)
            }
            SchemaField::Debug => flow.debug = Some(flag(row, "debug")?),
            SchemaField::Tags => flow.tags = Some(Vec::new()),
            SchemaField::CreatedAt => flow.created_at = Some(row.try_get("created_at")?),
            SchemaField::CreatedBy => {
                flow.created_by = user_ref(row, "created_by", "created_by_name")?
            }
            SchemaField::UpdatedAt => flow.updated_at = Some(row.try_get("updated_at")?),
            SchemaField::UpdatedBy => {
                flow.updated_by = user_ref(row, "updated_by", "updated_by_name")?
            }
        }
    }
    Ok(flow)
}

/// Fills in the tags of flows read with `tags` set to an empty list.
async fn attach_tags(
    connection: &mut AnyConnection,
    flows: &mut [RoutingSchema],
    ids: &[i64],
) -> Result<()> {
    if ids.is_empty() || flows.iter().all(|flow| flow.tags.is_none()) {
        return Ok(());
    }
    let mut sql = Sql::new("SELECT schema_id, name FROM routing_schema_tag WHERE schema_id IN ");
    sql.bind_list(ids.iter().copied())
        .push(" ORDER BY schema_id, position");
    let mut by_flow: HashMap<i64, Vec<Tag>> = HashMap::new();
    for row in sql.fetch_all(&mut *connection).await? {
        by_flow
            .entry(row.try_get("schema_id")?)
            .or_default()
            .push(Tag::new(row.try_get::<String, _>("name")?));
    }
    for (flow, id) in flows.iter_mut().zip(ids) {
        if flow.tags.is_some() {
            flow.tags = Some(by_flow.remove(id).unwrap_or_default());
        }
    }
    Ok(())
}

fn from_clause(sql: &mut Sql<'_>, fields: &[SchemaField], sort: Option<SortField>) {
    sql.push(" FROM routing_schema s");
    if fields.contains(&SchemaField::CreatedBy) || sort == Some(SortField::CreatedBy) {
        sql.push(" LEFT JOIN app_user cu ON cu.id = s.created_by");
    }
    if fields.contains(&SchemaField::UpdatedBy) || sort == Some(SortField::UpdatedBy) {
        sql.push(" LEFT JOIN app_user uu ON uu.id = s.updated_by");
    }
}

/// Reads one whole flow of a domain.
async fn read_entity(
    connection: &mut AnyConnection,
    domain_id: i64,
    id: i64,
) -> Result<Option<RoutingSchema>> {
    let fields = SchemaField::ALL;
    let mut sql = Sql::new("SELECT ");
    sql.push(&column_list(&fields)).push(", s.version, s.note");
    from_clause(&mut sql, &fields, None);
    sql.push(" WHERE s.id = ")
        .bind(id)
        .push(" AND s.domain_id = ")
        .bind(domain_id);
    let Some(row) = sql.fetch_optional(&mut *connection).await? else {
        return Ok(None);
    };
    let mut flow = entity_from_row(&row, &fields)?;
    flow.version = Some(row.try_get("version")?);
    flow.note = Some(row.try_get("note")?);
    let mut flows = [flow];
    attach_tags(connection, &mut flows, &[id]).await?;
    let [flow] = flows;
    Ok(Some(flow))
}

async fn read_stored(
    connection: &mut AnyConnection,
    domain_id: i64,
    id: i64,
) -> Result<Option<StoredFlow>> {
    let mut sql = Sql::new(
        "SELECT name, description, type, editor, schema, payload, debug, version, note, updated_at, content_at, content_by \
         FROM routing_schema WHERE id = ",
    );
    sql.bind(id).push(" AND domain_id = ").bind(domain_id);
    let Some(row) = sql.fetch_optional(&mut *connection).await? else {
        return Ok(None);
    };
    let mut tags_sql = Sql::new("SELECT name FROM routing_schema_tag WHERE schema_id = ");
    tags_sql.bind(id).push(" ORDER BY position");
    let tags = tags_sql
        .fetch_all(&mut *connection)
        .await?
        .iter()
        .map(|row| row.try_get::<String, _>("name").map(Tag::new))
        .collect::<Result<_, _>>()?;
    let schema_text: String = row.try_get("schema")?;
    let payload_text: String = row.try_get("payload")?;
    Ok(Some(StoredFlow {
        content: FlowContent {
            name: row.try_get("name")?,
            description: row.try_get("description")?,
            flow_type: flow_type(&row.try_get::<String, _>("type")?)?,
            editor: flag(&row, "editor")?,
            schema: parse_json(&schema_text, "schema")?,
            payload: parse_json(&payload_text, "payload")?,
            debug: flag(&row, "debug")?,
            tags,
            note: row.try_get("note")?,
        },
        schema_text,
        payload_text,
        version: row.try_get("version")?,
        updated_at: row.try_get("updated_at")?,
        content_at: row.try_get("content_at")?,
        content_by: row.try_get("content_by")?,
    }))
}

/// Fails with [`Error::FlowNotFound`] unless flow `id` is in the domain.
async fn require_flow(connection: &mut AnyConnection, domain_id: i64, id: i64) -> Result<()> {
    let mut exists = Sql::new("SELECT id FROM routing_schema WHERE id = ");
    exists.bind(id).push(" AND domain_id = ").bind(domain_id);
    match exists.fetch_optional(&mut *connection).await? {
        Some(_) => Ok(()),
        None => Err(Error::FlowNotFound(id)),
    }
}

/// Rows of `table` a statement inserts at most (SQLite takes 32,766 values in one).
const ROWS_PER_INSERT: usize = 500;

/// Replaces the rows of `table` that belong to flow `id` with `rows`: each row is the flow's
/// id, then what `bind_row` binds of the item and its position (each value after `, `), in the
/// order of `columns`.
async fn replace_rows<T>(
    connection: &mut AnyConnection,
    table: &str,
    columns: &str,
    id: i64,
    rows: &[T],
    bind_row: impl Fn(&mut Sql<'_>, &T, i64),
) -> Result<()> {
    let mut clear = Sql::new(&format!("DELETE FROM {table} WHERE schema_id = "));
    clear.bind(id);
    clear
        .execute(&mut *connection)
        .await
        .map_err(Error::from_database)?;
    for (chunk, part) in rows.chunks(ROWS_PER_INSERT).enumerate() {
        let mut insert = Sql::new(&format!(
            "INSERT INTO {table} (schema_id, {columns}) VALUES "
        ));
        for (index, row) in part.iter().enumerate() {
            if index > 0 {
                insert.push(", ");
            }
            insert.push("(").bind(id);
            bind_row(&mut insert, row, (chunk * ROWS_PER_INSERT + index) as i64);
            insert.push(")");
        }
        insert
            .execute(&mut *connection)
            .await
            .map_err(Error::from_database)?;
    }
    Ok(())
}

async fn write_tags(
    connection: &mut AnyConnection,
    domain_id: i64,
    id: i64,
    tags: &[Tag],
) -> Result<()> {
    replace_rows(
        connection,
        "routing_schema_tag",
        "domain_id, name, name_key, position",
        id,
        tags,
        |insert, tag, position| {
            insert
                .push(", ")
                .bind(domain_id)
                .push(", ")
                .bind(tag.name.clone())
                .push(", ")
                .bind(name_key(&tag.name))
                .push(", ")
                .bind(position);
        },
    )
    .await
}

/// Which reading of a flow wrote what the server derives from it (`derived_version`): its
/// references and its searched texts. Raised when what [`references`] or [`flow_texts`] finds
/// changes, so that each flow's rows are written again.
pub(super) const DERIVED_VERSION: i64 = 2;
/// Flows whose derived rows one transaction rewrites when the server starts.
const FLOWS_PER_REBUILD: i64 = 200;

/// `text` as a derived row stores it: PostgreSQL text cannot hold U+0000, which a schema's
/// values may (the schema itself keeps them, as escaped JSON), so it becomes U+FFFD.
fn storable(text: &str) -> String {
    text.replace('\0', "\u{fffd}")
}

/// Writes what flow `id` (named `name`) uses outside itself, as its `schema` says, in place of
/// what it used.
async fn write_references(
    connection: &mut AnyConnection,
    domain_id: i64,
    id: i64,
    name: &str,
    schema: &Value,
) -> Result<()> {
    let key = name_key(name);
    replace_rows(
        connection,
        "routing_schema_reference",
        "domain_id, name_key, position, kind, key, path, app",
        id,
        &references(schema),
        |insert, reference, position| {
            insert
                .push(", ")
                .bind(domain_id)
                .push(", ")
                .bind(key.clone())
                .push(", ")
                .bind(position)
                .push(", ")
                .bind(reference.kind.key().to_owned())
                .push(", ")
                .bind(storable(&reference.key))
                .push(", ")
                .bind(storable(&reference.path))
                .push(", ")
                .bind(storable(&reference.app));
        },
    )
    .await
}

/// Writes the texts a search inside flow `id` reads, in place of the ones it read.
async fn write_texts(
    connection: &mut AnyConnection,
    domain_id: i64,
    id: i64,
    content: &FlowContent,
) -> Result<()> {
    let tags: Vec<&str> = content.tags.iter().map(|tag| tag.name.as_str()).collect();
    let texts = flow_texts(
        &content.schema,
        &content.payload,
        &content.description,
        &tags,
    );
    replace_rows(
        connection,
        "routing_schema_text",
        "domain_id, position, source, place, app, body, folded",
        id,
        &texts,
        |insert, text, position| {
            insert
                .push(", ")
                .bind(domain_id)
                .push(", ")
                .bind(position)
                .push(", ")
                .bind(text.source.as_str().to_owned())
                .push(", ")
                .bind(storable(&text.place))
                .push(", ")
                .bind(storable(&text.app))
                .push(", ")
                .bind(storable(&text.text))
                .push(", ")
                .bind(storable(&fold(&text.text)));
        },
    )
    .await
}

/// An FTS5 query for the phrase `text`: quoted, its quotes doubled, so nothing in it is read as
/// query syntax.
fn fts_phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Maps a refused write: a second flow with the same name is the user's to fix.
fn name_conflict(name: &str) -> impl FnOnce(sqlx::Error) -> Error + '_ {
    move |error| {
        if is_unique_violation(&error) {
            Error::NameTaken(name.to_owned())
        } else {
            Error::from_database(error)
        }
    }
}

fn to_text(value: &Value) -> String {
    value.to_string()
}

/// The case-folded names `[from, to)` that can match `q`: those starting with its literal
/// start (what precedes the first `*`); `to` is `None` when there is no upper bound. Both
/// engines compare names byte by byte, and UTF-8 byte order is code point order.
fn prefix_range(q: &str) -> Option<(String, Option<String>)> {
    let prefix: String = q.to_lowercase().chars().take_while(|&c| c != '*').collect();
    if prefix.is_empty() {
        return None;
    }
    let mut to: Vec<char> = prefix.chars().collect();
    while let Some(last) = to.pop() {
        // The next code point, skipping the surrogates, which are no chars.
        if let Some(next) = (u32::from(last) + 1..=u32::from(char::MAX)).find_map(char::from_u32) {
            to.push(next);
            return Some((prefix, Some(to.into_iter().collect())));
        }
    }
    Some((prefix, None))
}

/// ` AND column LIKE q`, also bounded to [`prefix_range`] so that an index on the column can
/// serve it: SQLite never uses an index for a case-insensitive `LIKE` on a binary column, and
/// PostgreSQL not for a `LIKE` with a bound pattern in a generic plan.
fn push_name_match(sql: &mut Sql<'_>, column: &str, q: &str) {
    sql.push(" AND ")
        .push(column)
        .push(" LIKE ")
        .bind(like_pattern(q))
        .push(" ESCAPE '\\'");
    if let Some((from, to)) = prefix_range(q) {
        sql.push(" AND ").push(column).push(" >= ").bind(from);
        if let Some(to) = to {
            sql.push(" AND ").push(column).push(" < ").bind(to);
        }
    }
}

impl Store {
    /// One page of a domain's flows, and whether another page follows.
    pub async fn search_flows(
        &self,
        domain_id: i64,
        search: &SchemaSearch,
    ) -> Result<(Vec<RoutingSchema>, bool)> {
        let mut sql = Sql::new("SELECT ");
        sql.push(&column_list(&search.fields));
        from_clause(&mut sql, &search.fields, Some(search.sort.field));
        sql.push(" WHERE s.domain_id = ").bind(domain_id);
        if let Some(q) = &search.q {
            push_name_match(&mut sql, "s.name_key", q);
        }
        if let Some(name) = &search.name {
            sql.push(" AND s.name = ").bind(name.clone());
        }
        if !search.ids.is_empty() {
            sql.push(" AND s.id IN ")
                .bind_list(search.ids.iter().copied());
        }
        if !search.types.is_empty() {
            sql.push(" AND s.type IN ")
                .bind_list(search.types.iter().map(|kind| kind.as_str().to_owned()));
        }
        if search.diagram_only {
            sql.push(" AND s.editor = 1");
        }
        if !search.tags.is_empty() {
            sql.push(" AND EXISTS (SELECT 1 FROM routing_schema_tag t WHERE t.schema_id = s.id AND t.name IN ")
                .bind_list(search.tags.iter().cloned())
                .push(")");
        }
        if let Some(uses) = &search.uses {
            sql.push(" AND EXISTS (SELECT 1 FROM routing_schema_reference r WHERE r.domain_id = s.domain_id AND r.kind = ")
                .bind(uses.kind.key().to_owned())
                .push(" AND r.key = ")
                .bind(uses.key.clone())
                .push(" AND r.schema_id = s.id)");
        }
        let direction = if search.sort.descending {
            " DESC"
        } else {
            " ASC"
        };
        sql.push(" ORDER BY ")
            .push(sort_column(search.sort.field))
            .push(direction)
            .push(", s.id")
            .push(direction);

        let mut connection = self.pool.acquire().await.map_err(Error::from_database)?;
        let (found, next) = sql
            .fetch_page(search.paging(), &mut *connection, |row| {
                Ok((
                    row.try_get::<i64, _>("id")?,
                    entity_from_row(row, &search.fields)?,
                ))
            })
            .await?;
        let (ids, mut flows): (Vec<i64>, Vec<_>) = found.into_iter().unzip();
        attach_tags(&mut connection, &mut flows, &ids).await?;
        Ok((flows, next))
    }

    pub async fn flow(&self, domain_id: i64, id: i64) -> Result<RoutingSchema> {
        let mut connection = self.pool.acquire().await.map_err(Error::from_database)?;
        read_entity(&mut connection, domain_id, id)
            .await?
            .ok_or(Error::FlowNotFound(id))
    }

    pub async fn create_flow(
        &self,
        account: &Account,
        content: FlowContent,
    ) -> Result<RoutingSchema> {
        self.write(async |tx| {
            let now = now_millis();
            let mut insert = Sql::new(
                "INSERT INTO routing_schema (domain_id, name, name_key, description, type, editor, schema, payload, \
                 debug, version, note, created_at, created_by, updated_at, updated_by, content_at, content_by, \
                 derived_version) VALUES (",
            );
            insert
                .bind(account.domain_id)
                .push(", ")
                .bind(content.name.clone())
                .push(", ")
                .bind(name_key(&content.name))
                .push(", ")
                .bind(content.description.clone())
                .push(", ")
                .bind(content.flow_type.as_str().to_owned())
                .push(", ")
                .bind(i64::from(content.editor))
                .push(", ")
                .bind(to_text(&content.schema))
                .push(", ")
                .bind(to_text(&content.payload))
                .push(", ")
                .bind(i64::from(content.debug))
                .push(", ")
                .bind(1i64)
                .push(", ")
                .bind(content.note.clone())
                .push(", ")
                .bind(now)
                .push(", ")
                .bind(account.user_id)
                .push(", ")
                .bind(now)
                .push(", ")
                .bind(account.user_id)
                .push(", ")
                .bind(now)
                .push(", ")
                .bind(account.user_id)
                .push(", ")
                .bind(DERIVED_VERSION)
                .push(") RETURNING id");
            let row = match insert.fetch_optional(&mut *tx).await {
                Ok(row) => row.ok_or_else(|| Error::Internal("flow insert returned nothing".into()))?,
                Err(Error::Database(error)) => return Err(name_conflict(&content.name)(error)),
                Err(error) => return Err(error),
            };
            let id: i64 = row.try_get("id")?;
            write_tags(tx, account.domain_id, id, &content.tags).await?;
            write_references(tx, account.domain_id, id, &content.name, &content.schema).await?;
            write_texts(tx, account.domain_id, id, &content).await?;
            let flow = read_entity(tx, account.domain_id, id)
                .await?
                .ok_or(Error::FlowNotFound(id))?;
            Ok(flow)
        })
        .await
    }

    /// Changes a flow: `change` gets the stored content and returns the new one. With
    /// `if_match`, a flow changed since that `updated_at` is left alone (409). Without it, a
    /// write that raced another one is tried again on the newer content.
    pub async fn update_flow<F>(
        &self,
        account: &Account,
        id: i64,
        if_match: Option<i64>,
        change: F,
    ) -> Result<RoutingSchema>
    where
        F: Fn(FlowContent) -> Result<FlowContent>,
    {
        const ATTEMPTS: usize = 3;
        let mut attempt = 1;
        loop {
            match self.try_update_flow(account, id, if_match, &change).await {
                Err(Error::StaleWrite { .. }) if if_match.is_none() && attempt < ATTEMPTS => {
                    attempt += 1
                }
                result => return result,
            }
        }
    }

    async fn try_update_flow<F>(
        &self,
        account: &Account,
        id: i64,
        if_match: Option<i64>,
        change: &F,
    ) -> Result<RoutingSchema>
    where
        F: Fn(FlowContent) -> Result<FlowContent>,
    {
        self.write(async |tx| {
            let stored = read_stored(tx, account.domain_id, id)
                .await?
                .ok_or(Error::FlowNotFound(id))?;
            if if_match.is_some_and(|expected| expected != stored.updated_at) {
                return Err(Error::StaleWrite {
                    id,
                    current: stored.updated_at,
                });
            }
            let next = change(stored.content.clone())?;
            let (schema_text, payload_text) = (to_text(&next.schema), to_text(&next.payload));
            let schema_changed = schema_text != stored.schema_text;
            let content_changed = schema_changed || payload_text != stored.payload_text;
            let updated_at = now_millis().max(stored.updated_at + 1);

            // Updating first takes the row: of two racing writers, the second finds nothing to update.
            let mut update = Sql::new("UPDATE routing_schema SET name = ");
            update
                .bind(next.name.clone())
                .push(", name_key = ")
                .bind(name_key(&next.name))
                .push(", description = ")
                .bind(next.description.clone())
                .push(", type = ")
                .bind(next.flow_type.as_str().to_owned())
                .push(", editor = ")
                .bind(i64::from(next.editor))
                .push(", schema = ")
                .bind(schema_text)
                .push(", payload = ")
                .bind(payload_text)
                .push(", debug = ")
                .bind(i64::from(next.debug))
                .push(", version = ")
                .bind(stored.version + i64::from(content_changed))
                .push(", note = ")
                .bind(if content_changed {
                    next.note.clone()
                } else {
                    stored.content.note.clone()
                })
                .push(", updated_at = ")
                .bind(updated_at)
                .push(", updated_by = ")
                .bind(account.user_id)
                .push(", content_at = ")
                .bind(if content_changed {
                    updated_at
                } else {
                    stored.content_at
                })
                .push(", content_by = ")
                .bind(if content_changed {
                    Some(account.user_id)
                } else {
                    stored.content_by
                })
                .push(" WHERE id = ")
                .bind(id)
                .push(" AND domain_id = ")
                .bind(account.domain_id)
                .push(" AND updated_at = ")
                .bind(stored.updated_at);
            let changed = update
                .execute(&mut *tx)
                .await
                .map_err(name_conflict(&next.name))?;
            if changed == 0 {
                return Err(Error::StaleWrite {
                    id,
                    current: stored.updated_at,
                });
            }
            if content_changed {
                let mut keep = Sql::new(
                    "INSERT INTO routing_schema_version (schema_id, version, created_at, created_by, schema, payload, note) VALUES (",
                );
                keep.bind(id)
                    .push(", ")
                    .bind(stored.version)
                    .push(", ")
                    .bind(stored.content_at)
                    .push(", ")
                    .bind(stored.content_by)
                    .push(", ")
                    .bind(stored.schema_text)
                    .push(", ")
                    .bind(stored.payload_text)
                    .push(", ")
                    .bind(stored.content.note.clone())
                    .push(")");
                keep.execute(&mut *tx).await.map_err(Error::from_database)?;
                let mut prune = Sql::new("DELETE FROM routing_schema_version WHERE schema_id = ");
                prune
                    .bind(id)
                    .push(" AND version <= ")
                    .bind(stored.version - self.options.versions_kept);
                prune
                    .execute(&mut *tx)
                    .await
                    .map_err(Error::from_database)?;
            }
            if next.tags != stored.content.tags {
                write_tags(tx, account.domain_id, id, &next.tags).await?;
            }
            if schema_changed {
                write_references(tx, account.domain_id, id, &next.name, &next.schema).await?;
            } else if name_key(&next.name) != name_key(&stored.content.name) {
                let mut renamed = Sql::new("UPDATE routing_schema_reference SET name_key = ");
                renamed
                    .bind(name_key(&next.name))
                    .push(" WHERE schema_id = ")
                    .bind(id);
                renamed
                    .execute(&mut *tx)
                    .await
                    .map_err(Error::from_database)?;
            }
            if content_changed
                || next.description != stored.content.description
                || next.tags != stored.content.tags
            {
                write_texts(tx, account.domain_id, id, &next).await?;
            }
            let flow = read_entity(tx, account.domain_id, id)
                .await?
                .ok_or(Error::FlowNotFound(id))?;
            Ok(flow)
        })
        .await
    }

    /// Deletes a flow with its tags and versions; returns what was deleted.
    pub async fn delete_flow(
        &self,
        account: &Account,
        id: i64,
        if_match: Option<i64>,
    ) -> Result<RoutingSchema> {
        self.write(async |tx| {
            let flow = read_entity(tx, account.domain_id, id)
                .await?
                .ok_or(Error::FlowNotFound(id))?;
            let current = flow.updated_at.unwrap_or_default();
            if if_match.is_some_and(|expected| expected != current) {
                return Err(Error::StaleWrite { id, current });
            }
            let mut delete = Sql::new("DELETE FROM routing_schema WHERE id = ");
            delete
                .bind(id)
                .push(" AND domain_id = ")
                .bind(account.domain_id)
                .push(" AND updated_at = ")
                .bind(current);
            if delete
                .execute(&mut *tx)
                .await
                .map_err(Error::from_database)?
                == 0
            {
                return Err(Error::StaleWrite { id, current });
            }
            Ok(flow)
        })
        .await
    }

    /// What flow `id` uses outside itself, in the order of their places in its schema.
    pub async fn flow_references(&self, domain_id: i64, id: i64) -> Result<Vec<FlowReference>> {
        let mut connection = self.pool.acquire().await.map_err(Error::from_database)?;
        require_flow(&mut connection, domain_id, id).await?;
        let mut sql = Sql::new(
            "SELECT kind, key, path, app FROM routing_schema_reference WHERE schema_id = ",
        );
        sql.bind(id).push(" ORDER BY position");
        sql.fetch_all(&mut *connection)
            .await?
            .iter()
            .map(|row| {
                Ok(FlowReference {
                    kind: row.try_get("kind")?,
                    key: row.try_get("key")?,
                    path: row.try_get("path")?,
                    app: row.try_get("app")?,
                })
            })
            .collect()
    }

    /// The flows of a domain that use an object, and where: by name, then place.
    pub async fn reference_uses(
        &self,
        domain_id: i64,
        search: &ReferenceSearch,
    ) -> Result<(Vec<ReferenceUse>, bool)> {
        let mut sql = Sql::new(
            "SELECT s.id, s.name, s.type, r.path, r.app FROM routing_schema_reference r \
             JOIN routing_schema s ON s.id = r.schema_id WHERE r.domain_id = ",
        );
        sql.bind(domain_id)
            .push(" AND r.kind = ")
            .bind(search.uses.kind.key().to_owned())
            .push(" AND r.key = ")
            .bind(search.uses.key.clone())
            .push(" ORDER BY r.name_key, r.schema_id, r.position");
        sql.fetch_page(search.paging, &self.pool, |row| {
            Ok(ReferenceUse {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                flow_type: flow_type(&row.try_get::<String, _>("type")?)?,
                path: row.try_get("path")?,
                app: row.try_get("app")?,
            })
        })
        .await
    }

    /// The objects of one kind a domain's flows use (those whose key starts with `q`), by key,
    /// each with how many flows use it.
    pub async fn used_objects(
        &self,
        domain_id: i64,
        search: &UsedObjectSearch,
    ) -> Result<(Vec<UsedObject>, bool)> {
        let mut sql = Sql::new(
            "SELECT key, COUNT(DISTINCT schema_id) AS flows FROM routing_schema_reference WHERE domain_id = ",
        );
        sql.bind(domain_id)
            .push(" AND kind = ")
            .bind(search.kind.key().to_owned());
        if let Some(q) = &search.q {
            // Keys start with `q` as typed, or in lower case (both engines' LOWER folds ASCII).
            let starts = |text: &str| {
                let pattern = contains_pattern(text);
                format!("{}%", &pattern[1..pattern.len() - 1])
            };
            sql.push(" AND (key LIKE ")
                .bind(starts(q))
                .push(" ESCAPE '\\' OR LOWER(key) LIKE ")
                .bind(starts(&fold(q)))
                .push(" ESCAPE '\\')");
        }
        sql.push(" GROUP BY key ORDER BY key");
        sql.fetch_page(search.paging, &self.pool, |row| {
            Ok(UsedObject {
                key: row.try_get("key")?,
                flows: row.try_get::<i64, _>("flows")?.max(0) as u64,
            })
        })
        .await
    }

    /// Writes again what the server derives from every flow an older reading wrote (all of
    /// them, the first time), a batch of flows per transaction. A flow another server rewrites
    /// meanwhile is left to it.
    pub(super) async fn rebuild_derived(&self) -> Result<()> {
        loop {
            let mut stale = Sql::new(
                "SELECT id, domain_id, name, schema, payload, description FROM routing_schema WHERE derived_version < ",
            );
            stale
                .bind(DERIVED_VERSION)
                .push(" ORDER BY id LIMIT ")
                .bind(FLOWS_PER_REBUILD);
            let rows = {
                let mut connection = self.pool.acquire().await.map_err(Error::from_database)?;
                stale.fetch_all(&mut *connection).await?
            };
            if rows.is_empty() {
                return Ok(());
            }
            // A value that does not read stands for nothing: it must not keep the server from
            // starting (reading the flow answers why).
            let json = |row: &AnyRow, column: &str| -> Result<Value> {
                let text: String = row.try_get(column)?;
                Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
            };
            let flows = rows
                .iter()
                .map(|row| {
                    let content = FlowContent {
                        name: row.try_get("name")?,
                        description: row.try_get("description")?,
                        flow_type: FlowType::default(),
                        editor: false,
                        schema: json(row, "schema")?,
                        payload: json(row, "payload")?,
                        debug: false,
                        tags: Vec::new(),
                        note: String::new(),
                    };
                    Ok((row.try_get("id")?, row.try_get("domain_id")?, content))
                })
                .collect::<Result<Vec<(i64, i64, FlowContent)>>>()?;
            self.write(async |tx| {
                for (id, domain_id, content) in &flows {
                    // Taking the row first: of two servers starting together, one writes it.
                    let mut claim = Sql::new("UPDATE routing_schema SET derived_version = ");
                    claim
                        .bind(DERIVED_VERSION)
                        .push(" WHERE id = ")
                        .bind(*id)
                        .push(" AND derived_version < ")
                        .bind(DERIVED_VERSION);
                    if claim
                        .execute(&mut *tx)
                        .await
                        .map_err(Error::from_database)?
                        == 1
                    {
                        let mut tags =
                            Sql::new("SELECT name FROM routing_schema_tag WHERE schema_id = ");
                        tags.bind(*id).push(" ORDER BY position");
                        let tags = tags
                            .fetch_all(&mut *tx)
                            .await?
                            .iter()
                            .map(|row| row.try_get::<String, _>("name").map(Tag::new))
                            .collect::<Result<Vec<_>, _>>()?;
                        let content = FlowContent {
                            tags,
                            ..content.clone()
                        };
                        write_references(tx, *domain_id, *id, &content.name, &content.schema)
                            .await?;
                        write_texts(tx, *domain_id, *id, &content).await?;
                    }
                }
                Ok(())
            })
            .await?;
        }
    }

    /// Where a domain's flows hold text `search.q` (case folded): steps, descriptions, tags
    /// and diagram notes, by flow name, then place, each with the line it is in.
    pub async fn search_texts(
        &self,
        domain_id: i64,
        search: &TextSearch,
    ) -> Result<(Vec<TextMatch>, bool)> {
        let folded = fold(&search.q);
        let mut sql = Sql::new(
            "SELECT s.id, s.name, s.type, s.editor, t.source, t.place, t.app, t.body \
             FROM routing_schema_text t JOIN routing_schema s ON s.id = t.schema_id WHERE t.domain_id = ",
        );
        sql.bind(domain_id);
        // The engine's own index finds the candidate rows; `LIKE` keeps those that hold the
        // text as written (and serves texts too short for a trigram).
        if self.backend == Backend::Sqlite && folded.chars().count() >= 3 {
            sql.push(" AND t.id IN (SELECT rowid FROM routing_schema_text_index WHERE routing_schema_text_index MATCH ")
                .bind(fts_phrase(&folded))
                .push(")");
        }
        sql.push(" AND t.folded LIKE ")
            .bind(contains_pattern(&folded))
            .push(" ESCAPE '\\'");
        if !search.types.is_empty() {
            sql.push(" AND s.type IN ")
                .bind_list(search.types.iter().map(|kind| kind.as_str().to_owned()));
        }
        sql.push(" ORDER BY s.name_key, s.id, t.position");
        sql.fetch_page(search.paging, &self.pool, |row| {
            let body: String = row.try_get("body")?;
            let source: String = row.try_get("source")?;
            Ok(TextMatch {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                flow_type: flow_type(&row.try_get::<String, _>("type")?)?,
                editor: flag(row, "editor")?,
                source: TextSource::from_key(&source)
                    .ok_or_else(|| Error::Corrupt(format!("text source {source:?}")))?,
                place: row.try_get("place")?,
                app: row.try_get("app")?,
                snippet: snippet(&body, &search.q).unwrap_or_default(),
            })
        })
        .await
    }

    /// Distinct tags of a domain's flows.
    pub async fn search_tags(
        &self,
        domain_id: i64,
        search: &TagSearch,
    ) -> Result<(Vec<Tag>, bool)> {
        let mut sql = Sql::new("SELECT DISTINCT t.name FROM routing_schema_tag t");
        if !search.types.is_empty() {
            sql.push(" JOIN routing_schema s ON s.id = t.schema_id AND s.type IN ")
                .bind_list(search.types.iter().map(|kind| kind.as_str().to_owned()));
        }
        sql.push(" WHERE t.domain_id = ").bind(domain_id);
        if let Some(q) = &search.q {
            push_name_match(&mut sql, "t.name_key", q);
        }
        sql.push(" ORDER BY t.name")
            .push(if search.descending { " DESC" } else { " ASC" });
        sql.fetch_page(search.paging(), &self.pool, |row| {
            Ok(Tag::new(row.try_get::<String, _>("name")?))
        })
        .await
    }

    /// Earlier versions of a flow, newest first.
    pub async fn versions(
        &self,
        domain_id: i64,
        id: i64,
        paging: Paging,
    ) -> Result<(Vec<SchemaVersion>, bool)> {
        let mut connection = self.pool.acquire().await.map_err(Error::from_database)?;
        require_flow(&mut connection, domain_id, id).await?;
        let mut sql = Sql::new(
            "SELECT v.id, v.schema_id, v.version, v.created_at, v.created_by, u.username AS created_by_name, \
             v.schema, v.payload, v.note FROM routing_schema_version v \
             LEFT JOIN app_user u ON u.id = v.created_by WHERE v.schema_id = ",
        );
        sql.bind(id).push(" ORDER BY v.version DESC");
        sql.fetch_page(paging, &mut *connection, |row| {
            Ok(SchemaVersion {
                id: row.try_get("id")?,
                schema_id: row.try_get("schema_id")?,
                version: row.try_get("version")?,
                created_at: row.try_get("created_at")?,
                created_by: user_ref(row, "created_by", "created_by_name")?,
                schema: parse_json(&row.try_get::<String, _>("schema")?, "schema")?,
                payload: parse_json(&row.try_get::<String, _>("payload")?, "payload")?,
                note: row.try_get("note")?,
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_ranges_bound_what_the_pattern_can_match() {
        let range = prefix_range;
        let bounded = |from: &str, to: &str| Some((from.to_owned(), Some(to.to_owned())));
        assert_eq!(range("Bil*"), bounded("bil", "bim"));
        assert_eq!(range("ab*cd*"), bounded("ab", "ac"));
        assert_eq!(range("Exact"), bounded("exact", "exacu"));
        assert_eq!(range("50%_"), bounded("50%_", "50%`"));
        assert_eq!(range("\u{d7ff}"), bounded("\u{d7ff}", "\u{e000}"));
        assert_eq!(range("a\u{10ffff}"), bounded("a\u{10ffff}", "b"));
        assert_eq!(range("\u{10ffff}"), Some(("\u{10ffff}".to_owned(), None)));
        assert_eq!(range("*ivr"), None);
        assert_eq!(range(""), None);
    }
}
