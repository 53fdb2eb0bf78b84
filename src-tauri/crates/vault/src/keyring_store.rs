//! The OS credential store through `keyring` 3: Windows Credential Manager, macOS Keychain, and on
//! Linux the Secret Service (gnome-keyring, KWallet) over D-Bus.
//!
//! On Linux there is deliberately no fallback to the kernel keyring: its keys vanish at logout or
//! reboot, so the app would silently "forget" the partner's secret and the next sync would fail
//! for no visible reason. When no Secret Service runs we say so, with what to install.

use keyring::Entry;

use crate::{Secret, SecretKey, SecretStore, VaultError, VaultErrorCode};

/// Development builds keep their secrets apart from an installed release's.
pub const SERVICE_NAME: &str = if cfg!(debug_assertions) {
    "com.zorus.autotask.desktop.dev"
} else {
    "com.zorus.autotask.desktop"
};

pub struct KeyringStore {
    service: String,
}

impl Default for KeyringStore {
    fn default() -> Self {
        KeyringStore::new(SERVICE_NAME)
    }
}

impl KeyringStore {
    /// A store under another service name (tests use their own).
    pub fn new(service: impl Into<String>) -> KeyringStore {
        KeyringStore {
            service: service.into(),
        }
    }

    fn entry(&self, key: &SecretKey) -> Result<Entry, VaultError> {
        Entry::new(&self.service, &key.account()).map_err(map_error)
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, key: &SecretKey) -> Result<Option<Secret>, VaultError> {
        match self.entry(key)?.get_password() {
            Ok(value) => Ok(Some(Secret::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_error(e)),
        }
    }

    fn set(&self, key: &SecretKey, secret: &Secret) -> Result<(), VaultError> {
        self.entry(key)?
            .set_password(secret.expose())
            .map_err(map_error)
    }

    fn delete(&self, key: &SecretKey) -> Result<(), VaultError> {
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_error(e)),
        }
    }
}

fn map_error(e: keyring::Error) -> VaultError {
    // Only the kind is logged: platform texts can carry the entry's attributes.
    tracing::warn!(kind = error_kind(&e), "credential store error");
    match e {
        keyring::Error::NoStorageAccess(_) => VaultError::new(
            VaultErrorCode::Unavailable,
            unavailable_message(),
        ),
        keyring::Error::PlatformFailure(_) => VaultError::new(
            VaultErrorCode::PlatformFailure,
            format!("The system's credential store failed. {}", unavailable_message()),
        ),
        keyring::Error::BadEncoding(_) => VaultError::new(
            VaultErrorCode::Corrupt,
            "The saved secret could not be read. Enter it again on the Integrations page.",
        ),
        keyring::Error::TooLong(..) | keyring::Error::Invalid(..) => VaultError::new(
            VaultErrorCode::Rejected,
            "The system's credential store did not accept this secret (too long or not valid).",
        ),
        _ => VaultError::new(
            VaultErrorCode::PlatformFailure,
            "The system's credential store reported an unexpected error. Try again; if it goes on, restart the app.",
        ),
    }
}

fn unavailable_message() -> &'static str {
    if cfg!(target_os = "linux") {
        "No Secret Service is running or it is locked. Log in to a desktop session with GNOME Keyring or KWallet running (for example `sudo apt install gnome-keyring`), unlock it, and try again."
    } else if cfg!(target_os = "macos") {
        "The Keychain could not be reached. Unlock your login keychain in Keychain Access and try again."
    } else {
        "The Windows Credential Manager could not be reached. Sign in to your Windows account and try again."
    }
}

fn error_kind(e: &keyring::Error) -> &'static str {
    match e {
        keyring::Error::NoStorageAccess(_) => "no_storage_access",
        keyring::Error::PlatformFailure(_) => "platform_failure",
        keyring::Error::BadEncoding(_) => "bad_encoding",
        keyring::Error::TooLong(..) => "too_long",
        keyring::Error::Invalid(..) => "invalid",
        keyring::Error::NoEntry => "no_entry",
        keyring::Error::Ambiguous(_) => "ambiguous",
        _ => "other",
    }
}
