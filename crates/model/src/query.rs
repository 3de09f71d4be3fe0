//! Search parameters of `/routing/schema` and `/routing/schema/tags`: parsed from URL query
//! pairs with a precise error for each bad value, and written back to pairs by the SPA.

use crate::api::FlowType;
use crate::catalog::Object;
use crate::fields::SchemaField;
use crate::l10n::{Locale, Text};
use thiserror::Error;

/// The page size the API answers with when a request gives no `size`, or one out of range.
pub const API_DEFAULT_PAGE_SIZE: u32 = 40;
/// The largest `size` the API takes.
pub const MAX_PAGE_SIZE: u32 = 20_000;

/// A parameter that cannot be read, and why (`locales/*/rules.ftl`).
#[derive(Error, Debug, Clone, PartialEq, Eq)]
#[error("{parameter}={value:?}: {reason}")]
pub struct QueryError {
    pub parameter: String,
    pub value: String,
    pub reason: Text,
}

impl QueryError {
    pub fn new(parameter: &str, value: &str, reason: Text) -> Self {
        Self {
            parameter: parameter.to_owned(),
            value: value.to_owned(),
            reason,
        }
    }

    /// The parameter, its value and why, in `locale`'s words.
    pub fn message(&self, locale: Locale) -> String {
        format!(
            "{}={:?}: {}",
            self.parameter,
            self.value,
            self.reason.in_locale(locale)
        )
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum SortField {
    Name,
    Type,
    Editor,
    CreatedAt,
    UpdatedAt,
    CreatedBy,
    UpdatedBy,
}

impl SortField {
    pub const ALL: [SortField; 7] = [
        Self::Name,
        Self::Type,
        Self::Editor,
        Self::CreatedAt,
        Self::UpdatedAt,
        Self::CreatedBy,
        Self::UpdatedBy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Type => "type",
            Self::Editor => "editor",
            Self::CreatedAt => "created_at",
            Self::UpdatedAt => "updated_at",
            Self::CreatedBy => "created_by",
            Self::UpdatedBy => "updated_by",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct Sort {
    pub field: SortField,
    pub descending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Self {
            field: SortField::CreatedAt,
            descending: true,
        }
    }
}

impl Sort {
    pub fn ascending(field: SortField) -> Self {
        Self {
            field,
            descending: false,
        }
    }

    pub fn descending(field: SortField) -> Self {
        Self {
            field,
            descending: true,
        }
    }

    /// `+name`, `-name` or `name`. A `+` that arrived unescaped in a URL decodes to a space,
    /// which is read as `+` too.
    fn parse(parameter: &str, text: &str) -> Result<Self, QueryError> {
        let (descending, name) = match text.trim_start_matches(' ') {
            rest if rest.len() < text.len() => (false, rest),
            _ => match text.as_bytes().first() {
                Some(b'-') => (true, &text[1..]),
                Some(b'+') => (false, &text[1..]),
                _ => (false, text),
            },
        };
        let field = SortField::ALL
            .into_iter()
            .find(|field| field.as_str() == name)
            .ok_or_else(|| QueryError::new(parameter, text, Text::new("query-unknown-sort")))?;
        Ok(Self { field, descending })
    }

    /// The parameter value, with `+`/`-` always written.
    pub fn to_param(self) -> String {
        format!(
            "{}{}",
            if self.descending { '-' } else { '+' },
            self.field.as_str()
        )
    }
}

impl SchemaField {
    pub fn parse(parameter: &str, text: &str) -> Result<Self, QueryError> {
        Self::from_name(text)
            .ok_or_else(|| QueryError::new(parameter, text, Text::new("query-unknown-field")))
    }
}

/// Parameters of the flow search. Built by the SPA, parsed by the server.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SchemaSearch {
    /// 1-based.
    pub page: u32,
    pub size: u32,
    /// Case-insensitive name pattern, `*` a wildcard.
    pub q: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    pub ids: Vec<i64>,
    pub types: Vec<FlowType>,
    /// Only diagram flows.
    pub diagram_only: bool,
    /// Flows with any of these tags.
    pub tags: Vec<String>,
    /// Flows that use this object (`uses=queue:12`).
    pub uses: Option<Uses>,
    pub sort: Sort,
    pub fields: Vec<SchemaField>,
}

/// An outside object flows may use: its kind and its key (`queue:12`, `global:token`).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Uses {
    pub kind: Object,
    pub key: String,
}

impl Uses {
    /// Reads `kind:key`.
    pub fn parse(parameter: &str, value: &str) -> Result<Self, QueryError> {
        let wrong = || QueryError::new(parameter, value, Text::new("query-uses"));
        let (kind, key) = value.split_once(':').ok_or_else(wrong)?;
        let kind = Object::from_key(kind.trim()).ok_or_else(wrong)?;
        let key = key.trim();
        if key.is_empty() {
            return Err(wrong());
        }
        Ok(Self {
            kind,
            key: key.to_owned(),
        })
    }

    pub fn to_param(&self) -> String {
        format!("{}:{}", self.kind.key(), self.key)
    }
}

impl Default for SchemaSearch {
    fn default() -> Self {
        Self {
            page: 1,
            size: API_DEFAULT_PAGE_SIZE,
            q: None,
            name: None,
            ids: Vec::new(),
            types: Vec::new(),
            diagram_only: false,
            tags: Vec::new(),
            uses: None,
            sort: Sort::default(),
            fields: SchemaField::DEFAULT.to_vec(),
        }
    }
}

/// The first value of parameter `name` ("" when there is none).
fn first_value<'p, K: AsRef<str>, V: AsRef<str>>(pairs: &'p [(K, V)], name: &str) -> &'p str {
    pairs
        .iter()
        .find(|(key, _)| key.as_ref() == name)
        .map_or("", |(_, value)| value.as_ref())
}

/// The kind of object parameter `kind` names.
fn parse_kind(value: &str) -> Result<Object, QueryError> {
    Object::from_key(value.trim())
        .ok_or_else(|| QueryError::new("kind", value, Text::new("query-kind")))
}

/// `id[]` and `id` name the same parameter.
fn key_of(raw: &str) -> &str {
    raw.strip_suffix("[]").unwrap_or(raw)
}

fn parse_page(parameter: &str, value: &str) -> Result<u32, QueryError> {
    let page: u32 = value
        .trim()
        .parse()
        .map_err(|_| QueryError::new(parameter, value, Text::new("query-whole-number-from-0")))?;
    Ok(page.max(1))
}

fn parse_size(parameter: &str, value: &str) -> Result<u32, QueryError> {
    let size: i64 = value
        .trim()
        .parse()
        .map_err(|_| QueryError::new(parameter, value, Text::new("query-whole-number")))?;
    Ok(match u32::try_from(size) {
        Ok(size) if (1..=MAX_PAGE_SIZE).contains(&size) => size,
        _ => API_DEFAULT_PAGE_SIZE,
    })
}

fn parse_type(parameter: &str, value: &str) -> Result<FlowType, QueryError> {
    value
        .parse()
        .map_err(|_: String| QueryError::new(parameter, value, Text::new("query-unknown-type")))
}

fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// Splits `a,b` as well as repeated keys, for list parameters.
fn list_items(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

impl SchemaSearch {
    /// Reads decoded query pairs; unknown parameters are ignored.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, QueryError> {
        let mut search = Self::default();
        let mut fields = Vec::new();
        for (key, value) in pairs {
            let (raw_key, value) = (key.as_ref(), value.as_ref());
            match key_of(raw_key) {
                "page" => search.page = parse_page(raw_key, value)?,
                "size" => search.size = parse_size(raw_key, value)?,
                "q" => search.q = non_empty(value),
                "name" => search.name = non_empty(value),
                "id" => {
                    for item in list_items(value) {
                        let id = item
                            .parse()
                            .map_err(|_| QueryError::new(raw_key, item, Text::new("query-id")))?;
                        search.ids.push(id);
                    }
                }
                "type" => {
                    for item in list_items(value) {
                        search.types.push(parse_type(raw_key, item)?);
                    }
                }
                "tags" => search.tags.extend(non_empty(value)),
                "uses" if !value.trim().is_empty() => {
                    search.uses = Some(Uses::parse(raw_key, value)?)
                }
                "editor" => {
                    search.diagram_only = match value.trim() {
                        "true" | "1" => true,
                        "false" | "0" | "" => false,
                        _ => {
                            return Err(QueryError::new(raw_key, value, Text::new("query-boolean")))
                        }
                    }
                }
                "sort" if !value.is_empty() => search.sort = Sort::parse(raw_key, value)?,
                "fields" => {
                    for item in list_items(value) {
                        fields.push(SchemaField::parse(raw_key, item)?);
                    }
                }
                _ => {}
            }
        }
        if !fields.is_empty() {
            fields.dedup();
            search.fields = fields;
        }
        Ok(search)
    }

    /// The query pairs that reproduce this search; defaults are left out.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if self.size != API_DEFAULT_PAGE_SIZE {
            pairs.push(("size", self.size.to_string()));
        }
        pairs.extend(self.q.iter().map(|q| ("q", q.clone())));
        pairs.extend(self.name.iter().map(|name| ("name", name.clone())));
        pairs.extend(self.ids.iter().map(|id| ("id", id.to_string())));
        pairs.extend(
            self.types
                .iter()
                .map(|kind| ("type", kind.as_str().to_owned())),
        );
        if self.diagram_only {
            pairs.push(("editor", "true".to_owned()));
        }
        pairs.extend(self.tags.iter().map(|tag| ("tags", tag.clone())));
        pairs.extend(self.uses.iter().map(|uses| ("uses", uses.to_param())));
        if self.sort != Sort::default() {
            pairs.push(("sort", self.sort.to_param()));
        }
        if self.fields != SchemaField::DEFAULT {
            pairs.extend(
                self.fields
                    .iter()
                    .map(|field| ("fields", field.as_str().to_owned())),
            );
        }
        pairs
    }

    /// The page it asks for.
    pub fn paging(&self) -> Paging {
        Paging {
            page: self.page,
            size: self.size,
        }
    }

    pub fn wants(&self, field: SchemaField) -> bool {
        self.fields.contains(&field)
    }
}

/// Parameters of the tag listing.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct TagSearch {
    pub page: u32,
    pub size: u32,
    pub q: Option<String>,
    pub descending: bool,
    /// Only tags of flows of these types.
    pub types: Vec<FlowType>,
}

impl Default for TagSearch {
    fn default() -> Self {
        Self {
            page: 1,
            size: API_DEFAULT_PAGE_SIZE,
            q: None,
            descending: false,
            types: Vec::new(),
        }
    }
}

impl TagSearch {
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, QueryError> {
        let mut search = Self::default();
        for (key, value) in pairs {
            let (raw_key, value) = (key.as_ref(), value.as_ref());
            match key_of(raw_key) {
                "page" => search.page = parse_page(raw_key, value)?,
                "size" => search.size = parse_size(raw_key, value)?,
                "q" => search.q = non_empty(value),
                "type" => {
                    for item in list_items(value) {
                        search.types.push(parse_type(raw_key, item)?);
                    }
                }
                "sort" => {
                    search.descending = match value.trim_start_matches(' ') {
                        "" | "name" | "+name" => false,
                        "-name" => true,
                        _ => {
                            return Err(QueryError::new(
                                raw_key,
                                value,
                                Text::new("query-tags-sort"),
                            ))
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(search)
    }

    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![("size", self.size.to_string())];
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        pairs.extend(self.q.iter().map(|q| ("q", q.clone())));
        if self.descending {
            pairs.push(("sort", "-name".to_owned()));
        }
        pairs.extend(
            self.types
                .iter()
                .map(|kind| ("type", kind.as_str().to_owned())),
        );
        pairs
    }

    /// The page it asks for.
    pub fn paging(&self) -> Paging {
        Paging {
            page: self.page,
            size: self.size,
        }
    }
}

/// Plain paging, for listings that take only `page` and `size`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Paging {
    pub page: u32,
    pub size: u32,
}

impl Default for Paging {
    fn default() -> Self {
        Self {
            page: 1,
            size: API_DEFAULT_PAGE_SIZE,
        }
    }
}

/// Parameters of "who uses this object": `kind` and `key`, with paging.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ReferenceSearch {
    pub uses: Uses,
    pub paging: Paging,
}

impl ReferenceSearch {
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, QueryError> {
        let pairs: Vec<(K, V)> = pairs.into_iter().collect();
        let kind = parse_kind(first_value(&pairs, "kind"))?;
        let key = first_value(&pairs, "key").trim();
        if key.is_empty() {
            return Err(QueryError::new("key", key, Text::new("query-key-empty")));
        }
        Ok(Self {
            uses: Uses {
                kind,
                key: key.to_owned(),
            },
            paging: Paging::from_pairs(pairs.iter().map(|(key, value)| (key, value)))?,
        })
    }
}

/// Parameters of the objects of one kind the flows use: `kind`, `q` (the start of the key, as
/// typed or in lower case), and paging.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct UsedObjectSearch {
    pub kind: Object,
    pub q: Option<String>,
    pub paging: Paging,
}

impl UsedObjectSearch {
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, QueryError> {
        let pairs: Vec<(K, V)> = pairs.into_iter().collect();
        Ok(Self {
            kind: parse_kind(first_value(&pairs, "kind"))?,
            q: non_empty(first_value(&pairs, "q")),
            paging: Paging::from_pairs(pairs.iter().map(|(key, value)| (key, value)))?,
        })
    }

    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![
            ("kind", self.kind.key().to_owned()),
            ("size", self.paging.size.to_string()),
        ];
        pairs.extend(self.q.iter().map(|q| ("q", q.clone())));
        if self.paging.page > 1 {
            pairs.push(("page", self.paging.page.to_string()));
        }
        pairs
    }
}

/// Parameters of a search inside flows: the text `q` (required, trimmed, matched as written,
/// case folded), the flow types, and paging.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct TextSearch {
    pub q: String,
    pub types: Vec<FlowType>,
    pub paging: Paging,
}

impl TextSearch {
    /// Shortest text searched for: shorter would match nearly every step.
    pub const MIN_CHARS: usize = 2;

    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, QueryError> {
        let pairs: Vec<(K, V)> = pairs.into_iter().collect();
        let mut q = String::new();
        let mut types = Vec::new();
        for (key, value) in &pairs {
            let (raw_key, value) = (key.as_ref(), value.as_ref());
            match key_of(raw_key) {
                "q" => q = value.trim().to_owned(),
                "type" => {
                    for item in list_items(value) {
                        types.push(parse_type(raw_key, item)?);
                    }
                }
                _ => {}
            }
        }
        if q.chars().count() < Self::MIN_CHARS {
            return Err(QueryError::new("q", &q, Text::new("query-text-too-short")));
        }
        let paging = Paging::from_pairs(pairs.iter().map(|(key, value)| (key, value)))?;
        Ok(Self { q, types, paging })
    }

    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![
            ("q", self.q.clone()),
            ("size", self.paging.size.to_string()),
        ];
        if self.paging.page > 1 {
            pairs.push(("page", self.paging.page.to_string()));
        }
        pairs.extend(
            self.types
                .iter()
                .map(|kind| ("type", kind.as_str().to_owned())),
        );
        pairs
    }
}

impl Paging {
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, QueryError> {
        let mut paging = Self::default();
        for (key, value) in pairs {
            match key.as_ref() {
                "page" => paging.page = parse_page("page", value.as_ref())?,
                "size" => paging.size = parse_size("size", value.as_ref())?,
                _ => {}
            }
        }
        Ok(paging)
    }

    /// Rows to skip before this page.
    pub fn offset(&self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.size)
    }
}

/// Turns a `q` value into a SQL `LIKE` pattern over lower-cased names, escaped with `\`:
/// `*` is the only wildcard, `%` and `_` match themselves.
pub fn like_pattern(q: &str) -> String {
    let mut pattern = String::with_capacity(q.len() + 2);
    for c in q.to_lowercase().chars() {
        match c {
            '*' => pattern.push('%'),
            '%' | '_' | '\\' => {
                pattern.push('\\');
                pattern.push(c);
            }
            c => pattern.push(c),
        }
    }
    pattern
}

/// A SQL `LIKE` pattern matching values that contain `folded` (already case folded) as
/// written: `%`, `_` and `\` match themselves.
pub fn contains_pattern(folded: &str) -> String {
    let mut pattern = String::with_capacity(folded.len() + 2);
    pattern.push('%');
    for c in folded.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &[(&str, &str)]) -> Result<SchemaSearch, QueryError> {
        SchemaSearch::from_pairs(query.iter().copied())
    }

    #[test]
    fn defaults_follow_the_contract() {
        let search = parse(&[]).unwrap();
        assert_eq!(search.page, 1);
        assert_eq!(search.size, 40);
        assert_eq!(search.sort, Sort::descending(SortField::CreatedAt));
        assert_eq!(search.fields, SchemaField::DEFAULT);
        assert_eq!(search.paging().offset(), 0);
    }

    #[test]
    fn reads_every_parameter() {
        let search = parse(&[
            ("page", "3"),
            ("size", "10"),
            ("q", "ivr*"),
            ("name", "Main"),
            ("id", "4"),
            ("id[]", "5,6"),
            ("type", "voice"),
            ("type[]", "chat"),
            ("editor", "true"),
            ("tags", "sales"),
            ("tags", "support"),
            ("uses", "queue:12"),
            ("sort", "-name"),
            ("fields", "id"),
            ("fields[]", "schema"),
            ("unknown", "x"),
        ])
        .unwrap();
        assert_eq!(search.page, 3);
        assert_eq!(search.paging().offset(), 20);
        assert_eq!(search.q.as_deref(), Some("ivr*"));
        assert_eq!(search.name.as_deref(), Some("Main"));
        assert_eq!(search.ids, vec![4, 5, 6]);
        assert_eq!(search.types, vec![FlowType::Voice, FlowType::Chat]);
        assert!(search.diagram_only);
        assert_eq!(search.tags, vec!["sales", "support"]);
        assert_eq!(
            search.uses,
            Some(Uses {
                kind: Object::Queue,
                key: "12".into()
            })
        );
        assert_eq!(search.sort, Sort::descending(SortField::Name));
        assert_eq!(search.fields, vec![SchemaField::Id, SchemaField::Schema]);
        assert!(search.wants(SchemaField::Schema));
    }

    #[test]
    fn uses_names_a_known_kind_and_a_key() {
        for wrong in ["queue", "queue:", "planet:3", ":3"] {
            let error = parse(&[("uses", wrong)]).unwrap_err();
            assert_eq!(error.parameter, "uses", "{wrong}");
        }
        let search =
            ReferenceSearch::from_pairs([("kind", "global"), ("key", "api:token"), ("size", "5")])
                .unwrap();
        assert_eq!(search.uses.kind, Object::Global);
        assert_eq!(search.uses.key, "api:token", "a key may hold a colon");
        assert_eq!(search.paging.size, 5);
        let error = ReferenceSearch::from_pairs([("kind", "queue"), ("key", " ")]).unwrap_err();
        assert_eq!(error.parameter, "key");
        let error = ReferenceSearch::from_pairs([("kind", "fax"), ("key", "3")]).unwrap_err();
        assert_eq!(
            (error.parameter.as_str(), error.value.as_str()),
            ("kind", "fax")
        );
    }

    #[test]
    fn page_zero_is_one_and_odd_sizes_fall_back() {
        assert_eq!(parse(&[("page", "0")]).unwrap().page, 1);
        for size in ["0", "-5", "20001"] {
            assert_eq!(parse(&[("size", size)]).unwrap().size, 40, "size={size}");
        }
        assert_eq!(parse(&[("size", "20000")]).unwrap().size, 20_000);
    }

    #[test]
    fn sort_reads_plus_minus_and_a_decoded_plus() {
        assert_eq!(
            parse(&[("sort", "+updated_by")]).unwrap().sort,
            Sort::ascending(SortField::UpdatedBy)
        );
        assert_eq!(
            parse(&[("sort", " type")]).unwrap().sort,
            Sort::ascending(SortField::Type)
        );
        assert_eq!(
            parse(&[("sort", "editor")]).unwrap().sort,
            Sort::ascending(SortField::Editor)
        );
    }

    #[test]
    fn bad_values_name_the_parameter_and_value() {
        let cases = [
            (("page", "two"), "page=\"two\""),
            (("size", "big"), "size=\"big\""),
            (("id", "12a"), "id=\"12a\""),
            (("type[]", "ivr"), "type[]=\"ivr\""),
            (("sort", "-color"), "sort=\"-color\""),
            (("fields", "secret"), "fields=\"secret\""),
            (("editor", "maybe"), "editor=\"maybe\""),
        ];
        for ((key, value), expected) in cases {
            let error = parse(&[(key, value)]).unwrap_err();
            assert!(error.to_string().starts_with(expected), "{error}");
        }
    }

    #[test]
    fn pairs_round_trip() {
        let search = SchemaSearch {
            page: 2,
            size: 100,
            q: Some("in*".into()),
            types: vec![FlowType::Processing],
            tags: vec!["a b".into()],
            sort: Sort::ascending(SortField::Name),
            diagram_only: true,
            ..Default::default()
        };
        let pairs = search.to_pairs();
        assert!(pairs.contains(&("sort", "+name".to_owned())));
        assert_eq!(SchemaSearch::from_pairs(pairs).unwrap(), search);
        assert!(SchemaSearch::default().to_pairs().is_empty());
    }

    #[test]
    fn tag_search_parses_and_round_trips() {
        let search = TagSearch::from_pairs([
            ("q", "sa"),
            ("type", "chat"),
            ("sort", "-name"),
            ("page", "2"),
        ])
        .unwrap();
        assert_eq!(search.types, vec![FlowType::Chat]);
        assert!(search.descending);
        assert_eq!(search.paging().offset(), 40);
        assert_eq!(TagSearch::from_pairs(search.to_pairs()).unwrap(), search);
        assert!(TagSearch::from_pairs([("sort", "created_at")]).is_err());
    }

    #[test]
    fn paging_reads_page_and_size_only() {
        let paging = Paging::from_pairs([("page", "3"), ("size", "5"), ("q", "x")]).unwrap();
        assert_eq!((paging.page, paging.size, paging.offset()), (3, 5, 10));
        assert!(Paging::from_pairs([("page", "x")]).is_err());
    }

    #[test]
    fn text_searches_need_some_text_and_read_types_and_paging() {
        let search =
            TextSearch::from_pairs([("q", " 50% "), ("type", "voice,chat"), ("page", "2")])
                .unwrap();
        assert_eq!(search.q, "50%");
        assert_eq!(search.types, [FlowType::Voice, FlowType::Chat]);
        assert_eq!(search.paging.page, 2);
        for q in ["", " x ", "   "] {
            let error = TextSearch::from_pairs([("q", q)]).unwrap_err();
            assert_eq!(error.parameter, "q");
        }
        assert!(TextSearch::from_pairs([("q", "ab"), ("type", "fax")]).is_err());
        let back = TextSearch::from_pairs(search.to_pairs()).unwrap();
        assert_eq!(back, search);
    }

    #[test]
    fn used_object_searches_name_a_known_kind() {
        let search =
            UsedObjectSearch::from_pairs([("kind", "queue"), ("q", "1"), ("size", "10")]).unwrap();
        assert_eq!(search.kind, Object::Queue);
        assert_eq!(search.q.as_deref(), Some("1"));
        assert_eq!(
            UsedObjectSearch::from_pairs(search.to_pairs()).unwrap(),
            search
        );
        let error = UsedObjectSearch::from_pairs([("kind", "fax")]).unwrap_err();
        assert_eq!(error.parameter, "kind");
    }

    #[test]
    fn contains_patterns_match_wildcards_as_written() {
        assert_eq!(contains_pattern("50%_a\\b*"), "%50\\%\\_a\\\\b*%");
    }

    #[test]
    fn like_patterns_escape_everything_but_star() {
        assert_eq!(like_pattern("IVR*"), "ivr%");
        assert_eq!(like_pattern("*50%_off\\"), "%50\\%\\_off\\\\");
    }
}
