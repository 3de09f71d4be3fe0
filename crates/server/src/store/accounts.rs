//! Domains, users and access tokens.

use super::{flag, is_unique_violation, now_millis, Sql, Store};
use crate::error::{Error, Result};
use flow_model::Permissions;
use sqlx::Row;

/// A signed-in user, as a valid token identifies it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub user_id: i64,
    pub username: String,
    pub domain_id: i64,
    pub domain: String,
    pub permissions: Permissions,
    pub admin: bool,
    /// When the user was created (epoch ms); users never change after that.
    pub created_at: i64,
    /// When the token the account was found by expires (epoch ms); `None` when found by id.
    pub expires_at: Option<i64>,
}

/// A user to create; the password is already hashed.
pub struct NewUser<'a> {
    pub domain: &'a str,
    pub username: &'a str,
    pub password_hash: String,
    pub permissions: Permissions,
    pub admin: bool,
}

/// A user's stored credentials, for checking a login.
pub struct Credentials {
    pub user_id: i64,
    pub password_hash: String,
}

impl Store {
    pub async fn count_users(&self) -> Result<i64> {
        let row = Sql::new("SELECT COUNT(*) AS n FROM app_user")
            .fetch_optional(&self.pool)
            .await?;
        Ok(row
            .map(|row| row.try_get::<i64, _>("n"))
            .transpose()?
            .unwrap_or(0))
    }

    /// Creates the user, and its domain when it does not exist yet.
    pub async fn create_user(&self, user: NewUser<'_>) -> Result<i64> {
        self.write(async |tx| {
            let now = now_millis();
            let existing = {
                let mut sql = Sql::new("SELECT id FROM domain WHERE name = ");
                sql.bind(user.domain.to_owned());
                sql.fetch_optional(&mut *tx).await?
            };
            let domain_id: i64 = match existing {
                Some(row) => row.try_get("id")?,
                None => {
                    let mut sql = Sql::new("INSERT INTO domain (name, created_at) VALUES (");
                    sql.bind(user.domain.to_owned())
                        .push(", ")
                        .bind(now)
                        .push(") RETURNING id");
                    sql.fetch_optional(&mut *tx)
                        .await?
                        .ok_or_else(|| Error::Internal("domain insert returned nothing".into()))?
                        .try_get("id")?
                }
            };
            let mut sql = Sql::new(
                "INSERT INTO app_user (domain_id, username, password_hash, permissions, is_admin, created_at) VALUES (",
            );
            sql.bind(domain_id)
                .push(", ")
                .bind(user.username.to_owned())
                .push(", ")
                .bind(user.password_hash)
                .push(", ")
                .bind(i64::from(user.permissions.bits()))
                .push(", ")
                .bind(i64::from(user.admin))
                .push(", ")
                .bind(now)
                .push(") RETURNING id");
            let id = match sql.fetch_optional(&mut *tx).await {
                Ok(Some(row)) => row.try_get("id")?,
                Ok(None) => return Err(Error::Internal("user insert returned nothing".into())),
                Err(Error::Database(error)) if is_unique_violation(&error) => {
                    return Err(Error::UserExists(user.username.to_owned()))
                }
                Err(error) => return Err(error),
            };
            Ok(id)
        })
        .await
    }

    pub async fn credentials(&self, domain: &str, username: &str) -> Result<Option<Credentials>> {
        let mut sql = Sql::new(
            "SELECT u.id, u.password_hash FROM app_user u JOIN domain d ON d.id = u.domain_id \
             WHERE d.name = ",
        );
        sql.bind(domain.to_owned())
            .push(" AND u.username = ")
            .bind(username.to_owned());
        let Some(row) = sql.fetch_optional(&self.pool).await? else {
            return Ok(None);
        };
        Ok(Some(Credentials {
            user_id: row.try_get("id")?,
            password_hash: row.try_get("password_hash")?,
        }))
    }

    pub async fn insert_token(
        &self,
        token_hash: &str,
        user_id: i64,
        expires_at: i64,
    ) -> Result<()> {
        let _writer = self.writer().await;
        let now = now_millis();
        let mut purge = Sql::new("DELETE FROM access_token WHERE expires_at < ");
        purge.bind(now);
        purge
            .execute(&self.pool)
            .await
            .map_err(Error::from_database)?;
        let mut sql = Sql::new(
            "INSERT INTO access_token (token_hash, user_id, created_at, expires_at) VALUES (",
        );
        sql.bind(token_hash.to_owned())
            .push(", ")
            .bind(user_id)
            .push(", ")
            .bind(now)
            .push(", ")
            .bind(expires_at)
            .push(")");
        sql.execute(&self.pool)
            .await
            .map_err(Error::from_database)?;
        Ok(())
    }

    /// How many sign-ins failed for `subject` since `since`, and when the earliest of them
    /// did.
    pub async fn failures_since(&self, subject: &str, since: i64) -> Result<(i64, Option<i64>)> {
        let mut sql = Sql::new(
            "SELECT COUNT(*) AS failures, MIN(failed_at) AS earliest FROM login_failure WHERE subject = ",
        );
        sql.bind(subject.to_owned())
            .push(" AND failed_at >= ")
            .bind(since);
        match sql.fetch_optional(&self.pool).await? {
            Some(row) => Ok((row.try_get("failures")?, row.try_get("earliest")?)),
            None => Ok((0, None)),
        }
    }

    /// Counts a failed sign-in against each of `subjects`, and forgets failures from before
    /// `forget_before`.
    pub async fn record_failure(
        &self,
        subjects: &[String],
        at: i64,
        forget_before: i64,
    ) -> Result<()> {
        let _writer = self.writer().await;
        let mut purge = Sql::new("DELETE FROM login_failure WHERE failed_at < ");
        purge.bind(forget_before);
        purge
            .execute(&self.pool)
            .await
            .map_err(Error::from_database)?;
        for subject in subjects {
            let mut sql = Sql::new("INSERT INTO login_failure (subject, failed_at) VALUES (");
            sql.bind(subject.clone()).push(", ").bind(at).push(")");
            sql.execute(&self.pool)
                .await
                .map_err(Error::from_database)?;
        }
        Ok(())
    }

    pub async fn clear_failures(&self, subject: &str) -> Result<()> {
        let _writer = self.writer().await;
        let mut sql = Sql::new("DELETE FROM login_failure WHERE subject = ");
        sql.bind(subject.to_owned());
        sql.execute(&self.pool)
            .await
            .map_err(Error::from_database)?;
        Ok(())
    }

    /// Revokes every token of `user_id` (signed out everywhere); how many there were.
    pub async fn delete_tokens_of(&self, user_id: i64) -> Result<u64> {
        let _writer = self.writer().await;
        let mut sql = Sql::new("DELETE FROM access_token WHERE user_id = ");
        sql.bind(user_id);
        sql.execute(&self.pool).await.map_err(Error::from_database)
    }

    pub async fn delete_token(&self, token_hash: &str) -> Result<()> {
        let _writer = self.writer().await;
        let mut sql = Sql::new("DELETE FROM access_token WHERE token_hash = ");
        sql.bind(token_hash.to_owned());
        sql.execute(&self.pool)
            .await
            .map_err(Error::from_database)?;
        Ok(())
    }

    /// The account behind an unexpired token.
    pub async fn account_for_token(&self, token_hash: &str) -> Result<Option<Account>> {
        self.account_where("t.token_hash = ", token_hash.to_owned(), true)
            .await
    }

    pub async fn account(&self, user_id: i64) -> Result<Option<Account>> {
        self.account_where("u.id = ", user_id, false).await
    }

    async fn account_where<T>(
        &self,
        condition: &str,
        value: T,
        via_token: bool,
    ) -> Result<Option<Account>>
    where
        T: 'static + Send + sqlx::Encode<'static, sqlx::Any> + sqlx::Type<sqlx::Any>,
    {
        let mut sql = Sql::new(
            "SELECT u.id, u.username, u.permissions, u.is_admin, u.created_at, \
             d.id AS domain_id, d.name AS domain",
        );
        if via_token {
            sql.push(", t.expires_at");
        }
        sql.push(" FROM app_user u JOIN domain d ON d.id = u.domain_id ");
        if via_token {
            sql.push("JOIN access_token t ON t.user_id = u.id ");
        }
        sql.push("WHERE ").push(condition).bind(value);
        if via_token {
            sql.push(" AND t.expires_at > ").bind(now_millis());
        }
        let Some(row) = sql.fetch_optional(&self.pool).await? else {
            return Ok(None);
        };
        let bits: i64 = row.try_get("permissions")?;
        Ok(Some(Account {
            user_id: row.try_get("id")?,
            username: row.try_get("username")?,
            domain_id: row.try_get("domain_id")?,
            domain: row.try_get("domain")?,
            permissions: Permissions::from_bits(bits as u8),
            admin: flag(&row, "is_admin")?,
            created_at: row.try_get("created_at")?,
            expires_at: if via_token {
                Some(row.try_get("expires_at")?)
            } else {
                None
            },
        }))
    }
}
