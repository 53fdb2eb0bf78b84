//! The app's local store: SQLite through sea-orm. It holds what the partner must be able to review
//! offline (customers, their integrations, the last-read seats, the audit log), a cache of Autotask
//! companies, contacts and contracts for instant search, the settings, and the journal that keeps
//! Autotask writes from being duplicated. Secrets are never stored here.
//!
//! Repository functions take any connection or transaction (`&impl ConnectionTrait`); the use-cases
//! decide where a transaction begins and ends.

pub mod entity;
mod error;
pub mod location;
pub mod migration;
pub mod money;
pub mod repo;
pub mod time;

use std::path::{Path, PathBuf};
use std::time::Duration;

use sea_orm::sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, SqlxSqliteConnector, Statement};
use sea_orm_migration::MigratorTrait;

pub use error::StoreError;
pub use sea_orm::{ConnectionTrait as Connection, DatabaseTransaction, TransactionTrait};

use crate::migration::Migrator;

/// An open store.
#[derive(Clone)]
pub struct Store {
    db: DatabaseConnection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date. An existing
    /// file is copied aside first whenever a migration is about to run.
    pub async fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let existed = path.exists();
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a committed mapping survives a power cut, not only a crash of the app.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Open {
                path: path.display().to_string(),
                message: e.to_string(),
            })?;
        let db = SqlxSqliteConnector::from_sqlx_sqlite_pool(pool);
        let store = Store {
            db,
            path: path.to_path_buf(),
        };
        let pending = Migrator::get_pending_migrations(&store.db).await?;
        if !pending.is_empty() {
            if existed {
                store.backup_before_migration().await?;
            }
            tracing::info!(count = pending.len(), "migrating the local store");
            Migrator::up(&store.db, None).await?;
        }
        Ok(store)
    }

    /// Opens the store in the app-data folder (see [`location`]).
    pub async fn open_default() -> Result<Store, StoreError> {
        Store::open(&location::database_path()?).await
    }

    pub fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    async fn backup_before_migration(&self) -> Result<PathBuf, StoreError> {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let backup = self.path.with_extension(format!("backup-{stamp}.sqlite3"));
        // VACUUM INTO writes a consistent copy even while the WAL holds recent commits.
        let target = backup.display().to_string().replace('\'', "''");
        self.db
            .execute_unprepared(&format!("VACUUM INTO '{target}'"))
            .await
            .map_err(|e| StoreError::Backup(e.to_string()))?;
        tracing::info!(backup = %backup.display(), "backed up the local store before migrating");
        Ok(backup)
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    pub async fn integrity_check(&self) -> Result<String, StoreError> {
        let row = self
            .db
            .query_one_raw(Statement::from_string(
                self.db.get_database_backend(),
                "PRAGMA integrity_check",
            ))
            .await?
            .ok_or_else(|| StoreError::Backup("integrity_check returned nothing".into()))?;
        Ok(row.try_get_by_index::<String>(0)?)
    }

    /// Closes the pool, checkpointing the WAL into the main file.
    pub async fn close(self) -> Result<(), StoreError> {
        self.db.close().await?;
        Ok(())
    }
}
