//! Typed records and request bodies. Wire names are camelCase with `ID` suffixes (§1.4, §1.6);
//! unknown fields are ignored so a tenant with newer fields still decodes; every field the
//! service may leave null is an `Option`.

mod billing_code;
mod company;
mod contact;
mod contract;
mod contract_service;
mod metadata;
mod resource;
mod service;
mod service_adjustment;
mod service_unit;
mod threshold;

pub use billing_code::BillingCode;
pub use company::{Company, CompanyPatch, NewCompany};
pub use contact::{Contact, ContactPatch, NewContact};
pub use contract::{Contract, ContractPatch, NewContract};
pub use contract_service::{ContractService, ContractServicePatch, NewContractService};
pub use metadata::{EntityInformation, FieldInfo, PicklistValue, UdfInfo};
pub use resource::Resource;
pub use service::{NewService, Service, ServicePatch};
pub use service_adjustment::{NewServiceAdjustment, ServiceAdjustment};
pub use service_unit::ContractServiceUnit;
pub use threshold::ThresholdInformation;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A record type of one Autotask entity.
pub trait Entity: DeserializeOwned + Send + 'static {
    /// The entity's name in URLs, e.g. `Companies`.
    const NAME: &'static str;
    fn id(&self) -> i64;
}

/// A user-defined field value. Values are strings on the wire (§5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Udf {
    pub name: String,
    #[serde(default)]
    pub value: Option<String>,
}

impl Udf {
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Udf {
        Udf {
            name: name.into(),
            value: Some(value.into()),
        }
    }
}

/// The value of the named UDF in a record's list, if set.
pub fn udf_value<'a>(udfs: &'a [Udf], name: &str) -> Option<&'a str> {
    udfs.iter()
        .find(|u| u.name.eq_ignore_ascii_case(name))
        .and_then(|u| u.value.as_deref())
}

macro_rules! entity {
    ($ty:ty, $name:literal) => {
        impl $crate::models::Entity for $ty {
            const NAME: &'static str = $name;
            fn id(&self) -> i64 {
                self.id
            }
        }
    };
}
pub(crate) use entity;
