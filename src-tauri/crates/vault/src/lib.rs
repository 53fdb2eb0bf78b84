//! Secrets (the Autotask API user's secret, the Zorus API key) live in the operating system's
//! credential store and nowhere else. This crate holds the [`SecretStore`] trait, the keyring-backed
//! store the app uses, an in-memory store for tests, and the [`Secret`] type that keeps a secret out
//! of logs, errors and serialized output.

mod error;
mod keyring_store;
mod memory;
mod secret;

pub use error::{VaultError, VaultErrorCode};
pub use keyring_store::{KeyringStore, SERVICE_NAME};
pub use memory::MemoryStore;
pub use secret::Secret;

/// Which secret an entry holds. The account names are stable: changing one loses saved secrets.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SecretKey {
    /// The Autotask API user's secret, per API username.
    AutotaskSecret { username: String },
    /// The partner's Zorus API key.
    ZorusApiKey,
}

impl SecretKey {
    pub fn account(&self) -> String {
        match self {
            SecretKey::AutotaskSecret { username } => format!("autotask:{username}"),
            SecretKey::ZorusApiKey => "zorus:api-key".to_string(),
        }
    }
}

/// Where secrets are kept. Calls may block on the platform's store: call them from a blocking
/// context (e.g. `tokio::task::spawn_blocking`) in async code.
pub trait SecretStore: Send + Sync {
    /// The secret, or `None` when nothing is saved under the key.
    fn get(&self, key: &SecretKey) -> Result<Option<Secret>, VaultError>;
    fn set(&self, key: &SecretKey, secret: &Secret) -> Result<(), VaultError>;
    /// Removes the secret; removing a missing one is not an error.
    fn delete(&self, key: &SecretKey) -> Result<(), VaultError>;
}
