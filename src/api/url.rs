//! Building request URLs: pure, so it is tested natively.

use flow_model::contract;

/// The API of the server that serves the app.
pub const DEFAULT_API_BASE: &str = contract::API_BASE;

/// `base` + `path` + the encoded query. A `+` in a value is escaped, so `sort=+name` arrives
/// as `+name` and not as a space.
pub fn join_url(base: &str, path: &str, query: &[(&str, String)]) -> String {
    let mut url = format!("{}{}", base.trim_end_matches('/'), path);
    for (index, (key, value)) in query.iter().enumerate() {
        url.push(if index == 0 { '?' } else { '&' });
        url.push_str(&encode_component(key));
        url.push('=');
        url.push_str(&encode_component(value));
    }
    url
}

/// Percent-encodes everything but unreserved characters (and `*`, the search wildcard).
pub fn encode_component(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'*' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_base_path_and_query() {
        assert_eq!(
            join_url("/api/", contract::USERINFO.path, &[]),
            "/api/userinfo"
        );
        assert_eq!(
            join_url(
                "https://webitel.example/api",
                contract::SEARCH_FLOWS.path,
                &[("sort", "+name".into()), ("q", "ivr mé*".into())]
            ),
            "https://webitel.example/api/routing/schema?sort=%2Bname&q=ivr%20m%C3%A9*"
        );
    }
}
