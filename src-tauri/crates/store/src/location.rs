//! Where the store lives: the OS app-data folder (Windows `%APPDATA%`, macOS
//! `~/Library/Application Support`, Linux `$XDG_DATA_HOME` or `~/.local/share`), unless
//! `ZORUS_AUTOTASK_DATA_DIR` names another folder (tests, portable use).

use std::path::PathBuf;

use crate::StoreError;

pub const DATA_DIR_ENV: &str = "ZORUS_AUTOTASK_DATA_DIR";
pub const DATABASE_FILE: &str = "zorus-autotask.sqlite3";
const APP_FOLDER: &str = "zorus-autotask";

pub fn data_dir() -> Result<PathBuf, StoreError> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir()
        .map(|d| d.join(APP_FOLDER))
        .ok_or(StoreError::NoDataDir)
}

pub fn database_path() -> Result<PathBuf, StoreError> {
    Ok(data_dir()?.join(DATABASE_FILE))
}
