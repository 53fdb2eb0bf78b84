//! The Customers page: the list with endpoint counts and where they came from, refresh from
//! Zorus, CSV import, and a customer typed in (optionally with its integration).

use integration::create::ContractChoice;
use integration::customers_io::{self, CsvReport, NewAssociatedCustomer, ZorusSyncReport};
use serde::{Deserialize, Serialize};
use store::repo::customers::{Counts, Customer, Source};
use tauri::State;

use crate::commands::integrations::{ContractInput, IntegrationView};
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
    /// The "Associate with Autotask" section, when filled.
    pub associate: Option<AssociateInput>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssociateInput {
    pub company_id: i64,
    pub contact_id: Option<i64>,
    pub contract: ContractInput,
    pub price_per_seat: String,
    pub cost_per_seat: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct NewCustomerResult {
    pub customer_id: i64,
    pub integration: Option<IntegrationView>,
}

#[tauri::command]
pub async fn customer_add(
    state: State<'_, AppState>,
    input: NewCustomerInput,
) -> CmdResult<NewCustomerResult> {
    let app = state.app();
    match input.associate {
        None => {
            let c = customers_io::add_manual(&app, &input.name, &input.endpoints).await?;
            Ok(NewCustomerResult {
                customer_id: c.id,
                integration: None,
            })
        }
        Some(a) => {
            let result = customers_io::create_customer_with_integration(
                &app,
                NewAssociatedCustomer {
                    name: input.name,
                    endpoints: input.endpoints,
                    company_id: a.company_id,
                    contact_id: a.contact_id,
                    contract: ContractChoice::from(a.contract),
                    price_per_seat: a.price_per_seat,
                    cost_per_seat: a.cost_per_seat,
                },
            )
            .await;
            state.note(&result);
            let (customer, it) = result?;
            let view = crate::commands::integrations::view_of(&app, it.id).await?;
            Ok(NewCustomerResult {
                customer_id: customer.id,
                integration: view,
            })
        }
    }
}
