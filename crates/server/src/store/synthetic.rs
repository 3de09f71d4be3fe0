//! Many realistic flows at once, for benchmarks and demonstrations: names from common IVR
//! words, all four types, 0-3 tags each, diagram and code flows, one second apart. Connected
//! flows also call each other and use queues, calendars, lists, media, users, gateways,
//! globals and hosts, with what the server derives from them (references, searched texts).

use super::flows::DERIVED_VERSION;
use super::{now_millis, Store};
use flow_model::flow::texts::fold;
use flow_model::flow::{flow_texts, references};
use flow_model::rules::name_key;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

pub const WORDS: [&str; 24] = [
    "Alpha",
    "Billing",
    "Callback",
    "Delivery",
    "Escalation",
    "Feedback",
    "Greeting",
    "Holiday",
    "Inbound",
    "Journey",
    "Kiosk",
    "Loyalty",
    "Main",
    "Night",
    "Outbound",
    "Payments",
    "Queue",
    "Retention",
    "Sales",
    "Support",
    "Transfer",
    "Urgent",
    "Voicemail",
    "Welcome",
];
pub const QUALIFIERS: [&str; 8] = [
    "menu", "router", "bot", "survey", "hours", "overflow", "IVR", "handoff",
];
pub const TAGS: [&str; 20] = [
    "ivr", "sales", "support", "vip", "night", "weekend", "billing", "english", "spanish",
    "german", "callback", "survey", "bot", "queue", "priority", "test", "legacy", "mobile", "web",
    "partner",
];
pub const TYPES: [&str; 4] = ["voice", "chat", "processing", "service"];
/// Flows per INSERT statement and per transaction while seeding.
const SEED_BATCH: usize = 2000;
/// Reference and text rows per INSERT statement while seeding.
const ROWS_PER_INSERT: usize = 5000;

fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Queues, calendars, media files … connected flows pick from: each is used by many flows.
pub const OBJECTS_PER_KIND: usize = 500;
/// Hosts connected flows call.
pub const HOSTS: usize = 50;

/// Inserts `count` flows (ids 1..=count, in a fresh database) with 0-3 tags each.
pub async fn seed_flows(
    store: &Store,
    domain_id: i64,
    user_id: i64,
    count: usize,
) -> Result<(), sqlx::Error> {
    seed(store, domain_id, user_id, count, false).await
}

/// Inserts `count` connected flows (ids 1..=count, in a fresh database): each uses about a
/// dozen outside objects and holds a dozen searched texts, written as the server writes them.
pub async fn seed_connected_flows(
    store: &Store,
    domain_id: i64,
    user_id: i64,
    count: usize,
) -> Result<(), sqlx::Error> {
    seed(store, domain_id, user_id, count, true).await
}

/// A flow that uses outside objects, picked by `rng`; it calls another of the `count` flows.
pub fn connected_schema(index: usize, count: usize, rng: &mut StdRng) -> Value {
    let mut pick = |kind: usize| rng.gen_range(1..=kind);
    let (queue, other_queue, calendar, list, media) = (
        pick(OBJECTS_PER_KIND),
        pick(OBJECTS_PER_KIND),
        pick(OBJECTS_PER_KIND),
        pick(OBJECTS_PER_KIND),
        pick(OBJECTS_PER_KIND),
    );
    let (user, gateway, host, called) = (
        pick(OBJECTS_PER_KIND),
        pick(OBJECTS_PER_KIND),
        pick(HOSTS),
        pick(count.max(1)),
    );
    json!([
        {"answer": ""},
        {"calendar": {"id": calendar, "name": format!("Hours {calendar}"), "setVar": "open"}},
        {"playback": {"files": [{"id": media, "name": format!("welcome-{media}.wav")}]}},
        {"httpRequest": {"url": format!("https://crm-{host}.example.com/api?token=$${{crm_token}}"),
                         "exportVariables": {"customer": "name"}}},
        {"if": {"expression": "${open} == 'true'", "then": [
            {"joinQueue": {"queue": {"id": queue, "name": format!("Queue {queue}")}}},
            {"schema": {"id": called, "name": format!("Flow {called}")}}
        ], "else": [
            {"list": {"list": {"id": list}, "destination": "${caller_id_number}", "actions": [{"hangup": ""}]}},
            {"callbackQueue": {"queue_id": other_queue, "name": "${caller_id_number}"}}
        ]}},
        {"bridge": {"endpoints": [{"type": "user", "id": user}, {"type": "gateway", "id": gateway}]}},
        {"log": format!("flow {index}: {} caller for queue {queue}", WORDS[index % WORDS.len()])},
        {"hangup": ""}
    ])
}

async fn seed(
    store: &Store,
    domain_id: i64,
    user_id: i64,
    count: usize,
    connected: bool,
) -> Result<(), sqlx::Error> {
    let mut rng = StdRng::seed_from_u64(7);
    let now = now_millis();
    for first in (0..count).step_by(SEED_BATCH) {
        let mut flows = Vec::with_capacity(SEED_BATCH);
        let mut tags = Vec::new();
        let mut uses = Vec::new();
        let mut texts = Vec::new();
        for index in first..(first + SEED_BATCH).min(count) {
            let id = index as i64 + 1;
            let name = format!(
                "{} {} {index:06}",
                WORDS[rng.gen_range(0..WORDS.len())],
                QUALIFIERS[rng.gen_range(0..QUALIFIERS.len())]
            );
            let editor = rng.gen_bool(0.5);
            let schema = if connected {
                connected_schema(index, count, &mut rng)
            } else {
                json!([{"answer": ""}, {"log": format!("flow {index}")}, {"hangup": ""}])
            };
            let payload = if editor {
                format!(
                    r#"{{"nodes":[{{"id":"n{index}","x":{},"y":40}}]}}"#,
                    index % 977
                )
            } else {
                "{}".to_owned()
            };
            let at = now - (count - index) as i64 * 1000;
            flows.push(format!(
                "({id}, {domain_id}, {}, {}, '', {}, {}, {}, {}, 0, 1, '', {at}, {user_id}, {at}, {user_id}, {})",
                literal(&name),
                literal(&name.to_lowercase()),
                literal(TYPES[index % TYPES.len()]),
                i64::from(editor),
                literal(&schema.to_string()),
                literal(&payload),
                if connected { DERIVED_VERSION } else { 0 },
            ));
            let mut chosen: Vec<&str> = Vec::new();
            for _ in 0..rng.gen_range(0..=3) {
                let tag = TAGS[rng.gen_range(0..TAGS.len())];
                if !chosen.contains(&tag) {
                    chosen.push(tag);
                }
            }
            for (position, tag) in chosen.iter().enumerate() {
                tags.push(format!(
                    "({id}, {domain_id}, {}, {}, {position})",
                    literal(tag),
                    literal(tag)
                ));
            }
            if connected {
                for (position, used) in references(&schema).iter().enumerate() {
                    uses.push(format!(
                        "({id}, {domain_id}, {}, {position}, {}, {}, {}, {})",
                        literal(&name_key(&name)),
                        literal(used.kind.key()),
                        literal(&used.key),
                        literal(&used.path),
                        literal(&used.app)
                    ));
                }
                let payload: Value = serde_json::from_str(&payload).unwrap_or(Value::Null);
                for (position, text) in flow_texts(&schema, &payload, "", &chosen)
                    .iter()
                    .enumerate()
                {
                    texts.push(format!(
                        "({id}, {domain_id}, {position}, {}, {}, {}, {}, {})",
                        literal(text.source.as_str()),
                        literal(&text.place),
                        literal(&text.app),
                        literal(&text.text),
                        literal(&fold(&text.text))
                    ));
                }
            }
        }
        let mut transaction = store.pool().begin().await?;
        let insert_flows = format!(
            "INSERT INTO routing_schema (id, domain_id, name, name_key, description, type, editor, schema, payload, \
             debug, version, note, created_at, created_by, updated_at, updated_by, derived_version) VALUES {}",
            flows.join(", ")
        );
        sqlx::raw_sql(&insert_flows)
            .execute(&mut *transaction)
            .await?;
        if !tags.is_empty() {
            let insert_tags = format!(
                "INSERT INTO routing_schema_tag (schema_id, domain_id, name, name_key, position) VALUES {}",
                tags.join(", ")
            );
            sqlx::raw_sql(&insert_tags)
                .execute(&mut *transaction)
                .await?;
        }
        for (table, columns, rows) in [
            (
                "routing_schema_reference",
                "schema_id, domain_id, name_key, position, kind, key, path, app",
                &uses,
            ),
            (
                "routing_schema_text",
                "schema_id, domain_id, position, source, place, app, body, folded",
                &texts,
            ),
        ] {
            for part in rows.chunks(ROWS_PER_INSERT) {
                let insert = format!("INSERT INTO {table} ({columns}) VALUES {}", part.join(", "));
                sqlx::raw_sql(&insert).execute(&mut *transaction).await?;
            }
        }
        transaction.commit().await?;
    }
    Ok(())
}
