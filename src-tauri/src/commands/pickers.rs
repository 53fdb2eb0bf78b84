//! The wizard's pickers: Autotask accounts (type-ahead over the local cache), contacts, reusable
//! contracts, and the suggested account for a customer.

use integration::pickers::{self, RefreshReport};
use serde::Serialize;
use store::repo::cache::{CachedCompany, CachedContact, CachedContract};
use tauri::State;

use crate::ipc_error::{CmdResult, IpcError};
use crate::state::AppState;

#[tauri::command]
pub async fn companies_refresh(state: State<'_, AppState>, full: bool) -> CmdResult<RefreshReport> {
    let result = pickers::refresh_companies(&state.app(), full).await;
    state.note(&result);
    Ok(result?)
}

#[tauri::command]
pub async fn companies_search(
    state: State<'_, AppState>,
    query: String,
) -> CmdResult<Vec<CachedCompany>> {
    Ok(pickers::search_companies(&state.app(), query.trim(), 25).await?)
}

#[derive(Debug, Serialize)]
pub struct Contacts {
    pub items: Vec<CachedContact>,
    pub offline: bool,
}

#[tauri::command]
pub async fn company_contacts(state: State<'_, AppState>, company_id: i64) -> CmdResult<Contacts> {
    let f = pickers::contacts(&state.app(), company_id).await?;
    Ok(Contacts {
        items: f.items,
        offline: f.offline,
    })
}

#[derive(Debug, Serialize)]
pub struct HiddenContract {
    pub contract: CachedContract,
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct Contracts {
    pub usable: Vec<CachedContract>,
    pub hidden: Vec<HiddenContract>,
    /// The company's contracts that are not its default one, so not offered.
    pub not_default: u64,
    pub offline: bool,
}

#[tauri::command]
pub async fn company_contracts(
    state: State<'_, AppState>,
    company_id: i64,
) -> CmdResult<Contracts> {
    let c = pickers::contracts(&state.app(), company_id).await?;
    Ok(Contracts {
        usable: c.usable,
        hidden: c
            .unusable
            .into_iter()
            .map(|(contract, reason)| HiddenContract { contract, reason })
            .collect(),
        not_default: c.not_default,
        offline: c.offline,
    })
}

#[derive(Debug, Serialize)]
pub struct Suggestion {
    pub company: CachedCompany,
    /// 0 to 1: how alike the names are.
    pub score: f64,
}

#[tauri::command]
pub async fn company_suggest(
    state: State<'_, AppState>,
    customer_id: i64,
) -> CmdResult<Option<Suggestion>> {
    let app = state.app();
    let customer = store::repo::customers::get(app.store.connection(), customer_id)
        .await?
        .ok_or_else(|| {
            IpcError::from(integration::Error::NotFound(
                "That customer no longer exists.".into(),
            ))
        })?;
    Ok(pickers::suggest_company(&app, &customer.name)
        .await?
        .map(|(company, score)| Suggestion { company, score }))
}
