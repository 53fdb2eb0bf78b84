//! Single records and counts: get by id, count, create, patch.

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::client::{read_call, Call, Client, Target};
use crate::error::Result;
use crate::retry::Operation;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ItemId {
    item_id: i64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct QueryCount {
    query_count: u64,
}

#[derive(Deserialize)]
struct Item<T> {
    item: Option<T>,
}

impl Client {
    /// `GET {T::NAME}/{id}`; `None` for `{"item": null}` (§4.5, §12b).
    pub async fn get<T: crate::Entity>(&self, id: i64) -> Result<Option<T>> {
        self.get_as(T::NAME, id).await
    }

    pub async fn get_as<T: DeserializeOwned>(&self, entity: &str, id: i64) -> Result<Option<T>> {
        let call = read_call(entity, format!("{entity}/{id}"));
        Ok(self.execute::<Item<T>>(&call).await?.item)
    }

    /// `POST {T::NAME}/query/count`.
    pub async fn count<T: crate::Entity>(&self, query: &crate::Query) -> Result<u64> {
        self.count_as(T::NAME, query).await
    }

    pub async fn count_as(&self, entity: &str, query: &crate::Query) -> Result<u64> {
        let call = Call {
            method: Method::POST,
            target: Target::Path(format!("{entity}/query/count")),
            body: Some(Self::body(query)?),
            op: Operation::Read,
            entity,
            buckets: vec![entity],
        };
        Ok(self.execute::<QueryCount>(&call).await?.query_count)
    }

    /// `POST {entity}` → the new id. Never retried once sent; see [`Error::UnknownOutcome`].
    pub async fn create<B: Serialize + ?Sized>(&self, entity: &str, body: &B) -> Result<i64> {
        let call = Call {
            method: Method::POST,
            target: Target::Path(entity.to_string()),
            body: Some(Self::body(body)?),
            op: Operation::Create,
            entity,
            buckets: vec![entity],
        };
        Ok(self.execute::<ItemId>(&call).await?.item_id)
    }

    /// `PATCH {entity}` with the id in the body (§3.1) → the id.
    pub async fn patch<B: Serialize + ?Sized>(&self, entity: &str, body: &B) -> Result<i64> {
        let call = Call {
            method: Method::PATCH,
            target: Target::Path(entity.to_string()),
            body: Some(Self::body(body)?),
            op: Operation::Update,
            entity,
            buckets: vec![entity],
        };
        Ok(self.execute::<ItemId>(&call).await?.item_id)
    }
}
