//! The Autotask page and the Add Customer Integration wizard: the integrations table, a row's
//! summary, the plan shown before Create, Create with progress per step, retry, price change,
//! unlink, CSV export, and links into Autotask's web UI.

use std::sync::Arc;
use std::time::Duration;

use integration::create::{self, AddInput, ContractChoice, IntegrationPlan};
use integration::{manage, App};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use store::repo::integrations::{self, IntegrationRow};
use store::repo::journal::{self, OpState};
use tauri::{AppHandle, State};

use crate::commands::{emit_progress, Progress};
use crate::ipc_error::{codes, CmdResult, IpcError};
use crate::state::AppState;

#[derive(Debug, Serialize)]
pub struct IntegrationView {
    pub id: i64,
    pub customer_id: i64,
    pub customer: String,
    pub account: String,
    pub company_id: i64,
    pub contact: Option<String>,
    pub contact_id: Option<i64>,
    pub contract: Option<String>,
    pub contract_id: Option<i64>,
    pub contract_service_id: Option<i64>,
    pub contract_created_by_us: bool,
    pub endpoints: i64,
    pub seats: Option<i64>,
    pub price_per_seat: Decimal,
    pub cost_per_seat: Decimal,
    /// (price - cost) x seats, per month.
    pub monthly_margin: Decimal,
    pub status: integrations::Status,
    pub last_error: Option<String>,
    pub seats_read_at: Option<String>,
    pub created_at: String,
    pub account_url: Option<String>,
    pub contract_url: Option<String>,
}

/// Autotask's web UI opens an account or a contract from these command URLs on the zone's host.
fn web_link(web_url: Option<&str>, kind: &str, id: i64) -> Option<String> {
    let base = web_url?.trim_end_matches('/');
    let (code, param) = match kind {
        "account" => ("OpenAccount", "AccountID"),
        "contract" => ("OpenContract", "ContractID"),
        _ => return None,
    };
    Some(format!(
        "{base}/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code={code}&{param}={id}"
    ))
}

fn to_view(
    r: IntegrationRow,
    rule: store::repo::settings::CountingRule,
    web_url: Option<&str>,
) -> IntegrationView {
    let i = r.integration;
    let seats = i.seats.unwrap_or(0);
    IntegrationView {
        id: i.id,
        customer_id: r.customer.id,
        endpoints: integration::counting::billable_endpoints(&r.customer, rule),
        customer: r.customer.name,
        account_url: web_link(web_url, "account", i.company_id),
        contract_url: i.contract_id.and_then(|c| web_link(web_url, "contract", c)),
        account: i.company_name,
        company_id: i.company_id,
        contact: i.contact_name,
        contact_id: i.contact_id,
        contract: i.contract_name,
        contract_id: i.contract_id,
        contract_service_id: i.contract_service_id,
        contract_created_by_us: i.contract_created_by_us,
        seats: i.seats,
        monthly_margin: (i.price_per_seat - i.cost_per_seat) * Decimal::from(seats),
        price_per_seat: i.price_per_seat,
        cost_per_seat: i.cost_per_seat,
        status: i.status,
        last_error: i.last_error,
        seats_read_at: i.seats_read_at.map(store::time::to_text),
        created_at: store::time::to_text(i.created_at),
    }
}

async fn all_views(app: &App) -> CmdResult<Vec<IntegrationView>> {
    let db = app.store.connection();
    let rule = store::repo::settings::load(db).await?.counting_rule;
    let web = store::repo::connection::load(db)
        .await?
        .and_then(|c| c.web_url);
    Ok(integrations::list_with_customers(db)
        .await?
        .into_iter()
        .map(|r| to_view(r, rule, web.as_deref()))
        .collect())
}

pub async fn view_of(app: &App, id: i64) -> CmdResult<Option<IntegrationView>> {
    Ok(all_views(app).await?.into_iter().find(|v| v.id == id))
}

#[tauri::command]
pub async fn integrations_list(state: State<'_, AppState>) -> CmdResult<Vec<IntegrationView>> {
    all_views(&state.app()).await
}

async fn existing_view(app: &App, id: i64) -> CmdResult<IntegrationView> {
    view_of(app, id).await?.ok_or_else(|| {
        integration::Error::NotFound("That integration no longer exists.".into()).into()
    })
}

#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum ContractInput {
    New,
    Existing(i64),
}

impl From<ContractInput> for ContractChoice {
    fn from(c: ContractInput) -> ContractChoice {
        match c {
            ContractInput::New => ContractChoice::New,
            ContractInput::Existing(id) => ContractChoice::Existing(id),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanInput {
    pub customer_id: i64,
    pub company_id: i64,
    pub contact_id: Option<i64>,
    pub contract: ContractInput,
    pub price_per_seat: String,
    pub cost_per_seat: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PlanView {
    /// Create takes this id, so only the plan the partner saw can be applied.
    pub plan_id: u64,
    pub plan: IntegrationPlan,
}

#[tauri::command]
pub async fn integration_plan(state: State<'_, AppState>, input: PlanInput) -> CmdResult<PlanView> {
    let add = AddInput {
        customer_id: input.customer_id,
        company_id: input.company_id,
        contact_id: input.contact_id,
        contract: input.contract.into(),
        price_per_seat: input.price_per_seat,
        cost_per_seat: input.cost_per_seat.filter(|c| !c.trim().is_empty()),
    };
    let result = create::plan(&state.app(), &add).await;
    state.note(&result);
    let plan = result?;
    Ok(PlanView {
        plan_id: state.keep_plan(plan.clone()),
        plan,
    })
}

/// Reports each planned step as the journal records it: the journal row is written before the
/// request and finished after, so it is the truth about where Create stands.
async fn watch_steps(handle: AppHandle, app: Arc<App>, customer_id: i64, steps: Vec<String>) {
    let total = steps.len();
    let mut last = usize::MAX;
    loop {
        tokio::time::sleep(Duration::from_millis(120)).await;
        let db = app.store.connection();
        let Ok(Some(it)) = integrations::by_customer(db, customer_id).await else {
            continue;
        };
        let Ok(ops) = journal::by_marker(db, &it.marker).await else {
            continue;
        };
        let done = steps
            .iter()
            .filter(|s| {
                ops.iter()
                    .any(|o| &o.step == *s && o.state == OpState::Done)
            })
            .count();
        let current = steps
            .iter()
            .find(|s| {
                !ops.iter()
                    .any(|o| &o.step == *s && o.state == OpState::Done)
            })
            .cloned()
            .unwrap_or_default();
        if done != last {
            last = done;
            emit_progress(
                &handle,
                Progress {
                    task: "create",
                    step: current,
                    done,
                    total,
                    state: "running",
                },
            );
        }
    }
}

#[tauri::command]
pub async fn integration_create(
    handle: AppHandle,
    state: State<'_, AppState>,
    plan_id: u64,
) -> CmdResult<IntegrationView> {
    let plan = state.take_plan(plan_id).ok_or_else(|| {
        IpcError::new(
            codes::PLAN_EXPIRED,
            "That plan is no longer current. Review the planned writes again, then Create.",
        )
    })?;
    let app = state.app();
    let steps: Vec<String> = plan.writes.iter().map(|w| w.step.to_string()).collect();
    let total = steps.len();
    let watcher = tokio::spawn(watch_steps(
        handle.clone(),
        Arc::clone(&app),
        plan.customer.id,
        steps,
    ));
    let result = create::apply(&app, &plan).await;
    watcher.abort();
    state.note(&result);
    emit_progress(
        &handle,
        Progress {
            task: "create",
            step: String::new(),
            done: if result.is_ok() { total } else { 0 },
            total,
            state: if result.is_ok() { "done" } else { "failed" },
        },
    );
    let it = result?;
    view_of(&app, it.id)
        .await?
        .ok_or_else(|| IpcError::internal("create", "the new integration is not listed"))
}

/// Finishes an integration whose creation stopped part-way, from where it stopped.
#[tauri::command]
pub async fn integration_retry(state: State<'_, AppState>, id: i64) -> CmdResult<IntegrationView> {
    let app = state.app();
    let result = create::complete(&app, id, None).await;
    state.note(&result);
    result?;
    existing_view(&state.app(), id).await
}

#[tauri::command]
pub async fn integration_change_price(
    state: State<'_, AppState>,
    id: i64,
    price: String,
) -> CmdResult<IntegrationView> {
    let result = manage::change_price(&state.app(), id, &price).await;
    state.note(&result);
    result?;
    existing_view(&state.app(), id).await
}

#[tauri::command]
pub async fn integration_unlink(
    state: State<'_, AppState>,
    id: i64,
    zero_units: bool,
) -> CmdResult<()> {
    let result = manage::unlink(&state.app(), id, zero_units).await;
    state.note(&result);
    Ok(result?)
}

/// Writes a CSV file to the Downloads folder and returns its path.
pub fn write_export(name: &str, text: &str) -> CmdResult<String> {
    let dir = dirs::download_dir()
        .or_else(dirs::home_dir)
        .unwrap_or_else(std::env::temp_dir);
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let path = dir.join(format!("zorus-autotask-{name}-{stamp}.csv"));
    std::fs::write(&path, text).map_err(|e| {
        tracing::warn!(path = %path.display(), error = %e, "export not written");
        IpcError::new(
            codes::FILE,
            format!("The file {} could not be written: {e}", path.display()),
        )
    })?;
    Ok(path.display().to_string())
}

#[tauri::command]
pub async fn integrations_export_csv(state: State<'_, AppState>) -> CmdResult<String> {
    let text = manage::export_integrations_csv(&state.app()).await?;
    write_export("integrations", &text)
}

/// Opens an account or contract in Autotask's web UI, in the default browser. The URL is built
/// here from the saved zone, so the page cannot make the app open anything else.
#[tauri::command]
pub async fn open_in_autotask(
    handle: AppHandle,
    state: State<'_, AppState>,
    kind: String,
    id: i64,
) -> CmdResult<()> {
    use tauri_plugin_opener::OpenerExt;
    let app = state.app();
    let web = store::repo::connection::load(app.store.connection())
        .await?
        .and_then(|c| c.web_url);
    let url = web_link(web.as_deref(), &kind, id)
        .ok_or_else(|| IpcError::from(integration::Error::NotConnected))?;
    handle
        .opener()
        .open_url(url, None::<&str>)
        .map_err(|e| IpcError::internal("open_in_autotask", e))
}

#[cfg(test)]
mod tests {
    use super::web_link;

    #[test]
    fn links_open_accounts_and_contracts_on_the_zone_web_host_only() {
        let web = Some("https://ww5.autotask.net/");
        assert_eq!(
            web_link(web, "account", 12).as_deref(),
            Some("https://ww5.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenAccount&AccountID=12")
        );
        assert!(web_link(web, "contract", 7)
            .unwrap()
            .ends_with("Code=OpenContract&ContractID=7"));
        assert_eq!(web_link(web, "javascript", 1), None);
        assert_eq!(web_link(None, "account", 1), None);
    }
}
