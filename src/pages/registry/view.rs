//! What the registry shows, as it lives in the URL query: page, rows per page, sort, search and
//! filters. Reload, back/forward and a shared link restore the same view.

use crate::api::encode_component;
use crate::nav::REGISTRY_PATH;
use flow_model::{FlowType, Paging, SchemaField, SchemaSearch, Sort, SortField, TextSearch, Uses};

pub const ROWS_PER_PAGE_CHOICES: [u32; 4] = [10, 20, 40, 100];
pub const DEFAULT_ROWS_PER_PAGE: u32 = 20;

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RegistryView {
    /// 1-based.
    pub page: u32,
    pub size: u32,
    /// None: the server's default order (newest first).
    pub sort: Option<Sort>,
    /// The search text as typed.
    pub q: String,
    pub types: Vec<FlowType>,
    pub tags: Vec<String>,
    /// Only flows that use this object.
    pub uses: Option<Uses>,
    /// The search text is looked for inside the flows (their steps, descriptions, tags and
    /// notes) instead of in their names.
    pub inside: bool,
}

impl Default for RegistryView {
    fn default() -> Self {
        Self {
            page: 1,
            size: DEFAULT_ROWS_PER_PAGE,
            sort: None,
            q: String::new(),
            types: Vec::new(),
            tags: Vec::new(),
            uses: None,
            inside: false,
        }
    }
}

fn parse_sort(text: &str) -> Option<Sort> {
    let (descending, name) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' | b' ' => (false, &text[1..]),
        _ => (false, text),
    };
    let field = SortField::ALL
        .into_iter()
        .find(|field| field.as_str() == name)?;
    Some(Sort { field, descending })
}

impl RegistryView {
    /// Reads the URL query; anything unknown or malformed falls back to the default, so an
    /// edited or stale link still opens a sensible view.
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut view = Self::default();
        for (key, value) in pairs {
            match key {
                "page" => view.page = value.parse().ok().filter(|page| *page >= 1).unwrap_or(1),
                "size" => {
                    view.size = value
                        .parse()
                        .ok()
                        .filter(|size| ROWS_PER_PAGE_CHOICES.contains(size))
                        .unwrap_or(DEFAULT_ROWS_PER_PAGE)
                }
                "sort" => view.sort = parse_sort(value),
                "q" => view.q = value.to_owned(),
                "type" => {
                    if let Ok(kind) = value.parse::<FlowType>() {
                        if !view.types.contains(&kind) {
                            view.types.push(kind);
                        }
                    }
                }
                "tag" if !value.is_empty() && !view.tags.iter().any(|tag| tag == value) => {
                    view.tags.push(value.to_owned());
                }
                "uses" => view.uses = Uses::parse(key, value).ok(),
                "inside" => view.inside = value == "1",
                _ => {}
            }
        }
        view
    }

    /// The URL of this view, defaults left out.
    pub fn to_url(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        for kind in FlowType::ALL
            .iter()
            .filter(|kind| self.types.contains(kind))
        {
            pairs.push(("type", kind.as_str().to_owned()));
        }
        for tag in &self.tags {
            pairs.push(("tag", tag.clone()));
        }
        if let Some(uses) = &self.uses {
            pairs.push(("uses", uses.to_param()));
        }
        if self.inside {
            pairs.push(("inside", "1".to_owned()));
        }
        if let Some(sort) = self.sort {
            pairs.push(("sort", sort.to_param()));
        }
        if self.size != DEFAULT_ROWS_PER_PAGE {
            pairs.push(("size", self.size.to_string()));
        }
        if self.page != 1 {
            pairs.push(("page", self.page.to_string()));
        }
        let query: Vec<String> = pairs
            .iter()
            .map(|(key, value)| format!("{key}={}", encode_component(value)))
            .collect();
        if query.is_empty() {
            REGISTRY_PATH.to_owned()
        } else {
            format!("{REGISTRY_PATH}?{}", query.join("&"))
        }
    }

    /// The API search for this view.
    pub fn search(&self) -> SchemaSearch {
        SchemaSearch {
            page: self.page,
            size: self.size,
            q: search_pattern(&self.q),
            types: self.types.clone(),
            tags: self.tags.clone(),
            uses: self.uses.clone(),
            sort: self.sort.unwrap_or_default(),
            fields: vec![
                SchemaField::Id,
                SchemaField::Name,
                SchemaField::Editor,
                SchemaField::Type,
                SchemaField::Tags,
                SchemaField::CreatedAt,
                SchemaField::UpdatedAt,
            ],
            ..SchemaSearch::default()
        }
    }

    /// The search inside flows for this view: only in that mode, once enough is typed.
    pub fn text_search(&self) -> Option<TextSearch> {
        let q = self.q.trim();
        (self.inside && q.chars().count() >= TextSearch::MIN_CHARS).then(|| TextSearch {
            q: q.to_owned(),
            types: self.types.clone(),
            paging: Paging {
                page: self.page,
                size: self.size,
            },
        })
    }

    pub fn has_filters(&self) -> bool {
        !self.q.is_empty() || !self.types.is_empty() || !self.tags.is_empty() || self.uses.is_some()
    }

    /// Clicking a column header: not sorted -> ascending -> descending -> not sorted.
    pub fn toggle_sort(&self, field: SortField) -> Self {
        let sort = match self.sort {
            Some(sort) if sort.field == field && !sort.descending => Some(Sort::descending(field)),
            Some(sort) if sort.field == field => None,
            _ => Some(Sort::ascending(field)),
        };
        Self {
            sort,
            page: 1,
            ..self.clone()
        }
    }

    /// How `field` is sorted now, if it is.
    pub fn sorted_by(&self, field: SortField) -> Option<bool> {
        self.sort
            .filter(|sort| sort.field == field)
            .map(|sort| sort.descending)
    }

    pub fn with_page(&self, page: u32) -> Self {
        Self {
            page: page.max(1),
            ..self.clone()
        }
    }

    pub fn with_size(&self, size: u32) -> Self {
        Self {
            size,
            page: 1,
            ..self.clone()
        }
    }

    pub fn with_search(&self, q: &str) -> Self {
        Self {
            q: q.to_owned(),
            page: 1,
            ..self.clone()
        }
    }

    pub fn toggle_type(&self, kind: FlowType) -> Self {
        let mut types = self.types.clone();
        match types.iter().position(|chosen| *chosen == kind) {
            Some(at) => {
                types.remove(at);
            }
            None => types.push(kind),
        }
        Self {
            types,
            page: 1,
            ..self.clone()
        }
    }

    pub fn with_tags(&self, tags: Vec<String>) -> Self {
        Self {
            tags,
            page: 1,
            ..self.clone()
        }
    }

    pub fn with_uses(&self, uses: Option<Uses>) -> Self {
        Self {
            uses,
            page: 1,
            ..self.clone()
        }
    }

    /// The search text looked for inside flows, or in their names.
    pub fn searching_inside(&self, inside: bool) -> Self {
        Self {
            inside,
            page: 1,
            ..self.clone()
        }
    }

    /// Search and filters cleared; rows per page, sort and where the text is looked for stay
    /// as chosen.
    pub fn without_filters(&self) -> Self {
        Self {
            size: self.size,
            sort: self.sort,
            inside: self.inside,
            ..Self::default()
        }
    }
}

/// The API's `q` for what was typed: "starts with" unless the text has its own `*`.
pub fn search_pattern(typed: &str) -> Option<String> {
    let typed = typed.trim();
    if typed.is_empty() {
        None
    } else if typed.contains('*') {
        Some(typed.to_owned())
    } else {
        Some(format!("{typed}*"))
    }
}

/// Which ids of a page are selected, for the select-all checkbox.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PageSelection {
    None,
    Some,
    All,
}

pub fn page_selection(selected: &[i64], page: &[i64]) -> PageSelection {
    let chosen = page.iter().filter(|id| selected.contains(id)).count();
    match chosen {
        0 => PageSelection::None,
        n if n == page.len() => PageSelection::All,
        _ => PageSelection::Some,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(url_query: &str) -> RegistryView {
        let pairs: Vec<(String, String)> = url_query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (
                    key.to_owned(),
                    value.replace("%2B", "+").replace("%2A", "*"),
                )
            })
            .collect();
        RegistryView::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    #[test]
    fn the_default_view_is_the_bare_page() {
        assert_eq!(RegistryView::default().to_url(), "/");
        assert_eq!(parse(""), RegistryView::default());
    }

    #[test]
    fn every_part_survives_the_url() {
        let view = RegistryView {
            page: 3,
            size: 40,
            sort: Some(Sort::descending(SortField::Name)),
            q: "in*bound & co".into(),
            types: vec![FlowType::Chat, FlowType::Voice],
            tags: vec!["ivr".into(), "a&b".into()],
            uses: Some(Uses {
                kind: flow_model::catalog::Object::Queue,
                key: "12:a".into(),
            }),
            inside: true,
        };
        let url = view.to_url();
        assert_eq!(
            url,
            "/?q=in*bound%20%26%20co&type=voice&type=chat&tag=ivr&tag=a%26b&uses=queue%3A12%3Aa&inside=1&sort=-name&size=40&page=3"
        );
        let query = url.trim_start_matches("/?");
        let decoded: Vec<(String, String)> = query
            .split('&')
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap();
                (key.to_owned(), decode(value))
            })
            .collect();
        let back = RegistryView::from_query(decoded.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(
            back,
            RegistryView {
                types: vec![FlowType::Voice, FlowType::Chat],
                ..view
            }
        );
    }

    fn decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn bad_values_fall_back_to_defaults() {
        let view =
            parse("page=-2&size=33&sort=-password&type=fax&tag=&page=x&uses=fax:1&inside=yes");
        assert_eq!(view, RegistryView::default());
        assert_eq!(parse("size=100&sort=%2Bupdated_at").size, 100);
        assert_eq!(
            parse("sort=%2Bupdated_at").sort,
            Some(Sort::ascending(SortField::UpdatedAt))
        );
    }

    #[test]
    fn sorting_cycles_none_ascending_descending() {
        let view = RegistryView::default().with_page(4);
        let ascending = view.toggle_sort(SortField::Name);
        assert_eq!(ascending.sorted_by(SortField::Name), Some(false));
        assert_eq!(ascending.page, 1);
        let descending = ascending.toggle_sort(SortField::Name);
        assert_eq!(descending.sorted_by(SortField::Name), Some(true));
        assert_eq!(descending.toggle_sort(SortField::Name).sort, None);
        let other = descending.toggle_sort(SortField::Type);
        assert_eq!(other.sorted_by(SortField::Type), Some(false));
        assert_eq!(other.sorted_by(SortField::Name), None);
    }

    #[test]
    fn changing_what_is_shown_returns_to_the_first_page() {
        let view = RegistryView::default().with_page(5);
        assert_eq!(view.with_size(100).page, 1);
        assert_eq!(view.with_search("a").page, 1);
        assert_eq!(view.toggle_type(FlowType::Chat).page, 1);
        assert_eq!(view.with_tags(vec!["x".into()]).page, 1);
        let chat = view.toggle_type(FlowType::Chat);
        assert_eq!(chat.types, vec![FlowType::Chat]);
        assert!(chat.toggle_type(FlowType::Chat).types.is_empty());
    }

    #[test]
    fn resetting_filters_keeps_size_sort_and_mode() {
        let view = RegistryView {
            page: 2,
            size: 100,
            sort: Some(Sort::ascending(SortField::Name)),
            q: "x".into(),
            types: vec![FlowType::Chat],
            tags: vec!["t".into()],
            uses: Uses::parse("uses", "flow:7").ok(),
            inside: true,
        };
        assert!(view.has_filters());
        let reset = view.without_filters();
        assert!(!reset.has_filters());
        assert_eq!(
            (reset.page, reset.size, reset.sort, reset.inside),
            (1, 100, view.sort, true)
        );
        assert!(RegistryView::default()
            .with_uses(view.uses.clone())
            .has_filters());
    }

    #[test]
    fn the_text_is_searched_inside_flows_once_enough_is_typed() {
        let names = RegistryView::default().with_search("welcome");
        assert_eq!(names.text_search(), None);
        let inside = names
            .searching_inside(true)
            .with_page(2)
            .toggle_type(FlowType::Voice);
        let search = inside.text_search().expect("a search inside flows");
        assert_eq!(search.q, "welcome");
        assert_eq!(search.types, [FlowType::Voice]);
        assert_eq!(search.paging.size, DEFAULT_ROWS_PER_PAGE);
        assert_eq!(inside.with_search(" w ").text_search(), None);
        assert_eq!(inside.searching_inside(false).page, 1);
    }

    #[test]
    fn uses_reaches_the_flow_search() {
        let view = RegistryView::default().with_uses(Uses::parse("uses", "queue:12").ok());
        assert_eq!(view.search().uses, view.uses);
    }

    #[test]
    fn search_is_starts_with_unless_a_wildcard_is_typed() {
        assert_eq!(search_pattern("  "), None);
        assert_eq!(search_pattern(" sales "), Some("sales*".into()));
        assert_eq!(search_pattern("*sales"), Some("*sales".into()));
        let search = RegistryView::default().with_search("in").search();
        assert_eq!(search.q.as_deref(), Some("in*"));
        assert_eq!(search.size, DEFAULT_ROWS_PER_PAGE);
        assert!(search.fields.contains(&SchemaField::UpdatedAt));
    }

    #[test]
    fn select_all_reflects_the_page() {
        assert_eq!(page_selection(&[], &[1, 2]), PageSelection::None);
        assert_eq!(page_selection(&[2, 9], &[1, 2]), PageSelection::Some);
        assert_eq!(page_selection(&[1, 2], &[1, 2]), PageSelection::All);
        assert_eq!(page_selection(&[], &[]), PageSelection::None);
    }
}
