//! Serving the built SPA: hashed assets cached for good, `index.html` for every other path
//! (client-side routes), and the security headers every page carries.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use flow_model::contract::API_BASE;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tower_http::services::{ServeDir, ServeFile};

/// Serves files of `static_dir`; any other path is a route of the app and gets `index.html`.
pub fn spa_service(static_dir: &Path) -> ServeDir<ServeFile> {
    ServeDir::new(static_dir).fallback(ServeFile::new(static_dir.join("index.html")))
}

/// Trunk names build outputs `name-<16 hex>...`: those never change, so they can be cached.
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    file.split(['-', '_', '.'])
        .any(|part| part.len() == 16 && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The Content-Security-Policy for the SPA: no `unsafe-eval`; WebAssembly compiles under
/// `wasm-unsafe-eval`; the loader script trunk inlines in `index.html` is allowed by its hash.
pub fn content_security_policy(index_html: Option<&str>) -> String {
    let script_hashes: String = index_html
        .map(inline_scripts)
        .unwrap_or_default()
        .iter()
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{script_hashes}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; font-src 'self' data:; connect-src 'self' http: https:; worker-src 'self' blob:; \
         frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
    )
}

/// The text of every `<script>` without a `src`.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(open_end) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + open_end];
        let body_start = start + open_end + 1;
        let Some(close) = rest[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains("src=") {
            scripts.push(&rest[body_start..body_start + close]);
        }
        rest = &rest[body_start + close..];
    }
    scripts
}

/// Security headers for everything, and cache headers for static files.
pub async fn page_headers(csp: HeaderValue, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    let is_api = path
        .strip_prefix(API_BASE)
        .is_some_and(|rest| rest.starts_with('/'));
    if !is_api {
        let cache = if is_hashed_asset(&path) {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    response
}

/// Answers page requests while the SPA has not been built.
pub async fn spa_missing(static_dir: PathBuf) -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        Body::from(format!(
            "Flow Studio's web app is not built: {} has no index.html. Run `cargo xtask start`, which builds it.",
            static_dir.display()
        )),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_hashed_build_outputs() {
        assert!(is_hashed_asset("/flow-studio-3f2a9c0d1e4b5a67_bg.wasm"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/flows/42"));
    }

    #[test]
    fn policy_allows_inline_loader_by_hash_only() {
        let html = r#"<head><script type="module">import init from '/a.js';</script><script src="/b.js"></script></head>"#;
        assert_eq!(inline_scripts(html), vec!["import init from '/a.js';"]);
        let policy = content_security_policy(Some(html));
        assert!(policy.contains("'sha256-"));
        assert!(!policy.contains("unsafe-eval'") || policy.contains("'wasm-unsafe-eval'"));
        assert!(!policy.contains("'unsafe-eval'"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!content_security_policy(None).contains("sha256"));
    }
}
