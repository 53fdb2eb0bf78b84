//! The log file: tracing into a daily-rotated file in the OS log folder, seven days kept.
//!
//! tracing-appender because the crates already log through `tracing`, its writer runs on its own
//! thread (a slow disk never stalls a command), and it rotates and prunes old files itself, so
//! the app needs no log plugin with its own format and IPC surface.

use std::path::PathBuf;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter};

/// Overrides the log folder (tests read the file from there).
pub const LOG_DIR_ENV: &str = "ZORUS_AUTOTASK_LOG_DIR";
pub const LOG_FILE_PREFIX: &str = "zorus-autotask";
const IDENTIFIER: &str = "com.zorus.autotask.desktop";

/// The OS log folder Tauri itself uses for the app: `~/Library/Logs/<id>` on macOS,
/// `<local data>/<id>/logs` elsewhere.
pub fn log_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(LOG_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if cfg!(target_os = "macos") {
        if let Some(home) = dirs::home_dir() {
            return home.join("Library/Logs").join(IDENTIFIER);
        }
    }
    dirs::data_local_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join(IDENTIFIER)
        .join("logs")
}

/// Starts logging to the file (and to stderr in debug builds). Keep the guard for the life of
/// the process: dropping it flushes and stops the writer.
pub fn init() -> Option<WorkerGuard> {
    let dir = log_dir();
    let filter = || {
        EnvFilter::try_from_env("ZORUS_AUTOTASK_LOG")
            .unwrap_or_else(|_| EnvFilter::new("info,tao=warn,wry=warn"))
    };
    let appender = std::fs::create_dir_all(&dir).ok().and_then(|_| {
        RollingFileAppender::builder()
            .rotation(Rotation::DAILY)
            .filename_prefix(LOG_FILE_PREFIX)
            .filename_suffix("log")
            .max_log_files(7)
            .build(&dir)
            .ok()
    });
    let stderr = cfg!(debug_assertions).then(|| fmt::layer().with_writer(std::io::stderr));
    match appender {
        Some(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let file = fmt::layer().with_ansi(false).with_writer(writer);
            let _ = tracing_subscriber::registry()
                .with(filter())
                .with(file)
                .with(stderr)
                .try_init();
            tracing::info!(dir = %dir.display(), version = env!("CARGO_PKG_VERSION"), "started");
            Some(guard)
        }
        None => {
            let _ = tracing_subscriber::registry()
                .with(filter())
                .with(fmt::layer().with_writer(std::io::stderr))
                .try_init();
            tracing::warn!(dir = %dir.display(), "the log folder cannot be written; logging to stderr only");
            None
        }
    }
}
