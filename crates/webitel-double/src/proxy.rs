//! The proxy: Webitel's routes, each forwarded to our server and answered through [`wire`].
//!
//! Headers: a call reaches our server with its access token (`X-Webitel-Access`) and a JSON
//! body only. `If-Match` in particular is never forwarded: the engine has no lost-update
//! check (webitel/engine `app/flow_routing_schema.go`, `UpdateRoutingSchema` and
//! `PatchRoutingSchema` read and write the flow unconditionally), so the last write wins.
//! Answers carry only `Content-Type: application/json`: no `ETag`, no request id of ours.

use crate::wire::errors::{no_route, webitel_error, Call, Context};
use crate::wire::{self, auth, directories, flows, versions};
use crate::Error;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use flow_model::catalog::Object;
use flow_model::contract::{self, ACCESS_HEADER};
use flow_model::lookup;
use flow_model::userinfo::session_of_userinfo;
use flow_model::Session;
use reqwest::{Method, Url};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How the double runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// Our server's base URL; its API is under [`contract::API_BASE`].
    pub upstream: Url,
    /// The domain of a sign-in whose username has no `@domain` and whose body names none
    /// ([`auth::login_request`]).
    pub default_domain: Option<String>,
    /// The objects of Webitel's directories, by kind (`queue`, `calendar`, `list`, `media`,
    /// `email-profile`): each a list of objects with at least `id` and `name`, as the engine
    /// stores them ([`wire::directories`]).
    pub directory: Map<String, Value>,
}

impl Options {
    pub fn new(upstream: Url) -> Self {
        Self {
            upstream,
            default_domain: None,
            directory: Map::new(),
        }
    }
}

/// Requests up to this size are taken (our server has its own, lower, limit).
const BODY_LIMIT: usize = 64 * 1024 * 1024;
/// How many signed-in tokens' expiry the double remembers before it forgets them all.
const REMEMBERED_TOKENS: usize = 100_000;
/// The page size the double reads versions from our server with (our server's maximum).
const VERSION_FETCH_SIZE: &str = "20000";

struct Double {
    client: reqwest::Client,
    options: Options,
    /// Expiry (epoch ms) of each token signed in through the double.
    tokens: Mutex<HashMap<String, i64>>,
    /// The `dc` given to each domain, in order of first sight.
    domains: Mutex<HashMap<String, i64>>,
}

type Shared = Arc<Double>;

/// What a call sends our server as its body.
enum Outgoing {
    None,
    Json(Value),
    /// A body that is not JSON, passed on as it came for our server to refuse.
    Raw(Bytes),
}

impl Outgoing {
    /// A JSON body through `transform`; anything else as it came.
    fn from_bytes(body: Bytes, transform: impl FnOnce(&Value) -> Value) -> Self {
        match serde_json::from_slice::<Value>(&body) {
            Ok(value) => Self::Json(transform(&value)),
            Err(_) => Self::Raw(body),
        }
    }

    fn json(&self) -> Option<&Value> {
        match self {
            Self::Json(value) => Some(value),
            _ => None,
        }
    }
}

/// Our server's answer.
struct Answer {
    status: u16,
    body: Value,
}

impl Answer {
    fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Webitel's routes on [`Options::upstream`], with no default domain.
pub fn app(upstream: Url) -> Router {
    app_with(Options::new(upstream))
}

/// Webitel's routes: sign-in, sign-out, userinfo, the flows, their tags and versions (the
/// paths are the contract's, which are Webitel's: webitel/protos `swagger/api.json`), and the
/// directories a step picks queues, calendars, lists, media files and mail profiles from.
/// Any other path under the API, our own extensions (`/api/users`, `/api/health`,
/// `/api/openapi.json`) among them, answers [`no_route`]. Outside the API, `GET` and `HEAD`
/// pass through to our server as they are, so our web app can be loaded from the double and
/// talk to Webitel's wire on the same origin (a test convenience: the engine serves no web
/// app).
pub fn app_with(options: Options) -> Router {
    let double = Arc::new(Double {
        client: reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap_or_default(),
        options,
        tokens: Mutex::new(HashMap::new()),
        domains: Mutex::new(HashMap::new()),
    });
    let mut router = Router::new();
    for directory in lookup::directories() {
        let kind = directory.kind;
        router = router.route(
            directory.operation.served_path,
            get(move |state, headers, query| listing(state, headers, query, kind)),
        );
    }
    router
        .route(contract::LOGIN.served_path, post(login))
        .route(contract::LOGOUT.served_path, post(logout))
        // webitel/protos `swagger/api.json`, `/userinfo`: GET and POST.
        .route(contract::USERINFO.served_path, get(userinfo).post(userinfo))
        .route(contract::SEARCH_FLOWS.served_path, get(search).post(create))
        .route(contract::SEARCH_TAGS.served_path, get(tags))
        .route(
            contract::READ_FLOW.served_path,
            get(one_flow).put(one_flow).patch(one_flow).delete(one_flow),
        )
        .route(contract::FLOW_VERSIONS.served_path, get(versions))
        .fallback(outside_the_api)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(double)
}

/// Anything no route of Webitel's takes: under the API, [`no_route`]; elsewhere a `GET` or
/// `HEAD` of our web app's files, passed through untouched.
async fn outside_the_api(
    State(double): State<Shared>,
    method: axum::http::Method,
    uri: axum::http::Uri,
) -> Result<Response, Error> {
    let path = uri.path();
    let in_api = path == contract::API_BASE
        || path
            .strip_prefix(contract::API_BASE)
            .is_some_and(|rest| rest.starts_with('/'));
    let readable = method == axum::http::Method::GET || method == axum::http::Method::HEAD;
    if in_api || !readable {
        return Ok(wire_reply(no_route()));
    }
    let target = uri.path_and_query().map_or(path, |whole| whole.as_str());
    let base = double.options.upstream.as_str().trim_end_matches('/');
    let url = Url::parse(&format!("{base}{target}")).map_err(|error| Error::UpstreamUrl {
        path: target.to_owned(),
        reason: error.to_string(),
    })?;
    let method = if method == axum::http::Method::HEAD {
        Method::HEAD
    } else {
        Method::GET
    };
    let response = double.client.request(method, url).send().await?;
    let status = StatusCode::from_u16(response.status().as_u16())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("application/octet-stream")
        .to_owned();
    let bytes = response.bytes().await?;
    Ok((status, [(header::CONTENT_TYPE, content_type)], bytes).into_response())
}

fn reply(status: u16, body: &Value) -> Response {
    (
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn wire_reply(error: wire::errors::WireError) -> Response {
    reply(error.http_status, &error.body())
}

fn token_of(headers: &HeaderMap) -> Option<String> {
    headers
        .get(ACCESS_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
        .filter(|token| !token.is_empty())
        .map(str::to_owned)
}

fn pairs_of(query: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

/// A path segment, percent-encoded but for the unreserved characters.
fn segment(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(byte).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}

fn name_in(body: Option<&Value>) -> Option<String> {
    body?.get("name")?.as_str().map(str::to_owned)
}

impl Double {
    async fn send(
        &self,
        method: Method,
        path: &str,
        query: &[(String, String)],
        token: Option<&str>,
        body: Outgoing,
    ) -> Result<Answer, Error> {
        let base = self.options.upstream.as_str().trim_end_matches('/');
        let mut url = Url::parse(&format!("{base}{path}")).map_err(|error| Error::UpstreamUrl {
            path: path.to_owned(),
            reason: error.to_string(),
        })?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        let mut request = self.client.request(method, url);
        if let Some(token) = token {
            request = request.header(ACCESS_HEADER, token);
        }
        request = match body {
            Outgoing::None => request,
            Outgoing::Json(value) => request.json(&value),
            Outgoing::Raw(bytes) => request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(bytes),
        };
        let response = request.send().await?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await?;
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .map_err(|source| Error::UpstreamBody { status, source })?
        };
        Ok(Answer { status, body })
    }

    /// Who `token` belongs to, by our server's userinfo.
    async fn session(&self, token: Option<&str>) -> Result<Result<Session, Answer>, Error> {
        let answer = self
            .send(
                Method::GET,
                contract::USERINFO.served_path,
                &[],
                token,
                Outgoing::None,
            )
            .await?;
        if !answer.ok() {
            return Ok(Err(answer));
        }
        session_of_userinfo(answer.body)
            .map(Ok)
            .map_err(Error::UpstreamSession)
    }

    /// Our server's refusal of `call`, as the engine's.
    async fn refusal(
        &self,
        call: Call,
        answer: Answer,
        token: Option<&str>,
        mut context: Context,
    ) -> Result<Response, Error> {
        context.token_sent = token.is_some();
        if answer.status == 403 {
            context.user_id = match self.session(token).await {
                Ok(Ok(session)) => Some(session.user.id),
                _ => None,
            };
        }
        Ok(wire_reply(webitel_error(
            call,
            answer.status,
            &answer.body,
            &context,
        )))
    }

    /// Our server's `answer` to `call` as the engine's: a success is a 200 with `ok` of its
    /// body, anything else [`Double::refusal`].
    async fn respond(
        &self,
        call: Call,
        answer: Answer,
        token: Option<&str>,
        context: Context,
        ok: impl FnOnce(&Value) -> Value,
    ) -> Result<Response, Error> {
        if answer.ok() {
            return Ok(reply(200, &ok(&answer.body)));
        }
        self.refusal(call, answer, token, context).await
    }

    fn dc_of(&self, domain: &str) -> i64 {
        let mut domains = self.domains.lock().unwrap_or_else(PoisonError::into_inner);
        let next = i64::try_from(domains.len()).unwrap_or(i64::MAX - 1) + 1;
        *domains.entry(domain.to_owned()).or_insert(next)
    }

    fn remember(&self, token: &str, expires_at: i64) {
        let mut tokens = self.tokens.lock().unwrap_or_else(PoisonError::into_inner);
        if tokens.len() >= REMEMBERED_TOKENS {
            tokens.clear();
        }
        tokens.insert(token.to_owned(), expires_at);
    }

    fn expiry_of(&self, token: &str) -> Option<i64> {
        self.tokens
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(token)
            .copied()
    }

    fn forget(&self, token: &str) {
        self.tokens
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(token);
    }
}

/// `POST /login`: `user@domain` split for our server; the token only in the answer.
async fn login(State(double): State<Shared>, body: Bytes) -> Result<Response, Error> {
    let default_domain = double.options.default_domain.clone();
    let outgoing = Outgoing::from_bytes(body, |body| {
        auth::login_request(body, default_domain.as_deref())
    });
    let answer = double
        .send(
            Method::POST,
            contract::LOGIN.served_path,
            &[],
            None,
            outgoing,
        )
        .await?;
    double
        .respond(Call::Login, answer, None, Context::default(), |body| {
            let token = body.get("access_token").and_then(Value::as_str);
            let expires_at = body
                .get("expires_at")
                .and_then(|at| at.as_str().and_then(|at| at.parse().ok()).or(at.as_i64()));
            if let (Some(token), Some(expires_at)) = (token, expires_at) {
                double.remember(token, expires_at);
            }
            auth::login_answer(body, now_ms())
        })
        .await
}

/// `POST /logout`: our server's query options (`everywhere`) are not Webitel's and are not
/// passed on; the answer is `{}` (webitel/protos `webitel-go/auth.proto`, `LogoutResponse`
/// has no fields).
async fn logout(State(double): State<Shared>, headers: HeaderMap) -> Result<Response, Error> {
    let token = token_of(&headers);
    let answer = double
        .send(
            Method::POST,
            contract::LOGOUT.served_path,
            &[],
            token.as_deref(),
            Outgoing::Json(json!({})),
        )
        .await?;
    double
        .respond(
            Call::Logout,
            answer,
            token.as_deref(),
            Context::default(),
            |_| {
                if let Some(token) = &token {
                    double.forget(token);
                }
                json!({})
            },
        )
        .await
}

/// `GET|POST /userinfo`: the token comes in the header or as `access_token` in the query
/// (webitel/protos `swagger/api.json`, `/userinfo` takes `access_token` in the query).
async fn userinfo(
    State(double): State<Shared>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, Error> {
    let token = token_of(&headers).or_else(|| {
        pairs_of(query.as_deref())
            .into_iter()
            .find(|(key, value)| key == "access_token" && !value.is_empty())
            .map(|(_, value)| value)
    });
    match double.session(token.as_deref()).await? {
        Ok(session) => {
            let dc = double.dc_of(&session.domain);
            let expires_at = token.as_deref().and_then(|token| double.expiry_of(token));
            Ok(reply(200, &auth::userinfo(&session, dc, expires_at)))
        }
        Err(answer) => {
            double
                .refusal(Call::Userinfo, answer, token.as_deref(), Context::default())
                .await
        }
    }
}

/// A search (`operation`, a `GET`) of `call`, forwarded with `query`; `ok` gives its answer.
async fn list(
    double: &Double,
    headers: &HeaderMap,
    (call, operation): (Call, contract::Operation),
    query: &[(String, String)],
    ok: impl FnOnce(&Value) -> Value,
) -> Result<Response, Error> {
    let token = token_of(headers);
    let answer = double
        .send(
            Method::GET,
            operation.served_path,
            query,
            token.as_deref(),
            Outgoing::None,
        )
        .await?;
    double
        .respond(call, answer, token.as_deref(), Context::default(), ok)
        .await
}

/// `GET` of a directory of `kind`: the objects the double was given, to a signed-in user.
async fn listing(
    State(double): State<Shared>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    kind: Object,
) -> Result<Response, Error> {
    let token = token_of(&headers);
    match double.session(token.as_deref()).await? {
        Ok(_) => {
            let objects = double
                .options
                .directory
                .get(kind.key())
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice);
            let pairs = pairs_of(query.as_deref());
            Ok(reply(200, &directories::listing(objects, &pairs)))
        }
        Err(answer) => {
            double
                .refusal(
                    Call::Directory,
                    answer,
                    token.as_deref(),
                    Context::default(),
                )
                .await
        }
    }
}

/// `GET /routing/schema`.
async fn search(
    State(double): State<Shared>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, Error> {
    let search = flows::search_query(&pairs_of(query.as_deref()));
    let ok = |body: &Value| flows::search_answer(body, &search);
    let call = (Call::Search, contract::SEARCH_FLOWS);
    list(&double, &headers, call, &search.forward, ok).await
}

/// `GET /routing/schema/tags`.
async fn tags(
    State(double): State<Shared>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, Error> {
    let query = flows::tags_query(&pairs_of(query.as_deref()));
    let call = (Call::Tags, contract::SEARCH_TAGS);
    list(&double, &headers, call, &query, flows::tags_answer).await
}

/// `POST /routing/schema`.
async fn create(
    State(double): State<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Error> {
    let token = token_of(&headers);
    let outgoing = Outgoing::from_bytes(body, flows::create_body);
    let context = Context {
        name: name_in(outgoing.json()),
        ..Context::default()
    };
    let answer = double
        .send(
            Method::POST,
            contract::CREATE_FLOW.served_path,
            &[],
            token.as_deref(),
            outgoing,
        )
        .await?;
    double
        .respond(Call::Create, answer, token.as_deref(), context, |body| {
            flows::flow_answer(flows::FlowAnswer::Created, body)
        })
        .await
}

/// A call on one flow (`/routing/schema/{id}`), forwarded with its method to the same path of
/// ours: its body (when it takes one) through `body`, our answer given back as `answer`.
struct FlowCall {
    operation: contract::Operation,
    call: Call,
    body: Option<fn(&Value) -> Value>,
    answer: flows::FlowAnswer,
}

/// `GET`, `PUT`, `PATCH` and `DELETE /routing/schema/{id}`; `If-Match` is never forwarded.
const FLOW_CALLS: [FlowCall; 4] = [
    FlowCall {
        operation: contract::READ_FLOW,
        call: Call::Read,
        body: None,
        answer: flows::FlowAnswer::Read,
    },
    FlowCall {
        operation: contract::REPLACE_FLOW,
        call: Call::Replace,
        body: Some(flows::replace_body),
        answer: flows::FlowAnswer::Updated,
    },
    FlowCall {
        operation: contract::PATCH_FLOW,
        call: Call::Patch,
        body: Some(flows::patch_body),
        answer: flows::FlowAnswer::Updated,
    },
    FlowCall {
        operation: contract::DELETE_FLOW,
        call: Call::Delete,
        body: None,
        answer: flows::FlowAnswer::Read,
    },
];

/// One flow's call, by [`FLOW_CALLS`]: the request's method picks the entry.
async fn one_flow(
    State(double): State<Shared>,
    method: Method,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Error> {
    let Some(flow_call) = FLOW_CALLS
        .iter()
        .find(|flow_call| flow_call.operation.method.as_str() == method.as_str())
    else {
        return Ok(wire_reply(no_route()));
    };
    let token = token_of(&headers);
    let outgoing = match flow_call.body {
        Some(transform) => Outgoing::from_bytes(body, transform),
        None => Outgoing::None,
    };
    let context = Context {
        flow_id: Some(id.clone()),
        name: name_in(outgoing.json()),
        ..Context::default()
    };
    let answer = double
        .send(
            method,
            &flow_call.operation.served_path_for(segment(&id)),
            &[],
            token.as_deref(),
            outgoing,
        )
        .await?;
    double
        .respond(flow_call.call, answer, token.as_deref(), context, |body| {
            flows::flow_answer(flow_call.answer, body)
        })
        .await
}

/// `GET /routing/schema/{schema_id}/versions`: every version read from our server, then
/// paged, ordered and cut to columns the engine's way ([`versions::versions_page`]). The
/// engine filters versions by the flow id alone and never checks the flow is there
/// (webitel/engine `app/scheme_version.go`, `SearchSchemeVersions`), so a missing flow has
/// no versions: `{}`, not an error. (It does not check the domain either, so the engine lists
/// another domain's versions; our server refuses that, and the double answers `{}`.)
async fn versions(
    State(double): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, Error> {
    let token = token_of(&headers);
    let query = match versions::versions_query(&pairs_of(query.as_deref())) {
        Ok(query) => query,
        Err(error) => return Ok(wire_reply(error)),
    };
    let path = contract::FLOW_VERSIONS.served_path_for(segment(&id));
    let mut all = Vec::new();
    for page in 1.. {
        let answer = double
            .send(
                Method::GET,
                &path,
                &[
                    ("page".to_owned(), page.to_string()),
                    ("size".to_owned(), VERSION_FETCH_SIZE.to_owned()),
                ],
                token.as_deref(),
                Outgoing::None,
            )
            .await?;
        if !answer.ok() {
            let missing = answer.status == 404
                && answer.body.get("id").and_then(Value::as_str)
                    == Some("app.routing_schema.not_found");
            if missing {
                break;
            }
            let context = Context {
                flow_id: Some(id.clone()),
                ..Context::default()
            };
            return double
                .refusal(Call::Versions, answer, token.as_deref(), context)
                .await;
        }
        let (items, next) = wire::items_of(&answer.body);
        all.extend(items);
        if !next {
            break;
        }
    }
    if let Some(error) = query.column_error() {
        return Ok(wire_reply(error));
    }
    Ok(reply(200, &versions::versions_page(all, &query)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_percent_encoded() {
        assert_eq!(segment("42"), "42");
        assert_eq!(segment("a b/c"), "a%20b%2Fc");
    }

    #[test]
    fn tokens_come_from_the_webitel_header_only() {
        let mut headers = HeaderMap::new();
        assert_eq!(token_of(&headers), None);
        headers.insert("authorization", "Bearer t".parse().unwrap());
        assert_eq!(token_of(&headers), None);
        headers.insert("x-webitel-access", " t0k ".parse().unwrap());
        assert_eq!(token_of(&headers).as_deref(), Some("t0k"));
    }

    #[test]
    fn query_pairs_are_decoded() {
        assert_eq!(
            pairs_of(Some("q=a%2Ab&sort=+name")),
            [
                ("q".to_owned(), "a*b".to_owned()),
                ("sort".to_owned(), " name".to_owned())
            ]
        );
        assert!(pairs_of(None).is_empty());
    }
}
