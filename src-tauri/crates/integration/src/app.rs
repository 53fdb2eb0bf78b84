//! What every use-case works with: the store, the vault, the clock, and the Autotask client built
//! from the saved connection.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use store::repo::connection;
use store::Store;
use vault::{SecretKey, SecretStore};

use crate::clock::Clock;
use crate::error::{Error, Result};

/// How Autotask clients are made. Tests and demo mode point the zone lookup at a simulator and
/// shorten the timeout.
#[derive(Debug, Clone)]
pub struct ClientSettings {
    pub zone_entry_url: String,
    pub timeout: Duration,
    /// The Zorus public API (the Zorus simulator in demo mode and tests).
    pub zorus_base_url: String,
}

impl Default for ClientSettings {
    fn default() -> Self {
        ClientSettings {
            zone_entry_url: autotask::DEFAULT_ZONE_ENTRY_URL.to_string(),
            timeout: Duration::from_secs(60),
            zorus_base_url: zorus::DEFAULT_BASE_URL.to_string(),
        }
    }
}

pub struct App {
    pub store: Store,
    pub vault: Arc<dyn SecretStore>,
    pub clock: Arc<dyn Clock>,
    client_settings: Mutex<ClientSettings>,
    client: Mutex<Option<autotask::Client>>,
    /// The catalog Service's id once found, so later integrations skip the lookup.
    pub(crate) service_id: Mutex<Option<i64>>,
}

impl App {
    pub fn new(
        store: Store,
        vault: Arc<dyn SecretStore>,
        clock: Arc<dyn Clock>,
        client_settings: ClientSettings,
    ) -> App {
        App {
            store,
            vault,
            clock,
            client_settings: Mutex::new(client_settings),
            client: Mutex::new(None),
            service_id: Mutex::new(None),
        }
    }

    pub fn client_settings(&self) -> ClientSettings {
        self.client_settings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Points later clients elsewhere (demo mode's simulator, or back to Autotask) and drops the
    /// current one.
    pub fn set_client_settings(&self, settings: ClientSettings) {
        *self
            .client_settings
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = settings;
        self.set_client(None);
    }

    pub(crate) fn make_client(
        &self,
        username: &str,
        secret: &vault::Secret,
        code: Option<&str>,
    ) -> Result<autotask::Client> {
        let code = autotask::IntegrationCode::resolve(code)?;
        let mut config =
            autotask::ClientConfig::new(username, autotask::Secret::new(secret.expose()), code)
                .with_zone_entry_url(&self.client_settings().zone_entry_url)?;
        config.timeout = self.client_settings().timeout;
        Ok(autotask::Client::new(config)?)
    }

    /// The client for the saved connection, with the secret from the vault.
    pub async fn client(&self) -> Result<autotask::Client> {
        if let Some(c) = self
            .client
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
        {
            return Ok(c);
        }
        let saved = connection::load(self.store.connection())
            .await?
            .ok_or(Error::NotConnected)?;
        let vault = Arc::clone(&self.vault);
        let key = SecretKey::AutotaskSecret {
            username: saved.username.clone(),
        };
        let secret = tokio::task::spawn_blocking(move || vault.get(&key))
            .await
            .map_err(|_| Error::Invalid("The credential store did not answer.".into()))??
            .ok_or(Error::NotConnected)?;
        let client = self.make_client(&saved.username, &secret, Some(&saved.integration_code))?;
        *self.client.lock().unwrap_or_else(|e| e.into_inner()) = Some(client.clone());
        Ok(client)
    }

    pub(crate) fn set_client(&self, client: Option<autotask::Client>) {
        *self.client.lock().unwrap_or_else(|e| e.into_inner()) = client;
    }
}
