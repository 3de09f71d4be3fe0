//! Who is calling: passwords (Argon2), opaque access tokens (random, stored as SHA-256), and the
//! [`Account`] extractor that every API handler takes.

use crate::error::{Error, Result, NO_TOKEN, UNKNOWN_TOKEN};
use crate::state::AppState;
use crate::store::Account;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use flow_model::contract::ACCESS_HEADER;
use flow_model::Permission;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| Error::Internal(format!("password hashing: {error}")))
}

/// Checks a password against a stored hash; a missing user is checked against a dummy hash so
/// that the answer takes as long either way.
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let hash = stored
        .unwrap_or_else(|| DUMMY.get_or_init(|| hash_password("no such user").unwrap_or_default()));
    let Ok(hash) = PasswordHash::new(hash) else {
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &hash)
        .is_ok()
        && stored.is_some()
}

/// A new random token (256 bits, hex).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// How a token is stored: a leaked table gives no usable tokens.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A random password for the first admin.
pub fn new_password() -> String {
    let mut bytes = [0u8; 12];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The access token a request carries: `X-Webitel-Access`, or `Authorization: Bearer`.
pub(crate) fn token_from(headers: &HeaderMap) -> Option<&str> {
    let header = |name| headers.get(name).and_then(|value| value.to_str().ok());
    header(ACCESS_HEADER)
        .or_else(|| header("authorization").and_then(|value| value.strip_prefix("Bearer ")))
        .map(str::trim)
        .filter(|token| !token.is_empty())
}

impl FromRequestParts<AppState> for Account {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let token = token_from(&parts.headers).ok_or(Error::Unauthorized(NO_TOKEN))?;
        state
            .store
            .account_for_token(&token_hash(token))
            .await?
            .ok_or(Error::Unauthorized(UNKNOWN_TOKEN))
    }
}

impl Account {
    /// Fails with 403 unless the account holds every one of `needed`.
    pub fn require(&self, needed: &[Permission]) -> Result<()> {
        match needed
            .iter()
            .find(|permission| !self.permissions.contains(**permission))
        {
            Some(missing) => Err(Error::Forbidden(match missing {
                Permission::Create => "create",
                Permission::Read => "read",
                Permission::Update => "update",
                Permission::Delete => "delete",
            })),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_hash() {
        let hash = hash_password("s3cret").unwrap();
        assert!(verify_password("s3cret", Some(&hash)));
        assert!(!verify_password("S3cret", Some(&hash)));
        assert!(!verify_password("s3cret", None));
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), a);
    }
}
