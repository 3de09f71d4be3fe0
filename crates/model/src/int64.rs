//! Webitel sends 64-bit integers (ids, epoch milliseconds) as JSON strings; these serde helpers
//! write them as strings and read either a string or a number.

use serde::{de, Deserialize, Deserializer, Serializer};

#[derive(Deserialize)]
#[serde(untagged)]
enum StringOrNumber {
    String(String),
    Number(i64),
}

fn parse<'de, D: Deserializer<'de>>(value: StringOrNumber) -> Result<i64, D::Error> {
    match value {
        StringOrNumber::Number(number) => Ok(number),
        StringOrNumber::String(text) => text
            .trim()
            .parse()
            .map_err(|_| de::Error::custom(format!("expected a 64-bit integer, got {text:?}"))),
    }
}

pub fn serialize<S: Serializer>(value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    parse::<D>(StringOrNumber::deserialize(deserializer)?)
}

/// The same for optional fields: `None` is skipped by the caller's `skip_serializing_if`.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Option<i64>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.collect_str(value),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<i64>, D::Error> {
        Option::<StringOrNumber>::deserialize(deserializer)?
            .map(parse::<D>)
            .transpose()
    }
}

/// The OpenAPI schema of such a value: a string of decimal digits (clients may send a number).
#[cfg(feature = "openapi")]
pub fn schema() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::Type::String)
        .pattern(Some("^-?[0-9]+$"))
        .description(Some("a 64-bit integer written as a string"))
        .examples(["42"])
        .build()
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Row {
        #[serde(with = "super")]
        id: i64,
        #[serde(
            with = "super::option",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        at: Option<i64>,
    }

    #[test]
    fn writes_strings_and_reads_both_forms() {
        let row = Row {
            id: 42,
            at: Some(1_718_000_000_000),
        };
        let text = serde_json::to_string(&row).unwrap();
        assert_eq!(text, r#"{"id":"42","at":"1718000000000"}"#);
        assert_eq!(serde_json::from_str::<Row>(&text).unwrap(), row);
        let numeric: Row = serde_json::from_str(r#"{"id":7}"#).unwrap();
        assert_eq!(numeric, Row { id: 7, at: None });
    }

    #[test]
    fn refuses_text_that_is_not_an_integer() {
        let error = serde_json::from_str::<Row>(r#"{"id":"4x"}"#).unwrap_err();
        assert!(
            error.to_string().contains("expected a 64-bit integer"),
            "{error}"
        );
    }
}
