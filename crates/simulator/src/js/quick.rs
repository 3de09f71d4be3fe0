//! Most conditions compare variables with constants (`${choice} == '1' && ${vip} != ''`). Those
//! are evaluated here, directly, with JavaScript's rules for the few operators they use (loose
//! and strict equality, string or numeric ordering, truthiness, `&&` and `||` returning an
//! operand); anything else goes to the script engine. Running the engine for a two-variable
//! comparison costs a thousand times more.

/// A JavaScript value of the kinds these expressions make.
#[derive(Clone, PartialEq, Debug)]
pub enum Value {
    Text(String),
    Number(f64),
    Bool(bool),
    Null,
    Undefined,
}

impl Value {
    pub fn truthy(&self) -> bool {
        match self {
            Value::Text(text) => !text.is_empty(),
            Value::Number(number) => *number != 0.0 && !number.is_nan(),
            Value::Bool(flag) => *flag,
            Value::Null | Value::Undefined => false,
        }
    }

    fn number(&self) -> f64 {
        match self {
            Value::Text(text) => text_number(text),
            Value::Number(number) => *number,
            Value::Bool(flag) => f64::from(u8::from(*flag)),
            Value::Null => 0.0,
            Value::Undefined => f64::NAN,
        }
    }

    /// `===`.
    fn strictly_equals(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Number(a), Value::Number(b)) => a == b,
            _ => self == other,
        }
    }

    /// `==`.
    fn loosely_equals(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Null | Value::Undefined, Value::Null | Value::Undefined) => true,
            (Value::Null | Value::Undefined, _) | (_, Value::Null | Value::Undefined) => false,
            (Value::Text(_), Value::Text(_))
            | (Value::Number(_), Value::Number(_))
            | (Value::Bool(_), Value::Bool(_)) => self.strictly_equals(other),
            _ => self.number() == other.number(),
        }
    }

    /// `<`: strings by their UTF-16 code units, anything else as numbers (NaN: false).
    fn less_than(&self, other: &Value) -> Option<bool> {
        match (self, other) {
            (Value::Text(a), Value::Text(b)) => Some(a.encode_utf16().lt(b.encode_utf16())),
            _ => {
                let (a, b) = (self.number(), other.number());
                (!a.is_nan() && !b.is_nan()).then_some(a < b)
            }
        }
    }
}

/// JavaScript's `Number(text)`.
fn text_number(text: &str) -> f64 {
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if text.is_empty() {
        return 0.0;
    }
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, text.strip_prefix('+').unwrap_or(text)),
    };
    if digits == "Infinity" {
        return sign * f64::INFINITY;
    }
    if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        return u64::from_str_radix(hex, 16).map_or(f64::NAN, |n| n as f64);
    }
    let plain = digits
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
    if !plain || digits.starts_with(['e', 'E']) || digits.is_empty() {
        return f64::NAN;
    }
    digits.parse::<f64>().map_or(f64::NAN, |n| sign * n)
}

#[derive(Clone, PartialEq, Debug)]
enum Token {
    Text(String),
    Number(f64),
    Word(String),
    Operator(&'static str),
    Open,
    Close,
}

const OPERATORS: [&str; 11] = [
    "===", "!==", "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!",
];

fn tokens(code: &str) -> Option<Vec<Token>> {
    let mut found = Vec::new();
    let mut rest = code.trim_start();
    while !rest.is_empty() {
        let first = rest.chars().next()?;
        let (token, length) = if first == '\'' || first == '"' {
            let end = rest[1..].find(first)? + 1;
            let inside = &rest[1..end];
            if inside.contains(['\\', '\n']) {
                return None;
            }
            (Token::Text(inside.to_owned()), end + 1)
        } else if first.is_ascii_digit() {
            let length = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            (Token::Number(rest[..length].parse().ok()?), length)
        } else if first.is_ascii_alphabetic() || first == '_' || first == '$' {
            let length = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || "_$.".contains(c)))
                .unwrap_or(rest.len());
            (Token::Word(rest[..length].to_owned()), length)
        } else if first == '(' {
            (Token::Open, 1)
        } else if first == ')' {
            (Token::Close, 1)
        } else {
            let operator = OPERATORS
                .iter()
                .find(|operator| rest.starts_with(**operator))?;
            (Token::Operator(operator), operator.len())
        };
        found.push(token);
        rest = rest[length..].trim_start();
    }
    Some(found)
}

/// Where the expression reads variables from.
pub trait Variables {
    fn variable(&self, name: &str) -> String;
    fn global(&self, name: &str) -> String;
}

struct Parser<'a, V> {
    tokens: Vec<Token>,
    at: usize,
    variables: &'a V,
}

impl<V: Variables> Parser<'_, V> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn operator(&mut self, choices: &[&str]) -> Option<&'static str> {
        match self.peek() {
            Some(Token::Operator(operator)) if choices.contains(operator) => {
                let operator = *operator;
                self.at += 1;
                Some(operator)
            }
            _ => None,
        }
    }

    fn or(&mut self) -> Option<Value> {
        let mut value = self.and()?;
        while self.operator(&["||"]).is_some() {
            let right = self.and()?;
            if !value.truthy() {
                value = right;
            }
        }
        Some(value)
    }

    fn and(&mut self) -> Option<Value> {
        let mut value = self.equality()?;
        while self.operator(&["&&"]).is_some() {
            let right = self.equality()?;
            if value.truthy() {
                value = right;
            }
        }
        Some(value)
    }

    fn equality(&mut self) -> Option<Value> {
        let mut value = self.relational()?;
        while let Some(operator) = self.operator(&["===", "!==", "==", "!="]) {
            let right = self.relational()?;
            value = Value::Bool(match operator {
                "===" => value.strictly_equals(&right),
                "!==" => !value.strictly_equals(&right),
                "==" => value.loosely_equals(&right),
                _ => !value.loosely_equals(&right),
            });
        }
        Some(value)
    }

    fn relational(&mut self) -> Option<Value> {
        let mut value = self.unary()?;
        while let Some(operator) = self.operator(&["<=", ">=", "<", ">"]) {
            let right = self.unary()?;
            value = Value::Bool(match operator {
                "<" => value.less_than(&right) == Some(true),
                ">" => right.less_than(&value) == Some(true),
                // a <= b is !(b < a), false when either is NaN.
                "<=" => right.less_than(&value) == Some(false),
                _ => value.less_than(&right) == Some(false),
            });
        }
        Some(value)
    }

    fn unary(&mut self) -> Option<Value> {
        if self.operator(&["!"]).is_some() {
            return Some(Value::Bool(!self.unary()?.truthy()));
        }
        self.primary()
    }

    fn primary(&mut self) -> Option<Value> {
        let token = self.peek()?.clone();
        self.at += 1;
        match token {
            Token::Text(text) => Some(Value::Text(text)),
            Token::Number(number) => Some(Value::Number(number)),
            Token::Open => {
                let value = self.or()?;
                (self.peek() == Some(&Token::Close)).then(|| self.at += 1)?;
                Some(value)
            }
            Token::Word(word) => match word.as_str() {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                "null" => Some(Value::Null),
                "undefined" => Some(Value::Undefined),
                "sys.getVariable" | "sys.getGlobalVariable" => {
                    let name = match (
                        self.tokens.get(self.at),
                        self.tokens.get(self.at + 1),
                        self.tokens.get(self.at + 2),
                    ) {
                        (Some(Token::Open), Some(Token::Text(name)), Some(Token::Close)) => {
                            name.clone()
                        }
                        _ => return None,
                    };
                    self.at += 3;
                    Some(Value::Text(if word == "sys.getVariable" {
                        self.variables.variable(&name)
                    } else {
                        self.variables.global(&name)
                    }))
                }
                _ => None,
            },
            Token::Close | Token::Operator(_) => None,
        }
    }
}

/// The value of `code` when it is an expression of the kinds above; none when the script
/// engine must run it.
pub fn evaluate(code: &str, variables: &impl Variables) -> Option<Value> {
    let mut parser = Parser {
        tokens: tokens(code)?,
        at: 0,
        variables,
    };
    let value = parser.or()?;
    (parser.at == parser.tokens.len()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Vars;

    impl Variables for Vars {
        fn variable(&self, name: &str) -> String {
            match name {
                "ten" => "10".into(),
                "nine" => "9".into(),
                "flag" => "false".into(),
                "a.b" => "deep".into(),
                _ => String::new(),
            }
        }
        fn global(&self, name: &str) -> String {
            if name == "g" {
                "G".into()
            } else {
                String::new()
            }
        }
    }

    fn truth(code: &str) -> Option<bool> {
        evaluate(code, &Vars).map(|value| value.truthy())
    }

    #[test]
    fn javascript_rules_for_the_usual_conditions() {
        assert_eq!(truth(r#"sys.getVariable("flag")"#), Some(true));
        assert_eq!(
            truth(r#"sys.getVariable("ten") > sys.getVariable("nine")"#),
            Some(false)
        );
        assert_eq!(truth(r#"sys.getVariable("ten") > 9"#), Some(true));
        assert_eq!(truth(r#"sys.getVariable("ten") == 10"#), Some(true));
        assert_eq!(truth(r#"sys.getVariable("ten") === 10"#), Some(false));
        assert_eq!(truth(r#"sys.getVariable("none") == 0"#), Some(true));
        assert_eq!(
            truth(r#"sys.getVariable("none") == '' && !sys.getVariable("none")"#),
            Some(true)
        );
        assert_eq!(
            truth(r#"(sys.getVariable("x") == '1' || sys.getGlobalVariable("g") == 'G')"#),
            Some(true)
        );
        assert_eq!(truth(r#"sys.getVariable("a.b") != "deep""#), Some(false));
        assert_eq!(truth("'abc' < 'abd' && 2 >= 2 && !(1 > 2)"), Some(true));
        assert_eq!(
            truth("'x' < 1 || 'x' >= 1"),
            Some(false),
            "NaN compares false both ways"
        );
        assert_eq!(truth("null == undefined && null != 0"), Some(true));
        // What it does not know goes to the engine.
        for code in [
            "Math.random() > 0.5",
            "sys.getVariable(\"a\").length > 2",
            "1 +",
            "'a\\'b'",
            "x = 1",
            "",
        ] {
            assert_eq!(evaluate(code, &Vars), None, "{code}");
        }
    }

    #[test]
    fn and_and_or_give_an_operand() {
        assert_eq!(evaluate("'' || 'b'", &Vars), Some(Value::Text("b".into())));
        assert_eq!(evaluate("'a' && 0", &Vars), Some(Value::Number(0.0)));
        assert_eq!(text_number(" 0x1F "), 31.0);
        assert!(text_number("1e").is_nan() && text_number("abc").is_nan());
        assert_eq!(text_number("-2.5e1"), -25.0);
    }
}
