//! A secret saved through the stack (vault for the secret, store for the rest, with logging on)
//! leaves no trace in the database files or the log file.

use std::sync::{Arc, Mutex};

use store::repo::audit::{self, NewAuditEntry};
use store::repo::connection::{self, Connection};
use store::Store;
use vault::{MemoryStore, Secret, SecretKey, SecretStore};

use crate::at;

const SECRET: &str = "S3cr3t-Autotask-x9Q!-§";
const USERNAME: &str = "billing-api@msp.example";

/// Collects every log line of the process (all threads, all levels) into a shared file buffer.
#[derive(Clone)]
struct LogFile(Arc<Mutex<std::fs::File>>);

impl std::io::Write for LogFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.lock().unwrap().flush()
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn a_saved_secret_never_reaches_the_database_or_the_logs() {
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join("app.log");
    let file = LogFile(Arc::new(Mutex::new(
        std::fs::File::create(&log_path).unwrap(),
    )));
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || file.clone())
        .finish();
    tracing::subscriber::set_global_default(subscriber)
        .expect("only this test installs a subscriber");

    let db_path = dir.path().join("app.sqlite3");
    let store = Store::open(&db_path).await.unwrap();
    let vault = MemoryStore::new();
    let secret = Secret::new(SECRET);
    let key = SecretKey::AutotaskSecret {
        username: USERNAME.into(),
    };
    vault.set(&key, &secret).unwrap();
    let saved = Connection {
        username: USERNAME.into(),
        zone_url: "https://webservices5.autotask.net/ATServicesRest/".into(),
        web_url: Some("https://ww5.autotask.net/".into()),
        integration_code: "ZORUSDEMO0000000000000000000".into(),
        verified_at: Some(at(1, 9)),
    };
    connection::save(store.connection(), &saved, at(1, 9))
        .await
        .unwrap();
    audit::record(
        store.connection(),
        NewAuditEntry {
            action: "connect",
            object: "Autotask",
            object_ids: None,
            summary: format!("credentials saved for {USERNAME}, secret {secret:?}"),
            outcome: "ok",
        },
        at(1, 9),
    )
    .await
    .unwrap();
    tracing::info!(?secret, username = USERNAME, connection = ?saved, "connected to Autotask");
    assert_eq!(
        vault.get(&key).unwrap().unwrap().expose(),
        SECRET,
        "the vault holds it"
    );
    assert_eq!(
        connection::load(store.connection()).await.unwrap(),
        Some(saved)
    );
    store.close().await.unwrap();

    let mut scanned = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            !contains(&bytes, SECRET.as_bytes()),
            "the secret is in {}",
            path.display()
        );
        assert!(
            !contains(&bytes, "x9Q!".as_bytes()),
            "part of the secret is in {}",
            path.display()
        );
        scanned += 1;
    }
    assert!(scanned >= 2, "the database and the log were scanned");
    let db = std::fs::read(&db_path).unwrap();
    assert!(
        contains(&db, USERNAME.as_bytes()),
        "the scan reads real content: the username is there"
    );
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        log.contains("connected to Autotask") && log.contains("<redacted>"),
        "logging was on: {log}"
    );
}
