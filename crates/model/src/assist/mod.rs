//! Language help for a flow written as JSON text, from the catalog: what to complete at a
//! position (app names, step keys and argument fields as snippets, choice values), what to say
//! when hovering a name, and where a diagnostic's underline goes. Positions are byte offsets;
//! [`positions`] converts to and from the UTF-16 offsets editors in browsers use.

pub mod positions;
mod scan;
#[cfg(test)]
mod tests;

pub use scan::{context_at, Context, Spot};

use crate::api::FlowType;
use crate::catalog::{self, help_in, AppSpec, Field, Kind, META_KEYS};
use crate::flow::{Diagnostic, PathSeg, Severity};
use crate::l10n::{Locale, Text};

/// What the value at a path is, as far as the catalog knows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Place {
    /// A whole-flow document (an object holding `schema`).
    Document,
    /// A step object.
    Step,
    /// A value of a known kind (a step array is [`Kind::Steps`]).
    Value(Kind),
    /// A step's `limit` object.
    Limit,
}

fn place_of(path: &[PathSeg], document_is_object: bool) -> Option<Place> {
    let mut place = if document_is_object {
        Place::Document
    } else {
        Place::Value(Kind::Steps)
    };
    for segment in path {
        place = match (place, segment) {
            (Place::Document, PathSeg::Key(key)) if key == "schema" => Place::Value(Kind::Steps),
            (Place::Value(Kind::Steps), PathSeg::Index(_)) => Place::Step,
            (Place::Step, PathSeg::Key(key)) if key == "limit" => Place::Limit,
            (Place::Step, PathSeg::Key(key)) => Place::Value(catalog::app(key)?.argument),
            (Place::Value(Kind::Object(fields)), PathSeg::Key(key)) => {
                Place::Value(fields.iter().find(|field| field.name == key)?.kind)
            }
            (Place::Value(Kind::Map(inner)), PathSeg::Key(_))
            | (Place::Value(Kind::List(inner)), PathSeg::Index(_)) => Place::Value(*inner),
            _ => return None,
        };
    }
    Some(place)
}

/// What a completion inserts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CompletionKind {
    App,
    /// A step key other than its app: tag, break, limit, …
    StepKey,
    Field,
    Value,
}

/// One suggestion. `snippet` uses `${name}` placeholders (`${}` for an empty one), the form
/// CodeMirror's snippets take; tabs stand for one indent unit.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    /// A short note next to the label: the app's group, the field's kind, "required".
    pub detail: String,
    /// The help text.
    pub info: String,
    pub snippet: String,
    /// Sorted first (required fields, apps of the flow's type).
    pub boost: i8,
}

/// Suggestions for the word typed from byte offset `from` to the position. Each snippet is
/// whole (quotes included): when the word is `quoted`, it replaces the opening quote before
/// `from` too, and a closing quote right after the position.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Completions {
    pub from: usize,
    pub quoted: bool,
    pub options: Vec<Completion>,
}

impl Completions {
    fn new(text: &str, start: usize, options: Vec<Completion>) -> Self {
        let quoted = text.as_bytes().get(start) == Some(&b'"');
        Self {
            from: start + usize::from(quoted),
            quoted,
            options,
        }
    }
}

/// Hover documentation for the name between `from` and `to`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Hover {
    pub from: usize,
    pub to: usize,
    pub title: String,
    pub body: String,
}

/// What fits at byte offset `at` of `text`, a flow of `flow_type`, described in `locale`.
pub fn complete(text: &str, at: usize, flow_type: FlowType, locale: Locale) -> Option<Completions> {
    let context = context_at(text, at)?;
    match context.spot {
        Spot::Key { from, siblings, .. } => {
            let options = match place_of(&context.path, context.document_is_object)? {
                Place::Step => step_key_options(&siblings, flow_type, locale),
                Place::Value(Kind::Object(fields)) => field_options(fields, &siblings, locale),
                Place::Value(Kind::Reference) => reference_options(&siblings, locale),
                Place::Limit => limit_options(&siblings, locale),
                _ => return None,
            };
            Some(Completions::new(text, from, options))
        }
        Spot::Value { from, key, .. } => {
            let place = place_of(&context.path, context.document_is_object)?;
            let options = match (place, key) {
                (Place::Value(Kind::Steps), None) => whole_step_options(flow_type, locale),
                (_, Some(key)) => {
                    let mut path = context.path.clone();
                    path.push(PathSeg::Key(key));
                    match place_of(&path, context.document_is_object)? {
                        Place::Value(Kind::Choice(values)) => choice_options(values),
                        Place::Value(Kind::Boolean) => choice_options(&["true", "false"])
                            .into_iter()
                            .map(|option| Completion {
                                snippet: option.label.clone(),
                                ..option
                            })
                            .collect(),
                        _ => return None,
                    }
                }
                _ => return None,
            };
            Some(Completions::new(text, from, options))
        }
    }
}

/// Documentation of the app or field name at byte offset `at`, if there is one, in `locale`.
pub fn hover(text: &str, at: usize, flow_type: FlowType, locale: Locale) -> Option<Hover> {
    let context = context_at(text, at)?;
    let Spot::Key {
        from,
        to,
        whole: Some(name),
        ..
    } = context.spot
    else {
        return None;
    };
    match place_of(&context.path, context.document_is_object)? {
        Place::Step => {
            if let Some(app) = catalog::app(&name) {
                return Some(Hover {
                    from,
                    to,
                    title: app_title(app, flow_type, locale),
                    body: app_body(app, locale),
                });
            }
            let help = step_key_help(&name, locale)?;
            Some(Hover {
                from,
                to,
                title: name,
                body: help,
            })
        }
        Place::Value(Kind::Object(fields)) => {
            let field = fields.iter().find(|field| field.name == name)?;
            Some(Hover {
                from,
                to,
                title: format!("{}: {}", field.name, field_detail(field, locale)),
                body: help_in(locale, field.help).into_owned(),
            })
        }
        _ => None,
    }
}

/// "Not offered for Voice flows", for an app the flow's type does not offer.
fn not_offered(flow_type: FlowType, locale: Locale) -> String {
    Text::new("assist-not-offered")
        .with("type", Text::new(format!("flow-type-{flow_type}")))
        .in_locale(locale)
}

fn app_title(app: &AppSpec, flow_type: FlowType, locale: Locale) -> String {
    let offered = if app.offered_for(flow_type) {
        String::new()
    } else {
        format!(" ({})", not_offered(flow_type, locale))
    };
    format!("{} — {}{offered}", app.name, app.label_in(locale))
}

fn app_body(app: &AppSpec, locale: Locale) -> String {
    let mut body = app.help_in(locale).into_owned();
    let fields = app.fields();
    if !fields.is_empty() {
        body.push('\n');
        for field in fields {
            body.push_str(&format!(
                "\n{}: {} — {}",
                field.name,
                field_detail(field, locale),
                help_in(locale, field.help)
            ));
        }
    } else if !matches!(app.argument, Kind::Empty) {
        body.push_str("\n\n");
        body.push_str(
            &Text::new("assist-argument")
                .with("kind", kind_text(&app.argument, locale))
                .in_locale(locale),
        );
    }
    body
}

/// A field's kind, and whether it is required.
fn field_detail(field: &Field, locale: Locale) -> String {
    let kind = kind_text(&field.kind, locale);
    if field.required {
        Text::new("assist-required")
            .with("kind", kind)
            .in_locale(locale)
    } else {
        kind
    }
}

/// A kind in a few words, for details and hovers.
pub fn kind_text(kind: &Kind, locale: Locale) -> String {
    let id = match kind {
        Kind::Choice(values) => return values.join(" | "),
        Kind::List(inner) | Kind::Map(inner) => {
            let id = if matches!(kind, Kind::List(_)) {
                "kind-list"
            } else {
                "kind-map"
            };
            return Text::new(id)
                .with("item", kind_text(inner, locale))
                .in_locale(locale);
        }
        Kind::Text => "kind-text",
        Kind::Expression => "kind-expression",
        Kind::Variable => "kind-variable",
        Kind::Number => "kind-number",
        Kind::NumericText => "kind-numeric-text",
        Kind::Boolean => "kind-boolean",
        Kind::Object(_) => "kind-object",
        Kind::Reference => "kind-reference",
        Kind::Steps => "kind-steps",
        Kind::Json => "kind-json",
        Kind::Empty => "kind-empty",
    };
    locale.say(id, None)
}

/// The help of a key every step may have.
fn step_key_help(key: &str, locale: Locale) -> Option<String> {
    catalog::is_meta_key(key).then(|| {
        locale.say(
            &format!("assist-step-{}", key.trim_start_matches('_')),
            None,
        )
    })
}

fn step_key_snippet(key: &str) -> &'static str {
    match key {
        "break" | "trace" | "async" => "${false}",
        "limit" => "{\n\t\"max\": ${1},\n\t\"failover\": \"${tag}\"\n}",
        _ => "\"${}\"",
    }
}

fn quoted(key: &str) -> String {
    serde_json::to_string(key).unwrap_or_default()
}

/// The value a snippet starts a field of `kind` with, the cursor stops inside it.
fn placeholder(kind: &Kind, name: &str) -> String {
    match kind {
        Kind::Text | Kind::Expression | Kind::Variable | Kind::NumericText => {
            format!("\"${{{name}}}\"")
        }
        Kind::Number => "${0}".into(),
        Kind::Boolean => "${false}".into(),
        Kind::Choice(values) => format!("\"${{{}}}\"", values.first().copied().unwrap_or("")),
        Kind::List(_) | Kind::Steps => "[${}]".into(),
        Kind::Object(_) | Kind::Map(_) | Kind::Reference => "{${}}".into(),
        Kind::Json => "${null}".into(),
        Kind::Empty => "\"\"${}".into(),
    }
}

/// `"app": <argument with its required fields>`.
fn app_member_snippet(app: &AppSpec) -> String {
    let argument = match app.argument {
        Kind::Object(fields) => {
            let required: Vec<String> = fields
                .iter()
                .filter(|field| field.required)
                .map(|field| {
                    format!(
                        "\t{}: {}",
                        quoted(field.name),
                        placeholder(&field.kind, field.name)
                    )
                })
                .collect();
            if required.is_empty() {
                "{${}}".to_owned()
            } else {
                format!("{{\n{}\n}}", required.join(",\n"))
            }
        }
        kind => placeholder(&kind, app.name),
    };
    format!("{}: {argument}", quoted(app.name))
}

fn app_completion(
    app: &AppSpec,
    flow_type: FlowType,
    snippet: String,
    locale: Locale,
) -> Completion {
    let offered = app.offered_for(flow_type);
    Completion {
        label: app.name.to_owned(),
        kind: CompletionKind::App,
        detail: if offered {
            app.group.label_in(locale).into_owned()
        } else {
            not_offered(flow_type, locale)
        },
        info: app.help_in(locale).into_owned(),
        snippet,
        boost: if offered { 1 } else { -1 },
    }
}

/// The apps offered for the type (others only for the `default` type, which offers all).
fn offered_apps(flow_type: FlowType) -> impl Iterator<Item = &'static AppSpec> {
    catalog::APPS
        .iter()
        .filter(move |app| app.offered_for(flow_type))
}

fn step_key_options(siblings: &[String], flow_type: FlowType, locale: Locale) -> Vec<Completion> {
    let has_app = siblings
        .iter()
        .any(|key| !catalog::is_meta_key(key) && !key.is_empty());
    let mut options = Vec::new();
    if !has_app {
        options.extend(
            offered_apps(flow_type)
                .map(|app| app_completion(app, flow_type, app_member_snippet(app), locale)),
        );
    }
    options.extend(
        META_KEYS
            .iter()
            .filter(|key| **key != "_id" && !siblings.iter().any(|sibling| sibling == *key))
            .map(|key| Completion {
                label: (*key).to_owned(),
                kind: CompletionKind::StepKey,
                detail: locale.say("assist-step", None),
                info: step_key_help(key, locale).unwrap_or_default(),
                snippet: format!("{}: {}", quoted(key), step_key_snippet(key)),
                boost: 0,
            }),
    );
    options
}

fn whole_step_options(flow_type: FlowType, locale: Locale) -> Vec<Completion> {
    offered_apps(flow_type)
        .map(|app| {
            let member = app_member_snippet(app).replace('\n', "\n\t");
            app_completion(app, flow_type, format!("{{\n\t{member}\n}}"), locale)
        })
        .collect()
}

fn field_options(fields: &[Field], siblings: &[String], locale: Locale) -> Vec<Completion> {
    fields
        .iter()
        .filter(|field| !siblings.iter().any(|sibling| sibling == field.name))
        .map(|field| Completion {
            label: field.name.to_owned(),
            kind: CompletionKind::Field,
            detail: field_detail(field, locale),
            info: help_in(locale, field.help).into_owned(),
            snippet: format!(
                "{}: {}",
                quoted(field.name),
                placeholder(&field.kind, field.name)
            ),
            boost: i8::from(field.required),
        })
        .collect()
}

fn simple_key(label: &str, detail: &str, info: &str, snippet: &str) -> Completion {
    Completion {
        label: label.to_owned(),
        kind: CompletionKind::Field,
        detail: detail.to_owned(),
        info: info.to_owned(),
        snippet: format!("{}: {snippet}", quoted(label)),
        boost: 0,
    }
}

fn reference_options(siblings: &[String], locale: Locale) -> Vec<Completion> {
    let say = |id: &str| locale.say(id, None);
    [
        simple_key(
            "id",
            &say("kind-number"),
            &say("assist-reference-id"),
            "${0}",
        ),
        simple_key(
            "name",
            &say("kind-text"),
            &say("assist-reference-name"),
            "\"${name}\"",
        ),
    ]
    .into_iter()
    .filter(|option| !siblings.contains(&option.label))
    .collect()
}

fn limit_options(siblings: &[String], locale: Locale) -> Vec<Completion> {
    let say = |id: &str| locale.say(id, None);
    [
        simple_key("max", &say("kind-number"), &say("assist-limit-max"), "${1}"),
        simple_key(
            "failover",
            &say("assist-tag"),
            &say("assist-limit-failover"),
            "\"${tag}\"",
        ),
    ]
    .into_iter()
    .filter(|option| !siblings.contains(&option.label))
    .collect()
}

fn choice_options(values: &[&str]) -> Vec<Completion> {
    values
        .iter()
        .map(|value| Completion {
            label: (*value).to_owned(),
            kind: CompletionKind::Value,
            detail: String::new(),
            info: String::new(),
            snippet: quoted(value),
            boost: 0,
        })
        .collect()
}

/// A problem placed for an editor: its span in UTF-16 units.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Mark {
    pub from: usize,
    pub to: usize,
    pub severity: Severity,
    pub message: String,
}

/// Where each diagnostic of `text` is underlined, in UTF-16 units, said in `locale`.
pub fn marks(text: &str, diagnostics: &[Diagnostic], locale: Locale) -> Vec<Mark> {
    let lines = positions::LineIndex::new(text);
    let spans: Vec<(usize, usize)> = diagnostics
        .iter()
        .map(|found| underline(text, lines.byte_offset(found.line, found.column)))
        .collect();
    let bytes: Vec<usize> = spans.iter().flat_map(|&(from, to)| [from, to]).collect();
    let units = positions::utf16_from_bytes(text, &bytes);
    diagnostics
        .iter()
        .zip(units.chunks(2))
        .map(|(found, span)| Mark {
            from: span[0],
            to: span[1],
            severity: found.severity,
            message: found.message(locale),
        })
        .collect()
}

/// The span to underline for a problem reported at byte offset `start`: the key or token
/// there; for an object, its first key, which names the step.
pub fn underline(text: &str, start: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut at = start;
    if bytes.get(at) == Some(&b'{') {
        let mut next = at + 1;
        while bytes
            .get(next)
            .is_some_and(|byte| byte.is_ascii_whitespace())
        {
            next += 1;
        }
        if bytes.get(next) == Some(&b'"') {
            at = next;
        } else {
            return (start, (start + 1).min(text.len()));
        }
    }
    let end = match bytes.get(at) {
        None => return (text.len().saturating_sub(1).min(start), text.len()),
        Some(b'"') => scan::string_end(bytes, at).0,
        Some(b'[' | b']' | b'}' | b',' | b':') => at + 1,
        Some(_) => {
            let mut end = at;
            while end < bytes.len() && scan::is_word_byte(bytes[end]) {
                end += 1;
            }
            end.max(at + 1)
        }
    };
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (at, end)
}
