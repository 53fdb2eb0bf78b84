//! The Customers page: the list with endpoint counts and where they came from, refresh from
//! Zorus, CSV import, and a customer typed in.

use integration::customers_io::{self, CsvReport, ZorusSyncReport};
use serde::{Deserialize, Serialize};
use store::repo::customers::{Counts, Customer, Source};
use tauri::State;

use crate::ipc_error::CmdResult;
use crate::state::AppState;

#[derive(Debug, Serialize)]
pub struct CustomerView {
    pub id: i64,
    pub name: String,
    pub counts: Counts,
    /// Under the partner's counting rule.
    pub billable: i64,
    pub source: Source,
    pub enabled: bool,
    pub vanished: bool,
    pub counts_read_at: Option<String>,
    pub integration_id: Option<i64>,
    pub account: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CustomersPage {
    pub customers: Vec<CustomerView>,
    pub rule: String,
}

#[tauri::command]
pub async fn customers_list(state: State<'_, AppState>) -> CmdResult<CustomersPage> {
    let app = state.app();
    let db = app.store.connection();
    let rule = store::repo::settings::load(db).await?.counting_rule;
    let linked = store::repo::integrations::list_with_customers(db).await?;
    let customers = store::repo::customers::list(db).await?;
    Ok(CustomersPage {
        rule: integration::counting::rule_label(rule),
        customers: customers
            .into_iter()
            .map(|c: Customer| {
                let link = linked.iter().find(|r| r.customer.id == c.id);
                CustomerView {
                    id: c.id,
                    billable: integration::counting::billable_endpoints(&c, rule),
                    name: c.name,
                    counts: c.counts,
                    source: c.source,
                    enabled: c.enabled,
                    vanished: c.vanished_at.is_some(),
                    counts_read_at: c.counts_read_at.map(store::time::to_text),
                    integration_id: link.map(|r| r.integration.id),
                    account: link.map(|r| r.integration.company_name.clone()),
                }
            })
            .collect(),
    })
}

#[tauri::command]
pub async fn customers_refresh(state: State<'_, AppState>) -> CmdResult<ZorusSyncReport> {
    Ok(customers_io::refresh_from_zorus(&state.app()).await?)
}

/// `text` is the file's content, read by the page from the file the partner picked.
#[tauri::command]
pub async fn customers_import_csv(
    state: State<'_, AppState>,
    text: String,
) -> CmdResult<CsvReport> {
    Ok(customers_io::import_csv(&state.app(), text.as_bytes()).await?)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewCustomerInput {
    pub name: String,
    pub endpoints: String,
}

#[derive(Debug, Serialize)]
pub struct NewCustomerResult {
    pub customer_id: i64,
}

/// Adds a customer typed in. Associating it with Autotask goes through the wizard next, so its
/// writes are shown before anything is created.
#[tauri::command]
pub async fn customer_add(
    state: State<'_, AppState>,
    input: NewCustomerInput,
) -> CmdResult<NewCustomerResult> {
    let c = customers_io::add_manual(&state.app(), &input.name, &input.endpoints).await?;
    Ok(NewCustomerResult { customer_id: c.id })
}
