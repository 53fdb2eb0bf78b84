//! Killing the app in the middle of a write transaction loses only that transaction.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use store::repo::customers::{self, Counts, NewCustomer, Source};
use store::{Store, TransactionTrait};

use crate::at;

const DB_ENV: &str = "STORE_CRASH_TEST_DB";
const COMMITTED: usize = 50;

fn customer(name: String) -> NewCustomer {
    NewCustomer {
        zorus_uuid: Some(name.clone()),
        name,
        counts: Counts {
            deployed: 3,
            ..Counts::default()
        },
        counts_read_at: None,
        source: Source::Zorus,
    }
}

/// The child: commits some rows, then writes inside a transaction until it is killed.
#[tokio::test]
#[ignore = "run as a child process by killed_mid_transaction_the_file_is_sound_and_commits_are_kept"]
async fn crash_child_writer() {
    let Some(path) = std::env::var_os(DB_ENV) else {
        return;
    };
    let store = Store::open(std::path::Path::new(&path)).await.unwrap();
    for i in 0..COMMITTED {
        customers::insert(
            store.connection(),
            customer(format!("committed-{i}")),
            at(1, 9),
        )
        .await
        .unwrap();
    }
    let txn = store.connection().begin().await.unwrap();
    for i in 0.. {
        customers::insert(&txn, customer(format!("uncommitted-{i}")), at(1, 9))
            .await
            .unwrap();
        if i == 200 {
            println!("IN-TRANSACTION");
        }
    }
}

#[tokio::test]
async fn killed_mid_transaction_the_file_is_sound_and_commits_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.sqlite3");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "crash::crash_child_writer",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(DB_ENV, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let reached = lines.any(|l| l.is_ok_and(|l| l.contains("IN-TRANSACTION")));
    assert!(reached, "the child reached its open transaction");
    child.kill().unwrap(); // SIGKILL: no destructor, no rollback, no checkpoint
    child.wait().unwrap();

    let store = Store::open(&path).await.unwrap();
    assert_eq!(store.integrity_check().await.unwrap(), "ok");
    let names: Vec<String> = customers::list(store.connection())
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(
        names.len(),
        COMMITTED,
        "every committed row, and none of the killed transaction"
    );
    assert!(names.iter().all(|n| n.starts_with("committed-")));
}
