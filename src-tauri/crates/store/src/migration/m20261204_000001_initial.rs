use sea_orm_migration::prelude::*;

use super::run_script;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261204_000001_initial"
    }
}

// Money columns are TEXT holding a decimal: SQLite's NUMERIC would pass through a double.
// Times are TEXT in UTC ISO-8601 (`2026-12-04T15:50:46.123Z`), which also sorts by time.
const UP: &str = r#"
CREATE TABLE customers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    zorus_uuid TEXT UNIQUE,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    deployed_endpoints INTEGER NOT NULL DEFAULT 0 CHECK (deployed_endpoints >= 0),
    filtering_endpoints INTEGER CHECK (filtering_endpoints >= 0),
    cybersight_endpoints INTEGER CHECK (cybersight_endpoints >= 0),
    recently_seen_endpoints INTEGER CHECK (recently_seen_endpoints >= 0),
    counts_read_at TEXT,
    source TEXT NOT NULL CHECK (source IN ('zorus', 'csv', 'manual')),
    enabled INTEGER NOT NULL DEFAULT 1,
    vanished_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX customers_name ON customers (name COLLATE NOCASE);

CREATE TABLE customer_integrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL UNIQUE REFERENCES customers (id) ON DELETE RESTRICT,
    company_id INTEGER NOT NULL,
    company_name TEXT NOT NULL,
    contact_id INTEGER,
    contact_name TEXT,
    contract_id INTEGER,
    contract_name TEXT,
    contract_created_by_us INTEGER NOT NULL DEFAULT 0,
    service_id INTEGER,
    contract_service_id INTEGER,
    price_per_seat TEXT NOT NULL,
    cost_per_seat TEXT NOT NULL,
    endpoints_at_creation INTEGER,
    seats INTEGER,
    seats_read_at TEXT,
    marker TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX customer_integrations_company ON customer_integrations (company_id);

CREATE TABLE autotask_connection (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    username TEXT NOT NULL,
    zone_url TEXT NOT NULL,
    web_url TEXT,
    integration_code TEXT NOT NULL,
    verified_at TEXT,
    updated_at TEXT NOT NULL
);

CREATE TABLE autotask_companies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    company_type INTEGER,
    is_active INTEGER NOT NULL DEFAULT 1,
    phone TEXT,
    city TEXT,
    fetched_at TEXT NOT NULL
);
CREATE INDEX autotask_companies_name ON autotask_companies (name COLLATE NOCASE);

CREATE TABLE autotask_contacts (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT,
    is_active INTEGER NOT NULL DEFAULT 1,
    fetched_at TEXT NOT NULL
);
CREATE INDEX autotask_contacts_company ON autotask_contacts (company_id);

CREATE TABLE autotask_contracts (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    contract_type INTEGER,
    status INTEGER,
    is_default INTEGER NOT NULL DEFAULT 0,
    start_date TEXT,
    end_date TEXT,
    fetched_at TEXT NOT NULL
);
CREATE INDEX autotask_contracts_company ON autotask_contracts (company_id);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE operations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    integration_id INTEGER REFERENCES customer_integrations (id) ON DELETE SET NULL,
    intent TEXT NOT NULL,
    marker TEXT NOT NULL,
    step TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'done', 'failed', 'unknown')),
    request_summary TEXT,
    returned_id INTEGER,
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX operations_marker ON operations (marker);
CREATE INDEX operations_state ON operations (state);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    object_ids TEXT,
    summary TEXT NOT NULL,
    outcome TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at)
"#;

const DOWN: &str = r#"
DROP TABLE audit_log;
DROP TABLE operations;
DROP TABLE settings;
DROP TABLE autotask_contracts;
DROP TABLE autotask_contacts;
DROP TABLE autotask_companies;
DROP TABLE autotask_connection;
DROP TABLE customer_integrations;
DROP TABLE customers
"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_script(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_script(manager, DOWN).await
    }
}
