//! Signing in and who is signed in: `POST /login` and `GET /userinfo`.

use super::omit_zero_values;
use flow_model::userinfo::access_letters;
use flow_model::{Permission, Session};
use serde_json::{json, Map, Value};

/// The token type the answer names. `AccessToken.token_type` is REQUIRED there
/// (webitel/protos `webitel-go/oauth2.proto`), but its value is in no public source:
/// OAuth 2.0's usual `bearer` (the value is case-insensitive).
pub const TOKEN_TYPE: &str = "bearer";

/// A Webitel sign-in body as our server takes it: `{username, password, domain}`.
///
/// Webitel's sign-in page sends `{username, password}` with the domain inside the username,
/// `user@domain`, and refuses a login that is not exactly one `@` between a login and a domain
/// (webitel/web-client-auth `src/stores/auth.ts`, `login`; `src/validations/validators.ts`,
/// `loginValidator`; `src/components/login/utils/login-form-fields.vue`, `getDomain` takes what
/// follows the `@`). The request message also has a `domain` of its own (webitel/protos
/// `webitel-go/auth.proto`, `LoginRequest`). So: a username with an `@` is split at it;
/// otherwise the body's `domain`; otherwise `default_domain`. What the auth service does with
/// a username without `@` and no domain is in no public source (the service is not public):
/// without a default domain the double sends an empty domain, and our server refuses it.
pub fn login_request(body: &Value, default_domain: Option<&str>) -> Value {
    let text = |key: &str| body.get(key).and_then(Value::as_str).unwrap_or_default();
    let (username, domain) = match text("username").split_once('@') {
        Some((username, domain)) => (username, domain),
        None => {
            let domain = match text("domain") {
                "" => default_domain.unwrap_or_default(),
                domain => domain,
            };
            (text("username"), domain)
        }
    };
    json!({"username": username, "password": text("password"), "domain": domain})
}

/// Our sign-in answer (`{access_token, …}` and our userinfo, `expires_at` in epoch ms) as
/// Webitel's: the token only, OAuth 2.0 style, `{access_token, token_type, expires_in}`
/// (webitel/protos `swagger/api.json`, `apiAccessToken`, "OAuth 2.0 Access Token Response
/// compatible"; webitel/web-client-auth `src/api/auth/auth.ts` reads `accessToken` off the
/// answer and nothing else). `expires_in` is seconds from `now_ms`; `refresh_token` and
/// `state` are empty, so left out.
pub fn login_answer(ours: &Value, now_ms: i64) -> Value {
    let expires_at = ours.get("expires_at").and_then(|value| match value {
        Value::String(text) => text.parse::<i64>().ok(),
        other => other.as_i64(),
    });
    let expires_in =
        expires_at.map_or(0, |at| ((at - now_ms) / 1000).clamp(0, i64::from(i32::MAX)));
    let mut answer = json!({
        "access_token": ours.get("access_token").cloned().unwrap_or(Value::Null),
        "token_type": TOKEN_TYPE,
        "expires_in": expires_in,
    });
    omit_zero_values(&mut answer);
    answer
}

/// Our userinfo (`Session`) as Webitel's `apiUserinfo`, in its field order (webitel/protos
/// `webitel-go/authz.proto`, `Userinfo`: dc, domain, user_id, name, username,
/// preferred_username, extension, chat_name, scope, roles, license, permissions, updated_at,
/// expires_at; written under the proto names, as `swagger/api.json` lists them).
///
/// - `scope`: one entry of class `schema` with the user's letters (`x` create, `r` read, `w`
///   update, `d` delete: [`access_letters`]) and `obac` on (the engine
///   checks the letters only when `obac` or `rbac` is on and grants everything otherwise:
///   webitel/engine `pkg/wbt/auth_manager/permission.go`, `CanRead` and the rest). Only a
///   class with at least read is listed ("object class(es) on which at least SELECT privilege
///   is granted": webitel/protos `webitel-go/auth.proto`, `Authorization.scope`), and a class
///   that is not listed allows nothing (`session.go`, `GetPermission` gives
///   `NotAllowPermission`). The entry's `id` and display `name` are Webitel's catalogue's and
///   in no public source: left out.
/// - `dc` is the domain's component id, which our server does not expose: `dc` is the number
///   the double gives the domain (1, 2, … in order of first sight), stable while it runs.
/// - `name`, `username` and `preferred_username` all carry our user's one name.
/// - `expires_at` is "unix" (webitel/protos `swagger/api.json`) in epoch milliseconds, as our
///   server writes it: webitel/chat_manager (`auth/client.go`, `VerifyToken`) reads it so, and
///   the engine, which reads seconds (`pkg/wbt/auth_manager/session.go`, `IsExpired`), only
///   sees a later expiry (the reasoning: `flow_model::Userinfo::new`). The double knows it for
///   tokens it signed in itself (`expires_at_ms`), and leaves it out otherwise.
/// - Our `admin` and `user` are not Webitel's and are not sent. Global `permissions`, `roles`
///   and `license` are left out: our server lists a domain admin's `add`/`read`/`write`/
///   `delete` and a role, but what Webitel's auth service (not public) lists is in no source.
pub fn userinfo(session: &Session, dc: i64, expires_at_ms: Option<i64>) -> Value {
    let mut info = Map::new();
    info.insert("dc".into(), Value::String(dc.to_string()));
    info.insert("domain".into(), Value::String(session.domain.clone()));
    info.insert("user_id".into(), Value::String(session.user.id.to_string()));
    for key in ["name", "username", "preferred_username"] {
        info.insert(key.into(), Value::String(session.user.name.clone()));
    }
    let scope = if session.permissions.contains(&Permission::Read) {
        vec![json!({
            "class": "schema",
            "obac": true,
            "access": access_letters(session.permissions.iter().copied().collect()),
        })]
    } else {
        Vec::new()
    };
    info.insert("scope".into(), Value::Array(scope));
    if let Some(expires_at_ms) = expires_at_ms {
        info.insert(
            "expires_at".into(),
            Value::String(expires_at_ms.to_string()),
        );
    }
    let mut info = Value::Object(info);
    omit_zero_values(&mut info);
    info
}

#[cfg(test)]
mod tests {
    use super::*;
    use flow_model::{Role, UserRef};

    fn session(role: Role) -> Session {
        Session {
            user: UserRef {
                id: 3,
                name: "ann".into(),
            },
            domain: "main".into(),
            permissions: role.permissions().list(),
            admin: role == Role::Admin,
        }
    }

    #[test]
    fn the_username_carries_the_domain() {
        let body = json!({"username": "ann@main", "password": "p"});
        assert_eq!(
            login_request(&body, Some("other")),
            json!({"username": "ann", "password": "p", "domain": "main"})
        );
        let explicit = json!({"username": "ann", "password": "p", "domain": "sales"});
        assert_eq!(login_request(&explicit, Some("other"))["domain"], "sales");
        let bare = json!({"username": "ann", "password": "p"});
        assert_eq!(login_request(&bare, Some("main"))["domain"], "main");
        assert_eq!(login_request(&bare, None)["domain"], "");
        assert_eq!(
            login_request(&json!({}), None),
            json!({"username": "", "password": "", "domain": ""})
        );
    }

    #[test]
    fn the_sign_in_answers_the_token_only() {
        let ours = json!({"access_token": "t0k", "expires_at": "1003600500",
                          "user": {"id": "3", "name": "ann"}, "domain": "main",
                          "permissions": ["read"], "admin": false});
        assert_eq!(
            login_answer(&ours, 1_000_000_000),
            json!({"access_token": "t0k", "token_type": "bearer", "expires_in": 3600})
        );
        let expired = json!({"access_token": "t0k", "expires_at": 5});
        assert_eq!(
            login_answer(&expired, 1_000_000),
            json!({"access_token": "t0k", "token_type": "bearer"})
        );
    }

    #[test]
    fn userinfo_is_webitels_shape() {
        let info = userinfo(&session(Role::Admin), 1, Some(1_700_000_000_999));
        assert_eq!(
            info,
            json!({"dc": "1", "domain": "main", "user_id": "3", "name": "ann",
                   "username": "ann", "preferred_username": "ann",
                   "scope": [{"class": "schema", "obac": true, "access": "xrwd"}],
                   "expires_at": "1700000000999"})
        );
        let keys: Vec<String> = info.as_object().unwrap().keys().cloned().collect();
        assert_eq!(
            keys,
            [
                "dc",
                "domain",
                "user_id",
                "name",
                "username",
                "preferred_username",
                "scope",
                "expires_at"
            ]
        );
        assert!(info.get("admin").is_none() && info.get("permissions").is_none());
        let viewer = userinfo(&session(Role::Viewer), 2, None);
        assert_eq!(viewer["scope"][0]["access"], "r");
        assert!(viewer.get("expires_at").is_none());
    }

    #[test]
    fn a_class_without_read_is_not_listed() {
        let mut create_only = session(Role::Viewer);
        create_only.permissions = vec![Permission::Create];
        assert!(userinfo(&create_only, 1, None).get("scope").is_none());
    }
}
