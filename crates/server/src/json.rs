//! The JSON body extractor: a body over the size limit is 413, nesting past the configured depth
//! is refused before parsing, and a field of the wrong shape is a 400 that names the field.

use crate::error::Error;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use flow_model::rules::nesting_beyond;
use serde::de::DeserializeOwned;

pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for JsonBody<T> {
    type Rejection = Error;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Error> {
        let limit = state.settings.body_limit;
        // A body announced as too large is refused before a byte of it is read.
        let announced = request
            .headers()
            .get(axum::http::header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<u64>().ok());
        if announced.is_some_and(|length| length > limit as u64) {
            return Err(Error::TooLarge { limit });
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.into_response().status() == StatusCode::PAYLOAD_TOO_LARGE {
                    Error::TooLarge { limit }
                } else {
                    Error::InvalidJson("the body could not be read".into())
                }
            })?;
        parse(&bytes, state.settings.max_json_depth).map(JsonBody)
    }
}

/// Parses a request body, naming the path of the first field that does not fit.
pub fn parse<T: DeserializeOwned>(bytes: &[u8], max_depth: usize) -> Result<T, Error> {
    if let Some(offset) = nesting_beyond(bytes, max_depth) {
        return Err(Error::TooDeep {
            limit: max_depth,
            offset,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|error| {
        Error::InvalidJson(format!(
            "not UTF-8 text (invalid byte at offset {})",
            error.valid_up_to()
        ))
    })?;
    // Every body of this API is an object; serde would also fill a struct from an array.
    let kind = match text.trim_start().bytes().next() {
        Some(b'[') => Some("an array"),
        Some(b'"') => Some("a string"),
        Some(b'-' | b'0'..=b'9') => Some("a number"),
        _ => None,
    };
    if let Some(kind) = kind {
        return Err(Error::InvalidJson(format!(
            "the body must be a JSON object, got {kind}"
        )));
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if path == "." {
            Error::InvalidJson(inner.to_string())
        } else {
            Error::InvalidJson(format!("{path}: {inner}"))
        }
    })?;
    deserializer.end().map_err(|error| {
        Error::InvalidJson(format!("unexpected text after the JSON value: {error}"))
    })?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flow_model::SchemaWrite;

    #[test]
    fn names_the_field_of_the_wrong_type() {
        let error = parse::<SchemaWrite>(br#"{"name": 5}"#, 64).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("name: invalid type: integer `5`"),
            "{error}"
        );
        let error =
            parse::<SchemaWrite>(br#"{"tags": [{"name": "a"}, {"nam": 1}]}"#, 64).unwrap_err();
        assert!(
            error.to_string().contains("tags[1]: missing field `name`"),
            "{error}"
        );
    }

    #[test]
    fn refuses_deep_nesting_before_parsing() {
        let deep = format!(r#"{{"schema": {}}}"#, "[".repeat(100_000));
        let error = parse::<SchemaWrite>(deep.as_bytes(), 64).unwrap_err();
        assert!(
            matches!(
                error,
                Error::TooDeep {
                    limit: 64,
                    offset: 74
                }
            ),
            "{error}"
        );
    }

    #[test]
    fn refuses_bodies_that_are_not_objects() {
        for body in [&br#"["Name"]"#[..], b"5", b"\"x\""] {
            let error = parse::<SchemaWrite>(body, 64).unwrap_err();
            assert!(
                error.to_string().contains("must be a JSON object"),
                "{error}"
            );
        }
    }

    #[test]
    fn refuses_invalid_utf8_and_trailing_text() {
        let error = parse::<SchemaWrite>(b"{\"name\": \"\xff\"}", 64).unwrap_err();
        assert!(error.to_string().contains("not UTF-8"), "{error}");
        assert!(parse::<SchemaWrite>(b"{} []", 64).is_err());
    }
}
