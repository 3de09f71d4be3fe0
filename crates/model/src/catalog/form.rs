//! A step's properties as a form, generated from the catalog: one typed input per argument
//! field (required ones marked, choices as a list), nested objects, lists and maps opened up
//! into their own typed fields with add and remove, plus the settings every step has (tag,
//! break, limit, description). What is typed is checked field by field, with a message for
//! the field, before it changes the step.

use super::{app, Field, Kind, Object};
use crate::flow::graph::{path_text, set_at, value_at};
use crate::flow::PathSeg;
use crate::l10n::Text;
use crate::lookup::{directory, PickTarget};
use crate::rules::json_kind_text;
use serde_json::{Map, Value};

/// How a property is typed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Input {
    Text,
    /// A number, or a `${variable}` the runtime fills in.
    Number,
    Checkbox,
    Choice(&'static [&'static str]),
    /// Free JSON: references, values of any shape, and collections too big to open up.
    Json,
    /// A list or map, whose items follow: items are added to it (`keyed`: a map, each new
    /// entry is named).
    Collection {
        keyed: bool,
    },
    /// The heading over an object's fields (a list item, a map entry, a nested object).
    Heading,
    /// A branch named by its key (a switch case): what it runs is linked on the canvas.
    Branch,
}

/// Which part of a step a property edits.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Target {
    /// A value inside the app's object argument, by its path (`files`, `files[0].name`).
    Field(Vec<PathSeg>),
    /// The whole argument, for apps whose argument is not an object (`goto`, `sleep`, …).
    Argument,
    Tag,
    Break,
    /// `limit.max`: how often the step may run before its failover.
    LimitMax,
    Description,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Property {
    pub target: Target,
    /// Where it is, unique in the form (`files[0].name`; a setting's own name, `tag`).
    pub name: String,
    /// What its label says: the last part of `name` (`name`, `#1`, a map key).
    pub label: String,
    /// How deep inside other fields it is (0: a field of the argument).
    pub depth: usize,
    pub help: &'static str,
    pub required: bool,
    pub input: Input,
    /// The value as the input shows it (a collection: how many items it has).
    pub text: String,
    /// A list item or map entry: it can be removed.
    pub removable: bool,
    /// An object it names that can be picked by name from a directory, and where the pick
    /// writes its id and name.
    pub pick: Option<PickTarget>,
}

/// An edit of the form: a value typed, an item added to a list or map (with the new entry's
/// name), an item removed, or values picked together (a flow's id and name) as one change.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum FormEdit {
    Set(Target, String),
    Add(Vec<PathSeg>, String),
    Remove(Vec<PathSeg>),
    Pick(Vec<(Vec<PathSeg>, Value)>),
}

/// Past this many items a collection is shown as JSON rather than a field per item.
const MOST_OPENED_ITEMS: usize = 50;
/// Past this depth, values are shown as JSON.
const DEEPEST_OPENED: usize = 5;

/// Whether a value of `kind` holds step arrays somewhere (they are the canvas's edges).
fn holds_steps(kind: &Kind) -> bool {
    match kind {
        Kind::Steps => true,
        Kind::List(inner) | Kind::Map(inner) => holds_steps(inner),
        Kind::Object(fields) => fields.iter().any(|field| holds_steps(&field.kind)),
        _ => false,
    }
}

/// The input of a single value of `kind` (not opened up), if it is typed at all.
fn input_for(kind: &Kind) -> Option<Input> {
    if holds_steps(kind) {
        // Branches are drawn and connected on the canvas (or edited in the JSON tab).
        return None;
    }
    Some(match kind {
        Kind::Text | Kind::Expression | Kind::Variable | Kind::NumericText => Input::Text,
        Kind::Number => Input::Number,
        Kind::Boolean => Input::Checkbox,
        Kind::Choice(values) => Input::Choice(values),
        Kind::Object(_) | Kind::List(_) | Kind::Map(_) | Kind::Reference | Kind::Json => {
            Input::Json
        }
        // An empty argument has nothing to type.
        Kind::Steps | Kind::Empty => return None,
    })
}

/// The input of the value `value` of `kind`: as its kind says, unless the value is of another
/// shape (a number where text belongs, say): then JSON, so typing it back changes nothing.
fn input_of(kind: &Kind, value: Option<&Value>) -> Option<Input> {
    let input = input_for(kind)?;
    let fits = match (input, value) {
        (_, None | Some(Value::Null)) | (Input::Json, _) => true,
        (Input::Text | Input::Choice(_), Some(value)) => value.is_string(),
        (Input::Number, Some(value)) => value.is_number() || value.is_string(),
        (Input::Checkbox, Some(value)) => value.is_boolean(),
        _ => false,
    };
    Some(if fits { input } else { Input::Json })
}

/// A value as its input shows it.
fn shown(value: Option<&Value>, input: Input) -> String {
    match (value, input) {
        (None | Some(Value::Null), _) => String::new(),
        // As JSON, text keeps its quotes: typed back, it stays text.
        (Some(value), Input::Json) => {
            serde_json::to_string_pretty(value).expect("a JSON value always serializes")
        }
        (Some(Value::String(text)), _) => text.clone(),
        (Some(Value::Bool(on)), _) => on.to_string(),
        (Some(value), _) => value.to_string(),
    }
}

/// The kind at `path` inside a value of `kind`, and whether it must be there.
fn kind_at(kind: Kind, path: &[PathSeg]) -> Option<(Kind, bool)> {
    path.iter()
        .try_fold((kind, true), |(kind, _), seg| match (kind, seg) {
            (Kind::Object(fields), PathSeg::Key(key)) => fields
                .iter()
                .find(|field| field.name == key)
                .map(|field| (field.kind, field.required)),
            (Kind::List(inner), PathSeg::Index(_)) | (Kind::Map(inner), PathSeg::Key(_)) => {
                Some((*inner, true))
            }
            _ => None,
        })
}

/// The kind of object a pick for `field` (one of `fields`) finds, where a directory lists
/// it and a pick can write it: a reference or list of them, or the `name` of an object whose
/// `id` names the same kind (a calendar step).
fn pickable(fields: &[Field], field: &Field) -> Option<Object> {
    let kind = field.refers.filter(|kind| directory(*kind).is_some())?;
    let beside_its_id = || {
        field.name == "name"
            && fields
                .iter()
                .any(|other| other.name == "id" && other.refers == Some(kind))
    };
    match field.kind {
        Kind::Reference | Kind::List(Kind::Reference) => Some(kind),
        Kind::Text if beside_its_id() => Some(kind),
        _ => None,
    }
}

/// What a property row of `path` says in its label.
fn label_of(path: &[PathSeg]) -> String {
    match path.last() {
        Some(PathSeg::Key(key)) => key.clone(),
        Some(PathSeg::Index(index)) => format!("#{}", index + 1),
        None => String::new(),
    }
}

/// The rows of one value of `kind` at `path`: a typed input, or, for objects, lists and
/// maps, a heading and the rows of what they hold.
struct Rows<'a> {
    app: &'a str,
    argument: Option<&'a Value>,
    /// How many path segments the top rows have (1 for an object argument's fields, 0 for
    /// a list or map argument itself).
    base: usize,
    found: Vec<Property>,
}

impl Rows<'_> {
    /// The rows of `kind` at `path`; `picks`: the kind of object a pick finds for it (or
    /// for its items).
    fn add(
        &mut self,
        kind: Kind,
        path: Vec<PathSeg>,
        (help, required): (&'static str, bool),
        picks: Option<Object>,
        removable: bool,
    ) {
        let depth = path.len().saturating_sub(self.base);
        let pick = picks.and_then(|picked| match kind {
            Kind::Reference => Some(PickTarget {
                kind: picked,
                object: path.clone(),
                shared: false,
            }),
            // The `name` beside an `id`: the pick writes both, in the object holding them.
            Kind::Text => Some(PickTarget {
                kind: picked,
                object: path[..path.len().saturating_sub(1)].to_vec(),
                shared: true,
            }),
            _ => None,
        });
        let value = self.argument.and_then(|argument| value_at(argument, &path));
        // Unique in the form: inside a list or map argument, under the app's name (a map key
        // may well be called `tag`).
        let name = match (self.base, path_text(&path)) {
            (_, text) if text.is_empty() => self.app.to_owned(),
            (0, text) if text.starts_with('[') => format!("{}{text}", self.app),
            (0, text) => format!("{}.{text}", self.app),
            (_, text) => text,
        };
        let row = |input: Input, text: String| Property {
            target: Target::Field(path.clone()),
            name: name.clone(),
            label: if path.is_empty() {
                name.clone()
            } else {
                label_of(&path)
            },
            depth,
            help,
            required,
            input,
            text,
            removable,
            pick: pick.clone(),
        };
        let too_many = |count: usize| count > MOST_OPENED_ITEMS || depth >= DEEPEST_OPENED;
        match kind {
            // A keyed branch is added, named and removed here; fixed ones are the canvas's.
            Kind::Steps if removable && matches!(path.last(), Some(PathSeg::Key(_))) => {
                self.found.push(row(Input::Branch, String::new()));
            }
            Kind::Object(fields) if depth < DEEPEST_OPENED => {
                self.found.push(row(Input::Heading, String::new()));
                for field in fields {
                    let mut inner = path.clone();
                    inner.push(PathSeg::Key(field.name.to_owned()));
                    let picks = pickable(fields, field);
                    self.add(
                        field.kind,
                        inner,
                        (field.help, field.required),
                        picks,
                        false,
                    );
                }
            }
            Kind::List(inner)
                if !value
                    .and_then(Value::as_array)
                    .is_some_and(|items| too_many(items.len())) =>
            {
                let items = value.and_then(Value::as_array).map_or(0, Vec::len);
                self.found
                    .push(row(Input::Collection { keyed: false }, items.to_string()));
                for index in 0..items {
                    let mut item = path.clone();
                    item.push(PathSeg::Index(index));
                    self.add(*inner, item, (help, true), picks, true);
                }
            }
            Kind::Map(inner)
                if !value
                    .and_then(Value::as_object)
                    .is_some_and(|entries| too_many(entries.len())) =>
            {
                let keys: Vec<String> = value
                    .and_then(Value::as_object)
                    .map(|entries| entries.keys().cloned().collect())
                    .unwrap_or_default();
                self.found.push(row(
                    Input::Collection { keyed: true },
                    keys.len().to_string(),
                ));
                for key in keys {
                    let mut entry = path.clone();
                    entry.push(PathSeg::Key(key));
                    self.add(*inner, entry, (help, true), None, true);
                }
            }
            kind => {
                if let Some(input) = input_of(&kind, value) {
                    self.found.push(row(input, shown(value, input)));
                }
            }
        }
    }
}

/// The settings every step has besides its argument, with their help, in form order.
pub(super) const SETTING_HELP: [(&str, &str); 4] = [
    ("tag", "A label gotos jump to (unique in its scope)"),
    ("break", "Stop the flow after this step"),
    (
        "limit",
        "Run this step at most this many times; then its failover (drawn as an edge)",
    ),
    ("description", "A note for people reading the flow"),
];

/// The properties of a step object of `app`, in form order: its argument's fields as the
/// catalog lists them (nested values opened up after their heading), then the settings of
/// every step. Apps the catalog does not know have only the settings (their argument stays
/// editable as raw JSON).
pub fn properties(app_name: &str, object: &Map<String, Value>) -> Vec<Property> {
    let argument = object.get(app_name);
    let mut rows = Rows {
        app: app_name,
        argument,
        base: 1,
        found: Vec::new(),
    };
    if let Some(spec) = app(app_name) {
        match spec.argument {
            kind @ (Kind::List(_) | Kind::Map(_)) => {
                rows.base = 0;
                rows.add(kind, Vec::new(), (spec.help, true), None, false);
            }
            Kind::Object(fields) => {
                for field in fields {
                    rows.add(
                        field.kind,
                        vec![PathSeg::Key(field.name.to_owned())],
                        (field.help, field.required),
                        pickable(fields, field),
                        false,
                    );
                }
            }
            kind => {
                if let Some(input) = input_for(&kind) {
                    rows.found.push(Property {
                        target: Target::Argument,
                        name: spec.name.to_owned(),
                        label: spec.name.to_owned(),
                        depth: 0,
                        help: spec.help,
                        required: true,
                        input,
                        text: shown(argument, input),
                        removable: false,
                        pick: None,
                    });
                }
            }
        }
    }
    let setting = |target: Target, name: &str, help: &'static str, input: Input, text| Property {
        target,
        name: name.to_owned(),
        label: name.to_owned(),
        depth: 0,
        help,
        required: false,
        input,
        text,
        removable: false,
        pick: None,
    };
    let [tag, stop, limit, description] = SETTING_HELP;
    let limit_max = object.get("limit").and_then(|limit| limit.get("max"));
    rows.found.extend([
        setting(
            Target::Tag,
            tag.0,
            tag.1,
            Input::Text,
            shown(object.get("tag"), Input::Text),
        ),
        setting(
            Target::Break,
            stop.0,
            stop.1,
            Input::Checkbox,
            shown(object.get("break"), Input::Checkbox),
        ),
        setting(
            Target::LimitMax,
            limit.0,
            limit.1,
            Input::Number,
            shown(limit_max, Input::Number),
        ),
        setting(
            Target::Description,
            description.0,
            description.1,
            Input::Text,
            shown(object.get("description"), Input::Text),
        ),
    ]);
    rows.found
}

/// JSON typed into a field, or what is wrong with it and where (`line 1, column 9: …`; the
/// rest is serde_json's own English).
pub fn json_value(typed: &str) -> Result<Value, Text> {
    serde_json::from_str(typed).map_err(|error| {
        let message = error.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        // Lines and columns are places, not counts: they go in as written.
        Text::new("form-invalid-json")
            .with("line", error.line().to_string())
            .with("column", error.column().to_string())
            .with("message", message)
    })
}

/// What `typed` means for an input of `kind`: `None` to leave the value out.
fn parse(kind: &Kind, input: Input, typed: &str, required: bool) -> Result<Option<Value>, Text> {
    let blank = typed.trim().is_empty();
    if blank && !matches!(input, Input::Checkbox) {
        return if required {
            Err(Text::new("form-required"))
        } else {
            Ok(None)
        };
    }
    Ok(Some(match input {
        Input::Text => Value::String(typed.to_owned()),
        Input::Number => {
            let typed = typed.trim();
            if typed.contains("${") {
                Value::String(typed.to_owned())
            } else if let Ok(whole) = typed.parse::<i64>() {
                Value::from(whole)
            } else {
                match typed
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                {
                    Some(number) => Value::Number(number),
                    None => {
                        return Err(
                            Text::new("form-not-a-number").with("typed", format!("{typed:?}"))
                        )
                    }
                }
            }
        }
        Input::Checkbox => Value::Bool(typed == "true"),
        Input::Choice(values) => {
            if !values.contains(&typed) {
                return Err(Text::new("form-choose-one").with("choices", values.join(", ")));
            }
            Value::String(typed.to_owned())
        }
        Input::Json => {
            let value = json_value(typed)?;
            let fits = match kind {
                Kind::Object(_) | Kind::Map(_) | Kind::Reference => value.is_object(),
                Kind::List(_) => value.is_array(),
                _ => true,
            };
            if !fits {
                let expected = Text::new(if matches!(kind, Kind::List(_)) {
                    "form-a-list"
                } else {
                    "form-an-object"
                });
                return Err(Text::new("form-must-be")
                    .with("expected", expected)
                    .with("got", json_kind_text(&value)));
            }
            value
        }
        Input::Collection { .. } | Input::Heading | Input::Branch => {
            return Err(Text::new("form-not-typed"))
        }
    }))
}

/// The argument of a step object of `app`, made the list or object its `kind` says if it is
/// not one yet.
fn argument_of<'a>(
    object: &'a mut Map<String, Value>,
    app_name: &str,
    kind: Kind,
) -> &'a mut Value {
    let argument = object.entry(app_name.to_owned()).or_insert(Value::Null);
    match kind {
        Kind::List(_) if !argument.is_array() => *argument = Value::Array(Vec::new()),
        Kind::List(_) => {}
        _ if !argument.is_object() => *argument = Value::Object(Map::new()),
        _ => {}
    }
    argument
}

/// Takes out what is at `path` (a key of an object, an item of a list); whether it was there.
fn remove_at(value: &mut Value, path: &[PathSeg]) -> bool {
    let Some((last, parent)) = path.split_last() else {
        return false;
    };
    let parent = parent
        .iter()
        .try_fold(value, |value, seg| match (seg, value) {
            (PathSeg::Key(key), Value::Object(map)) => map.get_mut(key),
            (PathSeg::Index(index), Value::Array(items)) => items.get_mut(*index),
            _ => None,
        });
    match (last, parent) {
        (PathSeg::Key(key), Some(Value::Object(map))) => map.shift_remove(key).is_some(),
        (PathSeg::Index(index), Some(Value::Array(items))) if *index < items.len() => {
            items.remove(*index);
            true
        }
        _ => false,
    }
}

/// Why a form of `app` cannot be typed in: the catalog does not know it.
fn unknown_app(app_name: &str) -> Text {
    Text::new("form-unknown-app").with("app", app_name)
}

/// Applies an edit of the form to a step object of `app`; the message says what is wrong
/// otherwise, and nothing changes.
pub fn apply(app_name: &str, object: &mut Map<String, Value>, edit: &FormEdit) -> Result<(), Text> {
    match edit {
        FormEdit::Set(target, typed) => set_property(app_name, object, target, typed),
        FormEdit::Add(path, name) => {
            let argument_kind = app(app_name)
                .map(|spec| spec.argument)
                .ok_or_else(|| unknown_app(app_name))?;
            let collection = kind_at(argument_kind, path).map(|(kind, _)| kind);
            let argument = argument_of(object, app_name, argument_kind);
            match collection {
                Some(Kind::List(inner)) => {
                    let mut items = value_at(argument, path)
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default();
                    items.push(inner.starting_value());
                    set_at(argument, path, Value::Array(items));
                }
                Some(Kind::Map(inner)) => {
                    let name = name.trim();
                    if name.is_empty() {
                        return Err(Text::new("form-name-first"));
                    }
                    let mut entries = value_at(argument, path)
                        .and_then(Value::as_object)
                        .cloned()
                        .unwrap_or_default();
                    if entries.contains_key(name) {
                        return Err(
                            Text::new("form-already-there").with("name", format!("{name:?}"))
                        );
                    }
                    entries.insert(name.to_owned(), inner.starting_value());
                    set_at(argument, path, Value::Object(entries));
                }
                _ => return Err(Text::new("form-not-a-list").with("path", path_text(path))),
            }
            Ok(())
        }
        FormEdit::Remove(path) => {
            let removed = object
                .get_mut(app_name)
                .is_some_and(|argument| remove_at(argument, path));
            if removed {
                Ok(())
            } else {
                Err(Text::new("form-gone").with("path", path_text(path)))
            }
        }
        FormEdit::Pick(values) => {
            let argument_kind = app(app_name)
                .map(|spec| spec.argument)
                .ok_or_else(|| unknown_app(app_name))?;
            for (path, _) in values {
                if kind_at(argument_kind, path).is_none() {
                    return Err(Text::new("form-no-field")
                        .with("app", app_name)
                        .with("path", path_text(path)));
                }
            }
            let argument = argument_of(object, app_name, argument_kind);
            for (path, value) in values {
                set_at(argument, path, value.clone());
            }
            Ok(())
        }
    }
}

/// Checks `typed` for the property `target` of a step object of `app` and writes it in; the
/// message says what is wrong with it otherwise, and nothing changes.
pub fn set_property(
    app_name: &str,
    object: &mut Map<String, Value>,
    target: &Target,
    typed: &str,
) -> Result<(), Text> {
    let spec = app(app_name);
    match target {
        Target::Field(path) => {
            let argument_kind = spec
                .map(|spec| spec.argument)
                .ok_or_else(|| unknown_app(app_name))?;
            let (kind, required) = kind_at(argument_kind, path).ok_or_else(|| {
                Text::new("form-no-field")
                    .with("app", app_name)
                    .with("path", path_text(path))
            })?;
            let current = object
                .get(app_name)
                .and_then(|argument| value_at(argument, path));
            let input = input_of(&kind, current).ok_or_else(|| Text::new("form-on-canvas"))?;
            let value = parse(&kind, input, typed, required)?;
            let argument = argument_of(object, app_name, argument_kind);
            match value {
                Some(value) => set_at(argument, path, value),
                None => {
                    remove_at(argument, path);
                }
            }
        }
        Target::Argument => {
            let spec = spec.ok_or_else(|| unknown_app(app_name))?;
            let input =
                input_for(&spec.argument).ok_or_else(|| Text::new("form-nothing-to-type"))?;
            let value = parse(&spec.argument, input, typed, true)?;
            object.insert(app_name.to_owned(), value.unwrap_or(Value::Null));
        }
        Target::Tag => {
            let tag = typed.trim();
            if tag.is_empty() {
                object.remove("tag");
            } else {
                object.insert("tag".to_owned(), Value::String(tag.to_owned()));
            }
        }
        Target::Break => {
            object.insert("break".to_owned(), Value::Bool(typed == "true"));
        }
        Target::LimitMax => match parse(&Kind::Number, Input::Number, typed, false)? {
            Some(max) => {
                if max.as_i64().is_some_and(|max| max < 1) {
                    return Err(Text::new("form-at-least-one"));
                }
                let limit = object
                    .entry("limit")
                    .or_insert_with(|| Value::Object(Map::new()));
                if !limit.is_object() {
                    *limit = Value::Object(Map::new());
                }
                limit
                    .as_object_mut()
                    .expect("made an object above")
                    .insert("max".to_owned(), max);
            }
            None => {
                object.remove("limit");
            }
        },
        Target::Description => {
            if typed.trim().is_empty() {
                object.remove("description");
            } else {
                object.insert("description".to_owned(), Value::String(typed.to_owned()));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    fn field(path: &str) -> Target {
        Target::Field(
            path.split('.')
                .map(|part| match part.parse::<usize>() {
                    Ok(index) => PathSeg::Index(index),
                    Err(_) => PathSeg::Key(part.to_owned()),
                })
                .collect(),
        )
    }

    #[test]
    fn picked_values_are_written_together_and_only_into_known_fields() {
        let key = |name: &str| vec![PathSeg::Key(name.to_owned())];
        let mut step = object(json!({"schema": {"id": 3, "async": true}, "tag": "call"}));
        let pick = FormEdit::Pick(vec![(key("id"), json!(9)), (key("name"), json!("Billing"))]);
        apply("schema", &mut step, &pick).unwrap();
        assert_eq!(
            Value::Object(step.clone()),
            json!({"schema": {"id": 9, "name": "Billing", "async": true}, "tag": "call"})
        );
        let wrong = FormEdit::Pick(vec![(key("id"), json!(1)), (key("colour"), json!("red"))]);
        assert!(apply("schema", &mut step, &wrong).is_err());
        assert_eq!(
            step["schema"]["id"], 9,
            "nothing of a refused pick is written"
        );
    }

    /// The pick target of each property of a step that has one, by property name.
    fn pick_targets(step: &Map<String, Value>) -> Vec<(String, Object, String)> {
        let app = step.keys().next().unwrap().clone();
        properties(&app, step)
            .into_iter()
            .filter_map(|property| {
                let pick = property.pick?;
                Some((property.name, pick.kind, path_text(&pick.object)))
            })
            .collect()
    }

    #[test]
    fn fields_naming_a_directorys_objects_are_picked_into_their_object() {
        let join = object(json!({"joinQueue": {"queue": {"id": "1"}, "ringtone": {}}}));
        assert_eq!(
            pick_targets(&join),
            [
                ("queue".to_owned(), Object::Queue, "queue".to_owned()),
                ("ringtone".to_owned(), Object::Media, "ringtone".to_owned()),
            ]
        );
        // A calendar step names its calendar by `id` and `name` of the argument itself: the
        // pick sits on the name and writes both.
        let calendar = object(json!({"calendar": {"name": "Office", "id": 21}}));
        assert_eq!(
            pick_targets(&calendar),
            [("name".to_owned(), Object::Calendar, String::new())]
        );
        let playback = object(json!({"playback": {"files": [{"name": "a.wav"}, {"id": 2}]}}));
        assert_eq!(
            pick_targets(&playback),
            [
                ("files[0]".to_owned(), Object::Media, "files[0]".to_owned()),
                ("files[1]".to_owned(), Object::Media, "files[1]".to_owned()),
            ]
        );
        let mail = object(json!({"sendEmail": {"profile": {}}}));
        assert_eq!(pick_targets(&mail)[0].1, Object::EmailProfile);
        // Flows are picked from this API, globals and hosts are typed.
        assert!(pick_targets(&object(json!({"schema": {"id": 1}}))).is_empty());
        assert!(pick_targets(&object(json!({"httpRequest": {"url": "http://x"}}))).is_empty());
    }

    #[test]
    fn a_pick_replaces_a_reference_whole() {
        let mut step = object(json!({"playback": {"files": [
            {"tts": {"text": "Hello"}, "type": "tts"}
        ]}}));
        let target = PickTarget {
            kind: Object::Media,
            object: vec![PathSeg::Key("files".into()), PathSeg::Index(0)],
            shared: false,
        };
        let listed = crate::lookup::Listed {
            id: 996,
            name: "hello.wav".into(),
            mime_type: None,
        };
        apply(
            "playback",
            &mut step,
            &FormEdit::Pick(target.values(&listed)),
        )
        .unwrap();
        assert_eq!(
            step["playback"]["files"][0],
            json!({"id": 996, "name": "hello.wav"}),
            "the spoken text becomes the file, its type looked up by the runtime"
        );
    }

    #[test]
    fn an_object_argument_gives_one_typed_property_per_field_then_the_step_settings() {
        let step =
            object(json!({"playback": {"files": [{"id": 1}], "terminator": "#"}, "tag": "menu"}));
        let found = properties("playback", &step);
        let names: Vec<&str> = found
            .iter()
            .map(|property| property.name.as_str())
            .collect();
        assert_eq!(&names[..3], ["files", "files[0]", "terminator"]);
        assert_eq!(
            &names[names.len() - 4..],
            ["tag", "break", "limit", "description"]
        );
        let files = &found[0];
        assert!(files.required);
        assert_eq!(files.input, Input::Collection { keyed: false });
        assert_eq!(files.text, "1", "how many");
        let first = &found[1];
        assert_eq!(
            (first.input, first.text.as_str(), first.label.as_str()),
            (Input::Json, "{\n  \"id\": 1\n}", "#1")
        );
        assert!(first.removable && first.depth == 1);
        assert_eq!(found[2].input, Input::Text);
        assert_eq!(found[2].text, "#");
        let tag = found
            .iter()
            .find(|property| property.target == Target::Tag)
            .unwrap();
        assert_eq!(tag.text, "menu");
    }

    #[test]
    fn branches_are_not_fields_and_choices_list_their_values() {
        let found = properties(
            "if",
            &object(json!({"if": {"expression": "1", "then": []}})),
        );
        assert!(found
            .iter()
            .all(|property| property.name != "then" && property.name != "else"));
        let choice = a_choice_field();
        let found = properties(choice.0, &object(json!({ choice.0: {} })));
        let property = found
            .iter()
            .find(|property| property.name == choice.1)
            .unwrap();
        assert_eq!(property.input, Input::Choice(choice.2));
    }

    #[test]
    fn other_arguments_are_one_property_and_unknown_apps_only_have_settings() {
        let found = properties("sleep", &object(json!({"sleep": 1000})));
        assert_eq!(found[0].target, Target::Argument);
        assert_eq!(
            (found[0].input, found[0].text.as_str()),
            (Input::Number, "1000")
        );
        assert_eq!(
            properties("mystery", &object(json!({"mystery": 1}))).len(),
            4
        );
    }

    #[test]
    fn typed_values_are_checked_per_field_and_change_nothing_when_wrong() {
        let mut step = object(json!({"playback": {"files": []}}));
        let before = step.clone();
        assert_eq!(
            set_property("playback", &mut step, &field("files"), "{\"id\": 1}")
                .map_err(|reason| reason.to_string()),
            Err("must be a list [...], got an object".to_owned())
        );
        assert_eq!(
            set_property("playback", &mut step, &field("files"), "[{\"id\": 1")
                .map_err(|reason| reason.to_string()),
            Err("line 1, column 9: EOF while parsing an object".to_owned())
        );
        assert_eq!(
            set_property("playback", &mut step, &field("files"), " ")
                .map_err(|reason| reason.to_string()),
            Err("required".to_owned())
        );
        assert_eq!(step, before);
        set_property("playback", &mut step, &field("files"), "[{\"id\": 1}]").unwrap();
        set_property("playback", &mut step, &field("terminator"), "#").unwrap();
        assert_eq!(
            step,
            object(json!({"playback": {"files": [{"id": 1}], "terminator": "#"}}))
        );
        set_property("playback", &mut step, &field("terminator"), "").unwrap();
        assert_eq!(step, object(json!({"playback": {"files": [{"id": 1}]}})));
    }

    #[test]
    fn numbers_accept_variables_and_refuse_words() {
        let mut step = object(json!({"sleep": 0}));
        set_property("sleep", &mut step, &Target::Argument, "1500").unwrap();
        assert_eq!(step["sleep"], json!(1500));
        set_property("sleep", &mut step, &Target::Argument, "${pause}").unwrap();
        assert_eq!(step["sleep"], json!("${pause}"));
        assert_eq!(
            set_property("sleep", &mut step, &Target::Argument, "soon")
                .map_err(|reason| reason.to_string()),
            Err("\"soon\" is not a number".to_owned())
        );
    }

    #[test]
    fn step_settings_are_written_and_removed() {
        let mut step = object(json!({"answer": ""}));
        set_property("answer", &mut step, &Target::Tag, " start ").unwrap();
        set_property("answer", &mut step, &Target::Break, "true").unwrap();
        set_property("answer", &mut step, &Target::LimitMax, "3").unwrap();
        set_property("answer", &mut step, &Target::Description, "Greets").unwrap();
        assert_eq!(
            step,
            object(
                json!({"answer": "", "tag": "start", "break": true, "limit": {"max": 3}, "description": "Greets"})
            )
        );
        assert_eq!(
            set_property("answer", &mut step, &Target::LimitMax, "0")
                .map_err(|reason| reason.to_string()),
            Err("at least 1".to_owned())
        );
        for target in [Target::Tag, Target::LimitMax, Target::Description] {
            set_property("answer", &mut step, &target, "").unwrap();
        }
        set_property("answer", &mut step, &Target::Break, "false").unwrap();
        assert_eq!(step, object(json!({"answer": "", "break": false})));
    }

    #[test]
    fn nested_lists_objects_and_maps_open_up_with_typed_fields() {
        // Every app whose argument nests something opens up without a panic, and every row
        // it shows can be typed back as it shows.
        for spec in crate::catalog::APPS {
            let mut step = object(json!({ spec.name: spec.argument.starting_value() }));
            for property in properties(spec.name, &step) {
                if let Input::Collection { .. } = property.input {
                    let Target::Field(path) = &property.target else {
                        panic!()
                    };
                    apply(
                        spec.name,
                        &mut step,
                        &FormEdit::Add(path.clone(), "one".into()),
                    )
                    .unwrap_or_else(|error| panic!("{}: {error}", spec.name));
                }
            }
            for property in properties(spec.name, &step) {
                if matches!(property.input, Input::Text | Input::Choice(_))
                    && !property.text.is_empty()
                {
                    set_property(spec.name, &mut step, &property.target, &property.text)
                        .unwrap_or_else(|error| panic!("{} {}: {error}", spec.name, property.name));
                }
            }
        }
    }

    #[test]
    fn list_items_are_added_typed_and_removed() {
        let mut step = object(json!({"playback": {"files": []}}));
        let files = vec![PathSeg::Key("files".into())];
        apply(
            "playback",
            &mut step,
            &FormEdit::Add(files.clone(), String::new()),
        )
        .unwrap();
        apply(
            "playback",
            &mut step,
            &FormEdit::Add(files.clone(), String::new()),
        )
        .unwrap();
        assert_eq!(step["playback"]["files"], json!([{}, {}]));
        set_property(
            "playback",
            &mut step,
            &field("files.1"),
            r#"{"name": "hello.wav"}"#,
        )
        .unwrap();
        assert_eq!(
            set_property("playback", &mut step, &field("files.0"), "[]")
                .map_err(|reason| reason.to_string()),
            Err("must be an object {...}, got an array".to_owned())
        );
        let mut first = files.clone();
        first.push(PathSeg::Index(0));
        apply("playback", &mut step, &FormEdit::Remove(first.clone())).unwrap();
        assert_eq!(step["playback"]["files"], json!([{"name": "hello.wav"}]));
        apply("playback", &mut step, &FormEdit::Remove(first.clone())).unwrap();
        assert_eq!(
            apply("playback", &mut step, &FormEdit::Remove(first))
                .map_err(|reason| reason.to_string()),
            Err("files[0] is not there any more".to_owned())
        );
    }

    #[test]
    fn switch_cases_are_named_branches_added_and_removed_in_the_form() {
        let mut step = object(json!({"switch": {"variable": "${digits}", "case": {}}}));
        let case = vec![PathSeg::Key("case".into())];
        assert_eq!(
            apply(
                "switch",
                &mut step,
                &FormEdit::Add(case.clone(), " ".into())
            )
            .map_err(|reason| reason.to_string()),
            Err("name the new entry first".to_owned())
        );
        apply(
            "switch",
            &mut step,
            &FormEdit::Add(case.clone(), "1".into()),
        )
        .unwrap();
        apply(
            "switch",
            &mut step,
            &FormEdit::Add(case.clone(), " 2 ".into()),
        )
        .unwrap();
        assert_eq!(
            apply(
                "switch",
                &mut step,
                &FormEdit::Add(case.clone(), "2".into())
            )
            .map_err(|reason| reason.to_string()),
            Err("\"2\" is already there".to_owned())
        );
        assert_eq!(step["switch"]["case"], json!({"1": [], "2": []}));
        let rows: Vec<(String, Input, bool)> = properties("switch", &step)
            .into_iter()
            .filter(|property| property.name.starts_with("case"))
            .map(|property| (property.name, property.input, property.removable))
            .collect();
        assert_eq!(
            rows,
            [
                ("case".to_owned(), Input::Collection { keyed: true }, false),
                ("case.1".to_owned(), Input::Branch, true),
                ("case.2".to_owned(), Input::Branch, true),
            ]
        );
        let mut one = case.clone();
        one.push(PathSeg::Key("1".into()));
        assert_eq!(
            set_property("switch", &mut step, &Target::Field(one.clone()), "[]")
                .map_err(|reason| reason.to_string()),
            Err("edited on the canvas".to_owned())
        );
        apply("switch", &mut step, &FormEdit::Remove(one)).unwrap();
        assert_eq!(step["switch"]["case"], json!({"2": []}));
    }

    #[test]
    fn an_argument_that_is_a_map_opens_up_into_named_typed_entries() {
        let mut step = object(json!({"set": {}}));
        apply(
            "set",
            &mut step,
            &FormEdit::Add(Vec::new(), "greeting".into()),
        )
        .unwrap();
        let found = properties("set", &step);
        let rows: Vec<(&str, &str, Input, usize)> = found
            .iter()
            .take(2)
            .map(|p| (p.name.as_str(), p.label.as_str(), p.input, p.depth))
            .collect();
        assert_eq!(
            rows,
            [
                ("set", "set", Input::Collection { keyed: true }, 0),
                ("set.greeting", "greeting", Input::Text, 1)
            ]
        );
        set_property("set", &mut step, &found[1].target, "Hello, ${name}").unwrap();
        assert_eq!(step["set"], json!({"greeting": "Hello, ${name}"}));
        // A value of another shape than its kind (a number where text belongs) is JSON, so
        // it stays a number when typed back or changed.
        let mut step = object(json!({"set": {"total": 0}}));
        let total = &properties("set", &step)[1];
        assert_eq!((total.input, total.text.as_str()), (Input::Json, "0"));
        set_property("set", &mut step, &total.target, "12").unwrap();
        assert_eq!(step["set"], json!({"total": 12}));
    }

    /// Some app's choice field: its app, its name and its choices.
    fn a_choice_field() -> (&'static str, &'static str, &'static [&'static str]) {
        crate::catalog::APPS
            .iter()
            .find_map(|spec| {
                spec.fields().iter().find_map(|field| match field.kind {
                    Kind::Choice(values) => Some((spec.name, field.name, values)),
                    _ => None,
                })
            })
            .expect("a choice field")
    }

    #[test]
    fn reasons_say_in_english_what_they_said_and_in_russian_too() {
        let russian = crate::l10n::Locale::from_code("ru").expect("Russian texts");
        let mut step = object(json!({"playback": {"files": []}, "sleep": 0}));
        let files = vec![PathSeg::Key("files".into())];
        let mut first = files.clone();
        first.push(PathSeg::Index(0));
        let (choice_app, choice_field, choices) = a_choice_field();
        let reasons = [
            (
                set_property("playback", &mut step, &field("files"), "{}"),
                "must be a list [...], got an object".to_owned(),
            ),
            (
                set_property("playback", &mut step, &field("files"), "[{\"id\": 1"),
                "line 1, column 9: EOF while parsing an object".to_owned(),
            ),
            (
                set_property("playback", &mut step, &field("files"), ""),
                "required".to_owned(),
            ),
            (
                set_property("sleep", &mut step, &Target::Argument, "soon"),
                "\"soon\" is not a number".to_owned(),
            ),
            (
                set_property("sleep", &mut step, &Target::LimitMax, "0"),
                "at least 1".to_owned(),
            ),
            (
                set_property("playback", &mut step, &field("volume.level"), "1"),
                "playback has no field volume.level".to_owned(),
            ),
            (
                set_property(choice_app, &mut step, &field(choice_field), "?"),
                format!("choose one of {}", choices.join(", ")),
            ),
            (
                apply("mystery", &mut step, &FormEdit::Add(Vec::new(), "x".into())),
                "mystery is not in the catalog".to_owned(),
            ),
            (
                apply("playback", &mut step, &FormEdit::Remove(first)),
                "files[0] is not there any more".to_owned(),
            ),
        ];
        for (reason, english) in reasons {
            let reason = reason.unwrap_err();
            assert_eq!(reason.to_string(), english);
            let said = reason.in_locale(russian);
            assert!(
                said.chars()
                    .any(|letter| matches!(letter, 'а'..='я' | 'А'..='Я')),
                "{english}: {said}"
            );
        }
    }
}
