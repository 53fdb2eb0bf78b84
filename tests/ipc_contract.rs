//! The IPC contract, checked from the sources: every command in the invoke handler is listed in
//! build.rs (so capabilities gate it) and granted by the main window's capability, and nothing
//! else is; every command the UI calls exists; and ui/errors.js handles every error code the
//! shell can send, including the codes of the Autotask, Zorus and vault errors it passes through.

use std::collections::BTreeSet;
use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The text between `start` and the bracket that closes the first `open` after it.
fn block<'a>(text: &'a str, start: &str, open: char, close: char) -> &'a str {
    let at = text
        .find(start)
        .unwrap_or_else(|| panic!("{start} not found"));
    let from = at + start.len() + text[at + start.len()..].find(open).unwrap();
    let mut depth = 0;
    for (i, ch) in text[from..].char_indices() {
        if ch == open {
            depth += 1;
        } else if ch == close {
            depth -= 1;
            if depth == 0 {
                return &text[from + 1..from + i];
            }
        }
    }
    panic!("{start}: unbalanced")
}

/// Every "quoted" string in a piece of source.
fn quoted(text: &str) -> Vec<String> {
    text.split('"')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

fn handler_commands() -> BTreeSet<String> {
    let lib = read("src-tauri/src/lib.rs");
    block(&lib, "generate_handler!", '[', ']')
        .split(',')
        .map(|p| p.trim().rsplit("::").next().unwrap().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

fn build_commands() -> BTreeSet<String> {
    let build = read("src-tauri/build.rs");
    quoted(block(&build, "const APP_COMMANDS: &[&str] = &", '[', ']'))
        .into_iter()
        .collect()
}

fn granted_commands() -> BTreeSet<String> {
    let cap: serde_json::Value =
        serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect()
}

fn ui_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("ui")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "js") {
                out.push((
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                ));
            }
        }
    }
    out
}

#[test]
fn handler_build_script_and_capability_list_the_same_commands() {
    let handler = handler_commands();
    assert!(handler.len() > 10, "{handler:?}");
    assert_eq!(handler, build_commands(), "lib.rs handler vs build.rs");
    assert_eq!(
        handler,
        granted_commands(),
        "lib.rs handler vs capabilities/main.json"
    );
}

#[test]
fn every_command_the_ui_calls_exists_and_every_command_is_used() {
    let handler = handler_commands();
    let mut called = BTreeSet::new();
    for (path, text) in ui_sources() {
        for piece in text.split("call('").skip(1) {
            let name = piece.split('\'').next().unwrap().to_string();
            assert!(
                handler.contains(&name),
                "{path} calls {name}, which is not a command"
            );
            called.insert(name);
        }
    }
    let unused: Vec<_> = handler.difference(&called).collect();
    assert!(unused.is_empty(), "commands no page calls: {unused:?}");
}

/// The codes a crate's `fn code` can return, from its source.
fn codes_in(path: &str) -> Vec<String> {
    let text = read(path);
    quoted(block(&text, "fn code(&self)", '{', '}'))
}

#[test]
fn the_ui_handles_every_error_code() {
    let mut codes: BTreeSet<String> = BTreeSet::new();
    for path in [
        "src-tauri/crates/integration/src/error.rs",
        "src-tauri/crates/autotask/src/error.rs",
        "src-tauri/crates/zorus/src/error.rs",
    ] {
        let found = codes_in(path);
        assert!(!found.is_empty(), "no codes in {path}");
        codes.extend(found);
    }
    let shell = read("src-tauri/src/ipc_error.rs");
    codes.extend(quoted(block(&shell, "pub mod codes", '{', '}')));
    let errors = read("ui/errors.js");
    let table = block(&errors, "export const ERROR_KINDS", '{', '}');
    let handled: BTreeSet<String> = table
        .lines()
        .filter_map(|l| l.trim().split_once(':'))
        .filter(|(k, _)| !k.starts_with("//"))
        .map(|(k, _)| k.trim().to_string())
        .collect();
    let missing: Vec<_> = codes.difference(&handled).collect();
    assert!(
        missing.is_empty(),
        "ui/errors.js does not handle {missing:?}"
    );
}

#[test]
fn the_csp_allows_no_remote_origin_eval_or_inline_script() {
    let conf: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    let csp = conf["app"]["security"]["csp"].as_str().expect("a CSP");
    for bad in ["unsafe-eval", "unsafe-inline", "http:", "https:", "*"] {
        let directives: Vec<&str> = csp
            .split(';')
            .filter(|d| !d.trim().starts_with("connect-src"))
            .collect();
        assert!(
            !directives.iter().any(|d| d.contains(bad)),
            "CSP allows {bad}: {csp}"
        );
    }
    // IPC is the only connection: Tauri's own scheme and its localhost fallback.
    let connect = csp
        .split(';')
        .find(|d| d.trim().starts_with("connect-src"))
        .unwrap();
    for source in connect.split_whitespace().skip(1) {
        assert!(
            source == "ipc:" || source == "http://ipc.localhost",
            "connect-src allows {source}"
        );
    }
    for (path, text) in ui_sources() {
        assert!(!text.contains("innerHTML"), "{path} uses innerHTML");
        assert!(!text.contains("eval("), "{path} uses eval");
    }
    let index = read("ui/index.html");
    assert!(
        !index.contains("<script>") && !index.contains(" style="),
        "inline script or style in index.html"
    );
}
