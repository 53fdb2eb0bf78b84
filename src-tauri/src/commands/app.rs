//! The app as a whole: its status for the header and banners, demo mode, and first paint.

use std::sync::Arc;

use serde::Serialize;
use tauri::{AppHandle, State};

use crate::commands::{emit_progress, Progress};
use crate::ipc_error::{codes, CmdResult, IpcError};
use crate::state::AppState;

#[derive(Debug, Serialize)]
pub struct Status {
    /// The version the installer carries (tauri.conf.json), which a release may set apart from
    /// the crate's.
    pub version: String,
    pub demo: bool,
    /// Autotask could not be reached on the last try.
    pub offline: bool,
    pub connection: Option<ConnectionSummary>,
    /// The build carries no vendor integration code, so the partner enters a tracking identifier.
    pub needs_integration_code: bool,
    pub has_zorus_key: bool,
    pub customers: usize,
    pub integrations: usize,
}

#[derive(Debug, Serialize)]
pub struct ConnectionSummary {
    pub username: String,
    pub zone_url: String,
    pub web_url: Option<String>,
    pub verified_at: Option<String>,
}

#[tauri::command]
pub async fn app_status(handle: AppHandle, state: State<'_, AppState>) -> CmdResult<Status> {
    let app = state.app();
    let db = app.store.connection();
    let connection = integration::connect::current(&app).await?;
    let has_zorus_key = integration::customers_io::has_zorus_key(&app)
        .await
        .unwrap_or(false);
    Ok(Status {
        version: handle.package_info().version.to_string(),
        demo: state.is_demo(),
        offline: state.is_offline(),
        connection: connection.map(|c| ConnectionSummary {
            username: c.username,
            zone_url: c.zone_url,
            web_url: c.web_url,
            verified_at: c.verified_at.map(store::time::to_text),
        }),
        needs_integration_code: !integration::connect::build_has_integration_code(),
        has_zorus_key,
        customers: store::repo::customers::list(db).await?.len(),
        integrations: store::repo::integrations::list_with_customers(db)
            .await?
            .len(),
    })
}

/// Starts demo mode: simulators, a throwaway store, connected with the demo credentials.
#[tauri::command]
pub async fn demo_start(handle: AppHandle, state: State<'_, AppState>) -> CmdResult<()> {
    let mut demo = state.demo.lock().await;
    if demo.is_some() {
        return Ok(());
    }
    let progress = |done, state: &'static str| Progress {
        task: "demo",
        step: "Starting the Autotask and Zorus simulators".into(),
        done,
        total: 1,
        state,
    };
    emit_progress(&handle, progress(0, "running"));
    let (d, app) = crate::demo::start().await.map_err(|e| {
        emit_progress(&handle, progress(0, "failed"));
        tracing::error!(error = %e, "demo mode did not start");
        IpcError::new(codes::DEMO, format!("Demo mode could not start: {e}"))
    })?;
    state.enter_demo(Arc::new(app));
    *demo = Some(d);
    emit_progress(&handle, progress(1, "done"));
    tracing::info!("demo mode on");
    Ok(())
}

/// Leaves demo mode: back to the partner's own store and connection.
#[tauri::command]
pub async fn demo_stop(state: State<'_, AppState>) -> CmdResult<()> {
    let mut demo = state.demo.lock().await;
    if let Some(d) = demo.take() {
        let app = state.app();
        state.leave_demo();
        d.stop(app).await;
        tracing::info!("demo mode off");
    }
    Ok(())
}

/// Called by the page once it has painted: logged, and printed when a benchmark asks.
#[tauri::command]
pub fn ui_ready(state: State<'_, AppState>) {
    let ms = state.started.elapsed().as_millis();
    tracing::info!(ms, "first paint");
    if std::env::var_os(crate::FIRST_PAINT_ENV).is_some() {
        println!("first-paint-ms {ms}");
    }
}
