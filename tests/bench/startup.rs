//! Cold start to first paint and idle memory of the desktop app, under Xvfb.
//!
//!     cargo bench -p zorus-autotask --bench startup --profile dev
//!
//! (`--profile dev` measures the debug build the README runs and keeps the bench from compiling
//! a release build.) Without a display it re-runs itself under `xvfb-run` and `dbus-run-session`.
//! Each run starts the app on a fresh, empty data folder; "first paint" is when the page reports
//! two animation frames after its first render (the `ui_ready` command). Idle memory is the
//! resident set of the app and its WebKit processes five seconds after first paint.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const APP: &str = env!("CARGO_BIN_EXE_zorus-autotask");
const RUNS: usize = 5;
const REEXEC: &str = "ZORUS_AUTOTASK_BENCH_UNDER_XVFB";

/// Resident memory in KiB of a process, from /proc.
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: the ppid is after the last ')'.
    stat.rsplit_once(')')?
        .1
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// The process and every descendant (WebKit's web and network processes).
fn tree(root: u32) -> Vec<u32> {
    let all: Vec<(u32, Option<u32>)> = std::fs::read_dir("/proc")
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
                .map(|p| (p, parent_of(p)))
                .collect()
        })
        .unwrap_or_default();
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        let p = out[i];
        out.extend(all.iter().filter(|(_, pp)| *pp == Some(p)).map(|(c, _)| *c));
        i += 1;
    }
    out
}

struct Run {
    wall_ms: u128,
    app_ms: u128,
    rss_mib: f64,
    app_rss_mib: f64,
    processes: usize,
}

fn one_run() -> Run {
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let mut child = Command::new(APP)
        .env("ZORUS_AUTOTASK_REPORT_FIRST_PAINT", "1")
        .env("ZORUS_AUTOTASK_DATA_DIR", dir.path().join("data"))
        .env("ZORUS_AUTOTASK_LOG_DIR", dir.path().join("logs"))
        .env("NO_AT_BRIDGE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the app starts");
    let stdout = child.stdout.take().unwrap();
    let mut app_ms = None;
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        if let Some(ms) = line.strip_prefix("first-paint-ms ") {
            app_ms = ms.trim().parse().ok();
            break;
        }
    }
    let wall_ms = started.elapsed().as_millis();
    let app_ms = app_ms.expect("the page reported its first paint");
    std::thread::sleep(Duration::from_secs(5));
    let pids = tree(child.id());
    let rss: u64 = pids.iter().map(|p| rss_kib(*p)).sum();
    let app_rss = rss_kib(child.id());
    let _ = child.kill();
    let _ = child.wait();
    Run {
        wall_ms,
        app_ms,
        rss_mib: rss as f64 / 1024.0,
        app_rss_mib: app_rss as f64 / 1024.0,
        processes: pids.len(),
    }
}

fn main() {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os(REEXEC).is_none() {
        let me = std::env::current_exe().unwrap();
        let status = Command::new("dbus-run-session")
            .args(["--", "xvfb-run", "-a", "-s", "-screen 0 1280x860x24"])
            .arg(me)
            .args(std::env::args().skip(1))
            .env(REEXEC, "1")
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .status()
            .expect("dbus-run-session and xvfb-run (scripts/system-packages.sh test)");
        std::process::exit(status.code().unwrap_or(1));
    }
    // cargo bench passes --bench; nothing else is understood.
    let _ = one_run(); // warm the disk cache and WebKit's first-use files
    let mut runs: Vec<Run> = (0..RUNS).map(|_| one_run()).collect();
    runs.sort_by_key(|r| r.wall_ms);
    let median = &runs[RUNS / 2];
    println!(
        "startup of {APP} (debug build), {RUNS} runs after one warm-up, fresh data folder each"
    );
    for r in &runs {
        println!(
            "  spawn to first paint {:>5} ms (app clock {:>5} ms), idle RSS {:>6.1} MiB in {} processes ({:.1} MiB the app itself)",
            r.wall_ms, r.app_ms, r.rss_mib, r.processes, r.app_rss_mib
        );
    }
    println!(
        "median: cold start to first paint {} ms; idle memory {:.1} MiB (app + WebKit processes), {:.1} MiB the app process",
        median.wall_ms, median.rss_mib, median.app_rss_mib
    );
}
