//! The desktop shell: a thin Tauri layer over the workspace's library crates. Commands (one file
//! per domain under `commands/`) call the `integration` use-cases; errors cross IPC as
//! `{ code, message }` ([`ipc_error`]); everything is logged to a rotating file ([`logging`]).

pub mod commands;
pub mod demo;
pub mod ipc_error;
pub mod logging;
pub mod state;
pub mod sync;

use std::time::Instant;

use tauri::Manager;

/// When set, the app prints `first-paint-ms N` once the page has painted (the startup bench).
pub const FIRST_PAINT_ENV: &str = "ZORUS_AUTOTASK_REPORT_FIRST_PAINT";

/// Starts the desktop app and blocks until its last window closes.
pub fn run() {
    let started = Instant::now();
    let _log = logging::init();
    let real = match tauri::async_runtime::block_on(state::open_real_app()) {
        Ok(app) => app,
        Err(e) => {
            tracing::error!(error = %e, "cannot start");
            eprintln!("Zorus Autotask cannot start: {e}");
            std::process::exit(1);
        }
    };
    let log_dir = logging::log_dir();
    let mut builder = tauri::Builder::default();
    // One window per store: a second launch hands over to the first, before anything else starts.
    // A store named in ZORUS_AUTOTASK_DATA_DIR (tests, portable use) is its own instance, so runs
    // on separate folders do not hand over to each other.
    if std::env::var_os(store::location::DATA_DIR_ENV).is_none() {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }));
    }
    let result = builder
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            app.manage(state::AppState::new(real, log_dir, started));
            Ok(())
        })
        // Keep in step with APP_COMMANDS in src-tauri/build.rs and capabilities/main.json
        // (tests/ipc_contract.rs checks all three agree).
        .invoke_handler(tauri::generate_handler![
            commands::app::app_status,
            commands::app::demo_start,
            commands::app::demo_stop,
            commands::app::ui_ready,
            commands::connection::connect_autotask,
            commands::connection::disconnect_autotask,
            commands::connection::zorus_key_save,
            commands::connection::zorus_key_forget,
            commands::customers::customers_list,
            commands::customers::customers_refresh,
            commands::customers::customers_import_csv,
            commands::customers::customer_add,
            commands::pickers::companies_refresh,
            commands::pickers::companies_search,
            commands::pickers::company_contacts,
            commands::pickers::company_contracts,
            commands::pickers::company_suggest,
            commands::integrations::integrations_list,
            commands::integrations::integration_plan,
            commands::integrations::integration_create,
            commands::integrations::integration_retry,
            commands::integrations::integration_change_price,
            commands::integrations::integration_unlink,
            commands::integrations::integrations_export_csv,
            commands::integrations::open_in_autotask,
            commands::seats::seats_refresh,
            commands::seats::seats_apply,
            commands::seats::seats_export_csv,
            commands::audit::audit_log,
            commands::settings::settings_get,
            commands::settings::settings_save,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!(error = %e, "the Tauri runtime failed");
        eprintln!("Zorus Autotask stopped: {e}");
        std::process::exit(1);
    }
}
