//! Child routes: records written (and some read) through their parent (§3.1, §3.2).

use futures::stream::{BoxStream, TryStreamExt};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::client::{Call, Client, Target};
use crate::error::Result;
use crate::models::{
    ContactPatch, ContractServicePatch, NewContact, NewContractService, NewServiceAdjustment,
};
use crate::paging::Pager;
use crate::retry::Operation;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChildRoute {
    /// `Companies/{id}/Contacts`
    CompanyContacts,
    /// `Contracts/{id}/Services`
    ContractServices,
    /// `Contracts/{id}/ServiceAdjustments` (POST only)
    ContractServiceAdjustments,
    /// `Contracts/{id}/ServiceUnits` (GET only)
    ContractServiceUnits,
}

impl ChildRoute {
    pub fn parent(self) -> &'static str {
        match self {
            ChildRoute::CompanyContacts => "Companies",
            _ => "Contracts",
        }
    }

    pub fn segment(self) -> &'static str {
        match self {
            ChildRoute::CompanyContacts => "Contacts",
            ChildRoute::ContractServices => "Services",
            ChildRoute::ContractServiceAdjustments => "ServiceAdjustments",
            ChildRoute::ContractServiceUnits => "ServiceUnits",
        }
    }

    pub fn child_entity(self) -> &'static str {
        match self {
            ChildRoute::CompanyContacts => "Contacts",
            ChildRoute::ContractServices => "ContractServices",
            ChildRoute::ContractServiceAdjustments => "ContractServiceAdjustments",
            ChildRoute::ContractServiceUnits => "ContractServiceUnits",
        }
    }

    fn path(self, parent_id: i64) -> String {
        format!("{}/{parent_id}/{}", self.parent(), self.segment())
    }

    /// Whether a child route counts toward the parent's or the child's thread limit is not known
    /// (§7.3, §13 q10), so it takes a slot in both.
    fn buckets(self) -> [&'static str; 2] {
        [self.parent(), self.child_entity()]
    }
}

impl Client {
    fn child_call(
        &self,
        route: ChildRoute,
        method: Method,
        path: String,
        body: Option<Vec<u8>>,
        op: Operation,
    ) -> Call<'static> {
        Call {
            method,
            target: Target::Path(path),
            body,
            op,
            entity: route.child_entity(),
            buckets: route.buckets().to_vec(),
        }
    }

    /// `GET {Parent}/{id}/{Child}` page by page; next pages are fetched with GET like the first.
    pub fn child_pages<T: DeserializeOwned + Send + 'static>(
        &self,
        route: ChildRoute,
        parent_id: i64,
    ) -> BoxStream<'static, Result<Vec<T>>> {
        self.pages(Pager {
            entity: route.child_entity().to_string(),
            method: Method::GET,
            first: route.path(parent_id),
            body: None,
            buckets: route.buckets().iter().map(|b| b.to_string()).collect(),
        })
    }

    pub async fn list_children<T: DeserializeOwned + Send + 'static>(
        &self,
        route: ChildRoute,
        parent_id: i64,
    ) -> Result<Vec<T>> {
        let pages: Vec<Vec<T>> = self.child_pages(route, parent_id).try_collect().await?;
        Ok(pages.into_iter().flatten().collect())
    }

    /// `GET {Parent}/{pid}/{Child}/{id}`; `None` for `{"item": null}`.
    pub async fn get_child<T: DeserializeOwned>(
        &self,
        route: ChildRoute,
        parent_id: i64,
        id: i64,
    ) -> Result<Option<T>> {
        #[derive(serde::Deserialize)]
        struct Item<T> {
            item: Option<T>,
        }
        let call = self.child_call(
            route,
            Method::GET,
            format!("{}/{id}", route.path(parent_id)),
            None,
            Operation::Read,
        );
        Ok(self.execute::<Item<T>>(&call).await?.item)
    }

    /// `POST {Parent}/{pid}/{Child}` → the new id. Never retried once sent.
    pub async fn create_child<B: Serialize + ?Sized>(
        &self,
        route: ChildRoute,
        parent_id: i64,
        body: &B,
    ) -> Result<i64> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct ItemId {
            item_id: i64,
        }
        let call = self.child_call(
            route,
            Method::POST,
            route.path(parent_id),
            Some(Client::body(body)?),
            Operation::Create,
        );
        Ok(self.execute::<ItemId>(&call).await?.item_id)
    }

    /// `PATCH {Parent}/{pid}/{Child}` with the child's id in the body → the id.
    pub async fn patch_child<B: Serialize + ?Sized>(
        &self,
        route: ChildRoute,
        parent_id: i64,
        body: &B,
    ) -> Result<i64> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct ItemId {
            item_id: i64,
        }
        let call = self.child_call(
            route,
            Method::PATCH,
            route.path(parent_id),
            Some(Client::body(body)?),
            Operation::Update,
        );
        Ok(self.execute::<ItemId>(&call).await?.item_id)
    }

    pub async fn create_contact(&self, contact: &NewContact) -> Result<i64> {
        self.create_child(ChildRoute::CompanyContacts, contact.company_id, contact)
            .await
    }

    pub async fn patch_contact(&self, company_id: i64, patch: &ContactPatch) -> Result<i64> {
        self.patch_child(ChildRoute::CompanyContacts, company_id, patch)
            .await
    }

    pub async fn create_contract_service(&self, service: &NewContractService) -> Result<i64> {
        self.create_child(ChildRoute::ContractServices, service.contract_id, service)
            .await
    }

    pub async fn patch_contract_service(
        &self,
        contract_id: i64,
        patch: &ContractServicePatch,
    ) -> Result<i64> {
        self.patch_child(ChildRoute::ContractServices, contract_id, patch)
            .await
    }

    pub async fn create_service_adjustment(
        &self,
        adjustment: &NewServiceAdjustment,
    ) -> Result<i64> {
        self.create_child(
            ChildRoute::ContractServiceAdjustments,
            adjustment.contract_id,
            adjustment,
        )
        .await
    }
}
