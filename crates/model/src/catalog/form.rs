//! A step's properties as a form, generated from the catalog: one typed input per argument
//! field (required ones marked, choices as a list, nested objects and lists as JSON), plus the
//! settings every step has (tag, break, limit, description). What is typed is checked field by
//! field, with a message for the field, before it changes the step.

use super::{app, Kind};
use crate::rules::json_kind;
use serde_json::{Map, Value};

/// How a property is typed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Input {
    Text,
    /// A number, or a `${variable}` the runtime fills in.
    Number,
    Checkbox,
    Choice(&'static [&'static str]),
    /// Objects, lists and maps, typed as JSON.
    Json,
}

/// Which part of a step a property edits.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Target {
    /// A field of the app's object argument.
    Field(&'static str),
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
    /// The field's own name (`files`), or the setting's (`tag`).
    pub name: String,
    pub help: &'static str,
    pub required: bool,
    pub input: Input,
    /// The value as the input shows it.
    pub text: String,
}

/// Whether a value of `kind` holds step arrays somewhere (they are the canvas's edges).
fn holds_steps(kind: &Kind) -> bool {
    match kind {
        Kind::Steps => true,
        Kind::List(inner) | Kind::Map(inner) => holds_steps(inner),
        Kind::Object(fields) => fields.iter().any(|field| holds_steps(&field.kind)),
        _ => false,
    }
}

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

/// A value as its input shows it.
fn shown(value: Option<&Value>, input: Input) -> String {
    match (value, input) {
        (None | Some(Value::Null), _) => String::new(),
        (Some(Value::String(text)), _) => text.clone(),
        (Some(Value::Bool(on)), _) => on.to_string(),
        (Some(value), Input::Json) => {
            serde_json::to_string_pretty(value).expect("a JSON value always serializes")
        }
        (Some(value), _) => value.to_string(),
    }
}

/// The properties of a step object of `app`, in form order: its argument's fields as the
/// catalog lists them, then the settings of every step. Apps the catalog does not know have
/// only the settings (their argument stays editable as raw JSON).
pub fn properties(app_name: &str, object: &Map<String, Value>) -> Vec<Property> {
    let mut found = Vec::new();
    let argument = object.get(app_name);
    if let Some(spec) = app(app_name) {
        match spec.argument {
            Kind::Object(fields) => {
                for field in fields {
                    let Some(input) = input_for(&field.kind) else {
                        continue;
                    };
                    found.push(Property {
                        target: Target::Field(field.name),
                        name: field.name.to_owned(),
                        help: field.help,
                        required: field.required,
                        input,
                        text: shown(
                            argument.and_then(|argument| argument.get(field.name)),
                            input,
                        ),
                    });
                }
            }
            kind => {
                if let Some(input) = input_for(&kind) {
                    found.push(Property {
                        target: Target::Argument,
                        name: spec.name.to_owned(),
                        help: spec.help,
                        required: true,
                        input,
                        text: shown(argument, input),
                    });
                }
            }
        }
    }
    let limit_max = object.get("limit").and_then(|limit| limit.get("max"));
    found.extend([
        Property {
            target: Target::Tag,
            name: "tag".to_owned(),
            help: "A label gotos jump to (unique in its scope)",
            required: false,
            input: Input::Text,
            text: shown(object.get("tag"), Input::Text),
        },
        Property {
            target: Target::Break,
            name: "break".to_owned(),
            help: "Stop the flow after this step",
            required: false,
            input: Input::Checkbox,
            text: shown(object.get("break"), Input::Checkbox),
        },
        Property {
            target: Target::LimitMax,
            name: "limit".to_owned(),
            help: "Run this step at most this many times; then its failover (drawn as an edge)",
            required: false,
            input: Input::Number,
            text: shown(limit_max, Input::Number),
        },
        Property {
            target: Target::Description,
            name: "description".to_owned(),
            help: "A note for people reading the flow",
            required: false,
            input: Input::Text,
            text: shown(object.get("description"), Input::Text),
        },
    ]);
    found
}

/// JSON typed into a field, or what is wrong with it and where (`line 1, column 9: …`).
pub fn json_value(typed: &str) -> Result<Value, String> {
    serde_json::from_str(typed).map_err(|error| {
        let message = error.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        format!(
            "line {}, column {}: {message}",
            error.line(),
            error.column()
        )
    })
}

/// What `typed` means for an input of `kind`: `None` to leave the value out.
fn parse(kind: &Kind, input: Input, typed: &str, required: bool) -> Result<Option<Value>, String> {
    let blank = typed.trim().is_empty();
    if blank && !matches!(input, Input::Checkbox) {
        return if required {
            Err("required".to_owned())
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
                    None => return Err(format!("{typed:?} is not a number")),
                }
            }
        }
        Input::Checkbox => Value::Bool(typed == "true"),
        Input::Choice(values) => {
            if !values.contains(&typed) {
                return Err(format!("choose one of {}", values.join(", ")));
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
                let expected = if matches!(kind, Kind::List(_)) {
                    "a list [...]"
                } else {
                    "an object {...}"
                };
                return Err(format!("must be {expected}, got {}", json_kind(&value)));
            }
            value
        }
    }))
}

/// Checks `typed` for the property `target` of a step object of `app` and writes it in; the
/// message says what is wrong with it otherwise, and nothing changes.
pub fn set_property(
    app_name: &str,
    object: &mut Map<String, Value>,
    target: &Target,
    typed: &str,
) -> Result<(), String> {
    let spec = app(app_name);
    match target {
        Target::Field(name) => {
            let field = spec
                .and_then(|spec| spec.fields().iter().find(|field| field.name == *name))
                .ok_or_else(|| format!("{app_name} has no field {name}"))?;
            let input = input_for(&field.kind).ok_or("edited on the canvas")?;
            let value = parse(&field.kind, input, typed, field.required)?;
            let argument = object
                .entry(app_name.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if !argument.is_object() {
                *argument = Value::Object(Map::new());
            }
            let fields = argument.as_object_mut().expect("made an object above");
            match value {
                Some(value) => {
                    fields.insert((*name).to_owned(), value);
                }
                None => {
                    fields.remove(*name);
                }
            }
        }
        Target::Argument => {
            let spec = spec.ok_or_else(|| format!("{app_name} is not in the catalog"))?;
            let input = input_for(&spec.argument).ok_or("nothing to type")?;
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
                    return Err("at least 1".to_owned());
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

    #[test]
    fn an_object_argument_gives_one_typed_property_per_field_then_the_step_settings() {
        let step =
            object(json!({"playback": {"files": [{"id": 1}], "terminator": "#"}, "tag": "menu"}));
        let found = properties("playback", &step);
        let names: Vec<&str> = found
            .iter()
            .map(|property| property.name.as_str())
            .collect();
        assert_eq!(&names[..2], ["files", "terminator"]);
        assert_eq!(
            &names[names.len() - 4..],
            ["tag", "break", "limit", "description"]
        );
        let files = &found[0];
        assert!(files.required);
        assert_eq!(files.input, Input::Json);
        assert_eq!(files.text, "[\n  {\n    \"id\": 1\n  }\n]");
        assert_eq!(found[1].input, Input::Text);
        assert_eq!(found[1].text, "#");
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
        let choice = crate::catalog::APPS
            .iter()
            .find_map(|spec| {
                spec.fields().iter().find_map(|field| match field.kind {
                    Kind::Choice(values) => Some((spec.name, field.name, values)),
                    _ => None,
                })
            })
            .expect("a choice field");
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
            set_property(
                "playback",
                &mut step,
                &Target::Field("files"),
                "{\"id\": 1}"
            ),
            Err("must be a list [...], got an object".to_owned())
        );
        assert_eq!(
            set_property(
                "playback",
                &mut step,
                &Target::Field("files"),
                "[{\"id\": 1"
            ),
            Err("line 1, column 9: EOF while parsing an object".to_owned())
        );
        assert_eq!(
            set_property("playback", &mut step, &Target::Field("files"), " "),
            Err("required".to_owned())
        );
        assert_eq!(step, before);
        set_property(
            "playback",
            &mut step,
            &Target::Field("files"),
            "[{\"id\": 1}]",
        )
        .unwrap();
        set_property("playback", &mut step, &Target::Field("terminator"), "#").unwrap();
        assert_eq!(
            step,
            object(json!({"playback": {"files": [{"id": 1}], "terminator": "#"}}))
        );
        set_property("playback", &mut step, &Target::Field("terminator"), "").unwrap();
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
            set_property("sleep", &mut step, &Target::Argument, "soon"),
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
            set_property("answer", &mut step, &Target::LimitMax, "0"),
            Err("at least 1".to_owned())
        );
        for target in [Target::Tag, Target::LimitMax, Target::Description] {
            set_property("answer", &mut step, &target, "").unwrap();
        }
        set_property("answer", &mut step, &Target::Break, "false").unwrap();
        assert_eq!(step, object(json!({"answer": "", "break": false})));
    }
}
