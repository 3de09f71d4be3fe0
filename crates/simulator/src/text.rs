//! Variables in text, as the runtime expands them: `$${name}` (a domain global) first, then
//! `${name}` (a channel variable, `${name.json.path}` into its JSON, `${name.uri()}` URL-encoded,
//! which then stays on for the rest of the text). Values are stored the way Go's `%v` prints
//! them.

use serde_json::Value;

/// Where `${}` and `$${}` find their values.
pub trait Lookup {
    /// A channel variable as stored, if set.
    fn variable(&self, name: &str) -> Option<&str>;
    /// A domain-global variable, `""` when missing.
    fn global(&self, name: &str) -> String;
    /// On an outbound call, what its route's pattern captured from the number (`$0` the
    /// whole match, `$1` … its groups).
    fn captures(&self) -> Option<&[String]> {
        None
    }
}

/// A channel variable by the name written in `${}`: `root.json.path` reads the path in the
/// JSON of variable `root` when `root` is set (as the runtime's connections do).
pub fn variable(lookup: &impl Lookup, name: &str) -> String {
    if let Some(dot) = name.find('.').filter(|dot| *dot > 0) {
        if let Some(json) = lookup.variable(&name[..dot]) {
            return json_path(json, &name[dot + 1..]);
        }
    }
    lookup.variable(name).unwrap_or_default().to_owned()
}

/// Each `open…close` in `text`, shortest first as the runtime's non-greedy patterns find
/// them, replaced by `with(what is between)`.
pub fn replace_each(
    text: &str,
    open: &str,
    close: char,
    mut with: impl FnMut(&str) -> String,
) -> String {
    // Most texts have no variable at all.
    if !text.as_bytes().contains(&open.as_bytes()[0]) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(close) else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&with(&after[..end]));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Each `open…close` in `code` written as a call of `function` with the text between, quoted
/// (`${v}` → `_getChannelVar("v")`): how scripts are given variables.
pub fn as_calls(code: &str, open: &str, close: char, function: &str) -> String {
    replace_each(code, open, close, |argument| {
        format!("{function}(\"{argument}\")")
    })
}

/// `$${name}` replaced by the globals.
pub fn globals(lookup: &impl Lookup, text: &str) -> String {
    replace_each(text, "$${", '}', |name| lookup.global(name))
}

/// `${name}` replaced by the channel variables (the runtime's `ParseText`), then, on an
/// outbound call, `$1` … by its route's captures (`""` past the last).
pub fn channel(lookup: &impl Lookup, text: &str) -> String {
    let text = variables(lookup, text);
    match lookup.captures() {
        Some(captures) => replace_captures(&text, captures),
        None => text,
    }
}

fn replace_captures(text: &str, captures: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            out.push('$');
        } else if let Some(value) = after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|index| captures.get(index))
        {
            out.push_str(value);
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

fn variables(lookup: &impl Lookup, text: &str) -> String {
    let mut uri = false;
    replace_each(text, "${", '}', |name| {
        let name = match name.strip_suffix(".uri()") {
            Some(name) => {
                uri = true;
                name
            }
            None => name,
        };
        let value = variable(lookup, name);
        if uri && !value.is_empty() {
            uri_component(&value)
        } else {
            value
        }
    })
}

/// Both, globals first: what every string argument of an app goes through.
pub fn substitute(lookup: &impl Lookup, text: &str) -> String {
    if !text.as_bytes().contains(&b'$') {
        return text.to_owned();
    }
    channel(lookup, &globals(lookup, text))
}

/// Every string in `value` substituted, object keys included.
pub fn substitute_all(lookup: &impl Lookup, value: &Value) -> Value {
    match value {
        Value::String(text) => Value::String(substitute(lookup, text)),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| substitute_all(lookup, item))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, item)| (substitute(lookup, key), substitute_all(lookup, item)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// JavaScript's `encodeURIComponent`.
fn uri_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A value as Go's `fmt.Sprintf("%v")` prints what JSON decoded to: how `set` and the apps
/// that store non-text values store them.
pub fn go_format(value: &Value) -> String {
    match value {
        Value::Null => "<nil>".to_owned(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => go_float(number.as_f64().unwrap_or(0.0)),
        Value::String(text) => text.clone(),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(go_format).collect::<Vec<_>>().join(" ")
        ),
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let pairs: Vec<String> = keys
                .into_iter()
                .map(|key| format!("{key}:{}", go_format(&map[key])))
                .collect();
            format!("map[{}]", pairs.join(" "))
        }
    }
}

/// Go's `%v` of a float64 (`%g`, shortest): an exponent from 1e+06 up and below 1e-04.
pub fn go_float(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "+Inf" } else { "-Inf" }.to_owned();
    }
    if value == 0.0 {
        return if value.is_sign_negative() { "-0" } else { "0" }.to_owned();
    }
    // The shortest digits that read back as the value, and where the point goes.
    let scientific = format!("{value:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if !(-4..6).contains(&exponent) {
        let sign = if exponent < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exponent.abs());
    }
    let plain = format!("{value}");
    plain
}

/// What gjson's `Get(json, path).String()` gives for the paths flows use: keys separated by
/// dots (`\.` for a dot in a key), array indices, `#` for an array's length. Objects and arrays
/// come back as their JSON, a missing value as `""`.
pub fn json_path(json: &str, path: &str) -> String {
    let Ok(mut current) = serde_json::from_str::<Value>(json) else {
        return String::new();
    };
    for key in path_keys(path) {
        current = match (&current, key.as_str()) {
            (Value::Array(items), "#") => Value::from(items.len()),
            (Value::Array(items), index) => match index.parse::<usize>() {
                Ok(index) if index < items.len() => items[index].clone(),
                _ => return String::new(),
            },
            (Value::Object(map), key) => match map.get(key) {
                Some(value) => value.clone(),
                None => return String::new(),
            },
            _ => return String::new(),
        };
    }
    match current {
        Value::Null => String::new(),
        Value::String(text) => text,
        Value::Number(number) => number.to_string(),
        other => other.to_string(),
    }
}

fn path_keys(path: &str) -> Vec<String> {
    let mut keys = vec![String::new()];
    let mut chars = path.chars();
    while let Some(char) = chars.next() {
        match char {
            '\\' => {
                if let Some(escaped) = chars.next() {
                    keys.last_mut().unwrap().push(escaped);
                }
            }
            '.' => keys.push(String::new()),
            other => keys.last_mut().unwrap().push(other),
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::HashMap;

    struct Vars(HashMap<&'static str, &'static str>);

    impl Lookup for Vars {
        fn variable(&self, name: &str) -> Option<&str> {
            self.0.get(name).copied()
        }
        fn global(&self, name: &str) -> String {
            if name == "g" {
                "G".into()
            } else {
                String::new()
            }
        }
    }

    fn vars() -> Vars {
        Vars(HashMap::from([
            ("name", "Ann Lee"),
            (
                "body",
                r#"{"user": {"id": 7, "tags": ["a", "b"]}, "ok": true}"#,
            ),
            ("q", "a&b"),
        ]))
    }

    #[test]
    fn variables_globals_paths_and_uri() {
        let vars = vars();
        assert_eq!(substitute(&vars, "Hi ${name}!"), "Hi Ann Lee!");
        assert_eq!(substitute(&vars, "${missing}|$${g}|$${none}"), "|G|");
        assert_eq!(
            substitute(
                &vars,
                "${body.user.id} ${body.user.tags.1} ${body.user.tags.#}"
            ),
            "7 b 2"
        );
        assert_eq!(
            substitute(&vars, "${body.user}"),
            r#"{"id":7,"tags":["a","b"]}"#
        );
        assert_eq!(substitute(&vars, "${body.nothing}"), "");
        // Once a `.uri()` is met, later values are encoded too.
        assert_eq!(
            substitute(&vars, "${q} ${name.uri()} ${q}"),
            "a&b Ann%20Lee a%26b"
        );
        // Non-greedy, no nesting.
        assert_eq!(substitute(&vars, "${na${name}}"), "}");
    }

    #[test]
    fn an_outbound_calls_captures_replace_dollar_numbers() {
        let captures = vec!["0441234567".to_owned(), "044".to_owned()];
        assert_eq!(
            replace_captures("$1-$0 $9 $ $x", &captures),
            "044-0441234567  $ $x"
        );
    }

    #[test]
    fn values_are_stored_as_go_prints_them() {
        assert_eq!(go_format(&json!(1000000)), "1e+06");
        assert_eq!(go_format(&json!(100000)), "100000");
        assert_eq!(go_format(&json!(1.5)), "1.5");
        assert_eq!(go_format(&json!(0.00001)), "1e-05");
        assert_eq!(go_format(&json!(123456789)), "1.23456789e+08");
        assert_eq!(go_format(&json!({"b": 2, "a": "x"})), "map[a:x b:2]");
        assert_eq!(go_format(&json!([1, 2])), "[1 2]");
        assert_eq!(go_format(&json!(null)), "<nil>");
        assert_eq!(go_format(&json!(true)), "true");
    }
}
