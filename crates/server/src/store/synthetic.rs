//! Many realistic flows at once, for benchmarks and demonstrations: names from common IVR
//! words, all four types, 0-3 tags each, diagram and code flows, one second apart.

use super::{now_millis, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

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

fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Inserts `count` flows (ids 1..=count, in a fresh database) with 0-3 tags each.
pub async fn seed_flows(
    store: &Store,
    domain_id: i64,
    user_id: i64,
    count: usize,
) -> Result<(), sqlx::Error> {
    let mut rng = StdRng::seed_from_u64(7);
    let now = now_millis();
    for first in (0..count).step_by(SEED_BATCH) {
        let mut flows = Vec::with_capacity(SEED_BATCH);
        let mut tags = Vec::new();
        for index in first..(first + SEED_BATCH).min(count) {
            let id = index as i64 + 1;
            let name = format!(
                "{} {} {index:06}",
                WORDS[rng.gen_range(0..WORDS.len())],
                QUALIFIERS[rng.gen_range(0..QUALIFIERS.len())]
            );
            let editor = rng.gen_bool(0.5);
            let schema = format!(r#"[{{"answer":""}},{{"log":"flow {index}"}},{{"hangup":""}}]"#);
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
                "({id}, {domain_id}, {}, {}, '', {}, {}, {}, {}, 0, 1, '', {at}, {user_id}, {at}, {user_id})",
                literal(&name),
                literal(&name.to_lowercase()),
                literal(TYPES[index % TYPES.len()]),
                i64::from(editor),
                literal(&schema),
                literal(&payload),
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
        }
        let mut transaction = store.pool().begin().await?;
        let insert_flows = format!(
            "INSERT INTO routing_schema (id, domain_id, name, name_key, description, type, editor, schema, payload, \
             debug, version, note, created_at, created_by, updated_at, updated_by) VALUES {}",
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
        transaction.commit().await?;
    }
    Ok(())
}
