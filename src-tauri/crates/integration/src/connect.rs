//! Connect and disconnect: validate the API user against Autotask, then save the connection in the
//! store and the secret in the vault.

use std::sync::Arc;

use autotask::models::Resource;
use autotask::{Filter, Query};
use serde::Serialize;
use store::repo::audit::{self, NewAuditEntry};
use store::repo::connection::{self, Connection};
use vault::{Secret, SecretKey};

use crate::app::App;
use crate::error::{Error, Result};

pub struct ConnectInput {
    pub username: String,
    pub secret: Secret,
    /// The tracking identifier of a custom (internal) integration, when the build carries no
    /// vendor integration code.
    pub integration_code: Option<String>,
}

/// What the Integrations page shows once connected. No secret in it.
#[derive(Debug, Clone, Serialize)]
pub struct ConnectionView {
    pub username: String,
    pub zone_url: String,
    pub web_url: Option<String>,
    pub api_user_resource_id: i64,
    pub api_user_name: String,
}

/// True when this build carries a vendor integration code, so the partner is not asked for one.
pub fn build_has_integration_code() -> bool {
    autotask::BUILD_INTEGRATION_CODE.is_some_and(|c| !c.trim().is_empty())
}

pub async fn connect(app: &App, input: ConnectInput) -> Result<ConnectionView> {
    let username = input.username.trim().to_string();
    if username.is_empty() {
        return Err(Error::Invalid("Enter the API user's username.".into()));
    }
    if input.secret.is_empty() {
        return Err(Error::Invalid("Enter the API user's secret.".into()));
    }
    let code = input
        .integration_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    if code.is_none() && !build_has_integration_code() {
        return Err(Error::Invalid("Enter the API tracking identifier: in Autotask, open the API user, choose Custom (internal integration) under API Tracking Identifier, and copy the code it shows.".into()));
    }
    let client = app.make_client(&username, &input.secret, code.as_deref())?;
    let zone = client.zone().await?;
    // One real query proves the username, secret and tracking identifier together.
    let me: Vec<Resource> = client
        .query(
            &Query::new()
                .filter(Filter::eq("userName", username.clone()))
                .max_records(1),
        )
        .await?;
    let me = me.into_iter().next().ok_or_else(|| {
        Error::Autotask(crate::error::AutotaskFailure {
            message: "The API user can sign in but cannot read Resources. Give it the API User (system) security level in Autotask.".into(),
            source: autotask::Error::Forbidden { messages: vec!["Resources query returned nothing".into()] },
        })
    })?;
    let now = app.clock.now();
    let saved = Connection {
        username: username.clone(),
        zone_url: zone.url.clone(),
        web_url: zone.web_url.clone(),
        integration_code: code.unwrap_or_default(),
        verified_at: Some(now),
    };
    let vault = Arc::clone(&app.vault);
    let key = SecretKey::AutotaskSecret {
        username: username.clone(),
    };
    let secret = input.secret.clone();
    tokio::task::spawn_blocking(move || vault.set(&key, &secret))
        .await
        .map_err(|_| Error::Invalid("The credential store did not answer.".into()))??;
    connection::save(app.store.connection(), &saved, now).await?;
    audit::record(
        app.store.connection(),
        NewAuditEntry {
            action: "connect",
            object: "Autotask",
            object_ids: Some(format!("resource {}", me.id)),
            summary: format!("Connected as {username} to {}", zone.url),
            outcome: "ok",
        },
        now,
    )
    .await?;
    app.set_client(Some(client));
    Ok(ConnectionView {
        username,
        zone_url: zone.url,
        web_url: zone.web_url,
        api_user_resource_id: me.id,
        api_user_name: [me.first_name, me.last_name]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
    })
}

/// Removes the secret and the connection; every saved mapping stays.
pub async fn disconnect(app: &App) -> Result<()> {
    let saved = connection::load(app.store.connection()).await?;
    if let Some(saved) = &saved {
        let vault = Arc::clone(&app.vault);
        let key = SecretKey::AutotaskSecret {
            username: saved.username.clone(),
        };
        tokio::task::spawn_blocking(move || vault.delete(&key))
            .await
            .map_err(|_| Error::Invalid("The credential store did not answer.".into()))??;
    }
    connection::clear(app.store.connection()).await?;
    app.set_client(None);
    let now = app.clock.now();
    let who = saved.map(|s| s.username).unwrap_or_default();
    audit::record(
        app.store.connection(),
        NewAuditEntry {
            action: "disconnect",
            object: "Autotask",
            object_ids: None,
            summary: format!("Disconnected {who}; saved mappings kept"),
            outcome: "ok",
        },
        now,
    )
    .await?;
    Ok(())
}

pub async fn current(app: &App) -> Result<Option<Connection>> {
    Ok(connection::load(app.store.connection()).await?)
}
