//! Starting tauri-driver and a WebDriver session on the app, waiting for the page, screenshots.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::webdriver::{Element, Session};

pub const APP: &str = env!("CARGO_BIN_EXE_zorus-autotask");

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn wait_for_port(port: u16, deadline: Instant) {
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
        assert!(Instant::now() < deadline, "nothing listens on port {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// tauri-driver with the app's environment; killed on drop.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    /// The app inherits tauri-driver's environment, so `env` is how the test configures it.
    pub fn start(env: &[(&str, String)]) -> Driver {
        let port = free_port();
        let native = free_port();
        let bin = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
        let mut cmd = Command::new(bin);
        // Its own process group, so dropping the driver also ends the WebKitWebDriver and the app
        // it started, even when a test fails mid-session.
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd
            .spawn()
            .expect("tauri-driver runs (cargo install tauri-driver --version '^2' --locked)");
        let deadline = Instant::now() + Duration::from_secs(20);
        // tauri-driver accepts before its WebKitWebDriver does: wait for both.
        wait_for_port(port, deadline);
        wait_for_port(native, deadline);
        Driver { child, port }
    }

    pub async fn session(&self) -> Session {
        let caps = json!({ "browserName": "wry", "tauri:options": { "application": APP } });
        let session = Session::start(&format!("http://127.0.0.1:{}", self.port), caps)
            .await
            .expect("a WebDriver session on the app");
        wait_page(&session).await;
        session
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits until the page module has rendered a page.
pub async fn wait_page(c: &Session) {
    wait_css(c, "main[data-ready='true']").await;
}

pub async fn wait_css<'s>(c: &'s Session, css: &str) -> Element<'s> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match c.find(css).await {
            Ok(e) => return e,
            Err(e) => assert!(Instant::now() < deadline, "{css} did not appear: {e}"),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until a script returns true.
pub async fn wait_js(c: &Session, what: &str, script: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if c.execute(script, vec![]).await.ok() == Some(Value::Bool(true)) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Opens a page from the sidebar and waits for it.
pub async fn open(c: &Session, page: &str) {
    c.execute(
        "document.getElementById('main').dataset.ready = 'false';",
        vec![],
    )
    .await
    .unwrap();
    c.find(&format!("nav.side a[data-page='{page}']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_css(c, &format!("main[data-page='{page}'][data-ready='true']")).await;
}

pub async fn type_into(c: &Session, css: &str, text: &str) {
    let e = c.find(css).await.unwrap();
    e.clear().await.unwrap();
    e.send_keys(text).await.unwrap();
}

/// Sets a select's value and tells the page, as choosing with the keyboard would.
pub async fn choose(c: &Session, css: &str, value: &str) {
    c.execute(
        "const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change'));",
        vec![json!(css), json!(value)],
    )
    .await
    .unwrap();
}

pub async fn click(c: &Session, css: &str) {
    wait_css(c, css).await.click().await.unwrap();
}

pub async fn text(c: &Session, css: &str) -> String {
    wait_css(c, css).await.text().await.unwrap()
}

pub fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every visible input has a label, and nothing the partner can use is out of the tab order.
pub async fn assert_accessible(c: &Session, page: &str) {
    let problems = c
        .execute(
            "const shown = (e) => !e.closest('[hidden]');
             const unlabelled = [...document.querySelectorAll('input, select')]
               .filter(shown)
               .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
               .map((e) => 'unlabelled ' + (e.id || e.outerHTML.slice(0, 60)));
             const untabbable = [...document.querySelectorAll('button, a[href], input, select')]
               .filter(shown)
               .filter((e) => e.tabIndex < 0)
               .map((e) => 'not in the tab order: ' + (e.id || e.textContent));
             return unlabelled.concat(untabbable);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(problems, json!([]), "on {page}");
}

pub async fn screenshot(c: &Session, name: &str) {
    assert_accessible(c, name).await;
    // Let the last paint settle (toasts fade, bars fill).
    tokio::time::sleep(Duration::from_millis(300)).await;
    let png = c.screenshot().await.expect("a screenshot");
    std::fs::write(artifacts().join(format!("{name}.png")), png).unwrap();
}

/// Every file under `dir`, as bytes, with its path.
pub fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else if let Ok(bytes) = std::fs::read(&p) {
            out.push((p, bytes));
        }
    }
    out
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}
