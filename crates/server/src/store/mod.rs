//! Storage: one code path over SQLite (the default, an embedded file) and PostgreSQL (for
//! several stateless servers behind a balancer), through sqlx's `Any` driver. Queries use
//! `$n` placeholders in increasing order, which both engines read the same way.

mod accounts;
mod flows;
pub mod synthetic;

pub use accounts::{Account, NewUser};
pub use flows::FlowContent;

use crate::error::{Error, Result};
use flow_model::query::Paging;
use sqlx::any::{AnyArguments, AnyPoolOptions, AnyRow};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Arguments, Encode, Executor, Type};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::{Mutex, MutexGuard};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Tuning that does not change what is stored.
#[derive(Clone, Debug)]
pub struct StoreOptions {
    pub max_connections: u32,
    /// How many earlier versions of each flow are kept.
    pub versions_kept: i64,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            max_connections: 16,
            versions_kept: 100,
        }
    }
}

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    options: StoreOptions,
    /// SQLite takes one writer at a time; queueing writers here, instead of letting them race
    /// for the file lock, turns contention into waiting rather than "database is locked".
    sqlite_writer: Option<Arc<Mutex<()>>>,
}

/// Turns a bare path or a `sqlite:` URL into one that creates the file when missing.
fn sqlite_url(url: &str) -> String {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let (path, params) = path.split_once('?').unwrap_or((path, ""));
    let params = if params.contains("mode=") {
        params.to_owned()
    } else if params.is_empty() {
        "mode=rwc".to_owned()
    } else {
        format!("{params}&mode=rwc")
    };
    format!("sqlite://{path}?{params}")
}

fn sqlite_file(url: &str) -> Option<&Path> {
    let path = url.strip_prefix("sqlite://")?.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then(|| Path::new(path))
}

impl Store {
    /// Connects to `postgres://…` or to a SQLite file (`sqlite://path` or a plain path), and
    /// brings the schema up to date.
    pub async fn open(url: &str, options: StoreOptions) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        };
        let url = match backend {
            Backend::Postgres => url.to_owned(),
            Backend::Sqlite => sqlite_url(url),
        };
        if let Some(parent) = sqlite_file(&url).and_then(Path::parent) {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).map_err(|error| {
                    Error::Internal(format!("cannot create {}: {error}", parent.display()))
                })?;
            }
        }
        let pool_options = AnyPoolOptions::new()
            .max_connections(options.max_connections)
            // A ping before every use costs a round trip per request; a connection that
            // broke meanwhile fails its one query (a clean 503) and is dropped instead.
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(5));
        let pool_options = match backend {
            Backend::Postgres => pool_options,
            Backend::Sqlite => pool_options.after_connect(|connection, _| {
                Box::pin(async move {
                    for pragma in [
                        "PRAGMA foreign_keys = ON",
                        "PRAGMA busy_timeout = 10000",
                        // Every acknowledged write survives a crash, the process's or the machine's.
                        "PRAGMA synchronous = FULL",
                        // Reads served from memory: a 64 MiB page cache and the file mapped.
                        "PRAGMA cache_size = -65536",
                        "PRAGMA mmap_size = 268435456",
                    ] {
                        connection.execute(pragma).await?;
                    }
                    Ok(())
                })
            }),
        };
        let pool = pool_options
            .connect(&url)
            .await
            .map_err(Error::from_database)?;
        let store = Self {
            pool,
            backend,
            options,
            sqlite_writer: (backend == Backend::Sqlite).then(|| Arc::new(Mutex::new(()))),
        };
        store.migrate().await?;
        store.rebuild_derived().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<()> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::query("PRAGMA journal_mode = WAL")
                    .execute(&self.pool)
                    .await?;
                SQLITE_MIGRATIONS.run(&self.pool).await?;
            }
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Is the database answering?
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map_err(Error::from_database)?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Waits for the right to write (SQLite only; PostgreSQL writers run side by side).
    async fn writer(&self) -> Option<MutexGuard<'_, ()>> {
        match &self.sqlite_writer {
            Some(lock) => Some(lock.lock().await),
            None => None,
        }
    }

    /// Runs `body` as one transaction, holding the right to write, and commits it. A failed
    /// transaction is rolled back before the next writer may start: SQLite keeps a transaction
    /// open after a full disk (even when COMMIT is what failed), and the lock it holds would
    /// make every later write wait and fail.
    async fn write<T>(&self, body: impl AsyncFnOnce(&mut AnyConnection) -> Result<T>) -> Result<T> {
        let _writer = self.writer().await;
        let mut open = OpenTransaction {
            connection: self.pool.acquire().await.map_err(Error::from_database)?,
            settled: false,
        };
        // SQLite: the write lock from the start, so what the transaction reads stays current.
        let begin = match self.backend {
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
        };
        (&mut *open.connection)
            .execute(begin)
            .await
            .map_err(Error::from_database)?;
        let outcome = match body(&mut *open.connection).await {
            Ok(value) => (&mut *open.connection)
                .execute("COMMIT")
                .await
                .map(|_| value)
                .map_err(Error::from_database),
            Err(error) => Err(error),
        };
        open.settled = outcome.is_ok() || (&mut *open.connection).execute("ROLLBACK").await.is_ok();
        outcome
    }
}

/// A transaction on a pooled connection. Left unsettled (the request was cancelled, or the
/// rollback failed), its connection is closed instead of pooled: closing ends the transaction
/// and releases its locks.
struct OpenTransaction {
    connection: PoolConnection<Any>,
    settled: bool,
}

impl Drop for OpenTransaction {
    fn drop(&mut self) {
        if !self.settled {
            self.connection.close_on_drop();
        }
    }
}

/// Now, in epoch milliseconds.
pub fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_millis() as i64)
        .unwrap_or_default()
}

/// SQL text with its arguments, numbered `$1, $2, …` in the order they are pushed.
pub(crate) struct Sql<'q> {
    text: String,
    arguments: AnyArguments<'q>,
    count: usize,
}

impl<'q> Sql<'q> {
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            arguments: AnyArguments::default(),
            count: 0,
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    pub fn bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'q + Encode<'q, Any> + Type<Any>,
    {
        self.count += 1;
        self.text.push('$');
        self.text.push_str(&self.count.to_string());
        // Adding to AnyArguments only fails for types the driver cannot carry, which `T: Type<Any>` rules out.
        self.arguments
            .add(value)
            .expect("argument type supported by the Any driver");
        self
    }

    /// `(a, b, c)` of bound values.
    pub fn bind_list<T, I>(&mut self, values: I) -> &mut Self
    where
        T: 'q + Encode<'q, Any> + Type<Any>,
        I: IntoIterator<Item = T>,
    {
        self.push("(");
        for (index, value) in values.into_iter().enumerate() {
            if index > 0 {
                self.push(", ");
            }
            self.bind(value);
        }
        self.push(")")
    }

    pub async fn fetch_all<'e, E>(self, executor: E) -> Result<Vec<AnyRow>>
    where
        E: Executor<'e, Database = Any>,
    {
        sqlx::query_with(&self.text, self.arguments)
            .fetch_all(executor)
            .await
            .map_err(Error::from_database)
    }

    pub async fn fetch_optional<'e, E>(self, executor: E) -> Result<Option<AnyRow>>
    where
        E: Executor<'e, Database = Any>,
    {
        sqlx::query_with(&self.text, self.arguments)
            .fetch_optional(executor)
            .await
            .map_err(Error::from_database)
    }

    /// One page of rows after `LIMIT`/`OFFSET` it adds, each made an item by `item`, and
    /// whether another page follows (it asks for one row more than the page holds).
    pub async fn fetch_page<'e, E, T>(
        mut self,
        paging: Paging,
        executor: E,
        item: impl FnMut(&AnyRow) -> Result<T>,
    ) -> Result<(Vec<T>, bool)>
    where
        E: Executor<'e, Database = Any>,
    {
        self.push(" LIMIT ")
            .bind(i64::from(paging.size) + 1)
            .push(" OFFSET ")
            .bind(paging.offset() as i64);
        let rows = self.fetch_all(executor).await?;
        let next = rows.len() > paging.size as usize;
        let items = rows
            .iter()
            .take(paging.size as usize)
            .map(item)
            .collect::<Result<Vec<_>>>()?;
        Ok((items, next))
    }

    /// Runs a statement; returns how many rows it changed.
    pub async fn execute<'e, E>(self, executor: E) -> std::result::Result<u64, sqlx::Error>
    where
        E: Executor<'e, Database = Any>,
    {
        Ok(sqlx::query_with(&self.text, self.arguments)
            .execute(executor)
            .await?
            .rows_affected())
    }
}

/// Reads a 0/1 flag column.
pub(crate) fn flag(row: &AnyRow, column: &str) -> Result<bool> {
    use sqlx::Row;
    Ok(row.try_get::<i64, _>(column)? != 0)
}

/// Is this the database refusing a second row with the same unique key?
pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(database) if database.is_unique_violation())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_create_missing_files() {
        assert_eq!(
            sqlite_url("data/flows.db"),
            "sqlite://data/flows.db?mode=rwc"
        );
        assert_eq!(sqlite_url("sqlite://x.db"), "sqlite://x.db?mode=rwc");
        assert_eq!(
            sqlite_url("sqlite:x.db?cache=shared"),
            "sqlite://x.db?cache=shared&mode=rwc"
        );
        assert_eq!(sqlite_url("sqlite://x.db?mode=ro"), "sqlite://x.db?mode=ro");
        assert_eq!(
            sqlite_file("sqlite://data/x.db?mode=rwc"),
            Some(Path::new("data/x.db"))
        );
        assert_eq!(sqlite_file("sqlite://:memory:?mode=rwc"), None);
    }
}
