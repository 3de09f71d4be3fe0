//! Who is signed in, read from either server's userinfo answer. Webitel's engine answers
//! `{dc, domain, user_id, name, username, preferred_username, scope: [{class, access, obac,
//! ...}], permissions: [{id, name, usage}], roles, ...}` (webitel/protos `swagger/api.json`,
//! `apiUserinfo` and `apiObjclass`), with proto3's zero values left out. Rights on flows come
//! from the `scope` entry of class `schema`: its `access` letters (`x` create, `r` read, `w`
//! update, `d` delete) when `obac` is on; every right when it is off; none without the entry.
//! Our server's answer (`user`, `domain`, `permissions` as names, `admin`) is read as well.

use crate::access::Permission;
use crate::api::{Session, UserRef};
use serde::Deserialize;
use serde_json::Value;
use thiserror::Error;

/// The object class of flows in Webitel's access control.
pub const FLOW_CLASS: &str = "schema";

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
    /// Ours: the rights on flows by name. Webitel's are objects, and say nothing of flows.
    #[serde(default)]
    permissions: Value,
    #[serde(default)]
    admin: bool,
}

/// The rights that a `schema` scope entry's `access` letters give.
fn rights_of(access: &str) -> Vec<Permission> {
    Permission::ALL
        .into_iter()
        .filter(|permission| {
            let letter = match permission {
                Permission::Create => 'x',
                Permission::Read => 'r',
                Permission::Update => 'w',
                Permission::Delete => 'd',
            };
            access.contains(letter)
        })
        .collect()
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
