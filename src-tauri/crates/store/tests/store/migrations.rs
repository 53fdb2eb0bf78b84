use sea_orm_migration::MigratorTrait;
use store::migration::Migrator;
use store::repo::customers::{self, Counts, NewCustomer, Source};
use store::{Connection, Store};

use crate::{at, temp_store};

async fn tables(store: &Store) -> Vec<String> {
    let rows = store
        .connection()
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DatabaseBackend::Sqlite,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'seaql_migrations' ORDER BY name",
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect()
}

#[tokio::test]
async fn migrations_run_up_down_and_up_again() {
    let (_dir, store) = temp_store().await;
    let expected = [
        "audit_log",
        "autotask_companies",
        "autotask_connection",
        "autotask_contacts",
        "autotask_contracts",
        "customer_integrations",
        "customers",
        "operations",
        "settings",
    ];
    assert_eq!(tables(&store).await, expected);
    Migrator::down(store.connection(), None).await.unwrap();
    assert!(tables(&store).await.is_empty());
    Migrator::up(store.connection(), None).await.unwrap();
    assert_eq!(tables(&store).await, expected);
}

#[tokio::test]
async fn pragmas_are_wal_foreign_keys_and_a_busy_timeout() {
    let (_dir, store) = temp_store().await;
    let conn = store.connection();
    let one = |sql: &'static str| async move {
        let row = conn
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DatabaseBackend::Sqlite,
                sql,
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get_by_index::<i64>(0)
            .map(|v| v.to_string())
            .or_else(|_| row.try_get_by_index::<String>(0))
            .unwrap()
    };
    assert_eq!(one("PRAGMA journal_mode").await, "wal");
    assert_eq!(one("PRAGMA foreign_keys").await, "1");
    assert_eq!(one("PRAGMA busy_timeout").await, "5000");
}

#[tokio::test]
async fn an_existing_file_is_backed_up_before_a_migration_and_kept_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.sqlite3");
    let store = Store::open(&path).await.unwrap();
    let backups = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("backup")
            })
            .count()
    };
    assert_eq!(backups(), 0, "a new file has nothing to back up");
    customers::insert(
        store.connection(),
        NewCustomer {
            zorus_uuid: None,
            name: "Kept".into(),
            counts: Counts::default(),
            counts_read_at: None,
            source: Source::Manual,
        },
        at(1, 9),
    )
    .await
    .unwrap();
    // Simulate an older schema: undo the migration, then reopen as a new version would.
    Migrator::down(store.connection(), None).await.unwrap();
    store.close().await.unwrap();
    let reopened = Store::open(&path).await.unwrap();
    assert_eq!(
        backups(),
        1,
        "reopening with a pending migration backs the file up first"
    );
    reopened.close().await.unwrap();
    let again = Store::open(&path).await.unwrap();
    assert_eq!(backups(), 1, "no migration, no backup");
    assert_eq!(again.integrity_check().await.unwrap(), "ok");
}

#[tokio::test]
async fn the_data_folder_can_be_overridden_by_environment() {
    // Only this test touches the variable.
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var(store::location::DATA_DIR_ENV, dir.path());
    assert_eq!(
        store::location::database_path().unwrap(),
        dir.path().join(store::location::DATABASE_FILE)
    );
    let store = Store::open_default().await.unwrap();
    assert!(store.path().starts_with(dir.path()));
    std::env::remove_var(store::location::DATA_DIR_ENV);
}
