//! Lists the app's own commands so the capability files gate them: without this list, every
//! window could call every command.

/// Keep in step with the invoke handler in src-tauri/src/lib.rs and capabilities/main.json.
const APP_COMMANDS: &[&str] = &[
    "app_status",
    "demo_start",
    "demo_stop",
    "ui_ready",
    "connect_autotask",
    "disconnect_autotask",
    "zorus_key_save",
    "zorus_key_forget",
    "customers_list",
    "customers_refresh",
    "customers_import_csv",
    "customer_add",
    "companies_refresh",
    "companies_search",
    "company_contacts",
    "company_contracts",
    "company_suggest",
    "integrations_list",
    "integration_plan",
    "integration_create",
    "integration_retry",
    "integration_change_price",
    "integration_unlink",
    "integrations_export_csv",
    "open_in_autotask",
    "seats_refresh",
    "seats_apply",
    "seats_export_csv",
    "audit_log",
    "settings_get",
    "settings_save",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(APP_COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
