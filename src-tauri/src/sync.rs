//! The headless `sync` subcommand for scheduled runs (Task Scheduler, cron, launchd): no window,
//! the same use-cases as the app. It prints the plan; `--apply` also sends it. The exit code is 0
//! when everything worked, 1 when anything failed, 2 on bad arguments.

use integration::sync;

const USAGE: &str = "usage: zorus-autotask sync [--apply]\n\
  Reads the customers' endpoints and the seats in Autotask and prints the seat changes.\n\
  --apply   also sends the changes to Autotask.";

/// Runs `sync [--apply]` and returns the process exit code.
pub fn main(args: &[String]) -> i32 {
    let mut apply = false;
    for a in args {
        match a.as_str() {
            "--apply" => apply = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return 0;
            }
            other => {
                eprintln!("unknown argument {other}\n{USAGE}");
                return 2;
            }
        }
    }
    let _log = crate::logging::init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start: {e}");
            return 1;
        }
    };
    runtime.block_on(async {
        let app = match crate::state::open_real_app().await {
            Ok(app) => app,
            Err(e) => {
                eprintln!("cannot open the local store: {e}");
                return 1;
            }
        };
        match sync::run(&app, apply).await {
            Ok(report) => {
                print!("{}", sync::render(&report, apply));
                tracing::info!(apply, failures = report.failures, "sync finished");
                i32::from(report.failures > 0)
            }
            Err(e) => {
                tracing::error!(code = e.code(), error = %crate::ipc_error::chain(&e), "sync failed");
                eprintln!("sync failed: {e}");
                1
            }
        }
    })
}
