//! Errors: our server's refusals as the engine's.
//!
//! The engine's error is `{id, status, detail, code}` (webitel/engine `pkg/werror/error.go`,
//! `ApplicationError`: `id`, `where` omitempty, `status`, `detail`, `request_id` omitempty,
//! `code` omitempty, marshalled in that order), `status` being Go's text for `code`
//! (`SetStatusCode`). It travels as the gRPC status message with a gRPC code chosen from
//! `code`: 400, 401 and 403 keep theirs, every other code becomes `Internal`
//! (webitel/engine `app/grpc_server.go`, `httpCodeToGrpc`), which the HTTP gateway answers
//! with 500. Webitel's clients read `id` and `detail` from the HTTP body
//! (webitel/web-client-auth `src/api/instance.ts`; webitel/webitel-ui-sdk
//! `packages/api-services/src/api/transformers/notify/notify.transformer.ts`). The gateway's
//! own code is not public: that it writes the engine's JSON as the body, with the HTTP status
//! gRPC's usual mapping gives, is read off those clients and is not verified further.

use serde_json::{json, Value};

/// Go's `http.StatusText` for the codes the double answers with.
pub fn status_text(code: u16) -> &'static str {
    match code {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Request Entity Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        507 => "Insufficient Storage",
        _ => "",
    }
}

/// An error as the engine answers it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct WireError {
    /// The HTTP status of the answer.
    pub http_status: u16,
    pub id: String,
    pub detail: String,
    /// The body's `code` (not always the HTTP status: see [`not_found`]).
    pub code: u16,
}

impl WireError {
    /// An error whose body's `code` is its HTTP status.
    pub fn new(status: u16, id: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            http_status: status,
            id: id.into(),
            detail: detail.into(),
            code: status,
        }
    }

    /// The body: `{id, status, detail, code}`, no `request_id`.
    pub fn body(&self) -> Value {
        json!({
            "id": self.id,
            "status": status_text(self.code),
            "detail": self.detail,
            "code": self.code,
        })
    }
}

/// Which call an error answers.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Call {
    Login,
    Logout,
    Userinfo,
    Search,
    Tags,
    Create,
    Read,
    Replace,
    Patch,
    Delete,
    Versions,
    /// A listing of one of Webitel's directories (queues, calendars, …).
    Directory,
}

/// What the double knows of the request, for the engine's wording.
#[derive(Clone, Default, Debug)]
pub struct Context {
    /// Whether the request carried an access token at all.
    pub token_sent: bool,
    /// The flow's id as the path gave it.
    pub flow_id: Option<String>,
    /// The name the body set (create, PUT, PATCH).
    pub name: Option<String>,
    /// The signed-in user, when known.
    pub user_id: Option<i64>,
}

/// A flow that is not there (or is another domain's), on read, PUT, PATCH and delete: the
/// store's `Get` finds no row, `sql.ErrNoRows` is code 404 (webitel/engine
/// `store/sqlstore/pg_dialect.go`, `extractCodeFromErr`), as
/// `store.sql_routing_schema.get.app_error` with `Id=…, sql: no rows in result set`
/// (`store/sqlstore/flow_routing_scheme_store.go`, `Get`); PUT, PATCH and delete read the
/// flow with `Get` first (`app/flow_routing_schema.go`). 404 is none of 400, 401 and 403, so
/// the answer is a 500 whose body says 404.
pub fn not_found(flow_id: &str) -> WireError {
    WireError {
        http_status: 500,
        id: "store.sql_routing_schema.get.app_error".to_owned(),
        detail: format!("Id={flow_id}, sql: no rows in result set"),
        code: 404,
    }
}

/// A name another flow of the domain has, on create, PUT and PATCH: the unique violation is
/// a 400 `store.sql_routing_schema.save.valid.name` with `name="…" already exists`
/// (webitel/engine `store/sqlstore/flow_routing_scheme_store.go`, `Create` and `Update`;
/// 23505 is 400 in `pg_dialect.go`, `extractCodeFromErr`).
pub fn name_taken(name: &str) -> WireError {
    WireError::new(
        400,
        "store.sql_routing_schema.save.valid.name",
        format!("name=\"{name}\" already exists"),
    )
}

/// A missing or refused token. Without one: `api.context.session_expired.app_error`,
/// `token not found`; with one the auth service refuses: `app.session.unauthenticated`,
/// `unauthenticated` (webitel/engine `app/grpc_server.go`, `getSessionFromCtx`;
/// `app/session.go`, `GetSessionWitchContext`).
pub fn unauthorized(token_sent: bool) -> WireError {
    if token_sent {
        WireError::new(401, "app.session.unauthenticated", "unauthenticated")
    } else {
        WireError::new(
            401,
            "api.context.session_expired.app_error",
            "token not found",
        )
    }
}

/// A right on flows the user lacks: `api.context.permissions.app_error`,
/// `userId=…, permission=schema access=…` (webitel/engine `app/authentication.go`,
/// `MakePermissionError`; the access names are `create`, `read`, `update`, `delete`:
/// `pkg/wbt/auth_manager/permission.go`, `PermissionAccess.Name`).
pub fn forbidden(user_id: Option<i64>, access: &str) -> WireError {
    WireError::new(
        403,
        "api.context.permissions.app_error",
        format!(
            "userId={}, permission=schema access={access}",
            user_id.unwrap_or(0)
        ),
    )
}

/// An unknown `sort` column: the engine puts it into its `ORDER BY`, and PostgreSQL refuses
/// an unknown column; the store answers with the database's code, a 500
/// (webitel/engine `store/sqlstore/list_query.go`, `GetOrderBy`;
/// `flow_routing_scheme_store.go`, `GetAllPage` and `ListTags`). The exact detail is the
/// driver's message, approximated here.
pub fn unknown_sort(call: Call, column: &str) -> WireError {
    let id = if call == Call::Tags {
        "store.sql_routing_schema.tag_list.app_error"
    } else {
        "store.sql_routing_schema.get_all.app_error"
    };
    WireError::new(500, id, format!("pq: column \"{column}\" does not exist"))
}

/// No such route of the engine's API (our own extensions among them). The gateway's answer is
/// not in any public source: a 404 in the engine's shape.
pub fn no_route() -> WireError {
    WireError::new(404, "api.http.not_found", "Not Found")
}

/// The access name in our 403's detail (`this needs the schema permission "read"`).
fn access_in(detail: &str) -> &str {
    detail
        .split('"')
        .nth(1)
        .filter(|name| ["create", "read", "update", "delete"].contains(name))
        .unwrap_or("read")
}

/// The value of our parameter error's detail (`sort="x": …`), when it is about `parameter`.
fn parameter_value<'a>(detail: &'a str, parameter: &str) -> Option<&'a str> {
    let rest = detail.strip_prefix(parameter)?.strip_prefix("=\"")?;
    rest.split('"').next()
}

/// Our server's refusal (`status`, body `ours`) of `call` as the engine's.
pub fn webitel_error(call: Call, status: u16, ours: &Value, context: &Context) -> WireError {
    let id = ours.get("id").and_then(Value::as_str).unwrap_or_default();
    let detail = ours
        .get("detail")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let flow_call = matches!(
        call,
        Call::Read | Call::Replace | Call::Patch | Call::Delete
    );
    match (status, id) {
        // The sign-in is the auth service's (not public): its refusals keep our words.
        (401, _) if call == Call::Login => WireError::new(status, id, detail),
        (401, _) => unauthorized(context.token_sent),
        (403, _) => forbidden(context.user_id, access_in(detail)),
        (404, "app.routing_schema.not_found") if flow_call => {
            not_found(context.flow_id.as_deref().unwrap_or_default())
        }
        (409, "app.routing_schema.name.exists") => {
            name_taken(context.name.as_deref().unwrap_or_default())
        }
        // Our lost-update refusal cannot happen without If-Match, which the double strips;
        // should it, it is no 409 of Webitel's.
        (409, _) => WireError::new(500, id, detail),
        (400, "app.request.parameter.invalid") if matches!(call, Call::Search | Call::Tags) => {
            match parameter_value(detail, "sort") {
                Some(value) => {
                    let column = value.trim_start_matches([' ', '+', '-']);
                    unknown_sort(call, column)
                }
                None => WireError::new(status, id, detail),
            }
        }
        _ => WireError::new(status, id, detail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(id: &str, detail: &str) -> Value {
        json!({"id": id, "code": 0, "status": "x", "detail": detail, "request_id": "r-1"})
    }

    /// Our refusal `{id, detail}` with `status` of `call`, knowing nothing of the request.
    fn refused(call: Call, status: u16, id: &str, detail: &str) -> WireError {
        webitel_error(call, status, &ours(id, detail), &Context::default())
    }

    #[test]
    fn the_body_is_the_engines_and_has_no_request_id() {
        let error = WireError::new(400, "a.b", "c");
        assert_eq!(
            error.body(),
            json!({"id": "a.b", "status": "Bad Request", "detail": "c", "code": 400})
        );
        let keys: Vec<String> = error.body().as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["id", "status", "detail", "code"]);
    }

    #[test]
    fn a_missing_flow_is_a_500_whose_body_says_404() {
        let context = Context {
            flow_id: Some("77".into()),
            ..Context::default()
        };
        for call in [Call::Read, Call::Replace, Call::Patch, Call::Delete] {
            let error = webitel_error(
                call,
                404,
                &ours("app.routing_schema.not_found", "flow id=77 not found"),
                &context,
            );
            assert_eq!((error.http_status, error.code), (500, 404));
            assert_eq!(
                error.body(),
                json!({"id": "store.sql_routing_schema.get.app_error", "status": "Not Found",
                       "detail": "Id=77, sql: no rows in result set", "code": 404})
            );
        }
    }

    #[test]
    fn a_taken_name_is_a_400() {
        let context = Context {
            name: Some("Inbound IVR".into()),
            ..Context::default()
        };
        let error = webitel_error(
            Call::Create,
            409,
            &ours(
                "app.routing_schema.name.exists",
                "name=\"Inbound IVR\" already exists",
            ),
            &context,
        );
        assert_eq!(error, name_taken("Inbound IVR"));
        assert_eq!(error.http_status, 400);
        assert_eq!(error.detail, "name=\"Inbound IVR\" already exists");
    }

    #[test]
    fn tokens_and_rights() {
        let no_token = ours("app.auth.unauthorized", "no access token: sign in first");
        assert_eq!(
            webitel_error(Call::Search, 401, &no_token, &Context::default()).id,
            "api.context.session_expired.app_error"
        );
        let sent = Context {
            token_sent: true,
            user_id: Some(4),
            ..Context::default()
        };
        assert_eq!(
            webitel_error(Call::Read, 401, &no_token, &sent).id,
            "app.session.unauthenticated"
        );
        let denied = webitel_error(
            Call::Delete,
            403,
            &ours(
                "app.permission.denied",
                "this needs the schema permission \"delete\"",
            ),
            &sent,
        );
        assert_eq!(
            denied.body(),
            json!({"id": "api.context.permissions.app_error", "status": "Forbidden",
                   "detail": "userId=4, permission=schema access=delete", "code": 403})
        );
        let login = refused(Call::Login, 401, "app.auth.login.invalid", "wrong");
        assert_eq!(login.id, "app.auth.login.invalid");
    }

    #[test]
    fn an_unknown_sort_is_a_database_error() {
        let parameter = |call, detail| refused(call, 400, "app.request.parameter.invalid", detail);
        let error = parameter(Call::Search, "sort=\"-bogus\": unknown sort field");
        assert_eq!(error.http_status, 500);
        assert_eq!(error.id, "store.sql_routing_schema.get_all.app_error");
        assert_eq!(error.detail, "pq: column \"bogus\" does not exist");
        let tags = parameter(Call::Tags, "sort=\"x\": tags sort only by name");
        assert_eq!(tags.id, "store.sql_routing_schema.tag_list.app_error");
        let page = parameter(Call::Search, "page=\"x\": expected a whole number");
        assert_eq!(
            (page.http_status, page.id.as_str()),
            (400, "app.request.parameter.invalid")
        );
    }

    #[test]
    fn other_refusals_keep_our_words_in_the_engines_shape() {
        let error = refused(
            Call::Create,
            400,
            "app.routing_schema.name.invalid",
            "name: too long",
        );
        assert_eq!(
            error.body(),
            json!({"id": "app.routing_schema.name.invalid", "status": "Bad Request",
                   "detail": "name: too long", "code": 400})
        );
        let stale = refused(
            Call::Replace,
            409,
            "app.routing_schema.update.conflict",
            "changed",
        );
        assert_eq!(stale.http_status, 500);
        assert_eq!(no_route().http_status, 404);
        assert_eq!(status_text(999), "");
    }
}
