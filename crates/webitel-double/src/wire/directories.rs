//! Webitel's directories of queues, calendars, lists, media files and mail profiles, which
//! live in Webitel's other services (our server keeps none): the double lists the objects it
//! was given (`Options::directory`) the way the engine lists its own.
//!
//! - Paths and parameters: webitel/protos `engine/queue.proto` (`GET /call_center/queues`),
//!   `engine/calendar.proto` (`/calendars`), `engine/list.proto` (`/call_center/list`),
//!   `storage/media.proto` (`/storage/media`), `engine/email_profile.proto`
//!   (`/email/profile`): each takes `page`, `size`, `q`, `sort` and repeated `fields`.
//! - `q` is an `ILIKE` pattern whose `*` stands for any text, with nothing added around it
//!   (webitel/engine `model/search_list.go`, `GetQ`; `store/sqlstore/cc_queue_store.go`,
//!   `name ilike :Q`): `Sal` finds only "sal" in any case, `Sal*` what starts with it.
//! - Pages start at 1, 40 objects by default, and a size out of 1..=20000 is taken as 40
//!   (`PER_PAGE_DEFAULT`, `PER_PAGE_MAXIMUM` there); `next` says another page follows.
//! - `fields` chooses what each object carries (`store/sqlstore/list_query.go`, `GetFields`);
//!   ids are int64, written as strings, and zero values are left out, an empty page being `{}`.
//! - The double lists by id: the engine's default order for calendars, lists and mail
//!   profiles (`DefaultOrder`); queues (`-priority`) and media files (`-created_at`) carry no
//!   such fields here.

use super::{omit_zero_values, INT64_FIELDS};
use serde_json::{json, Map, Value};

const DEFAULT_SIZE: usize = 40;
const MOST_SIZE: usize = 20_000;

/// The page of `objects` that `pairs` (the query) asks for, as the engine answers it.
pub fn listing(objects: &[Value], pairs: &[(String, String)]) -> Value {
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    let number = |name: &str, default: usize| {
        value(name)
            .and_then(|text| text.trim().parse::<usize>().ok())
            .filter(|number| *number > 0)
            .unwrap_or(default)
    };
    let page = number("page", 1);
    let size = Some(number("size", DEFAULT_SIZE))
        .filter(|size| *size <= MOST_SIZE)
        .unwrap_or(DEFAULT_SIZE);
    let fields: Vec<&str> = pairs
        .iter()
        .filter(|(key, _)| key == "fields" || key == "fields[]")
        .flat_map(|(_, value)| value.split(','))
        .map(str::trim)
        .collect();
    let pattern = value("q").filter(|q| !q.is_empty());
    let mut found: Vec<&Value> = objects
        .iter()
        .filter(|object| {
            pattern.is_none_or(|pattern| {
                let name = object.get("name").and_then(Value::as_str).unwrap_or("");
                ilike(name, pattern)
            })
        })
        .collect();
    found.sort_by_key(|object| id_of(object));
    let start = (page - 1).saturating_mul(size);
    let items: Vec<Value> = found
        .iter()
        .skip(start)
        .take(size)
        .map(|object| chosen(object, &fields))
        .collect();
    let mut answer = json!({"next": found.len() > start.saturating_add(size), "items": items});
    omit_zero_values(&mut answer);
    answer
}

fn id_of(object: &Value) -> i64 {
    match object.get("id") {
        Some(Value::Number(number)) => number.as_i64().unwrap_or(0),
        Some(Value::String(text)) => text.parse().unwrap_or(0),
        _ => 0,
    }
}

/// `object` with only `fields` (all of them when none are named), int64s as strings.
fn chosen(object: &Value, fields: &[&str]) -> Value {
    let mut kept = Map::new();
    for (key, value) in object.as_object().into_iter().flatten() {
        if !fields.is_empty() && !fields.contains(&key.as_str()) {
            continue;
        }
        let value = match value {
            Value::Number(number) if INT64_FIELDS.contains(&key.as_str()) => {
                Value::String(number.to_string())
            }
            other => other.clone(),
        };
        kept.insert(key.clone(), value);
    }
    Value::Object(kept)
}

/// PostgreSQL's `text ILIKE pattern` after the engine's `*` → `%`: `%` any text, `_` any one
/// character, case folded.
fn ilike(text: &str, pattern: &str) -> bool {
    let text: Vec<char> = text.to_lowercase().chars().collect();
    let pattern: Vec<char> = pattern.to_lowercase().replace('*', "%").chars().collect();
    // Positions of the text the pattern read so far can end at.
    let mut ends = vec![false; text.len() + 1];
    ends[0] = true;
    for symbol in pattern {
        let mut next = vec![false; text.len() + 1];
        for (at, reached) in ends.iter().enumerate() {
            if !reached {
                continue;
            }
            match symbol {
                '%' => next[at..].iter_mut().for_each(|end| *end = true),
                '_' if at < text.len() => next[at + 1] = true,
                other if at < text.len() && text[at] == other => next[at + 1] = true,
                _ => {}
            }
        }
        ends = next;
    }
    ends[text.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(query: &[(&str, &str)]) -> Vec<(String, String)> {
        query
            .iter()
            .map(|(key, value)| (key.to_string(), value.to_string()))
            .collect()
    }

    fn queues() -> Vec<Value> {
        vec![
            json!({"id": 12, "name": "Sales", "type": 1, "enabled": true}),
            json!({"id": 3, "name": "Support", "type": 0, "enabled": false}),
            json!({"id": 40, "name": "Main sales line", "type": 1, "enabled": true}),
        ]
    }

    #[test]
    fn q_is_an_ilike_pattern_with_star_for_any_text() {
        let names = |q: &str| {
            listing(&queues(), &pairs(&[("q", q)]))["items"]
                .as_array()
                .map(|items| {
                    items
                        .iter()
                        .map(|item| item["name"].as_str().unwrap().to_owned())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        };
        assert_eq!(
            names("sales"),
            ["Sales"],
            "no wildcard added: the whole name"
        );
        assert_eq!(names("*SALES*"), ["Sales", "Main sales line"]);
        assert_eq!(names("s*"), ["Support", "Sales"]);
        assert_eq!(names("S_les"), ["Sales"]);
        assert!(names("Sale").is_empty());
    }

    #[test]
    fn a_page_has_the_fields_asked_for_with_ids_as_strings_and_no_zero_values() {
        let answer = listing(
            &queues(),
            &pairs(&[
                ("size", "2"),
                ("fields", "id"),
                ("fields", "name"),
                ("fields", "type"),
            ]),
        );
        assert_eq!(
            answer,
            json!({"next": true, "items": [
                {"id": "3", "name": "Support"},
                {"id": "12", "name": "Sales", "type": 1}
            ]})
        );
        let huge = listing(&queues(), &pairs(&[("size", "20001")]));
        assert_eq!(
            huge["items"].as_array().map(Vec::len),
            Some(3),
            "taken as 40"
        );
        let last = listing(&queues(), &pairs(&[("size", "2"), ("page", "2")]));
        assert_eq!(last["items"][0]["id"], "40");
        assert!(last.get("next").is_none(), "false is left out");
        assert_eq!(listing(&[], &[]), json!({}), "an empty page is {{}}");
    }
}
