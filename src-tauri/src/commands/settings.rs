//! The Settings page: default cost per seat, contract name template, service and billing code,
//! when seat changes take effect, and which endpoint count is billed.

use store::repo::settings::{self, Settings};
use tauri::State;

use crate::ipc_error::CmdResult;
use crate::state::AppState;

#[tauri::command]
pub async fn settings_get(state: State<'_, AppState>) -> CmdResult<Settings> {
    Ok(settings::load(state.app().store.connection()).await?)
}

/// Saves the settings; the default cost arrives as a decimal string and is checked like a price.
#[tauri::command]
pub async fn settings_save(state: State<'_, AppState>, settings: Settings) -> CmdResult<Settings> {
    let app = state.app();
    integration::inputs::check_amount(settings.default_cost_per_seat, "The default cost per seat")
        .map_err(integration::Error::from)?;
    settings::save(app.store.connection(), &settings, app.clock.now()).await?;
    Ok(settings::load(app.store.connection()).await?)
}
