//! The vault's stores. The keyring tests need a running, unlocked Secret Service; they are
//! `#[ignore]`d here and run by scripts/test-all.sh inside `dbus-run-session` with gnome-keyring.

use vault::{KeyringStore, MemoryStore, Secret, SecretKey, SecretStore, VaultErrorCode};

fn exercise(store: &dyn SecretStore, suffix: &str) {
    let key = SecretKey::AutotaskSecret {
        username: format!("api-{suffix}@msp.example"),
    };
    let other = SecretKey::ZorusApiKey;
    store.delete(&key).unwrap();
    assert_eq!(
        store.get(&key).unwrap(),
        None,
        "a missing entry is None, not an error"
    );
    store.set(&key, &Secret::new("s3cr3t-ü-☃")).unwrap();
    assert_eq!(store.get(&key).unwrap().unwrap().expose(), "s3cr3t-ü-☃");
    store.set(&key, &Secret::new("rotated")).unwrap();
    assert_eq!(
        store.get(&key).unwrap().unwrap().expose(),
        "rotated",
        "set replaces"
    );
    store.set(&other, &Secret::new("zorus-key")).unwrap();
    assert_eq!(
        store.get(&key).unwrap().unwrap().expose(),
        "rotated",
        "entries are separate"
    );
    store.delete(&key).unwrap();
    store.delete(&key).unwrap();
    assert_eq!(store.get(&key).unwrap(), None);
    assert_eq!(store.get(&other).unwrap().unwrap().expose(), "zorus-key");
    store.delete(&other).unwrap();
}

#[test]
fn memory_store_sets_gets_and_deletes() {
    exercise(&MemoryStore::new(), "memory");
}

#[test]
#[ignore = "needs a Secret Service: run by scripts/test-all.sh under dbus-run-session"]
fn keyring_store_round_trips_through_the_secret_service() {
    let store = KeyringStore::new("com.zorus.autotask.desktop.test");
    exercise(&store, "keyring");
    // A fresh store object sees what another saved: the secret is in the OS store, not in memory.
    let key = SecretKey::AutotaskSecret {
        username: "persist@msp.example".into(),
    };
    KeyringStore::new("com.zorus.autotask.desktop.test")
        .set(&key, &Secret::new("kept"))
        .unwrap();
    assert_eq!(store.get(&key).unwrap().unwrap().expose(), "kept");
    store.delete(&key).unwrap();
}

#[test]
#[ignore = "needs a session bus without a Secret Service: run by scripts/test-all.sh"]
fn without_a_secret_service_the_error_says_what_to_do() {
    let store = KeyringStore::new("com.zorus.autotask.desktop.test");
    let err = store.get(&SecretKey::ZorusApiKey).unwrap_err();
    assert!(
        matches!(
            err.code,
            VaultErrorCode::Unavailable | VaultErrorCode::PlatformFailure
        ),
        "{err:?}"
    );
    assert!(err.message.contains("Secret Service"), "{}", err.message);
}

#[test]
fn a_secret_never_prints_or_serializes() {
    let secret = Secret::new("hunter2-very-secret");
    assert_eq!(format!("{secret:?}"), "<redacted>");
    assert_eq!(format!("{secret}"), "<redacted>");
    assert!(serde_json::to_string(&secret).is_err());
    #[derive(Debug, serde::Serialize)]
    struct Holder {
        user: String,
        secret: Secret,
    }
    let holder = Holder {
        user: "u".into(),
        secret,
    };
    assert!(!format!("{holder:?}").contains("hunter2"));
    let err = serde_json::to_string(&holder).unwrap_err().to_string();
    assert!(!err.contains("hunter2"), "{err}");
}

#[test]
fn development_builds_use_their_own_service_name() {
    assert_eq!(
        vault::SERVICE_NAME.ends_with(".dev"),
        cfg!(debug_assertions)
    );
}
