//! Schema migrations. Each is plain SQL and never imports the entity types, so an old migration
//! keeps meaning what it meant when it shipped, whatever the entities become.

use sea_orm_migration::prelude::*;

mod m20261204_000001_initial;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(m20261204_000001_initial::Migration)]
    }
}

/// Runs each statement of a SQL script.
pub(crate) async fn run_script(manager: &SchemaManager<'_>, script: &str) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for statement in script.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}
