use std::collections::HashMap;
use std::sync::Mutex;

use crate::{Secret, SecretKey, SecretStore, VaultError};

/// Secrets kept in this process only: for tests and for runs that must not touch the OS store.
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, Secret>>,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Secret>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl SecretStore for MemoryStore {
    fn get(&self, key: &SecretKey) -> Result<Option<Secret>, VaultError> {
        Ok(self.lock().get(&key.account()).cloned())
    }

    fn set(&self, key: &SecretKey, secret: &Secret) -> Result<(), VaultError> {
        self.lock().insert(key.account(), secret.clone());
        Ok(())
    }

    fn delete(&self, key: &SecretKey) -> Result<(), VaultError> {
        self.lock().remove(&key.account());
        Ok(())
    }
}
