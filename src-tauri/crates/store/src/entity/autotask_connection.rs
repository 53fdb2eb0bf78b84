use sea_orm::entity::prelude::*;

/// The one saved Autotask connection. The secret is not here: it lives in the vault.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "autotask_connection")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i64,
    pub username: String,
    pub zone_url: String,
    pub web_url: Option<String>,
    pub integration_code: String,
    pub verified_at: Option<String>,
    pub updated_at: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
