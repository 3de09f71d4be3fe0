//! A flow's versions (`engine.SchemaVersion`): the engine's own paging, order and columns,
//! applied to every version our server keeps.

use super::errors::WireError;
use super::{int64_string, list, lookup, omit_zero_values};
use serde_json::{Map, Value};
use std::cmp::Ordering;

/// The page size when none (or one out of range) is asked for, and the largest one
/// (webitel/engine `model/search_list.go`: `PER_PAGE_DEFAULT = 40`,
/// `PER_PAGE_MAXIMUM = 20000`).
pub const DEFAULT_SIZE: i64 = 40;
pub const MAX_SIZE: i64 = 20_000;

/// The columns of a version: the name the engine's query takes (webitel/engine
/// `store/sqlstore/scheme_versions_store.go`, `schemeVersionsSelectFieldsMap`) and the field
/// of ours it comes from, in `engine.SchemaVersion`'s field order (webitel/engine
/// `gen/engine/schema_version.pb.go`: id, schema_id, created_at, created_by, schema, payload,
/// version, note).
pub const COLUMNS: [(&str, &str); 8] = [
    ("id", "id"),
    ("scheme_id", "schema_id"),
    ("created_at", "created_at"),
    ("created_by", "created_by"),
    ("scheme", "schema"),
    ("payload", "payload"),
    ("version", "version"),
    ("note", "note"),
];

/// How the engine would order versions: only when `sort` asks (there is no default order).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct VersionSort {
    /// A column of [`COLUMNS`].
    pub column: &'static str,
    pub descending: bool,
}

/// A versions query as the engine reads it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct VersionQuery {
    /// 0 and 1 both mean the first page.
    pub page: i64,
    /// Effective page size, 1..=[`MAX_SIZE`].
    pub size: i64,
    pub sort: Option<VersionSort>,
    /// The columns asked for, each once (all of them when `fields` is not given).
    pub columns: Vec<&'static str>,
    /// A `fields` name outside the engine's map: the database refuses the query, after the
    /// token and the right to read were checked.
    pub unknown_column: Option<String>,
}

impl VersionQuery {
    /// The engine's answer when a `fields` name is no column: the store's query fails with
    /// the database's code, a 500 `store.sql_scheme_version.get.app_error`
    /// (webitel/engine `store/sqlstore/scheme_versions_store.go`, `Search`; the detail is the
    /// driver's message, approximated).
    pub fn column_error(&self) -> Option<WireError> {
        self.unknown_column.as_ref().map(|column| {
            WireError::new(
                500,
                "store.sql_scheme_version.get.app_error",
                format!("pq: column \"{column}\" does not exist"),
            )
        })
    }
}

fn parameter_error(name: &str, value: &str) -> WireError {
    // The gateway refuses a non-number for an int32 parameter; its error body is not in any
    // public source, so this one is in the engine's shape with our server's id.
    WireError::new(
        400,
        "app.request.parameter.invalid",
        format!("{name}={value:?}: expected a 32-bit integer"),
    )
}

/// An int32 query parameter (`page`, `size`), as the gateway reads it.
fn int32_parameter(name: &str, value: &str) -> Result<i64, WireError> {
    value
        .trim()
        .parse::<i32>()
        .map(i64::from)
        .map_err(|_| parameter_error(name, value))
}

/// Reads the query of `GET /routing/schema/{schema_id}/versions` the way the engine does
/// (webitel/engine `model/search_list.go`, `ExtractSearchOptions` and `ConvertSort`;
/// `store/sqlstore/scheme_versions_store.go`, `GetQueryBaseFromSearchOptions`):
///
/// - `size` ≤ 0 or over 20000 means 40; `page` ≤ 0 means the first page.
/// - `sort` is `+column` or `-column`, nothing else (a `+` that arrived unescaped decodes to a
///   space and so asks for no order); it orders only by a column of the filter map, any other
///   name orders nothing. Without `sort` the query has no `ORDER BY` at all.
/// - `fields` picks columns by the query's names (`scheme_id`, `scheme`, not `schema_id`,
///   `schema`); a name outside the map is put into the SQL as it is, which the database
///   refuses ([`VersionQuery::column_error`]).
/// - `q` is read but the query never uses it.
pub fn versions_query(pairs: &[(String, String)]) -> Result<VersionQuery, WireError> {
    let mut page = 0;
    let mut size = 0;
    let mut sort = None;
    let mut columns: Vec<&'static str> = Vec::new();
    let mut unknown_column = None;
    for (key, value) in pairs {
        match key.as_str() {
            "page" => page = int32_parameter(key, value)?,
            "size" => size = int32_parameter(key, value)?,
            "sort" => sort = convert_sort(value),
            "fields" => match COLUMNS.iter().find(|(column, _)| column == value) {
                Some((column, _)) if !columns.contains(column) => columns.push(column),
                Some(_) => {}
                None => {
                    unknown_column.get_or_insert_with(|| value.clone());
                }
            },
            _ => {}
        }
    }
    if columns.is_empty() {
        columns = COLUMNS.iter().map(|(column, _)| *column).collect();
    }
    Ok(VersionQuery {
        page: page.max(0),
        size: if (1..=MAX_SIZE).contains(&size) {
            size
        } else {
            DEFAULT_SIZE
        },
        sort,
        columns,
        unknown_column,
    })
}

/// `ConvertSort`, then the store's check that the column is in its filter map.
fn convert_sort(text: &str) -> Option<VersionSort> {
    let descending = match text.as_bytes().first() {
        Some(b'+') => false,
        Some(b'-') => true,
        _ => return None,
    };
    if text.len() < 2 {
        return None;
    }
    let column = COLUMNS.iter().find(|(column, _)| *column == &text[1..])?.0;
    Some(VersionSort { column, descending })
}

/// What a version is ordered by: a number, or a text; `None` is SQL's NULL.
#[derive(PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Key {
    Number(Option<i64>),
    Text(Option<String>),
}

fn number(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::Number(number) => number.as_i64(),
        Value::String(text) => text.parse().ok(),
        _ => None,
    }
}

fn sort_key(version: &Value, column: &str) -> Option<Key> {
    Some(match column {
        "id" => Key::Number(number(version.get("id"))),
        "scheme_id" => Key::Number(number(version.get("schema_id"))),
        "created_at" => Key::Number(number(version.get("created_at"))),
        "version" => Key::Number(number(version.get("version"))),
        // The column holds the user's id (the filter map names `scheme_version.created_by`).
        "created_by" => Key::Number(number(
            version.get("created_by").and_then(|by| by.get("id")),
        )),
        "note" => Key::Text(
            version
                .get("note")
                .and_then(Value::as_str)
                .map(str::to_owned),
        ),
        // Ordering by a jsonb column follows PostgreSQL's jsonb ordering, which the double
        // does not reproduce: such a sort leaves the rows as they are.
        _ => return None,
    })
}

/// PostgreSQL's order: NULLs last ascending, first descending.
fn compare(left: &Option<Key>, right: &Option<Key>, descending: bool) -> Ordering {
    let is_null =
        |key: &Option<Key>| matches!(key, None | Some(Key::Number(None)) | Some(Key::Text(None)));
    let ordering = match (is_null(left), is_null(right)) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => left.cmp(right),
    };
    if descending {
        ordering.reverse()
    } else {
        ordering
    }
}

/// One version of ours as `engine.SchemaVersion` with the asked `columns`: ids and `version`
/// (a uint64) as strings, a null schema or payload left out, and `created_by` always there,
/// `{}` when there is no one or it was not asked for (webitel/engine
/// `grpc_api/scheme_version.go`, `transformSchemeVersion`, sets `CreatedBy:
/// &engine.Lookup{…}` for every row).
pub fn version_item(ours: &Value, columns: &[&str]) -> Value {
    let mut message = Map::new();
    for (column, field) in COLUMNS {
        let value = if column == "created_by" {
            let by = ours
                .get(field)
                .filter(|_| columns.contains(&column))
                .map(lookup)
                .filter(Value::is_object);
            by.unwrap_or_else(|| Value::Object(Map::new()))
        } else if !columns.contains(&column) {
            continue;
        } else {
            let Some(value) = ours.get(field) else {
                continue;
            };
            match field {
                "id" | "schema_id" | "created_at" | "version" => int64_string(value),
                _ => value.clone(),
            }
        };
        message.insert(field.to_owned(), value);
    }
    let mut message = Value::Object(message);
    omit_zero_values(&mut message);
    message
}

/// One page of `versions` (every version of the flow, as our server lists them) as the engine
/// answers `query`. Without a `sort`, the query has no `ORDER BY` and PostgreSQL gives the
/// rows in no promised order; the double gives them oldest first (ascending id, the order they
/// were written in), which is deliberately not the newest-first order our server promises, so
/// a client that relies on an order it did not ask for shows. Paging: `limit size+1`,
/// `offset (page-1)*size`, and `next` when the extra row came (`model/search_list.go`,
/// `RemoveLastElemIfNeed`).
pub fn versions_page(mut versions: Vec<Value>, query: &VersionQuery) -> Value {
    versions.sort_by_key(|version| number(version.get("id")));
    if let Some(sort) = query.sort {
        versions.sort_by(|left, right| {
            compare(
                &sort_key(left, sort.column),
                &sort_key(right, sort.column),
                sort.descending,
            )
        });
    }
    let offset = usize::try_from((query.page - 1).max(0) * query.size).unwrap_or(usize::MAX);
    let size = usize::try_from(query.size).unwrap_or(0);
    let mut page: Vec<Value> = versions
        .iter()
        .skip(offset)
        .take(size + 1)
        .map(|version| version_item(version, &query.columns))
        .collect();
    let next = page.len() > size;
    page.truncate(size);
    list(page, next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(key, value)| (key.to_string(), value.to_string()))
            .collect()
    }

    /// A version as our server lists it (`version` a string; the test below gives a number,
    /// as our server once did: both are read).
    fn ours(id: i64, version: i64, note: &str) -> Value {
        json!({"id": id.to_string(), "schema_id": "9", "version": version.to_string(),
               "created_at": (1000 + id).to_string(),
               "created_by": {"id": "1", "name": "admin"},
               "schema": [{"answer": ""}], "payload": {}, "note": note})
    }

    #[test]
    fn a_version_has_a_string_version_and_no_null_schema() {
        let item = version_item(
            &json!({"id": "3", "schema_id": "9", "version": 2, "created_at": "5",
                    "created_by": null, "schema": null, "payload": null, "note": ""}),
            &COLUMNS.map(|(column, _)| column),
        );
        assert_eq!(
            item,
            json!({"id": "3", "schema_id": "9", "created_at": "5", "created_by": {},
                   "version": "2"})
        );
    }

    #[test]
    fn the_query_follows_the_engine() {
        let query = versions_query(&pairs(&[("page", "0"), ("size", "0")])).unwrap();
        assert_eq!((query.page, query.size, query.sort), (0, 40, None));
        assert_eq!(query.columns.len(), 8);
        let query = versions_query(&pairs(&[
            ("size", "20001"),
            ("sort", "-version"),
            ("fields", "version"),
            ("fields", "scheme"),
            ("q", "ignored"),
        ]))
        .unwrap();
        assert_eq!(query.size, 40);
        assert_eq!(
            query.sort,
            Some(VersionSort {
                column: "version",
                descending: true
            })
        );
        assert_eq!(query.columns, ["version", "scheme"]);
        for no_order in [" version", "version", "-schema_id", "-", "+bogus"] {
            let query = versions_query(&pairs(&[("sort", no_order)])).unwrap();
            assert_eq!(query.sort, None, "{no_order}");
        }
        let bad = versions_query(&pairs(&[("fields", "schema")])).unwrap();
        let error = bad.column_error().unwrap();
        assert_eq!(
            (error.http_status, error.id.as_str()),
            (500, "store.sql_scheme_version.get.app_error")
        );
        assert_eq!(error.detail, "pq: column \"schema\" does not exist");
        assert!(query.column_error().is_none());
        assert_eq!(
            versions_query(&pairs(&[("page", "x")]))
                .unwrap_err()
                .http_status,
            400
        );
    }

    #[test]
    fn without_sort_versions_come_oldest_first_and_with_it_as_asked() {
        let all = vec![ours(3, 3, "c"), ours(1, 1, ""), ours(2, 2, "b")];
        let plain = versions_page(all.clone(), &versions_query(&[]).unwrap());
        let order: Vec<&str> = plain["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["version"].as_str().unwrap())
            .collect();
        assert_eq!(order, ["1", "2", "3"]);
        let newest = versions_page(
            all.clone(),
            &versions_query(&pairs(&[("sort", "-version")])).unwrap(),
        );
        assert_eq!(newest["items"][0]["version"], "3");
        assert!(
            newest["items"][2].get("note").is_none(),
            "an empty note is left out"
        );
        let by_note = versions_page(all, &versions_query(&pairs(&[("sort", "+note")])).unwrap());
        assert_eq!(by_note["items"][0]["note"], json!(null), "'' sorts first");
        assert_eq!(by_note["items"][1]["note"], "b");
    }

    #[test]
    fn pages_and_columns() {
        let all: Vec<Value> = (1..=5).map(|id| ours(id, id, "n")).collect();
        let first = versions_page(
            all.clone(),
            &versions_query(&pairs(&[("size", "2"), ("fields", "version")])).unwrap(),
        );
        assert_eq!(
            first,
            json!({"next": true, "items": [{"created_by": {}, "version": "1"},
                                            {"created_by": {}, "version": "2"}]})
        );
        let last = versions_page(
            all.clone(),
            &versions_query(&pairs(&[("size", "2"), ("page", "3")])).unwrap(),
        );
        assert_eq!(last["items"].as_array().unwrap().len(), 1);
        assert!(last.get("next").is_none());
        assert_eq!(
            last["items"][0]["created_by"],
            json!({"id": "1", "name": "admin"})
        );
        assert_eq!(
            versions_page(Vec::new(), &versions_query(&[]).unwrap()),
            json!({})
        );
    }

    #[test]
    fn nulls_sort_last_ascending_and_first_descending() {
        let with = Some(Key::Number(Some(1)));
        let without = Some(Key::Number(None));
        assert_eq!(compare(&with, &without, false), Ordering::Less);
        assert_eq!(compare(&with, &without, true), Ordering::Greater);
        assert_eq!(compare(&None, &None, false), Ordering::Equal);
    }
}
