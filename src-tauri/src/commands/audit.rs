//! The Audit log page: every write and connection change, newest first, from the local store.

use serde::Serialize;
use tauri::State;

use crate::ipc_error::CmdResult;
use crate::state::AppState;

#[derive(Debug, Serialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub action: String,
    pub object: String,
    pub object_ids: Option<String>,
    pub summary: String,
    pub outcome: String,
}

#[tauri::command]
pub async fn audit_log(state: State<'_, AppState>, limit: Option<u64>) -> CmdResult<Vec<AuditRow>> {
    let rows =
        integration::manage::audit_log(&state.app(), limit.unwrap_or(500).min(5_000)).await?;
    Ok(rows
        .into_iter()
        .map(|e| AuditRow {
            id: e.id,
            at: store::time::to_text(e.at),
            action: e.action,
            object: e.object,
            object_ids: e.object_ids,
            summary: e.summary,
            outcome: e.outcome,
        })
        .collect())
}
