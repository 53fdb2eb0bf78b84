use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use zorus_sim::DEMO_API_KEY;

/// Kills the child it holds when dropped, so a failed assertion leaves no server running.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The binary prints its address as its first line, then serves until killed.
#[tokio::test]
async fn the_binary_announces_its_port_and_serves() {
    let mut child = Running(
        Command::new(env!("CARGO_BIN_EXE_zorus-sim"))
            .args([
                "--port",
                "0",
                "--seed",
                "tiny",
                "--seed-number",
                "3",
                "--key",
                "k-123",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("zorus-sim starts"),
    );
    let mut first = String::new();
    let stdout = child.0.stdout.take().expect("stdout");
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("a first line");
    let base = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .to_string();
    assert!(base.starts_with("http://127.0.0.1:"));
    let call = |key: &str| {
        reqwest::Client::new()
            .post(format!("{base}/api/customers/search"))
            .header("Authorization", format!("Impersonation {key}"))
            .header("Zorus-Api-Version", "1.0")
            .json(&serde_json::json!({ "page": 1, "pageSize": 10 }))
            .send()
    };
    let ok = call("k-123").await.expect("answers");
    assert_eq!(ok.status().as_u16(), 200);
    let items: Vec<serde_json::Value> = ok.json().await.expect("array");
    assert_eq!(items.len(), 3);
    let refused = call(DEMO_API_KEY).await.expect("answers");
    assert_eq!(refused.status().as_u16(), 401);
    drop(child);
}

#[test]
fn bad_flags_exit_with_usage() {
    let out = Command::new(env!("CARGO_BIN_EXE_zorus-sim"))
        .args(["--seed", "huge"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
}
