//! JavaScript as the runtime runs it: otto, ES5 only, one engine per flow (globals leak from
//! one step to the next), variables read as strings. Here a maintained engine runs it, after
//! refusing what ES5 refuses, with its loops and recursion bounded so that no script can hang a
//! run.

pub mod quick;

use boa_engine::{js_string, Context, JsValue, Script, Source};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// Iterations of one loop before a script counts as endless (the runtime stops one at 1 s).
const MOST_LOOP_ITERATIONS: u64 = 1_000_000;
const MOST_RECURSION: usize = 400;

/// Functions every script sees: the runtime's `sys` helpers for conditions, `_getChannelVar`
/// and `_getGlobalVar` for `js`, and `LocalDate`. `__vars`, `__globals` and `__now` are set
/// before each run.
const PRELUDE: &str = r#"
var __vars = {}, __globals = {}, __now = [1970, 1, 1, 0, 0, 0, 5, 1, 1, 1];
function _getChannelVar(n) { var v = __vars[n]; return v === undefined ? "" : v; }
function _getGlobalVar(n) { var v = __globals[n]; return v === undefined ? "" : v; }
function _LocalDateParameters() { return __now.slice(0, 6); }
var __inRange = function (value, text, most) {
  var rows = String(text).replace(/\s/g, "").split(",");
  for (var i = 0; i < rows.length; i++) {
    var row = rows[i], hit = false;
    if (row.indexOf("-") !== -1) {
      var parts = row.split("-"), low = parseInt(parts[0], 10);
      var high = parts.length >= 2 ? parseInt(parts[1], 10) : most;
      if (isNaN(low) || isNaN(high)) { continue; }
      if (low > high) { var t = low; low = high; high = t; }
      hit = value >= low && value <= high;
    } else if (/^-?\d+$/.test(row)) {
      hit = parseInt(row, 10) === value;
    }
    if (hit) { return true; }
  }
  return false;
};
var __part = function (index, most) {
  return function (p) { return p === "" ? __now[index] : __inRange(__now[index], p, most); };
};
var __two = function (n) { return n < 10 ? "0" + n : "" + n; };
var sys = {
  getVariable: _getChannelVar,
  getGlobalVariable: _getGlobalVar,
  year: __part(0, 9999), mon: __part(1, 12), mday: __part(2, 31), hour: __part(3, 23),
  minute: __part(4, 59), wday: __part(6, 7), yday: __part(7, 366), week: __part(8, 53),
  mweek: __part(9, 6),
  minute_of_day: function (p) {
    var m = __now[3] * 60 + __now[4];
    return p === "" ? m : __inRange(m, p, 1440);
  },
  time_of_day: function (p) {
    if (p === "") { return __two(__now[3]) + ":" + __two(__now[4]); }
    var now = __now[3] * 10000 + __now[4] * 100 + __now[5];
    var spans = String(p).split(",");
    for (var i = 0; i < spans.length; i++) {
      var ends = spans[i].split("-");
      if (ends.length !== 2) { continue; }
      var at = function (t) {
        var f = t.split(":"), r = 0;
        for (var j = 0; j < f.length; j++) {
          var n = parseInt(f[j], 10) || 0;
          r += j === 0 ? n * 10000 : j === 1 ? n * 100 : n;
        }
        return r;
      };
      if (now >= at(ends[0]) && now <= at(ends[1])) { return true; }
    }
    return false;
  },
  date_time: function (p) {
    var stamp = __now[0] + "-" + __two(__now[1]) + "-" + __two(__now[2]) + " " +
      __two(__now[3]) + ":" + __two(__now[4]) + ":" + __two(__now[5]);
    if (p === "") { return stamp; }
    var spans = String(p).split(",");
    for (var i = 0; i < spans.length; i++) {
      var ends = spans[i].split("~");
      if (ends.length !== 2) { continue; }
      var from = ends[0].length === 16 ? ends[0] + ":00" : ends[0];
      var to = ends[1].length === 16 ? ends[1] + ":00" : ends[1];
      if (stamp >= from && stamp <= to) { return true; }
    }
    return undefined;
  }
};
var LocalDate = function () {
  var t = _LocalDateParameters();
  return new Date(t[0], t[1] - 1, t[2], t[3], t[4], t[5]);
};
"#;

/// What a script reads: the channel's variables, the globals, the simulated clock.
pub struct Env<'a> {
    pub variables: &'a BTreeMap<String, String>,
    /// Values of names written with a JSON path (`${a.b}`), as the runtime reads them.
    pub paths: BTreeMap<String, String>,
    pub globals: &'a BTreeMap<String, String>,
    /// Year, month, day, hour, minute, second, weekday (Sunday 1), day of the year, ISO week,
    /// week of the month.
    pub now: [i64; 10],
}

/// Scripts kept parsed, by their text (a loop's condition runs thousands of times), up to
const MOST_KEPT_SCRIPTS: usize = 256;

pub struct Vm {
    context: Context,
    parsed: HashMap<String, Script>,
}

impl Vm {
    pub fn new() -> Self {
        let mut context = Context::default();
        context
            .runtime_limits_mut()
            .set_loop_iteration_limit(MOST_LOOP_ITERATIONS);
        context
            .runtime_limits_mut()
            .set_recursion_limit(MOST_RECURSION);
        context
            .eval(Source::from_bytes(PRELUDE))
            .expect("the prelude runs");
        Self {
            context,
            parsed: HashMap::new(),
        }
    }

    fn prepare(&mut self, env: &Env) -> Result<(), String> {
        let mut variables: Map<String, Value> = env
            .variables
            .iter()
            .map(|(name, value)| (name.clone(), Value::String(value.clone())))
            .collect();
        variables.extend(
            env.paths
                .iter()
                .map(|(name, value)| (name.clone(), Value::String(value.clone()))),
        );
        let globals: Map<String, Value> = env
            .globals
            .iter()
            .map(|(name, value)| (name.clone(), Value::String(value.clone())))
            .collect();
        for (name, value) in [
            ("__vars", Value::Object(variables)),
            ("__globals", Value::Object(globals)),
            ("__now", Value::from(env.now.to_vec())),
        ] {
            let value = JsValue::from_json(&value, &mut self.context).map_err(|e| e.to_string())?;
            self.context
                .global_object()
                .set(
                    boa_engine::js_string!(name),
                    value,
                    false,
                    &mut self.context,
                )
                .map_err(|error| error.to_string())?;
        }
        Ok(())
    }

    fn eval(&mut self, code: &str) -> Result<JsValue, String> {
        let script = match self.parsed.get(code) {
            Some(script) => script.clone(),
            None => {
                if let Some(refused) = es5_refusal(code) {
                    return Err(refused);
                }
                let script = Script::parse(Source::from_bytes(code), None, &mut self.context)
                    .map_err(|error| error.to_string())?;
                if self.parsed.len() >= MOST_KEPT_SCRIPTS {
                    self.parsed.clear();
                }
                self.parsed.insert(code.to_owned(), script.clone());
                script
            }
        };
        script
            .evaluate(&mut self.context)
            .map_err(|error| error.to_string())
    }

    /// Sets the global `_result` a condition evaluated without the engine left.
    pub fn set_result(&mut self, value: &quick::Value) {
        let value = match value {
            quick::Value::Text(text) => JsValue::from(js_string!(text.as_str())),
            quick::Value::Number(number) => JsValue::from(*number),
            quick::Value::Bool(flag) => JsValue::from(*flag),
            quick::Value::Null => JsValue::null(),
            quick::Value::Undefined => JsValue::undefined(),
        };
        let _ = self.context.global_object().set(
            js_string!("_result"),
            value,
            false,
            &mut self.context,
        );
    }

    /// An `if`'s or a `while`'s condition (compiled): is it true? An error takes no branch.
    pub fn condition(&mut self, compiled: &str, env: &Env) -> Result<bool, String> {
        self.prepare(env)?;
        let value = self.eval(&format!("_result = {compiled}"))?;
        Ok(value.to_boolean())
    }

    /// A `js` step's code: the text it returns (`undefined` when it returns nothing).
    pub fn function_body(&mut self, code: &str, env: &Env) -> Result<String, String> {
        self.prepare(env)?;
        let value = self.eval(&format!("(function(LocalDate) {{{code}\n}})(LocalDate)"))?;
        self.text_of(&value)
    }

    /// Any script: the text of its last value.
    pub fn script(&mut self, code: &str, env: &Env) -> Result<String, String> {
        self.prepare(env)?;
        let value = self.eval(code)?;
        self.text_of(&value)
    }

    fn text_of(&mut self, value: &JsValue) -> Result<String, String> {
        value
            .to_string(&mut self.context)
            .map(|text| text.to_std_string_escaped())
            .map_err(|error| error.to_string())
    }
}

impl Default for Vm {
    fn default() -> Self {
        Self::new()
    }
}

/// What ES5 has no syntax for, found outside strings and comments, and why a script using it
/// fails on the runtime.
pub fn es5_refusal(code: &str) -> Option<String> {
    let refuse = |what: &str| {
        Some(format!(
            "{what} is not ES5: the runtime's JavaScript engine (otto) fails on it"
        ))
    };
    let bytes = code.as_bytes();
    let mut at = 0;
    // Whether a `/` here starts a regular expression (after an operator) or divides.
    let mut regex_may_start = true;
    let mut previous_word = String::new();
    while at < bytes.len() {
        let byte = bytes[at];
        match byte {
            b'`' => return refuse("A template literal (`…`)"),
            b'\'' | b'"' => {
                at += 1;
                while at < bytes.len() && bytes[at] != byte {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                regex_may_start = false;
            }
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                while at < bytes.len() && bytes[at] != b'\n' {
                    at += 1;
                }
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                at += 2;
                while at + 1 < bytes.len() && !(bytes[at] == b'*' && bytes[at + 1] == b'/') {
                    at += 1;
                }
                at += 1;
            }
            b'/' if regex_may_start => {
                at += 1;
                let mut in_class = false;
                while at < bytes.len() && (bytes[at] != b'/' || in_class) && bytes[at] != b'\n' {
                    match bytes[at] {
                        b'\\' => at += 1,
                        b'[' => in_class = true,
                        b']' => in_class = false,
                        _ => {}
                    }
                    at += 1;
                }
                regex_may_start = false;
            }
            b'=' if bytes.get(at + 1) == Some(&b'>') => return refuse("An arrow function (=>)"),
            b'.' if code[at..].starts_with("...") => return refuse("Spread or rest syntax (...)"),
            b'*' if bytes.get(at + 1) == Some(&b'*') => {
                return refuse("The exponent operator (**)")
            }
            _ if byte.is_ascii_alphabetic() || byte == b'_' || byte == b'$' => {
                let start = at;
                while at < bytes.len()
                    && (bytes[at].is_ascii_alphanumeric() || bytes[at] == b'_' || bytes[at] == b'$')
                {
                    at += 1;
                }
                let word = &code[start..at];
                let after = code[at..].trim_start();
                let refused = match word {
                    "let"
                        if after.starts_with(|c: char| c.is_alphabetic() || "_$[{".contains(c)) =>
                    {
                        Some("\"let\"")
                    }
                    "const" => Some("\"const\""),
                    "class" if after.starts_with(|c: char| c.is_alphabetic() || c == '{') => {
                        Some("A class")
                    }
                    "async" if after.starts_with("function") || after.starts_with('(') => {
                        Some("\"async\"")
                    }
                    "await" => Some("\"await\""),
                    "of" if previous_word_is_loop_binding(&previous_word)
                        && after
                            .starts_with(|c: char| c.is_alphabetic() || "_$[({".contains(c)) =>
                    {
                        Some("for … of")
                    }
                    _ => None,
                };
                if let Some(what) = refused {
                    return refuse(what);
                }
                regex_may_start = matches!(
                    word,
                    "return"
                        | "typeof"
                        | "in"
                        | "of"
                        | "new"
                        | "delete"
                        | "void"
                        | "case"
                        | "do"
                        | "else"
                );
                previous_word = word.to_owned();
                continue;
            }
            _ if byte.is_ascii_whitespace() => {}
            _ => {
                regex_may_start = !matches!(byte, b')' | b']' | b'}') && !byte.is_ascii_digit();
                if !byte.is_ascii_digit() {
                    previous_word.clear();
                }
            }
        }
        at += 1;
    }
    None
}

/// `for (var x of …)` / `for (x of …)`: the word before `of` names the loop's variable.
fn previous_word_is_loop_binding(previous: &str) -> bool {
    !previous.is_empty()
        && !matches!(
            previous,
            "return" | "typeof" | "in" | "new" | "var" | "delete" | "void" | "case"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(
        variables: &'a BTreeMap<String, String>,
        globals: &'a BTreeMap<String, String>,
    ) -> Env<'a> {
        Env {
            variables,
            paths: BTreeMap::new(),
            globals,
            // Tuesday 2026-03-10 14:30:00.
            now: [2026, 3, 10, 14, 30, 0, 3, 69, 11, 3],
        }
    }

    #[test]
    fn conditions_read_variables_as_strings() {
        let variables = BTreeMap::from([
            ("flag".to_owned(), "false".to_owned()),
            ("ten".to_owned(), "10".to_owned()),
            ("nine".to_owned(), "9".to_owned()),
        ]);
        let globals = BTreeMap::new();
        let mut vm = Vm::new();
        let env = env(&variables, &globals);
        // "false" is a non-empty string: true.
        assert_eq!(vm.condition(r#"sys.getVariable("flag")"#, &env), Ok(true));
        // Strings compare as strings.
        assert_eq!(
            vm.condition(r#"sys.getVariable("ten") > sys.getVariable("nine")"#, &env),
            Ok(false)
        );
        assert_eq!(
            vm.condition(r#"sys.getVariable("missing") == """#, &env),
            Ok(true)
        );
        assert_eq!(
            vm.condition(r#"sys.wday("2-6") && sys.time_of_day("09:00-18:00")"#, &env),
            Ok(true)
        );
        assert_eq!(vm.condition(r#"sys.wday("1,7")"#, &env), Ok(false));
        assert!(vm.condition("(", &env).is_err());
    }

    #[test]
    fn js_steps_return_text_and_share_globals() {
        let variables = BTreeMap::from([("name".to_owned(), "Ann".to_owned())]);
        let globals = BTreeMap::new();
        let mut vm = Vm::new();
        let env = env(&variables, &globals);
        assert_eq!(
            vm.function_body(r#"counter = 1; return _getChannelVar("name") + "!";"#, &env),
            Ok("Ann!".to_owned())
        );
        assert_eq!(
            vm.function_body("return counter + 1;", &env),
            Ok("2".to_owned())
        );
        assert_eq!(
            vm.function_body("var x = 1;", &env),
            Ok("undefined".to_owned())
        );
        assert_eq!(
            vm.function_body("return LocalDate().getHours();", &env),
            Ok("14".to_owned())
        );
    }

    #[test]
    fn endless_loops_stop() {
        let (variables, globals) = (BTreeMap::new(), BTreeMap::new());
        let mut vm = Vm::new();
        let error = vm
            .function_body("while (true) {}", &env(&variables, &globals))
            .unwrap_err();
        assert!(error.contains("loop"), "{error}");
    }

    #[test]
    fn es6_is_refused_outside_strings_and_comments() {
        for code in [
            "let a = 1;",
            "const a = 1;",
            "var f = (x) => x;",
            "return `a${b}`;",
            "class A {}",
            "var a = [...b];",
            "for (var x of list) {}",
            "return 2 ** 3;",
        ] {
            assert!(es5_refusal(code).is_some(), "{code}");
        }
        for code in [
            "var letter = 'let x = () => 1';",
            "// let a = 1\nvar b = 2;",
            "var re = /=>/; return re.test(a) / 2;",
            "var of = 1; return of;",
            "return a.replace(/.*BPMCSRF=([-._A-Za-z0-9]+).*/, '$1');",
        ] {
            assert_eq!(es5_refusal(code), None, "{code}");
        }
    }

    struct Known<'a>(&'a BTreeMap<String, String>);

    impl quick::Variables for Known<'_> {
        fn variable(&self, name: &str) -> String {
            self.0.get(name).cloned().unwrap_or_default()
        }
        fn global(&self, _: &str) -> String {
            String::new()
        }
    }

    fn expression() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let atom = prop_oneof![
            prop::sample::select(vec![
                "ten", "nine", "flag", "empty", "word", "minus", "padded"
            ])
            .prop_map(|name| format!("sys.getVariable(\"{name}\")")),
            prop::sample::select(vec!["'10'", "'9'", "''", "'abc'", "'false'", "\"0\""])
                .prop_map(str::to_owned),
            prop::sample::select(vec!["0", "1", "9", "10", "2.5"]).prop_map(str::to_owned),
            prop::sample::select(vec!["true", "false", "null", "undefined"])
                .prop_map(str::to_owned),
        ];
        atom.prop_recursive(3, 16, 2, |inner| {
            let operator = prop::sample::select(vec![
                "==", "!=", "===", "!==", "<", ">", "<=", ">=", "&&", "||",
            ]);
            prop_oneof![
                (inner.clone(), operator, inner.clone())
                    .prop_map(|(a, op, b)| format!("{a} {op} {b}")),
                inner.clone().prop_map(|a| format!("!({a})")),
                inner.prop_map(|a| format!("({a})")),
            ]
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 300, failure_persistence: None, ..Default::default()
        })]

        /// What conditions the engine is spared gives what the engine gives.
        #[test]
        fn quick_conditions_agree_with_the_engine(code in expression()) {
            let variables = BTreeMap::from([
                ("ten".to_owned(), "10".to_owned()),
                ("nine".to_owned(), "9".to_owned()),
                ("flag".to_owned(), "false".to_owned()),
                ("empty".to_owned(), String::new()),
                ("word".to_owned(), "abc".to_owned()),
                ("minus".to_owned(), "-1.5".to_owned()),
                ("padded".to_owned(), " 7 ".to_owned()),
            ]);
            let globals = BTreeMap::new();
            let quick = quick::evaluate(&code, &Known(&variables)).map(|value| value.truthy());
            let engine = Vm::new().condition(&code, &env(&variables, &globals)).ok();
            proptest::prop_assert!(quick.is_some(), "{code} not evaluated quickly");
            proptest::prop_assert_eq!(quick, engine, "{}", code);
        }
    }
}
