//! Permissions on the `schema` object class, as Webitel encodes them (bits 8, 4, 2, 1).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Permission {
    Create,
    Read,
    Update,
    Delete,
}

impl Permission {
    pub const ALL: [Permission; 4] = [Self::Create, Self::Read, Self::Update, Self::Delete];

    pub const fn bit(self) -> u8 {
        match self {
            Self::Create => 8,
            Self::Read => 4,
            Self::Update => 2,
            Self::Delete => 1,
        }
    }
}

/// A set of [`Permission`]s, stored as Webitel's bit mask.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Permissions(u8);

impl Permissions {
    pub const NONE: Self = Self(0);
    pub const ALL: Self = Self(15);

    pub fn from_bits(bits: u8) -> Self {
        Self(bits & 15)
    }

    pub fn bits(self) -> u8 {
        self.0
    }

    pub fn contains(self, permission: Permission) -> bool {
        self.0 & permission.bit() != 0
    }

    pub fn with(self, permission: Permission) -> Self {
        Self(self.0 | permission.bit())
    }

    pub fn list(self) -> Vec<Permission> {
        Permission::ALL
            .into_iter()
            .filter(|p| self.contains(*p))
            .collect()
    }
}

impl FromIterator<Permission> for Permissions {
    fn from_iter<I: IntoIterator<Item = Permission>>(iter: I) -> Self {
        iter.into_iter().fold(Self::NONE, Self::with)
    }
}

/// Shortcuts for the usual permission sets; an admin also manages users of its domain.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything, including deleting flows and managing users.
    Admin,
    /// Create, read and update flows; no deletion.
    Editor,
    /// Read only.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 3] = [Self::Admin, Self::Editor, Self::Viewer];

    pub fn permissions(self) -> Permissions {
        match self {
            Self::Admin => Permissions::ALL,
            Self::Editor => [Permission::Create, Permission::Read, Permission::Update]
                .into_iter()
                .collect(),
            Self::Viewer => Permissions::NONE.with(Permission::Read),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Editor => "editor",
            Self::Viewer => "viewer",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|role| role.as_str() == text)
            .ok_or_else(|| format!("unknown role {text:?}: expected admin, editor or viewer"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_map_to_webitel_bits() {
        assert_eq!(Role::Admin.permissions().bits(), 15);
        assert_eq!(Role::Editor.permissions().bits(), 14);
        assert_eq!(Role::Viewer.permissions().bits(), 4);
        assert!(!Role::Editor.permissions().contains(Permission::Delete));
    }

    #[test]
    fn lists_permissions_in_a_stable_order() {
        assert_eq!(
            Permissions::from_bits(5).list(),
            vec![Permission::Read, Permission::Delete]
        );
        assert_eq!(Permissions::from_bits(0xff), Permissions::ALL);
    }

    #[test]
    fn parses_role_names() {
        assert_eq!("viewer".parse::<Role>(), Ok(Role::Viewer));
        assert!("root".parse::<Role>().unwrap_err().contains("unknown role"));
    }
}
