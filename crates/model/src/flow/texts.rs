//! What a search inside flows reads: each step's own values (not the steps nested in it, which
//! are read on their own), the flow's description and tags, and the notes of its diagram. Each
//! text names its place, so a match opens the step, and [`snippet`] shows the match in it.

use super::decompile::decompile_with_sources;
use super::graph::pointer;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Where a searched text comes from.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[serde(rename_all = "lowercase")]
pub enum TextSource {
    /// A step: its place is a JSON pointer into the schema.
    Step,
    Description,
    Tags,
    /// A note on the diagram: its place is the note's id.
    Note,
}

impl TextSource {
    pub const ALL: [Self; 4] = [Self::Step, Self::Description, Self::Tags, Self::Note];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Step => "step",
            Self::Description => "description",
            Self::Tags => "tags",
            Self::Note => "note",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|source| source.as_str() == key)
    }
}

/// One searched text of a flow.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct FlowText {
    pub source: TextSource,
    /// A step's JSON pointer, a note's id, else empty.
    pub place: String,
    /// The step's app; empty for the others.
    pub app: String,
    /// Its values, one per line.
    pub text: String,
}

/// The texts of a flow a search inside flows reads, steps in the order they are written.
pub fn flow_texts(
    schema: &Value,
    payload: &Value,
    description: &str,
    tags: &[&str],
) -> Vec<FlowText> {
    let mut texts = Vec::new();
    let whole = |source, text: String| FlowText {
        source,
        place: String::new(),
        app: String::new(),
        text,
    };
    if !description.trim().is_empty() {
        texts.push(whole(TextSource::Description, description.to_owned()));
    }
    if !tags.is_empty() {
        texts.push(whole(TextSource::Tags, tags.join("\n")));
    }
    if let Ok((flow, sources)) = decompile_with_sources(schema) {
        let mut steps: Vec<FlowText> = sources
            .iter()
            .filter_map(|(node, source)| {
                let step = flow.step(*node)?;
                let mut lines = Vec::new();
                for value in step.object.values() {
                    leaf_lines(value, &mut lines);
                }
                Some(FlowText {
                    source: TextSource::Step,
                    place: pointer(source),
                    app: step.app.clone(),
                    text: lines.join("\n"),
                })
            })
            .filter(|text| !text.text.is_empty())
            .collect();
        steps.sort_by(|a, b| place_order(&a.place).cmp(&place_order(&b.place)));
        texts.extend(steps);
    }
    let notes = payload.get("comments").and_then(Value::as_array);
    for note in notes.into_iter().flatten() {
        let (Some(id), Some(text)) = (
            note.get("id").and_then(Value::as_str),
            note.get("text").and_then(Value::as_str),
        ) else {
            continue;
        };
        if !text.trim().is_empty() {
            texts.push(FlowText {
                source: TextSource::Note,
                place: id.to_owned(),
                app: String::new(),
                text: text.to_owned(),
            });
        }
    }
    texts
}

/// A pointer's segments, indexes as numbers: `/2/…` comes before `/10/…`.
pub(super) fn place_order(path: &str) -> Vec<Result<usize, &str>> {
    path.split('/')
        .map(|seg| seg.parse::<usize>().map_err(|_| seg))
        .collect()
}

/// The texts and numbers in `value`, in order.
fn leaf_lines(value: &Value, lines: &mut Vec<String>) {
    match value {
        Value::String(text) if !text.trim().is_empty() => lines.push(text.clone()),
        Value::Number(number) => lines.push(number.to_string()),
        Value::Array(items) => items.iter().for_each(|item| leaf_lines(item, lines)),
        Value::Object(map) => map.values().for_each(|item| leaf_lines(item, lines)),
        _ => {}
    }
}

/// How a search folds case: the same on both sides of every comparison.
pub fn fold(text: &str) -> String {
    text.to_lowercase()
}

/// A match shown in its line: the text before it, the match as written, the text after.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug, Default)]
pub struct Snippet {
    pub before: String,
    #[serde(rename = "match")]
    pub matched: String,
    pub after: String,
}

/// Characters of the line kept before and after a match.
const CONTEXT_BEFORE: usize = 40;
const CONTEXT_AFTER: usize = 80;

/// The first place `q` is in `text`, case folded, shown in its line (cut to some words around
/// it, `…` where cut). `None` when `q` is blank or not there.
pub fn snippet(text: &str, q: &str) -> Option<Snippet> {
    let wanted: Vec<char> = fold(q).chars().collect();
    if q.trim().is_empty() {
        return None;
    }
    // Each folded char with the char index it came from (folding may make one char two).
    let chars: Vec<char> = text.chars().collect();
    let folded: Vec<(char, usize)> = chars
        .iter()
        .enumerate()
        .flat_map(|(index, c)| c.to_lowercase().map(move |low| (low, index)))
        .collect();
    let found = folded
        .windows(wanted.len())
        .position(|window| window.iter().map(|(c, _)| *c).eq(wanted.iter().copied()))?;
    let start = folded[found].1;
    let end = folded[found + wanted.len() - 1].1 + 1;
    let line_start = chars[..start]
        .iter()
        .rposition(|c| *c == '\n')
        .map_or(0, |at| at + 1);
    let line_end = chars[end..]
        .iter()
        .position(|c| *c == '\n')
        .map_or(chars.len(), |at| end + at);
    let from = start.saturating_sub(CONTEXT_BEFORE).max(line_start);
    let to = (end + CONTEXT_AFTER).min(line_end);
    let text_of = |range: &[char]| range.iter().collect::<String>();
    let mut before = text_of(&chars[from..start]);
    let mut after = text_of(&chars[end..to]);
    if from > line_start {
        before.insert(0, '…');
    }
    if to < line_end {
        after.push('…');
    }
    Some(Snippet {
        before,
        matched: text_of(&chars[start..end]),
        after,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn steps_are_read_on_their_own_with_their_place() {
        let schema = json!([
            {"playback": {"files": [{"name": "welcome.wav", "id": 7}]}},
            {"if": {"expression": "${x} == 1", "then": [
                {"joinQueue": {"queue": {"id": 12, "name": "Sales"}}}
            ]}},
            {"hangup": {}}
        ]);
        let texts = flow_texts(&schema, &Value::Null, "", &[]);
        let steps: Vec<(&str, &str, &str)> = texts
            .iter()
            .map(|t| (t.place.as_str(), t.app.as_str(), t.text.as_str()))
            .collect();
        assert_eq!(
            steps,
            [
                ("/0", "playback", "welcome.wav\n7"),
                ("/1", "if", "${x} == 1"),
                ("/1/if/then/0", "joinQueue", "12\nSales"),
            ]
        );
    }

    #[test]
    fn description_tags_and_notes_are_read_too() {
        let payload = json!({"comments": [
            {"id": "c1", "text": "Ask Anna before changing"},
            {"id": "c2", "text": "  "}
        ]});
        let texts = flow_texts(&json!([]), &payload, "Main line", &["ivr", "sales"]);
        let found: Vec<(TextSource, &str, &str)> = texts
            .iter()
            .map(|t| (t.source, t.place.as_str(), t.text.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (TextSource::Description, "", "Main line"),
                (TextSource::Tags, "", "ivr\nsales"),
                (TextSource::Note, "c1", "Ask Anna before changing"),
            ]
        );
    }

    #[test]
    fn a_schema_that_is_not_steps_has_no_step_texts() {
        assert!(flow_texts(&json!({"x": 1}), &json!("?"), " ", &[]).is_empty());
    }

    #[test]
    fn snippets_keep_the_match_as_written_in_its_line() {
        let text = "first line\nPlease hold, Оператор скоро ответит\nlast";
        assert_eq!(
            snippet(text, "оператор"),
            Some(Snippet {
                before: "Please hold, ".into(),
                matched: "Оператор".into(),
                after: " скоро ответит".into(),
            })
        );
        assert_eq!(snippet(text, "missing"), None);
        assert_eq!(snippet(text, " "), None);
    }

    #[test]
    fn long_lines_are_cut_around_the_match() {
        let text = format!("{}needle{}", "a".repeat(100), "b".repeat(100));
        let found = snippet(&text, "NEEDLE").unwrap();
        assert_eq!(found.before, format!("…{}", "a".repeat(40)));
        assert_eq!(found.after, format!("{}…", "b".repeat(80)));
    }

    #[test]
    fn hostile_text_matches_itself_only() {
        let text = "100% sure_thing 'quoted' \"double\" back\\slash";
        for q in ["100%", "_thing", "'quoted'", "\"double\"", "back\\slash"] {
            assert_eq!(snippet(text, q).unwrap().matched, q);
        }
        assert_eq!(snippet(text, "1%0"), None);
        // A char that folds to two still maps back to itself.
        assert_eq!(snippet("xİy", "i̇").unwrap().matched, "İ");
    }
}
