//! The Integrations page: enable (test and save) or disable the Autotask integration, and the
//! Zorus API key. Secrets come in here once and are never sent back.

use integration::connect::{self, ConnectInput, ConnectionView};
use integration::customers_io;
use tauri::State;
use vault::Secret;

use crate::ipc_error::CmdResult;
use crate::state::AppState;

#[tauri::command]
pub async fn connect_autotask(
    state: State<'_, AppState>,
    username: String,
    secret: String,
    integration_code: Option<String>,
) -> CmdResult<ConnectionView> {
    let app = state.app();
    let input = ConnectInput {
        username,
        secret: Secret::new(secret),
        integration_code,
    };
    let result = connect::connect(&app, input).await;
    state.note(&result);
    Ok(result?)
}

#[tauri::command]
pub async fn disconnect_autotask(state: State<'_, AppState>) -> CmdResult<()> {
    Ok(connect::disconnect(&state.app()).await?)
}

#[tauri::command]
pub async fn zorus_key_save(state: State<'_, AppState>, key: String) -> CmdResult<()> {
    Ok(customers_io::save_zorus_key(&state.app(), Secret::new(key)).await?)
}

#[tauri::command]
pub async fn zorus_key_forget(state: State<'_, AppState>) -> CmdResult<()> {
    Ok(customers_io::forget_zorus_key(&state.app()).await?)
}
