//! What the tenant says about itself: threshold usage, entity capabilities, fields, picklists.

use std::sync::Arc;

use reqwest::Method;
use serde::Deserialize;

use crate::client::{lock, read_call, Call, Client, Target};
use crate::error::Result;
use crate::models::{EntityInformation, FieldInfo, ThresholdInformation, UdfInfo};
use crate::retry::Operation;

#[derive(Deserialize)]
struct Fields<T> {
    fields: Vec<T>,
}

#[derive(Deserialize)]
struct Info {
    info: EntityInformation,
}

impl Client {
    /// `GET ThresholdInformation`: the tenant's usage of its hourly threshold. It costs a request
    /// of its own (§7.2), so it is read only when asked for.
    pub async fn threshold_information(&self) -> Result<ThresholdInformation> {
        let call = Call {
            method: Method::GET,
            target: Target::Path("ThresholdInformation".into()),
            body: None,
            op: Operation::Read,
            entity: "ThresholdInformation",
            buckets: vec!["ThresholdInformation"],
        };
        let info: ThresholdInformation = self.execute(&call).await?;
        self.inner.usage.record_threshold(info.clone());
        Ok(info)
    }

    /// `GET {entity}/entityInformation`.
    pub async fn entity_information(&self, entity: &str) -> Result<EntityInformation> {
        let call = read_call(entity, format!("{entity}/entityInformation"));
        Ok(self.execute::<Info>(&call).await?.info)
    }

    /// `GET {entity}/entityInformation/fields`, kept for the client's life (metadata rarely
    /// changes, and API calls are the scarce resource).
    pub async fn fields(&self, entity: &str) -> Result<Arc<Vec<FieldInfo>>> {
        let key = entity.to_ascii_lowercase();
        if let Some(f) = lock(&self.inner.fields).get(&key) {
            return Ok(Arc::clone(f));
        }
        // The metadata route shares the entity's thread bucket (§7.3).
        let call = read_call(entity, format!("{entity}/entityInformation/fields"));
        let fields = Arc::new(self.execute::<Fields<FieldInfo>>(&call).await?.fields);
        lock(&self.inner.fields).insert(key, Arc::clone(&fields));
        Ok(fields)
    }

    /// `GET {entity}/entityInformation/userDefinedFields`.
    pub async fn udf_fields(&self, entity: &str) -> Result<Vec<UdfInfo>> {
        let call = read_call(
            entity,
            format!("{entity}/entityInformation/userDefinedFields"),
        );
        Ok(self.execute::<Fields<UdfInfo>>(&call).await?.fields)
    }

    /// The number behind a picklist label, e.g. ("Contracts", "contractType", "Recurring Service").
    pub async fn picklist_value(
        &self,
        entity: &str,
        field: &str,
        label: &str,
    ) -> Result<Option<i64>> {
        let fields = self.fields(entity).await?;
        Ok(fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(field))
            .and_then(|f| f.picklist_value(label)))
    }
}
