//! Serving the built SPA under its base path: hashed assets cached for good, the app's page
//! for every other path (client-side routes), and the security headers every page carries.
//! Files are sent as the build precompressed them (`x.br`, `x.gz` beside `x`, made by
//! `cargo xtask build` at the highest settings) to browsers that accept that encoding; a file
//! without such a copy is compressed on the fly by the router's compression layer.

use axum::body::Body;
use axum::extract::Request;
use axum::handler::HandlerWithoutStateExt;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use base64::Engine;
use flow_model::contract::API_BASE;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use tower_http::services::ServeDir;

/// The encodings the build precompresses into, by file name suffix.
const PRECOMPRESSED: [&str; 2] = [".br", ".gz"];

/// The path the web app is served under: empty for the site's root, else `/` and segments
/// without a trailing `/` (`/flow-diagram`, where Webitel's admin looks for its Flow Diagram
/// app). The API stays at `/api` either way.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BasePath(String);

impl BasePath {
    /// The path, empty at the root.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for BasePath {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let path = text.trim().trim_end_matches('/');
        if path.is_empty() {
            return Ok(Self::default());
        }
        let Some(segments) = path.strip_prefix('/') else {
            return Err(format!("the base path {text:?} must start with `/`"));
        };
        let plain = |segment: &str| {
            !matches!(segment, "" | "." | "..")
                && segment
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || b"-._~".contains(&byte))
        };
        if let Some(segment) = segments.split('/').find(|segment| !plain(segment)) {
            return Err(format!(
                "the base path {text:?} has a segment {segment:?}: use letters, digits and `-._~`"
            ));
        }
        if path == API_BASE || path.starts_with(&format!("{API_BASE}/")) {
            return Err(format!(
                "the base path {text:?} would hide the API at {API_BASE}"
            ));
        }
        Ok(Self(path.to_owned()))
    }
}

/// The app's page: the build's `index.html` with its `<base href>` pointing at `base`, so that
/// the build's relative file names and the app's routes resolve under it.
pub fn page_under(index_html: &str, base: &BasePath) -> String {
    let tag = format!(r#"<base href="{}/">"#, base.as_str());
    let existing = index_html.find("<base ").and_then(|start| {
        let end = start + index_html[start..].find('>')? + 1;
        Some(start..end)
    });
    match existing {
        Some(range) => format!(
            "{}{tag}{}",
            &index_html[..range.start],
            &index_html[range.end..]
        ),
        None => index_html.replacen("<head>", &format!("<head>{tag}"), 1),
    }
}

/// The web app under `base`: files of `static_dir` (their precompressed copy when the browser
/// accepts it); any other path is a route of the app and gets its `page`. At a base path other
/// than the root, the site's root leads there.
pub fn spa_router<S: Clone + Send + Sync + 'static>(
    static_dir: &Path,
    page: String,
    base: &BasePath,
) -> Router<S> {
    report_precompressed(static_dir);
    let page = move || {
        let page = page.clone();
        async move { Html(page) }
    };
    let files = ServeDir::new(static_dir)
        .precompressed_br()
        .precompressed_gzip()
        // The directory's `index.html` is the page without its base: the fallback serves it.
        .append_index_html_on_directories(false)
        .fallback(page.clone().into_service());
    let app: Router = Router::new()
        .route("/index.html", get(page))
        .fallback_service(files);
    match base.as_str() {
        "" => Router::new().fallback_service(app),
        base => {
            let start = format!("{base}/");
            Router::new()
                .route("/", get(move || async move { Redirect::to(&start) }))
                // A service, not a nested router: `{base}/` itself is the app's page too.
                .nest_service(base, app)
        }
    }
}

/// Says at startup whether the files will be sent precompressed, and warns about a copy older
/// than its file (edited after the build): it would be sent in place of the file.
fn report_precompressed(static_dir: &Path) {
    let mut copies = 0;
    let mut folders = vec![static_dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(original) = PRECOMPRESSED
                .iter()
                .find_map(|suffix| name.strip_suffix(suffix))
            else {
                continue;
            };
            copies += 1;
            let modified = |path: &Path| std::fs::metadata(path).and_then(|meta| meta.modified());
            if let (Ok(copy), Ok(file)) = (modified(&path), modified(&folder.join(original))) {
                // The build gives a copy its file's time, to the millisecond.
                if copy + std::time::Duration::from_secs(1) < file {
                    tracing::warn!(
                        copy = %path.display(),
                        "precompressed copy is older than its file and is sent in its place: \
                         rebuild with `cargo xtask build`"
                    );
                }
            }
        }
    }
    if copies == 0 {
        tracing::info!(
            static_dir = %static_dir.display(),
            "no precompressed files: the web app is compressed on the fly (`cargo xtask build` \
             precompresses it)"
        );
    } else {
        tracing::info!(copies, "serving the web app's precompressed files");
    }
}

/// Whether `path` names a file that trunk 0.21 named by its content's hash, which therefore
/// never changes. Trunk writes `format!("{hash:x}")` of a 64-bit seahash after the last `-` of
/// the stem (`src/pipelines/mod.rs`, `src/pipelines/rust/mod.rs`): 1 to 16 lowercase hex
/// digits, as a number has no leading zeros (`flow-studio-a2ce2c0e07b69f6_bg.wasm` has 15).
/// After the hash come the app's `_bg.wasm`, `.js`, `_loader.js` or `.d.ts`, or a copied
/// asset's own extension (`.css`, `.svg`, ...).
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, hashed)) = file.rsplit_once('-') else {
        return false;
    };
    let digits = hashed
        .bytes()
        .take_while(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'))
        .count();
    if stem.is_empty() || !(1..=16).contains(&digits) {
        return false;
    }
    match &hashed[digits..] {
        "_bg.wasm" | "_loader.js" | ".d.ts" => true,
        rest => rest.strip_prefix('.').is_some_and(|extension| {
            !extension.is_empty() && extension.bytes().all(|byte| byte.is_ascii_alphanumeric())
        }),
    }
}

/// Whether a response is the app's page (the fallback), rather than the file asked for.
fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"))
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

/// Security headers for everything, and cache headers for static files. A range of a static
/// file is of the file itself (never of a compressed copy), as when compressing on the fly.
pub async fn page_headers(csp: HeaderValue, mut request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let is_api = path
        .strip_prefix(API_BASE)
        .is_some_and(|rest| rest.starts_with('/'));
    if !is_api && request.headers().contains_key(header::RANGE) {
        request.headers_mut().remove(header::ACCEPT_ENCODING);
    }
    let mut response = next.run(request).await;
    let hashed = !is_api && is_hashed_asset(&path);
    if hashed && !path.ends_with(".html") && is_html(&response) {
        // A build output that is not there (an older build's): not a route of the app, whose
        // page would otherwise be kept for good under the asset's name.
        response = StatusCode::NOT_FOUND.into_response();
    }
    let immutable =
        hashed && (response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED);
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
    if !is_api {
        let cache = if immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        // Which copy is sent depends on Accept-Encoding (the compression layer says so only
        // when it compresses).
        let varies = headers.get_all(header::VARY).iter().any(|value| {
            value
                .to_str()
                .is_ok_and(|value| value.to_ascii_lowercase().contains("accept-encoding"))
        });
        if !varies {
            headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
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
        assert!(is_hashed_asset("/flow-studio-a2ce2c0e07b69f6_bg.wasm"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css"));
        assert!(is_hashed_asset("/app-7_loader.js"));
        assert!(is_hashed_asset("/app-1f.d.ts"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/code-editor.js"));
        assert!(!is_hashed_asset("/flows/42"));
        assert!(!is_hashed_asset("/flows/new/code"));
        // 17 digits is more than a u64; capitals are not what trunk writes.
        assert!(!is_hashed_asset("/app-0123456789abcdef0.js"));
        assert!(!is_hashed_asset("/app-A2CE2C0E07B69F6.js"));
        // The hash is after the stem, not before the extension alone.
        assert!(!is_hashed_asset("/-abc.js"));
        assert!(!is_hashed_asset("/app-abc"));
        assert!(!is_hashed_asset("/app-abc.css.br"));
        // A snippet's folder names the crate, not the file's content.
        assert!(!is_hashed_asset(
            "/snippets/flow-studio-1f8d65bf73538412/inline0.js"
        ));
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

    #[test]
    fn base_paths_are_plain_absolute_paths() {
        assert_eq!("".parse::<BasePath>().unwrap().as_str(), "");
        assert_eq!("/".parse::<BasePath>().unwrap().as_str(), "");
        assert_eq!(
            "/flow-diagram/".parse::<BasePath>().unwrap().as_str(),
            "/flow-diagram"
        );
        assert_eq!("/a/b.c".parse::<BasePath>().unwrap().as_str(), "/a/b.c");
        for bad in [
            "flow-diagram",
            "/a//b",
            "/a/../b",
            "/a b",
            "/api",
            "/api/x",
            "/é",
        ] {
            assert!(bad.parse::<BasePath>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_page_points_its_base_at_the_base_path() {
        let built =
            r#"<html><head><meta charset="utf-8"><base href="/"><title>x</title></head></html>"#;
        let base: BasePath = "/flow-diagram".parse().unwrap();
        let page = page_under(built, &base);
        assert!(page.contains(r#"<head><meta charset="utf-8"><base href="/flow-diagram/"><title>"#));
        assert_eq!(page.matches("<base ").count(), 1);
        let without = "<html><head><title>x</title></head></html>";
        assert_eq!(
            page_under(without, &BasePath::default()),
            r#"<html><head><base href="/"><title>x</title></head></html>"#
        );
    }
}
