//! Who may do what, on both engines: tokens (missing, unknown, expired, logged out), login,
//! userinfo, the role x endpoint permission matrix, domain isolation, user management, and the
//! error shape of unknown paths and wrong methods.

mod common;

use common::{test_settings, Api, Engine, Reply, TestServer};
use flow_model::contract::{
    API_BASE, CREATE_USER, FLOW_REFERENCES, FLOW_VERSIONS, LOGIN, LOGOUT, READ_FLOW,
    REFERENCE_USES, SEARCH_FLOWS, SEARCH_TAGS, TEXT_SEARCH, USED_OBJECTS, USERINFO,
};
use flow_model::Role;
use flow_server::state::Settings;
use flow_server::store::{now_millis, StoreOptions};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;

/// Where flows are searched (GET) and created (POST).
const FLOWS: &str = SEARCH_FLOWS.served_path;
const ALLOWED: StatusCode = StatusCode::OK;
const DENIED: StatusCode = StatusCode::FORBIDDEN;

/// Where one flow is read, replaced, patched and deleted.
fn flow_path(id: &str) -> String {
    READ_FLOW.served_path_for(id)
}

fn id_of(flow: &Value) -> &str {
    flow["id"].as_str().expect("id is a string")
}

/// The flow endpoints of the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Endpoint {
    Search,
    Read,
    Create,
    Put,
    Patch,
    Delete,
    Tags,
    Versions,
    References,
    Uses,
    Texts,
    Objects,
}

/// What each role gets from each endpoint: `[admin, editor, viewer]`.
const MATRIX: [(Endpoint, [StatusCode; 3]); 12] = [
    (Endpoint::Search, [ALLOWED, ALLOWED, ALLOWED]),
    (Endpoint::Read, [ALLOWED, ALLOWED, ALLOWED]),
    (Endpoint::Create, [ALLOWED, ALLOWED, DENIED]),
    (Endpoint::Put, [ALLOWED, ALLOWED, DENIED]),
    (Endpoint::Patch, [ALLOWED, ALLOWED, DENIED]),
    (Endpoint::Delete, [ALLOWED, DENIED, DENIED]),
    (Endpoint::Tags, [ALLOWED, ALLOWED, ALLOWED]),
    (Endpoint::Versions, [ALLOWED, ALLOWED, ALLOWED]),
    (Endpoint::References, [ALLOWED, ALLOWED, ALLOWED]),
    (Endpoint::Uses, [ALLOWED, ALLOWED, ALLOWED]),
    (Endpoint::Texts, [ALLOWED, ALLOWED, ALLOWED]),
    (Endpoint::Objects, [ALLOWED, ALLOWED, ALLOWED]),
];

const ROLES: [Role; 3] = [Role::Admin, Role::Editor, Role::Viewer];

impl Endpoint {
    /// Calls this endpoint on flow `id` with a valid body; `by` keeps created names unique.
    async fn call(self, api: &Api, id: &str, by: &str) -> Reply {
        let path = flow_path(id);
        match self {
            Self::Search => api.get(FLOWS).await,
            Self::Read => api.get(&path).await,
            Self::Create => {
                api.post(FLOWS, json!({"name": format!("created by {by}")}))
                    .await
            }
            Self::Put => {
                let body = json!({"name": format!("put by {by}"), "schema": [{"put": by}]});
                api.put(&path, body).await
            }
            Self::Patch => {
                let body = json!({"description": format!("patched by {by}")});
                api.patch(&path, body).await
            }
            Self::Delete => api.delete(&path).await,
            Self::Tags => api.get(SEARCH_TAGS.served_path).await,
            Self::Versions => api.get(&FLOW_VERSIONS.served_path_for(id)).await,
            Self::References => api.get(&FLOW_REFERENCES.served_path_for(id)).await,
            Self::Uses => {
                api.get(&format!("{}?kind=queue&key=1", REFERENCE_USES.served_path))
                    .await
            }
            Self::Texts => {
                api.get(&format!("{}?q=hello", TEXT_SEARCH.served_path))
                    .await
            }
            Self::Objects => {
                api.get(&format!("{}?kind=queue", USED_OBJECTS.served_path))
                    .await
            }
        }
    }

    /// The permission a denial names.
    fn needs(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Put | Self::Patch => "update",
            Self::Delete => "delete",
            Self::Search
            | Self::Read
            | Self::Tags
            | Self::Versions
            | Self::References
            | Self::Uses
            | Self::Texts
            | Self::Objects => "read",
        }
    }
}

/// Every call that needs a token: the flow endpoints, and userinfo, logout and user creation.
async fn every_protected_call(api: &Api, id: &str) -> Vec<(String, Reply)> {
    let mut replies = Vec::new();
    for (endpoint, _) in MATRIX {
        replies.push((
            format!("{endpoint:?}"),
            endpoint.call(api, id, "anyone").await,
        ));
    }
    let user = json!({"username": "eve", "password": "eve-password", "role": "viewer"});
    replies.push(("userinfo".into(), api.get(USERINFO.served_path).await));
    replies.push((
        "logout".into(),
        api.call(Method::POST, LOGOUT.served_path, None).await,
    ));
    replies.push((
        "users".into(),
        api.post(CREATE_USER.served_path, user).await,
    ));
    replies
}

/// A flow with a tag and one earlier version.
async fn flow_with_history(api: &Api, name: &str, tag: &str) -> Value {
    let body = json!({"name": name, "schema": [{"v": 1}], "tags": [{"name": tag}]});
    let flow = api.create_flow(body).await;
    let reply = api
        .patch(&flow_path(id_of(&flow)), json!({"schema": [{"v": 2}]}))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body
}

/// Everything a domain holds, as its admin sees it.
async fn snapshot(admin: &Api) -> Value {
    let fields = "fields=id&fields=name&fields=description&fields=schema&fields=updated_at";
    let flows = admin.get(&format!("{FLOWS}?size=1000&{fields}")).await.body;
    let tags = admin
        .get(&format!("{}?size=1000", SEARCH_TAGS.served_path))
        .await
        .body;
    json!({"flows": flows, "tags": tags})
}

fn with_token(server: &TestServer, token: &str) -> Api {
    Api {
        token: Some(token.to_owned()),
        ..server.anonymous()
    }
}

async fn missing_and_unknown_tokens_are_401_everywhere(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let flow = flow_with_history(&admin, "Guarded", "tag").await;
    let before = snapshot(&admin).await;
    let unknown = with_token(&server, &"0".repeat(64));
    let blank = with_token(&server, "   ");
    let callers = [
        (server.anonymous(), "no access token: sign in first"),
        (blank, "no access token: sign in first"),
        (unknown, "access token is unknown or expired: sign in again"),
    ];
    for (caller, reason) in callers {
        for (call, reply) in every_protected_call(&caller, id_of(&flow)).await {
            let detail = reply.expect_error(StatusCode::UNAUTHORIZED, "app.auth.unauthorized");
            assert_eq!(detail, reason, "{call}");
        }
    }
    // A bearer token is checked the same way.
    let bearer = server
        .anonymous()
        .call_with(
            Method::GET,
            FLOWS,
            None,
            &[("Authorization", "Bearer nope")],
        )
        .await;
    bearer.expect_error(StatusCode::UNAUTHORIZED, "app.auth.unauthorized");
    assert_eq!(snapshot(&admin).await, before, "nothing changed");
}

async fn expired_tokens_are_401_everywhere(engine: Engine) {
    let settings = Settings {
        token_lifetime_ms: 1,
        ..test_settings()
    };
    let server = TestServer::start_with(engine, settings, StoreOptions::default()).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    tokio::time::sleep(Duration::from_millis(20)).await;
    for (call, reply) in every_protected_call(&admin, "1").await {
        let detail = reply.expect_error(StatusCode::UNAUTHORIZED, "app.auth.unauthorized");
        assert_eq!(
            detail, "access token is unknown or expired: sign in again",
            "{call}"
        );
    }
}

async fn login_refuses_wrong_credentials_alike(engine: Engine) {
    let server = TestServer::start(engine).await;
    server.user("main", "admin", Role::Admin).await;
    server.user("acme", "ann", Role::Viewer).await;
    let attempts = [
        ("main", "admin", "wrong-password"),
        ("main", "admin", "Admin-password"),
        ("main", "nobody", "admin-password"),
        ("main", "Admin", "admin-password"),
        ("nowhere", "admin", "admin-password"),
        ("acme", "admin", "admin-password"),
        ("main", "ann", "ann-password"),
        ("main", "admin", ""),
    ];
    for (domain, username, password) in attempts {
        let body = json!({"domain": domain, "username": username, "password": password});
        let reply = server.anonymous().post(LOGIN.served_path, body).await;
        let detail = reply.expect_error(StatusCode::UNAUTHORIZED, "app.auth.login.invalid");
        assert_eq!(
            detail, "username, password or domain is wrong",
            "{domain}/{username}"
        );
    }
    // Without `domain`, the domain follows the `@` of the username (Webitel's sign-in page);
    // with one, the username is the login as it is.
    for (body, signed_in) in [
        (
            json!({"username": "admin", "password": "admin-password"}),
            false,
        ),
        (
            json!({"username": "admin@", "password": "admin-password"}),
            false,
        ),
        (
            json!({"username": "admin@main", "password": "admin-password", "domain": "main"}),
            false,
        ),
        (
            json!({"username": " admin@main ", "password": "admin-password"}),
            true,
        ),
        (
            json!({"username": "admin@main", "password": "admin-password", "domain": " "}),
            true,
        ),
    ] {
        let reply = server
            .anonymous()
            .post(LOGIN.served_path, body.clone())
            .await;
        if signed_in {
            assert_eq!(reply.status, StatusCode::OK, "{body}: {}", reply.body);
            assert_eq!(reply.body["domain"], "main");
        } else {
            reply.expect_error(StatusCode::UNAUTHORIZED, "app.auth.login.invalid");
        }
    }

    // The right credentials (around spaces in domain and username) give a working token.
    let before = now_millis();
    let body = json!({"domain": " main ", "username": " admin", "password": "admin-password"});
    let reply = server.anonymous().post(LOGIN.served_path, body).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let token = reply.body["access_token"].as_str().unwrap();
    assert!(
        token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()),
        "{token}"
    );
    let expires_at: i64 = reply.body["expires_at"].as_str().unwrap().parse().unwrap();
    let lifetime = test_settings().token_lifetime_ms;
    assert!((before + lifetime..=now_millis() + lifetime).contains(&expires_at));
    let info = with_token(&server, token).get(USERINFO.served_path).await;
    assert_eq!(info.status, StatusCode::OK);
    // The sign-in answers the token and what userinfo says with it.
    let mut signed_in = reply.body.clone();
    signed_in.as_object_mut().unwrap().remove("access_token");
    assert_eq!(signed_in, info.body);
}

async fn logout_invalidates_only_that_token(engine: Engine) {
    let server = TestServer::start(engine).await;
    let first = server.user("main", "admin", Role::Admin).await;
    let second = server.login("main", "admin", "admin-password").await;
    let third = server.login("main", "admin", "admin-password").await;
    let reply = first.call(Method::POST, LOGOUT.served_path, None).await;
    assert_eq!((reply.status, &reply.body), (StatusCode::OK, &json!({})));
    for endpoint in [USERINFO.served_path, FLOWS] {
        let reply = first.get(endpoint).await;
        reply.expect_error(StatusCode::UNAUTHORIZED, "app.auth.unauthorized");
    }
    assert_eq!(
        second.get(USERINFO.served_path).await.status,
        StatusCode::OK
    );

    // A token sent as a bearer token is the one logged out.
    let bearer = |path: &str, method: Method| {
        let header = format!("Bearer {}", third.token.as_deref().unwrap());
        let anonymous = server.anonymous();
        let path = path.to_owned();
        async move {
            let headers = [("Authorization", header.as_str())];
            anonymous.call_with(method, &path, None, &headers).await
        }
    };
    assert_eq!(
        bearer(USERINFO.served_path, Method::GET).await.status,
        StatusCode::OK
    );
    assert_eq!(
        bearer(LOGOUT.served_path, Method::POST).await.status,
        StatusCode::OK
    );
    let after = bearer(USERINFO.served_path, Method::GET).await;
    after.expect_error(StatusCode::UNAUTHORIZED, "app.auth.unauthorized");
    third
        .get(USERINFO.served_path)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "app.auth.unauthorized");
    assert_eq!(
        second.get(USERINFO.served_path).await.status,
        StatusCode::OK
    );
}

/// Webitel's global permissions of a domain admin.
fn admin_permissions() -> Value {
    json!([
        {"id": "add", "name": "Create", "usage": "Grants permission to create any objects"},
        {"id": "read", "name": "Select", "usage": "Grants permission to select any objects"},
        {"id": "write", "name": "Update", "usage": "Grants permission to modify any objects"},
        {"id": "delete", "name": "Delete", "usage": "Grants permission to remove any objects"}
    ])
}

/// The decimal string `info[key]` holds, as a number.
fn int64_in(info: &Value, key: &str) -> i64 {
    let text = info[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key}: {info}"));
    text.parse().unwrap_or_else(|_| panic!("{key}: {text}"))
}

async fn userinfo_shows_user_domain_and_permissions(engine: Engine) {
    let server = TestServer::start(engine).await;
    let expected = [
        (Role::Admin, "xrwd", "1", admin_permissions(), true),
        (Role::Editor, "xrw", "2", json!([]), false),
        (Role::Viewer, "r", "3", json!([]), false),
    ];
    let lifetime = test_settings().token_lifetime_ms;
    let mut ids = std::collections::BTreeSet::new();
    let mut domain_ids = std::collections::BTreeSet::new();
    for (role, access, role_id, permissions, admin) in expected {
        let before = now_millis();
        let api = server.user("acme", role.as_str(), role).await;
        let info = api.get(USERINFO.served_path).await;
        assert_eq!(info.status, StatusCode::OK);
        let body = &info.body;
        let id = body["user_id"].as_str().unwrap().to_owned();
        assert!(id.parse::<i64>().is_ok(), "{id}");
        let updated_at = int64_in(body, "updated_at");
        assert!((before..=now_millis()).contains(&updated_at), "{body}");
        let expires_at = int64_in(body, "expires_at");
        assert!((before + lifetime..=now_millis() + lifetime).contains(&expires_at));
        let name = role.as_str();
        assert_eq!(
            body,
            &json!({"dc": body["dc"], "domain": "acme", "user_id": id, "name": name,
                    "username": name, "preferred_username": name,
                    "scope": [{"id": "1", "name": "Flow schemas", "class": "schema",
                               "obac": true, "rbac": false, "access": access}],
                    "roles": [{"id": role_id, "name": name}],
                    "permissions": permissions,
                    "updated_at": updated_at.to_string(), "expires_at": expires_at.to_string(),
                    "user": {"id": id, "name": name}, "admin": admin})
        );
        ids.insert(id);
        domain_ids.insert(int64_in(body, "dc"));
    }
    assert_eq!(ids.len(), 3, "three users");
    assert_eq!(domain_ids.len(), 1, "one domain");
    let other = server.user("main", "ann", Role::Viewer).await;
    let elsewhere = other.get(USERINFO.served_path).await.body;
    assert!(!domain_ids.contains(&int64_in(&elsewhere, "dc")));
}

async fn each_role_gets_exactly_its_permissions(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let mut callers = Vec::new();
    for role in ROLES {
        let name = format!("{role} user");
        callers.push((role, server.user("main", &name, role).await));
    }
    let shared = flow_with_history(&admin, "Shared", "shared").await;
    for (endpoint, statuses) in MATRIX {
        for ((role, caller), expected) in callers.iter().zip(statuses) {
            let id = if endpoint == Endpoint::Delete {
                let body = json!({"name": format!("doomed for {role}")});
                id_of(&admin.create_flow(body).await).to_owned()
            } else {
                id_of(&shared).to_owned()
            };
            let before = snapshot(&admin).await;
            let reply = endpoint.call(caller, &id, role.as_str()).await;
            let case = format!("{role} {endpoint:?}");
            if expected == DENIED {
                let detail = reply.expect_error(DENIED, "app.permission.denied");
                let needs = endpoint.needs();
                assert_eq!(
                    detail,
                    format!("this needs the schema permission {needs:?}"),
                    "{case}"
                );
                assert_eq!(snapshot(&admin).await, before, "{case} changed nothing");
            } else {
                assert_eq!(reply.status, expected, "{case}: {}", reply.body);
            }
        }
    }
    // What the allowed writes did, and the denied ones did not.
    let names: Vec<String> = admin.get(&format!("{FLOWS}?sort=name&size=100")).await.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        names,
        [
            "created by admin",
            "created by editor",
            "doomed for editor",
            "doomed for viewer",
            "put by editor"
        ]
    );
}

async fn other_domains_flows_answer_404_and_never_show(engine: Engine) {
    let server = TestServer::start(engine).await;
    let main = server.user("main", "admin", Role::Admin).await;
    let acme = server.user("acme", "admin", Role::Admin).await;
    let acme_viewer = server.user("acme", "viewer", Role::Viewer).await;
    let secret = flow_with_history(&acme, "Secret plan", "secret").await;
    let visible = main
        .create_flow(json!({"name": "Visible", "tags": [{"name": "public"}]}))
        .await;
    let id = id_of(&secret);
    let acme_before = snapshot(&acme).await;

    let etag = format!("\"{}\"", secret["updated_at"].as_str().unwrap());
    let attempts = [
        (Method::GET, flow_path(id), None),
        (Method::PUT, flow_path(id), Some(json!({"name": "Stolen"}))),
        (Method::PATCH, flow_path(id), Some(json!({"schema": []}))),
        (Method::DELETE, flow_path(id), None),
        (Method::GET, FLOW_VERSIONS.served_path_for(id), None),
        (Method::GET, FLOW_REFERENCES.served_path_for(id), None),
    ];
    for (method, path, body) in attempts {
        for if_match in [None, Some(etag.as_str()), Some("\"1\"")] {
            let headers: Vec<(&str, &str)> =
                if_match.map(|tag| ("If-Match", tag)).into_iter().collect();
            let reply = main
                .call_with(method.clone(), &path, body.clone(), &headers)
                .await;
            let detail = reply.expect_error(StatusCode::NOT_FOUND, "app.routing_schema.not_found");
            assert_eq!(detail, format!("flow id={id} not found"), "{method} {path}");
        }
    }

    let only_visible = json!([{"id": id_of(&visible), "name": "Visible", "editor": false,
                               "type": "default", "tags": [{"name": "public"}]}]);
    for query in [
        "".to_owned(),
        "q=*".to_owned(),
        "q=secret*".to_owned(),
        "name=Secret%20plan".to_owned(),
        format!("id={id}"),
        "tags=secret".to_owned(),
        "type=default".to_owned(),
    ] {
        let reply = main.get(&format!("{FLOWS}?{query}&size=1000")).await;
        let items = &reply.body["items"];
        let expected = if ["", "q=*", "type=default"].contains(&query.as_str()) {
            only_visible.clone()
        } else {
            json!([])
        };
        assert_eq!(items, &expected, "{query}");
    }
    for (query, expected) in [("", json!([{"name": "public"}])), ("q=secret", json!([]))] {
        let tags = main
            .get(&format!("{}?{query}", SEARCH_TAGS.served_path))
            .await;
        assert_eq!(
            tags.body,
            json!({"items": expected, "next": false}),
            "{query}"
        );
    }

    // The flow's own domain still has it as it was, and sees only its own.
    assert_eq!(snapshot(&acme).await, acme_before);
    assert_eq!(acme_viewer.get(&flow_path(id)).await.body, secret);
    let acme_visible = acme_viewer.get(&flow_path(id_of(&visible))).await;
    acme_visible.expect_error(StatusCode::NOT_FOUND, "app.routing_schema.not_found");
}

async fn only_admins_create_users_who_can_then_sign_in(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let editor = server.user("main", "editor", Role::Editor).await;
    let viewer = server.user("main", "viewer", Role::Viewer).await;
    let new_user = |username: &str, role: &str| json!({"username": username, "password": format!("{}-password", username.trim()), "role": role});

    for caller in [&editor, &viewer] {
        let reply = caller
            .post(CREATE_USER.served_path, new_user("mallory", "admin"))
            .await;
        let detail = reply.expect_error(StatusCode::FORBIDDEN, "app.permission.denied");
        assert_eq!(detail, "only a domain admin may manage users");
    }
    let mallory = json!({"domain": "main", "username": "mallory", "password": "mallory-password"});
    let refused = server.anonymous().post(LOGIN.served_path, mallory).await;
    refused.expect_error(StatusCode::UNAUTHORIZED, "app.auth.login.invalid");

    let reply = admin
        .post(CREATE_USER.served_path, new_user(" dave ", "editor"))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let id = reply.body["id"].as_str().unwrap();
    assert!(id.parse::<i64>().is_ok());
    assert_eq!(
        reply.body,
        json!({"id": id, "username": "dave", "role": "editor"})
    );

    // The new user signs in to the admin's domain only, with the role's permissions.
    let dave = server.login("main", "dave", "dave-password").await;
    let info = dave.get(USERINFO.served_path).await.body;
    assert_eq!(
        (&info["user"], &info["domain"], &info["admin"]),
        (
            &json!({"id": id, "name": "dave"}),
            &json!("main"),
            &json!(false)
        )
    );
    assert_eq!(
        (&info["scope"][0]["access"], &info["permissions"]),
        (&json!("xrw"), &json!([]))
    );
    let flow = dave.create_flow(json!({"name": "By dave"})).await;
    assert_eq!(flow["created_by"], json!({"id": id, "name": "dave"}));
    dave.delete(&flow_path(id_of(&flow)))
        .await
        .expect_error(StatusCode::FORBIDDEN, "app.permission.denied");
    dave.post(CREATE_USER.served_path, new_user("erin", "viewer"))
        .await
        .expect_error(StatusCode::FORBIDDEN, "app.permission.denied");
    let elsewhere = server
        .anonymous()
        .post(
            LOGIN.served_path,
            json!({"domain": "acme", "username": "dave", "password": "dave-password"}),
        )
        .await;
    elsewhere.expect_error(StatusCode::UNAUTHORIZED, "app.auth.login.invalid");

    // An admin made through the API manages users too.
    let reply = admin
        .post(CREATE_USER.served_path, new_user("frank", "admin"))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let frank = server.login("main", "frank", "frank-password").await;
    let reply = frank
        .post(CREATE_USER.served_path, new_user("grace", "viewer"))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        frank.get(USERINFO.served_path).await.body["permissions"],
        admin_permissions()
    );
    let grace = server.login("main", "grace", "grace-password").await;
    assert_eq!(
        grace.get(USERINFO.served_path).await.body["scope"][0]["access"],
        "r"
    );

    // Refused requests.
    let taken = admin
        .post(CREATE_USER.served_path, new_user("dave", "viewer"))
        .await;
    taken.expect_error(StatusCode::CONFLICT, "app.user.exists");
    let invalid = [
        (
            json!({"username": "  ", "password": "long-enough", "role": "viewer"}),
            "username",
        ),
        (
            json!({"username": "henry", "password": "short", "role": "viewer"}),
            "password",
        ),
    ];
    for (body, field) in invalid {
        let reply = admin.post(CREATE_USER.served_path, body).await;
        let id = reply.error_id().to_owned();
        assert!(id.ends_with(&format!(".{field}.invalid")), "{id}");
        let detail = reply.expect_error(StatusCode::BAD_REQUEST, &id);
        assert!(detail.starts_with(field), "{detail}");
    }
    let root = admin
        .post(CREATE_USER.served_path, new_user("ivan", "root"))
        .await;
    let detail = root.expect_error(StatusCode::BAD_REQUEST, "app.request.body.invalid");
    assert!(detail.contains("role: unknown variant `root`"), "{detail}");
}

async fn unknown_paths_and_wrong_methods_answer_in_the_error_shape(engine: Engine) {
    let server = TestServer::start(engine).await;
    let admin = server.user("main", "admin", Role::Admin).await;
    let flow = admin.create_flow(json!({"name": "Flow"})).await;
    let id = id_of(&flow);
    let not_found = [
        (Method::GET, format!("{API_BASE}/nope")),
        (Method::POST, format!("{API_BASE}/nope")),
        (Method::GET, format!("{API_BASE}/routing")),
        (Method::GET, format!("{FLOWS}s")),
        (
            Method::GET,
            format!("{}/1", FLOW_VERSIONS.served_path_for(id)),
        ),
        (Method::DELETE, format!("{}/tags/x", flow_path(id))),
    ];
    for caller in [&admin, &server.anonymous()] {
        for (method, path) in &not_found {
            let reply = caller.call(method.clone(), path, None).await;
            let detail = reply.expect_error(StatusCode::NOT_FOUND, "app.http.not_found");
            assert_eq!(detail, "no such API path", "{method} {path}");
        }
    }
    let wrong_method = [
        (Method::DELETE, FLOWS.to_owned()),
        (Method::PUT, FLOWS.to_owned()),
        (Method::POST, flow_path(id)),
        (Method::POST, FLOW_VERSIONS.served_path_for(id)),
        (Method::DELETE, SEARCH_TAGS.served_path.to_owned()),
        (Method::GET, LOGIN.served_path.to_owned()),
        (Method::GET, LOGOUT.served_path.to_owned()),
        (Method::DELETE, USERINFO.served_path.to_owned()),
        (Method::GET, CREATE_USER.served_path.to_owned()),
    ];
    for (method, path) in wrong_method {
        let reply = admin.call(method.clone(), &path, None).await;
        let detail = reply.expect_error(
            StatusCode::METHOD_NOT_ALLOWED,
            "app.http.method_not_allowed",
        );
        assert_eq!(
            detail, "this path does not take that method",
            "{method} {path}"
        );
    }
    // A request id the client sends is the one the error carries.
    let reply = admin
        .call_with(
            Method::GET,
            &format!("{API_BASE}/nope"),
            None,
            &[("x-request-id", "client-chosen-id")],
        )
        .await;
    reply.expect_error(StatusCode::NOT_FOUND, "app.http.not_found");
    assert_eq!(reply.body["request_id"], json!("client-chosen-id"));
    assert_eq!(
        admin.get(&flow_path(id)).await.body,
        flow,
        "nothing changed"
    );
}

on_both_engines!(
    missing_and_unknown_tokens_are_401_everywhere,
    expired_tokens_are_401_everywhere,
    login_refuses_wrong_credentials_alike,
    logout_invalidates_only_that_token,
    userinfo_shows_user_domain_and_permissions,
    each_role_gets_exactly_its_permissions,
    other_domains_flows_answer_404_and_never_show,
    only_admins_create_users_who_can_then_sign_in,
    unknown_paths_and_wrong_methods_answer_in_the_error_shape,
);
