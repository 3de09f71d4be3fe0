//! Flow search and the tag listing over a seeded domain, on both engines: paging, every filter,
//! every sort (ties walked page by page), field projection, and the 400s for bad parameters.

mod common;

use common::{Api, Engine, Reply, TestServer};
use flow_model::contract::{FLOW_VERSIONS, READ_FLOW, SEARCH_FLOWS, SEARCH_TAGS};
use flow_model::Role;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeSet;

const FLOWS_PATH: &str = SEARCH_FLOWS.served_path;
const TAGS_PATH: &str = SEARCH_TAGS.served_path;

/// The seeded users of domain `main`, by index: who creates (and later updates) which flow.
const USERS: [(&str, Role); 3] = [
    ("alice", Role::Admin),
    ("bob", Role::Editor),
    ("carol", Role::Editor),
];

/// The seeded flows, in creation order: name, type, editor (true = diagram), tags, creator.
/// Names mix case, scripts, `%`, `_` and `\`; types, editors, tags and creators repeat, so every
/// sort field has ties.
#[rustfmt::skip]
const FLOWS: [(&str, &str, bool, &[&str], usize); 30] = [
    ("Inbound IVR", "voice", true, &["ivr", "sales"], 0),
    ("inbound chat", "chat", false, &["chat"], 1),
    ("INBOUND callback", "voice", false, &["ivr"], 2),
    ("Outbound dialer", "service", false, &["dialer"], 0),
    ("Меню IVR", "voice", true, &["ivr", "меню"], 1),
    ("меню чат", "chat", true, &["меню"], 2),
    ("Ärger hotline", "voice", false, &[], 0),
    ("zebra", "default", false, &[], 1),
    ("Zulu", "default", true, &[], 2),
    ("50% off", "chat", false, &["promo"], 0),
    ("500 offers", "chat", false, &["promo"], 1),
    ("snake_case flow", "processing", false, &[], 2),
    ("snakeXcase flow", "processing", false, &[], 0),
    ("Forms: survey", "processing", true, &["survey"], 1),
    ("Survey bot", "chat", true, &["survey", "bot"], 2),
    ("abc", "default", false, &[], 0),
    ("abcdef", "default", false, &[], 1),
    ("xabc", "default", false, &[], 2),
    ("ABC upper", "default", true, &[], 0),
    ("back\\slash", "default", false, &[], 1),
    ("Billing", "voice", true, &["billing", "sales"], 2),
    ("billing fallback", "voice", false, &["billing"], 0),
    ("Callback queue", "voice", true, &["queue"], 1),
    ("Chat router", "chat", true, &["chat", "queue"], 2),
    ("Dialer hook", "service", false, &["dialer"], 0),
    ("Service check", "service", true, &[], 1),
    ("Holiday closed", "voice", false, &["schedule"], 2),
    ("night mode", "voice", false, &["schedule"], 0),
    ("Feedback form", "processing", true, &["survey"], 1),
    ("Overflow", "voice", false, &["queue"], 2),
];

/// After creation these flows get a new description from another user, so `updated_at` and
/// `updated_by` differ from `created_at` and `created_by`.
const UPDATES: [(&str, usize); 5] = [
    ("zebra", 2),
    ("Billing", 1),
    ("abc", 2),
    ("Overflow", 1),
    ("Inbound IVR", 2),
];

/// Every seeded name in ascending case-insensitive order (what `sort=+name` must give).
const NAMES_ASCENDING: [&str; 30] = [
    "50% off",
    "500 offers",
    "abc",
    "ABC upper",
    "abcdef",
    "back\\slash",
    "Billing",
    "billing fallback",
    "Callback queue",
    "Chat router",
    "Dialer hook",
    "Feedback form",
    "Forms: survey",
    "Holiday closed",
    "INBOUND callback",
    "inbound chat",
    "Inbound IVR",
    "night mode",
    "Outbound dialer",
    "Overflow",
    "Service check",
    "snake_case flow",
    "snakeXcase flow",
    "Survey bot",
    "xabc",
    "zebra",
    "Zulu",
    "Ärger hotline",
    "Меню IVR",
    "меню чат",
];

/// Every distinct tag of domain `main`, sorted.
const TAGS_ASCENDING: [&str; 11] = [
    "billing", "bot", "chat", "dialer", "ivr", "promo", "queue", "sales", "schedule", "survey",
    "меню",
];

const SORT_FIELDS: [&str; 7] = [
    "name",
    "type",
    "editor",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
];

struct Seeded {
    /// Kept so the server outlives the test's requests.
    _server: TestServer,
    /// An admin of domain `main`.
    alice: Api,
    /// `(name, id)` of every seeded flow, in creation order.
    flows: Vec<(&'static str, String)>,
    /// A flow of domain `acme` named like a `main` flow and tagged `ivr`: no search here returns it.
    foreign_id: String,
}

impl Seeded {
    fn id(&self, name: &str) -> &str {
        let (_, id) = self
            .flows
            .iter()
            .find(|(seeded, _)| *seeded == name)
            .unwrap();
        id
    }
}

fn flow_body(name: &str, kind: &str, diagram: bool, tags: &[&str]) -> Value {
    json!({
        "name": name,
        "type": kind,
        "editor": diagram,
        "tags": tags.iter().map(|tag| json!({"name": tag})).collect::<Vec<_>>(),
        "schema": [{"log": name}],
        "payload": if diagram { json!({"nodes": [name]}) } else { json!({}) },
    })
}

async fn seed(engine: Engine) -> Seeded {
    let server = TestServer::start(engine).await;
    let mut users = Vec::new();
    for (username, role) in USERS {
        users.push(server.user("main", username, role).await);
    }
    let mut flows = Vec::new();
    for (name, kind, diagram, tags, creator) in FLOWS {
        let created = users[creator]
            .create_flow(flow_body(name, kind, diagram, tags))
            .await;
        flows.push((name, created["id"].as_str().unwrap().to_owned()));
    }
    let foreign = server.user("acme", "dave", Role::Admin).await;
    let foreign_id = foreign
        .create_flow(flow_body("abc", "voice", true, &["ivr", "acme-only"]))
        .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let seeded = Seeded {
        _server: server,
        alice: users[0].clone(),
        flows,
        foreign_id,
    };
    for (name, updater) in UPDATES {
        let path = READ_FLOW.served_path_for(seeded.id(name));
        let reply = users[updater]
            .patch(&path, json!({"description": format!("touched {name}")}))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    seeded
}

/// A search that must succeed.
async fn search(api: &Api, query: &str) -> Reply {
    let reply = api.get(&format!("{FLOWS_PATH}?{query}")).await;
    assert_eq!(reply.status, StatusCode::OK, "?{query}: {}", reply.body);
    reply
}

fn items(reply: &Reply) -> &Vec<Value> {
    reply.body["items"].as_array().expect("items")
}

fn next(reply: &Reply) -> bool {
    reply.body["next"].as_bool().expect("next")
}

fn column(reply: &Reply, key: &str) -> Vec<String> {
    items(reply)
        .iter()
        .map(|item| item[key].as_str().expect(key).to_owned())
        .collect()
}

/// The names a search returns, in order.
async fn names(api: &Api, query: &str) -> Vec<String> {
    column(&search(api, query).await, "name")
}

/// The ids a search returns, in order.
async fn ids(api: &Api, query: &str) -> Vec<String> {
    column(&search(api, query).await, "id")
}

/// The tag names the tag listing returns, and its `next`.
async fn tags(api: &Api, query: &str) -> (Vec<String>, bool) {
    let reply = api.get(&format!("{TAGS_PATH}?{query}")).await;
    assert_eq!(reply.status, StatusCode::OK, "?{query}: {}", reply.body);
    (column(&reply, "name"), next(&reply))
}

/// Walks every page of `query` with `size`, checking each page's length and `next`.
async fn walk_pages(api: &Api, query: &str, size: usize) -> Vec<String> {
    let mut all = Vec::new();
    for page in 1.. {
        let reply = search(api, &format!("{query}&size={size}&page={page}")).await;
        let more = next(&reply);
        let got = column(&reply, "id");
        assert!(got.len() <= size, "page {page} of {query}");
        if more {
            assert_eq!(got.len(), size, "a page before the last is full: {query}");
        }
        all.extend(got);
        if !more {
            break;
        }
    }
    all
}

async fn paging_is_size_plus_one(engine: Engine) {
    let seeded = seed(engine).await;
    let alice = &seeded.alice;
    for n in 1..=15 {
        alice
            .create_flow(json!({"name": format!("filler {n:02}")}))
            .await;
    }
    // 45 flows now: the 30 seeded and 15 fillers.
    let everything = search(alice, "size=20000").await;
    assert_eq!((items(&everything).len(), next(&everything)), (45, false));
    let all = column(&everything, "id");

    let first = search(alice, "").await;
    assert_eq!(column(&first, "id"), all[..40], "default size is 40");
    assert!(next(&first));
    let second = search(alice, "page=2").await;
    assert_eq!(
        (column(&second, "id"), next(&second)),
        (all[40..].to_vec(), false)
    );
    assert_eq!(ids(alice, "page=0").await, all[..40], "page 0 is page 1");
    assert_eq!(ids(alice, "page=3").await, Vec::<String>::new());

    for size in ["0", "-5", "20001", "99999999999"] {
        let reply = search(alice, &format!("size={size}")).await;
        assert_eq!(column(&reply, "id"), all[..40], "size={size} means 40");
        assert!(next(&reply), "size={size}");
    }
    for (size, expect_next) in [(44, true), (45, false), (46, false), (1, true)] {
        let reply = search(alice, &format!("size={size}")).await;
        assert_eq!(column(&reply, "id"), all[..size.min(45)], "size={size}");
        assert_eq!(next(&reply), expect_next, "size={size}");
    }
    let mut pages = Vec::new();
    for page in 1..=5 {
        let reply = search(alice, &format!("size=10&page={page}")).await;
        pages.push((items(&reply).len(), next(&reply)));
    }
    assert_eq!(
        pages,
        [(10, true), (10, true), (10, true), (10, true), (5, false)]
    );
    assert_eq!(walk_pages(alice, "sort=-created_at", 10).await, all);
    let beyond = search(alice, "size=10&page=6").await;
    assert_eq!(beyond.body, json!({"items": [], "next": false}));
}

async fn q_matches_names_case_insensitively_with_star_wildcards(engine: Engine) {
    let seeded = seed(engine).await;
    let alice = &seeded.alice;
    let cases: [(&str, &[&str]); 19] = [
        // `*` at the end: starts with.
        ("abc*", &["abc", "ABC upper", "abcdef"]),
        ("ABC*", &["abc", "ABC upper", "abcdef"]),
        // `*` on both sides: contains.
        ("*abc*", &["abc", "ABC upper", "abcdef", "xabc"]),
        // `*` at the start: ends with.
        ("*ABC", &["abc", "xabc"]),
        // No `*`: the whole name, in any case.
        ("abc", &["abc"]),
        ("aBc", &["abc"]),
        ("inbound%20ivr", &["Inbound IVR"]),
        ("inbound", &[]),
        ("*", &NAMES_ASCENDING),
        ("snake*case*", &["snake_case flow", "snakeXcase flow"]),
        // `%` and `_` are no wildcards.
        ("50%25*", &["50% off"]),
        ("50*", &["50% off", "500 offers"]),
        ("snake_case*", &["snake_case flow"]),
        ("%25", &[]),
        ("_*", &[]),
        // Case folds beyond ASCII.
        ("меню*", &["Меню IVR", "меню чат"]),
        ("МЕНЮ%20ЧАТ", &["меню чат"]),
        ("ärger*", &["Ärger hotline"]),
        // A backslash is an ordinary character too.
        ("back%5Cslash", &["back\\slash"]),
    ];
    for (q, expected) in cases {
        assert_eq!(
            names(alice, &format!("q={q}&sort=name")).await,
            expected,
            "q={q}"
        );
    }
    // An empty q is no filter; q combines with other filters.
    assert_eq!(names(alice, "q=&sort=name&size=100").await, NAMES_ASCENDING);
    assert_eq!(
        names(alice, "q=inbound*&type=voice&sort=name").await,
        ["INBOUND callback", "Inbound IVR"]
    );
}

async fn filters_by_name_id_type_editor_and_tags(engine: Engine) {
    let seeded = seed(engine).await;
    let alice = &seeded.alice;
    let (abc, zulu, billing) = (seeded.id("abc"), seeded.id("Zulu"), seeded.id("Billing"));
    let foreign = &seeded.foreign_id;
    let cases: Vec<(String, &[&str])> = vec![
        // `name` is the exact name.
        ("name=abc".into(), &["abc"]),
        ("name=Inbound%20IVR".into(), &["Inbound IVR"]),
        ("name=%D0%9C%D0%B5%D0%BD%D1%8E%20IVR".into(), &["Меню IVR"]),
        ("name=ABC".into(), &[]),
        ("name=abc*".into(), &[]),
        // Ids: repeated keys, `id[]`, comma lists; another domain's id finds nothing.
        (format!("id={abc}&id={zulu}"), &["abc", "Zulu"]),
        (
            format!("id[]={abc}&id[]={zulu}&id[]={billing}"),
            &["abc", "Billing", "Zulu"],
        ),
        (format!("id={abc},{billing}"), &["abc", "Billing"]),
        (format!("id={foreign}"), &[]),
        (format!("id={abc}&id={foreign}"), &["abc"]),
        ("id=999999999".into(), &[]),
        // Types: any of those given.
        (
            "type=service".into(),
            &["Dialer hook", "Outbound dialer", "Service check"],
        ),
        (
            "type[]=chat&type[]=processing".into(),
            &[
                "50% off",
                "500 offers",
                "Chat router",
                "Feedback form",
                "Forms: survey",
                "inbound chat",
                "snake_case flow",
                "snakeXcase flow",
                "Survey bot",
                "меню чат",
            ],
        ),
        ("type=default&type=service&name=zebra".into(), &["zebra"]),
        // `editor=true` keeps diagram flows only.
        (
            "editor=true".into(),
            &[
                "ABC upper",
                "Billing",
                "Callback queue",
                "Chat router",
                "Feedback form",
                "Forms: survey",
                "Inbound IVR",
                "Service check",
                "Survey bot",
                "Zulu",
                "Меню IVR",
                "меню чат",
            ],
        ),
        (
            "editor=true&type=voice".into(),
            &["Billing", "Callback queue", "Inbound IVR", "Меню IVR"],
        ),
        // Tags: a flow with any of them.
        (
            "tags=promo&tags=schedule".into(),
            &["50% off", "500 offers", "Holiday closed", "night mode"],
        ),
        (
            "tags[]=ivr".into(),
            &["INBOUND callback", "Inbound IVR", "Меню IVR"],
        ),
        (
            "tags=sales&tags[]=bot&type=voice".into(),
            &["Billing", "Inbound IVR"],
        ),
        ("tags=acme-only".into(), &[]),
        ("tags=nothing".into(), &[]),
    ];
    for (query, expected) in cases {
        assert_eq!(
            names(alice, &format!("{query}&sort=name")).await,
            expected,
            "{query}"
        );
    }
    // `editor=false` is no filter at all.
    for no_filter in ["editor=false", "editor=", "editor=0"] {
        let query = format!("{no_filter}&sort=name&size=100");
        assert_eq!(names(alice, &query).await, NAMES_ASCENDING, "{no_filter}");
    }
}

/// What orders flows under `sort=+field`: the field's value, names case-folded, users by name.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum SortKey {
    Text(String),
    Number(i64),
    Flag(bool),
}

fn sort_key(item: &Value, field: &str) -> SortKey {
    let text = |value: &Value| value.as_str().unwrap().to_owned();
    match field {
        "name" => SortKey::Text(text(&item["name"]).to_lowercase()),
        "type" => SortKey::Text(text(&item["type"])),
        "editor" => SortKey::Flag(item["editor"].as_bool().unwrap()),
        "created_at" | "updated_at" => SortKey::Number(text(&item[field]).parse().unwrap()),
        "created_by" | "updated_by" => SortKey::Text(text(&item[field]["name"])),
        _ => unreachable!("{field}"),
    }
}

fn id_number(item: &Value) -> i64 {
    item["id"].as_str().unwrap().parse().unwrap()
}

async fn sorts_on_every_field_with_ties_broken_by_id(engine: Engine) {
    let seeded = seed(engine).await;
    let alice = &seeded.alice;
    let every_field = SORT_FIELDS.map(|field| format!("fields={field}")).join("&");
    let full = search(alice, &format!("size=100&fields=id&{every_field}")).await;
    let flows = items(&full);
    assert_eq!(flows.len(), 30);

    for field in SORT_FIELDS {
        let mut ascending = flows.clone();
        ascending.sort_by_key(|item| (sort_key(item, field), id_number(item)));
        let ascending: Vec<String> = ascending
            .iter()
            .map(|item| item["id"].as_str().unwrap().to_owned())
            .collect();
        let descending: Vec<String> = ascending.iter().rev().cloned().collect();
        if field != "name" && !field.ends_with("_at") {
            let keys: BTreeSet<_> = flows.iter().map(|item| sort_key(item, field)).collect();
            assert!(keys.len() < flows.len(), "the seed has ties on {field}");
        }
        for (query, expected) in [
            (format!("sort=%2B{field}"), &ascending),
            (format!("sort=+{field}"), &ascending),
            (format!("sort={field}"), &ascending),
            (format!("sort=-{field}"), &descending),
        ] {
            assert_eq!(
                &ids(alice, &format!("{query}&size=100")).await,
                expected,
                "{query}"
            );
            // Page boundaries fall inside runs of equal keys: no row twice, none skipped.
            for size in [4, 7] {
                assert_eq!(
                    &walk_pages(alice, &query, size).await,
                    expected,
                    "{query} by {size}"
                );
            }
        }
    }

    // Names sort case-insensitively, beyond ASCII too.
    assert_eq!(names(alice, "sort=%2Bname&size=100").await, NAMES_ASCENDING);
    let mut descending = NAMES_ASCENDING;
    descending.reverse();
    assert_eq!(names(alice, "sort=-name&size=100").await, descending);

    // The default is -created_at, newest first: the reverse of the creation order.
    let newest_first: Vec<String> = seeded
        .flows
        .iter()
        .rev()
        .map(|(_, id)| id.clone())
        .collect();
    assert_eq!(ids(alice, "size=100").await, newest_first);
    assert_eq!(ids(alice, "size=100&sort=").await, newest_first);
    assert_eq!(ids(alice, "size=100&sort=-created_at").await, newest_first);
}

fn keys_of(item: &Value) -> BTreeSet<&str> {
    item.as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

async fn fields_choose_the_keys_of_each_item(engine: Engine) {
    let seeded = seed(engine).await;
    let alice = &seeded.alice;
    let cases: [(&str, &[&str]); 7] = [
        ("", &["id", "name", "editor", "type", "tags"]),
        ("fields=id&fields=name", &["id", "name"]),
        ("fields[]=name", &["name"]),
        ("fields=description,debug", &["description", "debug"]),
        (
            "fields[]=schema&fields[]=payload&fields[]=created_by",
            &["schema", "payload", "created_by"],
        ),
        (
            "fields=tags&fields=updated_at&fields=updated_by",
            &["tags", "updated_at", "updated_by"],
        ),
        ("fields=created_at&fields=created_at", &["created_at"]),
    ];
    for (query, expected) in cases {
        let reply = search(alice, &format!("{query}&size=100")).await;
        assert_eq!(items(&reply).len(), 30, "{query}");
        let expected: BTreeSet<&str> = expected.iter().copied().collect();
        for item in items(&reply) {
            assert_eq!(keys_of(item), expected, "{query}: {item}");
        }
    }

    // The values are those of the stored flow.
    let survey_bot = search(
        alice,
        "name=Survey%20bot&fields=id&fields=schema&fields=payload&fields=created_by&fields=tags",
    )
    .await;
    let item = &items(&survey_bot)[0];
    assert_eq!(item["id"], json!(seeded.id("Survey bot")));
    assert_eq!(item["schema"], json!([{"log": "Survey bot"}]));
    assert_eq!(item["payload"], json!({"nodes": ["Survey bot"]}));
    assert_eq!(item["created_by"]["name"], json!("carol"));
    assert!(item["created_by"]["id"]
        .as_str()
        .unwrap()
        .parse::<i64>()
        .is_ok());
    assert_eq!(item["tags"], json!([{"name": "survey"}, {"name": "bot"}]));
    let default = search(alice, "name=Survey%20bot").await;
    assert_eq!(
        default.body,
        json!({"items": [{"id": seeded.id("Survey bot"), "name": "Survey bot", "editor": true,
                          "type": "chat", "tags": [{"name": "survey"}, {"name": "bot"}]}],
               "next": false})
    );

    // Asking for every field gives exactly what reading each flow gives.
    let all_fields = [
        "id",
        "name",
        "description",
        "type",
        "editor",
        "schema",
        "payload",
        "debug",
        "tags",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
    ]
    .map(|field| format!("fields={field}"))
    .join("&");
    let everything = search(alice, &format!("{all_fields}&size=100")).await;
    for item in items(&everything) {
        let mut read = alice
            .get(&READ_FLOW.served_path_for(item["id"].as_str().unwrap()))
            .await
            .body;
        // Reading one flow also tells its version number and note (not a search field).
        let whole = read.as_object_mut().unwrap();
        assert!(whole
            .remove("version")
            .is_some_and(|version| version.is_i64()));
        assert!(whole.remove("note").is_some_and(|note| note.is_string()));
        assert_eq!(&read, item);
    }
}

async fn tags_are_distinct_sorted_filtered_and_paged(engine: Engine) {
    let seeded = seed(engine).await;
    let alice = &seeded.alice;
    let all: Vec<String> = TAGS_ASCENDING.map(str::to_owned).to_vec();
    let mut descending = all.clone();
    descending.reverse();
    assert_eq!(tags(alice, "").await, (all.clone(), false));
    assert_eq!(tags(alice, "sort=%2Bname").await, (all.clone(), false));
    assert_eq!(tags(alice, "sort=+name").await, (all.clone(), false));
    assert_eq!(tags(alice, "sort=-name").await, (descending.clone(), false));

    let cases: [(&str, &[&str]); 10] = [
        ("q=s*", &["sales", "schedule", "survey"]),
        ("q=*o*", &["bot", "promo"]),
        ("q=*ING", &["billing"]),
        ("q=IVR", &["ivr"]),
        ("q=iv", &[]),
        ("q=МЕНЮ", &["меню"]),
        (
            "type=chat",
            &["bot", "chat", "promo", "queue", "survey", "меню"],
        ),
        (
            "type[]=chat&type[]=service",
            &["bot", "chat", "dialer", "promo", "queue", "survey", "меню"],
        ),
        ("type=voice&q=*e*", &["queue", "sales", "schedule"]),
        ("type=default", &[]),
    ];
    for (query, expected) in cases {
        assert_eq!(
            tags(alice, query).await,
            (expected.iter().map(|t| t.to_string()).collect(), false),
            "{query}"
        );
    }

    let pages = [
        (1, &all[..4], true),
        (2, &all[4..8], true),
        (3, &all[8..], false),
        (4, &all[..0], false),
    ];
    for (page, expected, more) in pages {
        assert_eq!(
            tags(alice, &format!("size=4&page={page}")).await,
            (expected.to_vec(), more),
            "page {page}"
        );
    }
    assert_eq!(
        tags(alice, "size=4&page=0").await,
        (all[..4].to_vec(), true)
    );
    assert_eq!(tags(alice, "size=11").await, (all.clone(), false));
    assert_eq!(tags(alice, "size=10").await, (all[..10].to_vec(), true));
    assert_eq!(
        tags(alice, "size=3&page=2&sort=-name").await,
        (descending[3..6].to_vec(), true)
    );
    assert_eq!(
        tags(alice, "size=0").await,
        (all.clone(), false),
        "size out of range is 40"
    );

    let bad = alice.get(&format!("{TAGS_PATH}?sort=created_at")).await;
    let detail = bad.expect_error(StatusCode::BAD_REQUEST, "app.request.parameter.invalid");
    assert!(detail.starts_with("sort=\"created_at\""), "{detail}");
}

async fn bad_parameters_are_400_naming_parameter_and_value(engine: Engine) {
    let seeded = seed(engine).await;
    let alice = &seeded.alice;
    let flow = seeded.id("abc");
    let cases: Vec<(String, &str)> = vec![
        (format!("{FLOWS_PATH}?sort=-color"), "sort=\"-color\""),
        (format!("{FLOWS_PATH}?sort=%2Bid"), "sort=\"+id\""),
        (format!("{FLOWS_PATH}?sort=Name"), "sort=\"Name\""),
        (format!("{FLOWS_PATH}?fields=secret"), "fields=\"secret\""),
        (
            format!("{FLOWS_PATH}?fields[]=name&fields[]=password"),
            "fields[]=\"password\"",
        ),
        (format!("{FLOWS_PATH}?page=two"), "page=\"two\""),
        (format!("{FLOWS_PATH}?page=-1"), "page=\"-1\""),
        (format!("{FLOWS_PATH}?size=big"), "size=\"big\""),
        (format!("{FLOWS_PATH}?id=12a"), "id=\"12a\""),
        (format!("{FLOWS_PATH}?id[]=1&id[]=x"), "id[]=\"x\""),
        (format!("{FLOWS_PATH}?type=ivr"), "type=\"ivr\""),
        (
            format!("{FLOWS_PATH}?type[]=voice&type[]=Voice"),
            "type[]=\"Voice\"",
        ),
        (format!("{FLOWS_PATH}?editor=maybe"), "editor=\"maybe\""),
        (format!("{TAGS_PATH}?sort=-type"), "sort=\"-type\""),
        (format!("{TAGS_PATH}?page=x"), "page=\"x\""),
        (format!("{TAGS_PATH}?size=1.5"), "size=\"1.5\""),
        (format!("{TAGS_PATH}?type=ivr"), "type=\"ivr\""),
        (
            format!("{}?page=last", FLOW_VERSIONS.served_path_for(flow)),
            "page=\"last\"",
        ),
        (
            format!("{}?size=many", FLOW_VERSIONS.served_path_for(flow)),
            "size=\"many\"",
        ),
        (READ_FLOW.served_path_for("4x"), "id=\"4x\""),
        (FLOW_VERSIONS.served_path_for("4x"), "schema_id=\"4x\""),
    ];
    for (path, named) in cases {
        let reply = alice.get(&path).await;
        let detail = reply.expect_error(StatusCode::BAD_REQUEST, "app.request.parameter.invalid");
        assert!(detail.starts_with(named), "{path}: {detail}");
    }
}

async fn unknown_parameters_are_ignored(engine: Engine) {
    let seeded = seed(engine).await;
    let alice = &seeded.alice;
    let plain = search(alice, "").await;
    for query in [
        "foo=bar",
        "limit=1&offset=3",
        "sort_by=x&fields_x=y",
        "Page=2",
        "query=abc",
    ] {
        assert_eq!(search(alice, query).await.body, plain.body, "{query}");
    }
    let (all_tags, _) = tags(alice, "").await;
    assert_eq!(tags(alice, "foo=bar&fields=id").await, (all_tags, false));
}

on_both_engines!(
    paging_is_size_plus_one,
    q_matches_names_case_insensitively_with_star_wildcards,
    filters_by_name_id_type_editor_and_tags,
    sorts_on_every_field_with_ties_broken_by_id,
    fields_choose_the_keys_of_each_item,
    tags_are_distinct_sorted_filtered_and_paged,
    bad_parameters_are_400_naming_parameter_and_value,
    unknown_parameters_are_ignored,
);
