use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "customers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub zorus_uuid: Option<String>,
    pub name: String,
    pub deployed_endpoints: i64,
    pub filtering_endpoints: Option<i64>,
    pub cybersight_endpoints: Option<i64>,
    pub recently_seen_endpoints: Option<i64>,
    pub counts_read_at: Option<String>,
    pub source: String,
    pub enabled: bool,
    pub vanished_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_one = "super::customer_integrations::Entity")]
    Integration,
}

impl Related<super::customer_integrations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Integration.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
