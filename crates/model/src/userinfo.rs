//! Who is signed in: the userinfo answer, as our server writes it and as a client reads
//! either server's. Webitel's engine answers `{dc, domain, user_id, name, username,
//! preferred_username, scope: [{id, name, class, obac, rbac, access}], roles, permissions: [{id,
//! name, usage}], updated_at, expires_at}` (webitel/protos `swagger/api.json`, `apiUserinfo` and
//! `apiObjclass`), with proto3's zero values left out; ours is the same [`Userinfo`] plus our
//! `user` and `admin`. Rights on flows come from the `scope` entry of class `schema`: its
//! `access` letters (`x` create, `r` read, `w` update, `d` delete) when `obac` is on; every
//! right when it is off; none without the entry. An answer without `scope` (our server's
//! before it spoke Webitel's userinfo) gives them as names in `permissions`.

use crate::access::{Permission, Permissions, Role};
use crate::api::{GlobalPermission, Objclass, Session, UserRef, Userinfo};
use serde::Deserialize;
use serde_json::Value;
use thiserror::Error;

/// The object class of flows in Webitel's access control.
pub const FLOW_CLASS: &str = "schema";

/// The flow class's id in our catalogue, which has no other class. Webitel's ids are rows of
/// each domain's own class table (webitel/engine `store/sqlstore/call_store.go` joins
/// `directory.wbt_class c on c.dc = t.domain_id and c.name = 'calls'`), so no value of theirs
/// could be copied.
const FLOW_CLASS_ID: i64 = 1;

/// The flow class's display name: what Webitel's admin calls its section
/// (webitel/webitel-ui-sdk `src/locale/en/en.js`, `AdminSections.Flow`).
const FLOW_CLASS_NAME: &str = "Flow schemas";

/// The global permissions of a domain admin: create, select, update and remove any object,
/// past record-based access (ids, names and usages: webitel/chat_manager
/// `auth/permissions.go`; the engine reads the same ids: webitel/engine
/// `pkg/wbt/auth_manager/auth_connection.go`, `GetSession`). Other users hold none.
const ADMIN_PERMISSIONS: [(&str, &str, &str); 4] = [
    ("add", "Create", "Grants permission to create any objects"),
    ("read", "Select", "Grants permission to select any objects"),
    ("write", "Update", "Grants permission to modify any objects"),
    (
        "delete",
        "Delete",
        "Grants permission to remove any objects",
    ),
];

#[derive(Error, Debug, Clone, PartialEq, Eq)]
pub enum UserinfoError {
    #[error("the sign-in answer is not Webitel's userinfo: {0}")]
    NotUserinfo(String),
}

/// One object class the user has rights on.
#[derive(Deserialize, Default)]
struct Scope {
    #[serde(default)]
    class: String,
    #[serde(default)]
    access: String,
    #[serde(default)]
    obac: bool,
}

/// The parts of either answer that say who is signed in.
#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    domain: String,
    #[serde(default, deserialize_with = "crate::int64::option::deserialize")]
    user_id: Option<i64>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    preferred_username: String,
    /// Webitel's rights per object class.
    #[serde(default)]
    scope: Option<Vec<Scope>>,
    /// Ours: the user as other entities refer to it.
    #[serde(default)]
    user: Option<UserRef>,
    /// Webitel's global permissions (objects, saying nothing of flows); without `scope`, our
    /// older answer's rights on flows by name.
    #[serde(default)]
    permissions: Value,
    #[serde(default)]
    admin: bool,
}

/// The `access` letter of a right (webitel/engine `pkg/wbt/auth_manager/auth_connection.go`,
/// `parseAccess`; webitel/webitel-ui-sdk `src/modules/Userinfo/mappings/mappings.ts`,
/// `mapScopeClassAccessTokenToCrudAction`).
fn letter(permission: Permission) -> char {
    match permission {
        Permission::Create => 'x',
        Permission::Read => 'r',
        Permission::Update => 'w',
        Permission::Delete => 'd',
    }
}

/// The `access` letters of `rights`, in Webitel's order "[ CREATE | SELECT | UPDATE | DELETE ]"
/// (webitel/protos `swagger/api.json`, `apiObjclass.access`).
pub fn access_letters(rights: Permissions) -> String {
    rights.list().into_iter().map(letter).collect()
}

/// The rights that a `schema` scope entry's `access` letters give.
fn rights_of(access: &str) -> Vec<Permission> {
    Permission::ALL
        .into_iter()
        .filter(|permission| access.contains(letter(*permission)))
        .collect()
}

/// The `scope` of a user with `rights` on flows: the flow class with `obac` on (Webitel checks
/// the letters only then: webitel/engine `pkg/wbt/auth_manager/permission.go`, `CanRead` and
/// the rest) and `rbac` off (this server has no per-flow access; nor does the engine for
/// flows: `controller/flow_schema.go` asks the class only). Only a class with at least read is
/// listed (webitel/protos `webitel-go/auth.proto`, `Authorization.scope`).
fn scope_of(rights: Permissions) -> Vec<Objclass> {
    if !rights.contains(Permission::Read) {
        return Vec::new();
    }
    vec![Objclass {
        id: FLOW_CLASS_ID,
        name: FLOW_CLASS_NAME.to_owned(),
        class: FLOW_CLASS.to_owned(),
        obac: true,
        rbac: false,
        access: access_letters(rights),
    }]
}

/// The role that gives `rights` (and admin or not), as a reference: `{id, name}`, the id being
/// its place in [`Role::ALL`], from 1. A user whose rights no role gives has none.
fn roles_of(rights: Permissions, admin: bool) -> Vec<UserRef> {
    (1..)
        .zip(Role::ALL)
        .filter(|(_, role)| role.permissions() == rights && (*role == Role::Admin) == admin)
        .map(|(id, role)| UserRef {
            id,
            name: role.as_str().to_owned(),
        })
        .collect()
}

impl Userinfo {
    /// The userinfo of `user`, in the domain `domain` (id `dc`), with `rights` on flows and an
    /// admin of its domain or not. `updated_at` is when the user last changed and `expires_at`
    /// when its token expires, both epoch milliseconds. Webitel writes every time in
    /// milliseconds; `expires_at` ("unix" in webitel/protos `webitel-go/authz.proto`) is read
    /// as milliseconds by webitel/chat_manager (`auth/client.go`, `VerifyToken`: seconds left =
    /// `(ExpiresAt - now_ms) / 1000`) and as seconds by the engine
    /// (`pkg/wbt/auth_manager/session.go`, `IsExpired`), for which milliseconds only put the
    /// expiry later; seconds would make every token expired to the former.
    pub fn new(
        user: UserRef,
        dc: i64,
        domain: String,
        rights: Permissions,
        admin: bool,
        updated_at: i64,
        expires_at: i64,
    ) -> Self {
        let permissions = if admin { &ADMIN_PERMISSIONS[..] } else { &[] };
        Self {
            dc,
            domain,
            user_id: user.id,
            name: user.name.clone(),
            username: user.name.clone(),
            preferred_username: user.name.clone(),
            scope: scope_of(rights),
            roles: roles_of(rights, admin),
            permissions: permissions
                .iter()
                .map(|(id, name, usage)| GlobalPermission {
                    id: (*id).to_owned(),
                    name: (*name).to_owned(),
                    usage: (*usage).to_owned(),
                })
                .collect(),
            updated_at,
            expires_at,
            user,
            admin,
        }
    }
}

/// The session a userinfo answer describes.
pub fn session_of_userinfo(answer: Value) -> Result<Session, UserinfoError> {
    if !answer.is_object() {
        return Err(UserinfoError::NotUserinfo(format!("{answer}")));
    }
    let answer: Answer = serde_json::from_value(answer)
        .map_err(|error| UserinfoError::NotUserinfo(error.to_string()))?;
    let permissions = match &answer.scope {
        Some(scope) => match scope.iter().find(|entry| entry.class == FLOW_CLASS) {
            Some(entry) if !entry.obac => Permission::ALL.to_vec(),
            Some(entry) => rights_of(&entry.access),
            None => Vec::new(),
        },
        None => serde_json::from_value(answer.permissions).map_err(|_| {
            UserinfoError::NotUserinfo("no rights on flows (`scope`) in it".to_owned())
        })?,
    };
    let user = answer.user.unwrap_or_else(|| UserRef {
        id: answer.user_id.unwrap_or_default(),
        name: [answer.name, answer.preferred_username, answer.username]
            .into_iter()
            .find(|name| !name.is_empty())
            .unwrap_or_default(),
    });
    Ok(Session {
        user,
        domain: answer.domain,
        permissions,
        admin: answer.admin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Webitel's answer as proto3 JSON writes it: zero values left out.
    fn webitel(scope: Value) -> Value {
        json!({
            "dc": "1",
            "domain": "example.com",
            "user_id": "42",
            "name": "Ann Operator",
            "username": "ann",
            "preferred_username": "ann",
            "scope": scope,
            "permissions": [{"id": "playback_record_file", "name": "Playback record files", "usage": "read"}],
            "roles": [{"id": "2", "name": "supervisor"}],
            "expires_at": "1767225600000",
            "updated_at": "1764547200000"
        })
    }

    #[test]
    fn webitel_rights_on_flows_come_from_the_schema_scope_letters() {
        let session = session_of_userinfo(webitel(json!([
            {"id": "1", "class": "calendars", "name": "Calendars", "access": "xrwd", "obac": true},
            {"id": "2", "class": "schema", "name": "Flow schema", "access": "rw", "obac": true}
        ])))
        .unwrap();
        assert_eq!(
            session.permissions,
            vec![Permission::Read, Permission::Update]
        );
        assert_eq!(session.domain, "example.com");
        assert_eq!(
            session.user,
            UserRef {
                id: 42,
                name: "Ann Operator".into()
            }
        );
        assert!(!session.admin);
    }

    #[test]
    fn a_schema_scope_without_object_access_control_allows_everything() {
        // `obac: false` is a zero value, so proto3 leaves it out.
        let session =
            session_of_userinfo(webitel(json!([{"class": "schema", "access": "r"}]))).unwrap();
        assert_eq!(session.permissions, Permission::ALL.to_vec());
    }

    #[test]
    fn no_schema_scope_means_no_rights_on_flows() {
        let session =
            session_of_userinfo(webitel(json!([{"class": "calendars", "access": "xrwd"}])))
                .unwrap();
        assert!(session.permissions.is_empty());
        // Even an empty scope is left out by proto3.
        let mut answer = webitel(json!([]));
        answer["scope"] = json!([]);
        assert!(session_of_userinfo(answer).unwrap().permissions.is_empty());
    }

    #[test]
    fn every_letter_gives_its_right() {
        assert_eq!(rights_of("xrwd"), Permission::ALL.to_vec());
        assert_eq!(rights_of("x"), vec![Permission::Create]);
        assert_eq!(rights_of("d"), vec![Permission::Delete]);
        assert!(rights_of("").is_empty());
    }

    #[test]
    fn rights_are_written_as_the_same_letters() {
        assert_eq!(access_letters(Role::Admin.permissions()), "xrwd");
        assert_eq!(access_letters(Role::Editor.permissions()), "xrw");
        assert_eq!(access_letters(Role::Viewer.permissions()), "r");
        assert_eq!(access_letters(Permissions::NONE), "");
        for bits in 0..16 {
            let rights = Permissions::from_bits(bits);
            assert_eq!(rights_of(&access_letters(rights)), rights.list());
        }
    }

    fn ours(role: Role) -> Userinfo {
        let user = UserRef {
            id: 7,
            name: "ann".into(),
        };
        let admin = role == Role::Admin;
        Userinfo::new(
            user,
            3,
            "main".into(),
            role.permissions(),
            admin,
            1_000,
            2_000,
        )
    }

    #[test]
    fn our_answer_is_webitels_userinfo_plus_user_and_admin() {
        let written = serde_json::to_value(ours(Role::Admin)).unwrap();
        assert_eq!(
            written,
            json!({
                "dc": "3", "domain": "main", "user_id": "7", "name": "ann", "username": "ann",
                "preferred_username": "ann",
                "scope": [{"id": "1", "name": "Flow schemas", "class": "schema", "obac": true,
                           "rbac": false, "access": "xrwd"}],
                "roles": [{"id": "1", "name": "admin"}],
                "permissions": [
                    {"id": "add", "name": "Create", "usage": "Grants permission to create any objects"},
                    {"id": "read", "name": "Select", "usage": "Grants permission to select any objects"},
                    {"id": "write", "name": "Update", "usage": "Grants permission to modify any objects"},
                    {"id": "delete", "name": "Delete", "usage": "Grants permission to remove any objects"}
                ],
                "updated_at": "1000", "expires_at": "2000",
                "user": {"id": "7", "name": "ann"}, "admin": true
            })
        );
        assert_eq!(
            serde_json::from_value::<Userinfo>(written).unwrap(),
            ours(Role::Admin)
        );
    }

    #[test]
    fn other_roles_hold_no_global_permission_and_their_own_letters() {
        let editor = ours(Role::Editor);
        assert!(editor.permissions.is_empty());
        assert_eq!(editor.scope[0].access, "xrw");
        assert_eq!(
            editor.roles,
            [UserRef {
                id: 2,
                name: "editor".into()
            }]
        );
        assert_eq!(ours(Role::Viewer).scope[0].access, "r");
        // Rights no role gives: no role, and without read the class is not listed.
        let create_only = Userinfo::new(
            UserRef::default(),
            1,
            "main".into(),
            Permissions::NONE.with(Permission::Create),
            false,
            0,
            0,
        );
        assert!(create_only.roles.is_empty() && create_only.scope.is_empty());
    }

    #[test]
    fn our_answer_reads_back_as_the_session() {
        for role in Role::ALL {
            let session = session_of_userinfo(serde_json::to_value(ours(role)).unwrap()).unwrap();
            assert_eq!(
                session,
                Session {
                    user: UserRef {
                        id: 7,
                        name: "ann".into()
                    },
                    domain: "main".into(),
                    permissions: role.permissions().list(),
                    admin: role == Role::Admin,
                }
            );
        }
        let mut create_only = ours(Role::Viewer);
        create_only.scope.clear();
        let session = session_of_userinfo(serde_json::to_value(create_only).unwrap()).unwrap();
        assert!(session.permissions.is_empty());
    }

    #[test]
    fn a_user_without_a_display_name_is_called_by_their_login() {
        let answer = json!({"domain": "d", "user_id": "7", "username": "bob",
            "scope": [{"class": "schema", "access": "r", "obac": true}]});
        let session = session_of_userinfo(answer).unwrap();
        assert_eq!(session.user.name, "bob");
        assert_eq!(session.user.id, 7);
    }

    #[test]
    fn our_own_answer_is_read_too() {
        let ours = json!({
            "user": {"id": "3", "name": "admin"},
            "domain": "main",
            "permissions": ["create", "read", "update", "delete"],
            "admin": true
        });
        let session = session_of_userinfo(ours).unwrap();
        assert_eq!(session.permissions, Permission::ALL.to_vec());
        assert!(session.admin);
        assert_eq!(session.user.name, "admin");
    }

    #[test]
    fn something_else_is_said_to_be_no_userinfo() {
        assert!(session_of_userinfo(json!("<html>")).is_err());
        assert!(session_of_userinfo(json!({"hello": "world"})).is_err());
    }
}
